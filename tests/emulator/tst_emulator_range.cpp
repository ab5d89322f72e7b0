// What download clients need from file URLs: single byte ranges (206, Content-Range, 416), HEAD
// with a range, If-Range, the raw/ file URL and the HEAD revision.
#include "emulatortest.h"

#include <QNetworkRequest>
#include <QTcpSocket>

using namespace emutest;

namespace {

const std::string readmePath = "/nimbus-ai/nimbus-7b/resolve/main/README.md";
const std::string gatedPath = "/nimbus-ai/nimbus-7b/resolve/main/config.json";

// GET with extra request headers, over real HTTP.
Reply getWith(Hub &hub, const std::string &path, const QList<std::pair<QByteArray, QByteArray>> &headers,
              const QByteArray &token = EmulatorFixture::writeToken())
{
    QNetworkRequest request(QUrl(QString::fromStdString(hub.base() + path), QUrl::StrictMode));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = hub.nam().get(request);
    Reply out;
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 30000)) {
        reply->abort();
        out.error = QNetworkReply::TimeoutError;
    } else {
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.error = reply->error();
        out.body = reply->readAll();
        out.headers = reply->rawHeaderPairs();
    }
    reply->deleteLater();
    return out;
}

Reply getRange(Hub &hub, const std::string &path, const QByteArray &range,
               const QByteArray &token = EmulatorFixture::writeToken())
{
    return getWith(hub, path, {{"Range", range}}, token);
}

std::string repoFile(Hub &hub, const std::string &id, const std::string &path)
{
    const emu::Repo &repo = hub.repo(id);
    return repo.headCommit()->files.at(path);
}

// The head of one reply read from a raw socket; offset past the blank line, or -1.
qsizetype parseHead(const QByteArray &data, qsizetype from, QByteArray &statusLine,
                    QMap<QByteArray, QByteArray> &headers)
{
    const qsizetype end = data.indexOf("\r\n\r\n", from);
    if (end < 0)
        return -1;
    const QList<QByteArray> lines = data.mid(from, end - from).split('\n');
    statusLine = lines.value(0).trimmed();
    headers.clear();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    return end + 4;
}

} // namespace

class TestEmulatorRange : public QObject
{
    Q_OBJECT
    std::unique_ptr<Hub> hub;

private Q_SLOTS:
    void init() { hub = std::make_unique<Hub>(); }
    void cleanup()
    {
        QCOMPARE(hub->missingRequestIds, 0);
        hub.reset();
    }

    void wholeFileAdvertisesRanges()
    {
        const Reply reply = hub->get(readmePath);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("Accept-Ranges"), QByteArray("bytes"));
        QVERIFY(reply.header("Content-Range").isEmpty());
        QCOMPARE(text(reply.body), repoFile(*hub, "nimbus-ai/nimbus-7b", "README.md"));
    }

    void singleRange_data()
    {
        QTest::addColumn<QByteArray>("range");
        QTest::addColumn<int>("first");
        QTest::addColumn<int>("last"); // -1: the last byte of the file
        QTest::addColumn<int>("suffix"); // > 0: the last N bytes (first/last unused)
        QTest::newRow("first byte (size probe)") << QByteArray("bytes=0-0") << 0 << 0 << 0;
        QTest::newRow("middle") << QByteArray("bytes=4-19") << 4 << 19 << 0;
        QTest::newRow("open end") << QByteArray("bytes=10-") << 10 << -1 << 0;
        QTest::newRow("past the end is cut") << QByteArray("bytes=2-99999999") << 2 << -1 << 0;
        QTest::newRow("suffix") << QByteArray("bytes=-5") << 0 << 0 << 5;
        QTest::newRow("spaces and unit case") << QByteArray(" Bytes = 1-3 ") << 1 << 3 << 0;
    }

    void singleRange()
    {
        QFETCH(QByteArray, range);
        QFETCH(int, first);
        QFETCH(int, last);
        QFETCH(int, suffix);
        const std::string file = repoFile(*hub, "nimbus-ai/nimbus-7b", "README.md");
        const auto size = int(file.size());
        QVERIFY(size > 30);
        if (suffix > 0)
            first = size - suffix;
        if (suffix > 0 || last < 0)
            last = size - 1;
        const QByteArray etag = hub->get(readmePath).header("ETag");
        const Reply reply = getRange(*hub, readmePath, range);
        QCOMPARE(reply.status, 206);
        QCOMPARE(reply.header("Content-Range"),
                 QByteArray("bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + '/' +
                            QByteArray::number(size)));
        QCOMPARE(text(reply.body), file.substr(std::size_t(first), std::size_t(last - first + 1)));
        QCOMPARE(reply.header("Content-Length"), QByteArray::number(last - first + 1));
        QCOMPARE(reply.header("ETag"), etag);
        QCOMPARE(reply.header("Accept-Ranges"), QByteArray("bytes"));
        QVERIFY(!reply.header("X-Repo-Commit").isEmpty());
    }

    void unsatisfiableRange_data()
    {
        QTest::addColumn<QByteArray>("range");
        QTest::newRow("starts at the size") << QByteArray("bytes=SIZE-");
        QTest::newRow("starts past the size") << QByteArray("bytes=SIZE-999999");
        QTest::newRow("empty suffix") << QByteArray("bytes=-0");
        QTest::newRow("huge first byte") << QByteArray("bytes=123456789012345678901234567890-");
    }

    void unsatisfiableRange()
    {
        QFETCH(QByteArray, range);
        const auto size = QByteArray::number(qsizetype(repoFile(*hub, "nimbus-ai/nimbus-7b", "README.md").size()));
        const Reply reply = getRange(*hub, readmePath, range.replace("SIZE", size));
        QCOMPARE(reply.status, 416);
        QCOMPARE(reply.header("Content-Range"), "bytes */" + size);
        QVERIFY(reply.json().is_object());
        QVERIFY(reply.json()["error"].is_string());
        QVERIFY(!reply.header("X-Error-Message").isEmpty());
    }

    // What RFC 9110 lets a server ignore is ignored: the whole file with 200.
    void ignoredRange_data()
    {
        QTest::addColumn<QByteArray>("range");
        QTest::newRow("several ranges") << QByteArray("bytes=0-1,5-6");
        QTest::newRow("other unit") << QByteArray("items=0-1");
        QTest::newRow("last before first") << QByteArray("bytes=5-2");
        QTest::newRow("not a number") << QByteArray("bytes=a-b");
        QTest::newRow("no dash") << QByteArray("bytes=5");
    }

    void ignoredRange()
    {
        QFETCH(QByteArray, range);
        const Reply reply = getRange(*hub, readmePath, range);
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.header("Content-Range").isEmpty());
        QCOMPARE(text(reply.body), repoFile(*hub, "nimbus-ai/nimbus-7b", "README.md"));
    }

    void ifRangeAppliesTheRangeOnlyToTheSameFile()
    {
        const QByteArray etag = hub->get(readmePath).header("ETag");
        Reply reply = getWith(*hub, readmePath, {{"Range", "bytes=0-2"}, {"If-Range", etag}});
        QCOMPARE(reply.status, 206);
        QCOMPARE(reply.body.size(), 3);
        reply = getWith(*hub, readmePath, {{"Range", "bytes=0-2"}, {"If-Range", "\"an-older-version\""}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(text(reply.body), repoFile(*hub, "nimbus-ai/nimbus-7b", "README.md"));
    }

    void notModifiedWinsOverRange()
    {
        const QByteArray etag = hub->get(readmePath).header("ETag");
        const Reply reply = getWith(*hub, readmePath, {{"Range", "bytes=0-0"}, {"If-None-Match", etag}});
        QCOMPARE(reply.status, 304);
        QVERIFY(reply.body.isEmpty());
    }

    void theGateComesBeforeTheRange()
    {
        Reply reply = getRange(*hub, gatedPath, "bytes=0-0", EmulatorFixture::requesterToken());
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.header("X-Error-Code"), QByteArray("GatedRepo"));
        reply = getRange(*hub, "/nimbus-ai/nimbus-7b/resolve/main/nope.txt", "bytes=0-0");
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.header("X-Error-Code"), QByteArray("EntryNotFound"));
        reply = getRange(*hub, gatedPath, "bytes=0-0");
        QCOMPARE(reply.status, 206);
    }

    // HEAD with a range: the 206 (or 416) head, no body; the connection serves the next request.
    void headWithRangeOnTheWire()
    {
        const std::string file = repoFile(*hub, "nimbus-ai/nimbus-7b", "README.md");
        const QByteArray size = QByteArray::number(qsizetype(file.size()));
        QTcpSocket socket;
        QByteArray received;
        QObject::connect(&socket, &QTcpSocket::readyRead, [&] { received += socket.readAll(); });
        socket.connectToHost(hub->fixture().baseUrl().host(), quint16(hub->fixture().baseUrl().port()));
        QTRY_VERIFY(socket.state() == QAbstractSocket::ConnectedState);
        const QByteArray path = QByteArray::fromStdString(readmePath);
        const auto request = [&](const QByteArray &method, const QByteArray &range) -> QByteArray {
            return method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: " + range + "\r\n\r\n";
        };
        QByteArray status;
        QMap<QByteArray, QByteArray> headers;
        qsizetype offset = -1;
        socket.write(request("HEAD", "bytes=0-0"));
        QTRY_VERIFY((offset = parseHead(received, 0, status, headers)) > 0);
        QVERIFY2(status.startsWith("HTTP/1.1 206"), status.constData());
        QCOMPARE(headers.value("content-range"), "bytes 0-0/" + size);
        QCOMPARE(headers.value("content-length"), QByteArray("1"));
        socket.write(request("HEAD", "bytes=" + size + "-"));
        qsizetype next = -1;
        QTRY_VERIFY((next = parseHead(received, offset, status, headers)) > 0);
        offset = next;
        QVERIFY2(status.startsWith("HTTP/1.1 416"), status.constData());
        QCOMPARE(headers.value("content-range"), "bytes */" + size);
        socket.write(request("GET", "bytes=1-4"));
        QTRY_VERIFY((next = parseHead(received, offset, status, headers)) > 0 && received.size() >= next + 4);
        offset = next;
        QVERIFY2(status.startsWith("HTTP/1.1 206"), status.constData());
        QCOMPARE(headers.value("content-range"), "bytes 1-4/" + size);
        // Only the last reply has a body, and it is exactly the four bytes.
        QCOMPARE(received.mid(offset), QByteArray::fromStdString(file.substr(1, 4)));
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
    }

    // raw/ serves the same file as resolve/ (the emulator keeps no LFS pointers), gate included.
    void rawFileUrl()
    {
        Reply reply = hub->get("/nimbus-ai/nimbus-7b/raw/main/README.md");
        QCOMPARE(reply.status, 200);
        QCOMPARE(text(reply.body), repoFile(*hub, "nimbus-ai/nimbus-7b", "README.md"));
        QCOMPARE(reply.header("ETag"), hub->get(readmePath).header("ETag"));
        reply = hub->get("/datasets/nimbus-ai/clean-web-2t/raw/main/README.md");
        QCOMPARE(reply.status, 200);
        QCOMPARE(text(reply.body), hub->repo("nimbus-ai/clean-web-2t", emu::RepoType::Dataset)
                                       .headCommit()->files.at("README.md"));
        reply = hub->get("/nimbus-ai/nimbus-7b/raw/main/config.json", EmulatorFixture::requesterToken());
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.header("X-Error-Code"), QByteArray("GatedRepo"));
        reply = hub->get("/nimbus-ai/nimbus-7b/raw/main/nope.txt", EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.header("X-Error-Code"), QByteArray("EntryNotFound"));
        reply = getRange(*hub, "/nimbus-ai/nimbus-7b/raw/main/README.md", "bytes=0-0");
        QCOMPARE(reply.status, 206);
    }

    // HEAD as a revision names the default branch, as in git.
    void headRevisionFollowsMain()
    {
        const QByteArray mira = EmulatorFixture::writeToken();
        const std::string api = "/api/models/mira-patel/sketch-diffusion";
        Reply reply = hub->get(api + "/revision/HEAD", mira);
        QCOMPARE(reply.status, 200);
        JCOMPARE(reply.json()["sha"], hub->repo("mira-patel/sketch-diffusion").headCommit()->oid);
        reply = hub->post(api + "/commit/main",
                          Json{{"summary", "Add a file"},
                               {"files", Json::array({Json{{"path", "new.txt"}, {"content", "new\n"}}})}},
                          mira);
        QCOMPARE(reply.status, 200);
        const Json head = reply.json()["commitOid"];
        reply = hub->get(api + "/revision/HEAD", mira);
        JCOMPARE(reply.json()["sha"], head);
        reply = hub->get("/mira-patel/sketch-diffusion/resolve/HEAD/new.txt", mira);
        QCOMPARE(reply.status, 200);
        QCOMPARE(text(reply.body), std::string("new\n"));
        QCOMPARE(reply.header("X-Repo-Commit"), QByteArray::fromStdString(head.get<std::string>()));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorRange)
#include "tst_emulator_range.moc"
