// Trusted publishers without a Hub: validation of each preset (valid and invalid samples, each
// error tied to its claim), weak set-up warnings, the contract's JSON, paths, and the list model.
#include "publishers/publisherlistmodel.h"
#include "publishers/publisherscope.h"
#include "publishers/publishervalidation.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace hubgate;

Q_DECLARE_METATYPE(hubgate::PublisherProvider)

namespace {

const QString Uuid = QStringLiteral("a1b2c3d4-0000-4000-8000-000000000001");

QString issuerFor(PublisherProvider provider)
{
    switch (provider) {
    case PublisherProvider::CircleCI: return issuerFromParameter(provider, Uuid);
    case PublisherProvider::Bitbucket: return issuerFromParameter(provider, QStringLiteral("acme"));
    case PublisherProvider::Custom: return QStringLiteral("https://idp.example.com/");
    default: return publisherPreset(provider).defaultIssuer;
    }
}

// The claims every preset requires, with valid values, so one claim at a time can be varied.
PublisherClaims baseClaims(PublisherProvider provider)
{
    switch (provider) {
    case PublisherProvider::GitHub: return {{claim::repository(), QStringLiteral("acme/training")}};
    case PublisherProvider::GitLab: return {{claim::projectPath(), QStringLiteral("acme/training")}};
    case PublisherProvider::CircleCI: return {{claim::circleCiProjectId(), Uuid}};
    case PublisherProvider::Bitbucket: return {{claim::repositoryUuid(), QLatin1Char('{') + Uuid + QLatin1Char('}')}};
    case PublisherProvider::Custom: return {{QStringLiteral("sub"), QStringLiteral("system:ci:acme")}};
    }
    return {};
}

PublisherDraft draftWith(PublisherProvider provider, const QString &name, const QString &value)
{
    PublisherDraft draft{provider, issuerFor(provider), baseClaims(provider)};
    bool replaced = false;
    for (PublisherClaim &claim : draft.claims)
        if (claim.first == name) {
            claim.second = value;
            replaced = true;
        }
    if (!replaced)
        draft.claims.append({name, value});
    return draft;
}

TrustedPublisher publisher(const QString &id, const QString &branch)
{
    TrustedPublisher p;
    p.id = id;
    p.provider = PublisherProvider::GitHub;
    p.providerText = QStringLiteral("github");
    p.issuer = githubIssuer();
    p.claims = {{claim::repository(), QStringLiteral("acme/training")}, {claim::branch(), branch}};
    p.createdAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4), Qt::UTC);
    p.createdBy = QStringLiteral("mira-patel");
    return p;
}

} // namespace

class TstPublishersDomain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void claimValues_data();
    void claimValues();
    void issuers_data();
    void issuers();
    void requiredClaimsAndUnknownNames();
    void customClaims();
    void weakSetupsWarn();
    void jsonKeepsClaimOrder();
    void jsonRejectsWrongShapes();
    void createBodyDropsEmptyClaims();
    void scopePaths();
    void listModel();
};

void TstPublishersDomain::claimValues_data()
{
    QTest::addColumn<PublisherProvider>("provider");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    const auto gh = PublisherProvider::GitHub;
    const auto gl = PublisherProvider::GitLab;
    const auto cc = PublisherProvider::CircleCI;
    const auto bb = PublisherProvider::Bitbucket;
    const QString repo = claim::repository();
    QTest::newRow("gh repo") << gh << repo << QStringLiteral("acme/awesome-model_1.x") << true;
    QTest::newRow("gh owner 39") << gh << repo << QString(39, u'a') + QStringLiteral("/x") << true;
    QTest::newRow("gh owner 40") << gh << repo << QString(40, u'a') + QStringLiteral("/x") << false;
    QTest::newRow("gh owner leading hyphen") << gh << repo << QStringLiteral("-acme/x") << false;
    QTest::newRow("gh owner trailing hyphen") << gh << repo << QStringLiteral("acme-/x") << false;
    QTest::newRow("gh owner underscore") << gh << repo << QStringLiteral("ac_me/x") << false;
    QTest::newRow("gh name dot") << gh << repo << QStringLiteral("acme/.") << false;
    QTest::newRow("gh name dotdot") << gh << repo << QStringLiteral("acme/..") << false;
    QTest::newRow("gh name 100") << gh << repo << QStringLiteral("acme/") + QString(100, u'n') << true;
    QTest::newRow("gh name 101") << gh << repo << QStringLiteral("acme/") + QString(101, u'n') << false;
    QTest::newRow("gh name space") << gh << repo << QStringLiteral("acme/my repo") << false;
    QTest::newRow("gh no slash") << gh << repo << QStringLiteral("acme") << false;
    QTest::newRow("gh two slashes") << gh << repo << QStringLiteral("acme/a/b") << false;
    QTest::newRow("gh workflow yml") << gh << claim::workflow() << QStringLiteral("publish.yml") << true;
    QTest::newRow("gh workflow yaml") << gh << claim::workflow() << QStringLiteral("release-1.yaml") << true;
    QTest::newRow("gh workflow path") << gh << claim::workflow() << QStringLiteral(".github/workflows/publish.yml") << false;
    QTest::newRow("gh workflow ext") << gh << claim::workflow() << QStringLiteral("publish.json") << false;
    QTest::newRow("gh workflow bare ext") << gh << claim::workflow() << QStringLiteral(".yml") << false;
    QTest::newRow("gh env") << gh << claim::environment() << QStringLiteral("Release (prod)") << true;
    QTest::newRow("gh env 255") << gh << claim::environment() << QString(255, u'e') << true;
    QTest::newRow("gh env 256") << gh << claim::environment() << QString(256, u'e') << false;
    QTest::newRow("gh env leading space") << gh << claim::environment() << QStringLiteral(" release") << false;
    QTest::newRow("gh env quote") << gh << claim::environment() << QStringLiteral("rel'ease") << false;
    QTest::newRow("gh env backtick") << gh << claim::environment() << QStringLiteral("rel`ease") << false;
    QTest::newRow("gh env comma") << gh << claim::environment() << QStringLiteral("a,b") << false;
    QTest::newRow("gh env semicolon") << gh << claim::environment() << QStringLiteral("a;b") << false;
    QTest::newRow("gh env backslash") << gh << claim::environment() << QStringLiteral("a\\b") << false;
    QTest::newRow("gh env control") << gh << claim::environment() << QStringLiteral("a\tb") << false;
    QTest::newRow("gh branch") << gh << claim::branch() << QStringLiteral("release/v1.2") << true;
    QTest::newRow("gh branch full ref") << gh << claim::branch() << QStringLiteral("refs/heads/main") << false;
    QTest::newRow("gh branch dotdot") << gh << claim::branch() << QStringLiteral("a..b") << false;
    QTest::newRow("gh branch lock") << gh << claim::branch() << QStringLiteral("main.lock") << false;
    QTest::newRow("gh branch space") << gh << claim::branch() << QStringLiteral("my branch") << false;
    QTest::newRow("gl path") << gl << claim::projectPath() << QStringLiteral("acme/ml/vision/training") << true;
    QTest::newRow("gl path one part") << gl << claim::projectPath() << QStringLiteral("training") << false;
    QTest::newRow("gl path .git") << gl << claim::projectPath() << QStringLiteral("acme/training.git") << false;
    QTest::newRow("gl path leading dash") << gl << claim::projectPath() << QStringLiteral("acme/-training") << false;
    QTest::newRow("gl path empty part") << gl << claim::projectPath() << QStringLiteral("acme//training") << false;
    QTest::newRow("gl env") << gl << claim::environment() << QStringLiteral("review/${CI_COMMIT_REF_SLUG}") << true;
    QTest::newRow("gl env dot") << gl << claim::environment() << QStringLiteral("prod.eu") << false;
    QTest::newRow("gl branch") << gl << claim::branch() << QStringLiteral("main") << true;
    QTest::newRow("cc uuid") << cc << claim::circleCiProjectId() << Uuid << true;
    QTest::newRow("cc upper") << cc << claim::circleCiProjectId() << Uuid.toUpper() << false;
    QTest::newRow("cc not uuid") << cc << claim::circleCiProjectId() << QStringLiteral("acme/training") << false;
    QTest::newRow("bb braces") << bb << claim::repositoryUuid() << QLatin1Char('{') + Uuid + QLatin1Char('}') << true;
    QTest::newRow("bb no braces") << bb << claim::repositoryUuid() << Uuid << false;
    QTest::newRow("bb one brace") << bb << claim::repositoryUuid() << QLatin1Char('{') + Uuid << false;
    QTest::newRow("bb branch") << bb << claim::branchName() << QStringLiteral("main") << true;
    QTest::newRow("bb branch tilde") << bb << claim::branchName() << QStringLiteral("ma~in") << false;
}

void TstPublishersDomain::claimValues()
{
    QFETCH(PublisherProvider, provider);
    QFETCH(QString, name);
    QFETCH(QString, value);
    QFETCH(bool, valid);
    const PublisherValidation validation = validatePublisher(draftWith(provider, name, value));
    QVERIFY2(validation.isValid() == valid, qPrintable(validation.messages().join(u'|')));
    // An error is about that claim, so a form shows it next to the field; nothing else is wrong.
    QCOMPARE(validation.errorFor(name).isEmpty(), valid);
    QCOMPARE(validation.errors.size(), valid ? 0 : 1);
    QCOMPARE(claimProblem(provider, name, value).isEmpty(), valid);
}

void TstPublishersDomain::issuers_data()
{
    QTest::addColumn<PublisherProvider>("provider");
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<bool>("valid");
    QTest::newRow("github") << PublisherProvider::GitHub << githubIssuer() << true;
    QTest::newRow("github other") << PublisherProvider::GitHub << QStringLiteral("https://github.com") << false;
    QTest::newRow("gitlab.com") << PublisherProvider::GitLab << QStringLiteral("https://gitlab.com") << true;
    QTest::newRow("gitlab self-hosted") << PublisherProvider::GitLab << QStringLiteral("https://git.example.org/gitlab") << true;
    QTest::newRow("gitlab http") << PublisherProvider::GitLab << QStringLiteral("http://gitlab.example.org") << false;
    QTest::newRow("gitlab slash") << PublisherProvider::GitLab << QStringLiteral("https://gitlab.com/") << false;
    QTest::newRow("gitlab query") << PublisherProvider::GitLab << QStringLiteral("https://gitlab.com?x=1") << false;
    QTest::newRow("gitlab fragment") << PublisherProvider::GitLab << QStringLiteral("https://gitlab.com#x") << false;
    QTest::newRow("gitlab relative") << PublisherProvider::GitLab << QStringLiteral("gitlab.com") << false;
    QTest::newRow("circleci") << PublisherProvider::CircleCI << issuerFromParameter(PublisherProvider::CircleCI, Uuid) << true;
    QTest::newRow("circleci bad org") << PublisherProvider::CircleCI
                                      << issuerFromParameter(PublisherProvider::CircleCI, QStringLiteral("acme")) << false;
    QTest::newRow("bitbucket") << PublisherProvider::Bitbucket
                               << issuerFromParameter(PublisherProvider::Bitbucket, QStringLiteral("acme-ml")) << true;
    QTest::newRow("bitbucket other") << PublisherProvider::Bitbucket << QStringLiteral("https://bitbucket.org") << false;
    QTest::newRow("custom") << PublisherProvider::Custom << QStringLiteral("https://idp.example.com/") << true;
    QTest::newRow("custom http") << PublisherProvider::Custom << QStringLiteral("http://idp.example.com") << false;
    QTest::newRow("custom empty") << PublisherProvider::Custom << QString() << false;
}

void TstPublishersDomain::issuers()
{
    QFETCH(PublisherProvider, provider);
    QFETCH(QString, issuer);
    QFETCH(bool, valid);
    PublisherDraft draft{provider, issuer, baseClaims(provider)};
    const PublisherValidation validation = validatePublisher(draft);
    QVERIFY2(validation.isValid() == valid, qPrintable(validation.messages().join(u'|')));
    QCOMPARE(validation.issuerError().isEmpty(), valid);
    if (provider == PublisherProvider::CircleCI && valid)
        QCOMPARE(parameterFromIssuer(provider, issuer), Uuid);
}

void TstPublishersDomain::requiredClaimsAndUnknownNames()
{
    for (PublisherProvider provider : allProviders()) {
        const PublisherPreset preset = publisherPreset(provider);
        for (const ClaimField &field : preset.fields) {
            if (!field.required)
                continue;
            PublisherDraft draft{provider, issuerFor(provider), {}};
            const PublisherValidation validation = validatePublisher(draft);
            QVERIFY2(!validation.errorFor(field.name).isEmpty(), qPrintable(field.name));
        }
    }
    // A claim the preset does not have is refused by name; an empty optional one is not set.
    PublisherDraft draft = draftWith(PublisherProvider::GitHub, QStringLiteral("ref"), QStringLiteral("refs/heads/main"));
    QVERIFY(!validatePublisher(draft).errorFor(QStringLiteral("ref")).isEmpty());
    draft = draftWith(PublisherProvider::GitHub, claim::branch(), QString());
    QVERIFY(validatePublisher(draft).isValid());
    // Twice the same claim.
    draft = draftWith(PublisherProvider::GitHub, claim::branch(), QStringLiteral("main"));
    draft.claims.append({claim::branch(), QStringLiteral("dev")});
    QCOMPARE(validatePublisher(draft).errorFor(claim::branch()), QStringLiteral("This claim is given twice."));
}

void TstPublishersDomain::customClaims()
{
    PublisherDraft draft{PublisherProvider::Custom, QStringLiteral("https://idp.example.com"), {}};
    PublisherValidation validation = validatePublisher(draft);
    QVERIFY(!validation.isValid());
    QCOMPARE(validation.errors.first().where, PublisherProblem::Where::ClaimSet);
    for (const char *name : {"exp", "iat", "nbf", "jti", "iss", "aud"}) {
        draft.claims = {{QString::fromLatin1(name), QStringLiteral("x")}};
        QVERIFY2(!validatePublisher(draft).errorFor(QString::fromLatin1(name)).isEmpty(), name);
    }
    draft.claims = {{QStringLiteral("sub"), QStringLiteral("system:ci")}, {QStringLiteral("project"), QStringLiteral("x")}};
    QVERIFY(validatePublisher(draft).isValid());
    draft.claims = {{QStringLiteral("sub"), QStringLiteral(" padded")}};
    QVERIFY(!validatePublisher(draft).errorFor(QStringLiteral("sub")).isEmpty());
}

void TstPublishersDomain::weakSetupsWarn()
{
    auto warned = [](const PublisherDraft &draft) {
        QStringList names;
        for (const PublisherProblem &warning : validatePublisher(draft).warnings)
            names << warning.claim;
        return names;
    };
    PublisherDraft github{PublisherProvider::GitHub, githubIssuer(), baseClaims(PublisherProvider::GitHub)};
    QCOMPARE(warned(github), (QStringList{claim::workflow(), claim::environment()}));
    github.claims += {{claim::branch(), QStringLiteral("main")}, {claim::workflow(), QStringLiteral("publish.yml")},
                      {claim::environment(), QStringLiteral("release")}};
    QCOMPARE(warned(github), QStringList());
    QVERIFY(validatePublisher(github).isValid());
    PublisherDraft bitbucket{PublisherProvider::Bitbucket, issuerFor(PublisherProvider::Bitbucket),
                             baseClaims(PublisherProvider::Bitbucket)};
    QCOMPARE(warned(bitbucket), QStringList{claim::branchName()});
    PublisherDraft gitlab{PublisherProvider::GitLab, gitlabDefaultIssuer(), baseClaims(PublisherProvider::GitLab)};
    QCOMPARE(warned(gitlab), (QStringList{claim::branch(), claim::environment()}));
}

void TstPublishersDomain::jsonKeepsClaimOrder()
{
    const QByteArray json = R"([{"_id":"65f0a1b2c3d4e5f6a7b8c9d0","provider":"github",
        "issuer":"https://token.actions.githubusercontent.com",
        "claims":{"workflow":"publish.yml","repository":"acme/training","branch":"main"},
        "createdAt":"2026-03-01T10:00:00.000Z","createdBy":"mira-patel","lastUsedAt":null},
        {"_id":"65f0a1b2c3d4e5f6a7b8c9d1","provider":"sourcehut","issuer":"https://idp.example.com",
        "claims":{"sub":"x"},"createdAt":"2026-03-02T10:00:00.000Z","createdBy":"sam","lastUsedAt":"2026-03-03T11:00:00.000Z"}])";
    QString error;
    const auto list = parsePublisherList(json, &error);
    QVERIFY2(list, qPrintable(error));
    QCOMPARE(list->size(), 2);
    const TrustedPublisher &first = list->at(0);
    QCOMPARE(first.provider, PublisherProvider::GitHub);
    QCOMPARE(first.claimsText(), QStringLiteral("workflow=publish.yml, repository=acme/training, branch=main"));
    QCOMPARE(first.createdAt, QDateTime(QDate(2026, 3, 1), QTime(10, 0), Qt::UTC));
    QVERIFY(!first.lastUsedAt);
    QCOMPARE(list->at(1).providerText, QStringLiteral("sourcehut"));
    QCOMPARE(list->at(1).provider, PublisherProvider::Custom);
    QCOMPARE(*list->at(1).lastUsedAt, QDateTime(QDate(2026, 3, 3), QTime(11, 0), Qt::UTC));
    // Written back and read again: the same publishers.
    const auto again = parsePublisherList(publishersToJson(*list), &error);
    QVERIFY(again);
    QCOMPARE(again->at(0).claims, first.claims);
    QCOMPARE(again->at(1).lastUsedAt, list->at(1).lastUsedAt);
    QCOMPARE(again->at(1).providerText, QStringLiteral("sourcehut"));
    // A single object is a list of one.
    QCOMPARE(parsePublisherList(R"({"issuer":"https://x.example","claims":{}})", &error)->size(), 1);
}

void TstPublishersDomain::jsonRejectsWrongShapes()
{
    QString error;
    for (const QByteArray &json : {QByteArray("nope"), QByteArray("42"), QByteArray(R"([{"claims":{}}])"),
                                   QByteArray(R"([{"issuer":"https://x","claims":[]}])"), QByteArray("[1]")}) {
        error.clear();
        QVERIFY2(!parsePublisherList(json, &error), json.constData());
        QVERIFY(!error.isEmpty());
    }
}

void TstPublishersDomain::createBodyDropsEmptyClaims()
{
    PublisherDraft draft{PublisherProvider::GitLab, QStringLiteral("https://git.example.org"),
                         {{claim::projectPath(), QStringLiteral("acme/x")}, {claim::branch(), QString()}}};
    draft.claims = filledClaims(draft.claims);
    const QJsonObject body = QJsonDocument::fromJson(publisherCreateBody(draft)).object();
    QCOMPARE(body.value(QLatin1String("provider")).toString(), QStringLiteral("gitlab"));
    QCOMPARE(body.value(QLatin1String("issuer")).toString(), QStringLiteral("https://git.example.org"));
    QCOMPARE(body.value(QLatin1String("claims")).toObject(),
             (QJsonObject{{claim::projectPath(), QStringLiteral("acme/x")}}));
}

void TstPublishersDomain::scopePaths()
{
    const PublisherScope dataset = PublisherScope::forRepo(QStringLiteral("datasets"), QStringLiteral("acme/corpus"));
    QCOMPARE(dataset.listPath(), QStringLiteral("/api/datasets/acme/corpus/trusted-publishers"));
    QCOMPARE(dataset.deletePath(QStringLiteral("65f0")), QStringLiteral("/api/datasets/acme/corpus/trusted-publishers/65f0"));
    QCOMPARE(dataset.resource(), QStringLiteral("datasets/acme/corpus"));
    QCOMPARE(dataset.settingsPagePath(), QStringLiteral("/datasets/acme/corpus/settings"));
    const PublisherScope model = PublisherScope::forRepo(QStringLiteral("models"), QStringLiteral("acme/model"));
    QCOMPARE(model.resource(), QStringLiteral("acme/model"));
    QCOMPARE(model.listPath(), QStringLiteral("/api/models/acme/model/trusted-publishers"));
    const PublisherScope user = PublisherScope::forUser(QStringLiteral("mira-patel"));
    QCOMPARE(user.listPath(), QStringLiteral("/api/settings/trusted-publishers"));
    QCOMPARE(user.deletePath(QStringLiteral("1")), QStringLiteral("/api/settings/trusted-publishers/1"));
    QCOMPARE(user.resource(), QStringLiteral("mira-patel"));
    QCOMPARE(publisherScopeFromResource(QStringLiteral("kernels/acme/k"))->listPath(),
             QStringLiteral("/api/kernels/acme/k/trusted-publishers"));
    QVERIFY(publisherScopeFromResource(QStringLiteral("spaces/acme/app"))->repoType == QLatin1String("spaces"));
    QVERIFY(publisherScopeFromResource(QStringLiteral("mira-patel"))->isUser());
    QVERIFY(!publisherScopeFromResource(QStringLiteral("datasets/acme")));
    QVERIFY(!publisherScopeFromResource(QStringLiteral("a/b/c/d")));
}

void TstPublishersDomain::listModel()
{
    PublisherListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPublishers({publisher(QStringLiteral("a"), QStringLiteral("main")), publisher(QStringLiteral("b"), QStringLiteral("dev"))});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(PublisherListModel::ColumnCount));
    QCOMPARE(model.index(0, PublisherListModel::Provider).data().toString(), QStringLiteral("GitHub Actions"));
    QCOMPARE(model.index(1, PublisherListModel::Claims).data().toString(), QStringLiteral("repository=acme/training, branch=dev"));
    QCOMPARE(model.index(0, PublisherListModel::LastUsed).data().toString(), QStringLiteral("Never"));
    QVERIFY(!model.index(0, PublisherListModel::LastUsed).data(PublisherListModel::SortRole).toDateTime().isValid());
    QCOMPARE(model.index(0, PublisherListModel::Created).data(PublisherListModel::SortRole).toDateTime(),
             publisher(QStringLiteral("a"), QStringLiteral("main")).createdAt);
    QCOMPARE(model.headerData(PublisherListModel::Issuer, Qt::Horizontal).toString(), QStringLiteral("Issuer"));

    // An update of a known id changes that row only.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    TrustedPublisher used = publisher(QStringLiteral("b"), QStringLiteral("dev"));
    used.lastUsedAt = QDateTime(QDate(2026, 4, 1), QTime(9, 0), Qt::UTC);
    model.upsert(used);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.first().at(1).toModelIndex().row(), 1);
    QVERIFY(model.index(1, PublisherListModel::LastUsed).data().toString() != QStringLiteral("Never"));
    model.upsert(publisher(QStringLiteral("c"), QStringLiteral("x")));
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(model.removeById(QStringLiteral("a")));
    QVERIFY(!model.removeById(QStringLiteral("a")));
    QCOMPARE(model.index(0, 0).data(PublisherListModel::IdRole).toString(), QStringLiteral("b"));
    QCOMPARE(model.publisherAt(1).id, QStringLiteral("c"));
}

QTEST_GUILESS_MAIN(TstPublishersDomain)
#include "tst_publishers_domain.moc"
