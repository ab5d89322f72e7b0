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

    DecisionJob(HubClient *client, RepoSummary repo, Decision decision, QObject *parent = nullptr);
    ~DecisionJob() override;

    void start();
    void cancel();

    const Decision &decision() const { return m_decision; }
    QList<DecisionOutcome> outcomes() const;     // one per user that has an answer
    QStringList succeeded() const;
    QStringList failed() const;    // answered with an error (not retryable by running again)
    QStringList remaining() const; // never confirmed (cancelled or call failed): run these again
    int httpCalls() const { return m_calls; }
    bool wasCancelled() const { return m_cancelled; }
    HubError lastError() const { return m_lastError; }

Q_SIGNALS:
    void progress(int done, int total);
    void userDecided(const QString &user, bool ok, const QString &error);
    void waiting(int seconds, const QString &why); // rate limited: pausing before the next call
    void finished(hubgate::DecisionJob *job);

private:
    // implementation detail, free to change
    void next();
    HubClient *m_client;
    RepoSummary m_repo;
    Decision m_decision;
    QHash<QString, DecisionOutcome> m_outcomes;
    int m_position = 0;
    int m_calls = 0;
    bool m_cancelled = false;
    bool m_done = false;
    HubError m_lastError;
    QPointer<HubJob> m_job;
};

} // namespace hubgate
