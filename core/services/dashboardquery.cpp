#include "services/dashboardquery.h"

#include "domain/metricdefinitions.h"
#include "metrics/periodbuckets.h"

#include <QtGlobal>

#include <algorithm>

namespace sl::ui {

namespace {

TrendSeries trendOf(MetricsEngine &engine, const MetricsRequest &base, const QDate &from, const QDate &to,
                    Grouping bucket)
{
    MetricsRequest request = base;
    request.from = from;
    request.to = to;
    request.grouping = bucket;
    request.compare = false;
    MetricsResult result = engine.run(request);
    TrendSeries series;
    series.bucket = bucket;
    series.from = from;
    series.to = to;
    series.starts = bucketStarts(from, to, bucket);
    // The engine's buckets follow the same calendar rules; should they ever disagree, the shorter
    // list wins rather than a date being paired with another bucket's figures.
    const std::size_t count = std::min(series.starts.size(), result.groups.size());
    series.starts.resize(count);
    for (std::size_t b = 0; b < count; ++b)
        series.rows.push_back(std::move(result.groups[b].metrics));
    return series;
}

std::vector<MetricsGroup> groupsBy(MetricsEngine &engine, const MetricsRequest &base, Grouping grouping)
{
    MetricsRequest request = base;
    request.grouping = grouping;
    request.compare = false;
    return engine.run(request).groups;
}

} // namespace

std::vector<std::optional<double>> TrendSeries::values(std::size_t metricIndex) const
{
    std::vector<std::optional<double>> out;
    out.reserve(rows.size());
    for (const std::vector<MetricValue> &row : rows)
        out.push_back(metricIndex < row.size() ? row[metricIndex].value : std::nullopt);
    return out;
}

Grouping sparklineBucket(const QDate &from, const QDate &to)
{
    const qint64 days = from.daysTo(to) + 1;
    if (days <= 62)
        return Grouping::Day;
    if (days <= 366)
        return Grouping::Week;
    return Grouping::Month;
}

std::pair<QDate, QDate> trendSpanDates(const DashboardRequest &request)
{
    const QDate from = request.period.from.value_or(QDate());
    const QDate to = request.period.to.value_or(QDate());
    if (request.trendSpan == TrendSpan::Period || !to.isValid())
        return {from, to};
    // Twelve calendar months: the period's own month and the eleven before it. A period longer
    // than that keeps its own start, so that the trend never shows less than the period.
    const QDate twelveMonths = QDate(to.year(), to.month(), 1).addMonths(-11);
    return {from.isValid() ? std::min(from, twelveMonths) : twelveMonths, to};
}

DashboardResult computeDashboard(MetricsEngine &engine, const DashboardRequest &request)
{
    Q_ASSERT(request.period.from && request.period.to);
    DashboardResult result;
    result.request = request;
    const QDate from = *request.period.from;
    const QDate to = *request.period.to;

    // The period grouped by the sparkline's bucket: one pass gives the period's own figures (the
    // engine merges them from the buckets), the previous period and the sparklines.
    const Grouping spark = sparklineBucket(from, to);
    {
        MetricsRequest period = request.period;
        period.grouping = spark;
        period.compare = request.compare && !request.compareLastYear;
        MetricsResult main = engine.run(period);
        result.current = std::move(main.metrics);
        result.previous = std::move(main.previous);
        result.previousFrom = main.previousFrom;
        result.previousTo = main.previousTo;
        result.sparkline.bucket = spark;
        result.sparkline.from = from;
        result.sparkline.to = to;
        result.sparkline.starts = bucketStarts(from, to, spark);
        const std::size_t count = std::min(result.sparkline.starts.size(), main.groups.size());
        result.sparkline.starts.resize(count);
        for (std::size_t b = 0; b < count; ++b)
            result.sparkline.rows.push_back(std::move(main.groups[b].metrics));
    }
    if (request.compare && request.compareLastYear) {
        // The same dates a year earlier (29 February becomes the 28th).
        MetricsRequest lastYear = request.period;
        lastYear.from = from.addYears(-1);
        lastYear.to = to.addYears(-1);
        lastYear.grouping = Grouping::None;
        lastYear.compare = false;
        result.previous = engine.run(lastYear).metrics;
        result.previousFrom = lastYear.from;
        result.previousTo = lastYear.to;
    }

    const auto [trendFrom, trendTo] = trendSpanDates(request);
    const Grouping bucket = request.trendBucket == Grouping::Day || request.trendBucket == Grouping::Week
        ? request.trendBucket
        : Grouping::Month;
    if (bucket == spark && trendFrom == from && trendTo == to)
        result.trend = result.sparkline;
    else
        result.trend = trendOf(engine, request.period, trendFrom, trendTo, bucket);
    if (request.compare) {
        // The span before, of the same length in days; its buckets line up with the trend's by
        // position (the first day of the previous span shows under the first of this one).
        auto [previousFrom, previousTo] = previousPeriod(trendFrom, trendTo);
        if (request.compareLastYear || (request.trendSpan == TrendSpan::TwelveMonths && bucket == Grouping::Month)) {
            // Whole months a year earlier, so that March lines up with March.
            previousFrom = trendFrom.addMonths(-12);
            previousTo = trendTo.addMonths(-12);
        }
        result.previousTrend = trendOf(engine, request.period, previousFrom, previousTo, bucket);
    }

    result.byChannel = groupsBy(engine, request.period, Grouping::Channel);
    result.byTeam = groupsBy(engine, request.period, Grouping::Team);
    result.heatmap = engine.createdHeatmap(request.period);
    result.topTags = engine.topTags(request.period, request.topTagCount, spark);
    return result;
}

std::size_t ticketMetricIndex(std::string_view id)
{
    const std::vector<MetricDefinition> &definitions = ticketMetricDefinitions();
    const MetricDefinition *definition = findMetricIn(definitions, id);
    Q_ASSERT(definition);
    return definition ? std::size_t(definition - definitions.data()) : 0;
}

} // namespace sl::ui
