#pragma once
// Writes a report to a file on a worker thread: the writers of this folder, then ReportFile (a
// temporary file renamed at the end). cancel() stops it; a cancel or a failure leaves no file and
// an existing file as it was. progress() and finished() come on the thread that started the job,
// progress() at most 25 times a second (QFutureWatcher's limit), finished() once.

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
    // makeRepos runs on the worker first (sorting 100,000 rows of a snapshot is work too).
    void start(std::function<QList<RepoRows>()> makeRepos, const ReportOptions &options,
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
    static Result run(const QList<RepoRows> &repos, const ReportOptions &options,
                      const QString &path, const std::atomic<bool> *cancel,
                      const ReportProgress &progress = {});

Q_SIGNALS:
    // Rows written so far, of total > 0 (saving the file comes after the last one).
    void progress(int written, int total);
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
