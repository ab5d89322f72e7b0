// Fault injection (latency, status, drop, times/skip) and the per-token rate limit.
#include "emulatortest.h"

#include <QElapsedTimer>
#include <QRegularExpression>

using namespace emutest;

namespace {

const std::string whoami = "/api/whoami-v2";

// "r" or "t" of a RateLimit header such as "api";r=4;t=60 (-1 when absent).
int rateLimitValue(const Reply &reply, const char *name)
{
    const QRegularExpression pattern(QStringLiteral("^\"api\";r=(\\d+);t=(\\d+)$"));
    const auto match = pattern.match(QString::fromUtf8(reply.header("RateLimit")));
    if (!match.hasMatch())
        return -1;
    return match.captured(QLatin1StringView(name) == QLatin1StringView("r") ? 1 : 2).toInt();
}

} // namespace

class TestEmulatorFaults : public QObject
{
    Q_OBJECT
    std::unique_ptr<Hub> hub;

    Reply addFault(const Json &rule)
    {
        return hub->post("/_emulator/faults", rule);
    }

    Json rules() { return hub->get("/_emulator/faults").json()["rules"]; }

private Q_SLOTS:
    void init() { hub = std::make_unique<Hub>(); }
    void cleanup()
    {
        QCOMPARE(hub->missingRequestIds, 0);
        hub.reset();
    }

    // ---- FaultRule::parse, the --fault syntax ----

    void parseValid()
    {
        std::string error;
        const auto rule = emu::FaultRule::parse(
            "kind=status,status=429,path=/api/*/batch,method=post,times=2,skip=1,retry-after=3", &error);
        QVERIFY2(rule, error.c_str());
        QVERIFY(rule->kind == emu::FaultRule::Kind::Status);
        QCOMPARE(rule->status, 429);
        QCOMPARE(rule->path, std::string("/api/*/batch"));
        QCOMPARE(rule->method, std::string("POST")); // upper-cased
        QCOMPARE(rule->times, 2);
        QCOMPARE(rule->skip, 1);
        QCOMPARE(rule->retryAfterSeconds, 3);

        const auto latency = emu::FaultRule::parse("kind=latency,ms=250", &error);
        QVERIFY(latency && latency->kind == emu::FaultRule::Kind::Latency);
        QCOMPARE(latency->latencyMs, 250);
        QCOMPARE(latency->path, std::string("*"));
        QCOMPARE(latency->times, -1); // always
        const auto drop = emu::FaultRule::parse("kind=drop,path=/api/models", &error);
        QVERIFY(drop && drop->kind == emu::FaultRule::Kind::Drop);
        // status is the default kind, 503 the default status.
        const auto plain = emu::FaultRule::parse("path=/api/*", &error);
        QVERIFY(plain && plain->kind == emu::FaultRule::Kind::Status && plain->status == 503);
    }

    void parseInvalid_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("message"); // a piece of the expected explanation
        QTest::newRow("unknown kind") << QStringLiteral("kind=explode") << QStringLiteral("kind");
        QTest::newRow("status not an error") << QStringLiteral("kind=status,status=200") << QStringLiteral("status");
        QTest::newRow("negative latency") << QStringLiteral("kind=latency,ms=-5") << QStringLiteral("ms");
        QTest::newRow("relative path") << QStringLiteral("path=api/models") << QStringLiteral("path");
        QTest::newRow("unknown option") << QStringLiteral("kind=status,colour=red") << QStringLiteral("colour");
        QTest::newRow("not a number") << QStringLiteral("kind=status,times=twice") << QStringLiteral("times");
        QTest::newRow("no equals sign") << QStringLiteral("kind=status,loud") << QStringLiteral("loud");
    }
    void parseInvalid()
    {
        QFETCH(QString, spec);
        QFETCH(QString, message);
        std::string error;
        QVERIFY(!emu::FaultRule::parse(spec.toStdString(), &error));
        QVERIFY2(error.find(message.toStdString()) != std::string::npos, error.c_str());
    }

    // ---- faults over HTTP ----

    void latency()
    {
        QCOMPARE(addFault(Json{{"kind", "latency"}, {"ms", 400}, {"path", whoami}}).status, 200);
        QElapsedTimer timer;
        timer.start();
        const Reply slow = hub->get(whoami, EmulatorFixture::writeToken());
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(slow.status, 200); // delayed, not failed
        QVERIFY2(elapsed >= 400, qPrintable(QString::number(elapsed)));
        JCOMPARE(slow.json()["name"], "mira-patel");
        hub->get("/api/models"); // another path: not matched
        Json rule = rules()[0];
        JCOMPARE(rule["matched"], 1);
        JCOMPARE(rule["fired"], 1);
    }

    void tooManyRequests()
    {
        QCOMPARE(addFault(Json{{"kind", "status"}, {"status", 429}, {"retry-after", 7}, {"path", "/api/models*"}}).status, 200);
        const Reply reply = hub->get("/api/models?author=nimbus-ai");
        QCOMPARE(reply.status, 429);
        QCOMPARE(header(reply, "Retry-After"), std::string("7"));
        QCOMPARE(rateLimitValue(reply, "r"), 0);
        QCOMPARE(rateLimitValue(reply, "t"), 7);
        QVERIFY(QString::fromUtf8(reply.header("RateLimit-Policy"))
                    .contains(QRegularExpression(QStringLiteral("^\"fixed window\";\"api\";q=\\d+;w=\\d+$"))));
        QVERIFY(reply.json()["error"].is_string());
        QVERIFY(!reply.header("X-Error-Message").isEmpty());
        QCOMPARE(hub->get(whoami, EmulatorFixture::writeToken()).status, 200); // other paths pass
    }

    void serverError()
    {
        QCOMPARE(addFault(Json{{"kind", "status"}, {"status", 503}, {"method", "POST"},
                               {"path", "/api/*/user-access-request/handle"}}).status, 200);
        const std::string handle = "/api/models/nimbus-ai/nimbus-7b/user-access-request/handle";
        const Reply reply = hub->post(handle, Json{{"user", "grace-kim"}, {"status", "accepted"}}, EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 503);
        QVERIFY(reply.json()["error"].is_string());
        QVERIFY(reply.header("Retry-After").isEmpty());
        // The handler did not run.
        QCOMPARE(hub->request("nimbus-ai/nimbus-7b", "grace-kim")->status, std::string("pending"));
        // GET on the same family of paths is not matched by a POST rule.
        QCOMPARE(hub->get("/api/models/nimbus-ai/nimbus-7b/user-access-request/pending?limit=10",
                          EmulatorFixture::writeToken()).status, 200);
    }

    void dropAfterApplying()
    {
        QCOMPARE(addFault(Json{{"kind", "drop"}, {"method", "POST"}, {"path", "/api/*/user-access-request/handle"}}).status, 200);
        const Reply reply = hub->post("/api/models/nimbus-ai/nimbus-7b/user-access-request/handle",
                                      Json{{"user", "grace-kim"}, {"status", "accepted"}}, EmulatorFixture::writeToken());
        QVERIFY2(reply.error != QNetworkReply::NoError, "the client must see the connection cut short");
        // The change happened anyway: the dangerous case a client must handle by re-reading.
        QCOMPARE(hub->request("nimbus-ai/nimbus-7b", "grace-kim")->status, std::string("accepted"));
        JCOMPARE(rules()[0]["fired"], 1);
        // The server still answers afterwards.
        QCOMPARE(hub->get(whoami, EmulatorFixture::writeToken()).status, 200);
    }

    void timesAndSkip()
    {
        QCOMPARE(addFault(Json{{"kind", "status"}, {"status", 503}, {"path", whoami}, {"skip", 1}, {"times", 2}}).status, 200);
        std::vector<int> statuses;
        for (int i = 0; i < 5; ++i)
            statuses.push_back(hub->get(whoami, EmulatorFixture::writeToken()).status);
        // The first call passes (skip), the next two fail (times), then it is spent.
        QCOMPARE(statuses, (std::vector<int>{200, 503, 503, 200, 200}));
        Json rule = rules()[0];
        JCOMPARE(rule["matched"], 5);
        JCOMPARE(rule["fired"], 2);
    }

    void firstStatusRuleWins()
    {
        // Latency adds up with a status rule; of two status rules the first one answers.
        addFault(Json{{"rules", {Json{{"kind", "latency"}, {"ms", 150}},
                                 Json{{"kind", "status"}, {"status", 502}, {"path", whoami}},
                                 Json{{"kind", "status"}, {"status", 504}, {"path", whoami}}}}});
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(hub->get(whoami).status, 502);
        QVERIFY(timer.elapsed() >= 150);
        JCOMPARE(rules()[2]["fired"], 0);
    }

    void deleteClears()
    {
        addFault(Json{{"kind", "status"}, {"status", 500}});
        hub->put("/_emulator/rate-limit", Json{{"limit", 1}, {"window", 60}});
        QCOMPARE(hub->get(whoami, EmulatorFixture::writeToken()).status, 500);
        const Reply cleared = hub->del("/_emulator/faults");
        QCOMPARE(cleared.status, 200);
        JCOMPARE(cleared.json()["rules"], Json::array());
        JCOMPARE(cleared.json()["rateLimit"]["limit"], 0);
        for (int i = 0; i < 3; ++i) {
            const Reply reply = hub->get(whoami, EmulatorFixture::writeToken());
            QCOMPARE(reply.status, 200);
            QVERIFY(reply.header("RateLimit").isEmpty());
        }
    }

    void controlRoutesAreNeverFaulted()
    {
        addFault(Json{{"kind", "status"}, {"status", 503}}); // every path, every method
        QCOMPARE(hub->get(whoami).status, 503);
        QCOMPARE(hub->get("/_emulator/faults").status, 200);
        QCOMPARE(hub->del("/_emulator/faults").status, 200);
        QCOMPARE(hub->get(whoami).status, 401);
    }

    void badRulesAddNothing()
    {
        const Reply reply = addFault(Json{{"rules", {Json{{"kind", "latency"}, {"ms", 10}}, Json{{"kind", "boom"}}}}});
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.json()["error"].get<std::string>().find("kind") != std::string::npos);
        JCOMPARE(rules(), Json::array()); // not even the valid first rule
        QCOMPARE(hub->send("POST", "/_emulator/faults", {}, "kind=status").status, 400);
    }

    // ---- rate limit ----

    void rateLimit()
    {
        const Reply set = hub->put("/_emulator/rate-limit", Json{{"limit", 5}, {"window", 60}});
        QCOMPARE(set.status, 200);
        JCOMPARE(set.json()["rateLimit"], (Json{{"limit", 5}, {"window", 60}}));
        for (int call = 1; call <= 5; ++call) {
            const Reply reply = hub->get(whoami, EmulatorFixture::writeToken());
            QCOMPARE(reply.status, 200);
            QCOMPARE(rateLimitValue(reply, "r"), 5 - call); // counts down to 0
            const int reset = rateLimitValue(reply, "t");
            QVERIFY(reset >= 1 && reset <= 60);
            QCOMPARE(header(reply, "RateLimit-Policy"), std::string("\"fixed window\";\"api\";q=5;w=60"));
        }
        const Reply limited = hub->get(whoami, EmulatorFixture::writeToken());
        QCOMPARE(limited.status, 429);
        const int retryAfter = QString::fromUtf8(limited.header("Retry-After")).toInt();
        QVERIFY(retryAfter >= 1 && retryAfter <= 60);
        QCOMPARE(rateLimitValue(limited, "r"), 0);
        QVERIFY(limited.json()["error"].is_string());
        // Limited calls do not reach the handlers.
        QCOMPARE(hub->post("/api/models/nimbus-ai/nimbus-7b/user-access-request/handle",
                           Json{{"user", "grace-kim"}, {"status", "accepted"}}, EmulatorFixture::writeToken()).status,
                 429);
        QCOMPARE(hub->request("nimbus-ai/nimbus-7b", "grace-kim")->status, std::string("pending"));

        // Another token of the same user has its own window, so has an anonymous caller.
        const Reply other = hub->get(whoami, EmulatorFixture::readToken());
        QCOMPARE(other.status, 200);
        QCOMPARE(rateLimitValue(other, "r"), 4);
        QCOMPARE(rateLimitValue(hub->get("/api/models"), "r"), 4);
        // Control endpoints are neither limited nor counted.
        QCOMPARE(hub->get("/_emulator/stats").status, 200);
    }

    void rateLimitBadBody()
    {
        QCOMPARE(hub->put("/_emulator/rate-limit", Json{{"limit", "lots"}}).status, 400);
        QCOMPARE(hub->put("/_emulator/rate-limit", Json::array()).status, 400);
        QVERIFY(hub->get(whoami).header("RateLimit").isEmpty()); // still off
    }
};

QTEST_GUILESS_MAIN(TestEmulatorFaults)
#include "tst_emulator_faults.moc"
