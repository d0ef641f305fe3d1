#pragma once

// Customer, cost and quality metrics (spec/metrics.md, "Customers, cost and quality") as small
// pure functions over plain data, each named after its id. They live in sl::business like the
// call and survey families live in theirs (no id here clashes; one rule for every family).
//
// Periods are whole days, both ends inclusive, as everywhere in the spec; customer and cost data
// are dated by day or month, never by instant, so they take a DayPeriod of QDates in the display
// calendar. The boundary rules, chosen so that retention_pct + churn_pct = 100 whenever every
// ending has a date:
//   - a start or an end dated on a day of the period happened during the period;
//   - S, active at the period's start: started before its first day and not ended before it
//     (ending exactly on the first day is churn of this period, so that customer is in S);
//   - E, active at the period's end: started on or before its last day and not ended on or
//     before it (ending on the last day is churn of this period, so not in E);
//   - N, new: started during the period and still active at its end. A customer who started and
//     ended inside the period is in none of S, E and N: the spec's "N who started during it"
//     read literally would subtract from E someone E never held.
//   - a customer flagged churned with no end date is in none of them: counting them active hides
//     churn, counting them churned puts the same churn into every period.

#include "domain/businessfacts.h"
#include "metrics/metricfunctions.h"
#include "metrics/ticketmetrics.h" // MetricValue

#include <QDate>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace sl::business {

// The counts behind retention_pct and churn_pct, with the boundary rules of the header comment.
struct CustomerCounts
{
    long long activeAtStart = 0;   // S
    long long activeAtEnd = 0;     // E
    long long newActiveAtEnd = 0;  // N
    long long churned = 0;         // of S, ended during the period
    long long activeDuring = 0;    // a customer on at least one day of the period
};
CustomerCounts countCustomers(std::span<const CustomerFacts> customers, const DayPeriod &period);

MetricValue retention_pct(std::span<const CustomerFacts> customers, const DayPeriod &period,
                          const CustomerFields &fields);
MetricValue churn_pct(std::span<const CustomerFacts> customers, const DayPeriod &period,
                      const CustomerFields &fields);

// The period's length in months: whole calendar months when the period is exactly such (so
// January is one month, not 31 / 30.44), else days / 30.436875, the mean Gregorian month.
double monthsIn(const DayPeriod &period);

// The monthly churn rate, a fraction, derived from the period's churn c over m months as the
// constant monthly rate that compounds to it: 1 - (1 - c)^(1/m). For a one-month period it is
// churn_pct / 100; a quarter with 27.1% churn is 10% a month (not 27.1 / 3); a week's 1% is
// about 4.3% a month. No value when churn_pct has none.
std::optional<double> monthlyChurnRate(std::span<const CustomerFacts> customers, const DayPeriod &period,
                                       const CustomerFields &fields);

// clv: mean monthly revenue of the customers active during the period that have one, times the
// gross margin (a fraction, default 1.0 = 100%), divided by the monthly churn rate. No value
// when churn is 0 (an infinite lifetime is no estimate) or no customer has a monthly revenue.
MetricValue clv(std::span<const CustomerFacts> customers, const DayPeriod &period, const CustomerFields &fields,
                double grossMargin = 1.0);

// The support cost of a period of days: each month it touches contributes its cost times the
// share of its days inside the period (Jan 1-15 is 15/31 of January). Several entries for one
// month add up. No value when any month the period touches has no cost: a partial cost would
// understate every cost metric. channel >= 0 reads that channel's share of the breakdown.
std::optional<double> supportCostIn(std::span<const CostPeriod> costs, const DayPeriod &period,
                                    std::int16_t channel = -1);
// Orders in the period, prorated by days the same way; no value when a month has no order count.
std::optional<double> ordersIn(std::span<const CostPeriod> costs, const DayPeriod &period);

// cost_per_ticket: support cost of the period / tickets solved in it; no value without a cost,
// without a solved count, or with no ticket solved.
MetricValue cost_per_ticket(const std::optional<double> &supportCost, const std::optional<long long> &ticketsSolved);

// The contacts of a period for cost_per_interaction. A channel the data has no log of is
// std::nullopt and adds nothing (a help desk without a phone log has no calls to count). chats
// are conversations from a chat tool's own log that are not also help-desk tickets: a chat that
// became a ticket is counted once, as a ticket.
struct Interactions
{
    std::optional<long long> ticketsCreated;
    std::optional<long long> callsAnswered;
    std::optional<long long> chats;
};
MetricValue cost_per_interaction(const std::optional<double> &supportCost, const Interactions &interactions);

// contact_rate_pct: tickets created / orders x 100, or / customers active during the period when
// no order count is given. Orders given as 0 are an empty denominator (no value), not a reason to
// fall back. Not a proportion (a customer may write twice per order), so no interval.
MetricValue contact_rate_pct(const std::optional<long long> &ticketsCreated, const std::optional<double> &orders,
                             const std::optional<long long> &activeCustomers);

// qa_score_mean: mean of the reviews dated in the period, each as 0-100 (45 of 50 points is 90).
// A review without a score, with one outside 0..max, or with a maximum of 0 or less is left out.
MetricValue qa_score_mean(std::span<const QaReview> reviews, const DayPeriod &period);

// What the business functions read for one period, prepared by the query. A part the request's
// filter leaves out (cost is not per agent; QA follows the agent filter only) is empty, and the
// metrics over it are no value.
struct BusinessInputs
{
    DayPeriod period;
    // Customers (retention, churn, CLV), when the filter keeps them.
    std::optional<std::span<const CustomerFacts>> customers;
    CustomerFields customerFields;
    double grossMargin = 1.0;
    // Cost figures, when the filter keeps them (costs = true).
    bool costs = false;
    std::optional<double> supportCost;
    std::optional<long long> ticketsSolved, ticketsCreated, callsAnswered;
    std::optional<double> orders;
    std::optional<long long> activeCustomers; // with dated customers: contact rate's fallback denominator
    // QA reviews the agent filter passes, when the filter keeps them.
    std::optional<std::span<const QaReview>> reviews;
};

// Every business metric function by id (metricfunctions.h).
using BusinessMetricFunction = MetricValue (*)(const BusinessInputs &inputs);
std::span<const MetricFunction<BusinessMetricFunction>> metricFunctions();

} // namespace sl::business
