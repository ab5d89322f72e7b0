#pragma once
// Internal to the card library: YAML nodes as the Hub's parser reads them (YAML 1.2 core schema
// for plain scalars), as ordered JSON, and the quoting a scalar needs to read back unchanged.

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <QByteArray>
#include <QString>

namespace hubgate::cardyaml {

using OrderedJson = nlohmann::ordered_json;

// A plain scalar's value under the core schema: null, bool, int, float or string.
OrderedJson resolvePlain(const std::string &text);
// The node as JSON: mappings keep their order, quoted scalars stay strings.
OrderedJson toJson(const YAML::Node &node);
// A mapping key as text (complex keys as their JSON).
std::string keyText(const YAML::Node &key);
// Same structure and values (not the same text).
bool sameData(const YAML::Node &a, const YAML::Node &b);

// A scalar that reads back as exactly `text` (a string), on one line unless a block fits better.
// `indent` is the indentation of the key that holds it; the result has no leading space and,
// for block scalars, ends without the final line break.
std::string scalarText(const std::string &text, int indent);
// As a mapping key: plain when possible, else quoted.
std::string keyScalarText(const std::string &text);
// Double-quoted with JSON-style escapes (valid YAML).
std::string doubleQuoted(const std::string &text);

inline QString qs(const std::string &text)
{
    return QString::fromStdString(text);
}
inline std::string ss(const QString &text)
{
    return text.toStdString();
}

} // namespace hubgate::cardyaml
