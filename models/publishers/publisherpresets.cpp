#include "publisherpresets.h"

#include <QCoreApplication>

namespace hubgate {

namespace {

// Strings of this file, under one translation context.
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(PublisherPreset)
};

const QString CircleCiPrefix = QStringLiteral("https://oidc.circleci.com/org/");
const QString BitbucketPrefix = QStringLiteral("https://api.bitbucket.org/2.0/workspaces/");
const QString BitbucketSuffix = QStringLiteral("/pipelines-config/identity/oidc");

PublisherPreset github()
{
    PublisherPreset preset;
    preset.provider = PublisherProvider::GitHub;
    preset.issuerInput = IssuerInput::Fixed;
    preset.defaultIssuer = githubIssuer();
    preset.issuerHelp = Text::tr("GitHub Actions signs every ID token with this issuer.");
    preset.fields = {
        {claim::repository(), Text::tr("Repository"), QStringLiteral("acme/awesome-model-training"),
         Text::tr("The GitHub repository that runs the workflow, as OWNER/NAME."), true},
        {claim::branch(), Text::tr("Branch"), QStringLiteral("main"),
         Text::tr("Only runs on this branch may publish (the token's ref must be refs/heads/BRANCH). Recommended."), false},
        {claim::workflow(), Text::tr("Workflow file"), QStringLiteral("publish.yml"),
         Text::tr("The file name of the workflow in .github/workflows, such as publish.yml. Recommended."), false},
        {claim::environment(), Text::tr("Environment"), QStringLiteral("release"),
         Text::tr("A GitHub environment the job must run in; environments can require a reviewer's approval."), false},
    };
    return preset;
}

PublisherPreset gitlab()
{
    PublisherPreset preset;
    preset.provider = PublisherProvider::GitLab;
    preset.issuerInput = IssuerInput::Editable;
    preset.defaultIssuer = gitlabDefaultIssuer();
    preset.issuerHelp = Text::tr("https://gitlab.com, or the address of your self-hosted GitLab instance.");
    preset.fields = {
        {claim::projectPath(), Text::tr("Project path"), QStringLiteral("acme/ml/awesome-model-training"),
         Text::tr("The GitLab project that runs the pipeline, with its groups: GROUP/…/PROJECT."), true},
        {claim::branch(), Text::tr("Branch"), QStringLiteral("main"),
         Text::tr("Only pipelines of this branch may publish. Recommended."), false},
        {claim::environment(), Text::tr("Environment"), QStringLiteral("production"),
         Text::tr("A GitLab environment the job must deploy to."), false},
    };
    return preset;
}

PublisherPreset circleci()
{
    PublisherPreset preset;
    preset.provider = PublisherProvider::CircleCI;
    preset.issuerInput = IssuerInput::FromParameter;
    preset.parameterLabel = Text::tr("Organization ID");
    preset.parameterPlaceholder = QStringLiteral("a1b2c3d4-0000-4000-8000-000000000000");
    preset.issuerHelp = Text::tr("The issuer is https://oidc.circleci.com/org/ followed by your organization ID "
                           "(Organization Settings → Overview).");
    preset.fields = {
        {claim::circleCiProjectId(), Text::tr("Project ID"), QStringLiteral("e5f6a7b8-0000-4000-8000-000000000000"),
         Text::tr("The CircleCI project ID (Project Settings → Overview), a UUID."), true},
    };
    return preset;
}

PublisherPreset bitbucket()
{
    PublisherPreset preset;
    preset.provider = PublisherProvider::Bitbucket;
    preset.issuerInput = IssuerInput::FromParameter;
    preset.parameterLabel = Text::tr("Workspace");
    preset.parameterPlaceholder = QStringLiteral("acme");
    preset.issuerHelp = Text::tr("The issuer names your Bitbucket workspace; Repository settings → OpenID Connect shows it.");
    preset.fields = {
        {claim::repositoryUuid(), Text::tr("Repository UUID"), QStringLiteral("{a1b2c3d4-0000-4000-8000-000000000000}"),
         Text::tr("The repository's UUID with its braces, as Repository settings → OpenID Connect shows it."), true},
        {claim::branchName(), Text::tr("Branch"), QStringLiteral("main"),
         Text::tr("Only pipelines of this branch may publish. Recommended."), false},
    };
    return preset;
}

PublisherPreset custom()
{
    PublisherPreset preset;
    preset.provider = PublisherProvider::Custom;
    preset.issuerInput = IssuerInput::Free;
    preset.issuerHelp = Text::tr("The https address of any OpenID Connect issuer; the Hub reads its keys from "
                           "ISSUER/.well-known/openid-configuration.");
    preset.rawClaims = true;
    return preset;
}

} // namespace

const ClaimField *PublisherPreset::field(const QString &name) const
{
    for (const ClaimField &candidate : fields)
        if (candidate.name == name)
            return &candidate;
    return nullptr;
}

QString githubIssuer()
{
    return QStringLiteral("https://token.actions.githubusercontent.com");
}

QString gitlabDefaultIssuer()
{
    return QStringLiteral("https://gitlab.com");
}

QList<PublisherProvider> allProviders()
{
    return {PublisherProvider::GitHub, PublisherProvider::GitLab, PublisherProvider::CircleCI,
            PublisherProvider::Bitbucket, PublisherProvider::Custom};
}

PublisherPreset publisherPreset(PublisherProvider provider)
{
    switch (provider) {
    case PublisherProvider::GitHub: return github();
    case PublisherProvider::GitLab: return gitlab();
    case PublisherProvider::CircleCI: return circleci();
    case PublisherProvider::Bitbucket: return bitbucket();
    case PublisherProvider::Custom: break;
    }
    return custom();
}

QString issuerFromParameter(PublisherProvider provider, const QString &parameter)
{
    if (provider == PublisherProvider::CircleCI)
        return CircleCiPrefix + parameter;
    if (provider == PublisherProvider::Bitbucket)
        return BitbucketPrefix + parameter + BitbucketSuffix;
    return {};
}

QString parameterFromIssuer(PublisherProvider provider, const QString &issuer)
{
    if (provider == PublisherProvider::CircleCI && issuer.startsWith(CircleCiPrefix))
        return issuer.mid(CircleCiPrefix.size());
    if (provider == PublisherProvider::Bitbucket && issuer.startsWith(BitbucketPrefix) && issuer.endsWith(BitbucketSuffix))
        return issuer.mid(BitbucketPrefix.size(), issuer.size() - BitbucketPrefix.size() - BitbucketSuffix.size());
    return {};
}

} // namespace hubgate
