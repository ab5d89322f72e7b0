#pragma once
// Helpers shared by the token store tests: a throw-away home, plain-text scans, captured logs.

#include <QDirIterator>
#include <QFile>
#include <QMutex>
#include <QRandomGenerator>
#include <QStringList>
#include <QTemporaryDir>

namespace authtest {

// Shaped like a user token and random per run, so a scan can only match what this run wrote.
inline QString randomToken()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString token = QStringLiteral("hf_");
    for (int i = 0; i < 34; ++i)
        token += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(62)]);
    return token;
}

// Points HOME and the XDG directories of this process into `dir`, so anything Qt or QtKeychain
// would write (QSettings, caches) lands where the test can inspect it.
inline void useAsHome(const QTemporaryDir &dir)
{
    const QByteArray root = QFile::encodeName(dir.path());
    qputenv("HOME", root);
    qputenv("XDG_CONFIG_HOME", root + "/config");
    qputenv("XDG_DATA_HOME", root + "/data");
    qputenv("XDG_CACHE_HOME", root + "/cache");
    qputenv("XDG_STATE_HOME", root + "/state");
}

inline QStringList filesUnder(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}

// Files under `root` holding any needle as UTF-8, UTF-16 or Base64 (how a careless store might).
inline QStringList filesContaining(const QString &root, const QStringList &needles)
{
    QStringList hits;
    for (const QString &path : filesUnder(root)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            hits << path + QLatin1String(" (unreadable)");
            continue;
        }
        const QByteArray data = file.readAll();
        for (const QString &needle : needles) {
            const QByteArray utf16(reinterpret_cast<const char *>(needle.utf16()), needle.size() * 2);
            if (data.contains(needle.toUtf8()) || data.contains(utf16) || data.contains(needle.toUtf8().toBase64()))
                hits << path;
        }
    }
    return hits;
}

// Records every qDebug/qWarning/... while alive (and still passes them on to Qt Test).
class MessageCapture
{
public:
    MessageCapture() { s_previous = qInstallMessageHandler(&handle); }
    ~MessageCapture() { qInstallMessageHandler(s_previous); }
    static QStringList messages()
    {
        const QMutexLocker lock(&s_mutex);
        return s_messages;
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        {
            const QMutexLocker lock(&s_mutex);
            s_messages << message;
        }
        if (s_previous)
            s_previous(type, context, message);
    }
    static inline QtMessageHandler s_previous = nullptr;
    static inline QMutex s_mutex;
    static inline QStringList s_messages;
};

} // namespace authtest
