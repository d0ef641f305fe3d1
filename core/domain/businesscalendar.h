#pragma once

// Business hours: a team's weekly working hours in its own time zone, minus holidays, and the
// clock that measures how much of a span of time was working time.
//
// Shifts are wall-clock times in the calendar's zone, so a shift's real length changes on the
// days the clocks do (00:00-08:00 is 7 real hours on a spring-forward day in Europe/Berlin and 9
// on a fall-back day). Each boundary of a shift or of a holiday (a holiday is the whole local
// day, 00:00 to the next 00:00) is the first instant at which the wall clock reads that time or
// later: a boundary in a spring-forward gap is the instant of the jump; a boundary in a
// fall-back hour, which the clock shows twice, is its first showing.
//
// Plain data and arithmetic: no SQL here (core/store/calendarstore.h reads and writes these).

#include <QDate>
#include <QHash>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace sl {

struct BusinessShift
{
    int weekday = 1; // ISO, 1 = Monday ... 7 = Sunday: the local day the shift starts on
    int startMinute = 0; // 0..1439, wall clock
    int endMinute = 0; // 0..1440, wall clock; <= startMinute: the shift ends the next day

    friend bool operator==(const BusinessShift &, const BusinessShift &) = default;
};

// Minutes of wall-clock time the shift covers (1..1440): 22:00-06:00 is 480, 09:00-09:00 is 1440.
int shiftLengthMinutes(const BusinessShift &shift);

struct BusinessCalendar
{
    QString name;
    QString timeZoneId; // IANA id, e.g. "Europe/Berlin"
    std::vector<BusinessShift> shifts;
    std::vector<std::pair<QDate, QString>> holidays; // the whole local day; the name may be empty
    bool isDefault = false; // the calendar of every team without one of its own
    QStringList teams; // the teams that use this calendar

    friend bool operator==(const BusinessCalendar &, const BusinessCalendar &) = default;
};

// Why `calendar` cannot be used, as a sentence for the user; nullopt when it can.
// Overlapping shifts are refused, not merged: two shifts covering the same hour are almost
// always a typo ("Mon-Fri 09:00-17:00" and "Mon-Sun 08:00-12:00"), and a calendar stored as
// typed reads back as typed. Shifts that only touch (Mon 18:00-24:00 and Tue 00:00-06:00) are
// fine, as are overnight shifts reaching into the next week (Sun 22:00-06:00).
std::optional<QString> calendarProblem(const BusinessCalendar &calendar);

// "Mon-Fri 09:00-17:00", "Sat 10:00-14:00", "Sun 22:00-06:00", "Mon,Wed 08:00-12:00 13:00-17:00":
// days (English names or their first three letters, any case; ranges may wrap, "Fri-Mon") and
// one or more times FROM-TO (H:MM or HH:MM; TO may be 24:00; TO <= FROM ends the next day).
// On bad text returns nullopt and says what was expected in *error.
std::optional<std::vector<BusinessShift>> parseWeeklyHours(const QString &text, QString *error);

// The inverse of parseWeeklyHours: the fewest such texts that say the same, in weekday order
// ("Mon-Fri 09:00-17:00", "Sat 10:00-14:00"); each one parses back.
QStringList formatWeeklyHours(const std::vector<BusinessShift> &shifts);
QString formatMinuteOfDay(int minute); // 570 -> "09:30", 1440 -> "24:00"

// The working time of one calendar, compiled for fast questions.
//
// Built for the UTC range of the data, it holds that range's working intervals in UTC, a
// running total of working seconds and, per day of the range, the first interval that may hold
// an instant of that day: businessSeconds() is two such look-ups (the intervals of a day are
// scanned, so O(1) for any real calendar, where a binary search would be O(log n)). A question
// reaching outside the compiled range is still answered right, by computing that part directly
// (slower: it looks up the zone's offsets for the span). Working time exists only from
// 1900-01-01 to 2200-01-01 UTC: a timestamp outside is broken data, and time-zone rules there
// are guesses anyway.
//
// Immutable once built, so one clock may be asked from several threads at once.
class BusinessClock
{
public:
    BusinessClock() = default; // no working time at all
    // `calendar` must pass calendarProblem(); an unknown zone is read as UTC.
    BusinessClock(const BusinessCalendar &calendar, std::int64_t fromUtc, std::int64_t toUtc);

    // Seconds of working time in [fromUtc, toUtc) (UTC seconds since the epoch); 0 when
    // toUtc <= fromUtc.
    std::int64_t businessSeconds(std::int64_t fromUtc, std::int64_t toUtc) const;

    const QString &calendarName() const { return m_calendarName; }
    // The range answered from the compiled intervals (the rest is computed on demand).
    std::int64_t compiledFromUtc() const { return m_compiledFrom; }
    std::int64_t compiledToUtc() const { return m_compiledTo; }
    std::size_t compiledIntervalCount() const { return m_starts.size(); }

    // 1900-01-01 and 2200-01-01, UTC seconds: outside, no time is working time.
    static constexpr std::int64_t supportedFromUtc = -2208988800;
    static constexpr std::int64_t supportedToUtc = 7258118400;

private:
    struct Interval
    {
        std::int64_t start;
        std::int64_t end;
    };
    // The working intervals in UTC, merged and in order, of every shift that may touch
    // [fromUtc, toUtc): exactly all working time in [*coveredFrom, *coveredTo), which holds
    // [fromUtc, toUtc) with a day or so to spare either side.
    std::vector<Interval> workingIntervals(
        std::int64_t fromUtc, std::int64_t toUtc, std::int64_t *coveredFrom, std::int64_t *coveredTo) const;
    std::int64_t computeDirectly(std::int64_t fromUtc, std::int64_t toUtc) const;
    std::int64_t workedBefore(std::int64_t utc) const;

    QString m_calendarName;
    QByteArray m_zoneId;
    bool m_hasShifts = false;
    // Per ISO weekday (index 0 = Monday): shifts as [start, end) seconds from that day's local
    // midnight (end up to 2 days), sorted and merged.
    std::vector<std::pair<int, int>> m_shiftsByWeekday[7];
    std::vector<std::int64_t> m_holidays; // local days since 1970-01-01, sorted

    // The compiled range: working intervals in UTC and the working seconds before each.
    std::int64_t m_compiledFrom = 0;
    std::int64_t m_compiledTo = 0;
    std::vector<std::int64_t> m_starts;
    std::vector<std::int64_t> m_ends;
    std::vector<std::int64_t> m_workedBefore;
    // Per day of the compiled range (m_compiledFrom + k days, and one past the end): how many
    // intervals start at or before that instant.
    std::vector<std::uint32_t> m_startedByDay;
};

// Every calendar of a workspace, compiled, and which one each team uses: its own, else the
// default calendar, else none.
class BusinessCalendarSet
{
public:
    BusinessCalendarSet() = default;
    // Compiles each calendar for [fromUtc, toUtc). A calendar failing calendarProblem() (e.g. a
    // zone this system does not know) gets no clock, and its teams none either: no figure
    // beats a wrong one. Each such calendar is named in problems().
    BusinessCalendarSet(const std::vector<BusinessCalendar> &calendars, std::int64_t fromUtc, std::int64_t toUtc);

    // The clock of `teamName` (any case): its own calendar, else the default one; nullptr when
    // there is neither (the business-hours figures are then unknown, not zero).
    const BusinessClock *clockForTeam(const QString &teamName) const;
    const BusinessClock *defaultClock() const;
    const BusinessClock *clockForCalendar(const QString &calendarName) const;

    bool isEmpty() const { return m_clocks.empty(); }
    const QStringList &problems() const { return m_problems; }

private:
    static constexpr std::size_t noClock = std::size_t(-1);

    std::vector<BusinessClock> m_clocks;
    QHash<QString, std::size_t> m_clockByTeam; // case-folded team name -> m_clocks index or noClock
    QHash<QString, std::size_t> m_clockByCalendar; // case-folded calendar name
    std::size_t m_defaultClock = noClock;
    QStringList m_problems;
};

} // namespace sl
