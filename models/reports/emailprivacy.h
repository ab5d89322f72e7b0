#pragma once
// E-mail addresses in exports: kept, left out, or replaced by a stable hash so rows of the same
// person can still be matched across exports without showing the address.

#include "reportoptions.h"

#include <QString>
#include <QStringView>

namespace hubgate {

// Lower-case hex SHA-256 of the address trimmed and lower-cased ("Ada@Example.org " and
// "ada@example.org" give the same hash). Empty for an empty address. This is pseudonymisation,
// not anonymisation: anyone holding a list of addresses can compute the same hashes.
QString hashedEmail(QStringView email);

// The addresses of an export's rows as it writes them, one row after the other.
class ExportedEmail
{
public:
    explicit ExportedEmail(EmailMode mode)
        : m_mode(mode)
    {
    }
    // The address itself, nothing (Omit, or no address), or its hash: valid until the next call.
    QStringView operator()(QStringView email);

private:
    EmailMode m_mode;
    QString m_hash;
};

} // namespace hubgate
