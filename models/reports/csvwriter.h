#pragma once
// CSV for spreadsheets and scripts (RFC 4180): UTF-8 (optionally with a BOM), CRLF line ends,
// a header row, then one row per request. Columns: repo (merged repos only), user, fullname,
// email (unless omitted), status, time, reviewedAt, grantedBy, then one per gate-form field in
// form order (answerColumns()). Times are ISO 8601 UTC with milliseconds; absent values are
// empty fields. Requests are written in the order given.

#include "reportinput.h"
#include "reportoptions.h"

#include <QByteArray>

#include <atomic>

namespace hubgate {

// The header row's names, in order.
QStringList csvHeader(const QList<RepoRows> &repos, EmailMode email);

// False when cancelled; *out is then incomplete. options.format is not looked at.
bool writeCsv(const QList<RepoRows> &repos, const ReportOptions &options, QByteArray *out,
              const std::atomic<bool> *cancel = nullptr, const ReportProgress &progress = {});

} // namespace hubgate
