#include "retrypolicy.h"

#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>

namespace hubgate {

bool RetryPolicy::isRetryableStatus(int status)
{
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

bool RetryPolicy::isRetryableNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}

int RetryPolicy::serverWaitSeconds(const QNetworkReply *reply)
{
    const QByteArray retryAfter = reply->rawHeader("Retry-After").trimmed();
    if (!retryAfter.isEmpty()) {
        bool ok = false;
        const int seconds = retryAfter.toInt(&ok);
        if (ok && seconds >= 0)
            return seconds;
        const QDateTime when = QDateTime::fromString(QString::fromLatin1(retryAfter), Qt::RFC2822Date);
        if (when.isValid())
            return int(std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(when)));
    }
    // RateLimit: "api";r=0;t=55 -- t is the time until the window resets.
    static const QRegularExpression reset(QStringLiteral(";\\s*t=(\\d+)"));
    static const QRegularExpression remaining(QStringLiteral(";\\s*r=(\\d+)"));
    const QString rateLimit = QString::fromLatin1(reply->rawHeader("RateLimit"));
    const auto r = remaining.match(rateLimit);
    const auto t = reset.match(rateLimit);
    if (t.hasMatch() && (!r.hasMatch() || r.captured(1).toInt() == 0))
        return t.captured(1).toInt();
    return -1;
}

int RetryPolicy::delayFor(int attempt, const QNetworkReply *reply) const
{
    const int server = reply ? serverWaitSeconds(reply) : -1;
    if (server >= 0) {
        const qint64 ms = qint64(server) * 1000;
        return ms > maxServerWaitMs ? -1 : int(std::max<qint64>(ms, 50));
    }
    const qint64 backoff = qint64(baseDelayMs) << std::min(attempt - 1, 16);
    return int(std::min<qint64>(backoff, maxDelayMs));
}

} // namespace hubgate
