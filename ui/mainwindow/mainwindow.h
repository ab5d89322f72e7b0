#pragma once
// The main window: repos on the left, the selected repo's pages on the right, status bar below.
// A view: the app's controller feeds it data and reacts to its signals.

#include "hub/account.h"
#include "hub/huberror.h"
#include "hub/repo.h"
#include "repopage/repopage.h"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QMessageBox;
class QMenu;
class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace hubgate {

class HubClient;
class RepoBrowser;
class CiCdAccessWindow;
class GatingSettingsPage;
class RepoOverviewPage;
class ReviewPage;
class StatusBarWidgets;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(HubClient *client, QWidget *parent = nullptr);

    void setSignedIn(const Account &account, const QString &tokenSource);
    void setSignedOut(const QString &why);
    void setEndpoint(const QUrl &endpoint, const QString &source);
    void setReposLoading();
    void setRepos(const QList<RepoSummary> &repos, const QList<HubError> &errors);
    void showError(const QString &message);
    // The main area while there is no repo to show: what happened and what to do next.
    void showSigningIn();
    void showHubUnreachable(const QString &message); // with Retry
    void showEndpointProblem(const QString &message);
    // Whether the notices offer "Hub Address…" (not when --endpoint or HF_ENDPOINT set it).
    void setHubAddressChangeable(bool changeable);

    RepoBrowser *repoBrowser() const { return m_browser; }
    RepoOverviewPage *overviewPage() const { return m_overview; }
    ReviewPage *reviewPage() const { return m_review; }
    GatingSettingsPage *settingsPage() const { return m_settings; }
    const QList<RepoPage *> &repoPages() const { return m_repoPages; }
    QTabWidget *repoTabs() const { return m_repoTabs; }
    void showReview();
    // Account ▸ CI/CD Access…: the signed-in user's publishers, in a window of its own.
    void showCiCdAccess();
    CiCdAccessWindow *ciCdAccessWindow() const;
    QString currentRepoKey() const;

    void restoreLayout();

Q_SIGNALS:
    void signInRequested();
    void signOutRequested();
    void refreshRequested();
    void retryRequested();
    void hubAddressRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void registerPages();
    // Adds a repo page: its tab, its View menu entry (Ctrl+1…9), and the repo it shows.
    template<typename Page>
    Page *addRepoPage(Page *page);
    void createActions();
    void onRepoSelected(const RepoSummary &repo);
    void onRepoTabChanged(int index);
    void onRepoChangedByPage(RepoPage *source, const RepoSummary &repo);
    RepoContext repoContext() const;
    void saveLayout();
    void showShortcuts();
    void showExport();
    enum NoticeButton { NoButton = 0, SignInButton = 1, RetryButton = 2, HubAddressButton = 4 };
    void showNotice(const QString &text, int buttons);
    void hideRepoPages();

    HubClient *m_client;
    QSplitter *m_splitter;
    RepoBrowser *m_browser;
    QStackedWidget *m_pages;
    QTabWidget *m_repoTabs;
    QList<RepoPage *> m_repoPages;
    QMenu *m_viewMenu = nullptr;
    RepoOverviewPage *m_overview = nullptr;
    ReviewPage *m_review = nullptr;
    GatingSettingsPage *m_settings = nullptr;
    Account m_account;
    RepoSummary m_repo;
    StatusBarWidgets *m_status;
    QAction *m_signOut = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_export = nullptr;
    QAction *m_cicdAccess = nullptr;
    QPointer<CiCdAccessWindow> m_cicdWindow;
    QString m_wantedRepo; // remembered selection, applied once the list arrives
    QWidget *m_notice = nullptr; // made on first use by showNotice()
    QLabel *m_noticeText = nullptr;
    QList<QPair<int, QWidget *>> m_noticeButtons;
    bool m_hubAddressChangeable = true;
    QPointer<QMessageBox> m_errorBox;
};

} // namespace hubgate
