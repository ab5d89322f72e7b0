#pragma once
// The undo stack of a review session. Each entry is one decision the Hub confirmed, with the
// status (and rejection reason, when known) every user had before it, so undoing restores exactly
// that. Undoing is never recorded itself: a second undo goes one step further back.

#include "decisions/decision.h"

#include <QHash>
#include <QList>

namespace hubgate {

struct PriorState
{
    QString status; // empty: the user had no request (a grant created it)
    QString reason; // the rejection reason, when the status was rejected and it is known
};

struct HistoryEntry
{
    Decision applied; // users: those the Hub confirmed
    QHash<QString, PriorState> before;

    // "Undo reject of 3 requests" (translated).
    QString undoText() const;
    // The decisions that restore the prior states, one per distinct (status, reason).
    QList<Decision> inverse() const;
    // Users whose prior state cannot be restored through the Hub (no request before a grant).
    QStringList irreversible() const;
};

class DecisionHistory
{
public:
    static constexpr int maxEntries = 100;

    void push(HistoryEntry entry); // entries without users are ignored
    bool isEmpty() const { return m_entries.isEmpty(); }
    int size() const { return int(m_entries.size()); }
    const HistoryEntry &top() const { return m_entries.constLast(); }
    HistoryEntry pop();
    void clear() { m_entries.clear(); }

private:
    QList<HistoryEntry> m_entries;
};

} // namespace hubgate
