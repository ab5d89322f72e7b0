// Reviewing access requests: handle (accept, reject, cancel), batch and grant.
#include "emulatortest.h"

using namespace emutest;

namespace {

const std::string nimbusRepo = "nimbus-ai/nimbus-7b";
const std::string nimbusApi = "/api/models/nimbus-ai/nimbus-7b/user-access-request/";

// A string of `count` copies of `piece` (which may be several bytes of UTF-8).
std::string repeated(const std::string &piece, int count)
{
    std::string out;
    for (int i = 0; i < count; ++i)
        out += piece;
    return out;
}

} // namespace

class TestEmulatorReview : public QObject
{
    Q_OBJECT
    std::unique_ptr<Hub> hub;

    // The list item of `user` in the `status` list of nimbus-7b (null when not listed there).
    Json listed(const std::string &status, const std::string &user)
    {
        const emu::AccessRequest *request = hub->request(nimbusRepo, user);
        if (!request)
            return nullptr;
        const std::string after = emu::isoTime(request->timestampMs - 1);
        Json page = hub->get(nimbusApi + status + "?limit=10&after=" + after, EmulatorFixture::writeToken()).json();
        return !page.empty() && page[0]["user"]["user"] == user ? page[0] : Json();
    }

    // The id of a generated user whose request has this status.
    std::string someUser(const std::string &status, std::size_t skip = 0)
    {
        const auto requests = requestsWithStatus(hub->repo(nimbusRepo), status);
        return requests.size() > skip ? hub->state().userById(requests[skip]->userId)->name : std::string();
    }

private Q_SLOTS:
    void init() { hub = std::make_unique<Hub>(); }
    void cleanup()
    {
        QCOMPARE(hub->missingRequestIds, 0);
        hub.reset();
    }

    // ---- handle ----

    void accept()
    {
        const std::int64_t before = emu::nowMs();
        const Reply reply = hub->post(nimbusApi + "handle", Json{{"user", "grace-kim"}, {"status", "accepted"}},
                                      EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 200);
        const emu::AccessRequest *grace = hub->request(nimbusRepo, "grace-kim");
        QCOMPARE(grace->status, std::string("accepted"));
        QCOMPARE(grace->grantedById, hub->state().userByName("mira-patel")->id);
        QVERIFY(grace->reviewedAtMs >= before - 1000 && grace->reviewedAtMs <= emu::nowMs() + 1000);

        // The next list reply shows it: gone from pending, in accepted with reviewer and time.
        QVERIFY(listed("pending", "grace-kim").is_null());
        Json item = listed("accepted", "grace-kim");
        QVERIFY(item.is_object());
        JCOMPARE(item["reviewedAt"], emu::isoTime(grace->reviewedAtMs));
        JCOMPARE(item["grantedBy"]["user"], "mira-patel");
        JCOMPARE(item["grantedBy"]["_id"], hub->state().userByName("mira-patel")->id);
        QVERIFY(!item["grantedBy"].contains("email")); // the reviewer's e-mail is not shown
        JCOMPARE(item["fields"]["Country"], "KR");     // answers are kept
    }

    void acceptByUserId()
    {
        const std::string user = someUser("pending");
        const std::string id = hub->state().userByName(user)->id;
        const Reply reply = hub->post(nimbusApi + "handle", Json{{"userId", id}, {"status", "accepted"}},
                                      EmulatorFixture::fineGrainedToken());
        QCOMPARE(reply.status, 200);
        QCOMPARE(hub->request(nimbusRepo, user)->status, std::string("accepted"));
    }

    void rejectReasonLength_data()
    {
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("status");
        // The Hub counts characters: é is 2 bytes and 日 3 bytes in UTF-8, one character each.
        QTest::newRow("200 ASCII") << QString::fromStdString(repeated("a", 200)) << 200;
        QTest::newRow("201 ASCII") << QString::fromStdString(repeated("a", 201)) << 400;
        QTest::newRow("200 two-byte") << QString::fromStdString(repeated("é", 200)) << 200;
        QTest::newRow("201 two-byte") << QString::fromStdString(repeated("é", 201)) << 400;
        QTest::newRow("200 mixed") << QString::fromStdString(repeated("日é a", 50)) << 200;
        QTest::newRow("201 mixed") << QString::fromStdString(repeated("日é a", 50) + "!") << 400;
        QTest::newRow("empty") << QString() << 200;
    }
    void rejectReasonLength()
    {
        QFETCH(QString, reason);
        QFETCH(int, status);
        const std::string text = reason.toStdString();
        const Reply reply = hub->post(nimbusApi + "handle",
                                      Json{{"user", "grace-kim"}, {"status", "rejected"}, {"rejectionReason", text}},
                                      EmulatorFixture::writeToken());
        QCOMPARE(reply.status, status);
        const emu::AccessRequest *grace = hub->request(nimbusRepo, "grace-kim");
        if (status == 200) {
            QCOMPARE(grace->status, std::string("rejected"));
            QCOMPARE(grace->rejectionReason, text);
            Json item = listed("rejected", "grace-kim");
            QVERIFY(item.is_object());
            QVERIFY(item.contains("reviewedAt"));
            QVERIFY(!item.contains("grantedBy")); // nobody granted anything
        } else {
            QVERIFY(reply.json()["error"].get<std::string>().find("200") != std::string::npos);
            QCOMPARE(grace->status, std::string("pending"));
            QVERIFY(grace->rejectionReason.empty());
        }
    }

    void cancelAcceptedBackToPending()
    {
        const std::string user = someUser("accepted");
        QVERIFY(!user.empty());
        QVERIFY(listed("accepted", user).is_object());
        const Reply reply = hub->post(nimbusApi + "handle", Json{{"user", user}, {"status", "pending"}},
                                      EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 200);
        const emu::AccessRequest *request = hub->request(nimbusRepo, user);
        QCOMPARE(request->status, std::string("pending"));
        QCOMPARE(request->reviewedAtMs, std::int64_t(0));
        QVERIFY(request->grantedById.empty());
        QVERIFY(listed("accepted", user).is_null());
        Json item = listed("pending", user);
        QVERIFY(item.is_object());
        QVERIFY(!item.contains("reviewedAt"));
        QVERIFY(!item.contains("grantedBy"));
    }

    void rejectedThenAcceptedClearsReason()
    {
        hub->post(nimbusApi + "handle", Json{{"user", "grace-kim"}, {"status", "rejected"}, {"rejectionReason", "No"}},
                  EmulatorFixture::writeToken());
        QCOMPARE(hub->request(nimbusRepo, "grace-kim")->rejectionReason, std::string("No"));
        QCOMPARE(hub->post(nimbusApi + "handle", Json{{"user", "grace-kim"}, {"status", "accepted"}},
                           EmulatorFixture::writeToken()).status, 200);
        QVERIFY(hub->request(nimbusRepo, "grace-kim")->rejectionReason.empty());
    }

    // NOTES.md: a request already in the target list answers 404 and nothing changes.
    void repeatedDecisionAnswers404_data()
    {
        QTest::addColumn<QString>("status");
        QTest::newRow("accept an accepted request") << QStringLiteral("accepted");
        QTest::newRow("reject a rejected request") << QStringLiteral("rejected");
        QTest::newRow("cancel a pending request") << QStringLiteral("pending");
    }
    void repeatedDecisionAnswers404()
    {
        QFETCH(QString, status);
        const std::string target = status.toStdString();
        const std::string user = someUser(target);
        QVERIFY(!user.empty());
        const auto before = digest(hub->state());
        const Reply reply = hub->post(nimbusApi + "handle", Json{{"user", user}, {"status", target}},
                                      EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 404);
        const std::string error = reply.json()["error"];
        QVERIFY2(error.find("already in the " + target + " list") != std::string::npos, error.c_str());
        QVERIFY(!reply.header("X-Error-Message").isEmpty());
        QVERIFY(digest(hub->state()) == before);
    }

    // The batch reports per user and knows only user_not_found and request_not_found: a user
    // already in the target list is a success, as the contract's outcome shape allows nothing else.
    void batchRepeatedDecisionIsOk()
    {
        const std::string user = someUser("accepted");
        const Reply reply = hub->post(nimbusApi + "batch",
                                      Json{{"status", "accepted"}, {"requests", Json::array({Json{{"user", user}}})}},
                                      EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 200);
        JCOMPARE(reply.json(), Json::array({Json{{"user", user}, {"ok", true}}}));
        QCOMPARE(hub->request(nimbusRepo, user)->status, std::string("accepted"));
    }

    void handleRefusals_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("status");
        const QString nimbus = QString::fromStdString(nimbusApi) + QStringLiteral("handle");
        const QByteArray mira = EmulatorFixture::writeToken();
        QTest::newRow("unknown user") << mira << nimbus << QStringLiteral(R"({"user": "no-such-user", "status": "accepted"})") << 404;
        QTest::newRow("unknown userId") << mira << nimbus << QStringLiteral(R"({"userId": "ffffffffffffffffffffffff", "status": "accepted"})") << 404;
        QTest::newRow("user without request") << mira << nimbus << QStringLiteral(R"({"user": "yuki-tanaka", "status": "accepted"})") << 404;
        QTest::newRow("missing status") << mira << nimbus << QStringLiteral(R"({"user": "grace-kim"})") << 400;
        QTest::newRow("unknown status") << mira << nimbus << QStringLiteral(R"({"user": "grace-kim", "status": "maybe"})") << 400;
        QTest::newRow("no user") << mira << nimbus << QStringLiteral(R"({"status": "accepted"})") << 400;
        QTest::newRow("reason not a string") << mira << nimbus << QStringLiteral(R"({"user": "grace-kim", "status": "rejected", "rejectionReason": 5})") << 400;
        QTest::newRow("not JSON") << mira << nimbus << QStringLiteral("user=grace-kim") << 400;
        QTest::newRow("not gated")
            << mira << QStringLiteral("/api/models/mira-patel/sketch-diffusion/user-access-request/handle")
            << QStringLiteral(R"({"user": "grace-kim", "status": "accepted"})") << 400;
        QTest::newRow("read token") << EmulatorFixture::readToken() << nimbus << QStringLiteral(R"({"user": "grace-kim", "status": "accepted"})") << 403;
        QTest::newRow("contributor") << EmulatorFixture::contributorToken() << nimbus << QStringLiteral(R"({"user": "grace-kim", "status": "accepted"})") << 403;
        QTest::newRow("the requester herself") << EmulatorFixture::requesterToken() << nimbus << QStringLiteral(R"({"user": "grace-kim", "status": "accepted"})") << 403;
        QTest::newRow("anonymous") << QByteArray() << nimbus << QStringLiteral(R"({"user": "grace-kim", "status": "accepted"})") << 401;
    }
    void handleRefusals()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, path);
        QFETCH(QString, body);
        QFETCH(int, status);
        const auto before = digest(hub->state());
        const Reply reply = hub->send("POST", path.toStdString(), token, body.toUtf8());
        QCOMPARE(reply.status, status);
        QVERIFY(reply.json()["error"].is_string());
        QVERIFY(digest(hub->state()) == before);
    }

    // ---- batch ----

    void batchSize_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("0") << 0;
        QTest::newRow("101") << 101;
    }
    void batchSize()
    {
        QFETCH(int, count);
        Json requests = Json::array();
        for (int i = 0; i < count; ++i)
            requests.push_back({{"user", someUser("pending", std::size_t(i))}});
        const auto before = digest(hub->state());
        const Reply reply = hub->post(nimbusApi + "batch", Json{{"status", "accepted"}, {"requests", requests}},
                                      EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 400);
        QVERIFY(digest(hub->state()) == before); // not even the first 100
    }

    void batchOfHundred()
    {
        Json requests = Json::array();
        for (std::size_t i = 0; i < 100; ++i)
            requests.push_back({{"user", someUser("pending", i)}});
        const Reply reply = hub->post(nimbusApi + "batch", Json{{"status", "accepted"}, {"requests", requests}},
                                      EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().size(), std::size_t(100));
        for (const auto &item : requests)
            QCOMPARE(hub->request(nimbusRepo, item["user"])->status, std::string("accepted"));
    }

    void batchMixed()
    {
        const std::string pendingUser = someUser("pending");
        const std::string acceptedUser = someUser("accepted");
        const std::string acceptedId = hub->state().userByName(acceptedUser)->id;
        const Json requests = Json::array({
            Json{{"user", "grace-kim"}},
            Json{{"user", "no-such-user"}},
            Json{{"userId", acceptedId}},
            Json{{"user", "yuki-tanaka"}},                 // exists, but never asked
            Json{{"userId", "ffffffffffffffffffffffff"}},   // no such id
            Json{{"user", pendingUser}},
        });
        const std::string reason = "Please use your work e-mail address.";
        const Reply reply = hub->post(nimbusApi + "batch",
                                      Json{{"status", "rejected"}, {"rejectionReason", reason}, {"requests", requests}},
                                      EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 200);
        Json outcomes = reply.json();
        QCOMPARE(outcomes.size(), requests.size());
        const std::vector<std::pair<bool, std::string>> expected{
            {true, ""}, {false, "user_not_found"}, {true, ""},
            {false, "request_not_found"}, {false, "user_not_found"}, {true, ""}};
        for (std::size_t i = 0; i < expected.size(); ++i) {
            Json &outcome = outcomes[i];
            // Echoes the key the caller used, with the value as sent, and nothing else.
            for (const char *key : {"user", "userId"})
                JCOMPARE(outcome.value(key, Json()), requests[i].value(key, Json()));
            JCOMPARE(outcome["ok"], expected[i].first);
            JCOMPARE(outcome.value("error", Json()), expected[i].first ? Json() : Json(expected[i].second));
        }
        for (const std::string &user : {std::string("grace-kim"), acceptedUser, pendingUser}) {
            const emu::AccessRequest *request = hub->request(nimbusRepo, user);
            QCOMPARE(request->status, std::string("rejected"));
            QCOMPARE(request->rejectionReason, reason);
            QVERIFY(request->grantedById.empty());
            QVERIFY(request->reviewedAtMs > 0);
        }
        QVERIFY(!hub->request(nimbusRepo, "yuki-tanaka")); // no request was made up
    }

    void batchRefusals()
    {
        const Json one = Json::array({Json{{"user", "grace-kim"}}});
        QCOMPARE(hub->post(nimbusApi + "batch", Json{{"requests", one}}, EmulatorFixture::writeToken()).status, 400);
        QCOMPARE(hub->post(nimbusApi + "batch", Json{{"status", "accepted"}}, EmulatorFixture::writeToken()).status, 400);
        QCOMPARE(hub->post(nimbusApi + "batch",
                           Json{{"status", "rejected"}, {"rejectionReason", repeated("x", 201)}, {"requests", one}},
                           EmulatorFixture::writeToken()).status, 400);
        QCOMPARE(hub->post(nimbusApi + "batch", Json{{"status", "accepted"}, {"requests", one}},
                           EmulatorFixture::readToken()).status, 403);
        QCOMPARE(hub->post("/api/models/mira-patel/sketch-diffusion/user-access-request/batch",
                           Json{{"status", "accepted"}, {"requests", one}}, EmulatorFixture::writeToken()).status, 400);
        QCOMPARE(hub->request(nimbusRepo, "grace-kim")->status, std::string("pending"));
    }

    // ---- grant ----

    void grantNewUser()
    {
        QVERIFY(!hub->request(nimbusRepo, "yuki-tanaka"));
        const std::size_t count = hub->repo(nimbusRepo).requests().size();
        const Reply reply = hub->post(nimbusApi + "grant", Json{{"user", "yuki-tanaka"}}, EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 200);
        QCOMPARE(hub->repo(nimbusRepo).requests().size(), count + 1);
        const emu::AccessRequest *yuki = hub->request(nimbusRepo, "yuki-tanaka");
        QVERIFY(yuki);
        QCOMPARE(yuki->status, std::string("accepted"));
        QCOMPARE(yuki->grantedById, hub->state().userByName("mira-patel")->id);
        Json item = listed("accepted", "yuki-tanaka");
        QVERIFY(item.is_object());
        JCOMPARE(item["grantedBy"]["user"], "mira-patel");
        QVERIFY(item.contains("reviewedAt"));
        QVERIFY(!item["user"].contains("email")); // yuki has none

        const Reply again = hub->post(nimbusApi + "grant", Json{{"user", "yuki-tanaka"}}, EmulatorFixture::writeToken());
        QCOMPARE(again.status, 400);
        QCOMPARE(hub->repo(nimbusRepo).requests().size(), count + 1);
    }

    void grantPendingAndRejected()
    {
        // A pending requester, by id.
        const Reply pending = hub->post(nimbusApi + "grant",
                                        Json{{"userId", hub->state().userByName("grace-kim")->id}},
                                        EmulatorFixture::writeToken());
        QCOMPARE(pending.status, 200);
        QCOMPARE(hub->request(nimbusRepo, "grace-kim")->status, std::string("accepted"));
        // A rejected requester of a dataset.
        const Reply rejected = hub->post("/api/datasets/mira-patel/poetry-corpus/user-access-request/grant",
                                         Json{{"user", "tomasz-nowak"}}, EmulatorFixture::writeToken());
        QCOMPARE(rejected.status, 200);
        const emu::AccessRequest *tomasz = hub->request("mira-patel/poetry-corpus", "tomasz-nowak", emu::RepoType::Dataset);
        QCOMPARE(tomasz->status, std::string("accepted"));
        QVERIFY(tomasz->rejectionReason.empty());
    }

    void grantRefusals()
    {
        const auto before = digest(hub->state());
        QCOMPARE(hub->post(nimbusApi + "grant", Json{{"user", "no-such-user"}}, EmulatorFixture::writeToken()).status, 404);
        QCOMPARE(hub->post(nimbusApi + "grant", Json::object(), EmulatorFixture::writeToken()).status, 400);
        QCOMPARE(hub->post("/api/models/mira-patel/sketch-diffusion/user-access-request/grant",
                           Json{{"user", "yuki-tanaka"}}, EmulatorFixture::writeToken()).status, 400);
        QCOMPARE(hub->post(nimbusApi + "grant", Json{{"user", "yuki-tanaka"}}, EmulatorFixture::readToken()).status, 403);
        QCOMPARE(hub->post(nimbusApi + "grant", Json{{"user", "yuki-tanaka"}}, EmulatorFixture::contributorToken()).status, 403);
        QCOMPARE(hub->post(nimbusApi + "grant", Json{{"user", "yuki-tanaka"}}).status, 401);
        QVERIFY(digest(hub->state()) == before);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorReview)
#include "tst_emulator_review.moc"
