#include "hubjob.h"

#include "endpoint.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>

namespace hubgate {

namespace {
constexpr int maxRedirects = 5;

QString serverMessageOf(QNetworkReply *reply, const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const QJsonValue error = doc.object().value(QLatin1String("error"));
        if (error.isString())
            return error.toString().left(500);
    }
    return QString::fromUtf8(reply->rawHeader("X-Error-Message")).left(500);
}
} // namespace

QUrl nextPageUrl(const QByteArray &linkHeader, const QUrl &base)
{
    static const QRegularExpression link(QStringLiteral("<([^>]*)>\\s*((?:;[^,<]*)*)"));
    static const QRegularExpression relNext(QStringLiteral("rel\\s*=\\s*\"?([^\";]*)\"?"));
    auto it = link.globalMatch(QString::fromLatin1(linkHeader));
    while (it.hasNext()) {
        const auto match = it.next();
        const auto rel = relNext.match(match.captured(2));
        if (rel.hasMatch() && rel.captured(1).split(QLatin1Char(' ')).contains(QLatin1String("next")))
            return base.resolved(QUrl(match.captured(1)));
    }
    return {};
}

HubJob::HubJob(QNetworkAccessManager *nam, HubRequest request, QByteArray token, QUrl tokenOrigin,
               RetryPolicy policy, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_request(std::move(request))
    , m_token(std::move(token))
    , m_tokenOrigin(std::move(tokenOrigin))
    , m_policy(policy)
    , m_currentUrl(m_request.url)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &HubJob::send);
}

HubJob::~HubJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HubJob::start()
{
    const QString problem = endpointProblem(m_currentUrl);
    if (!problem.isEmpty()) {
        HubError error;
        error.kind = HubError::Kind::InsecureEndpoint;
        error.detail = problem;
        // Finish on the next turn of the event loop so callers can connect after start().
        QTimer::singleShot(0, this, [this, error] { fail(error); });
        return;
    }
    send();
}

void HubJob::cancel()
{
    if (m_done)
        return;
    m_retryTimer.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    HubError error;
    error.kind = HubError::Kind::Cancelled;
    error.subject = m_request.subject;
    fail(error);
}

QByteArray HubJob::responseHeader(const QByteArray &name) const
{
    for (const auto &[key, value] : m_lastHeaders)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

void HubJob::send()
{
    if (m_done)
        return;
    ++m_attempt;
    ++m_totalAttempts;
    QNetworkRequest request(m_currentUrl);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_request.timeoutMs);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", "HubGate/" HUBGATE_VERSION);
    // The token belongs to the endpoint's origin: never hand it to anyone else.
    if (!m_token.isEmpty() && sameOrigin(m_currentUrl, m_tokenOrigin))
        request.setRawHeader("Authorization", "Bearer " + m_token);
    if (!m_request.body.isEmpty() || m_request.method != "GET")
        request.setHeader(QNetworkRequest::ContentTypeHeader, m_request.contentType);
    m_reply = m_nam->sendCustomRequest(request, m_request.method, m_request.body);
    connect(m_reply, &QNetworkReply::finished, this, &HubJob::onReplyFinished);
}

HubError HubJob::errorFrom(QNetworkReply *reply, int status) const
{
    HubError error;
    error.subject = m_request.subject;
    error.httpStatus = status;
    error.requestId = reply->rawHeader("X-Request-Id");
    if (status == 0) {
        error.kind = reply->error() == QNetworkReply::TimeoutError ||
                             reply->error() == QNetworkReply::OperationCanceledError
                         ? HubError::Kind::Timeout
                         : HubError::Kind::Network;
        error.detail = reply->errorString();
        return error;
    }
    error.kind = HubError::kindForStatus(status);
    error.errorCode = QString::fromLatin1(reply->rawHeader("X-Error-Code"));
    error.retryAfterSeconds = RetryPolicy::serverWaitSeconds(reply);
    return error;
}

void HubJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply || m_done)
        return;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    m_status = status;
    m_lastHeaders = reply->rawHeaderPairs();

    if (status >= 300 && status < 400 && status != 304 && m_request.method == "GET") {
        if (handleRedirect(reply))
            return;
    }
    // A reply cut short has a status but also a network error: treat it as a network failure.
    const bool networkFailure = reply->error() != QNetworkReply::NoError && (status == 0 || status < 400);
    if (networkFailure || status >= 400) {
        HubError error = errorFrom(reply, networkFailure ? 0 : status);
        if (!networkFailure)
            error.serverMessage = serverMessageOf(reply, body);
        const bool retryable = networkFailure
                                   ? RetryPolicy::isRetryableNetworkError(reply->error()) ||
                                         reply->error() == QNetworkReply::OperationCanceledError
                                   : RetryPolicy::isRetryableStatus(status);
        if (retryable && m_request.idempotent && m_attempt < m_policy.maxAttempts) {
            scheduleRetry(reply, error);
            return;
        }
        fail(error);
        return;
    }

    m_pages.append(body);
    m_pageUrls.insert(m_currentUrl);
    Q_EMIT pageReceived(body, int(m_pages.size()) - 1);
    if (m_done) // a receiver cancelled the job
        return;
    const QUrl next = m_request.followPages ? nextPageUrl(reply->rawHeader("Link"), m_currentUrl) : QUrl();
    if (next.isValid() && !next.isEmpty()) {
        const QString problem = endpointProblem(next);
        if (!problem.isEmpty()) {
            HubError error;
            error.kind = HubError::Kind::InsecureEndpoint;
            error.detail = problem;
            fail(error);
            return;
        }
        if (m_pageUrls.contains(next)) {
            // A server whose "next" page was already received would keep us fetching forever.
            HubError error;
            error.kind = HubError::Kind::BadReply;
            error.detail = tr("its page links go round in a circle");
            fail(error);
            return;
        }
        m_currentUrl = next;
        m_attempt = 0;
        send();
        return;
    }
    finish();
}

bool HubJob::handleRedirect(QNetworkReply *reply)
{
    const QByteArray location = reply->rawHeader("Location");
    if (location.isEmpty())
        return false;
    const QUrl target = m_currentUrl.resolved(QUrl::fromEncoded(location));
    HubError error;
    error.subject = m_request.subject;
    if (++m_redirects > maxRedirects) {
        error.kind = HubError::Kind::Network;
        error.detail = tr("too many redirects");
        fail(error);
        return true;
    }
    const QString problem = endpointProblem(target);
    if (!problem.isEmpty()) {
        error.kind = HubError::Kind::InsecureEndpoint;
        error.detail = problem;
        fail(error);
        return true;
    }
    m_currentUrl = target;
    m_attempt = 0;
    send();
    return true;
}

void HubJob::scheduleRetry(QNetworkReply *reply, const HubError &why)
{
    const int wait = m_policy.delayFor(m_attempt, why.httpStatus ? reply : nullptr);
    if (wait < 0) {
        fail(why);
        return;
    }
    Q_EMIT retrying(m_attempt, wait, why.message());
    m_retryTimer.start(wait);
}

void HubJob::fail(HubError error)
{
    if (m_done)
        return;
    if (error.subject.isEmpty())
        error.subject = m_request.subject;
    m_error = std::move(error);
    finish();
}

void HubJob::finish()
{
    if (m_done)
        return;
    m_done = true;
    m_retryTimer.stop();
    Q_EMIT finished(this);
    deleteLater();
}

} // namespace hubgate
