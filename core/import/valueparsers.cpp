#include "import/valueparsers.h"

#include "domain/text.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>

namespace sl {

namespace {

using spaces::isSpace;
using spaces::noBreakSpaceAt;

constexpr bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// ASCII only, unlike std::isalpha, which asks the C locale on every call.
constexpr bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

constexpr char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// `word` is compared against a lower-case literal.
bool is(std::string_view word, std::string_view lowerCase)
{
    if (word.size() != lowerCase.size())
        return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (lower(word[i]) != lowerCase[i])
            return false;
    }
    return true;
}

// The markers, lower case. The longest is four bytes, which lets most cells out after one
// comparison. "none" is Python's str(None) and Jira's unset priority; "nan" is what pandas
// writes for a missing float once a column went through str(); "#n/a" is Excel's lookup miss.
constexpr std::array<std::string_view, 8> nullMarkers = {"na", "n/a", "#n/a", "null", "none", "nan", "-", "?"};
constexpr std::size_t longestNullMarker = 4;

// `text` is already trimmed.
bool isNullText(std::string_view text)
{
    if (text.empty())
        return true;
    if (text.size() > longestNullMarker || isDigit(text[0]))
        return false;
    for (std::string_view marker : nullMarkers) {
        if (is(text, marker))
            return true;
    }
    return false;
}

// A cursor over one cell with the small vocabulary the date and duration grammars need.
struct Cursor
{
    std::string_view text;
    std::size_t pos = 0;

    bool atEnd() const { return pos >= text.size(); }
    char peek() const { return pos < text.size() ? text[pos] : '\0'; }
    bool consume(char c)
    {
        if (peek() != c)
            return false;
        ++pos;
        return true;
    }
    bool consumeIgnoreCase(char lowerCase)
    {
        if (lower(peek()) != lowerCase)
            return false;
        ++pos;
        return true;
    }
    void skipSpaces()
    {
        while (pos < text.size() && isSpace(text[pos]))
            ++pos;
    }
    // Up to maxDigits digits into *value; returns how many were read (0: none).
    int digits(int maxDigits, int *value)
    {
        int count = 0;
        int v = 0;
        while (count < maxDigits && pos < text.size() && isDigit(text[pos])) {
            v = v * 10 + (text[pos] - '0');
            ++pos;
            ++count;
        }
        *value = v;
        return count;
    }
    // The fraction after a decimal mark, digits beyond nanoseconds dropped; false when none.
    bool fraction(double *value)
    {
        const std::size_t start = pos;
        int kept = 0;
        std::int64_t numerator = 0;
        std::int64_t denominator = 1;
        while (pos < text.size() && isDigit(text[pos])) {
            if (kept < 9) {
                numerator = numerator * 10 + (text[pos] - '0');
                denominator *= 10;
                ++kept;
            }
            ++pos;
        }
        *value = double(numerator) / double(denominator);
        return pos > start;
    }
    std::string_view word()
    {
        const std::size_t start = pos;
        while (pos < text.size() && isAlpha(text[pos]))
            ++pos;
        return text.substr(start, pos - start);
    }
};

// --- numbers -------------------------------------------------------------------------------

// Which of '.' and ',' is the decimal mark of a number without sign; '\0' when neither is.
// The last of the two when both appear ("1.234,5", "1,234.5"); neither when one appears more
// than once ("1.234.567"); a lone comma is a decimal comma ("3,5", "0,125", "1234,567") unless
// it looks exactly like a US thousands separator: one to three digits, not starting with 0,
// then three ("1,234" reads as 1234: US exports outnumber European ones in help desks).
// A lone point is always decimal ("1.234" is one and a bit), as every CSV writer means it.
char decimalMarkOf(std::string_view body)
{
    const std::size_t lastDot = body.rfind('.');
    const std::size_t lastComma = body.rfind(',');
    if (lastDot != std::string_view::npos && lastComma != std::string_view::npos)
        return lastDot > lastComma ? '.' : ',';
    if (lastDot != std::string_view::npos)
        return body.find('.') == lastDot ? '.' : '\0';
    if (lastComma == std::string_view::npos)
        return '.';
    if (body.find(',') != lastComma)
        return '\0';
    const bool usThousands = lastComma >= 1 && lastComma <= 3 && body[0] != '0' && body.size() == lastComma + 4
                             && isDigit(body[lastComma + 1]) && isDigit(body[lastComma + 2])
                             && isDigit(body[lastComma + 3])
                             && std::all_of(body.begin(), body.begin() + std::ptrdiff_t(lastComma), isDigit);
    return usThousands ? '\0' : ',';
}

// A number with thousands separators or a decimal comma: copies its digits into a plain
// "-1234.5" and lets from_chars read that. Groups after the first must have three digits, so
// that "1,2,3" or "12 34" stay garbage rather than becoming 123 and 1234.
Parsed<double> parseGroupedNumber(std::string_view text)
{
    std::array<char, 72> buffer{};
    std::size_t length = 0;
    std::size_t i = 0;
    if (text[0] == '+' || text[0] == '-') {
        if (text[0] == '-')
            buffer[length++] = '-';
        ++i;
    }
    const std::string_view body = text.substr(i);
    const char decimal = decimalMarkOf(body);

    char thousands = '\0'; // the one separator this number groups with; no-break spaces read as ' '
    bool grouped = false;
    bool inFraction = false;
    int groupDigits = 0;
    int digitCount = 0;
    for (std::size_t j = 0; j < body.size();) {
        const char c = body[j];
        if (isDigit(c)) {
            buffer[length++] = c;
            ++groupDigits;
            ++digitCount;
            ++j;
            continue;
        }
        if (c == decimal && !inFraction) {
            if (grouped && groupDigits != 3)
                return Parsed<double>::bad();
            buffer[length++] = '.';
            inFraction = true;
            ++j;
            continue;
        }
        std::size_t width = (c == ',' || c == '.' || c == ' ' || c == '\'') ? 1 : noBreakSpaceAt(body, j);
        const char kind = width > 1 ? ' ' : c;
        if (width == 0 || inFraction || (grouped && kind != thousands))
            return Parsed<double>::bad();
        if (grouped ? groupDigits != 3 : (groupDigits < 1 || groupDigits > 3))
            return Parsed<double>::bad();
        thousands = kind;
        grouped = true;
        groupDigits = 0;
        j += width;
    }
    if (digitCount == 0 || (grouped && !inFraction && groupDigits != 3))
        return Parsed<double>::bad();
    double value = 0;
    const auto [end, error] = std::from_chars(buffer.data(), buffer.data() + length, value);
    if (error != std::errc() || end != buffer.data() + length || !std::isfinite(value))
        return Parsed<double>::bad();
    return Parsed<double>::of(value);
}

// `text` is trimmed and no null marker.
Parsed<double> parseNumberText(std::string_view text, bool allowPercent)
{
    if (allowPercent && text.back() == '%') {
        text = trimmed(text.substr(0, text.size() - 1));
        if (text.empty())
            return Parsed<double>::bad();
    }
    // Most cells are plain "12.85", "-3" or "1e3": from_chars reads them exactly and fast.
    // It also reads "inf" and "nan", which isfinite turns away.
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc() && end == text.data() + text.size() && std::isfinite(value))
        return Parsed<double>::of(value);
    // Long enough for any real number with separators; longer is garbage and would not fit the
    // grouped reader's buffer. Checked only here: before from_chars, it turned away plain numbers
    // that parseInteger reads (zero padding, a full-precision fraction).
    if (text.size() > 64)
        return Parsed<double>::bad();
    return parseGroupedNumber(text);
}

// --- durations -----------------------------------------------------------------------------

// "[D.]H:MM:SS[.fff]" (hours unbounded unless days lead) or "M:SS[.fff]".
Parsed<double> parseClockDuration(std::string_view text)
{
    Cursor c{text};
    int parts[3] = {0, 0, 0};
    if (c.digits(9, &parts[0]) == 0)
        return Parsed<double>::bad();
    int days = 0;
    const bool hasDays = c.consume('.'); // .NET's TimeSpan: "1.02:03:04"
    if (hasDays) {
        days = parts[0];
        if (c.digits(2, &parts[0]) == 0 || parts[0] > 23)
            return Parsed<double>::bad();
    }
    int count = 1;
    while (c.consume(':')) {
        if (count == 3 || c.digits(2, &parts[count]) != 2)
            return Parsed<double>::bad();
        ++count;
    }
    double fraction = 0;
    if ((c.consume('.') || c.consume(',')) && !c.fraction(&fraction))
        return Parsed<double>::bad();
    if (!c.atEnd() || count < 2 || (hasDays && count != 3))
        return Parsed<double>::bad();
    std::int64_t seconds = 0;
    if (count == 3) {
        if (parts[1] > 59 || parts[2] > 59)
            return Parsed<double>::bad();
        seconds = std::int64_t(parts[0]) * 3600 + std::int64_t(parts[1]) * 60 + parts[2];
    } else {
        if (parts[1] > 59)
            return Parsed<double>::bad();
        seconds = std::int64_t(parts[0]) * 60 + parts[1];
    }
    return Parsed<double>::of(double(std::int64_t(days) * 86400 + seconds) + fraction);
}

struct DurationWord
{
    std::string_view word;
    double seconds;
    int rank; // larger units rank higher; a duration names them from large to small, once each
};

constexpr DurationWord durationWords[] = {
    {"w", 604800, 5}, {"wk", 604800, 5}, {"wks", 604800, 5}, {"week", 604800, 5}, {"weeks", 604800, 5},
    {"d", 86400, 4}, {"day", 86400, 4}, {"days", 86400, 4},
    {"h", 3600, 3}, {"hr", 3600, 3}, {"hrs", 3600, 3}, {"hour", 3600, 3}, {"hours", 3600, 3},
    {"m", 60, 2}, {"min", 60, 2}, {"mins", 60, 2}, {"minute", 60, 2}, {"minutes", 60, 2},
    {"s", 1, 1}, {"sec", 1, 1}, {"secs", 1, 1}, {"second", 1, 1}, {"seconds", 1, 1},
    {"ms", 0.001, 0}, {"msec", 0.001, 0}, {"msecs", 0.001, 0}, {"millisecond", 0.001, 0}, {"milliseconds", 0.001, 0},
};

// "1h 20m", "2d 3h", "45s", "1h20m30s", "1.5 hours", "2 days, 3 hours". "m" is minutes: no
// help desk measures a reply in months.
Parsed<double> parseWordDuration(std::string_view text)
{
    Cursor c{text};
    double total = 0;
    int previousRank = INT_MAX;
    while (true) {
        c.skipSpaces();
        if (c.atEnd())
            break;
        if (previousRank != INT_MAX && c.consume(','))
            c.skipSpaces();
        int whole = 0;
        if (c.digits(9, &whole) == 0)
            return Parsed<double>::bad();
        double fraction = 0;
        if ((c.consume('.') || c.consume(',')) && !c.fraction(&fraction))
            return Parsed<double>::bad();
        c.skipSpaces();
        const std::string_view word = c.word();
        const DurationWord *unit = nullptr;
        for (const DurationWord &candidate : durationWords) {
            if (is(word, candidate.word)) {
                unit = &candidate;
                break;
            }
        }
        if (!unit || unit->rank >= previousRank)
            return Parsed<double>::bad();
        previousRank = unit->rank;
        total += (double(whole) + fraction) * unit->seconds;
    }
    return previousRank == INT_MAX ? Parsed<double>::bad() : Parsed<double>::of(total);
}

// --- dates and times -----------------------------------------------------------------------

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms": eras of 400 years, years
// starting in March so that the leap day falls at the end. Here to be inlined in the hot path.
inline std::int64_t civilDays(int year, unsigned month, unsigned day)
{
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const auto yearOfEra = unsigned(y - era * 400);
    const unsigned dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return std::int64_t(era) * 146097 + std::int64_t(dayOfEra) - 719468;
}

bool isLeapYear(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month)
{
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && isLeapYear(year) ? 29 : days[std::size_t(month - 1)];
}

// Years outside 1900-2200 are typos or sentinels (.NET's 0001-01-01), not ticket dates.
bool isValidDate(int year, int month, int day)
{
    return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

// Two-digit years pivot as POSIX strptime's %y does: 00-68 are 20xx, 69-99 are 19xx.
int fullYear(int year, int digits)
{
    if (digits == 2)
        return year <= 68 ? 2000 + year : 1900 + year;
    return year;
}

// English month names, three letters ("Mar"), four for September ("Sept") or in full; 0 if not.
int monthFromName(std::string_view name)
{
    static constexpr std::array<std::string_view, 12> names = {"january", "february", "march",     "april",
                                                               "may",     "june",     "july",      "august",
                                                               "september", "october", "november", "december"};
    if (name.size() < 3)
        return 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (is(name, names[i]) || is(name, names[i].substr(0, 3)) || (i == 8 && is(name, "sept")))
            return int(i) + 1;
    }
    return 0;
}

bool isWeekdayName(std::string_view name)
{
    static constexpr std::array<std::string_view, 7> names = {"monday", "tuesday",  "wednesday", "thursday",
                                                              "friday", "saturday", "sunday"};
    for (std::string_view full : names) {
        if (is(name, full) || is(name, full.substr(0, 3)))
            return true;
    }
    return false;
}

// A year of two or four digits.
bool readYear(Cursor &c, int *year)
{
    const int count = c.digits(4, year);
    if (count != 2 && count != 4)
        return false;
    *year = fullYear(*year, count);
    return true;
}

// "05/03/2024", "5.3.24", "05-03-2024": the two leading parts in written order, and the year.
bool readNumericDayMonthYear(Cursor &c, int *first, int *second, int *year)
{
    if (c.digits(2, first) == 0)
        return false;
    const char separator = c.peek();
    if (separator != '/' && separator != '.' && separator != '-')
        return false;
    ++c.pos;
    return c.digits(2, second) != 0 && c.consume(separator) && readYear(c, year);
}

struct Date
{
    int year = 0;
    int month = 0;
    int day = 0;
};

// The date at the start of a cell, in any of the forms the header lists; false on garbage.
bool readDate(Cursor &c, DateOrder order, Date *date)
{
    if (isAlpha(c.peek())) {
        // "Mar 5, 2024", "March 5th 2024", "Tue, Mar 5 2024"
        std::string_view name = c.word();
        if (isWeekdayName(name)) {
            c.consume(',');
            c.skipSpaces();
            name = c.word();
        }
        date->month = monthFromName(name);
        if (date->month == 0)
            return false;
        c.consume('.');
        c.skipSpaces();
        if (c.digits(2, &date->day) == 0)
            return false;
        const std::string_view suffix = c.word();
        if (!suffix.empty() && !is(suffix, "st") && !is(suffix, "nd") && !is(suffix, "rd") && !is(suffix, "th"))
            return false;
        c.consume(',');
        c.skipSpaces();
        return readYear(c, &date->year);
    }

    const std::size_t start = c.pos;
    int first = 0;
    const int firstDigits = c.digits(4, &first);
    if (firstDigits == 4) {
        // Year first, padded or not: "2024-03-05", "2012/10/9", "2024.03.05".
        const char separator = c.peek();
        if (separator != '-' && separator != '/' && separator != '.')
            return false;
        ++c.pos;
        date->year = first;
        return c.digits(2, &date->month) != 0 && c.consume(separator) && c.digits(2, &date->day) != 0;
    }
    if (firstDigits == 0 || firstDigits == 3)
        return false;
    const char separator = c.peek();
    if (separator == ' ' || separator == '-' || separator == '/' || separator == '.') {
        // "05-Mar-2024", "5 Mar 2024", "15/Mar/24" (Jira)
        Cursor named = c;
        ++named.pos;
        if (isAlpha(named.peek())) {
            date->day = first;
            date->month = monthFromName(named.word());
            if (date->month == 0 || !named.consume(separator))
                return false;
            c = named;
            return readYear(c, &date->year);
        }
    }
    c.pos = start;
    int second = 0;
    if (!readNumericDayMonthYear(c, &first, &second, &date->year))
        return false;
    // Without a decision for the column, the date decides when it can; a date that fits both
    // orders is read the US way, month first. Month-first parts above 12 fail validation.
    const bool dayFirst = order == DateOrder::DayFirst || (order == DateOrder::Unknown && first > 12);
    date->day = dayFirst ? first : second;
    date->month = dayFirst ? second : first;
    return true;
}

// H:MM[:SS[.fff]] with an optional AM/PM: seconds since midnight. False on garbage.
bool readClock(Cursor &c, int *secondsOfDay)
{
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (c.digits(2, &hour) == 0 || !c.consume(':') || c.digits(2, &minute) != 2)
        return false;
    if (c.consume(':')) {
        if (c.digits(2, &second) != 2)
            return false;
        double ignored = 0; // WallClock counts whole seconds: fractions are truncated
        if ((c.consume('.') || c.consume(',')) && !c.fraction(&ignored))
            return false;
    }
    // "AM", "pm", "a.m.": the meridiem, when it is one; anything else (a zone) is left alone.
    Cursor meridiem = c;
    meridiem.skipSpaces();
    const char half = lower(meridiem.peek());
    if (half == 'a' || half == 'p') {
        ++meridiem.pos;
        const bool dotted = meridiem.consume('.');
        if (meridiem.consumeIgnoreCase('m') && (!dotted || meridiem.consume('.')) && !isAlpha(meridiem.peek())) {
            if (hour < 1 || hour > 12)
                return false;
            hour = hour % 12 + (half == 'p' ? 12 : 0); // 12 AM is midnight, 12 PM noon
            c = meridiem;
        }
    }
    if (hour > 23 || minute > 59 || second > 60)
        return false;
    if (second == 60)
        second = 59; // a leap second reads as the second before it
    *secondsOfDay = hour * 3600 + minute * 60 + second;
    return true;
}

// An optional zone after the time: Z, UTC, GMT, +hh, +hh:mm, +hhmm, UTC+hh:mm. Leaves *offset
// empty when there is none; false on garbage.
bool readZone(Cursor &c, std::optional<int> *offset)
{
    const std::size_t start = c.pos;
    c.skipSpaces();
    if (c.atEnd()) {
        c.pos = start;
        return true;
    }
    if (isAlpha(c.peek())) {
        const std::string_view name = c.word();
        if (!is(name, "z") && !is(name, "utc") && !is(name, "gmt"))
            return false;
        *offset = 0;
        if (is(name, "z") || (c.peek() != '+' && c.peek() != '-'))
            return true;
    }
    if (c.peek() != '+' && c.peek() != '-')
        return false;
    const int sign = c.peek() == '-' ? -1 : 1;
    ++c.pos;
    int hours = 0;
    int minutes = 0;
    const int count = c.digits(4, &hours);
    if (count == 4) {
        minutes = hours % 100;
        hours /= 100;
    } else if (count == 0 || count == 3 || (c.consume(':') && c.digits(2, &minutes) != 2)) {
        return false;
    }
    if (hours > 14 || minutes > 59)
        return false;
    *offset = sign * (hours * 3600 + minutes * 60);
    return true;
}

// "YYYY-MM-DD", "YYYY-MM-DD HH:MM" and "YYYY-MM-DD HH:MM:SS" (space or 'T'): what SQL, ISO and
// most help desks write, read at fixed positions in a third of the general grammar's time.
// False for anything else, valid or not, which then takes the general way.
bool readFixedIsoDateTime(std::string_view text, WallClock *clock)
{
    const std::size_t size = text.size();
    if ((size != 10 && size != 16 && size != 19) || text[4] != '-' || text[7] != '-')
        return false;
    bool digits = true;
    const auto twoDigits = [&](std::size_t at) {
        digits = digits && isDigit(text[at]) && isDigit(text[at + 1]);
        return (text[at] - '0') * 10 + (text[at + 1] - '0');
    };
    const int year = twoDigits(0) * 100 + twoDigits(2);
    const int month = twoDigits(5);
    const int day = twoDigits(8);
    int secondsOfDay = 0;
    if (size > 10) {
        if ((text[10] != ' ' && text[10] != 'T') || text[13] != ':' || (size == 19 && text[16] != ':'))
            return false;
        const int hour = twoDigits(11);
        const int minute = twoDigits(14);
        const int second = size == 19 ? twoDigits(17) : 0;
        if (hour > 23 || minute > 59 || second > 59) // leap seconds go the general way
            return false;
        secondsOfDay = hour * 3600 + minute * 60 + second;
    }
    if (!digits || !isValidDate(year, month, day))
        return false;
    clock->localSeconds = civilDays(year, unsigned(month), unsigned(day)) * 86400 + secondsOfDay;
    clock->hasTime = size > 10;
    return true;
}

// The whole of a non-null, trimmed cell as a date with an optional time and zone.
bool readDateTime(std::string_view text, DateOrder order, WallClock *clock)
{
    Cursor c{text};
    Date date;
    if (!readDate(c, order, &date) || !isValidDate(date.year, date.month, date.day))
        return false;
    clock->localSeconds = civilDays(date.year, unsigned(date.month), unsigned(date.day)) * 86400;

    // The time follows a 'T' or white space (Excel sometimes writes two), or a comma after a
    // month-name date ("Mar 5, 2024, 3:04 PM").
    const std::size_t afterDate = c.pos;
    if (!c.consumeIgnoreCase('t')) {
        c.skipSpaces();
        if (c.consume(','))
            c.skipSpaces();
    }
    if (c.pos > afterDate && isDigit(c.peek())) {
        int secondsOfDay = 0;
        if (!readClock(c, &secondsOfDay))
            return false;
        clock->localSeconds += secondsOfDay;
        clock->hasTime = true;
    } else if (c.pos > afterDate && !isSpace(text[afterDate])) {
        return false; // a 'T' or comma promised a time
    } else {
        c.pos = afterDate;
    }
    // A zone only after a time: after a bare date, "-1" in "2024-3-5-1" would pass for one.
    return c.atEnd() || (clock->hasTime && readZone(c, &clock->offsetSeconds) && c.atEnd());
}

std::int64_t floorDiv(std::int64_t value, std::int64_t divisor)
{
    return value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);
}

} // namespace

bool isNullMarker(std::string_view text)
{
    return isNullText(trimmed(text));
}

Parsed<double> parseNumber(std::string_view raw)
{
    const std::string_view text = trimmed(raw);
    if (isNullText(text))
        return Parsed<double>::null();
    return parseNumberText(text, true);
}

Parsed<std::int64_t> parseInteger(std::string_view raw)
{
    const std::string_view text = trimmed(raw);
    if (isNullText(text))
        return Parsed<std::int64_t>::null();
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc() && end == text.data() + text.size())
        return Parsed<std::int64_t>::of(value);
    // "3.0" as spreadsheets write whole numbers, "1,234": fine. "3.5" is no integer, and from
    // 2^53 on a double no longer says which integer it was (2^53 + 1 reads as 2^53).
    const Parsed<double> number = parseNumberText(text, false);
    constexpr double exactLimit = 9007199254740992.0;
    if (!number.ok || std::trunc(*number.value) != *number.value || std::fabs(*number.value) >= exactLimit)
        return Parsed<std::int64_t>::bad();
    return Parsed<std::int64_t>::of(std::int64_t(*number.value));
}

Parsed<bool> parseBool(std::string_view raw)
{
    const std::string_view text = trimmed(raw);
    if (isNullText(text))
        return Parsed<bool>::null();
    static constexpr std::array<std::string_view, 6> yes = {"y", "yes", "true", "t", "1", "on"};
    static constexpr std::array<std::string_view, 6> no = {"n", "no", "false", "f", "0", "off"};
    for (std::string_view word : yes) {
        if (is(text, word))
            return Parsed<bool>::of(true);
    }
    for (std::string_view word : no) {
        if (is(text, word))
            return Parsed<bool>::of(false);
    }
    return Parsed<bool>::bad();
}

Parsed<double> parseDurationSeconds(std::string_view raw, DurationUnit unit)
{
    const std::string_view text = trimmed(raw);
    if (isNullText(text))
        return Parsed<double>::null();
    if (text.find(':') != std::string_view::npos)
        return parseClockDuration(text);
    const Parsed<double> number = parseNumberText(text, false);
    if (!number.ok)
        return parseWordDuration(text);
    if (*number.value < 0)
        return Parsed<double>::bad();
    static constexpr std::array<double, 5> secondsPer = {0.001, 1.0, 60.0, 3600.0, 86400.0};
    // "1e308" minutes is a finite number but no finite duration: infinity would poison every
    // mean and sum it entered.
    const double seconds = *number.value * secondsPer[std::size_t(unit)];
    if (!std::isfinite(seconds))
        return Parsed<double>::bad();
    return Parsed<double>::of(seconds);
}

std::int64_t daysFromCivil(int year, unsigned month, unsigned day)
{
    return civilDays(year, month, day);
}

Parsed<WallClock> parseDateTime(std::string_view raw, DateOrder order)
{
    // One named result and no other return: the grammar writes straight into the caller's
    // Parsed. Returning Parsed::of(clock) instead copied a WallClock built with narrow stores
    // through the stack with wide loads, a store-forwarding stall worth a third of the call.
    Parsed<WallClock> result;
    const std::string_view text = trimmed(raw);
    if (!isNullText(text)) {
        WallClock *clock = &result.value.emplace();
        result.ok = readFixedIsoDateTime(text, clock) || readDateTime(text, order, clock);
        if (!result.ok)
            result.value.reset();
    }
    return result;
}

Parsed<int> parseTimeOfDay(std::string_view raw)
{
    const std::string_view text = trimmed(raw);
    if (isNullText(text))
        return Parsed<int>::null();
    Cursor c{text};
    int secondsOfDay = 0;
    if (!readClock(c, &secondsOfDay) || !c.atEnd())
        return Parsed<int>::bad();
    return Parsed<int>::of(secondsOfDay);
}

void DateOrderDetector::observe(std::string_view text)
{
    Cursor c{trimmed(text)};
    int first = 0;
    int second = 0;
    int year = 0;
    if (!readNumericDayMonthYear(c, &first, &second, &year))
        return; // year first, a month name, or no date: nothing to learn about the order
    if (!c.atEnd() && !isSpace(c.peek()) && c.peek() != 'T')
        return;
    if (first > 12 && first <= 31 && second >= 1 && second <= 12)
        m_dayFirstSeen = true;
    else if (second > 12 && second <= 31 && first >= 1 && first <= 12)
        m_monthFirstSeen = true;
}

DateOrder DateOrderDetector::decided() const
{
    if (m_dayFirstSeen == m_monthFirstSeen)
        return DateOrder::Unknown;
    return m_dayFirstSeen ? DateOrder::DayFirst : DateOrder::MonthFirst;
}

namespace {

int offsetAtUtc(const QTimeZone &zone, std::int64_t utcSeconds)
{
    return zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(utcSeconds, Qt::UTC));
}

// The offset that turns wall-clock `local` into UTC, found with QTimeZone's offsets at UTC
// instants rather than with QDateTime, which in Qt 6.4 leaves a time in a gap invalid and
// reads a time in an overlap as its second occurrence. Zones change offset at most once in
// two days, so the offsets a day before and a day after are the only two candidates.
int offsetForLocal(const QTimeZone &zone, std::int64_t local)
{
    const int before = offsetAtUtc(zone, local - 86400);
    const int after = offsetAtUtc(zone, local + 86400);
    if (before == after)
        return before;
    const bool beforeFits = offsetAtUtc(zone, local - before) == before;
    const bool afterFits = offsetAtUtc(zone, local - after) == after;
    if (beforeFits && afterFits) // the clock went back: the first occurrence is the earlier instant
        return std::max(before, after);
    if (afterFits)
        return after;
    // Fits neither: the clock jumped over it. Read with the offset from before the jump, the
    // time lands as far past the jump as it was written past its start.
    return before;
}

// Marks an hour in which the offset changes: each reading in it is resolved on its own.
constexpr int transitionHour = INT_MIN;

// Qt reads a name it finds no zone file for as a POSIX TZ rule: "Berlin1" becomes a zone one hour
// behind UTC, and a typo such as "tpyo30" one 30 hours behind. So a name is a zone only when Qt
// lists it or the tz database has a file of that name (links such as "US/Eastern" are files too);
// a path leading out of the database names nothing.
bool isTimeZoneDatabaseName(const QByteArray &name)
{
    if (QTimeZone::isTimeZoneIdAvailable(name))
        return true;
    if (name.startsWith('/') || name.split('/').contains(".."))
        return false;
    QStringList databases; // where Qt looks, in its order
    if (const QString tzdir = qEnvironmentVariable("TZDIR"); !tzdir.isEmpty())
        databases.append(tzdir);
    databases.append(QStringLiteral("/usr/share/zoneinfo"));
    for (const QString &database : databases) {
        if (QFileInfo(QDir(database).filePath(QString::fromLatin1(name))).isFile())
            return true;
    }
    return false;
}

} // namespace

// An invalid zone reads as UTC: the caller validated the user's zone name already, and failing
// every row of an import over it would help no one.
TimeZoneConverter::TimeZoneConverter(const QTimeZone &zone)
    : m_zone(zone)
    , m_isUtc(!zone.isValid() || zone == QTimeZone::utc() || zone.id() == "UTC" || zone.id() == "Etc/UTC")
{
}

std::int64_t TimeZoneConverter::toUtc(const WallClock &wallClock)
{
    if (wallClock.offsetSeconds)
        return wallClock.localSeconds - *wallClock.offsetSeconds;
    if (m_isUtc)
        return wallClock.localSeconds;
    // No zone changes its offset twice within an hour, so an hour whose start and end resolve
    // alike has that offset throughout. The rare hour holding a change (a gap, an overlap, Lord
    // Howe's half-hour shift) is resolved reading by reading.
    const std::int64_t hour = floorDiv(wallClock.localSeconds, 3600);
    auto found = m_offsetByLocalHour.find(hour);
    if (found == m_offsetByLocalHour.end()) {
        const int atStart = offsetForLocal(m_zone, hour * 3600);
        const int atEnd = offsetForLocal(m_zone, hour * 3600 + 3600);
        found = m_offsetByLocalHour.emplace(hour, atStart == atEnd ? atStart : transitionHour).first;
    }
    const int offset = found->second != transitionHour ? found->second
                                                       : offsetForLocal(m_zone, wallClock.localSeconds);
    return wallClock.localSeconds - offset;
}

QTimeZone timeZoneFromName(const QString &rawName)
{
    const QString name = rawName.trimmed();
    if (name.isEmpty())
        return {};
    if (name.compare(QLatin1String("local"), Qt::CaseInsensitive) == 0
        || name.compare(QLatin1String("system"), Qt::CaseInsensitive) == 0) {
        return QTimeZone::systemTimeZone();
    }
    const QByteArray latin1 = name.toLatin1();
    const std::string_view text(latin1.constData(), std::size_t(latin1.size()));
    if (is(text, "z") || is(text, "utc") || is(text, "gmt"))
        return QTimeZone::utc();
    const bool utcWithOffset = text.size() > 3 && (is(text.substr(0, 3), "utc") || is(text.substr(0, 3), "gmt"))
                               && (text[3] == '+' || text[3] == '-');
    if (text[0] == '+' || text[0] == '-' || utcWithOffset) {
        // A bare offset, "UTC+5" or "GMT-03:00" is what the same readZone accepts after a time in
        // a cell, and means the same here (Qt lists only the "UTC+05:00" form as a zone name).
        Cursor c{text};
        std::optional<int> offset;
        if (!readZone(c, &offset) || !offset || !c.atEnd())
            return {};
        return *offset == 0 ? QTimeZone::utc() : QTimeZone(*offset);
    }
    if (isTimeZoneDatabaseName(latin1)) {
        QTimeZone zone(latin1);
        if (zone.isValid())
            return zone;
    }
    // IANA ids are case-sensitive, people typing them are not ("europe/berlin").
    const QList<QByteArray> ids = QTimeZone::availableTimeZoneIds();
    for (const QByteArray &id : ids) {
        if (id.compare(latin1, Qt::CaseInsensitive) == 0)
            return QTimeZone(id);
    }
    return {};
}

Parsed<SatisfactionValue> parseSatisfaction(std::string_view raw)
{
    const std::string_view text = trimmed(raw);
    if (isNullMarker(text))
        return Parsed<SatisfactionValue>::null();

    struct Label
    {
        std::string_view text;
        std::optional<bool> good;
        std::optional<double> score;
        std::optional<bool> offered;
    };
    // Zendesk's legacy export writes "Good"/"Bad"/"Offered"/"Unoffered"; Explore adds "Not
    // offered"; Freshdesk writes the label of the answer on its 5- or 3-point survey. Only Zendesk
    // says which tickets were offered a survey; elsewhere "offered" stays unknown, so that a
    // response rate is never made up from ratings alone.
    static const Label labels[] = {
        {"good", true, std::nullopt, true},
        {"bad", false, std::nullopt, true},
        {"good with comment", true, std::nullopt, true},
        {"bad with comment", false, std::nullopt, true},
        {"offered", std::nullopt, std::nullopt, true},
        {"unoffered", std::nullopt, std::nullopt, false},
        {"not offered", std::nullopt, std::nullopt, false},
        {"extremely satisfied", true, 5.0, std::nullopt},
        {"satisfied", true, 4.0, std::nullopt},
        {"neutral", false, 3.0, std::nullopt},
        {"dissatisfied", false, 2.0, std::nullopt},
        {"extremely dissatisfied", false, 1.0, std::nullopt},
        {"extremely happy", true, 5.0, std::nullopt},
        {"happy", true, 4.0, std::nullopt},
        {"unhappy", false, 2.0, std::nullopt},
        {"extremely unhappy", false, 1.0, std::nullopt},
        {"awesome", true, std::nullopt, std::nullopt},
        {"not good", false, std::nullopt, std::nullopt},
    };
    for (const Label &label : labels) {
        if (is(text, label.text))
            return Parsed<SatisfactionValue>::of({label.good, label.score, label.offered});
    }

    const Parsed<double> number = parseNumber(text);
    if (!number.ok || !number.value)
        return Parsed<SatisfactionValue>::bad();
    const double score = *number.value;
    // A ticket export's rating is a 1-5 CSAT score (Kaggle writes "4.0"). 0 is how spreadsheets
    // spell "not rated"; anything else is another scale and belongs to a survey import.
    if (score == 0.0)
        return Parsed<SatisfactionValue>::null();
    if (score < 1.0 || score > 5.0)
        return Parsed<SatisfactionValue>::bad();
    return Parsed<SatisfactionValue>::of({score >= 4.0, score, std::nullopt});
}

} // namespace sl
