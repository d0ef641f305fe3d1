#pragma once

// Customers, support costs and QA reviews as the business metrics read them (their boundary
// rules are in metrics/businessmetrics.h): what the store loads, below both.

#include <QDate>

#include <cstdint>
#include <limits>
#include <vector>

namespace sl::business {

struct DayPeriod
{
    QDate first; // inclusive
    QDate last; // inclusive
    bool isValid() const { return first.isValid() && last.isValid() && first <= last; }
};

struct CustomerFacts
{
    static constexpr double none = std::numeric_limits<double>::quiet_NaN();

    QDate startedOn; // first day as a customer
    QDate endedOn; // the day they stopped being one; null: still a customer
    bool churnedWithoutDate = false; // the source says churned but not when (endedOn wins if set)
    double monthlyRevenue = none; // what the customer pays per month (MRR)
    double totalRevenue = none; // lifetime revenue to an unstated date: carried for a realised
                                // value view; clv's average revenue per month does not use it
};

// Which customer fields the data has at all.
struct CustomerFields
{
    bool endDate = false; // without end dates there is no churn to count: no value, not 0
    bool monthlyRevenue = false;
};

struct ChannelCost
{
    std::int16_t channel = -1; // dictionary index, as TicketFacts::channel
    double cost = 0;
};

// One month of support cost (staff, tools, outsourcing: whatever the user counts as support).
struct CostPeriod
{
    static constexpr double none = std::numeric_limits<double>::quiet_NaN();

    QDate month; // any day of the month: only its year and month are read
    double cost = none; // all channels
    std::vector<ChannelCost> byChannel; // empty when the source gives only the total
    std::int64_t orders = -1; // orders placed in the month; -1 when not given
};

struct QaReview
{
    static constexpr double none = std::numeric_limits<double>::quiet_NaN();

    QDate reviewedOn;
    double score = none; // points, or 0-100 when maxPoints is none
    double maxPoints = none; // the scorecard's maximum; none: the score is already 0-100
};

} // namespace sl::business
