#pragma once
// Loads every model and dataset the account can administer: its own and those of its orgs
// where it has the admin or write role, all pages, in parallel. Emits finished() once.

#include "account.h"
#include "huberror.h"
#include "repo.h"

#include <QObject>
#include <QPointer>

namespace hubgate {

class HubClient;
class HubJob;

class RepoDirectoryJob : public QObject
{
    Q_OBJECT
public:
    RepoDirectoryJob(HubClient *client, Account account, QObject *parent = nullptr);
    void start();
    void cancel();

    const QList<RepoSummary> &repos() const { return m_repos; }
    // Failures of single namespaces; the others still load.
    const QList<HubError> &errors() const { return m_errors; }

Q_SIGNALS:
    void finished(hubgate::RepoDirectoryJob *job);

private:
    void onListFinished(HubJob *job, RepoKind kind);
    void finish();

    HubClient *m_client;
    Account m_account;
    QList<QPointer<HubJob>> m_jobs;
    int m_pending = 0;
    bool m_done = false;
    QList<RepoSummary> m_repos;
    QList<HubError> m_errors;
};

} // namespace hubgate
