// Files: resolve (with the gate), the commit API in NDJSON and JSON, pull requests, README
// validation on commit, and POST /api/validate-yaml.
#include "emulatortest.h"

#include <QCryptographicHash>

using namespace emutest;

namespace {

const std::string nimbusRepo = "nimbus-ai/nimbus-7b";
const std::string nimbusCommit = "/api/models/nimbus-ai/nimbus-7b/commit/main";

QByteArray ndjson(const std::vector<Json> &lines)
{
    QByteArray out;
    for (const Json &line : lines)
        out += QByteArray::fromStdString(line.dump()) + '\n';
    return out;
}

Json headerLine(const std::string &summary, const std::string &parent = {})
{
    Json value{{"summary", summary}};
    if (!parent.empty())
        value["parentCommit"] = parent;
    return Json{{"key", "header"}, {"value", value}};
}

// The "files" list of a JSON commit: [{path, content}, ...].
Json files(std::initializer_list<std::pair<std::string, std::string>> entries)
{
    Json out = Json::array();
    for (const auto &[path, content] : entries)
        out.push_back(Json{{"path", path}, {"content", content}});
    return out;
}

Json fileLine(const std::string &path, const QByteArray &content)
{
    return Json{{"key", "file"},
                {"value", {{"path", path}, {"content", content.toBase64().toStdString()}, {"encoding", "base64"}}}};
}

} // namespace

class TestEmulatorContent : public QObject
{
    Q_OBJECT
    std::unique_ptr<Hub> hub;

    std::string head(const std::string &repoId = nimbusRepo) { return hub->repo(repoId).headCommit()->oid; }

    Reply commitNdjson(const std::vector<Json> &lines, const std::string &path = nimbusCommit,
                       const QByteArray &token = EmulatorFixture::writeToken())
    {
        return hub->send("POST", path, token, ndjson(lines), "application/x-ndjson");
    }

    Reply resolve(const std::string &rev, const std::string &file, const QByteArray &token = EmulatorFixture::writeToken())
    {
        return hub->get("/nimbus-ai/nimbus-7b/resolve/" + rev + "/" + file, token);
    }

private Q_SLOTS:
    void init() { hub = std::make_unique<Hub>(); }
    void cleanup()
    {
        QCOMPARE(hub->missingRequestIds, 0);
        hub.reset();
    }

    // ---- resolve ----

    void resolveReadme()
    {
        const emu::Repo &repo = hub->repo(nimbusRepo);
        const std::string readme = repo.headCommit()->files.at("README.md");
        const Reply reply = resolve("main", "README.md", {}); // README is public even when gated
        QCOMPARE(reply.status, 200);
        QCOMPARE(text(reply.body), readme);
        QCOMPARE(header(reply, "X-Repo-Commit"), head());
        const QByteArray sha1 = QCryptographicHash::hash(QByteArray::fromStdString(readme), QCryptographicHash::Sha1).toHex();
        QCOMPARE(reply.header("ETag"), QByteArray('"' + sha1 + '"'));
        QVERIFY(reply.header("Content-Type").startsWith("text/plain"));
        // By commit id as well.
        QCOMPARE(text(resolve(head(), "README.md", {}).body), readme);

        const emu::Repo &dataset = hub->repo("nimbus-ai/clean-web-2t", emu::RepoType::Dataset);
        const Reply data = hub->get("/datasets/nimbus-ai/clean-web-2t/resolve/main/README.md");
        QCOMPARE(data.status, 200);
        QCOMPARE(text(data.body), dataset.headCommit()->files.at("README.md"));
        // The model path does not reach a dataset.
        QCOMPARE(hub->get("/nimbus-ai/clean-web-2t/resolve/main/README.md", EmulatorFixture::writeToken()).status, 404);
    }

    void resolveErrors()
    {
        const Reply missing = resolve("main", "weights.bin");
        QCOMPARE(missing.status, 404);
        QCOMPARE(header(missing, "X-Error-Code"), std::string("EntryNotFound"));
        const Reply badRev = resolve("no-such-branch", "README.md");
        QCOMPARE(badRev.status, 404);
        QCOMPARE(header(badRev, "X-Error-Code"), std::string("RevisionNotFound"));
        const Reply privateAnon = hub->get("/leo-hartmann/private-notes/resolve/main/README.md");
        QCOMPARE(privateAnon.status, 401);
        QCOMPARE(header(privateAnon, "X-Error-Code"), std::string("RepoNotFound"));
        const Reply privateOther = hub->get("/leo-hartmann/private-notes/resolve/main/README.md", EmulatorFixture::writeToken());
        QCOMPARE(privateOther.status, 404);
        QCOMPARE(header(privateOther, "X-Error-Code"), std::string("RepoNotFound"));
        QCOMPARE(hub->get("/leo-hartmann/private-notes/resolve/main/README.md", leoToken()).status, 200);
    }

    void gatedFile()
    {
        const Reply anonymous = resolve("main", "config.json", {});
        QCOMPARE(anonymous.status, 401);
        QCOMPARE(header(anonymous, "X-Error-Code"), std::string("GatedRepo"));
        // grace-kim's request is pending.
        const Reply pending = resolve("main", "config.json", EmulatorFixture::requesterToken());
        QCOMPARE(pending.status, 403);
        QCOMPARE(header(pending, "X-Error-Code"), std::string("GatedRepo"));
        QCOMPARE(resolve("main", "config.json", yukiToken()).status, 403); // never asked
        // The error names the file's gate, not the file: no EntryNotFound leak either.
        QCOMPARE(header(resolve("main", "no-such-file", yukiToken()), "X-Error-Code"), std::string("GatedRepo"));

        QCOMPARE(hub->post("/api/models/nimbus-ai/nimbus-7b/user-access-request/handle",
                           Json{{"user", "grace-kim"}, {"status", "accepted"}}, EmulatorFixture::writeToken()).status,
                 200);
        const Reply accepted = resolve("main", "config.json", EmulatorFixture::requesterToken());
        QCOMPARE(accepted.status, 200);
        QCOMPARE(text(accepted.body), hub->repo(nimbusRepo).headCommit()->files.at("config.json"));

        QCOMPARE(hub->post("/api/models/nimbus-ai/nimbus-7b/user-access-request/handle",
                           Json{{"user", "grace-kim"}, {"status", "rejected"}}, EmulatorFixture::writeToken()).status,
                 200);
        QCOMPARE(resolve("main", "config.json", EmulatorFixture::requesterToken()).status, 403);
    }

    void orgMembersAndTheGate()
    {
        // sam-okoro is a contributor of nimbus-ai, mira-patel its admin. Members skip the gate
        // unless orgMembersGated is set; then only admins do.
        QCOMPARE(resolve("main", "config.json", EmulatorFixture::contributorToken()).status, 200);
        QCOMPARE(resolve("main", "config.json", EmulatorFixture::readToken()).status, 200);
        QCOMPARE(hub->put("/api/models/nimbus-ai/nimbus-7b/settings", Json{{"orgMembersGated", true}},
                          EmulatorFixture::writeToken()).status,
                 200);
        QCOMPARE(resolve("main", "config.json", EmulatorFixture::contributorToken()).status, 403);
        QCOMPARE(resolve("main", "config.json", EmulatorFixture::writeToken()).status, 200);

        // mira-patel has the write role (not admin) in open-ocean-lab.
        const std::string reef = "/datasets/open-ocean-lab/reef-sounds/resolve/main/";
        QCOMPARE(hub->post("/api/datasets/open-ocean-lab/reef-sounds/commit/main",
                           Json{{"summary", "Add data"}, {"files", files({{"data.csv", "a,b\n"}})}},
                           leoToken()).status,
                 200);
        QCOMPARE(hub->get(reef + "data.csv", EmulatorFixture::writeToken()).status, 200);
        QCOMPARE(hub->put("/api/datasets/open-ocean-lab/reef-sounds/settings", Json{{"orgMembersGated", true}},
                          leoToken()).status,
                 200);
        QCOMPARE(hub->get(reef + "data.csv", EmulatorFixture::writeToken()).status, 403);
        QCOMPARE(hub->get(reef + "data.csv", leoToken()).status, 200); // the admin
    }

    // ---- commit ----

    void commitNdjsonBase64()
    {
        const std::string parent = head();
        const QByteArray binary("\x00\x01\xfe\xff binary\n", 12);
        const Reply reply = commitNdjson({headerLine("Add files", parent), fileLine("notes.txt", "hello\n"),
                                          fileLine("data/blob.bin", binary),
                                          Json{{"key", "file"}, {"value", {{"path", "plain.txt"}, {"content", "as is"}}}}});
        QCOMPARE(reply.status, 200);
        Json answer = reply.json();
        const std::string oid = answer["commitOid"];
        QCOMPARE(oid, head());
        QVERIFY(oid != parent);
        JCOMPARE(answer["commitUrl"], hub->base() + "/nimbus-ai/nimbus-7b/commit/" + oid);
        QVERIFY(!answer.contains("pullRequestUrl"));
        JCOMPARE(hub->get("/api/models/nimbus-ai/nimbus-7b").json()["sha"], oid);
        QCOMPARE(hub->repo(nimbusRepo).commits.at(oid).parent, parent);

        QCOMPARE(resolve("main", "notes.txt").body, QByteArray("hello\n"));
        QCOMPARE(resolve("main", "data/blob.bin").body, binary);
        QCOMPARE(resolve("main", "plain.txt").body, QByteArray("as is"));
        QCOMPARE(header(resolve("main", "notes.txt"), "X-Repo-Commit"), oid);
        // Older files stay; the previous commit is still readable by id.
        QCOMPARE(resolve("main", "config.json").status, 200);
        QCOMPARE(resolve(parent, "notes.txt").status, 404);
    }

    void commitJson()
    {
        const std::string parent = head();
        const Reply reply = hub->post(nimbusCommit,
                                      Json{{"summary", "JSON commit"},
                                           {"parentCommit", parent},
                                           {"files", Json::array({Json{{"path", "a.txt"}, {"content", "QUJD"}, {"encoding", "base64"}}})},
                                           {"deletedFiles", Json::array({Json{{"path", "config.json"}}})}},
                                      EmulatorFixture::writeToken());
        QCOMPARE(reply.status, 200);
        JCOMPARE(hub->get("/api/models/nimbus-ai/nimbus-7b").json()["sha"], reply.json()["commitOid"]);
        QCOMPARE(resolve("main", "a.txt").body, QByteArray("ABC"));
        const Reply deleted = resolve("main", "config.json");
        QCOMPARE(deleted.status, 404);
        QCOMPARE(header(deleted, "X-Error-Code"), std::string("EntryNotFound"));
        QCOMPARE(hub->repo(nimbusRepo).commits.at(head()).summary, std::string("JSON commit"));
    }

    void staleParent()
    {
        const std::string first = head();
        QCOMPARE(commitNdjson({headerLine("One", first), fileLine("one.txt", "1")}).status, 200);
        const std::string second = head();
        const Reply stale = commitNdjson({headerLine("Two", first), fileLine("two.txt", "2")});
        QCOMPARE(stale.status, 412);
        QVERIFY(stale.json()["error"].is_string());
        QCOMPARE(head(), second);
        QCOMPARE(resolve("main", "two.txt").status, 404);
    }

    void createPullRequest()
    {
        const std::string main = head();
        const Reply reply = hub->send("POST", nimbusCommit + "?create_pr=1", EmulatorFixture::writeToken(),
                                      ndjson({headerLine("Proposal", main), fileLine("proposal.md", "new text")}),
                                      "application/x-ndjson");
        QCOMPARE(reply.status, 200);
        JCOMPARE(reply.json()["pullRequestUrl"], hub->base() + "/nimbus-ai/nimbus-7b/discussions/1");
        QCOMPARE(head(), main); // main is unchanged
        JCOMPARE(hub->get("/api/models/nimbus-ai/nimbus-7b").json()["sha"], main);
        QCOMPARE(resolve("main", "proposal.md").status, 404);
        const Reply onPr = resolve("refs%2Fpr%2F1", "proposal.md");
        QCOMPARE(onPr.status, 200);
        QCOMPARE(onPr.body, QByteArray("new text"));
        JCOMPARE(reply.json()["commitOid"], header(onPr, "X-Repo-Commit"));
        JCOMPARE(hub->get("/api/models/nimbus-ai/nimbus-7b/revision/refs%2Fpr%2F1").json()["sha"],
                 reply.json()["commitOid"]);

        // The next one is number 2; a dataset's URL has /datasets/.
        const Reply second = hub->post(nimbusCommit + "?create_pr=true",
                                       Json{{"summary", "Another"}, {"files", files({{"x", "y"}})}},
                                       EmulatorFixture::writeToken());
        JCOMPARE(second.json()["pullRequestUrl"], hub->base() + "/nimbus-ai/nimbus-7b/discussions/2");
        const Reply dataset = hub->post("/api/datasets/mira-patel/poetry-corpus/commit/main?create_pr=1",
                                        Json{{"summary", "Fix"}, {"files", files({{"x", "y"}})}},
                                        EmulatorFixture::writeToken());
        JCOMPARE(dataset.json()["pullRequestUrl"], hub->base() + "/datasets/mira-patel/poetry-corpus/discussions/1");
    }

    void commitReadmeChangesCard()
    {
        // Keys deliberately not in alphabetical order: cardData keeps the form order.
        const std::string readme = emutest::readme(
            "license: mit\nextra_gated_fields:\n  Zeta: text\n  Alpha: country\n  Mid: checkbox\n");
        QCOMPARE(commitNdjson({headerLine("New form"), fileLine("README.md", QByteArray::fromStdString(readme))}).status, 200);
        Json info = hub->get("/api/models/nimbus-ai/nimbus-7b").json();
        std::vector<std::string> keys;
        for (const auto &[key, spec] : info["cardData"]["extra_gated_fields"].items())
            keys.push_back(key);
        QCOMPARE(keys, (std::vector<std::string>{"Zeta", "Alpha", "Mid"}));
        QCOMPARE(text(resolve("main", "README.md", {}).body), readme);
        // ask-access now checks the new form.
        QCOMPARE(hub->post("/nimbus-ai/nimbus-7b/ask-access", Json{{"Zeta", "z"}, {"Alpha", "NOPE"}}, yukiToken()).status, 400);
        QCOMPARE(hub->post("/nimbus-ai/nimbus-7b/ask-access", Json{{"Zeta", "z"}, {"Alpha", "FR"}}, yukiToken()).status, 303);
    }

    void commitRefusals_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        const QByteArray mira = EmulatorFixture::writeToken();
        const QByteArray nd = "application/x-ndjson";
        const auto readmeLine = [](const std::string &yaml) {
            return fileLine("README.md", QByteArray::fromStdString(emutest::readme(yaml)));
        };
        QTest::newRow("invalid YAML") << mira << ndjson({headerLine("x"), readmeLine("license: [mit\n")}) << nd << 400;
        QTest::newRow("front matter not a mapping") << mira << ndjson({headerLine("x"), readmeLine("- a\n- b\n")}) << nd << 400;
        QTest::newRow("unknown field type")
            << mira << ndjson({headerLine("x"), readmeLine("extra_gated_fields:\n  Name: textarea\n")}) << nd << 400;
        QTest::newRow("fields not a mapping")
            << mira << ndjson({headerLine("x"), readmeLine("extra_gated_fields: [Name, Country]\n")}) << nd << 400;
        QTest::newRow("select without options")
            << mira << ndjson({headerLine("x"), readmeLine("extra_gated_fields:\n  Use:\n    type: select\n")}) << nd << 400;
        QTest::newRow("prompt not a string")
            << mira << ndjson({headerLine("x"), readmeLine("extra_gated_prompt:\n  - a\n")}) << nd << 400;
        QTest::newRow("missing summary") << mira << ndjson({fileLine("a.txt", "a")}) << nd << 400;
        QTest::newRow("empty summary") << mira << ndjson({headerLine(""), fileLine("a.txt", "a")}) << nd << 400;
        QTest::newRow("missing summary, JSON")
            << mira << QByteArray(R"({"files": [{"path": "a.txt", "content": "a"}]})") << QByteArray("application/json") << 400;
        QTest::newRow("bad base64")
            << mira
            << ndjson({headerLine("x"), Json{{"key", "file"}, {"value", {{"path", "a"}, {"content", "!!!"}, {"encoding", "base64"}}}}})
            << nd << 400;
        QTest::newRow("unknown operation") << mira << ndjson({headerLine("x"), Json{{"key", "rename"}, {"value", Json::object()}}}) << nd << 400;
        QTest::newRow("LFS file") << mira << ndjson({headerLine("x"), Json{{"key", "lfsFile"}, {"value", {{"path", "w.bin"}}}}}) << nd << 400;
        QTest::newRow("line not JSON") << mira << QByteArray("{\"key\": \"header\"\nnot json\n") << nd << 400;
        QTest::newRow("wrong content type") << mira << ndjson({headerLine("x")}) << QByteArray("text/plain") << 400;
        QTest::newRow("delete a missing file")
            << mira << ndjson({headerLine("x"), Json{{"key", "deletedFile"}, {"value", {{"path", "nope"}}}}}) << nd << 404;
        QTest::newRow("read token") << EmulatorFixture::readToken() << ndjson({headerLine("x"), fileLine("a", "a")}) << nd << 403;
        QTest::newRow("contributor") << EmulatorFixture::contributorToken() << ndjson({headerLine("x"), fileLine("a", "a")}) << nd << 403;
        QTest::newRow("anonymous") << QByteArray() << ndjson({headerLine("x"), fileLine("a", "a")}) << nd << 401;
    }
    void commitRefusals()
    {
        QFETCH(QByteArray, token);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        const std::string before = head();
        const std::size_t commits = hub->repo(nimbusRepo).commits.size();
        const Reply reply = hub->send("POST", nimbusCommit, token, body, contentType);
        QCOMPARE(reply.status, status);
        QVERIFY(reply.json()["error"].is_string());
        QCOMPARE(head(), before);
        QCOMPARE(hub->repo(nimbusRepo).commits.size(), commits);
    }

    void commitToUnknownBranch()
    {
        const Reply reply = hub->send("POST", "/api/models/nimbus-ai/nimbus-7b/commit/dev", EmulatorFixture::writeToken(),
                                      ndjson({headerLine("x"), fileLine("a", "a")}), "application/x-ndjson");
        QCOMPARE(reply.status, 404);
        QCOMPARE(header(reply, "X-Error-Code"), std::string("RevisionNotFound"));
    }

    // ---- validate-yaml ----

    void validateYaml_data()
    {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("repoType");
        QTest::addColumn<int>("status");
        const auto card = [](const char *yaml) { return QString::fromStdString(emutest::readme(yaml)); };
        QTest::newRow("every field type")
            << card("extra_gated_prompt: Be nice\nextra_gated_fields:\n  Name: text\n  Country: country\n"
                    "  Born: date_picker\n  OK: checkbox\n  Use:\n    type: select\n    options:\n"
                    "      - Research\n      - label: Other\n        value: other\n"
                    "extra_gated_eu_disallowed: true\n")
            << QStringLiteral("model") << 200;
        QTest::newRow("dataset") << card("license: mit\n") << QStringLiteral("dataset") << 200;
        QTest::newRow("no front matter") << QStringLiteral("# Just a title\n") << QStringLiteral("model") << 200;
        QTest::newRow("malformed YAML") << card("license: mit\n  bad: [indent\n") << QStringLiteral("model") << 400;
        QTest::newRow("field type") << card("extra_gated_fields:\n  Name: essay\n") << QStringLiteral("model") << 400;
        QTest::newRow("field as a number") << card("extra_gated_fields:\n  Name: 5\n") << QStringLiteral("model") << 400;
        QTest::newRow("select option shape")
            << card("extra_gated_fields:\n  Use:\n    type: select\n    options:\n      - label: Only a label\n")
            << QStringLiteral("model") << 400;
        QTest::newRow("eu_disallowed not a boolean") << card("extra_gated_eu_disallowed: maybe\n") << QStringLiteral("model") << 400;
        QTest::newRow("heading not a string") << card("extra_gated_heading:\n  a: b\n") << QStringLiteral("model") << 400;
        QTest::newRow("bad repoType") << card("license: mit\n") << QStringLiteral("kernel-zoo") << 400;
    }
    void validateYaml()
    {
        QFETCH(QString, content);
        QFETCH(QString, repoType);
        QFETCH(int, status);
        const Reply reply = hub->post("/api/validate-yaml",
                                      Json{{"content", content.toStdString()}, {"repoType", repoType.toStdString()}});
        QCOMPARE(reply.status, status);
        Json answer = reply.json();
        if (status == 200) {
            JCOMPARE(answer["errors"], Json::array());
            JCOMPARE(answer["warnings"], Json::array());
        } else {
            QVERIFY(!answer["error"].get<std::string>().empty());
        }
    }

    void validateYamlBody()
    {
        QCOMPARE(hub->post("/api/validate-yaml", Json{{"repoType", "model"}}).status, 400);
        QCOMPARE(hub->send("POST", "/api/validate-yaml", {}, "not json").status, 400);
        QCOMPARE(hub->post("/api/validate-yaml", Json{{"content", 42}}).status, 400);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorContent)
#include "tst_emulator_content.moc"
