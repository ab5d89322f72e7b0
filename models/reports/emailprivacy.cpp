#include "emailprivacy.h"

#include <QCryptographicHash>

namespace hubgate {

QString hashedEmail(QStringView email)
{
    const QString normalized = email.trimmed().toString().toLower();
    if (normalized.isEmpty())
        return {};
    return QString::fromLatin1(
        QCryptographicHash::hash(normalized.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QStringView ExportedEmail::operator()(QStringView email)
{
    switch (m_mode) {
    case EmailMode::Keep:
        return email;
    case EmailMode::Omit:
        return {};
    case EmailMode::Hash:
        m_hash = hashedEmail(email);
        return m_hash;
    }
    return {};
}

} // namespace hubgate
