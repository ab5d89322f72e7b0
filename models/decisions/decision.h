#pragma once
// A reviewer's decision on one or many access requests.

#include <QString>
#include <QStringList>

namespace hubgate {

enum class DecisionKind {
    Accept, // status -> accepted
    Reject, // status -> rejected, with an optional reason (at most 200 characters)
    Cancel, // accepted -> pending
    Grant,  // access for a user who may never have asked
};

struct Decision
{
    DecisionKind kind = DecisionKind::Accept;
    QStringList users; // user names
    QString reason;    // Reject only
};

constexpr int maxRejectionReasonLength = 200;

QString targetStatus(DecisionKind kind); // accepted / rejected / pending / accepted
QString decisionVerb(DecisionKind kind); // translated: "Accept", ...
// Characters as the Hub counts them (Unicode code points).
int reasonLength(const QString &reason);

// The decision that undoes `done` for users whose previous status was `previousStatus` (and, when
// that was a rejection, whose reason was `previousReason`), or nothing (kind Grant with no users)
// when it cannot be undone.
Decision undoOf(const Decision &done, const QString &previousStatus, const QString &previousReason = {});

// A per-user refusal code of the batch endpoint ("user_not_found", ...) in words; other texts
// (already sentences) are returned as they are.
QString outcomeErrorText(const QString &error);

} // namespace hubgate
