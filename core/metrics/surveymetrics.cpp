#include "metrics/surveymetrics.h"

#include "metrics/stats.h"

#include <cstdlib>
#include <vector>

namespace sl::surveys {

namespace {

MetricValue count(long long n, bool dataHasField)
{
    if (!dataHasField)
        return {};
    return plainValue(double(n));
}

MetricValue fromProportion(long long successes, long long trials, bool dataHasField)
{
    if (!dataHasField)
        return {};
    return proportionValue(successes, trials);
}

// Responses of one type on one scale: a mean or an NPS mixes no scales.
bool isResponseOn(const SurveyResponse &r, SurveyType type, SurveyScale scale)
{
    return r.type == type && r.scale == scale && isResponse(r);
}

// Good on good/bad, the top two boxes on every other scale (4-5 of 1-5).
bool isSatisfied(const SurveyResponse &r)
{
    if (r.scale.isGoodBad())
        return r.score >= r.scale.max;
    return r.score >= r.scale.max - 1;
}

struct CsatCounts
{
    long long satisfied = 0;
    long long responses = 0;
};

template<typename Keep>
CsatCounts csatCounts(SurveyCohort responses, Keep keep)
{
    CsatCounts counts;
    for (const SurveyResponse *r : responses) {
        if (r->type != SurveyType::Csat || !isResponse(*r) || !keep(*r))
            continue;
        ++counts.responses;
        counts.satisfied += isSatisfied(*r) ? 1 : 0;
    }
    return counts;
}

std::vector<double> scoresOn(SurveyCohort responses, SurveyType type, SurveyScale scale)
{
    std::vector<double> scores;
    for (const SurveyResponse *r : responses) {
        if (isResponseOn(*r, type, scale))
            scores.push_back(r->score);
    }
    return scores;
}

// 100 * difference / n to one decimal, halves away from zero, in integers: 1 detractor of 16 is
// -6.25 exactly, which must not become -6.2 or -6.3 by the accident of binary rounding.
double percentToOneDecimal(long long difference, long long n)
{
    const long long scaled = 1000 * std::llabs(difference); // tenths of a percent, times n
    const long long tenths = (2 * scaled + n) / (2 * n);
    return double(difference < 0 ? -tenths : tenths) / 10.0;
}

} // namespace

bool isResponse(const SurveyResponse &r)
{
    return !std::isnan(r.score) && r.score >= r.scale.min && r.score <= r.scale.max;
}

// csat_pct: satisfied CSAT responses of all CSAT responses; offered/unoffered rows have no
// score and are not responses; NPS and CES responses are other surveys.
MetricValue csat_pct(SurveyCohort responses, const SurveyFields &f)
{
    const CsatCounts counts = csatCounts(responses, [](const SurveyResponse &) { return true; });
    return fromProportion(counts.satisfied, counts.responses, f.csat);
}

MetricValue csat_responses(SurveyCohort responses, const SurveyFields &f)
{
    return count(csatCounts(responses, [](const SurveyResponse &) { return true; }).responses, f.csat);
}

// csat_mean: mean score of CSAT responses on the 1-5 scale only; means of other scales are not
// comparable with it, so good/bad-only data (and 1-10 data) has no value here.
MetricValue csat_mean(SurveyCohort responses, const SurveyFields &f)
{
    if (!f.csat)
        return {};
    return plainValue(stats::mean(scoresOn(responses, SurveyType::Csat, oneToFive)));
}

// NPS responses on its 0-10 scale; an "NPS" question on another scale is not NPS and is left out.
NpsCounts npsCounts(SurveyCohort responses)
{
    NpsCounts counts;
    for (const SurveyResponse *r : responses) {
        if (!isResponseOn(*r, SurveyType::Nps, zeroToTen))
            continue;
        if (r->score >= 9)
            ++counts.promoters;
        else if (r->score <= 6)
            ++counts.detractors;
        else
            ++counts.passives;
    }
    return counts;
}

// nps: % promoters - % detractors, -100..100, rounded to one decimal here (see the header). No
// interval: it is a difference of two proportions, not one.
MetricValue nps(SurveyCohort responses, const SurveyFields &f)
{
    if (!f.nps)
        return {};
    const NpsCounts counts = npsCounts(responses);
    if (counts.responses() == 0)
        return {};
    return plainValue(percentToOneDecimal(counts.promoters - counts.detractors, counts.responses()));
}

MetricValue nps_responses(SurveyCohort responses, const SurveyFields &f)
{
    return count(npsCounts(responses).responses(), f.nps);
}

// ces_mean: mean Customer Effort Score of responses on the 1-7 agreement scale (7 = very easy).
MetricValue ces_mean(SurveyCohort responses, const SurveyFields &f)
{
    if (!f.ces)
        return {};
    return plainValue(stats::mean(scoresOn(responses, SurveyType::Ces, oneToSeven)));
}

// ces_easy_pct: share of 1-7 CES responses that are 5, 6 or 7.
MetricValue ces_easy_pct(SurveyCohort responses, const SurveyFields &f)
{
    long long easy = 0, n = 0;
    for (const SurveyResponse *r : responses) {
        if (!isResponseOn(*r, SurveyType::Ces, oneToSeven))
            continue;
        ++n;
        easy += r->score >= 5 ? 1 : 0;
    }
    return fromProportion(easy, n, f.ces);
}

// csa_pct: csat_pct of the agent's own responses; a response attributed to no agent counts for none.
MetricValue csa_pct(SurveyCohort responses, std::int16_t agent, const SurveyFields &f)
{
    if (agent < 0)
        return {};
    const CsatCounts counts = csatCounts(responses, [agent](const SurveyResponse &r) { return r.agent == agent; });
    return fromProportion(counts.satisfied, counts.responses, f.csat && f.agent);
}

std::span<const MetricFunction<SurveyMetricFunction>> metricFunctions()
{
    static const MetricFunction<SurveyMetricFunction> functions[] = {
        {"csat_pct", &csat_pct}, {"csat_responses", &csat_responses}, {"csat_mean", &csat_mean},
        {"nps", &nps},           {"nps_responses", &nps_responses},   {"ces_mean", &ces_mean},
        {"ces_easy_pct", &ces_easy_pct},
    };
    return functions;
}

} // namespace sl::surveys
