#include "requestbudget.h"

#include <QRegularExpression>

#include <algorithm>

namespace hubgate {

RequestBudget::RequestBudget(int limit)
    : m_limit(std::max(1, limit))
    , m_bound(m_limit)
{
}

void RequestBudget::setLimit(int limit)
{
    m_limit = std::max(1, limit);
    m_bound = m_limit;
    drain();
}

int RequestBudget::idle() const
{
    return m_waiting.empty() ? std::max(0, m_bound - m_inFlight) : 0;
}

void RequestBudget::acquire(QObject *context, std::function<void()> send)
{
    m_waiting.push_back(Waiting{context, std::move(send)});
    drain();
}

void RequestBudget::release()
{
    m_inFlight = std::max(0, m_inFlight - 1);
    drain();
}

void RequestBudget::noteRateLimit(const QByteArray &rateLimitHeader)
{
    static const QRegularExpression remaining(QStringLiteral("(?:^|;)\\s*r=(\\d+)"));
    const auto match = remaining.match(QString::fromLatin1(rateLimitHeader));
    if (!match.hasMatch())
        return;
    // Half of what remains, so a window running out slows the walk before it is refused.
    m_bound = std::clamp(match.captured(1).toInt() / 2, 1, m_limit);
    drain();
}

void RequestBudget::drain()
{
    while (m_inFlight < m_bound && !m_waiting.empty()) {
        Waiting next = std::move(m_waiting.front());
        m_waiting.pop_front();
        if (!next.context)
            continue;
        ++m_inFlight;
        next.send();
    }
}

} // namespace hubgate
