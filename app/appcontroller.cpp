#include "appcontroller.h"

#include "auth/tokenstore.h"
#include "demohub.h"
#include "hub/endpoint.h"
#include "hub/hubclient.h"
#include "hub/repodirectory.h"
#include "mainwindow/mainwindow.h"
#include "repopage/repooverviewpage.h"
#include "repos/repobrowser.h"
#include "review/reviewpage.h"
#include "settings/gatingsettingspage.h"
#include "screenshot.h"
#include "signin/signindialog.h"

#include <QApplication>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>

namespace hubgate {

AppController::AppController(AppOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_nam(new QNetworkAccessManager(this))
    , m_client(new HubClient(m_nam, defaultEndpoint(), this))
    , m_tokens(new TokenStore(this))
{
    connect(m_tokens, &TokenStore::loaded, this, &AppController::onStoredToken);
    connect(m_tokens, &TokenStore::keychainUnavailable, this, [this](const QString &reason) {
        if (m_window)
            m_window->statusBar()->showMessage(
                tr("%1 The token is kept for this session only.").arg(reason), 20000);
    });
    connect(m_tokens, &TokenStore::failed, this, [this](const QString &message) {
        if (m_window)
            m_window->statusBar()->showMessage(message, 20000);
    });
}

AppController::~AppController()
{
    delete m_window;
}

bool AppController::start()
{
    m_window = new MainWindow(m_client);
    m_window->restoreLayout();
    connect(m_window, &MainWindow::signInRequested, this, [this] { askForToken({}); });
    connect(m_window, &MainWindow::signOutRequested, this, &AppController::signOut);
    connect(m_window, &MainWindow::refreshRequested, this, &AppController::loadRepos);
    if (!m_options.screenshotPath.isEmpty()) {
        m_screenshot = new ScreenshotTaker(m_window, m_options.screenshotPath, this);
        // The picture is taken when the page in front has its data.
        connect(m_window->overviewPage(), &RepoOverviewPage::loaded, m_screenshot, [this] {
            if (m_window->repoTabs()->currentWidget() == m_window->overviewPage())
                m_screenshot->dataReady();
        });
        connect(m_window->reviewPage(), &ReviewPage::loadingFinished, m_screenshot, [this] {
            if (m_window->repoTabs()->currentWidget() == m_window->reviewPage()) {
                m_window->showReview(); // selects the first request, so its details show
                m_screenshot->dataReady();
            }
        });
    }
    m_window->setSignedOut({});
    m_window->show();

    if (m_options.demo) {
        m_demo = new DemoHub(this);
        connect(m_demo, &DemoHub::ready, this, [this](const QUrl &url) {
            useEndpoint(url, tr("the embedded demo Hub"));
            verifyToken(DemoHub::demoToken(), tr("the demo Hub's demo user"));
        });
        connect(m_demo, &DemoHub::failed, this, [this](const QString &message) {
            m_window->showError(tr("The demo Hub could not start: %1").arg(message));
        });
        m_demo->start();
        return true;
    }

    const EndpointChoice choice =
        chooseEndpoint(m_options.endpoint, QSettings().value(QStringLiteral("hub/endpoint")).toString(),
                       QProcessEnvironment::systemEnvironment());
    const QString problem = endpointProblem(choice.url);
    if (!problem.isEmpty()) {
        QMessageBox::critical(nullptr, tr("HubGate"), problem);
        return false;
    }
    useEndpoint(choice.url, choice.source);
    m_tokens->load(m_endpoint);
    return true;
}

void AppController::useEndpoint(const QUrl &endpoint, const QString &source)
{
    m_endpoint = endpoint;
    m_client->setEndpoint(endpoint);
    m_window->setEndpoint(endpoint, source);
}

void AppController::onStoredToken(const QUrl &endpoint, const QString &token)
{
    if (endpoint != m_endpoint || m_signedIn)
        return;
    if (!token.isEmpty()) {
        verifyToken(token, tr("the system keychain"));
        return;
    }
    askForToken({});
}

void AppController::verifyToken(const QString &token, const QString &source)
{
    m_client->setToken(token);
    HubJob *job = m_client->get(QStringLiteral("/api/whoami-v2"), {}, tr("your account"));
    connect(job, &HubJob::finished, this,
            [this, token, source](HubJob *j) { onVerified(j, token, source); });
}

void AppController::onVerified(HubJob *job, const QString &token, const QString &source)
{
    if (!job->isOk()) {
        m_client->setToken({});
        if (job->error().kind == HubError::Kind::InvalidToken)
            askForToken(tr("The token from %1 was refused by the Hub: it is invalid or has "
                           "expired. Sign in with a new token.").arg(source));
        else
            m_window->showError(job->error().message());
        return;
    }
    QString error;
    const auto account = parseWhoami(job->body(), &error);
    if (!account) {
        m_window->showError(tr("The Hub's answer about your account could not be read: %1").arg(error));
        return;
    }
    signedIn(*account, token, source);
}

void AppController::askForToken(const QString &notice)
{
    auto *dialog = new SignInDialog(m_nam, m_endpoint,
                                    discoverTokens(QProcessEnvironment::systemEnvironment()), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QString text = notice;
    if (m_tokens->isSessionOnly())
        text += (text.isEmpty() ? QString() : QStringLiteral("<br>")) +
                tr("No system keychain is available: the token will be kept for this session only.");
    dialog->setNotice(text);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (dialog->rememberToken())
            m_tokens->save(m_endpoint, dialog->token());
        signedIn(dialog->account(), dialog->token(), dialog->tokenSource());
    });
    dialog->open();
}

void AppController::signedIn(const Account &account, const QString &token, const QString &source)
{
    m_account = account;
    m_signedIn = true;
    m_client->setToken(token);
    m_window->setSignedIn(account, source);
    loadRepos();
}

void AppController::signOut()
{
    if (RepoDirectoryJob *job = m_reposJob) {
        m_reposJob = nullptr; // its cancelled answer must not reach the window
        job->cancel();
    }
    m_signedIn = false;
    m_client->setToken({});
    if (!m_options.demo)
        m_tokens->remove(m_endpoint);
    m_window->setSignedOut(tr("Signed out. The token was removed from the keychain."));
}

void AppController::loadRepos()
{
    if (!m_signedIn)
        return;
    if (RepoDirectoryJob *job = m_reposJob) {
        m_reposJob = nullptr; // superseded: its answer would be stale
        job->cancel();
    }
    m_window->setReposLoading();
    m_reposJob = new RepoDirectoryJob(m_client, m_account, this);
    connect(m_reposJob, &RepoDirectoryJob::finished, this, [this](RepoDirectoryJob *job) {
        if (job != m_reposJob)
            return;
        m_window->setRepos(job->repos(), job->errors());
        if (m_screenshot) {
            if (m_window->currentRepoKey().isEmpty()) {
                QTreeView *view = m_window->repoBrowser()->view();
                view->setCurrentIndex(view->model()->index(0, 0));
            }
            if (m_window->currentRepoKey().isEmpty() ||
                m_window->repoTabs()->currentWidget() == m_window->settingsPage())
                m_screenshot->dataReady();
        }
    });
    m_reposJob->start();
}

} // namespace hubgate
