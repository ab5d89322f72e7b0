#pragma once
// Icons HubGate draws itself, used where the desktop's icon theme has none: an action with an
// empty icon is invisible, so every icon-only action needs one of these as its fallback.

#include <QIcon>

namespace hubgate {

// An eye (open: show a secret; crossed out: hide it).
QIcon eyeIcon(bool crossed);
// A magnifying glass (search), or an hourglass in the same place while the search is under way.
QIcon searchIcon(bool busy);

} // namespace hubgate
