#pragma once

// Survey metrics (spec/metrics.md, "Surveys": CSAT, NPS, CES, CSA) as small pure functions over
// plain survey responses, each named after its id. The query builds the cohort: responses whose
// response time falls in the period (one without a time of its own takes its ticket's
// solved_at), after the filter. These only count and measure.
//
// Why a namespace, sl::surveys: csat_pct, csat_responses and csat_mean are also ticket metrics
// (sl::csat_pct over the ratings a ticket export carries). Here they run over survey responses
// on any scale; `surveys::csat_pct(...)` says which definition runs where it is called, which an
// overload on the argument type would not. The whole family lives there, types included.
//
// NPS is rounded to one decimal in nps() itself, not in the formatter: the spec makes "one
// decimal" part of the definition, so JSON, CSV, the tiles and the report all carry the same
// number, and a change against the previous period is the difference of the numbers shown.

#include "domain/surveyfacts.h"
#include "metrics/ticketmetrics.h" // MetricValue

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>

namespace sl::surveys {

// The responses of one number: pointers, so that a filter or a grouping is a subset without copies.
using SurveyCohort = std::span<const SurveyResponse *const>;

// A response counts when it has a score on its own scale; a score off the scale (6 on 1-5) is a
// broken row, not a response.
bool isResponse(const SurveyResponse &response);

// csat_pct and its denominator csat_responses: CSAT responses, satisfied being 4-5 on 1-5, 'good'
// on good/bad, the top two boxes on any other scale (9-10 of 1-10, 6-7 of 1-7, 2-3 of 1-3).
MetricValue csat_pct(SurveyCohort responses, const SurveyFields &fields);
MetricValue csat_responses(SurveyCohort responses, const SurveyFields &fields);
MetricValue csat_mean(SurveyCohort responses, const SurveyFields &fields);

struct NpsCounts
{
    long long promoters = 0;  // 9-10
    long long passives = 0;   // 7-8
    long long detractors = 0; // 0-6
    long long responses() const { return promoters + passives + detractors; }
};
NpsCounts npsCounts(SurveyCohort responses);
MetricValue nps(SurveyCohort responses, const SurveyFields &fields);
MetricValue nps_responses(SurveyCohort responses, const SurveyFields &fields);

MetricValue ces_mean(SurveyCohort responses, const SurveyFields &fields);
MetricValue ces_easy_pct(SurveyCohort responses, const SurveyFields &fields);

// csa_pct: csat_pct over the responses attributed to one agent. A leaderboard grouped by agent
// already hands each agent's subset to csat_pct, and that column is csa_pct; this is the same
// number for one agent picked out of a mixed cohort.
MetricValue csa_pct(SurveyCohort responses, std::int16_t agent, const SurveyFields &fields);

// Every survey metric function by id (metricfunctions.h), csa_pct aside: it is csat_pct over an
// agent's responses, which the query decides.
using SurveyMetricFunction = MetricValue (*)(SurveyCohort responses, const SurveyFields &fields);
std::span<const MetricFunction<SurveyMetricFunction>> metricFunctions();

} // namespace sl::surveys
