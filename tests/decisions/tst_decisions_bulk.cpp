// Bulk decisions: 2,500 accepts in 25 batch calls, cancel and resume, proactive rate-limit
// pacing, and a 10,000-request measurement with injected latency.
#include "decisionstest.h"

#include <QTest>
#include <QTimer>

using namespace dectest;
using hubgate::Decision;
using hubgate::DecisionKind;

class BulkTest : public QObject
{
    Q_OBJECT

private:
    // Every user accepted by Mira on the server, and every other request as it was.
    void verifyAccepted(Hub &hub, const QStringList &users, const Snapshot &before)
    {
        const std::string mira = hub.state().userByName("mira-patel")->id;
        for (const QString &user : users) {
            const emu::AccessRequest *request = hub.request(nimbusId, user);
            QVERIFY2(request, qPrintable(user));
            QCOMPARE(request->status, std::string("accepted"));
            QCOMPARE(request->grantedById, mira);
            QVERIFY(request->reviewedAtMs > 0);
        }
        const QStringList others = changedOthers(
            before, snapshot(*hub.state().repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b")),
            hub.state(), users);
        QVERIFY2(others.isEmpty(), qPrintable(others.mid(0, 5).join(QLatin1Char('\n'))));
    }

    emu::Repo &nimbus(Hub &hub)
    {
        return *hub.state().repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b");
    }

private Q_SLOTS:
    void accept2500InBatchesOf100()
    {
        Hub hub;
        const QStringList users = hub.usersWithStatus(nimbusId, "pending").mid(0, 2500);
        QCOMPARE(users.size(), 2500);
        const Snapshot before = snapshot(nimbus(hub));
        QVERIFY(hub.resetStats());

        Run run(hub.client(), nimbus7b(), Decision{DecisionKind::Accept, users, {}});
        QVERIFY(run.exec());
        QVERIFY(run.finishedOnce());

        QCOMPARE(hub.calls(batchCall), 25);
        QCOMPARE(hub.calls(), 25); // nothing else was called
        QCOMPARE(run.job->httpCalls(), 25);
        QCOMPARE(run.job->succeeded(), users);
        QVERIFY(run.job->failed().isEmpty());
        QVERIFY(run.job->remaining().isEmpty());
        QVERIFY(!run.job->lastError().isError());
        QVERIFY(!run.job->wasCancelled());
        const auto outcomes = run.job->outcomes();
        QCOMPARE(outcomes.size(), 2500);
        for (const auto &outcome : outcomes)
            QVERIFY2(outcome.ok && outcome.error.isEmpty(), qPrintable(outcome.user));
        QCOMPARE(run.decided.count(), 2500);
        QCOMPARE(run.progress.count(), 25);
        QCOMPARE(run.progress.first().at(0).toInt(), 100);
        QCOMPARE(run.progress.last().at(0).toInt(), 2500);
        QCOMPARE(run.progress.last().at(1).toInt(), 2500);
        QCOMPARE(run.waiting.count(), 0);
        verifyAccepted(hub, users, before);
    }

    void duplicatesAreSentOnce()
    {
        Hub hub;
        const QStringList users = hub.usersWithStatus(nimbusId, "pending").mid(0, 150);
        QVERIFY(hub.resetStats());
        Run run(hub.client(), nimbus7b(),
                Decision{DecisionKind::Accept, users + users.mid(0, 60), {}});
        QVERIFY(run.exec());
        QCOMPARE(hub.calls(batchCall), 2);
        QCOMPARE(run.job->succeeded(), users);
        QCOMPARE(run.progress.last().at(1).toInt(), 150);
    }

    void emptyDecisionFinishesWithoutCalls()
    {
        Hub hub;
        QVERIFY(hub.resetStats());
        Run run(hub.client(), nimbus7b(), Decision{DecisionKind::Accept, {}, {}});
        QVERIFY(run.exec());
        QVERIFY(run.finishedOnce());
        QCOMPARE(run.job->httpCalls(), 0);
        QCOMPARE(hub.calls(), 0);
        QVERIFY(!run.job->lastError().isError());
    }

    void cancelMidwayThenResume()
    {
        Hub hub;
        const QStringList users = hub.usersWithStatus(nimbusId, "pending").mid(0, 2500);
        const Snapshot before = snapshot(nimbus(hub));
        // Slow answers, so that the cancel below lands while chunk 11 is in flight.
        QVERIFY(hub.addFault(
            R"({"kind":"latency","ms":150,"path":"/api/models/nimbus-ai/nimbus-7b/user-access-request/batch"})"));

        Run run(hub.client(), nimbus7b(), Decision{DecisionKind::Accept, users, {}});
        hubgate::DecisionJob *job = run.job.get();
        connect(job, &hubgate::DecisionJob::progress, job, [job](int done) {
            if (done == 1000)
                QTimer::singleShot(40, job, &hubgate::DecisionJob::cancel);
        });
        QVERIFY(run.exec());
        QVERIFY(run.finishedOnce());
        QVERIFY(job->wasCancelled());
        QVERIFY(!job->lastError().isError());
        QCOMPARE(job->httpCalls(), 11); // ten answered, the eleventh aborted
        QCOMPARE(job->succeeded(), users.mid(0, 1000));
        QVERIFY(job->failed().isEmpty());
        QCOMPARE(job->remaining(), users.mid(1000));
        QCOMPARE(run.progress.last().at(0).toInt(), 1000);
        // Confirmed users are accepted; those after the aborted chunk were never sent.
        for (const QString &user : users.mid(0, 1000))
            QCOMPARE(hub.status(nimbusId, user), QStringLiteral("accepted"));
        for (const QString &user : users.mid(1100))
            QCOMPARE(hub.status(nimbusId, user), QStringLiteral("pending"));

        QVERIFY(hub.clearFaults());
        QVERIFY(hub.resetStats());
        Run resume(hub.client(), nimbus7b(), Decision{DecisionKind::Accept, job->remaining(), {}});
        QVERIFY(resume.exec());
        QCOMPARE(resume.job->httpCalls(), 15);
        QCOMPARE(hub.calls(batchCall), 15);
        QCOMPARE(resume.job->succeeded(), users.mid(1000));
        QVERIFY(resume.job->remaining().isEmpty());
        verifyAccepted(hub, users, before);
    }

    void cancelWhileWaitingForTheRateLimit()
    {
        Hub hub;
        const QStringList users = hub.usersWithStatus(nimbusId, "pending").mid(0, 300);
        QVERIFY(hub.control("PUT", QStringLiteral("/_emulator/rate-limit"),
                            R"({"limit":1,"window":60})"));
        Run run(hub.client(), nimbus7b(), Decision{DecisionKind::Accept, users, {}});
        hubgate::DecisionJob *job = run.job.get();
        connect(job, &hubgate::DecisionJob::waiting, job, &hubgate::DecisionJob::cancel);
        QVERIFY(run.exec(5000));
        QVERIFY(run.finishedOnce());
        QVERIFY(job->wasCancelled());
        QCOMPARE(run.waiting.count(), 1);
        QVERIFY(run.waiting.first().at(0).toInt() > 50); // the window's reset, not a retry
        QCOMPARE(job->httpCalls(), 1);
        QCOMPARE(job->succeeded(), users.mid(0, 100));
        QCOMPARE(job->remaining(), users.mid(100));
    }

    void rateLimitIsPacedProactively()
    {
        Hub hub;
        const QStringList users = hub.usersWithStatus(nimbusId, "pending").mid(0, 1000);
        const Snapshot before = snapshot(nimbus(hub));
        QVERIFY(hub.control("PUT", QStringLiteral("/_emulator/rate-limit"),
                            R"({"limit":5,"window":2})"));
        QVERIFY(hub.resetStats());

        Run run(hub.client(), nimbus7b(), Decision{DecisionKind::Accept, users, {}});
        QVERIFY(run.exec());
        QVERIFY(!run.job->lastError().isError());
        QCOMPARE(run.job->succeeded(), users);
        // Five calls, a pause until the window resets, five calls: never a 429 (refused calls
        // would be counted by the emulator too).
        QCOMPARE(run.waiting.count(), 1);
        const int seconds = run.waiting.first().at(0).toInt();
        QVERIFY2(seconds >= 1 && seconds <= 2, qPrintable(QString::number(seconds)));
        QVERIFY(!run.waiting.first().at(1).toString().isEmpty());
        QCOMPARE(hub.calls(batchCall), 10);
        QCOMPARE(run.job->httpCalls(), 10);
        QVERIFY(run.clock.elapsed() >= 900);
        verifyAccepted(hub, users, before);
    }

    // Not a pass/fail benchmark: prints the calls and wall time of a 10,000-request bulk accept
    // with 5 ms injected latency per call; checks the call count and the final state.
    void measure10000WithLatency()
    {
        Hub hub;
        QVERIFY(hub.generatePending(QStringLiteral("nimbus-ai/nimbus-7b"), 10000));
        const QStringList users = hub.usersWithStatus(nimbusId, "pending").mid(0, 10000);
        QCOMPARE(users.size(), 10000);
        const Snapshot before = snapshot(nimbus(hub));
        QVERIFY(hub.addFault(R"({"kind":"latency","ms":5})"));
        QVERIFY(hub.resetStats());

        Run run(hub.client(), nimbus7b(), Decision{DecisionKind::Accept, users, {}});
        QVERIFY(run.exec(120000));
        const qint64 wallMs = run.clock.elapsed();
        QCOMPARE(run.job->httpCalls(), 100);
        QCOMPARE(hub.calls(), 100);
        QCOMPARE(run.job->succeeded().size(), 10000);
        qInfo("10,000-request bulk accept, 5 ms latency: %d HTTP calls, %lld ms wall time",
              run.job->httpCalls(), wallMs);
        verifyAccepted(hub, users, before);
    }
};

QTEST_GUILESS_MAIN(BulkTest)
#include "tst_decisions_bulk.moc"
