#include "gatecommand.h"

#include "card/gatejson.h"
#include "card/gaterewrite.h"
#include "card/gatevalidation.h"
#include "hub/hubclient.h"
#include "repoargument.h"

#include <QCommandLineParser>
#include <QFile>
#include <QSaveFile>

namespace hubgate::cli {

namespace {

const QString FileOption = QStringLiteral("file");
const QString RepoOption = QStringLiteral("repo");
const QString FromOption = QStringLiteral("from");
const QString OutputOption = QStringLiteral("output");
const QString MessageOption = QStringLiteral("message");
const QString PrOption = QStringLiteral("pr");

std::optional<QByteArray> readWholeFile(const QString &path, QString *why)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *why = file.errorString();
        return std::nullopt;
    }
    return file.readAll();
}

} // namespace

QString GateCommand::summary() const
{
    return tr("Show or set the gate form of a card (the extra_gated_* keys of README.md) as JSON.");
}

QString GateCommand::synopsis() const
{
    return tr("show (--file README.md | --repo [datasets/]NAMESPACE/NAME)\n"
              "       hubgate gate apply --from GATE.json (--file README.md [--output OUT] | --repo [datasets/]NAMESPACE/NAME "
              "[--message M] [--pr])");
}

QString GateCommand::description() const
{
    return tr("“show” prints the card's extra_gated_* keys as one JSON object, in card order, with the values as YAML "
              "reads them (extra_gated_fields is an object in form order). “apply” sets the keys GATE.json gives: "
              "null removes a key, keys it does not give stay as they are. Only the text of the keys that change is "
              "rewritten; every other byte of README.md stays as it was, so applying what “show” printed changes "
              "nothing. With --file the file is written in place (atomically) or to --output; with --repo the Hub "
              "checks the metadata, then README.md is committed to main on top of the commit it was read at (or "
              "proposed as a pull request with --pr). If main moved in between, nothing is overwritten (exit 1). "
              "Exit 3 when the card or GATE.json is invalid; the file is then untouched.");
}

QList<QCommandLineOption> GateCommand::options() const
{
    return {
        {FileOption, tr("A local README.md."), tr("README.md")},
        {RepoOption, tr("The repo: NAMESPACE/NAME for a model, datasets/NAMESPACE/NAME for a dataset."), tr("REPO")},
        {FromOption, tr("apply: the JSON object of gate keys to set."), tr("GATE.json")},
        {OutputOption, tr("apply --file: write the result here instead of in place."), tr("OUT")},
        {MessageOption, tr("apply --repo: the commit message."), tr("MESSAGE")},
        {PrOption, tr("apply --repo: open a pull request instead of committing to main.")},
    };
}

ExitCode GateCommand::readOptions(const QCommandLineParser &parser, QString *problem)
{
    const QStringList words = parser.positionalArguments();
    if (words.size() != 1 || (words.constFirst() != QLatin1String("show") && words.constFirst() != QLatin1String("apply"))) {
        *problem = words.size() > 1 ? tr("“%1” was not expected here.").arg(words.at(1))
                                    : tr("Say what to do: “hubgate gate show” or “hubgate gate apply”.");
        return ExitCode::Usage;
    }
    m_apply = words.constFirst() == QLatin1String("apply");
    if (parser.isSet(FileOption) == parser.isSet(RepoOption)) {
        *problem = tr("Name the card with either --file README.md or --repo NAMESPACE/NAME.");
        return ExitCode::Usage;
    }
    const QStringList applyOnly{FromOption, OutputOption, MessageOption, PrOption};
    for (const QString &option : applyOnly) {
        if (!m_apply && parser.isSet(option)) {
            *problem = tr("--%1 is an option of “gate apply”.").arg(option);
            return ExitCode::Usage;
        }
    }
    if (m_apply && !parser.isSet(FromOption)) {
        *problem = tr("Give the keys to set with --from GATE.json.");
        return ExitCode::Usage;
    }
    if (parser.isSet(FileOption) && (parser.isSet(MessageOption) || parser.isSet(PrOption))) {
        *problem = tr("--message and --pr go with --repo.");
        return ExitCode::Usage;
    }
    if (parser.isSet(RepoOption) && parser.isSet(OutputOption)) {
        *problem = tr("--output goes with --file.");
        return ExitCode::Usage;
    }
    m_file = parser.value(FileOption);
    m_output = parser.value(OutputOption);
    m_from = parser.value(FromOption);
    m_message = parser.value(MessageOption);
    m_pullRequest = parser.isSet(PrOption);
    if (parser.isSet(RepoOption)) {
        m_repo = parseRepoArgument(parser.value(RepoOption), problem);
        if (!m_repo)
            return ExitCode::BadInput;
    }
    return ExitCode::Ok;
}

void GateCommand::runWithHub(HubClient *client)
{
    if (m_apply) {
        QString why;
        const std::optional<QByteArray> json = readWholeFile(m_from, &why);
        if (!json)
            return fail(ExitCode::BadInput, tr("Could not read %1: %2").arg(m_from, why));
        m_gateJson = *json;
    }
    if (client)
        runOnRepo(client);
    else
        runOnFile();
}

std::optional<GateCard> GateCommand::readCard(const QByteArray &readme, const QString &where)
{
    CardError error;
    std::optional<GateCard> card = readGateCard(readme, &error);
    if (!card)
        fail(ExitCode::BadInput, tr("The front matter of %1 is not valid YAML (%2).").arg(where, error.message()));
    return card;
}

std::optional<QByteArray> GateCommand::applyEdit(const QByteArray &readme, const GateCard &card)
{
    QString problem;
    const std::optional<GateSettings> settings = gateSettingsFromJson(m_gateJson, card, &problem);
    if (!settings) {
        fail(ExitCode::BadInput, tr("%1 cannot be applied: %2.").arg(m_from, problem));
        return std::nullopt;
    }
    const QList<GateProblem> problems = validateGate(*settings);
    if (!problems.isEmpty()) {
        for (qsizetype i = 1; i < problems.size(); ++i)
            console().note(problems.at(i).message);
        fail(ExitCode::BadInput, tr("%1 cannot be applied: %2").arg(m_from, problems.constFirst().message));
        return std::nullopt;
    }
    const CardRewrite rewrite = rewriteGateCard(readme, *settings);
    if (!rewrite.ok()) {
        fail(ExitCode::BadInput, tr("%1 cannot be applied: %2").arg(m_from, rewrite.error.reason));
        return std::nullopt;
    }
    return rewrite.readme;
}

void GateCommand::printJson(const GateCard &card)
{
    console().out() << QString::fromUtf8(card.json) << u'\n';
    console().flush();
}

void GateCommand::runOnFile()
{
    QString why;
    const std::optional<QByteArray> readme = readWholeFile(m_file, &why);
    if (!readme)
        return fail(ExitCode::BadInput, tr("Could not read %1: %2").arg(m_file, why));
    const std::optional<GateCard> card = readCard(*readme, m_file);
    if (!card)
        return;
    if (!m_apply) {
        printJson(*card);
        return finish(ExitCode::Ok);
    }
    const std::optional<QByteArray> edited = applyEdit(*readme, *card);
    if (!edited)
        return;
    if (m_output.isEmpty() && *edited == *readme)
        return finish(ExitCode::Ok); // nothing changes: the file is not even rewritten
    if (writeFile(m_output.isEmpty() ? m_file : m_output, *edited))
        finish(ExitCode::Ok);
}

bool GateCommand::writeFile(const QString &path, const QByteArray &content)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit()) {
        fail(ExitCode::Failed, tr("Could not write %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

QString GateCommand::repoText() const
{
    return repoArgumentText(*m_repo);
}

void GateCommand::runOnRepo(HubClient *client)
{
    connect(client, &HubClient::retrying, this, [this](const QString &message) { console().progress(message); });
    auto *fetch = new ReadmeFetch(client, *m_repo, QStringLiteral("main"), this);
    connect(fetch, &ReadmeFetch::finished, this, [this, client](ReadmeFetch *done) {
        if (!done->isOk())
            return fail(ExitCode::Failed, tr("Could not read README.md of %1: %2").arg(repoText(), hubErrorReason(done->error())));
        onReadme(client, done->snapshot());
    });
    fetch->start();
}

void GateCommand::onReadme(HubClient *client, const ReadmeSnapshot &snapshot)
{
    const std::optional<GateCard> card = readCard(snapshot.content, tr("README.md of %1").arg(repoText()));
    if (!card)
        return;
    if (!m_apply) {
        printJson(*card);
        return finish(ExitCode::Ok);
    }
    const std::optional<QByteArray> edited = applyEdit(snapshot.content, *card);
    if (!edited)
        return;
    if (*edited == snapshot.content) {
        console().note(tr("README.md of %1 already has these gate keys; nothing to commit.").arg(repoText()));
        return finish(ExitCode::Ok);
    }
    validateAndCommit(client, snapshot, *edited);
}

void GateCommand::validateAndCommit(HubClient *client, const ReadmeSnapshot &snapshot, const QByteArray &readme)
{
    auto *validation = new CardValidation(client, m_repo->kind, readme, this);
    connect(validation, &CardValidation::finished, this, [this, client, snapshot, readme](CardValidation *done) {
        if (done->error().isError())
            return fail(ExitCode::Failed, tr("The Hub could not check the new README.md: %1").arg(hubErrorReason(done->error())));
        if (!done->isAccepted())
            return fail(ExitCode::BadInput, tr("The Hub refuses the new card metadata: %1").arg(done->refusal()));
        commit(client, snapshot, readme);
    });
    validation->start();
}

void GateCommand::commit(HubClient *client, const ReadmeSnapshot &snapshot, const QByteArray &readme)
{
    ReadmeCommitRequest request;
    request.content = readme;
    request.parentCommit = snapshot.commit;
    request.summary = m_message.isEmpty() ? tr("Update the gate form in README.md") : m_message;
    request.pullRequest = m_pullRequest;
    auto *job = new ReadmeCommit(client, *m_repo, request, this);
    connect(job, &ReadmeCommit::finished, this, [this, snapshot](ReadmeCommit *done) {
        switch (done->outcome()) {
        case ReadmeCommit::Outcome::Committed:
            console().out() << (done->pullRequestUrl().isEmpty() ? done->commitUrl() : done->pullRequestUrl()) << u'\n';
            console().flush();
            return finish(ExitCode::Ok);
        case ReadmeCommit::Outcome::Conflict:
            return fail(ExitCode::Failed,
                        tr("main of %1 has moved since README.md was read at %2; nothing was overwritten. Run the "
                           "command again to apply the keys on top of the new README.md.")
                            .arg(repoText(), snapshot.commit.left(12)));
        case ReadmeCommit::Outcome::Failed:
            return fail(ExitCode::Failed, tr("Could not commit README.md to %1: %2").arg(repoText(), hubErrorReason(done->error())));
        }
    });
    job->start();
}

} // namespace hubgate::cli
