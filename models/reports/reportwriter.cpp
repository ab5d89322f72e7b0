#include "reportwriter.h"

#include "csvwriter.h"
#include "hubreportwriter.h"
#include "jsonlineswriter.h"

namespace hubgate {

bool writeReport(const QList<RepoRows> &repos, const ReportOptions &options, QByteArray *out,
                 const std::atomic<bool> *cancel, const ReportProgress &progress)
{
    switch (options.format) {
    case ReportFormat::HubJson:
        return writeHubReport(repos, options.email, out, cancel, progress);
    case ReportFormat::Csv:
        return writeCsv(repos, options, out, cancel, progress);
    case ReportFormat::JsonLines:
        return writeJsonLines(repos, options.email, out, cancel, progress);
    }
    return false;
}

bool writeReport(const QList<RepoRequests> &repos, const ReportOptions &options, QByteArray *out,
                 const std::atomic<bool> *cancel, const ReportProgress &progress)
{
    return writeReport(rowsOf(repos), options, out, cancel, progress);
}

} // namespace hubgate
