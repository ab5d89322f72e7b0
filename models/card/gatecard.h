#pragma once
// The gate form's card metadata (the extra_gated_* keys of README.md's front matter) as a
// domain type the editor works on, and reading it from a README.

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace hubgate {

namespace gatekeys {
inline const QString Prompt = QStringLiteral("extra_gated_prompt");
inline const QString Heading = QStringLiteral("extra_gated_heading");
inline const QString Description = QStringLiteral("extra_gated_description");
inline const QString ButtonContent = QStringLiteral("extra_gated_button_content");
inline const QString EuDisallowed = QStringLiteral("extra_gated_eu_disallowed");
inline const QString Fields = QStringLiteral("extra_gated_fields");
// Every key the editor knows, in the order new keys are written.
QStringList all();
} // namespace gatekeys

struct GateOption
{
    QString label;
    QString value;
    bool labelled = false; // written as {label, value}; else a plain string (label == value)

    friend bool operator==(const GateOption &, const GateOption &) = default;
};

struct GateFieldSpec
{
    enum class Type { Text, Checkbox, DatePicker, Country, Select, IpLocation, Unknown };
    enum class Form { Short, Mapping }; // "Name: type", or "Name:" with "type:" (and "options:")

    QString name;
    Type type = Type::Text;
    Form form = Form::Short;
    QList<GateOption> options; // Select only
    // Unknown only: what the card says, as JSON, and the entry's original text (kept byte for
    // byte when the field list is written again; empty for fields that did not come from a card).
    QByteArray valueJson;
    QByteArray sourceText;

    bool isEditable() const { return type != Type::Unknown; }
    friend bool operator==(const GateFieldSpec &a, const GateFieldSpec &b);
};

// "text", "checkbox", ...; nullopt for a name the editor does not know.
std::optional<GateFieldSpec::Type> gateFieldType(const QString &name);
QString gateFieldTypeName(GateFieldSpec::Type type);

// The gate keys as the editor edits them. An empty optional is a key the card does not have.
struct GateSettings
{
    std::optional<QString> prompt;
    std::optional<QString> heading;
    std::optional<QString> description;
    std::optional<QString> buttonContent;
    std::optional<bool> euDisallowed;
    std::optional<QList<GateFieldSpec>> fields;
    // Keys to leave exactly as the card has them, whatever the values above say: keys whose
    // value the editor cannot represent (a prompt that is a list, ...), and for partial edits.
    QSet<QString> keepAsIs;

    // By gate key name (gatekeys::...):
    bool has(const QString &key) const;
    void remove(const QString &key);
    void copyKey(const GateSettings &from, const QString &key); // its value, or its absence
    bool sameKey(const GateSettings &other, const QString &key) const;

    friend bool operator==(const GateSettings &, const GateSettings &) = default;
};

// Where and why a card cannot be read or written. Lines and columns count from 1 in the whole
// README; 0 when the problem has no one place.
struct CardError
{
    int line = 0;
    int column = 0;
    QString reason;

    bool isError() const { return !reason.isEmpty(); }
    QString message() const; // "line 4, column 7: reason", or the reason alone
};

// A README's gate keys as read.
struct GateCard
{
    GateSettings settings;
    QStringList keys;        // the gate keys present, in card order
    QStringList foreignKeys; // present, but not in a shape the editor can edit (read-only)
    QByteArray json;         // the gate keys as one JSON object, card order, values as YAML reads them
};

// Reads the gate keys; nullopt with *error when the front matter is not a readable YAML mapping.
std::optional<GateCard> readGateCard(const QByteArray &readme, CardError *error);

} // namespace hubgate
