#include "gatecard.h"

#include "cardparse.h"
#include "gatefieldsyaml.h"

#include <QCoreApplication>

namespace hubgate {

using namespace cardyaml;

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(hubgate::GateCard)
};

const std::pair<GateFieldSpec::Type, const char *> TypeNames[] = {
    {GateFieldSpec::Type::Text, "text"},           {GateFieldSpec::Type::Checkbox, "checkbox"},
    {GateFieldSpec::Type::DatePicker, "date_picker"}, {GateFieldSpec::Type::Country, "country"},
    {GateFieldSpec::Type::Select, "select"},       {GateFieldSpec::Type::IpLocation, "ip_location"},
};

bool isYamlString(const YAML::Node &node)
{
    return node.IsScalar() && toJson(node).is_string();
}

} // namespace

QStringList gatekeys::all()
{
    return {Prompt, Heading, Description, ButtonContent, EuDisallowed, Fields};
}

bool operator==(const GateFieldSpec &a, const GateFieldSpec &b)
{
    if (a.name != b.name || a.type != b.type)
        return false;
    if (a.type == GateFieldSpec::Type::Unknown)
        return a.valueJson == b.valueJson;
    return a.form == b.form && a.options == b.options;
}

std::optional<GateFieldSpec::Type> gateFieldType(const QString &name)
{
    for (const auto &[type, text] : TypeNames) {
        if (name == QLatin1String(text))
            return type;
    }
    return std::nullopt;
}

QString gateFieldTypeName(GateFieldSpec::Type type)
{
    for (const auto &[known, text] : TypeNames) {
        if (known == type)
            return QLatin1String(text);
    }
    return {};
}

bool GateSettings::has(const QString &key) const
{
    GateSettings none;
    return !none.sameKey(*this, key);
}

void GateSettings::remove(const QString &key)
{
    copyKey(GateSettings(), key);
}

void GateSettings::copyKey(const GateSettings &from, const QString &key)
{
    if (key == gatekeys::Prompt)
        prompt = from.prompt;
    else if (key == gatekeys::Heading)
        heading = from.heading;
    else if (key == gatekeys::Description)
        description = from.description;
    else if (key == gatekeys::ButtonContent)
        buttonContent = from.buttonContent;
    else if (key == gatekeys::EuDisallowed)
        euDisallowed = from.euDisallowed;
    else if (key == gatekeys::Fields)
        fields = from.fields;
}

bool GateSettings::sameKey(const GateSettings &other, const QString &key) const
{
    if (key == gatekeys::Prompt)
        return prompt == other.prompt;
    if (key == gatekeys::Heading)
        return heading == other.heading;
    if (key == gatekeys::Description)
        return description == other.description;
    if (key == gatekeys::ButtonContent)
        return buttonContent == other.buttonContent;
    if (key == gatekeys::EuDisallowed)
        return euDisallowed == other.euDisallowed;
    return key != gatekeys::Fields || fields == other.fields;
}

QString CardError::message() const
{
    if (line <= 0)
        return reason;
    return Text::tr("line %1, column %2: %3").arg(line).arg(column).arg(reason);
}

std::optional<GateCard> readGateCard(const QByteArray &readme, CardError *error)
{
    const std::optional<ParsedCard> parsed = parseCard(readme, error);
    if (!parsed)
        return std::nullopt;
    GateCard card;
    OrderedJson json = OrderedJson::object();
    const QStringList known = gatekeys::all();
    for (const TopEntry &entry : parsed->entries) {
        const QString key = qs(entry.key);
        if (!key.startsWith(QLatin1String("extra_gated_")))
            continue;
        if (card.keys.contains(key)) {
            *error = {int(readme.left(entry.begin).count('\n')) + 1, 1,
                      Text::tr("the key “%1” appears twice").arg(key)};
            return std::nullopt;
        }
        card.keys << key;
        json[entry.key] = toJson(entry.value);
        GateSettings &s = card.settings;
        const YAML::Node &v = entry.value;
        bool fits = true;
        if (key == gatekeys::EuDisallowed) {
            const OrderedJson value = toJson(v);
            fits = v.IsScalar() && value.is_boolean();
            if (fits)
                s.euDisallowed = value.get<bool>();
        } else if (key == gatekeys::Fields) {
            std::optional<QList<GateFieldSpec>> fields = readGateFields(readme, *parsed, entry);
            fits = fields.has_value();
            s.fields = std::move(fields);
        } else if (known.contains(key)) {
            fits = isYamlString(v);
            if (fits) {
                const QString text = qs(v.Scalar());
                if (key == gatekeys::Prompt)
                    s.prompt = text;
                else if (key == gatekeys::Heading)
                    s.heading = text;
                else if (key == gatekeys::Description)
                    s.description = text;
                else
                    s.buttonContent = text;
            }
        } else {
            fits = false; // an extra_gated_* key the editor does not know
        }
        if (!fits) {
            card.foreignKeys << key;
            s.keepAsIs.insert(key);
        }
    }
    card.json = QByteArray::fromStdString(json.dump(2, ' ', false, OrderedJson::error_handler_t::replace));
    return card;
}

} // namespace hubgate
