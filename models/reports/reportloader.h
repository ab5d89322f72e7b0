#pragma once
// Loads what an export of some repos needs from the Hub: each repo's request lists (one status or
// every one) and, when asked, its gate form (the CSV's answer columns). Used by `hubgate export`
// and by the window's Export dialog for repos it has not loaded. finished() comes once; after a
// failure everything else is stopped.

#include "hub/huberror.h"
#include "hub/repo.h"
#include "reportinput.h"

#include <QObject>

namespace hubgate {

class AccessRequestLoader;
class HubClient;
class HubJob;

class ReportLoader : public QObject
{
    Q_OBJECT
public:
    struct Source
    {
        RepoSummary repo;
        QString name; // the export's repo column ("ns/name", "datasets/ns/name")
    };

    explicit ReportLoader(HubClient *client, QObject *parent = nullptr);

    // status empty: every status.
    void start(const QList<Source> &sources, const QString &status, bool withForms);
    // Stops silently: no finished() after it.
    void cancel();
    int loadedCount() const;
    // After finished(true): one entry per source, in order, requests oldest first.
    QList<RepoRequests> result() const;
    // After finished(false): the repo that failed and why.
    RepoSummary failedRepo() const { return m_failedRepo; }
    HubError error() const { return m_error; }

Q_SIGNALS:
    void progress(int loadedSoFar);
    void finished(bool ok);

private:
    struct Load
    {
        Source source;
        QList<AccessRequest> requests;
        QList<GateField> form;
        AccessRequestLoader *loader = nullptr;
        bool listsDone = false;
        bool formDone = true;
    };
    void loadRepo(int index, const QString &status, bool withForm);
    void fail(const RepoSummary &repo, const HubError &error);
    void finishWhenLoaded();

    HubClient *m_client;
    QList<Load> m_loads;
    bool m_done = false;
    RepoSummary m_failedRepo;
    HubError m_error;
};

} // namespace hubgate
