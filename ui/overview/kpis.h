#pragma once

// What each KPI card of the Overview says, derived from a dashboard result without a widget:
// the value, the change against the previous period judged by the metric's direction, the
// sample size of a rate, the sparkline and the tooltip. A card whose metric has no value (an
// empty denominator, or a field the data does not have) is not shown at all: null is not zero.

#include "services/dashboardquery.h"
#include "domain/metricdefinitions.h"
#include "store/targetstore.h"
#include "widgets/accentcolors.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <string_view>
#include <vector>

namespace sl::ui {

struct KpiCardData
{
    std::string_view id;
    const MetricDefinition *metric = nullptr;
    QString title;
    std::optional<double> value;
    QString valueText;
    std::optional<double> previous;
    std::optional<double> delta;  // value − previous, in the metric's unit (points for percentages)
    QString deltaText;            // "▲ +2.1 pts", "▼ −3.0 min (−12 %)"; empty without a comparison
    Judgement judgement = Judgement::Neutral;
    std::optional<std::int64_t> sampleSize; // rates: how many the percentage is of
    QString sampleText;
    QString toolTip; // rich text: definition, interval, previous value
    std::vector<std::optional<double>> sparkline;
    std::optional<double> target;  // the metric's target, when one is set
    TargetStatus targetStatus = TargetStatus::NoTarget;
    QString targetText;            // "Target ≥ 90.0 %"; empty without a target

    bool isShown() const { return value.has_value(); }
};

// The headline metrics, in the order of the cards.
const std::vector<std::string_view> &overviewKpiIds();

// One entry per overviewKpiIds(), hidden ones included (isShown() false), each judged against
// its target in `targets` where one is set.
std::vector<KpiCardData> kpiCards(const DashboardResult &result, const Targets &targets = {});

// "Target ≥ 90.0 %" for `metric`'s `target`.
QString targetText(const MetricDefinition &metric, double target);

// The change of `metric` from `previous` to `value` in words and its judgement.
QString deltaText(const MetricDefinition &metric, double value, double previous);
Judgement judge(const MetricDefinition &metric, double value, double previous);

class KpiText
{
    Q_DECLARE_TR_FUNCTIONS(KpiText)
};

} // namespace sl::ui
