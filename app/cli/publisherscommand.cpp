#include "publisherscommand.h"

#include "hub/hubclient.h"
#include "publishers/publisherjob.h"
#include "publishers/publisherpresets.h"
#include "publisherscopeargument.h"

#include <QCommandLineParser>

namespace hubgate::cli {

namespace {

const QString ProviderOption = QStringLiteral("provider");
const QString IssuerOption = QStringLiteral("issuer");
const QString ClaimOption = QStringLiteral("claim");
const QString IdOption = QStringLiteral("id");
const QString JsonOption = QStringLiteral("json");

QString utcMinutes(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

} // namespace

QString PublishersCommand::summary() const
{
    return tr("List, add or remove the trusted publishers (CI identities) of a repo or of your account.");
}

QString PublishersCommand::synopsis() const
{
    return tr("list|add|remove (--repo [datasets/|spaces/|kernels/]NAMESPACE/NAME | --user) "
              "[--json] [--provider PROVIDER [--issuer URL] --claim NAME=VALUE...] [--id ID]");
}

QString PublishersCommand::description() const
{
    return tr("list prints the publishers as a table, or with --json as the Hub's JSON (a file that "
              "“hubgate oidc explain --publishers” reads). add takes --provider github, gitlab, circleci, bitbucket "
              "or custom, --issuer (GitHub's is implied, GitLab's defaults to https://gitlab.com) and one --claim "
              "NAME=VALUE per claim; it is validated before anything is sent (exit 3 when invalid) and prints the "
              "new publisher's id. remove takes --id. Managing a repo's publishers needs the Write role on it.");
}

QList<QCommandLineOption> PublishersCommand::options() const
{
    return {
        publisherRepoOption(),
        publisherUserOption(),
        {JsonOption, tr("list: print the publishers as JSON.")},
        {ProviderOption, tr("add: github, gitlab, circleci, bitbucket or custom."), tr("PROVIDER")},
        {IssuerOption, tr("add: the issuer's https address."), tr("URL")},
        {ClaimOption, tr("add: a claim the token must have, exactly; repeat for each claim."), tr("NAME=VALUE")},
        {IdOption, tr("remove: the publisher's id, as list shows it."), tr("ID")},
    };
}

ExitCode PublishersCommand::readOptions(const QCommandLineParser &parser, QString *problem)
{
    const QStringList verbs = parser.positionalArguments();
    static const QStringList known{QStringLiteral("list"), QStringLiteral("add"), QStringLiteral("remove")};
    if (verbs.size() != 1 || !known.contains(verbs.first())) {
        *problem = verbs.size() > 1 ? tr("“%1” was not expected here.").arg(verbs.at(1))
                                    : tr("Say what to do: hubgate publishers list, add or remove.");
        return ExitCode::Usage;
    }
    m_verb = Verb(known.indexOf(verbs.first()));
    std::optional<PublisherScope> scope;
    const ExitCode scopeCode = readPublisherScope(parser, &scope, problem);
    if (scopeCode != ExitCode::Ok)
        return scopeCode;
    m_scope = *scope;
    m_json = parser.isSet(JsonOption);
    if (m_verb == Verb::Remove) {
        m_id = parser.value(IdOption).trimmed();
        if (m_id.isEmpty()) {
            *problem = tr("Name the publisher to remove with --id ID (hubgate publishers list shows the ids).");
            return ExitCode::Usage;
        }
    }
    return m_verb == Verb::Add ? readDraft(parser, problem) : ExitCode::Ok;
}

ExitCode PublishersCommand::readDraft(const QCommandLineParser &parser, QString *problem)
{
    if (!parser.isSet(ProviderOption)) {
        *problem = tr("Name the CI provider with --provider github, gitlab, circleci, bitbucket or custom.");
        return ExitCode::Usage;
    }
    const std::optional<PublisherProvider> provider = providerFromKey(parser.value(ProviderOption).trimmed().toLower());
    if (!provider) {
        *problem = tr("“%1” is not a provider: use github, gitlab, circleci, bitbucket or custom.")
                       .arg(parser.value(ProviderOption));
        return ExitCode::Usage;
    }
    m_draft.provider = *provider;
    m_draft.issuer = parser.isSet(IssuerOption) ? parser.value(IssuerOption) : publisherPreset(*provider).defaultIssuer;
    for (const QString &claim : parser.values(ClaimOption)) {
        const qsizetype equals = claim.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            *problem = tr("“%1” is not a claim: write --claim NAME=VALUE.").arg(claim);
            return ExitCode::BadInput;
        }
        m_draft.claims.append({claim.left(equals), claim.mid(equals + 1)});
    }
    const PublisherValidation validation = validatePublisher(m_draft);
    if (!validation.isValid()) {
        *problem = tr("The publisher is not valid:") + QStringLiteral("\n  ") +
                   validation.messages().join(QStringLiteral("\n  "));
        return ExitCode::BadInput;
    }
    return ExitCode::Ok;
}

void PublishersCommand::runWithHub(HubClient *client)
{
    PublisherJob *job = nullptr;
    switch (m_verb) {
    case Verb::List: job = PublisherJob::list(client, m_scope, this); break;
    case Verb::Add: job = PublisherJob::create(client, m_scope, m_draft, this); break;
    case Verb::Remove: job = PublisherJob::remove(client, m_scope, m_id, this); break;
    }
    connect(job, &PublisherJob::finished, this, &PublishersCommand::onFinished);
    job->start();
}

void PublishersCommand::onFinished(PublisherJob *job)
{
    job->deleteLater();
    if (!job->isOk()) {
        QString sentence = job->outcome() == PublisherOutcome::Failed || job->outcome() == PublisherOutcome::UnknownRepo
                               ? hubErrorReason(job->error())
                               : job->errorMessage();
        if (job->outcome() == PublisherOutcome::Failed || job->outcome() == PublisherOutcome::UnknownRepo)
            sentence = tr("Could not manage the trusted publishers of %1: %2").arg(m_scope.displayName(), sentence);
        console().error(sentence);
        if (job->outcome() == PublisherOutcome::NotOffered)
            console().note(tr("Settings page: %1").arg(endpoint().resolved(QUrl(m_scope.settingsPagePath())).toString()));
        finish(job->outcome() == PublisherOutcome::Invalid ? ExitCode::BadInput : ExitCode::Failed);
        return;
    }
    switch (m_verb) {
    case Verb::List:
        printList(job->publishers());
        break;
    case Verb::Add:
        for (const PublisherProblem &warning : job->validation().warnings)
            console().note(tr("Warning: %1").arg(warning.message));
        if (job->created())
            console().out() << job->created()->id << u'\n';
        break;
    case Verb::Remove:
        console().note(tr("Removed the publisher %1 from %2.").arg(m_id, m_scope.displayName()));
        break;
    }
    console().flush();
    finish(ExitCode::Ok);
}

void PublishersCommand::printList(const QList<TrustedPublisher> &publishers)
{
    if (m_json) {
        console().out() << QString::fromUtf8(publishersToJson(publishers)) << u'\n';
        return;
    }
    if (publishers.isEmpty()) {
        console().note(tr("%1 has no trusted publishers.").arg(m_scope.displayName()));
        return;
    }
    QList<QStringList> rows;
    for (const TrustedPublisher &publisher : publishers)
        rows.append({publisher.id, publisher.providerText, publisher.issuer, publisher.claimsText(),
                     utcMinutes(publisher.createdAt),
                     publisher.lastUsedAt ? utcMinutes(*publisher.lastUsedAt) : tr("never")});
    cli::printTable(console().out(), {tr("ID"), tr("Provider"), tr("Issuer"), tr("Claims"), tr("Created (UTC)"), tr("Last used (UTC)")},
                    rows);
}

} // namespace hubgate::cli
