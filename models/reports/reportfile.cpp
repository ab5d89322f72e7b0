#include "reportfile.h"

#include <QFileInfo>
#include <QSaveFile>

namespace hubgate {

namespace {

constexpr qsizetype ChunkSize = 1 << 20; // a cancel is noticed within a megabyte

} // namespace

ReportFile::Outcome ReportFile::save(const QString &path, const QByteArray &bytes, QString *error,
                                     const std::atomic<bool> *cancel)
{
    if (QFileInfo(path).isDir()) {
        *error = tr("it is a folder");
        return Outcome::Failed;
    }
    QSaveFile file(path);
    file.setDirectWriteFallback(false); // never write over the target in place
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return Outcome::Failed;
    }
    for (qsizetype at = 0; at < bytes.size(); at += ChunkSize) {
        if (cancel && cancel->load()) {
            file.cancelWriting();
            return Outcome::Cancelled; // the destructor removes the temporary file
        }
        const qsizetype size = qMin(ChunkSize, bytes.size() - at);
        if (file.write(bytes.constData() + at, size) != size) {
            *error = file.errorString();
            file.cancelWriting();
            return Outcome::Failed;
        }
    }
    if (!file.commit()) {
        *error = file.errorString();
        return Outcome::Failed;
    }
    return Outcome::Saved;
}

} // namespace hubgate
