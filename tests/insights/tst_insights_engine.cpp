// The insights engine: results computed on a worker thread and delivered by a signal, stale ones
// (an older snapshot, another repo) dropped, model changes debounced, nothing computed while the
// page is hidden.
#include "access/accessrequestmodel.h"
#include "insights/insightsengine.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace hubgate;

namespace {

InsightSnapshot snapshotOf(const QString &repo, int rows)
{
    InsightSnapshot snapshot;
    snapshot.repoKey = repo;
    for (int i = 0; i < rows; ++i)
        snapshot.rows.append({QStringLiteral("pending"), qint64(i) * 3600 * 1000, -1, {}});
    return snapshot;
}

QList<AccessRequest> requests(int first, int count)
{
    QList<AccessRequest> out;
    for (int i = first; i < first + count; ++i) {
        AccessRequest request;
        request.user.name = QStringLiteral("user%1").arg(i);
        request.status = QStringLiteral("pending");
        request.requestedAt = QDateTime(QDate(2026, 9, 1), QTime(0, 0), Qt::UTC).addSecs(i * 600);
        out.append(request);
    }
    return out;
}

Insights lastOf(const QSignalSpy &spy)
{
    return spy.constLast().constFirst().value<Insights>();
}

} // namespace

class TestInsightsEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void deliversWhatItComputed()
    {
        InsightsEngine engine;
        QSignalSpy computed(&engine, &InsightsEngine::computed);
        engine.compute(snapshotOf(QStringLiteral("models/a/one"), 50));
        QVERIFY(engine.isComputing());
        QVERIFY(computed.wait(5000));
        QCOMPARE(computed.size(), 1);
        QCOMPARE(lastOf(computed).repoKey, QStringLiteral("models/a/one"));
        QCOMPARE(lastOf(computed).requestCount, 50);
        QVERIFY(!engine.isComputing());
    }

    void aNewerSnapshotDropsTheOlderResult()
    {
        InsightsEngine engine;
        QSignalSpy computed(&engine, &InsightsEngine::computed);
        // A big one first, so it is still running when the second starts.
        engine.compute(snapshotOf(QStringLiteral("models/a/one"), 20000));
        engine.compute(snapshotOf(QStringLiteral("models/a/one"), 3));
        QVERIFY(computed.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(!engine.isComputing(), 10000);
        QTest::qWait(50);
        QCOMPARE(computed.size(), 1);
        QCOMPARE(lastOf(computed).requestCount, 3);
    }

    void anotherRepoDropsWhatRuns()
    {
        InsightsEngine engine;
        QSignalSpy computed(&engine, &InsightsEngine::computed);
        engine.setModel(nullptr, QStringLiteral("models/a/one"));
        engine.compute(snapshotOf(QStringLiteral("models/a/one"), 1000));
        engine.setModel(nullptr, QStringLiteral("models/a/two"));
        QTRY_VERIFY_WITH_TIMEOUT(!engine.isComputing(), 10000);
        QTest::qWait(50);
        QCOMPARE(computed.size(), 0);
    }

    void modelChangesAreDebounced()
    {
        AccessRequestModel model;
        InsightsEngine engine;
        engine.setDebounceMs(100);
        QSignalSpy computed(&engine, &InsightsEngine::computed);
        QSignalSpy computing(&engine, &InsightsEngine::computing);
        engine.setModel(&model, QStringLiteral("models/a/one"));
        for (int page = 0; page < 5; ++page) {
            model.addRequests(requests(page * 10, 10));
            QTest::qWait(10);
        }
        QVERIFY(computed.wait(5000));
        QTest::qWait(200);
        QCOMPARE(computing.size(), 1); // one computation for the burst of pages
        QCOMPARE(computed.size(), 1);
        QCOMPARE(lastOf(computed).requestCount, 50);
        // A decision changes a row: computed again.
        QVERIFY(model.updateStatus(QStringLiteral("user3"), QStringLiteral("accepted"),
                                   QDateTime(QDate(2026, 9, 2), QTime(0, 0), Qt::UTC), QString()));
        QVERIFY(computed.wait(5000));
        QCOMPARE(lastOf(computed).latency.decided, 1);
    }

    void nothingIsComputedWhileInactive()
    {
        AccessRequestModel model;
        InsightsEngine engine;
        engine.setDebounceMs(20);
        engine.setActive(false);
        QSignalSpy computing(&engine, &InsightsEngine::computing);
        QSignalSpy computed(&engine, &InsightsEngine::computed);
        engine.setModel(&model, QStringLiteral("models/a/one"));
        model.addRequests(requests(0, 7));
        QTest::qWait(150);
        QCOMPARE(computing.size(), 0);
        engine.setActive(true);
        QVERIFY(computed.wait(5000));
        QCOMPARE(lastOf(computed).requestCount, 7);
    }

    void changingThePeriodComputesAtOnce()
    {
        AccessRequestModel model;
        model.addRequests(requests(0, 300)); // 50 hours from 1 September
        InsightsEngine engine;
        engine.setDebounceMs(60000); // only the period change can compute within the test
        QSignalSpy computed(&engine, &InsightsEngine::computed);
        engine.setModel(&model, QStringLiteral("models/a/one"));
        engine.setPeriod(InsightPeriod::Day);
        QVERIFY(computed.wait(5000));
        QCOMPARE(lastOf(computed).period, InsightPeriod::Day);
        QCOMPARE(lastOf(computed).requests.periods.size(), 3);
    }
};

QTEST_GUILESS_MAIN(TestInsightsEngine)
#include "tst_insights_engine.moc"
