// Trusted publisher management: repo and user lists, input rules, permissions, duplicates.
#include "emulatortest.h"

#include <regex>

using namespace emutest;

namespace {

const std::string nimbusPublishers = "/api/models/nimbus-ai/nimbus-7b/trusted-publishers";
const std::string poetPublishers = "/api/models/mira-patel/tiny-poet/trusted-publishers";
const std::string userPublishers = "/api/settings/trusted-publishers";
const std::string githubIssuer = "https://token.actions.githubusercontent.com";

Json githubPublisher(const std::string &repository = "mira-patel/poet-training")
{
    return Json{{"provider", "github"},
                {"issuer", githubIssuer},
                {"claims", {{"repository", repository}, {"branch", "main"}, {"workflow", "publish.yml"}}}};
}

// The seed's publishers of one owner, as the API shows them (without the seed's owner keys).
Json seedPublishers(const std::string &key, const std::string &value)
{
    Json out = Json::array();
    const Json seed = EmulatorFixture::demoSeed();
    for (Json entry : seed["trustedPublishers"]) {
        if (entry.value(key, std::string()) != value)
            continue;
        entry.erase("repo");
        entry.erase("type");
        entry.erase("user");
        out.push_back(entry);
    }
    return out;
}

} // namespace

class TestEmulatorPublishers : public QObject
{
    Q_OBJECT
    std::unique_ptr<Hub> hub;

    std::string testIssuer() const { return hub->base() + "/oidc-test"; }

private Q_SLOTS:
    void init() { hub = std::make_unique<Hub>(); }
    void cleanup()
    {
        QCOMPARE(hub->missingRequestIds, 0);
        hub.reset();
    }

    void seededPublishersAreListed()
    {
        const Reply repo = hub->get(nimbusPublishers, EmulatorFixture::writeToken());
        QCOMPARE(repo.status, 200);
        const Json expectedRepo = seedPublishers("repo", "nimbus-ai/nimbus-7b");
        QVERIFY(!expectedRepo.empty());
        JCOMPARE(repo.json(), expectedRepo);

        const Reply user = hub->get(userPublishers, EmulatorFixture::writeToken());
        QCOMPARE(user.status, 200);
        JCOMPARE(user.json(), seedPublishers("user", "mira-patel"));
        // Another user's list is their own.
        JCOMPARE(hub->get(userPublishers, leoToken()).json(), Json::array());
    }

    void createListDeleteOnRepo_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("model") << QString::fromStdString(poetPublishers);
        QTest::newRow("dataset") << QStringLiteral("/api/datasets/mira-patel/poetry-corpus/trusted-publishers");
        QTest::newRow("org model, admin") << QString::fromStdString(nimbusPublishers);
    }
    void createListDeleteOnRepo()
    {
        QFETCH(QString, path);
        const std::string base = path.toStdString();
        const std::size_t before = hub->get(base, EmulatorFixture::writeToken()).json().size();
        const std::int64_t started = emu::nowMs() / 1000 * 1000;

        const Reply created = hub->post(base, githubPublisher(), EmulatorFixture::writeToken());
        QCOMPARE(created.status, 200);
        const Json publisher = created.json();
        std::vector<std::string> keys;
        for (const auto &[key, value] : publisher.items())
            keys.push_back(key);
        JCOMPARE(keys, Json::array({"_id", "provider", "issuer", "claims", "createdAt", "createdBy", "lastUsedAt"}));
        QVERIFY(std::regex_match(publisher["_id"].get<std::string>(), std::regex("[0-9a-f]{24}")));
        JCOMPARE(publisher["provider"], "github");
        JCOMPARE(publisher["issuer"], githubIssuer);
        JCOMPARE(publisher["claims"], githubPublisher()["claims"]);
        JCOMPARE(publisher["createdBy"], "mira-patel");
        JCOMPARE(publisher["lastUsedAt"], nullptr);
        const auto createdAt = emu::parseIsoTime(publisher["createdAt"].get<std::string>());
        QVERIFY(createdAt && *createdAt >= started && *createdAt <= emu::nowMs());

        const Json listed = hub->get(base, EmulatorFixture::writeToken()).json();
        QCOMPARE(listed.size(), before + 1);
        JCOMPARE(listed.back(), publisher);

        const std::string item = base + "/" + publisher["_id"].get<std::string>();
        QCOMPARE(hub->del(item, EmulatorFixture::writeToken()).status, 200);
        QCOMPARE(hub->get(base, EmulatorFixture::writeToken()).json().size(), before);
        const Reply again = hub->del(item, EmulatorFixture::writeToken());
        QCOMPARE(again.status, 404);
        QVERIFY(again.json()["error"].is_string());
    }

    void userPublishersCreateAndDelete()
    {
        Json body{{"provider", "gitlab"},
                  {"issuer", "https://gitlab.example.org"},
                  {"claims", {{"project_path", "leo/ci"}, {"branch", "main"}}}};
        const Reply created = hub->post(userPublishers, body, leoToken());
        QCOMPARE(created.status, 200);
        JCOMPARE(created.json()["createdBy"], "leo-hartmann");
        JCOMPARE(hub->get(userPublishers, leoToken()).json(), Json::array({created.json()}));
        // Not visible to, nor removable by, another user.
        const std::string item = userPublishers + "/" + created.json()["_id"].get<std::string>();
        QCOMPARE(hub->del(item, EmulatorFixture::writeToken()).status, 404);
        QCOMPARE(hub->del(item, leoToken()).status, 200);
        JCOMPARE(hub->get(userPublishers, leoToken()).json(), Json::array());
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<int>("status");
        const QString nimbus = QString::fromStdString(nimbusPublishers);
        const QString user = QString::fromStdString(userPublishers);
        const QByteArray read = EmulatorFixture::readToken(), write = EmulatorFixture::writeToken();
        const QByteArray sam = EmulatorFixture::contributorToken();
        for (const QByteArray &method : {QByteArrayLiteral("GET"), QByteArrayLiteral("POST")}) {
            const QByteArray m = method + ' ';
            QTest::newRow(QByteArray(m + "repo, no token").constData()) << method << nimbus << QByteArray() << 401;
            QTest::newRow(QByteArray(m + "repo, read token").constData()) << method << nimbus << read << 403;
            QTest::newRow(QByteArray(m + "repo, org contributor").constData()) << method << nimbus << sam << 403;
            QTest::newRow(QByteArray(m + "repo, public repo of someone else").constData()) << method
                << QStringLiteral("/api/models/open-ocean-lab/whale-call-detector/trusted-publishers") << sam << 403;
            QTest::newRow(QByteArray(m + "unknown repo").constData()) << method
                << QStringLiteral("/api/models/nimbus-ai/nope/trusted-publishers") << write << 404;
            QTest::newRow(QByteArray(m + "private repo of someone else").constData()) << method
                << QStringLiteral("/api/models/leo-hartmann/private-notes/trusted-publishers") << write << 404;
            QTest::newRow(QByteArray(m + "space (none in the emulator)").constData()) << method
                << QStringLiteral("/api/spaces/nimbus-ai/demo/trusted-publishers") << write << 404;
            QTest::newRow(QByteArray(m + "user, no token").constData()) << method << user << QByteArray() << 401;
            QTest::newRow(QByteArray(m + "user, read token").constData()) << method << user << read << 403;
        }
        QTest::newRow("DELETE repo, read token") << QByteArrayLiteral("DELETE")
            << nimbus + QStringLiteral("/6a1000000000000000000001") << read << 403;
        QTest::newRow("DELETE user, no token") << QByteArrayLiteral("DELETE")
            << user + QStringLiteral("/6a1000000000000000000002") << QByteArray() << 401;
    }
    void refusals()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, token);
        QFETCH(int, status);
        const Json before = hub->state().toJson();
        const QByteArray body = method == "POST" ? QByteArray::fromStdString(githubPublisher().dump()) : QByteArray();
        const Reply reply = hub->send(method, path.toStdString(), token, body);
        QCOMPARE(reply.status, status);
        QVERIFY(reply.json()["error"].is_string());
        JCOMPARE(hub->state().toJson(), before);
    }

    void invalidInput_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("reason"); // a word the error must name
        auto row = [](const char *name, const Json &body, const char *reason) {
            QTest::newRow(name) << QString::fromStdString(body.dump()) << QString::fromLatin1(reason);
        };
        const Json claims{{"repository", "a/b"}};
        QTest::newRow("not JSON") << QStringLiteral("{nope") << QStringLiteral("JSON");
        row("unknown provider", {{"provider", "jenkins"}, {"issuer", githubIssuer}, {"claims", claims}}, "provider");
        row("provider missing", {{"issuer", githubIssuer}, {"claims", claims}}, "provider");
        row("http issuer", {{"provider", "custom"}, {"issuer", "http://issuer.example"}, {"claims", claims}}, "https");
        row("issuer not a URL", {{"provider", "custom"}, {"issuer", "token.actions"}, {"claims", claims}}, "https");
        row("issuer with query", {{"provider", "custom"}, {"issuer", "https://a.example/?x=1"}, {"claims", claims}}, "https");
        row("issuer a number", {{"provider", "custom"}, {"issuer", 5}, {"claims", claims}}, "issuer");
        row("claims an array", {{"provider", "custom"}, {"issuer", githubIssuer}, {"claims", Json::array()}}, "claims");
        row("custom without claims", {{"provider", "custom"}, {"issuer", githubIssuer}, {"claims", Json::object()}}, "claims");
        row("claim a number", {{"provider", "custom"}, {"issuer", githubIssuer}, {"claims", {{"sub", 5}}}}, "sub");
        row("claim empty", {{"provider", "custom"}, {"issuer", githubIssuer}, {"claims", {{"sub", ""}}}}, "sub");
        row("github without repository", {{"provider", "github"}, {"issuer", githubIssuer}, {"claims", {{"branch", "main"}}}}, "repository");
        row("github repository not owner/name", {{"provider", "github"}, {"issuer", githubIssuer}, {"claims", {{"repository", "acme"}}}}, "owner/name");
        row("gitlab without project_path", {{"provider", "gitlab"}, {"issuer", "https://gitlab.com"}, {"claims", {{"branch", "main"}}}}, "project_path");
        row("circleci without project id", {{"provider", "circleci"}, {"issuer", "https://oidc.circleci.com/org/1"}, {"claims", {{"sub", "x"}}}}, "oidc.circleci.com/project-id");
        row("bitbucket without repositoryUuid", {{"provider", "bitbucket"}, {"issuer", "https://api.bitbucket.org/x"}, {"claims", {{"branchName", "main"}}}}, "repositoryUuid");
        row("test issuer on another port", {{"provider", "custom"}, {"issuer", "http://127.0.0.1:1/oidc-test"}, {"claims", claims}}, "https");
    }
    void invalidInput()
    {
        QFETCH(QString, body);
        QFETCH(QString, reason);
        const Json before = hub->state().toJson();
        const Reply reply = hub->send("POST", poetPublishers, EmulatorFixture::writeToken(), body.toUtf8());
        QCOMPARE(reply.status, 400);
        const std::string error = reply.json()["error"].get<std::string>();
        QVERIFY2(error.find(reason.toStdString()) != std::string::npos, error.c_str());
        JCOMPARE(hub->state().toJson(), before);
    }

    void testIssuerIsTheOnlyHttpIssuer()
    {
        const std::string port = std::to_string(hub->fixture().baseUrl().port());
        for (const std::string &issuer : {testIssuer(), "http://localhost:" + port + "/oidc-test"}) {
            Json body{{"provider", "custom"}, {"issuer", issuer}, {"claims", {{"sub", "job"}}}};
            const Reply reply = hub->post(poetPublishers, body, EmulatorFixture::writeToken());
            QVERIFY2(reply.status == 200, reply.body.constData());
        }
        Json other{{"provider", "custom"}, {"issuer", "http://127.0.0.1:" + port + "/elsewhere"},
                   {"claims", {{"sub", "job"}}}};
        QCOMPARE(hub->post(poetPublishers, other, EmulatorFixture::writeToken()).status, 400);
    }

    void duplicateIsRefused()
    {
        QCOMPARE(hub->post(poetPublishers, githubPublisher(), EmulatorFixture::writeToken()).status, 200);
        // The same claims in another order are the same publisher.
        Json reordered = githubPublisher();
        reordered["claims"] = Json{{"workflow", "publish.yml"}, {"branch", "main"}, {"repository", "mira-patel/poet-training"}};
        const Reply duplicate = hub->post(poetPublishers, reordered, EmulatorFixture::writeToken());
        QCOMPARE(duplicate.status, 409);
        QVERIFY(duplicate.json()["error"].is_string());
        // Another issuer or one claim more is a different publisher.
        Json otherIssuer = githubPublisher();
        otherIssuer["issuer"] = "https://token.actions.githubusercontent.com/acme-enterprise";
        QCOMPARE(hub->post(poetPublishers, otherIssuer, EmulatorFixture::writeToken()).status, 200);
        Json moreClaims = githubPublisher();
        moreClaims["claims"]["environment"] = "release";
        QCOMPARE(hub->post(poetPublishers, moreClaims, EmulatorFixture::writeToken()).status, 200);
        QCOMPARE(hub->get(poetPublishers, EmulatorFixture::writeToken()).json().size(), std::size_t(3));
    }

    void publishersSurviveTheStateFile()
    {
        QCOMPARE(hub->post(poetPublishers, githubPublisher(), EmulatorFixture::writeToken()).status, 200);
        const Json saved = hub->state().toJson();
        QCOMPARE(saved["trustedPublishers"].size(), EmulatorFixture::demoSeed()["trustedPublishers"].size() + 1);
        const emu::HubState loaded = emu::HubState::fromJson(saved);
        JCOMPARE(loaded.toJson(), saved);
    }

    void seedWithPublisherOfUnknownRepoIsRefused()
    {
        Json seed = EmulatorFixture::demoSeed();
        seed["trustedPublishers"][0]["repo"] = "nimbus-ai/missing";
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, emu::HubState::fromJson(seed));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorPublishers)
#include "tst_emulator_publishers.moc"
