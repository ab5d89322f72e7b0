// The token debugger offline: finding and decoding a JWT (alone, in a CI log, malformed), the
// checks with an injected clock, RS256 signatures with keys made here, and the comparison with
// publishers for claim sets shaped like each provider's.
#include "oidc/tokenexplanation.h"
#include "oidctestutil.h"
#include "publishers/publisherpresets.h"

#include <QTest>

using namespace hubgate;
using namespace oidctest;

namespace {

const QDateTime Now(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);
const QUrl Hub(QStringLiteral("https://huggingface.co"));

TrustedPublisher makePublisher(PublisherProvider provider, const QString &issuer, const PublisherClaims &claims)
{
    TrustedPublisher publisher;
    publisher.id = QStringLiteral("65f0a1b2c3d4e5f6a7b8c9d0");
    publisher.provider = provider;
    publisher.providerText = providerKey(provider);
    publisher.issuer = issuer;
    publisher.claims = claims;
    return publisher;
}

TrustedPublisher githubPublisher(const QString &branch = QStringLiteral("main"))
{
    return makePublisher(PublisherProvider::GitHub, githubIssuer(),
                         {{claim::repository(), QStringLiteral("acme/awesome-model-training")},
                          {claim::branch(), branch},
                          {claim::workflow(), QStringLiteral("publish.yml")}});
}

DecodedJwt decoded(const QJsonObject &claims)
{
    QString error;
    const std::optional<DecodedJwt> token = decodeJwt(QString::fromLatin1(unsignedToken(claims)), &error);
    if (!token)
        qFatal("test token does not decode: %s", qPrintable(error));
    return *token;
}

TokenCheck checkNamed(const QList<TokenCheck> &checks, const QString &name)
{
    for (const TokenCheck &check : checks)
        if (check.name == name)
            return check;
    return {};
}

QList<TokenCheck> checks(const QJsonObject &claims, const QDateTime &now = Now)
{
    TokenCheckOptions options;
    options.hubUrl = Hub;
    options.now = now;
    return checkToken(decoded(claims), options, signatureNotVerified(QString()));
}

const ClaimComparison *comparison(const PublisherMatch &match, const QString &name)
{
    for (const ClaimComparison &claim : match.claims)
        if (claim.name == name)
            return &claim;
    return nullptr;
}

} // namespace

class TstPublishersOidc : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesABareToken();
    void findsTheTokenInALog();
    void malformedInput_data();
    void malformedInput();
    void audienceStringOrArray();
    void timesWithSkew();
    void issuerMustBeHttps();
    void signatures();
    void githubBranchFromRef();
    void githubWorkflowFromWorkflowRef();
    void githubTagIsNotABranch();
    void gitlabBooleansAsStrings();
    void circleciAudienceArray();
    void bitbucketBraces();
    void explanationJsonShape();
    void verdictNeedsChecksAndAMatch();
};

void TstPublishersOidc::decodesABareToken()
{
    QString error;
    const QByteArray raw = unsignedToken(githubClaims(Now));
    const auto token = decodeJwt(QStringLiteral("  %1\n").arg(QString::fromLatin1(raw)), &error);
    QVERIFY2(token, qPrintable(error));
    QCOMPARE(token->raw, raw);
    QCOMPARE(token->algorithm(), QStringLiteral("RS256"));
    QCOMPARE(token->keyId(), QStringLiteral("k1"));
    QCOMPARE(token->issuer(), githubIssuer());
    QCOMPARE(token->claims.value(QLatin1String("ref")).toString(), QStringLiteral("refs/heads/main"));
    QCOMPARE(token->signature, QByteArray("signature"));
    QCOMPARE(token->signingInput, raw.left(raw.lastIndexOf('.')));
}

void TstPublishersOidc::findsTheTokenInALog()
{
    const QByteArray raw = unsignedToken(gitlabClaims(Now));
    const QString log = QStringLiteral("$ echo token\n2026-06-01T12:00:00Z Running with gitlab-runner\nHF_ID_TOKEN=%1 "
                                       "(expires soon)\nJob succeeded\n")
                            .arg(QString::fromLatin1(raw));
    QString error;
    const auto token = decodeJwt(log, &error);
    QVERIFY2(token, qPrintable(error));
    QCOMPARE(token->raw, raw);
    QCOMPARE(token->claims.value(QLatin1String("project_path")).toString(), QStringLiteral("acme/ml/training"));
}

void TstPublishersOidc::malformedInput_data()
{
    QTest::addColumn<QString>("input");
    const QString good = QString::fromLatin1(unsignedToken(githubClaims(Now)));
    QTest::newRow("empty") << QString();
    QTest::newRow("words") << QStringLiteral("no token here");
    QTest::newRow("two parts") << good.section(u'.', 0, 1);
    QTest::newRow("header not json") << QStringLiteral("eyJub3QganNvbg.") + good.section(u'.', 1);
    QTest::newRow("claims not json") << good.section(u'.', 0, 0) + QStringLiteral(".eyJub3QganNvbg.c2ln");
    QTest::newRow("personal token") << QStringLiteral("hf_abcdefghijklmnopqrstuvwxyz012345");
}

void TstPublishersOidc::malformedInput()
{
    QFETCH(QString, input);
    QString error;
    QVERIFY(!decodeJwt(input, &error));
    QVERIFY(!error.isEmpty());
}

void TstPublishersOidc::audienceStringOrArray()
{
    QJsonObject claims = githubClaims(Now);
    QVERIFY(checkNamed(checks(claims), QStringLiteral("aud")).ok);
    claims[QStringLiteral("aud")] = QJsonArray{QStringLiteral("sts.amazonaws.com"), QStringLiteral("https://huggingface.co")};
    QVERIFY(checkNamed(checks(claims), QStringLiteral("aud")).ok);
    claims[QStringLiteral("aud")] = QStringLiteral("https://huggingface.co/");
    TokenCheck aud = checkNamed(checks(claims), QStringLiteral("aud"));
    QVERIFY(!aud.ok);
    QVERIFY2(aud.detail.contains(QStringLiteral("trailing slash")), qPrintable(aud.detail));
    claims[QStringLiteral("aud")] = QStringLiteral("sts.amazonaws.com");
    aud = checkNamed(checks(claims), QStringLiteral("aud"));
    QVERIFY(!aud.ok);
    QVERIFY2(aud.detail.contains(QStringLiteral("sts.amazonaws.com")) && aud.detail.contains(QStringLiteral("https://huggingface.co")),
             qPrintable(aud.detail));
    claims.remove(QStringLiteral("aud"));
    QVERIFY(!checkNamed(checks(claims), QStringLiteral("aud")).ok);
}

void TstPublishersOidc::timesWithSkew()
{
    const QJsonObject claims = githubClaims(Now); // exp = now + 290
    QVERIFY(checkNamed(checks(claims, Now.addSecs(290 + 60)), QStringLiteral("exp")).ok); // within the skew
    const TokenCheck expired = checkNamed(checks(claims, Now.addSecs(290 + 61)), QStringLiteral("exp"));
    QVERIFY(!expired.ok);
    QVERIFY2(expired.detail.contains(QStringLiteral("expired")) && expired.detail.contains(QStringLiteral("60 s")),
             qPrintable(expired.detail));

    QJsonObject future = claims; // minted by a runner whose clock is ahead
    future[QStringLiteral("nbf")] = epoch(Now) + 120;
    future[QStringLiteral("iat")] = epoch(Now) + 120;
    const QList<TokenCheck> early = checks(future);
    QVERIFY(!checkNamed(early, QStringLiteral("nbf")).ok);
    QVERIFY(!checkNamed(early, QStringLiteral("iat")).ok);
    QVERIFY(checkNamed(checks(future, Now.addSecs(61)), QStringLiteral("nbf")).ok);
    QJsonObject noExp = claims;
    noExp.remove(QStringLiteral("exp"));
    QVERIFY(!checkNamed(checks(noExp), QStringLiteral("exp")).ok);
}

void TstPublishersOidc::issuerMustBeHttps()
{
    QJsonObject claims = githubClaims(Now);
    claims[QStringLiteral("iss")] = QStringLiteral("http://token.actions.githubusercontent.com");
    QVERIFY(!checkNamed(checks(claims), QStringLiteral("iss")).ok);
    QVERIFY(checkNamed(checks(githubClaims(Now)), QStringLiteral("iss")).ok);
}

void TstPublishersOidc::signatures()
{
    const SigningKey key(QStringLiteral("key-1"));
    const SigningKey other(QStringLiteral("key-1")); // same kid, another key
    QVERIFY(key.isValid() && other.isValid());
    const QByteArray keys = jwks({key.jwk()});
    QString error;

    const auto good = decodeJwt(QString::fromLatin1(key.sign(githubClaims(Now))), &error);
    QVERIFY2(good, qPrintable(error));
    QCOMPARE(verifySignature(*good, keys).status, SignatureCheck::Status::Verified);

    const auto forged = decodeJwt(QString::fromLatin1(other.sign(githubClaims(Now))), &error);
    QCOMPARE(verifySignature(*forged, keys).status, SignatureCheck::Status::Invalid);

    // The claims changed after signing.
    QByteArray tampered = key.sign(githubClaims(Now));
    const QList<QByteArray> parts = tampered.split('.');
    QJsonObject changed = githubClaims(Now);
    changed[QStringLiteral("ref")] = QStringLiteral("refs/heads/dev");
    tampered = parts.at(0) + '.' + base64Url(QJsonDocument(changed).toJson(QJsonDocument::Compact)) + '.' + parts.at(2);
    QCOMPARE(verifySignature(*decodeJwt(QString::fromLatin1(tampered), &error), keys).status, SignatureCheck::Status::Invalid);

    const auto unknown = decodeJwt(QString::fromLatin1(key.sign(githubClaims(Now), QStringLiteral("key-9"))), &error);
    const SignatureCheck unknownCheck = verifySignature(*unknown, keys);
    QCOMPARE(unknownCheck.status, SignatureCheck::Status::UnknownKey);
    QVERIFY(unknownCheck.detail.contains(QStringLiteral("key-9")));
    QVERIFY(!unknownCheck.isAcceptable());

    // alg "none" is refused; no keys at all is "not verified", which is acceptable.
    DecodedJwt none = *good;
    none.header[QStringLiteral("alg")] = QStringLiteral("none");
    QCOMPARE(verifySignature(none, keys).status, SignatureCheck::Status::UnsupportedAlgorithm);
    QVERIFY(signatureNotVerified(QStringLiteral("offline.")).isAcceptable());
}

void TstPublishersOidc::githubBranchFromRef()
{
    QJsonObject claims = githubClaims(Now);
    claims[QStringLiteral("ref")] = QStringLiteral("refs/heads/dev");
    const PublisherMatch match = matchPublisher(claims, githubPublisher());
    QVERIFY(!match.matches);
    const ClaimComparison *branch = comparison(match, claim::branch());
    QVERIFY(branch);
    QCOMPARE(branch->actual, QStringLiteral("dev"));
    QCOMPARE(branch->derivedFrom, QStringLiteral("ref"));
    QVERIFY(!branch->ok);
    QCOMPARE(branch->explanation,
             QStringLiteral("The token was issued for branch dev (ref refs/heads/dev) but the publisher only accepts main."));
    QVERIFY(comparison(match, claim::repository())->ok);
    QVERIFY(comparison(match, QStringLiteral("iss"))->ok);
    QVERIFY(matchPublisher(githubClaims(Now), githubPublisher()).matches);
}

void TstPublishersOidc::githubWorkflowFromWorkflowRef()
{
    QJsonObject claims = githubClaims(Now);
    claims[QStringLiteral("workflow_ref")] = QStringLiteral("acme/awesome-model-training/.github/workflows/nightly.yml@refs/heads/main");
    const PublisherMatch match = matchPublisher(claims, githubPublisher());
    const ClaimComparison *workflow = comparison(match, claim::workflow());
    QCOMPARE(workflow->actual, QStringLiteral("nightly.yml"));
    QCOMPARE(workflow->derivedFrom, QStringLiteral("workflow_ref"));
    QVERIFY(!workflow->ok);
    QVERIFY2(workflow->explanation.contains(QStringLiteral("nightly.yml")) && workflow->explanation.contains(QStringLiteral("publish.yml")),
             qPrintable(workflow->explanation));
}

void TstPublishersOidc::githubTagIsNotABranch()
{
    QJsonObject claims = githubClaims(Now);
    claims[QStringLiteral("ref")] = QStringLiteral("refs/tags/v1.0");
    const ClaimComparison *branch = comparison(matchPublisher(claims, githubPublisher()), claim::branch());
    QVERIFY(!branch->ok);
    QVERIFY(!branch->present);
    QVERIFY2(branch->explanation.contains(QStringLiteral("refs/tags/v1.0")), qPrintable(branch->explanation));
}

void TstPublishersOidc::gitlabBooleansAsStrings()
{
    const TrustedPublisher publisher = makePublisher(PublisherProvider::GitLab, gitlabDefaultIssuer(),
                                                     {{claim::projectPath(), QStringLiteral("acme/ml/training")},
                                                      {claim::branch(), QStringLiteral("main")},
                                                      {QStringLiteral("ref_protected"), QStringLiteral("true")}});
    const PublisherMatch match = matchPublisher(gitlabClaims(Now), publisher);
    QVERIFY(match.matches);
    QCOMPARE(comparison(match, claim::branch())->derivedFrom, QStringLiteral("ref"));
    QCOMPARE(comparison(match, QStringLiteral("ref_protected"))->actual, QStringLiteral("true"));

    QJsonObject unprotected = gitlabClaims(Now);
    unprotected[QStringLiteral("ref_protected")] = QStringLiteral("false");
    const ClaimComparison *flag = comparison(matchPublisher(unprotected, publisher), QStringLiteral("ref_protected"));
    QVERIFY(!flag->ok);
    QVERIFY2(flag->explanation.contains(QStringLiteral("GitLab")), qPrintable(flag->explanation));

    QJsonObject tag = gitlabClaims(Now);
    tag[QStringLiteral("ref_type")] = QStringLiteral("tag");
    tag[QStringLiteral("ref")] = QStringLiteral("v1.0");
    QVERIFY(!comparison(matchPublisher(tag, publisher), claim::branch())->ok);
}

void TstPublishersOidc::circleciAudienceArray()
{
    const QJsonObject claims = circleciClaims(Now);
    QVERIFY(checkNamed(checks(claims), QStringLiteral("aud")).ok);
    const TrustedPublisher publisher = makePublisher(
        PublisherProvider::CircleCI, issuerFromParameter(PublisherProvider::CircleCI, QStringLiteral("a1b2c3d4-0000-4000-8000-000000000001")),
        {{claim::circleCiProjectId(), QStringLiteral("e5f6a7b8-0000-4000-8000-000000000002")}});
    QVERIFY(matchPublisher(claims, publisher).matches);
    TrustedPublisher otherOrg = publisher;
    otherOrg.issuer = issuerFromParameter(PublisherProvider::CircleCI, QStringLiteral("a1b2c3d4-0000-4000-8000-00000000ffff"));
    const PublisherMatch match = matchPublisher(claims, otherOrg);
    QVERIFY(!match.matches);
    QVERIFY(!comparison(match, QStringLiteral("iss"))->ok);
}

void TstPublishersOidc::bitbucketBraces()
{
    const QJsonObject claims = bitbucketClaims(Now);
    QVERIFY(checkNamed(checks(claims), QStringLiteral("aud")).ok); // the Hub among several audiences
    const QString issuer = issuerFromParameter(PublisherProvider::Bitbucket, QStringLiteral("acme"));
    const TrustedPublisher braced = makePublisher(PublisherProvider::Bitbucket, issuer,
                                                  {{claim::repositoryUuid(), QStringLiteral("{c0ffee00-0000-4000-8000-000000000003}")},
                                                   {claim::branchName(), QStringLiteral("main")}});
    QVERIFY(matchPublisher(claims, braced).matches);
    TrustedPublisher bare = braced;
    bare.claims[0].second = QStringLiteral("c0ffee00-0000-4000-8000-000000000003");
    const ClaimComparison *uuid = comparison(matchPublisher(claims, bare), claim::repositoryUuid());
    QVERIFY(!uuid->ok);
    QVERIFY2(uuid->explanation.contains(QStringLiteral("braces")), qPrintable(uuid->explanation));
}

void TstPublishersOidc::explanationJsonShape()
{
    QJsonObject claims = githubClaims(Now);
    claims[QStringLiteral("ref")] = QStringLiteral("refs/heads/dev");
    TokenCheckOptions options;
    options.hubUrl = Hub;
    options.now = Now;
    const TokenExplanation explanation =
        explainToken(decoded(claims), {githubPublisher()}, options, signatureNotVerified(QString()));
    const QJsonObject json = explanation.toJson();
    QCOMPARE(json.keys(), (QStringList{QStringLiteral("checks"), QStringLiteral("claims"), QStringLiteral("header"),
                                       QStringLiteral("publishers")}));
    QCOMPARE(json.value(QLatin1String("claims")).toObject(), claims);
    const QJsonArray checkArray = json.value(QLatin1String("checks")).toArray();
    QStringList names;
    for (const QJsonValue &check : checkArray) {
        QCOMPARE(check.toObject().keys(), (QStringList{QStringLiteral("detail"), QStringLiteral("name"), QStringLiteral("ok")}));
        names << check.toObject().value(QLatin1String("name")).toString();
    }
    QCOMPARE(names, (QStringList{QStringLiteral("iss"), QStringLiteral("aud"), QStringLiteral("exp"), QStringLiteral("nbf"),
                                 QStringLiteral("iat"), QStringLiteral("signature")}));
    const QJsonObject publisher = json.value(QLatin1String("publishers")).toArray().at(0).toObject();
    QCOMPARE(publisher.keys(), (QStringList{QStringLiteral("claims"), QStringLiteral("id"), QStringLiteral("issuer"),
                                            QStringLiteral("matches"), QStringLiteral("provider")}));
    QCOMPARE(publisher.value(QLatin1String("matches")).toBool(), false);
    const QJsonObject branch = publisher.value(QLatin1String("claims")).toArray().at(2).toObject();
    QCOMPARE(branch, (QJsonObject{{QStringLiteral("name"), QStringLiteral("branch")},
                                  {QStringLiteral("expected"), QStringLiteral("main")},
                                  {QStringLiteral("actual"), QStringLiteral("dev")},
                                  {QStringLiteral("derivedFrom"), QStringLiteral("ref")},
                                  {QStringLiteral("ok"), false}}));
    const QJsonObject repository = publisher.value(QLatin1String("claims")).toArray().at(1).toObject();
    QVERIFY(repository.value(QLatin1String("derivedFrom")).isNull());
    QVERIFY(explanation.sentences().join(u'\n').contains(QStringLiteral("branch dev (ref refs/heads/dev)")));
}

void TstPublishersOidc::verdictNeedsChecksAndAMatch()
{
    TokenCheckOptions options;
    options.hubUrl = Hub;
    options.now = Now;
    const DecodedJwt token = decoded(githubClaims(Now));
    QVERIFY(explainToken(token, {githubPublisher()}, options, signatureNotVerified(QString())).accepted());
    QVERIFY(!explainToken(token, {githubPublisher(QStringLiteral("dev"))}, options, signatureNotVerified(QString())).accepted());
    QVERIFY(!explainToken(token, {}, options, signatureNotVerified(QString())).accepted());
    // One matching publisher among others is enough.
    QVERIFY(explainToken(token, {githubPublisher(QStringLiteral("dev")), githubPublisher()}, options,
                         signatureNotVerified(QString())).accepted());
    options.now = Now.addSecs(3600);
    QVERIFY(!explainToken(token, {githubPublisher()}, options, signatureNotVerified(QString())).accepted());
    options.now = Now;
    const SignatureCheck bad{SignatureCheck::Status::Invalid, QStringLiteral("bad")};
    QVERIFY(!explainToken(token, {githubPublisher()}, options, bad).accepted());
}

QTEST_GUILESS_MAIN(TstPublishersOidc)
#include "tst_publishers_oidc.moc"
