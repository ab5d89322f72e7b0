// Replies no honest Hub sends, from a scripted server: broken JSON, the wrong JSON shape, absurd
// waits, page links that leave for plain http or go round in circles, silence.
#include "hubclienttest.h"

#include "hub/account.h"
#include "hub/repo.h"
#include "hub/repodirectory.h"
#include "hub/repoinfo.h"

#include <QLocale>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace hubtest;
using hubgate::HubClient;
using hubgate::HubError;
using hubgate::RepoDirectoryJob;

namespace {
const QByteArray token = "hf_HostileTestToken00000000000000000001";
}

class TestHubClientHostile : public QObject
{
    Q_OBJECT
    std::unique_ptr<RecordingNam> nam;
    std::unique_ptr<ScriptedServer> server;
    std::unique_ptr<HubClient> client;

private Q_SLOTS:
    void init()
    {
        nam = std::make_unique<RecordingNam>();
        server = std::make_unique<ScriptedServer>();
        QVERIFY(server->listen());
        client = std::make_unique<HubClient>(nam.get(), server->baseUrl());
        client->setToken(QString::fromLatin1(token));
        client->setRetryPolicy(fastPolicy());
    }
    void cleanup()
    {
        client.reset();
        server.reset();
        nam.reset();
    }

    void invalidJsonWhoami()
    {
        server->handler = [](const RecordedRequest &) { return ScriptedReply::json(200, "{\"name\": \"mira\", "); };
        JobWatch watch(client->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(watch.wait());
        QVERIFY(watch.ok); // the transfer itself worked
        QString error;
        QVERIFY(!hubgate::parseWhoami(watch.pages.value(0), &error));
        QVERIFY2(error.contains(QLatin1String("not a JSON object")), qPrintable(error));
    }

    void wrongShapesInTheRepoDirectory()
    {
        server->handler = [](const RecordedRequest &request) {
            if (request.target.startsWith("/api/models"))
                return ScriptedReply::json(200, "{\"models\": [{\"id\": \"ada/m\"}]}"); // an object, not a list
            return ScriptedReply::json(200, "[{\"id\": \"ada/d\"}");                 // cut short
        };
        hubgate::Account account;
        account.name = QStringLiteral("ada");
        account.tokenRole = QStringLiteral("write");
        auto *job = new RepoDirectoryJob(client.get(), account);
        QSignalSpy finished(job, &RepoDirectoryJob::finished);
        QList<HubError> errors;
        int repos = -1;
        connect(job, &RepoDirectoryJob::finished, job, [&](RepoDirectoryJob *done) {
            errors = done->errors();
            repos = int(done->repos().size());
        });
        job->start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(repos, 0);
        QCOMPARE(errors.size(), 2);
        for (const HubError &error : std::as_const(errors)) {
            QCOMPARE(error.kind, HubError::Kind::BadReply);
            QCOMPARE(error.subject, QStringLiteral("ada"));
            QVERIFY2(error.message().contains(QLatin1String("not a JSON array")), qPrintable(error.message()));
        }
    }

    void wrongShapesInParsers()
    {
        QString error;
        QVERIFY(!hubgate::parseRepoInfo("[]", hubgate::RepoKind::Model, &error));
        QVERIFY(!error.isEmpty());
        error.clear();
        QVERIFY(!hubgate::parseRepoInfo("{\"id\": \"no-slash\"}", hubgate::RepoKind::Model, &error));
        QVERIFY(!error.isEmpty());
        error.clear();
        QVERIFY(!hubgate::parseRepoInfo("{", hubgate::RepoKind::Model, &error));
        QVERIFY(!error.isEmpty());

        // Items that are not repos are skipped; the good one stays, with odd members tolerated.
        QList<hubgate::RepoSummary> repos;
        QVERIFY(hubgate::parseRepoPage("[42, \"x\", {\"id\": \"a/b/c\"}, {\"id\": \"ns/ok\", \"gated\": \"someday\",\n"
"                                           \"likes\": \"many\", \"lastModified\": \"yesterday\"}]",
                                       hubgate::RepoKind::Dataset, &repos, &error));
        QCOMPARE(repos.size(), 1);
        QCOMPARE(repos[0].id, QStringLiteral("ns/ok"));
        QCOMPARE(int(repos[0].gating), int(hubgate::GatingMode::Unknown));
        QCOMPARE(repos[0].gatingText, QStringLiteral("someday"));
        QCOMPARE(repos[0].likes, 0);
        QVERIFY(!repos[0].lastModified.isValid());
    }

    void hugeRetryAfterFailsRatherThanWaits_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("999999 s") << QByteArray("Retry-After") << QByteArray("999999");
        QTest::newRow("beyond int") << QByteArray("Retry-After") << QByteArray("99999999999");
        QTest::newRow("beyond 64 bits") << QByteArray("Retry-After") << QByteArray("99999999999999999999999");
        QTest::newRow("date far ahead") << QByteArray("Retry-After") << QByteArray("Fri, 31 Dec 9999 23:59:59 GMT");
        QTest::newRow("RateLimit t") << QByteArray("RateLimit") << QByteArray("\"api\";r=0;t=999999");
        QTest::newRow("RateLimit t beyond int") << QByteArray("RateLimit") << QByteArray("\"api\";r=0;t=99999999999");
    }
    void hugeRetryAfterFailsRatherThanWaits()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        client->setRetryPolicy(hubgate::RetryPolicy{}); // the app's own: up to 5 min of server wait
        server->handler = [&](const RecordedRequest &) {
            return ScriptedReply::json(429, "{\"error\":\"slow down\"}").with(header, value);
        };
        JobWatch watch(client->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(watch.wait(5000));
        QCOMPARE(watch.finished.size(), 1);
        QCOMPARE(watch.error.kind, HubError::Kind::RateLimited);
        QCOMPARE(watch.attempts, 1);
        QCOMPARE(watch.retrying.size(), 0);
        QCOMPARE(server->requests.size(), 1);
        QVERIFY(watch.error.retryAfterSeconds > 300);
    }

    void retryAfterInThePastRetriesSoon()
    {
        int calls = 0;
        server->handler = [&](const RecordedRequest &) {
            if (++calls == 1)
                return ScriptedReply::json(503, "{}").with("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");
            return ScriptedReply::json(200, "[]");
        };
        JobWatch watch(client->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(watch.wait(5000));
        QVERIFY(watch.ok);
        QCOMPARE(watch.attempts, 2);
        QCOMPARE(watch.retrying.at(0).at(1).toInt(), 50); // the server's "now" (not our 10 ms backoff)
    }

    void httpDateRetryAfterIsHonoured()
    {
        // Retry-After as an HTTP-date (IMF-fixdate, always "GMT"), two seconds ahead.
        const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(2);
        const QByteArray date = QLocale::c().toString(when, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
        int calls = 0;
        server->handler = [&](const RecordedRequest &) {
            if (++calls == 1)
                return ScriptedReply::json(503, "{}").with("Retry-After", date);
            return ScriptedReply::json(200, "{}");
        };
        JobWatch watch(client->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(watch.wait(10000));
        QVERIFY(watch.ok);
        QCOMPARE(watch.retrying.size(), 1);
        const int wait = watch.retrying.at(0).at(1).toInt();
        QVERIFY2(wait >= 1000 && wait <= 2000, qPrintable(QString::number(wait) + QLatin1Char(' ') + QString::fromLatin1(date)));
    }

    void rateLimitHeaderAloneGivesTheWait()
    {
        int calls = 0;
        server->handler = [&](const RecordedRequest &) {
            if (++calls == 1)
                return ScriptedReply::json(429, "{}").with("RateLimit", "\"api\";r=0;t=1");
            return ScriptedReply::json(200, "{}");
        };
        JobWatch watch(client->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(watch.wait(5000));
        QVERIFY(watch.ok);
        QCOMPARE(watch.retrying.size(), 1);
        QCOMPARE(watch.retrying.at(0).at(1).toInt(), 1000);
    }

    void linkToPlainHttpIsRefused()
    {
        server->handler = [](const RecordedRequest &) {
            return ScriptedReply::json(200, "[1]").with("Link", "<http://example.com/api/page2>; rel=\"next\"");
        };
        JobWatch watch(client->get(QStringLiteral("/api/list"), {}, {}, true));
        QVERIFY(watch.wait());
        QCOMPARE(watch.finished.size(), 1);
        QCOMPARE(watch.error.kind, HubError::Kind::InsecureEndpoint);
        QVERIFY2(watch.error.message().contains(QLatin1String("example.com")), qPrintable(watch.error.message()));
        QCOMPARE(watch.pageReceived.size(), 1);
        QCOMPARE(nam->hostCount(QStringLiteral("example.com")), 0);
        QCOMPARE(server->requests.size(), 1);
    }

    void linkToAnotherOriginGetsNoToken()
    {
        ScriptedServer other;
        QVERIFY(other.listen());
        other.handler = [](const RecordedRequest &) { return ScriptedReply::json(200, "[2]"); };
        const QByteArray link = "<" + other.url(QStringLiteral("/api/page2")).toEncoded() + ">; rel=\"next\"";
        server->handler = [&](const RecordedRequest &) { return ScriptedReply::json(200, "[1]").with("Link", link); };
        JobWatch watch(client->get(QStringLiteral("/api/list"), {}, {}, true));
        QVERIFY(watch.wait());
        QVERIFY(watch.ok);
        QCOMPARE(watch.pages, QList<QByteArray>({"[1]", "[2]"}));
        QCOMPARE(server->requests.value(0).header("Authorization"), "Bearer " + token);
        QCOMPARE(other.requests.size(), 1);
        QVERIFY(!other.requests[0].hasHeader("Authorization"));
    }

    void linkThatGoesRoundInCircles()
    {
        // page 1 -> page 2 -> page 1 -> ...: the job must end, not fetch forever.
        server->handler = [&](const RecordedRequest &request) {
            const QByteArray next = request.target.endsWith("p=2") ? "/api/list?p=1" : "/api/list?p=2";
            return ScriptedReply::json(200, "[]").with("Link", "<" + next + ">; rel=\"next\"");
        };
        JobWatch watch(client->get(QStringLiteral("/api/list"), QUrlQuery(QStringLiteral("p=1")), {}, true));
        QVERIFY(watch.wait(10000));
        QCOMPARE(watch.finished.size(), 1);
        QCOMPARE(watch.error.kind, HubError::Kind::BadReply);
        QVERIFY(server->requests.size() <= 3);
    }

    void silentServerTimesOut()
    {
        client->setRetryPolicy(fastPolicy(2));
        server->handler = [](const RecordedRequest &) {
            ScriptedReply reply;
            reply.hang = true;
            return reply;
        };
        hubgate::HubRequest request;
        request.url = client->url(QStringLiteral("/api/whoami-v2"));
        request.timeoutMs = 300;
        JobWatch watch(client->start(request));
        QVERIFY(watch.wait(10000));
        QCOMPARE(watch.error.kind, HubError::Kind::Timeout);
        QCOMPARE(watch.attempts, 2);
        QCOMPARE(server->requests.size(), 2);
    }

    void serverMessagesAreBoundedAndOptional()
    {
        server->handler = [](const RecordedRequest &request) {
            if (request.target == "/long")
                return ScriptedReply::json(400, "{\"error\":\"" + QByteArray(20000, 'x') + "\"}");
            if (request.target == "/header")
                return ScriptedReply::json(403, "<html>nope</html>").with("X-Error-Message", "Header says no");
            return ScriptedReply::json(418, "<html>teapot</html>");
        };
        JobWatch longOne(client->get(QStringLiteral("/long")));
        QVERIFY(longOne.wait());
        QCOMPARE(longOne.error.kind, HubError::Kind::BadRequest);
        QVERIFY(longOne.error.serverMessage.size() <= 500);

        JobWatch header(client->get(QStringLiteral("/header"), {}, QStringLiteral("ns/repo")));
        QVERIFY(header.wait());
        QCOMPARE(header.error.kind, HubError::Kind::Forbidden);
        QCOMPARE(header.error.serverMessage, QStringLiteral("Header says no"));
        QVERIFY(header.error.message().contains(QLatin1String("ns/repo")));
        QVERIFY(!header.error.message().contains(QLatin1String("<html>")));

        JobWatch teapot(client->get(QStringLiteral("/teapot")));
        QVERIFY(teapot.wait());
        QCOMPARE(teapot.error.kind, HubError::Kind::OtherStatus);
        QVERIFY(teapot.error.message().contains(QLatin1String("HTTP 418")));
        QVERIFY(teapot.error.requestId.isEmpty());
        QVERIFY(!teapot.error.message().contains(QLatin1String("Request ID")));
    }
};

QTEST_GUILESS_MAIN(TestHubClientHostile)
#include "tst_hubclient_hostile.moc"
