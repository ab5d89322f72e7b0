#pragma once
// One entry point for the writers: the whole report in memory, in the chosen format. Plain
// functions on plain data, so the UI can run them on a worker thread and cancel them.

#include "reportinput.h"
#include "reportoptions.h"

#include <QByteArray>

#include <atomic>

namespace hubgate {

// False when *cancel was set while writing; *out is then incomplete and must be dropped.
bool writeReport(const QList<RepoRows> &repos, const ReportOptions &options, QByteArray *out,
                 const std::atomic<bool> *cancel = nullptr, const ReportProgress &progress = {});
bool writeReport(const QList<RepoRequests> &repos, const ReportOptions &options, QByteArray *out,
                 const std::atomic<bool> *cancel = nullptr, const ReportProgress &progress = {});

} // namespace hubgate
