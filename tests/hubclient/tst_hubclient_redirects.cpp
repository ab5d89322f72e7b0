// Redirects: the token stays with the endpoint's origin, redirect chains are bounded, and plain
// http to a remote host is refused, before any traffic.
#include "hubclienttest.h"

#include <QTest>

#include <memory>

using namespace hubtest;
using hubgate::HubClient;
using hubgate::HubError;

namespace {
const QByteArray token = "hf_RedirectTestToken0000000000000000001";
const QByteArray bearer = "Bearer " + token;
} // namespace

class TestHubClientRedirects : public QObject
{
    Q_OBJECT
    std::unique_ptr<RecordingNam> nam;
    std::unique_ptr<ScriptedServer> first;  // the endpoint
    std::unique_ptr<ScriptedServer> second; // another origin
    std::unique_ptr<HubClient> client;

private Q_SLOTS:
    void init()
    {
        nam = std::make_unique<RecordingNam>();
        first = std::make_unique<ScriptedServer>();
        second = std::make_unique<ScriptedServer>();
        QVERIFY(first->listen());
        QVERIFY(second->listen());
        client = std::make_unique<HubClient>(nam.get(), first->baseUrl());
        client->setToken(QString::fromLatin1(token));
        client->setRetryPolicy(fastPolicy());
    }
    void cleanup()
    {
        client.reset();
        first.reset();
        second.reset();
        nam.reset();
    }

    void crossOriginRedirectDropsTheToken_data()
    {
        QTest::addColumn<QByteArray>("host"); // of the second server as the Location names it
        QTest::addColumn<int>("status");
        QTest::newRow("other port, 302") << QByteArray("127.0.0.1") << 302;
        QTest::newRow("other port, 301") << QByteArray("127.0.0.1") << 301;
        QTest::newRow("other port, 307") << QByteArray("127.0.0.1") << 307;
        QTest::newRow("other host name, 302") << QByteArray("localhost") << 302;
    }
    void crossOriginRedirectDropsTheToken()
    {
        QFETCH(QByteArray, host);
        QFETCH(int, status);
        const QByteArray target = "http://" + host + ":" + QByteArray::number(second->baseUrl().port()) + "/landing";
        first->handler = [&](const RecordedRequest &) { return ScriptedReply::redirect(status, target); };
        second->handler = [](const RecordedRequest &) { return ScriptedReply::json(200, "{\"where\":\"second\"}"); };

        JobWatch watch(client->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(watch.wait());
        QVERIFY2(watch.ok, qPrintable(watch.error.message()));
        QCOMPARE(watch.pages.value(0), QByteArray("{\"where\":\"second\"}"));
        QCOMPARE(first->requests.size(), 1);
        QCOMPARE(second->requests.size(), 1);
        QCOMPARE(first->requests[0].header("Authorization"), bearer);
        QVERIFY2(!second->requests[0].hasHeader("Authorization"), second->requests[0].header("Authorization").constData());
        QCOMPARE(second->requests[0].target, QByteArray("/landing"));
    }

    void sameOriginRedirectKeepsTheToken()
    {
        first->handler = [](const RecordedRequest &request) {
            if (request.target == "/api/whoami-v2")
                return ScriptedReply::redirect(302, "/api/moved");
            return ScriptedReply::json(200, "{\"moved\":true}");
        };
        JobWatch watch(client->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(watch.wait());
        QVERIFY(watch.ok);
        QCOMPARE(first->requests.size(), 2);
        QCOMPARE(first->requests[1].target, QByteArray("/api/moved"));
        QCOMPARE(first->requests[0].header("Authorization"), bearer);
        QCOMPARE(first->requests[1].header("Authorization"), bearer);
        QCOMPARE(second->requests.size(), 0);
    }

    void backToTheEndpointGetsTheTokenAgain()
    {
        // endpoint -> other origin -> endpoint: only the other origin goes without.
        const QByteArray back = first->url(QStringLiteral("/back")).toEncoded();
        first->handler = [&](const RecordedRequest &request) {
            if (request.target == "/back")
                return ScriptedReply::json(200, "{}");
            return ScriptedReply::redirect(302, second->url(QStringLiteral("/away")).toEncoded());
        };
        second->handler = [&](const RecordedRequest &) { return ScriptedReply::redirect(302, back); };
        JobWatch watch(client->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(watch.wait());
        QVERIFY(watch.ok);
        QCOMPARE(first->requests.size(), 2);
        QCOMPARE(second->requests.size(), 1);
        QVERIFY(!second->requests[0].hasHeader("Authorization"));
        QCOMPARE(first->requests[1].header("Authorization"), bearer);
    }

    void fiveRedirectsAreFollowed()
    {
        first->handler = [](const RecordedRequest &request) {
            const int hop = request.target.mid(request.target.lastIndexOf('/') + 1).toInt();
            if (hop < 5)
                return ScriptedReply::redirect(302, "/hop/" + QByteArray::number(hop + 1));
            return ScriptedReply::json(200, "{}");
        };
        JobWatch watch(client->get(QStringLiteral("/hop/0")));
        QVERIFY(watch.wait());
        QVERIFY2(watch.ok, qPrintable(watch.error.message()));
        QCOMPARE(first->requests.size(), 6);
    }

    void moreThanFiveRedirectsFail()
    {
        first->handler = [](const RecordedRequest &request) {
            const int hop = request.target.mid(request.target.lastIndexOf('/') + 1).toInt();
            return ScriptedReply::redirect(302, "/hop/" + QByteArray::number(hop + 1));
        };
        JobWatch watch(client->get(QStringLiteral("/hop/0")));
        QVERIFY(watch.wait());
        QCOMPARE(watch.finished.size(), 1);
        QVERIFY(!watch.ok);
        QCOMPARE(watch.error.kind, HubError::Kind::Network);
        QVERIFY2(watch.error.message().contains(QLatin1String("too many redirects")), qPrintable(watch.error.message()));
        QCOMPARE(first->requests.size(), 6); // the first call and five redirects, then it stops
    }

    void redirectToPlainHttpRemoteIsRefused()
    {
        first->handler = [](const RecordedRequest &) {
            return ScriptedReply::redirect(302, "http://example.com/api/whoami-v2");
        };
        JobWatch watch(client->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(watch.wait());
        QCOMPARE(watch.finished.size(), 1);
        QCOMPARE(watch.error.kind, HubError::Kind::InsecureEndpoint);
        QVERIFY2(watch.error.message().contains(QLatin1String("example.com")), qPrintable(watch.error.message()));
        QCOMPARE(first->requests.size(), 1);
        QCOMPARE(nam->hostCount(QStringLiteral("example.com")), 0); // never asked for
        QCOMPARE(nam->urls.size(), 1);
    }

    void redirectToOtherSchemeIsRefused()
    {
        first->handler = [](const RecordedRequest &) { return ScriptedReply::redirect(302, "ftp://127.0.0.1/x"); };
        JobWatch watch(client->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(watch.wait());
        QCOMPARE(watch.error.kind, HubError::Kind::InsecureEndpoint);
        QCOMPARE(nam->urls.size(), 1);
    }

    void plainHttpRemoteEndpointSendsNothing_data()
    {
        QTest::addColumn<QString>("endpoint");
        QTest::newRow("example.com") << QStringLiteral("http://example.com");
        QTest::newRow("with port") << QStringLiteral("http://example.com:8080");
        QTest::newRow("localhost look-alike") << QStringLiteral("http://localhost.example.com");
        QTest::newRow("LAN address") << QStringLiteral("http://192.168.1.10");
        QTest::newRow("unspecified address") << QStringLiteral("http://0.0.0.0:8080");
    }
    void plainHttpRemoteEndpointSendsNothing()
    {
        QFETCH(QString, endpoint);
        client->setEndpoint(QUrl(endpoint));
        JobWatch watch(client->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(watch.wait());
        QCOMPARE(watch.finished.size(), 1);
        QCOMPARE(watch.error.kind, HubError::Kind::InsecureEndpoint);
        QVERIFY2(watch.error.message().contains(QLatin1String("plain http")), qPrintable(watch.error.message()));
        QCOMPARE(watch.attempts, 0);
        QCOMPARE(nam->urls.size(), 0); // no traffic at all
    }

    void postRedirectIsNotFollowed()
    {
        // Only GETs follow redirects (a POST must not be replayed elsewhere); the POST's answer
        // is taken as it is.
        first->handler = [&](const RecordedRequest &) {
            return ScriptedReply::redirect(303, second->url(QStringLiteral("/elsewhere")).toEncoded());
        };
        JobWatch watch(client->sendJson("POST", QStringLiteral("/ask"), "{}", {}, false));
        QVERIFY(watch.wait());
        QCOMPARE(watch.httpStatus, 303);
        QCOMPARE(first->requests.size(), 1);
        QCOMPARE(second->requests.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHubClientRedirects)
#include "tst_hubclient_redirects.moc"
