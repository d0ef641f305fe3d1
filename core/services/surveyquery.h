#pragma once

// The survey metrics of spec/metrics.md ("Surveys": csat_pct, csat_responses, csat_mean, nps,
// nps_responses, ces_mean, ces_easy_pct, and csa_pct in agent groups) for one metrics request.
// survey_responses is read into plain SurveyResponse rows and the pure functions of
// surveymetrics.h run over the cohort; nothing is cached (survey tables are thousands of rows,
// not millions).
//
// The conventions are the ticket query's (metricsquery.h): whole days in request.zone, both ends
// inclusive; day/week/month groups list every bucket of the period, empty ones included, keyed
// "2025-01-31", "2025-W05", "2025-01"; a missing name is "(none)"; the previous period has the
// same length and ends the day before `from`. What is particular to surveys:
//
//  - A response is placed at its own response time. One without takes the solved_at of its
//    ticket, the ticket whose external id it names (from any help desk; the first imported when
//    two share the id). A response placed nowhere (the Botanic survey has no dates at all) counts
//    only when the period is open at both ends, i.e. all the data; no bucket holds it.
//  - A response's agent is its own, else its ticket's: --agent and --by agent use that one.
//  - --channel, --team, --priority and --tag apply through the linked ticket; a response with no
//    ticket in the database is left out by any of them. --by team/channel/priority/tag groups by
//    the ticket's value ("(none)" without a ticket); --by hour/weekday by the response's local time.
//  - Attribute groups are ordered by scored responses, most first, ties by name.

#include "metrics/kindmetrics.h"

namespace sl {

// On a database error returns no data and sets *error.
KindMetricsResult runSurveyMetrics(Database &db, const MetricsRequest &request, QString *error);

} // namespace sl
