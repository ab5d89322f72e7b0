#include "gatedraft.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace hubgate {

QString GateDraftStore::path() const
{
    // The key holds a URL and a repo id: hashed, it makes a safe file name.
    const QByteArray name = QCryptographicHash::hash(m_key.toUtf8(), QCryptographicHash::Sha1).toHex();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QLatin1String("/gate-drafts/") + QString::fromLatin1(name) + QLatin1String(".json");
}

std::optional<GateDraft> GateDraftStore::load() const
{
    QFile file(path());
    if (m_key.isEmpty() || !file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    if (object.value(QLatin1String("key")).toString() != m_key)
        return std::nullopt; // a hash collision, or a file written by something else
    GateDraft draft;
    draft.baseReadme = QByteArray::fromBase64(object.value(QLatin1String("base")).toString().toLatin1());
    draft.editedReadme = QByteArray::fromBase64(object.value(QLatin1String("edited")).toString().toLatin1());
    draft.savedAt = QDateTime::fromString(object.value(QLatin1String("savedAt")).toString(), Qt::ISODate);
    return draft;
}

bool GateDraftStore::save(const GateDraft &draft) const
{
    if (m_key.isEmpty())
        return false;
    const QString file = path();
    QDir().mkpath(QFileInfo(file).absolutePath());
    QJsonObject object;
    object.insert(QLatin1String("key"), m_key);
    object.insert(QLatin1String("base"), QString::fromLatin1(draft.baseReadme.toBase64()));
    object.insert(QLatin1String("edited"), QString::fromLatin1(draft.editedReadme.toBase64()));
    object.insert(QLatin1String("savedAt"), draft.savedAt.toString(Qt::ISODateWithMs));
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return false;
    out.write(QJsonDocument(object).toJson(QJsonDocument::Compact));
    return out.commit();
}

void GateDraftStore::discard() const
{
    if (!m_key.isEmpty())
        QFile::remove(path());
}

GateSettings reapplyEdits(const GateSettings &base, const GateSettings &edited, const GateSettings &current)
{
    GateSettings result = current;
    for (const QString &key : gatekeys::all()) {
        if (!base.sameKey(edited, key))
            result.copyKey(edited, key);
    }
    return result;
}

} // namespace hubgate
