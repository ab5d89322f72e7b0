// The network jobs against a small canned HTTP server on loopback: each management outcome
// (404 of a Hub without the API vs an unknown repo, 400, 403, 409), fetching an issuer's keys,
// and the exchange's success and OAuth error with its request ID.
#include "hub/hubclient.h"
#include "oidc/issuerkeysjob.h"
#include "oidc/jwtsignature.h"
#include "oidc/tokendebugger.h"
#include "oidc/tokenexchangejob.h"
#include "oidctestutil.h"
#include "publishers/publisherjob.h"

#include <QHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace hubgate;

Q_DECLARE_METATYPE(hubgate::PublisherOutcome)

namespace {

struct Canned
{
    int status = 200;
    QByteArray body;
    QByteArray errorCode;
};

// Answers every request from a table keyed by "METHOD /path"; unknown ones get a plain 404.
class CannedServer
{
public:
    CannedServer()
    {
        m_server.setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            const QByteArray method = request.method() == QHttpServerRequest::Method::Get      ? "GET"
                                      : request.method() == QHttpServerRequest::Method::Post   ? "POST"
                                      : request.method() == QHttpServerRequest::Method::Delete ? "DELETE"
                                                                                               : "OTHER";
            const QString key = QString::fromLatin1(method) + QLatin1Char(' ') + request.url().path();
            m_seen << key;
            m_bodies << request.body();
            const Canned canned = m_answers.value(key, Canned{404, "Not Found", {}});
            responder.write(canned.body,
                            {{"Content-Type", "application/json"}, {"X-Error-Code", canned.errorCode}, {"X-Request-Id", "req-42"}},
                            QHttpServerResponder::StatusCode(canned.status));
        });
        m_port = m_server.listen(QHostAddress::LocalHost);
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    void answer(const QString &key, const Canned &canned) { m_answers.insert(key, canned); }
    const QStringList &seen() const { return m_seen; }
    const QList<QByteArray> &bodies() const { return m_bodies; }

private:
    QHttpServer m_server;
    quint16 m_port = 0;
    QHash<QString, Canned> m_answers;
    QStringList m_seen;
    QList<QByteArray> m_bodies;
};

template<typename Job>
bool waitFor(Job *job)
{
    QSignalSpy spy(job, &Job::finished);
    job->start();
    return spy.wait(10000) && spy.size() == 1;
}

} // namespace

class TstPublishersJobs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void outcomes_data();
    void outcomes();
    void listParsesThePublishers();
    void invalidDraftIsNotSent();
    void createAndDeletePaths();
    void issuerKeys();
    void issuerKeysFailures();
    void exchangeSuccess();
    void exchangeError();
    void debuggerVerifiesOnlyWhenAsked();
};

void TstPublishersJobs::outcomes_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("errorCode");
    QTest::addColumn<PublisherOutcome>("outcome");
    QTest::addColumn<QString>("phrase");
    QTest::newRow("no API") << 404 << QByteArray() << PublisherOutcome::NotOffered << QStringLiteral("does not offer");
    QTest::newRow("unknown repo") << 404 << QByteArray("RepoNotFound") << PublisherOutcome::UnknownRepo << QStringLiteral("does not exist");
    QTest::newRow("bad input") << 400 << QByteArray() << PublisherOutcome::Invalid << QStringLiteral("branch is not valid");
    QTest::newRow("duplicate") << 409 << QByteArray() << PublisherOutcome::Duplicate << QStringLiteral("already exists");
    QTest::newRow("no role") << 403 << QByteArray() << PublisherOutcome::Forbidden << QStringLiteral("Write role");
    QTest::newRow("server") << 500 << QByteArray() << PublisherOutcome::Failed << QStringLiteral("HTTP 500");
}

void TstPublishersJobs::outcomes()
{
    QFETCH(int, status);
    QFETCH(QByteArray, errorCode);
    QFETCH(PublisherOutcome, outcome);
    QFETCH(QString, phrase);
    CannedServer server;
    const PublisherScope scope = PublisherScope::forRepo(QStringLiteral("models"), QStringLiteral("acme/model"));
    server.answer(QStringLiteral("GET ") + scope.listPath(), Canned{status, R"({"error":"branch is not valid"})", errorCode});
    QNetworkAccessManager nam;
    HubClient client(&nam, server.url());
    RetryPolicy noRetry;
    noRetry.maxAttempts = 1;
    client.setRetryPolicy(noRetry);
    std::unique_ptr<PublisherJob> job(PublisherJob::list(&client, scope));
    QVERIFY(waitFor(job.get()));
    QCOMPARE(job->outcome(), outcome);
    QVERIFY2(job->errorMessage().contains(phrase), qPrintable(job->errorMessage()));
}

void TstPublishersJobs::listParsesThePublishers()
{
    CannedServer server;
    const PublisherScope user = PublisherScope::forUser();
    server.answer(QStringLiteral("GET /api/settings/trusted-publishers"),
                  Canned{200, R"([{"_id":"a1","provider":"gitlab","issuer":"https://gitlab.com","claims":{"project_path":"acme/x"},
                  "createdAt":"2026-01-01T00:00:00.000Z","createdBy":"mira","lastUsedAt":null}])", {}});
    QNetworkAccessManager nam;
    HubClient client(&nam, server.url());
    std::unique_ptr<PublisherJob> job(PublisherJob::list(&client, user));
    QVERIFY(waitFor(job.get()));
    QVERIFY2(job->isOk(), qPrintable(job->errorMessage()));
    QCOMPARE(job->publishers().size(), 1);
    QCOMPARE(job->publishers().first().provider, PublisherProvider::GitLab);

    server.answer(QStringLiteral("GET /api/settings/trusted-publishers"), Canned{200, "<html>", {}});
    std::unique_ptr<PublisherJob> garbage(PublisherJob::list(&client, user));
    QVERIFY(waitFor(garbage.get()));
    QCOMPARE(garbage->outcome(), PublisherOutcome::Failed);
    QCOMPARE(garbage->error().kind, HubError::Kind::BadReply);
}

void TstPublishersJobs::invalidDraftIsNotSent()
{
    CannedServer server;
    QNetworkAccessManager nam;
    HubClient client(&nam, server.url());
    const PublisherDraft draft{PublisherProvider::GitHub, githubIssuer(), {{QStringLiteral("repository"), QStringLiteral("no-slash")}}};
    std::unique_ptr<PublisherJob> job(PublisherJob::create(&client, PublisherScope::forUser(), draft));
    QVERIFY(waitFor(job.get()));
    QCOMPARE(job->outcome(), PublisherOutcome::Invalid);
    QVERIFY(!job->validation().errorFor(QStringLiteral("repository")).isEmpty());
    QVERIFY(server.seen().isEmpty());
}

void TstPublishersJobs::createAndDeletePaths()
{
    CannedServer server;
    const PublisherScope scope = PublisherScope::forRepo(QStringLiteral("datasets"), QStringLiteral("acme/corpus"));
    server.answer(QStringLiteral("POST /api/datasets/acme/corpus/trusted-publishers"),
                  Canned{200, R"({"_id":"b2","provider":"github","issuer":"https://token.actions.githubusercontent.com","claims":{"repository":"acme/ci"}})", {}});
    server.answer(QStringLiteral("DELETE /api/datasets/acme/corpus/trusted-publishers/b2"), Canned{200, "{}", {}});
    QNetworkAccessManager nam;
    HubClient client(&nam, server.url());
    const PublisherDraft draft{PublisherProvider::GitHub, githubIssuer(),
                               {{QStringLiteral("repository"), QStringLiteral("acme/ci")}, {QStringLiteral("branch"), QString()}}};
    std::unique_ptr<PublisherJob> create(PublisherJob::create(&client, scope, draft));
    QVERIFY(waitFor(create.get()));
    QVERIFY2(create->isOk(), qPrintable(create->errorMessage()));
    QCOMPARE(create->created()->id, QStringLiteral("b2"));
    QVERIFY(!create->validation().warnings.isEmpty());
    QCOMPARE(server.bodies().constLast(), publisherCreateBody({PublisherProvider::GitHub, githubIssuer(),
                                                               {{QStringLiteral("repository"), QStringLiteral("acme/ci")}}}));
    std::unique_ptr<PublisherJob> remove(PublisherJob::remove(&client, scope, QStringLiteral("b2")));
    QVERIFY(waitFor(remove.get()));
    QVERIFY2(remove->isOk(), qPrintable(remove->errorMessage()));
    QCOMPARE(server.seen(), (QStringList{QStringLiteral("POST /api/datasets/acme/corpus/trusted-publishers"),
                                         QStringLiteral("DELETE /api/datasets/acme/corpus/trusted-publishers/b2")}));
}

void TstPublishersJobs::issuerKeys()
{
    CannedServer server;
    const oidctest::SigningKey key(QStringLiteral("k-1"));
    const QString issuer = server.url().toString() + QStringLiteral("/issuer");
    server.answer(QStringLiteral("GET /issuer/.well-known/openid-configuration"),
                  Canned{200, QJsonDocument(QJsonObject{{QStringLiteral("issuer"), issuer},
                                                        {QStringLiteral("jwks_uri"), QString(issuer + QStringLiteral("/keys"))}})
                                  .toJson(), {}});
    server.answer(QStringLiteral("GET /issuer/keys"), Canned{200, oidctest::jwks({key.jwk()}), {}});
    QNetworkAccessManager nam;
    IssuerKeysJob job(&nam, issuer);
    QVERIFY(waitFor(&job));
    QVERIFY2(job.isOk(), qPrintable(job.error()));
    QString error;
    QJsonObject claims = oidctest::githubClaims(QDateTime::currentDateTimeUtc());
    const auto token = decodeJwt(QString::fromLatin1(key.sign(claims)), &error);
    QCOMPARE(verifySignature(*token, job.jwks()).status, SignatureCheck::Status::Verified);
}

void TstPublishersJobs::issuerKeysFailures()
{
    CannedServer server;
    QNetworkAccessManager nam;
    IssuerKeysJob missing(&nam, server.url().toString() + QStringLiteral("/nobody"));
    QVERIFY(waitFor(&missing));
    QVERIFY(!missing.isOk());
    QVERIFY(missing.error().contains(QStringLiteral("openid-configuration")));
    IssuerKeysJob insecure(&nam, QStringLiteral("http://issuer.example.com"));
    QVERIFY(waitFor(&insecure));
    QVERIFY(insecure.error().contains(QStringLiteral("https")));
}

void TstPublishersJobs::exchangeSuccess()
{
    CannedServer server;
    server.answer(QStringLiteral("POST /oauth/token"),
                  Canned{200, R"({"access_token":"hf_jwt_secretvalue","token_type":"bearer","expires_in":3600,
                  "issued_token_type":"urn:ietf:params:oauth:token-type:access_token"})", {}});
    QNetworkAccessManager nam;
    TokenExchangeJob job(&nam, server.url(), "eyJ.eyJ.sig", QStringLiteral("datasets/acme/corpus"));
    QVERIFY(waitFor(&job));
    QVERIFY2(job.isOk(), qPrintable(job.summary()));
    QCOMPARE(job.accessTokenKind(), QStringLiteral("hf_jwt"));
    QCOMPARE(job.expiresInSeconds(), 3600);
    QCOMPARE(job.tokenType(), QStringLiteral("bearer"));
    QVERIFY(!job.summary().contains(QStringLiteral("secretvalue")));
    const QJsonObject sent = QJsonDocument::fromJson(server.bodies().constLast()).object();
    QCOMPARE(sent.value(QLatin1String("grant_type")).toString(), QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange"));
    QCOMPARE(sent.value(QLatin1String("subject_token_type")).toString(), QStringLiteral("urn:ietf:params:oauth:token-type:id_token"));
    QCOMPARE(sent.value(QLatin1String("subject_token")).toString(), QStringLiteral("eyJ.eyJ.sig"));
    QCOMPARE(sent.value(QLatin1String("resource")).toString(), QStringLiteral("datasets/acme/corpus"));
}

void TstPublishersJobs::exchangeError()
{
    CannedServer server;
    server.answer(QStringLiteral("POST /oauth/token"),
                  Canned{400, R"({"error":"invalid_grant","error_description":"No publisher matches this token"})", {}});
    QNetworkAccessManager nam;
    TokenExchangeJob job(&nam, server.url(), "eyJ.eyJ.sig", QStringLiteral("acme/model"));
    QVERIFY(waitFor(&job));
    QVERIFY(!job.isOk());
    QCOMPARE(job.errorCode(), QStringLiteral("invalid_grant"));
    QCOMPARE(job.errorDescription(), QStringLiteral("No publisher matches this token"));
    QCOMPARE(job.requestId(), QByteArray("req-42"));
    QVERIFY2(job.summary().contains(QStringLiteral("req-42")) && job.summary().contains(QStringLiteral("invalid_grant")),
             qPrintable(job.summary()));
    QCOMPARE(server.seen().size(), 1); // an exchange is never repeated
}

void TstPublishersJobs::debuggerVerifiesOnlyWhenAsked()
{
    CannedServer server;
    const oidctest::SigningKey key(QStringLiteral("k-1"));
    const QString issuer = server.url().toString() + QStringLiteral("/issuer");
    server.answer(QStringLiteral("GET /issuer/.well-known/openid-configuration"),
                  Canned{200, QJsonDocument(QJsonObject{{QStringLiteral("jwks_uri"), QString(issuer + QStringLiteral("/keys"))}}).toJson(), {}});
    server.answer(QStringLiteral("GET /issuer/keys"), Canned{200, oidctest::jwks({key.jwk()}), {}});
    QJsonObject claims = oidctest::githubClaims(QDateTime::currentDateTimeUtc());
    claims[QStringLiteral("iss")] = issuer;
    QNetworkAccessManager nam;
    TokenDebugger debugger(&nam, QUrl(QStringLiteral("https://huggingface.co")));
    QVERIFY(!debugger.setInput(QStringLiteral("nothing here")));
    QVERIFY(!debugger.inputError().isEmpty());
    QVERIFY(debugger.setInput(QStringLiteral("log: ") + QString::fromLatin1(key.sign(claims))));
    QVERIFY(server.seen().isEmpty()); // nothing sent until asked
    QVERIFY(debugger.explanation().checks.last().detail.contains(QStringLiteral("not verified")));
    QSignalSpy fetched(&debugger, &TokenDebugger::keysFetched);
    debugger.fetchKeys();
    QVERIFY(debugger.isFetchingKeys());
    QVERIFY(fetched.wait(10000));
    QCOMPARE(fetched.first().at(0).toBool(), true);
    QVERIFY(debugger.explanation().checks.last().detail.contains(QStringLiteral("valid")));
    QVERIFY(debugger.explanation().checks.last().ok);
    // Another key's token, same issuer: the fetched keys now say the signature is wrong.
    const oidctest::SigningKey stranger(QStringLiteral("k-1"));
    QVERIFY(debugger.setInput(QString::fromLatin1(stranger.sign(claims))));
    QVERIFY(!debugger.explanation().checks.last().ok);
}

QTEST_GUILESS_MAIN(TstPublishersJobs)
#include "tst_publishers_jobs.moc"
