#include "hubclient.h"

namespace hubgate {

HubClient::HubClient(QNetworkAccessManager *nam, QUrl endpoint, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_endpoint(std::move(endpoint))
{
}

QUrl HubClient::url(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_endpoint;
    url.setPath(m_endpoint.path() + path);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

HubJob *HubClient::start(HubRequest request)
{
    if (request.url.isRelative())
        request.url = m_endpoint.resolved(request.url);
    auto *job = new HubJob(m_nam, std::move(request), m_token, m_endpoint, m_policy, this);
    ++m_active;
    Q_EMIT activityChanged(m_active);
    connect(job, &HubJob::finished, this, [this] {
        --m_active;
        Q_EMIT activityChanged(m_active);
    });
    connect(job, &HubJob::retrying, this,
            [this](int, int, const QString &reason) { Q_EMIT retrying(reason); });
    job->start();
    return job;
}

HubJob *HubClient::get(const QString &path, const QUrlQuery &query, const QString &subject,
                       bool followPages)
{
    HubRequest request;
    request.url = url(path, query);
    request.subject = subject;
    request.followPages = followPages;
    return start(std::move(request));
}

HubJob *HubClient::sendJson(const QByteArray &method, const QString &path, const QByteArray &json,
                            const QString &subject, bool idempotent)
{
    HubRequest request;
    request.method = method;
    request.url = url(path);
    request.body = json;
    request.subject = subject;
    request.idempotent = idempotent;
    return start(std::move(request));
}

} // namespace hubgate
