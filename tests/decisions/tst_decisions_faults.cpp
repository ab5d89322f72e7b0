// Bulk decisions through an unreliable Hub: 429s, 503s and a dropped connection heal with
// retries and leave exactly the asked state; a failure that does not heal stops the job, and a
// new job for remaining() finishes the work with exactly the missing calls.
#include "decisionstest.h"

#include <QTest>

using namespace dectest;
using hubgate::Decision;
using hubgate::DecisionKind;

namespace {

QByteArray rule(const char *json)
{
    return QByteArray(json).replace("BATCH", batchPath.toLatin1());
}

} // namespace

class FaultsTest : public QObject
{
    Q_OBJECT

private:
    emu::Repo &nimbus(Hub &hub)
    {
        return *hub.state().repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b");
    }

    // Exactly `accepted` accepted among `users`, the others of `users` still pending, and every
    // other request of the repo unchanged.
    void verifyState(Hub &hub, const QStringList &users, const QStringList &accepted,
                     const Snapshot &before)
    {
        const QSet<QString> yes(accepted.cbegin(), accepted.cend());
        for (const QString &user : users) {
            const QString expected =
                yes.contains(user) ? QStringLiteral("accepted") : QStringLiteral("pending");
            QCOMPARE(hub.status(nimbusId, user), expected);
        }
        const QStringList others = changedOthers(before, snapshot(nimbus(hub)), hub.state(), users);
        QVERIFY2(others.isEmpty(), qPrintable(others.mid(0, 5).join(QLatin1Char('\n'))));
    }

private Q_SLOTS:
    void faultsHeal_data()
    {
        QTest::addColumn<QByteArray>("rules");
        QTest::addColumn<int>("extraCalls");
        QTest::addColumn<int>("rateLimitWaits");
        QTest::newRow("429 twice")
            << rule(R"({"kind":"status","status":429,"path":"BATCH","times":2,"retry-after":1})")
            << 2 << 2;
        QTest::newRow("503 twice")
            << rule(R"({"kind":"status","status":503,"path":"BATCH","times":2})") << 2 << 0;
        QTest::newRow("dropped mid-bulk")
            << rule(R"({"kind":"drop","path":"BATCH","skip":5,"times":1})") << 1 << 0;
        // All three in one run, spread over the bulk: calls 3-4 (429), 6 (drop), 11-12 (503).
        QTest::newRow("all together")
            << rule(
                   R"({"rules":[{"kind":"status","status":429,"path":"BATCH","skip":2,"times":2,"retry-after":1},
                               {"kind":"drop","path":"BATCH","skip":5,"times":1},
                               {"kind":"status","status":503,"path":"BATCH","skip":10,"times":2}]})")
            << 5 << 2;
    }

    void faultsHeal()
    {
        QFETCH(QByteArray, rules);
        QFETCH(int, extraCalls);
        QFETCH(int, rateLimitWaits);
        Hub hub;
        const QStringList users = hub.usersWithStatus(nimbusId, "pending").mid(0, 2500);
        QCOMPARE(users.size(), 2500);
        const Snapshot before = snapshot(nimbus(hub));
        QVERIFY(hub.addFault(rules));
        QVERIFY(hub.resetStats());

        Run run(hub.client(), nimbus7b(), Decision{DecisionKind::Accept, users, {}});
        QVERIFY(run.exec());
        QVERIFY(run.finishedOnce());
        QVERIFY2(!run.job->lastError().isError(), qPrintable(run.job->errorMessage()));
        QCOMPARE(run.job->succeeded(), users);
        QVERIFY(run.job->remaining().isEmpty());
        QVERIFY(run.job->failed().isEmpty());
        QCOMPARE(hub.calls(batchCall), 25 + extraCalls);
        QCOMPARE(run.job->httpCalls(), 25 + extraCalls); // retries included, as the server saw them
        QCOMPARE(run.waiting.count(), rateLimitWaits);
        QCOMPARE(run.progress.last().at(0).toInt(), 2500);
        verifyState(hub, users, users, before);
    }

    void failureThatDoesNotHealStopsThenResumes()
    {
        Hub hub;
        hub.client().setRetryPolicy(fastPolicy(3));
        const QStringList users = hub.usersWithStatus(nimbusId, "pending").mid(0, 2500);
        const Snapshot before = snapshot(nimbus(hub));
        QVERIFY(hub.addFault(rule(R"({"kind":"status","status":503,"path":"BATCH","skip":3})")));
        QVERIFY(hub.resetStats());

        Run run(hub.client(), nimbus7b(), Decision{DecisionKind::Accept, users, {}});
        QVERIFY(run.exec());
        QVERIFY(run.finishedOnce());
        hubgate::DecisionJob *job = run.job.get();
        QCOMPARE(job->lastError().kind, hubgate::HubError::Kind::Server);
        QCOMPARE(job->lastError().httpStatus, 503);
        QVERIFY(!job->errorMessage().isEmpty());
        QVERIFY(!job->wasCancelled());
        // Three chunks answered, the fourth tried three times, then the job stopped.
        QCOMPARE(job->httpCalls(), 6);
        QCOMPARE(hub.calls(batchCall), 6);
        QCOMPARE(job->succeeded(), users.mid(0, 300));
        QCOMPARE(job->remaining(), users.mid(300));
        QVERIFY(job->failed().isEmpty());
        QCOMPARE(job->succeeded() + job->remaining(), users); // an exact partition, in order
        verifyState(hub, users, job->succeeded(), before);

        QVERIFY(hub.clearFaults());
        QVERIFY(hub.resetStats());
        const QStringList remaining = job->remaining();
        Run resume(hub.client(), nimbus7b(), Decision{DecisionKind::Accept, remaining, {}});
        QVERIFY(resume.exec());
        QVERIFY(!resume.job->lastError().isError());
        const int expectedCalls = int((remaining.size() + 99) / 100);
        QCOMPARE(resume.job->httpCalls(), expectedCalls);
        QCOMPARE(hub.calls(batchCall), expectedCalls);
        QCOMPARE(resume.job->succeeded(), remaining);
        verifyState(hub, users, users, before);
    }

    void forbiddenStopsAtOnce()
    {
        Hub hub(testing::EmulatorFixture::readToken());
        const QStringList users = hub.usersWithStatus(nimbusId, "pending").mid(0, 250);
        const Snapshot before = snapshot(nimbus(hub));
        QVERIFY(hub.resetStats());
        Run run(hub.client(), nimbus7b(), Decision{DecisionKind::Accept, users, {}});
        QVERIFY(run.exec());
        QVERIFY(run.finishedOnce());
        const hubgate::HubError error = run.job->lastError();
        QCOMPARE(error.kind, hubgate::HubError::Kind::Forbidden);
        QCOMPARE(error.httpStatus, 403);
        const QString message = run.job->errorMessage();
        QVERIFY2(message.contains(QLatin1String("cannot do this on nimbus-ai/nimbus-7b")),
                 qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("read token")), qPrintable(message));
        QCOMPARE(run.job->httpCalls(), 1); // a 403 is not retried, and nothing after it is sent
        QCOMPARE(hub.calls(), 1);
        QCOMPARE(run.job->remaining(), users);
        QVERIFY(run.job->succeeded().isEmpty());
        QVERIFY(snapshot(nimbus(hub)) == before);
    }
};

QTEST_GUILESS_MAIN(FaultsTest)
#include "tst_decisions_faults.moc"
