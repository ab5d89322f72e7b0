#include "gateform.h"

#include <nlohmann/json.hpp>

namespace hubgate {

namespace {

using Json = nlohmann::ordered_json;

GateField::Type typeOf(const std::string &name)
{
    if (name == "text")
        return GateField::Type::Text;
    if (name == "checkbox")
        return GateField::Type::Checkbox;
    if (name == "date_picker")
        return GateField::Type::DatePicker;
    if (name == "country")
        return GateField::Type::Country;
    if (name == "select")
        return GateField::Type::Select;
    return GateField::Type::Unknown;
}

// Option values may be written as numbers or booleans in YAML; show them as written.
QString scalarText(const Json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_number() || value.is_boolean())
        return QString::fromStdString(value.dump());
    return {};
}

void readOptions(const Json &options, GateField *field)
{
    if (!options.is_array())
        return;
    for (const Json &option : options) {
        QString value, label;
        if (option.is_object()) {
            value = scalarText(option.value("value", Json()));
            label = scalarText(option.value("label", Json()));
            if (value.isEmpty())
                value = label;
            if (label.isEmpty())
                label = value;
        } else {
            value = label = scalarText(option);
        }
        if (value.isEmpty())
            continue;
        field->optionValues.append(value);
        field->optionLabels.append(label);
    }
}

} // namespace

QList<GateField> parseGateFields(const QByteArray &repoInfoJson)
{
    const Json info = Json::parse(repoInfoJson.begin(), repoInfoJson.end(), nullptr, false);
    if (!info.is_object())
        return {};
    const auto card = info.find("cardData");
    if (card == info.end() || !card->is_object())
        return {};
    const auto fields = card->find("extra_gated_fields");
    if (fields == card->end() || !fields->is_object())
        return {};
    QList<GateField> out;
    for (const auto &[name, spec] : fields->items()) {
        GateField field;
        field.name = QString::fromStdString(name);
        if (spec.is_string()) {
            field.type = typeOf(spec.get<std::string>());
        } else if (spec.is_object()) {
            const Json type = spec.value("type", Json());
            field.type = type.is_string() ? typeOf(type.get<std::string>()) : GateField::Type::Unknown;
            if (field.type == GateField::Type::Select)
                readOptions(spec.value("options", Json()), &field);
        } else {
            field.type = GateField::Type::Unknown;
        }
        out.append(field);
    }
    return out;
}

bool isTicked(const QString &answer)
{
    return isTicked(QStringView(answer));
}

bool isTicked(QStringView answer)
{
    const QStringView text = answer.trimmed();
    for (const char *word : {"on", "true", "yes", "1"})
        if (text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

} // namespace hubgate
