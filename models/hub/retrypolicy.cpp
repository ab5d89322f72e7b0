#include "retrypolicy.h"

#include <QDateTime>
#include <QRegularExpression>

#include <algorithm>
#include <limits>

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

namespace {
constexpr qint64 longestWait = std::numeric_limits<int>::max();

// Seconds from a run of ASCII digits; waits too long for an int (or for 64 bits) are clamped
// rather than wrapped, so that they still read as "too long" and not as "now".
int clampedSeconds(const QByteArray &digits)
{
    bool ok = false;
    const qulonglong seconds = digits.toULongLong(&ok);
    return ok ? int(std::min<qulonglong>(seconds, longestWait)) : int(longestWait);
}

bool allDigits(const QByteArray &text)
{
    return !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](char c) { return c >= '0' && c <= '9'; });
}
} // namespace

int RetryPolicy::serverWaitSeconds(const QNetworkReply *reply)
{
    const QByteArray retryAfter = reply->rawHeader("Retry-After").trimmed();
    if (!retryAfter.isEmpty()) {
        if (allDigits(retryAfter))
            return clampedSeconds(retryAfter);
        // An HTTP-date ends in "GMT", which Qt's RFC 2822 parser does not take: say +0000.
        QString date = QString::fromLatin1(retryAfter);
        if (date.endsWith(QLatin1String(" GMT")))
            date = date.chopped(3) + QLatin1String("+0000");
        const QDateTime when = QDateTime::fromString(date, Qt::RFC2822Date);
        if (when.isValid())
            return int(std::clamp<qint64>(QDateTime::currentDateTimeUtc().secsTo(when), 0, longestWait));
    }
    // RateLimit: "api";r=0;t=55 -- t is the time until the window resets.
    static const QRegularExpression reset(QStringLiteral(";\\s*t=(\\d+)"));
    static const QRegularExpression remaining(QStringLiteral(";\\s*r=(\\d+)"));
    const QString rateLimit = QString::fromLatin1(reply->rawHeader("RateLimit"));
    const auto r = remaining.match(rateLimit);
    const auto t = reset.match(rateLimit);
    if (t.hasMatch() && (!r.hasMatch() || r.captured(1).toInt() == 0))
        return clampedSeconds(t.captured(1).toLatin1());
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
