#include "publisherscope.h"

#include <QCoreApplication>
#include <QStringList>
#include <QUrl>

namespace hubgate {

namespace {

const QString Models = QStringLiteral("models");

QStringList repoTypes()
{
    return {Models, QStringLiteral("datasets"), QStringLiteral("spaces"), QStringLiteral("kernels")};
}

QString encoded(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

} // namespace

PublisherScope PublisherScope::forRepo(const QString &repoType, const QString &repoId)
{
    PublisherScope scope;
    scope.kind = Kind::Repo;
    scope.repoType = repoType.isEmpty() ? Models : repoType;
    scope.repoId = repoId;
    return scope;
}

PublisherScope PublisherScope::forRepo(const RepoSummary &repo)
{
    return forRepo(repoKindPlural(repo.kind), repo.id);
}

PublisherScope PublisherScope::forUser(const QString &userName)
{
    PublisherScope scope;
    scope.kind = Kind::User;
    scope.userName = userName;
    return scope;
}

QString PublisherScope::resource() const
{
    if (isUser())
        return userName;
    return repoType == Models ? repoId : repoType + QLatin1Char('/') + repoId;
}

QString PublisherScope::displayName() const
{
    if (isUser())
        return userName.isEmpty() ? QCoreApplication::translate("PublisherScope", "your account") : userName;
    return resource();
}

QString PublisherScope::listPath() const
{
    if (isUser())
        return QStringLiteral("/api/settings/trusted-publishers");
    return QStringLiteral("/api/") + repoType + QLatin1Char('/') + repoId + QStringLiteral("/trusted-publishers");
}

QString PublisherScope::deletePath(const QString &publisherId) const
{
    return listPath() + QLatin1Char('/') + encoded(publisherId);
}

QString PublisherScope::settingsPagePath() const
{
    if (isUser())
        return QStringLiteral("/settings/authentication");
    return (repoType == Models ? QString() : QLatin1Char('/') + repoType) + QLatin1Char('/') + repoId +
           QStringLiteral("/settings");
}

std::optional<PublisherScope> publisherScopeFromResource(const QString &resource)
{
    QStringList parts = resource.split(QLatin1Char('/'));
    if (parts.size() == 1 && !parts.first().isEmpty())
        return PublisherScope::forUser(parts.first());
    QString type = Models;
    if (parts.size() == 3 && repoTypes().contains(parts.first()))
        type = parts.takeFirst();
    if (parts.size() != 2 || parts.at(0).isEmpty() || parts.at(1).isEmpty() || repoTypes().contains(parts.at(0)))
        return std::nullopt;
    return PublisherScope::forRepo(type, parts.join(QLatin1Char('/')));
}

} // namespace hubgate
