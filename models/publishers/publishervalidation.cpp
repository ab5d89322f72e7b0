#include "publishervalidation.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace hubgate {

namespace {

// Strings of this file, under one translation context.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(PublisherValidation)
};

bool matches(const QString &text, const char *pattern)
{
    const QRegularExpression expression{QLatin1String(pattern)};
    return expression.match(text).hasMatch();
}

constexpr int MaxGitHubOwner = 39;
constexpr int MaxGitHubRepository = 100;
constexpr int MaxEnvironment = 255;
constexpr int MaxGitLabPath = 255;

bool hasControlCharacter(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

QString githubOwnerProblem(const QString &owner)
{
    if (owner.isEmpty())
        return Text::tr("Write the repository as OWNER/NAME, such as acme/awesome-model-training.");
    if (owner.size() > MaxGitHubOwner)
        return Text::tr("A GitHub owner has at most %1 characters.").arg(MaxGitHubOwner);
    if (!matches(owner, "^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$"))
        return Text::tr("A GitHub owner has only letters, digits and hyphens, and does not start or end with a hyphen.");
    return {};
}

QString githubNameProblem(const QString &name)
{
    if (name.isEmpty())
        return Text::tr("Write the repository as OWNER/NAME, such as acme/awesome-model-training.");
    if (name.size() > MaxGitHubRepository)
        return Text::tr("A GitHub repository name has at most %1 characters.").arg(MaxGitHubRepository);
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        return Text::tr("“%1” is not a repository name.").arg(name);
    if (!matches(name, "^[A-Za-z0-9._-]+$"))
        return Text::tr("A GitHub repository name has only letters, digits, “.”, “-” and “_”.");
    return {};
}

QString githubRepositoryProblem(const QString &value)
{
    const QStringList parts = value.split(QLatin1Char('/'));
    if (parts.size() != 2)
        return Text::tr("Write the repository as OWNER/NAME, such as acme/awesome-model-training.");
    const QString owner = githubOwnerProblem(parts.at(0));
    return owner.isEmpty() ? githubNameProblem(parts.at(1)) : owner;
}

QString workflowProblem(const QString &value)
{
    if (value.contains(QLatin1Char('/')) || value.contains(QLatin1Char('\\')))
        return Text::tr("Write only the workflow's file name, such as publish.yml, without .github/workflows/.");
    if (!matches(value, "^.+\\.(yml|yaml)$"))
        return Text::tr("A workflow is a file name ending in .yml or .yaml, such as publish.yml.");
    if (hasControlCharacter(value))
        return Text::tr("A workflow file name has no control characters.");
    return {};
}

// GitHub's rules, and PyPI's stricter set of characters it refuses.
QString githubEnvironmentProblem(const QString &value)
{
    if (value.size() > MaxEnvironment)
        return Text::tr("An environment name has at most %1 characters.").arg(MaxEnvironment);
    if (value.trimmed() != value)
        return Text::tr("An environment name does not start or end with a space.");
    if (hasControlCharacter(value) || matches(value, "['\"`,;\\\\]"))
        return Text::tr("An environment name has no control characters and none of ' \" ` , ; \\.");
    return {};
}

// GitLab's documented characters for environment names.
QString gitlabEnvironmentProblem(const QString &value)
{
    if (value.size() > MaxEnvironment)
        return Text::tr("An environment name has at most %1 characters.").arg(MaxEnvironment);
    if (value.trimmed() != value)
        return Text::tr("An environment name does not start or end with a space.");
    if (!matches(value, "^[A-Za-z0-9 _/${}-]+$"))
        return Text::tr("A GitLab environment name has only letters, digits, spaces and - _ / $ { }.");
    return {};
}

// git check-ref-format, for a branch name.
QString branchProblem(const QString &value)
{
    if (value.startsWith(QLatin1String("refs/")))
        return Text::tr("Write the branch name only, such as main, not %1.").arg(value);
    if (value.trimmed() != value || matches(value, "[\\s~^:?*\\[\\\\]") || hasControlCharacter(value))
        return Text::tr("A branch name has no spaces, control characters, nor any of ~ ^ : ? * [ \\.");
    if (value.contains(QLatin1String("..")) || value.contains(QLatin1String("@{")) ||
        value.contains(QLatin1String("//")) || value.startsWith(QLatin1Char('/')) || value.endsWith(QLatin1Char('/')) ||
        value.endsWith(QLatin1Char('.')) || value.endsWith(QLatin1String(".lock")) || value == QLatin1String("@") ||
        value.startsWith(QLatin1Char('-')))
        return Text::tr("“%1” is not a valid git branch name.").arg(value);
    return {};
}

QString gitlabProjectPathProblem(const QString &value)
{
    const QStringList parts = value.split(QLatin1Char('/'));
    if (parts.size() < 2)
        return Text::tr("Write the project path as GROUP/PROJECT, with any subgroups between: acme/ml/awesome-model.");
    if (value.size() > MaxGitLabPath)
        return Text::tr("A project path has at most %1 characters.").arg(MaxGitLabPath);
    for (const QString &part : parts) {
        if (!matches(part, "^[A-Za-z0-9_][A-Za-z0-9_.-]*$") || part.endsWith(QLatin1Char('.')) ||
            part.endsWith(QLatin1String(".git")) || part.endsWith(QLatin1String(".atom")))
            return Text::tr("“%1” is not a GitLab group or project name: letters, digits, “_”, “-” and “.”, starting with a "
                      "letter, digit or “_”, and not ending in “.”, “.git” or “.atom”.")
                .arg(part);
    }
    return {};
}

const char *const UuidPattern = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

bool isUuid(const QString &value, bool braces)
{
    const QString pattern = braces ? QStringLiteral("^\\{%1\\}$").arg(QLatin1String(UuidPattern))
                                   : QStringLiteral("^%1$").arg(QLatin1String(UuidPattern));
    return QRegularExpression(pattern).match(value).hasMatch();
}

QString circleCiProjectProblem(const QString &value)
{
    if (!isUuid(value, false))
        return Text::tr("A CircleCI project ID is a UUID in lower case, such as e5f6a7b8-0000-4000-8000-000000000000.");
    return {};
}

QString bitbucketUuidProblem(const QString &value)
{
    if (isUuid(value, false))
        return Text::tr("Bitbucket writes this UUID in braces: {%1}.").arg(value);
    if (!isUuid(value, true))
        return Text::tr("A Bitbucket repository UUID is a lower-case UUID in braces, such as "
                  "{a1b2c3d4-0000-4000-8000-000000000000}.");
    return {};
}

// Claims that change with every token (or that the Hub checks on its own) cannot be pinned.
QString customClaimNameProblem(const QString &name)
{
    static const QSet<QString> perToken{QStringLiteral("exp"), QStringLiteral("iat"), QStringLiteral("nbf"),
                                        QStringLiteral("jti")};
    if (name.isEmpty())
        return Text::tr("A claim needs a name.");
    if (name.trimmed() != name || hasControlCharacter(name))
        return Text::tr("A claim name has no spaces at its ends and no control characters.");
    if (perToken.contains(name))
        return Text::tr("“%1” changes with every token and cannot be matched exactly.").arg(name);
    if (name == QLatin1String("iss"))
        return Text::tr("The issuer is set in its own field, not as a claim.");
    if (name == QLatin1String("aud"))
        return Text::tr("The Hub checks the audience itself: it must be the Hub's address.");
    return {};
}

QString valueProblem(PublisherProvider provider, const QString &name, const QString &value)
{
    switch (provider) {
    case PublisherProvider::GitHub:
        if (name == claim::repository()) return githubRepositoryProblem(value);
        if (name == claim::branch()) return branchProblem(value);
        if (name == claim::workflow()) return workflowProblem(value);
        if (name == claim::environment()) return githubEnvironmentProblem(value);
        break;
    case PublisherProvider::GitLab:
        if (name == claim::projectPath()) return gitlabProjectPathProblem(value);
        if (name == claim::branch()) return branchProblem(value);
        if (name == claim::environment()) return gitlabEnvironmentProblem(value);
        break;
    case PublisherProvider::CircleCI:
        if (name == claim::circleCiProjectId()) return circleCiProjectProblem(value);
        break;
    case PublisherProvider::Bitbucket:
        if (name == claim::repositoryUuid()) return bitbucketUuidProblem(value);
        if (name == claim::branchName()) return branchProblem(value);
        break;
    case PublisherProvider::Custom:
        if (value.trimmed() != value || hasControlCharacter(value))
            return Text::tr("The value has spaces at its ends or control characters; claims are matched exactly.");
        return {};
    }
    return {};
}

QString httpsIssuerProblem(const QString &issuer)
{
    const QUrl url(issuer, QUrl::StrictMode);
    if (issuer.isEmpty())
        return Text::tr("Enter the issuer's address.");
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return Text::tr("“%1” is not an absolute address such as https://gitlab.example.com.").arg(issuer);
    if (url.scheme() != QLatin1String("https"))
        return Text::tr("The issuer must be an https address: the Hub fetches its keys only over https.");
    if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        return Text::tr("The issuer is a plain address, without a query (?…), a fragment (#…) or a user name.");
    if (issuer.trimmed() != issuer)
        return Text::tr("The issuer has spaces at its ends.");
    return {};
}

void addWarning(PublisherValidation *result, const QString &name, const QString &message)
{
    result->warnings.append({PublisherProblem::Where::Claim, name, message});
}

void warnAboutWeakSetups(const PublisherDraft &draft, const PublisherClaims &claims, PublisherValidation *result)
{
    switch (draft.provider) {
    case PublisherProvider::GitHub:
        if (!hasClaim(claims, claim::branch()) && !hasClaim(claims, claim::workflow()))
            addWarning(result, claim::workflow(),
                       Text::tr("Neither a branch nor a workflow is pinned: any workflow on any branch of the repository, "
                          "including one from a pull request branch pushed there, can publish."));
        else if (!hasClaim(claims, claim::workflow()))
            addWarning(result, claim::workflow(), Text::tr("No workflow is pinned: every workflow of that branch can publish."));
        else if (!hasClaim(claims, claim::branch()))
            addWarning(result, claim::branch(), Text::tr("No branch is pinned: the workflow can publish from any branch."));
        if (!hasClaim(claims, claim::environment()))
            addWarning(result, claim::environment(),
                       Text::tr("No environment is pinned: an environment lets GitHub require a reviewer's approval before "
                          "a job can publish."));
        break;
    case PublisherProvider::GitLab:
        if (!hasClaim(claims, claim::branch()))
            addWarning(result, claim::branch(), Text::tr("No branch is pinned: a pipeline of any branch can publish."));
        if (!hasClaim(claims, claim::environment()))
            addWarning(result, claim::environment(),
                       Text::tr("No environment is pinned: a protected environment limits who can run the publishing job."));
        break;
    case PublisherProvider::Bitbucket:
        if (!hasClaim(claims, claim::branchName()))
            addWarning(result, claim::branchName(), Text::tr("No branch is pinned: a pipeline of any branch can publish."));
        break;
    case PublisherProvider::CircleCI:
    case PublisherProvider::Custom:
        break;
    }
}

} // namespace

QString PublisherValidation::errorFor(const QString &claimName) const
{
    for (const PublisherProblem &problem : errors)
        if (problem.where == PublisherProblem::Where::Claim && problem.claim == claimName)
            return problem.message;
    return {};
}

QString PublisherValidation::issuerError() const
{
    for (const PublisherProblem &problem : errors)
        if (problem.where == PublisherProblem::Where::Issuer)
            return problem.message;
    return {};
}

QStringList PublisherValidation::messages() const
{
    QStringList lines;
    for (const PublisherProblem &problem : errors) {
        switch (problem.where) {
        case PublisherProblem::Where::Issuer:
            lines << Text::tr("issuer: %1").arg(problem.message);
            break;
        case PublisherProblem::Where::Claim:
            lines << Text::tr("%1: %2", "a claim name and what is wrong with its value").arg(problem.claim, problem.message);
            break;
        case PublisherProblem::Where::ClaimSet:
            lines << problem.message;
            break;
        }
    }
    return lines;
}

PublisherClaims filledClaims(const PublisherClaims &claims)
{
    PublisherClaims filled;
    for (const PublisherClaim &claim : claims)
        if (!claim.second.isEmpty())
            filled.append(claim);
    return filled;
}

namespace {
QString &testIssuerValue()
{
    static QString value;
    return value;
}
} // namespace

void setTestIssuer(const QString &issuer)
{
    testIssuerValue() = issuer;
}

QString testIssuer()
{
    return testIssuerValue();
}

QString issuerProblem(PublisherProvider provider, const QString &issuer)
{
    if (!testIssuerValue().isEmpty() && issuer == testIssuerValue())
        return {};
    switch (provider) {
    case PublisherProvider::GitHub:
        if (issuer != githubIssuer())
            return Text::tr("GitHub Actions tokens are issued by %1.").arg(githubIssuer());
        return {};
    case PublisherProvider::GitLab: {
        const QString problem = httpsIssuerProblem(issuer);
        if (problem.isEmpty() && issuer.endsWith(QLatin1Char('/')))
            return Text::tr("GitLab writes its issuer without a slash at the end: %1.").arg(issuer.chopped(1));
        return problem;
    }
    case PublisherProvider::CircleCI:
    case PublisherProvider::Bitbucket: {
        const QString parameter = parameterFromIssuer(provider, issuer);
        if (parameter.isEmpty())
            return provider == PublisherProvider::CircleCI
                       ? Text::tr("A CircleCI issuer is https://oidc.circleci.com/org/ followed by the organization ID.")
                       : Text::tr("A Bitbucket issuer is https://api.bitbucket.org/2.0/workspaces/WORKSPACE/pipelines-config/identity/oidc.");
        return issuerParameterProblem(provider, parameter);
    }
    case PublisherProvider::Custom:
        return httpsIssuerProblem(issuer);
    }
    return {};
}

QString issuerParameterProblem(PublisherProvider provider, const QString &parameter)
{
    if (provider == PublisherProvider::CircleCI && !isUuid(parameter, false))
        return Text::tr("A CircleCI organization ID is a UUID in lower case, such as a1b2c3d4-0000-4000-8000-000000000000.");
    if (provider == PublisherProvider::Bitbucket && !matches(parameter, "^[a-z0-9_-]+$"))
        return Text::tr("A Bitbucket workspace ID has only lower-case letters, digits, “-” and “_”.");
    return {};
}

QString claimProblem(PublisherProvider provider, const QString &name, const QString &value)
{
    const PublisherPreset preset = publisherPreset(provider);
    if (preset.rawClaims) {
        const QString nameProblem = customClaimNameProblem(name);
        if (!nameProblem.isEmpty())
            return nameProblem;
    } else if (!preset.field(name)) {
        QStringList names;
        for (const ClaimField &field : preset.fields)
            names << field.name;
        return Text::tr("%1 publishers take these claims: %2.").arg(providerDisplayName(provider), names.join(QStringLiteral(", ")));
    }
    const ClaimField *field = preset.field(name);
    if (value.isEmpty())
        return field && !field->required ? QString() : Text::tr("Enter a value.");
    return valueProblem(provider, name, value);
}

PublisherValidation validatePublisher(const PublisherDraft &draft)
{
    PublisherValidation result;
    const QString issuer = issuerProblem(draft.provider, draft.issuer);
    if (!issuer.isEmpty())
        result.errors.append({PublisherProblem::Where::Issuer, QString(), issuer});

    const PublisherPreset preset = publisherPreset(draft.provider);
    const PublisherClaims claims = preset.rawClaims ? draft.claims : filledClaims(draft.claims);
    QSet<QString> seen;
    for (const PublisherClaim &claim : claims) {
        if (seen.contains(claim.first)) {
            result.errors.append({PublisherProblem::Where::Claim, claim.first, Text::tr("This claim is given twice.")});
            continue;
        }
        seen.insert(claim.first);
        const QString problem = claimProblem(draft.provider, claim.first, claim.second);
        if (!problem.isEmpty())
            result.errors.append({PublisherProblem::Where::Claim, claim.first, problem});
    }
    for (const ClaimField &field : preset.fields) {
        if (field.required && !seen.contains(field.name))
            result.errors.append({PublisherProblem::Where::Claim, field.name, Text::tr("%1 is required.").arg(field.label)});
    }
    if (preset.rawClaims && claims.isEmpty())
        result.errors.append({PublisherProblem::Where::ClaimSet, QString(),
                              Text::tr("Add at least one claim (such as sub): without one, every token of this issuer "
                                 "would be accepted.")});
    warnAboutWeakSetups(draft, claims, &result);
    return result;
}

} // namespace hubgate
