#include "exportcommand.h"

#include "hub/hubclient.h"
#include "repoargument.h"
#include "reports/hubreportdownload.h"
#include "reports/reportfile.h"
#include "reports/reportinput.h"
#include "reports/reportloader.h"
#include "reports/reportwriter.h"

#include <QCommandLineParser>

#include <algorithm>
#include <cstdio>

namespace hubgate::cli {

namespace {

const QString RepoOption = QStringLiteral("repo");
const QString StatusOption = QStringLiteral("status");
const QString FormatOption = QStringLiteral("format");
const QString OutputOption = QStringLiteral("output");
const QString NoEmailOption = QStringLiteral("no-email");
const QString HashEmailOption = QStringLiteral("hash-email");
const QString BomOption = QStringLiteral("bom");
const QString HubFormat = QStringLiteral("hub");

} // namespace

QString ExportCommand::summary() const
{
    return tr("Export the access requests of gated repos as a file to hand on.");
}

QString ExportCommand::synopsis() const
{
    return tr("--repo [datasets/]NAMESPACE/NAME [--repo ...] [--status STATUS] [--format "
              "json|csv|jsonl|hub] "
              "[--output FILE] [--no-email | --hash-email] [--bom]");
}

QString ExportCommand::description() const
{
    return tr(
        "json is the Hub's own report format (user, fullname, status, email, time, reviewedAt); "
        "csv has "
        "one column per gate-form field, in form order; jsonl has everything the Hub lists, one "
        "object "
        "per line. Several --repo are merged into one file with a repo column. hub downloads the "
        "Hub's "
        "own report of one repo and saves it unchanged. Requests come oldest first. A file is only "
        "written, or replaced, once everything was loaded. --hash-email replaces each address by "
        "the "
        "SHA-256 of its lower-case form: pseudonymous, not anonymous. The token needs write "
        "access.");
}

QList<QCommandLineOption> ExportCommand::options() const
{
    return {
        {RepoOption,
         tr("A repo: NAMESPACE/NAME for a model, datasets/NAMESPACE/NAME for a dataset; repeat to "
            "merge."),
         tr("REPO")},
        {StatusOption, tr("Only the requests with this status: pending, accepted or rejected."),
         tr("STATUS")},
        {FormatOption,
         tr("json (the Hub's report format, the default), csv, jsonl or hub (the Hub's own file)."),
         tr("FORMAT")},
        {{QStringLiteral("o"), OutputOption},
         tr("Write to this file instead of the standard output."),
         tr("FILE")},
        {NoEmailOption, tr("Leave the e-mail addresses out.")},
        {HashEmailOption, tr("Replace each e-mail address by its SHA-256 hash.")},
        {BomOption, tr("Start the CSV with a byte order mark, for spreadsheets.")},
    };
}

ExitCode ExportCommand::readOptions(const QCommandLineParser &parser, QString *problem)
{
    const QStringList repos = parser.values(RepoOption);
    if (repos.isEmpty()) {
        *problem = tr("Name the repo with --repo NAMESPACE/NAME.");
        return ExitCode::Usage;
    }
    for (const QString &text : repos) {
        const std::optional<RepoSummary> repo = parseRepoArgument(text, problem);
        if (!repo)
            return ExitCode::BadInput;
        const bool named = std::any_of(m_repos.cbegin(), m_repos.cend(), [&](const RepoSummary &known) {
            return known.key() == repo->key();
        });
        if (!named) // the same repo twice would repeat its rows
            m_repos.append(*repo);
    }
    if (parser.isSet(StatusOption)) {
        m_status = parser.value(StatusOption).trimmed().toLower();
        if (!knownRequestStatuses().contains(m_status)) {
            *problem = tr("“%1” is not a request status: use pending, accepted or rejected.")
                           .arg(parser.value(StatusOption));
            return ExitCode::Usage;
        }
    }
    m_output = parser.value(OutputOption);
    if (parser.isSet(OutputOption) && m_output.isEmpty()) {
        *problem = tr("--output needs a file name.");
        return ExitCode::BadInput;
    }
    return readFormatOptions(parser, problem);
}

ExitCode ExportCommand::readFormatOptions(const QCommandLineParser &parser, QString *problem)
{
    const QString format = parser.isSet(FormatOption)
                               ? parser.value(FormatOption).trimmed().toLower()
                               : reportFormatName(ReportFormat::HubJson);
    m_hubFormat = format == HubFormat;
    if (!m_hubFormat) {
        const std::optional<ReportFormat> known = reportFormatFromName(format);
        if (!known) {
            *problem = tr("“%1” is not an export format: use json, csv, jsonl or hub.")
                           .arg(parser.value(FormatOption));
            return ExitCode::Usage;
        }
        m_report.format = *known;
    }
    if (parser.isSet(NoEmailOption) && parser.isSet(HashEmailOption)) {
        *problem = tr("Use either --no-email or --hash-email, not both.");
        return ExitCode::Usage;
    }
    m_report.email = parser.isSet(NoEmailOption)     ? EmailMode::Omit
                     : parser.isSet(HashEmailOption) ? EmailMode::Hash
                                                     : EmailMode::Keep;
    m_report.byteOrderMark = parser.isSet(BomOption);
    if (m_report.byteOrderMark && (m_hubFormat || m_report.format != ReportFormat::Csv)) {
        *problem = tr("--bom is for --format csv only.");
        return ExitCode::Usage;
    }
    if (m_hubFormat) {
        // The Hub's file is saved as it is: nothing can be selected or changed in it.
        if (m_repos.size() > 1) {
            *problem = tr("--format hub downloads the report of one repo: name one --repo.");
            return ExitCode::Usage;
        }
        if (parser.isSet(StatusOption) || m_report.email != EmailMode::Keep) {
            *problem = tr("--format hub saves the Hub's report unchanged: --status, --no-email and "
                          "--hash-email "
                          "do not apply.");
            return ExitCode::Usage;
        }
    }
    return ExitCode::Ok;
}

void ExportCommand::runWithHub(HubClient *client)
{
    connect(client, &HubClient::retrying, this,
            [this](const QString &message) { console().progress(message); });
    if (m_hubFormat) {
        downloadHubReport(client);
        return;
    }
    QList<ReportLoader::Source> sources;
    for (const RepoSummary &repo : std::as_const(m_repos))
        sources.append({repo, repoArgumentText(repo)});
    m_loader = new ReportLoader(client, this);
    connect(m_loader, &ReportLoader::progress, this, &ExportCommand::showProgress);
    connect(m_loader, &ReportLoader::finished, this, [this](bool ok) {
        if (!ok) {
            repoFailed(m_loader->failedRepo(), m_loader->error());
            return;
        }
        const QList<RepoRequests> repos = m_loader->result();
        int count = 0;
        for (const RepoRequests &repo : repos)
            count += int(repo.requests.size());
        QByteArray bytes;
        writeReport(repos, m_report, &bytes);
        deliver(bytes, count);
    });
    // The form gives the CSV's answer columns their order.
    m_loader->start(sources, m_status, m_report.format == ReportFormat::Csv);
    showProgress();
}

void ExportCommand::downloadHubReport(HubClient *client)
{
    const RepoSummary repo = m_repos.constFirst();
    console().progress(tr("Downloading the access report of %1…").arg(repoArgumentText(repo)));
    HubJob *job = hubgate::downloadHubReport(client, repo);
    connect(job, &HubJob::finished, this, [this, repo](HubJob *finished) {
        if (!finished->isOk()) {
            repoFailed(repo, finished->error());
            return;
        }
        deliver(finished->body(), -1);
    });
}

void ExportCommand::showProgress()
{
    const int loaded = m_loader ? m_loader->loadedCount() : 0;
    console().progress(tr("Loading access requests: %Ln so far", nullptr, loaded));
}

void ExportCommand::repoFailed(const RepoSummary &repo, const HubError &error)
{
    if (isFinished())
        return;
    fail(ExitCode::Failed, tr("Could not export the access requests of %1: %2")
                               .arg(repoArgumentText(repo), hubErrorReason(error)));
}

void ExportCommand::deliver(const QByteArray &bytes, int requestCount)
{
    console().clearProgress();
    if (m_output.isEmpty()) {
        console().flush();
        if (std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout) !=
                size_t(bytes.size()) ||
            std::fflush(stdout) != 0) {
            fail(ExitCode::Failed, tr("Could not write the export to the standard output."));
            return;
        }
        finish(ExitCode::Ok);
        return;
    }
    QString reason;
    if (ReportFile::save(m_output, bytes, &reason) != ReportFile::Outcome::Saved) {
        fail(ExitCode::Failed, tr("Could not write %1: %2.").arg(m_output, reason));
        return;
    }
    if (console().errIsTerminal()) {
        console().note(
            requestCount < 0
                ? tr("Saved the Hub's access report to %1.").arg(m_output)
                : tr("Exported %Ln access request(s) to %1.", nullptr, requestCount).arg(m_output));
    }
    finish(ExitCode::Ok);
}

} // namespace hubgate::cli
