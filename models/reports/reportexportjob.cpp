#include "reportexportjob.h"

#include "reportwriter.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QtConcurrent>

namespace hubgate {

ReportExportJob::ReportExportJob(QObject *parent)
    : QObject(parent)
    , m_cancel(std::make_shared<std::atomic<bool>>(false))
{
}

ReportExportJob::~ReportExportJob()
{
    m_cancel->store(true); // a worker still running stops and leaves no file
}

ReportExportJob::Result ReportExportJob::run(const QList<RepoRows> &repos,
                                             const ReportOptions &options, const QString &path,
                                             const std::atomic<bool> *cancel,
                                             const ReportProgress &progress)
{
    Result result;
    QByteArray bytes;
    if (!writeReport(repos, options, &bytes, cancel, progress)) {
        result.outcome = ReportFile::Outcome::Cancelled;
        return result;
    }
    result.bytes = bytes.size();
    result.outcome = ReportFile::save(path, bytes, &result.error, cancel);
    return result;
}

template<typename Work>
void ReportExportJob::launch(Work work)
{
    Q_ASSERT(!m_running);
    m_running = true;
    m_cancel->store(false);
    auto *watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcher<Result>::progressValueChanged, this, [this, watcher](int written) {
        // Not the watcher's replay of a future that has no range yet (nor an empty report's).
        if (watcher->progressMaximum() > 0)
            Q_EMIT progress(written, watcher->progressMaximum());
    });
    connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_running = false;
        const Result result = watcher->result();
        Q_EMIT finished(result.outcome, result.error);
    });
    // The promise carries the worker's progress to the watcher, queued and throttled by Qt.
    watcher->setFuture(QtConcurrent::run([work = std::move(work)](QPromise<Result> &promise) {
        qsizetype range = -1;
        const ReportProgress progress = [&promise, &range](qsizetype written, qsizetype total) {
            if (total != range) {
                range = total;
                promise.setProgressRange(0, int(total));
            }
            promise.setProgressValue(int(written));
        };
        promise.addResult(work(progress));
    }));
}

void ReportExportJob::start(const QList<RepoRequests> &repos, const ReportOptions &options,
                            const QString &path)
{
    start([repos] { return rowsOf(repos); }, options, path);
}

void ReportExportJob::start(std::function<QList<RepoRows>()> makeRepos,
                            const ReportOptions &options, const QString &path)
{
    launch([makeRepos = std::move(makeRepos), options, path,
            cancel = m_cancel](const ReportProgress &progress) {
        return run(makeRepos(), options, path, cancel.get(), progress);
    });
}

void ReportExportJob::startSaving(const QByteArray &bytes, const QString &path)
{
    launch([bytes, path, cancel = m_cancel](const ReportProgress &) {
        Result result;
        result.bytes = bytes.size();
        result.outcome = ReportFile::save(path, bytes, &result.error, cancel.get());
        return result;
    });
}

void ReportExportJob::cancel()
{
    m_cancel->store(true);
}

} // namespace hubgate
