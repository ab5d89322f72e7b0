#pragma once
// E-mail addresses in exports: kept, left out, or replaced by a stable hash so rows of the same
// person can still be matched across exports without showing the address.

#include "reportoptions.h"

#include <QString>

namespace hubgate {

// Lower-case hex SHA-256 of the address trimmed and lower-cased ("Ada@Example.org " and
// "ada@example.org" give the same hash). Empty for an empty address. This is pseudonymisation,
// not anonymisation: anyone holding a list of addresses can compute the same hashes.
QString hashedEmail(const QString &email);

// The address as an export writes it in this mode (empty for Omit and for no address).
QString exportedEmail(const QString &email, EmailMode mode);

} // namespace hubgate
