#pragma once
// Reviewing a repo's access requests: status tabs with live counts, a sortable table with one
// column per gate-form field (the user frozen on the left, columns chosen per tab), search and
// filters, a details pane, and decisions on what the pane shows (accept, reject with a reason,
// cancel, grant) with keyboard shortcuts, confirmation of large runs, progress, retry and undo.
// The work itself is done by a ReviewSession (models/review); this page only shows it.

#include "decisions/decision.h"
#include "repopage/repopage.h"
#include "review/decisionreport.h"
#include "review/reviewcolumns.h"

#include <QHash>
#include <QPointer>

class QAction;
class QLabel;
class QSplitter;
class QTabBar;
class QTableView;

namespace hubgate {

class AccessRequestFilter;
class AccessRequestModel;
class FilterBar;
class HubClient;
class RequestDetails;
class RequestTable;
class ReviewSession;
class TaskBar;

class ReviewPage : public RepoPage
{
    Q_OBJECT
public:
    explicit ReviewPage(HubClient *client, QWidget *parent = nullptr);
    ~ReviewPage() override;

    QString title() const override { return tr("Access &requests"); }
    void showRepo(const RepoContext &context) override;
    void activate() override;
    void reload() override;
    bool isLoading() const override;

    // Requests of a status when the lists of that repo (RepoSummary::key()) are loaded.
    std::optional<int> requestCount(const QString &repoKey, const QString &status) const;
    bool isDeciding() const;
    // Decisions on more requests than this ask first (default 50, setting review/confirmAbove).
    void setConfirmationThreshold(int count) { m_confirmAbove = count; }

    ReviewSession *session() const { return m_session; }
    AccessRequestModel *model() const;
    AccessRequestFilter *filter() const { return m_filter; }
    QTableView *table() const;
    QTabBar *tabs() const { return m_tabs; }
    TaskBar *taskBar() const { return m_taskBar; }
    FilterBar *filterBar() const { return m_filterBar; }
    RequestDetails *details() const { return m_details; }
    QAction *action(DecisionKind kind) const;
    QAction *undoAction() const { return m_undo; }
    void showStatus(const QString &status);
    // The users the details pane shows, which every action acts on.
    QStringList shownUsers() const { return m_shownUsers; }

Q_SIGNALS:
    void loadingFinished(bool ok);
    void decisionFinished(const hubgate::DecisionReport &report);

private:
    void createActions();
    void connectSession();
    void updateTabs();
    void updateActions();
    void updateCount();
    void updateDetails();
    void applyColumns();
    void sizeNewColumns();
    void showColumnMenu(const QPoint &pos);
    QStringList selectedUsers() const;
    QString personOf(const QString &user) const;
    void decide(DecisionKind kind);
    void confirmThenRun(const Decision &decision);
    void run(const Decision &decision);
    void askGrant();
    void onDecisionFinished(const DecisionReport &report);
    void showReport(const DecisionReport &report);
    void restoreSelection();

    HubClient *m_client;
    ReviewSession *m_session;
    RepoContext m_context;
    bool m_stale = true; // the shown repo's lists are not loaded yet
    AccessRequestFilter *m_filter;
    QTabBar *m_tabs;
    FilterBar *m_filterBar;
    TaskBar *m_taskBar;
    RequestTable *m_table;
    RequestDetails *m_details;
    QSplitter *m_splitter;
    QLabel *m_notGated;
    QHash<DecisionKind, QAction *> m_actions;
    QAction *m_undo = nullptr;
    ReviewColumns m_columns;
    QHash<QString, int> m_widths; // by column key, kept across reloads and repos
    bool m_sizeNewColumns = false;
    QStringList m_shownUsers;
    QStringList m_keepSelection; // users selected before a model reset
    int m_keepScroll = -1;
    int m_nextRowHint = -1;
    int m_confirmAbove = 50;
    DecisionReport m_lastReport;
};

} // namespace hubgate
