#pragma once

// Ticket metrics as small pure functions over plain data, each named after its id in
// spec/metrics.md. No SQL, no QObject, no clock: the period's end and which fields the data has
// are parameters. The query (metricsquery.h) builds the cohorts; these only count and measure.

#include "domain/metricdefinitions.h"
#include "metrics/metricfunctions.h"
#include "metrics/stats.h"
#include "metrics/tickettally.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace sl {

// The tickets one number is about, as lists: the convenient input for tests and small data.
struct TicketCohorts
{
    std::vector<const TicketFacts *> created; // created in the period (and passing the filter)
    std::vector<const TicketFacts *> solved;  // solved in the period
    std::int64_t backlogAtEnd = 0;            // created by the end and not solved by then
    std::int64_t periodEnd = 0;               // exclusive, UTC seconds
};
TicketTally tallyOf(const TicketCohorts &cohorts, const SlaTargets &targets = {});

struct MetricValue
{
    std::optional<double> value;
    std::optional<double> lo; // Wilson bounds, proportions only
    std::optional<double> hi;
    // A proportion's counts (value = 100 × numerator / denominator), so that "n = 480" is read,
    // never worked back out of the interval; empty for every other metric.
    std::optional<std::int64_t> numerator;
    std::optional<std::int64_t> denominator;
};

// A metric that is not a proportion: its value alone.
inline MetricValue plainValue(std::optional<double> value)
{
    MetricValue result;
    result.value = value;
    return result;
}

// A proportion as every family reports it: percent, Wilson 95 % bounds, and its counts. No value
// (counts kept) when there are no trials.
MetricValue proportionValue(long long successes, long long trials);

// One function per id, over a finished tally.
MetricValue tickets_created(const TicketTally &t, const TicketFields &f);
MetricValue tickets_solved(const TicketTally &t, const TicketFields &f);
MetricValue backlog_end(const TicketTally &t, const TicketFields &f);
MetricValue frt_median_min(const TicketTally &t, const TicketFields &f);
MetricValue frt_mean_min(const TicketTally &t, const TicketFields &f);
MetricValue frt_p90_min(const TicketTally &t, const TicketFields &f);
MetricValue frt_unreplied(const TicketTally &t, const TicketFields &f);
MetricValue frt_bh_median_min(const TicketTally &t, const TicketFields &f);
MetricValue frt_bh_mean_min(const TicketTally &t, const TicketFields &f);
MetricValue frt_bh_p90_min(const TicketTally &t, const TicketFields &f);
MetricValue resolution_median_hours(const TicketTally &t, const TicketFields &f);
MetricValue resolution_mean_hours(const TicketTally &t, const TicketFields &f);
MetricValue resolution_bh_median_hours(const TicketTally &t, const TicketFields &f);
MetricValue resolution_bh_mean_hours(const TicketTally &t, const TicketFields &f);
MetricValue aht_min(const TicketTally &t, const TicketFields &f);
MetricValue fcr_pct(const TicketTally &t, const TicketFields &f);
MetricValue reopen_pct(const TicketTally &t, const TicketFields &f);
MetricValue sla_first_reply_pct(const TicketTally &t, const TicketFields &f);
MetricValue tickets_per_customer(const TicketTally &t, const TicketFields &f);
MetricValue replies_mean(const TicketTally &t, const TicketFields &f);
MetricValue csat_pct(const TicketTally &t, const TicketFields &f);
MetricValue csat_responses(const TicketTally &t, const TicketFields &f);
MetricValue csat_mean(const TicketTally &t, const TicketFields &f);
MetricValue survey_response_rate_pct(const TicketTally &t, const TicketFields &f);

// Every ticket metric of a finished tally, in the order of ticketMetricDefinitions().
// Every ticket metric function by id (metricfunctions.h).
using TicketMetricFunction = MetricValue (*)(const TicketTally &, const TicketFields &);
std::span<const MetricFunction<TicketMetricFunction>> ticketMetricFunctions();

std::vector<MetricValue> computeTicketMetrics(const TicketTally &tally, const TicketFields &fields);
// Convenience for lists: tallies, finishes and computes.
std::vector<MetricValue> computeTicketMetrics(const TicketCohorts &cohorts, const TicketFields &fields,
                                              const SlaTargets &targets = {});

} // namespace sl
