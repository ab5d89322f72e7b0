#pragma once
// What an export writes: the format, what happens to e-mail addresses, and a BOM for CSV.

#include <QString>

#include <optional>

namespace hubgate {

enum class ReportFormat {
    HubJson,   // the Hub's user-access-report: a JSON array, one object per request
    Csv,       // RFC 4180, UTF-8, a header row, one column per gate-form field
    JsonLines, // one JSON object per request with everything the list endpoint gives
};

enum class EmailMode {
    Keep,
    Omit, // no e-mail column or key at all
    Hash, // SHA-256 of the trimmed, lower-cased address, in hex (pseudonymisation)
};

struct ReportOptions
{
    ReportFormat format = ReportFormat::HubJson;
    EmailMode email = EmailMode::Keep;
    bool byteOrderMark = false; // CSV only: lets spreadsheets detect UTF-8
};

// "json", "csv", "jsonl" (the names used on the command line); nullopt for anything else.
std::optional<ReportFormat> reportFormatFromName(const QString &name);
QString reportFormatName(ReportFormat format);

} // namespace hubgate
