#pragma once

// The call metrics of spec/metrics.md ("Calls": calls_offered, calls_answered, calls_abandoned,
// abandon_pct, asa_s, service_level_pct, aht_min, fcr_pct) for one metrics request, plus the
// CSAT of the calls' own ratings (csat_pct, csat_responses, csat_mean, and csa_pct in agent
// groups) where the log has them. The calls table is read into plain CallFacts and the pure
// functions of callmetrics.h (surveymetrics.h for the ratings) run over the cohort; nothing is
// cached: call logs are thousands to a few hundred thousand rows.
//
// The conventions are the ticket query's (metricsquery.h): whole days in request.zone, both ends
// inclusive; day/week/month groups list every bucket of the period, empty ones included, keyed
// "2025-01-31", "2025-W05", "2025-01"; a missing name is "(none)"; the previous period has the
// same length and ends the day before `from`. What is particular to calls:
//
//  - A call is placed at started_at, when it reached the queue. A call without one counts only
//    when the period is open at both ends (all the data); no bucket, hour or weekday holds it.
//  - The channel of every call is "Phone": --channel keeps the calls when one of its values means
//    Phone ("phone", "voice", "call"...), and none otherwise; --by channel is one group, "Phone".
//  - --team is the call's queue (skill, ring group). Calls have no priority and no tags: --priority
//    or --tag leaves no call, and --by priority/tag puts them all in "(none)".
//  - The service-level target is request.slaTargets.phone (20 s unless configured).
//  - Agent and team groups are ordered by calls offered, most first, ties by name; hour and
//    weekday groups list the buckets that hold calls, in clock and ISO-week order.

#include "metrics/kindmetrics.h"

namespace sl {

// On a database error returns no data and sets *error.
KindMetricsResult runCallMetrics(Database &db, const MetricsRequest &request, QString *error);

} // namespace sl
