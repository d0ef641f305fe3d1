#pragma once

// Ticket metrics as small pure functions over plain data, each named after its id in
// spec/metrics.md. No SQL, no QObject, no clock: the period's end and which fields the data has
// are parameters. The query (metricsquery.h) builds the cohorts; these only count and measure.

#include "metrics/definitions.h"
#include "metrics/stats.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace sl {

// Channel classes the first-reply targets are defined for.
enum class ChannelClass : std::uint8_t { Phone, Chat, Social, Other };
ChannelClass channelClassOf(std::string_view normalizedChannel);

// One ticket as the metrics see it. "No value" is noTime for times, NaN for measures and -1 for
// counts, flags and references: compact, because the window keeps a million of these in memory.
struct TicketFacts
{
    static constexpr std::int64_t noTime = std::numeric_limits<std::int64_t>::min();
    static constexpr double none = std::numeric_limits<double>::quiet_NaN();

    std::int64_t createdAt = noTime; // UTC seconds
    std::int64_t firstReplyAt = noTime;
    std::int64_t solvedAt = noTime;
    double firstReplyMin = none;     // the export's own calendar-time column
    double firstReplyBhMin = none;   // ... business hours
    double resolutionMin = none;
    double resolutionBhMin = none;
    double handleTimeS = none;
    double csatScore = none;         // 1-5
    std::int32_t customer = -1;
    std::int32_t index = -1;         // position in the snapshot (the tickets behind a number)
    std::int16_t agent = -1;         // dictionary indices into the snapshot's names
    std::int16_t team = -1;
    std::int16_t channel = -1;
    std::int16_t priority = -1;
    std::int16_t reopens = -1;
    std::int16_t agentReplies = -1;
    std::int8_t csatGood = -1;       // 1 satisfied, 0 not
    std::int8_t csatOffered = -1;
    ChannelClass channelClass = ChannelClass::Other;
};

// Which fields the data has at all: a metric over a field no ticket has is no value, not 0.
struct TicketFields
{
    bool created = false;
    bool firstReply = false;   // a timestamp or the export's own duration
    bool firstReplyBh = false;
    bool solved = false;
    bool resolutionBh = false;
    bool handleTime = false;
    bool reopens = false;
    bool agentReplies = false;
    bool csat = false;
    bool csatScore = false;
    bool csatOffered = false;
    bool customer = false;
};

// First-reply targets per channel class, in seconds (spec defaults; configurable).
struct SlaTargets
{
    std::int64_t phone = 20;
    std::int64_t chat = 60;
    std::int64_t social = 60 * 60;
    std::int64_t other = 24 * 60 * 60;
    std::int64_t forClass(ChannelClass channel) const;
};

// The tickets one number is about.
struct TicketCohorts
{
    std::vector<const TicketFacts *> created; // created in the period (and passing the filter)
    std::vector<const TicketFacts *> solved;  // solved in the period
    std::int64_t backlogAtEnd = 0;            // created by the end and not solved by then
    std::int64_t periodEnd = 0;               // exclusive, UTC seconds
};

struct MetricValue
{
    std::optional<double> value;
    std::optional<double> lo; // Wilson bounds, proportions only
    std::optional<double> hi;
};

// The calendar first reply time of one ticket in minutes: the export's own column, else the
// difference of the timestamps; no value without a reply.
std::optional<double> firstReplyMinutes(const TicketFacts &ticket);
std::optional<double> resolutionHours(const TicketFacts &ticket);

// One function per id.
MetricValue tickets_created(const TicketCohorts &c, const TicketFields &f);
MetricValue tickets_solved(const TicketCohorts &c, const TicketFields &f);
MetricValue backlog_end(const TicketCohorts &c, const TicketFields &f);
MetricValue frt_median_min(const TicketCohorts &c, const TicketFields &f);
MetricValue frt_mean_min(const TicketCohorts &c, const TicketFields &f);
MetricValue frt_p90_min(const TicketCohorts &c, const TicketFields &f);
MetricValue frt_unreplied(const TicketCohorts &c, const TicketFields &f);
MetricValue frt_bh_median_min(const TicketCohorts &c, const TicketFields &f);
MetricValue frt_bh_mean_min(const TicketCohorts &c, const TicketFields &f);
MetricValue frt_bh_p90_min(const TicketCohorts &c, const TicketFields &f);
MetricValue resolution_median_hours(const TicketCohorts &c, const TicketFields &f);
MetricValue resolution_mean_hours(const TicketCohorts &c, const TicketFields &f);
MetricValue resolution_bh_median_hours(const TicketCohorts &c, const TicketFields &f);
MetricValue resolution_bh_mean_hours(const TicketCohorts &c, const TicketFields &f);
MetricValue aht_min(const TicketCohorts &c, const TicketFields &f);
MetricValue fcr_pct(const TicketCohorts &c, const TicketFields &f);
MetricValue reopen_pct(const TicketCohorts &c, const TicketFields &f);
MetricValue sla_first_reply_pct(const TicketCohorts &c, const TicketFields &f, const SlaTargets &targets);
MetricValue tickets_per_customer(const TicketCohorts &c, const TicketFields &f);
MetricValue replies_mean(const TicketCohorts &c, const TicketFields &f);
MetricValue csat_pct(const TicketCohorts &c, const TicketFields &f);
MetricValue csat_responses(const TicketCohorts &c, const TicketFields &f);
MetricValue csat_mean(const TicketCohorts &c, const TicketFields &f);
MetricValue survey_response_rate_pct(const TicketCohorts &c, const TicketFields &f);

// Every ticket metric, in the order of ticketMetricDefinitions().
std::vector<MetricValue> computeTicketMetrics(const TicketCohorts &cohorts, const TicketFields &fields,
                                              const SlaTargets &targets = {});

} // namespace sl
