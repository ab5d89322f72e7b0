// Each kind of decision on the server: reject with a reason (200 characters stored, 201 refused
// before any call), unknown users and users without a request, cancel, grant, and undo.
#include "decisionstest.h"

#include "decisions/decision.h"

#include <QTest>

using namespace dectest;
using hubgate::Decision;
using hubgate::DecisionKind;

namespace {

// `count` code points, with accented letters and emoji (two UTF-16 units each) mixed in.
QString reasonOf(int count)
{
    QString reason;
    for (int i = 0; i < count; ++i) {
        if (i % 40 == 0)
            reason += QString::fromUtf8("\xF0\x9F\x98\x80"); // U+1F600
        else if (i % 7 == 0)
            reason += QChar(0x00E9);
        else
            reason += QLatin1Char(char('a' + i % 26));
    }
    return reason;
}

} // namespace

class KindsTest : public QObject
{
    Q_OBJECT

private:
    emu::Repo &nimbus(Hub &hub)
    {
        return *hub.state().repo(emu::RepoType::Model, "nimbus-ai", "nimbus-7b");
    }
    std::string miraId(Hub &hub) { return hub.state().userByName("mira-patel")->id; }

private Q_SLOTS:
    void statusesAndVerbs()
    {
        QCOMPARE(hubgate::targetStatus(DecisionKind::Accept), QStringLiteral("accepted"));
        QCOMPARE(hubgate::targetStatus(DecisionKind::Reject), QStringLiteral("rejected"));
        QCOMPARE(hubgate::targetStatus(DecisionKind::Cancel), QStringLiteral("pending"));
        QCOMPARE(hubgate::targetStatus(DecisionKind::Grant), QStringLiteral("accepted"));
        for (DecisionKind kind : {DecisionKind::Accept, DecisionKind::Reject, DecisionKind::Cancel,
                                  DecisionKind::Grant})
            QVERIFY(!hubgate::decisionVerb(kind).isEmpty());
        QCOMPARE(hubgate::decisionVerb(DecisionKind::Accept), QStringLiteral("Accept"));
    }

    void reasonLengthCountsCodePoints()
    {
        QCOMPARE(hubgate::reasonLength(QString()), 0);
        QCOMPARE(hubgate::reasonLength(QStringLiteral("abc")), 3);
        QCOMPARE(hubgate::reasonLength(QString::fromUtf8("caf\xC3\xA9")), 4);
        QCOMPARE(hubgate::reasonLength(QString::fromUtf8("\xF0\x9F\x98\x80!")),
                 2); // surrogate pair + 1
        const QString reason = reasonOf(200);
        QCOMPARE(hubgate::reasonLength(reason), 200);
        QVERIFY(reason.size() > 200);
    }

    void undoMapping_data()
    {
        QTest::addColumn<int>("done");
        QTest::addColumn<QString>("previous");
        QTest::addColumn<int>("undo"); // -1: not undoable
        QTest::newRow("accept from pending")
            << int(DecisionKind::Accept) << "pending" << int(DecisionKind::Cancel);
        QTest::newRow("reject from pending")
            << int(DecisionKind::Reject) << "pending" << int(DecisionKind::Cancel);
        QTest::newRow("reject from accepted")
            << int(DecisionKind::Reject) << "accepted" << int(DecisionKind::Accept);
        QTest::newRow("cancel from accepted")
            << int(DecisionKind::Cancel) << "accepted" << int(DecisionKind::Accept);
        QTest::newRow("accept from rejected")
            << int(DecisionKind::Accept) << "rejected" << int(DecisionKind::Reject);
        QTest::newRow("grant") << int(DecisionKind::Grant) << "pending" << -1;
        QTest::newRow("accept from accepted") << int(DecisionKind::Accept) << "accepted" << -1;
        QTest::newRow("unknown status") << int(DecisionKind::Accept) << "reset" << -1;
    }

    void undoMapping()
    {
        QFETCH(int, done);
        QFETCH(QString, previous);
        QFETCH(int, undo);
        const QStringList users{QStringLiteral("a"), QStringLiteral("b")};
        const Decision result =
            hubgate::undoOf(Decision{DecisionKind(done), users, QStringLiteral("why")}, previous);
        if (undo < 0) {
            QCOMPARE(result.kind, DecisionKind::Grant);
            QVERIFY(result.users.isEmpty());
        } else {
            QCOMPARE(int(result.kind), undo);
            QCOMPARE(result.users, users);
            QVERIFY(result.reason.isEmpty());
        }
    }

    void rejectWith200CharacterReason()
    {
        Hub hub;
        const QStringList users = hub.usersWithStatus(nimbusId, "pending").mid(0, 3);
        const QString reason = reasonOf(200);
        QVERIFY(hub.resetStats());
        Run run(hub.client(), nimbus7b(), Decision{DecisionKind::Reject, users, reason});
        QVERIFY(run.exec());
        QVERIFY2(!run.job->lastError().isError(), qPrintable(run.job->errorMessage()));
        QCOMPARE(run.job->succeeded(), users);
        QCOMPARE(hub.calls(batchCall), 1);
        for (const QString &user : users) {
            const emu::AccessRequest *request = hub.request(nimbusId, user);
            QCOMPARE(request->status, std::string("rejected"));
            QCOMPARE(request->rejectionReason, reason.toStdString());
            QVERIFY(request->reviewedAtMs > 0);
        }
    }

    void reject201CharactersRefusedBeforeAnyCall()
    {
        Hub hub;
        const QStringList users = hub.usersWithStatus(nimbusId, "pending").mid(0, 120);
        const Snapshot before = snapshot(nimbus(hub));
        QVERIFY(hub.resetStats());
        Run run(hub.client(), nimbus7b(), Decision{DecisionKind::Reject, users, reasonOf(201)});
        QVERIFY(run.exec());
        QVERIFY(run.finishedOnce());
        QCOMPARE(run.job->httpCalls(), 0);
        QCOMPARE(hub.calls(), 0);
        QCOMPARE(run.job->failed(), users);
        QVERIFY(run.job->remaining().isEmpty());
        QVERIFY(run.job->succeeded().isEmpty());
        QCOMPARE(run.job->lastError().kind, hubgate::HubError::Kind::BadRequest);
        const QString message = run.job->errorMessage();
        QVERIFY2(message.contains(QLatin1String("201")) && message.contains(QLatin1String("200")),
                 qPrintable(message));
        QVERIFY(run.job->lastError().message().contains(message)); // for UIs that show only it
        for (const auto &outcome : run.job->outcomes())
            QCOMPARE(outcome.error, message);
        QCOMPARE(run.decided.count(), 120);
        QVERIFY(snapshot(nimbus(hub)) == before);
    }

    void unknownUsersAndUsersWithoutRequest()
    {
        Hub hub;
        const QStringList pending = hub.usersWithStatus(nimbusId, "pending").mid(0, 2);
        const QString nobody = QStringLiteral("no-such-user-4242");
        const QString yuki = QStringLiteral("yuki-tanaka"); // exists, never asked
        const QStringList users{pending.at(0), nobody, yuki, pending.at(1)};
        const Snapshot before = snapshot(nimbus(hub));
        Run run(hub.client(), nimbus7b(), Decision{DecisionKind::Accept, users, {}});
        QVERIFY(run.exec());
        QVERIFY(!run.job->lastError().isError());
        QCOMPARE(run.job->httpCalls(), 1);
        QCOMPARE(run.job->succeeded(), pending);
        QCOMPARE(run.job->failed(), (QStringList{nobody, yuki}));
        QVERIFY(run.job->remaining().isEmpty());
        const auto outcomes = run.job->outcomes();
        QCOMPARE(outcomes.size(), 4);
        QCOMPARE(outcomes.at(1).user, nobody);
        QCOMPARE(outcomes.at(1).error, QStringLiteral("user_not_found"));
        QCOMPARE(outcomes.at(2).user, yuki);
        QCOMPARE(outcomes.at(2).error, QStringLiteral("request_not_found"));
        for (const QString &user : pending)
            QCOMPARE(hub.status(nimbusId, user), QStringLiteral("accepted"));
        QVERIFY(!hub.request(nimbusId, yuki));
        QVERIFY(changedOthers(before, snapshot(nimbus(hub)), hub.state(), pending).isEmpty());
    }

    // Deciding what is already decided: the batch reports these users as done, so the job
    // counts them as succeeded and nothing else moves.
    void repeatedDecisionsCountAsDone_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("status");
        QTest::newRow("accept accepted") << int(DecisionKind::Accept) << QStringLiteral("accepted");
        QTest::newRow("reject rejected") << int(DecisionKind::Reject) << QStringLiteral("rejected");
        QTest::newRow("cancel pending") << int(DecisionKind::Cancel) << QStringLiteral("pending");
    }
    void repeatedDecisionsCountAsDone()
    {
        QFETCH(int, kind);
        QFETCH(QString, status);
        Hub hub;
        const QStringList users = hub.usersWithStatus(nimbusId, status.toStdString()).mid(0, 3);
        QCOMPARE(users.size(), 3);
        const Snapshot before = snapshot(nimbus(hub));
        Run run(hub.client(), nimbus7b(), Decision{DecisionKind(kind), users, {}});
        QVERIFY(run.exec());
        QVERIFY2(!run.job->lastError().isError(), qPrintable(run.job->errorMessage()));
        QCOMPARE(run.job->succeeded(), users);
        QVERIFY(run.job->failed().isEmpty());
        QVERIFY(run.job->remaining().isEmpty());
        for (const QString &user : users)
            QCOMPARE(hub.status(nimbusId, user), status);
        QVERIFY(changedOthers(before, snapshot(nimbus(hub)), hub.state(), users).isEmpty());
    }

    void cancelMovesAcceptedBackToPending()
    {
        Hub hub;
        const QStringList users = hub.usersWithStatus(nimbusId, "accepted").mid(0, 130);
        const Snapshot before = snapshot(nimbus(hub));
        Run run(hub.client(), nimbus7b(), Decision{DecisionKind::Cancel, users, {}});
        QVERIFY(run.exec());
        QCOMPARE(run.job->succeeded(), users);
        QCOMPARE(run.job->httpCalls(), 2);
        for (const QString &user : users) {
            const emu::AccessRequest *request = hub.request(nimbusId, user);
            QCOMPARE(request->status, std::string("pending"));
            QVERIFY(request->grantedById.empty());
        }
        QVERIFY(changedOthers(before, snapshot(nimbus(hub)), hub.state(), users).isEmpty());
    }

    void grant()
    {
        Hub hub;
        const QString yuki = QStringLiteral("yuki-tanaka"); // no request on nimbus-7b
        const QString accepted = hub.usersWithStatus(nimbusId, "accepted").first();
        const QString nobody = QStringLiteral("no-such-user-4242");
        const Snapshot before = snapshot(nimbus(hub));
        QVERIFY(hub.resetStats());
        Run run(hub.client(), nimbus7b(),
                Decision{DecisionKind::Grant, {yuki, accepted, nobody}, {}});
        QVERIFY(run.exec());
        QVERIFY(run.finishedOnce());
        QVERIFY2(!run.job->lastError().isError(), qPrintable(run.job->errorMessage()));
        QCOMPARE(run.job->httpCalls(), 3);
        QCOMPARE(hub.calls("POST /api/models/nimbus-ai/nimbus-7b/user-access-request/grant"), 3);
        QCOMPARE(run.job->succeeded(), QStringList{yuki});
        QCOMPARE(run.job->failed(), (QStringList{accepted, nobody}));
        const auto outcomes = run.job->outcomes();
        QVERIFY2(outcomes.at(1).error.contains(QLatin1String("already has access")),
                 qPrintable(outcomes.at(1).error));
        QCOMPARE(outcomes.at(2).error, QStringLiteral("user_not_found"));
        QCOMPARE(run.progress.count(), 3);
        const emu::AccessRequest *granted = hub.request(nimbusId, yuki);
        QVERIFY(granted);
        QCOMPARE(granted->status, std::string("accepted"));
        QCOMPARE(granted->grantedById, miraId(hub));
        QVERIFY(changedOthers(before, snapshot(nimbus(hub)), hub.state(), {yuki}).isEmpty());
    }

    // The grant is applied but its reply is cut short; the retry then hears "already has
    // access", which after a lost reply means the grant went through.
    void grantWhoseReplyWasLost()
    {
        Hub hub;
        const QString yuki = QStringLiteral("yuki-tanaka");
        QVERIFY(hub.addFault(
            R"({"kind":"drop","path":"/api/models/nimbus-ai/nimbus-7b/user-access-request/grant","times":1})"));
        Run run(hub.client(), nimbus7b(), Decision{DecisionKind::Grant, {yuki}, {}});
        QVERIFY(run.exec());
        QVERIFY2(!run.job->lastError().isError(), qPrintable(run.job->errorMessage()));
        QCOMPARE(run.job->httpCalls(), 2);
        QCOMPARE(run.job->succeeded(), QStringList{yuki});
        QCOMPARE(hub.status(nimbusId, yuki), QStringLiteral("accepted"));
    }

    void grantWithReadTokenIsForbidden()
    {
        Hub hub(testing::EmulatorFixture::readToken());
        const Snapshot before = snapshot(nimbus(hub));
        Run run(hub.client(), nimbus7b(),
                Decision{DecisionKind::Grant,
                         {QStringLiteral("yuki-tanaka"), QStringLiteral("grace-kim")},
                         {}});
        QVERIFY(run.exec());
        QCOMPARE(run.job->lastError().kind, hubgate::HubError::Kind::Forbidden);
        QVERIFY(run.job->errorMessage().contains(QLatin1String("read token")));
        QCOMPARE(run.job->httpCalls(), 1);
        QCOMPARE(run.job->remaining().size(), 2);
        QVERIFY(snapshot(nimbus(hub)) == before);
    }

    void undoRoundTrips_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("from");
        QTest::newRow("accept, undo") << int(DecisionKind::Accept) << "pending";
        QTest::newRow("reject pending, undo") << int(DecisionKind::Reject) << "pending";
        QTest::newRow("reject accepted, undo") << int(DecisionKind::Reject) << "accepted";
        QTest::newRow("cancel, undo") << int(DecisionKind::Cancel) << "accepted";
    }

    void undoRoundTrips()
    {
        QFETCH(int, kind);
        QFETCH(QString, from);
        Hub hub;
        const QStringList users = hub.usersWithStatus(nimbusId, from.toStdString()).mid(0, 5);
        const Decision done{DecisionKind(kind), users, QStringLiteral("Not now")};
        Run run(hub.client(), nimbus7b(), done);
        QVERIFY(run.exec());
        QCOMPARE(run.job->succeeded(), users);
        for (const QString &user : users)
            QCOMPARE(hub.status(nimbusId, user), hubgate::targetStatus(done.kind));

        const Decision undo = hubgate::undoOf(done, from);
        QCOMPARE(undo.users, users);
        Run back(hub.client(), nimbus7b(), undo);
        QVERIFY(back.exec());
        QCOMPARE(back.job->succeeded(), users);
        for (const QString &user : users) {
            const emu::AccessRequest *request = hub.request(nimbusId, user);
            QCOMPARE(QString::fromStdString(request->status), from);
            QVERIFY(request->rejectionReason.empty());
        }
    }
};

QTEST_GUILESS_MAIN(KindsTest)
#include "tst_decisions_kinds.moc"
