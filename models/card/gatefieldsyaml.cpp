#include "gatefieldsyaml.h"

namespace hubgate::cardyaml {

namespace {

using Type = GateFieldSpec::Type;

std::optional<GateOption> readOption(const YAML::Node &item)
{
    if (item.IsScalar())
        return GateOption{qs(item.Scalar()), qs(item.Scalar()), false};
    if (!item.IsMap() || item.size() != 2 || !item["label"] || !item["value"] || !item["label"].IsScalar() ||
        !item["value"].IsScalar())
        return std::nullopt;
    return GateOption{qs(item["label"].Scalar()), qs(item["value"].Scalar()), true};
}

// The field as the editor knows it, or Unknown.
GateFieldSpec readField(const QString &name, const YAML::Node &node)
{
    GateFieldSpec spec;
    spec.name = name;
    spec.type = Type::Unknown;
    spec.valueJson = QByteArray::fromStdString(toJson(node).dump());
    if (node.IsScalar()) {
        const OrderedJson value = toJson(node);
        const auto type = value.is_string() ? gateFieldType(qs(node.Scalar())) : std::nullopt;
        if (type) {
            spec.type = *type;
            spec.form = GateFieldSpec::Form::Short;
        }
        return spec;
    }
    if (!node.IsMap() || !node["type"] || !node["type"].IsScalar())
        return spec;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string key = keyText(it->first);
        if (key != "type" && key != "options")
            return spec;
    }
    const auto type = gateFieldType(qs(node["type"].Scalar()));
    if (!type)
        return spec;
    QList<GateOption> options;
    if (const YAML::Node list = node["options"]) {
        if (*type != Type::Select || !list.IsSequence())
            return spec;
        for (const YAML::Node &item : list) {
            const std::optional<GateOption> option = readOption(item);
            if (!option)
                return spec;
            options << *option;
        }
    }
    spec.type = *type;
    spec.form = GateFieldSpec::Form::Mapping;
    spec.options = options;
    return spec;
}

QByteArray withoutCarriageReturns(QByteArray text)
{
    return text.replace("\r\n", "\n");
}

std::string optionYaml(const GateOption &option, int indent)
{
    const std::string pad(std::size_t(indent), ' ');
    if (!option.labelled)
        return "\n" + pad + "- " + scalarText(ss(option.value), indent + 2);
    return "\n" + pad + "- label: " + scalarText(ss(option.label), indent + 2) + "\n" + pad +
           "  value: " + scalarText(ss(option.value), indent + 2);
}

std::string fieldYaml(const GateFieldSpec &field, int indent)
{
    const std::string pad(std::size_t(indent), ' ');
    if (field.type == Type::Unknown && !field.sourceText.isEmpty())
        return "\n" + withoutCarriageReturns(field.sourceText).chopped(1).toStdString();
    const std::string head = "\n" + pad + keyScalarText(ss(field.name)) + ":";
    if (field.type == Type::Unknown)
        return head + " " + field.valueJson.toStdString();
    const std::string type = ss(gateFieldTypeName(field.type));
    if (field.form == GateFieldSpec::Form::Short)
        return head + " " + type;
    std::string text = head + "\n" + pad + "  type: " + type;
    if (field.type == Type::Select) {
        text += "\n" + pad + "  options:";
        if (field.options.isEmpty())
            text += " []";
        for (const GateOption &option : field.options)
            text += optionYaml(option, indent + 4);
    }
    return text;
}

} // namespace

int fieldIndent(const TopEntry *entry)
{
    if (!entry || !entry->value.IsMap() || entry->value.size() == 0 ||
        entry->value.Style() == YAML::EmitterStyle::Flow)
        return 2;
    return std::max(1, entry->value.begin()->first.Mark().column);
}

std::optional<QList<GateFieldSpec>> readGateFields(const QByteArray &readme, const ParsedCard &card,
                                                   const TopEntry &entry)
{
    const YAML::Node &value = entry.value;
    if (!value.IsMap())
        return std::nullopt;
    const bool block = value.Style() != YAML::EmitterStyle::Flow;
    const int indent = fieldIndent(&entry);
    QList<GateFieldSpec> fields;
    std::vector<qsizetype> starts;
    for (auto it = value.begin(); it != value.end(); ++it) {
        fields << readField(qs(keyText(it->first)), it->second);
        const YAML::Mark mark = it->first.Mark();
        starts.push_back(block && mark.column == indent ? card.lineOffset(mark.line) : -1);
    }
    // Unknown fields keep their own lines, so writing the list again leaves them as they were.
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const qsizetype begin = starts[std::size_t(i)];
        const qsizetype next = i + 1 < fields.size() ? starts[std::size_t(i + 1)] : entry.end;
        if (fields[i].type != Type::Unknown || begin < 0 || next < begin)
            continue;
        const qsizetype end = trimmedEnd(readme, begin, next, indent);
        fields[i].sourceText = readme.mid(begin, end - begin);
        if (!fields[i].sourceText.endsWith('\n'))
            fields[i].sourceText.clear(); // only whole lines can be kept as they are
    }
    return fields;
}

std::string fieldsYaml(const QList<GateFieldSpec> &fields, int indent)
{
    if (fields.isEmpty())
        return " {}";
    std::string text;
    for (const GateFieldSpec &field : fields)
        text += fieldYaml(field, indent);
    return text;
}

} // namespace hubgate::cardyaml
