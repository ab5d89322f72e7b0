#pragma once
// One access request read where it is stored, without copying its texts: what an export reads
// 100,000 times (building as many AccessRequest values took longer than writing the file). The
// views stay valid while what they view lives unchanged, and until the view is read into again.

#include <QList>
#include <QString>
#include <QStringView>

#include <limits>
#include <optional>

namespace hubgate {

struct RequestView
{
    static constexpr qint64 NoTime = std::numeric_limits<qint64>::min();

    QStringView user; // the user name
    QStringView userId;
    QStringView fullname;
    QStringView email;
    QStringView avatarUrl;
    bool isPro = false;
    QStringView status;
    qint64 requestedMs = NoTime; // UTC milliseconds since the epoch; NoTime when unknown
    qint64 reviewedMs = NoTime;
    QStringView grantedBy;
    // Gate-form answers by the index of the field's name in the answer names of where the request
    // is stored; nullopt for a field it has no answer to.
    QList<std::optional<QStringView>> answers;
    // Where a reader decodes texts that are not stored as UTF-16; reused from row to row.
    QString storage;
};

} // namespace hubgate
