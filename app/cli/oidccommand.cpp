#include "oidccommand.h"

#include "hub/hubclient.h"
#include "oidc/tokendebugger.h"
#include "publishers/publisherjob.h"
#include "publisherscopeargument.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>

#include <cstdio>

namespace hubgate::cli {

namespace {

const QString TokenOption = QStringLiteral("token");
const QString PublishersOption = QStringLiteral("publishers");
const QString JwksOption = QStringLiteral("jwks");
const QString VerifyOption = QStringLiteral("verify");
const QString JsonOption = QStringLiteral("json");

// Contents of a file, or nullopt with a sentence.
std::optional<QByteArray> readFile(const QString &path, QString *problem)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = QCoreApplication::translate("hubgate::cli", "%1 cannot be read: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return file.readAll();
}

} // namespace

QString OidcCommand::summary() const
{
    return tr("Explain an OIDC ID token: why the Hub would exchange it, or not, for a repo or your account.");
}

QString OidcCommand::synopsis() const
{
    return tr("explain --token (JWT | @FILE | -) (--repo [datasets/|spaces/|kernels/]NAMESPACE/NAME | --user | "
              "--publishers FILE) [--verify | --jwks FILE] [--json]");
}

QString OidcCommand::description() const
{
    return tr("The token (or a CI log excerpt containing it) is decoded here and sent nowhere. Its issuer, audience "
              "(the Hub's address) and validity period (60 s of clock skew allowed) are checked, and it is compared "
              "claim by claim with every trusted publisher of the repo (--repo), of your account (--user), or of a "
              "JSON file in the Hub's format (--publishers, as “hubgate publishers list --json” writes it; no Hub "
              "is contacted). --verify fetches the issuer's keys to check the signature; --jwks FILE uses the keys "
              "in that file. Without either, the signature is reported as not verified, which alone does not fail "
              "the verdict. Exit status: 0 when a publisher matches and the checks pass, 1 when none does, 2 for a "
              "usage error, 3 when the input is not a decodable token.");
}

QList<QCommandLineOption> OidcCommand::options() const
{
    return {
        {TokenOption, tr("The ID token: the token itself, @FILE to read it (or a log) from a file, - for stdin."),
         tr("TOKEN")},
        publisherRepoOption(),
        publisherUserOption(),
        {PublishersOption, tr("Compare with the publishers in this JSON file instead of asking the Hub."), tr("FILE")},
        {VerifyOption, tr("Fetch the issuer's keys (OpenID discovery, then JWKS) and verify the signature.")},
        {JwksOption, tr("Verify the signature with the keys in this JWKS file."), tr("FILE")},
        {JsonOption, tr("Print the verdict as JSON.")},
    };
}

ExitCode OidcCommand::readOptions(const QCommandLineParser &parser, QString *problem)
{
    const QStringList verbs = parser.positionalArguments();
    if (verbs != QStringList{QStringLiteral("explain")}) {
        *problem = verbs.isEmpty() ? tr("Say what to do: hubgate oidc explain.")
                                   : tr("“%1” is not an oidc action: use explain.").arg(verbs.join(QLatin1Char(' ')));
        return ExitCode::Usage;
    }
    if (!parser.isSet(TokenOption)) {
        *problem = tr("Give the token with --token TOKEN, --token @FILE or --token - (stdin).");
        return ExitCode::Usage;
    }
    m_tokenArgument = parser.value(TokenOption);
    const ExitCode scopeCode = readPublisherScope(parser, &m_scope, problem, true);
    if (scopeCode != ExitCode::Ok)
        return scopeCode;
    if (parser.isSet(PublishersOption) == m_scope.has_value()) {
        *problem = tr("Compare with the publishers of --repo REPO, of --user, or of --publishers FILE: exactly one.");
        return ExitCode::Usage;
    }
    if (parser.isSet(PublishersOption))
        m_publishersFile = parser.value(PublishersOption);
    if (parser.isSet(VerifyOption) && parser.isSet(JwksOption)) {
        *problem = tr("Give either --verify or --jwks FILE, not both.");
        return ExitCode::Usage;
    }
    m_verify = parser.isSet(VerifyOption);
    m_jwksFile = parser.value(JwksOption);
    m_json = parser.isSet(JsonOption);
    return ExitCode::Ok;
}

QString OidcCommand::readTokenText(QString *problem) const
{
    if (m_tokenArgument == QLatin1String("-")) {
        QFile input;
        if (!input.open(stdin, QIODevice::ReadOnly)) {
            *problem = tr("The token cannot be read from stdin.");
            return {};
        }
        return QString::fromUtf8(input.readAll());
    }
    if (m_tokenArgument.startsWith(QLatin1Char('@'))) {
        const std::optional<QByteArray> contents = readFile(m_tokenArgument.mid(1), problem);
        return contents ? QString::fromUtf8(*contents) : QString();
    }
    return m_tokenArgument;
}

void OidcCommand::runWithHub(HubClient *client)
{
    QString problem;
    const QString text = readTokenText(&problem);
    if (!problem.isEmpty()) {
        fail(ExitCode::BadInput, problem);
        return;
    }
    m_debugger = new TokenDebugger(new QNetworkAccessManager(this), endpoint(), this);
    if (!m_debugger->setInput(text)) {
        fail(ExitCode::BadInput, m_debugger->inputError());
        return;
    }
    if (m_publishersFile) {
        const std::optional<QByteArray> contents = readFile(*m_publishersFile, &problem);
        const auto publishers = contents ? parsePublisherList(*contents, &problem) : std::nullopt;
        if (!publishers) {
            fail(ExitCode::BadInput, tr("The publishers in %1 cannot be read: %2").arg(*m_publishersFile, problem));
            return;
        }
        m_debugger->setPublishers(*publishers);
        fetchKeysThenReport();
        return;
    }
    PublisherJob *job = PublisherJob::list(client, *m_scope, this);
    connect(job, &PublisherJob::finished, this, &OidcCommand::onPublishers);
    job->start();
}

void OidcCommand::onPublishers(PublisherJob *job)
{
    job->deleteLater();
    if (!job->isOk()) {
        fail(ExitCode::Failed, job->outcome() == PublisherOutcome::Failed || job->outcome() == PublisherOutcome::UnknownRepo
                                   ? tr("Could not list the trusted publishers of %1: %2").arg(m_scope->displayName(), hubErrorReason(job->error()))
                                   : job->errorMessage() + QLatin1Char(' ') +
                                         tr("Save the publishers as JSON and use --publishers FILE."));
        return;
    }
    m_debugger->setPublishers(job->publishers());
    fetchKeysThenReport();
}

void OidcCommand::fetchKeysThenReport()
{
    if (!m_jwksFile.isEmpty()) {
        QString problem;
        const std::optional<QByteArray> keys = readFile(m_jwksFile, &problem);
        if (!keys) {
            fail(ExitCode::BadInput, problem);
            return;
        }
        m_debugger->setKeys(*keys);
    }
    if (!m_verify) {
        report();
        return;
    }
    connect(m_debugger, &TokenDebugger::keysFetched, this, &OidcCommand::report);
    m_debugger->fetchKeys();
}

void OidcCommand::report()
{
    const TokenExplanation explanation = m_debugger->explanation();
    if (m_json)
        console().out() << QString::fromUtf8(QJsonDocument(explanation.toJson()).toJson(QJsonDocument::Indented));
    else
        printText(explanation);
    console().flush();
    finish(explanation.accepted() ? ExitCode::Ok : ExitCode::Failed);
}

void OidcCommand::printText(const TokenExplanation &explanation)
{
    QTextStream &out = console().out();
    const QString ok = tr("ok");
    const QString failed = tr("FAIL");
    out << tr("Token checks:") << u'\n';
    for (const TokenCheck &check : explanation.checks)
        out << QStringLiteral("  %1  %2  %3\n").arg(check.ok ? ok : failed, -4).arg(check.name, -9).arg(check.detail);
    out << tr("Publishers:") << u'\n';
    if (explanation.publishers.isEmpty())
        out << QStringLiteral("  ") << tr("none configured") << u'\n';
    for (const PublisherMatch &match : explanation.publishers) {
        out << QStringLiteral("  %1 %2 %3: %4\n")
                   .arg(match.publisher.id, providerKey(match.publisher.provider), match.publisher.issuer,
                        match.matches ? tr("matches") : tr("does not match"));
        for (const ClaimComparison &claim : match.claims) {
            const QString actual = claim.present ? claim.actual : tr("(absent)");
            const QString from = claim.derivedFrom.isEmpty() ? QString() : tr(" (from %1)").arg(claim.derivedFrom);
            out << QStringLiteral("    %1  %2  ").arg(claim.ok ? ok : failed, -4).arg(claim.name)
                << tr("expected %1, token has %2%3").arg(claim.expected, actual, from) << u'\n';
            if (!claim.ok)
                out << QStringLiteral("          ") << claim.explanation << u'\n';
        }
    }
    if (explanation.accepted())
        out << tr("Verdict: the Hub would accept this token (publisher %1).").arg(explanation.firstMatch()->publisher.id) << u'\n';
    else
        out << tr("Verdict: the Hub would refuse this token.") << u'\n';
}

} // namespace hubgate::cli
