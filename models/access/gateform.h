#pragma once
// The gate form's fields as the repo's card metadata declares them (extra_gated_fields), in form
// order, so the request table can have one column per field.

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace hubgate {

struct GateField
{
    enum class Type { Text, Checkbox, DatePicker, Country, Select, Unknown };
    QString name;
    Type type = Type::Text;
    QStringList optionValues; // select: stored values
    QStringList optionLabels; // select: shown labels (same as values when plain strings)

    friend bool operator==(const GateField &, const GateField &) = default;
};

// Reads cardData.extra_gated_fields from a repo info reply (GET /api/models/{ns}/{name}) keeping
// the key order of the JSON text. Empty when the repo has no custom fields. The one reader of the
// gate form: every page shows the fields in this (form) order.
QList<GateField> parseGateFields(const QByteArray &repoInfoJson);

// "on", "true", "yes", "1" (case-insensitive) mean ticked; anything else, or no answer, unticked.
bool isTicked(const QString &answer);
bool isTicked(QStringView answer);

} // namespace hubgate
