#pragma once

// The one table of metric definitions that the CLI, the window and the PDF report all read:
// id (exactly as in spec/metrics.md), display name, unit, which direction is good, and the
// definition a tooltip or the report's appendix shows. Adding a metric touches this table, its
// function in ticketmetrics.cpp, and its test.

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
    Score,    // a mean on the source's scale (CSAT 1-5)
    Ratio,    // tickets per customer, replies per ticket
};

enum class MetricDirection { HigherIsBetter, LowerIsBetter, Neutral };

struct MetricDefinition
{
    std::string_view id;
    const char *name;       // for people; through tr() where shown
    MetricUnit unit;
    MetricDirection direction;
    bool proportion;        // carries _lo and _hi
    const char *definition; // what counts and what is left out, from the spec
};

const std::vector<MetricDefinition> &ticketMetricDefinitions();
const MetricDefinition *findMetric(std::string_view id);

// "87.5 %", "42 min", "1,234", "—" for no value; in the user's locale.
QString formatMetricValue(const MetricDefinition &definition, const std::optional<double> &value);
QString unitSuffix(MetricUnit unit);

} // namespace sl
