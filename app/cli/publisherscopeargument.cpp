#include "publisherscopeargument.h"

#include "repoargument.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace hubgate::cli {

namespace {

// Strings of this file, under one translation context.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(hubgate::cli)
};

} // namespace

QCommandLineOption publisherRepoOption()
{
    return {QStringLiteral("repo"),
            Text::tr("The repo: NAMESPACE/NAME for a model, or datasets/, spaces/ or kernels/ before it."), Text::tr("REPO")};
}

QCommandLineOption publisherUserOption()
{
    return {QStringLiteral("user"), Text::tr("The publishers of the token's own user (read-only CI/CD access).")};
}

std::optional<PublisherScope> parsePublisherRepo(const QString &text, QString *problem)
{
    QString rest = text.trimmed();
    QString type = QStringLiteral("models");
    for (const char *prefix : {"spaces/", "kernels/"}) {
        if (rest.startsWith(QLatin1String(prefix))) {
            type = QLatin1String(prefix).chopped(1);
            rest = rest.mid(int(qstrlen(prefix)));
        }
    }
    const std::optional<RepoSummary> repo = parseRepoArgument(rest, problem);
    if (!repo) {
        *problem = Text::tr("“%1” is not a repo id: write NAMESPACE/NAME for a model, or put datasets/, spaces/ or "
                      "kernels/ before it.").arg(text);
        return std::nullopt;
    }
    return type == QLatin1String("models") ? PublisherScope::forRepo(*repo) : PublisherScope::forRepo(type, repo->id);
}

ExitCode readPublisherScope(const QCommandLineParser &parser, std::optional<PublisherScope> *scope, QString *problem,
                            bool allowNone)
{
    const bool repo = parser.isSet(publisherRepoOption());
    const bool user = parser.isSet(publisherUserOption());
    if (repo && user) {
        *problem = Text::tr("Give either --repo or --user, not both.");
        return ExitCode::Usage;
    }
    if (user) {
        *scope = PublisherScope::forUser();
        return ExitCode::Ok;
    }
    if (!repo) {
        if (allowNone)
            return ExitCode::Ok;
        *problem = Text::tr("Name the repo with --repo NAMESPACE/NAME, or use --user for your own CI/CD access.");
        return ExitCode::Usage;
    }
    *scope = parsePublisherRepo(parser.value(publisherRepoOption()), problem);
    return *scope ? ExitCode::Ok : ExitCode::BadInput;
}

} // namespace hubgate::cli
