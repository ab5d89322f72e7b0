#include "repodirectory.h"

#include "hubclient.h"

#include <QTimer>
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
    // What the token may administer, not every org the account is in: a fine-grained token
    // scoped to one org lists that org only, a read token nothing.
    const QStringList namespaces = m_account.manageableNamespaces();
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
    if (m_pending == 0) // nothing to list: still finish, on the next turn like a real answer
        QTimer::singleShot(0, this, &RepoDirectoryJob::finish);
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
    if (--m_pending > 0)
        return;
    finish();
}

void RepoDirectoryJob::finish()
{
    if (m_done)
        return;
    m_done = true;
    std::sort(m_repos.begin(), m_repos.end(), [](const RepoSummary &a, const RepoSummary &b) {
        return a.id.compare(b.id, Qt::CaseInsensitive) < 0;
    });
    Q_EMIT finished(this);
    deleteLater();
}

} // namespace hubgate
