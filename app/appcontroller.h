#pragma once
// Wires the app together: endpoint, token (keychain, discovered, or demo), sign-in, the repo
// list, and the main window.

#include "auth/tokendiscovery.h"
#include "hub/account.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace hubgate {

class DemoHub;
class HubClient;
class HubJob;
class MainWindow;
class RepoDirectoryJob;
class ScreenshotTaker;
class SignInDialog;
class TokenStore;

struct AppOptions
{
    bool demo = false;
    QString endpoint;       // --endpoint
    QString screenshotPath; // --screenshot
};

class AppController : public QObject
{
    Q_OBJECT
public:
    explicit AppController(AppOptions options, QObject *parent = nullptr);
    ~AppController() override;

    // Returns false (after telling the user) when the app cannot start.
    bool start();

    MainWindow *window() const { return m_window; }
    // The sign-in dialog while it is open.
    SignInDialog *signInDialog() const;

private:
    void useEndpoint(const QUrl &endpoint, const QString &source);
    void onStoredToken(const QUrl &endpoint, const QString &token);
    void verifyToken(const QString &token, const QString &source);
    void onVerified(HubJob *job, const QString &token, const QString &source);
    void askForToken(const QString &notice, bool focusHubAddress = false);
    void onSignInAccepted(SignInDialog *dialog);
    void switchEndpoint(const QUrl &endpoint);
    void signedIn(const Account &account, const QString &token, const QString &source);
    void endSession();
    void signOut();
    void loadRepos();
    void retry();

    AppOptions m_options;
    QNetworkAccessManager *m_nam;
    HubClient *m_client;
    TokenStore *m_tokens;
    MainWindow *m_window = nullptr;
    DemoHub *m_demo = nullptr;
    ScreenshotTaker *m_screenshot = nullptr;
    QUrl m_endpoint;
    QString m_endpointLock;   // why the address cannot be changed here; empty when it can
    QString m_keychainReason; // why there is no keychain; empty while there may be one
    Account m_account;
    bool m_signedIn = false;
    bool m_tokenInKeychain = false; // the signed-in token is stored in the keychain
    QPointer<HubJob> m_verifyJob;
    QPointer<RepoDirectoryJob> m_reposJob;
    QPointer<SignInDialog> m_dialog;
    std::function<void()> m_retry; // what Retry does after a failed whoami
};

} // namespace hubgate
