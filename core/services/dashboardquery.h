#pragma once

// Everything the dashboard shows for one state of the filter bar, computed in one go: the period
// and the previous one, a trend, the breakdowns by channel and team, the hour × weekday heat-map
// and the top tags. computeDashboard() is a plain function over a MetricsEngine, so it runs on
// a worker thread (DashboardController) and in tests alike.

#include "metrics/metricsquery.h"

#include <QDate>

#include <cstddef>
#include <optional>
#include <vector>

namespace sl::ui {

// How far back the trend chart reaches: the period itself, or the 12 calendar months that end
// with the period's last day.
enum class TrendSpan { Period, TwelveMonths };

struct DashboardRequest
{
    // The period (from and to are both needed), its time zone and the filter. Its grouping and
    // compare fields are ignored: the dashboard sets them per query.
    MetricsRequest period;
    bool compare = true;
    // With compare: the same dates a year earlier (seasonal help desks) instead of the period of
    // the same length just before.
    bool compareLastYear = false;
    TrendSpan trendSpan = TrendSpan::TwelveMonths;
    Grouping trendBucket = Grouping::Month; // Day, Week or Month
    std::size_t topTagCount = 10;
};

// One metric row per day, week or month bucket, oldest first.
struct TrendSeries
{
    Grouping bucket = Grouping::Month;
    QDate from, to;                              // the span, inclusive
    std::vector<QDate> starts;                   // first day of each bucket (the first may start before `from`)
    std::vector<std::vector<MetricValue>> rows;  // rows[bucket][metric], metrics in ticketMetricDefinitions() order

    std::size_t size() const { return rows.size(); }
    // The values of one metric, null where the bucket has none.
    std::vector<std::optional<double>> values(std::size_t metricIndex) const;
};

struct DashboardResult
{
    DashboardRequest request;
    std::vector<MetricValue> current;                  // in ticketMetricDefinitions() order
    std::optional<std::vector<MetricValue>> previous;  // with compare
    std::optional<QDate> previousFrom, previousTo;
    TrendSeries sparkline;                             // the period in days, weeks or months (sparklineBucket)
    TrendSeries trend;                                 // the trend chart's span and bucket
    std::optional<TrendSeries> previousTrend;          // with compare: the span before it, or a year earlier
    std::vector<MetricsGroup> byChannel, byTeam;
    VolumeHeatmap heatmap{};
    std::vector<TagVolume> topTags;                    // their trend is by sparkline.bucket
};

// The sparkline's bucket for a period: days up to two months, weeks up to a year, then months,
// so that a card's line has between a handful and about sixty points.
Grouping sparklineBucket(const QDate &from, const QDate &to);
// The trend chart's span for a request.
std::pair<QDate, QDate> trendSpanDates(const DashboardRequest &request);

// Runs every query of the dashboard on `engine`. The request needs period.from and period.to.
DashboardResult computeDashboard(MetricsEngine &engine, const DashboardRequest &request);

// Position of a metric id in ticketMetricDefinitions(); the table is fixed, so a bad id is a
// programming error (asserted).
std::size_t ticketMetricIndex(std::string_view id);

} // namespace sl::ui
