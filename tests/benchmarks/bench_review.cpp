// Review at scale, measured: a Hub emulator process holding 100,000 access requests, and the
// client side of HubGate loading, searching and bulk-accepting them. Prints one figure per line.
// Not a test: targets are in docs/performance.md.
#include "access/accessrequestfilter.h"
#include "access/accessrequestloader.h"
#include "access/accessrequestmodel.h"
#include "decisions/decisionjob.h"
#include "hub/hubclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>

using namespace hubgate;

namespace {

constexpr int requestCount = 100000;

void print(const char *name, double value, const char *unit)
{
    std::printf("%s %.1f %s\n", name, value, unit);
    std::fflush(stdout);
}

double peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    static const QRegularExpression hwm(QStringLiteral("VmHWM:\\s+(\\d+) kB"));
    const auto match = hwm.match(QString::fromLatin1(status.readAll()));
    return match.hasMatch() ? match.captured(1).toDouble() / 1024.0 : -1;
}

QByteArray seedJson()
{
    const QByteArray readme =
        "---\\nlicense: other\\nextra_gated_fields:\\n  Full name: text\\n  Affiliation: text\\n"
        "  Country: country\\n  Date of birth: date_picker\\n  Intended use:\\n    type: select\\n"
        "    options: [Research, Education, Commercial product]\\n  I agree to the license: checkbox\\n---\\n# Bench\\n";
    return "{\"users\":[{\"name\":\"owner\",\"fullname\":\"Owner\"}],"
           "\"tokens\":[{\"token\":\"hf_BenchOwnerWriteToken00000000000001\",\"user\":\"owner\",\"role\":\"write\"}],"
           "\"repos\":[{\"type\":\"model\",\"id\":\"owner/big-model\",\"gated\":\"manual\","
           "\"files\":{\"README.md\":\"" + readme + "\"},"
           "\"generate\":{\"count\":" + QByteArray::number(requestCount) +
           ",\"seed\":3,\"pending\":0.4,\"accepted\":0.5}}]}";
}

// Sequential curl processes, each fetching one page and following Link rel="next".
double curlLoopMs(const QUrl &base, const QByteArray &token, const QString &dir)
{
    QElapsedTimer timer;
    timer.start();
    int pages = 0;
    for (const char *status : {"pending", "accepted", "rejected"}) {
        QString url = base.toString() + QStringLiteral("/api/models/owner/big-model/user-access-request/") +
                      QLatin1String(status) + QStringLiteral("?limit=1000");
        while (!url.isEmpty()) {
            QProcess curl;
            const QString headers = dir + QStringLiteral("/headers.txt");
            curl.start(QStringLiteral("curl"), {QStringLiteral("-s"), QStringLiteral("-D"), headers,
                                                 QStringLiteral("-o"), dir + QStringLiteral("/page.json"),
                                                 QStringLiteral("-H"),
                                                 QStringLiteral("Authorization: Bearer ") + QString::fromLatin1(token),
                                                 url});
            curl.waitForFinished(60000);
            ++pages;
            QFile file(headers);
            if (!file.open(QIODevice::ReadOnly))
                break; // curl failed: the loop ends here and the figure shows it
            static const QRegularExpression next(QStringLiteral("<([^>]+)>;\\s*rel=\"next\""));
            const auto match = next.match(QString::fromLatin1(file.readAll()));
            url = match.hasMatch() ? match.captured(1) : QString();
        }
    }
    print("curl_pages", pages, "pages");
    return double(timer.elapsed());
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_review PATH/TO/hubgate-emulator\n");
        return 2;
    }
    QTemporaryDir dir;
    QFile seed(dir.filePath(QStringLiteral("seed.json")));
    if (!seed.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "cannot write the seed file\n");
        return 1;
    }
    seed.write(seedJson());
    seed.close();
    const QString readyFile = dir.filePath(QStringLiteral("ready.json"));
    QProcess emulator;
    emulator.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    emulator.start(QString::fromLocal8Bit(argv[1]),
                   {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--seed"), seed.fileName(),
                    QStringLiteral("--ready-file"), readyFile});
    if (!QTest::qWaitFor([&] { return QFile::exists(readyFile); }, 60000)) {
        std::fprintf(stderr, "the emulator did not start\n");
        return 1;
    }
    QFile ready(readyFile);
    if (!ready.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read the ready file\n");
        return 1;
    }
    const QJsonObject info = QJsonDocument::fromJson(ready.readAll()).object();
    const QUrl base(info.value(QLatin1String("baseUrl")).toString());
    const QByteArray token = "hf_BenchOwnerWriteToken00000000000001";

    const double curlMs = curlLoopMs(base, token, dir.path());
    print("curl_loop_all_pages_ms", curlMs, "ms");

    QNetworkAccessManager nam;
    HubClient client(&nam, base);
    client.setToken(QString::fromLatin1(token));
    RepoSummary repo;
    repo.id = QStringLiteral("owner/big-model");
    repo.gating = GatingMode::Manual;
    AccessRequestModel model;
    AccessRequestLoader loader(&client, repo);
    QElapsedTimer timer;
    qint64 firstRows = -1;
    bool done = false;
    QObject::connect(&loader, &AccessRequestLoader::pageLoaded, &app,
                     [&](const QString &, const QList<AccessRequest> &requests) {
                         model.addRequests(requests);
                         if (firstRows < 0)
                             firstRows = timer.elapsed();
                     });
    QObject::connect(&loader, &AccessRequestLoader::finished, &app, [&] { done = true; });
    timer.start();
    loader.start();
    if (!QTest::qWaitFor([&] { return done; }, 600000)) {
        std::fprintf(stderr, "loading did not finish within 10 minutes\n");
        return 1;
    }
    const double allMs = double(timer.elapsed());
    print("time_to_first_rows_ms", double(firstRows), "ms");
    print("time_to_all_rows_ms", allMs, "ms");
    print("rows_loaded", model.rowCount(), "rows");
    print("ratio_to_curl_loop", allMs / curlMs, "x");
    print("peak_rss_mb", peakRssMb(), "MB");

    // Search: type a query one key at a time into the pending tab's filter.
    AccessRequestFilter filter;
    filter.setSourceModel(&model);
    filter.setStatus(QStringLiteral("pending"));
    QList<double> keystrokes;
    for (const QString &query : {QStringLiteral("maria garcia"), QStringLiteral("research"), QStringLiteral("gmail.com")}) {
        for (int i = 1; i <= query.size(); ++i) {
            QElapsedTimer key;
            key.start();
            filter.setSearchText(query.left(i));
            filter.rowCount();
            keystrokes.append(key.nsecsElapsed() / 1e6);
        }
        filter.setSearchText(QString());
    }
    std::sort(keystrokes.begin(), keystrokes.end());
    print("search_keystroke_median_ms", keystrokes[keystrokes.size() / 2], "ms");
    print("search_keystroke_max_ms", keystrokes.last(), "ms");

    // Bulk accept 10,000 pending requests with 5 ms of added latency per call.
    QStringList users;
    for (int row = 0; row < model.rowCount() && users.size() < 10000; ++row)
        if (model.requestAt(row).status == QLatin1String("pending"))
            users.append(model.requestAt(row).user.name);
    const auto control = [&](const QByteArray &method, const QString &path, const QByteArray &body) {
        HubRequest request;
        request.method = method;
        request.url = QUrl(base.toString() + path);
        request.body = body;
        QByteArray reply;
        bool finished = false;
        HubJob *job = client.start(request);
        QObject::connect(job, &HubJob::finished, &app, [&](HubJob *j) {
            reply = j->body();
            finished = true;
        });
        if (!QTest::qWaitFor([&] { return finished; }, 30000))
            std::fprintf(stderr, "a control call to the emulator timed out\n");
        return reply;
    };
    control("POST", QStringLiteral("/_emulator/faults"), R"({"kind":"latency","ms":5})");
    control("DELETE", QStringLiteral("/_emulator/stats"), {});
    Decision decision;
    decision.kind = DecisionKind::Accept;
    decision.users = users;
    DecisionJob bulk(&client, repo, decision);
    bool bulkDone = false;
    QObject::connect(&bulk, &DecisionJob::finished, &app, [&] { bulkDone = true; });
    timer.restart();
    bulk.start();
    if (!QTest::qWaitFor([&] { return bulkDone; }, 600000)) {
        std::fprintf(stderr, "the bulk accept did not finish within 10 minutes\n");
        return 1;
    }
    const double bulkMs = double(timer.elapsed());
    const QJsonObject stats = QJsonDocument::fromJson(control("GET", QStringLiteral("/_emulator/stats"), {})).object();
    print("bulk_accept_requests", double(bulk.succeeded().size()), "requests");
    print("bulk_accept_http_calls", stats.value(QLatin1String("total")).toDouble(), "calls");
    print("bulk_accept_wall_ms", bulkMs, "ms");

    emulator.terminate();
    emulator.waitForFinished(10000);
    return bulk.succeeded().size() == users.size() ? 0 : 1;
}
