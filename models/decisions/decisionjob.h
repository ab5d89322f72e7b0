#pragma once
// Carries out a Decision on the Hub: the batch endpoint in chunks of 100 (grant: one call per
// user), sequentially, honouring rate limits (Retry-After, RateLimit headers), retrying network
// failures and 5xx safely (setting a status twice is harmless), with progress and cancel.
// Every user ends with an outcome; users not confirmed are remaining() and a new job for them
// completes exactly the remaining work. finished() is emitted once.

#include "decision.h"
#include "hub/huberror.h"
#include "hub/repo.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QJsonObject;

namespace hubgate {

class HubClient;
class HubJob;

struct DecisionOutcome
{
    QString user;
    bool ok = false;
    QString error; // user_not_found, request_not_found, or a sentence for call failures
};

class DecisionJob : public QObject
{
    Q_OBJECT
public:
    static constexpr int chunkSize = 100;

    // Users are taken once each, in order (duplicates dropped). Not self-deleting: the owner
    // reads the outcomes after finished() and deletes the job (deleteLater from the slot).
    DecisionJob(HubClient *client, RepoSummary repo, Decision decision, QObject *parent = nullptr);
    ~DecisionJob() override;

    // Finishes on a later turn of the event loop when there is nothing to send (no users, or
    // a rejection reason that is too long), so callers may connect after start().
    void start();
    // Aborts the call in flight (its users stay in remaining()) and finishes at once.
    void cancel();

    const Decision &decision() const { return m_decision; }
    QList<DecisionOutcome> outcomes() const;     // one per user that has an answer
    QStringList succeeded() const;
    QStringList failed() const;    // answered with an error (not retryable by running again)
    QStringList remaining() const; // never confirmed (cancelled or call failed): run these again
    // HTTP requests sent, automatic retries included (HubJob::attemptsMade()), so it matches
    // the server's count; a call aborted by cancel() counts as sent.
    int httpCalls() const { return m_calls; }
    bool wasCancelled() const { return m_cancelled; }
    // The failure that stopped the job (kind None when it ran to the end or was cancelled);
    // BadRequest with httpStatus 0 and the reason in detail and serverMessage when the decision
    // was refused locally, before any call.
    HubError lastError() const { return m_lastError; }
    // One or two sentences for the user about lastError(), empty when there is none.
    QString errorMessage() const;

Q_SIGNALS:
    void progress(int done, int total);
    void userDecided(const QString &user, bool ok, const QString &error);
    void waiting(int seconds, const QString &why); // rate limited: pausing before the next call
    void finished(hubgate::DecisionJob *job);

private:
    // implementation detail, free to change
    void next();
    // Sends one idempotent POST to .../user-access-request/<endpoint>, reporting 429 waits.
    HubJob *post(const QString &endpoint, const QJsonObject &body);
    void sendBatch(const QStringList &chunk);
    void sendGrant(const QString &user);
    void onBatchFinished(HubJob *job, const QStringList &chunk);
    void onGrantFinished(HubJob *job, const QString &user);
    bool stopOnFailure(HubJob *job); // true when the call failed and the job has finished
    void afterCall(HubJob *job);
    void finish();
    QString apiPath(const QString &action) const;
    HubClient *m_client;
    RepoSummary m_repo;
    Decision m_decision;
    QStringList m_users; // decision users without duplicates
    QString m_refusal;   // set when the decision was refused before any call
    QTimer m_pause;      // proactive wait when the rate limit is used up
    QHash<QString, DecisionOutcome> m_outcomes;
    int m_position = 0;
    int m_calls = 0;
    bool m_started = false;
    bool m_cancelled = false;
    bool m_done = false;
    HubError m_lastError;
    QPointer<HubJob> m_job;
};

} // namespace hubgate
