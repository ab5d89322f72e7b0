#include "reportwriter.h"

#include "csvwriter.h"
#include "hubreportwriter.h"
#include "jsonlineswriter.h"

namespace hubgate {

bool writeReport(const QList<RepoRequests> &repos, const ReportOptions &options, QByteArray *out,
                 const std::atomic<bool> *cancel)
{
    switch (options.format) {
    case ReportFormat::HubJson:
        return writeHubReport(repos, options.email, out, cancel);
    case ReportFormat::Csv:
        return writeCsv(repos, options, out, cancel);
    case ReportFormat::JsonLines:
        return writeJsonLines(repos, options.email, out, cancel);
    }
    return false;
}

} // namespace hubgate
