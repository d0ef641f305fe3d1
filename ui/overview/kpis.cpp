#include "overview/kpis.h"

#include "metrics/stats.h"

#include <QLocale>

#include <cmath>

namespace sl::ui {

namespace {

// Changes smaller than this (in the metric's unit) are "no change": rounding, not news.
constexpr double negligibleChange = 1e-6;

QString signedNumber(double value, int decimals)
{
    const QLocale locale;
    const QString magnitude = locale.toString(std::abs(value), 'f', decimals);
    if (std::abs(value) < std::pow(10.0, -decimals) / 2)
        return locale.toString(0.0, 'f', decimals);
    return (value > 0 ? QStringLiteral("+") : QStringLiteral("−")) + magnitude;
}

QString periodText(const std::optional<QDate> &from, const std::optional<QDate> &to)
{
    if (!from || !to)
        return {};
    const QLocale locale;
    return KpiText::tr("%1 – %2").arg(locale.toString(*from, QLocale::ShortFormat),
        locale.toString(*to, QLocale::ShortFormat));
}

} // namespace

const std::vector<std::string_view> &overviewKpiIds()
{
    static const std::vector<std::string_view> ids = {
        "tickets_created",
        "tickets_solved",
        "backlog_end",
        "frt_median_min",
        "resolution_median_hours",
        "csat_pct",
        "fcr_pct",
        "sla_first_reply_pct",
        "reopen_pct",
        "aht_min",
    };
    return ids;
}

Judgement judge(const MetricDefinition &metric, double value, double previous)
{
    const double change = value - previous;
    if (std::abs(change) < negligibleChange || metric.direction == MetricDirection::Neutral)
        return Judgement::Neutral;
    const bool up = change > 0;
    return up == (metric.direction == MetricDirection::HigherIsBetter) ? Judgement::Better : Judgement::Worse;
}

QString deltaText(const MetricDefinition &metric, double value, double previous)
{
    const double change = value - previous;
    const QString arrow = std::abs(change) < negligibleChange ? QString()
        : change > 0                                          ? QStringLiteral("▲ ")
                                                              : QStringLiteral("▼ ");
    QString amount;
    switch (metric.unit) {
    case MetricUnit::Percent:
        // A change of a percentage is in percentage points: 80 % → 84 % is +4 pts, not +5 %.
        amount = KpiText::tr("%1 pts").arg(signedNumber(change, 1));
        break;
    case MetricUnit::Count: amount = signedNumber(change, 0); break;
    case MetricUnit::Minutes:
    case MetricUnit::Hours:
    case MetricUnit::Seconds: amount = signedNumber(change, 1) + unitSuffix(metric.unit); break;
    default: amount = signedNumber(change, 2); break;
    }
    if (metric.unit != MetricUnit::Percent && std::abs(previous) > negligibleChange
        && std::abs(change) >= negligibleChange) {
        amount = KpiText::tr("%1 (%2 %)").arg(amount, signedNumber(100.0 * change / std::abs(previous), 1));
    }
    return arrow + amount;
}

QString targetText(const MetricDefinition &metric, double target)
{
    return KpiText::tr("Target %1 %2").arg(targetComparator(metric), formatMetricValue(metric, target));
}

std::vector<KpiCardData> kpiCards(const DashboardResult &result, const Targets &targets)
{
    std::vector<KpiCardData> cards;
    const QLocale locale;
    const std::size_t responsesIndex = ticketMetricIndex("csat_responses");
    for (std::string_view id : overviewKpiIds()) {
        const std::size_t index = ticketMetricIndex(id);
        const MetricDefinition &metric = ticketMetricDefinitions()[index];
        KpiCardData card;
        card.id = id;
        card.metric = &metric;
        card.title = displayName(metric);
        const MetricValue current = index < result.current.size() ? result.current[index] : MetricValue{};
        card.value = current.value;
        card.valueText = formatMetricValue(metric, current.value);
        if (result.previous && index < result.previous->size())
            card.previous = (*result.previous)[index].value;
        if (card.value && card.previous) {
            card.delta = *card.value - *card.previous;
            card.deltaText = deltaText(metric, *card.value, *card.previous);
            card.judgement = judge(metric, *card.value, *card.previous);
        }
        if (metric.proportion && current.value) {
            if (id == "csat_pct" && responsesIndex < result.current.size() && result.current[responsesIndex].value)
                card.sampleSize = std::int64_t(std::llround(*result.current[responsesIndex].value));
            else
                card.sampleSize = current.denominator;
            if (card.sampleSize)
                card.sampleText = KpiText::tr("n = %1").arg(locale.toString(qlonglong(*card.sampleSize)));
        }
        card.sparkline = result.sparkline.values(index);
        if (canHaveTarget(metric)) {
            card.target = targets.of(id);
            card.targetStatus = targetStatus(metric, card.value, card.target);
            if (card.target)
                card.targetText = targetText(metric, *card.target);
        }

        QString tip = QStringLiteral("<p><b>%1</b></p><p>%2</p>")
                          .arg(card.title.toHtmlEscaped(), displayDefinition(metric).toHtmlEscaped());
        QString figures = KpiText::tr("This period (%1): %2")
                              .arg(periodText(result.request.period.from, result.request.period.to), card.valueText);
        if (card.sampleSize)
            figures += KpiText::tr(", n = %1").arg(locale.toString(qlonglong(*card.sampleSize)));
        if (metric.proportion && current.lo && current.hi) {
            figures += QStringLiteral("<br>")
                + KpiText::tr("95 % Wilson interval: %1 – %2")
                      .arg(formatMetricValue(metric, current.lo), formatMetricValue(metric, current.hi));
        }
        if (result.previous) {
            figures += QStringLiteral("<br>")
                + KpiText::tr("Previous period (%1): %2")
                      .arg(periodText(result.previousFrom, result.previousTo), formatMetricValue(metric, card.previous));
        }
        tip += QStringLiteral("<p>%1</p>").arg(figures);
        if (card.target) {
            const QString verdict = card.targetStatus == TargetStatus::Met ? KpiText::tr("met")
                : card.targetStatus == TargetStatus::Missed                ? KpiText::tr("missed")
                                                                           : KpiText::tr("no value to judge");
            tip += QStringLiteral("<p>%1</p>").arg(KpiText::tr("%1: %2").arg(card.targetText, verdict).toHtmlEscaped());
        }
        if (metric.direction != MetricDirection::Neutral) {
            tip += QStringLiteral("<p>%1</p>")
                       .arg(metric.direction == MetricDirection::HigherIsBetter ? KpiText::tr("Higher is better.")
                                                                                : KpiText::tr("Lower is better."));
        }
        card.toolTip = tip;
        cards.push_back(std::move(card));
    }
    return cards;
}

} // namespace sl::ui
