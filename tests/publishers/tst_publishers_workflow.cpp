// The generated CI configurations, read back with yaml-cpp: the keys each provider needs, the
// pinned branch, workflow file and environment, the resource with its repo-type prefix, and the
// Hub URL as the audience.
#include "publishers/publisherpresets.h"
#include "publishers/workflowgenerator.h"

#include <QTest>

#include <yaml-cpp/yaml.h>

using namespace hubgate;

namespace {

const QUrl Hub(QStringLiteral("https://huggingface.co"));

YAML::Node parse(const GeneratedWorkflow &workflow)
{
    return YAML::Load(workflow.text.toStdString());
}

QString text(const YAML::Node &node)
{
    return QString::fromStdString(node.as<std::string>());
}

} // namespace

class TstPublishersWorkflow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void githubPinsBranchWorkflowAndEnvironment();
    void githubResourcePrefixes_data();
    void githubResourcePrefixes();
    void githubUserPublisherDownloads();
    void gitlabAudienceIsTheHub();
    void circleciUsesTokenV2();
    void bitbucketStepHasOidc();
    void customIsAShellSnippet();
    void awkwardValuesStayStrings();
};

void TstPublishersWorkflow::githubPinsBranchWorkflowAndEnvironment()
{
    const PublisherClaims claims{{claim::repository(), QStringLiteral("acme/training")},
                                 {claim::branch(), QStringLiteral("release/v2")},
                                 {claim::workflow(), QStringLiteral("ship-it.yaml")},
                                 {claim::environment(), QStringLiteral("hub release")}};
    const GeneratedWorkflow workflow = generateWorkflow(PublisherProvider::GitHub, claims,
                                                        PublisherScope::forRepo(QStringLiteral("models"), QStringLiteral("acme/model")), Hub);
    QCOMPARE(workflow.fileName, QStringLiteral(".github/workflows/ship-it.yaml"));
    const YAML::Node root = parse(workflow);
    QCOMPARE(text(root["on"]["push"]["branches"][0]), QStringLiteral("release/v2"));
    const YAML::Node job = root["jobs"]["publish"];
    QCOMPARE(text(job["permissions"]["id-token"]), QStringLiteral("write"));
    QCOMPARE(text(job["environment"]), QStringLiteral("hub release"));
    const YAML::Node upload = job["steps"][2];
    QCOMPARE(text(upload["env"]["HF_OIDC_RESOURCE"]), QStringLiteral("acme/model"));
    QVERIFY(!upload["env"]["HF_ENDPOINT"]); // huggingface.co is the CLI's default
    QVERIFY(text(upload["run"]).startsWith(QStringLiteral("hf upload acme/model ")));

    // Nothing pinned: no branch filter, the default file name, no environment.
    const GeneratedWorkflow loose = generateWorkflow(PublisherProvider::GitHub, {claims.first()},
                                                     PublisherScope::forRepo(QStringLiteral("models"), QStringLiteral("acme/model")), Hub);
    QCOMPARE(loose.fileName, QStringLiteral(".github/workflows/publish.yml"));
    const YAML::Node looseRoot = parse(loose);
    QVERIFY(!looseRoot["on"]["push"]["branches"]);
    QVERIFY(!looseRoot["jobs"]["publish"]["environment"]);
}

void TstPublishersWorkflow::githubResourcePrefixes_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("repoTypeFlag");
    QTest::newRow("model") << QStringLiteral("models") << QStringLiteral("acme/x") << QString();
    QTest::newRow("dataset") << QStringLiteral("datasets") << QStringLiteral("datasets/acme/x") << QStringLiteral("--repo-type dataset");
    QTest::newRow("space") << QStringLiteral("spaces") << QStringLiteral("spaces/acme/x") << QStringLiteral("--repo-type space");
    QTest::newRow("kernel") << QStringLiteral("kernels") << QStringLiteral("kernels/acme/x") << QStringLiteral("--repo-type kernel");
}

void TstPublishersWorkflow::githubResourcePrefixes()
{
    QFETCH(QString, type);
    QFETCH(QString, resource);
    QFETCH(QString, repoTypeFlag);
    const QUrl mirror(QStringLiteral("https://hub.example.com/"));
    const GeneratedWorkflow workflow = generateWorkflow(PublisherProvider::GitHub, {{claim::repository(), QStringLiteral("acme/ci")}},
                                                        PublisherScope::forRepo(type, QStringLiteral("acme/x")), mirror);
    const YAML::Node step = parse(workflow)["jobs"]["publish"]["steps"][2];
    QCOMPARE(text(step["env"]["HF_OIDC_RESOURCE"]), resource);
    QCOMPARE(text(step["env"]["HF_ENDPOINT"]), QStringLiteral("https://hub.example.com"));
    QCOMPARE(text(step["run"]).contains(QStringLiteral("--repo-type")), !repoTypeFlag.isEmpty());
    if (!repoTypeFlag.isEmpty())
        QVERIFY(text(step["run"]).endsWith(repoTypeFlag));
}

void TstPublishersWorkflow::githubUserPublisherDownloads()
{
    const GeneratedWorkflow workflow = generateWorkflow(PublisherProvider::GitHub, {{claim::repository(), QStringLiteral("acme/ci")}},
                                                        PublisherScope::forUser(QStringLiteral("mira-patel")), Hub);
    const YAML::Node step = parse(workflow)["jobs"]["publish"]["steps"][2];
    QCOMPARE(text(step["env"]["HF_OIDC_RESOURCE"]), QStringLiteral("mira-patel"));
    QVERIFY(text(step["run"]).startsWith(QStringLiteral("hf download ")));
}

void TstPublishersWorkflow::gitlabAudienceIsTheHub()
{
    const PublisherClaims claims{{claim::projectPath(), QStringLiteral("acme/ml/training")},
                                 {claim::branch(), QStringLiteral("main")},
                                 {claim::environment(), QStringLiteral("production")}};
    const GeneratedWorkflow workflow = generateWorkflow(PublisherProvider::GitLab, claims,
                                                        PublisherScope::forRepo(QStringLiteral("datasets"), QStringLiteral("acme/corpus")),
                                                        QUrl(QStringLiteral("http://127.0.0.1:8080/")));
    QCOMPARE(workflow.fileName, QStringLiteral(".gitlab-ci.yml"));
    const YAML::Node job = parse(workflow)["publish"];
    QCOMPARE(text(job["id_tokens"]["HF_ID_TOKEN"]["aud"]), QStringLiteral("http://127.0.0.1:8080"));
    QCOMPARE(text(job["environment"]), QStringLiteral("production"));
    QCOMPARE(text(job["rules"][0]["if"]), QStringLiteral("$CI_COMMIT_BRANCH == \"main\""));
    const QString last = text(job["script"][2]);
    QVERIFY2(last.contains(QStringLiteral("HF_OIDC_ID_TOKEN=\"$HF_ID_TOKEN\"")), qPrintable(last));
    QVERIFY2(last.contains(QStringLiteral("HF_OIDC_RESOURCE=\"datasets/acme/corpus\"")), qPrintable(last));
    QVERIFY2(last.contains(QStringLiteral("HF_ENDPOINT=\"http://127.0.0.1:8080\"")), qPrintable(last));
}

void TstPublishersWorkflow::circleciUsesTokenV2()
{
    const GeneratedWorkflow workflow = generateWorkflow(
        PublisherProvider::CircleCI, {{claim::circleCiProjectId(), QStringLiteral("e5f6a7b8-0000-4000-8000-000000000002")}},
        PublisherScope::forRepo(QStringLiteral("models"), QStringLiteral("acme/model")), Hub);
    QCOMPARE(workflow.fileName, QStringLiteral(".circleci/config.yml"));
    const YAML::Node root = parse(workflow);
    QCOMPARE(root["version"].as<double>(), 2.1);
    const QString command = text(root["jobs"]["publish"]["steps"][1]["run"]["command"]);
    QVERIFY2(command.contains(QStringLiteral("HF_OIDC_ID_TOKEN=\"$CIRCLE_OIDC_TOKEN_V2\"")), qPrintable(command));
    QVERIFY(command.contains(QStringLiteral("HF_OIDC_RESOURCE=\"acme/model\"")));
    QCOMPARE(text(root["workflows"]["publish"]["jobs"][0]), QStringLiteral("publish"));
}

void TstPublishersWorkflow::bitbucketStepHasOidc()
{
    const PublisherClaims claims{{claim::repositoryUuid(), QStringLiteral("{c0ffee00-0000-4000-8000-000000000003}")},
                                 {claim::branchName(), QStringLiteral("main")}};
    const PublisherScope scope = PublisherScope::forRepo(QStringLiteral("spaces"), QStringLiteral("acme/demo"));
    const YAML::Node pinned = parse(generateWorkflow(PublisherProvider::Bitbucket, claims, scope, Hub));
    const YAML::Node step = pinned["pipelines"]["branches"]["main"][0]["step"];
    QCOMPARE(step["oidc"].as<bool>(), true);
    QVERIFY(text(step["script"][2]).contains(QStringLiteral("HF_OIDC_ID_TOKEN=\"$BITBUCKET_STEP_OIDC_TOKEN\"")));
    QVERIFY(text(step["script"][2]).contains(QStringLiteral("HF_OIDC_RESOURCE=\"spaces/acme/demo\"")));
    const YAML::Node loose = parse(generateWorkflow(PublisherProvider::Bitbucket, {claims.first()}, scope, Hub));
    QCOMPARE(loose["pipelines"]["default"][0]["step"]["oidc"].as<bool>(), true);
}

void TstPublishersWorkflow::customIsAShellSnippet()
{
    const GeneratedWorkflow workflow = generateWorkflow(PublisherProvider::Custom, {{QStringLiteral("sub"), QStringLiteral("x")}},
                                                        PublisherScope::forRepo(QStringLiteral("models"), QStringLiteral("acme/model")), Hub);
    QVERIFY(!workflow.isYaml);
    QVERIFY(workflow.text.contains(QStringLiteral("HF_OIDC_ID_TOKEN=\"$ID_TOKEN\" HF_OIDC_RESOURCE=\"acme/model\" hf upload")));
}

void TstPublishersWorkflow::awkwardValuesStayStrings()
{
    for (const QString &value : {QStringLiteral("yes"), QStringLiteral("on"), QStringLiteral("1.0"), QStringLiteral("#x"),
                                 QStringLiteral("a: b"), QStringLiteral("\"quoted\""), QStringLiteral("null"), QStringLiteral("{x}")}) {
        const YAML::Node node = YAML::Load(QStringLiteral("key: %1").arg(yamlScalar(value)).toStdString());
        QCOMPARE(text(node["key"]), value);
        QVERIFY2(yamlScalar(value) != value, qPrintable(value)); // plain would read as something else
    }
    QCOMPARE(yamlScalar(QStringLiteral("release/v2")), QStringLiteral("release/v2"));
}

QTEST_GUILESS_MAIN(TstPublishersWorkflow)
#include "tst_publishers_workflow.moc"
