#pragma once
// One access request as the Hub lists it, and the parser for a page of them.

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>

namespace hubgate {

struct RequestUser
{
    QString id; // 24 hex
    QString name;
    QString fullname;
    QString email; // may be empty: the Hub omits it for some users
    QString avatarUrl;
    bool isPro = false;
};

struct AccessRequest
{
    RequestUser user;
    // Open set: pending, accepted, rejected today; the Hub is adding "reset". Unknown values are
    // kept as sent so nothing is hidden.
    QString status;
    QDateTime requestedAt; // UTC
    QDateTime reviewedAt;  // invalid while never reviewed
    QString grantedBy;     // user name of who granted access; empty when absent
    QHash<QString, QString> fields; // gate-form answers by field name
};

struct ParsedRequestPage
{
    QList<AccessRequest> requests;
    int skipped = 0; // items without a usable user name
    QString error;   // non-empty when the page is not a JSON array
};

// Pure function, safe to run off the UI thread. Texts longer than 10,000 characters are cut
// (with "…"); an item's status is left empty when the item has none.
ParsedRequestPage parseAccessRequestPage(const QByteArray &json);

// Status names the Hub uses today, in the order HubGate shows them.
QStringList knownRequestStatuses(); // pending, accepted, rejected

} // namespace hubgate

Q_DECLARE_METATYPE(hubgate::AccessRequest)
