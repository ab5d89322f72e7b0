// Figures for the export writers (not a test; run by hand):
//   bench_export [requests=100000]
// Builds the requests in memory (as after loading: 40 % pending, 50 % accepted, 10 % rejected,
// a six-field gate form, some names with commas, quotes and non-ASCII), then times each format
// (best of three) and saving the CSV atomically to a temporary folder. Then the window's path:
// the requests in the review session's model, a snapshot of it taken on the UI thread, then its
// packed rows put in the report's order, written and saved as the worker does (ReportExportJob),
// best of three; and the insights charts computed from the same model.
#include "access/accessrequestmodel.h"
#include "insights/insightcharts.h"
#include "reports/reportexportjob.h"
#include "reports/reportfile.h"
#include "reports/reportwriter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>

using namespace hubgate;

namespace {

RepoRequests makeRepo(int count)
{
    RepoRequests repo;
    repo.repo = QStringLiteral("nimbus-ai/nimbus-7b");
    const QStringList names{QStringLiteral("Name"),         QStringLiteral("Affiliation"),
                            QStringLiteral("Country"),      QStringLiteral("Start date"),
                            QStringLiteral("Intended use"), QStringLiteral("I agree")};
    for (const QString &name : names) {
        GateField field;
        field.name = name;
        repo.form << field;
    }
    const QStringList statuses{QStringLiteral("pending"), QStringLiteral("accepted"),
                               QStringLiteral("rejected")};
    const QDateTime start(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    repo.requests.reserve(count);
    for (int i = 0; i < count; ++i) {
        AccessRequest request;
        request.user.id = QStringLiteral("64a%1").arg(i, 21, 10, QLatin1Char('0'));
        request.user.name = QStringLiteral("user-%1").arg(i);
        request.user.fullname = i % 7 == 0 ? QStringLiteral("Zoë \"Z\", Ünïcødé %1").arg(i)
                                           : QStringLiteral("User Number %1").arg(i);
        if (i % 25 != 0)
            request.user.email = QStringLiteral("user%1@example.org").arg(i);
        request.user.avatarUrl = QStringLiteral("/avatars/%1.svg").arg(i);
        const int bucket = i % 10;
        request.status = statuses.at(bucket < 4 ? 0 : bucket < 9 ? 1 : 2);
        request.requestedAt = start.addSecs(qint64(i) * 60);
        if (bucket >= 4) {
            request.reviewedAt = request.requestedAt.addSecs(3600);
            if (bucket < 9)
                request.grantedBy = QStringLiteral("mira-patel");
        }
        request.fields.insert(names.at(0), request.user.fullname);
        request.fields.insert(names.at(1), i % 3 == 0 ? QStringLiteral("Acme, Inc.")
                                                      : QStringLiteral("University of Somewhere"));
        request.fields.insert(names.at(2), QStringLiteral("FR"));
        request.fields.insert(names.at(3), QStringLiteral("2026-10-01"));
        request.fields.insert(
            names.at(4), QStringLiteral("Research on small language models\nand their evaluation"));
        request.fields.insert(names.at(5), QStringLiteral("true"));
        repo.requests.append(request);
    }
    return repo;
}

struct Run
{
    const char *key; // the figure's name
    ReportOptions options;
};

double bestOfThree(const RepoRequests &repo, const ReportOptions &options, qsizetype *bytes)
{
    double best = 1e12;
    for (int run = 0; run < 3; ++run) {
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        writeReport({repo}, options, &out);
        best = std::min(best, double(timer.nsecsElapsed()) / 1e6);
        *bytes = out.size();
    }
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 100000;
    const RepoRequests repo = makeRepo(count);
    QJsonObject figures{{QStringLiteral("requests"), count}};

    const Run runs[] = {
        {"json", {ReportFormat::HubJson, EmailMode::Keep, false}},
        {"csv", {ReportFormat::Csv, EmailMode::Keep, true}},
        {"jsonl", {ReportFormat::JsonLines, EmailMode::Keep, false}},
        {"csv_hash_email", {ReportFormat::Csv, EmailMode::Hash, false}},
    };
    for (const auto &run : runs) {
        qsizetype bytes = 0;
        const double ms = bestOfThree(repo, run.options, &bytes);
        std::printf("%-16s %8.1f ms  %6.1f MB\n", run.key, ms, double(bytes) / 1e6);
        figures.insert(QStringLiteral("%1_ms").arg(QLatin1String(run.key)), qRound(ms * 10) / 10.0);
        figures.insert(QStringLiteral("%1_mb").arg(QLatin1String(run.key)),
                       qRound(double(bytes) / 1e5) / 10.0);
    }

    QTemporaryDir dir;
    QByteArray csv;
    QElapsedTimer timer;
    timer.start();
    writeReport({repo}, ReportOptions{ReportFormat::Csv, EmailMode::Keep, true}, &csv);
    QString error;
    const bool saved = ReportFile::save(dir.filePath(QStringLiteral("export.csv")), csv, &error) ==
                       ReportFile::Outcome::Saved;
    const double total = double(timer.nsecsElapsed()) / 1e6;
    std::printf("%-16s %8.1f ms  %s\n", "csv_to_file", total, saved ? "saved" : qPrintable(error));
    figures.insert(QStringLiteral("csv_to_file_ms"), qRound(total * 10) / 10.0);

    // The window: the UI thread copies the rows, the worker writes the file.
    AccessRequestModel model;
    QList<GateField> form = repo.form;
    form[2].type = GateField::Type::Country; // charted by the insights, as the checkbox
    form[5].type = GateField::Type::Checkbox;
    model.setGateFields(form);
    model.addRequests(repo.requests);
    const auto time = [](auto work) {
        QElapsedTimer clock;
        clock.start();
        work();
        return double(clock.nsecsElapsed()) / 1e6;
    };
    AccessRequestModel::Snapshot rows;
    const double copyMs = time([&] { rows = model.snapshot(); });
    std::printf("%-16s %8.1f ms  (UI thread)\n", "window_copy", copyMs);
    figures.insert(QStringLiteral("window_copy_ms"), qRound(copyMs * 10) / 10.0);
    bool written = true;
    const Run windowRuns[] = {
        {"window_csv", {ReportFormat::Csv, EmailMode::Keep, true}},
        {"window_json", {ReportFormat::HubJson, EmailMode::Keep, false}},
    };
    for (const auto &run : windowRuns) {
        const QString path = dir.filePath(QLatin1String(run.key));
        double best = 1e12;
        ReportExportJob::Result result;
        for (int attempt = 0; attempt < 3; ++attempt) {
            best = std::min(best, time([&] {
                const QList<RepoRows> repos{{repo.repo, model.gateFields(),
                                             std::make_shared<SnapshotRows>(rows, rowsInReportOrder(rows, QString()))}};
                result = ReportExportJob::run(repos, run.options, path, nullptr);
            }));
        }
        written = written && result.outcome == ReportFile::Outcome::Saved;
        std::printf("%-16s %8.1f ms  %6.1f MB  (worker: snapshot to file)\n", run.key, best,
                    double(result.bytes) / 1e6);
        figures.insert(QStringLiteral("%1_ms").arg(QLatin1String(run.key)), qRound(best * 10) / 10.0);
    }

    InsightSnapshot snapshot;
    const double snapshotMs = time([&] { snapshot = takeSnapshot(model, repo.repo); });
    const double insightsMs = time([&] {
        InsightSnapshot copy = snapshot; // the worker reads the rows, then computes
        readSnapshotRows(copy);
        InsightCharts::compute(copy, InsightPeriod::Day);
    });
    std::printf("%-16s %8.1f ms  (UI thread)\n", "insights_copy", snapshotMs);
    std::printf("%-16s %8.1f ms  (worker)\n", "insights_compute", insightsMs);
    figures.insert(QStringLiteral("insights_copy_ms"), qRound(snapshotMs * 10) / 10.0);
    figures.insert(QStringLiteral("insights_compute_ms"), qRound(insightsMs * 10) / 10.0);

    std::printf("%s\n", QJsonDocument(figures).toJson(QJsonDocument::Compact).constData());
    return saved && written ? 0 : 1;
}
