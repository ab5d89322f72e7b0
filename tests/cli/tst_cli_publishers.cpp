// `hubgate publishers` and `hubgate oidc explain` run as the real program. The debugger with
// --publishers FILE needs no Hub; the management commands run against the in-process emulator
// and are skipped while it does not offer the trusted-publisher routes.
#include "clitestutil.h"
#include "emulatorfixture.h"
#include "oidctestutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

#include <memory>

using clitest::Run;
using clitest::runHubgate;
using testing::EmulatorFixture;

namespace {

const QString Hub = QStringLiteral("https://huggingface.co");
const QString Repo = QStringLiteral("datasets/mira-patel/poetry-corpus");

QJsonArray githubPublishers(const QString &branch)
{
    return QJsonArray{QJsonObject{
        {QStringLiteral("_id"), QStringLiteral("65f0a1b2c3d4e5f6a7b8c9d0")},
        {QStringLiteral("provider"), QStringLiteral("github")},
        {QStringLiteral("issuer"), QStringLiteral("https://token.actions.githubusercontent.com")},
        {QStringLiteral("claims"), QJsonObject{{QStringLiteral("repository"), QStringLiteral("acme/awesome-model-training")},
                                               {QStringLiteral("branch"), branch},
                                               {QStringLiteral("workflow"), QStringLiteral("publish.yml")}}},
        {QStringLiteral("createdAt"), QStringLiteral("2026-03-01T10:00:00.000Z")},
        {QStringLiteral("createdBy"), QStringLiteral("mira-patel")},
        {QStringLiteral("lastUsedAt"), QJsonValue::Null}}};
}

} // namespace

class TstCliPublishers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void explainMatchingTokenExitsZero();
    void explainWrongBranchExitsOne();
    void explainFindsTheTokenInALogFile();
    void explainWithKeys();
    void explainUsageAndInput_data();
    void explainUsageAndInput();
    void addIsValidatedBeforeAnyCall();
    void hubWithoutManagementIsSaid();
    void addListExplainRemoveOnARepo();
    void userPublishers();

private:
    QString writeFile(const QString &name, const QByteArray &contents);
    Run explain(const QStringList &more);
    Run publishers(const QStringList &arguments);
    bool emulatorOffersPublishers();

    std::unique_ptr<clitest::Sandbox> m_sandbox;
    std::unique_ptr<EmulatorFixture> m_hub;
    QNetworkAccessManager m_nam;
    QDateTime m_now;
};

void TstCliPublishers::init()
{
    m_sandbox = std::make_unique<clitest::Sandbox>();
    QVERIFY(m_sandbox->isValid());
    m_now = QDateTime::currentDateTimeUtc();
}

QString TstCliPublishers::writeFile(const QString &name, const QByteArray &contents)
{
    const QString path = m_sandbox->path() + QLatin1Char('/') + name;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

Run TstCliPublishers::explain(const QStringList &more)
{
    const Run run = runHubgate(QStringList{QStringLiteral("oidc"), QStringLiteral("explain"), QStringLiteral("--endpoint"), Hub} + more,
                               m_sandbox->env());
    if (!run.finished)
        QTest::qFail("hubgate did not finish", __FILE__, __LINE__);
    return run;
}

void TstCliPublishers::explainMatchingTokenExitsZero()
{
    const QString file = writeFile(QStringLiteral("publishers.json"), QJsonDocument(githubPublishers(QStringLiteral("main"))).toJson());
    const QByteArray token = oidctest::unsignedToken(oidctest::githubClaims(m_now));
    const Run run = explain({QStringLiteral("--token"), QString::fromLatin1(token), QStringLiteral("--publishers"), file,
                             QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(json.keys(), (QStringList{QStringLiteral("checks"), QStringLiteral("claims"), QStringLiteral("header"),
                                       QStringLiteral("publishers")}));
    QCOMPARE(json.value(QLatin1String("claims")).toObject().value(QLatin1String("ref")).toString(), QStringLiteral("refs/heads/main"));
    QCOMPARE(json.value(QLatin1String("header")).toObject().value(QLatin1String("alg")).toString(), QStringLiteral("RS256"));
    for (const QJsonValue &check : json.value(QLatin1String("checks")).toArray()) {
        QCOMPARE(check.toObject().keys(), (QStringList{QStringLiteral("detail"), QStringLiteral("name"), QStringLiteral("ok")}));
        QVERIFY2(check.toObject().value(QLatin1String("ok")).toBool(), qPrintable(check.toObject().value(QLatin1String("detail")).toString()));
    }
    const QJsonArray checks = json.value(QLatin1String("checks")).toArray();
    QCOMPARE(checks.last().toObject().value(QLatin1String("name")).toString(), QStringLiteral("signature"));
    QVERIFY(checks.last().toObject().value(QLatin1String("detail")).toString().contains(QStringLiteral("not verified")));
    const QJsonObject publisher = json.value(QLatin1String("publishers")).toArray().at(0).toObject();
    QCOMPARE(publisher.value(QLatin1String("id")).toString(), QStringLiteral("65f0a1b2c3d4e5f6a7b8c9d0"));
    QCOMPARE(publisher.value(QLatin1String("provider")).toString(), QStringLiteral("github"));
    QCOMPARE(publisher.value(QLatin1String("matches")).toBool(), true);
    const QJsonArray claims = publisher.value(QLatin1String("claims")).toArray();
    QCOMPARE(claims.size(), 4); // the issuer and three claims
    const QJsonObject workflow = claims.at(3).toObject();
    QCOMPARE(workflow.keys(), (QStringList{QStringLiteral("actual"), QStringLiteral("derivedFrom"), QStringLiteral("expected"),
                                           QStringLiteral("name"), QStringLiteral("ok")}));
    QCOMPARE(workflow.value(QLatin1String("derivedFrom")).toString(), QStringLiteral("workflow_ref"));
    QCOMPARE(workflow.value(QLatin1String("actual")).toString(), QStringLiteral("publish.yml"));
}

void TstCliPublishers::explainWrongBranchExitsOne()
{
    const QString file = writeFile(QStringLiteral("publishers.json"), QJsonDocument(githubPublishers(QStringLiteral("main"))).toJson());
    QJsonObject claims = oidctest::githubClaims(m_now);
    claims[QStringLiteral("ref")] = QStringLiteral("refs/heads/dev");
    const QString token = QString::fromLatin1(oidctest::unsignedToken(claims));
    const Run run = explain({QStringLiteral("--token"), token, QStringLiteral("--publishers"), file});
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.out.contains(QStringLiteral("The token was issued for branch dev (ref refs/heads/dev) but the publisher only accepts main.")),
             qPrintable(run.out));
    QVERIFY(run.out.contains(QStringLiteral("would refuse")));
    // Another audience: exit 1 too, and said.
    QJsonObject wrongAud = oidctest::githubClaims(m_now, QStringLiteral("sts.amazonaws.com"));
    const Run aud = explain({QStringLiteral("--token"), QString::fromLatin1(oidctest::unsignedToken(wrongAud)),
                             QStringLiteral("--publishers"), file});
    QCOMPARE(aud.exitCode, 1);
    QVERIFY2(aud.out.contains(QStringLiteral("sts.amazonaws.com")), qPrintable(aud.out));
}

void TstCliPublishers::explainFindsTheTokenInALogFile()
{
    const QString file = writeFile(QStringLiteral("publishers.json"), QJsonDocument(githubPublishers(QStringLiteral("main"))).toJson());
    const QByteArray log = "Run actions/checkout@v4\n##[debug]id token: " + oidctest::unsignedToken(oidctest::githubClaims(m_now)) +
                           "\n##[debug]done\n";
    const QString logFile = writeFile(QStringLiteral("ci.log"), log);
    const Run run = explain({QStringLiteral("--token"), QLatin1Char('@') + logFile, QStringLiteral("--publishers"), file});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
}

void TstCliPublishers::explainWithKeys()
{
    const oidctest::SigningKey key(QStringLiteral("k-1"));
    const oidctest::SigningKey stranger(QStringLiteral("k-1"));
    const QString file = writeFile(QStringLiteral("publishers.json"), QJsonDocument(githubPublishers(QStringLiteral("main"))).toJson());
    const QString keys = writeFile(QStringLiteral("jwks.json"), oidctest::jwks({key.jwk()}));
    const QStringList common{QStringLiteral("--publishers"), file, QStringLiteral("--jwks"), keys, QStringLiteral("--json")};
    const Run good = explain(QStringList{QStringLiteral("--token"), QString::fromLatin1(key.sign(oidctest::githubClaims(m_now)))} + common);
    QVERIFY2(good.exitCode == 0, qPrintable(good.describe()));
    const Run bad = explain(QStringList{QStringLiteral("--token"), QString::fromLatin1(stranger.sign(oidctest::githubClaims(m_now)))} + common);
    QVERIFY2(bad.exitCode == 1, qPrintable(bad.describe()));
    const QJsonArray checks = QJsonDocument::fromJson(bad.out.toUtf8()).object().value(QLatin1String("checks")).toArray();
    QCOMPARE(checks.last().toObject().value(QLatin1String("ok")).toBool(), false);
    const Run unknownKid = explain(QStringList{QStringLiteral("--token"),
                                               QString::fromLatin1(key.sign(oidctest::githubClaims(m_now), QStringLiteral("k-9")))} + common);
    QCOMPARE(unknownKid.exitCode, 1);
    QVERIFY(unknownKid.out.contains(QStringLiteral("k-9")));
}

void TstCliPublishers::explainUsageAndInput_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    const QString token = QString::fromLatin1(oidctest::unsignedToken(oidctest::githubClaims(QDateTime::currentDateTimeUtc())));
    QTest::newRow("no token") << QStringList{QStringLiteral("--publishers"), QStringLiteral("x.json")} << 2;
    QTest::newRow("no publishers") << QStringList{QStringLiteral("--token"), token} << 2;
    QTest::newRow("repo and file") << QStringList{QStringLiteral("--token"), token, QStringLiteral("--repo"), QStringLiteral("a/b"),
                                                  QStringLiteral("--publishers"), QStringLiteral("x.json")} << 2;
    QTest::newRow("not a token") << QStringList{QStringLiteral("--token"), QStringLiteral("hf_notajwt"), QStringLiteral("--publishers"),
                                                QStringLiteral("PUBLISHERS")} << 3;
    QTest::newRow("broken token") << QStringList{QStringLiteral("--token"), QStringLiteral("eyJhbGciOi.eyJzdWIi.x"),
                                                 QStringLiteral("--publishers"), QStringLiteral("PUBLISHERS")} << 3;
    QTest::newRow("missing token file") << QStringList{QStringLiteral("--token"), QStringLiteral("@/no/such/file"),
                                                       QStringLiteral("--publishers"), QStringLiteral("PUBLISHERS")} << 3;
}

void TstCliPublishers::explainUsageAndInput()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    const QString file = writeFile(QStringLiteral("publishers.json"), QJsonDocument(githubPublishers(QStringLiteral("main"))).toJson());
    arguments.replaceInStrings(QStringLiteral("PUBLISHERS"), file);
    const Run run = explain(arguments);
    QVERIFY2(run.exitCode == exitCode, qPrintable(run.describe()));
    QVERIFY(!run.err.isEmpty());
    QCOMPARE(run.out, QString());
}

void TstCliPublishers::addIsValidatedBeforeAnyCall()
{
    // No Hub at this address: a call would fail with exit 1, validation ends with 3 first.
    m_sandbox->set(QStringLiteral("HF_TOKEN"), QStringLiteral("hf_NotARealToken0000000000000000000000"));
    const Run run = runHubgate({QStringLiteral("publishers"), QStringLiteral("add"), QStringLiteral("--endpoint"),
                                QStringLiteral("http://127.0.0.1:9"), QStringLiteral("--repo"), QStringLiteral("acme/model"),
                                QStringLiteral("--provider"), QStringLiteral("github"), QStringLiteral("--claim"),
                                QStringLiteral("repository=acme"), QStringLiteral("--claim"), QStringLiteral("workflow=ci/publish.yml")},
                               m_sandbox->env());
    QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
    QVERIFY(run.err.contains(QStringLiteral("repository:")));
    QVERIFY(run.err.contains(QStringLiteral("workflow:")));
    const Run unknown = runHubgate({QStringLiteral("publishers"), QStringLiteral("add"), QStringLiteral("--repo"),
                                    QStringLiteral("acme/model"), QStringLiteral("--provider"), QStringLiteral("jenkins")},
                                   m_sandbox->env());
    QCOMPARE(unknown.exitCode, 2);
    const Run noVerb = runHubgate({QStringLiteral("publishers"), QStringLiteral("--user")}, m_sandbox->env());
    QCOMPARE(noVerb.exitCode, 2);
}

bool TstCliPublishers::emulatorOffersPublishers()
{
    if (!m_hub)
        m_hub = std::make_unique<EmulatorFixture>();
    const testing::Reply reply = testing::send(m_nam, "GET", m_hub->url(QStringLiteral("/api/settings/trusted-publishers")),
                                               EmulatorFixture::writeToken());
    return reply.status != 404;
}

Run TstCliPublishers::publishers(const QStringList &arguments)
{
    m_sandbox->set(QStringLiteral("HF_TOKEN"), QString::fromLatin1(EmulatorFixture::writeToken()));
    const Run run = runHubgate(QStringList{QStringLiteral("publishers")} + arguments +
                                   QStringList{QStringLiteral("--endpoint"), m_hub->baseUrl().toString()},
                               m_sandbox->env());
    if (!run.finished)
        QTest::qFail("hubgate did not finish", __FILE__, __LINE__);
    if (run.out.contains(QString::fromLatin1(EmulatorFixture::writeToken())) ||
        run.err.contains(QString::fromLatin1(EmulatorFixture::writeToken())))
        QTest::qFail("hubgate printed the token", __FILE__, __LINE__);
    return run;
}

void TstCliPublishers::hubWithoutManagementIsSaid()
{
    if (emulatorOffersPublishers())
        QSKIP("the emulator offers trusted-publisher management");
    const Run run = publishers({QStringLiteral("list"), QStringLiteral("--repo"), Repo});
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.contains(QStringLiteral("does not offer trusted-publisher management")), qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("/datasets/mira-patel/poetry-corpus/settings")), qPrintable(run.err));
}

void TstCliPublishers::addListExplainRemoveOnARepo()
{
    if (!emulatorOffersPublishers())
        QSKIP("the emulator does not offer the trusted-publisher routes yet");
    const QStringList add{QStringLiteral("add"), QStringLiteral("--repo"), Repo, QStringLiteral("--provider"), QStringLiteral("github"),
                          QStringLiteral("--claim"), QStringLiteral("repository=acme/awesome-model-training"),
                          QStringLiteral("--claim"), QStringLiteral("branch=main"), QStringLiteral("--claim"),
                          QStringLiteral("workflow=publish.yml")};
    const Run added = publishers(add);
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    const QString id = added.out.trimmed();
    QVERIFY2(!id.isEmpty(), qPrintable(added.describe()));

    const Run duplicate = publishers(add);
    QVERIFY2(duplicate.exitCode == 1, qPrintable(duplicate.describe()));
    QVERIFY2(duplicate.err.contains(QStringLiteral("already exists")), qPrintable(duplicate.err));

    const Run listed = publishers({QStringLiteral("list"), QStringLiteral("--repo"), Repo, QStringLiteral("--json")});
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.describe()));
    const QJsonArray list = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    const auto found = std::find_if(list.begin(), list.end(), [&id](const QJsonValue &value) {
        return value.toObject().value(QLatin1String("_id")).toString() == id;
    });
    QVERIFY(found != list.end());
    QCOMPARE((*found).toObject().value(QLatin1String("claims")).toObject().value(QLatin1String("branch")).toString(), QStringLiteral("main"));

    // The debugger with the repo's publishers; the audience is the emulator's address.
    m_sandbox->set(QStringLiteral("HF_TOKEN"), QString::fromLatin1(EmulatorFixture::writeToken()));
    const QJsonObject claims = oidctest::githubClaims(m_now, m_hub->baseUrl().toString(QUrl::StripTrailingSlash));
    const Run explained = runHubgate({QStringLiteral("oidc"), QStringLiteral("explain"), QStringLiteral("--endpoint"),
                                      m_hub->baseUrl().toString(), QStringLiteral("--repo"), Repo, QStringLiteral("--token"),
                                      QString::fromLatin1(oidctest::unsignedToken(claims))},
                                     m_sandbox->env());
    QVERIFY2(explained.exitCode == 0, qPrintable(explained.describe()));

    const Run removed = publishers({QStringLiteral("remove"), QStringLiteral("--repo"), Repo, QStringLiteral("--id"), id});
    QVERIFY2(removed.exitCode == 0, qPrintable(removed.describe()));
    const Run after = publishers({QStringLiteral("list"), QStringLiteral("--repo"), Repo, QStringLiteral("--json")});
    QVERIFY(!after.out.contains(id));
    const Run unknownRepo = publishers({QStringLiteral("list"), QStringLiteral("--repo"), QStringLiteral("mira-patel/no-such-repo")});
    QCOMPARE(unknownRepo.exitCode, 1);
    QVERIFY2(!unknownRepo.err.contains(QStringLiteral("does not offer")), qPrintable(unknownRepo.err));
}

void TstCliPublishers::userPublishers()
{
    if (!emulatorOffersPublishers())
        QSKIP("the emulator does not offer the trusted-publisher routes yet");
    const Run added = publishers({QStringLiteral("add"), QStringLiteral("--user"), QStringLiteral("--provider"), QStringLiteral("gitlab"),
                                  QStringLiteral("--claim"), QStringLiteral("project_path=acme/ml/training"),
                                  QStringLiteral("--claim"), QStringLiteral("branch=main")});
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    const QString id = added.out.trimmed();
    const Run listed = publishers({QStringLiteral("list"), QStringLiteral("--user")});
    QVERIFY2(listed.exitCode == 0 && listed.out.contains(id) && listed.out.contains(QStringLiteral("https://gitlab.com")),
             qPrintable(listed.describe()));
    const Run removed = publishers({QStringLiteral("remove"), QStringLiteral("--user"), QStringLiteral("--id"), id});
    QVERIFY2(removed.exitCode == 0, qPrintable(removed.describe()));
}

QTEST_GUILESS_MAIN(TstCliPublishers)
#include "tst_cli_publishers.moc"
