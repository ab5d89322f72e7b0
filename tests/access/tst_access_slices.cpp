// Time-sliced loading of one request list: the slice arithmetic, the frontier that drops
// duplicates, and StatusListLoad against a scripted list server with runs of identical
// timestamps, a server that ignores `after`/`before`, and one that answers outside the range.
#include "access/requestbudget.h"
#include "access/statuslistload.h"
#include "access/timeslice.h"
#include "hub/hubclient.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

#include <tuple>

using namespace hubgate;

namespace {

constexpr qint64 baseMs = 1767225600000; // 2026-01-01T00:00:00Z

AccessRequest requestAt(const QString &name, qint64 ms)
{
    AccessRequest request;
    request.user.name = name;
    request.requestedAt = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    return request;
}

// One request list served over HTTP/1.1 (one request per connection), oldest first, with the
// list endpoint's `limit`, `after`, `before` and an opaque `cursor` in its Link.
class ListServer : public QObject
{
public:
    enum class Mode { Honest, IgnoresRange, AnswersOutside };
    struct Item
    {
        QString user;
        qint64 ms;
    };
    QList<Item> items; // sorted by time
    Mode mode = Mode::Honest;
    int requests = 0;
    int rangedRequests = 0;

    ListServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    const QByteArray head = socket->peek(socket->bytesAvailable());
                    if (!head.contains("\r\n\r\n"))
                        return;
                    answer(socket, QUrl(QString::fromLatin1(head.split(' ').value(1))));
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        m_server.listen(QHostAddress::LocalHost);
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

private:
    void answer(QTcpSocket *socket, const QUrl &target)
    {
        ++requests;
        const QUrlQuery query(target);
        const int limit = query.queryItemValue(QStringLiteral("limit")).toInt();
        std::optional<qint64> after, before;
        if (query.hasQueryItem(QStringLiteral("after")))
            after = QDateTime::fromString(query.queryItemValue(QStringLiteral("after")), Qt::ISODateWithMs).toMSecsSinceEpoch();
        if (query.hasQueryItem(QStringLiteral("before")))
            before = QDateTime::fromString(query.queryItemValue(QStringLiteral("before")), Qt::ISODateWithMs).toMSecsSinceEpoch();
        rangedRequests += after || before;
        QList<Item> window;
        for (const Item &item : std::as_const(items)) {
            const bool inside = (!after || item.ms > *after) && (!before || item.ms < *before);
            if (inside || mode == Mode::IgnoresRange)
                window.append(item);
        }
        if (mode == Mode::AnswersOutside && after && !window.isEmpty() && !items.isEmpty())
            window.prepend(items.constFirst()); // one request from before the range
        const int from = query.queryItemValue(QStringLiteral("cursor")).toInt();
        QByteArray body = "[";
        for (int i = from; i < std::min<int>(from + limit, int(window.size())); ++i) {
            if (body.size() > 1)
                body += ',';
            body += R"({"user":{"user":")" + window[i].user.toUtf8() + R"(","_id":"0123456789abcdef01234567"},"timestamp":")" +
                    QDateTime::fromMSecsSinceEpoch(window[i].ms, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8() + "\"}";
        }
        body += ']';
        QByteArray link;
        if (from + limit < window.size()) {
            QUrl next = url().resolved(target);
            QUrlQuery nextQuery(query);
            nextQuery.removeAllQueryItems(QStringLiteral("cursor"));
            nextQuery.addQueryItem(QStringLiteral("cursor"), QString::number(from + limit));
            next.setQuery(nextQuery);
            link = "Link: <" + next.toEncoded() + ">; rel=\"next\"\r\n";
        }
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n" + link +
                      "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
};

// `count` requests, `run` of them sharing each timestamp, one second between runs.
QList<ListServer::Item> itemsWithTies(int count, int run)
{
    QList<ListServer::Item> items;
    for (int i = 0; i < count; ++i)
        items.append({QStringLiteral("user%1").arg(i, 5, 10, QLatin1Char('0')), baseMs + (i / run) * 1000});
    return items;
}

// One status list loaded from a ListServer, with what it emitted.
struct ListRun
{
    QNetworkAccessManager nam;
    HubClient client;
    RequestBudget budget{8};
    StatusListLoad load;
    QList<AccessRequest> delivered;
    QSignalSpy finished;
    QSignalSpy notices;

    ListRun(const ListServer &server, const QString &status)
        : client(&nam, server.url())
        , load(&client, repoNamed(QStringLiteral("acme/model")), status, &budget)
        , finished(&load, &StatusListLoad::finished)
        , notices(&load, &StatusListLoad::notice)
    {
        QObject::connect(&load, &StatusListLoad::pageReady, &load,
                         [this](const RequestPage &page) { delivered += page.requests(); });
        load.start();
    }
    auto parts() { return std::tie(load, budget, delivered, finished, notices); }

private:
    static RepoSummary repoNamed(const QString &id)
    {
        RepoSummary repo;
        repo.id = id;
        return repo;
    }
};

} // namespace

class TestAccessSlices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<QList<hubgate::AccessRequest>>(); }
    void sliceBounds();
    void splitCoversTheRangeExactly_data();
    void splitCoversTheRangeExactly();
    void pagesLeftEstimate();
    void frontierDropsWhatWasHandedOn();
    void budgetBoundsRequestsInFlight();
    void loadsSlicesWithTiesAtTheEdges_data();
    void loadsSlicesWithTiesAtTheEdges();
    void fallsBackWhenTheHubIgnoresTheRange_data();
    void fallsBackWhenTheHubIgnoresTheRange();
};

void TestAccessSlices::sliceBounds()
{
    const TimeSlice slice{baseMs - 1, baseMs + 1000};
    QVERIFY(slice.contains(baseMs));
    QVERIFY(slice.contains(baseMs + 999));
    QVERIFY(!slice.contains(baseMs - 1));
    QVERIFY(!slice.contains(baseMs + 1000));
    QVERIFY((TimeSlice{baseMs, std::nullopt}.contains(baseMs + 86400000LL * 365)));
    const QUrlQuery query = slice.query(1000);
    QCOMPARE(query.queryItemValue(QStringLiteral("after")), QStringLiteral("2025-12-31T23:59:59.999Z"));
    QCOMPARE(query.queryItemValue(QStringLiteral("before")), QStringLiteral("2026-01-01T00:00:01.000Z"));
    QCOMPARE(query.queryItemValue(QStringLiteral("limit")), QStringLiteral("1000"));
    QVERIFY(!(TimeSlice{baseMs, std::nullopt}.query(10).hasQueryItem(QStringLiteral("before"))));
}

void TestAccessSlices::splitCoversTheRangeExactly_data()
{
    QTest::addColumn<qint64>("afterMs");
    QTest::addColumn<qint64>("beforeMs"); // -1: open
    QTest::addColumn<qint64>("fromMs");
    QTest::addColumn<int>("parts");
    QTest::addColumn<int>("expectedParts");
    QTest::newRow("bounded, 8 parts") << baseMs << baseMs + 80001 << baseMs + 1 << 8 << 8;
    QTest::newRow("open, 5 parts") << baseMs << qint64(-1) << baseMs + 500 << 5 << 5;
    QTest::newRow("from inside") << baseMs << baseMs + 1000 << baseMs + 400 << 3 << 3;
    QTest::newRow("too narrow for 8") << baseMs << baseMs + 4 << baseMs + 1 << 8 << 3;
    QTest::newRow("one millisecond") << baseMs << baseMs + 2 << baseMs + 1 << 8 << 1;
}

void TestAccessSlices::splitCoversTheRangeExactly()
{
    QFETCH(qint64, afterMs);
    QFETCH(qint64, beforeMs);
    QFETCH(qint64, fromMs);
    QFETCH(int, parts);
    QFETCH(int, expectedParts);
    const TimeSlice slice{afterMs, beforeMs < 0 ? std::nullopt : std::optional<qint64>(beforeMs)};
    const qint64 horizon = baseMs + 100000;
    const QList<TimeSlice> pieces = splitSlice(slice, fromMs, parts, horizon);
    QCOMPARE(pieces.size(), expectedParts);
    QCOMPARE(pieces.constLast().beforeMs, slice.beforeMs);
    // Every millisecond from fromMs on is in exactly one piece, and nothing before it is.
    const qint64 end = beforeMs < 0 ? horizon + 50 : beforeMs;
    for (qint64 ms = fromMs - 2; ms < end; ++ms) {
        int in = 0;
        for (const TimeSlice &piece : pieces)
            in += piece.contains(ms);
        QCOMPARE(in, ms >= fromMs && slice.contains(ms) ? 1 : 0);
    }
}

void TestAccessSlices::pagesLeftEstimate()
{
    QCOMPARE(estimatePagesLeft(1000, 10000), 10);
    QCOMPARE(estimatePagesLeft(1000, 10001), 11);
    QCOMPARE(estimatePagesLeft(0, 5), 5); // a page within one millisecond
    QCOMPARE(estimatePagesLeft(1000, 0), 1);
}

static QList<PackedRequest> rowsOf(const QList<AccessRequest> &requests)
{
    return RequestPage::fromRequests(requests).rows;
}

void TestAccessSlices::frontierDropsWhatWasHandedOn()
{
    DeliveryFrontier frontier;
    QVERIFY(frontier.isEmpty());
    QList<PackedRequest> first = rowsOf({requestAt(QStringLiteral("a"), baseMs), requestAt(QStringLiteral("b"), baseMs + 5),
                               requestAt(QStringLiteral("c"), baseMs + 5)});
    QCOMPARE(frontier.filter(first), 0);
    QCOMPARE(first.size(), 3);
    QCOMPARE(frontier.lastMs(), baseMs + 5);
    // The next slice starts at the same millisecond: b and c again, d new at it, e later.
    QList<PackedRequest> second = rowsOf({requestAt(QStringLiteral("b"), baseMs + 5), requestAt(QStringLiteral("c"), baseMs + 5),
                                requestAt(QStringLiteral("d"), baseMs + 5), requestAt(QStringLiteral("e"), baseMs + 9)});
    QCOMPARE(frontier.filter(second), 2);
    QCOMPARE(second.size(), 2);
    QCOMPARE(second[0].name, QStringLiteral("d"));
    QCOMPARE(second[1].name, QStringLiteral("e"));
    QList<PackedRequest> old = rowsOf({requestAt(QStringLiteral("a"), baseMs), requestAt(QStringLiteral("f"), baseMs + 9)});
    QCOMPARE(frontier.filter(old), 1);
    QCOMPARE(old.constFirst().name, QStringLiteral("f"));
    QVERIFY(isOldestFirst(second));
    QVERIFY(!isOldestFirst(rowsOf({requestAt(QStringLiteral("x"), baseMs + 1), requestAt(QStringLiteral("y"), baseMs)})));
}

void TestAccessSlices::budgetBoundsRequestsInFlight()
{
    RequestBudget budget(3);
    QObject context;
    int sent = 0;
    for (int i = 0; i < 5; ++i)
        budget.acquire(&context, [&sent] { ++sent; });
    QCOMPARE(sent, 3);
    QCOMPARE(budget.idle(), 0);
    budget.release();
    QCOMPARE(sent, 4);
    budget.noteRateLimit(R"("api";r=2;t=50)"); // one call left for parallel work
    budget.release();
    budget.release();
    QCOMPARE(sent, 4); // three were in flight: the fifth waits until none is
    QCOMPARE(budget.inFlight(), 1);
    budget.release();
    QCOMPARE(sent, 5);
    QCOMPARE(budget.inFlight(), 1);
    QCOMPARE(budget.idle(), 0);
    budget.noteRateLimit(R"("api";r=400;t=50)"); // a new window
    QCOMPARE(budget.idle(), 2);
    budget.release();
    QCOMPARE(budget.idle(), 3);
    budget.setLimit(1);
    {
        QObject gone;
        budget.acquire(&context, [] {});
        budget.acquire(&gone, [&sent] { ++sent; });
    }
    budget.release();
    QCOMPARE(sent, 5); // the destroyed context's call was dropped
}

void TestAccessSlices::loadsSlicesWithTiesAtTheEdges_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("run");
    QTest::newRow("runs of 7, 5,000 requests") << 5000 << 7;
    QTest::newRow("runs of 250") << 6000 << 250;
    QTest::newRow("one run of 1,500 across a page edge") << 1500 << 1500;
    QTest::newRow("no ties") << 3200 << 1;
}

void TestAccessSlices::loadsSlicesWithTiesAtTheEdges()
{
    QFETCH(int, count);
    QFETCH(int, run);
    ListServer server;
    server.items = itemsWithTies(count, run);
    ListRun list(server, QStringLiteral("pending"));
    QVERIFY(list.finished.wait(60000));
    auto [load, budget, delivered, finished, notices] = list.parts(); // references into list
    QCOMPARE(finished.size(), 1);
    QVERIFY(!finished.constFirst().constFirst().value<HubError>().isError());
    QCOMPARE(notices.size(), 0);
    QCOMPARE(load.usedSlices(), count > 1000);
    QVERIFY(!load.fellBack());
    // Every request exactly once, in time order, with the list's status.
    QCOMPARE(delivered.size(), count);
    QSet<QString> users;
    for (qsizetype i = 0; i < delivered.size(); ++i) {
        users.insert(delivered[i].user.name);
        QCOMPARE(delivered[i].status, QStringLiteral("pending"));
        if (i > 0)
            QVERIFY(delivered[i - 1].requestedAt <= delivered[i].requestedAt);
    }
    QCOMPARE(users.size(), count);
    if (load.usedSlices())
        QVERIFY(server.rangedRequests > 0);
    QTRY_COMPARE(budget.inFlight(), 0);
}

void TestAccessSlices::fallsBackWhenTheHubIgnoresTheRange_data()
{
    QTest::addColumn<int>("mode");
    QTest::newRow("ignores after and before") << int(ListServer::Mode::IgnoresRange);
    QTest::newRow("answers outside the range") << int(ListServer::Mode::AnswersOutside);
}

void TestAccessSlices::fallsBackWhenTheHubIgnoresTheRange()
{
    QFETCH(int, mode);
    ListServer server;
    server.mode = ListServer::Mode(mode);
    server.items = itemsWithTies(4500, 3);
    ListRun list(server, QStringLiteral("accepted"));
    QVERIFY(list.finished.wait(60000));
    auto [load, budget, delivered, finished, notices] = list.parts(); // references into list
    QVERIFY(!finished.constFirst().constFirst().value<HubError>().isError());
    QVERIFY(load.fellBack());
    QCOMPARE(notices.size(), 1);
    QVERIFY(notices.constFirst().constFirst().toString().contains(QStringLiteral("one page after another")));
    QCOMPARE(delivered.size(), 4500);
    QSet<QString> users;
    for (const AccessRequest &request : std::as_const(delivered))
        users.insert(request.user.name);
    QCOMPARE(users.size(), 4500);
    QTRY_COMPARE(budget.inFlight(), 0);
}

QTEST_GUILESS_MAIN(TestAccessSlices)
#include "tst_access_slices.moc"
