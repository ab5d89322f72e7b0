#include "frontmatter.h"

#include <yaml-cpp/yaml.h>

namespace emu {

namespace {

Json scalarToJson(const YAML::Node &node)
{
    const std::string text = node.Scalar();
    if (node.Tag() == "!") // quoted: always a string
        return text;
    if (text == "true" || text == "True" || text == "TRUE")
        return true;
    if (text == "false" || text == "False" || text == "FALSE")
        return false;
    if (text == "null" || text == "~" || text.empty())
        return nullptr;
    try {
        std::size_t used = 0;
        const long long integer = std::stoll(text, &used);
        if (used == text.size())
            return integer;
        const double real = std::stod(text, &used);
        if (used == text.size())
            return real;
    } catch (const std::exception &) {
    }
    return text;
}

Json toJson(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        Json object = Json::object();
        for (const auto &item : node)
            object[item.first.as<std::string>()] = toJson(item.second);
        return object;
    }
    case YAML::NodeType::Sequence: {
        Json array = Json::array();
        for (const auto &item : node)
            array.push_back(toJson(item));
        return array;
    }
    case YAML::NodeType::Scalar:
        return scalarToJson(node);
    default:
        return nullptr;
    }
}

std::string validateField(const std::string &name, const Json &spec)
{
    static const char *types[] = {"text", "checkbox", "date_picker", "country", "select"};
    std::string type;
    if (spec.is_string()) {
        type = spec.get<std::string>();
    } else if (spec.is_object() && spec.contains("type") && spec["type"].is_string()) {
        type = spec["type"].get<std::string>();
    } else {
        return "extra_gated_fields." + name + " must be a field type or a mapping with \"type\"";
    }
    if (std::find(std::begin(types), std::end(types), type) == std::end(types))
        return "extra_gated_fields." + name + ": unknown field type \"" + type + "\"";
    if (type == "select") {
        if (!spec.is_object() || !spec.contains("options") || !spec["options"].is_array() ||
            spec["options"].empty())
            return "extra_gated_fields." + name + ": a select needs a non-empty \"options\" list";
        for (const auto &option : spec["options"]) {
            const bool ok = option.is_string() || option.is_number() ||
                            (option.is_object() && option.contains("label") &&
                             option.contains("value"));
            if (!ok)
                return "extra_gated_fields." + name +
                       ": each option is a string or a mapping with label and value";
        }
    }
    return {};
}

} // namespace

FrontMatter parseFrontMatter(const std::string &readme)
{
    FrontMatter result;
    if (readme.rfind("---", 0) != 0)
        return result;
    const auto firstBreak = readme.find('\n');
    if (firstBreak == std::string::npos)
        return result;
    std::size_t end = readme.find("\n---", firstBreak);
    while (end != std::string::npos) {
        const std::size_t after = end + 4;
        if (after >= readme.size() || readme[after] == '\n' || readme[after] == '\r')
            break;
        end = readme.find("\n---", after);
    }
    if (end == std::string::npos)
        return result;
    result.present = true;
    const std::string yaml = readme.substr(firstBreak + 1, end - firstBreak);
    try {
        const YAML::Node root = YAML::Load(yaml);
        if (root.IsNull())
            return result;
        if (!root.IsMap()) {
            result.error = "the metadata block must be a YAML mapping";
            return result;
        }
        result.data = toJson(root);
    } catch (const YAML::Exception &e) {
        result.error = "Invalid YAML in the metadata block: " + std::string(e.what());
    }
    return result;
}

std::string validateCardMetadata(const Json &card)
{
    if (!card.is_object())
        return "the metadata block must be a YAML mapping";
    for (const char *key : {"extra_gated_prompt", "extra_gated_heading", "extra_gated_description",
                            "extra_gated_button_content"}) {
        if (card.contains(key) && !card[key].is_string())
            return std::string(key) + " must be a string";
    }
    if (card.contains("extra_gated_eu_disallowed") && !card["extra_gated_eu_disallowed"].is_boolean())
        return "extra_gated_eu_disallowed must be true or false";
    if (card.contains("extra_gated_fields")) {
        const Json &fields = card["extra_gated_fields"];
        if (!fields.is_object())
            return "extra_gated_fields must be a mapping of field names to field types";
        for (const auto &[name, spec] : fields.items()) {
            const std::string error = validateField(name, spec);
            if (!error.empty())
                return error;
        }
    }
    return {};
}

} // namespace emu
