#pragma once

// KPI targets: one threshold per metric id ("csat_pct ≥ 90", "frt_median_min ≤ 60"), stored in
// the database's `targets` table (the 3 -> 4 migration in database.cpp). The threshold is all
// that is stored: which side of it is good is the metric's direction in the one definitions
// table, so a target can never disagree with the arrows and colours of the rest of the window.
//
// Targets change no figure, so writing them does not bump the data version (a cached snapshot
// stays valid).

#include "metrics/definitions.h"
#include "store/database.h"

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

// Every target in the database. nullopt with a sentence in *error when it cannot be read.
std::optional<Targets> loadTargets(Database &database, QString *error);

// Replaces every target with `targets`, in one transaction. A target for an id the definitions
// do not know, for a neutral metric, or with a value that is not finite is refused; nothing is
// written then, and *error says which.
bool saveTargets(Database &database, const Targets &targets, QString *error);

} // namespace sl
