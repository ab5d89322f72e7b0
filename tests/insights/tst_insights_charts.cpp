// The insights' chart data from known fixtures: counts per day and week by status, decision
// latency (median, 90th percentile), the pending backlog, and the answers to the gate form.
#include "access/accessrequestmodel.h"
#include "countries/countries.h"
#include "insights/insightcharts.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace hubgate;

namespace {

qint64 at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

InsightRow row(const char *status, const char *requested, const char *reviewed = nullptr,
               QStringList answers = {})
{
    return {QString::fromLatin1(status), at(requested), reviewed ? at(reviewed) : -1, answers};
}

// Monday 2026-09-07 … Sunday 2026-09-20: two ISO weeks.
QList<InsightRow> fixture()
{
    return {
        row("accepted", "2026-09-07T08:00:00Z", "2026-09-07T10:00:00Z"), // 2 h, decided Mon wk1
        row("rejected", "2026-09-07T09:00:00Z", "2026-09-08T09:00:00Z"), // 24 h, decided Tue wk1
        row("pending", "2026-09-08T12:00:00Z"),
        row("accepted", "2026-09-13T23:59:00Z", "2026-09-14T00:59:00Z"), // 1 h, decided Mon wk2
        row("pending", "2026-09-15T06:00:00Z"),
        row("accepted", "2026-09-16T06:00:00Z", "2026-09-20T06:00:00Z"), // 96 h, decided Sun wk2
    };
}

QDate day(int y, int m, int d)
{
    return QDate(y, m, d);
}

} // namespace

class TestInsightsCharts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void periodsAreUtcDaysAndIsoWeeks()
    {
        QCOMPARE(periodStart(at("2026-09-13T23:59:00Z"), InsightPeriod::Day), day(2026, 9, 13));
        QCOMPARE(periodStart(at("2026-09-13T23:59:00Z"), InsightPeriod::Week), day(2026, 9, 7));
        QCOMPARE(periodStart(at("2026-09-14T00:00:00Z"), InsightPeriod::Week), day(2026, 9, 14));
        // 01:00 in Paris is still the previous day in UTC.
        QCOMPARE(periodStart(at("2026-09-14T01:00:00+02:00"), InsightPeriod::Day), day(2026, 9, 13));
    }

    void quantilesInterpolate()
    {
        QCOMPARE(InsightCharts::quantile({}, 0.5), 0.0);
        QCOMPARE(InsightCharts::quantile({7}, 0.9), 7.0);
        QCOMPARE(InsightCharts::quantile({1, 2, 3, 4}, 0.5), 2.5);
        QCOMPARE(InsightCharts::quantile({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 0.9), 10.0);
        QCOMPARE(InsightCharts::quantile({0, 10}, 0.9), 9.0);
    }

    void requestsPerWeekByStatus()
    {
        const RequestsOverTime data = InsightCharts::requestsOverTime(fixture(), InsightPeriod::Week);
        QCOMPARE(data.periods, (QList<QDate>{day(2026, 9, 7), day(2026, 9, 14)}));
        QCOMPARE(data.statuses, (QStringList{QStringLiteral("pending"), QStringLiteral("accepted"),
                                             QStringLiteral("rejected")}));
        QCOMPARE(data.counts[0], (QList<int>{1, 1}));
        QCOMPARE(data.counts[1], (QList<int>{2, 1}));
        QCOMPARE(data.counts[2], (QList<int>{1, 0}));
    }

    void requestsPerDayCoverEveryDayAndUnknownStatuses()
    {
        QList<InsightRow> rows = fixture();
        rows.append(row("reset", "2026-09-10T10:00:00Z"));
        const RequestsOverTime data = InsightCharts::requestsOverTime(rows, InsightPeriod::Day);
        // From the first request to the last decision (Sunday 20th), empty days included.
        QCOMPARE(data.periods.size(), 14);
        QCOMPARE(data.periods.constFirst(), day(2026, 9, 7));
        QCOMPARE(data.periods.constLast(), day(2026, 9, 20));
        QCOMPARE(data.statuses.constLast(), QStringLiteral("reset"));
        QCOMPARE(data.counts[3][3], 1);  // the 10th
        QCOMPARE(data.counts[1][0], 1);  // accepted on the 7th
        QCOMPARE(data.counts[2][0], 1);  // rejected on the 7th
        QCOMPARE(data.counts[1][6], 1);  // accepted, asked on Sunday 13th
        QCOMPARE(data.counts[0][1], 1);  // pending from the 8th
        int total = 0;
        for (const QList<int> &counts : data.counts)
            for (int count : counts)
                total += count;
        QCOMPARE(total, int(rows.size()));
    }

    void latencyMedianAndP90PerWeek()
    {
        const LatencySummary data = InsightCharts::latency(fixture(), InsightPeriod::Week);
        QCOMPARE(data.decided, 4);
        QCOMPARE(data.points.size(), 2);
        QCOMPARE(data.points[0].period, day(2026, 9, 7));
        QCOMPARE(data.points[0].decided, 2);
        QCOMPARE(data.points[0].medianHours, 13.0);           // (2 + 24) / 2
        QCOMPARE(data.points[0].p90Hours, 2.0 + 0.9 * 22.0);  // 21.8
        QCOMPARE(data.points[1].period, day(2026, 9, 14));
        QCOMPARE(data.points[1].medianHours, 48.5);           // (1 + 96) / 2
        // Over all four: 1, 2, 24, 96.
        QCOMPARE(data.medianHours, 13.0);
        QVERIFY(qFuzzyCompare(data.p90Hours, 24.0 + 0.7 * 72.0));
    }

    void latencyLeavesPendingOutEvenWithAReviewTime()
    {
        // A request set back to pending keeps a review time: it is not a decision.
        const LatencySummary data = InsightCharts::latency(
            {row("pending", "2026-09-07T08:00:00Z", "2026-09-07T09:00:00Z")}, InsightPeriod::Day);
        QCOMPARE(data.decided, 0);
        QVERIFY(data.points.isEmpty());
    }

    void backlogPerDay()
    {
        const QList<BacklogPoint> data = InsightCharts::backlog(fixture(), InsightPeriod::Day);
        QCOMPARE(data.size(), 14);
        QList<int> pending;
        for (const BacklogPoint &point : data)
            pending.append(point.pending);
        // 7th: two asked, one decided the same day; 8th: one more asked, one decided; 13th: one
        // asked, decided on the 14th; 15th and 16th: one each; 20th: one decided.
        QCOMPARE(pending, (QList<int>{1, 1, 1, 1, 1, 1, 2, 1, 2, 3, 3, 3, 3, 2}));
    }

    void backlogPerWeek()
    {
        const QList<BacklogPoint> data = InsightCharts::backlog(fixture(), InsightPeriod::Week);
        QCOMPARE(data.size(), 2);
        QCOMPARE(data[0].pending, 2);
        QCOMPARE(data[1].pending, 2);
    }

    void selectAnswersInFormOrderWithUnknownAndMissing()
    {
        GateField field{QStringLiteral("Use"), GateField::Type::Select,
                        {QStringLiteral("research"), QStringLiteral("commercial"), QStringLiteral("edu")},
                        {QStringLiteral("Research"), QStringLiteral("Commercial"), QStringLiteral("Education")}};
        const QList<InsightRow> rows = {
            row("pending", "2026-09-07T08:00:00Z", nullptr, {QStringLiteral("commercial")}),
            row("pending", "2026-09-07T08:00:00Z", nullptr, {QStringLiteral("research")}),
            row("pending", "2026-09-07T08:00:00Z", nullptr, {QStringLiteral("commercial")}),
            row("pending", "2026-09-07T08:00:00Z", nullptr, {QStringLiteral("hobby")}),
            row("pending", "2026-09-07T08:00:00Z", nullptr, {QString()}),
            row("pending", "2026-09-07T08:00:00Z"),
        };
        const AnswerDistribution data = InsightCharts::answers(rows, field, 0);
        QCOMPARE(data.counts.size(), 4);
        QCOMPARE(data.counts[0].label, QStringLiteral("Research"));
        QCOMPARE(data.counts[0].count, 1);
        QCOMPARE(data.counts[1].label, QStringLiteral("Commercial"));
        QCOMPARE(data.counts[1].count, 2);
        QCOMPARE(data.counts[2].label, QStringLiteral("Education"));
        QCOMPARE(data.counts[2].count, 0);
        QCOMPARE(data.counts[3].label, QStringLiteral("hobby"));
        QCOMPARE(data.unanswered, 2);
    }

    void checkboxAnswers()
    {
        GateField field{QStringLiteral("I agree"), GateField::Type::Checkbox, {}, {}};
        QList<InsightRow> rows;
        for (const char *answer : {"on", "true", "YES", "1", "off", ""})
            rows.append(row("pending", "2026-09-07T08:00:00Z", nullptr, {QString::fromLatin1(answer)}));
        const AnswerDistribution data = InsightCharts::answers(rows, field, 0);
        QCOMPARE(data.counts.size(), 2);
        QCOMPARE(data.counts[0].count, 4);
        QCOMPARE(data.counts[1].count, 2);
    }

    void countriesRankedWithNames()
    {
        if (countryName(QStringLiteral("FR")).isEmpty())
            QSKIP("iso-codes is not installed");
        GateField field{QStringLiteral("Country"), GateField::Type::Country, {}, {}};
        QList<InsightRow> rows;
        for (const char *answer : {"FR", "de", "DE", "JP", "FR", "DE", "Atlantis", ""})
            rows.append(row("pending", "2026-09-07T08:00:00Z", nullptr, {QString::fromLatin1(answer)}));
        const AnswerDistribution data = InsightCharts::answers(rows, field, 0);
        QCOMPARE(data.unanswered, 1);
        QCOMPARE(data.counts.size(), 4);
        QCOMPARE(data.counts[0].answer, QStringLiteral("DE"));
        QCOMPARE(data.counts[0].label, QStringLiteral("Germany"));
        QCOMPARE(data.counts[0].count, 3);
        QCOMPARE(data.counts[1].label, QStringLiteral("France"));
        QCOMPARE(data.counts[1].count, 2);
        // Ties by name: "Atlantis" (kept as written) before "Japan".
        QCOMPARE(data.counts[2].label, QStringLiteral("Atlantis"));
        QCOMPARE(data.counts[3].label, QStringLiteral("Japan"));
    }

    void computeFromAModelSnapshot()
    {
        AccessRequestModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        GateField country{QStringLiteral("Country"), GateField::Type::Country, {}, {}};
        GateField text{QStringLiteral("Name"), GateField::Type::Text, {}, {}};
        model.setGateFields({text, country});
        QList<AccessRequest> requests;
        for (int i = 0; i < 5; ++i) {
            AccessRequest request;
            request.user.name = QStringLiteral("user%1").arg(i);
            request.status = i < 2 ? QStringLiteral("accepted") : QStringLiteral("pending");
            request.requestedAt = QDateTime(day(2026, 9, 7 + i), QTime(8, 0), Qt::UTC);
            if (i < 2)
                request.reviewedAt = request.requestedAt.addSecs(3600 * (i + 1));
            request.fields.insert(QStringLiteral("Country"), i % 2 ? QStringLiteral("FR") : QStringLiteral("JP"));
            request.fields.insert(QStringLiteral("Name"), QStringLiteral("x"));
            requests.append(request);
        }
        model.addRequests(requests);
        InsightSnapshot snapshot = takeSnapshot(model, QStringLiteral("models/a/b"));
        QCOMPARE(snapshot.fields.size(), 1); // text fields are not charted
        QVERIFY(snapshot.rows.isEmpty());     // read later, on the worker
        model.clear();                        // the snapshot does not follow the model
        readSnapshotRows(snapshot);
        QCOMPARE(snapshot.rows.size(), 5);
        QCOMPARE(snapshot.rows[0].answers, QStringList{QStringLiteral("JP")});
        const Insights insights = InsightCharts::compute(snapshot, InsightPeriod::Day);
        QCOMPARE(insights.repoKey, QStringLiteral("models/a/b"));
        QCOMPARE(insights.requestCount, 5);
        QCOMPARE(insights.latency.decided, 2);
        QCOMPARE(insights.latency.medianHours, 1.5);
        QCOMPARE(insights.backlog.constLast().pending, 3);
        QCOMPARE(insights.answers.size(), 1);
        QCOMPARE(insights.answers[0].counts[0].answer, QStringLiteral("JP"));
        QCOMPARE(insights.answers[0].counts[0].count, 3);
    }
};

QTEST_GUILESS_MAIN(TestInsightsCharts)
#include "tst_insights_charts.moc"
