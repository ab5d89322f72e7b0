#include "gatejson.h"

#include "yamlvalues.h"

#include <QCoreApplication>

namespace hubgate {

using namespace cardyaml;

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(hubgate::GateJson)
};

std::optional<GateOption> optionFromJson(const OrderedJson &item)
{
    if (item.is_string())
        return GateOption{qs(item.get<std::string>()), qs(item.get<std::string>()), false};
    if (item.is_object() && item.size() == 2 && item.contains("label") && item.contains("value") &&
        item["label"].is_string() && item["value"].is_string())
        return GateOption{qs(item["label"].get<std::string>()), qs(item["value"].get<std::string>()), true};
    return std::nullopt;
}

// A field from JSON; what the editor does not know is written as the JSON says.
GateFieldSpec fieldFromJson(const QString &name, const OrderedJson &value)
{
    GateFieldSpec spec;
    spec.name = name;
    spec.type = GateFieldSpec::Type::Unknown;
    spec.valueJson = QByteArray::fromStdString(value.dump());
    if (value.is_string()) {
        if (const auto type = gateFieldType(qs(value.get<std::string>()))) {
            spec.type = *type;
            spec.form = GateFieldSpec::Form::Short;
        }
        return spec;
    }
    if (!value.is_object() || !value.contains("type") || !value["type"].is_string())
        return spec;
    for (const auto &[key, item] : value.items()) {
        if (key != "type" && key != "options")
            return spec;
    }
    const auto type = gateFieldType(qs(value["type"].get<std::string>()));
    if (!type || (value.contains("options") && (*type != GateFieldSpec::Type::Select || !value["options"].is_array())))
        return spec;
    QList<GateOption> options;
    for (const OrderedJson &item : value.value("options", OrderedJson::array())) {
        const std::optional<GateOption> option = optionFromJson(item);
        if (!option)
            return spec;
        options << *option;
    }
    spec.type = *type;
    spec.form = GateFieldSpec::Form::Mapping;
    spec.options = options;
    return spec;
}

std::optional<QList<GateFieldSpec>> fieldsFromJson(const OrderedJson &value, const GateCard &current)
{
    if (!value.is_object())
        return std::nullopt;
    QList<GateFieldSpec> fields;
    for (const auto &[key, item] : value.items()) {
        GateFieldSpec field = fieldFromJson(qs(key), item);
        // An unknown field the card already has keeps its own text.
        for (const GateFieldSpec &known : current.settings.fields.value_or(QList<GateFieldSpec>())) {
            if (field.type == GateFieldSpec::Type::Unknown && known == field)
                field = known;
        }
        fields << field;
    }
    return fields;
}

bool setKey(GateSettings &s, const QString &key, const OrderedJson &value, const GateCard &current)
{
    if (key == gatekeys::EuDisallowed) {
        if (!value.is_boolean())
            return false;
        s.euDisallowed = value.get<bool>();
        return true;
    }
    if (key == gatekeys::Fields) {
        s.fields = fieldsFromJson(value, current);
        return s.fields.has_value();
    }
    if (!value.is_string())
        return false;
    const QString text = qs(value.get<std::string>());
    if (key == gatekeys::Prompt)
        s.prompt = text;
    else if (key == gatekeys::Heading)
        s.heading = text;
    else if (key == gatekeys::Description)
        s.description = text;
    else
        s.buttonContent = text;
    return true;
}

} // namespace

std::optional<GateSettings> gateSettingsFromJson(const QByteArray &json, const GateCard &current, QString *problem)
{
    const OrderedJson object = OrderedJson::parse(json.toStdString(), nullptr, false);
    if (object.is_discarded() || !object.is_object()) {
        *problem = Text::tr("the gate settings must be one JSON object");
        return std::nullopt;
    }
    const OrderedJson now = OrderedJson::parse(current.json.toStdString(), nullptr, false);
    GateSettings settings = current.settings;
    const QStringList known = gatekeys::all();
    for (const auto &[name, value] : object.items()) {
        const QString key = qs(name);
        if (now.is_object() && now.contains(name) && now[name] == value)
            continue; // as the card has it: keep its text
        if (!known.contains(key)) {
            *problem = Text::tr("“%1” is not a gate key (use %2)").arg(key, known.join(QStringLiteral(", ")));
            return std::nullopt;
        }
        settings.keepAsIs.remove(key);
        settings.remove(key);
        if (!value.is_null() && !setKey(settings, key, value, current)) {
            *problem = key == gatekeys::EuDisallowed ? Text::tr("“%1” must be true, false or null").arg(key)
                       : key == gatekeys::Fields      ? Text::tr("“%1” must be an object of field names, or null").arg(key)
                                                      : Text::tr("“%1” must be a string or null").arg(key);
            return std::nullopt;
        }
    }
    return settings;
}

} // namespace hubgate
