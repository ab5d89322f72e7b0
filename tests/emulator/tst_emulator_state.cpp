// Persistence (setPersistPath, saveState, loadSeedFile) and the data control endpoints:
// state, generate, stats, reset.
#include "emulatortest.h"

#include "requestgenerator.h"
#include "seedfile.h"

#include <QFile>
#include <QTemporaryDir>

#include <set>

using namespace emutest;

namespace {

const std::string nimbusApi = "/api/models/nimbus-ai/nimbus-7b/user-access-request/";

// Everything a request carries, with users by name, for comparing two states.
std::vector<std::string> describeRequests(const emu::HubState &state, const emu::Repo &repo)
{
    std::vector<std::string> out;
    for (const auto &r : repo.requests()) {
        std::string line = state.userById(r.userId)->name + "|" + r.status + "|" + emu::isoTime(r.timestampMs) +
                           "|" + (r.reviewedAtMs ? emu::isoTime(r.reviewedAtMs) : "-") + "|" +
                           (r.grantedById.empty() ? "-" : state.userById(r.grantedById)->name) + "|" +
                           r.rejectionReason;
        for (const auto &[key, value] : r.fields)
            line += "|" + key + "=" + value;
        out.push_back(line);
    }
    return out;
}

} // namespace

class TestEmulatorState : public QObject
{
    Q_OBJECT
    std::unique_ptr<Hub> hub;

    // A few changes of every kind through the API.
    void changeThings()
    {
        const QByteArray mira = EmulatorFixture::writeToken();
        QCOMPARE(hub->put("/api/models/nimbus-ai/nimbus-7b/settings",
                          Json{{"gated", "auto"}, {"gatedNotificationsMode", "bulk"},
                               {"gatedNotificationsEmail", "gate@nimbus-ai.example"}, {"orgMembersGated", true},
                               {"discussionsDisabled", true}}, mira).status, 200);
        QCOMPARE(hub->put("/api/models/mira-patel/tiny-poet/settings", Json{{"private", true}}, mira).status, 200);
        QCOMPARE(hub->post(nimbusApi + "handle", Json{{"user", "grace-kim"}, {"status", "rejected"},
                                                      {"rejectionReason", "Wrong country — désolé"}}, mira).status, 200);
        QCOMPARE(hub->post(nimbusApi + "grant", Json{{"user", "yuki-tanaka"}}, mira).status, 200);
        QCOMPARE(hub->post("/datasets/open-ocean-lab/reef-sounds/ask-access",
                           Json{{"Institution", "Lab"}, {"Research project", "Other"}, {"I will cite the dataset", true}},
                           tomaszToken()).status, 303);
        QCOMPARE(hub->post("/api/models/mira-patel/sketch-diffusion/commit/main",
                           Json{{"summary", "Edit"}, {"files", Json::array({Json{{"path", "README.md"}, {"content", "# New\n"}}})}},
                           mira).status, 200);
    }

private Q_SLOTS:
    void init() { hub = std::make_unique<Hub>(); }
    void cleanup()
    {
        QCOMPARE(hub->missingRequestIds, 0);
        hub.reset();
    }

    void saveAndLoad()
    {
        changeThings();
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("state.json"));
        hub->fixture().server().setPersistPath(path);
        QString error;
        QVERIFY2(hub->fixture().server().saveState(&error), qPrintable(error));

        emu::HubState loaded;
        QVERIFY2(emu::loadSeedFile(path, &loaded, &error), qPrintable(error));
        emu::HubState &original = hub->state();
        for (const auto type : {emu::RepoType::Model, emu::RepoType::Dataset}) {
            const auto before = original.repos(type);
            const auto after = loaded.repos(type);
            QCOMPARE(after.size(), before.size());
            for (std::size_t i = 0; i < before.size(); ++i) {
                const emu::Repo &a = *before[i], &b = *after[i];
                QCOMPARE(b.id(), a.id());
                QCOMPARE(b.gated, a.gated);
                QCOMPARE(b.isPrivate, a.isPrivate);
                QCOMPARE(b.notificationsMode, a.notificationsMode);
                QCOMPARE(b.notificationsEmail, a.notificationsEmail);
                QCOMPARE(b.orgMembersGated, a.orgMembersGated);
                QCOMPARE(b.discussionsDisabled, a.discussionsDisabled);
                QCOMPARE(b.headCommit()->oid, a.headCommit()->oid);
                QCOMPARE(b.headCommit()->files, a.headCommit()->files);
                QCOMPARE(describeRequests(loaded, b), describeRequests(original, a));
            }
        }
        // The changes above are among what was compared.
        QCOMPARE(loaded.repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b")->gated, std::string("auto"));
        QCOMPARE(loaded.userByName("grace-kim")->id, original.userByName("grace-kim")->id);
        // And nothing else is lost either: the whole state serialises the same.
        JCOMPARE(loaded.toJson(), original.toJson());
    }

    void savesAfterChanges()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state.json"));
        hub->fixture().server().setPersistPath(path);
        QVERIFY(!QFile::exists(path)); // nothing changed yet
        QCOMPARE(hub->post(nimbusApi + "handle", Json{{"user", "grace-kim"}, {"status", "accepted"}},
                           EmulatorFixture::writeToken()).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), 10000); // batched, not immediate
        emu::HubState loaded;
        QString error;
        QVERIFY2(emu::loadSeedFile(path, &loaded, &error), qPrintable(error));
        const std::string grace = loaded.userByName("grace-kim")->id; // a copy: `loaded` is reloaded below
        QCOMPARE(loaded.repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b")->findRequest(grace)->status,
                 std::string("accepted"));

        // A change just before shutdown is saved by the destructor.
        QCOMPARE(hub->post(nimbusApi + "handle", Json{{"user", "grace-kim"}, {"status", "rejected"}},
                           EmulatorFixture::writeToken()).status, 200);
        hub.reset();
        QVERIFY2(emu::loadSeedFile(path, &loaded, &error), qPrintable(error));
        QCOMPARE(loaded.repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b")->findRequest(grace)->status,
                 std::string("rejected"));
        hub = std::make_unique<Hub>();
    }

    void loadSeedFileErrors()
    {
        QTemporaryDir dir;
        emu::HubState state;
        QString error;
        QVERIFY(!emu::loadSeedFile(dir.filePath(QStringLiteral("missing.json")), &state, &error));
        QVERIFY(error.contains(QStringLiteral("missing.json")));
        const QString broken = dir.filePath(QStringLiteral("broken.json"));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"users": [{"name": "a"}], "repos": [{"id": "no-slash"}]})");
        file.close();
        QVERIFY(!emu::loadSeedFile(broken, &state, &error));
        QVERIFY2(error.contains(QStringLiteral("namespace/name")), qPrintable(error));
    }

    // ---- control endpoints ----

    void stateEndpoint()
    {
        changeThings();
        const Reply reply = hub->get("/_emulator/state");
        QCOMPARE(reply.status, 200);
        JCOMPARE(reply.json(), hub->state().toJson());
    }

    void generateEndpoint()
    {
        const emu::Repo &repo = hub->repo("mira-patel/poetry-corpus", emu::RepoType::Dataset);
        const std::size_t before = repo.requests().size();
        const std::size_t users = hub->state().users().size();
        const std::size_t pendingBefore = repo.countStatus("pending");
        const Reply reply = hub->post("/_emulator/generate", Json{{"repo", "mira-patel/poetry-corpus"}, {"type", "dataset"},
                                                                   {"count", 500}, {"pending", 1.0}, {"accepted", 0.0}});
        QCOMPARE(reply.status, 200);
        JCOMPARE(reply.json()["added"], 500);
        JCOMPARE(reply.json()["total"], before + 500);
        QCOMPARE(repo.requests().size(), before + 500);
        QCOMPARE(hub->state().users().size(), users + 500); // one new user per request
        // pending share 1.0: every new request is pending, with an answer for each form field.
        QCOMPARE(repo.countStatus("pending"), pendingBefore + 500);
        std::size_t answered = 0;
        for (const auto &request : repo.requests())
            answered += request.fields.count("Name") && request.fields.count("Country") &&
                        request.fields.count("Start date");
        QCOMPARE(answered, before + 500);

        QCOMPARE(hub->post("/_emulator/generate", Json{{"repo", "nobody/nothing"}, {"count", 5}}).status, 404);
        QCOMPARE(hub->post("/_emulator/generate", Json{{"repo", "mira-patel/tiny-poet"}, {"count", 0}}).status, 400);
        QCOMPARE(hub->post("/_emulator/generate", Json::array()).status, 400);
        // A dataset is not found as a model.
        QCOMPARE(hub->post("/_emulator/generate", Json{{"repo", "mira-patel/poetry-corpus"}, {"count", 5}}).status, 404);
    }

    void generatedAnswersFollowTheForm()
    {
        // Every field type of nimbus-7b's form gets a valid answer.
        emu::Repo &repo = hub->repo("mira-patel/sketch-diffusion");
        emu::GeneratorOptions options;
        options.count = 300;
        options.seed = 3;
        QCOMPARE(emu::generateRequests(hub->state(), hub->repo("nimbus-ai/nimbus-7b"), options), 300);
        const std::set<std::string> uses{"Research", "Education", "Commercial product", "other"};
        for (const auto *request : requestsWithStatus(hub->repo("nimbus-ai/nimbus-7b"), "pending")) {
            const auto &fields = request->fields;
            if (!fields.count("Intended use"))
                continue; // the seeded request of grace-kim has them too, all others must
            QVERIFY(uses.count(fields.at("Intended use")));
            QCOMPARE(fields.at("Country").size(), std::size_t(2));
            QVERIFY(emu::parseIsoTime(fields.at("Date of birth") + "T00:00:00Z"));
            QVERIFY(!fields.at("Full name").empty());
            if (fields.count("I agree to the license terms"))
                QCOMPARE(fields.at("I agree to the license terms"), std::string("on"));
        }
        // A repo without a form gets requests without answers.
        QCOMPARE(emu::generateRequests(hub->state(), repo, options), 300);
        for (const auto &request : repo.requests())
            QVERIFY(request.fields.empty());
        // Same seed, same data: a second state generated alike has the same users.
        emu::HubState again = emu::HubState::fromJson(EmulatorFixture::demoSeed());
        emu::generateRequests(again, *again.repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b"), options);
        emu::Repo *twin = again.repo(emu::RepoType::Model, "mira-patel", "sketch-diffusion");
        emu::generateRequests(again, *twin, options);
        QCOMPARE(twin->requests().size(), repo.requests().size());
        for (std::size_t i = 0; i < repo.requests().size(); ++i)
            QCOMPARE(again.userById(twin->requests()[i].userId)->name,
                     hub->state().userById(repo.requests()[i].userId)->name);
    }

    void stats()
    {
        QCOMPARE(hub->del("/_emulator/stats").status, 200);
        hub->get("/api/whoami-v2", EmulatorFixture::writeToken());
        hub->get("/api/whoami-v2");
        hub->get("/api/models?author=nimbus-ai");
        hub->get("/_emulator/faults"); // control calls are not counted
        Json stats = hub->get("/_emulator/stats").json();
        JCOMPARE(stats["total"], 3);
        JCOMPARE(stats["calls"]["GET /api/whoami-v2"], 2);
        JCOMPARE(stats["calls"]["GET /api/models"], 1); // by path, without the query
        Json cleared = hub->del("/_emulator/stats").json();
        JCOMPARE(cleared["total"], 0);
        JCOMPARE(cleared["calls"], Json::object());
    }

    void reset()
    {
        QCOMPARE(hub->post("/_emulator/reset", Json::object()).status, 409); // no seed to reload
        hub->api().reloadSeed = [] { return emu::HubState::fromJson(EmulatorFixture::demoSeed()); };
        const Json pristine = hub->state().toJson();
        changeThings();
        hub->post("/_emulator/faults", Json{{"kind", "status"}, {"status", 500}, {"path", "/api/models"}});
        QCOMPARE(hub->post("/_emulator/reset", Json::object()).status, 200);
        // Users, settings and requests are the seed's again (generated timestamps depend on the
        // time of loading, so compare what does not).
        QCOMPARE(hub->request("nimbus-ai/nimbus-7b", "grace-kim")->status, std::string("pending"));
        QVERIFY(!hub->request("nimbus-ai/nimbus-7b", "yuki-tanaka"));
        QCOMPARE(hub->repo("nimbus-ai/nimbus-7b").gated, std::string("manual"));
        QCOMPARE(hub->repo("mira-patel/tiny-poet").isPrivate, false);
        QCOMPARE(hub->state().users().size(), pristine["users"].size());
        QCOMPARE(hub->get("/api/models").status, 200); // faults cleared
        JCOMPARE(hub->get("/_emulator/stats").json()["total"], 1);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorState)
#include "tst_emulator_state.moc"
