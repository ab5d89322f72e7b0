#include "yamlvalues.h"

#include <regex>

namespace hubgate::cardyaml {

namespace {

bool matches(const std::string &text, const char *pattern)
{
    return std::regex_match(text, std::regex(pattern));
}

bool isPlainNode(const YAML::Node &node)
{
    return node.Tag() == "?" || node.Tag().empty();
}

// Parses `probe` and returns the value under the key "k", or an undefined node.
YAML::Node probeValue(const std::string &probe)
{
    try {
        const YAML::Node root = YAML::Load(probe);
        if (!root.IsMap() || root.size() != 1)
            return {};
        return root.begin()->second;
    } catch (const YAML::Exception &) {
        return {};
    }
}

bool readsBackAs(const std::string &probe, const std::string &text)
{
    const YAML::Node value = probeValue(probe);
    if (!value.IsDefined() || !value.IsScalar() || value.Scalar() != text)
        return false;
    return !isPlainNode(value) || resolvePlain(text).is_string();
}

std::string indentBlock(const std::string &text, int indent)
{
    const std::string pad(std::size_t(indent), ' ');
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t lf = text.find('\n', start);
        const std::string line = text.substr(start, lf == std::string::npos ? std::string::npos : lf - start);
        out += "\n";
        if (!line.empty())
            out += pad + line;
        if (lf == std::string::npos)
            break;
        start = lf + 1;
    }
    return out;
}

// A literal block scalar (| |- |+), with an indentation indicator when the first line starts
// with a space.
std::string literalBlock(const std::string &text, int indent)
{
    std::size_t body = text.size();
    while (body > 0 && text[body - 1] == '\n')
        --body;
    const std::size_t trailing = text.size() - body;
    std::string header = "|";
    if (!text.empty() && (text[0] == ' ' || text[0] == '\n'))
        header += "2";
    header += trailing == 0 ? "-" : trailing == 1 ? "" : "+";
    const std::string content = trailing > 1 ? text.substr(0, text.size() - 1) : text.substr(0, body);
    return header + indentBlock(content, indent + 2);
}

} // namespace

OrderedJson resolvePlain(const std::string &text)
{
    if (text.empty() || text == "~" || matches(text, "null|Null|NULL"))
        return nullptr;
    if (matches(text, "true|True|TRUE"))
        return true;
    if (matches(text, "false|False|FALSE"))
        return false;
    try {
        if (matches(text, "[-+]?[0-9]+"))
            return std::stoll(text);
        if (matches(text, "0o[0-7]+"))
            return std::stoll(text.substr(2), nullptr, 8);
        if (matches(text, "0x[0-9a-fA-F]+"))
            return std::stoll(text.substr(2), nullptr, 16);
        if (matches(text, "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?"))
            return std::stod(text);
    } catch (const std::exception &) {
        return text; // out of range: keep the text rather than a wrong number
    }
    if (matches(text, "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"))
        return text; // JSON has no infinities; the text says what YAML meant
    return text;
}

OrderedJson toJson(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Scalar:
        return isPlainNode(node) ? resolvePlain(node.Scalar()) : OrderedJson(node.Scalar());
    case YAML::NodeType::Sequence: {
        OrderedJson array = OrderedJson::array();
        for (const YAML::Node &item : node)
            array.push_back(toJson(item));
        return array;
    }
    case YAML::NodeType::Map: {
        OrderedJson object = OrderedJson::object();
        for (auto it = node.begin(); it != node.end(); ++it)
            object[keyText(it->first)] = toJson(it->second);
        return object;
    }
    default:
        return nullptr;
    }
}

std::string keyText(const YAML::Node &key)
{
    return key.IsScalar() ? key.Scalar() : toJson(key).dump();
}

bool sameData(const YAML::Node &a, const YAML::Node &b)
{
    if (a.Type() != b.Type())
        return false;
    switch (a.Type()) {
    case YAML::NodeType::Scalar:
        return a.Scalar() == b.Scalar() && isPlainNode(a) == isPlainNode(b);
    case YAML::NodeType::Sequence:
    case YAML::NodeType::Map: {
        if (a.size() != b.size())
            return false;
        auto ia = a.begin();
        auto ib = b.begin();
        for (; ia != a.end(); ++ia, ++ib) {
            if (a.IsMap() ? !sameData(ia->first, ib->first) || !sameData(ia->second, ib->second)
                          : !sameData(*ia, *ib))
                return false;
        }
        return true;
    }
    default:
        return true;
    }
}

std::string doubleQuoted(const std::string &text)
{
    return OrderedJson(text).dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

std::string scalarText(const std::string &text, int indent)
{
    if (text.find('\n') != std::string::npos && text.find('\r') == std::string::npos) {
        const std::string block = literalBlock(text, indent);
        if (readsBackAs(std::string(std::size_t(indent), ' ') + "k: " + block + "\n", text))
            return block;
    }
    if (readsBackAs("k: " + text + "\n", text))
        return text;
    std::string single = "'";
    for (const char c : text)
        single += c == '\'' ? std::string("''") : std::string(1, c);
    single += "'";
    if (text.find('\n') == std::string::npos && readsBackAs("k: " + single + "\n", text))
        return single;
    return doubleQuoted(text);
}

std::string keyScalarText(const std::string &text)
{
    const YAML::Node plain = [&text] {
        try {
            const YAML::Node root = YAML::Load(text + ": x\n");
            return root.IsMap() && root.size() == 1 ? root.begin()->first : YAML::Node();
        } catch (const YAML::Exception &) {
            return YAML::Node();
        }
    }();
    if (text.find('\n') == std::string::npos && plain.IsDefined() && plain.IsScalar() && plain.Scalar() == text &&
        resolvePlain(text).is_string())
        return text;
    return doubleQuoted(text);
}

} // namespace hubgate::cardyaml
