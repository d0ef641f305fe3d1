#include "domain/metricdefinitions.h"

#include <QCoreApplication>
#include <QLocale>
#include <QObject>

namespace sl {

namespace {

using U = MetricUnit;
using D = MetricDirection;
using F = MetricFamily;

const std::vector<MetricDefinition> definitions = {
    {"tickets_created", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Tickets created"), U::Count, D::Neutral, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Count of tickets created in the period."), F::Tickets},
    {"tickets_solved", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Tickets solved"), U::Count, D::HigherIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Count of tickets with a solved/resolved time in the period."), F::Tickets},
    {"backlog_end", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Backlog at end"), U::Count, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Tickets created on or before the period's end and not solved by its end."), F::Tickets},
    {"frt_median_min", QT_TRANSLATE_NOOP("sl::MetricDefinition", "First reply time (median)"), U::Minutes, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "First agent reply − created, calendar minutes (the export's own calendar column when present); tickets "
     "created in the period; tickets without a reply are left out."), F::Tickets},
    {"frt_mean_min", QT_TRANSLATE_NOOP("sl::MetricDefinition", "First reply time (mean)"), U::Minutes, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Mean of the first reply times of tickets created in the period."), F::Tickets},
    {"frt_p90_min", QT_TRANSLATE_NOOP("sl::MetricDefinition", "First reply time (p90)"), U::Minutes, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "90th percentile (nearest rank) of the first reply times of tickets created in the period."), F::Tickets},
    {"frt_unreplied", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Unreplied tickets"), U::Count, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Tickets created in the period with no agent reply yet."), F::Tickets},
    {"frt_bh_median_min", QT_TRANSLATE_NOOP("sl::MetricDefinition", "First reply time, business hours (median)"), U::Minutes, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "First reply time counting only business hours (the export's own business-hours column); created cohort."), F::Tickets},
    {"frt_bh_mean_min", QT_TRANSLATE_NOOP("sl::MetricDefinition", "First reply time, business hours (mean)"), U::Minutes, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Mean business-hours first reply time; created cohort."), F::Tickets},
    {"frt_bh_p90_min", QT_TRANSLATE_NOOP("sl::MetricDefinition", "First reply time, business hours (p90)"), U::Minutes, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "90th percentile (nearest rank) of business-hours first reply times; created cohort."), F::Tickets},
    {"resolution_median_hours", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Resolution time (median)"), U::Hours, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Full resolution time: last solved − created, calendar hours (the export's own calendar column when "
     "present); tickets solved in the period."), F::Tickets},
    {"resolution_mean_hours", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Resolution time (mean)"), U::Hours, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Average resolution time (ART) of tickets solved in the period."), F::Tickets},
    {"resolution_bh_median_hours", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Resolution time, business hours (median)"), U::Hours, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Full resolution time counting only business hours (the export's own business-hours column); solved cohort."), F::Tickets},
    {"resolution_bh_mean_hours", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Resolution time, business hours (mean)"), U::Hours, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Mean business-hours resolution time; solved cohort."), F::Tickets},
    {"aht_min", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Average handling time"), U::Minutes, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Mean tracked handle time over solved tickets that have one."), F::Tickets},
    {"fcr_pct", QT_TRANSLATE_NOOP("sl::MetricDefinition", "First contact resolution"), U::Percent, D::HigherIsBetter, true,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Share of solved tickets resolved with exactly one agent reply and never reopened; denominator: solved "
     "tickets with at least one agent reply."), F::Tickets},
    {"reopen_pct", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Reopened"), U::Percent, D::LowerIsBetter, true,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Share of solved tickets reopened at least once."), F::Tickets},
    {"sla_first_reply_pct", QT_TRANSLATE_NOOP("sl::MetricDefinition", "First reply within target"), U::Percent, D::HigherIsBetter, true,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Share of tickets created in the period whose first reply came within the channel's target (phone 20 s, "
     "chat 60 s, social 60 min, else 24 h); an unreplied ticket is a miss once its target passed before the "
     "period's end."), F::Tickets},
    {"tickets_per_customer", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Tickets per customer"), U::Ratio, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Tickets created / distinct requesters among them."), F::Tickets},
    {"replies_mean", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Agent replies per ticket"), U::Ratio, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Mean agent replies per solved ticket."), F::Tickets},
    {"csat_pct", QT_TRANSLATE_NOOP("sl::MetricDefinition", "CSAT"), U::Percent, D::HigherIsBetter, true,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Share of ratings that are satisfied (4–5 of 5, or 'good'); ratings of tickets solved in the period. "
     "'Offered' and 'unoffered' are not responses."), F::Tickets},
    {"csat_responses", QT_TRANSLATE_NOOP("sl::MetricDefinition", "CSAT responses"), U::Count, D::Neutral, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Ratings counted in CSAT: the denominator of csat_pct."), F::Tickets},
    {"csat_mean", QT_TRANSLATE_NOOP("sl::MetricDefinition", "CSAT (mean score)"), U::Score, D::HigherIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Mean rating on the 1–5 scale; no value for good/bad-only data."), F::Tickets},
    {"survey_response_rate_pct", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Survey response rate"), U::Percent, D::HigherIsBetter, true,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Rated tickets / tickets offered a survey, where the export says which were offered; solved cohort."), F::Tickets},
};

const std::vector<MetricDefinition> callDefinitions = {
    {"calls_offered", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Calls offered"), U::Count, D::Neutral, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Calls that reached the queue in the period."), F::Calls},
    {"calls_answered", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Calls answered"), U::Count, D::HigherIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Calls of the period that an agent answered."), F::Calls},
    {"calls_abandoned", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Calls abandoned"), U::Count, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Calls of the period hung up before an agent answered."), F::Calls},
    {"abandon_pct", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Abandoned"), U::Percent, D::LowerIsBetter, true,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Abandoned / offered calls in the period."), F::Calls},
    {"asa_s", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Average speed of answer"), U::Seconds, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Mean wait before answer, answered calls only."), F::Calls},
    {"service_level_pct", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Service level"), U::Percent, D::HigherIsBetter, true,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Answered within the target (20 s default; a call answered at exactly the target is within) / (answered + "
     "calls abandoned after the target); calls abandoned within the target are not counted (ICMI's formula 4)."), F::Calls},
    {"aht_min", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Average handling time (calls)"), U::Minutes, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "(Talk + hold + after-call work) mean over answered calls in the period."), F::Calls},
    {"fcr_pct", QT_TRANSLATE_NOOP("sl::MetricDefinition", "First contact resolution (calls)"), U::Percent, D::HigherIsBetter, true,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Calls flagged resolved on first contact / answered calls with a resolution flag."), F::Calls},
};

const std::vector<MetricDefinition> surveyDefinitions = {
    {"csat_pct", QT_TRANSLATE_NOOP("sl::MetricDefinition", "CSAT"), U::Percent, D::HigherIsBetter, true,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Share of CSAT responses that are satisfied: 4–5 on a 1–5 scale, 'good' on a good/bad scale, top two "
     "boxes on other scales. 'Offered' and 'unoffered' are not responses."), F::Surveys},
    {"csat_responses", QT_TRANSLATE_NOOP("sl::MetricDefinition", "CSAT responses"), U::Count, D::Neutral, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "CSAT responses counted in CSAT: the denominator of csat_pct."), F::Surveys},
    {"csat_mean", QT_TRANSLATE_NOOP("sl::MetricDefinition", "CSAT (mean score)"), U::Score, D::HigherIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Mean score on the 1–5 scale; no value for good/bad-only data."), F::Surveys},
    {"nps", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Net Promoter Score"), U::Points, D::HigherIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "% promoters (9–10) − % detractors (0–6) of NPS responses, −100…100, one decimal."), F::Surveys},
    {"nps_responses", QT_TRANSLATE_NOOP("sl::MetricDefinition", "NPS responses"), U::Count, D::Neutral, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "NPS responses: promoters + passives (7–8) + detractors."), F::Surveys},
    {"ces_mean", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Customer effort (mean)"), U::Score, D::HigherIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Mean Customer Effort Score on a 1–7 agreement scale (7 = very easy)."), F::Surveys},
    {"ces_easy_pct", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Customer effort: easy"), U::Percent, D::HigherIsBetter, true,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Share of Customer Effort Score responses of 5–7 on the 1–7 scale."), F::Surveys},
    {"csa_pct", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Customer satisfaction with agent"), U::Percent, D::HigherIsBetter, true,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "csat_pct over the responses attributed to one agent (in a leaderboard, the CSAT column)."), F::Surveys},
};

const std::vector<MetricDefinition> businessDefinitions = {
    {"retention_pct", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Customer retention"), U::Percent, D::HigherIsBetter, true,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "(E − N) / S × 100: S customers active at the period's start, E active at its end, N who started during "
     "it and are still active at its end."), F::Customers},
    {"churn_pct", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Customer churn"), U::Percent, D::LowerIsBetter, true,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Customers active at the period's start who ended during it / S × 100."), F::Customers},
    {"clv", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Customer lifetime value"), U::Currency, D::HigherIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Average revenue per customer per month × gross margin (default 100%) / monthly churn rate (as a "
     "fraction); no value when churn is 0."), F::Customers},
    {"cost_per_ticket", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Cost per ticket"), U::Currency, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Support cost of the period / tickets solved in it."), F::Costs},
    {"cost_per_interaction", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Cost per interaction"), U::Currency, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Support cost / (tickets created + calls answered + chats) in the period."), F::Costs},
    {"contact_rate_pct", QT_TRANSLATE_NOOP("sl::MetricDefinition", "Contact rate"), U::Percent, D::LowerIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Tickets created / orders (or active customers, when no order counts are given) × 100."), F::Costs},
    {"qa_score_mean", QT_TRANSLATE_NOOP("sl::MetricDefinition", "QA score"), U::Points, D::HigherIsBetter, false,
     QT_TRANSLATE_NOOP("sl::MetricDefinition", "Mean QA review score, 0–100, over reviews dated in the period."), F::Quality},
};

} // namespace

const std::vector<MetricDefinition> &ticketMetricDefinitions()
{
    return definitions;
}

const std::vector<MetricDefinition> &callMetricDefinitions()
{
    return callDefinitions;
}

const std::vector<MetricDefinition> &surveyMetricDefinitions()
{
    return surveyDefinitions;
}

const std::vector<MetricDefinition> &businessMetricDefinitions()
{
    return businessDefinitions;
}

std::vector<const MetricDefinition *> allMetricDefinitions()
{
    std::vector<const MetricDefinition *> all;
    for (const std::vector<MetricDefinition> *table : {&definitions, &callDefinitions, &surveyDefinitions,
                                                       &businessDefinitions}) {
        for (const MetricDefinition &definition : *table)
            all.push_back(&definition);
    }
    return all;
}

QString metricFamilyName(MetricFamily family)
{
    switch (family) {
    case MetricFamily::Tickets: return QStringLiteral("tickets");
    case MetricFamily::Calls: return QStringLiteral("calls");
    case MetricFamily::Surveys: return QStringLiteral("surveys");
    case MetricFamily::Customers: return QStringLiteral("customers");
    case MetricFamily::Costs: return QStringLiteral("costs");
    case MetricFamily::Quality: return QStringLiteral("quality");
    }
    return {};
}

const MetricDefinition *findMetricIn(const std::vector<MetricDefinition> &table, std::string_view id)
{
    for (const MetricDefinition &definition : table) {
        if (definition.id == id)
            return &definition;
    }
    return nullptr;
}

const MetricDefinition *findMetric(std::string_view id)
{
    // Tickets first: for an id a family shares with them, existing callers index the ticket table.
    for (const std::vector<MetricDefinition> *table : {&definitions, &callDefinitions, &surveyDefinitions,
                                                       &businessDefinitions}) {
        if (const MetricDefinition *definition = findMetricIn(*table, id))
            return definition;
    }
    return nullptr;
}

QString displayName(const MetricDefinition &metric)
{
    return QCoreApplication::translate("sl::MetricDefinition", metric.name);
}

QString displayDefinition(const MetricDefinition &metric)
{
    return QCoreApplication::translate("sl::MetricDefinition", metric.definition);
}

QString unitSuffix(MetricUnit unit)
{
    switch (unit) {
    case MetricUnit::Percent: return QStringLiteral(" %");
    case MetricUnit::Minutes: return QObject::tr(" min");
    case MetricUnit::Hours: return QObject::tr(" h");
    case MetricUnit::Seconds: return QObject::tr(" s");
    case MetricUnit::Count:
    case MetricUnit::Score:
    case MetricUnit::Ratio:
    case MetricUnit::Points:
    case MetricUnit::Currency: return {};
    }
    return {};
}

QString formatMetricValue(const MetricDefinition &definition, const std::optional<double> &value)
{
    if (!value)
        return QStringLiteral("—");
    const QLocale locale;
    switch (definition.unit) {
    case MetricUnit::Count: return locale.toString(qlonglong(std::llround(*value)));
    case MetricUnit::Percent:
    case MetricUnit::Minutes:
    case MetricUnit::Hours:
    case MetricUnit::Seconds: return locale.toString(*value, 'f', 1) + unitSuffix(definition.unit);
    case MetricUnit::Score:
    case MetricUnit::Ratio:
    case MetricUnit::Currency: return locale.toString(*value, 'f', 2);
    case MetricUnit::Points: return locale.toString(*value, 'f', 1);
    }
    return {};
}

} // namespace sl
