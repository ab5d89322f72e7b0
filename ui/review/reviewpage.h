#pragma once
// Reviewing a repo's access requests: status tabs with live counts, a sortable table with one
// column per gate-form field, search and filters, a details pane, and decisions on one or many
// rows (accept, reject with a reason, cancel, grant) with keyboard shortcuts, bulk progress,
// retry of failures and undo.

#include "access/gateform.h"
#include "decisions/decision.h"
#include "decisions/decisionjob.h"
#include "hub/hubjob.h"
#include "hub/repo.h"

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QSplitter;
class QTabBar;
class QTableView;

namespace hubgate {

class AccessRequestFilter;
class AccessRequestLoader;
class AccessRequestModel;
class FilterBar;
class HubClient;
class RequestDetails;
class TaskBar;

class ReviewPage : public QWidget
{
    Q_OBJECT
public:
    explicit ReviewPage(HubClient *client, QWidget *parent = nullptr);
    ~ReviewPage() override;

    void setReviewer(const QString &userName) { m_reviewer = userName; }
    void showRepo(const RepoSummary &repo);
    // Loads the lists again, keeping the selection and the scroll position.
    void reload();

    bool isLoading() const;
    bool isDeciding() const;
    AccessRequestModel *model() const { return m_model; }
    AccessRequestFilter *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QTabBar *tabs() const { return m_tabs; }
    TaskBar *taskBar() const { return m_taskBar; }
    QAction *action(DecisionKind kind) const;
    QAction *undoAction() const { return m_undo; }
    void showStatus(const QString &status);

Q_SIGNALS:
    void loadingFinished(bool ok);
    void decisionFinished();

private:
    void createActions();
    void startLoading(bool refresh);
    void onRepoInfo(HubJob *job);
    void onLoaderFinished(bool ok, const QList<HubError> &errors);
    void updateTabs();
    void updateActions();
    void updateCount();
    void onCurrentChanged();
    QStringList selectedUsers() const;
    void decide(DecisionKind kind);
    void askGrant();
    void run(const Decision &decision, const QHash<QString, QString> &previousStatus);
    void onDecisionFinished(DecisionJob *job);
    void undoLast();
    void showFailures(const QString &summary, const QList<DecisionOutcome> &outcomes);

    HubClient *m_client;
    RepoSummary m_repo;
    QString m_reviewer;
    QList<GateField> m_fields;
    AccessRequestModel *m_model;
    AccessRequestFilter *m_filter;
    QTabBar *m_tabs;
    FilterBar *m_filterBar;
    TaskBar *m_taskBar;
    QTableView *m_table;
    RequestDetails *m_details;
    QSplitter *m_splitter;
    QLabel *m_notGated;
    QHash<DecisionKind, QAction *> m_actions;
    QAction *m_undo = nullptr;
    QPointer<HubJob> m_infoJob;
    QPointer<AccessRequestLoader> m_loader;
    QHash<QString, QSet<QString>> m_seenInRefresh; // status -> users, during a refresh
    bool m_refreshing = false;
    QPointer<DecisionJob> m_decision;
    QHash<QString, QString> m_previousStatus; // of the running decision, for undo
    QList<Decision> m_undoStack;              // the last decision's inverse, per previous status
    QStringList m_lastRemaining;              // users to retry after a failed bulk run
    Decision m_lastDecision;
    int m_nextRowHint = -1;
    bool m_columnsSized = false;
    QTimer m_undoExpiry; // undo is offered for a short while only
};

} // namespace hubgate
