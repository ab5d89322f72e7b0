// Figures for the access request code at 100,000 requests (not a test; run by hand):
//   access_bench [all|parse|model|search|memory|parse-loop] [requests=100000]
// Pages are real emulator pages (nimbus-ai/nimbus-7b grown to the requested size). "memory" runs
// this program again (on the saved pages, then through the loader against this process's
// emulator), so the emulator's own memory is not counted. "parse-loop" is for a profiler.
#include "access/accessrequest.h"
#include "access/accessrequestfilter.h"
#include "access/accessrequestloader.h"
#include "access/accessrequestmodel.h"
#include "emulatorfixture.h"
#include "hub/hubclient.h"
#include "hub/hubjob.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <climits>
#include <numeric>
#include <cstdio>
#include <ctime>

using namespace hubgate;

namespace {

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

double mean(const QList<double> &values)
{
    double sum = 0;
    for (double v : values)
        sum += v;
    return values.isEmpty() ? 0 : sum / double(values.size());
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// CPU time of this thread: on a busy machine wall time also counts other programs' turns.
double cpuMs()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

QByteArray statusLine(const char *key)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : file.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(qstrlen(key)).trimmed();
    return {};
}

// Every page of every status of nimbus-ai/nimbus-7b once it holds `total` requests.
QList<QByteArray> fetchPages(testing::EmulatorFixture &fixture, int total)
{
    QNetworkAccessManager nam;
    const int have = int(fixture.api().state().repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b")->requests().size());
    if (total > have) {
        const QByteArray body = "{\"repo\":\"nimbus-ai/nimbus-7b\",\"type\":\"model\",\"count\":" +
                                QByteArray::number(total - have) + "}";
        testing::send(nam, "POST", fixture.url(QStringLiteral("/_emulator/generate")), {}, body);
    }
    QList<QByteArray> pages;
    for (const QString &status : knownRequestStatuses()) {
        QUrl url = fixture.url(QStringLiteral("/api/models/nimbus-ai/nimbus-7b/user-access-request/") +
                               status + QStringLiteral("?limit=1000"));
        while (url.isValid() && !url.isEmpty()) {
            const testing::Reply reply = testing::send(nam, "GET", url, testing::EmulatorFixture::writeToken());
            if (reply.status != 200)
                qFatal("page fetch failed: HTTP %d", reply.status);
            pages.append(reply.body);
            url = nextPageUrl(reply.header("Link"), url);
        }
    }
    return pages;
}

QList<QList<AccessRequest>> parseAll(const QList<QByteArray> &pages)
{
    QList<QList<AccessRequest>> out;
    for (const QByteArray &page : pages)
        out.append(parseRequestPage(page).requests());
    return out;
}

QList<GateField> nimbusForm()
{
    // The demo form's fields, as parseGateFields reads them from the repo info.
    GateField select{QStringLiteral("Intended use"), GateField::Type::Select,
                     {QStringLiteral("Research"), QStringLiteral("Education"), QStringLiteral("Commercial product"), QStringLiteral("other")},
                     {QStringLiteral("Research"), QStringLiteral("Education"), QStringLiteral("Commercial product"), QStringLiteral("Other")}};
    return {{QStringLiteral("Full name"), GateField::Type::Text, {}, {}},
            {QStringLiteral("Affiliation"), GateField::Type::Text, {}, {}},
            {QStringLiteral("Job title"), GateField::Type::Text, {}, {}},
            {QStringLiteral("Country"), GateField::Type::Country, {}, {}},
            {QStringLiteral("Date of birth"), GateField::Type::DatePicker, {}, {}},
            select,
            {QStringLiteral("I agree to the license terms"), GateField::Type::Checkbox, {}, {}},
            {QStringLiteral("I will not use Nimbus-7B to develop weapons"), GateField::Type::Checkbox, {}, {}}};
}

// The tabs of the review window: one per status plus "all", newest first.
QList<AccessRequestFilter *> makeTabs(AccessRequestModel *model)
{
    QList<AccessRequestFilter *> tabs;
    const QStringList statuses = knownRequestStatuses() << QString();
    for (const QString &status : statuses) {
        auto *tab = new AccessRequestFilter(model);
        tab->setSourceModel(model);
        tab->setStatus(status);
        tab->sort(AccessRequestModel::RequestedAt, Qt::DescendingOrder);
        tabs.append(tab);
    }
    return tabs;
}

// The straightforward alternative, for comparison: QJsonDocument, then lookups per item.
ParsedRequestPage parseWithQJsonDocument(const QByteArray &json)
{
    ParsedRequestPage page;
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    for (const QJsonValue &item : doc.array()) {
        const QJsonObject object = item.toObject();
        const QJsonObject user = object.value(QLatin1String("user")).toObject();
        AccessRequest request;
        request.user.name = user.value(QLatin1String("user")).toString();
        request.user.id = user.value(QLatin1String("_id")).toString();
        request.user.fullname = user.value(QLatin1String("fullname")).toString();
        request.user.email = user.value(QLatin1String("email")).toString();
        request.user.avatarUrl = user.value(QLatin1String("avatarUrl")).toString();
        request.user.isPro = user.value(QLatin1String("isPro")).toBool();
        request.status = object.value(QLatin1String("status")).toString();
        request.requestedAt = QDateTime::fromString(object.value(QLatin1String("timestamp")).toString(), Qt::ISODateWithMs);
        request.reviewedAt = QDateTime::fromString(object.value(QLatin1String("reviewedAt")).toString(), Qt::ISODateWithMs);
        request.grantedBy = object.value(QLatin1String("grantedBy")).toObject().value(QLatin1String("user")).toString();
        const QJsonObject fields = object.value(QLatin1String("fields")).toObject();
        for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
            request.fields.insert(it.key(), it.value().toString());
        page.requests.append(std::move(request));
    }
    return page;
}

double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

double wallMs()
{
    static QElapsedTimer clock;
    if (!clock.isValid())
        clock.start();
    return double(clock.nsecsElapsed()) / 1e6;
}

// Best of 5 runs per page: the figure of the code, not of whatever else the machine is doing.
// The clock is wall time, or the thread's CPU time (steadier on a loaded machine).
template <typename F>
QList<double> bestTimes(const QList<QByteArray> &pages, F parse, double (*clock)() = wallMs)
{
    QList<double> times;
    for (const QByteArray &page : pages) {
        double best = 1e9;
        for (int run = 0; run < 5; ++run) {
            const double start = clock();
            parse(page);
            best = std::min(best, clock() - start);
        }
        times.append(best);
    }
    return times;
}

void benchParse(const QList<QByteArray> &pages)
{
    qint64 items = 0, bytes = 0;
    for (const QByteArray &page : pages) {
        items += parseAccessRequestPage(page).requests.size();
        bytes += page.size();
    }
    std::printf("parse: %lld pages, %lld items, %.0f KB average page\n", qint64(pages.size()), items,
                double(bytes) / double(std::max<qsizetype>(1, pages.size())) / 1024);
    const auto ours = bestTimes(pages, [](const QByteArray &p) { return parseAccessRequestPage(p).requests.size(); });
    std::printf("parse_ms_per_page median %.2f mean %.2f max %.2f (parseAccessRequestPage, simdjson)\n",
                median(ours), mean(ours), *std::max_element(ours.begin(), ours.end()));
    const auto cpu = bestTimes(pages, [](const QByteArray &p) { return parseAccessRequestPage(p).requests.size(); }, threadCpuMs);
    std::printf("parse_cpu_ms_per_page median %.2f max %.2f (thread CPU time)\n", median(cpu),
                *std::max_element(cpu.begin(), cpu.end()));
    const auto qjson = bestTimes(pages, [](const QByteArray &p) { return parseWithQJsonDocument(p).requests.size(); });
    const auto tree = bestTimes(pages, [](const QByteArray &p) { return QJsonDocument::fromJson(p).isArray(); });
    const auto dom = bestTimes(pages, [](const QByteArray &p) { return nlohmann::json::parse(p.begin(), p.end()).size(); });
    std::printf("  for comparison: QJsonDocument + lookups median %.2f; text to tree only: QJsonDocument %.2f, nlohmann::json %.2f\n",
                median(qjson), median(tree), median(dom));
}

void benchModel(const QList<QByteArray> &pages)
{
    const auto parsed = parseAll(pages);
    for (bool withTabs : {false, true}) {
        AccessRequestModel model;
        model.setGateFields(nimbusForm());
        const auto tabs = withTabs ? makeTabs(&model) : QList<AccessRequestFilter *>();
        QList<double> perPage;
        QElapsedTimer total;
        total.start();
        for (const auto &page : parsed) {
            QElapsedTimer timer;
            timer.start();
            model.addRequests(page);
            perPage.append(msSince(timer));
        }
        std::printf("addRequests %s: %d rows in %.0f ms (median %.2f ms per 1000-item page, max %.2f)\n",
                    withTabs ? "with 4 sorted tabs (3 statuses + all)" : "model alone", model.rowCount(),
                    msSince(total), median(perPage), *std::max_element(perPage.begin(), perPage.end()));
        // A refresh: the same pages again, nothing changed.
        total.restart();
        for (const auto &page : parsed)
            model.addRequests(page);
        std::printf("  refresh with the same pages (no change): %.0f ms\n", msSince(total));
    }
}

// Exposes the filter's row test, to tell filtering from the proxy's own work.
class OpenFilter : public AccessRequestFilter
{
public:
    using AccessRequestFilter::filterAcceptsRow;
};

void benchSearch(const QList<QByteArray> &pages)
{
    AccessRequestModel model;
    model.setGateFields(nimbusForm());
    model.addRequests([&] {
        QList<AccessRequest> all;
        for (const auto &page : parseAll(pages))
            all.append(page);
        return all;
    }());
    const QList<std::pair<QString, int>> setups{{QString(), AccessRequestModel::RequestedAt},
                                                {QStringLiteral("pending"), AccessRequestModel::RequestedAt},
                                                {QString(), AccessRequestModel::FullName}};
    for (const auto &[status, sortColumn] : setups) {
        AccessRequestFilter filter;
        filter.setSliceThreshold(INT_MAX); // all the work as the call returns (not in slices)
        filter.setSourceModel(&model);
        filter.setStatus(status);
        filter.sort(sortColumn, Qt::DescendingOrder);
        const int rows = filter.rowCount();
        QList<double> steps, cpuSteps;
        double worst = 0;
        for (const char *word : {"maria", "tanaka", "gmail.com", "research", "stark", "kr"}) {
            const QString text = QString::fromLatin1(word);
            QList<QString> sequence;
            for (int n = 1; n <= text.size(); ++n)
                sequence.append(text.left(n));
            for (int n = int(text.size()) - 1; n >= 0; --n) // and back, one backspace at a time
                sequence.append(text.left(n));
            for (const QString &typed : std::as_const(sequence)) {
                QElapsedTimer timer;
                timer.start();
                const double cpuStart = cpuMs();
                filter.setSearchText(typed);
                filter.rowCount(); // the proxy maps lazily: count the rebuild too
                steps.append(msSince(timer));
                cpuSteps.append(cpuMs() - cpuStart);
                worst = std::max(worst, steps.constLast());
            }
        }
        std::printf("search keystroke over %d rows (%s tab, sorted by %s): median %.2f ms, mean %.2f, max %.2f, %lld keystrokes; CPU time median %.2f ms\n",
                    rows, status.isEmpty() ? "all" : qPrintable(status),
                    sortColumn == AccessRequestModel::RequestedAt ? "date" : "name", median(steps), mean(steps),
                    worst, qint64(steps.size()), median(cpuSteps));
        OpenFilter bare;
        bare.setSourceModel(&model);
        bare.setStatus(status);
        QList<double> tests;
        int accepted = 0;
        for (const char *typed : {"m", "ma", "mar", "mari", "maria", "g", "gm", "gma", "gmai"}) {
            bare.setSearchText(QString::fromLatin1(typed));
            QElapsedTimer timer;
            timer.start();
            for (int row = 0; row < model.rowCount(); ++row)
                accepted += bare.filterAcceptsRow(row);
            tests.append(msSince(timer));
        }
        std::printf("  of which filterAcceptsRow over all %d source rows: median %.2f ms (%d accepted in all)\n",
                    model.rowCount(), median(tests), accepted);
        if (status.isEmpty() && sortColumn == AccessRequestModel::RequestedAt) {
            filter.setSearchText({});
            for (int column : {int(AccessRequestModel::User), int(AccessRequestModel::FullName),
                               int(AccessRequestModel::RequestedAt), int(AccessRequestModel::FirstFieldColumn + 1)}) {
                QElapsedTimer timer;
                timer.start();
                filter.sort(column, Qt::AscendingOrder);
                filter.rowCount();
                std::printf("  sort %d rows by %s: %.0f ms\n", filter.rowCount(),
                            qPrintable(model.headerData(column, Qt::Horizontal).toString()), msSince(timer));
            }
            filter.sort(AccessRequestModel::RequestedAt, Qt::DescendingOrder);
        }
    }
}

// Child process: parses the saved pages into a model with its tabs and reports the peak RSS.
int memoryChild(const QString &dir)
{
    const QByteArray before = statusLine("VmRSS:");
    AccessRequestModel model;
    model.setGateFields(nimbusForm());
    const auto tabs = makeTabs(&model);
    const QStringList files = QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        QFile file(dir + QLatin1Char('/') + name);
        if (!file.open(QIODevice::ReadOnly))
            return 1;
        model.addRequests(parseAccessRequestPage(file.readAll()).requests);
    }
    std::printf("memory: %d rows in the model, %d fields, with 4 sorted tabs: VmHWM %s (VmRSS %s; %s before loading)\n",
                model.rowCount(), int(model.gateFields().size()), statusLine("VmHWM:").constData(),
                statusLine("VmRSS:").constData(), before.constData());
    return 0;
}

// Child process: the whole path, as the app runs it: loader against the parent's emulator,
// pages into the model with its tabs. Reports the peak RSS of this process alone.
int memoryLoaderChild(const QString &baseUrl)
{
    QNetworkAccessManager nam;
    HubClient client(&nam, QUrl(baseUrl));
    client.setToken(QString::fromLatin1(testing::EmulatorFixture::writeToken()));
    RepoSummary repo;
    repo.id = QStringLiteral("nimbus-ai/nimbus-7b");
    AccessRequestModel model;
    model.setGateFields(nimbusForm());
    const auto tabs = makeTabs(&model);
    AccessRequestLoader loader(&client, repo);
    QObject::connect(&loader, &AccessRequestLoader::pageLoaded, &model,
                     [&model](const QString &, const RequestPage &page) { model.addPage(page); });
    bool done = false, ok = false;
    QObject::connect(&loader, &AccessRequestLoader::finished, &model, [&](bool success) {
        done = true;
        ok = success;
    });
    QElapsedTimer timer;
    timer.start();
    loader.start();
    // HubJob keeps every page body in pages() until its last page: how much at most, together?
    qint64 held = 0, maxHeld = 0;
    for (HubJob *job : client.findChildren<HubJob *>()) {
        auto *mine = new qint64(0);
        QObject::connect(job, &HubJob::pageReceived, job, [&, mine](const QByteArray &body) {
            *mine += body.size();
            held += body.size();
            maxHeld = std::max(maxHeld, held);
        });
        QObject::connect(job, &QObject::destroyed, &model, [&held, mine] {
            held -= *mine;
            delete mine;
        });
    }
    while (!done)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    const double loadMs = msSince(timer);
    QTest::qWait(500); // the finished jobs delete themselves
    std::printf("memory, whole load through AccessRequestLoader (%s, %.0f ms): %d rows: VmHWM %s (VmRSS %s afterwards); "
                "page bodies kept by the HubJobs at once: up to %.1f MB\n",
                ok ? "ok" : "FAILED", loadMs, model.rowCount(), statusLine("VmHWM:").constData(),
                statusLine("VmRSS:").constData(), double(maxHeld) / 1048576.0);
    return ok ? 0 : 1;
}

void benchMemory(const QList<QByteArray> &pages, testing::EmulatorFixture &fixture)
{
    QTemporaryDir dir;
    for (qsizetype i = 0; i < pages.size(); ++i) {
        QFile file(dir.filePath(QStringLiteral("page_%1.json").arg(i, 4, 10, QLatin1Char('0'))));
        if (!file.open(QIODevice::WriteOnly) || file.write(pages[i]) != pages[i].size())
            qFatal("cannot save the pages");
    }
    std::fflush(stdout);
    QProcess::execute(QCoreApplication::applicationFilePath(), {QStringLiteral("memory-child"), dir.path()});
    // The emulator must keep answering while the child loads: no blocking wait here.
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.start(QCoreApplication::applicationFilePath(),
                {QStringLiteral("memory-loader-child"), fixture.baseUrl().toString()});
    if (!QTest::qWaitFor([&child] { return child.state() == QProcess::NotRunning; }, 600000))
        std::printf("the loader child did not finish\n");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString mode = args.value(1, QStringLiteral("all"));
    if (mode == QLatin1String("memory-child"))
        return memoryChild(args.value(2));
    if (mode == QLatin1String("memory-loader-child"))
        return memoryLoaderChild(args.value(2));
    const int total = args.value(2, QStringLiteral("100000")).toInt();
    QElapsedTimer timer;
    timer.start();
    testing::EmulatorFixture fixture;
    const QList<QByteArray> pages = fetchPages(fixture, total);
    std::printf("fetched %lld pages from the emulator in %.0f ms\n", qint64(pages.size()), msSince(timer));
    const bool all = mode == QLatin1String("all");
    if (all || mode == QLatin1String("parse"))
        benchParse(pages);
    if (mode == QLatin1String("parse-loop")) { // for a profiler: parsing only, for a while
        for (int round = 0; round < 20; ++round)
            for (const QByteArray &page : pages)
                parseAccessRequestPage(page);
    }
    if (all || mode == QLatin1String("model"))
        benchModel(pages);
    if (all || mode == QLatin1String("search"))
        benchSearch(pages);
    if (all || mode == QLatin1String("memory"))
        benchMemory(pages, fixture);
    return 0;
}
