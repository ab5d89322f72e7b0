#pragma once
// Wires the app together: endpoint, token (keychain, discovered, or demo), sign-in, the repo
// list, and the main window.

#include "auth/tokendiscovery.h"
#include "hub/account.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;

namespace hubgate {

class DemoHub;
class HubClient;
class HubJob;
class MainWindow;
class RepoDirectoryJob;
class ScreenshotTaker;
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

private:
    void useEndpoint(const QUrl &endpoint, const QString &source);
    void onStoredToken(const QUrl &endpoint, const QString &token);
    void verifyToken(const QString &token, const QString &source);
    void onVerified(HubJob *job, const QString &token, const QString &source);
    void askForToken(const QString &notice);
    void signedIn(const Account &account, const QString &token, const QString &source);
    void signOut();
    void loadRepos();

    AppOptions m_options;
    QNetworkAccessManager *m_nam;
    HubClient *m_client;
    TokenStore *m_tokens;
    MainWindow *m_window = nullptr;
    DemoHub *m_demo = nullptr;
    ScreenshotTaker *m_screenshot = nullptr;
    QUrl m_endpoint;
    Account m_account;
    bool m_signedIn = false;
    QPointer<RepoDirectoryJob> m_reposJob;
};

} // namespace hubgate
