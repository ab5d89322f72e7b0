#pragma once
// JSON Lines: one compact object per request and line (LF), with everything the Hub's list
// endpoint gives, keys in alphabetical order: avatarUrl, email, fields (the form answers),
// fullname, grantedBy, isPro, repo (merged repos only), reviewedAt, status, timestamp (when
// access was requested), user, userId. Values the Hub does not give are null; with e-mails
// omitted the email key is left out. The same shape as `hubgate requests --json`.

#include "reportinput.h"
#include "reportoptions.h"

#include <QByteArray>

#include <atomic>

namespace hubgate {

// False when cancelled; *out is then incomplete.
bool writeJsonLines(const QList<RepoRows> &repos, EmailMode email, QByteArray *out,
                    const std::atomic<bool> *cancel = nullptr, const ReportProgress &progress = {});

} // namespace hubgate
