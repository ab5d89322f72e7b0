// Repo listing with pagination, repo info with card data, and the settings endpoint.
#include "emulatortest.h"

#include <QFile>
#include <QRegularExpression>
#include <QUrlQuery>

#include <set>

using namespace emutest;

namespace {

const std::string nimbus = "/api/models/nimbus-ai/nimbus-7b";

// Walks a listing through its Link headers; returns the ids in the order served.
std::vector<std::string> walkListing(Hub &hub, const std::string &path, const QByteArray &token,
                                     int *pages)
{
    std::vector<std::string> ids;
    Reply reply = hub.get(path, token);
    *pages = 0;
    while (reply.status == 200) {
        ++*pages;
        for (const auto &item : reply.json())
            ids.push_back(item["id"]);
        const QUrl next = nextLink(reply);
        if (next.isEmpty() || *pages > 100)
            break;
        reply = hub.sendUrl("GET", next, token);
    }
    if (reply.status != 200)
        ids.push_back("HTTP " + std::to_string(reply.status));
    return ids;
}

// The emulator's answer to PUT settings must mirror the repo as it is stored now.
Json storedSettings(Hub &hub, const emu::Repo &repo)
{
    Json json{{"private", repo.isPrivate},
              {"discussionsDisabled", repo.discussionsDisabled},
              {"gated", repo.gated == "false" ? Json(false) : Json(repo.gated)},
              {"gatedNotificationsMode", repo.notificationsMode}};
    if (!repo.notificationsEmail.empty())
        json["gatedNotificationsEmail"] = repo.notificationsEmail;
    if (hub.state().org(repo.ns))
        json["orgMembersGated"] = repo.orgMembersGated;
    return json;
}

// The contract's pattern for gatedNotificationsEmail, read from the vendored OpenAPI document.
QRegularExpression contractEmailPattern()
{
    QFile file(QStringLiteral(HUBGATE_OPENAPI_FILE));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", HUBGATE_OPENAPI_FILE);
    const QByteArray data = file.readAll();
    const Json doc = Json::parse(data.begin(), data.end());
    const std::string pattern =
        doc.at("paths").at("/api/models/{namespace}/{repo}/settings").at("put").at("requestBody")
            .at("content").at("application/json").at("schema").at("properties")
            .at("gatedNotificationsEmail").at("pattern");
    return QRegularExpression(QString::fromStdString(pattern));
}

} // namespace

class TestEmulatorRepos : public QObject
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

    // ---- listing ----

    void privateReposHiddenFromOthers_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("expected");
        const QStringList both{QStringLiteral("nimbus-ai/nimbus-7b"),
                               QStringLiteral("nimbus-ai/nimbus-7b-instruct")};
        const QStringList publicOnly{QStringLiteral("nimbus-ai/nimbus-7b")};
        const QString nimbusModels = QStringLiteral("/api/models?author=nimbus-ai");
        QTest::newRow("anonymous") << QByteArray() << nimbusModels << publicOnly;
        QTest::newRow("outsider") << EmulatorFixture::requesterToken() << nimbusModels << publicOnly;
        QTest::newRow("org admin") << EmulatorFixture::writeToken() << nimbusModels << both;
        QTest::newRow("org admin, read token") << EmulatorFixture::readToken() << nimbusModels << both;
        QTest::newRow("leo's private model, mira")
            << EmulatorFixture::writeToken() << QStringLiteral("/api/models?author=leo-hartmann")
            << QStringList();
        QTest::newRow("leo's private model, leo")
            << leoToken() << QStringLiteral("/api/models?author=leo-hartmann")
            << QStringList{QStringLiteral("leo-hartmann/private-notes")};
        QTest::newRow("datasets")
            << QByteArray() << QStringLiteral("/api/datasets?author=mira-patel")
            << QStringList{QStringLiteral("mira-patel/poetry-corpus")};
    }
    void privateReposHiddenFromOthers()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, path);
        QFETCH(QStringList, expected);
        const Reply reply = hub->get(path.toStdString(), token);
        QCOMPARE(reply.status, 200);
        QStringList ids;
        for (const auto &item : reply.json()) {
            ids << QString::fromStdString(item["id"]);
            const emu::Repo &repo = hub->repo(item["id"], path.contains(QStringLiteral("datasets"))
                                                              ? emu::RepoType::Dataset
                                                              : emu::RepoType::Model);
            QCOMPARE(item["private"].get<bool>(), repo.isPrivate);
        }
        ids.sort();
        QCOMPARE(ids, expected);
    }

    void listItemFields()
    {
        Json items = hub->get("/api/datasets?author=nimbus-ai").json();
        QCOMPARE(items.size(), std::size_t(1));
        Json &item = items[0];
        const emu::Repo &repo = hub->repo("nimbus-ai/clean-web-2t", emu::RepoType::Dataset);
        JCOMPARE(item["id"], "nimbus-ai/clean-web-2t");
        JCOMPARE(item["gated"], "auto");
        JCOMPARE(item["private"], false);
        JCOMPARE(item["likes"], repo.likes);
        JCOMPARE(item["downloads"], repo.downloads);
        JCOMPARE(item["lastModified"], emu::isoTime(repo.lastModifiedMs));
        QVERIFY(!item.contains("modelId")); // models only
        Json model = hub->get("/api/models?author=mira-patel&search=sketch").json();
        QCOMPARE(model.size(), std::size_t(1));
        JCOMPARE(model[0]["gated"], false);
        JCOMPARE(model[0]["modelId"], "mira-patel/sketch-diffusion");
    }

    void paginationWalksToTheEnd_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("query");
        const QByteArray mira = EmulatorFixture::writeToken();
        QTest::newRow("models, anonymous, limit 1") << QByteArray() << QStringLiteral("models") << QStringLiteral("limit=1");
        QTest::newRow("models, mira, limit 2") << mira << QStringLiteral("models") << QStringLiteral("limit=2");
        QTest::newRow("models, mira, limit 4") << mira << QStringLiteral("models") << QStringLiteral("limit=4");
        QTest::newRow("models, author filter kept") << mira << QStringLiteral("models") << QStringLiteral("author=nimbus-ai&limit=1");
        QTest::newRow("datasets, limit 1") << QByteArray() << QStringLiteral("datasets") << QStringLiteral("limit=1");
        QTest::newRow("datasets, leo, limit 2") << leoToken() << QStringLiteral("datasets") << QStringLiteral("limit=2");
    }
    void paginationWalksToTheEnd()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, type);
        QFETCH(QString, query);
        const QUrlQuery parsed(query);
        const std::string author = parsed.queryItemValue(QStringLiteral("author")).toStdString();
        const int limit = parsed.queryItemValue(QStringLiteral("limit")).toInt();

        // Expected: the repos of that type this caller may read, by id.
        emu::Caller caller;
        caller.token = hub->state().token(token.toStdString());
        caller.user = caller.token ? hub->state().userByName(caller.token->user) : nullptr;
        std::vector<std::string> expected;
        for (const emu::Repo *repo : hub->state().repos(*emu::repoTypeFromPlural(type.toStdString())))
            if ((author.empty() || repo->ns == author) &&
                hub->api().rightOn(caller, *repo) != emu::Right::None)
                expected.push_back(repo->id());
        std::sort(expected.begin(), expected.end());
        QVERIFY(expected.size() >= 2);

        int pages = 0;
        const std::string path = "/api/" + type.toStdString() + "?" + query.toStdString();
        const std::vector<std::string> ids = walkListing(*hub, path, token, &pages);
        QCOMPARE(ids, expected); // all of them, each once, sorted by id
        QCOMPARE(pages, int((expected.size() + limit - 1) / limit));
    }

    void badListingParameters()
    {
        QCOMPARE(hub->get("/api/models?limit=0").status, 400);
        QCOMPARE(hub->get("/api/models?limit=many").status, 400);
        QCOMPARE(hub->get("/api/models?cursor=zz").status, 400);
    }

    // ---- repo info ----

    void infoOfGatedModel()
    {
        const Reply reply = hub->get(nimbus, EmulatorFixture::requesterToken());
        QCOMPARE(reply.status, 200);
        Json info = reply.json();
        const emu::Repo &repo = hub->repo("nimbus-ai/nimbus-7b");
        JCOMPARE(info["sha"], repo.headCommit()->oid);
        JCOMPARE(info["gated"], "manual");
        JCOMPARE(info["private"], false);
        JCOMPARE(info["id"], "nimbus-ai/nimbus-7b");
        std::set<std::string> siblings;
        for (const auto &file : info["siblings"])
            siblings.insert(file["rfilename"]);
        QCOMPARE(siblings, (std::set<std::string>{"README.md", "config.json"}));

        // cardData is the README front matter with YAML types kept.
        Json &card = info["cardData"];
        JCOMPARE(card["license"], "other");
        JCOMPARE(card["language"], Json::array({"en", "fr"}));
        JCOMPARE(card["extra_gated_eu_disallowed"], false);
        JCOMPARE(card["extra_gated_heading"], "Request access to Nimbus-7B");
        QVERIFY(card["extra_gated_prompt"].get<std::string>().find("Nimbus Community License") !=
                std::string::npos);
        // Field order is the form order of the seed's README (not alphabetical).
        std::vector<std::string> keys;
        for (const auto &[key, spec] : card["extra_gated_fields"].items())
            keys.push_back(key);
        const std::vector<std::string> formOrder{
            "Full name", "Affiliation", "Job title", "Country", "Date of birth", "Intended use",
            "I agree to the license terms", "I will not use Nimbus-7B to develop weapons"};
        QCOMPARE(keys, formOrder);
        JCOMPARE(card["extra_gated_fields"]["Country"], "country");
        JCOMPARE(card["extra_gated_fields"]["Intended use"]["type"], "select");
        JCOMPARE(card["extra_gated_fields"]["Intended use"]["options"][3],
                 (Json{{"label", "Other"}, {"value", "other"}}));
    }

    void infoAtRevision()
    {
        const std::string sha = hub->repo("nimbus-ai/nimbus-7b").headCommit()->oid;
        Json bySha = hub->get(nimbus + "/revision/" + sha).json();
        JCOMPARE(bySha["sha"], sha);
        QVERIFY(bySha["cardData"].contains("extra_gated_fields"));
        JCOMPARE(hub->get(nimbus + "/revision/main").json()["sha"], sha);

        const Reply unknown = hub->get(nimbus + "/revision/0123456789abcdef0123456789abcdef01234567");
        QCOMPARE(unknown.status, 404);
        QCOMPARE(header(unknown, "X-Error-Code"), std::string("RevisionNotFound"));
        QVERIFY(unknown.json()["error"].is_string());
    }

    void privateRepoOfSomeoneElse()
    {
        const std::string path = "/api/models/leo-hartmann/private-notes";
        const Reply anonymous = hub->get(path);
        QCOMPARE(anonymous.status, 401);
        QCOMPARE(header(anonymous, "X-Error-Code"), std::string("RepoNotFound"));
        const Reply mira = hub->get(path, EmulatorFixture::writeToken());
        QCOMPARE(mira.status, 404);
        QCOMPARE(header(mira, "X-Error-Code"), std::string("RepoNotFound"));
        // Not found and not allowed look the same, so a private repo's existence does not leak.
        const Reply missing = hub->get("/api/models/leo-hartmann/no-such-repo", EmulatorFixture::writeToken());
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.body, mira.body);
        const Reply leo = hub->get(path, leoToken());
        QCOMPARE(leo.status, 200);
        JCOMPARE(leo.json()["private"], true);
        // A repo type is part of its identity.
        QCOMPARE(hub->get("/api/models/nimbus-ai/clean-web-2t", EmulatorFixture::writeToken()).status, 404);
        QCOMPARE(hub->get("/api/datasets/nimbus-ai/clean-web-2t", EmulatorFixture::writeToken()).status, 200);
    }

    // ---- settings ----

    void settingsEachField_data()
    {
        QTest::addColumn<QString>("repoPath");
        QTest::addColumn<QString>("body");
        const QString model = QString::fromStdString(nimbus);
        QTest::newRow("gated auto") << model << QStringLiteral(R"({"gated": "auto"})");
        QTest::newRow("gated false") << model << QStringLiteral(R"({"gated": false})");
        QTest::newRow("gated manual on auto repo")
            << QStringLiteral("/api/datasets/nimbus-ai/clean-web-2t") << QStringLiteral(R"({"gated": "manual"})");
        QTest::newRow("mode bulk") << model << QStringLiteral(R"({"gatedNotificationsMode": "bulk"})");
        QTest::newRow("mode real-time")
            << QStringLiteral("/api/datasets/mira-patel/poetry-corpus")
            << QStringLiteral(R"({"gatedNotificationsMode": "real-time"})");
        QTest::newRow("email") << model << QStringLiteral(R"({"gatedNotificationsEmail": "gate+nimbus@nimbus-ai.example"})");
        QTest::newRow("orgMembersGated") << model << QStringLiteral(R"({"orgMembersGated": true})");
        QTest::newRow("private") << model << QStringLiteral(R"({"private": true})");
        QTest::newRow("discussionsDisabled") << model << QStringLiteral(R"({"discussionsDisabled": true})");
        QTest::newRow("several at once")
            << QStringLiteral("/api/models/mira-patel/tiny-poet")
            << QStringLiteral(R"({"gated": "manual", "gatedNotificationsMode": "real-time", "private": true})");
    }
    void settingsEachField()
    {
        QFETCH(QString, repoPath);
        QFETCH(QString, body);
        const Json request = Json::parse(body.toStdString());
        const std::string path = repoPath.toStdString();
        const QStringList parts = repoPath.split(QLatin1Char('/'));
        const auto type = parts[2] == QStringLiteral("datasets") ? emu::RepoType::Dataset : emu::RepoType::Model;
        const emu::Repo &repo = hub->repo(QString(parts[3] + QLatin1Char('/') + parts[4]).toStdString(), type);
        const Json before = storedSettings(*hub, repo);
        for (const auto &[key, value] : request.items())
            QVERIFY2(before.value(key, Json()) != value, "the change must be visible");

        const Reply reply = hub->put(path + "/settings", request, EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 200);
        Json answer = reply.json();
        for (const auto &[key, value] : request.items())
            JCOMPARE(answer[key], value);            // the server confirms what it applied
        JCOMPARE(answer, storedSettings(*hub, repo)); // and that is what it stored
        // Keys not sent keep their values.
        for (const auto &[key, value] : before.items())
            if (!request.contains(key))
                JCOMPARE(answer[key], value);
        // Repo info shows the new gate and visibility.
        Json info = hub->get(path, EmulatorFixture::writeToken()).json();
        JCOMPARE(info["gated"], answer["gated"]);
        JCOMPARE(info["private"], answer["private"]);
    }

    void settingsNotificationEmail_data()
    {
        QTest::addColumn<QString>("email");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QStringLiteral("access@nimbus-ai.example") << true;
        QTest::newRow("plus and dots") << QStringLiteral("gate.keeper+hf@mail.nimbus-ai.co") << true;
        QTest::newRow("apostrophe") << QStringLiteral("o'brien@example.org") << true;
        QTest::newRow("leading dot") << QStringLiteral(".access@nimbus-ai.example") << false;
        QTest::newRow("double dot") << QStringLiteral("access..team@nimbus-ai.example") << false;
        QTest::newRow("double dot in domain") << QStringLiteral("access@nimbus..example") << false;
        QTest::newRow("no TLD") << QStringLiteral("access@localhost") << false;
        QTest::newRow("one-letter TLD") << QStringLiteral("access@nimbus.x") << false;
        QTest::newRow("dot before @") << QStringLiteral("access.@nimbus-ai.example") << false;
        QTest::newRow("no local part") << QStringLiteral("@nimbus-ai.example") << false;
        QTest::newRow("two @") << QStringLiteral("a@b@nimbus-ai.example") << false;
        QTest::newRow("space") << QStringLiteral("access team@nimbus-ai.example") << false;
        QTest::newRow("domain starts with -") << QStringLiteral("access@-nimbus.example") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void settingsNotificationEmail()
    {
        QFETCH(QString, email);
        QFETCH(bool, valid);
        // The table above must agree with the contract's own pattern.
        QCOMPARE(contractEmailPattern().match(email).hasMatch(), valid);

        const emu::Repo &repo = hub->repo("nimbus-ai/nimbus-7b");
        const std::string previous = repo.notificationsEmail;
        const Reply reply = hub->put(nimbus + "/settings", Json{{"gatedNotificationsEmail", email.toStdString()}},
                                     EmulatorFixture::writeToken());
        QCOMPARE(reply.status, valid ? 200 : 400);
        QCOMPARE(repo.notificationsEmail, valid ? email.toStdString() : previous);
        if (valid)
            JCOMPARE(reply.json()["gatedNotificationsEmail"], email.toStdString());
        else
            QVERIFY(!reply.header("X-Error-Message").isEmpty());
    }

    void settingsRefusals_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("repoPath");
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("status");
        const QString model = QString::fromStdString(nimbus);
        const QString userRepo = QStringLiteral("/api/models/mira-patel/tiny-poet");
        const QByteArray mira = EmulatorFixture::writeToken();
        QTest::newRow("orgMembersGated on a user repo") << mira << userRepo << QStringLiteral(R"({"orgMembersGated": true})") << 400;
        QTest::newRow("unknown key") << mira << model << QStringLiteral(R"({"colour": "blue"})") << 400;
        QTest::newRow("valid key then unknown key") << mira << model << QStringLiteral(R"({"gated": "auto", "colour": "blue"})") << 400;
        QTest::newRow("bad gated") << mira << model << QStringLiteral(R"({"gated": true})") << 400;
        QTest::newRow("bad mode") << mira << model << QStringLiteral(R"({"gatedNotificationsMode": "weekly"})") << 400;
        QTest::newRow("bad private") << mira << model << QStringLiteral(R"({"private": "yes"})") << 400;
        QTest::newRow("not an object") << mira << model << QStringLiteral(R"(["gated"])") << 400;
        QTest::newRow("visibility protected (Spaces only)") << mira << model << QStringLiteral(R"({"visibility": "protected"})") << 400;
        QTest::newRow("bad visibility") << mira << model << QStringLiteral(R"({"visibility": true})") << 400;
        QTest::newRow("visibility and private disagree") << mira << model << QStringLiteral(R"({"visibility": "private", "private": false})") << 400;
        QTest::newRow("bad discussionsSorting") << mira << model << QStringLiteral(R"({"discussionsSorting": "oldest"})") << 400;
        QTest::newRow("read token") << EmulatorFixture::readToken() << model << QStringLiteral(R"({"gated": "auto"})") << 403;
        QTest::newRow("contributor") << EmulatorFixture::contributorToken() << model << QStringLiteral(R"({"gated": "auto"})") << 403;
        QTest::newRow("fine-grained without repo.write on user repo")
            << EmulatorFixture::fineGrainedToken() << userRepo << QStringLiteral(R"({"gated": "manual"})") << 403;
        QTest::newRow("outsider") << EmulatorFixture::requesterToken() << model << QStringLiteral(R"({"gated": "auto"})") << 403;
        QTest::newRow("anonymous") << QByteArray() << model << QStringLiteral(R"({"gated": "auto"})") << 401;
        QTest::newRow("someone else's private repo")
            << mira << QStringLiteral("/api/models/leo-hartmann/private-notes") << QStringLiteral(R"({"private": false})") << 404;
    }
    void settingsRefusals()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, repoPath);
        QFETCH(QString, body);
        QFETCH(int, status);
        const auto everyRepoBefore = digest(hub->state());
        const Reply reply = hub->send("PUT", repoPath.toStdString() + "/settings", token, body.toUtf8());
        QCOMPARE(reply.status, status);
        QVERIFY(reply.json()["error"].is_string());
        QVERIFY(digest(hub->state()) == everyRepoBefore); // nothing applied, not even partly
    }

    void settingsVisibility()
    {
        const emu::Repo &repo = hub->repo("nimbus-ai/nimbus-7b");
        QVERIFY(!repo.isPrivate);
        Reply reply = hub->put(nimbus + "/settings", Json{{"visibility", "private"}}, EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 200);
        QVERIFY(repo.isPrivate);
        JCOMPARE(reply.json()["private"], true);
        // Private now: someone outside the org no longer sees it.
        QCOMPARE(hub->get(nimbus, EmulatorFixture::requesterToken()).status, 404);
        reply = hub->put(nimbus + "/settings", Json{{"visibility", "public"}, {"private", false}},
                         EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 200);
        QVERIFY(!repo.isPrivate);
        QCOMPARE(hub->get(nimbus, EmulatorFixture::requesterToken()).status, 200);
    }

    void settingsDiscussionsSorting_data()
    {
        QTest::addColumn<QString>("sorting");
        QTest::newRow("recently-created") << QStringLiteral("recently-created");
        QTest::newRow("trending") << QStringLiteral("trending");
        QTest::newRow("reactions") << QStringLiteral("reactions");
    }
    void settingsDiscussionsSorting()
    {
        QFETCH(QString, sorting);
        const std::string value = sorting.toStdString();
        QVERIFY(!hub->put(nimbus + "/settings", Json::object(), EmulatorFixture::writeToken()).json().contains("discussionsSorting"));
        const Reply reply = hub->put(nimbus + "/settings", Json{{"discussionsSorting", value}}, EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 200);
        JCOMPARE(reply.json()["discussionsSorting"], value);
        QCOMPARE(hub->repo("nimbus-ai/nimbus-7b").discussionsSorting, value);
        // Kept by the state file, so a restart keeps it.
        emu::HubState reloaded = emu::HubState::fromJson(hub->state().toJson());
        QCOMPARE(reloaded.repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b")->discussionsSorting, value);
    }

    void settingsFineGrainedWrite()
    {
        // The fine-grained demo token has repo.write on the nimbus-ai org.
        const Reply reply = hub->put(nimbus + "/settings", Json{{"gated", "auto"}}, EmulatorFixture::fineGrainedToken());
        QCOMPARE(reply.status, 200);
        QCOMPARE(hub->repo("nimbus-ai/nimbus-7b").gated, std::string("auto"));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorRepos)
#include "tst_emulator_repos.moc"
