#pragma once
// The Hub's own report format (GET /{ns}/{repo}/user-access-report): a compact JSON array with
// one object per request, keys in the Hub's order: user, fullname, status, email (absent when
// the Hub has none or e-mails are omitted), time, reviewedAt (absent while pending). Merged
// repos add "repo" as the first key. Requests are written in the order given.

#include "reportinput.h"
#include "reportoptions.h"

#include <QByteArray>

#include <atomic>

namespace hubgate {

// False when cancelled; *out is then incomplete.
bool writeHubReport(const QList<RepoRows> &repos, EmailMode email, QByteArray *out,
                    const std::atomic<bool> *cancel = nullptr, const ReportProgress &progress = {});

} // namespace hubgate
