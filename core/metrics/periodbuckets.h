#pragma once

// The calendar arithmetic every metrics query shares (tickets, calls, surveys, costs): where a
// local day starts, which day/week/month bucket holds a date, and the keys of spec/cli.md
// ("2025-01-31", "2025-W05" by ISO week, "2025-01"; weekdays "Mon"…"Sun"). One place, so that a
// call's bucket and a ticket's bucket can never disagree.

#include "metrics/metricsquery.h"

#include <QDate>
#include <QString>
#include <QTimeZone>

#include <cstdint>
#include <utility>

namespace sl {

// UTC seconds of 00:00 of `date` in `zone` (the first valid time after a DST gap at midnight).
std::int64_t startOfDay(const QDate &date, const QTimeZone &zone);

// The start of the day, week (Monday) or month bucket that holds `date`, and the start of the
// next one; any other grouping is a day.
std::pair<QDate, QDate> bucketAround(Grouping grouping, const QDate &date);

// The group key of the bucket starting at `start`.
QString bucketKey(Grouping grouping, const QDate &start);

// "Mon"…"Sun" for 0…6 (ISO order).
QString weekdayKey(int mondayBased);

} // namespace sl
