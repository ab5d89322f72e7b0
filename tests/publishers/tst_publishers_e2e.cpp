// End to end: a GitHub publisher configured through the Publishers page's Add dialog, an ID
// token minted by the emulator's test issuer, exchanged from the page's debugger, and a commit
// with the issued token. Each way it goes wrong fails with the Hub's error, and the debugger (the
// core's explanation and the page) says why.
#include "publisheruitest.h"

#include "hubstate.h"
#include "oidc/tokenexchangejob.h"
#include "publishers/cicdaccesswindow.h"
#include "publishers/tokendebuggerview.h"

#include <QPlainTextEdit>
#include <QTreeWidget>

using namespace hubgate;
using namespace pubuitest;

namespace {
emu::Json merged(emu::Json base, const emu::Json &extra)
{
    base.update(extra);
    return base;
}
} // namespace

class TestPublishersEndToEnd : public QObject
{
    Q_OBJECT
    std::unique_ptr<Session> s;
    std::unique_ptr<PublishersPage> page;

    PublishersPanel *panel() const { return page->panel(); }
    TokenDebuggerView *debuggerView() const { return panel()->debuggerView(); }

    void configureGithubPublisher()
    {
        QVERIFY(addThroughDialog(panel(), PublisherProvider::GitHub, s->issuer(),
                                 {{claim::repository(), QStringLiteral("nimbus-ai/nimbus-training")},
                                  {claim::branch(), QStringLiteral("main")},
                                  {claim::workflow(), QStringLiteral("publish.yml")}}));
        QVERIFY(waitLoaded(panel())); // the list as the Hub has it now
        int ours = -1;
        for (int row = 0; row < panel()->model()->rowCount(); ++row)
            if (panel()->model()->publisherAt(row).issuer == s->issuer())
                ours = row;
        QVERIFY(ours >= 0);
        QCOMPARE(panel()->model()->publisherAt(ours).provider, PublisherProvider::GitHub);
    }

    // Pastes the token into the page's debugger, as a CI log line.
    void paste(const QString &token)
    {
        debuggerView()->input()->setPlainText(QStringLiteral("2026-11-30T10:00:00Z ##[debug] id token: ") + token);
        QVERIFY(debuggerView()->debugger()->hasToken());
    }

    void fetchKeys()
    {
        QSignalSpy fetched(debuggerView()->debugger(), &TokenDebugger::keysFetched);
        QTest::mouseClick(debuggerView()->fetchKeysButton(), Qt::LeftButton);
        QVERIFY(fetched.wait(20000));
        QVERIFY(fetched.first().first().toBool());
    }

    // Presses "Try the exchange"; the job stays alive until the next exchange.
    TokenExchangeJob *exchange()
    {
        QSignalSpy done(debuggerView()->debugger(), &TokenDebugger::exchangeFinished);
        QTest::mouseClick(debuggerView()->exchangeButton(), Qt::LeftButton);
        if (!done.wait(20000))
            return nullptr;
        return done.first().first().value<TokenExchangeJob *>();
    }

    const TokenCheck *check(const TokenExplanation &explanation, const QString &name)
    {
        for (const TokenCheck &c : explanation.checks)
            if (c.name == name)
                return &c;
        return nullptr;
    }

    // The publisher with the test issuer, as the debugger compared it.
    const PublisherMatch *ourMatch(const TokenExplanation &explanation) const
    {
        for (const PublisherMatch &m : explanation.publishers)
            if (m.publisher.issuer == s->issuer())
                return &m;
        return nullptr;
    }

    void expectRefused(const QString &descriptionPart)
    {
        TokenExchangeJob *job = exchange();
        QVERIFY(job);
        QVERIFY(!job->isOk());
        QCOMPARE(job->httpStatus(), 400);
        QCOMPARE(job->errorCode(), QStringLiteral("invalid_grant"));
        QVERIFY2(job->errorDescription().contains(descriptionPart), qPrintable(job->errorDescription()));
        QVERIFY(!job->requestId().isEmpty());
        // The page shows the Hub's words and its request ID.
        QVERIFY(debuggerView()->exchangeResult().contains(job->errorDescription()));
        QVERIFY(debuggerView()->exchangeResult().contains(QString::fromLatin1(job->requestId())));
    }

    int nimbusCommits()
    {
        return int(s->hub.api().state().repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b")->commits.size());
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<TokenExchangeJob *>(); }

    void init()
    {
        s = std::make_unique<Session>();
        page = std::make_unique<PublishersPage>(&s->client);
        page->resize(900, 700);
        page->show();
        page->showRepo(repoContext(QStringLiteral("nimbus-ai/nimbus-7b")));
        QSignalSpy loaded(page.get(), &RepoPage::loaded);
        page->activate();
        QVERIFY(loaded.wait(20000));
        configureGithubPublisher();
    }

    void cleanup()
    {
        emu::setClockOffsetMs(0);
        page.reset();
        s.reset();
    }

    void configureExchangeAndCommit()
    {
        paste(s->mint(githubClaims()));
        fetchKeys();
        const TokenExplanation explanation = debuggerView()->debugger()->explanation();
        QVERIFY2(explanation.accepted(), qPrintable(explanation.sentences().join(QLatin1Char('\n'))));
        QCOMPARE(check(explanation, QStringLiteral("signature"))->ok, true);
        QVERIFY(debuggerView()->verdictText().contains(QStringLiteral("would accept")));

        TokenExchangeJob *job = exchange();
        QVERIFY(job);
        QVERIFY2(job->isOk(), qPrintable(job->summary()));
        QCOMPARE(job->accessTokenKind(), QStringLiteral("hf_jwt"));
        QCOMPARE(job->expiresInSeconds(), 3600);

        const int before = nimbusCommits();
        const testing::Reply committed = s->commit(QStringLiteral("models/nimbus-ai/nimbus-7b"), job->accessToken());
        QCOMPARE(committed.status, 200);
        const emu::Repo *repo = s->hub.api().state().repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b");
        QCOMPARE(nimbusCommits(), before + 1);
        QCOMPARE(repo->headCommit()->author, std::string("[OIDC]"));
        QCOMPARE(repo->headCommit()->files.at("checkpoint.txt"), std::string("step 1000"));

        // The list shows the publisher as used now.
        QVERIFY(waitLoaded(panel()));
        bool used = false;
        for (const TrustedPublisher &p : panel()->model()->publishers())
            used = used || (p.issuer == s->issuer() && p.lastUsedAt.has_value());
        QVERIFY(used);
    }

    void wrongBranch()
    {
        paste(s->mint(githubClaims("dev")));
        const TokenExplanation explanation = debuggerView()->debugger()->explanation();
        QVERIFY(explanation.checksPass());
        const PublisherMatch *match = ourMatch(explanation);
        QVERIFY(match && !match->matches);
        bool explained = false;
        for (const ClaimComparison &c : match->claims)
            if (c.name == claim::branch()) {
                QCOMPARE(c.ok, false);
                QCOMPARE(c.actual, QStringLiteral("dev"));
                QCOMPARE(c.derivedFrom, QStringLiteral("ref"));
                explained = !c.explanation.isEmpty();
            }
        QVERIFY(explained);
        // The page's table names the derived claim and its verdict.
        const QList<QTreeWidgetItem *> rows =
            debuggerView()->comparisonTree()->findItems(claim::branch(), Qt::MatchExactly | Qt::MatchRecursive);
        QVERIFY(!rows.isEmpty());
        QCOMPARE(rows.last()->text(TokenDebuggerView::DerivedColumn), QStringLiteral("ref"));
        QVERIFY(rows.last()->text(TokenDebuggerView::VerdictColumn) != tr("ok"));
        expectRefused(QStringLiteral("branch"));
    }

    void wrongAudience()
    {
        paste(s->mint(merged(githubClaims(), emu::Json{{"aud", "https://example.com"}})));
        const TokenExplanation explanation = debuggerView()->debugger()->explanation();
        QVERIFY(!check(explanation, QStringLiteral("aud"))->ok);
        QVERIFY(ourMatch(explanation)->matches); // the claims are right; only the audience is not
        QVERIFY(debuggerView()->verdictText().contains(QStringLiteral("example.com")));
        expectRefused(QStringLiteral("aud"));
    }

    void expired()
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        paste(s->mint(merged(githubClaims(), emu::Json{{"iat", now - 3600}, {"nbf", now - 3600}, {"exp", now - 600}})));
        const TokenExplanation explanation = debuggerView()->debugger()->explanation();
        const TokenCheck *exp = check(explanation, QStringLiteral("exp"));
        QVERIFY(!exp->ok);
        QVERIFY2(exp->detail.contains(QStringLiteral("60")), qPrintable(exp->detail)); // the skew is named
        QVERIFY(!explanation.accepted());
        expectRefused(QStringLiteral("expired"));
    }

    void badSignature()
    {
        // The same claims with the signature's last bytes altered.
        const QString token = s->mint(githubClaims());
        const qsizetype dot = token.lastIndexOf(QLatin1Char('.'));
        QByteArray signature = QByteArray::fromBase64(token.mid(dot + 1).toLatin1(), QByteArray::Base64UrlEncoding);
        signature[signature.size() - 1] = char(signature.at(signature.size() - 1) ^ 0x5a);
        paste(token.left(dot + 1) +
              QString::fromLatin1(signature.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
        // Not verified until the keys are fetched, which is not a failure by itself.
        QVERIFY(check(debuggerView()->debugger()->explanation(), QStringLiteral("signature"))->ok);
        fetchKeys();
        const TokenExplanation explanation = debuggerView()->debugger()->explanation();
        QVERIFY(!check(explanation, QStringLiteral("signature"))->ok);
        QVERIFY(!explanation.accepted());
        expectRefused(QStringLiteral("signature"));
    }

    void unknownKeyId()
    {
        paste(s->mint(githubClaims(), emu::Json{{"sign_with", "unknown"}}));
        fetchKeys();
        const TokenCheck *signature = check(debuggerView()->debugger()->explanation(), QStringLiteral("signature"));
        QVERIFY(!signature->ok);
        QVERIFY2(signature->detail.contains(QStringLiteral("test-key-unpublished")), qPrintable(signature->detail));
        expectRefused(QStringLiteral("kid"));
    }

    void repoTokenOnAnotherRepo()
    {
        paste(s->mint(githubClaims()));
        TokenExchangeJob *job = exchange();
        QVERIFY(job && job->isOk());
        const QByteArray token = job->accessToken();
        QCOMPARE(s->commit(QStringLiteral("models/mira-patel/tiny-poet"), token).status, 403);
        // On the other repo's page, the debugger says why: no publisher there trusts this job.
        page->showRepo(repoContext(QStringLiteral("mira-patel/tiny-poet")));
        page->activate();
        QVERIFY(waitLoaded(panel()));
        paste(s->mint(githubClaims()));
        QVERIFY(ourMatch(debuggerView()->debugger()->explanation()) == nullptr);
        QVERIFY(!debuggerView()->debugger()->explanation().accepted());
        expectRefused(QStringLiteral("mira-patel/tiny-poet"));
    }

    void userTokenCannotWrite()
    {
        CiCdAccessWindow window(&s->client);
        window.showUser(QStringLiteral("mira-patel"));
        QVERIFY(waitLoaded(window.panel()));
        const QString sub = QStringLiteral("repo:mira-patel/eval-jobs:ref:refs/heads/main");
        QVERIFY(addThroughDialog(window.panel(), PublisherProvider::Custom, s->issuer(), {{QStringLiteral("sub"), sub}}));
        TokenDebuggerView *view = window.panel()->debuggerView();
        view->input()->setPlainText(s->mint(emu::Json{{"sub", sub.toStdString()}}));
        QSignalSpy done(view->debugger(), &TokenDebugger::exchangeFinished);
        QTest::mouseClick(view->exchangeButton(), Qt::LeftButton);
        QVERIFY(done.wait(20000));
        auto *job = done.first().first().value<TokenExchangeJob *>();
        QVERIFY2(job->isOk(), qPrintable(job->summary()));
        QCOMPARE(job->accessTokenKind(), QStringLiteral("hf_oauth"));
        // The page says what the token is for: reading, not writing.
        QVERIFY2(view->exchangeResult().contains(QStringLiteral("read-only")), qPrintable(view->exchangeResult()));
        const int before = nimbusCommits();
        QCOMPARE(s->commit(QStringLiteral("models/nimbus-ai/nimbus-7b"), job->accessToken()).status, 403);
        QCOMPARE(nimbusCommits(), before);
    }
};

QTEST_MAIN(TestPublishersEndToEnd)
#include "tst_publishers_e2e.moc"
