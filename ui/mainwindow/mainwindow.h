#pragma once
// The main window: repos on the left, the selected repo's pages on the right, status bar below.
// A view: the app's controller feeds it data and reacts to its signals.

#include "hub/account.h"
#include "hub/huberror.h"
#include "hub/repo.h"

#include <QMainWindow>

class QLabel;
class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace hubgate {

class HubClient;
class RepoBrowser;
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

    RepoBrowser *repoBrowser() const { return m_browser; }
    RepoOverviewPage *overviewPage() const { return m_overview; }
    ReviewPage *reviewPage() const { return m_review; }
    GatingSettingsPage *settingsPage() const { return m_settings; }
    QTabWidget *repoTabs() const { return m_repoTabs; }
    void showReview();
    QString currentRepoKey() const;

    void restoreLayout();

Q_SIGNALS:
    void signInRequested();
    void signOutRequested();
    void refreshRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void onRepoSelected(const RepoSummary &repo);
    void onRepoTabChanged(int index);
    void saveLayout();

    HubClient *m_client;
    QSplitter *m_splitter;
    RepoBrowser *m_browser;
    QStackedWidget *m_pages;
    QLabel *m_placeholder;
    QTabWidget *m_repoTabs;
    RepoOverviewPage *m_overview;
    ReviewPage *m_review;
    GatingSettingsPage *m_settings;
    Account m_account;
    RepoSummary m_repo;
    bool m_reviewStale = false; // the selected repo's requests are not loaded yet
    StatusBarWidgets *m_status;
    QAction *m_signOut = nullptr;
    QAction *m_refresh = nullptr;
    QString m_wantedRepo; // remembered selection, applied once the list arrives
};

} // namespace hubgate
