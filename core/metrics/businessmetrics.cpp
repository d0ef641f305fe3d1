#include "metrics/businessmetrics.h"

#include "metrics/stats.h"

#include <algorithm>

namespace sl::business {

namespace {

constexpr double meanGregorianMonthDays = 365.2425 / 12.0; // 30.436875

bool has(double value)
{
    return !std::isnan(value);
}

MetricValue fromProportion(long long successes, long long trials, bool dataHasField)
{
    if (!dataHasField)
        return {};
    return proportionValue(successes, trials);
}

MetricValue value(double v)
{
    return plainValue(v);
}

// Customers whose dates place them in time; see the header for the flagged-without-date rule.
bool isDated(const CustomerFacts &c)
{
    if (!c.startedOn.isValid())
        return false;
    if (c.endedOn.isValid())
        return c.endedOn >= c.startedOn; // an end before the start is a broken row
    return !c.churnedWithoutDate;
}

bool endedOnOrBefore(const CustomerFacts &c, const QDate &day)
{
    return c.endedOn.isValid() && c.endedOn <= day;
}

// Started on or before the period's last day and not ended before its first.
bool isActiveDuring(const CustomerFacts &c, const DayPeriod &period)
{
    return c.startedOn <= period.last && !endedOnOrBefore(c, period.first.addDays(-1));
}

bool sameMonth(const QDate &a, const QDate &b)
{
    return a.year() == b.year() && a.month() == b.month();
}

// Calls add(entry, shareOfMonth) for every entry of every month the period touches; returns false
// when a month has no entry.
template<typename Add>
bool forEachMonthShare(std::span<const CostPeriod> costs, const DayPeriod &period, Add add)
{
    for (QDate month(period.first.year(), period.first.month(), 1); month <= period.last; month = month.addMonths(1)) {
        const QDate monthEnd(month.year(), month.month(), month.daysInMonth());
        const QDate from = std::max(month, period.first);
        const QDate to = std::min(monthEnd, period.last);
        const double share = double(from.daysTo(to) + 1) / double(month.daysInMonth());
        bool found = false;
        for (const CostPeriod &entry : costs) {
            if (entry.month.isValid() && sameMonth(entry.month, month))
                found = add(entry, share) || found;
        }
        if (!found)
            return false;
    }
    return true;
}

} // namespace

CustomerCounts countCustomers(std::span<const CustomerFacts> customers, const DayPeriod &period)
{
    CustomerCounts counts;
    if (!period.isValid())
        return counts;
    for (const CustomerFacts &c : customers) {
        if (!isDated(c))
            continue;
        const bool atStart = c.startedOn < period.first && !endedOnOrBefore(c, period.first.addDays(-1));
        const bool atEnd = c.startedOn <= period.last && !endedOnOrBefore(c, period.last);
        const bool startedDuring = c.startedOn >= period.first && c.startedOn <= period.last;
        counts.activeAtStart += atStart ? 1 : 0;
        counts.activeAtEnd += atEnd ? 1 : 0;
        counts.newActiveAtEnd += startedDuring && atEnd ? 1 : 0;
        counts.churned += atStart && endedOnOrBefore(c, period.last) ? 1 : 0;
        counts.activeDuring += isActiveDuring(c, period) ? 1 : 0;
    }
    return counts;
}

// retention_pct: (E - N) / S x 100, the customers of the start still there at the end; with the
// header's N this is exactly 100 - churn_pct.
MetricValue retention_pct(std::span<const CustomerFacts> customers, const DayPeriod &period, const CustomerFields &f)
{
    const CustomerCounts c = countCustomers(customers, period);
    return fromProportion(c.activeAtEnd - c.newActiveAtEnd, c.activeAtStart, f.endDate && period.isValid());
}

// churn_pct: customers of the start who ended during the period / S x 100. Customers who joined
// during the period and left in it are not in S, so they are not churn of this period's base.
MetricValue churn_pct(std::span<const CustomerFacts> customers, const DayPeriod &period, const CustomerFields &f)
{
    const CustomerCounts c = countCustomers(customers, period);
    return fromProportion(c.churned, c.activeAtStart, f.endDate && period.isValid());
}

double monthsIn(const DayPeriod &period)
{
    if (!period.isValid())
        return 0;
    if (period.first.day() == 1 && period.last.day() == period.last.daysInMonth())
        return (period.last.year() - period.first.year()) * 12 + period.last.month() - period.first.month() + 1;
    return double(period.first.daysTo(period.last) + 1) / meanGregorianMonthDays;
}

std::optional<double> monthlyChurnRate(std::span<const CustomerFacts> customers, const DayPeriod &period,
                                       const CustomerFields &f)
{
    const std::optional<double> churnPct = churn_pct(customers, period, f).value;
    if (!churnPct)
        return std::nullopt;
    const double churn = *churnPct / 100.0;
    return 1.0 - std::pow(1.0 - churn, 1.0 / monthsIn(period));
}

MetricValue clv(std::span<const CustomerFacts> customers, const DayPeriod &period, const CustomerFields &f,
                double grossMargin)
{
    if (!f.monthlyRevenue || !std::isfinite(grossMargin))
        return {};
    const std::optional<double> monthlyChurn = monthlyChurnRate(customers, period, f);
    if (!monthlyChurn || *monthlyChurn <= 0)
        return {};
    double revenue = 0;
    long long payers = 0;
    for (const CustomerFacts &c : customers) {
        if (isDated(c) && isActiveDuring(c, period) && has(c.monthlyRevenue)) {
            revenue += c.monthlyRevenue;
            ++payers;
        }
    }
    if (payers == 0)
        return {};
    return value(revenue / double(payers) * grossMargin / *monthlyChurn);
}

std::optional<double> supportCostIn(std::span<const CostPeriod> costs, const DayPeriod &period, std::int16_t channel)
{
    if (!period.isValid())
        return std::nullopt;
    double total = 0;
    const bool complete = forEachMonthShare(costs, period, [&](const CostPeriod &entry, double share) {
        if (channel < 0) {
            if (!has(entry.cost))
                return false;
            total += entry.cost * share;
            return true;
        }
        bool found = false;
        for (const ChannelCost &part : entry.byChannel) {
            if (part.channel == channel && has(part.cost)) {
                total += part.cost * share;
                found = true;
            }
        }
        return found;
    });
    return complete ? std::optional<double>(total) : std::nullopt;
}

std::optional<double> ordersIn(std::span<const CostPeriod> costs, const DayPeriod &period)
{
    if (!period.isValid())
        return std::nullopt;
    double total = 0;
    const bool complete = forEachMonthShare(costs, period, [&](const CostPeriod &entry, double share) {
        if (entry.orders < 0)
            return false;
        total += double(entry.orders) * share;
        return true;
    });
    return complete ? std::optional<double>(total) : std::nullopt;
}

MetricValue cost_per_ticket(const std::optional<double> &supportCost, const std::optional<long long> &ticketsSolved)
{
    if (!supportCost || !ticketsSolved || *ticketsSolved <= 0)
        return {};
    return value(*supportCost / double(*ticketsSolved));
}

MetricValue cost_per_interaction(const std::optional<double> &supportCost, const Interactions &interactions)
{
    if (!supportCost)
        return {};
    const long long contacts = interactions.ticketsCreated.value_or(0) + interactions.callsAnswered.value_or(0)
                               + interactions.chats.value_or(0);
    if (contacts <= 0)
        return {};
    return value(*supportCost / double(contacts));
}

MetricValue contact_rate_pct(const std::optional<long long> &ticketsCreated, const std::optional<double> &orders,
                             const std::optional<long long> &activeCustomers)
{
    if (!ticketsCreated)
        return {};
    std::optional<double> denominator = orders;
    if (!denominator && activeCustomers)
        denominator = double(*activeCustomers);
    if (!denominator || *denominator <= 0)
        return {};
    return value(100.0 * double(*ticketsCreated) / *denominator);
}

MetricValue qa_score_mean(std::span<const QaReview> reviews, const DayPeriod &period)
{
    if (!period.isValid())
        return {};
    std::vector<double> scores;
    for (const QaReview &review : reviews) {
        if (!review.reviewedOn.isValid() || review.reviewedOn < period.first || review.reviewedOn > period.last)
            continue;
        const double maximum = has(review.maxPoints) ? review.maxPoints : 100.0;
        if (maximum <= 0 || !has(review.score) || review.score < 0 || review.score > maximum)
            continue; // no score, or one its scorecard cannot hold
        scores.push_back(100.0 * review.score / maximum);
    }
    return plainValue(stats::mean(scores));
}

std::span<const MetricFunction<BusinessMetricFunction>> metricFunctions()
{
    using In = const BusinessInputs &;
    static const MetricFunction<BusinessMetricFunction> functions[] = {
        {"retention_pct",
         [](In in) { return in.customers ? retention_pct(*in.customers, in.period, in.customerFields) : MetricValue{}; }},
        {"churn_pct",
         [](In in) { return in.customers ? churn_pct(*in.customers, in.period, in.customerFields) : MetricValue{}; }},
        {"clv",
         [](In in) {
             return in.customers ? clv(*in.customers, in.period, in.customerFields, in.grossMargin) : MetricValue{};
         }},
        {"cost_per_ticket",
         [](In in) { return in.costs ? cost_per_ticket(in.supportCost, in.ticketsSolved) : MetricValue{}; }},
        {"cost_per_interaction",
         [](In in) {
             return in.costs ? cost_per_interaction(in.supportCost, {in.ticketsCreated, in.callsAnswered, std::nullopt})
                             : MetricValue{};
         }},
        {"contact_rate_pct",
         [](In in) {
             return in.costs ? contact_rate_pct(in.ticketsCreated, in.orders, in.activeCustomers) : MetricValue{};
         }},
        {"qa_score_mean", [](In in) { return in.reviews ? qa_score_mean(*in.reviews, in.period) : MetricValue{}; }},
    };
    return functions;
}

} // namespace sl::business
