// Review at scale, measured: a Hub emulator process holding N generated requests (optionally
// answering after a delay, like the real Hub), a plain sequential page loop over the same lists as
// the reference, and HubGate's loader, model and search against it. Every wait is on a signal in
// the event loop; the UI thread's longest stall is measured with a 5 ms timer. Prints one figure
// per line and then all of them as one JSON line. Not a test: see docs/performance.md.
//
//   bench_review EMULATOR [--requests N] [--latency MS[:JITTER]] [--parallel P] [--no-bulk] [--http2]
#include "access/accessrequestfilter.h"
#include "access/accessrequestloader.h"
#include "access/accessrequestmodel.h"
#include "decisions/decisionjob.h"
#include "hub/hubclient.h"
#include "hub/hubjob.h"
#include "emulatorprocess.h"
#include "http2proxy.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace hubgate;

namespace {

const QByteArray token = "hf_DemoMiraWrite000000000000000000001"; // the demo seed's write token
const QString listPath = QStringLiteral("/api/models/nimbus-ai/nimbus-7b/user-access-request/");

QJsonObject figures;

void record(const char *name, double value, const char *unit)
{
    std::printf("%-34s %12.1f %s\n", name, value, unit);
    std::fflush(stdout);
    figures[QLatin1String(name)] = value;
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

double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

double processCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

template<typename Sender, typename Signal>
bool waitFor(Sender *sender, Signal signal, int timeoutMs = 1800000)
{
    QSignalSpy spy(sender, signal);
    return spy.wait(timeoutMs);
}

// The longest gap between two ticks of a 5 ms timer on this thread: how long the event loop
// (the UI, in the app) was kept from running.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setInterval(5);
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_longest = std::max(m_longest, double(m_clock.nsecsElapsed()) / 1e6);
            m_clock.restart();
        });
    }
    void start()
    {
        m_longest = 0;
        m_clock.start();
        m_timer.start();
    }
    double stop()
    {
        m_timer.stop();
        return std::max(0.0, m_longest - 5.0);
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_longest = 0;
};

// The reference: one page after another, as a plain script would, following Link rel="next".
// Keeps the first bodies for the decode measurement.
double sequentialLoopMs(QNetworkAccessManager &nam, const QUrl &base, int *pages, QList<QByteArray> *sample)
{
    QElapsedTimer timer;
    timer.start();
    for (const char *status : {"pending", "accepted", "rejected"}) {
        QUrl url(base.toString() + listPath + QLatin1String(status) + QStringLiteral("?limit=1000"));
        while (url.isValid()) {
            QNetworkRequest request(url);
            request.setRawHeader("Authorization", "Bearer " + token);
            QNetworkReply *reply = nam.get(request);
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
            reply->deleteLater();
            if (reply->error() != QNetworkReply::NoError) {
                std::fprintf(stderr, "the sequential loop failed: %s\n", qPrintable(reply->errorString()));
                return -1;
            }
            const QByteArray body = reply->readAll();
            if (sample->size() < 30)
                sample->append(body);
            ++*pages;
            url = nextPageUrl(reply->rawHeader("Link"), url);
        }
    }
    return double(timer.elapsed());
}

QByteArray control(HubClient &client, const QByteArray &method, const QString &path, const QByteArray &body)
{
    HubRequest request;
    request.method = method;
    request.url = client.url(path);
    request.body = body;
    HubJob *job = client.start(request);
    QByteArray reply;
    QObject::connect(job, &HubJob::finished, job, [&reply](HubJob *done) { reply = done->body(); });
    waitFor(job, &HubJob::finished, 60000);
    return reply;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("emulator"), QStringLiteral("path to hubgate-emulator"));
    const QCommandLineOption requestsOption(QStringLiteral("requests"), QStringLiteral("generated requests"),
                                            QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption latencyOption(QStringLiteral("latency"), QStringLiteral("emulator delay per request"),
                                           QStringLiteral("MS[:JITTER]"), QStringLiteral("0"));
    const QCommandLineOption parallelOption(QStringLiteral("parallel"), QStringLiteral("list requests in flight"),
                                            QStringLiteral("P"), QStringLiteral("8"));
    const QCommandLineOption noBulk(QStringLiteral("no-bulk"), QStringLiteral("skip the bulk accept"));
    const QCommandLineOption http2(QStringLiteral("http2"),
                                   QStringLiteral("HTTP/2 with TLS, as the Hub speaks it (nghttpx in front)"));
    parser.addOptions({requestsOption, latencyOption, parallelOption, noBulk, http2});
    parser.process(app);
    if (parser.positionalArguments().size() != 1)
        parser.showHelp(2);
    const int requests = parser.value(requestsOption).toInt();
    const QString latency = parser.value(latencyOption);

    QProcess emulator;
    QUrl base = startEmulator(emulator, parser.positionalArguments().constFirst(),
                          {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--latency"), latency,
                           QStringLiteral("--generate"), QStringLiteral("models/nimbus-ai/nimbus-7b=%1").arg(requests)}, 600000);
    if (base.isEmpty())
        return 1;
    Http2Proxy proxy;
    if (parser.isSet(http2)) {
        QString why;
        if (!proxy.start(base, &why)) {
            std::fprintf(stderr, "--http2: %s\n", qPrintable(why));
            return 1;
        }
        base = proxy.url();
    }
    std::printf("emulator: %d generated requests, latency %s ms, %s\n", requests, qPrintable(latency),
                parser.isSet(http2) ? "HTTP/2 with TLS (nghttpx)" : "HTTP/1.1");
    figures[QStringLiteral("requests_generated")] = requests;
    figures[QStringLiteral("latency")] = latency;
    figures[QStringLiteral("http2")] = parser.isSet(http2);

    QNetworkAccessManager nam;
    int pages = 0;
    QList<QByteArray> sample;
    const double loopMs = sequentialLoopMs(nam, base, &pages, &sample);
    if (loopMs < 0)
        return 1;
    record("sequential_loop_pages", pages, "pages");
    record("sequential_loop_ms", loopMs, "ms");

    // Decode: parse and prepare a page, as the loader's worker thread does; thread CPU time.
    QList<double> decode;
    for (const QByteArray &body : std::as_const(sample)) {
        const double start = threadCpuMs();
        const RequestPage page = parseRequestPage(body);
        decode.append(threadCpuMs() - start);
        if (!page.error.isEmpty())
            std::fprintf(stderr, "a page did not parse: %s\n", qPrintable(page.error));
    }
    sample.clear();
    std::sort(decode.begin(), decode.end());
    record("decode_cpu_ms_per_page_median", decode.value(decode.size() / 2), "ms");
    record("decode_cpu_ms_per_page_max", decode.isEmpty() ? 0 : decode.constLast(), "ms");

    HubClient client(&nam, base);
    client.setToken(QString::fromLatin1(token));
    RepoSummary repo;
    repo.id = QStringLiteral("nimbus-ai/nimbus-7b");
    repo.gating = GatingMode::Manual;
    AccessRequestModel model;
    AccessRequestFilter tab; // the review page's table: pending, newest first
    tab.setSourceModel(&model);
    tab.setStatus(QStringLiteral("pending"));
    tab.sort(AccessRequestModel::RequestedAt, Qt::DescendingOrder);
    AccessRequestLoader loader(&client, repo);
    loader.setMaxParallel(parser.value(parallelOption).toInt());
    QElapsedTimer timer;
    double firstRows = -1;
    QList<double> inserts;
    QObject::connect(&loader, &AccessRequestLoader::pageLoaded, &app,
                     [&](const QString &, const RequestPage &page) {
                         QElapsedTimer insert;
                         insert.start();
                         model.addPage(page);
                         inserts.append(double(insert.nsecsElapsed()) / 1e6);
                         if (qEnvironmentVariableIsSet("BENCH_SLOW_INSERTS") && inserts.constLast() > 15)
                             std::printf("slow insert %.1f ms at %d rows (%lld new)\n", inserts.constLast(),
                                         model.rowCount(), static_cast<long long>(page.size()));
                         if (firstRows < 0)
                             firstRows = double(timer.elapsed());
                     });
    QObject::connect(&loader, &AccessRequestLoader::notice, &app,
                     [](const QString &message) { std::printf("notice: %s\n", qPrintable(message)); });
    StallMeter stall;
    stall.start();
    timer.start();
    const double uiCpuStart = threadCpuMs();
    const double processCpuStart = processCpuMs();
    loader.start();
    if (!waitFor(&loader, &AccessRequestLoader::finished)) {
        std::fprintf(stderr, "loading did not finish\n");
        return 1;
    }
    const double allMs = double(timer.elapsed());
    // Where the wall time went: the UI thread alone, and every thread of the client.
    record("ui_thread_cpu_loading_ms", threadCpuMs() - uiCpuStart, "ms");
    record("client_cpu_loading_ms", processCpuMs() - processCpuStart, "ms");
    record("ui_stall_loading_max_ms", stall.stop(), "ms");
    record("time_to_first_rows_ms", firstRows, "ms");
    record("time_to_all_rows_ms", allMs, "ms");
    record("rows_loaded", model.rowCount(), "rows");
    record("list_requests_made", loader.requestsMade(), "calls");
    record("all_rows_vs_sequential_loop", allMs / loopMs, "x");
    record("speedup_over_sequential_loop", loopMs / allMs, "x");
    std::sort(inserts.begin(), inserts.end());
    record("insert_page_ms_median", inserts.value(inserts.size() / 2), "ms");
    record("insert_page_ms_max", inserts.isEmpty() ? 0 : inserts.constLast(), "ms");
    record("peak_rss_mb", peakRssMb(), "MB");

    // Search over every row: three queries typed key by key, each cleared at the end. From
    // 100,000 rows on the filter tests rows in slices of the event loop: a key's time is until its
    // rows are shown (the end of the pass), the stall is the longest the event loop waited.
    AccessRequestFilter all;
    all.setSourceModel(&model);
    all.sort(AccessRequestModel::RequestedAt, Qt::DescendingOrder);
    // The time until the filter shows the rows of a change.
    const auto timeToRows = [&all](const auto &change) {
        QElapsedTimer clock;
        clock.start();
        QSignalSpy passEnded(&all, &AccessRequestFilter::filteringChanged);
        change();
        while (all.isFiltering())
            passEnded.wait(600000);
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        QCoreApplication::processEvents(); // let the stall meter tick between keys
        return ms;
    };
    QList<double> keystrokes;
    QList<double> clears;
    stall.start();
    for (const QString &query : {QStringLiteral("maria garcia"), QStringLiteral("research"), QStringLiteral("gmail.com")}) {
        for (int i = 1; i <= query.size(); ++i)
            keystrokes.append(timeToRows([&] { all.setSearchText(query.left(i)); }));
        clears.append(timeToRows([&] { all.setSearchText(QString()); }));
        keystrokes.append(clears.constLast());
    }
    record("ui_stall_searching_max_ms", stall.stop(), "ms");
    std::sort(keystrokes.begin(), keystrokes.end());
    record("search_keystroke_median_ms", keystrokes[keystrokes.size() / 2], "ms");
    record("search_keystroke_max_ms", keystrokes.constLast(), "ms");
    record("search_clear_max_ms", *std::max_element(clears.cbegin(), clears.cend()), "ms");
    record("search_rows", model.rowCount(), "rows");

    // Other changes over every row: a status, sorting by name (not in the order rows arrive) and
    // back to the newest first, every status again.
    QList<double> changes;
    stall.start();
    changes.append(timeToRows([&] { all.setStatus(QStringLiteral("pending")); }));
    changes.append(timeToRows([&] { all.sort(AccessRequestModel::FullName, Qt::AscendingOrder); }));
    changes.append(timeToRows([&] { all.sort(AccessRequestModel::RequestedAt, Qt::DescendingOrder); }));
    changes.append(timeToRows([&] { all.setStatus(QString()); }));
    record("ui_stall_filter_changes_max_ms", stall.stop(), "ms");
    record("status_change_ms", changes[0], "ms");
    record("sort_by_name_ms", changes[1], "ms");
    record("filter_change_max_ms", *std::max_element(changes.cbegin(), changes.cend()), "ms");

    if (!parser.isSet(noBulk)) {
        // Bulk accept 10,000 pending requests with 5 ms of added latency per call.
        Decision decision;
        decision.kind = DecisionKind::Accept;
        for (int row = 0; row < model.rowCount() && decision.users.size() < 10000; ++row)
            if (model.statusAt(row) == QLatin1String("pending"))
                decision.users.append(model.index(row, AccessRequestModel::User).data().toString());
        control(client, "POST", QStringLiteral("/_emulator/faults"), R"({"kind":"latency","ms":5})");
        control(client, "DELETE", QStringLiteral("/_emulator/stats"), {});
        DecisionJob bulk(&client, repo, decision);
        timer.restart();
        bulk.start();
        if (!waitFor(&bulk, &DecisionJob::finished)) {
            std::fprintf(stderr, "the bulk accept did not finish\n");
            return 1;
        }
        record("bulk_accept_wall_ms", double(timer.elapsed()), "ms");
        record("bulk_accept_requests", double(bulk.succeeded().size()), "requests");
        const QJsonObject stats = QJsonDocument::fromJson(control(client, "GET", QStringLiteral("/_emulator/stats"), {})).object();
        record("bulk_accept_http_calls", stats.value(QLatin1String("total")).toDouble(), "calls");
    }

    std::printf("%s\n", QJsonDocument(figures).toJson(QJsonDocument::Compact).constData());
    emulator.terminate();
    emulator.waitForFinished(10000);
    return 0;
}
