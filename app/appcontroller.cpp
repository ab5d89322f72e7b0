#include "appcontroller.h"

#include "publishers/publishervalidation.h"

#include "auth/tokenstore.h"
#include "demohub.h"
#include "hub/endpoint.h"
#include "hub/hubclient.h"
#include "hub/repodirectory.h"
#include "mainwindow/mainwindow.h"
#include "repopage/repooverviewpage.h"
#include "repos/repobrowser.h"
#include "review/reviewpage.h"
#include "screenshot.h"
#include "settings/gatingsettingspage.h"
#include "signin/signindialog.h"

#include <QApplication>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>

#include <cstdio>
#include <utility>

namespace hubgate {

AppController::AppController(AppOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_nam(new QNetworkAccessManager(this))
    , m_client(new HubClient(m_nam, defaultEndpoint(), this))
    , m_tokens(new TokenStore(this))
{
    connect(m_tokens, &TokenStore::loaded, this, &AppController::onStoredToken);
    connect(m_tokens, &TokenStore::saved, this, [this](const QUrl &endpoint, bool persisted) {
        if (endpoint == m_endpoint && m_signedIn)
            m_tokenInKeychain = persisted;
    });
    connect(m_tokens, &TokenStore::keychainUnavailable, this, [this](const QString &reason) {
        m_keychainReason = reason;
        if (m_dialog)
            m_dialog->setKeychainAvailable(false, reason);
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

SignInDialog *AppController::signInDialog() const
{
    return m_dialog;
}

bool AppController::start()
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // An explicit HF_ENDPOINT or --endpoint is set for this run on purpose: both win over the
    // address saved from the sign-in dialog.
    const bool fromEnvironment = !env.value(QStringLiteral("HF_ENDPOINT")).trimmed().isEmpty();
    const bool fromCommandLine = !m_options.endpoint.trimmed().isEmpty();
    const QString preference = QSettings().value(QStringLiteral("hub/endpoint")).toString();
    const EndpointChoice choice = chooseEndpoint(m_options.endpoint, preference, env);
    const QString problem = m_options.demo ? QString() : endpointProblem(choice.url);
    if (!problem.isEmpty() && fromCommandLine) {
        std::fprintf(stderr, "hubgate: %s\n", qPrintable(problem));
        return false;
    }
    if (m_options.demo)
        m_endpointLock = tr("The demo Hub is built into HubGate: start it without --demo to "
                            "choose another Hub.");
    else if (fromCommandLine)
        m_endpointLock = tr("Set by --endpoint for this run: start HubGate without it to choose "
                            "the Hub here.");
    else if (fromEnvironment)
        m_endpointLock = tr("Set by the HF_ENDPOINT environment variable: unset it to choose the "
                            "Hub here.");

    m_window = new MainWindow(m_client);
    m_window->restoreLayout();
    m_window->setHubAddressChangeable(m_endpointLock.isEmpty());
    connect(m_window, &MainWindow::signInRequested, this, [this] { askForToken({}); });
    connect(m_window, &MainWindow::signOutRequested, this, &AppController::signOut);
    connect(m_window, &MainWindow::refreshRequested, this, &AppController::loadRepos);
    connect(m_window, &MainWindow::retryRequested, this, &AppController::retry);
    connect(m_window, &MainWindow::hubAddressRequested, this, [this] { askForToken({}, true); });
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
            // The demo Hub's own OIDC issuer, so publishers and tokens of it can be tried.
            setTestIssuer(url.toString(QUrl::StripTrailingSlash) + QStringLiteral("/oidc-test"));
            verifyToken(DemoHub::demoToken(), tr("the demo Hub's demo user"));
        });
        connect(m_demo, &DemoHub::failed, this, [this](const QString &message) {
            m_window->showError(tr("The demo Hub could not start: %1").arg(message));
        });
        m_demo->start();
        return true;
    }

    useEndpoint(choice.url, choice.source);
    if (!problem.isEmpty()) {
        // Said in the window; the address can be fixed from there unless it is locked.
        m_window->showEndpointProblem(
            tr("HubGate cannot use the Hub address from %1. %2").arg(choice.source, problem));
        return true;
    }
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
        m_tokenInKeychain = !m_tokens->isSessionOnly();
        verifyToken(token, m_tokenInKeychain ? tr("the system keychain") : tr("this session"));
        return;
    }
    askForToken({});
}

void AppController::verifyToken(const QString &token, const QString &source)
{
    if (HubJob *job = m_verifyJob) {
        m_verifyJob = nullptr; // superseded: its answer would be stale
        job->cancel();
    }
    m_retry = nullptr;
    m_client->setToken(token);
    m_window->showSigningIn();
    m_verifyJob = m_client->get(QStringLiteral("/api/whoami-v2"), {}, tr("your account"));
    connect(m_verifyJob, &HubJob::finished, this,
            [this, token, source](HubJob *j) { onVerified(j, token, source); });
}

void AppController::onVerified(HubJob *job, const QString &token, const QString &source)
{
    if (job != m_verifyJob)
        return;
    m_verifyJob = nullptr;
    if (!job->isOk()) {
        m_client->setToken({});
        if (job->error().kind == HubError::Kind::InvalidToken) {
            m_window->setSignedOut({});
            askForToken(tr("The token from %1 was refused by the Hub: it is invalid or has "
                           "expired. Sign in with a new token.")
                            .arg(source));
            return;
        }
        // Nothing was decided about the token: the same check can simply be made again.
        m_retry = [this, token, source] {
            verifyToken(token, source);
        };
        m_window->showHubUnreachable(
            tr("HubGate could not check your token with the Hub at %1.\n%2")
                .arg(m_endpoint.toDisplayString(), job->error().message()));
        return;
    }
    QString error;
    const auto account = parseWhoami(job->body(), &error);
    if (!account) {
        m_retry = [this, token, source] {
            verifyToken(token, source);
        };
        m_window->showHubUnreachable(
            tr("The Hub's answer about your account could not be read: %1").arg(error));
        return;
    }
    signedIn(*account, token, source);
}

void AppController::askForToken(const QString &notice, bool focusHubAddress)
{
    if (SignInDialog *open = m_dialog) {
        open->raise();
        open->activateWindow();
        if (focusHubAddress)
            open->focusHubAddress();
        return;
    }
    auto *dialog = new SignInDialog(
        m_nam, m_endpoint, discoverTokens(QProcessEnvironment::systemEnvironment()), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setNotice(notice);
    if (m_options.demo)
        dialog->setKeychainAvailable(false, tr("Tokens of the demo Hub are not stored."));
    else if (!m_keychainReason.isEmpty() || m_tokens->isSessionOnly())
        dialog->setKeychainAvailable(false, m_keychainReason);
    if (!m_endpointLock.isEmpty())
        dialog->setEndpointLocked(m_endpointLock);
    connect(dialog, &QDialog::finished, this, [this] { m_dialog = nullptr; });
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_dialog = nullptr; // closing: a new question must open a new dialog
        onSignInAccepted(dialog);
    });
    m_dialog = dialog;
    dialog->open();
    if (focusHubAddress)
        dialog->focusHubAddress();
}

void AppController::onSignInAccepted(SignInDialog *dialog)
{
    if (dialog->endpointChanged()) {
        switchEndpoint(dialog->endpoint());
        if (dialog->token().isEmpty()) {
            m_tokens->load(m_endpoint); // the token stored for that Hub, or the dialog again
            return;
        }
    }
    endSession();              // whoever was signed in before
    m_tokenInKeychain = false; // until the keychain confirms the save
    signedIn(dialog->account(), dialog->token(), dialog->tokenSource());
    // Without a keychain the store keeps it in memory: switching Hubs and back needs no retyping.
    if (!m_options.demo && (dialog->rememberToken() || m_tokens->isSessionOnly()))
        m_tokens->save(m_endpoint, dialog->token());
}

void AppController::switchEndpoint(const QUrl &endpoint)
{
    const QUrl previous = m_endpoint;
    endSession();
    m_tokenInKeychain = false;
    QSettings().setValue(QStringLiteral("hub/endpoint"), endpoint.toString());
    useEndpoint(endpoint, QCoreApplication::translate("Endpoint", "preferences"));
    // The old Hub's token stays stored for it: switching back signs in again.
    m_window->setSignedOut(tr("Signed out of %1.").arg(previous.toDisplayString()));
}

void AppController::signedIn(const Account &account, const QString &token, const QString &source)
{
    m_retry = nullptr;
    m_account = account;
    m_signedIn = true;
    m_client->setToken(token);
    m_window->setSignedIn(account, source);
    loadRepos();
}

void AppController::endSession()
{
    if (RepoDirectoryJob *job = m_reposJob) {
        m_reposJob = nullptr; // its cancelled answer must not reach the window
        job->cancel();
    }
    if (HubJob *job = m_verifyJob) {
        m_verifyJob = nullptr;
        job->cancel();
    }
    m_retry = nullptr;
    m_signedIn = false;
    m_client->setToken({});
}

void AppController::signOut()
{
    endSession();
    QString why;
    if (m_options.demo) {
        why = tr("Signed out of the demo Hub.");
    } else {
        m_tokens->remove(m_endpoint);
        // Say what really happened to the token.
        if (m_tokenInKeychain)
            why = tr("Signed out. The token was removed from the system keychain.");
        else if (!m_keychainReason.isEmpty() || m_tokens->isSessionOnly())
            why = tr("Signed out. The token was forgotten; it was never stored on disk.");
        else
            why = tr("Signed out. The token was forgotten; it was not stored in the keychain.");
    }
    m_tokenInKeychain = false;
    m_window->setSignedOut(why);
}

void AppController::retry()
{
    if (m_signedIn) {
        loadRepos();
    } else if (m_retry) {
        const auto again = std::exchange(m_retry, nullptr);
        again();
    } else {
        askForToken({});
    }
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
