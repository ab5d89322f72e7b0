// The review session without any widget, against the emulator over loopback: decisions, the undo
// stack (several levels, previous status and reason, never re-applied), retry of what was never
// confirmed, refusals in words, and reloads that keep rows and follow the gate form.
#include "access/accessrequestmodel.h"
#include "emulatorfixture.h"
#include "reviewtestutil.h"
#include "hub/hubclient.h"
#include "i18n/translations.h"
#include "review/reviewsession.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace hubgate;

class ReviewSessionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(installTranslations(*QCoreApplication::instance())); // English plurals
    }

    void init()
    {
        m_fixture = std::make_unique<testing::EmulatorFixture>();
        m_client = std::make_unique<HubClient>(&m_nam, m_fixture->baseUrl());
        m_client->setToken(QString::fromLatin1(testing::EmulatorFixture::writeToken()));
        m_session = std::make_unique<ReviewSession>(m_client.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(m_session->model(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_session->setReviewer(QStringLiteral("mira-patel"));
        RepoSummary repo;
        repo.id = QStringLiteral("nimbus-ai/nimbus-7b");
        repo.gating = GatingMode::Manual;
        QSignalSpy loaded(m_session.get(), &ReviewSession::loadFinished);
        m_session->open(repo);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(loaded.first().first().toBool(), true);
        QVERIFY(m_session->isLoaded());
    }

    void cleanup()
    {
        m_tester.reset();
        m_session.reset();
        m_client.reset();
        m_fixture.reset();
    }

    void gateFieldsInFormOrder()
    {
        QStringList names;
        for (const GateField &field : m_session->gateFields())
            names.append(field.name);
        QCOMPARE(names, (QStringList{QStringLiteral("Full name"), QStringLiteral("Affiliation"),
                                     QStringLiteral("Job title"), QStringLiteral("Country"),
                                     QStringLiteral("Date of birth"), QStringLiteral("Intended use"),
                                     QStringLiteral("I agree to the license terms"),
                                     QStringLiteral("I will not use Nimbus-7B to develop weapons")}));
    }

    void undoIsAStackThatRestoresStatusAndReason()
    {
        const QStringList pending = usersOf("pending", 4);
        const QString ada = pending[0], ben = pending[1], cy = pending[2];
        // 1. Reject ada with a reason; 2. accept ben and cy; 3. accept ada (rejected -> accepted).
        QVERIFY(decide(DecisionKind::Reject, {ada}, QStringLiteral("Use a work e-mail, please.")).isClean());
        QCOMPARE(serverRequest(ada)->rejectionReason, std::string("Use a work e-mail, please."));
        QVERIFY(decide(DecisionKind::Accept, {ben, cy}).isClean());
        QVERIFY(decide(DecisionKind::Accept, {ada}).isClean());
        QCOMPARE(m_session->undoDepth(), 3);
        QCOMPARE(m_session->undoText(), QStringLiteral("Undo accept of 1 request"));

        // Undo 3: ada back to rejected, with the reason she had.
        DecisionReport report = undo();
        QVERIFY(report.undo);
        QCOMPARE(report.done, 1);
        QCOMPARE(serverStatus(ada), std::string("rejected"));
        QCOMPARE(serverRequest(ada)->rejectionReason, std::string("Use a work e-mail, please."));
        QCOMPARE(m_session->knownReason(ada), QStringLiteral("Use a work e-mail, please."));
        // Undo 2: ben and cy back to pending.
        QVERIFY(m_session->undoText().contains(QStringLiteral("accept")));
        report = undo();
        QCOMPARE(report.done, 2);
        QCOMPARE(serverStatus(ben), std::string("pending"));
        QCOMPARE(serverStatus(cy), std::string("pending"));
        // Undo 1: ada back to pending.
        QVERIFY(m_session->undoText().startsWith(QStringLiteral("Undo reject of")));
        report = undo();
        QCOMPARE(serverStatus(ada), std::string("pending"));
        QCOMPARE(model()->requestAt(model()->rowOfUser(ada)).status, QStringLiteral("pending"));
        // Nothing left, and undoing never re-applied anything.
        QVERIFY(!m_session->canUndo());
        QVERIFY(!m_session->undo());
        QCOMPARE(serverStatus(ada), std::string("pending"));
    }

    void undoTitleNamesWhatIsUndone()
    {
        const QStringList pending = usersOf("pending", 3);
        QVERIFY(decide(DecisionKind::Reject, pending).isClean());
        QCOMPARE(m_session->undoText(), QStringLiteral("Undo reject of 3 requests"));
        const DecisionReport report = undo();
        QVERIFY(report.title.startsWith(QStringLiteral("Undo reject of 3")));
        QVERIFY(report.summary().startsWith(report.title));
        QVERIFY(!report.summary().contains(QStringLiteral("Cancel access")));
    }

    void undoOfAGrantWithoutRequestIsRefusedInWords()
    {
        QVERIFY(decide(DecisionKind::Grant, {QStringLiteral("leo-hartmann")}).isClean());
        QCOMPARE(serverStatus(QStringLiteral("leo-hartmann")), std::string("accepted"));
        QVERIFY(m_session->canUndo());
        const DecisionReport report = undo();
        QCOMPARE(report.done, 0);
        QCOMPARE(report.refused.size(), 1);
        QVERIFY2(report.refused.first().reason.contains(QStringLiteral("grant")), qPrintable(report.refused.first().reason));
        QCOMPARE(serverStatus(QStringLiteral("leo-hartmann")), std::string("accepted"));
    }

    void refusalsComeWithReasonsInWords()
    {
        const QStringList pending = usersOf("pending", 1);
        const DecisionReport report = decide(DecisionKind::Accept, {pending[0], QStringLiteral("nobody-by-this-name")});
        QCOMPARE(report.done, 1);
        QCOMPARE(report.refused.size(), 1);
        QCOMPARE(report.refused.first().user, QStringLiteral("nobody-by-this-name"));
        QCOMPARE(report.refused.first().reason, QStringLiteral("There is no such user on the Hub."));
    }

    void retrySendsOnlyWhatWasNeverConfirmed()
    {
        const QStringList pending = usersOf("pending", 250);
        std::string error;
        // The second batch call fails for good; the first 100 are confirmed.
        auto rule = emu::FaultRule::parse("kind=status,status=400,path=/api/models/nimbus-ai/nimbus-7b/user-access-request/batch,skip=1,times=1", &error);
        QVERIFY2(rule, error.c_str());
        m_fixture->api().faults().add(*rule);
        DecisionReport report = decide(DecisionKind::Accept, pending);
        QCOMPARE(report.done, 100);
        QCOMPARE(report.remaining, 150);
        QVERIFY(!report.error.isEmpty());
        QCOMPARE(m_session->retryCount(), 150);
        m_fixture->api().resetCallStats();
        QSignalSpy finished(m_session.get(), &ReviewSession::decisionFinished);
        QVERIFY(m_session->retry());
        QVERIFY(finished.wait(20000));
        report = finished.first().first().value<DecisionReport>();
        QCOMPARE(report.done, 150);
        QVERIFY(report.isClean());
        QCOMPARE(m_fixture->api().callStats()["total"].get<int>(), 2);
        for (const QString &user : pending)
            QCOMPARE(serverStatus(user), std::string("accepted"));
        QCOMPARE(m_session->retryCount(), 0);
    }

    void reloadKeepsRowsAndDropsGoneOnes()
    {
        const int before = model()->rowCount();
        // On the server: one request accepted elsewhere, one new request.
        const QString moved = usersOf("pending", 1).first();
        serverRequest(moved)->status = "accepted";
        emu::AccessRequest fresh;
        fresh.userId = m_fixture->api().state().userByName("leo-hartmann")->id;
        fresh.status = "pending";
        fresh.timestampMs = QDateTime::currentMSecsSinceEpoch();
        serverRepo()->addRequest(fresh);
        QSignalSpy resets(model(), &QAbstractItemModel::modelReset);
        QSignalSpy fields(m_session.get(), &ReviewSession::gateFieldsChanged);
        QSignalSpy loaded(m_session.get(), &ReviewSession::loadFinished);
        m_session->reload();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(resets.size(), 0); // rows stayed: the view keeps selection and scroll position
        QCOMPARE(fields.size(), 0);
        QCOMPARE(model()->rowCount(), before + 1);
        QCOMPARE(model()->requestAt(model()->rowOfUser(moved)).status, QStringLiteral("accepted"));
        QVERIFY(model()->rowOfUser(QStringLiteral("leo-hartmann")) >= 0);
        for (const char *status : {"pending", "accepted", "rejected"})
            QCOMPARE(model()->countOf(QLatin1String(status)), int(serverRepo()->countStatus(status)));
    }

    void reloadRebuildsColumnsWhenTheFormChanges_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("expectedHeader");
        // Same number of fields: a rename, and new select options.
        QTest::newRow("renamed") << QStringLiteral("  Job title: text\n") << QStringLiteral("  Role: text\n")
                                 << QStringLiteral("Role");
        QTest::newRow("options") << QStringLiteral("      - Education\n") << QStringLiteral("      - Teaching\n")
                                 << QStringLiteral("Job title");
    }

    void reloadRebuildsColumnsWhenTheFormChanges()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, expectedHeader);
        emu::Repo *repo = serverRepo();
        const emu::Commit *head = repo->headCommit();
        std::map<std::string, std::string> files = head->files;
        std::string &readme = files["README.md"];
        const auto at = readme.find(from.toStdString());
        QVERIFY(at != std::string::npos);
        readme.replace(at, from.size(), to.toStdString());
        m_fixture->api().state().commit(*repo, "refs/heads/main", head->oid, files, "Edit the form",
                                         QDateTime::currentMSecsSinceEpoch());
        const int columns = model()->columnCount();
        QSignalSpy fields(m_session.get(), &ReviewSession::gateFieldsChanged);
        QSignalSpy loaded(m_session.get(), &ReviewSession::loadFinished);
        m_session->reload();
        QVERIFY(loaded.wait(20000));
        QCOMPARE(fields.size(), 1);
        QCOMPARE(model()->columnCount(), columns);
        const int jobTitle = AccessRequestModel::FirstFieldColumn + 2;
        QCOMPARE(model()->headerData(jobTitle, Qt::Horizontal).toString(), expectedHeader);
        if (QTest::currentDataTag() == QByteArray("options")) {
            const GateField use = m_session->gateFields().at(5);
            QVERIFY(use.optionValues.contains(QStringLiteral("Teaching")));
            QVERIFY(!use.optionValues.contains(QStringLiteral("Education")));
        }
        QVERIFY(model()->rowCount() > 0); // the rows stayed
    }

private:
    AccessRequestModel *model() const { return m_session->model(); }

    DecisionReport decide(DecisionKind kind, const QStringList &users, const QString &reason = {})
    {
        QSignalSpy finished(m_session.get(), &ReviewSession::decisionFinished);
        Decision decision{kind, users, reason};
        if (!m_session->decide(decision) || !finished.wait(20000))
            return DecisionReport{QStringLiteral("did not run"), false, 0, {{QString(), QString()}}, 0, false, {}};
        return finished.first().first().value<DecisionReport>();
    }

    DecisionReport undo()
    {
        QSignalSpy finished(m_session.get(), &ReviewSession::decisionFinished);
        if (!m_session->undo() || !finished.wait(20000))
            return DecisionReport{QStringLiteral("did not run"), false, 0, {{QString(), QString()}}, 0, false, {}};
        return finished.first().first().value<DecisionReport>();
    }

    QStringList usersOf(const char *status, int count) const
    {
        QStringList users;
        for (int row = 0; row < model()->rowCount() && users.size() < count; ++row)
            if (model()->statusAt(row) == QLatin1String(status))
                users.append(model()->data(model()->index(row, AccessRequestModel::User)).toString());
        return users;
    }

    emu::Repo *serverRepo() { return reviewtest::nimbus7b(*m_fixture); }
    emu::AccessRequest *serverRequest(const QString &user) { return reviewtest::serverRequest(*m_fixture, user); }
    std::string serverStatus(const QString &user) { return reviewtest::serverStatus(*m_fixture, user); }

    QNetworkAccessManager m_nam;
    std::unique_ptr<testing::EmulatorFixture> m_fixture;
    std::unique_ptr<HubClient> m_client;
    std::unique_ptr<ReviewSession> m_session;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(ReviewSessionTest)
#include "tst_review_session.moc"
