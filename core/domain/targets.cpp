#include "domain/targets.h"

namespace sl {

std::optional<double> Targets::of(std::string_view metricId) const
{
    const auto it = m_values.find(metricId);
    if (it == m_values.end())
        return std::nullopt;
    return it->second;
}

void Targets::set(std::string_view metricId, double value)
{
    m_values.insert_or_assign(std::string(metricId), value);
}

void Targets::clear(std::string_view metricId)
{
    const auto it = m_values.find(metricId);
    if (it != m_values.end())
        m_values.erase(it);
}

bool canHaveTarget(const MetricDefinition &metric)
{
    return metric.direction != MetricDirection::Neutral;
}

TargetStatus targetStatus(
    const MetricDefinition &metric, const std::optional<double> &value, const std::optional<double> &target)
{
    if (!value || !target || !canHaveTarget(metric))
        return TargetStatus::NoTarget;
    const bool met = metric.direction == MetricDirection::HigherIsBetter ? *value >= *target : *value <= *target;
    return met ? TargetStatus::Met : TargetStatus::Missed;
}

QString targetComparator(const MetricDefinition &metric)
{
    switch (metric.direction) {
    case MetricDirection::HigherIsBetter:
        return QStringLiteral("≥");
    case MetricDirection::LowerIsBetter:
        return QStringLiteral("≤");
    case MetricDirection::Neutral:
        break;
    }
    return {};
}

} // namespace sl
