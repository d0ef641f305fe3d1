#include "domain/businesscalendar.h"

#include <QDateTime>
#include <QObject>
#include <QTimeZone>

#include <algorithm>
#include <array>
#include <limits>

namespace sl {

namespace {

constexpr std::int64_t secondsPerDay = 86400;
constexpr int minutesPerDay = 1440;
constexpr int minutesPerWeek = 7 * minutesPerDay;
// QDate::toJulianDay() of 1970-01-01: local days are counted from there, like UTC seconds.
constexpr std::int64_t julianDayOfEpoch = 2440588;

std::int64_t floorDiv(std::int64_t value, std::int64_t divisor)
{
    return value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);
}

// ISO weekday index, 0 = Monday, of a day counted from 1970-01-01 (a Thursday).
int weekdayIndex(std::int64_t day)
{
    return int(((day + 3) % 7 + 7) % 7);
}

const std::array<QString, 7> &englishDayNames()
{
    static const std::array<QString, 7> names = {
        QStringLiteral("monday"),
        QStringLiteral("tuesday"),
        QStringLiteral("wednesday"),
        QStringLiteral("thursday"),
        QStringLiteral("friday"),
        QStringLiteral("saturday"),
        QStringLiteral("sunday"),
    };
    return names;
}

QString shortDayName(int weekday)
{
    const QString &name = englishDayNames()[std::size_t(weekday - 1)];
    return name.left(1).toUpper() + name.mid(1, 2);
}

QString describeShift(const BusinessShift &shift)
{
    return QStringLiteral("%1 %2-%3")
        .arg(shortDayName(shift.weekday), formatMinuteOfDay(shift.startMinute), formatMinuteOfDay(shift.endMinute));
}

int offsetAtUtc(const QTimeZone &zone, std::int64_t utc)
{
    return zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(utc, QTimeZone::utc()));
}

// A zone's UTC offsets over a span of time, as segments of constant offset, and the way back
// from a wall-clock reading to UTC.
//
// Qt 6.4 cannot be trusted with either direction: QDateTime resolves gaps and overlaps wrongly,
// and QTimeZone::transitions() over a long span stops at 2037 (and, year by year, misses some
// transitions around 2038). So its transitions are only candidates: the offset is also sampled
// every week, and every change found between two samples is located to the second by
// bisection. offsetFromUtc costs about 5 µs, so a year of offsets costs about 0.3 ms.
class ZoneOffsets
{
public:
    ZoneOffsets(const QTimeZone &zone, std::int64_t fromUtc, std::int64_t toUtc)
    {
        if (!zone.isValid() || !zone.hasTransitions()) {
            // UTC, a fixed offset, or (read as UTC) a zone this system does not know.
            const int offset = zone.isValid() ? offsetAtUtc(zone, fromUtc) : 0;
            m_segments.push_back(
                { std::numeric_limits<std::int64_t>::min(), offset, std::numeric_limits<std::int64_t>::max() });
            return;
        }
        std::vector<std::int64_t> samples;
        for (std::int64_t t = fromUtc; t < toUtc; t += 7 * secondsPerDay)
            samples.push_back(t);
        samples.push_back(toUtc);
        const int firstYear = QDateTime::fromSecsSinceEpoch(fromUtc, QTimeZone::utc()).date().year();
        const int lastYear = QDateTime::fromSecsSinceEpoch(toUtc, QTimeZone::utc()).date().year();
        for (int year = firstYear; year <= lastYear; ++year) {
            const QTimeZone::OffsetDataList candidates
                = zone.transitions(QDateTime(QDate(year, 1, 1), QTime(0, 0), QTimeZone::utc()),
                    QDateTime(QDate(year + 1, 1, 1), QTime(0, 0), QTimeZone::utc()));
            for (const QTimeZone::OffsetData &candidate : candidates) {
                const std::int64_t at = candidate.atUtc.toSecsSinceEpoch();
                if (at - 1 > fromUtc && at < toUtc) {
                    samples.push_back(at - 1);
                    samples.push_back(at);
                }
            }
        }
        std::sort(samples.begin(), samples.end());
        samples.erase(std::unique(samples.begin(), samples.end()), samples.end());

        std::int64_t known = samples.front();
        int knownOffset = offsetAtUtc(zone, known);
        m_segments.push_back({ std::numeric_limits<std::int64_t>::min(), knownOffset, 0 });
        for (std::size_t i = 1; i < samples.size(); ++i) {
            const std::int64_t sample = samples[i];
            const int sampleOffset = offsetAtUtc(zone, sample);
            // Two changes between samples show as a middle offset: each pass finds the first.
            while (knownOffset != sampleOffset) {
                std::int64_t same = known;
                std::int64_t changed = sample;
                int changedOffset = sampleOffset;
                while (changed - same > 1) {
                    const std::int64_t middle = same + (changed - same) / 2;
                    const int middleOffset = offsetAtUtc(zone, middle);
                    if (middleOffset == knownOffset) {
                        same = middle;
                    } else {
                        changed = middle;
                        changedOffset = middleOffset;
                    }
                }
                m_segments.push_back({ changed, changedOffset, 0 });
                known = changed;
                knownOffset = changedOffset;
            }
            known = sample;
        }
        for (std::size_t i = 0; i + 1 < m_segments.size(); ++i)
            m_segments[i].localEnd = m_segments[i + 1].utcStart + m_segments[i].offset;
        m_segments.back().localEnd = std::numeric_limits<std::int64_t>::max();
    }

    int offsetAt(std::int64_t utc) const
    {
        const auto after = std::upper_bound(
            m_segments.begin(), m_segments.end(), utc, [](std::int64_t t, const Segment &s) { return t < s.utcStart; });
        return std::prev(after)->offset; // the first segment starts at INT64_MIN
    }

    std::int64_t localDay(std::int64_t utc) const { return floorDiv(utc + offsetAt(utc), secondsPerDay); }

    // The first instant at which the wall clock reads `local` (seconds since 1970-01-01 00:00
    // local) or later: in a spring-forward gap, the instant of the jump; in a fall-back hour,
    // its first showing. Monotonic in `local`, so intervals keep their order.
    std::int64_t firstInstantShowing(std::int64_t local) const
    {
        // Segments' local ends ascend: zones change offset months apart, never by more than a day.
        const auto segment = std::partition_point(
            m_segments.begin(), m_segments.end(), [local](const Segment &s) { return s.localEnd <= local; });
        return std::max(segment->utcStart, local - segment->offset);
    }

private:
    struct Segment
    {
        std::int64_t utcStart;
        int offset;
        std::int64_t localEnd; // the local reading at the end of the segment (exclusive)
    };
    std::vector<Segment> m_segments;
};

int parseDay(const QString &text)
{
    // Every two-letter prefix of an English day name is unique: "mo", "tu", ..., "su".
    const QString lower = text.toLower();
    if (lower.size() < 2)
        return 0;
    for (std::size_t i = 0; i < englishDayNames().size(); ++i) {
        if (englishDayNames()[i].startsWith(lower))
            return int(i) + 1;
    }
    return 0;
}

// "9", "09", "9:30", "09:30", "24:00" (only when `allow24`) -> minutes; -1 when bad.
int parseClockTime(const QString &text, bool allow24)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    const QString hoursText = colon < 0 ? text : text.left(colon);
    const QString minutesText = colon < 0 ? QStringLiteral("00") : text.mid(colon + 1);
    if (hoursText.isEmpty() || hoursText.size() > 2 || minutesText.size() != 2)
        return -1;
    bool hoursOk = false;
    bool minutesOk = false;
    const int hours = hoursText.toInt(&hoursOk);
    const int minutes = minutesText.toInt(&minutesOk);
    if (!hoursOk || !minutesOk || hours < 0 || minutes < 0 || minutes > 59)
        return -1;
    if (hours == 24 && minutes == 0 && allow24)
        return minutesPerDay;
    if (hours > 23)
        return -1;
    return hours * 60 + minutes;
}

} // namespace

int shiftLengthMinutes(const BusinessShift &shift)
{
    return shift.endMinute > shift.startMinute ? shift.endMinute - shift.startMinute
                                               : shift.endMinute + minutesPerDay - shift.startMinute;
}

QString formatMinuteOfDay(int minute)
{
    return QStringLiteral("%1:%2").arg(minute / 60, 2, 10, QLatin1Char('0')).arg(minute % 60, 2, 10, QLatin1Char('0'));
}

std::optional<QString> calendarProblem(const BusinessCalendar &calendar)
{
    const QString name = calendar.name.trimmed();
    if (name.isEmpty())
        return QObject::tr("A calendar needs a name.");
    if (calendar.timeZoneId.isEmpty() || !QTimeZone(calendar.timeZoneId.toUtf8()).isValid()) {
        return QObject::tr("Calendar %1: unknown time zone \"%2\" (use an IANA name such as Europe/Berlin)")
            .arg(name, calendar.timeZoneId);
    }
    if (calendar.shifts.empty())
        return QObject::tr("Calendar %1 has no working hours.").arg(name);
    for (const BusinessShift &shift : calendar.shifts) {
        if (shift.weekday < 1 || shift.weekday > 7)
            return QObject::tr("Calendar %1: weekday %2 is not 1 (Monday) to 7 (Sunday).").arg(name).arg(shift.weekday);
        if (shift.startMinute < 0 || shift.startMinute >= minutesPerDay || shift.endMinute < 0
            || shift.endMinute > minutesPerDay) {
            return QObject::tr("Calendar %1: a shift on %2 starts at minute %3 and ends at minute %4 of the day; "
                               "a shift starts at 0 to 1439 and ends at 0 to 1440.")
                .arg(name, shortDayName(shift.weekday))
                .arg(shift.startMinute)
                .arg(shift.endMinute);
        }
    }
    // On the circle of the week's minutes, two shifts overlap when either starts inside the other.
    for (std::size_t i = 0; i < calendar.shifts.size(); ++i) {
        for (std::size_t j = i + 1; j < calendar.shifts.size(); ++j) {
            const BusinessShift &a = calendar.shifts[i];
            const BusinessShift &b = calendar.shifts[j];
            const int aStart = (a.weekday - 1) * minutesPerDay + a.startMinute;
            const int bStart = (b.weekday - 1) * minutesPerDay + b.startMinute;
            const int bAfterA = ((bStart - aStart) % minutesPerWeek + minutesPerWeek) % minutesPerWeek;
            const int aAfterB = ((aStart - bStart) % minutesPerWeek + minutesPerWeek) % minutesPerWeek;
            if (bAfterA < shiftLengthMinutes(a) || aAfterB < shiftLengthMinutes(b)) {
                return QObject::tr("Calendar %1: the shifts %2 and %3 overlap. Write them as one shift: "
                                   "overlapping shifts are refused, not merged.")
                    .arg(name, describeShift(a), describeShift(b));
            }
        }
    }
    for (std::size_t i = 0; i < calendar.holidays.size(); ++i) {
        const QDate day = calendar.holidays[i].first;
        if (!day.isValid())
            return QObject::tr("Calendar %1: a holiday has no valid date.").arg(name);
        for (std::size_t j = i + 1; j < calendar.holidays.size(); ++j) {
            if (calendar.holidays[j].first == day)
                return QObject::tr("Calendar %1: the holiday %2 is listed twice.").arg(name, day.toString(Qt::ISODate));
        }
    }
    for (qsizetype i = 0; i < calendar.teams.size(); ++i) {
        const QString team = calendar.teams.at(i).trimmed();
        if (team.isEmpty())
            return QObject::tr("Calendar %1: a team name is empty.").arg(name);
        for (qsizetype j = i + 1; j < calendar.teams.size(); ++j) {
            if (calendar.teams.at(j).trimmed().compare(team, Qt::CaseInsensitive) == 0)
                return QObject::tr("Calendar %1: the team %2 is listed twice.").arg(name, team);
        }
    }
    return std::nullopt;
}

std::optional<std::vector<BusinessShift>> parseWeeklyHours(const QString &text, QString *error)
{
    const auto fail = [&](const QString &why) {
        *error = QObject::tr("\"%1\": %2 (expected days and hours such as \"Mon-Fri 09:00-17:00\")").arg(text, why);
        return std::nullopt;
    };
    // "Mon - Fri 09:00 - 17:00" and "Mon, Wed" mean what they would without the spaces.
    QString normalized = text.simplified();
    for (const auto &[spaced, tight] : { std::pair { " - ", "-" }, std::pair { " -", "-" }, std::pair { "- ", "-" },
             std::pair { " , ", "," }, std::pair { " ,", "," }, std::pair { ", ", "," } }) {
        normalized.replace(QLatin1String(spaced), QLatin1String(tight));
    }
    const QStringList words = normalized.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.size() < 2)
        return fail(QObject::tr("days and at least one time range are needed"));

    std::array<bool, 7> days {};
    for (const QString &item : words.constFirst().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList ends = item.split(QLatin1Char('-'));
        if (ends.size() > 2)
            return fail(QObject::tr("\"%1\" is not a day or a range of days").arg(item));
        const int first = parseDay(ends.constFirst());
        const int last = parseDay(ends.constLast());
        if (first == 0 || last == 0)
            return fail(QObject::tr("\"%1\" is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)").arg(item));
        // A range may wrap over the weekend: Fri-Mon is Friday, Saturday, Sunday, Monday.
        for (int day = first;; day = day % 7 + 1) {
            days[std::size_t(day - 1)] = true;
            if (day == last)
                break;
        }
    }

    std::vector<std::pair<int, int>> ranges;
    for (qsizetype w = 1; w < words.size(); ++w) {
        for (const QString &range : words.at(w).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QStringList ends = range.split(QLatin1Char('-'));
            const int start = ends.size() == 2 ? parseClockTime(ends.constFirst(), false) : -1;
            const int end = ends.size() == 2 ? parseClockTime(ends.constLast(), true) : -1;
            if (start < 0 || end < 0)
                return fail(QObject::tr("\"%1\" is not a time range such as 09:00-17:00").arg(range));
            ranges.emplace_back(start, end);
        }
    }
    std::vector<BusinessShift> shifts;
    for (int weekday = 1; weekday <= 7; ++weekday) {
        if (!days[std::size_t(weekday - 1)])
            continue;
        for (const auto &[start, end] : ranges)
            shifts.push_back({ weekday, start, end });
    }
    return shifts;
}

QStringList formatWeeklyHours(const std::vector<BusinessShift> &shifts)
{
    std::array<std::vector<std::pair<int, int>>, 7> rangesByDay;
    for (const BusinessShift &shift : shifts) {
        if (shift.weekday >= 1 && shift.weekday <= 7)
            rangesByDay[std::size_t(shift.weekday - 1)].emplace_back(shift.startMinute, shift.endMinute);
    }
    for (auto &ranges : rangesByDay)
        std::sort(ranges.begin(), ranges.end());

    QStringList texts;
    std::array<bool, 7> done {};
    for (std::size_t day = 0; day < 7; ++day) {
        if (done[day] || rangesByDay[day].empty())
            continue;
        // The days with exactly this day's hours, written as runs: "Mon-Wed,Fri".
        std::array<bool, 7> same {};
        for (std::size_t other = day; other < 7; ++other) {
            if (rangesByDay[other] == rangesByDay[day])
                same[other] = done[other] = true;
        }
        // Runs go round the week, so night shifts read "Sun-Thu", not "Mon-Thu,Sun".
        QStringList runs;
        const bool everyDay = std::all_of(same.begin(), same.end(), [](bool b) { return b; });
        if (everyDay)
            runs.append(shortDayName(1) + QLatin1Char('-') + shortDayName(7));
        for (std::size_t first = 0; first < 7 && !everyDay; ++first) {
            if (!same[first] || same[(first + 6) % 7])
                continue;
            std::size_t length = 1;
            while (same[(first + length) % 7])
                ++length;
            const int firstDay = int(first) + 1;
            const int lastDay = int((first + length - 1) % 7) + 1;
            runs.append(length == 1 ? shortDayName(firstDay)
                                    : shortDayName(firstDay) + QLatin1Char('-') + shortDayName(lastDay));
        }
        QString text = runs.join(QLatin1Char(','));
        for (const auto &[start, end] : rangesByDay[day])
            text += QLatin1Char(' ') + formatMinuteOfDay(start) + QLatin1Char('-') + formatMinuteOfDay(end);
        texts.append(text);
    }
    return texts;
}

// --- BusinessClock ------------------------------------------------------------------------

BusinessClock::BusinessClock(const BusinessCalendar &calendar, std::int64_t fromUtc, std::int64_t toUtc)
    : m_calendarName(calendar.name)
    , m_zoneId(calendar.timeZoneId.toUtf8())
{
    for (const BusinessShift &shift : calendar.shifts) {
        if (shift.weekday < 1 || shift.weekday > 7)
            continue;
        const int start = shift.startMinute * 60;
        m_shiftsByWeekday[shift.weekday - 1].emplace_back(start, start + shiftLengthMinutes(shift) * 60);
        m_hasShifts = true;
    }
    // Overlaps are refused by calendarProblem(); merging them anyway keeps the sums honest.
    for (auto &shifts : m_shiftsByWeekday) {
        std::sort(shifts.begin(), shifts.end());
        std::vector<std::pair<int, int>> merged;
        for (const auto &shift : shifts) {
            if (!merged.empty() && shift.first <= merged.back().second)
                merged.back().second = std::max(merged.back().second, shift.second);
            else
                merged.push_back(shift);
        }
        shifts = std::move(merged);
    }
    for (const auto &holiday : calendar.holidays) {
        if (holiday.first.isValid())
            m_holidays.push_back(holiday.first.toJulianDay() - julianDayOfEpoch);
    }
    std::sort(m_holidays.begin(), m_holidays.end());
    m_holidays.erase(std::unique(m_holidays.begin(), m_holidays.end()), m_holidays.end());

    fromUtc = std::max(fromUtc, supportedFromUtc);
    toUtc = std::min(toUtc, supportedToUtc);
    if (toUtc <= fromUtc)
        return; // nothing compiled: every question is answered directly
    const std::vector<Interval> intervals = workingIntervals(fromUtc, toUtc, &m_compiledFrom, &m_compiledTo);
    m_starts.reserve(intervals.size());
    m_ends.reserve(intervals.size());
    m_workedBefore.reserve(intervals.size());
    std::int64_t worked = 0;
    for (const Interval &interval : intervals) {
        m_starts.push_back(interval.start);
        m_ends.push_back(interval.end);
        m_workedBefore.push_back(worked);
        worked += interval.end - interval.start;
    }
    const std::int64_t days = (m_compiledTo - m_compiledFrom) / secondsPerDay + 1;
    m_startedByDay.reserve(std::size_t(days) + 1);
    std::size_t started = 0;
    for (std::int64_t day = 0; day <= days; ++day) {
        const std::int64_t dayStart = m_compiledFrom + day * secondsPerDay;
        while (started < m_starts.size() && m_starts[started] <= dayStart)
            ++started;
        m_startedByDay.push_back(std::uint32_t(started));
    }
}

std::vector<BusinessClock::Interval> BusinessClock::workingIntervals(
    std::int64_t fromUtc, std::int64_t toUtc, std::int64_t *coveredFrom, std::int64_t *coveredTo) const
{
    // Offsets a few days either side: the local days around the span reach beyond it by up to
    // a day and a zone's offset (at most 14 hours).
    const QTimeZone zone = m_zoneId.isEmpty() ? QTimeZone::utc() : QTimeZone(m_zoneId);
    const ZoneOffsets offsets(zone, fromUtc - 3 * secondsPerDay, toUtc + 3 * secondsPerDay);
    // A shift lies within the two local days from its start day's midnight, so the shifts
    // starting on [firstDay, lastDay] are all the working time from firstDay + 1 to lastDay + 1.
    const std::int64_t firstDay = offsets.localDay(fromUtc) - 1;
    const std::int64_t lastDay = offsets.localDay(toUtc) + 1;
    *coveredFrom = offsets.firstInstantShowing((firstDay + 1) * secondsPerDay);
    *coveredTo = offsets.firstInstantShowing((lastDay + 1) * secondsPerDay);

    std::vector<Interval> intervals;
    const auto isHoliday = [this](std::int64_t day) {
        return std::binary_search(m_holidays.begin(), m_holidays.end(), day);
    };
    for (std::int64_t day = firstDay; day <= lastDay; ++day) {
        const std::vector<std::pair<int, int>> &shifts = m_shiftsByWeekday[weekdayIndex(day)];
        if (shifts.empty())
            continue;
        const std::int64_t midnight = day * secondsPerDay;
        const std::int64_t nextMidnight = midnight + secondsPerDay;
        const bool holidayToday = isHoliday(day);
        const bool holidayTomorrow = isHoliday(day + 1);
        for (const auto &[start, end] : shifts) {
            // A holiday takes its whole local day, also the morning part of the night shift
            // that started the evening before.
            std::int64_t localStart = midnight + start;
            std::int64_t localEnd = midnight + end;
            if (holidayToday)
                localStart = std::max(localStart, nextMidnight);
            if (holidayTomorrow)
                localEnd = std::min(localEnd, nextMidnight);
            if (localEnd <= localStart)
                continue;
            const std::int64_t utcStart = offsets.firstInstantShowing(localStart);
            const std::int64_t utcEnd = offsets.firstInstantShowing(localEnd);
            if (utcEnd <= utcStart)
                continue; // a shift entirely inside a spring-forward gap
            if (!intervals.empty() && utcStart <= intervals.back().end)
                intervals.back().end = std::max(intervals.back().end, utcEnd);
            else
                intervals.push_back({ utcStart, utcEnd });
        }
    }
    return intervals;
}

// `utc` must lie in [m_compiledFrom, m_compiledTo].
std::int64_t BusinessClock::workedBefore(std::int64_t utc) const
{
    // The intervals starting at or before `utc`: those by its day's start, then that day's own.
    std::size_t started = m_startedByDay[std::size_t((utc - m_compiledFrom) / secondsPerDay)];
    while (started < m_starts.size() && m_starts[started] <= utc)
        ++started;
    if (started == 0)
        return 0;
    const std::size_t index = started - 1;
    return m_workedBefore[index] + std::min(utc, m_ends[index]) - m_starts[index];
}

std::int64_t BusinessClock::computeDirectly(std::int64_t fromUtc, std::int64_t toUtc) const
{
    fromUtc = std::max(fromUtc, supportedFromUtc);
    toUtc = std::min(toUtc, supportedToUtc);
    if (toUtc <= fromUtc || !m_hasShifts)
        return 0;
    std::int64_t coveredFrom = 0;
    std::int64_t coveredTo = 0;
    std::int64_t worked = 0;
    for (const Interval &interval : workingIntervals(fromUtc, toUtc, &coveredFrom, &coveredTo))
        worked += std::max<std::int64_t>(0, std::min(toUtc, interval.end) - std::max(fromUtc, interval.start));
    return worked;
}

std::int64_t BusinessClock::businessSeconds(std::int64_t fromUtc, std::int64_t toUtc) const
{
    if (toUtc <= fromUtc)
        return 0;
    if (fromUtc >= m_compiledFrom && toUtc <= m_compiledTo)
        return workedBefore(toUtc) - workedBefore(fromUtc);
    // The parts before and after the compiled range are computed on their own.
    std::int64_t worked = 0;
    if (fromUtc < m_compiledFrom)
        worked += computeDirectly(fromUtc, std::min(toUtc, m_compiledFrom));
    const std::int64_t compiledPartFrom = std::max(fromUtc, m_compiledFrom);
    const std::int64_t compiledPartTo = std::min(toUtc, m_compiledTo);
    if (compiledPartFrom < compiledPartTo)
        worked += workedBefore(compiledPartTo) - workedBefore(compiledPartFrom);
    if (toUtc > m_compiledTo)
        worked += computeDirectly(std::max(fromUtc, m_compiledTo), toUtc);
    return worked;
}

// --- BusinessCalendarSet ------------------------------------------------------------------

BusinessCalendarSet::BusinessCalendarSet(
    const std::vector<BusinessCalendar> &calendars, std::int64_t fromUtc, std::int64_t toUtc)
{
    m_clocks.reserve(calendars.size());
    for (const BusinessCalendar &calendar : calendars) {
        std::size_t clock = noClock;
        if (const std::optional<QString> problem = calendarProblem(calendar)) {
            m_problems.append(*problem);
        } else {
            clock = m_clocks.size();
            m_clocks.emplace_back(calendar, fromUtc, toUtc);
            if (calendar.isDefault && m_defaultClock != noClock) {
                m_problems.append(QObject::tr("Both %1 and %2 are marked as the default calendar; %1 is used.")
                                      .arg(m_clocks[m_defaultClock].calendarName(), calendar.name));
            } else if (calendar.isDefault) {
                m_defaultClock = clock;
            }
        }
        m_clockByCalendar.insert(calendar.name.trimmed().toCaseFolded(), clock);
        for (const QString &team : calendar.teams) {
            const QString key = team.trimmed().toCaseFolded();
            if (m_clockByTeam.contains(key)) {
                m_problems.append(
                    QObject::tr("The team %1 is in more than one calendar; the first is used.").arg(team));
                continue;
            }
            m_clockByTeam.insert(key, clock);
        }
    }
}

const BusinessClock *BusinessCalendarSet::clockForTeam(const QString &teamName) const
{
    const auto found = m_clockByTeam.constFind(teamName.trimmed().toCaseFolded());
    if (found == m_clockByTeam.constEnd())
        return defaultClock();
    return found.value() == noClock ? nullptr : &m_clocks[found.value()];
}

const BusinessClock *BusinessCalendarSet::defaultClock() const
{
    return m_defaultClock == noClock ? nullptr : &m_clocks[m_defaultClock];
}

const BusinessClock *BusinessCalendarSet::clockForCalendar(const QString &calendarName) const
{
    const auto found = m_clockByCalendar.constFind(calendarName.trimmed().toCaseFolded());
    if (found == m_clockByCalendar.constEnd() || found.value() == noClock)
        return nullptr;
    return &m_clocks[found.value()];
}

} // namespace sl
