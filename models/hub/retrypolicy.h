#pragma once
// How long to wait before trying an idempotent call again.

#include <QByteArray>
#include <QNetworkReply>

namespace hubgate {

struct RetryPolicy
{
    int maxAttempts = 5;        // including the first
    int baseDelayMs = 1000;     // doubled after each failure without a server hint
    int maxDelayMs = 30000;     // cap for our own backoff
    int maxServerWaitMs = 300000; // a server asking for longer than this ends the call

    // Milliseconds to wait, from Retry-After or the RateLimit header, or backoff for attempt n
    // (1-based). Returns -1 when the server's wait is longer than maxServerWaitMs.
    int delayFor(int attempt, const QNetworkReply *reply) const;
    static bool isRetryableStatus(int status);
    static bool isRetryableNetworkError(QNetworkReply::NetworkError error);
    // Seconds from "Retry-After" (delta seconds or HTTP date) or the IETF "RateLimit" t= value.
    static int serverWaitSeconds(const QNetworkReply *reply);
};

} // namespace hubgate
