#include "reportexportjob.h"

#include "reportwriter.h"

#include <QFutureWatcher>
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

ReportExportJob::Result ReportExportJob::run(const QList<RepoRequests> &repos,
                                             const ReportOptions &options, const QString &path,
                                             const std::atomic<bool> *cancel)
{
    Result result;
    QByteArray bytes;
    if (!writeReport(repos, options, &bytes, cancel)) {
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
    connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_running = false;
        const Result result = watcher->result();
        Q_EMIT finished(result.outcome, result.error);
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

void ReportExportJob::start(const QList<RepoRequests> &repos, const ReportOptions &options,
                            const QString &path)
{
    start([repos] { return repos; }, options, path);
}

void ReportExportJob::start(std::function<QList<RepoRequests>()> makeRepos,
                            const ReportOptions &options, const QString &path)
{
    launch([makeRepos = std::move(makeRepos), options, path, cancel = m_cancel] {
        return run(makeRepos(), options, path, cancel.get());
    });
}

void ReportExportJob::startSaving(const QByteArray &bytes, const QString &path)
{
    launch([bytes, path, cancel = m_cancel] {
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
