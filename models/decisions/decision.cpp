#include "decision.h"

#include <QCoreApplication>

namespace hubgate {

QString targetStatus(DecisionKind kind)
{
    switch (kind) {
    case DecisionKind::Accept:
    case DecisionKind::Grant:
        return QStringLiteral("accepted");
    case DecisionKind::Reject:
        return QStringLiteral("rejected");
    case DecisionKind::Cancel:
        return QStringLiteral("pending");
    }
    return {};
}

QString decisionVerb(DecisionKind kind)
{
    switch (kind) {
    case DecisionKind::Accept:
        return QCoreApplication::translate("Decision", "Accept");
    case DecisionKind::Reject:
        return QCoreApplication::translate("Decision", "Reject");
    case DecisionKind::Cancel:
        return QCoreApplication::translate("Decision", "Cancel access");
    case DecisionKind::Grant:
        return QCoreApplication::translate("Decision", "Grant access");
    }
    return {};
}

int reasonLength(const QString &reason)
{
    // UTF-16 units minus the second half of each surrogate pair = code points.
    int length = 0;
    for (qsizetype i = 0; i < reason.size(); ++i) {
        if (reason.at(i).isHighSurrogate() && i + 1 < reason.size() &&
            reason.at(i + 1).isLowSurrogate())
            ++i;
        ++length;
    }
    return length;
}

Decision undoOf(const Decision &done, const QString &previousStatus, const QString &previousReason)
{
    Decision undo;
    undo.kind = DecisionKind::Grant; // "nothing" unless a real undo is found below
    // A grant may have created the request: there is no earlier state to go back to.
    if (done.kind == DecisionKind::Grant || done.users.isEmpty() ||
        previousStatus == targetStatus(done.kind))
        return undo;
    if (previousStatus == QLatin1String("pending"))
        undo.kind = DecisionKind::Cancel; // the batch endpoint with status pending
    else if (previousStatus == QLatin1String("accepted"))
        undo.kind = DecisionKind::Accept;
    else if (previousStatus == QLatin1String("rejected")) {
        undo.kind = DecisionKind::Reject;
        undo.reason = previousReason; // the Hub does not list reasons: only one sent from here is known
    } else
        return undo; // a status this version does not know (the Hub's list is open)
    undo.users = done.users;
    return undo;
}

QString outcomeErrorText(const QString &error)
{
    if (error == QLatin1String("user_not_found"))
        return QCoreApplication::translate("Decision", "There is no such user on the Hub.");
    if (error == QLatin1String("request_not_found"))
        return QCoreApplication::translate("Decision", "This user has no access request for the repository.");
    if (error.isEmpty())
        return QCoreApplication::translate("Decision", "The Hub refused it without giving a reason.");
    return error;
}

} // namespace hubgate
