#include "reviewsession.h"

#include "access/accessrequestloader.h"
#include "access/accessrequestmodel.h"
#include "decisions/decisionjob.h"
#include "hub/hubclient.h"
#include "hub/hubjob.h"

#include <QCoreApplication>
#include <QTimer>

namespace hubgate {

struct ReviewSession::Run
{
    QString title;
    bool undo = false;
    QList<Decision> queue;             // still to send, in order
    QHash<QString, PriorState> before; // of every user of the run
    HistoryEntry undone;               // undo: the entry being undone
    int total = 0;
    int finishedUsers = 0; // users of the decisions already finished
    QStringList confirmed; // of the decision in flight, then of the whole run
    QStringList allConfirmed;
    Decision unconfirmed;  // users never confirmed, with the decision they belong to
    QList<RefusedUser> refused;
    bool cancelled = false;
    QString error;
};

ReviewSession::ReviewSession(HubClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_model(new AccessRequestModel(this))
{
}

ReviewSession::~ReviewSession()
{
    if (m_loader)
        m_loader->cancel();
    if (DecisionJob *job = m_job) {
        job->disconnect(this);
        job->cancel();
    }
    delete m_run;
}

bool ReviewSession::isLoading() const
{
    return m_infoJob || (m_loader && m_loader->isRunning());
}

void ReviewSession::open(const RepoSummary &repo)
{
    if (DecisionJob *job = m_job) {
        m_job = nullptr; // its answers belong to the previous repo
        job->disconnect(this);
        job->cancel();
        job->deleteLater();
    }
    delete m_run;
    m_run = nullptr;
    m_deciding = false;
    m_repo = repo;
    m_history.clear();
    m_reasons.clear();
    m_retry = Decision();
    m_retryBefore.clear();
    Q_EMIT historyChanged();
    startLoading(false);
}

void ReviewSession::updateRepo(const RepoSummary &repo)
{
    if (repo.key() == m_repo.key())
        m_repo = repo;
}

void ReviewSession::reload()
{
    if (!m_repo.id.isEmpty())
        startLoading(true);
}

void ReviewSession::cancel()
{
    if (m_job)
        m_job->cancel();
    else if (m_loader)
        m_loader->cancel();
    else if (m_infoJob)
        m_infoJob->cancel();
}

void ReviewSession::startLoading(bool refresh)
{
    if (m_infoJob)
        m_infoJob->cancel();
    if (AccessRequestLoader *loader = m_loader) {
        m_loader = nullptr; // its pages belong to the previous load
        loader->disconnect(this);
        loader->cancel();
        loader->deleteLater();
    }
    m_refreshing = refresh;
    m_loaded = false;
    m_seenInRefresh.clear();
    if (!refresh)
        m_model->clear();
    Q_EMIT loadStarted(refresh);
    // The gate form (a column per field) comes first; the lists follow.
    m_infoJob = m_client->get(m_repo.apiPath(), {}, m_repo.id);
    connect(m_infoJob, &HubJob::finished, this, &ReviewSession::onRepoInfo);
}

void ReviewSession::onRepoInfo(HubJob *job)
{
    if (job != m_infoJob)
        return;
    m_infoJob = nullptr;
    if (job->error().kind == HubError::Kind::Cancelled) {
        Q_EMIT loadFinished(false, QCoreApplication::translate("ReviewSession", "Loading cancelled."));
        return;
    }
    // Without the form the lists still load; their answers show in the details.
    const QList<GateField> fields = job->isOk() ? parseGateFields(job->body()) : m_fields;
    if (fields != m_fields || m_model->gateFields() != fields) {
        m_fields = fields;
        m_model->setGateFields(fields);
        Q_EMIT gateFieldsChanged(fields);
    }
    auto *loader = new AccessRequestLoader(m_client, m_repo, this);
    loader->setAnswerKeyOrder(m_model->answerKeys());
    m_loader = loader;
    connect(loader, &AccessRequestLoader::pageLoaded, this,
            [this](const QString &status, const RequestPage &page) {
                if (m_refreshing)
                    for (const PackedRequest &request : page.rows)
                        m_seenInRefresh[status].insert(request.name);
                m_model->addPage(page);
            });
    connect(loader, &AccessRequestLoader::statusLoaded, this, [this](const QString &status, int) {
        if (m_refreshing)
            m_model->removeStaleOfStatus(status, m_seenInRefresh.value(status));
    });
    connect(loader, &AccessRequestLoader::progress, this, &ReviewSession::loadProgress);
    connect(loader, &AccessRequestLoader::finished, this, &ReviewSession::onLoaderFinished);
    loader->start();
}

void ReviewSession::onLoaderFinished(bool ok, const QList<HubError> &errors)
{
    if (sender() != m_loader)
        return;
    m_loader->deleteLater();
    m_loader = nullptr;
    m_loaded = ok;
    QStringList messages;
    for (const HubError &error : errors)
        if (error.kind != HubError::Kind::Cancelled)
            messages.append(error.message());
    if (!ok && messages.isEmpty())
        messages.append(QCoreApplication::translate("ReviewSession",
                                                    "Loading cancelled: the lists may be incomplete."));
    Q_EMIT loadFinished(ok, messages.join(QLatin1Char(' ')));
}

PriorState ReviewSession::priorStateOf(const QString &user) const
{
    const int row = m_model->rowOfUser(user);
    if (row < 0)
        return {};
    PriorState prior{m_model->statusAt(row), {}};
    if (prior.status == QLatin1String("rejected"))
        prior.reason = m_reasons.value(user);
    return prior;
}

bool ReviewSession::decide(const Decision &decision)
{
    if (isDeciding() || decision.users.isEmpty())
        return false;
    auto *run = new Run;
    run->title = decisionVerb(decision.kind);
    run->queue = {decision};
    for (const QString &user : decision.users)
        run->before.insert(user, priorStateOf(user));
    startRun(run);
    return true;
}

QString ReviewSession::undoText() const
{
    return m_history.isEmpty() ? QString() : m_history.top().undoText();
}

bool ReviewSession::undo()
{
    if (!canUndo())
        return false;
    auto *run = new Run;
    run->undone = m_history.pop();
    run->undo = true;
    run->title = run->undone.undoText();
    run->queue = run->undone.inverse();
    for (const QString &user : run->undone.irreversible())
        run->refused.append({user, QCoreApplication::translate(
                                       "ReviewSession", "A grant cannot be undone: cancel the access "
                                                        "on the Accepted tab if it was a mistake.")});
    Q_EMIT historyChanged();
    startRun(run);
    return true;
}

bool ReviewSession::retry()
{
    if (isDeciding() || m_retry.users.isEmpty())
        return false;
    auto *run = new Run;
    run->title = decisionVerb(m_retry.kind);
    run->queue = {m_retry};
    run->before = m_retryBefore; // as before the first attempt: undo goes back there
    m_retry = Decision();
    m_retryBefore.clear();
    startRun(run);
    return true;
}

void ReviewSession::startRun(Run *run)
{
    m_run = run;
    m_deciding = true;
    for (const Decision &decision : std::as_const(run->queue))
        run->total += int(decision.users.size());
    Q_EMIT decisionStarted(run->title, run->total);
    // On a later turn of the event loop, so a run with nothing to send (an undo of a grant)
    // still reports after the caller has returned.
    QTimer::singleShot(0, this, &ReviewSession::startNextJob);
}

void ReviewSession::startNextJob()
{
    Run *run = m_run;
    if (!run) // dropped by open() meanwhile
        return;
    if (run->queue.isEmpty() || run->cancelled || !run->error.isEmpty()) {
        finishRun();
        return;
    }
    const Decision decision = run->queue.takeFirst();
    run->confirmed.clear();
    auto *job = new DecisionJob(m_client, m_repo, decision, this);
    m_job = job;
    connect(job, &DecisionJob::userDecided, this,
            [this](const QString &user, bool ok, const QString &) { onUserDecided(user, ok); });
    connect(job, &DecisionJob::progress, this,
            [this](int done, int) { Q_EMIT decisionProgress(m_run->finishedUsers + done, m_run->total); });
    connect(job, &DecisionJob::waiting, this, &ReviewSession::decisionWaiting);
    connect(job, &DecisionJob::finished, this, &ReviewSession::onJobFinished);
    Q_EMIT historyChanged(); // undo is unavailable while deciding
    job->start();
}

void ReviewSession::onUserDecided(const QString &user, bool ok)
{
    if (!ok || !m_job)
        return;
    const Decision &decision = m_job->decision();
    const QString status = targetStatus(decision.kind);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const bool pending = status == QLatin1String("pending");
    if (m_model->rowOfUser(user) >= 0) {
        // The Hub lists the reviewer of acceptances only; a rejection made here is ours too.
        m_model->updateStatus(user, status, pending ? QDateTime() : now, pending ? QString() : m_reviewer);
    } else {
        AccessRequest granted;
        granted.user.name = user;
        granted.status = status;
        granted.requestedAt = now;
        granted.reviewedAt = now;
        granted.grantedBy = m_reviewer;
        m_model->upsert(granted);
    }
    if (status == QLatin1String("rejected") && !decision.reason.isEmpty())
        m_reasons.insert(user, decision.reason);
    else
        m_reasons.remove(user);
    m_run->confirmed.append(user);
}

void ReviewSession::onJobFinished(DecisionJob *job)
{
    if (job != m_job)
        return;
    m_job = nullptr;
    job->deleteLater();
    Run *run = m_run;
    run->finishedUsers += int(job->decision().users.size());
    run->allConfirmed += run->confirmed;
    const QStringList remaining = job->remaining();
    const QSet<QString> retryable(remaining.cbegin(), remaining.cend());
    for (const DecisionOutcome &outcome : job->outcomes())
        if (!outcome.ok && !retryable.contains(outcome.user))
            run->refused.append({outcome.user, outcomeErrorText(outcome.error)});
    if (!remaining.isEmpty()) {
        run->unconfirmed = job->decision();
        run->unconfirmed.users = remaining;
    }
    if (!run->undo && !run->confirmed.isEmpty()) {
        // Only users whose status changed can be taken back.
        HistoryEntry entry;
        entry.applied = job->decision();
        entry.applied.users.clear();
        const QString target = targetStatus(entry.applied.kind);
        for (const QString &user : std::as_const(run->confirmed)) {
            const PriorState prior = run->before.value(user);
            if (prior.status != target || entry.applied.kind == DecisionKind::Reject) {
                entry.applied.users.append(user);
                entry.before.insert(user, prior);
            }
        }
        m_history.push(entry);
    }
    run->cancelled = job->wasCancelled();
    if (job->lastError().isError() && job->lastError().kind != HubError::Kind::Cancelled)
        run->error = job->errorMessage();
    // What is left of the queue was never sent.
    if (run->cancelled || !run->error.isEmpty()) {
        for (const Decision &rest : std::as_const(run->queue)) {
            if (run->unconfirmed.users.isEmpty())
                run->unconfirmed = rest;
            else if (run->unconfirmed.kind == rest.kind && run->unconfirmed.reason == rest.reason)
                run->unconfirmed.users += rest.users;
        }
        run->queue.clear();
    }
    startNextJob();
}

void ReviewSession::finishRun()
{
    Run *run = m_run;
    m_run = nullptr;
    m_deciding = false;
    DecisionReport report;
    report.title = run->title;
    report.undo = run->undo;
    report.done = int(run->allConfirmed.size());
    report.refused = run->refused;
    report.cancelled = run->cancelled;
    report.error = run->error;
    if (run->undo) {
        // What could not be undone stays undoable: the entry goes back with those users only.
        HistoryEntry left = run->undone;
        left.applied.users.clear();
        QSet<QString> settled(run->allConfirmed.cbegin(), run->allConfirmed.cend());
        for (const RefusedUser &refused : std::as_const(run->refused))
            settled.insert(refused.user);
        for (const QString &user : std::as_const(run->undone.applied.users))
            if (!settled.contains(user))
                left.applied.users.append(user);
        report.remaining = int(left.applied.users.size());
        m_history.push(left);
    } else {
        m_retry = run->unconfirmed;
        m_retryBefore.clear();
        for (const QString &user : std::as_const(m_retry.users))
            m_retryBefore.insert(user, run->before.value(user));
        report.remaining = int(m_retry.users.size());
    }
    delete run;
    Q_EMIT historyChanged();
    Q_EMIT decisionFinished(report);
}

} // namespace hubgate
