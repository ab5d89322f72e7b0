// Each kind of failure from the real emulator becomes the right HubError, with a message a
// person can act on and the server's request ID.
#include "hubclienttest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace hubtest;
using hubgate::HubClient;
using hubgate::HubError;
using testing::EmulatorFixture;

Q_DECLARE_METATYPE(hubgate::HubError::Kind)

class TestHubClientErrors : public QObject
{
    Q_OBJECT
    std::unique_ptr<EmulatorFixture> hub;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<HubClient> client;

    HubClient *clientWith(const QByteArray &token)
    {
        client->setToken(QString::fromLatin1(token));
        return client.get();
    }

    // The request ID is the server's, and the message quotes it.
    static void verifyRequestId(const JobWatch &watch)
    {
        QVERIFY2(watch.error.requestId.startsWith("Root=1-"), watch.error.requestId.constData());
        QVERIFY2(watch.error.message().contains(QString::fromLatin1(watch.error.requestId)),
                 qPrintable(watch.error.message()));
    }

private Q_SLOTS:
    void init()
    {
        hub = std::make_unique<EmulatorFixture>();
        nam = std::make_unique<QNetworkAccessManager>();
        client = std::make_unique<HubClient>(nam.get(), hub->baseUrl());
        client->setRetryPolicy(fastPolicy());
    }
    void cleanup()
    {
        client.reset();
        nam.reset();
        hub.reset();
    }

    void kindForStatus_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<HubError::Kind>("kind");
        QTest::newRow("400") << 400 << HubError::Kind::BadRequest;
        QTest::newRow("401") << 401 << HubError::Kind::InvalidToken;
        QTest::newRow("403") << 403 << HubError::Kind::Forbidden;
        QTest::newRow("404") << 404 << HubError::Kind::NotFound;
        QTest::newRow("409") << 409 << HubError::Kind::Conflict;
        QTest::newRow("412") << 412 << HubError::Kind::PreconditionFailed;
        QTest::newRow("429") << 429 << HubError::Kind::RateLimited;
        QTest::newRow("500") << 500 << HubError::Kind::Server;
        QTest::newRow("503") << 503 << HubError::Kind::Server;
        QTest::newRow("418") << 418 << HubError::Kind::OtherStatus;
    }
    void kindForStatus()
    {
        QFETCH(int, status);
        QFETCH(HubError::Kind, kind);
        QCOMPARE(HubError::kindForStatus(status), kind);
    }

    void invalidToken401()
    {
        JobWatch watch(clientWith("hf_ThisIsNotAToken0000000000000000000")->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(watch.wait());
        QCOMPARE(watch.finished.size(), 1);
        QVERIFY(!watch.ok);
        QCOMPARE(watch.error.kind, HubError::Kind::InvalidToken);
        QCOMPARE(watch.error.httpStatus, 401);
        QCOMPARE(watch.attempts, 1); // a 401 is final
        QVERIFY2(watch.error.message().contains(QLatin1String("invalid or has expired")),
                 qPrintable(watch.error.message()));
        verifyRequestId(watch);
    }

    void forbidden403MentionsTheRepo()
    {
        const QByteArray body = "{\"user\":\"grace-kim\",\"status\":\"accepted\"}";
        const QString path = QStringLiteral("/api/models/nimbus-ai/nimbus-7b/user-access-request/handle");
        JobWatch watch(clientWith(EmulatorFixture::readToken())
                           ->sendJson("POST", path, body, QStringLiteral("nimbus-ai/nimbus-7b"), false));
        QVERIFY(watch.wait());
        QVERIFY(!watch.ok);
        QCOMPARE(watch.error.kind, HubError::Kind::Forbidden);
        QCOMPARE(watch.error.httpStatus, 403);
        QVERIFY2(watch.error.message().contains(QLatin1String("nimbus-ai/nimbus-7b")), qPrintable(watch.error.message()));
        // The server's own explanation is kept.
        QVERIFY2(watch.error.serverMessage.contains(QLatin1String("read token")), qPrintable(watch.error.serverMessage));
        QVERIFY(watch.error.message().contains(watch.error.serverMessage));
        verifyRequestId(watch);
        // Nothing changed: grace-kim's request is still pending.
        emu::HubState &state = hub->api().state();
        const emu::User *grace = state.userByName("grace-kim");
        QVERIFY(grace);
        QCOMPARE(QString::fromStdString(state.repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b")
                                            ->findRequest(grace->id)->status),
                 QStringLiteral("pending"));

        // Without a subject the message still names the repo, through the server's words.
        JobWatch bare(client->sendJson("POST", path, body, {}, false));
        QVERIFY(bare.wait());
        QCOMPARE(bare.error.kind, HubError::Kind::Forbidden);
        QVERIFY2(bare.error.message().contains(QLatin1String("nimbus-ai/nimbus-7b")), qPrintable(bare.error.message()));
    }

    void notFound404()
    {
        JobWatch watch(clientWith(EmulatorFixture::writeToken())
                           ->get(QStringLiteral("/api/models/nimbus-ai/no-such-model"), {},
                                 QStringLiteral("nimbus-ai/no-such-model")));
        QVERIFY(watch.wait());
        QCOMPARE(watch.error.kind, HubError::Kind::NotFound);
        QCOMPARE(watch.error.httpStatus, 404);
        QCOMPARE(watch.attempts, 1);
        QVERIFY2(watch.error.message().contains(QLatin1String("nimbus-ai/no-such-model")), qPrintable(watch.error.message()));
        QVERIFY2(watch.error.message().contains(QLatin1String("not found")), qPrintable(watch.error.message()));
        QCOMPARE(watch.error.errorCode, QStringLiteral("RepoNotFound"));
        verifyRequestId(watch);
    }

    void privateRepoOfSomeoneElseIs404()
    {
        JobWatch watch(clientWith(EmulatorFixture::writeToken())
                           ->get(QStringLiteral("/api/models/leo-hartmann/private-notes"), {},
                                 QStringLiteral("leo-hartmann/private-notes")));
        QVERIFY(watch.wait());
        QCOMPARE(watch.error.kind, HubError::Kind::NotFound);
    }

    void badRequest400()
    {
        JobWatch watch(clientWith(EmulatorFixture::writeToken())
                           ->get(QStringLiteral("/api/models/nimbus-ai/nimbus-7b/user-access-request/pending"),
                                 QUrlQuery(QStringLiteral("limit=5"))));
        QVERIFY(watch.wait());
        QCOMPARE(watch.error.kind, HubError::Kind::BadRequest);
        QCOMPARE(watch.error.httpStatus, 400);
        QCOMPARE(watch.attempts, 1);
        const QString message = watch.error.message();
        QVERIFY2(message.contains(QLatin1String("refused")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("\"limit\" must be an integer between 10 and 1000")), qPrintable(message));
        verifyRequestId(watch);
    }

    void preconditionFailed412OnStaleCommit()
    {
        clientWith(EmulatorFixture::writeToken());
        const QString repo = QStringLiteral("mira-patel/sketch-diffusion");
        const std::string head = hub->api().state().repo(emu::RepoType::Model, "mira-patel", "sketch-diffusion")
                                     ->headCommit()->oid;
        QJsonObject commit{{QStringLiteral("summary"), QStringLiteral("Add notes")},
                           {QStringLiteral("parentCommit"), QString::fromStdString(head)},
                           {QStringLiteral("files"),
                            QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("notes.txt")},
                                                   {QStringLiteral("content"), QStringLiteral("hello\n")}}}}};
        const QByteArray body = QJsonDocument(commit).toJson(QJsonDocument::Compact);
        const QString path = QStringLiteral("/api/models/mira-patel/sketch-diffusion/commit/main");
        JobWatch first(client->sendJson("POST", path, body, repo, false));
        QVERIFY(first.wait());
        QVERIFY2(first.ok, qPrintable(first.error.message()));

        // The same parent again: the branch has moved since.
        JobWatch second(client->sendJson("POST", path, body, repo, false));
        QVERIFY(second.wait());
        QCOMPARE(second.error.kind, HubError::Kind::PreconditionFailed);
        QCOMPARE(second.error.httpStatus, 412);
        QCOMPARE(second.attempts, 1);
        QVERIFY2(second.error.message().contains(repo), qPrintable(second.error.message()));
        QVERIFY2(second.error.message().contains(QLatin1String("changed on the Hub")), qPrintable(second.error.message()));
        verifyRequestId(second);
    }

    void serverErrorAfterRetriesExhausted()
    {
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"status\",\"status\":503,\"path\":\"/api/whoami-v2\",\"times\":-1}"));
        resetCalls(*hub);
        JobWatch watch(clientWith(EmulatorFixture::writeToken())->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(watch.wait());
        QCOMPARE(watch.finished.size(), 1);
        QCOMPARE(watch.error.kind, HubError::Kind::Server);
        QCOMPARE(watch.error.httpStatus, 503);
        QCOMPARE(watch.attempts, 3);
        QCOMPARE(watch.retrying.size(), 2);
        QCOMPARE(callCount(*hub, "GET /api/whoami-v2"), 3);
        QVERIFY2(watch.error.message().contains(QLatin1String("HTTP 503")), qPrintable(watch.error.message()));
        verifyRequestId(watch);
    }

    void notImplemented501IsNotRetried()
    {
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"status\",\"status\":501,\"path\":\"/api/whoami-v2\",\"times\":-1}"));
        resetCalls(*hub);
        JobWatch watch(clientWith(EmulatorFixture::writeToken())->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(watch.wait());
        QCOMPARE(watch.error.kind, HubError::Kind::Server);
        QCOMPARE(watch.attempts, 1);
        QCOMPARE(watch.retrying.size(), 0);
        QCOMPARE(callCount(*hub, "GET /api/whoami-v2"), 1);
    }

    void rateLimited429AfterRetriesExhausted()
    {
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"status\",\"status\":429,\"path\":\"/api/whoami-v2\",\"times\":-1,\"retry-after\":0}"));
        resetCalls(*hub);
        JobWatch watch(clientWith(EmulatorFixture::writeToken())->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(watch.wait());
        QCOMPARE(watch.error.kind, HubError::Kind::RateLimited);
        QCOMPARE(watch.error.httpStatus, 429);
        QCOMPARE(watch.attempts, 3);
        QCOMPARE(callCount(*hub, "GET /api/whoami-v2"), 3);
        QCOMPARE(watch.error.retryAfterSeconds, 0);
        verifyRequestId(watch);
    }

    void rateLimited429SaysHowLong()
    {
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"status\",\"status\":429,\"method\":\"POST\",\"path\":\"/api/*/handle\",\"times\":1,\"retry-after\":7}"));
        JobWatch watch(clientWith(EmulatorFixture::writeToken())
                           ->sendJson("POST", QStringLiteral("/api/models/nimbus-ai/nimbus-7b/user-access-request/handle"),
                                      "{\"user\":\"grace-kim\",\"status\":\"accepted\"}", QStringLiteral("nimbus-ai/nimbus-7b"),
                                      false));
        QVERIFY(watch.wait());
        QCOMPARE(watch.error.kind, HubError::Kind::RateLimited);
        QCOMPARE(watch.error.retryAfterSeconds, 7);
        QVERIFY2(watch.error.message().contains(QLatin1String("limiting requests")), qPrintable(watch.error.message()));
        QVERIFY2(watch.error.message().contains(QLatin1String("7 s")), qPrintable(watch.error.message()));
        verifyRequestId(watch);
    }

    void successHasNoError()
    {
        JobWatch watch(clientWith(EmulatorFixture::writeToken())->get(QStringLiteral("/api/whoami-v2")));
        QVERIFY(watch.wait());
        QVERIFY(watch.ok);
        QCOMPARE(watch.httpStatus, 200);
        QCOMPARE(watch.error.kind, HubError::Kind::None);
        QVERIFY(watch.error.message().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHubClientErrors)
#include "tst_hubclient_errors.moc"
