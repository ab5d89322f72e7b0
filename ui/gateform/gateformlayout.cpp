#include "gateformlayout.h"

#include <algorithm>

namespace hubgate {

Qt::Orientation gateFormOrientation(int pageWidth, int sideBySideMinimum, Qt::Orientation current)
{
    const int stackBelow = std::max(GateFormStackBelow, sideBySideMinimum);
    if (pageWidth < stackBelow)
        return Qt::Vertical;
    if (pageWidth >= stackBelow + GateFormHysteresis)
        return Qt::Horizontal;
    return current;
}

} // namespace hubgate
