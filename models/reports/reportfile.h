#pragma once
// Saves a report atomically: the bytes go to a temporary file next to the target, which replaces
// the target only once everything is written (QSaveFile). A failure or a cancel leaves no
// temporary file behind and an existing file as it was.

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <atomic>

namespace hubgate {

class ReportFile
{
    Q_DECLARE_TR_FUNCTIONS(ReportFile)
public:
    enum class Outcome { Saved, Failed, Cancelled };

    // *error gets the reason of a failure, as the end of a sentence ("Permission denied").
    static Outcome save(const QString &path, const QByteArray &bytes, QString *error,
                        const std::atomic<bool> *cancel = nullptr);
};

} // namespace hubgate
