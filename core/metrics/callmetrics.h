#pragma once

// Call-center metrics (spec/metrics.md, "Calls") as small pure functions over plain call facts,
// each named after its id. As for tickets: no SQL, no clock, which fields the log has is a
// parameter, and an empty denominator is no value, never 0. The query builds the cohort (the
// calls that reached the queue in the period, after the filter); these only count and measure.
//
// Why a namespace, sl::calls: the spec gives two call metrics the ids of ticket metrics
// (aht_min, fcr_pct) with other definitions, and sl::aht_min(TicketCohorts, ...) exists.
// Overloads on the argument type would compile, but `aht_min(x, f)` would not say which
// definition runs without looking up x; `calls::aht_min(...)` says it where it is called. The
// whole family (types included) lives there so that every call site reads the same way.

#include "metrics/ticketmetrics.h" // MetricValue

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>

namespace sl::calls {

enum class CallOutcome : std::uint8_t {
    Answered,
    Abandoned, // the caller hung up before an agent answered
    Other,     // left the queue another way (voicemail, callback request): offered, neither of the above
};

// One call as the metrics see it: one that reached the queue (calls ended in the IVR are not
// facts at all). "No value" is noTime, NaN and -1, as in TicketFacts.
struct CallFacts
{
    static constexpr std::int64_t noTime = std::numeric_limits<std::int64_t>::min();
    static constexpr double none = std::numeric_limits<double>::quiet_NaN();

    std::int64_t startedAt = noTime; // UTC seconds, when the call entered the queue
    double waitS = none;             // answered: speed of answer; abandoned: time to abandon
    double talkS = none;
    double holdS = none;
    double afterCallWorkS = none;
    double satisfaction = none;      // the call's own survey score, on the source's scale (not used here)
    std::int16_t agent = -1;         // dictionary indices, as in TicketFacts
    std::int16_t team = -1;
    std::int16_t queue = -1;
    std::int8_t resolvedFirstContact = -1; // 1 yes, 0 no, -1 the log does not say
    CallOutcome outcome = CallOutcome::Other;
};

// Which fields the call data has at all: a metric over a field no call has is no value, not 0.
struct CallFields
{
    bool callLog = false;       // there is a call log: without one even calls_offered is no value
    bool outcome = false;       // answered / abandoned
    bool wait = false;
    bool talk = false;
    bool hold = false;          // hold and after-call work are added to AHT when present; these
    bool afterCallWork = false; // two flags let the tile say which parts its AHT holds
    bool firstContactResolution = false;
};

// The calls of one number: pointers, so that a filter or a grouping is a subset without copies.
using CallCohort = std::span<const CallFacts *const>;

// The spec's default service-level target, "answered within 20 s".
inline constexpr double defaultServiceLevelTargetS = 20.0;

// One function per id.
MetricValue calls_offered(CallCohort calls, const CallFields &fields);
MetricValue calls_answered(CallCohort calls, const CallFields &fields);
MetricValue calls_abandoned(CallCohort calls, const CallFields &fields);
MetricValue abandon_pct(CallCohort calls, const CallFields &fields);
MetricValue asa_s(CallCohort calls, const CallFields &fields);
MetricValue service_level_pct(CallCohort calls, const CallFields &fields,
                              double targetS = defaultServiceLevelTargetS);
MetricValue aht_min(CallCohort calls, const CallFields &fields);
MetricValue fcr_pct(CallCohort calls, const CallFields &fields);

} // namespace sl::calls
