#include "insightcharts.h"

#include "access/accessrequest.h"
#include "countries/countries.h"

#include <QCollator>
#include <QDateTime>
#include <QHash>

#include <algorithm>
#include <cmath>

namespace hubgate {

namespace {

constexpr double MsPerHour = 3600.0 * 1000.0;

// Every period from the first request to the last event.
struct Timeline
{
    InsightPeriod period = InsightPeriod::Week;
    QList<QDate> periods;

    int indexOf(qint64 ms) const
    {
        if (periods.isEmpty())
            return -1;
        const qint64 days = periods.constFirst().daysTo(periodStart(ms, period));
        const qint64 index = period == InsightPeriod::Day ? days : days / 7;
        return int(std::clamp<qint64>(index, 0, periods.size() - 1));
    }
};

Timeline timelineOf(const QList<InsightRow> &rows, InsightPeriod period)
{
    Timeline timeline;
    timeline.period = period;
    if (rows.isEmpty())
        return timeline;
    qint64 first = rows.constFirst().requestedMs;
    qint64 last = first;
    for (const InsightRow &row : rows) {
        first = std::min(first, row.requestedMs);
        last = std::max({last, row.requestedMs, row.reviewedMs});
    }
    const QDate end = periodStart(last, period);
    for (QDate day = periodStart(first, period); day <= end;
         day = day.addDays(period == InsightPeriod::Day ? 1 : 7))
        timeline.periods.append(day);
    return timeline;
}

bool isDecided(const InsightRow &row)
{
    return row.reviewedMs >= 0 && row.status != QLatin1String("pending");
}

double hoursBetween(qint64 fromMs, qint64 toMs)
{
    return double(std::max<qint64>(0, toMs - fromMs)) / MsPerHour;
}

} // namespace

QDate periodStart(qint64 utcMs, InsightPeriod period)
{
    const QDate day = QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC).date();
    return period == InsightPeriod::Day ? day : day.addDays(1 - day.dayOfWeek());
}

double InsightCharts::quantile(const QList<double> &sorted, double q)
{
    if (sorted.isEmpty())
        return 0;
    const double at = std::clamp(q, 0.0, 1.0) * double(sorted.size() - 1);
    const auto below = qsizetype(std::floor(at));
    const auto above = std::min(below + 1, sorted.size() - 1);
    return sorted[below] + (sorted[above] - sorted[below]) * (at - double(below));
}

RequestsOverTime InsightCharts::requestsOverTime(const QList<InsightRow> &rows, InsightPeriod period)
{
    const Timeline timeline = timelineOf(rows, period);
    RequestsOverTime out;
    out.periods = timeline.periods;
    out.statuses = knownRequestStatuses();
    QHash<QString, int> statusIndex;
    for (int i = 0; i < out.statuses.size(); ++i)
        statusIndex.insert(out.statuses[i], i);
    for (int i = 0; i < out.statuses.size(); ++i)
        out.counts.append(QList<int>(out.periods.size(), 0));
    for (const InsightRow &row : rows) {
        auto it = statusIndex.constFind(row.status);
        if (it == statusIndex.constEnd()) {
            it = statusIndex.insert(row.status, int(out.statuses.size()));
            out.statuses.append(row.status);
            out.counts.append(QList<int>(out.periods.size(), 0));
        }
        ++out.counts[*it][timeline.indexOf(row.requestedMs)];
    }
    return out;
}

LatencySummary InsightCharts::latency(const QList<InsightRow> &rows, InsightPeriod period)
{
    const Timeline timeline = timelineOf(rows, period);
    QList<QList<double>> byPeriod(timeline.periods.size());
    QList<double> all;
    for (const InsightRow &row : rows) {
        if (!isDecided(row))
            continue;
        const double hours = hoursBetween(row.requestedMs, row.reviewedMs);
        byPeriod[timeline.indexOf(row.reviewedMs)].append(hours);
        all.append(hours);
    }
    LatencySummary out;
    for (int i = 0; i < byPeriod.size(); ++i) {
        QList<double> &hours = byPeriod[i];
        if (hours.isEmpty())
            continue;
        std::sort(hours.begin(), hours.end());
        out.points.append({timeline.periods[i], int(hours.size()), quantile(hours, 0.5), quantile(hours, 0.9)});
    }
    std::sort(all.begin(), all.end());
    out.decided = int(all.size());
    out.medianHours = quantile(all, 0.5);
    out.p90Hours = quantile(all, 0.9);
    return out;
}

QList<BacklogPoint> InsightCharts::backlog(const QList<InsightRow> &rows, InsightPeriod period)
{
    const Timeline timeline = timelineOf(rows, period);
    // +1 where a request starts waiting, -1 in the period its decision ends the wait.
    QList<int> change(timeline.periods.size(), 0);
    for (const InsightRow &row : rows) {
        ++change[timeline.indexOf(row.requestedMs)];
        if (isDecided(row))
            --change[timeline.indexOf(std::max(row.reviewedMs, row.requestedMs))];
    }
    QList<BacklogPoint> out;
    int pending = 0;
    for (int i = 0; i < change.size(); ++i) {
        pending += change[i];
        out.append({timeline.periods[i], pending});
    }
    return out;
}

AnswerDistribution InsightCharts::answers(const QList<InsightRow> &rows, const GateField &field, int index)
{
    AnswerDistribution out;
    out.field = field;
    if (field.type == GateField::Type::Checkbox) {
        int ticked = 0;
        for (const InsightRow &row : rows)
            ticked += isTicked(row.answers.value(index)) ? 1 : 0;
        out.counts = {{QStringLiteral("on"), tr("Ticked"), ticked},
                      {QString(), tr("Not ticked"), int(rows.size()) - ticked}};
        return out;
    }
    const bool country = field.type == GateField::Type::Country;
    QHash<QString, int> counts;
    for (const InsightRow &row : rows) {
        const QString answer = row.answers.value(index).trimmed();
        if (answer.isEmpty())
            ++out.unanswered;
        else
            ++counts[country && answer.size() == 2 ? answer.toUpper() : answer];
    }
    if (!country) {
        // The form's options first, in form order, even when nobody chose them.
        for (int i = 0; i < field.optionValues.size(); ++i) {
            const QString &value = field.optionValues[i];
            out.counts.append({value, field.optionLabels.value(i, value), counts.take(value)});
        }
    }
    QList<AnswerCount> others;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        const QString name = country ? countryName(it.key()) : QString();
        others.append({it.key(), name.isEmpty() ? it.key() : name, it.value()});
    }
    QCollator collator;
    std::sort(others.begin(), others.end(), [&collator](const AnswerCount &a, const AnswerCount &b) {
        return a.count != b.count ? a.count > b.count : collator.compare(a.label, b.label) < 0;
    });
    out.counts += others;
    return out;
}

Insights InsightCharts::compute(const InsightSnapshot &snapshot, InsightPeriod period)
{
    Insights out;
    out.repoKey = snapshot.repoKey;
    out.period = period;
    out.requestCount = int(snapshot.rows.size());
    out.requests = requestsOverTime(snapshot.rows, period);
    out.latency = latency(snapshot.rows, period);
    out.backlog = backlog(snapshot.rows, period);
    for (int i = 0; i < snapshot.fields.size(); ++i)
        out.answers.append(answers(snapshot.rows, snapshot.fields[i], i));
    return out;
}

} // namespace hubgate
