#include "repodirectory.h"

#include "hubclient.h"

#include <QUrlQuery>

#include <algorithm>

namespace hubgate {

RepoDirectoryJob::RepoDirectoryJob(HubClient *client, Account account, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_account(std::move(account))
{
}

void RepoDirectoryJob::start()
{
    QStringList namespaces{m_account.name};
    for (const OrgMembership &org : m_account.orgs)
        if (org.role == QLatin1String("admin") || org.role == QLatin1String("write"))
            namespaces.append(org.name);
    for (const QString &ns : std::as_const(namespaces)) {
        for (RepoKind kind : {RepoKind::Model, RepoKind::Dataset}) {
            QUrlQuery query;
            query.addQueryItem(QStringLiteral("author"), ns);
            query.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
            HubJob *job = m_client->get(QStringLiteral("/api/") + repoKindPlural(kind), query, ns, true);
            ++m_pending;
            m_jobs.append(job);
            connect(job, &HubJob::finished, this, [this, kind](HubJob *j) { onListFinished(j, kind); });
        }
    }
}

void RepoDirectoryJob::cancel()
{
    for (const auto &job : std::as_const(m_jobs))
        if (job)
            job->cancel();
}

void RepoDirectoryJob::onListFinished(HubJob *job, RepoKind kind)
{
    if (job->isOk()) {
        for (const QByteArray &page : job->pages()) {
            QString error;
            if (!parseRepoPage(page, kind, &m_repos, &error)) {
                HubError bad;
                bad.kind = HubError::Kind::BadReply;
                bad.detail = error;
                bad.subject = job->request().subject;
                m_errors.append(bad);
                break;
            }
        }
    } else {
        m_errors.append(job->error());
    }
    if (--m_pending > 0 || m_done)
        return;
    m_done = true;
    std::sort(m_repos.begin(), m_repos.end(), [](const RepoSummary &a, const RepoSummary &b) {
        return a.id.compare(b.id, Qt::CaseInsensitive) < 0;
    });
    Q_EMIT finished(this);
    deleteLater();
}

} // namespace hubgate
