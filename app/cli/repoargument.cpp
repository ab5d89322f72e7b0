#include "repoargument.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace hubgate::cli {

namespace {

// Letters, digits, '-', '_' and '.', starting and ending with a letter or digit, no "--" or "..",
// at most 96 characters: what the Hub accepts for user, org and repo names.
bool isHubName(const QString &part)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$"));
    return part.size() <= 96 && pattern.match(part).hasMatch() && !part.contains(QLatin1String("--")) &&
           !part.contains(QLatin1String(".."));
}

} // namespace

std::optional<RepoSummary> parseRepoArgument(const QString &text, QString *problem)
{
    QStringList parts = text.trimmed().split(u'/');
    RepoSummary repo;
    if (parts.size() == 3 && (parts.first() == QLatin1String("datasets") || parts.first() == QLatin1String("models"))) {
        repo.kind = parts.first() == QLatin1String("datasets") ? RepoKind::Dataset : RepoKind::Model;
        parts.removeFirst();
    }
    // "datasets/name" is a kind without a namespace, not a user called "datasets".
    static const QStringList kinds{QStringLiteral("models"), QStringLiteral("datasets"), QStringLiteral("spaces")};
    if (parts.size() != 2 || kinds.contains(parts.at(0)) || !isHubName(parts.at(0)) || !isHubName(parts.at(1))) {
        *problem = QCoreApplication::translate("hubgate::cli",
                                               "“%1” is not a repo id: write NAMESPACE/NAME for a model or "
                                               "datasets/NAMESPACE/NAME for a dataset.")
                       .arg(text);
        return std::nullopt;
    }
    repo.id = parts.join(u'/');
    return repo;
}

QString repoArgumentText(const RepoSummary &repo)
{
    return repo.kind == RepoKind::Dataset ? QStringLiteral("datasets/") + repo.id : repo.id;
}

} // namespace hubgate::cli
