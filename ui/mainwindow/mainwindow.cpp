#include "mainwindow.h"

#include "access/accessrequestfilter.h"
#include "common/elidedlabel.h"
#include "gateform/gateformpage.h"
#include "hub/hubclient.h"
#include "insights/insightspage.h"
#include "publishers/cicdaccesswindow.h"
#include "publishers/publisherspage.h"
#include "repopage/repooverviewpage.h"
#include "reports/exportdialog.h"
#include "review/reviewpage.h"
#include "settings/gatingsettingspage.h"
#include "repos/repolistmodel.h"
#include "repos/repobrowser.h"
#include "shortcutsdialog.h"
#include "statusbarwidgets.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QPointer>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

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
    , m_repoTabs(new QTabWidget(m_pages))
    , m_status(new StatusBarWidgets(this))
{
    setWindowTitle(tr("HubGate"));
    setObjectName(QStringLiteral("mainWindow"));
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_browser->setMinimumWidth(260);
    m_repoTabs->setObjectName(QStringLiteral("repoTabs"));
    m_repoTabs->setDocumentMode(true);
    m_pages->addWidget(m_repoTabs);
    createActions();
    registerPages();
    connect(m_repoTabs, &QTabWidget::currentChanged, this, &MainWindow::onRepoTabChanged);
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
    resize(1280, 800);
}

void MainWindow::registerPages()
{
    // One line per repo page, in tab order.
    m_overview = addRepoPage(new RepoOverviewPage(m_client, m_repoTabs));
    m_review = addRepoPage(new ReviewPage(m_client, m_repoTabs));
    m_settings = addRepoPage(new GatingSettingsPage(m_client, m_repoTabs));
    addRepoPage(new GateFormPage(m_client, m_repoTabs));
    addRepoPage(new InsightsPage(m_repoTabs));
    addRepoPage(new PublishersPage(m_client, m_repoTabs));
}

template<typename Page>
Page *MainWindow::addRepoPage(Page *page)
{
    const int index = m_repoTabs->addTab(page, page->title());
    m_repoPages.append(page);
    connect(page, &RepoPage::repoChanged, this,
            [this, page](const RepoSummary &repo) { onRepoChangedByPage(page, repo); });
    if (index < 9) {
        QAction *show = m_viewMenu->addAction(page->title(), this, [this, page] {
            m_repoTabs->setCurrentWidget(page);
            if (static_cast<RepoPage *>(page) == m_review)
                showReview();
        });
        show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
    }
    return page;
}

CiCdAccessWindow *MainWindow::ciCdAccessWindow() const
{
    return m_cicdWindow;
}

void MainWindow::showCiCdAccess()
{
    if (!m_cicdWindow)
        m_cicdWindow = new CiCdAccessWindow(m_client, this);
    m_cicdWindow->showUser(m_account.name);
    m_cicdWindow->show();
    m_cicdWindow->raise();
    m_cicdWindow->activateWindow();
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *signIn = file->addAction(tr("Sign &In…"), this, &MainWindow::signInRequested);
    signIn->setShortcut(QKeySequence(tr("Ctrl+Shift+I")));
    m_signOut = file->addAction(tr("Sign &Out"), this, &MainWindow::signOutRequested);
    m_signOut->setEnabled(false);
    file->addSeparator();
    m_export = file->addAction(tr("&Export Access Requests…"), this, &MainWindow::showExport);
    m_export->setShortcut(QKeySequence(tr("Ctrl+E")));
    m_export->setEnabled(false);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_refresh = view->addAction(tr("&Refresh"), this, &MainWindow::refreshRequested);
    m_refresh->setShortcut(QKeySequence::Refresh);
    connect(m_refresh, &QAction::triggered, this, [this] {
        if (m_repo.id.isEmpty())
            return;
        if (auto *page = qobject_cast<RepoPage *>(m_repoTabs->currentWidget()))
            page->reload();
    });
    m_refresh->setEnabled(false);
    QAction *find = view->addAction(tr("&Find Repository"), m_browser, &RepoBrowser::focusFilter);
    find->setShortcut(QKeySequence(tr("Ctrl+L")));
    view->addSeparator();
    m_viewMenu = view; // registerPages() adds one entry per repo page

    QMenu *account = menuBar()->addMenu(tr("&Account"));
    m_cicdAccess = account->addAction(tr("&CI/CD Access…"), this, &MainWindow::showCiCdAccess);
    m_cicdAccess->setShortcut(QKeySequence(tr("Ctrl+Shift+A")));
    m_cicdAccess->setEnabled(false);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    keys->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About HubGate"), this, [this] {
        auto *box = new QMessageBox(QMessageBox::Information, tr("About HubGate"),
                                    tr("<b>HubGate %1</b><p>Review access requests and manage gated "
                                       "repositories on the Hugging Face Hub.</p>")
                                        .arg(QCoreApplication::applicationVersion()),
                                    QMessageBox::Close, this);
        box->setIconPixmap(windowIcon().pixmap(64, 64));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open(); // not exec(): no nested event loop
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
    m_status->setUser(tr("Signed in as %1").arg(account.name),
                      tr("%1, %2 token “%3” (%4)")
                          .arg(account.fullname, account.tokenRole, account.tokenName, tokenSource));
    m_signOut->setEnabled(true);
    m_cicdAccess->setEnabled(true);
    m_refresh->setEnabled(true);
    // The list and pages were about the previous token: none of it may stay on screen.
    hideRepoPages();
    const QString warning = account.tokenWarning();
    if (!warning.isEmpty())
        showNotice(tr("%1\n\nSign in with a write token, or a fine-grained token with the "
                      "“repo.write” permission on your account or organization, to review "
                      "requests and change gating.")
                       .arg(warning),
                   SignInButton);
    else
        showNotice(tr("Loading your repositories…"), NoButton);
}

void MainWindow::setSignedOut(const QString &why)
{
    m_account = Account();
    m_status->setUser(tr("Not signed in"), why);
    m_signOut->setEnabled(false);
    m_cicdAccess->setEnabled(false);
    if (m_cicdWindow)
        m_cicdWindow->close();
    m_refresh->setEnabled(false);
    hideRepoPages();
    showNotice(why.isEmpty() ? tr("Sign in to see your gated repositories.")
                             : why + QLatin1Char('\n') + tr("Sign in again to continue."),
               SignInButton);
}

void MainWindow::showSigningIn()
{
    hideRepoPages();
    showNotice(tr("Checking your token with the Hub…"), NoButton);
}

void MainWindow::showHubUnreachable(const QString &message)
{
    statusBar()->showMessage(message.section(QLatin1Char('\n'), 0, 0), 20000);
    m_browser->setLoading(false);
    hideRepoPages();
    showNotice(message, RetryButton | HubAddressButton);
}

void MainWindow::showEndpointProblem(const QString &message)
{
    hideRepoPages();
    showNotice(message, HubAddressButton);
}

void MainWindow::setHubAddressChangeable(bool changeable)
{
    m_hubAddressChangeable = changeable;
}

void MainWindow::hideRepoPages()
{
    if (!m_browser->currentKey().isEmpty())
        m_wantedRepo = m_browser->currentKey(); // selected again if the next list has it
    m_browser->setRepos({});
    m_repo = RepoSummary();
    m_export->setEnabled(false);
    setWindowTitle(tr("HubGate"));
}

void MainWindow::showNotice(const QString &text, int buttons)
{
    if (!m_notice) {
        m_notice = new QWidget(m_pages);
        m_notice->setObjectName(QStringLiteral("notice"));
        m_noticeText = new QLabel(m_notice);
        m_noticeText->setObjectName(QStringLiteral("noticeText"));
        m_noticeText->setAlignment(Qt::AlignCenter);
        m_noticeText->setWordWrap(true);
        m_noticeText->setTextFormat(Qt::PlainText);
        m_noticeText->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *row = new QHBoxLayout;
        row->addStretch();
        const auto add = [this, row](int kind, const QString &label, const char *name,
                                     void (MainWindow::*signal)()) {
            auto *button = new QPushButton(label, m_notice);
            button->setObjectName(QString::fromLatin1(name));
            connect(button, &QPushButton::clicked, this, signal);
            row->addWidget(button);
            m_noticeButtons.append({kind, button});
        };
        add(RetryButton, tr("&Retry"), "noticeRetry", &MainWindow::retryRequested);
        add(SignInButton, tr("Sign &In…"), "noticeSignIn", &MainWindow::signInRequested);
        add(HubAddressButton, tr("&Hub Address…"), "noticeHubAddress", &MainWindow::hubAddressRequested);
        row->addStretch();
        auto *layout = new QVBoxLayout(m_notice);
        layout->setContentsMargins(48, 24, 48, 24);
        layout->addStretch(1); // a third above, two thirds below
        // Full width, text centred: an aligned word-wrapped label gets too narrow and is cut.
        layout->addWidget(m_noticeText);
        layout->addLayout(row);
        layout->addStretch(2);
        m_pages->addWidget(m_notice);
    }
    if (!m_hubAddressChangeable)
        buttons &= ~HubAddressButton;
    m_noticeText->setText(text);
    QWidget *first = nullptr;
    for (const auto &[kind, button] : std::as_const(m_noticeButtons)) {
        button->setVisible(buttons & kind);
        if (!first && (buttons & kind))
            first = button;
    }
    m_pages->setCurrentWidget(m_notice);
    // Keyboard users land on what to do next, unless they are typing elsewhere.
    if (first && (!QApplication::focusWidget() || QApplication::focusWidget() == m_pages ||
                  m_pages->isAncestorOf(QApplication::focusWidget())))
        first->setFocus(Qt::OtherFocusReason);
}

void MainWindow::setReposLoading()
{
    m_browser->setLoading(true);
    if (m_pages->currentWidget() != m_repoTabs && m_account.tokenWarning().isEmpty())
        showNotice(tr("Loading your repositories…"), NoButton);
}

void MainWindow::setRepos(const QList<RepoSummary> &repos, const QList<HubError> &errors)
{
    const QString keep = m_browser->currentKey().isEmpty() ? m_wantedRepo : m_browser->currentKey();
    m_browser->setRepos(repos);
    if (!keep.isEmpty() && m_browser->selectKey(keep))
        m_wantedRepo.clear();
    QStringList problems;
    for (const HubError &error : errors)
        problems.append(error.message());
    if (m_browser->currentKey().isEmpty()) {
        // No repo page to show: say why, and what to do.
        const QString warning = m_account.tokenWarning();
        m_repo = RepoSummary();
        m_export->setEnabled(false);
        if (!m_account.name.isEmpty() && !warning.isEmpty())
            return; // setSignedIn() explained the token; nothing more to add
        if (repos.isEmpty() && !problems.isEmpty())
            showNotice(tr("The repositories could not be listed.\n%1")
                           .arg(problems.join(QLatin1Char('\n'))),
                       RetryButton | HubAddressButton);
        else if (repos.isEmpty())
            showNotice(tr("There are no models or datasets this token can manage: none are owned "
                          "by %1 or by an organization where %1 has the admin or write role.")
                           .arg(m_account.name.isEmpty() ? tr("you") : m_account.name),
                       SignInButton);
        else
            showNotice(tr("Select a repository on the left."), NoButton);
    }
    if (!problems.isEmpty() && !repos.isEmpty())
        showError(tr("Some repositories could not be listed:\n%1").arg(problems.join(QLatin1Char('\n'))));
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message.section(QLatin1Char('\n'), 0, 0), 20000);
    // Window-modal but asynchronous: no nested event loop under a network callback.
    if (m_errorBox) {
        m_errorBox->setText(m_errorBox->text() + QStringLiteral("\n\n") + message);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("HubGate"), message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorBox = box;
    box->open();
}

QString MainWindow::currentRepoKey() const
{
    return m_browser->currentKey();
}

RepoContext MainWindow::repoContext() const
{
    RepoContext context;
    context.repo = m_repo;
    for (const OrgMembership &org : std::as_const(m_account.orgs))
        context.orgRepo = context.orgRepo || org.name == m_repo.ns();
    context.userName = m_account.name;
    const QPointer<ReviewPage> review = m_review;
    const QString key = m_repo.key();
    context.requestCount = [review, key](const QString &status) -> std::optional<int> {
        return review ? review->requestCount(key, status) : std::nullopt;
    };
    context.requests = [review]() -> ReviewSession * {
        if (!review)
            return nullptr;
        review->activate(); // loads the lists unless the review page did already
        return review->session();
    };
    return context;
}

void MainWindow::onRepoSelected(const RepoSummary &repo)
{
    // The repo list was reloaded (F5) and the same repo selected again: its pages keep what
    // they show; only a different repo starts them afresh.
    const bool sameRepo = repo.key() == m_repo.key() && m_pages->currentWidget() == m_repoTabs;
    m_repo = repo;
    m_export->setEnabled(true);
    m_pages->setCurrentWidget(m_repoTabs);
    const RepoContext context = repoContext();
    for (RepoPage *page : std::as_const(m_repoPages))
        if (!sameRepo || page == m_review)
            page->showRepo(context); // the review page only takes the new facts of the same repo
    if (auto *page = qobject_cast<RepoPage *>(m_repoTabs->currentWidget()))
        page->activate();
    setWindowTitle(tr("%1 — HubGate").arg(repo.id));
}

void MainWindow::onRepoChangedByPage(RepoPage *source, const RepoSummary &repo)
{
    m_browser->model()->updateRepo(repo);
    m_repo = repo;
    const RepoContext context = repoContext();
    for (RepoPage *page : std::as_const(m_repoPages))
        if (page != source)
            page->showRepo(context);
}

void MainWindow::onRepoTabChanged(int index)
{
    if (m_repo.id.isEmpty())
        return;
    if (auto *page = qobject_cast<RepoPage *>(m_repoTabs->widget(index)))
        page->activate();
}

void MainWindow::showReview()
{
    m_repoTabs->setCurrentWidget(m_review);
    QTableView *table = m_review->table();
    table->setFocus(Qt::ShortcutFocusReason);
    if (!table->selectionModel()->hasSelection() && table->model()->rowCount() > 0)
        table->selectRow(0);
}

void MainWindow::showExport()
{
    if (m_repo.id.isEmpty())
        return;
    m_review->activate(); // the selected repo's lists load unless they did already
    auto *dialog = new ExportDialog(m_client, m_review->session(), m_review->filter(),
                                    m_browser->model()->repos(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show(); // non-modal: the window stays usable while it writes
}

void MainWindow::showShortcuts()
{
    auto *dialog = new ShortcutsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
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
