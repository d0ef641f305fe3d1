#include "metrics/definitions.h"

#include <QLocale>
#include <QObject>

namespace sl {

namespace {

using U = MetricUnit;
using D = MetricDirection;

const std::vector<MetricDefinition> definitions = {
    {"tickets_created", "Tickets created", U::Count, D::Neutral, false,
     "Count of tickets created in the period."},
    {"tickets_solved", "Tickets solved", U::Count, D::HigherIsBetter, false,
     "Count of tickets with a solved/resolved time in the period."},
    {"backlog_end", "Backlog at end", U::Count, D::LowerIsBetter, false,
     "Tickets created on or before the period's end and not solved by its end."},
    {"frt_median_min", "First reply time (median)", U::Minutes, D::LowerIsBetter, false,
     "First agent reply − created, calendar minutes (the export's own calendar column when present); tickets "
     "created in the period; tickets without a reply are left out."},
    {"frt_mean_min", "First reply time (mean)", U::Minutes, D::LowerIsBetter, false,
     "Mean of the first reply times of tickets created in the period."},
    {"frt_p90_min", "First reply time (p90)", U::Minutes, D::LowerIsBetter, false,
     "90th percentile (nearest rank) of the first reply times of tickets created in the period."},
    {"frt_unreplied", "Unreplied tickets", U::Count, D::LowerIsBetter, false,
     "Tickets created in the period with no agent reply yet."},
    {"frt_bh_median_min", "First reply time, business hours (median)", U::Minutes, D::LowerIsBetter, false,
     "First reply time counting only business hours (the export's own business-hours column); created cohort."},
    {"frt_bh_mean_min", "First reply time, business hours (mean)", U::Minutes, D::LowerIsBetter, false,
     "Mean business-hours first reply time; created cohort."},
    {"frt_bh_p90_min", "First reply time, business hours (p90)", U::Minutes, D::LowerIsBetter, false,
     "90th percentile (nearest rank) of business-hours first reply times; created cohort."},
    {"resolution_median_hours", "Resolution time (median)", U::Hours, D::LowerIsBetter, false,
     "Full resolution time: last solved − created, calendar hours (the export's own calendar column when "
     "present); tickets solved in the period."},
    {"resolution_mean_hours", "Resolution time (mean)", U::Hours, D::LowerIsBetter, false,
     "Average resolution time (ART) of tickets solved in the period."},
    {"resolution_bh_median_hours", "Resolution time, business hours (median)", U::Hours, D::LowerIsBetter, false,
     "Full resolution time counting only business hours (the export's own business-hours column); solved cohort."},
    {"resolution_bh_mean_hours", "Resolution time, business hours (mean)", U::Hours, D::LowerIsBetter, false,
     "Mean business-hours resolution time; solved cohort."},
    {"aht_min", "Average handling time", U::Minutes, D::LowerIsBetter, false,
     "Mean tracked handle time over solved tickets that have one."},
    {"fcr_pct", "First contact resolution", U::Percent, D::HigherIsBetter, true,
     "Share of solved tickets resolved with exactly one agent reply and never reopened; denominator: solved "
     "tickets with at least one agent reply."},
    {"reopen_pct", "Reopened", U::Percent, D::LowerIsBetter, true,
     "Share of solved tickets reopened at least once."},
    {"sla_first_reply_pct", "First reply within target", U::Percent, D::HigherIsBetter, true,
     "Share of tickets created in the period whose first reply came within the channel's target (phone 20 s, "
     "chat 60 s, social 60 min, else 24 h); an unreplied ticket is a miss once its target passed before the "
     "period's end."},
    {"tickets_per_customer", "Tickets per customer", U::Ratio, D::LowerIsBetter, false,
     "Tickets created / distinct requesters among them."},
    {"replies_mean", "Agent replies per ticket", U::Ratio, D::LowerIsBetter, false,
     "Mean agent replies per solved ticket."},
    {"csat_pct", "CSAT", U::Percent, D::HigherIsBetter, true,
     "Share of ratings that are satisfied (4–5 of 5, or 'good'); ratings of tickets solved in the period. "
     "'Offered' and 'unoffered' are not responses."},
    {"csat_responses", "CSAT responses", U::Count, D::Neutral, false,
     "Ratings counted in CSAT: the denominator of csat_pct."},
    {"csat_mean", "CSAT (mean score)", U::Score, D::HigherIsBetter, false,
     "Mean rating on the 1–5 scale; no value for good/bad-only data."},
    {"survey_response_rate_pct", "Survey response rate", U::Percent, D::HigherIsBetter, true,
     "Rated tickets / tickets offered a survey, where the export says which were offered; solved cohort."},
};

} // namespace

const std::vector<MetricDefinition> &ticketMetricDefinitions()
{
    return definitions;
}

const MetricDefinition *findMetric(std::string_view id)
{
    for (const MetricDefinition &definition : definitions) {
        if (definition.id == id)
            return &definition;
    }
    return nullptr;
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
    case MetricUnit::Ratio: return {};
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
    case MetricUnit::Ratio: return locale.toString(*value, 'f', 2);
    }
    return {};
}

} // namespace sl
