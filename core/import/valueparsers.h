#pragma once

// Typed values out of CSV text, as help desks and spreadsheets write them.
//
// These are hot: a million-row import calls them tens of millions of times, so they work on
// UTF-8 string_views, never allocate, and never go through QDateTime for the common case.
// All of them treat the null markers (see isNullMarker) as "no value": they return an empty
// optional *and* set ok = true, so that a caller can tell "blank" from "garbage".

#include "domain/text.h"
#include "domain/ticketfields.h"

#include <QByteArray>
#include <QTimeZone>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace sl {

// Empty, only white space (a single " " included), "NA", "N/A", "#N/A", "NULL", "None", "NaN", "-",
// "?" (case-insensitive, trimmed; no-break spaces count as white space).
bool isNullMarker(std::string_view text);

// The result of parsing one cell: `ok` false means the text is neither a value nor a null marker.
template<typename T>
struct Parsed
{
    std::optional<T> value;
    bool ok = true;
    static Parsed null() { return {}; }
    static Parsed bad() { return {std::nullopt, false}; }
    static Parsed of(T v) { return {v, true}; }
};

// --- numbers -------------------------------------------------------------------------------
// Decimal point or comma (when no point is present and the comma is not a thousands separator),
// optional sign, thousands separators (",", ".", " ", "'", NBSP) when unambiguous, a trailing "%",
// an exponent ("1e3"). A lone comma before exactly three digits is a US thousands separator
// ("1,234" = 1234); a lone point is always decimal ("1.234" = 1.234).
Parsed<double> parseNumber(std::string_view text);
Parsed<std::int64_t> parseInteger(std::string_view text); // accepts "3.0" but not "3.5"

// Y/N, Yes/No, TRUE/FALSE, T/F, 1/0, On/Off (case-insensitive).
Parsed<bool> parseBool(std::string_view text);

// --- durations -----------------------------------------------------------------------------
enum class DurationUnit { Milliseconds, Seconds, Minutes, Hours, Days };

// A plain number is read in `unit`; "HH:MM:SS" (hours may exceed 24, e.g. "27:03:10"), "MM:SS",
// "D.HH:MM:SS", and "1h 20m", "2d 3h", "45s" forms are read as what they say (units from large
// to small, each once; "m" is minutes).
// Returns seconds (may be fractional). Negative durations are bad.
Parsed<double> parseDurationSeconds(std::string_view text, DurationUnit unit);

// --- date-times ----------------------------------------------------------------------------
// Order of day and month in slashed/dotted/dashed numeric dates such as 03/04/2024.
enum class DateOrder { Unknown, DayFirst, MonthFirst };

// A wall-clock reading with an optional explicit UTC offset. `localSeconds` counts seconds since
// 1970-01-01T00:00:00 *of the wall clock*, as if it were UTC; the time zone turns it into UTC.
struct WallClock
{
    std::int64_t localSeconds = 0;
    std::optional<int> offsetSeconds; // present when the text carried Z or +hh:mm
    bool hasTime = false;             // false for a bare date (midnight)
};

// Accepted forms (date and time separated by 'T' or spaces; seconds and fractions optional):
//   2024-03-05 14:30[:15[.123]] [Z|+01:00|+0100|UTC]   ISO 8601 / SQL
//   2024/3/5 14:30:15                                 year first, slashes, no padding
//   05/03/2024 14:30, 5.3.2024, 05-03-2024            day/month order from `order`
//   05/03/24                                          two-digit years: 00-68 -> 20xx, 69-99 -> 19xx
//   2:05:17 PM, 12:00 AM                              12-hour clock after any of the dates
//   05-Mar-2024, 5 Mar 2024, 05/Mar/24 3:04 PM,      month names (English, 3 letters or full)
//   Mar 5, 2024
// A zone is accepted only after a time. Years outside 1900-2200 are bad, and so are plain
// numbers such as Excel serial dates ("45123.5"): a number column could hold the same text.
// With DateOrder::Unknown a date decides its own order when it can (a first part above 12 is
// day-first, a second part above 12 month-first); an ambiguous one (both parts <= 12) is read
// month-first, the US way. Callers should decide the order beforehand (DateOrderDetector).
Parsed<WallClock> parseDateTime(std::string_view text, DateOrder order);

// A time of day on its own ("9:12:58", "8:00:00 AM", "14:30"): seconds since midnight.
Parsed<int> parseTimeOfDay(std::string_view text);

// Watches the values of one date column and decides the day/month order from the data:
// a first part above 12 proves day-first, a second part above 12 proves month-first.
class DateOrderDetector
{
public:
    void observe(std::string_view text);
    DateOrder decided() const; // Unknown while the data fits both (or contradicts itself)
    bool contradictory() const { return m_dayFirstSeen && m_monthFirstSeen; }

private:
    bool m_dayFirstSeen = false;
    bool m_monthFirstSeen = false;
};

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t daysFromCivil(int year, unsigned month, unsigned day);

// Converts wall-clock readings in a time zone to UTC seconds since the epoch. Caches the offset
// per wall-clock hour, so a million conversions cost four QTimeZone look-ups (under 2 µs) per
// distinct hour of data, not per reading.
// A wall-clock time that does not exist (spring-forward gap) is moved forward by the gap; one
// that exists twice (fall-back) is read as the first (daylight) occurrence. (Qt 6.4's QDateTime
// does neither: it leaves the first invalid and picks the second occurrence of the other.)
class TimeZoneConverter
{
public:
    explicit TimeZoneConverter(const QTimeZone &zone = QTimeZone::utc());
    std::int64_t toUtc(const WallClock &wallClock);
    const QTimeZone &zone() const { return m_zone; }

private:
    QTimeZone m_zone;
    bool m_isUtc;
    std::unordered_map<std::int64_t, int> m_offsetByLocalHour;
};

// "UTC", "Europe/Berlin" (any case), "+02:00", "-0530", "local"/"system" -> a valid zone; an
// empty or unknown name -> an invalid one.
QTimeZone timeZoneFromName(const QString &name);

// Satisfaction as help desks write it: Zendesk good/bad/offered/unoffered, Freshdesk's labels,
// numeric 1-5 (or 0-10/1-10 which is refused here: surveys are their own kind).
Parsed<SatisfactionValue> parseSatisfaction(std::string_view text);

} // namespace sl
