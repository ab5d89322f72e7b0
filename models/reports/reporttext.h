#pragma once
// Low-level text for the report writers, appended to a byte array without temporary objects:
// 100,000 rows must be written in a fraction of a second.

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringView>

namespace hubgate::reporttext {

// A JSON string, quoted, escaped as the Hub (and JSON.stringify) escapes: \" \\ \b \f \n \r \t,
// other control characters as \u00xx; everything else as UTF-8.
void appendJsonString(QByteArray &out, QStringView text);
// A JSON string, or null when text is empty.
void appendJsonStringOrNull(QByteArray &out, QStringView text);
// "2026-09-01T08:00:00.000Z" for UTC milliseconds since the epoch: the Hub's format.
void appendIsoTime(QByteArray &out, qint64 ms);
QString isoTime(const QDateTime &time); // empty for an invalid time
// An RFC 4180 field: quoted (quotes doubled) when it holds a comma, a quote, CR or LF.
void appendCsvField(QByteArray &out, QStringView text);

} // namespace hubgate::reporttext
