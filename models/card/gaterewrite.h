#pragma once
// Writes the gate keys into a README by replacing only their own text: every other byte (other
// keys, comments, quoting, blank lines, the body, CRLF, a missing final newline) stays as it
// was, and a gate key whose value does not change keeps its text too. What was written is read
// back and compared with what was meant; anything else is refused.

#include "gatecard.h"

namespace hubgate {

struct CardRewrite
{
    QByteArray readme;   // the new README (the old one when refused)
    bool changed = false;
    CardError error;     // set when the card cannot be read or the result was refused

    bool ok() const { return !error.isError(); }
};

// `desired` is the whole gate state wanted: an empty optional removes the key, keys in
// desired.keepAsIs are left alone. New keys go after the last gate key, else at the end of the
// front matter; a README without one gets one.
CardRewrite rewriteGateCard(const QByteArray &readme, const GateSettings &desired);

} // namespace hubgate
