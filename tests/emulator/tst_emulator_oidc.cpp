// The built-in test OIDC issuer, the token exchange at /oauth/token, and what issued tokens may do.
#include "emulatortest.h"

#include <QUrlQuery>

#include <set>

using namespace emutest;

namespace {

const std::string nimbus = "nimbus-ai/nimbus-7b";
const std::string nimbusPublishers = "/api/models/nimbus-ai/nimbus-7b/trusted-publishers";
const std::string hubUrl = "https://huggingface.co";

// A GitHub Actions ID token's claims, shaped like the example in GitHub's OIDC documentation.
Json githubClaims()
{
    return Json{{"jti", "example-id"},
                {"sub", "repo:nimbus-ai/nimbus-training:ref:refs/heads/main"},
                {"ref", "refs/heads/main"},
                {"sha", "a1b2c3d4"},
                {"repository", "nimbus-ai/nimbus-training"},
                {"repository_owner", "nimbus-ai"},
                {"repository_visibility", "private"},
                {"repository_id", "74"},
                {"repository_owner_id", "65"},
                {"run_id", "5123"},
                {"run_number", "10"},
                {"run_attempt", "1"},
                {"runner_environment", "github-hosted"},
                {"actor", "octocat"},
                {"actor_id", "12"},
                {"workflow", "Publish to Hugging Face"},
                {"workflow_ref", "nimbus-ai/nimbus-training/.github/workflows/publish.yml@refs/heads/main"},
                {"job_workflow_ref", "nimbus-ai/nimbus-training/.github/workflows/publish.yml@refs/heads/main"},
                {"head_ref", ""},
                {"base_ref", ""},
                {"event_name", "push"},
                {"ref_type", "branch"}};
}

Json githubPublisherClaims()
{
    return Json{{"repository", "nimbus-ai/nimbus-training"}, {"branch", "main"}, {"workflow", "publish.yml"}};
}

// GitLab CI: booleans as strings ("ref_protected": "true"), ref without refs/heads/.
Json gitlabClaims()
{
    return Json{{"namespace_id", "72"},
                {"namespace_path", "nimbus-ai"},
                {"project_id", "20"},
                {"project_path", "nimbus-ai/nimbus-training"},
                {"user_id", "1"},
                {"user_login", "mira"},
                {"pipeline_id", "574"},
                {"pipeline_source", "push"},
                {"job_id", "302"},
                {"ref", "main"},
                {"ref_type", "branch"},
                {"ref_path", "refs/heads/main"},
                {"ref_protected", "true"},
                {"environment", "production"},
                {"environment_protected", "false"},
                {"runner_id", 1},
                {"runner_environment", "gitlab-hosted"},
                {"sha", "714a629c0b401fdce83e847fc9589983fc6f46bc"},
                {"project_visibility", "private"},
                {"ci_config_ref_uri", "gitlab.com/nimbus-ai/nimbus-training//.gitlab-ci.yml@refs/heads/main"},
                {"sub", "project_path:nimbus-ai/nimbus-training:ref_type:branch:ref:main"}};
}

Json circleciClaims()
{
    const std::string org = "c1b5b0c6-5e3d-4c1c-8e7b-0d6e4c9a1f21", project = "7a4c2f8e-19b3-4d2a-9c61-5f0e8d3b2a74";
    return Json{{"sub", "org/" + org + "/project/" + project + "/user/2f9d1c3e-7b8a-4e6f-a5d4-c3b2a1f0e9d8"},
                {"oidc.circleci.com/project-id", project},
                {"oidc.circleci.com/context-ids", Json::array({"9e8d7c6b-5a4f-3e2d-1c0b-a9f8e7d6c5b4"})},
                {"oidc.circleci.com/vcs-origin", "github.com/nimbus-ai/nimbus-training"},
                {"oidc.circleci.com/vcs-ref", "refs/heads/main"},
                {"oidc.circleci.com/ssh-rerun", false}};
}

// Bitbucket Pipelines wraps every UUID in braces.
Json bitbucketClaims()
{
    const std::string repo = "{b7f2c9e4-3a1d-4f5b-8c6e-9d0a1b2c3d4e}";
    return Json{{"sub", repo + ":{4f3e2d1c-0b9a-8f7e-6d5c-4b3a2f1e0d9c}"},
                {"stepUuid", "{4f3e2d1c-0b9a-8f7e-6d5c-4b3a2f1e0d9c}"},
                {"repositoryUuid", repo},
                {"branchName", "main"},
                {"workspaceUuid", "{0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d}"},
                {"pipelineUuid", "{5d4c3b2a-1f0e-9d8c-7b6a-5f4e3d2c1b0a}"}};
}

Json merged(Json base, const Json &extra)
{
    base.update(extra);
    return base;
}

std::string part(const std::string &jwt, int index)
{
    std::size_t start = 0;
    for (int i = 0; i < index; ++i)
        start = jwt.find('.', start) + 1;
    return jwt.substr(start, jwt.find('.', start) - start);
}

Json decodePart(const std::string &jwt, int index)
{
    const QByteArray bytes = QByteArray::fromBase64(QByteArray::fromStdString(part(jwt, index)),
                                                    QByteArray::Base64UrlEncoding);
    return Json::parse(bytes.toStdString());
}

} // namespace

class TestEmulatorOidc : public QObject
{
    Q_OBJECT
    std::unique_ptr<Hub> hub;

    std::string issuer() const { return hub->base() + "/oidc-test"; }

    // A token from the test issuer: iss, aud, iat, nbf and exp are filled in unless given.
    std::string mint(const Json &claims, const Json &options = Json::object())
    {
        Json body = options;
        body["claims"] = claims;
        const Reply reply = hub->post("/oidc-test/mint", body);
        if (reply.status != 200)
            qFatal("mint failed: %s", reply.body.constData());
        return reply.json()["token"].get<std::string>();
    }

    Reply exchange(const std::string &token, const std::string &resource = nimbus)
    {
        return hub->post("/oauth/token", Json{{"grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"},
                                              {"subject_token_type", "urn:ietf:params:oauth:token-type:id_token"},
                                              {"subject_token", token},
                                              {"resource", resource}});
    }

    Json addPublisher(const std::string &path, const std::string &provider, const Json &claims,
                      const QByteArray &token = EmulatorFixture::writeToken())
    {
        const Reply reply = hub->post(path, Json{{"provider", provider}, {"issuer", issuer()}, {"claims", claims}}, token);
        if (reply.status != 200)
            qFatal("adding a publisher failed: %s", reply.body.constData());
        return reply.json();
    }

    Json publisher(const std::string &path, const std::string &id)
    {
        for (const Json &p : hub->get(path, EmulatorFixture::writeToken()).json())
            if (p["_id"] == id)
                return p;
        return nullptr;
    }

    QByteArray exchangeOk(const std::string &token, const std::string &resource = nimbus)
    {
        const Reply reply = exchange(token, resource);
        if (reply.status != 200)
            return {};
        return QByteArray::fromStdString(reply.json()["access_token"].get<std::string>());
    }

    Reply commit(const std::string &repoPath, const QByteArray &token)
    {
        const Json body{{"summary", "Publish checkpoint"},
                        {"files", Json::array({Json{{"path", "checkpoint.txt"}, {"content", "step 1000"}}})}};
        return hub->post("/api/" + repoPath + "/commit/main", body, token);
    }

private Q_SLOTS:
    void init() { hub = std::make_unique<Hub>(); }
    void cleanup()
    {
        emu::setClockOffsetMs(0);
        QCOMPARE(hub->missingRequestIds, 0);
        hub.reset();
    }

    void discoveryAndJwks()
    {
        const Reply discovery = hub->get("/oidc-test/.well-known/openid-configuration");
        QCOMPARE(discovery.status, 200);
        JCOMPARE(discovery.json()["issuer"], issuer());
        const std::string jwksUri = discovery.json()["jwks_uri"].get<std::string>();
        QCOMPARE(jwksUri, issuer() + "/jwks");
        QVERIFY(discovery.json()["id_token_signing_alg_values_supported"].get<std::vector<std::string>>() ==
                std::vector<std::string>{"RS256"});

        const Reply jwks = hub->sendUrl("GET", QUrl(QString::fromStdString(jwksUri)));
        QCOMPARE(jwks.status, 200);
        const Json keys = jwks.json()["keys"];
        QVERIFY(keys.size() >= 2);
        std::set<std::string> kids;
        for (const Json &key : keys) {
            JCOMPARE(key["kty"], "RSA");
            JCOMPARE(key["alg"], "RS256");
            JCOMPARE(key["use"], "sig");
            JCOMPARE(key["e"], "AQAB");
            const QByteArray modulus = QByteArray::fromBase64(QByteArray::fromStdString(key["n"].get<std::string>()),
                                                              QByteArray::Base64UrlEncoding);
            QCOMPARE(modulus.size(), 256); // RSA 2048
            kids.insert(key["kid"].get<std::string>());
        }
        QCOMPARE(kids.size(), keys.size());
    }

    void mintFillsInAValidToken()
    {
        const std::int64_t now = emu::nowMs() / 1000;
        const std::string token = mint(Json{{"sub", "job-1"}, {"nbf", nullptr}}, Json{{"kid", "test-key-2"}});
        const Json header = decodePart(token, 0), claims = decodePart(token, 1);
        JCOMPARE(header["alg"], "RS256");
        JCOMPARE(header["kid"], "test-key-2");
        JCOMPARE(claims["iss"], issuer());
        JCOMPARE(claims["aud"], hubUrl);
        JCOMPARE(claims["sub"], "job-1");
        QVERIFY(!claims.contains("nbf"));
        QVERIFY(claims["exp"].get<std::int64_t>() > now);
        QCOMPARE(hub->post("/oidc-test/mint", Json{{"kid", "nope"}}).status, 400);
        QCOMPARE(hub->post("/oidc-test/mint", Json{{"sign_with", "mine"}}).status, 400);
    }

    void repoTokenCommitsToItsRepoOnly()
    {
        const Json added = addPublisher(nimbusPublishers, "github", githubPublisherClaims());
        const std::int64_t before = emu::nowMs() / 1000 * 1000;
        const Reply reply = exchange(mint(githubClaims()));
        QCOMPARE(reply.status, 200);
        const Json answer = reply.json();
        QVERIFY(answer["access_token"].get<std::string>().rfind("hf_jwt_", 0) == 0);
        JCOMPARE(answer["token_type"], "bearer");
        JCOMPARE(answer["expires_in"], 3600);
        JCOMPARE(answer["issued_token_type"], "urn:ietf:params:oauth:token-type:access_token");
        QVERIFY(!reply.header("X-Request-Id").isEmpty());
        const Json used = publisher(nimbusPublishers, added["_id"]);
        QVERIFY(used["lastUsedAt"].is_string());
        QVERIFY(*emu::parseIsoTime(used["lastUsedAt"].get<std::string>()) >= before);

        const QByteArray token = QByteArray::fromStdString(answer["access_token"].get<std::string>());
        const Reply committed = commit("models/" + nimbus, token);
        QCOMPARE(committed.status, 200);
        QCOMPARE(hub->repo(nimbus).headCommit()->author, std::string("[OIDC]"));
        QCOMPARE(hub->repo(nimbus).headCommit()->files.at("checkpoint.txt"), std::string("step 1000"));
        // Gated files of its own repo are readable; public files elsewhere too.
        QCOMPARE(hub->get("/nimbus-ai/nimbus-7b/resolve/main/config.json", token).status, 200);
        QCOMPARE(hub->get("/mira-patel/tiny-poet/resolve/main/README.md", token).status, 200);
        // Writing anywhere else is refused.
        const Json before2 = hub->state().toJson();
        QCOMPARE(commit("models/mira-patel/tiny-poet", token).status, 403);
        QCOMPARE(commit("datasets/nimbus-ai/clean-web-2t", token).status, 403);
        QCOMPARE(hub->get("/api/models/nimbus-ai/nimbus-7b-instruct", token).status, 404); // private
        JCOMPARE(hub->state().toJson(), before2);
    }

    void userTokenReadsGatedReposItWasAcceptedTo()
    {
        const emu::User *grace = hub->state().userByName("grace-kim");
        hub->repo(nimbus).findRequest(grace->id)->status = "accepted";
        addPublisher("/api/settings/trusted-publishers", "custom", Json{{"sub", "repo:grace/evals:ref:refs/heads/main"}},
                     EmulatorFixture::requesterToken());
        const Reply reply = exchange(mint(Json{{"sub", "repo:grace/evals:ref:refs/heads/main"}}), "grace-kim");
        QCOMPARE(reply.status, 200);
        const QByteArray token = QByteArray::fromStdString(reply.json()["access_token"].get<std::string>());
        QVERIFY(token.startsWith("hf_oauth_"));

        const Reply file = hub->get("/nimbus-ai/nimbus-7b/resolve/main/config.json", token);
        QCOMPARE(file.status, 200);
        QCOMPARE(file.body.toStdString(), hub->repo(nimbus).headCommit()->files.at("config.json"));
        // A gated repo grace was not accepted to stays closed.
        QCOMPARE(hub->get("/datasets/mira-patel/poetry-corpus/resolve/main/data.txt", token).status, 403);
        // Read-only: no commits, no publisher management.
        const Json before = hub->state().toJson();
        QCOMPARE(commit("models/" + nimbus, token).status, 403);
        QCOMPARE(hub->post("/api/settings/trusted-publishers",
                           Json{{"provider", "custom"}, {"issuer", issuer()}, {"claims", {{"sub", "x"}}}}, token).status, 403);
        JCOMPARE(hub->state().toJson(), before);
        JCOMPARE(hub->get("/api/whoami-v2", token).json()["name"], "grace-kim");
    }

    void userTokenCannotReadPrivateRepos()
    {
        addPublisher("/api/settings/trusted-publishers", "custom", Json{{"sub", "mira-job"}});
        const QByteArray token = exchangeOk(mint(Json{{"sub", "mira-job"}}), "mira-patel");
        QVERIFY(!token.isEmpty());
        QCOMPARE(hub->get("/api/models/nimbus-ai/nimbus-7b-instruct", token).status, 404);
        QCOMPARE(hub->get("/api/models/nimbus-ai/nimbus-7b-instruct", EmulatorFixture::writeToken()).status, 200);
    }

    void formEncodedRequest()
    {
        addPublisher(nimbusPublishers, "github", githubPublisherClaims());
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange"));
        form.addQueryItem(QStringLiteral("subject_token_type"), QStringLiteral("urn:ietf:params:oauth:token-type:id_token"));
        form.addQueryItem(QStringLiteral("subject_token"), QString::fromStdString(mint(githubClaims())));
        form.addQueryItem(QStringLiteral("resource"), QString::fromStdString(nimbus));
        const Reply reply = hub->send("POST", "/oauth/token", {}, form.toString(QUrl::FullyEncoded).toUtf8(),
                                      "application/x-www-form-urlencoded");
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json()["access_token"].get<std::string>().rfind("hf_jwt_", 0) == 0);
    }

    void refusedExchanges_data()
    {
        QTest::addColumn<QString>("claims");  // merged into githubClaims(); null removes
        QTest::addColumn<QString>("options"); // mint options
        QTest::addColumn<QString>("resource");
        QTest::addColumn<QString>("tamper");  // "", "payload", "garbage"
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description"); // a piece the description must contain
        auto row = [](const char *name, const Json &claims, const Json &options, const std::string &resource,
                      const char *tamper, const char *error, const std::string &description) {
            QTest::newRow(name) << QString::fromStdString(claims.dump()) << QString::fromStdString(options.dump())
                                << QString::fromStdString(resource) << QString::fromLatin1(tamper)
                                << QString::fromLatin1(error) << QString::fromStdString(description);
        };
        const Json none = Json::object();
        const std::int64_t now = emu::nowMs() / 1000;
        row("wrong branch", {{"ref", "refs/heads/dev"}}, none, nimbus, "", "invalid_grant",
            "no trusted publisher on nimbus-ai/nimbus-7b matches: branch: token has refs/heads/dev, publisher wants main");
        row("wrong workflow", {{"workflow_ref", "nimbus-ai/nimbus-training/.github/workflows/nightly.yml@refs/heads/main"}},
            none, nimbus, "", "invalid_grant", "names nightly.yml, publisher wants publish.yml");
        row("wrong repository", {{"repository", "evil/fork"}}, none, nimbus, "", "invalid_grant",
            "repository: token has evil/fork, publisher wants nimbus-ai/nimbus-training");
        row("wrong aud", {{"aud", "https://example.com"}}, none, nimbus, "", "invalid_grant",
            "aud is \"https://example.com\", expected https://huggingface.co");
        row("aud array without the Hub", {{"aud", {"https://a.example", "https://b.example"}}}, none, nimbus, "",
            "invalid_grant", "expected https://huggingface.co");
        row("no aud", {{"aud", nullptr}}, none, nimbus, "", "invalid_grant", "expected https://huggingface.co");
        row("expired", {{"iat", now - 900}, {"nbf", now - 900}, {"exp", now - 600}}, none, nimbus, "",
            "invalid_grant", "expired at");
        row("not yet valid", {{"nbf", now + 600}}, none, nimbus, "", "invalid_grant", "not valid before");
        row("no exp", {{"exp", nullptr}}, none, nimbus, "", "invalid_grant", "no exp");
        row("bad signature", none, none, nimbus, "payload", "invalid_grant", "signature check failed");
        row("unknown kid", none, {{"sign_with", "unknown"}}, nimbus, "", "invalid_grant",
            "kid test-key-unpublished is not among the keys");
        row("kid missing", none, {{"header", {{"kid", nullptr}}}}, nimbus, "", "invalid_grant", "no kid");
        row("alg HS256", none, {{"header", {{"alg", "HS256"}}}}, nimbus, "", "invalid_grant", "only RS256");
        row("unreachable issuer", {{"iss", "https://token.actions.githubusercontent.com"}}, none, nimbus, "",
            "invalid_grant", "could not fetch the signing keys of issuer https://token.actions.githubusercontent.com");
        row("not a JWT", none, none, nimbus, "garbage", "invalid_grant", "not a JWT");
        row("repo without publishers", none, none, "mira-patel/tiny-poet", "", "invalid_grant",
            "no trusted publisher on mira-patel/tiny-poet has the issuer");
        row("unknown repo", none, none, "nimbus-ai/missing", "", "invalid_grant", "not found");
        row("space", none, none, "spaces/nimbus-ai/demo", "", "invalid_grant", "not found");
        row("unknown user", none, none, "nobody-here", "", "invalid_grant", "user nobody-here not found");
        row("bad resource", none, none, "models/nimbus-ai/nimbus-7b", "", "invalid_request", "resource");
        row("empty resource", none, none, "", "", "invalid_request", "resource");
    }
    void refusedExchanges()
    {
        QFETCH(QString, claims);
        QFETCH(QString, options);
        QFETCH(QString, resource);
        QFETCH(QString, tamper);
        QFETCH(QString, error);
        QFETCH(QString, description);
        const Json added = addPublisher(nimbusPublishers, "github", githubPublisherClaims());
        Json all = githubClaims();
        all.update(Json::parse(claims.toStdString()));
        std::string token = mint(all, Json::parse(options.toStdString()));
        if (tamper == QLatin1String("payload")) {
            // Another token's payload under this token's signature.
            const std::string other = mint(merged(all, Json{{"jti", "other"}}));
            token = part(token, 0) + "." + part(other, 1) + "." + part(token, 2);
        } else if (tamper == QLatin1String("garbage")) {
            token = "not-a.jwt";
        }
        const Reply reply = exchange(token, resource.toStdString());
        QCOMPARE(reply.status, 400);
        QVERIFY(!reply.header("X-Request-Id").isEmpty());
        JCOMPARE(reply.json()["error"], error.toStdString());
        const std::string text = reply.json()["error_description"].get<std::string>();
        QVERIFY2(text.find(description.toStdString()) != std::string::npos, text.c_str());
        JCOMPARE(publisher(nimbusPublishers, added["_id"])["lastUsedAt"], nullptr);
    }

    void malformedRequests_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("description");
        const Json valid{{"grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"},
                         {"subject_token_type", "urn:ietf:params:oauth:token-type:id_token"},
                         {"subject_token", "a.b.c"},
                         {"resource", nimbus}};
        auto without = [&](const char *key) { Json body = valid; body.erase(key); return QString::fromStdString(body.dump()); };
        auto with = [&](const char *key, const char *value) { Json body = valid; body[key] = value; return QString::fromStdString(body.dump()); };
        QTest::newRow("not JSON") << QStringLiteral("grant_type=x") << QStringLiteral("JSON");
        QTest::newRow("no grant_type") << without("grant_type") << QStringLiteral("grant_type");
        QTest::newRow("no subject_token") << without("subject_token") << QStringLiteral("subject_token");
        QTest::newRow("no resource") << without("resource") << QStringLiteral("resource");
        QTest::newRow("wrong grant_type") << with("grant_type", "client_credentials") << QStringLiteral("grant_type must be");
        QTest::newRow("access token as subject") << with("subject_token_type", "urn:ietf:params:oauth:token-type:access_token")
                                                 << QStringLiteral("subject_token_type must be");
    }
    void malformedRequests()
    {
        QFETCH(QString, body);
        QFETCH(QString, description);
        const Reply reply = hub->send("POST", "/oauth/token", {}, body.toUtf8());
        QCOMPARE(reply.status, 400);
        JCOMPARE(reply.json()["error"], "invalid_request");
        const std::string text = reply.json()["error_description"].get<std::string>();
        QVERIFY2(text.find(description.toStdString()) != std::string::npos, text.c_str());
    }

    void audienceArrayAndSecondKeyAreAccepted()
    {
        addPublisher(nimbusPublishers, "github", githubPublisherClaims());
        Json claims = githubClaims();
        claims["aud"] = Json::array({"https://example.com", hubUrl});
        QVERIFY(!exchangeOk(mint(claims, Json{{"kid", "test-key-2"}})).isEmpty());
        // Within the clock skew an expired token still passes.
        const std::int64_t now = emu::nowMs() / 1000;
        claims["exp"] = now - 30;
        QVERIFY(!exchangeOk(mint(claims)).isEmpty());
    }

    void hubUrlIsConfigurable()
    {
        addPublisher(nimbusPublishers, "github", githubPublisherClaims());
        const Reply set = hub->put("/_emulator/oidc", Json{{"hubUrl", "https://hub.example.org"}});
        QCOMPARE(set.status, 200);
        JCOMPARE(set.json()["hubUrl"], "https://hub.example.org");
        JCOMPARE(set.json()["testIssuer"], issuer());
        QVERIFY(!exchangeOk(mint(githubClaims())).isEmpty()); // minted for the new URL
        Json old = githubClaims();
        old["aud"] = hubUrl;
        const Reply refused = exchange(mint(old));
        QCOMPARE(refused.status, 400);
        JCOMPARE(refused.json()["error_description"], "aud is \"https://huggingface.co\", expected https://hub.example.org");
    }

    void providerClaimShapes_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("publisherClaims");
        QTest::addColumn<QString>("tokenClaims");
        QTest::addColumn<bool>("matches");
        auto row = [](const char *name, const char *provider, const Json &publisher, const Json &token, bool matches) {
            QTest::newRow(name) << QString::fromLatin1(provider) << QString::fromStdString(publisher.dump())
                                << QString::fromStdString(token.dump()) << matches;
        };
        row("github", "github", githubPublisherClaims(), githubClaims(), true);
        row("github environment", "github", Json{{"repository", "nimbus-ai/nimbus-training"}, {"environment", "release"}},
            merged(githubClaims(), Json{{"environment", "release"}}), true);
        row("github environment missing", "github", Json{{"repository", "nimbus-ai/nimbus-training"}, {"environment", "release"}},
            githubClaims(), false);
        row("github tag ref", "github", githubPublisherClaims(), merged(githubClaims(), Json{{"ref", "refs/tags/main"}}), false);
        row("gitlab branch", "gitlab", Json{{"project_path", "nimbus-ai/nimbus-training"}, {"branch", "main"}}, gitlabClaims(), true);
        row("gitlab string boolean", "gitlab", Json{{"project_path", "nimbus-ai/nimbus-training"}, {"ref_protected", "true"}},
            gitlabClaims(), true);
        row("gitlab real boolean", "gitlab", Json{{"project_path", "nimbus-ai/nimbus-training"}, {"ref_protected", "true"}},
            merged(gitlabClaims(), Json{{"ref_protected", true}}), true);
        row("gitlab tag named like the branch", "gitlab", Json{{"project_path", "nimbus-ai/nimbus-training"}, {"branch", "main"}},
            merged(gitlabClaims(), Json{{"ref_type", "tag"}}), false);
        row("gitlab environment", "gitlab", Json{{"project_path", "nimbus-ai/nimbus-training"}, {"environment", "production"}},
            gitlabClaims(), true);
        row("circleci", "circleci", Json{{"oidc.circleci.com/project-id", "7a4c2f8e-19b3-4d2a-9c61-5f0e8d3b2a74"}},
            circleciClaims(), true);
        row("circleci other project", "circleci", Json{{"oidc.circleci.com/project-id", "00000000-19b3-4d2a-9c61-5f0e8d3b2a74"}},
            circleciClaims(), false);
        row("bitbucket with braces", "bitbucket",
            Json{{"repositoryUuid", "{b7f2c9e4-3a1d-4f5b-8c6e-9d0a1b2c3d4e}"}, {"branchName", "main"}}, bitbucketClaims(), true);
        row("bitbucket without braces", "bitbucket", Json{{"repositoryUuid", "b7f2c9e4-3a1d-4f5b-8c6e-9d0a1b2c3d4e"}},
            bitbucketClaims(), false);
        row("custom", "custom", Json{{"sub", "org/acme/job/7"}, {"team", "ml"}}, Json{{"sub", "org/acme/job/7"}, {"team", "ml"}}, true);
        row("custom prefix is no match", "custom", Json{{"sub", "org/acme"}}, Json{{"sub", "org/acme/job/7"}}, false);
    }
    void providerClaimShapes()
    {
        QFETCH(QString, provider);
        QFETCH(QString, publisherClaims);
        QFETCH(QString, tokenClaims);
        QFETCH(bool, matches);
        addPublisher(nimbusPublishers, provider.toStdString(), Json::parse(publisherClaims.toStdString()));
        const Reply reply = exchange(mint(Json::parse(tokenClaims.toStdString())));
        QCOMPARE(reply.status, matches ? 200 : 400);
        if (!matches) {
            JCOMPARE(reply.json()["error"], "invalid_grant");
            const std::string text = reply.json()["error_description"].get<std::string>();
            QVERIFY2(text.find("no trusted publisher on nimbus-ai/nimbus-7b matches: ") == 0, text.c_str());
        }
    }

    void issuedTokensExpire()
    {
        addPublisher(nimbusPublishers, "github", githubPublisherClaims());
        const QByteArray token = exchangeOk(mint(githubClaims()));
        QVERIFY(!token.isEmpty());
        QCOMPARE(hub->put("/_emulator/clock", Json{{"advanceSeconds", 3590}}).status, 200);
        QCOMPARE(hub->get("/api/whoami-v2", token).status, 200);
        const Reply clock = hub->put("/_emulator/clock", Json{{"advanceSeconds", 11}});
        JCOMPARE(clock.json()["offsetSeconds"], 3601);
        const Reply expired = hub->get("/api/whoami-v2", token);
        QCOMPARE(expired.status, 401);
        QVERIFY(expired.json()["error"].get<std::string>().find("expired") != std::string::npos);
        QCOMPARE(commit("models/" + nimbus, token).status, 401);
        // The ID token minted before the jump is stale too; a fresh one gives a fresh token.
        QVERIFY(!exchangeOk(mint(githubClaims())).isEmpty());
        JCOMPARE(hub->put("/_emulator/clock", Json{{"offsetSeconds", 0}}).json()["offsetSeconds"], 0);
        QCOMPARE(hub->put("/_emulator/clock", Json{{"offsetSeconds", "soon"}}).status, 400);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorOidc)
#include "tst_emulator_oidc.moc"
