#pragma once
// Writes a report to a file on a worker thread: the writers of this folder, then ReportFile (a
// temporary file renamed at the end). cancel() stops it; a cancel or a failure leaves no file and
// an existing file as it was. finished() comes once, on the thread that started the job.

#include "reportinput.h"
#include "reportfile.h"
#include "reportoptions.h"

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

namespace hubgate {

class ReportExportJob : public QObject
{
    Q_OBJECT
public:
    explicit ReportExportJob(QObject *parent = nullptr);
    ~ReportExportJob() override;

    // The requests are taken as given (see sortByRequestTime() for the Hub's order).
    void start(const QList<RepoRequests> &repos, const ReportOptions &options, const QString &path);
    // makeRepos runs on the worker first: building 100,000 requests takes longer than writing them.
    void start(std::function<QList<RepoRequests>()> makeRepos, const ReportOptions &options,
               const QString &path);
    // Saves bytes unchanged (the Hub's own report).
    void startSaving(const QByteArray &bytes, const QString &path);
    void cancel();
    bool isRunning() const { return m_running; }

    struct Result
    {
        ReportFile::Outcome outcome = ReportFile::Outcome::Failed;
        QString error; // why it failed, as the end of a sentence
        qint64 bytes = 0;
    };
    // The whole export, for any thread: what start() runs on the worker.
    static Result run(const QList<RepoRequests> &repos, const ReportOptions &options,
                      const QString &path, const std::atomic<bool> *cancel);

Q_SIGNALS:
    void finished(hubgate::ReportFile::Outcome outcome, const QString &error);

private:
    template<typename Work>
    void launch(Work work);

    // Shared with the worker, which may outlive the job.
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_running = false;
};

} // namespace hubgate

Q_DECLARE_METATYPE(hubgate::ReportFile::Outcome)
