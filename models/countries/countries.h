#pragma once
// ISO 3166-1 country names from Debian's iso-codes package, translated when its catalogue is
// installed.

#include <QList>
#include <QPair>
#include <QString>

namespace hubgate {

// The country's name for an alpha-2 code ("FR" -> "France"); empty when unknown.
QString countryName(const QString &alpha2);
// Every country as (alpha-2 code, name), sorted by name.
QList<QPair<QString, QString>> allCountries();

} // namespace hubgate
