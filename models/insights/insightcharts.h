#pragma once
// The data of the insights charts, as pure functions over a snapshot of requests: safe on any
// thread, no clock (periods run from the first request to the last event), no widgets.
//
// Periods are UTC days, or ISO weeks starting on Monday; a period is named by its first day.
// Every series covers every period of that span, empty periods included, so charts line up.

#include "insightsnapshot.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace hubgate {

enum class InsightPeriod { Day, Week };

// The first day of the period holding this UTC time.
QDate periodStart(qint64 utcMs, InsightPeriod period);

// Requests by the period they were made in, stacked by their current status.
struct RequestsOverTime
{
    QList<QDate> periods;
    QStringList statuses;      // pending, accepted, rejected, then any other status seen
    QList<QList<int>> counts;  // [status][period]
};

// Time from request to decision of the requests decided in a period (by decision time).
struct LatencyPoint
{
    QDate period;
    int decided = 0;
    double medianHours = 0;
    double p90Hours = 0;
};

struct LatencySummary
{
    QList<LatencyPoint> points; // only periods with decisions
    int decided = 0;
    double medianHours = 0; // over every decision
    double p90Hours = 0;
};

// Requests still pending at the end of each period.
struct BacklogPoint
{
    QDate period;
    int pending = 0;
};

struct AnswerCount
{
    QString answer; // as stored ("FR", "on", an option value)
    QString label;  // as shown ("France", "Ticked", the option's label)
    int count = 0;
};

struct AnswerDistribution
{
    GateField field;
    QList<AnswerCount> counts; // select: form order then others; country: most answers first
    int unanswered = 0;        // select and country; a checkbox left empty counts as not ticked
};

struct Insights
{
    QString repoKey;
    InsightPeriod period = InsightPeriod::Week;
    int requestCount = 0;
    RequestsOverTime requests;
    LatencySummary latency;
    QList<BacklogPoint> backlog;
    QList<AnswerDistribution> answers; // one per charted field, in form order
};

class InsightCharts
{
    Q_DECLARE_TR_FUNCTIONS(InsightCharts)
public:
    // The q-quantile (0…1) of sorted values, interpolating between the closest ranks (the
    // median of 1, 2, 3, 4 is 2.5). 0 for no values.
    static double quantile(const QList<double> &sorted, double q);

    static RequestsOverTime requestsOverTime(const QList<InsightRow> &rows, InsightPeriod period);
    // Decided requests: not pending, with a review time.
    static LatencySummary latency(const QList<InsightRow> &rows, InsightPeriod period);
    // A request is pending from its request time until its decision; one still pending (or
    // pending again) until the end.
    static QList<BacklogPoint> backlog(const QList<InsightRow> &rows, InsightPeriod period);
    // The answers to snapshot field `index`.
    static AnswerDistribution answers(const QList<InsightRow> &rows, const GateField &field, int index);

    static Insights compute(const InsightSnapshot &snapshot, InsightPeriod period);
};

} // namespace hubgate

Q_DECLARE_METATYPE(hubgate::Insights)
