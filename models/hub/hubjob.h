#pragma once
// One Hub call as a job object: sends the request on the shared QNetworkAccessManager, follows
// redirects (dropping the token across origins) and Link pagination, retries idempotent calls,
// and emits finished() exactly once, whatever happens. Deletes itself after finished().

#include "huberror.h"
#include "retrypolicy.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace hubgate {

struct HubRequest
{
    QByteArray method = "GET";
    QUrl url;
    QByteArray body;
    QByteArray contentType = "application/json";
    bool idempotent = true;   // safe to send again after a failure
    bool followPages = false; // follow Link rel="next" to the end
    int timeoutMs = 30000;    // per attempt, without progress
    QString subject;          // for messages: "nimbus-ai/nimbus-7b"
};

class HubJob : public QObject
{
    Q_OBJECT
public:
    HubJob(QNetworkAccessManager *nam, HubRequest request, QByteArray token, QUrl tokenOrigin,
           RetryPolicy policy, QObject *parent = nullptr);
    ~HubJob() override;

    void start();
    void cancel();

    const HubRequest &request() const { return m_request; }
    bool isOk() const { return !m_error.isError(); }
    const HubError &error() const { return m_error; }
    int httpStatus() const { return m_status; }
    // Bodies of every page received, in order; one entry without pagination.
    const QList<QByteArray> &pages() const { return m_pages; }
    QByteArray body() const { return m_pages.isEmpty() ? QByteArray() : m_pages.constLast(); }
    QByteArray responseHeader(const QByteArray &name) const;
    int attemptsMade() const { return m_totalAttempts; }

Q_SIGNALS:
    void pageReceived(const QByteArray &body, int pageIndex);
    void retrying(int attempt, int waitMs, const QString &reason);
    void finished(hubgate::HubJob *job);

private:
    void send();
    void onReplyFinished();
    bool handleRedirect(QNetworkReply *reply);
    void scheduleRetry(QNetworkReply *reply, const HubError &why);
    void fail(HubError error);
    void finish();
    HubError errorFrom(QNetworkReply *reply, int status) const;

    QNetworkAccessManager *m_nam;
    HubRequest m_request;
    QByteArray m_token;
    QUrl m_tokenOrigin;
    RetryPolicy m_policy;
    QPointer<QNetworkReply> m_reply;
    QTimer m_retryTimer;
    QUrl m_currentUrl;
    int m_attempt = 0; // for the current page
    int m_totalAttempts = 0;
    int m_redirects = 0;
    int m_status = 0;
    bool m_done = false;
    HubError m_error;
    QList<QByteArray> m_pages;
    QSet<QUrl> m_pageUrls; // pages already received, to stop Link loops
    QList<QPair<QByteArray, QByteArray>> m_lastHeaders;
};

// The URL of Link: <...>; rel="next", resolved against base; empty when there is none.
QUrl nextPageUrl(const QByteArray &linkHeader, const QUrl &base);

} // namespace hubgate
