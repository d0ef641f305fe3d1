// Typed values out of CSV cells: every accepted form, every rejection, and the null markers.
// Expected epoch values are worked out by hand from a few anchor days, never by the code
// under test; each anchor says how it was reached.

#include "import/valueparsers.h"

#include <QDateTime>
#include <QTest>

#include <climits>

using namespace sl;

Q_DECLARE_METATYPE(sl::DateOrder)
Q_DECLARE_METATYPE(sl::DurationUnit)

namespace {

constexpr qint64 minute = 60;
constexpr qint64 hour = 3600;
constexpr qint64 day = 86400;

// 2024-01-01 00:00:00 UTC: 54 years since 1970 with 13 leap days (1972..2020) = 19723 days.
constexpr qint64 jan1st2024 = 1704067200;
// + 31 (January) + 28: the last day of February in a leap year.
constexpr qint64 feb29th2024 = jan1st2024 + 59 * day; // 1709164800
// + 31 (Jan) + 29 (Feb) + 4.
constexpr qint64 march5th2024 = jan1st2024 + 64 * day; // 1709596800
constexpr qint64 march15th2024 = march5th2024 + 10 * day;
// Jan..Aug of a leap year are 244 days, + 4.
constexpr qint64 sept5th2024 = jan1st2024 + 248 * day;
// 2021-01-01: 2024-01-01 minus 2023, 2022 and 2021 (365 days each).
constexpr qint64 jan1st2021 = jan1st2024 - 1095 * day; // 1609459200
// 2012-01-01 = 1325376000 (42 years, 10 leap days); Jan..Sep of leap 2012 are 274 days, + 8.
constexpr qint64 oct9th2012 = 1325376000 + 282 * day; // 1349740800
// 2000-01-01 = 946684800 (30 years, 7 leap days: 1972..1996).
constexpr qint64 jan1st2000 = 946684800;

Parsed<WallClock> wallClock(const QByteArray &text, DateOrder order = DateOrder::Unknown)
{
    return parseDateTime(std::string_view(text.constData(), std::size_t(text.size())), order);
}

std::string_view view(const QByteArray &text)
{
    return {text.constData(), std::size_t(text.size())};
}

} // namespace

class TestValueParsers : public QObject
{
    Q_OBJECT

private slots:
    // --- null markers ------------------------------------------------------------------------

    void nullMarkers_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("isNull");

        QTest::newRow("an empty cell") << QByteArray("") << true;
        QTest::newRow("a single space, as IBM's Telco data has for TotalCharges") << QByteArray(" ") << true;
        QTest::newRow("tabs and line breaks only") << QByteArray("\t \r\n") << true;
        QTest::newRow("a no-break space only") << QByteArray("\xC2\xA0") << true;
        QTest::newRow("R's NA") << QByteArray("NA") << true;
        QTest::newRow("na in lower case") << QByteArray("na") << true;
        QTest::newRow("N/A") << QByteArray("N/A") << true;
        QTest::newRow("n/a padded with spaces") << QByteArray("  n/a ") << true;
        QTest::newRow("Excel's #N/A") << QByteArray("#N/A") << true;
        QTest::newRow("SQL's NULL") << QByteArray("NULL") << true;
        QTest::newRow("null in any case") << QByteArray("Null") << true;
        QTest::newRow("Python's None") << QByteArray("None") << true;
        QTest::newRow("pandas' nan") << QByteArray("nan") << true;
        QTest::newRow("a dash") << QByteArray("-") << true;
        QTest::newRow("a question mark") << QByteArray(" ? ") << true;
        QTest::newRow("zero is a value") << QByteArray("0") << false;
        QTest::newRow("No is a value") << QByteArray("No") << false;
        QTest::newRow("N is a value") << QByteArray("N") << false;
        QTest::newRow("two dashes are not a marker") << QByteArray("--") << false;
        QTest::newRow("minus one is a value") << QByteArray("-1") << false;
        QTest::newRow("a word that starts like a marker") << QByteArray("none yet") << false;
        QTest::newRow("nil is not one of ours") << QByteArray("nil") << false;
        QTest::newRow("a dotted n.a. is not one of ours") << QByteArray("n.a.") << false;
    }

    void nullMarkers()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, isNull);
        QCOMPARE(isNullMarker(view(text)), isNull);
        if (!isNull)
            return;
        // Every parser reads a marker as "no value" and not as garbage.
        const Parsed<double> number = parseNumber(view(text));
        QVERIFY(number.ok && !number.value);
        const Parsed<std::int64_t> integer = parseInteger(view(text));
        QVERIFY(integer.ok && !integer.value);
        const Parsed<bool> flag = parseBool(view(text));
        QVERIFY(flag.ok && !flag.value);
        const Parsed<double> duration = parseDurationSeconds(view(text), DurationUnit::Minutes);
        QVERIFY(duration.ok && !duration.value);
        const Parsed<WallClock> date = parseDateTime(view(text), DateOrder::Unknown);
        QVERIFY(date.ok && !date.value);
        const Parsed<int> time = parseTimeOfDay(view(text));
        QVERIFY(time.ok && !time.value);
    }

    void trimming_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("expected");

        QTest::newRow("spaces on both sides") << QByteArray("  7 ") << QByteArray("7");
        QTest::newRow("a carriage return left by a CRLF file") << QByteArray("Yes\r") << QByteArray("Yes");
        QTest::newRow("no-break spaces mixed with spaces")
            << QByteArray(" \xC2\xA0 12\xC2\xA0") << QByteArray("12");
        QTest::newRow("a narrow no-break space") << QByteArray("\xE2\x80\xAF" "5") << QByteArray("5");
        QTest::newRow("inner spaces stay") << QByteArray(" 1 234 ") << QByteArray("1 234");
        QTest::newRow("another character of a no-break space's block stays")
            << QByteArray("\xC2\xA9") << QByteArray("\xC2\xA9");
    }

    void trimming()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, expected);
        QCOMPARE(QByteArray(trimmed(view(text)).data(), qsizetype(trimmed(view(text)).size())), expected);
    }

    // --- numbers -----------------------------------------------------------------------------

    void numbers_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<double>("expected");

        QTest::newRow("a decimal point") << QByteArray("12.85") << true << 12.85;
        QTest::newRow("a negative integer") << QByteArray("-3") << true << -3.0;
        QTest::newRow("an explicit plus sign") << QByteArray("+3") << true << 3.0;
        QTest::newRow("padding around the number") << QByteArray("  7 ") << true << 7.0;
        QTest::newRow("a leading decimal point") << QByteArray(".5") << true << 0.5;
        QTest::newRow("a leading decimal comma") << QByteArray(",123") << true << 0.123;
        QTest::newRow("US thousands and decimals") << QByteArray("1,234.5") << true << 1234.5;
        QTest::newRow("European thousands and decimals") << QByteArray("1.234,5") << true << 1234.5;
        QTest::newRow("a decimal comma") << QByteArray("3,5") << true << 3.5;
        QTest::newRow("a decimal comma after zero") << QByteArray("0,125") << true << 0.125;
        QTest::newRow("a comma after four digits can only be decimal") << QByteArray("1234,567") << true << 1234.567;
        QTest::newRow("a lone comma before three digits is a US thousand") << QByteArray("1,234") << true << 1234.0;
        QTest::newRow("a negative US thousand") << QByteArray("-12,345") << true << -12345.0;
        QTest::newRow("a lone point before three digits is decimal") << QByteArray("1.234") << true << 1.234;
        QTest::newRow("several commas group thousands") << QByteArray("1,234,567") << true << 1234567.0;
        QTest::newRow("several points group thousands") << QByteArray("1.234.567") << true << 1234567.0;
        QTest::newRow("German millions with decimals") << QByteArray("1.234.567,89") << true << 1234567.89;
        QTest::newRow("a space groups thousands") << QByteArray("1 234") << true << 1234.0;
        QTest::newRow("French: space groups and a decimal comma") << QByteArray("1 234,5") << true << 1234.5;
        QTest::newRow("a no-break space groups thousands") << QByteArray("1\xC2\xA0" "234,5") << true << 1234.5;
        QTest::newRow("a narrow no-break space groups thousands")
            << QByteArray("1\xE2\x80\xAF" "234,5") << true << 1234.5;
        QTest::newRow("Swiss apostrophes group thousands") << QByteArray("1'234.50") << true << 1234.5;
        QTest::newRow("a percentage reads as its number") << QByteArray("94.01%") << true << 94.01;
        QTest::newRow("a French percentage with a space") << QByteArray("94,01 %") << true << 94.01;
        QTest::newRow("scientific notation") << QByteArray("1e3") << true << 1000.0;
        QTest::newRow("scientific notation as Excel writes it") << QByteArray("1.5E-03") << true << 0.0015;
        // Found by fuzzing: a length limit meant for numbers with separators refused these.
        QTest::newRow("zero padding beyond 64 characters")
            << QByteArray(QByteArray(72, '0') + "303") << true << 303.0;
        QTest::newRow("a fraction to 70 digits")
            << QByteArray("3.1415926535897932384626433832795028841971693993751058209749445923078164")
            << true << 3.141592653589793;
        QTest::newRow("separators beyond 64 characters are still refused")
            << QByteArray("1" + QByteArray(",000").repeated(20)) << false << 0.0;

        QTest::newRow("a word") << QByteArray("abc") << false << 0.0;
        QTest::newRow("digits then letters") << QByteArray("12abc") << false << 0.0;
        QTest::newRow("a currency sign") << QByteArray("$12") << false << 0.0;
        QTest::newRow("hexadecimal") << QByteArray("0x10") << false << 0.0;
        QTest::newRow("infinity") << QByteArray("inf") << false << 0.0;
        QTest::newRow("an exponent without digits") << QByteArray("1e") << false << 0.0;
        QTest::newRow("an exponent after a decimal comma") << QByteArray("1,5e3") << false << 0.0;
        QTest::newRow("groups of one digit") << QByteArray("1,2,3") << false << 0.0;
        QTest::newRow("a group of two digits after a space") << QByteArray("12 34") << false << 0.0;
        QTest::newRow("a short group in a German number") << QByteArray("1.23.456,7") << false << 0.0;
        QTest::newRow("two kinds of thousands separators") << QByteArray("1 234.567,8") << false << 0.0;
        QTest::newRow("two decimal points") << QByteArray("1,234.5.6") << false << 0.0;
        QTest::newRow("two signs") << QByteArray("--5") << false << 0.0;
        QTest::newRow("a trailing sign") << QByteArray("5-") << false << 0.0;
        QTest::newRow("a bare percent sign") << QByteArray("%") << false << 0.0;
        QTest::newRow("two percent signs") << QByteArray("12%%") << false << 0.0;
        QTest::newRow("a plus sign alone") << QByteArray("+") << false << 0.0;
    }

    void numbers()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, ok);
        QFETCH(double, expected);
        const Parsed<double> parsed = parseNumber(view(text));
        QCOMPARE(parsed.ok, ok);
        QCOMPARE(parsed.value.has_value(), ok);
        if (ok)
            QCOMPARE(*parsed.value, expected);
    }

    void integers_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<qint64>("expected");

        QTest::newRow("a plain integer") << QByteArray("3") << true << qint64(3);
        QTest::newRow("a negative integer") << QByteArray("-42") << true << qint64(-42);
        QTest::newRow("a plus sign") << QByteArray("+7") << true << qint64(7);
        QTest::newRow("a whole number as spreadsheets write it") << QByteArray("3.0") << true << qint64(3);
        QTest::newRow("a whole number with a decimal comma") << QByteArray("3,00") << true << qint64(3);
        QTest::newRow("US thousands") << QByteArray("1,234") << true << qint64(1234);
        QTest::newRow("padding") << QByteArray(" 12 ") << true << qint64(12);
        QTest::newRow("scientific notation of a whole number") << QByteArray("1e3") << true << qint64(1000);
        QTest::newRow("the largest 64-bit integer")
            << QByteArray("9223372036854775807") << true << qint64(9223372036854775807);

        QTest::newRow("a fraction") << QByteArray("3.5") << false << qint64(0);
        QTest::newRow("a word") << QByteArray("three") << false << qint64(0);
        QTest::newRow("a percentage") << QByteArray("12%") << false << qint64(0);
        QTest::newRow("beyond 64 bits") << QByteArray("99999999999999999999") << false << qint64(0);
        QTest::newRow("a whole number past 2^53, where doubles stop counting")
            << QByteArray("9007199254740993.0") << false << qint64(0);
    }

    void integers()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, ok);
        QFETCH(qint64, expected);
        const Parsed<std::int64_t> parsed = parseInteger(view(text));
        QCOMPARE(parsed.ok, ok);
        QCOMPARE(parsed.value.has_value(), ok);
        if (ok)
            QCOMPARE(qint64(*parsed.value), expected);
    }

    void booleans_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("expected");

        const struct
        {
            const char *yes;
            const char *no;
        } pairs[] = {{"Y", "N"},   {"y", "n"},       {"Yes", "No"}, {"YES", "no"}, {"TRUE", "FALSE"},
                     {"true", "False"}, {"T", "F"}, {"1", "0"},    {"On", "Off"}, {"ON", "off"}};
        for (const auto &pair : pairs) {
            QTest::addRow("%s is true", pair.yes) << QByteArray(pair.yes) << true << true;
            QTest::addRow("%s is false", pair.no) << QByteArray(pair.no) << true << false;
        }
        QTest::newRow("padded Yes") << QByteArray(" Yes\r") << true << true;
        QTest::newRow("two is no flag") << QByteArray("2") << false << false;
        QTest::newRow("maybe is no flag") << QByteArray("maybe") << false << false;
        QTest::newRow("a French oui is not ours") << QByteArray("oui") << false << false;
        QTest::newRow("punctuation after yes") << QByteArray("yes!") << false << false;
        QTest::newRow("a Telco service state") << QByteArray("No internet service") << false << false;
    }

    void booleans()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, ok);
        QFETCH(bool, expected);
        const Parsed<bool> parsed = parseBool(view(text));
        QCOMPARE(parsed.ok, ok);
        QCOMPARE(parsed.value.has_value(), ok);
        if (ok)
            QCOMPARE(*parsed.value, expected);
    }

    // --- durations ---------------------------------------------------------------------------

    void durations_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<DurationUnit>("unit");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<double>("seconds");

        QTest::newRow("minutes in a minutes column") << QByteArray("90") << DurationUnit::Minutes << true << 5400.0;
        QTest::newRow("fractional hours") << QByteArray("1.5") << DurationUnit::Hours << true << 5400.0;
        QTest::newRow("hours with a decimal comma") << QByteArray("0,5") << DurationUnit::Hours << true << 1800.0;
        QTest::newRow("milliseconds") << QByteArray("2500") << DurationUnit::Milliseconds << true << 2.5;
        QTest::newRow("seconds") << QByteArray("45") << DurationUnit::Seconds << true << 45.0;
        QTest::newRow("days") << QByteArray("2") << DurationUnit::Days << true << 172800.0;
        QTest::newRow("a padded number") << QByteArray("  7 ") << DurationUnit::Minutes << true << 420.0;
        QTest::newRow("zero") << QByteArray("0") << DurationUnit::Minutes << true << 0.0;
        // 0 h 2 min 23 s = 120 + 23; the column's unit does not apply to a clock form.
        QTest::newRow("H:MM:SS as PwC writes talk time")
            << QByteArray("0:02:23") << DurationUnit::Minutes << true << 143.0;
        // 27 h = 97200 s, + 3 min (180) + 10.
        QTest::newRow("hours beyond a day") << QByteArray("27:03:10") << DurationUnit::Seconds << true << 97390.0;
        QTest::newRow("MM:SS") << QByteArray("02:23") << DurationUnit::Hours << true << 143.0;
        QTest::newRow("MM:SS with minutes beyond an hour")
            << QByteArray("90:00") << DurationUnit::Seconds << true << 5400.0;
        QTest::newRow("HH:MM:SS as Freshdesk's time tracked")
            << QByteArray("00:20:00") << DurationUnit::Hours << true << 1200.0;
        // 1 day (86400) + 2 h (7200) + 3 min (180) + 4 s.
        QTest::newRow(".NET's D.HH:MM:SS") << QByteArray("1.02:03:04") << DurationUnit::Seconds << true << 93784.0;
        QTest::newRow("fractional seconds on a clock")
            << QByteArray("0:00:17.5") << DurationUnit::Seconds << true << 17.5;
        QTest::newRow("hours and minutes in words") << QByteArray("1h 20m") << DurationUnit::Seconds << true << 4800.0;
        // 2 × 86400 + 3 × 3600.
        QTest::newRow("days and hours in words") << QByteArray("2d 3h") << DurationUnit::Seconds << true << 183600.0;
        QTest::newRow("seconds in words") << QByteArray("45s") << DurationUnit::Minutes << true << 45.0;
        QTest::newRow("units run together") << QByteArray("1h20m30s") << DurationUnit::Seconds << true << 4830.0;
        QTest::newRow("a fraction with a spelled-out unit")
            << QByteArray("1.5 hours") << DurationUnit::Seconds << true << 5400.0;
        QTest::newRow("units in full with a comma")
            << QByteArray("2 days, 3 hours") << DurationUnit::Seconds << true << 183600.0;
        QTest::newRow("a week") << QByteArray("1w") << DurationUnit::Seconds << true << 604800.0;
        QTest::newRow("milliseconds in words") << QByteArray("500ms") << DurationUnit::Minutes << true << 0.5;
        QTest::newRow("units in capitals") << QByteArray("1H 30M") << DurationUnit::Seconds << true << 5400.0;

        QTest::newRow("a negative number") << QByteArray("-3") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("a negative clock") << QByteArray("-0:02:23") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("a negative word form") << QByteArray("-1h") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("unpadded minutes on a clock") << QByteArray("1:2:3") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("sixty seconds on a clock") << QByteArray("0:60") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("sixty minutes on a clock") << QByteArray("1:60:00") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("four clock parts") << QByteArray("1:02:03:04") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("days before MM:SS") << QByteArray("1.5:30") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("days before 24 hours") << QByteArray("1.24:00:00") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("a dangling colon") << QByteArray("1:") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("a leading colon") << QByteArray(":30") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("small units before large") << QByteArray("20m 1h") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("a unit twice") << QByteArray("1h 1h") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("an unknown unit") << QByteArray("3 fortnights") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("a number without its unit after a unit")
            << QByteArray("1h 20") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("a unit without a number") << QByteArray("h") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("a word") << QByteArray("soon") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("a percentage") << QByteArray("5%") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("a timestamp, as Kaggle's First Response Time holds")
            << QByteArray("2023-06-01 12:15:36") << DurationUnit::Minutes << false << 0.0;
        // Found by fuzzing: a finite number of minutes that is no finite number of seconds.
        QTest::newRow("a number whose seconds overflow to infinity")
            << QByteArray("1e308") << DurationUnit::Minutes << false << 0.0;
        QTest::newRow("the same number of milliseconds is fine")
            << QByteArray("1e308") << DurationUnit::Milliseconds << true << 1e305;
    }

    void durations()
    {
        QFETCH(QByteArray, text);
        QFETCH(DurationUnit, unit);
        QFETCH(bool, ok);
        QFETCH(double, seconds);
        const Parsed<double> parsed = parseDurationSeconds(view(text), unit);
        QCOMPARE(parsed.ok, ok);
        QCOMPARE(parsed.value.has_value(), ok);
        if (ok)
            QCOMPARE(*parsed.value, seconds);
    }

    // --- dates and times ---------------------------------------------------------------------

    void daysFromCivilCountsFromTheEpoch_data()
    {
        QTest::addColumn<int>("year");
        QTest::addColumn<int>("month");
        QTest::addColumn<int>("dayOfMonth");
        QTest::addColumn<qint64>("days");

        QTest::newRow("the epoch") << 1970 << 1 << 1 << qint64(0);
        QTest::newRow("the day before the epoch") << 1969 << 12 << 31 << qint64(-1);
        // 30 years of 365 days + 7 leap days (1972..1996).
        QTest::newRow("the millennium") << 2000 << 1 << 1 << qint64(10957);
        // + 31 + 29: 2000 is a leap year, being divisible by 400.
        QTest::newRow("after a 400-year leap day") << 2000 << 3 << 1 << qint64(11017);
        QTest::newRow("a leap day") << 2024 << 2 << 29 << qint64(feb29th2024 / day);
        QTest::newRow("the day after a leap day") << 2024 << 3 << 1 << qint64(feb29th2024 / day + 1);
        // 70 years back with 17 leap days (1904..1968; 1900 is none).
        QTest::newRow("the start of 1900") << 1900 << 1 << 1 << qint64(-25567);
        // From 2000-03-01 (11017): 100 years of 365 days + 25 leap days - none for 2100.
        QTest::newRow("after 2100, which has no leap day") << 2100 << 3 << 1 << qint64(11017 + 36500 + 24);
        // 1969 years of 365 days + 477 leap days (492 multiples of 4 - 19 of 100 + 4 of 400).
        QTest::newRow("the first day of the era") << 1 << 1 << 1 << qint64(-719162);
    }

    void daysFromCivilCountsFromTheEpoch()
    {
        QFETCH(int, year);
        QFETCH(int, month);
        QFETCH(int, dayOfMonth);
        QFETCH(qint64, days);
        QCOMPARE(qint64(daysFromCivil(year, unsigned(month), unsigned(dayOfMonth))), days);
    }

    void acceptedDateTimes_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<DateOrder>("order");
        QTest::addColumn<qint64>("localSeconds");
        QTest::addColumn<bool>("hasTime");
        QTest::addColumn<QVariant>("offset"); // seconds east of UTC; invalid when the text has none

        const QVariant none;
        const DateOrder unknown = DateOrder::Unknown;
        const DateOrder dayFirst = DateOrder::DayFirst;
        const DateOrder monthFirst = DateOrder::MonthFirst;
        // 14:30 is 52200 s after midnight (14 × 3600 + 30 × 60); the brief's 1709649000.
        const qint64 march5th1430 = march5th2024 + 52200;

        QTest::newRow("SQL date and time") << QByteArray("2024-03-05 14:30:00") << unknown << march5th1430 << true
                                           << none;
        QTest::newRow("ISO with a T and seconds") << QByteArray("2024-03-05T14:30:00") << unknown << march5th1430
                                                  << true << none;
        QTest::newRow("ISO without seconds") << QByteArray("2024-03-05 14:30") << unknown << march5th1430 << true
                                             << none;
        QTest::newRow("ISO with a T, milliseconds and Z")
            << QByteArray("2024-03-05T14:30:15.123Z") << unknown << march5th1430 + 15 << true << QVariant(0);
        QTest::newRow("ISO with nanoseconds") << QByteArray("2024-03-05T14:30:15.123456789") << unknown
                                              << march5th1430 + 15 << true << none;
        QTest::newRow("ISO with a comma before the fraction")
            << QByteArray("2024-03-05T14:30:15,5") << unknown << march5th1430 + 15 << true << none;
        QTest::newRow("a lower-case t") << QByteArray("2024-03-05t14:30") << unknown << march5th1430 << true << none;
        QTest::newRow("an offset with a colon") << QByteArray("2024-03-05T14:30:15+01:00") << unknown
                                                << march5th1430 + 15 << true << QVariant(3600);
        QTest::newRow("an offset without a colon after a space")
            << QByteArray("2024-03-05 14:30:15 +0100") << unknown << march5th1430 + 15 << true << QVariant(3600);
        QTest::newRow("a negative offset") << QByteArray("2024-03-05 14:30:15-05:00") << unknown
                                           << march5th1430 + 15 << true << QVariant(-5 * 3600);
        QTest::newRow("a half-hour offset after UTC") << QByteArray("2024-03-05 14:30 UTC+05:30") << unknown
                                                      << march5th1430 << true << QVariant(19800);
        QTest::newRow("a UTC suffix") << QByteArray("2024-03-05 14:30:15 UTC") << unknown << march5th1430 + 15
                                      << true << QVariant(0);
        QTest::newRow("a Z after a space") << QByteArray("2024-03-05 14:30 Z") << unknown << march5th1430 << true
                                           << QVariant(0);
        QTest::newRow("a bare ISO date is midnight without a time")
            << QByteArray("2024-03-05") << unknown << march5th2024 << false << none;
        QTest::newRow("padding around the cell") << QByteArray("  2024-03-05 14:30  ") << unknown << march5th1430
                                                 << true << none;
        QTest::newRow("two spaces and an unpadded hour, as Excel writes")
            << QByteArray("2024-03-05  9:00") << unknown << march5th2024 + 9 * hour << true << none;
        // 14:50:17 = 50400 + 3000 + 17.
        QTest::newRow("year first with slashes and no padding, as the helpdesk event log writes")
            << QByteArray("2012/10/9 14:50:17") << unknown << oct9th2012 + 53417 << true << none;
        QTest::newRow("year first with slashes") << QByteArray("2024/3/5") << unknown << march5th2024 << false
                                                 << none;
        QTest::newRow("year first with dots") << QByteArray("2024.03.05") << unknown << march5th2024 << false
                                              << none;
        QTest::newRow("day-first slashed date and time") << QByteArray("05/03/2024 14:30") << dayFirst
                                                         << march5th1430 << true << none;
        QTest::newRow("month-first slashed date and time") << QByteArray("03/05/2024 14:30") << monthFirst
                                                           << march5th1430 << true << none;
        QTest::newRow("German dotted date without padding") << QByteArray("5.3.2024") << dayFirst << march5th2024
                                                            << false << none;
        QTest::newRow("day-first dashed date") << QByteArray("05-03-2024") << dayFirst << march5th2024 << false
                                               << none;
        QTest::newRow("day-first slashed date with two-digit year")
            << QByteArray("05/03/24") << dayFirst << march5th2024 << false << none;
        QTest::newRow("an unknown order decided by a first part above 12")
            << QByteArray("15/03/2024") << unknown << march15th2024 << false << none;
        QTest::newRow("an unknown order decided by a second part above 12")
            << QByteArray("03/15/2024") << unknown << march15th2024 << false << none;
        QTest::newRow("an ambiguous date of unknown order falls back to month first")
            << QByteArray("03/05/2024") << unknown << march5th2024 << false << none;
        QTest::newRow("PwC's 01/02/2021 read day first is February 1st")
            << QByteArray("01/02/2021") << dayFirst << jan1st2021 + 31 * day << false << none;
        QTest::newRow("PwC's 01/02/2021 of unknown order is January 2nd")
            << QByteArray("01/02/2021") << unknown << jan1st2021 + day << false << none;
        // 2068-01-01: 98 years since 1970 with 24 leap days (1972..2064).
        QTest::newRow("two-digit year 68 is 2068") << QByteArray("01/01/68") << dayFirst << qint64(3092601600)
                                                   << false << none;
        QTest::newRow("two-digit year 69 is 1969") << QByteArray("01/01/69") << dayFirst << -365 * day << false
                                                   << none;
        QTest::newRow("two-digit year 00 is 2000") << QByteArray("01/01/00") << dayFirst << jan1st2000 << false
                                                   << none;
        // 2:05:17 PM = 14 × 3600 + 5 × 60 + 17 = 50717.
        QTest::newRow("a 12-hour time after a slashed date")
            << QByteArray("03/05/2024 2:05:17 PM") << monthFirst << march5th2024 + 50717 << true << none;
        QTest::newRow("12 AM is midnight") << QByteArray("2024-03-05 12:00 AM") << unknown << march5th2024 << true
                                           << none;
        QTest::newRow("12 PM is noon") << QByteArray("2024-03-05 12:00 PM") << unknown << march5th2024 + 12 * hour
                                       << true << none;
        QTest::newRow("half past midnight in lower case")
            << QByteArray("2024-03-05 12:30:00 am") << unknown << march5th2024 + 1800 << true << none;
        QTest::newRow("8 AM as the simulated call centre writes it")
            << QByteArray("2024-03-05 8:00:00 AM") << unknown << march5th2024 + 8 * hour << true << none;
        // 23 × 3600 + 59 × 60 = 86340.
        QTest::newRow("a dotted p.m.") << QByteArray("2024-03-05 11:59 p.m.") << unknown << march5th2024 + 86340
                                       << true << none;
        QTest::newRow("a 12-hour time with a zone") << QByteArray("2024-03-05 2:30 PM UTC") << unknown
                                                    << march5th1430 << true << QVariant(0);
        QTest::newRow("day, month name and year with dashes")
            << QByteArray("05-Mar-2024") << unknown << march5th2024 << false << none;
        QTest::newRow("a lower-case month name and a two-digit year")
            << QByteArray("5-mar-24") << unknown << march5th2024 << false << none;
        QTest::newRow("day, month name and year with spaces")
            << QByteArray("5 Mar 2024") << unknown << march5th2024 << false << none;
        QTest::newRow("a month name in full") << QByteArray("5 March 2024") << unknown << march5th2024 << false
                                              << none;
        QTest::newRow("month name first, US style") << QByteArray("Mar 5, 2024") << unknown << march5th2024 << false
                                                    << none;
        QTest::newRow("a full month name and an ordinal day")
            << QByteArray("March 5th, 2024") << unknown << march5th2024 << false << none;
        QTest::newRow("Sept for September") << QByteArray("Sept 5, 2024") << unknown << sept5th2024 << false << none;
        QTest::newRow("a weekday before the month name")
            << QByteArray("Tue, Mar 5 2024 14:30") << unknown << march5th1430 << true << none;
        QTest::newRow("a comma between a month-name date and the time")
            << QByteArray("Mar 5, 2024, 2:30 PM") << unknown << march5th1430 << true << none;
        // 3:04 PM = 15 × 3600 + 4 × 60 = 54240.
        QTest::newRow("Jira's dd/MMM/yy h:mm a") << QByteArray("15/Mar/24 3:04 PM") << unknown
                                                 << march15th2024 + 54240 << true << none;
        // 12 AM is midnight: 4 × 60 = 240.
        QTest::newRow("Jira's dd/MMM/yy h:mm a just past midnight")
            << QByteArray("05/Mar/24 12:04 AM") << unknown << march5th2024 + 240 << true << none;
        QTest::newRow("Zoho Desk's dd MMM yyyy hh:mm a") << QByteArray("05 Mar 2024 02:30 PM") << unknown
                                                         << march5th1430 << true << none;
        QTest::newRow("a leap day") << QByteArray("2024-02-29") << unknown << feb29th2024 << false << none;
        // 2000-01-01 + 31 + 28 days: 2000 is a leap year, being divisible by 400.
        QTest::newRow("a leap day in a century divisible by 400")
            << QByteArray("2000-02-29") << unknown << jan1st2000 + 59 * day << false << none;
        QTest::newRow("a leap second reads as the second before it")
            << QByteArray("2024-03-05 14:30:60") << unknown << march5th1430 + 59 << true << none;
        QTest::newRow("the last second before the epoch") << QByteArray("1969-12-31 23:59:59") << unknown
                                                          << qint64(-1) << true << none;
    }

    void acceptedDateTimes()
    {
        QFETCH(QByteArray, text);
        QFETCH(DateOrder, order);
        QFETCH(qint64, localSeconds);
        QFETCH(bool, hasTime);
        QFETCH(QVariant, offset);
        const Parsed<WallClock> parsed = wallClock(text, order);
        QVERIFY(parsed.ok);
        QVERIFY(parsed.value);
        QCOMPARE(qint64(parsed.value->localSeconds), localSeconds);
        QCOMPARE(parsed.value->hasTime, hasTime);
        QCOMPARE(parsed.value->offsetSeconds ? QVariant(*parsed.value->offsetSeconds) : QVariant(), offset);
    }

    void rejectedDateTimes_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<DateOrder>("order");

        const DateOrder unknown = DateOrder::Unknown;
        QTest::newRow("February 29th in a common year") << QByteArray("2023-02-29") << unknown;
        QTest::newRow("February 29th in a century not divisible by 400") << QByteArray("1900-02-29") << unknown;
        QTest::newRow("February 30th") << QByteArray("2024-02-30") << unknown;
        QTest::newRow("April 31st") << QByteArray("2024-04-31") << unknown;
        QTest::newRow("month 13") << QByteArray("2024-13-01") << unknown;
        QTest::newRow("month 0") << QByteArray("2024-00-10") << unknown;
        QTest::newRow("day 0") << QByteArray("2024-03-00") << unknown;
        QTest::newRow("hour 24") << QByteArray("2024-03-05 24:00") << unknown;
        QTest::newRow("minute 60") << QByteArray("2024-03-05 14:60") << unknown;
        QTest::newRow("second 61") << QByteArray("2024-03-05 14:30:61") << unknown;
        QTest::newRow("13 PM") << QByteArray("2024-03-05 13:00 PM") << unknown;
        QTest::newRow("0 AM") << QByteArray("2024-03-05 0:30 AM") << unknown;
        QTest::newRow("an hour without minutes") << QByteArray("2024-03-05 14") << unknown;
        QTest::newRow("a letter where SQL's layout has a digit") << QByteArray("2024-03-05 14:3x") << unknown;
        QTest::newRow("a letter where SQL's layout has a space") << QByteArray("2024-03-05X14:30") << unknown;
        QTest::newRow("a colon where SQL's layout has a dash") << QByteArray("2024:03:05 14:30:00") << unknown;
        QTest::newRow("a one-digit minute") << QByteArray("2024-03-05 14:3") << unknown;
        QTest::newRow("a T without a time") << QByteArray("2024-03-05T") << unknown;
        QTest::newRow("a zone name we cannot trust") << QByteArray("2024-03-05 14:30 EST") << unknown;
        QTest::newRow("an offset beyond 14 hours") << QByteArray("2024-03-05 14:30 +1500") << unknown;
        QTest::newRow("an offset with one minute digit") << QByteArray("2024-03-05 14:30 +01:0") << unknown;
        QTest::newRow("a three-digit offset") << QByteArray("2024-03-05 14:30 +100") << unknown;
        QTest::newRow("an offset after a bare date") << QByteArray("2024-3-5-1") << unknown;
        QTest::newRow("a day-first date read month first") << QByteArray("15/03/2024") << DateOrder::MonthFirst;
        QTest::newRow("a month-first date read day first") << QByteArray("03/15/2024") << DateOrder::DayFirst;
        QTest::newRow("no order fits both parts above 12") << QByteArray("13/13/2024") << unknown;
        QTest::newRow("a three-digit year") << QByteArray("05/03/202") << unknown;
        QTest::newRow("a year before 1900, such as .NET's empty date") << QByteArray("0001-01-01") << unknown;
        QTest::newRow("a year after 2200") << QByteArray("2201-01-01") << unknown;
        QTest::newRow("an Excel serial date, which a number column could equally hold")
            << QByteArray("45123.5") << unknown;
        QTest::newRow("a whole Excel serial date") << QByteArray("45123") << unknown;
        QTest::newRow("a compact ISO date") << QByteArray("20240305") << unknown;
        QTest::newRow("an unknown month name") << QByteArray("5 Foo 2024") << unknown;
        QTest::newRow("an unknown word before the day") << QByteArray("Foo 5, 2024") << unknown;
        QTest::newRow("day 32 after a month name") << QByteArray("Mar 32, 2024") << unknown;
        QTest::newRow("a bad ordinal suffix") << QByteArray("Mar 5xx, 2024") << unknown;
        QTest::newRow("trailing words") << QByteArray("05/03/2024 garbage") << unknown;
        QTest::newRow("a trailing comma") << QByteArray("2024-03-05,") << unknown;
        QTest::newRow("a time of day alone") << QByteArray("12:00") << unknown;
        QTest::newRow("a clock duration") << QByteArray("0:02:23") << unknown;
        QTest::newRow("a number") << QByteArray("1.5") << unknown;
        QTest::newRow("free text") << QByteArray("yesterday-ish") << unknown;
    }

    void rejectedDateTimes()
    {
        QFETCH(QByteArray, text);
        QFETCH(DateOrder, order);
        const Parsed<WallClock> parsed = wallClock(text, order);
        QVERIFY(!parsed.ok);
        QVERIFY(!parsed.value);
    }

    void timesOfDay_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("seconds");

        // 9 × 3600 + 12 × 60 + 58.
        QTest::newRow("PwC's unpadded hour") << QByteArray("9:12:58") << true << 33178;
        QTest::newRow("8 AM") << QByteArray("8:00:00 AM") << true << 28800;
        // 12 PM is noon: 43200 + 5 × 60 + 17.
        QTest::newRow("just past noon") << QByteArray("12:05:17 PM") << true << 43517;
        // 13 × 3600 + 3 × 60 + 51.
        QTest::newRow("an afternoon time") << QByteArray("1:03:51 PM") << true << 47031;
        QTest::newRow("midnight on the 12-hour clock") << QByteArray("12:00:00 AM") << true << 0;
        QTest::newRow("hours and minutes") << QByteArray("14:30") << true << 52200;
        QTest::newRow("a padded cell") << QByteArray(" 09:05 ") << true << 32700;
        QTest::newRow("a leap second") << QByteArray("23:59:60") << true << 86399;
        QTest::newRow("hour 24") << QByteArray("24:00") << false << 0;
        QTest::newRow("an hour alone") << QByteArray("9") << false << 0;
        QTest::newRow("a one-digit minute") << QByteArray("9:5") << false << 0;
        QTest::newRow("13 PM") << QByteArray("13:00 PM") << false << 0;
        QTest::newRow("0 AM") << QByteArray("0:00 AM") << false << 0;
        QTest::newRow("trailing letters") << QByteArray("9:12:58 XYZ") << false << 0;
        QTest::newRow("a date and time") << QByteArray("2024-03-05 14:30") << false << 0;
        QTest::newRow("a word") << QByteArray("noon") << false << 0;
    }

    void timesOfDay()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, ok);
        QFETCH(int, seconds);
        const Parsed<int> parsed = parseTimeOfDay(view(text));
        QCOMPARE(parsed.ok, ok);
        QCOMPARE(parsed.value.has_value(), ok);
        if (ok)
            QCOMPARE(*parsed.value, seconds);
    }

    void dateOrderDetection_data()
    {
        QTest::addColumn<QList<QByteArray>>("values");
        QTest::addColumn<DateOrder>("decided");
        QTest::addColumn<bool>("contradictory");

        QTest::newRow("a day above 12 proves day first")
            << QList<QByteArray>{"01/02/2021", "13/02/2021"} << DateOrder::DayFirst << false;
        QTest::newRow("a day above 12 in second place proves month first")
            << QList<QByteArray>{"01/02/2021", "02/13/2021"} << DateOrder::MonthFirst << false;
        QTest::newRow("PwC's quarter of day-first dates")
            << QList<QByteArray>{"01/01/2021", "02/01/2021", "31/03/2021"} << DateOrder::DayFirst << false;
        QTest::newRow("dotted dates with a time") << QList<QByteArray>{"13.02.2021 10:00"} << DateOrder::DayFirst
                                                  << false;
        QTest::newRow("dashed dates with an ISO time") << QList<QByteArray>{"02-13-2021T10:00"}
                                                       << DateOrder::MonthFirst << false;
        QTest::newRow("dates that fit both orders decide nothing")
            << QList<QByteArray>{"01/02/2021", "02/03/2021"} << DateOrder::Unknown << false;
        QTest::newRow("evidence for both orders contradicts")
            << QList<QByteArray>{"13/02/2021", "02/13/2021"} << DateOrder::Unknown << true;
        QTest::newRow("year-first dates say nothing about the order")
            << QList<QByteArray>{"2021-02-13", "2012/10/9 14:50:17"} << DateOrder::Unknown << false;
        QTest::newRow("month names say nothing about the order")
            << QList<QByteArray>{"13-Feb-2021", "Feb 13, 2021"} << DateOrder::Unknown << false;
        QTest::newRow("a first part beyond any day is no evidence")
            << QList<QByteArray>{"32/02/2021"} << DateOrder::Unknown << false;
        QTest::newRow("a date followed by garbage is no evidence")
            << QList<QByteArray>{"13/02/2021x"} << DateOrder::Unknown << false;
        QTest::newRow("null markers are no evidence") << QList<QByteArray>{"", "N/A", " "} << DateOrder::Unknown
                                                      << false;
    }

    void dateOrderDetection()
    {
        QFETCH(QList<QByteArray>, values);
        QFETCH(DateOrder, decided);
        QFETCH(bool, contradictory);
        DateOrderDetector detector;
        for (const QByteArray &value : values)
            detector.observe(view(value));
        QCOMPARE(detector.decided(), decided);
        QCOMPARE(detector.contradictory(), contradictory);
    }

    // --- time zones --------------------------------------------------------------------------

    void timeZoneConversion_data()
    {
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("utc");

        const qint64 march31st2024 = jan1st2024 + 90 * day;   // Jan 31 + Feb 29 + 30 = 1711843200
        const qint64 july1st2024 = jan1st2024 + 182 * day;    // Jan..Jun of a leap year = 1719792000
        const qint64 october27th2024 = jan1st2024 + 300 * day; // Jan..Sep = 274, + 26 = 1729987200

        QTest::newRow("UTC keeps the wall clock") << QByteArray("UTC") << QByteArray("2024-03-05 14:30")
                                                  << march5th2024 + 52200;
        // 2024-01-15 = + 14 days; Berlin is +01:00 in winter, so 12:00 is 11:00Z.
        QTest::newRow("Berlin in winter") << QByteArray("Europe/Berlin") << QByteArray("2024-01-15 12:00")
                                          << jan1st2024 + 14 * day + 11 * hour;
        QTest::newRow("Berlin in summer") << QByteArray("Europe/Berlin") << QByteArray("2024-07-01 12:00")
                                          << july1st2024 + 10 * hour;
        // On 2024-03-31 Berlin's clocks jump from 02:00 (+01:00) to 03:00 (+02:00), at 01:00Z.
        QTest::newRow("Berlin just before the spring gap")
            << QByteArray("Europe/Berlin") << QByteArray("2024-03-31 01:30") << march31st2024 + 30 * minute;
        QTest::newRow("Berlin at the start of the spring gap")
            << QByteArray("Europe/Berlin") << QByteArray("2024-03-31 02:00") << march31st2024 + hour;
        // 02:30 does not exist: read with the offset before the gap (+01:00) it is 01:30Z, which the
        // clocks show as 03:30, moved forward by the gap's hour. 1711848600.
        QTest::newRow("Berlin inside the spring gap moves forward by the gap")
            << QByteArray("Europe/Berlin") << QByteArray("2024-03-31 02:30") << march31st2024 + 90 * minute;
        QTest::newRow("Berlin after the spring gap lands where the gap time did")
            << QByteArray("Europe/Berlin") << QByteArray("2024-03-31 03:30") << march31st2024 + 90 * minute;
        // On 2024-10-27 Berlin's clocks go back from 03:00 (+02:00) to 02:00 (+01:00) at 01:00Z.
        QTest::newRow("Berlin just before the autumn overlap")
            << QByteArray("Europe/Berlin") << QByteArray("2024-10-27 01:30") << october27th2024 - 30 * minute;
        // 02:30 happens at 00:30Z (+02:00) and at 01:30Z (+01:00); the first is the daylight one.
        // 1729989000.
        QTest::newRow("Berlin inside the autumn overlap reads the first occurrence")
            << QByteArray("Europe/Berlin") << QByteArray("2024-10-27 02:30") << october27th2024 + 30 * minute;
        QTest::newRow("Berlin after the autumn overlap")
            << QByteArray("Europe/Berlin") << QByteArray("2024-10-27 03:30") << october27th2024 + 150 * minute;
        // 2024-03-10 = + 69 days (1710028800); New York jumps from 02:00 EST to 03:00 EDT, so 02:30 is
        // read at -05:00: 07:30Z.
        QTest::newRow("New York inside the spring gap")
            << QByteArray("America/New_York") << QByteArray("2024-03-10 02:30") << jan1st2024 + 69 * day + 27000;
        // 2024-11-03 = + 307 days (1730592000); 01:30 EDT (-04:00) comes before 01:30 EST: 05:30Z.
        QTest::newRow("New York inside the autumn overlap reads the first occurrence")
            << QByteArray("America/New_York") << QByteArray("2024-11-03 01:30") << jan1st2024 + 307 * day + 19800;
        // Lord Howe Island moves by half an hour, from 02:00 (+10:30) to 02:30 (+11:00), on 2024-10-06
        // (+ 279 days = 1728172800). 02:45 is +11:00: 15:45Z on the 5th, 8 h 15 min before midnight.
        QTest::newRow("Lord Howe after its half-hour gap, within the same hour")
            << QByteArray("Australia/Lord_Howe") << QByteArray("2024-10-06 02:45")
            << jan1st2024 + 279 * day - 8 * hour - 15 * minute;
        // 02:15 falls in the gap: at +10:30 it is 15:45Z too, moved forward by the gap's 30 minutes.
        QTest::newRow("Lord Howe inside its half-hour gap")
            << QByteArray("Australia/Lord_Howe") << QByteArray("2024-10-06 02:15")
            << jan1st2024 + 279 * day - 8 * hour - 15 * minute;
        QTest::newRow("Lord Howe in the hour before its gap")
            << QByteArray("Australia/Lord_Howe") << QByteArray("2024-10-06 01:45")
            << jan1st2024 + 279 * day - 8 * hour - 45 * minute;
        QTest::newRow("an explicit offset wins over the zone")
            << QByteArray("Europe/Berlin") << QByteArray("2024-07-01T12:00:00-05:00") << july1st2024 + 17 * hour;
        QTest::newRow("an explicit Z wins over the zone")
            << QByteArray("Europe/Berlin") << QByteArray("2024-07-01T12:00:00Z") << july1st2024 + 12 * hour;
        QTest::newRow("a fixed offset zone") << QByteArray("+05:30") << QByteArray("2024-03-05 14:30")
                                             << march5th2024 + 9 * hour;
        QTest::newRow("a date before the epoch in Berlin")
            << QByteArray("Europe/Berlin") << QByteArray("1969-12-31 23:30") << qint64(-5400);
    }

    void timeZoneConversion()
    {
        QFETCH(QByteArray, zone);
        QFETCH(QByteArray, text);
        QFETCH(qint64, utc);
        const QTimeZone timeZone = timeZoneFromName(QString::fromLatin1(zone));
        QVERIFY(timeZone.isValid());
        TimeZoneConverter converter(timeZone);
        const Parsed<WallClock> parsed = wallClock(text);
        QVERIFY(parsed.value);
        QCOMPARE(qint64(converter.toUtc(*parsed.value)), utc);
        // Asked again, the answer comes from the hour's cache and must not change.
        QCOMPARE(qint64(converter.toUtc(*parsed.value)), utc);
    }

    // Walks Berlin's two transition days in 10-minute steps with one converter, forwards and
    // backwards, so that the cache fills in both orders. Outside the gap and the overlap,
    // QDateTime is the reference; inside them, the rules the header states.
    void timeZoneCacheAgreesAcrossTransitions()
    {
        const QTimeZone berlin("Europe/Berlin");
        QVERIFY(berlin.isValid());
        const qint64 march31st2024 = jan1st2024 + 90 * day;
        const qint64 october27th2024 = jan1st2024 + 300 * day;
        for (const bool backwards : {false, true}) {
            TimeZoneConverter converter(berlin);
            for (const qint64 transitionDay : {march31st2024, october27th2024}) {
                const qint64 steps = 2 * day / 600;
                for (qint64 step = 0; step <= steps; ++step) {
                    WallClock clock;
                    clock.localSeconds = transitionDay - day + 600 * (backwards ? steps - step : step);
                    clock.hasTime = true;
                    const qint64 sinceTransitionDay = clock.localSeconds - transitionDay;
                    const bool inTransitionHour = sinceTransitionDay >= 2 * hour && sinceTransitionDay < 3 * hour;
                    qint64 expected = 0;
                    if (inTransitionHour && transitionDay == march31st2024) {
                        expected = clock.localSeconds - hour; // in the gap: +01:00
                    } else if (inTransitionHour) {
                        expected = clock.localSeconds - 2 * hour; // in the overlap: first, +02:00
                    } else {
                        const QDateTime utcReading = QDateTime::fromSecsSinceEpoch(clock.localSeconds, Qt::UTC);
                        expected = QDateTime(utcReading.date(), utcReading.time(), berlin).toSecsSinceEpoch();
                    }
                    QCOMPARE(qint64(converter.toUtc(clock)), expected);
                }
            }
        }
    }

    void timeZoneNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QByteArray>("id");  // empty: not checked
        QTest::addColumn<int>("julyOffset"); // on 2024-07-01 12:00Z

        QTest::newRow("UTC") << QStringLiteral("UTC") << true << QByteArray("UTC") << 0;
        QTest::newRow("utc in lower case") << QStringLiteral("utc") << true << QByteArray("UTC") << 0;
        QTest::newRow("Z") << QStringLiteral("Z") << true << QByteArray("UTC") << 0;
        QTest::newRow("an IANA id") << QStringLiteral("Europe/Berlin") << true << QByteArray("Europe/Berlin") << 7200;
        QTest::newRow("an IANA id typed in lower case")
            << QStringLiteral("europe/berlin") << true << QByteArray("Europe/Berlin") << 7200;
        QTest::newRow("an IANA id with spaces around") << QStringLiteral(" America/New_York ") << true
                                                       << QByteArray("America/New_York") << -4 * 3600;
        QTest::newRow("a positive offset with a colon") << QStringLiteral("+02:00") << true << QByteArray() << 7200;
        QTest::newRow("a negative offset without a colon") << QStringLiteral("-0530") << true << QByteArray()
                                                           << -19800;
        QTest::newRow("a zero offset is UTC") << QStringLiteral("+00:00") << true << QByteArray("UTC") << 0;
        QTest::newRow("Qt's UTC offset ids") << QStringLiteral("UTC+02:00") << true << QByteArray() << 7200;
        QTest::newRow("an empty name") << QString() << false << QByteArray() << 0;
        QTest::newRow("an unknown zone") << QStringLiteral("Mars/Olympus_Mons") << false << QByteArray() << 0;
        QTest::newRow("an offset beyond 14 hours") << QStringLiteral("+25:00") << false << QByteArray() << 0;
        QTest::newRow("an offset with trailing garbage") << QStringLiteral("+02:00x") << false << QByteArray() << 0;
        // Found by fuzzing: Qt reads what it finds no zone file for as a POSIX TZ rule.
        QTest::newRow("a word and a number are no zone, though POSIX reads them as 30 hours behind UTC")
            << QStringLiteral("LoginYes30") << false << QByteArray() << 0;
        QTest::newRow("a city with a typo is no zone") << QStringLiteral("Berlin1") << false << QByteArray() << 0;
        QTest::newRow("UTC+5 is five hours ahead, as in a cell") << QStringLiteral("UTC+5") << true << QByteArray()
                                                                 << 5 * 3600;
        QTest::newRow("GMT-3 is three hours behind, as in a cell") << QStringLiteral("gmt-3") << true
                                                                   << QByteArray() << -3 * 3600;
        QTest::newRow("a link in the tz database is a zone") << QStringLiteral("US/Eastern") << true << QByteArray()
                                                             << -4 * 3600;
        QTest::newRow("a path out of the tz database is no zone")
            << QStringLiteral("../zoneinfo/UTC") << false << QByteArray() << 0;
    }

    void timeZoneNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QFETCH(QByteArray, id);
        QFETCH(int, julyOffset);
        const QTimeZone zone = timeZoneFromName(name);
        QCOMPARE(zone.isValid(), valid);
        if (!valid)
            return;
        if (!id.isEmpty())
            QCOMPARE(zone.id(), id);
        const QDateTime july = QDateTime::fromSecsSinceEpoch(jan1st2024 + 182 * day + 12 * hour, Qt::UTC);
        QCOMPARE(zone.offsetFromUtc(july), julyOffset);
    }

    void localAndSystemNameTheSystemZone()
    {
        for (const QString &name : {QStringLiteral("local"), QStringLiteral("System")}) {
            const QTimeZone zone = timeZoneFromName(name);
            QVERIFY(zone.isValid());
            QCOMPARE(zone.id(), QTimeZone::systemTimeZone().id());
        }
    }
};

QTEST_GUILESS_MAIN(TestValueParsers)
#include "tst_valueparsers.moc"
