// What clients read around a commit: refs (with pull requests), tree, paths-info, commit
// history, preupload and repo info at a revision.
#include "emulatortest.h"

using namespace emutest;

namespace {

const std::string sketchApi = "/api/models/mira-patel/sketch-diffusion/";
const std::string poetryApi = "/api/datasets/mira-patel/poetry-corpus/";

std::string gitBlobOid(const std::string &content)
{
    std::string blob = "blob " + std::to_string(content.size());
    blob += '\0';
    return emu::sha1Hex(blob + content);
}

std::string base64(const std::string &bytes)
{
    return QByteArray::fromStdString(bytes).toBase64().toStdString();
}

} // namespace

class TestEmulatorFiles : public QObject
{
    Q_OBJECT
    std::unique_ptr<Hub> hub;
    const QByteArray mira = EmulatorFixture::writeToken();

    // A JSON commit on main (or as a pull request); returns the answer.
    Json commit(const std::string &api, const Json &files, bool pullRequest = false,
                const std::string &summary = "Add files")
    {
        const Reply reply = hub->post(api + "commit/main" + (pullRequest ? "?create_pr=1" : ""),
                                      Json{{"summary", summary}, {"description", "Why: tests"}, {"files", files}},
                                      mira);
        if (reply.status != 200)
            qWarning("commit failed: %d %s", reply.status, reply.body.constData());
        return reply.json();
    }

    Json addDocs(const std::string &api = sketchApi)
    {
        return commit(api, Json::array({Json{{"path", "docs/usage.md"}, {"content", "# Usage\n"}},
                                        Json{{"path", "docs/deep/faq.md"}, {"content", "# FAQ\n"}}}));
    }

private Q_SLOTS:
    void init() { hub = std::make_unique<Hub>(); }
    void cleanup()
    {
        QCOMPARE(hub->missingRequestIds, 0);
        hub.reset();
    }

    // ---- refs ----

    void refsListBranchesAndPullRequestsOnRequest()
    {
        const std::string head = addDocs()["commitOid"];
        const Json pr = commit(sketchApi, Json::array({Json{{"path", "IDEA.md"}, {"content", "x\n"}}}), true);
        const std::string prNumber = pr["pullRequestUrl"].get<std::string>().substr(
            pr["pullRequestUrl"].get<std::string>().rfind('/') + 1);

        Reply reply = hub->get(sketchApi + "refs", mira);
        QCOMPARE(reply.status, 200);
        JCOMPARE(reply.json(),
                 (Json{{"tags", Json::array()},
                       {"branches", Json::array({Json{{"name", "main"}, {"ref", "refs/heads/main"}, {"targetCommit", head}}})},
                       {"converts", Json::array()}}));

        reply = hub->get(sketchApi + "refs?include_prs=1", mira);
        QCOMPARE(reply.status, 200);
        JCOMPARE(reply.json()["pullRequests"],
                 Json::array({Json{{"name", prNumber},
                                   {"ref", "refs/pr/" + prNumber},
                                   {"targetCommit", pr["commitOid"]}}}));
        // The pull request did not move main.
        JCOMPARE(reply.json()["branches"][0]["targetCommit"], head);
    }

    void refsRefusals()
    {
        Reply reply = hub->get("/api/models/mira-patel/no-such-repo/refs", mira);
        QCOMPARE(reply.status, 404);
        QCOMPARE(header(reply, "X-Error-Code"), std::string("RepoNotFound"));
        reply = hub->get("/api/models/nimbus-ai/nimbus-7b-instruct/refs", EmulatorFixture::requesterToken());
        QCOMPARE(reply.status, 404);
        reply = hub->get("/api/models/nimbus-ai/nimbus-7b-instruct/refs");
        QCOMPARE(reply.status, 401);
        QCOMPARE(header(reply, "X-Error-Code"), std::string("RepoNotFound"));
    }

    // ---- tree ----

    void treeOfRootAndFolder()
    {
        addDocs();
        const emu::Commit &head = *hub->repo("mira-patel/sketch-diffusion").headCommit();
        Reply reply = hub->get(sketchApi + "tree/main", mira);
        QCOMPARE(reply.status, 200);
        Json items = reply.json();
        // Folders first, then files; README.md carries its git blob oid and size.
        JCOMPARE(items[0]["type"], "directory");
        bool readmeSeen = false;
        for (const Json &item : items) {
            if (item["type"] == "file" && item["oid"] == gitBlobOid(head.files.at("README.md"))) {
                JCOMPARE(item["size"], head.files.at("README.md").size());
                readmeSeen = true;
            }
            QVERIFY(!item.contains("path")); // not in the contract's tree item
        }
        QVERIFY(readmeSeen);

        reply = hub->get(sketchApi + "tree/main/docs", mira);
        QCOMPARE(reply.status, 200);
        items = reply.json();
        QCOMPARE(items.size(), std::size_t(2));
        JCOMPARE(items[0]["type"], "directory");
        JCOMPARE(items[0]["size"], 0);
        JCOMPARE(items[1], (Json{{"type", "file"}, {"oid", gitBlobOid("# Usage\n")}, {"size", 8}}));

        reply = hub->get(sketchApi + "tree/main/docs?recursive=true", mira);
        QCOMPARE(reply.json().size(), std::size_t(3));
    }

    void treeExpandAndPages()
    {
        const std::string first = addDocs()["commitOid"];
        commit(sketchApi, Json::array({Json{{"path", "docs/usage.md"}, {"content", "# Usage v2\n"}}}),
               false, "Update usage");
        Reply reply = hub->get(sketchApi + "tree/main/docs?expand=true", mira);
        QCOMPARE(reply.status, 200);
        // deep/ last changed in the first commit, usage.md in the second.
        JCOMPARE(reply.json()[0]["lastCommit"]["id"], first);
        JCOMPARE(reply.json()[1]["lastCommit"]["title"], "Update usage");

        reply = hub->get(sketchApi + "tree/main/docs?limit=1", mira);
        QCOMPARE(reply.json().size(), std::size_t(1));
        const QUrl next = nextLink(reply);
        QVERIFY(next.isValid());
        reply = hub->sendUrl("GET", next, mira);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().size(), std::size_t(1));
        JCOMPARE(reply.json()[0]["type"], "file");
        QVERIFY(nextLink(reply).isEmpty());
    }

    void treeRefusals()
    {
        Reply reply = hub->get(sketchApi + "tree/main/no-such-folder", mira);
        QCOMPARE(reply.status, 404);
        QCOMPARE(header(reply, "X-Error-Code"), std::string("EntryNotFound"));
        reply = hub->get(sketchApi + "tree/no-such-branch", mira);
        QCOMPARE(reply.status, 404);
        QCOMPARE(header(reply, "X-Error-Code"), std::string("RevisionNotFound"));
        reply = hub->get("/api/models/leo-hartmann/private-notes/tree/main", mira);
        QCOMPARE(reply.status, 404);
        QCOMPARE(header(reply, "X-Error-Code"), std::string("RepoNotFound"));
    }

    // ---- paths-info ----

    void pathsInfoJsonAndForm()
    {
        addDocs(poetryApi);
        const std::string path = poetryApi + "paths-info/main";
        Reply reply = hub->post(path, Json{{"paths", {"docs/usage.md", "docs", "missing.txt"}}, {"expand", false}}, mira);
        QCOMPARE(reply.status, 200);
        Json items = reply.json();
        QCOMPARE(items.size(), std::size_t(2)); // missing paths are left out
        JCOMPARE(items[0], (Json{{"type", "file"}, {"oid", gitBlobOid("# Usage\n")}, {"size", 8}, {"path", "docs/usage.md"}}));
        JCOMPARE(items[1]["type"], "directory");
        JCOMPARE(items[1]["path"], "docs");

        // huggingface_hub sends a form.
        reply = hub->send("POST", path, mira, "paths=docs%2Fusage.md&paths=README.md&expand=True",
                          "application/x-www-form-urlencoded");
        QCOMPARE(reply.status, 200);
        items = reply.json();
        QCOMPARE(items.size(), std::size_t(2));
        JCOMPARE(items[1]["path"], "README.md");
        JCOMPARE(items[0]["lastCommit"]["title"], "Add files");

        reply = hub->post(path, Json{{"expand", true}}, mira);
        QCOMPARE(reply.status, 400);
        reply = hub->post(poetryApi + "paths-info/nope", Json{{"paths", Json::array({"README.md"})}}, mira);
        QCOMPARE(reply.status, 404);
        QCOMPARE(header(reply, "X-Error-Code"), std::string("RevisionNotFound"));
    }

    // ---- commits ----

    void commitHistoryNewestFirst()
    {
        const std::string initial = hub->repo("mira-patel/sketch-diffusion").headCommit()->oid;
        const std::string second = addDocs()["commitOid"];
        const std::string third =
            commit(sketchApi, Json::array({Json{{"path", "a.txt"}, {"content", "<a>\n"}}}), false, "Add <a>")["commitOid"];
        Reply reply = hub->get(sketchApi + "commits/main?expand=formatted", mira);
        QCOMPARE(reply.status, 200);
        QCOMPARE(header(reply, "X-Total-Count"), std::string("3"));
        const Json items = reply.json();
        QCOMPARE(items.size(), std::size_t(3));
        JCOMPARE(items[0]["id"], third);
        JCOMPARE(items[0]["formatted"]["title"], "Add &lt;a&gt;");
        JCOMPARE(items[1]["id"], second);
        JCOMPARE(items[1]["title"], "Add files");
        JCOMPARE(items[1]["message"], "Why: tests");
        JCOMPARE(items[1]["authors"][0]["user"], "mira-patel");
        JCOMPARE(items[2]["id"], initial);

        reply = hub->get(sketchApi + "commits/main?limit=2", mira);
        QCOMPARE(reply.json().size(), std::size_t(2));
        const QUrl next = nextLink(reply);
        QCOMPARE(queryValue(next, "p"), std::string("1"));
        reply = hub->sendUrl("GET", next, mira);
        QCOMPARE(reply.json().size(), std::size_t(1));
        JCOMPARE(reply.json()[0]["id"], initial);
        QVERIFY(nextLink(reply).isEmpty());

        // A revision can be a commit oid.
        reply = hub->get(sketchApi + "commits/" + second, mira);
        QCOMPARE(reply.json().size(), std::size_t(2));
    }

    void commitHistoryRefusals()
    {
        QCOMPARE(hub->get(sketchApi + "commits/main?limit=0", mira).status, 400);
        QCOMPARE(hub->get(sketchApi + "commits/main?p=x", mira).status, 400);
        const Reply reply = hub->get(sketchApi + "commits/no-such-branch", mira);
        QCOMPARE(reply.status, 404);
        QCOMPARE(header(reply, "X-Error-Code"), std::string("RevisionNotFound"));
    }

    // ---- preupload ----

    void preuploadModes()
    {
        const emu::Commit &head = *hub->repo("mira-patel/sketch-diffusion").headCommit();
        const Json body{{"files",
                         {Json{{"path", "README.md"}, {"size", 20}, {"sample", base64("# Sketch\n")}},
                          Json{{"path", "model.bin"}, {"size", 4}, {"sample", base64(std::string("\x01\x00\x02", 3))}},
                          Json{{"path", "big.txt"}, {"size", 20 * 1024 * 1024}, {"sample", base64("text")}},
                          Json{{"path", "weights.safetensors"}, {"size", 4}, {"sample", base64("text")}},
                          Json{{"path", "logs/run.log"}, {"size", 4}, {"sample", base64("text")}}}},
                        {"gitAttributes", "*.safetensors filter=lfs diff=lfs merge=lfs -text\n"},
                        {"gitIgnore", "# build output\nlogs/*\n"}};
        const Reply reply = hub->post(sketchApi + "preupload/main", body, mira);
        QCOMPARE(reply.status, 200);
        JCOMPARE(reply.json(),
                 (Json{{"files",
                        {Json{{"path", "README.md"}, {"uploadMode", "regular"}, {"shouldIgnore", false},
                              {"oid", gitBlobOid(head.files.at("README.md"))}},
                         Json{{"path", "model.bin"}, {"uploadMode", "lfs"}, {"shouldIgnore", false}},
                         Json{{"path", "big.txt"}, {"uploadMode", "lfs"}, {"shouldIgnore", false}},
                         Json{{"path", "weights.safetensors"}, {"uploadMode", "lfs"}, {"shouldIgnore", false}},
                         Json{{"path", "logs/run.log"}, {"uploadMode", "regular"}, {"shouldIgnore", true}}}},
                       {"commitOid", head.oid}}));
    }

    void preuploadRefusals()
    {
        const Json body{{"files", Json::array({Json{{"path", "a.txt"}, {"size", 1}, {"sample", base64("a")}}})}};
        Reply reply = hub->post(sketchApi + "preupload/main", body, EmulatorFixture::readToken());
        QCOMPARE(reply.status, 403);
        reply = hub->post(sketchApi + "preupload/main", body);
        QCOMPARE(reply.status, 401);
        reply = hub->post(sketchApi + "preupload/no-such-branch", body, mira);
        QCOMPARE(reply.status, 404);
        QCOMPARE(header(reply, "X-Error-Code"), std::string("RevisionNotFound"));
        reply = hub->post(sketchApi + "preupload/main", Json{{"files", Json::array({Json{{"path", "a.txt"}}})}}, mira);
        QCOMPARE(reply.status, 422);
        QVERIFY(reply.json()["error"].is_string());
        reply = hub->post(sketchApi + "preupload/main",
                          Json{{"files", Json::array({Json{{"path", "a.txt"}, {"size", 1}, {"sample", "%%%"}}})}}, mira);
        QCOMPARE(reply.status, 422);
    }

    // ---- repo info at a revision ----

    void revisionInfo()
    {
        const std::string initial = hub->repo("mira-patel/sketch-diffusion").headCommit()->oid;
        const Json pr = commit(sketchApi, Json::array({Json{{"path", "IDEA.md"}, {"content", "x\n"}}}), true);
        Reply reply = hub->get(sketchApi + "revision/" + initial, mira);
        QCOMPARE(reply.status, 200);
        JCOMPARE(reply.json()["sha"], initial);
        reply = hub->get(sketchApi + "revision/refs%2Fpr%2F1", mira);
        QCOMPARE(reply.status, 200);
        JCOMPARE(reply.json()["sha"], pr["commitOid"]);
        bool idea = false;
        const Json info = reply.json();
        for (const Json &sibling : info["siblings"])
            idea = idea || sibling["rfilename"] == "IDEA.md";
        QVERIFY(idea);
        reply = hub->get(sketchApi + "revision/no-such-branch", mira);
        QCOMPARE(reply.status, 404);
        QCOMPARE(header(reply, "X-Error-Code"), std::string("RevisionNotFound"));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorFiles)
#include "tst_emulator_files.moc"
