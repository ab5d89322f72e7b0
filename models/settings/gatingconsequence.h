#pragma once
// What a gating change does to the people waiting and to the files, in words, before it is sent.
// Turning gating off and switching from manual to automatic approval cannot be taken back for
// those they affect, so they are confirmed first.

#include "hub/repo.h"

#include <QString>

#include <optional>

namespace hubgate {

struct GatingConfirmation
{
    QString title;   // "Turn gating off?"
    QString text;    // the consequence, with the number of pending requests when known
    QString confirm; // the button that goes ahead: "Turn Gating Off"
};

// nullopt when the change needs no confirmation. pendingRequests is nullopt when the repo's
// lists are not loaded.
std::optional<GatingConfirmation> gatingConfirmation(GatingMode from, GatingMode to,
                                                     const QString &repoId,
                                                     std::optional<int> pendingRequests);

} // namespace hubgate
