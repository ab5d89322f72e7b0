#include "account.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hubgate {

namespace {
bool roleCanWrite(const QString &role)
{
    return role == QLatin1String("admin") || role == QLatin1String("write");
}

bool scopeAllowsWrite(const QList<TokenScope> &scopes, const QString &ns)
{
    for (const TokenScope &scope : scopes) {
        const bool namespaceEntity = scope.entityType == QLatin1String("user") ||
                                     scope.entityType == QLatin1String("org");
        if (namespaceEntity && scope.entityName == ns &&
            scope.permissions.contains(QLatin1String("repo.write")))
            return true;
    }
    return false;
}
} // namespace

QStringList Account::manageableNamespaces() const
{
    QStringList out;
    if (canManage(name))
        out.append(name);
    for (const OrgMembership &org : orgs)
        if (canManage(org.name))
            out.append(org.name);
    return out;
}

bool Account::canManage(const QString &ns) const
{
    bool member = ns == name;
    for (const OrgMembership &org : orgs)
        member = member || (org.name == ns && roleCanWrite(org.role));
    if (!member)
        return false;
    if (tokenRole == QLatin1String("write"))
        return true;
    if (tokenRole == QLatin1String("fineGrained"))
        return scopeAllowsWrite(scopes, ns);
    return false;
}

QString Account::tokenWarning() const
{
    if (tokenRole == QLatin1String("read"))
        return tr("This is a read token: it can list repos but cannot review access requests or "
                  "change gating. Create a write or fine-grained token to manage access.");
    if (manageableNamespaces().isEmpty())
        return tr("This token cannot manage access requests on any of your repos. Fine-grained "
                  "tokens need the “repo.write” permission on your account or organization.");
    return {};
}

std::optional<Account> parseWhoami(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        *error = Account::tr("the whoami reply is not a JSON object (%1)").arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    Account account;
    account.name = root.value(QLatin1String("name")).toString();
    if (account.name.isEmpty()) {
        *error = Account::tr("the whoami reply names no user");
        return std::nullopt;
    }
    account.fullname = root.value(QLatin1String("fullname")).toString(account.name);
    account.email = root.value(QLatin1String("email")).toString();
    account.isPro = root.value(QLatin1String("isPro")).toBool();
    for (const QJsonValue &value : root.value(QLatin1String("orgs")).toArray()) {
        const QJsonObject org = value.toObject();
        OrgMembership membership{org.value(QLatin1String("name")).toString(),
                                 org.value(QLatin1String("fullname")).toString(),
                                 org.value(QLatin1String("roleInOrg")).toString()};
        if (!membership.name.isEmpty())
            account.orgs.append(membership);
    }
    const QJsonObject token =
        root.value(QLatin1String("auth")).toObject().value(QLatin1String("accessToken")).toObject();
    account.tokenRole = token.value(QLatin1String("role")).toString();
    account.tokenName = token.value(QLatin1String("displayName")).toString();
    const QJsonArray scoped =
        token.value(QLatin1String("fineGrained")).toObject().value(QLatin1String("scoped")).toArray();
    for (const QJsonValue &value : scoped) {
        const QJsonObject scope = value.toObject();
        const QJsonObject entity = scope.value(QLatin1String("entity")).toObject();
        TokenScope tokenScope{entity.value(QLatin1String("type")).toString(),
                              entity.value(QLatin1String("name")).toString(), {}};
        for (const QJsonValue &permission : scope.value(QLatin1String("permissions")).toArray())
            tokenScope.permissions.append(permission.toString());
        account.scopes.append(tokenScope);
    }
    return account;
}

} // namespace hubgate
