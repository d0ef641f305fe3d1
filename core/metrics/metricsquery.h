#pragma once

// A metrics query: a period in the display time zone, a filter, a grouping, and optionally the
// previous period of the same length. Runs over a TicketSnapshot; the CLI, the window and the
// report all ask through here.

#include "domain/metricsrequest.h"
#include "domain/ticketsnapshot.h"
#include "metrics/ticketmetrics.h"

#include <QDate>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace sl {

struct MetricsGroup
{
    QString key;
    std::vector<MetricValue> metrics; // in the order of ticketMetricDefinitions()
};

struct MetricsResult
{
    std::vector<MetricValue> metrics;
    std::optional<std::vector<MetricValue>> previous;
    std::optional<QDate> previousFrom, previousTo;
    std::vector<MetricsGroup> groups;
};

// Created tickets by weekday (0 = Monday) and hour of the day in the display zone: the
// staffing heat-map.
using VolumeHeatmap = std::array<std::array<std::int64_t, 24>, 7>;

// A tag's volume: tickets created with it in the period and in the previous one, and its
// trend as counts per day, week or month bucket of the period.
struct TagVolume
{
    QString tag;
    std::int64_t created = 0;
    std::optional<std::int64_t> previous; // with a bounded period
    std::vector<std::int64_t> trend;      // one count per bucket, oldest first
    std::optional<double> changePct() const;
};

// Runs queries over one snapshot. Keeps the last filter's selection, so the several queries a
// dashboard makes after one filter change (period, previous period, trend, breakdowns) decide
// once which tickets pass. Not thread-safe: one engine per thread.
class MetricsEngine
{
public:
    // ForManyQueries (the window) first builds order-statistics indexes, which makes every
    // median and p90 after that several times cheaper (about 0.3 s and 48 MB per million
    // tickets); ForOneQuery (a CLI run) skips them.
    enum class Indexing { ForOneQuery, ForManyQueries };
    explicit MetricsEngine(const TicketSnapshot &snapshot, Indexing indexing = Indexing::ForManyQueries);
    ~MetricsEngine();
    MetricsEngine(const MetricsEngine &) = delete;
    MetricsEngine &operator=(const MetricsEngine &) = delete;

    MetricsResult run(const MetricsRequest &request);
    VolumeHeatmap createdHeatmap(const MetricsRequest &request);
    // The `limit` tags with the most tickets created in the period (ties by name), with their
    // previous-period counts and a trend by `bucket` (Day, Week or Month).
    std::vector<TagVolume> topTags(const MetricsRequest &request, std::size_t limit, Grouping bucket = Grouping::Week);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Passes over fewer tickets than this run on one thread (default 40,000). Tests lower it so that
// the split-and-merge paths run on small data too.
void setMinimumTicketsPerThread(std::size_t tickets);

// One-off queries (a fresh engine each).
MetricsResult runMetrics(const TicketSnapshot &snapshot, const MetricsRequest &request);
VolumeHeatmap createdHeatmap(const TicketSnapshot &snapshot, const MetricsRequest &request);

// The leaderboard order for groups of a query (agents, say): by a proportion's Wilson lower
// bound, so that 2 of 2 good ratings do not outrank 480 of 500; groups without a value last.
// `metricIndex` is the proportion's position in ticketMetricDefinitions().
std::vector<std::size_t> rankByLowerBound(const std::vector<MetricsGroup> &groups, std::size_t metricIndex);

} // namespace sl
