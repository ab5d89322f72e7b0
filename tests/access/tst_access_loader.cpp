// AccessRequestLoader against the emulator (16,000 requests) and against a scripted server for
// replies the emulator never sends: order of signals, totals, cancel, failures per status.
#include "access/accessrequestloader.h"
#include "access/accessrequestmodel.h"
#include "emulatorfixture.h"
#include "hub/hubclient.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace hubgate;
using testing::EmulatorFixture;

namespace {

RepoSummary nimbus()
{
    RepoSummary repo;
    repo.kind = RepoKind::Model;
    repo.id = QStringLiteral("nimbus-ai/nimbus-7b");
    repo.gating = GatingMode::Manual;
    return repo;
}

// What a loader emitted, in order.
struct Recorder
{
    struct Event
    {
        QString kind; // page, status, progress, finished
        QString status;
        int count = 0;
        bool runningThen = false;
    };
    QList<Event> events;
    QHash<QString, QList<AccessRequest>> requests; // by status, in delivery order
    QList<HubError> errors;
    bool ok = false;

    explicit Recorder(AccessRequestLoader *loader)
    {
        QObject::connect(loader, &AccessRequestLoader::pageLoaded, loader,
                         [this, loader](const QString &status, const RequestPage &page) {
                             events.append({QStringLiteral("page"), status, int(page.size()), loader->isRunning()});
                             requests[status] += page.requests();
                         });
        QObject::connect(loader, &AccessRequestLoader::statusLoaded, loader, [this](const QString &status, int total) {
            events.append({QStringLiteral("status"), status, total, true});
        });
        QObject::connect(loader, &AccessRequestLoader::progress, loader,
                         [this](int loaded) { events.append({QStringLiteral("progress"), {}, loaded, true}); });
        QObject::connect(loader, &AccessRequestLoader::finished, loader,
                         [this](bool success, const QList<HubError> &list) {
                             events.append({QStringLiteral("finished"), {}, int(list.size()), false});
                             ok = success;
                             errors = list;
                         });
    }
    int count(const QString &kind, const QString &status = {}) const
    {
        int n = 0;
        for (const Event &event : events)
            n += event.kind == kind && (status.isEmpty() || event.status == status);
        return n;
    }
    int indexOf(const QString &kind, const QString &status = {}) const
    {
        for (qsizetype i = 0; i < events.size(); ++i)
            if (events[i].kind == kind && (status.isEmpty() || events[i].status == status))
                return int(i);
        return -1;
    }
    bool waitFinished(int timeoutMs = 120000) const
    {
        return QTest::qWaitFor([this] { return count(QStringLiteral("finished")) > 0; }, timeoutMs);
    }
};

int emulatorCount(EmulatorFixture &hub, const char *status)
{
    return int(hub.api().state().repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b")->countStatus(status));
}

QSet<QString> emulatorUsers(EmulatorFixture &hub, const QString &status)
{
    QSet<QString> users;
    const auto &state = hub.api().state();
    for (const emu::AccessRequest &r : hub.api().state().repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b")->requests())
        if (QString::fromStdString(r.status) == status)
            users.insert(QString::fromStdString(state.userById(r.userId)->name));
    return users;
}

bool post(EmulatorFixture &hub, QNetworkAccessManager &nam, const QString &path, const QByteArray &json)
{
    const testing::Reply reply = testing::send(nam, "POST", hub.url(path), {}, json);
    if (reply.status != 200)
        qWarning("POST %s: HTTP %d %s", qPrintable(path), reply.status, reply.body.constData());
    return reply.status == 200;
}

// Answers every request with the body of its path; 404 otherwise. One request per connection.
class ScriptedHub : public QObject
{
public:
    QHash<QByteArray, QByteArray> bodies; // path -> JSON
    QTcpServer server;

    ScriptedHub()
    {
        connect(&server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    const QByteArray head = socket->peek(socket->bytesAvailable());
                    if (!head.contains("\r\n\r\n"))
                        return;
                    const QByteArray target = head.split(' ').value(1);
                    const QByteArray path = target.split('?').value(0);
                    const bool known = bodies.contains(path);
                    const QByteArray body = known ? bodies.value(path) : QByteArray(R"({"error":"not found"})");
                    socket->write("HTTP/1.1 " + QByteArray(known ? "200 OK" : "404 Not Found") +
                                  "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        server.listen(QHostAddress::LocalHost);
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort())); }
};

} // namespace

class TestAccessLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void loadsEveryStatusInPageOrder();
    void pagesFollowTheModelsAnswerOrder();
    void cancelMidway_data();
    void cancelMidway();
    void restartDropsTheOldLoad();
    void forbiddenOnEveryStatus();
    void oneStatusFailsTheOthersLoad();
    void failureAfterTheFirstPage();
    void brokenPagesAndItems();
    void nothingToLoad();
    void destroyedWhileLoading();

private:
    std::unique_ptr<EmulatorFixture> m_hub;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<HubClient> m_client;
};

void TestAccessLoader::initTestCase()
{
    qRegisterMetaType<QList<hubgate::AccessRequest>>();
    qRegisterMetaType<QList<hubgate::HubError>>();
}

void TestAccessLoader::init()
{
    m_hub = std::make_unique<EmulatorFixture>();
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_client = std::make_unique<HubClient>(m_nam.get(), m_hub->baseUrl());
    m_client->setToken(QString::fromLatin1(EmulatorFixture::writeToken()));
    QVERIFY(post(*m_hub, *m_nam, QStringLiteral("/_emulator/generate"),
                 R"({"repo":"nimbus-ai/nimbus-7b","type":"model","count":10000})"));
}

void TestAccessLoader::cleanup()
{
    m_client.reset();
    m_nam.reset();
    m_hub.reset();
}

void TestAccessLoader::loadsEveryStatusInPageOrder()
{
    AccessRequestLoader loader(m_client.get(), nimbus());
    AccessRequestModel model;
    connect(&loader, &AccessRequestLoader::pageLoaded, &model,
            [&model](const QString &, const RequestPage &page) { model.addPage(page); });
    Recorder record(&loader);
    loader.start();
    QVERIFY(loader.isRunning());
    QVERIFY(record.waitFinished());
    QTest::qWait(100); // nothing more may come
    QCOMPARE(record.count(QStringLiteral("finished")), 1);
    QVERIFY(record.ok);
    QVERIFY(record.errors.isEmpty());
    QVERIFY(!loader.isRunning());

    // The first rows arrive while the load is still running, long before it ends.
    const int firstPage = record.indexOf(QStringLiteral("page"));
    QCOMPARE(firstPage, 0);
    QVERIFY(record.events[firstPage].runningThen);
    QCOMPARE(record.events.constLast().kind, QStringLiteral("finished"));

    int total = 0;
    for (const QString &status : knownRequestStatuses()) {
        const int expected = emulatorCount(*m_hub, qPrintable(status));
        QVERIFY(expected > 1000);
        const QList<AccessRequest> &delivered = record.requests.value(status);
        QCOMPARE(int(delivered.size()), expected);
        QVERIFY(record.count(QStringLiteral("page"), status) >= 2);
        QCOMPARE(record.count(QStringLiteral("status"), status), 1);
        const int statusEvent = record.indexOf(QStringLiteral("status"), status);
        QCOMPARE(record.events[statusEvent].count, expected);
        for (qsizetype i = statusEvent + 1; i < record.events.size(); ++i) // all its pages came before
            QVERIFY(record.events[i].kind != QLatin1String("page") || record.events[i].status != status);
        // Pages in order: the emulator lists by request time.
        QSet<QString> users;
        for (qsizetype i = 0; i < delivered.size(); ++i) {
            QCOMPARE(delivered[i].status, status);
            if (i > 0)
                QVERIFY(delivered[i - 1].requestedAt <= delivered[i].requestedAt);
            users.insert(delivered[i].user.name);
        }
        QCOMPARE(users, emulatorUsers(*m_hub, status));
        QCOMPARE(model.countOf(status), expected);
        total += expected;
    }
    QCOMPARE(loader.loadedCount(), total);
    QCOMPARE(loader.skippedCount(), 0);
    QCOMPARE(model.rowCount(), total);
    int lastProgress = 0;
    for (const auto &event : record.events)
        if (event.kind == QLatin1String("progress")) {
            QVERIFY(event.count > lastProgress);
            lastProgress = event.count;
        }
    QCOMPARE(lastProgress, total);
    QTRY_COMPARE(m_client->activeJobs(), 0);
}

// The status lists learn answer names in the order pages are handed on, as the model does: a page
// packed in another order has every row re-slotted on the UI thread. Only pages parsed before
// the first pages were handed on may still differ.
void TestAccessLoader::pagesFollowTheModelsAnswerOrder()
{
    QVERIFY(post(*m_hub, *m_nam, QStringLiteral("/_emulator/generate"),
                 R"({"repo":"nimbus-ai/nimbus-7b","type":"model","count":40000})"));
    AccessRequestLoader loader(m_client.get(), nimbus());
    loader.setMaxParallel(4);
    AccessRequestModel model;
    int pages = 0;
    int otherOrder = 0;
    connect(&loader, &AccessRequestLoader::pageLoaded, &model, [&](const QString &, const RequestPage &page) {
        const QStringList &known = model.answerKeys();
        const qsizetype common = std::min(known.size(), page.answerKeys.size());
        ++pages;
        otherOrder += known.mid(0, common) != page.answerKeys.mid(0, common);
        model.addPage(page);
    });
    QSignalSpy finished(&loader, &AccessRequestLoader::finished);
    loader.start();
    QVERIFY(finished.wait(60000));
    QVERIFY(pages > 30);
    qInfo("%d of %d pages packed in another answer order", otherOrder, pages);
    QVERIFY(otherOrder <= 3 + 4); // the lists' first pages, and a page in flight per slot
}

enum class CancelFrom { PageLoaded, Outside, WhileParsing };
Q_DECLARE_METATYPE(CancelFrom)

void TestAccessLoader::cancelMidway_data()
{
    QTest::addColumn<CancelFrom>("from");
    QTest::newRow("from a pageLoaded receiver") << CancelFrom::PageLoaded;
    QTest::newRow("from outside, pages in flight") << CancelFrom::Outside;
    QTest::newRow("while a page is being parsed") << CancelFrom::WhileParsing;
}

void TestAccessLoader::cancelMidway()
{
    QFETCH(CancelFrom, from);
    // Slow pages, so that the load is surely in the middle when it is cancelled.
    QVERIFY(post(*m_hub, *m_nam, QStringLiteral("/_emulator/faults"),
                 R"({"kind":"latency","path":"/api/models/nimbus-ai/nimbus-7b/user-access-request?*","ms":60})"));
    AccessRequestLoader loader(m_client.get(), nimbus());
    Recorder record(&loader);
    if (from == CancelFrom::PageLoaded)
        connect(&loader, &AccessRequestLoader::pageLoaded, &loader, [&loader] { loader.cancel(); });
    loader.start();
    if (from == CancelFrom::WhileParsing) {
        // Connected after the loader: its parse of the page has just started when this cancels.
        for (HubJob *job : m_client->findChildren<HubJob *>())
            connect(job, &HubJob::pageReceived, &loader, [&loader] { loader.cancel(); });
    }
    if (from == CancelFrom::Outside) {
        QVERIFY(QTest::qWaitFor([&] { return record.count(QStringLiteral("page")) >= 2; }, 60000));
        QCOMPARE(record.count(QStringLiteral("finished")), 0);
        loader.cancel();
    } else {
        QVERIFY(record.waitFinished());
    }
    if (from == CancelFrom::WhileParsing)
        QCOMPARE(record.count(QStringLiteral("page")), 0);
    // finished() came at once, exactly once, and said why.
    QCOMPARE(record.count(QStringLiteral("finished")), 1);
    QVERIFY(!record.ok);
    QCOMPARE(record.errors.size(), 1);
    QCOMPARE(record.errors[0].kind, HubError::Kind::Cancelled);
    QVERIFY(!loader.isRunning());
    const qsizetype eventsAtCancel = record.events.size();
    const int pagesAtCancel = record.count(QStringLiteral("page"));
    QVERIFY(pagesAtCancel < 20);
    loader.cancel(); // again: nothing
    QTest::qWait(1500); // parsed pages and replies still on their way must not come out
    QCOMPARE(record.events.size(), eventsAtCancel);
    QCOMPARE(record.events.constLast().kind, QStringLiteral("finished"));
    QCOMPARE(record.count(QStringLiteral("status")), 0);
    QTRY_COMPARE(m_client->activeJobs(), 0);
}

// Starting again cancels the running load: none of its pages show up in the new one.
void TestAccessLoader::restartDropsTheOldLoad()
{
    AccessRequestLoader loader(m_client.get(), nimbus());
    Recorder record(&loader);
    loader.start();
    QVERIFY(QTest::qWaitFor([&] { return record.count(QStringLiteral("page")) >= 1; }, 60000));
    const qsizetype before = record.events.size();
    record.requests.clear();
    loader.start();
    QCOMPARE(record.count(QStringLiteral("finished")), 1); // the old load's
    QCOMPARE(int(record.events.size()), int(before) + 1);
    QVERIFY(QTest::qWaitFor([&] { return record.count(QStringLiteral("finished")) == 2; }, 120000));
    QVERIFY(record.ok);
    for (const QString &status : knownRequestStatuses())
        QCOMPARE(int(record.requests.value(status).size()), emulatorCount(*m_hub, qPrintable(status)));
    QTest::qWait(100);
    QCOMPARE(record.count(QStringLiteral("finished")), 2);
}

void TestAccessLoader::forbiddenOnEveryStatus()
{
    m_client->setToken(QString::fromLatin1(EmulatorFixture::readToken()));
    AccessRequestLoader loader(m_client.get(), nimbus());
    Recorder record(&loader);
    loader.start();
    QVERIFY(record.waitFinished(60000));
    QTest::qWait(100);
    QCOMPARE(record.count(QStringLiteral("finished")), 1);
    QVERIFY(!record.ok);
    QCOMPARE(record.errors.size(), 3);
    for (const HubError &error : std::as_const(record.errors)) {
        QCOMPARE(error.kind, HubError::Kind::Forbidden);
        QCOMPARE(error.httpStatus, 403);
        QCOMPARE(error.subject, QStringLiteral("nimbus-ai/nimbus-7b"));
        QVERIFY(!error.message().isEmpty());
    }
    QCOMPARE(record.count(QStringLiteral("page")), 0);
    QCOMPARE(record.count(QStringLiteral("status")), 0);
}

// "reset" is coming on the Hub; today's emulator refuses it (400). The others still load.
void TestAccessLoader::oneStatusFailsTheOthersLoad()
{
    AccessRequestLoader loader(m_client.get(), nimbus());
    Recorder record(&loader);
    loader.start(knownRequestStatuses() << QStringLiteral("reset"));
    QVERIFY(record.waitFinished());
    QCOMPARE(record.count(QStringLiteral("finished")), 1);
    QVERIFY(!record.ok);
    QCOMPARE(record.errors.size(), 1);
    QCOMPARE(record.errors[0].kind, HubError::Kind::BadRequest);
    QCOMPARE(record.errors[0].httpStatus, 400);
    for (const QString &status : knownRequestStatuses()) {
        QCOMPARE(record.count(QStringLiteral("status"), status), 1);
        QCOMPARE(int(record.requests.value(status).size()), emulatorCount(*m_hub, qPrintable(status)));
    }
    QCOMPARE(record.count(QStringLiteral("status"), QStringLiteral("reset")), 0);
}

// The second page of "accepted" fails: its first page is still delivered (always, however long
// its parse takes), but the list is not complete.
void TestAccessLoader::failureAfterTheFirstPage()
{
    RetryPolicy once;
    once.maxAttempts = 1;
    m_client->setRetryPolicy(once);
    QVERIFY(post(*m_hub, *m_nam, QStringLiteral("/_emulator/faults"),
                 R"({"kind":"status","status":500,"path":"/api/models/nimbus-ai/nimbus-7b/user-access-request/accepted","skip":1})"));
    AccessRequestLoader loader(m_client.get(), nimbus());
    Recorder record(&loader);
    loader.start();
    QVERIFY(record.waitFinished());
    QVERIFY(!record.ok);
    QCOMPARE(record.errors.size(), 1);
    QCOMPARE(record.errors[0].kind, HubError::Kind::Server);
    QCOMPARE(record.count(QStringLiteral("page"), QStringLiteral("accepted")), 1);
    QCOMPARE(record.requests.value(QStringLiteral("accepted")).size(), 1000);
    QCOMPARE(record.count(QStringLiteral("status"), QStringLiteral("accepted")), 0);
    for (const QString &status : {QStringLiteral("pending"), QStringLiteral("rejected")})
        QCOMPARE(int(record.requests.value(status).size()), emulatorCount(*m_hub, qPrintable(status)));
}

// Replies the emulator never sends: items without users, items that are not objects, a missing
// status (the list's own is used), and a page that is not an array at all.
void TestAccessLoader::brokenPagesAndItems()
{
    ScriptedHub scripted;
    QVERIFY(scripted.server.isListening());
    const QByteArray base = "/api/datasets/org/data/user-access-request/";
    scripted.bodies.insert(base + "pending",
                           R"([{"user":{"user":"ada"},"timestamp":"2026-03-10T00:00:00Z"}, 5, {"nouser":1},
                               {"user":{"user":"bob"},"status":"reset","fields":{"A":"x"}}])");
    scripted.bodies.insert(base + "accepted", R"({"error":"this is not a list"})");
    scripted.bodies.insert(base + "rejected", "[]");
    HubClient client(m_nam.get(), scripted.url());
    RepoSummary repo;
    repo.kind = RepoKind::Dataset;
    repo.id = QStringLiteral("org/data");
    AccessRequestLoader loader(&client, repo);
    Recorder record(&loader);
    loader.start();
    QVERIFY(record.waitFinished(30000));
    QVERIFY(!record.ok);
    QCOMPARE(record.errors.size(), 1);
    QCOMPARE(record.errors[0].kind, HubError::Kind::BadReply);
    QVERIFY(!record.errors[0].detail.isEmpty());
    const QList<AccessRequest> pending = record.requests.value(QStringLiteral("pending"));
    QCOMPARE(pending.size(), 2);
    QCOMPARE(pending[0].status, QStringLiteral("pending")); // filled in from the list
    QCOMPARE(pending[1].status, QStringLiteral("reset"));   // kept as sent
    QCOMPARE(loader.skippedCount(), 2);
    QCOMPARE(record.count(QStringLiteral("status"), QStringLiteral("pending")), 1);
    QCOMPARE(record.count(QStringLiteral("status"), QStringLiteral("rejected")), 1);
    QCOMPARE(record.count(QStringLiteral("page"), QStringLiteral("rejected")), 0); // empty: no page
    QCOMPARE(record.count(QStringLiteral("status"), QStringLiteral("accepted")), 0);
}

void TestAccessLoader::nothingToLoad()
{
    AccessRequestLoader loader(m_client.get(), nimbus());
    Recorder record(&loader);
    loader.start({});
    QVERIFY(loader.isRunning());
    QCOMPARE(record.count(QStringLiteral("finished")), 0); // not before the caller is back
    QVERIFY(record.waitFinished(5000));
    QVERIFY(record.ok);
    QTest::qWait(50);
    QCOMPARE(record.events.size(), 1);
}

void TestAccessLoader::destroyedWhileLoading()
{
    auto *loader = new AccessRequestLoader(m_client.get(), nimbus());
    QSignalSpy finished(loader, &AccessRequestLoader::finished);
    QSignalSpy pages(loader, &AccessRequestLoader::pageLoaded);
    loader->start();
    QVERIFY(pages.wait(60000));
    delete loader; // silently: jobs cancelled, parses in flight dropped
    QTest::qWait(1000);
    QCOMPARE(finished.count(), 0);
    QTRY_COMPARE(m_client->activeJobs(), 0);
}

QTEST_GUILESS_MAIN(TestAccessLoader)
#include "tst_access_loader.moc"
