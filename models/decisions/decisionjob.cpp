#include "decisionjob.h"

#include "hub/hubclient.h"
#include "hub/hubjob.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace hubgate {

namespace {

// Seconds until the rate-limit window resets when the IETF RateLimit header says that no call
// is left ("api";r=0;t=55); -1 otherwise.
int exhaustedWindowSeconds(const QByteArray &header)
{
    static const QRegularExpression remaining(QStringLiteral(";\\s*r=(\\d+)"));
    static const QRegularExpression reset(QStringLiteral(";\\s*t=(\\d+)"));
    const QString text = QString::fromLatin1(header);
    const auto r = remaining.match(text);
    const auto t = reset.match(text);
    if (!r.hasMatch() || !t.hasMatch() || r.captured(1).toInt() != 0)
        return -1;
    return t.captured(1).toInt();
}

} // namespace

DecisionJob::DecisionJob(HubClient *client, RepoSummary repo, Decision decision, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_repo(std::move(repo))
    , m_decision(std::move(decision))
{
    QSet<QString> seen; // a set: bulk decisions can name hundreds of thousands of users
    for (const QString &user : std::as_const(m_decision.users))
        if (!seen.contains(user)) {
            seen.insert(user);
            m_users.append(user);
        }
    m_pause.setSingleShot(true);
    // A coarse timer may fire up to 5 % early, which would land inside the old window.
    m_pause.setTimerType(Qt::PreciseTimer);
    connect(&m_pause, &QTimer::timeout, this, &DecisionJob::next);
}

DecisionJob::~DecisionJob()
{
    if (m_job) {
        m_job->disconnect(this);
        m_job->cancel();
    }
}

QString DecisionJob::apiPath(const QString &action) const
{
    return m_repo.apiPath(QStringLiteral("user-access-request/") + action);
}

void DecisionJob::start()
{
    if (m_started || m_done)
        return;
    m_started = true;
    const int length = reasonLength(m_decision.reason);
    if (m_decision.kind == DecisionKind::Reject && length > maxRejectionReasonLength) {
        // The Hub would refuse every call: say why once, without sending anything.
        m_refusal = tr("The rejection reason has %1 characters; the Hub accepts at most %2. "
                       "Shorten it and try again.")
                        .arg(length)
                        .arg(maxRejectionReasonLength);
        m_lastError.kind = HubError::Kind::BadRequest;
        m_lastError.subject = m_repo.id;
        m_lastError.detail = m_refusal;
        m_lastError.serverMessage = m_refusal; // what the Hub would answer; message() shows it
        for (const QString &user : std::as_const(m_users))
            m_outcomes.insert(user, DecisionOutcome{user, false, m_refusal});
        QTimer::singleShot(0, this, [this] {
            if (m_done) // cancelled meanwhile
                return;
            for (const QString &user : std::as_const(m_users))
                Q_EMIT userDecided(user, false, m_refusal);
            Q_EMIT progress(int(m_outcomes.size()), int(m_users.size()));
            finish();
        });
        return;
    }
    if (m_users.isEmpty()) {
        QTimer::singleShot(0, this, &DecisionJob::finish);
        return;
    }
    next();
}

void DecisionJob::cancel()
{
    if (m_done)
        return;
    m_cancelled = true;
    m_pause.stop();
    if (HubJob *job = m_job) {
        m_job = nullptr;
        job->cancel(); // finishes it at once; onBatchFinished() ignores the cancelled answer
    }
    finish();
}

QString DecisionJob::errorMessage() const
{
    return m_refusal.isEmpty() ? m_lastError.message() : m_refusal;
}

QList<DecisionOutcome> DecisionJob::outcomes() const
{
    QList<DecisionOutcome> out;
    for (const QString &user : m_users) {
        const auto it = m_outcomes.constFind(user);
        if (it != m_outcomes.cend())
            out.append(*it);
    }
    return out;
}

QStringList DecisionJob::succeeded() const
{
    QStringList out;
    for (const QString &user : m_users) {
        const auto it = m_outcomes.constFind(user);
        if (it != m_outcomes.cend() && it->ok)
            out.append(user);
    }
    return out;
}

QStringList DecisionJob::failed() const
{
    QStringList out;
    for (const QString &user : m_users) {
        const auto it = m_outcomes.constFind(user);
        if (it != m_outcomes.cend() && !it->ok)
            out.append(user);
    }
    return out;
}

QStringList DecisionJob::remaining() const
{
    QStringList out;
    for (const QString &user : m_users)
        if (!m_outcomes.contains(user))
            out.append(user);
    return out;
}

void DecisionJob::next()
{
    if (m_done || m_cancelled || m_job)
        return;
    if (m_position >= m_users.size()) {
        finish();
        return;
    }
    if (m_decision.kind == DecisionKind::Grant)
        sendGrant(m_users.at(m_position));
    else
        sendBatch(m_users.mid(m_position, chunkSize));
}

void DecisionJob::sendBatch(const QStringList &chunk)
{
    QJsonArray requests;
    for (const QString &user : chunk)
        requests.append(QJsonObject{{QStringLiteral("user"), user}});
    QJsonObject body{{QStringLiteral("status"), targetStatus(m_decision.kind)},
                     {QStringLiteral("requests"), requests}};
    if (m_decision.kind == DecisionKind::Reject && !m_decision.reason.isEmpty())
        body.insert(QStringLiteral("rejectionReason"), m_decision.reason);
    // Idempotent: setting the same status again is harmless, so a reply lost to a dropped
    // connection (or a 429/5xx) is simply sent again by the HubJob.
    HubJob *job = post(QStringLiteral("batch"), body);
    connect(job, &HubJob::finished, this,
            [this, chunk](HubJob *done) { onBatchFinished(done, chunk); });
}

HubJob *DecisionJob::post(const QString &endpoint, const QJsonObject &body)
{
    HubJob *job = m_client->sendJson("POST", apiPath(endpoint),
                                     QJsonDocument(body).toJson(QJsonDocument::Compact), m_repo.id, true);
    m_job = job;
    connect(job, &HubJob::retrying, this, [this, job](int, int waitMs, const QString &reason) {
        if (job->httpStatus() == 429)
            Q_EMIT waiting((waitMs + 999) / 1000, reason);
    });
    return job;
}

void DecisionJob::sendGrant(const QString &user)
{
    const QJsonObject body{{QStringLiteral("user"), user}};
    // Retried like the batch; see onGrantFinished() for a grant whose first reply was lost.
    HubJob *job = post(QStringLiteral("grant"), body);
    connect(job, &HubJob::finished, this,
            [this, user](HubJob *done) { onGrantFinished(done, user); });
}

bool DecisionJob::stopOnFailure(HubJob *job)
{
    if (job->isOk())
        return false;
    // The Hub is unhappy (retries exhausted, 5xx, 403, ...): stop rather than hammer it.
    m_lastError = job->error();
    finish();
    return true;
}

void DecisionJob::onBatchFinished(HubJob *job, const QStringList &chunk)
{
    m_job = nullptr;
    m_calls += job->attemptsMade();
    if (m_cancelled || m_done || stopOnFailure(job))
        return;

    const QJsonDocument doc = QJsonDocument::fromJson(job->body());
    const QJsonArray answers = doc.array();
    QString problem;
    if (!doc.isArray() || answers.size() != chunk.size())
        problem = tr("expected %n outcomes", nullptr, int(chunk.size()));
    for (qsizetype i = 0; problem.isEmpty() && i < answers.size(); ++i) {
        const QJsonObject answer = answers.at(i).toObject();
        const QJsonValue user = answer.value(QLatin1String("user"));
        if (!answer.value(QLatin1String("ok")).isBool() ||
            (user.isString() && user.toString() != chunk.at(i)))
            problem = tr("outcome %1 does not match the request").arg(i + 1);
    }
    if (!problem.isEmpty()) {
        // Its users stay unconfirmed (remaining): sending them again later is harmless.
        m_lastError.kind = HubError::Kind::BadReply;
        m_lastError.subject = m_repo.id;
        m_lastError.detail = problem;
        finish();
        return;
    }
    for (qsizetype i = 0; i < answers.size(); ++i) {
        const QJsonObject answer = answers.at(i).toObject();
        const bool ok = answer.value(QLatin1String("ok")).toBool();
        QString error = answer.value(QLatin1String("error")).toString();
        if (!ok && error.isEmpty())
            error = tr("The Hub did not apply the decision for this user.");
        m_outcomes.insert(chunk.at(i), DecisionOutcome{chunk.at(i), ok, ok ? QString() : error});
    }
    m_position += int(chunk.size());
    for (const QString &user : chunk) {
        const DecisionOutcome &outcome = m_outcomes[user];
        Q_EMIT userDecided(user, outcome.ok, outcome.error);
    }
    afterCall(job);
}

void DecisionJob::onGrantFinished(HubJob *job, const QString &user)
{
    m_job = nullptr;
    m_calls += job->attemptsMade();
    if (m_cancelled || m_done)
        return;
    DecisionOutcome outcome{user, true, {}};
    if (!job->isOk()) {
        const HubError &error = job->error();
        if (error.kind == HubError::Kind::NotFound &&
            error.errorCode != QLatin1String("RepoNotFound")) {
            outcome = {user, false, QStringLiteral("user_not_found")};
        } else if (error.kind == HubError::Kind::BadRequest) {
            // "Already has access" after a retry: an earlier attempt may have been applied with
            // its reply lost, and either way the user now has access, as asked.
            const bool lostReply =
                job->attemptsMade() > 1 &&
                error.serverMessage.contains(QLatin1String("already has access"));
            if (!lostReply)
                outcome = {user, false, error.message()};
        } else if (stopOnFailure(job)) {
            return;
        }
    }
    m_outcomes.insert(user, outcome);
    ++m_position;
    Q_EMIT userDecided(user, outcome.ok, outcome.error);
    afterCall(job);
}

void DecisionJob::afterCall(HubJob *job)
{
    Q_EMIT progress(int(m_outcomes.size()), int(m_users.size()));
    if (m_done || m_cancelled) // a receiver cancelled
        return;
    if (m_position >= m_users.size()) {
        finish();
        return;
    }
    // Proactive pacing: with no call left in the window, wait for it to reset instead of
    // collecting a 429.
    const int seconds = exhaustedWindowSeconds(job->responseHeader("RateLimit"));
    if (seconds > 0) {
        m_pause.start(seconds * 1000);
        Q_EMIT waiting(seconds, tr("The Hub's rate limit for this token is used up: waiting %n s "
                                   "before the next call.",
                                   nullptr, seconds));
        return;
    }
    next();
}

void DecisionJob::finish()
{
    if (m_done)
        return;
    m_done = true;
    m_pause.stop();
    Q_EMIT finished(this);
}

} // namespace hubgate
