// The value parsers on arbitrary cells. The input is split at line breaks into cells, and each
// cell goes through every parser: dates in each DateOrder, durations in each unit, numbers,
// integers, booleans, times of day, time-zone names; parsed wall clocks are converted to UTC
// in a few zones and in any zone a cell names. Beyond not crashing, results must keep the
// promises of valueparsers.h, and must agree with Qt where Qt is not known to differ.

#include "fuzzsupport.h"
#include "import/valueparsers.h"

#include <QDateTime>
#include <QTimeZone>

#include <array>
#include <cmath>

using namespace sl;

namespace {

constexpr std::int64_t day = 86400;
// 1900-01-01 and 2201-01-01, the range parseDateTime accepts, as wall-clock seconds.
const std::int64_t earliest = daysFromCivil(1900, 1, 1) * day;
const std::int64_t latest = daysFromCivil(2201, 1, 1) * day;

std::int64_t floorDiv(std::int64_t value, std::int64_t divisor)
{
    return value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);
}

std::string show(std::string_view cell)
{
    std::string out;
    for (char c : cell.substr(0, 80)) {
        if (c >= 0x20 && c < 0x7f) {
            out += c;
        } else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02X", unsigned(static_cast<unsigned char>(c)));
            out += hex;
        }
    }
    return out;
}

// A wall clock as "YYYY-MM-DD HH:MM:SS", through QDate: a second opinion on the calendar.
std::string isoOf(std::int64_t localSeconds)
{
    const QDate date = QDate(1970, 1, 1).addDays(floorDiv(localSeconds, day));
    const std::int64_t secondsOfDay = localSeconds - floorDiv(localSeconds, day) * day;
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d", date.year(), date.month(), date.day(),
                  int(secondsOfDay / 3600), int(secondsOfDay / 60 % 60), int(secondsOfDay % 60));
    return text;
}

struct Zone
{
    QTimeZone zone;
    TimeZoneConverter converter; // warmed by every cell: its per-hour cache must not change answers
};

void checkUtc(Zone &zone, const WallClock &clock, std::string_view cell)
{
    const std::int64_t utc = zone.converter.toUtc(clock);
    TimeZoneConverter fresh(zone.zone);
    SL_FUZZ_CHECK(fresh.toUtc(clock) == utc, "toUtc depends on what was converted before: %s in %s",
                  show(cell).c_str(), zone.zone.id().constData());
    if (clock.offsetSeconds) {
        SL_FUZZ_CHECK(utc == clock.localSeconds - *clock.offsetSeconds, "an explicit offset was not used: %s",
                      show(cell).c_str());
        return;
    }
    // Real offsets stay within a day (-12 to +14 hours, LMT included).
    SL_FUZZ_CHECK(std::llabs(utc - clock.localSeconds) <= day, "offset of %lld s: %s in %s",
                  static_cast<long long>(clock.localSeconds - utc), show(cell).c_str(), zone.zone.id().constData());
    if (!zone.zone.isValid())
        return;
    // Away from any offset change, Qt's answer is the answer (near one, Qt 6.4 is known to differ).
    const std::int64_t days = floorDiv(clock.localSeconds, day);
    const std::int64_t secondsOfDay = clock.localSeconds - days * day;
    const QDateTime qt(QDate(1970, 1, 1).addDays(days), QTime(0, 0).addSecs(int(secondsOfDay)), zone.zone);
    if (!qt.isValid())
        return;
    const std::int64_t qtUtc = qt.toSecsSinceEpoch();
    const auto offsetAt = [&](std::int64_t at) {
        return zone.zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(at, Qt::UTC));
    };
    if (offsetAt(qtUtc - 2 * day) == offsetAt(qtUtc + 2 * day) && offsetAt(qtUtc) == offsetAt(qtUtc - 2 * day)) {
        SL_FUZZ_CHECK(utc == qtUtc, "%s in %s: %lld, Qt says %lld", show(cell).c_str(), zone.zone.id().constData(),
                      static_cast<long long>(utc), static_cast<long long>(qtUtc));
    }
}

void checkCell(std::string_view cell, std::vector<Zone> &zones, DateOrderDetector &detector)
{
    const std::string_view trimmedCell = trimmed(cell);
    SL_FUZZ_CHECK(trimmed(trimmedCell) == trimmedCell, "trimming twice trims more: %s", show(cell).c_str());
    SL_FUZZ_CHECK(trimmedCell.data() >= cell.data()
                      && trimmedCell.data() + trimmedCell.size() <= cell.data() + cell.size(),
                  "trimmed() left the cell");
    const bool null = isNullMarker(cell);

    const Parsed<double> number = parseNumber(cell);
    SL_FUZZ_CHECK(!number.ok || number.value.has_value() != null, "number: null and value disagree: %s",
                  show(cell).c_str());
    if (number.value)
        SL_FUZZ_CHECK(std::isfinite(*number.value), "number %s reads as %g", show(cell).c_str(), *number.value);

    const Parsed<std::int64_t> integer = parseInteger(cell);
    SL_FUZZ_CHECK(!integer.ok || integer.value.has_value() != null, "integer: null and value disagree: %s",
                  show(cell).c_str());
    // An integer is a number too, and the same one (as far as a double can say).
    if (integer.value && std::llabs(*integer.value) <= (std::int64_t(1) << 53)) {
        SL_FUZZ_CHECK(number.value && *number.value == double(*integer.value), "integer %lld, number %s: %s",
                      static_cast<long long>(*integer.value),
                      number.value ? std::to_string(*number.value).c_str() : "none", show(cell).c_str());
    }

    const Parsed<bool> boolean = parseBool(cell);
    SL_FUZZ_CHECK(!boolean.ok || boolean.value.has_value() != null, "bool: null and value disagree");

    for (DurationUnit unit : {DurationUnit::Milliseconds, DurationUnit::Seconds, DurationUnit::Minutes,
                              DurationUnit::Hours, DurationUnit::Days}) {
        const Parsed<double> seconds = parseDurationSeconds(cell, unit);
        SL_FUZZ_CHECK(!seconds.ok || seconds.value.has_value() != null, "duration: null and value disagree");
        if (seconds.value) {
            SL_FUZZ_CHECK(std::isfinite(*seconds.value) && *seconds.value >= 0,
                          "duration %s in unit %d reads as %g seconds", show(cell).c_str(), int(unit), *seconds.value);
        }
    }

    const Parsed<int> timeOfDay = parseTimeOfDay(cell);
    if (timeOfDay.value)
        SL_FUZZ_CHECK(*timeOfDay.value >= 0 && *timeOfDay.value < day, "time of day %d: %s", *timeOfDay.value,
                      show(cell).c_str());

    std::array<Parsed<WallClock>, 3> dates;
    const std::array<DateOrder, 3> orders = {DateOrder::Unknown, DateOrder::DayFirst, DateOrder::MonthFirst};
    for (std::size_t i = 0; i < orders.size(); ++i) {
        dates[i] = parseDateTime(cell, orders[i]);
        const Parsed<WallClock> &date = dates[i];
        SL_FUZZ_CHECK(!date.ok || date.value.has_value() != null, "date: null and value disagree");
        if (!date.value)
            continue;
        const WallClock &clock = *date.value;
        SL_FUZZ_CHECK(clock.localSeconds >= earliest && clock.localSeconds < latest,
                      "date %s (order %d) is outside 1900-2200: %lld", show(cell).c_str(), int(orders[i]),
                      static_cast<long long>(clock.localSeconds));
        SL_FUZZ_CHECK(clock.hasTime || (clock.localSeconds % day == 0 && !clock.offsetSeconds),
                      "a bare date with a time or a zone: %s", show(cell).c_str());
        if (clock.offsetSeconds)
            SL_FUZZ_CHECK(std::abs(*clock.offsetSeconds) < 15 * 3600, "offset %d: %s", *clock.offsetSeconds,
                          show(cell).c_str());
        // Written back in ISO form (through QDate's calendar), it reads as the same instant.
        const std::string iso = isoOf(clock.localSeconds);
        const Parsed<WallClock> again = parseDateTime(iso, DateOrder::Unknown);
        SL_FUZZ_CHECK(again.value && again.value->localSeconds == clock.localSeconds,
                      "%s reads as %s, which reads back differently", show(cell).c_str(), iso.c_str());
        for (Zone &zone : zones)
            checkUtc(zone, clock, cell);
    }
    // Without an order, a date is read in one of the two orders, never a third way.
    if (dates[0].value) {
        const std::int64_t unknown = dates[0].value->localSeconds;
        SL_FUZZ_CHECK((dates[1].value && dates[1].value->localSeconds == unknown)
                          || (dates[2].value && dates[2].value->localSeconds == unknown),
                      "date %s without an order reads as neither order", show(cell).c_str());
    }
    detector.observe(cell);
    SL_FUZZ_CHECK(detector.decided() == DateOrder::Unknown || !detector.contradictory(),
                  "the detector decided while contradicting itself");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size > 4096)
        return 0;
    static const std::vector<QTimeZone> fixedZones = {QTimeZone::utc(), QTimeZone("Europe/Berlin"),
                                                      QTimeZone("America/New_York"),
                                                      QTimeZone("Australia/Lord_Howe")};
    std::vector<Zone> zones;
    for (const QTimeZone &zone : fixedZones)
        zones.push_back({zone, TimeZoneConverter(zone)});

    const std::string_view input(reinterpret_cast<const char *>(data), size);
    std::vector<std::string_view> cells;
    for (std::size_t start = 0; start <= input.size() && cells.size() < 64;) {
        const std::size_t end = std::min(input.find('\n', start), input.size());
        cells.push_back(input.substr(start, end - start));
        start = end + 1;
    }
    // The first cell may name a zone the others are read in too ("Europe/Paris", "+05:30",
    // "utc"). Only the first: an unknown name costs a search of Qt's list of zone ids, which in an
    // instrumented build is slow enough to starve the other parsers.
    const QTimeZone named = timeZoneFromName(QString::fromUtf8(cells[0].data(), qsizetype(cells[0].size())));
    if (named.isValid())
        zones.push_back({named, TimeZoneConverter(named)});
    DateOrderDetector detector;
    for (std::string_view cell : cells)
        checkCell(cell, zones, detector);
    return 0;
}
