#include "mainwindow.h"

#include "hub/hubclient.h"
#include "repopage/repooverviewpage.h"
#include "review/reviewpage.h"
#include "settings/gatingsettingspage.h"
#include "repos/repolistmodel.h"
#include "repos/repobrowser.h"
#include "statusbarwidgets.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFrame>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>

namespace hubgate {

namespace {
const QString lastRepoKey = QStringLiteral("mainWindow/lastRepo");
}

MainWindow::MainWindow(HubClient *client, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_splitter(new QSplitter(this))
    , m_browser(new RepoBrowser(m_splitter))
    , m_pages(new QStackedWidget(m_splitter))
    , m_placeholder(new QLabel(m_pages))
    , m_repoTabs(new QTabWidget(m_pages))
    , m_overview(new RepoOverviewPage(client, m_repoTabs))
    , m_review(new ReviewPage(client, m_repoTabs))
    , m_settings(new GatingSettingsPage(client, m_repoTabs))
    , m_status(new StatusBarWidgets(this))
{
    setWindowTitle(tr("HubGate"));
    setObjectName(QStringLiteral("mainWindow"));
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_browser->setMinimumWidth(260);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setObjectName(QStringLiteral("placeholder"));
    m_placeholder->setText(tr("Select a repository on the left."));
    m_pages->addWidget(m_placeholder);
    m_repoTabs->setObjectName(QStringLiteral("repoTabs"));
    m_repoTabs->setDocumentMode(true);
    m_repoTabs->addTab(m_overview, tr("O&verview"));
    m_repoTabs->addTab(m_review, tr("Access &requests"));
    m_repoTabs->addTab(m_settings, tr("&Settings"));
    m_pages->addWidget(m_repoTabs);
    connect(m_repoTabs, &QTabWidget::currentChanged, this, &MainWindow::onRepoTabChanged);
    connect(m_settings, &GatingSettingsPage::repoChanged, this, [this](const RepoSummary &repo) {
        m_browser->model()->updateRepo(repo);
        m_repo = repo;
        m_overview->showRepo(repo);
        m_review->showRepo(repo);
    });
    m_splitter->addWidget(m_browser);
    m_splitter->addWidget(m_pages);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({340, 640});
    setCentralWidget(m_splitter);

    statusBar()->addWidget(m_status->user());
    auto *separator = new QFrame(this);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);
    statusBar()->addWidget(separator);
    statusBar()->addWidget(m_status->endpoint());
    statusBar()->addPermanentWidget(m_status->activity());
    connect(client, &HubClient::activityChanged, m_status, &StatusBarWidgets::setActiveJobs);
    connect(client, &HubClient::retrying, m_status, &StatusBarWidgets::setNote);
    connect(m_browser, &RepoBrowser::currentRepoChanged, this, &MainWindow::onRepoSelected);
    createActions();
    resize(1280, 800);
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *signIn = file->addAction(tr("Sign &In…"), this, &MainWindow::signInRequested);
    signIn->setShortcut(QKeySequence(tr("Ctrl+Shift+I")));
    m_signOut = file->addAction(tr("Sign &Out"), this, &MainWindow::signOutRequested);
    m_signOut->setEnabled(false);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_refresh = view->addAction(tr("&Refresh"), this, &MainWindow::refreshRequested);
    m_refresh->setShortcut(QKeySequence::Refresh);
    connect(m_refresh, &QAction::triggered, this, [this] {
        if (!m_reviewStale && !m_repo.id.isEmpty())
            m_review->reload();
    });
    m_refresh->setEnabled(false);
    QAction *find = view->addAction(tr("&Find Repository"), m_browser, &RepoBrowser::focusFilter);
    find->setShortcut(QKeySequence(tr("Ctrl+L")));
    view->addSeparator();
    const QStringList pages{tr("&Overview"), tr("&Access Requests"), tr("&Settings")};
    for (int i = 0; i < int(pages.size()); ++i) {
        QAction *page = view->addAction(pages[i], this, [this, i] {
            m_repoTabs->setCurrentIndex(i);
            if (i == 1)
                showReview();
        });
        page->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About HubGate"), this, [this] {
        QMessageBox::about(this, tr("About HubGate"),
                           tr("<b>HubGate %1</b><p>Review access requests and manage gated "
                              "repositories on the Hugging Face Hub.</p>")
                               .arg(QCoreApplication::applicationVersion()));
    });
}

void MainWindow::setEndpoint(const QUrl &endpoint, const QString &source)
{
    m_status->setEndpoint(tr("Hub: %1").arg(endpoint.toDisplayString()),
                          tr("Hub endpoint, from %1").arg(source));
}

void MainWindow::setSignedIn(const Account &account, const QString &tokenSource)
{
    m_account = account;
    m_review->setReviewer(account.name);
    m_status->setUser(tr("Signed in as %1").arg(account.name),
                      tr("%1, %2 token “%3” (%4)")
                          .arg(account.fullname, account.tokenRole, account.tokenName, tokenSource));
    m_signOut->setEnabled(true);
    m_refresh->setEnabled(true);
    const QString warning = account.tokenWarning();
    if (!warning.isEmpty())
        statusBar()->showMessage(warning, 15000);
}

void MainWindow::setSignedOut(const QString &why)
{
    m_status->setUser(tr("Not signed in"), why);
    m_signOut->setEnabled(false);
    m_refresh->setEnabled(false);
    m_browser->setRepos({});
    m_pages->setCurrentWidget(m_placeholder);
    m_placeholder->setText(why.isEmpty() ? tr("Sign in to see your gated repositories (File ▸ Sign In).")
                                         : why);
}

void MainWindow::setReposLoading()
{
    m_browser->setLoading(true);
}

void MainWindow::setRepos(const QList<RepoSummary> &repos, const QList<HubError> &errors)
{
    const QString keep = m_browser->currentKey().isEmpty() ? m_wantedRepo : m_browser->currentKey();
    m_browser->setRepos(repos);
    if (!keep.isEmpty() && m_browser->selectKey(keep))
        m_wantedRepo.clear();
    if (repos.isEmpty())
        m_placeholder->setText(tr("You administer no models or datasets yet."));
    QStringList problems;
    for (const HubError &error : errors)
        problems.append(error.message());
    if (!problems.isEmpty())
        showError(tr("Some repositories could not be listed:\n%1").arg(problems.join(QLatin1Char('\n'))));
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message.section(QLatin1Char('\n'), 0, 0), 20000);
    QMessageBox box(QMessageBox::Warning, tr("HubGate"), message, QMessageBox::Ok, this);
    box.setTextInteractionFlags(Qt::TextSelectableByMouse);
    box.exec();
}

QString MainWindow::currentRepoKey() const
{
    return m_browser->currentKey();
}

void MainWindow::onRepoSelected(const RepoSummary &repo)
{
    m_repo = repo;
    m_pages->setCurrentWidget(m_repoTabs);
    m_overview->showRepo(repo);
    bool orgRepo = false;
    for (const OrgMembership &org : std::as_const(m_account.orgs))
        orgRepo = orgRepo || org.name == repo.ns();
    m_settings->showRepo(repo, orgRepo);
    // Lists can be large: load them when the Access requests page is shown.
    m_reviewStale = true;
    if (m_repoTabs->currentWidget() == m_review)
        onRepoTabChanged(m_repoTabs->currentIndex());
    setWindowTitle(tr("%1 — HubGate").arg(repo.id));
}

void MainWindow::onRepoTabChanged(int index)
{
    if (m_repoTabs->widget(index) == m_review && m_reviewStale && !m_repo.id.isEmpty()) {
        m_reviewStale = false;
        m_review->showRepo(m_repo);
    }
}

void MainWindow::showReview()
{
    m_repoTabs->setCurrentWidget(m_review);
    QTableView *table = m_review->table();
    table->setFocus(Qt::ShortcutFocusReason);
    if (!table->selectionModel()->hasSelection() && table->model()->rowCount() > 0)
        table->selectRow(0);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("mainWindow/splitter")).toByteArray());
    m_browser->setGatedOnly(settings.value(QStringLiteral("mainWindow/gatedOnly"), true).toBool());
    m_wantedRepo = settings.value(lastRepoKey).toString();
    m_repoTabs->setCurrentIndex(settings.value(QStringLiteral("mainWindow/repoTab"), 0).toInt());
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("mainWindow/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("mainWindow/gatedOnly"), m_browser->gatedOnly());
    if (!m_browser->currentKey().isEmpty())
        settings.setValue(lastRepoKey, m_browser->currentKey());
    settings.setValue(QStringLiteral("mainWindow/repoTab"), m_repoTabs->currentIndex());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    event->accept();
}

} // namespace hubgate
