#pragma once

// KPI targets: one threshold per metric id ("csat_pct ≥ 90", "frt_median_min ≤ 60"). The
// threshold is all a target holds: which side of it is good is the metric's direction in the
// one definitions table, so a target can never disagree with the arrows and colours of the
// rest of the window. store/targetstore.h reads and writes them.

#include "domain/metricdefinitions.h"

#include <QString>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace sl {

class Targets
{
public:
    // The target of `metricId`, if one is set.
    std::optional<double> of(std::string_view metricId) const;
    void set(std::string_view metricId, double value);
    void clear(std::string_view metricId);

    bool isEmpty() const { return m_values.empty(); }
    std::size_t size() const { return m_values.size(); }
    // Sorted by id.
    const std::map<std::string, double, std::less<>> &values() const { return m_values; }

    friend bool operator==(const Targets &, const Targets &) = default;

private:
    std::map<std::string, double, std::less<>> m_values;
};

enum class TargetStatus {
    NoTarget, // no target, no value, or a metric without a better direction
    Met,
    Missed,
};

// Whether `value` meets `target` by the metric's direction; a value exactly on the target meets it.
TargetStatus targetStatus(
    const MetricDefinition &metric, const std::optional<double> &value, const std::optional<double> &target);

// "≥" for higher-is-better metrics, "≤" for lower-is-better ones, empty for neutral ones.
QString targetComparator(const MetricDefinition &metric);

// Whether a metric can have a target at all (it has a better direction).
bool canHaveTarget(const MetricDefinition &metric);

} // namespace sl
