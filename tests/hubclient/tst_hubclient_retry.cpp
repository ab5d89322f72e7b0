// Retries (429 with Retry-After, dropped connections), timeouts and cancel() on the real
// emulator; finished() comes exactly once in every case.
#include "hubclienttest.h"

#include <QTest>
#include <QUrlQuery>

#include <functional>

#include <memory>

using namespace hubtest;
using hubgate::HubClient;
using hubgate::HubError;
using hubgate::HubJob;
using hubgate::HubRequest;
using testing::EmulatorFixture;

namespace {
const QByteArray whoamiCall = "GET /api/whoami-v2";
const QString handlePath = QStringLiteral("/api/models/nimbus-ai/nimbus-7b/user-access-request/handle");
const QByteArray handleCall = "POST /api/models/nimbus-ai/nimbus-7b/user-access-request/handle";
} // namespace

class TestHubClientRetry : public QObject
{
    Q_OBJECT
    std::unique_ptr<EmulatorFixture> hub;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<HubClient> client;

    HubJob *whoami(int timeoutMs = 30000)
    {
        HubRequest request;
        request.url = client->url(QStringLiteral("/api/whoami-v2"));
        request.timeoutMs = timeoutMs;
        request.subject = QStringLiteral("your account");
        return client->start(request);
    }

    // True when the condition stays false for the whole period (for "this never happens").
    static bool staysFalse(const std::function<bool()> &condition, int ms)
    {
        return !QTest::qWaitFor(condition, ms);
    }

private Q_SLOTS:
    void init()
    {
        hub = std::make_unique<EmulatorFixture>();
        nam = std::make_unique<QNetworkAccessManager>();
        client = std::make_unique<HubClient>(nam.get(), hub->baseUrl());
        client->setToken(QString::fromLatin1(EmulatorFixture::writeToken()));
        client->setRetryPolicy(fastPolicy(5));
        resetCalls(*hub);
    }
    void cleanup()
    {
        QCOMPARE(client->activeJobs(), 0); // every job finished and was counted down
        client.reset();
        nam.reset();
        hub.reset();
    }

    void retriesAfter429HonouringRetryAfter()
    {
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"status\",\"status\":429,\"path\":\"/api/whoami-v2\",\"times\":2,\"retry-after\":1}"));
        QSignalSpy clientRetrying(client.get(), &HubClient::retrying);
        JobWatch watch(whoami());
        QVERIFY(watch.wait(20000));
        QCOMPARE(watch.finished.size(), 1);
        QVERIFY2(watch.ok, qPrintable(watch.error.message()));
        QCOMPARE(watch.attempts, 3);
        QCOMPARE(callCount(*hub, whoamiCall), 3);
        QCOMPARE(watch.retrying.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const QList<QVariant> args = watch.retrying.at(i);
            QCOMPARE(args.at(0).toInt(), i + 1);  // the attempt that failed
            QCOMPARE(args.at(1).toInt(), 1000);   // the server's wait, not our 10 ms backoff
            QVERIFY2(args.at(2).toString().contains(QLatin1String("waiting 1 s")), qPrintable(args.at(2).toString()));
        }
        QVERIFY2(watch.elapsedMs >= 1900, qPrintable(QString::number(watch.elapsedMs))); // it did wait
        QCOMPARE(clientRetrying.size(), 2);
        QVERIFY(watch.pages.value(0).contains("mira-patel"));
    }

    void retriesAfterRateLimitHeader()
    {
        // The emulator's own rate limit: 429 with Retry-After and RateLimit: "api";r=0;t=N.
        testing::Reply limit = testing::send(*nam, "PUT", hub->url(QStringLiteral("/_emulator/rate-limit")), {},
                                             "{\"limit\":1,\"window\":1}");
        QCOMPARE(limit.status, 200);
        JobWatch first(whoami());
        QVERIFY(first.wait());
        QVERIFY(first.ok);
        JobWatch second(whoami());
        QVERIFY(second.wait(20000));
        QVERIFY2(second.ok, qPrintable(second.error.message()));
        QVERIFY(second.attempts >= 2);
        QVERIFY(second.retrying.size() >= 1);
        QVERIFY(second.retrying.at(0).at(1).toInt() <= 1000);
    }

    void postIsNotRetried()
    {
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"status\",\"status\":429,\"method\":\"POST\",\"path\":\"/api/*/handle\",\"times\":2,\"retry-after\":1}"));
        JobWatch watch(client->sendJson("POST", handlePath, "{\"user\":\"grace-kim\",\"status\":\"accepted\"}",
                                        QStringLiteral("nimbus-ai/nimbus-7b"), false));
        QVERIFY(watch.wait());
        QCOMPARE(watch.finished.size(), 1);
        QCOMPARE(watch.error.kind, HubError::Kind::RateLimited);
        QCOMPARE(watch.attempts, 1);
        QCOMPARE(watch.retrying.size(), 0);
        QCOMPARE(callCount(*hub, handleCall), 1);
        // Still only one call a moment later: no retry was scheduled.
        QVERIFY(staysFalse([this] { return callCount(*hub, handleCall) > 1; }, 1500));
    }

    void idempotentPutIsRetried()
    {
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"status\",\"status\":503,\"method\":\"PUT\",\"path\":\"/api/*/settings\",\"times\":1}"));
        JobWatch watch(client->sendJson("PUT", QStringLiteral("/api/models/mira-patel/sketch-diffusion/settings"),
                                        "{\"discussionsDisabled\":true}", QStringLiteral("mira-patel/sketch-diffusion"),
                                        true));
        QVERIFY(watch.wait());
        QVERIFY2(watch.ok, qPrintable(watch.error.message()));
        QCOMPARE(watch.attempts, 2);
        QVERIFY(hub->api().state().repo(emu::RepoType::Model, "mira-patel", "sketch-diffusion")->discussionsDisabled);
    }

    void droppedConnectionIsRetried()
    {
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"drop\",\"path\":\"/api/whoami-v2\",\"times\":1}"));
        JobWatch watch(whoami());
        QVERIFY(watch.wait());
        QCOMPARE(watch.finished.size(), 1);
        QVERIFY2(watch.ok, qPrintable(watch.error.message()));
        QCOMPARE(watch.attempts, 2);
        QCOMPARE(watch.retrying.size(), 1);
        QCOMPARE(callCount(*hub, whoamiCall), 2);
        QVERIFY(watch.pages.value(0).contains("mira-patel")); // the whole body, not the cut one
    }

    void droppedEveryTimeFailsWithNetwork()
    {
        client->setRetryPolicy(fastPolicy(3));
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"drop\",\"path\":\"/api/whoami-v2\",\"times\":-1}"));
        JobWatch watch(whoami());
        QVERIFY(watch.wait());
        QCOMPARE(watch.finished.size(), 1);
        QCOMPARE(watch.error.kind, HubError::Kind::Network);
        QCOMPARE(watch.attempts, 3);
        QCOMPARE(watch.retrying.size(), 2);
        QCOMPARE(callCount(*hub, whoamiCall), 3);
        QVERIFY(watch.pages.isEmpty()); // half a body is no page
        QVERIFY2(watch.error.message().contains(QLatin1String("Could not reach the Hub")), qPrintable(watch.error.message()));
    }

    void droppedPostIsNotRetried()
    {
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"drop\",\"method\":\"POST\",\"path\":\"/api/*/handle\",\"times\":-1}"));
        JobWatch watch(client->sendJson("POST", handlePath, "{\"user\":\"grace-kim\",\"status\":\"accepted\"}",
                                        QStringLiteral("nimbus-ai/nimbus-7b"), false));
        QVERIFY(watch.wait());
        QCOMPARE(watch.error.kind, HubError::Kind::Network);
        QCOMPARE(watch.attempts, 1);
        QCOMPARE(callCount(*hub, handleCall), 1);
    }

    void timeoutWithoutRetry()
    {
        client->setRetryPolicy(fastPolicy(1));
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"latency\",\"ms\":3000,\"path\":\"/api/whoami-v2\",\"times\":-1}"));
        JobWatch watch(whoami(300));
        QVERIFY(watch.wait());
        QCOMPARE(watch.finished.size(), 1);
        QCOMPARE(watch.error.kind, HubError::Kind::Timeout);
        QCOMPARE(watch.attempts, 1);
        QVERIFY2(watch.elapsedMs < 2500, qPrintable(QString::number(watch.elapsedMs))); // not the server's 3 s
        QVERIFY2(watch.error.message().contains(QLatin1String("did not answer in time")), qPrintable(watch.error.message()));
    }

    void timeoutIsRetriedThenFails()
    {
        client->setRetryPolicy(fastPolicy(2));
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"latency\",\"ms\":3000,\"path\":\"/api/whoami-v2\",\"times\":-1}"));
        JobWatch watch(whoami(300));
        QVERIFY(watch.wait());
        QCOMPARE(watch.error.kind, HubError::Kind::Timeout);
        QCOMPARE(watch.attempts, 2);
        QCOMPARE(watch.retrying.size(), 1);
        QCOMPARE(callCount(*hub, whoamiCall), 2);
    }

    void timeoutThenSuccess()
    {
        client->setRetryPolicy(fastPolicy(3));
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"latency\",\"ms\":3000,\"path\":\"/api/whoami-v2\",\"times\":1}"));
        JobWatch watch(whoami(300));
        QVERIFY(watch.wait());
        QVERIFY2(watch.ok, qPrintable(watch.error.message()));
        QCOMPARE(watch.attempts, 2);
    }

    void cancelWhileInFlight()
    {
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"latency\",\"ms\":2000,\"path\":\"/api/whoami-v2\",\"times\":1}"));
        JobWatch watch(whoami());
        QVERIFY(QTest::qWaitFor([this] { return callCount(*hub, whoamiCall) == 1; }, 5000)); // on the wire
        QVERIFY(watch.job);
        watch.job->cancel();
        QCOMPARE(watch.finished.size(), 1); // synchronously
        QCOMPARE(watch.error.kind, HubError::Kind::Cancelled);
        QVERIFY(!watch.ok);
        if (watch.job)
            watch.job->cancel(); // twice changes nothing
        QVERIFY(watch.wait());
        QCOMPARE(watch.finished.size(), 1);
        QCOMPARE(watch.error.message(), QStringLiteral("Cancelled."));
    }

    void cancelDuringRetryWait()
    {
        QVERIFY(addFault(*hub, *nam, "{\"kind\":\"status\",\"status\":429,\"path\":\"/api/whoami-v2\",\"times\":1,\"retry-after\":1}"));
        JobWatch watch(whoami());
        QVERIFY(watch.retrying.wait(5000)); // now waiting the server's second
        QCOMPARE(watch.finished.size(), 0);
        watch.job->cancel();
        QVERIFY(watch.wait());
        QCOMPARE(watch.finished.size(), 1);
        QCOMPARE(watch.error.kind, HubError::Kind::Cancelled);
        QCOMPARE(watch.attempts, 1);
        // The retry that was scheduled never goes out.
        QVERIFY(staysFalse([this] { return callCount(*hub, whoamiCall) > 1; }, 1600));
        QCOMPARE(watch.finished.size(), 1);
    }

    void cancelBeforeAnInsecureFailure()
    {
        // start() queues the InsecureEndpoint failure; a cancel() first wins, and only once.
        client->setEndpoint(QUrl(QStringLiteral("http://example.com")));
        JobWatch watch(client->get(QStringLiteral("/api/whoami-v2")));
        QCOMPARE(watch.finished.size(), 0); // callers can still connect after start()
        watch.job->cancel();
        QVERIFY(watch.wait());
        QCOMPARE(watch.finished.size(), 1);
        QCOMPARE(watch.error.kind, HubError::Kind::Cancelled);
    }

    void cancelFromPageReceivedStopsPaging()
    {
        HubJob *job = client->get(QStringLiteral("/api/models/nimbus-ai/nimbus-7b/user-access-request/pending"),
                                  QUrlQuery(QStringLiteral("limit=100")), {}, true);
        JobWatch watch(job);
        connect(job, &HubJob::pageReceived, job, [job](const QByteArray &, int index) {
            if (index == 1)
                job->cancel();
        });
        QVERIFY(watch.wait());
        QCOMPARE(watch.finished.size(), 1);
        QCOMPARE(watch.error.kind, HubError::Kind::Cancelled);
        QCOMPARE(watch.pageReceived.size(), 2);
        QCOMPARE(callCount(*hub, "GET /api/models/nimbus-ai/nimbus-7b/user-access-request/pending"), 2);
    }

    void activityCountsEveryJob()
    {
        QSignalSpy activity(client.get(), &HubClient::activityChanged);
        JobWatch a(whoami());
        JobWatch b(whoami());
        QCOMPARE(client->activeJobs(), 2);
        QVERIFY(a.wait());
        QVERIFY(b.wait());
        QCOMPARE(client->activeJobs(), 0);
        QCOMPARE(activity.size(), 4);
        QCOMPARE(activity.last().at(0).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHubClientRetry)
#include "tst_hubclient_retry.moc"
