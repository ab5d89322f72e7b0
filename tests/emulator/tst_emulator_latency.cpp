// --latency and latency faults: answers are delayed by timers, so requests in flight together
// wait together instead of one after the other, and jitter stays within its bounds.
#include "emulatortest.h"

#include <QElapsedTimer>
#include <QNetworkReply>

#include <algorithm>

using namespace emutest;

namespace {

const std::string whoami = "/api/whoami-v2";

struct Timing
{
    qint64 totalMs = 0;
    std::vector<qint64> eachMs; // per request, from sending to the end of its reply
    int failures = 0;
};

// Sends `count` GETs at once, each on its own connection (one QNetworkAccessManager each: one
// manager would queue past its six connections per host), and waits for all of them.
Timing concurrentGets(Hub &hub, int count)
{
    std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
    Timing timing;
    int finished = 0;
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < count; ++i) {
        managers.push_back(std::make_unique<QNetworkAccessManager>());
        QNetworkRequest request(QUrl(QString::fromStdString(hub.base() + whoami)));
        request.setRawHeader("Authorization", "Bearer " + EmulatorFixture::writeToken());
        QNetworkReply *reply = managers.back()->get(request);
        const qint64 sent = clock.elapsed();
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, sent] {
            timing.eachMs.push_back(clock.elapsed() - sent);
            if (reply->error() != QNetworkReply::NoError)
                ++timing.failures;
            ++finished;
            reply->deleteLater();
        });
    }
    if (!QTest::qWaitFor([&] { return finished == count; }, 20000))
        timing.failures += count - finished;
    timing.totalMs = clock.elapsed();
    return timing;
}

} // namespace

class TestEmulatorLatency : public QObject
{
    Q_OBJECT
    std::unique_ptr<Hub> hub;

private Q_SLOTS:
    void init() { hub = std::make_unique<Hub>(); }
    void cleanup() { hub.reset(); }

    void concurrentRequestsWaitTogether_data()
    {
        QTest::addColumn<bool>("asFault"); // a kind=latency fault rule instead of --latency
        QTest::newRow("--latency") << false;
        QTest::newRow("latency fault") << true;
    }
    void concurrentRequestsWaitTogether()
    {
        QFETCH(bool, asFault);
        constexpr int latency = 200, requests = 8;
        if (asFault)
            QCOMPARE(hub->post("/_emulator/faults", Json{{"kind", "latency"}, {"ms", latency}}).status, 200);
        else
            QVERIFY(hub->api().faults().setLatency(latency, 0));
        const Timing timing = concurrentGets(*hub, requests);
        QCOMPARE(timing.failures, 0);
        QCOMPARE(int(timing.eachMs.size()), requests);
        for (const qint64 ms : timing.eachMs)
            QVERIFY2(ms >= latency, qPrintable(QString::number(ms)));
        // One after the other would take 8 x 200 ms; even two rounds would take 400 ms.
        QVERIFY2(timing.totalMs >= latency && timing.totalMs < 2 * latency,
                 qPrintable(QString::number(timing.totalMs)));
    }

    void jitterStaysWithinBounds()
    {
        QVERIFY(hub->api().faults().setLatency(150, 100)); // 50 to 250 ms
        const Timing timing = concurrentGets(*hub, 16);
        QCOMPARE(timing.failures, 0);
        const auto [shortest, longest] = std::minmax_element(timing.eachMs.begin(), timing.eachMs.end());
        QVERIFY2(*shortest >= 50, qPrintable(QString::number(*shortest)));
        QVERIFY2(*longest < 250 + 100, qPrintable(QString::number(*longest)));
        QVERIFY2(*longest - *shortest > 20, "every request waited the same: no jitter");

        // The draws themselves, without the network: within [50, 250] and spread over it.
        int low = 1000, high = 0;
        for (int i = 0; i < 2000; ++i) {
            const int ms = hub->api().faults().decide("GET", whoami).latencyMs;
            low = std::min(low, ms);
            high = std::max(high, ms);
        }
        QVERIFY2(low >= 50 && low < 60, qPrintable(QString::number(low)));
        QVERIFY2(high <= 250 && high > 240, qPrintable(QString::number(high)));
    }

    void controlEndpoint()
    {
        const Reply set = hub->put("/_emulator/latency", Json{{"ms", 120}, {"jitter", 20}});
        QCOMPARE(set.status, 200);
        JCOMPARE(set.json()["latency"], (Json{{"ms", 120}, {"jitter", 20}}));
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(hub->get(whoami, EmulatorFixture::writeToken()).status, 200);
        QVERIFY(clock.elapsed() >= 100);
        // Control endpoints are not delayed.
        clock.restart();
        QCOMPARE(hub->get("/_emulator/health").status, 200);
        QVERIFY2(clock.elapsed() < 100, qPrintable(QString::number(clock.elapsed())));

        for (const Json &bad : {Json{{"ms", -1}}, Json{{"ms", 10}, {"jitter", 11}}, Json{{"ms", "slow"}},
                                Json{{"jitter", 5}}, Json{{"ms", 700000}}})
            QCOMPARE(hub->put("/_emulator/latency", bad).status, 400);
        JCOMPARE(hub->get("/_emulator/faults").json()["latency"], (Json{{"ms", 120}, {"jitter", 20}}));
        QCOMPARE(hub->put("/_emulator/latency", Json{{"ms", 0}}).status, 200);
        clock.restart();
        QCOMPARE(hub->get(whoami, EmulatorFixture::writeToken()).status, 200);
        QVERIFY2(clock.elapsed() < 100, qPrintable(QString::number(clock.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorLatency)
#include "tst_emulator_latency.moc"
