#include "insightchartfactory.h"

#include "access/accessrequestmodel.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QDateTimeAxis>
#include <QGuiApplication>
#include <QPalette>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

namespace hubgate {

namespace {

// Periods are UTC dates; the time axis labels in local time, so a date is drawn at its local
// midnight to keep its label.
QDateTime startOf(QDate day)
{
    return QDateTime(day, QTime(0, 0));
}

qint64 msOf(QDate day)
{
    return startOf(day).toMSecsSinceEpoch();
}

QDate periodEnd(QDate start, InsightPeriod period)
{
    return start.addDays(period == InsightPeriod::Day ? 1 : 7);
}

QColor statusColor(const QString &status)
{
    if (status == QLatin1String("pending"))
        return QColor(0xe0, 0x9b, 0x1a);
    if (status == QLatin1String("accepted"))
        return QColor(0x2e, 0x9e, 0x5b);
    if (status == QLatin1String("rejected"))
        return QColor(0xc8, 0x3c, 0x3c);
    return QColor(0x7a, 0x7a, 0x9a);
}

QChart *newChart()
{
    auto *chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation); // charts are redrawn as data arrives
    return chart;
}

// A time axis over the periods' span and a value axis from 0, attached to the chart.
void addAxes(QChart *chart, QDate first, QDate end, double maxValue, const QString &valueTitle)
{
    auto *time = new QDateTimeAxis;
    // Short labels: the day within a year, the month beyond (ChartCard sets the tick count).
    time->setFormat(first.daysTo(end) <= 366 ? QStringLiteral("d MMM") : QStringLiteral("MMM yyyy"));
    time->setRange(startOf(first), startOf(end));
    chart->addAxis(time, Qt::AlignBottom);
    auto *values = new QValueAxis;
    values->setRange(0, std::max(1.0, maxValue * 1.08));
    values->setLabelFormat(maxValue < 10 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    values->setTitleText(valueTitle);
    values->applyNiceNumbers(); // round ticks
    chart->addAxis(values, Qt::AlignLeft);
    const QList<QAbstractSeries *> series = chart->series();
    for (QAbstractSeries *one : series) {
        one->attachAxis(time);
        one->attachAxis(values);
    }
}

// A step line: each period's value held from its start to its end.
void appendStep(QLineSeries *line, QDate start, QDate end, double value)
{
    line->append(double(msOf(start)), value);
    line->append(double(msOf(end)), value);
}

} // namespace

QChart *InsightChartFactory::requestsChart(const RequestsOverTime &data, InsightPeriod period)
{
    QChart *chart = newChart();
    if (data.periods.isEmpty())
        return chart;
    QList<double> below(data.periods.size(), 0.0);
    double top = 0;
    for (int s = 0; s < data.statuses.size(); ++s) {
        auto *lower = new QLineSeries;
        auto *upper = new QLineSeries;
        for (int p = 0; p < data.periods.size(); ++p) {
            const QDate end = periodEnd(data.periods[p], period);
            appendStep(lower, data.periods[p], end, below[p]);
            below[p] += data.counts[s][p];
            appendStep(upper, data.periods[p], end, below[p]);
            top = std::max(top, below[p]);
        }
        auto *band = new QAreaSeries(upper, lower);
        upper->setParent(band); // an area series does not own its lines
        lower->setParent(band);
        band->setName(AccessRequestModel::statusDisplayName(data.statuses[s]));
        const QColor color = statusColor(data.statuses[s]);
        band->setColor(color);
        band->setBorderColor(color.darker(120));
        chart->addSeries(band);
    }
    addAxes(chart, data.periods.constFirst(), periodEnd(data.periods.constLast(), period), top,
            tr("Requests"));
    return chart;
}

QChart *InsightChartFactory::latencyChart(const LatencySummary &data, InsightPeriod period)
{
    QChart *chart = newChart();
    if (data.points.isEmpty())
        return chart;
    double longest = 0;
    for (const LatencyPoint &point : data.points)
        longest = std::max(longest, point.p90Hours);
    const bool inDays = longest >= 72;
    const double unit = inDays ? 24.0 : 1.0;
    auto *median = new QLineSeries;
    median->setName(tr("Median"));
    auto *p90 = new QLineSeries;
    p90->setName(tr("90th percentile"));
    for (const LatencyPoint &point : data.points) {
        // Drawn in the middle of the period the decisions were made in.
        const double x = double(msOf(point.period) + msOf(periodEnd(point.period, period))) / 2;
        median->append(x, point.medianHours / unit);
        p90->append(x, point.p90Hours / unit);
    }
    median->setPointsVisible(true);
    p90->setPointsVisible(true);
    median->setColor(QColor(0x2b, 0x6c, 0xb0));
    p90->setColor(QColor(0x9b, 0x4d, 0xca));
    chart->addSeries(median);
    chart->addSeries(p90);
    addAxes(chart, data.points.constFirst().period, periodEnd(data.points.constLast().period, period),
            longest / unit, inDays ? tr("Days to a decision") : tr("Hours to a decision"));
    return chart;
}

QChart *InsightChartFactory::backlogChart(const QList<BacklogPoint> &data, InsightPeriod period)
{
    QChart *chart = newChart();
    if (data.isEmpty())
        return chart;
    auto *line = new QLineSeries;
    int top = 0;
    for (const BacklogPoint &point : data) {
        appendStep(line, point.period, periodEnd(point.period, period), point.pending);
        top = std::max(top, point.pending);
    }
    auto *area = new QAreaSeries(line);
    line->setParent(area);
    area->setName(tr("Pending at the end of the period"));
    const QColor color = statusColor(QStringLiteral("pending"));
    area->setColor(color.lighter(130));
    area->setBorderColor(color.darker(120));
    chart->addSeries(area);
    addAxes(chart, data.constFirst().period, periodEnd(data.constLast().period, period), top,
            tr("Pending requests"));
    return chart;
}

int InsightChartFactory::answerBarCount(const AnswerDistribution &data)
{
    const int answers = int(data.counts.size());
    const bool country = data.field.type == GateField::Type::Country;
    return (country ? std::min(answers, MaxCountryBars) : answers) + (data.unanswered > 0 ? 1 : 0);
}

QString InsightChartFactory::answersNote(const AnswerDistribution &data)
{
    const int others = int(data.counts.size()) - MaxCountryBars;
    if (data.field.type != GateField::Type::Country || others <= 0)
        return {};
    int rest = 0;
    for (qsizetype i = MaxCountryBars; i < data.counts.size(); ++i)
        rest += data.counts[i].count;
    return tr("The %1 countries with the most requests. Other countries (%Ln): %2.", nullptr, others)
        .arg(MaxCountryBars)
        .arg(tr("%Ln request(s)", nullptr, rest));
}

QChart *InsightChartFactory::answersChart(const AnswerDistribution &data)
{
    QList<AnswerCount> bars = data.counts;
    // A long tail of countries is summed up in the note: one bar for it would dwarf the others.
    if (data.field.type == GateField::Type::Country && bars.size() > MaxCountryBars)
        bars.resize(MaxCountryBars);
    if (data.unanswered > 0)
        bars.append({QString(), tr("No answer"), data.unanswered});

    QChart *chart = newChart();
    chart->legend()->hide();
    auto *set = new QBarSet(data.field.name);
    set->setColor(QColor(0x2b, 0x6c, 0xb0));
    set->setLabelColor(QGuiApplication::palette().color(QPalette::WindowText)); // drawn beside the bar
    QStringList labels;
    int top = 0;
    // A horizontal bar chart draws its first category at the bottom: the list goes in reversed.
    for (auto it = bars.crbegin(); it != bars.crend(); ++it) {
        *set << it->count;
        labels << it->label;
        top = std::max(top, it->count);
    }
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setBarWidth(0.7);
    chart->addSeries(series);
    auto *categories = new QBarCategoryAxis;
    categories->append(labels);
    chart->addAxis(categories, Qt::AlignLeft);
    series->attachAxis(categories);
    auto *values = new QValueAxis;
    values->setRange(0, std::max(1.0, top * 1.15)); // room for the labels at the bars' ends
    values->setLabelFormat(QStringLiteral("%.0f"));
    values->setTitleText(tr("Requests"));
    values->applyNiceNumbers();
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(values);
    return chart;
}

} // namespace hubgate
