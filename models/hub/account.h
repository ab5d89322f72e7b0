#pragma once
// The signed-in user as whoami-v2 describes them, and what their token allows.

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hubgate {

struct OrgMembership
{
    QString name;
    QString fullname;
    QString role; // admin | write | contributor | read | no_access
};

struct TokenScope
{
    QString entityType; // user | org | model | dataset | ...
    QString entityName;
    QStringList permissions;
};

struct Account
{
    Q_DECLARE_TR_FUNCTIONS(Account)
public:
    QString name;
    QString fullname;
    QString email;
    bool isPro = false;
    QString tokenName;
    QString tokenRole; // read | write | fineGrained | ...
    QList<OrgMembership> orgs;
    QList<TokenScope> scopes;

    // Namespaces whose repos this account may administer with this token: its own and those
    // of orgs where it has the admin or write role.
    QStringList manageableNamespaces() const;
    bool canManage(const QString &ns) const;
    // Empty when the token can manage access requests somewhere; otherwise why not.
    QString tokenWarning() const;
};

// Parses a whoami-v2 reply; nullopt with a reason when it is not one.
std::optional<Account> parseWhoami(const QByteArray &json, QString *error);

} // namespace hubgate
