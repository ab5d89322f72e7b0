#include "emailprivacy.h"

#include <QCryptographicHash>

namespace hubgate {

QString hashedEmail(const QString &email)
{
    const QString normalized = email.trimmed().toLower();
    if (normalized.isEmpty())
        return {};
    return QString::fromLatin1(
        QCryptographicHash::hash(normalized.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString exportedEmail(const QString &email, EmailMode mode)
{
    switch (mode) {
    case EmailMode::Keep:
        return email;
    case EmailMode::Omit:
        return {};
    case EmailMode::Hash:
        return hashedEmail(email);
    }
    return {};
}

} // namespace hubgate
