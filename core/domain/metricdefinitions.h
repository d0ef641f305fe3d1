#pragma once

// The one table of metric definitions that the CLI, the window and the PDF report all read:
// id (exactly as in spec/metrics.md), display name, unit, which direction is good, and the
// definition a tooltip or the report's appendix shows. Adding a metric touches this table, its
// function (ticketmetrics.cpp, callmetrics.cpp, surveymetrics.cpp or businessmetrics.cpp), and
// its test.
//
// One table per family, in the spec's order. The spec gives some call and survey metrics the ids
// of ticket metrics (aht_min, fcr_pct, csat_pct, csat_responses, csat_mean) with their own
// definitions; each family's table holds its own entry, and findMetric() finds the ticket one.

#include <QString>

#include <optional>
#include <string_view>
#include <vector>

namespace sl {

enum class MetricUnit {
    Count,    // whole number
    Percent,  // 0-100, with a Wilson interval when it is a proportion
    Minutes,
    Hours,
    Seconds,
    Score,    // a mean on the source's scale (CSAT 1-5, CES 1-7)
    Ratio,    // tickets per customer, replies per ticket
    Points,   // a fixed points scale: NPS -100..100, QA 0-100; one decimal, no suffix
    Currency, // the cost data's own currency, which the data does not name: no symbol
};

enum class MetricDirection { HigherIsBetter, LowerIsBetter, Neutral };

// The spec's sections: which data a metric is computed from, and which family of pure functions
// in core/metrics computes it (ticketmetrics, callmetrics, surveymetrics, businessmetrics).
enum class MetricFamily { Tickets, Calls, Surveys, Customers, Costs, Quality };
QString metricFamilyName(MetricFamily family); // "tickets", "calls", … (not translated: an id)

struct MetricDefinition
{
    std::string_view id;
    const char *name;       // for people, in English; displayName() in the user's language
    MetricUnit unit;
    MetricDirection direction;
    bool proportion;        // carries _lo and _hi
    const char *definition; // what counts and what is left out, from the spec; displayDefinition()
    MetricFamily family;
};

const std::vector<MetricDefinition> &ticketMetricDefinitions();
const std::vector<MetricDefinition> &callMetricDefinitions();
const std::vector<MetricDefinition> &surveyMetricDefinitions();
const std::vector<MetricDefinition> &businessMetricDefinitions(); // customers, cost, quality

// Every row of the four tables, in that order (an id two families share appears once per family).
std::vector<const MetricDefinition *> allMetricDefinitions();

// Searches tickets, calls, surveys and business in that order: for an id two families share,
// the ticket entry (callers index ticketMetricDefinitions() with it). findMetricIn() picks a family.
const MetricDefinition *findMetric(std::string_view id);
const MetricDefinition *findMetricIn(const std::vector<MetricDefinition> &definitions, std::string_view id);

// The name and the definition in the user's language. The table marks both with
// QT_TRANSLATE_NOOP (context "sl::MetricDefinition"), so lupdate finds every one; the command
// line prints the English name, as spec/cli.md's output does.
QString displayName(const MetricDefinition &metric);
QString displayDefinition(const MetricDefinition &metric);

// "87.5 %", "42 min", "1,234", "33.3" (NPS), "12.50" (currency), "—" for no value; in the user's locale.
QString formatMetricValue(const MetricDefinition &definition, const std::optional<double> &value);
QString unitSuffix(MetricUnit unit);

} // namespace sl
