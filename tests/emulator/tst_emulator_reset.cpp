// The Hub's coming "reset" request status behind the emulator's resetStatus feature: refused as
// an unknown status while off (the default), a list, a handle status and a report entry when on.
#include "emulatortest.h"

using namespace emutest;

namespace {

const std::string nimbusRepo = "nimbus-ai/nimbus-7b";
const std::string nimbusApi = "/api/models/nimbus-ai/nimbus-7b/user-access-request/";

} // namespace

class TestEmulatorReset : public QObject
{
    Q_OBJECT
    std::unique_ptr<Hub> hub;
    const QByteArray mira = EmulatorFixture::writeToken();

    Reply reset(const std::string &user, const Json &reason = nullptr)
    {
        Json body{{"user", user}, {"status", "reset"}};
        if (!reason.is_null())
            body["resetReason"] = reason;
        return hub->post(nimbusApi + "handle", body, mira);
    }

    bool enable(bool on)
    {
        const Reply reply = hub->put("/_emulator/features", Json{{"resetStatus", on}});
        return reply.status == 200 && reply.json() == Json{{"resetStatus", on}};
    }

private Q_SLOTS:
    void init() { hub = std::make_unique<Hub>(); }
    void cleanup()
    {
        QCOMPARE(hub->missingRequestIds, 0);
        hub.reset();
    }

    void offByDefault()
    {
        JCOMPARE(hub->get("/_emulator/features").json(), (Json{{"resetStatus", false}}));
        const auto before = digest(hub->state());
        Reply reply = reset("grace-kim", "Form changed");
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.json()["error"].get<std::string>().find("\"reset\"") == std::string::npos);
        reply = hub->get(nimbusApi + "reset", mira);
        QCOMPARE(reply.status, 400);
        QVERIFY(digest(hub->state()) == before);
    }

    void handleResetWhenOn()
    {
        QVERIFY(enable(true));
        const std::int64_t before = emu::nowMs();
        Reply reply = reset("grace-kim", "The form changed: please answer again.");
        QCOMPARE(reply.status, 200);
        const emu::AccessRequest *grace = hub->request(nimbusRepo, "grace-kim");
        QCOMPARE(grace->status, std::string("reset"));
        QCOMPARE(grace->resetReason, std::string("The form changed: please answer again."));
        QVERIFY(grace->grantedById.empty());
        QVERIFY(grace->reviewedAtMs >= before - 1000);

        // The reset list shows it, the pending list no longer does.
        reply = hub->get(nimbusApi + "reset", mira);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().size(), std::size_t(1));
        JCOMPARE(reply.json()[0]["user"]["user"], "grace-kim");
        JCOMPARE(reply.json()[0]["status"], "reset");
        QVERIFY(!reply.json()[0].contains("resetReason")); // like rejection reasons, not listed

        // The report carries it with its review time.
        bool reported = false;
        for (const Json &entry : hub->get("/nimbus-ai/nimbus-7b/user-access-report", mira).json())
            if (entry["user"] == "grace-kim")
                reported = entry["status"] == "reset" && entry.contains("reviewedAt");
        QVERIFY(reported);

        // Again: already in the reset list.
        reply = reset("grace-kim");
        QCOMPARE(reply.status, 404);
        QVERIFY(reply.json()["error"].get<std::string>().find("already in the reset list") != std::string::npos);
    }

    void resetReasonLength()
    {
        QVERIFY(enable(true));
        QCOMPARE(reset("grace-kim", std::string(201, 'a')).status, 400);
        QCOMPARE(reset("grace-kim", 5).status, 400);
        QCOMPARE(hub->request(nimbusRepo, "grace-kim")->status, std::string("pending"));
        std::string twoHundred;
        for (int i = 0; i < 200; ++i)
            twoHundred += "é"; // 200 characters, 400 bytes
        QCOMPARE(reset("grace-kim", twoHundred).status, 200);
    }

    void batchKeepsRefusingReset()
    {
        QVERIFY(enable(true));
        const Reply reply = hub->post(nimbusApi + "batch",
                                      Json{{"status", "reset"}, {"requests", Json::array({Json{{"user", "grace-kim"}}})}},
                                      mira);
        QCOMPARE(reply.status, 400);
    }

    void resetUserMayAskAgain()
    {
        QVERIFY(enable(true));
        QCOMPARE(reset("grace-kim").status, 200);
        const Json answers{{"Full name", "Grace Kim"}, {"Affiliation", "Lab"}, {"Job title", "Engineer"},
                           {"Country", "KR"}, {"Date of birth", "1990-01-31"}, {"Intended use", "Research"},
                           {"I agree to the license terms", true},
                           {"I will not use Nimbus-7B to develop weapons", true}};
        const Reply reply = hub->post("/nimbus-ai/nimbus-7b/ask-access", answers, EmulatorFixture::requesterToken());
        QCOMPARE(reply.status, 303);
        const emu::AccessRequest *grace = hub->request(nimbusRepo, "grace-kim");
        QCOMPARE(grace->status, std::string("pending"));
        QCOMPARE(grace->fields.at("Affiliation"), std::string("Lab"));
    }

    void switchedOffAgain()
    {
        QVERIFY(enable(true));
        QVERIFY(enable(false));
        QCOMPARE(reset("grace-kim").status, 400);
        QCOMPARE(hub->put("/_emulator/features", Json{{"resetStatus", "yes"}}).status, 400);
        QCOMPARE(hub->put("/_emulator/features", Json{{"colour", true}}).status, 400);
    }

    void seedSwitchesItOn()
    {
        Json seed = EmulatorFixture::demoSeed();
        seed["features"] = Json{{"resetStatus", true}};
        hub = std::make_unique<Hub>(seed);
        QCOMPARE(reset("grace-kim").status, 200);
        // The state file keeps the switch.
        JCOMPARE(hub->get("/_emulator/state").json()["features"], (Json{{"resetStatus", true}}));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorReset)
#include "tst_emulator_reset.moc"
