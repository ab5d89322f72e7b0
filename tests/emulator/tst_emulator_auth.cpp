// whoami-v2, the Hub's error shape, user overviews and org member lists.
#include "emulatortest.h"

#include <QRegularExpression>

#include <set>

using namespace emutest;

namespace {

// The seed's token entry (expected values come from the seed, not from a run).
Json seedToken(const QByteArray &token)
{
    const Json seed = EmulatorFixture::demoSeed();
    for (const auto &t : seed["tokens"])
        if (t["token"] == token.toStdString())
            return t;
    qFatal("test bug: unknown demo token");
}

// {org name: role} of a user according to the seed.
std::map<std::string, std::string> seedOrgRoles(const std::string &user)
{
    std::map<std::string, std::string> roles;
    const Json seed = EmulatorFixture::demoSeed();
    for (const auto &org : seed["orgs"])
        if (org["members"].contains(user))
            roles[org["name"]] = org["members"][user];
    return roles;
}

} // namespace

class TestEmulatorAuth : public QObject
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

    void whoamiWithoutToken()
    {
        const Reply reply = hub->get("/api/whoami-v2");
        QCOMPARE(reply.status, 401);
        QVERIFY(reply.json().contains("error"));
        QVERIFY(reply.json()["error"].is_string());
        QCOMPARE(header(reply, "X-Error-Message"), reply.json()["error"].get<std::string>());
        QVERIFY(!reply.header("X-Request-Id").isEmpty());
    }

    void whoamiWithGarbageToken_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("unknown hf_ token") << QByteArrayLiteral("Bearer hf_NotARealToken0000000000000000001");
        QTest::newRow("not a bearer") << QByteArrayLiteral("Basic bWlyYTpzZWNyZXQ=");
        // A revoked-looking near miss of a real token must not match by prefix.
        QTest::newRow("truncated real token")
            << QByteArray("Bearer " + EmulatorFixture::writeToken().chopped(1));
    }
    void whoamiWithGarbageToken()
    {
        QFETCH(QByteArray, authorization);
        QNetworkRequest request(hub->fixture().url(QStringLiteral("/api/whoami-v2")));
        request.setRawHeader("Authorization", authorization);
        QNetworkReply *raw = hub->nam().get(request);
        QVERIFY(QTest::qWaitFor([raw] { return raw->isFinished(); }, 10000));
        const int status = raw->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = raw->readAll();
        QCOMPARE(status, 401);
        const Json json = Json::parse(body.begin(), body.end(), nullptr, false);
        QVERIFY(json.is_object() && json["error"].is_string());
        QCOMPARE(raw->rawHeader("X-Error-Message").toStdString(), json["error"].get<std::string>());
        QVERIFY(!raw->rawHeader("X-Request-Id").isEmpty());
        delete raw;
    }

    void whoamiRoles_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::newRow("write") << EmulatorFixture::writeToken();
        QTest::newRow("read") << EmulatorFixture::readToken();
        QTest::newRow("fineGrained") << EmulatorFixture::fineGrainedToken();
        QTest::newRow("contributor") << EmulatorFixture::contributorToken();
        QTest::newRow("requester") << EmulatorFixture::requesterToken();
    }
    void whoamiRoles()
    {
        QFETCH(QByteArray, token);
        Json expected = seedToken(token);
        const Reply reply = hub->get("/api/whoami-v2", token);
        QCOMPARE(reply.status, 200);
        Json me = reply.json();
        JCOMPARE(me["type"], "user");
        JCOMPARE(me["name"], expected["user"]);
        const emu::User *user = hub->state().userByName(expected["user"]);
        QVERIFY(user);
        JCOMPARE(me["id"], user->id);
        JCOMPARE(me["fullname"], user->fullname);
        JCOMPARE(me["auth"]["type"], "access_token");
        JCOMPARE(me["auth"]["accessToken"]["role"], expected["role"]);
        JCOMPARE(me["auth"]["accessToken"]["displayName"], expected["displayName"]);

        std::map<std::string, std::string> roles;
        for (const auto &org : me["orgs"]) {
            JCOMPARE(org["type"], "org");
            QVERIFY(!roles.count(org["name"])); // listed once
            roles[org["name"]] = org["roleInOrg"];
        }
        QCOMPARE(roles, seedOrgRoles(expected["user"]));
        QCOMPARE(me["auth"]["accessToken"].contains("fineGrained"), expected["role"] == "fineGrained");
    }

    void whoamiMiraDetails()
    {
        // Spelled out once, so a broken seed reader cannot make whoamiRoles pass vacuously.
        Json me = hub->get("/api/whoami-v2", EmulatorFixture::writeToken()).json();
        JCOMPARE(me["name"], "mira-patel");
        JCOMPARE(me["email"], "mira@nimbus-ai.example");
        JCOMPARE(me["isPro"], true);
        QCOMPARE(me["orgs"].size(), std::size_t(2));
        Json byName = Json::object();
        for (const auto &org : me["orgs"])
            byName[org["name"].get<std::string>()] = org["roleInOrg"];
        JCOMPARE(byName["nimbus-ai"], "admin");
        JCOMPARE(byName["open-ocean-lab"], "write");

        // Yuki has no e-mail in the seed: null, and not verified.
        Json yuki = hub->get("/api/whoami-v2", yukiToken()).json();
        QVERIFY(yuki["email"].is_null());
        JCOMPARE(yuki["emailVerified"], false);
        QVERIFY(yuki["orgs"].empty());
    }

    void whoamiFineGrainedScopes()
    {
        const Reply reply = hub->get("/api/whoami-v2", EmulatorFixture::fineGrainedToken());
        QCOMPARE(reply.status, 200);
        Json fine = reply.json()["auth"]["accessToken"]["fineGrained"];
        Json &scoped = fine["scoped"];
        Json expected = seedToken(EmulatorFixture::fineGrainedToken())["scoped"];
        QCOMPARE(scoped.size(), expected.size());
        for (std::size_t i = 0; i < scoped.size(); ++i) {
            JCOMPARE(scoped[i]["entity"]["type"], expected[i]["entity"]["type"]);
            JCOMPARE(scoped[i]["entity"]["name"], expected[i]["entity"]["name"]);
            JCOMPARE(scoped[i]["permissions"], expected[i]["permissions"]);
        }
        // Entities carry the real ids of the org and the user.
        JCOMPARE(scoped[0]["entity"]["_id"], hub->state().org("nimbus-ai")->id);
        JCOMPARE(scoped[1]["entity"]["_id"], hub->state().userByName("mira-patel")->id);
        QRegularExpression hex24(QStringLiteral("^[0-9a-f]{24}$"));
        for (const auto &scope : scoped)
            QVERIFY(hex24.match(QString::fromStdString(scope["entity"]["_id"])).hasMatch());
    }

    void requestIdOnEveryResponse()
    {
        // One call per kind of answer: success, 4xx from routing, from auth, from the handlers.
        const std::vector<std::pair<std::string, int>> calls{
            {"/api/whoami-v2", 401},
            {"/api/models?author=nimbus-ai", 200},
            {"/api/models/nobody/nothing", 401},
            {"/nope/at/all/here/x/y", 404},
            {"/api/models/nimbus-ai/nimbus-7b/user-access-request/maybe", 401},
        };
        std::set<std::string> ids;
        const QRegularExpression shape(QStringLiteral("^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$"));
        for (const auto &[path, status] : calls) {
            const Reply reply = hub->get(path);
            QCOMPARE(reply.status, status);
            const std::string id = header(reply, "X-Request-Id");
            QVERIFY2(shape.match(QString::fromStdString(id)).hasMatch(), id.c_str());
            ids.insert(id);
        }
        QCOMPARE(ids.size(), calls.size()); // unique per request
        const Reply wrongMethod = hub->send("DELETE", "/api/whoami-v2", EmulatorFixture::writeToken());
        QCOMPARE(wrongMethod.status, 405);
        QVERIFY(!wrongMethod.header("X-Request-Id").isEmpty());
        QVERIFY(!wrongMethod.header("X-Error-Message").isEmpty());
    }

    void userOverview()
    {
        const Reply reply = hub->get("/api/users/ines-dubois/overview");
        QCOMPARE(reply.status, 200);
        Json user = reply.json();
        JCOMPARE(user["user"], "ines-dubois");
        JCOMPARE(user["fullname"], "Inès Dubois"); // UTF-8 survives the round trip
        JCOMPARE(user["_id"], hub->state().userByName("ines-dubois")->id);
        QVERIFY(!user.contains("email")); // e-mails are private
        const Reply unknown = hub->get("/api/users/no-such-user/overview");
        QCOMPARE(unknown.status, 404);
        QVERIFY(unknown.json()["error"].is_string());
    }

    void orgMembers()
    {
        const Reply reply = hub->get("/api/organizations/nimbus-ai/members");
        QCOMPARE(reply.status, 200);
        std::map<std::string, std::string> roles;
        for (const auto &member : reply.json())
            roles[member["user"]] = member["role"];
        const std::map<std::string, std::string> expected{
            {"mira-patel", "admin"}, {"sam-okoro", "contributor"}, {"ines-dubois", "read"}};
        QCOMPARE(roles, expected);

        Json found = hub->get("/api/organizations/nimbus-ai/members?search=Okoro").json();
        QCOMPARE(found.size(), std::size_t(1));
        JCOMPARE(found[0]["user"], "sam-okoro");
        QCOMPARE(hub->get("/api/organizations/nobody/members").status, 404);
    }

    void health()
    {
        const Reply reply = hub->get("/_emulator/health");
        QCOMPARE(reply.status, 200);
        JCOMPARE(reply.json()["ok"], true);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorAuth)
#include "tst_emulator_auth.moc"
