#pragma once
// What one run of decisions (or of an undo) came to, for the reviewer: how many were done, who
// the Hub refused and why in words, and how many were never confirmed (a retry sends only those).

#include "decisions/decision.h"

#include <QList>
#include <QMetaType>
#include <QString>

namespace hubgate {

struct RefusedUser
{
    QString user;
    QString reason; // in words (outcomeErrorText)
};

struct DecisionReport
{
    QString title;   // "Accept", "Reject", ... or "Undo reject of 3 requests"
    bool undo = false;
    int done = 0;
    QList<RefusedUser> refused;
    int remaining = 0;   // never confirmed: retry() sends them
    bool cancelled = false;
    QString error;       // why the run stopped early, empty when it ran to the end

    bool isClean() const { return refused.isEmpty() && remaining == 0 && error.isEmpty(); }
    // One sentence: "Reject: 3 requests done." / "Accept: 2 done, 1 refused by the Hub, 5 not done yet."
    QString summary() const;
};

} // namespace hubgate

Q_DECLARE_METATYPE(hubgate::DecisionReport)
