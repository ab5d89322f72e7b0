#pragma once
// Internal to the card library: extra_gated_fields read from and written as YAML.

#include "cardparse.h"

namespace hubgate::cardyaml {

// nullopt when the value is not a mapping of field names.
std::optional<QList<GateFieldSpec>> readGateFields(const QByteArray &readme, const ParsedCard &card,
                                                   const TopEntry &entry);
// The indentation of the fields in the card (2 when unknown), so kept entries fit.
int fieldIndent(const TopEntry *entry);
// The lines after "extra_gated_fields:", each starting with "\n"; " {}" for no fields.
std::string fieldsYaml(const QList<GateFieldSpec> &fields, int indent);

} // namespace hubgate::cardyaml
