#pragma once
// Qt Charts for the insights page, built from computed chart data (models/insights). Each
// function returns a new chart the caller owns (a QChartView takes it).

#include "insights/insightcharts.h"

#include <QCoreApplication>

class QChart;

namespace hubgate {

class InsightChartFactory
{
    Q_DECLARE_TR_FUNCTIONS(InsightChartFactory)
public:
    // Requests per period as stacked steps, one band per status.
    static QChart *requestsChart(const RequestsOverTime &data, InsightPeriod period);
    // Median and 90th percentile of the decision latency per period.
    static QChart *latencyChart(const LatencySummary &data, InsightPeriod period);
    static QChart *backlogChart(const QList<BacklogPoint> &data, InsightPeriod period);
    // Horizontal bars, first answer on top; countries ranked, only the first MaxCountryBars.
    static QChart *answersChart(const AnswerDistribution &data);
    // What the chart leaves out (the countries after the first MaxCountryBars), empty if nothing.
    static QString answersNote(const AnswerDistribution &data);
    // The bars answersChart() draws, for sizing its view.
    static int answerBarCount(const AnswerDistribution &data);

    static constexpr int MaxCountryBars = 15;
};

} // namespace hubgate
