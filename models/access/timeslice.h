#pragma once
// Time slices of one request list, for loading it in parallel with the list endpoint's `after`
// and `before` (request time, both strict, oldest first), and the frontier that keeps the rows
// handed on in time order and free of duplicates. Pure logic, no network.

#include "requestpage.h"

#include <QList>
#include <QSet>
#include <QUrlQuery>

#include <optional>

namespace hubgate {

// Requests with afterMs < timestamp < beforeMs (no upper bound when beforeMs is empty), in ms
// since the epoch. A slice starting at T has afterMs = T - 1 so that T itself is included.
struct TimeSlice
{
    qint64 afterMs = 0;
    std::optional<qint64> beforeMs;

    bool contains(qint64 ms) const { return ms > afterMs && (!beforeMs || ms < *beforeMs); }
    // The slice's list query: limit, after and (if bounded) before, in the Hub's ISO format.
    QUrlQuery query(int limit) const;
};

// Splits [fromMs, slice's end) into at most `parts` slices of equal duration, in time order; the
// last keeps the slice's end (open if it was open, reaching past horizonMs). Returns the slice
// unchanged when there is no room to split (less than a millisecond per part).
QList<TimeSlice> splitSlice(const TimeSlice &slice, qint64 fromMs, int parts, qint64 horizonMs);

// Pages of a slice still to come, guessed from the last full page: `pageSpanMs` covered one page,
// `remainingMs` of the slice are left. At least 1 while the slice has a next page.
int estimatePagesLeft(qint64 pageSpanMs, qint64 remainingMs);

// Rows already handed on, as a time prefix of the list: everything before lastMs and the users at
// lastMs. A page passed through it loses the rows already handed on (duplicates at slice edges
// and at the start of a continued slice) and moves the frontier on.
class DeliveryFrontier
{
public:
    // Returns how many requests were dropped.
    int filter(QList<PackedRequest> &page);
    bool isEmpty() const { return !m_lastMs; }
    qint64 lastMs() const { return m_lastMs.value_or(0); }

private:
    std::optional<qint64> m_lastMs;
    QSet<QString> m_usersAtLast;
};

// True when the requests' times never go backwards (the list is oldest first).
bool isOldestFirst(const QList<PackedRequest> &page);

} // namespace hubgate
