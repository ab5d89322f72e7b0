#pragma once
// How many list requests may be in flight at once, shared by every list a loader walks: a
// bounded number (default 8), lowered when the Hub announces that few calls remain in its
// rate-limit window. Requests over the bound wait their turn, first come first served.

#include <QObject>
#include <QPointer>

#include <deque>
#include <functional>

namespace hubgate {

class RequestBudget
{
public:
    explicit RequestBudget(int limit = 8);

    int limit() const { return m_limit; }
    void setLimit(int limit);
    int inFlight() const { return m_inFlight; }
    // Slots nobody is waiting for: room to split work further.
    int idle() const;

    // Runs send now if a slot is free, else once one is; the sender must call release() once its
    // request is over. A waiting send is dropped when its context object is destroyed.
    void acquire(QObject *context, std::function<void()> send);
    void release();
    // From a reply's RateLimit header ("api";r=12;t=55): keeps parallel calls within what remains.
    void noteRateLimit(const QByteArray &rateLimitHeader);

private:
    void drain();

    struct Waiting
    {
        QPointer<QObject> context;
        std::function<void()> send;
    };
    int m_limit;
    int m_bound; // m_limit lowered by the rate limit
    int m_inFlight = 0;
    std::deque<Waiting> m_waiting;
};

} // namespace hubgate
