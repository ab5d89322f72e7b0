#pragma once
#include <QIcon>

namespace hubgate {
// The application icon, drawn at run time so it is crisp at every size.
QIcon appIcon();
}
