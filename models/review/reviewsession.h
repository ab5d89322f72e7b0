#pragma once
// Reviewing one repo's access requests, without any widget: the request lists (loaded in the
// background, refreshed in place), the gate form's columns, decisions carried out on the Hub with
// an undo stack and a retry of what was never confirmed. The review page only shows this.

#include "access/gateform.h"
#include "decisionhistory.h"
#include "decisionreport.h"
#include "hub/huberror.h"
#include "hub/repo.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

namespace hubgate {

class AccessRequestLoader;
class AccessRequestModel;
class DecisionJob;
class HubClient;
class HubJob;

class ReviewSession : public QObject
{
    Q_OBJECT
public:
    explicit ReviewSession(HubClient *client, QObject *parent = nullptr);
    ~ReviewSession() override;

    AccessRequestModel *model() const { return m_model; }
    const RepoSummary &repo() const { return m_repo; }
    const QList<GateField> &gateFields() const { return m_fields; }
    void setReviewer(const QString &userName) { m_reviewer = userName; }
    QString reviewer() const { return m_reviewer; }

    // A new repo: drops everything of the previous one and loads the gate form, then the lists.
    void open(const RepoSummary &repo);
    // Same repo, new facts (gating changed): nothing is reloaded.
    void updateRepo(const RepoSummary &repo);
    // Loads the gate form and the lists again. Rows stay in place (the view keeps its selection
    // and scroll position), changed ones are updated, gone ones removed; the columns are rebuilt
    // only when the form itself changed.
    void reload();
    // Stops loading or the running decision (its unconfirmed users can be retried).
    void cancel();
    bool isLoading() const;
    bool isLoaded() const { return m_loaded; } // every list of the current repo is complete
    bool isDeciding() const { return m_deciding; }

    // Runs a decision; false when another one runs or there is nobody to decide on.
    bool decide(const Decision &decision);
    bool canUndo() const { return !m_history.isEmpty() && !isDeciding(); }
    QString undoText() const; // "Undo reject of 3 requests", empty when nothing can be undone
    int undoDepth() const { return m_history.size(); }
    bool undo();
    // Users of the last run the Hub never confirmed (cancelled, or the call failed).
    int retryCount() const { return int(m_retry.users.size()); }
    bool retry();
    // The rejection reason sent from here for this user's current rejection, if any: the Hub
    // does not list reasons.
    QString knownReason(const QString &user) const { return m_reasons.value(user); }

Q_SIGNALS:
    void gateFieldsChanged(const QList<hubgate::GateField> &fields);
    void loadStarted(bool refresh);
    void loadProgress(int loaded);
    void loadFinished(bool ok, const QString &message);
    void decisionStarted(const QString &title, int total);
    void decisionProgress(int done, int total);
    void decisionWaiting(int seconds, const QString &why);
    void decisionFinished(const hubgate::DecisionReport &report);
    void historyChanged(); // undo or retry availability changed

private:
    struct Run; // the decisions of one decide(), undo() or retry(), carried out one by one
    void startLoading(bool refresh);
    void onRepoInfo(HubJob *job);
    void onLoaderFinished(bool ok, const QList<HubError> &errors);
    PriorState priorStateOf(const QString &user) const;
    void startRun(Run *run);
    void startNextJob();
    void onUserDecided(const QString &user, bool ok);
    void onJobFinished(DecisionJob *job);
    void finishRun();

    HubClient *m_client;
    AccessRequestModel *m_model;
    RepoSummary m_repo;
    QString m_reviewer;
    QList<GateField> m_fields;
    QPointer<HubJob> m_infoJob;
    QPointer<AccessRequestLoader> m_loader;
    bool m_refreshing = false;
    bool m_loaded = false;
    QHash<QString, QSet<QString>> m_seenInRefresh; // status -> users, during a refresh
    DecisionHistory m_history;
    QHash<QString, QString> m_reasons; // user -> reason sent from here for a current rejection
    Decision m_retry;                  // the last run's unconfirmed users
    QHash<QString, PriorState> m_retryBefore;
    Run *m_run = nullptr;
    bool m_deciding = false; // from the start of a run to its decisionFinished()
    QPointer<DecisionJob> m_job;
};

} // namespace hubgate
