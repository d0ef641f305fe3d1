#include "metrics/periodbuckets.h"

#include <QDateTime>

#include <array>

namespace sl {

std::int64_t startOfDay(const QDate &date, const QTimeZone &zone)
{
    return QDateTime(date, QTime(0, 0), zone).toSecsSinceEpoch();
}

std::pair<QDate, QDate> bucketAround(Grouping grouping, const QDate &date)
{
    switch (grouping) {
    case Grouping::Week: {
        const QDate monday = date.addDays(1 - date.dayOfWeek());
        return {monday, monday.addDays(7)};
    }
    case Grouping::Month: {
        const QDate first(date.year(), date.month(), 1);
        return {first, first.addMonths(1)};
    }
    default: return {date, date.addDays(1)};
    }
}

std::vector<QDate> bucketStarts(const QDate &from, const QDate &to, Grouping grouping)
{
    std::vector<QDate> starts;
    if (!from.isValid() || !to.isValid() || from > to)
        return starts;
    for (QDate day = bucketAround(grouping, from).first; day <= to; day = bucketAround(grouping, day).second)
        starts.push_back(day);
    return starts;
}

DatePeriod previousPeriod(const QDate &from, const QDate &to)
{
    const qint64 days = from.daysTo(to) + 1;
    return {from.addDays(-days), from.addDays(-1)};
}

QString bucketKey(Grouping grouping, const QDate &start)
{
    switch (grouping) {
    case Grouping::Week: {
        int year = 0;
        const int week = start.weekNumber(&year);
        return QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0'));
    }
    case Grouping::Month: return QStringLiteral("%1-%2").arg(start.year()).arg(start.month(), 2, 10, QLatin1Char('0'));
    default: return start.toString(Qt::ISODate);
    }
}

UtcPeriod utcPeriodOf(const MetricsRequest &request)
{
    UtcPeriod period;
    if (request.from)
        period.start = startOfDay(*request.from, request.zone);
    if (request.to)
        period.end = startOfDay(request.to->addDays(1), request.zone);
    period.all = !request.from && !request.to;
    return period;
}

QString weekdayKey(int mondayBased)
{
    static const std::array<const char *, 7> names = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    return QString::fromLatin1(names[std::size_t(mondayBased) % names.size()]);
}

} // namespace sl
