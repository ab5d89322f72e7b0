#include "countries.h"

#include <QCollator>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace hubgate {

namespace {

const QHash<QString, QString> &table()
{
    static const QHash<QString, QString> names = [] {
        QHash<QString, QString> out;
        QFile file(QStringLiteral(HUBGATE_ISO_CODES_DIR "/json/iso_3166-1.json"));
        if (!file.open(QIODevice::ReadOnly))
            return out;
        const QJsonArray countries =
            QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("3166-1")).toArray();
        for (const QJsonValue &value : countries) {
            const QJsonObject country = value.toObject();
            const QString name = country.value(QLatin1String("common_name")).toString(
                country.value(QLatin1String("name")).toString());
            out.insert(country.value(QLatin1String("alpha_2")).toString(), name);
        }
        return out;
    }();
    return names;
}

} // namespace

QString countryName(const QString &alpha2)
{
    return table().value(alpha2.trimmed().toUpper());
}

QList<QPair<QString, QString>> allCountries()
{
    QList<QPair<QString, QString>> out;
    for (auto it = table().cbegin(); it != table().cend(); ++it)
        out.append({it.key(), it.value()});
    QCollator collator;
    std::sort(out.begin(), out.end(),
              [&collator](const auto &a, const auto &b) { return collator.compare(a.second, b.second) < 0; });
    return out;
}

} // namespace hubgate
