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

#include "domain/callfacts.h"
#include "metrics/ticketmetrics.h" // MetricValue

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>

namespace sl::calls {

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

// Every call metric function by id (metricfunctions.h); the service-level target is every
// function's third argument, which only service_level_pct reads.
using CallMetricFunction = MetricValue (*)(CallCohort calls, const CallFields &fields, double serviceLevelTargetS);
std::span<const MetricFunction<CallMetricFunction>> metricFunctions();

} // namespace sl::calls
