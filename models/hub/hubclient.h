#pragma once
// The one door to the Hub: owns the endpoint and token, makes HubJobs on the injected
// QNetworkAccessManager and reports overall activity for the status bar.

#include "hubjob.h"

#include <QObject>
#include <QUrl>
#include <QUrlQuery>

class QNetworkAccessManager;

namespace hubgate {

class HubClient : public QObject
{
    Q_OBJECT
public:
    HubClient(QNetworkAccessManager *nam, QUrl endpoint, QObject *parent = nullptr);

    QUrl endpoint() const { return m_endpoint; }
    // For work outside the Hub API (an OIDC issuer, the token exchange) on the same manager.
    QNetworkAccessManager *networkAccessManager() const { return m_nam; }
    void setEndpoint(const QUrl &endpoint) { m_endpoint = endpoint; }
    // Held in memory only; never logged.
    void setToken(const QString &token) { m_token = token.toUtf8(); }
    bool hasToken() const { return !m_token.isEmpty(); }
    void setRetryPolicy(const RetryPolicy &policy) { m_policy = policy; }
    const RetryPolicy &retryPolicy() const { return m_policy; }

    // URL of an API path ("/api/whoami-v2") on the endpoint.
    QUrl url(const QString &path, const QUrlQuery &query = {}) const;

    // Creates and starts a job; relative request URLs are resolved against the endpoint.
    HubJob *start(HubRequest request);
    HubJob *get(const QString &path, const QUrlQuery &query = {}, const QString &subject = {},
                bool followPages = false);
    HubJob *sendJson(const QByteArray &method, const QString &path, const QByteArray &json,
                     const QString &subject, bool idempotent);

    int activeJobs() const { return m_active; }

Q_SIGNALS:
    void activityChanged(int activeJobs);
    void retrying(const QString &message);

private:
    QNetworkAccessManager *m_nam;
    QUrl m_endpoint;
    QByteArray m_token;
    RetryPolicy m_policy;
    int m_active = 0;
};

} // namespace hubgate
