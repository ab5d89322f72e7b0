#pragma once
// The gate keys as JSON for scripts (`hubgate gate show|apply`): one object in card order,
// values as YAML reads them, extra_gated_fields an object in form order.

#include "gatecard.h"

namespace hubgate {

// The edit a JSON object asks for, on top of the card's current keys: keys it gives are set
// (null removes one), keys it does not give stay exactly as they are, and a key given with the
// value the card already has keeps its text. nullopt with *problem when the JSON is not such an
// object.
std::optional<GateSettings> gateSettingsFromJson(const QByteArray &json, const GateCard &current, QString *problem);

} // namespace hubgate
