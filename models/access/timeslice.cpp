#include "timeslice.h"

#include <QDateTime>

#include <algorithm>

namespace hubgate {

namespace {

QString isoOf(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

QUrlQuery TimeSlice::query(int limit) const
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    query.addQueryItem(QStringLiteral("after"), isoOf(afterMs));
    if (beforeMs)
        query.addQueryItem(QStringLiteral("before"), isoOf(*beforeMs));
    return query;
}

QList<TimeSlice> splitSlice(const TimeSlice &slice, qint64 fromMs, int parts, qint64 horizonMs)
{
    const qint64 start = std::max(fromMs, slice.afterMs + 1);
    const qint64 end = slice.beforeMs ? *slice.beforeMs : std::max(horizonMs, start + 1);
    parts = int(std::clamp<qint64>(parts, 1, std::max<qint64>(1, end - start)));
    if (parts <= 1)
        return {TimeSlice{start - 1, slice.beforeMs}};
    QList<TimeSlice> slices;
    slices.reserve(parts);
    qint64 lower = start;
    for (int i = 1; i <= parts; ++i) {
        if (i == parts) {
            slices.append(TimeSlice{lower - 1, slice.beforeMs});
            break;
        }
        const qint64 upper = start + (end - start) * i / parts;
        slices.append(TimeSlice{lower - 1, upper});
        lower = upper;
    }
    return slices;
}

int estimatePagesLeft(qint64 pageSpanMs, qint64 remainingMs)
{
    if (remainingMs <= 0)
        return 1;
    const qint64 span = std::max<qint64>(pageSpanMs, 1);
    return int(std::clamp<qint64>((remainingMs + span - 1) / span, 1, 1 << 20));
}

int DeliveryFrontier::filter(QList<PackedRequest> &page)
{
    const qsizetype before = page.size();
    if (m_lastMs) {
        const qint64 last = *m_lastMs;
        page.removeIf([&](const PackedRequest &request) {
            return request.requestedMs < last || (request.requestedMs == last && m_usersAtLast.contains(request.name));
        });
    }
    for (const PackedRequest &request : std::as_const(page)) {
        const qint64 ms = request.requestedMs;
        if (!m_lastMs || ms > *m_lastMs) {
            m_lastMs = ms;
            m_usersAtLast.clear();
        }
        if (ms == *m_lastMs)
            m_usersAtLast.insert(request.name);
    }
    return int(before - page.size());
}

bool isOldestFirst(const QList<PackedRequest> &page)
{
    return std::is_sorted(page.cbegin(), page.cend(), [](const PackedRequest &a, const PackedRequest &b) {
        return a.requestedMs < b.requestedMs;
    });
}

} // namespace hubgate
