#include "reportoptions.h"

namespace hubgate {

std::optional<ReportFormat> reportFormatFromName(const QString &name)
{
    const QString key = name.trimmed().toLower();
    for (const ReportFormat format :
         {ReportFormat::HubJson, ReportFormat::Csv, ReportFormat::JsonLines}) {
        if (key == reportFormatName(format))
            return format;
    }
    return std::nullopt;
}

QString reportFormatName(ReportFormat format)
{
    switch (format) {
    case ReportFormat::HubJson:
        return QStringLiteral("json");
    case ReportFormat::Csv:
        return QStringLiteral("csv");
    case ReportFormat::JsonLines:
        return QStringLiteral("jsonl");
    }
    return {};
}

} // namespace hubgate
