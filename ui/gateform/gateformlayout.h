#pragma once
// Where the gate form page puts the preview: beside the editor when the page is wide enough for
// both to be read without squeezing, under it otherwise. Pure arithmetic, tested without a window.

#include <Qt>

namespace hubgate {

// Page widths in pixels. Side by side needs at least GateFormStackBelow, and at least what both
// panes need next to each other (sideBySideMinimum). Within GateFormHysteresis above that the
// arrangement stays as it is, so a window resized around the threshold does not make the panes
// flip back and forth.
constexpr int GateFormStackBelow = 560;
constexpr int GateFormHysteresis = 40;

Qt::Orientation gateFormOrientation(int pageWidth, int sideBySideMinimum, Qt::Orientation current);

} // namespace hubgate
