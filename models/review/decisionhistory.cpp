#include "decisionhistory.h"

#include <QCoreApplication>
#include <QMap>

namespace hubgate {

QString HistoryEntry::undoText() const
{
    const int n = int(applied.users.size());
    switch (applied.kind) {
    case DecisionKind::Accept:
        return QCoreApplication::translate("DecisionHistory", "Undo accept of %Ln request(s)", nullptr, n);
    case DecisionKind::Reject:
        return QCoreApplication::translate("DecisionHistory", "Undo reject of %Ln request(s)", nullptr, n);
    case DecisionKind::Cancel:
        return QCoreApplication::translate("DecisionHistory", "Undo cancel of %Ln request(s)", nullptr, n);
    case DecisionKind::Grant:
        return QCoreApplication::translate("DecisionHistory", "Undo grant to %Ln user(s)", nullptr, n);
    }
    return {};
}

QList<Decision> HistoryEntry::inverse() const
{
    // Grouped by prior state, in a stable order so the calls are predictable.
    QMap<std::pair<QString, QString>, QStringList> groups;
    for (const QString &user : applied.users) {
        const PriorState prior = before.value(user);
        groups[{prior.status, prior.reason}].append(user);
    }
    QList<Decision> out;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        Decision done = applied;
        done.users = it.value();
        const Decision undo = undoOf(done, it.key().first, it.key().second);
        if (!undo.users.isEmpty())
            out.append(undo);
    }
    return out;
}

QStringList HistoryEntry::irreversible() const
{
    QStringList out;
    for (const QString &user : applied.users) {
        const PriorState prior = before.value(user);
        Decision one = applied;
        one.users = {user};
        if (prior.status != targetStatus(applied.kind) && undoOf(one, prior.status, prior.reason).users.isEmpty())
            out.append(user);
    }
    return out;
}

void DecisionHistory::push(HistoryEntry entry)
{
    if (entry.applied.users.isEmpty())
        return;
    m_entries.append(std::move(entry));
    if (m_entries.size() > maxEntries)
        m_entries.removeFirst();
}

HistoryEntry DecisionHistory::pop()
{
    return m_entries.takeLast();
}

} // namespace hubgate
