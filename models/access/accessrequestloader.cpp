#include "accessrequestloader.h"

#include "hub/hubclient.h"

#include <QFutureWatcher>
#include <QMap>
#include <QTimer>
#include <QUrlQuery>
#include <QtConcurrent/QtConcurrentRun>

namespace hubgate {

struct AccessRequestLoader::StatusRun
{
    QString status;
    QPointer<HubJob> job;
    QMap<int, ParsedRequestPage> parsed; // parsed pages waiting for an earlier one
    int received = 0;  // pages the job handed over
    int delivered = 0; // pages taken out of parsed, in order
    int total = 0;     // requests delivered
    bool jobDone = false;
    HubError jobError; // the job failed: reported once the pages it did bring are delivered
    bool done = false; // nothing more will come out of this run
};

AccessRequestLoader::AccessRequestLoader(HubClient *client, RepoSummary repo, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_repo(std::move(repo))
{
}

AccessRequestLoader::~AccessRequestLoader()
{
    stopRuns();
}

bool AccessRequestLoader::isRunning() const
{
    return !m_done;
}

void AccessRequestLoader::start(const QStringList &statuses)
{
    cancel();
    stopRuns();
    m_done = false;
    m_loaded = 0;
    m_skipped = 0;
    m_errors.clear();
    const QString base = m_repo.apiPath(QStringLiteral("user-access-request/"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1000"));
    QStringList unique = statuses;
    unique.removeDuplicates();
    for (const QString &status : std::as_const(unique)) {
        auto *run = new StatusRun;
        run->status = status;
        m_runs.append(run);
        run->job = m_client->get(base + status, query, m_repo.id, true);
        connect(run->job, &HubJob::pageReceived, this,
                [this, run](const QByteArray &body, int) { onPageReceived(run, body, run->received++); });
        connect(run->job, &HubJob::finished, this, [this, run](HubJob *job) { onJobFinished(run, job); });
    }
    if (m_runs.isEmpty()) { // nothing to load: still finish, after the caller has connected
        const quint64 generation = m_generation;
        QTimer::singleShot(0, this, [this, generation] {
            if (generation == m_generation)
                finishIfDone();
        });
    }
}

void AccessRequestLoader::cancel()
{
    if (m_done)
        return;
    stopRuns();
    m_done = true;
    HubError cancelled;
    cancelled.kind = HubError::Kind::Cancelled;
    cancelled.subject = m_repo.id;
    m_errors.append(cancelled);
    Q_EMIT finished(false, m_errors);
}

void AccessRequestLoader::stopRuns()
{
    ++m_generation; // parse results still on their way are dropped when they arrive
    for (StatusRun *run : std::as_const(m_runs)) {
        if (run->job) {
            run->job->disconnect(this);
            run->job->cancel();
        }
    }
    qDeleteAll(m_runs);
    m_runs.clear();
}

void AccessRequestLoader::onPageReceived(StatusRun *run, const QByteArray &body, int pageIndex)
{
    // Parsing 1000 items takes milliseconds: keep it off the UI thread.
    auto *watcher = new QFutureWatcher<ParsedRequestPage>(this);
    const quint64 generation = m_generation;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, run, pageIndex, generation] {
        watcher->deleteLater();
        if (generation == m_generation) // else run is gone
            onPageParsed(run, pageIndex, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(parseAccessRequestPage, body));
}

void AccessRequestLoader::onPageParsed(StatusRun *run, int pageIndex, ParsedRequestPage page)
{
    if (run->done)
        return;
    run->parsed.insert(pageIndex, std::move(page));
    deliverReady(run);
}

void AccessRequestLoader::onJobFinished(StatusRun *run, HubJob *job)
{
    run->jobDone = true;
    run->jobError = job->error();
    deliverReady(run);
}

void AccessRequestLoader::deliverReady(StatusRun *run)
{
    const quint64 generation = m_generation;
    while (!run->done) {
        const auto it = run->parsed.find(run->delivered);
        if (it == run->parsed.end())
            break;
        ParsedRequestPage page = std::move(*it);
        run->parsed.erase(it);
        ++run->delivered;
        if (!page.error.isEmpty()) {
            HubError error;
            error.kind = HubError::Kind::BadReply;
            error.subject = m_repo.id;
            error.detail = page.error;
            failRun(run, error);
            return;
        }
        m_skipped += page.skipped;
        if (page.requests.isEmpty())
            continue;
        for (AccessRequest &request : page.requests)
            if (request.status.isEmpty()) // the list it came from says it
                request.status = run->status;
        run->total += int(page.requests.size());
        m_loaded += int(page.requests.size());
        const QString status = run->status; // a receiver may cancel, which deletes run
        Q_EMIT pageLoaded(status, page.requests);
        if (generation != m_generation) // a receiver cancelled or restarted
            return;
        Q_EMIT progress(m_loaded);
        if (generation != m_generation)
            return;
    }
    if (run->done || !run->jobDone || run->delivered < run->received)
        return;
    if (run->jobError.isError()) { // incomplete: no statusLoaded
        failRun(run, run->jobError);
        return;
    }
    run->done = true;
    const QString status = run->status;
    Q_EMIT statusLoaded(status, run->total);
    if (generation == m_generation)
        finishIfDone();
}

void AccessRequestLoader::failRun(StatusRun *run, const HubError &error)
{
    if (run->done)
        return;
    run->done = true;
    run->parsed.clear();
    m_errors.append(error);
    if (run->job) {
        run->job->disconnect(this);
        run->job->cancel();
    }
    finishIfDone();
}

void AccessRequestLoader::finishIfDone()
{
    if (m_done)
        return;
    for (const StatusRun *run : std::as_const(m_runs))
        if (!run->done)
            return;
    m_done = true;
    ++m_generation;
    Q_EMIT finished(m_errors.isEmpty(), m_errors);
}

} // namespace hubgate
