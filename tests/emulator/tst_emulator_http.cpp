// The wire itself, on a raw socket: HEAD, 304 and error replies carry no body, so the next reply
// on the same keep-alive connection still parses.
#include "emulatortest.h"

#include <QTcpSocket>

using namespace emutest;

namespace {

struct WireReply
{
    QByteArray statusLine;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

// One request on an open connection, written by hand.
QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &extra = {})
{
    return method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n" + extra + "\r\n";
}

// Parses the head of a reply at `from`; the returned offset is just past the blank line, or -1.
qsizetype parseHead(const QByteArray &data, qsizetype from, WireReply &reply)
{
    const qsizetype end = data.indexOf("\r\n\r\n", from);
    if (end < 0)
        return -1;
    const QList<QByteArray> lines = data.mid(from, end - from).split('\n');
    reply.statusLine = lines.value(0).trimmed();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            reply.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    return end + 4;
}

class Connection
{
public:
    explicit Connection(const QUrl &base)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, [this] { received += socket.readAll(); });
        socket.connectToHost(base.host(), quint16(base.port()));
    }
    QTcpSocket socket;
    QByteArray received;
};

} // namespace

class TestEmulatorHttp : public QObject
{
    Q_OBJECT
    std::unique_ptr<Hub> hub;

    // HEAD then GET of the same path on one connection; both replies parsed from the raw bytes.
    void headThenGet(const QByteArray &path, const QByteArray &auth, WireReply &head, WireReply &get)
    {
        Connection c(hub->fixture().baseUrl());
        QTRY_VERIFY(c.socket.state() == QAbstractSocket::ConnectedState);
        c.socket.write(request("HEAD", path, auth));
        QTRY_VERIFY(c.received.contains("\r\n\r\n"));
        const qsizetype afterHead = parseHead(c.received, 0, head);
        c.socket.write(request("GET", path, auth));
        qsizetype afterGet = -1;
        QTRY_VERIFY((afterGet = parseHead(c.received, afterHead, get)) > 0 &&
                    c.received.size() >= afterGet + get.headers.value("content-length").toLongLong());
        get.body = c.received.mid(afterGet);
        // Nothing but the two replies: no stray body after the HEAD reply.
        QCOMPARE(get.body.size(), get.headers.value("content-length").toLongLong());
        QVERIFY2(get.statusLine.startsWith("HTTP/1.1 "), get.statusLine.constData());
        QCOMPARE(c.socket.state(), QAbstractSocket::ConnectedState);
    }

private Q_SLOTS:
    void init() { hub = std::make_unique<Hub>(); }
    void cleanup() { hub.reset(); }

    void headHasTheGetHeadersWithoutBody_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<bool>("signedIn");
        QTest::addColumn<QByteArray>("status");
        QTest::addColumn<QByteArray>("errorCode");
        QTest::newRow("model README") << QByteArray("/nimbus-ai/nimbus-7b/resolve/main/README.md") << false
                                      << QByteArray("200") << QByteArray();
        QTest::newRow("dataset README") << QByteArray("/datasets/nimbus-ai/clean-web-2t/resolve/main/README.md")
                                        << false << QByteArray("200") << QByteArray();
        QTest::newRow("gated file, writer") << QByteArray("/nimbus-ai/nimbus-7b/resolve/main/config.json") << true
                                            << QByteArray("200") << QByteArray();
        QTest::newRow("gated file, anonymous") << QByteArray("/nimbus-ai/nimbus-7b/resolve/main/config.json")
                                               << false << QByteArray("401") << QByteArray("GatedRepo");
        QTest::newRow("missing file") << QByteArray("/nimbus-ai/nimbus-7b/resolve/main/nope.txt") << true
                                      << QByteArray("404") << QByteArray("EntryNotFound");
        QTest::newRow("unknown revision") << QByteArray("/nimbus-ai/nimbus-7b/resolve/nope/README.md") << true
                                          << QByteArray("404") << QByteArray("RevisionNotFound");
        QTest::newRow("unknown repo") << QByteArray("/nimbus-ai/nope/resolve/main/README.md") << true
                                      << QByteArray("404") << QByteArray("RepoNotFound");
        QTest::newRow("POST-only path") << QByteArray("/api/validate-yaml")
                                        << true << QByteArray("405") << QByteArray();
        QTest::newRow("unknown path") << QByteArray("/no/such/page/at/all") << true << QByteArray("404")
                                      << QByteArray();
        QTest::newRow("API JSON") << QByteArray("/api/models/nimbus-ai/nimbus-7b/refs") << true
                                  << QByteArray("200") << QByteArray();
    }

    void headHasTheGetHeadersWithoutBody()
    {
        QFETCH(QByteArray, path);
        QFETCH(bool, signedIn);
        QFETCH(QByteArray, status);
        QFETCH(QByteArray, errorCode);
        const QByteArray auth = signedIn ? "Authorization: Bearer " + EmulatorFixture::writeToken() + "\r\n"
                                         : QByteArray();
        WireReply head, get;
        headThenGet(path, auth, head, get);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(head.statusLine.split(' ').value(1), status);
        QCOMPARE(get.statusLine.split(' ').value(1), status);
        QVERIFY(!get.body.isEmpty());
        // The length the GET body has, announced but not sent.
        QCOMPARE(head.headers.value("content-length").toLongLong(), get.body.size());
        for (const QByteArray name : {"x-repo-commit", "etag", "x-error-code", "content-type", "x-error-message"})
            QCOMPARE(head.headers.value(name), get.headers.value(name));
        QCOMPARE(head.headers.value("x-error-code"), errorCode);
        QVERIFY(!head.headers.value("x-request-id").isEmpty());
        if (status == "200" && path.contains("/resolve/")) {
            QVERIFY(!head.headers.value("etag").isEmpty());
            QCOMPARE(head.headers.value("x-repo-commit"),
                     QByteArray::fromStdString(hub->repo(path.startsWith("/datasets/") ? "nimbus-ai/clean-web-2t"
                                                                                      : "nimbus-ai/nimbus-7b",
                                                         path.startsWith("/datasets/") ? emu::RepoType::Dataset
                                                                                      : emu::RepoType::Model)
                                                 .headCommit()->oid));
        }
    }

    void headOfAnInjectedErrorHasNoBody()
    {
        std::string error;
        auto rule = emu::FaultRule::parse("kind=status,status=429,method=HEAD,times=1,retry-after=2", &error);
        QVERIFY2(rule.has_value(), error.c_str());
        hub->api().faults().add(*rule);
        WireReply head, get;
        headThenGet("/nimbus-ai/nimbus-7b/resolve/main/README.md", {}, head, get);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(head.statusLine.startsWith("HTTP/1.1 429"));
        QCOMPARE(head.headers.value("retry-after"), QByteArray("2"));
        QVERIFY(get.statusLine.startsWith("HTTP/1.1 200"));
    }

    void notModifiedHasNoBody()
    {
        const std::string readme = "/nimbus-ai/nimbus-7b/resolve/main/README.md";
        const QByteArray etag = hub->get(readme).header("ETag");
        QVERIFY(!etag.isEmpty());
        Connection c(hub->fixture().baseUrl());
        QTRY_VERIFY(c.socket.state() == QAbstractSocket::ConnectedState);
        c.socket.write(request("GET", QByteArray::fromStdString(readme), "If-None-Match: " + etag + "\r\n"));
        QTRY_VERIFY(c.received.contains("\r\n\r\n"));
        WireReply notModified, next;
        const qsizetype after = parseHead(c.received, 0, notModified);
        QVERIFY(notModified.statusLine.startsWith("HTTP/1.1 304"));
        QCOMPARE(notModified.headers.value("etag"), etag);
        QVERIFY(!notModified.headers.contains("content-length"));
        c.socket.write(request("GET", "/api/models/nimbus-ai/nimbus-7b/refs"));
        qsizetype afterNext = -1;
        QTRY_VERIFY((afterNext = parseHead(c.received, after, next)) > 0 &&
                    c.received.size() >= afterNext + next.headers.value("content-length").toLongLong());
        QVERIFY2(next.statusLine.startsWith("HTTP/1.1 200"), next.statusLine.constData());
        QCOMPARE(c.received.size() - afterNext, next.headers.value("content-length").toLongLong());
    }
};

QTEST_GUILESS_MAIN(TestEmulatorHttp)
#include "tst_emulator_http.moc"
