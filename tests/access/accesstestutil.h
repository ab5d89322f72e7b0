#pragma once
// Small builders shared by the access request tests.

#include "access/accessrequest.h"
#include "access/gateform.h"

#include <QByteArray>
#include <QDateTime>
#include <QTimeZone>

#include <cstdlib>
#include <ctime>

namespace accesstest {

// Local time must differ from UTC for the date tests to mean something: New York (UTC-5/-4).
inline void useNewYorkTime()
{
    qputenv("TZ", "America/New_York");
    tzset();
}

inline QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toUTC();
}

inline hubgate::AccessRequest request(const QString &name, const QString &status, const QDateTime &requestedAt,
                                      const QHash<QString, QString> &fields = {})
{
    hubgate::AccessRequest r;
    r.user.name = name;
    r.user.id = QStringLiteral("64a0000000000000000000%1").arg(qHash(name) % 100, 2, 10, QLatin1Char('0'));
    r.user.fullname = name.section(QLatin1Char('-'), 0, 0) + QStringLiteral(" Example");
    r.user.email = name + QStringLiteral("@example.org");
    r.user.avatarUrl = QStringLiteral("/avatars/") + name + QStringLiteral(".svg");
    r.status = status;
    r.requestedAt = requestedAt;
    r.fields = fields;
    return r;
}

// The form of the tests: one field of each type.
inline QList<hubgate::GateField> form()
{
    using hubgate::GateField;
    GateField use{QStringLiteral("Intended use"), GateField::Type::Select,
                  {QStringLiteral("Research"), QStringLiteral("Education"), QStringLiteral("other")},
                  {QStringLiteral("Research"), QStringLiteral("Education"), QStringLiteral("Other")}};
    return {{QStringLiteral("Affiliation"), GateField::Type::Text, {}, {}},
            {QStringLiteral("Country"), GateField::Type::Country, {}, {}},
            {QStringLiteral("Date of birth"), GateField::Type::DatePicker, {}, {}},
            use,
            {QStringLiteral("I agree"), GateField::Type::Checkbox, {}, {}}};
}

inline QHash<QString, QString> answers(const QString &affiliation, const QString &country, const QString &use,
                                       bool agreed)
{
    QHash<QString, QString> fields{{QStringLiteral("Affiliation"), affiliation},
                                   {QStringLiteral("Country"), country},
                                   {QStringLiteral("Date of birth"), QStringLiteral("1990-01-02")},
                                   {QStringLiteral("Intended use"), use}};
    if (agreed) // the Hub leaves an unticked checkbox out
        fields.insert(QStringLiteral("I agree"), QStringLiteral("on"));
    return fields;
}

} // namespace accesstest
