#pragma once
// What the editor refuses before saving, each problem tied to the control it is about.

#include "gatecard.h"

namespace hubgate {

// The longest prompt accepted, in characters (QString length). Full license texts in real
// cards stay well below it; a longer one is usually a paste gone wrong and makes the request
// form unreadable.
inline constexpr qsizetype MaxGatePromptLength = 20000;

struct GateProblem
{
    enum class Kind { EmptyFieldName, DuplicateFieldName, SelectWithoutOptions, PromptTooLong };
    Kind kind;
    QString key;        // the gate key the control edits ("extra_gated_fields", ...)
    int fieldIndex = -1; // for field problems: the field's row in form order
    QString message;    // one sentence for the user

    friend bool operator==(const GateProblem &, const GateProblem &) = default;
};

// Empty when the settings can be saved. Fields the editor does not know are not checked.
QList<GateProblem> validateGate(const GateSettings &settings);

} // namespace hubgate
