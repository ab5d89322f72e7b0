#pragma once
// Loads a repo's access request lists page by page (limit 1000) in the background: every status
// in parallel, pages parsed off the UI thread, each parsed page handed over in order so the first
// rows show after the first page. cancel() stops everything; finished() is emitted once.

#include "accessrequest.h"
#include "hub/huberror.h"
#include "hub/repo.h"

#include <QObject>
#include <QPointer>

namespace hubgate {

class HubClient;
class HubJob;

class AccessRequestLoader : public QObject
{
    Q_OBJECT
public:
    AccessRequestLoader(HubClient *client, RepoSummary repo, QObject *parent = nullptr);
    ~AccessRequestLoader() override; // stops silently: no finished() from the destructor

    // Starting again while running cancels the running load first (which emits its finished()).
    void start(const QStringList &statuses = knownRequestStatuses());
    // Emits finished(false, ...) at once if running; nothing of the old load arrives after it.
    void cancel();
    bool isRunning() const;
    int loadedCount() const { return m_loaded; }
    int skippedCount() const { return m_skipped; } // items without a usable user, left out

Q_SIGNALS:
    void pageLoaded(const QString &status, const QList<hubgate::AccessRequest> &requests);
    // One status list is complete (all of its pages delivered).
    void statusLoaded(const QString &status, int total);
    void progress(int loadedSoFar);
    void finished(bool ok, const QList<hubgate::HubError> &errors);

private:
    // implementation detail, free to change
    struct StatusRun;
    void onPageReceived(StatusRun *run, const QByteArray &body, int pageIndex);
    void onPageParsed(StatusRun *run, int pageIndex, ParsedRequestPage page);
    void onJobFinished(StatusRun *run, HubJob *job);
    void deliverReady(StatusRun *run);
    void failRun(StatusRun *run, const HubError &error);
    void finishIfDone();
    void stopRuns();

    QList<StatusRun *> m_runs;
    HubClient *m_client;
    RepoSummary m_repo;
    int m_loaded = 0;
    int m_skipped = 0;
    quint64 m_generation = 0; // bumped by start() and cancel(): older parse results are dropped
    bool m_done = true;
    QList<HubError> m_errors;
    friend struct StatusRun;
};

} // namespace hubgate
