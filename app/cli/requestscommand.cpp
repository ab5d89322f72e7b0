#include "requestscommand.h"

#include "access/accessrequestloader.h"
#include "hub/hubclient.h"
#include "repoargument.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>

namespace hubgate::cli {

namespace {

const QString RepoOption = QStringLiteral("repo");
const QString StatusOption = QStringLiteral("status");
const QString JsonOption = QStringLiteral("json");

constexpr int TerminalCellWidth = 40; // long answers would make a terminal row wrap

QString tableTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

QJsonValue jsonTime(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

QJsonValue jsonText(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

} // namespace

QString RequestsCommand::summary() const
{
    return tr("List the access requests of a gated repo.");
}

QString RequestsCommand::synopsis() const
{
    return tr("--repo [datasets/]NAMESPACE/NAME [--status pending|accepted|rejected] [--json]");
}

QString RequestsCommand::description() const
{
    return tr("Without --status, the pending, accepted and rejected requests are listed, in this order "
              "and oldest first. The table has one column per answer of the gate form; times are UTC. "
              "--json prints one JSON object per request and line, with everything the Hub lists. "
              "The token needs write access to the repo.");
}

QList<QCommandLineOption> RequestsCommand::options() const
{
    return {
        {RepoOption, tr("The repo: NAMESPACE/NAME for a model, datasets/NAMESPACE/NAME for a dataset."),
         tr("REPO")},
        {StatusOption, tr("Only the requests with this status: pending, accepted or rejected."), tr("STATUS")},
        {JsonOption, tr("Print JSON Lines (one object per request) instead of a table.")},
    };
}

ExitCode RequestsCommand::readOptions(const QCommandLineParser &parser, QString *problem)
{
    if (!parser.isSet(RepoOption)) {
        *problem = tr("Name the repo with --repo NAMESPACE/NAME.");
        return ExitCode::Usage;
    }
    const std::optional<RepoSummary> repo = parseRepoArgument(parser.value(RepoOption), problem);
    if (!repo)
        return ExitCode::BadInput;
    m_repo = *repo;
    m_statuses = knownRequestStatuses();
    if (parser.isSet(StatusOption)) {
        const QString status = parser.value(StatusOption).trimmed().toLower();
        if (!m_statuses.contains(status)) {
            *problem = tr("“%1” is not a request status: use pending, accepted or rejected.")
                           .arg(parser.value(StatusOption));
            return ExitCode::Usage;
        }
        m_statuses = {status};
    }
    m_json = parser.isSet(JsonOption);
    return ExitCode::Ok;
}

void RequestsCommand::runWithHub(HubClient *client)
{
    connect(client, &HubClient::retrying, this, [this](const QString &message) { console().progress(message); });
    auto *loader = new AccessRequestLoader(client, m_repo, this);
    connect(loader, &AccessRequestLoader::pageLoaded, this,
            [this](const QString &status, const RequestPage &page) { m_requests[status] += page.requests(); });
    connect(loader, &AccessRequestLoader::progress, this, [this](int loaded) {
        console().progress(tr("Loading the access requests of %1: %Ln so far", nullptr, loaded)
                               .arg(repoArgumentText(m_repo)));
    });
    connect(loader, &AccessRequestLoader::finished, this, [this](bool ok, const QList<HubError> &errors) {
        m_listsDone = true;
        if (!ok) {
            // Every status list fails alike (a refused token, a missing repo): one error says it.
            const auto real = std::find_if(errors.cbegin(), errors.cend(), [](const HubError &error) {
                return error.kind != HubError::Kind::Cancelled;
            });
            m_error = real != errors.cend() ? *real : errors.value(0);
            if (!m_error.isError())
                m_error.kind = HubError::Kind::Cancelled;
        }
        finishWhenDone();
    });
    console().progress(tr("Loading the access requests of %1…").arg(repoArgumentText(m_repo)));
    loader->start(m_statuses);
    if (!m_json)
        loadGateForm(client);
}

// The form gives the answer columns their order; without it they are sorted by name.
void RequestsCommand::loadGateForm(HubClient *client)
{
    m_formDone = false;
    HubJob *job = client->get(m_repo.apiPath(), {}, m_repo.id);
    connect(job, &HubJob::finished, this, [this](HubJob *finished) {
        if (finished->isOk())
            m_form = parseGateFields(finished->body());
        m_formDone = true;
        finishWhenDone();
    });
}

void RequestsCommand::finishWhenDone()
{
    if (!m_listsDone || !m_formDone || isFinished())
        return;
    console().clearProgress();
    if (m_error.isError()) {
        fail(ExitCode::Failed, failureSentence(m_error));
        return;
    }
    const QList<AccessRequest> requests = allRequests();
    if (requests.isEmpty()) {
        console().note(m_statuses.size() == 1
                           ? tr("%1 has no %2 access requests.").arg(repoArgumentText(m_repo), m_statuses.constFirst())
                           : tr("%1 has no access requests.").arg(repoArgumentText(m_repo)));
    } else if (m_json) {
        printJsonLines(requests);
    } else {
        printTable(requests);
    }
    console().flush();
    printSummary(requests);
    finish(ExitCode::Ok);
}

QString RequestsCommand::failureSentence(const HubError &error) const
{
    return tr("Could not list the access requests of %1: %2").arg(repoArgumentText(m_repo), hubErrorReason(error));
}

QList<AccessRequest> RequestsCommand::allRequests() const
{
    QList<AccessRequest> all;
    for (const QString &status : m_statuses)
        all += m_requests.value(status);
    return all;
}

QStringList RequestsCommand::fieldColumns(const QList<AccessRequest> &requests) const
{
    QStringList columns;
    for (const GateField &field : m_form)
        columns << field.name;
    QStringList others; // answers to fields the form no longer has
    QSet<QString> seen(columns.cbegin(), columns.cend());
    for (const AccessRequest &request : requests) {
        for (auto it = request.fields.cbegin(); it != request.fields.cend(); ++it) {
            if (!seen.contains(it.key())) {
                seen.insert(it.key());
                others << it.key();
            }
        }
    }
    others.sort(Qt::CaseInsensitive);
    return columns + others;
}

void RequestsCommand::printTable(const QList<AccessRequest> &requests)
{
    const QStringList fields = fieldColumns(requests);
    QStringList header{tr("User"), tr("Full name"), tr("E-mail"), tr("Status"), tr("Requested (UTC)"),
                       tr("Reviewed (UTC)")};
    header += fields;
    QList<QStringList> rows;
    rows.reserve(requests.size());
    for (const AccessRequest &request : requests) {
        QStringList row{request.user.name, request.user.fullname, request.user.email, request.status,
                        tableTime(request.requestedAt), tableTime(request.reviewedAt)};
        for (const QString &field : fields)
            row << request.fields.value(field);
        rows.append(row);
    }
    cli::printTable(console().out(), header, rows, console().outIsTerminal() ? TerminalCellWidth : 0);
}

void RequestsCommand::printJsonLines(const QList<AccessRequest> &requests)
{
    for (const AccessRequest &request : requests) {
        QJsonObject fields;
        for (auto it = request.fields.cbegin(); it != request.fields.cend(); ++it)
            fields.insert(it.key(), it.value());
        const QJsonObject object{
            {QStringLiteral("user"), request.user.name},
            {QStringLiteral("userId"), jsonText(request.user.id)},
            {QStringLiteral("fullname"), jsonText(request.user.fullname)},
            {QStringLiteral("email"), jsonText(request.user.email)},
            {QStringLiteral("avatarUrl"), jsonText(request.user.avatarUrl)},
            {QStringLiteral("isPro"), request.user.isPro},
            {QStringLiteral("status"), request.status},
            {QStringLiteral("timestamp"), jsonTime(request.requestedAt)},
            {QStringLiteral("reviewedAt"), jsonTime(request.reviewedAt)},
            {QStringLiteral("grantedBy"), jsonText(request.grantedBy)},
            {QStringLiteral("fields"), fields},
        };
        console().out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << u'\n';
    }
}

// For a person at a terminal only: scripts count lines.
void RequestsCommand::printSummary(const QList<AccessRequest> &requests)
{
    if (!console().errIsTerminal() || requests.isEmpty())
        return;
    QStringList parts;
    for (const QString &status : std::as_const(m_statuses))
        parts << tr("%1 %2", "a count and a request status").arg(m_requests.value(status).size()).arg(status);
    console().note(tr("%Ln access request(s): %1.", nullptr, int(requests.size())).arg(parts.join(QStringLiteral(", "))));
}

} // namespace hubgate::cli
