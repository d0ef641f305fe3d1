#pragma once

// The calendar arithmetic every metrics query shares (tickets, calls, surveys, costs): where a
// local day starts, which day/week/month bucket holds a date, and the keys of spec/cli.md
// ("2025-01-31", "2025-W05" by ISO week, "2025-01"; weekdays "Mon"…"Sun"). One place, so that a
// call's bucket and a ticket's bucket can never disagree.

#include "domain/metricsrequest.h"

#include <QDate>
#include <QString>
#include <QTimeZone>

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace sl {

// UTC seconds of 00:00 of `date` in `zone` (the first valid time after a DST gap at midnight).
std::int64_t startOfDay(const QDate &date, const QTimeZone &zone);

// The start of the day, week (Monday) or month bucket that holds `date`, and the start of the
// next one; any other grouping is a day.
std::pair<QDate, QDate> bucketAround(Grouping grouping, const QDate &date);

// The first day of every day, week (Monday) or month bucket that meets [from, to]; none when the
// period is empty or unbounded.
std::vector<QDate> bucketStarts(const QDate &from, const QDate &to, Grouping grouping);

// Whole days, both ends inclusive.
struct DatePeriod
{
    QDate from, to;
};
// The period a comparison runs against: as many whole days as [from, to], ending the day
// before `from` (spec/metrics.md, "previous period"). Every family compares with this one.
DatePeriod previousPeriod(const QDate &from, const QDate &to);

// The group key of the bucket starting at `start`.
QString bucketKey(Grouping grouping, const QDate &start);

// A request's period as UTC seconds, for the kinds that place each row at one instant (calls at
// their start, survey responses at their time). Whole days in request.zone, both ends inclusive.
struct UtcPeriod
{
    static constexpr std::int64_t farPast = std::numeric_limits<std::int64_t>::min() + 1;
    static constexpr std::int64_t farFuture = std::numeric_limits<std::int64_t>::max();
    std::int64_t start = farPast; // inclusive
    std::int64_t end = farFuture; // exclusive
    bool all = false;             // open at both ends: rows placed at no instant count too
};
UtcPeriod utcPeriodOf(const MetricsRequest &request);

// "Mon"…"Sun" for 0…6 (ISO order).
QString weekdayKey(int mondayBased);

} // namespace sl
