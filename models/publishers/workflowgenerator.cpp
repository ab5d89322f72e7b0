#include "workflowgenerator.h"

#include "publisherpresets.h"

#include <QRegularExpression>
#include <QStringList>

namespace hubgate {

namespace {

const QString DefaultHub = QStringLiteral("https://huggingface.co");
const QString InstallCli = QStringLiteral("curl -LsSf https://hf.co/cli/install.sh | bash");
const QString CliPath = QStringLiteral("export PATH=\"$HOME/.local/bin:$PATH\"");

// The hf command a job runs: upload to the repo, or download a gated repo with a user token.
QString hfCommand(const PublisherScope &scope)
{
    if (scope.isUser())
        return QStringLiteral("hf download acme/gated-model");
    QString command = QStringLiteral("hf upload ") + scope.repoId + QStringLiteral(" ./output .");
    if (scope.repoType == QLatin1String("datasets"))
        command += QStringLiteral(" --repo-type dataset");
    else if (scope.repoType == QLatin1String("spaces"))
        command += QStringLiteral(" --repo-type space");
    else if (scope.repoType == QLatin1String("kernels"))
        command += QStringLiteral(" --repo-type kernel");
    return command;
}

QString resourceOf(const PublisherScope &scope)
{
    return scope.resource().isEmpty() ? QStringLiteral("your-hf-username") : scope.resource();
}

// HF_ENDPOINT=... only when the Hub is not huggingface.co.
QString endpointAssignment(const QUrl &hubUrl)
{
    const QString audience = audienceFor(hubUrl);
    return audience == DefaultHub ? QString() : QStringLiteral("HF_ENDPOINT=\"") + audience + QStringLiteral("\" ");
}

// The command line for providers where the job mints the token itself.
QString exchangeLine(const QString &tokenVariable, const PublisherScope &scope, const QUrl &hubUrl)
{
    return endpointAssignment(hubUrl) + QStringLiteral("HF_OIDC_ID_TOKEN=\"$") + tokenVariable +
           QStringLiteral("\" HF_OIDC_RESOURCE=\"") + resourceOf(scope) + QStringLiteral("\" ") + hfCommand(scope);
}

QString githubActions(const PublisherClaims &claims, const PublisherScope &scope, const QUrl &hubUrl, QString *fileName)
{
    const QString branch = claimValue(claims, claim::branch());
    const QString workflow = claimValue(claims, claim::workflow());
    const QString environment = claimValue(claims, claim::environment());
    *fileName = QStringLiteral(".github/workflows/") + (workflow.isEmpty() ? QStringLiteral("publish.yml") : workflow);
    QStringList lines{QStringLiteral("name: Publish to Hugging Face"), QStringLiteral("on:"), QStringLiteral("  push:")};
    if (!branch.isEmpty())
        lines << QStringLiteral("    branches: [%1]").arg(yamlScalar(branch));
    lines << QStringLiteral("  workflow_dispatch:") << QStringLiteral("jobs:") << QStringLiteral("  publish:")
          << QStringLiteral("    runs-on: ubuntu-latest");
    if (!environment.isEmpty())
        lines << QStringLiteral("    environment: %1").arg(yamlScalar(environment));
    lines << QStringLiteral("    permissions:")
          << QStringLiteral("      id-token: write # required so the job can request an OIDC token")
          << QStringLiteral("      contents: read") << QStringLiteral("    steps:")
          << QStringLiteral("      - uses: actions/checkout@v4") << QStringLiteral("      - name: Install the hf CLI")
          << QStringLiteral("        run: |") << QStringLiteral("          ") + InstallCli
          << QStringLiteral("          echo \"$HOME/.local/bin\" >> \"$GITHUB_PATH\"")
          << (scope.isUser() ? QStringLiteral("      - name: Download a gated repo")
                             : QStringLiteral("      - name: ") + yamlScalar(QStringLiteral("Upload to ") + scope.resource()))
          << QStringLiteral("        env:")
          << QStringLiteral("          HF_OIDC_RESOURCE: %1").arg(yamlScalar(resourceOf(scope)));
    if (audienceFor(hubUrl) != DefaultHub)
        lines << QStringLiteral("          HF_ENDPOINT: %1").arg(yamlScalar(audienceFor(hubUrl)));
    lines << QStringLiteral("        run: %1").arg(yamlScalar(hfCommand(scope)));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString gitlabCi(const PublisherClaims &claims, const PublisherScope &scope, const QUrl &hubUrl)
{
    const QString branch = claimValue(claims, claim::branch());
    const QString environment = claimValue(claims, claim::environment());
    QStringList lines{QStringLiteral("publish:")};
    if (!environment.isEmpty())
        lines << QStringLiteral("  environment: %1").arg(yamlScalar(environment));
    if (!branch.isEmpty())
        lines << QStringLiteral("  rules:")
              << QStringLiteral("    - if: %1").arg(yamlScalar(QStringLiteral("$CI_COMMIT_BRANCH == \"%1\"").arg(branch)));
    lines << QStringLiteral("  id_tokens:") << QStringLiteral("    HF_ID_TOKEN:")
          << QStringLiteral("      aud: %1").arg(yamlScalar(audienceFor(hubUrl))) << QStringLiteral("  script:")
          << QStringLiteral("    - ") + yamlScalar(InstallCli) << QStringLiteral("    - ") + yamlScalar(CliPath)
          << QStringLiteral("    - ") + yamlScalar(exchangeLine(QStringLiteral("HF_ID_TOKEN"), scope, hubUrl));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString circleCi(const PublisherScope &scope, const QUrl &hubUrl)
{
    const QStringList lines{
        QStringLiteral("# Set the OIDC token audience to %1 in the project settings (token v2).").arg(audienceFor(hubUrl)),
        QStringLiteral("version: 2.1"),
        QStringLiteral("jobs:"),
        QStringLiteral("  publish:"),
        QStringLiteral("    docker:"),
        QStringLiteral("      - image: cimg/base:stable"),
        QStringLiteral("    steps:"),
        QStringLiteral("      - checkout"),
        QStringLiteral("      - run:"),
        QStringLiteral("          name: Publish to Hugging Face"),
        QStringLiteral("          command: |"),
        QStringLiteral("            ") + InstallCli,
        QStringLiteral("            ") + CliPath,
        QStringLiteral("            ") + exchangeLine(QStringLiteral("CIRCLE_OIDC_TOKEN_V2"), scope, hubUrl),
        QStringLiteral("workflows:"),
        QStringLiteral("  publish:"),
        QStringLiteral("    jobs:"),
        QStringLiteral("      - publish"),
    };
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString bitbucketPipelines(const PublisherClaims &claims, const PublisherScope &scope, const QUrl &hubUrl)
{
    const QString branch = claimValue(claims, claim::branchName());
    QStringList lines{QStringLiteral("pipelines:")};
    QString indent = QStringLiteral("    ");
    if (branch.isEmpty()) {
        lines << QStringLiteral("  default:");
    } else {
        lines << QStringLiteral("  branches:") << QStringLiteral("    %1:").arg(yamlScalar(branch));
        indent += QStringLiteral("  ");
    }
    lines << indent + QStringLiteral("- step:") << indent + QStringLiteral("    name: Publish to Hugging Face")
          << indent + QStringLiteral("    oidc: true") << indent + QStringLiteral("    script:")
          << indent + QStringLiteral("      - ") + yamlScalar(InstallCli)
          << indent + QStringLiteral("      - ") + yamlScalar(CliPath)
          << indent + QStringLiteral("      - ") +
                 yamlScalar(exchangeLine(QStringLiteral("BITBUCKET_STEP_OIDC_TOKEN"), scope, hubUrl));
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString shellSnippet(const PublisherScope &scope, const QUrl &hubUrl)
{
    const QStringList lines{
        QStringLiteral("# ID_TOKEN: the OIDC ID token your CI provider minted, with aud = %1").arg(audienceFor(hubUrl)),
        InstallCli,
        CliPath,
        exchangeLine(QStringLiteral("ID_TOKEN"), scope, hubUrl),
    };
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace

QString audienceFor(const QUrl &hubUrl)
{
    // StripTrailingSlash keeps the slash of a root path ("https://hub/"); the audience has none.
    QString audience = hubUrl.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
    while (audience.endsWith(QLatin1Char('/')))
        audience.chop(1);
    return audience;
}

QString yamlScalar(const QString &text)
{
    // Plain scalars that YAML would read as something else, or that contain a comment or a mapping.
    static const QRegularExpression special(QStringLiteral(
        "^$|^[-?:,\\[\\]{}#&*!|>'\"%@`\\s]|\\s$|: |:$| #|[\\x00-\\x1f\\x7f]|^(true|false|yes|no|on|off|null|~|y|n)$|"
        "^[-+]?(\\.?[0-9]|\\.inf|\\.nan)"),
        QRegularExpression::CaseInsensitiveOption);
    if (!special.match(text).hasMatch())
        return text;
    QString quoted = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            quoted += QLatin1Char('\\') + QString(c);
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            quoted += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            quoted += c;
    }
    return quoted + QLatin1Char('"');
}

GeneratedWorkflow generateWorkflow(PublisherProvider provider, const PublisherClaims &claims,
                                   const PublisherScope &scope, const QUrl &hubUrl)
{
    GeneratedWorkflow workflow;
    switch (provider) {
    case PublisherProvider::GitHub:
        workflow.text = githubActions(claims, scope, hubUrl, &workflow.fileName);
        break;
    case PublisherProvider::GitLab:
        workflow.fileName = QStringLiteral(".gitlab-ci.yml");
        workflow.text = gitlabCi(claims, scope, hubUrl);
        break;
    case PublisherProvider::CircleCI:
        workflow.fileName = QStringLiteral(".circleci/config.yml");
        workflow.text = circleCi(scope, hubUrl);
        break;
    case PublisherProvider::Bitbucket:
        workflow.fileName = QStringLiteral("bitbucket-pipelines.yml");
        workflow.text = bitbucketPipelines(claims, scope, hubUrl);
        break;
    case PublisherProvider::Custom:
        workflow.fileName = QStringLiteral("publish-to-hub.sh");
        workflow.text = shellSnippet(scope, hubUrl);
        workflow.isYaml = false;
        break;
    }
    return workflow;
}

GeneratedWorkflow generateWorkflow(const TrustedPublisher &publisher, const PublisherScope &scope, const QUrl &hubUrl)
{
    return generateWorkflow(publisher.provider, publisher.claims, scope, hubUrl);
}

} // namespace hubgate
