// Business hours: what counts as working time, worked out by hand, across weekends, nights,
// holidays and the days the clocks change; then checked against a minute-by-minute count.

#include "domain/businesscalendar.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

#include <random>

using namespace sl;

namespace {

std::int64_t utc(const QString &isoWithOffset)
{
    const QDateTime time = QDateTime::fromString(isoWithOffset, Qt::ISODate);
    Q_ASSERT_X(time.isValid(), "utc", qPrintable(isoWithOffset));
    return time.toSecsSinceEpoch();
}

BusinessCalendar calendar(const QString &zone, const QStringList &hours, const QStringList &holidays = {})
{
    BusinessCalendar result;
    result.name = QStringLiteral("Test");
    result.timeZoneId = zone;
    for (const QString &text : hours) {
        QString error;
        const std::optional<std::vector<BusinessShift>> shifts = parseWeeklyHours(text, &error);
        if (!shifts)
            qFatal("%s", qPrintable(error));
        result.shifts.insert(result.shifts.end(), shifts->begin(), shifts->end());
    }
    for (const QString &day : holidays)
        result.holidays.emplace_back(QDate::fromString(day, Qt::ISODate), QString());
    return result;
}

std::int64_t floorDiv(std::int64_t value, std::int64_t divisor)
{
    return value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor);
}

// The definition, applied one minute at a time: a minute is working time when the wall clock
// then shows a time inside a shift that started that local day, or inside the after-midnight
// part of one that started the day before, and that day is no holiday. (This reading and the
// clock's agree wherever no shift boundary falls inside a gap or a repeated hour.)
class MinuteByMinute
{
public:
    MinuteByMinute(const BusinessCalendar &calendar, std::int64_t fromUtc, std::int64_t toUtc)
        : m_from(fromUtc)
    {
        const QTimeZone zone(calendar.timeZoneId.toUtf8());
        std::int64_t worked = 0;
        int offset = 0;
        m_workedBefore.push_back(0);
        for (std::int64_t t = fromUtc; t < toUtc; t += 60) {
            if ((t - fromUtc) % 1800 == 0) // offsets change on whole and half hours here
                offset = zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(t, QTimeZone::utc()));
            const std::int64_t local = t + offset;
            const std::int64_t day = floorDiv(local, 86400);
            const int minute = int((local - day * 86400) / 60);
            if (isWorking(calendar, day, minute))
                worked += 60;
            m_workedBefore.push_back(worked);
        }
    }

    // Working seconds in [fromUtc, toUtc), both on whole minutes of the counted range.
    std::int64_t seconds(std::int64_t fromUtc, std::int64_t toUtc) const
    {
        return m_workedBefore[std::size_t((toUtc - m_from) / 60)]
            - m_workedBefore[std::size_t((fromUtc - m_from) / 60)];
    }

private:
    static bool isWorking(const BusinessCalendar &calendar, std::int64_t day, int minute)
    {
        const QDate date = QDate(1970, 1, 1).addDays(day);
        for (const auto &holiday : calendar.holidays) {
            if (holiday.first == date)
                return false;
        }
        const int weekday = date.dayOfWeek();
        const int previousWeekday = date.addDays(-1).dayOfWeek();
        for (const BusinessShift &shift : calendar.shifts) {
            const bool overnight = shift.endMinute <= shift.startMinute;
            if (shift.weekday == weekday && minute >= shift.startMinute
                && minute < (overnight ? 1440 : shift.endMinute)) {
                return true;
            }
            if (overnight && shift.weekday == previousWeekday && minute < shift.endMinute)
                return true;
        }
        return false;
    }

    std::int64_t m_from;
    std::vector<std::int64_t> m_workedBefore;
};

} // namespace

class TestBusinessCalendar : public QObject
{
    Q_OBJECT

private slots:
    void businessSeconds_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QStringList>("hours");
        QTest::addColumn<QStringList>("holidays");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<qint64>("expectedSeconds");

        const QString berlin = QStringLiteral("Europe/Berlin");
        const QString newYork = QStringLiteral("America/New_York");
        const QStringList office = { QStringLiteral("Mon-Fri 09:00-17:00") };
        const QStringList nights = { QStringLiteral("Sun-Thu 22:00-06:00") };

        // 2025-01-07 is a Tuesday; Berlin is on CET, +01:00.
        QTest::newRow("inside the hours on one day: 10:00 to 12:00 is 2 h")
            << berlin << office << QStringList() << QStringLiteral("2025-01-07T10:00:00+01:00")
            << QStringLiteral("2025-01-07T12:00:00+01:00") << qint64(2 * 3600);
        QTest::newRow("starting before the hours: 07:00 to 10:00 counts 09:00-10:00, 1 h")
            << berlin << office << QStringList() << QStringLiteral("2025-01-07T07:00:00+01:00")
            << QStringLiteral("2025-01-07T10:00:00+01:00") << qint64(3600);
        QTest::newRow("after the hours: 18:00 to 20:00 is 0")
            << berlin << office << QStringList() << QStringLiteral("2025-01-07T18:00:00+01:00")
            << QStringLiteral("2025-01-07T20:00:00+01:00") << qint64(0);
        QTest::newRow("the same span in UTC: 09:00Z to 17:00Z is 10:00-17:00 Berlin, 7 h")
            << berlin << office << QStringList() << QStringLiteral("2025-01-07T09:00:00Z")
            << QStringLiteral("2025-01-07T17:00:00Z") << qint64(7 * 3600);
        // Friday 16:00-17:00 and Monday 09:00-10:00; Saturday and Sunday have no hours.
        QTest::newRow("over a weekend: Fri 16:00 to Mon 10:00 is 1 h + 1 h")
            << berlin << office << QStringList() << QStringLiteral("2025-01-10T16:00:00+01:00")
            << QStringLiteral("2025-01-13T10:00:00+01:00") << qint64(2 * 3600);
        QTest::newRow("a whole week is 5 x 8 h")
            << berlin << office << QStringList() << QStringLiteral("2025-01-06T00:00:00+01:00")
            << QStringLiteral("2025-01-13T00:00:00+01:00") << qint64(40 * 3600);
        QTest::newRow("to before from is 0")
            << berlin << office << QStringList() << QStringLiteral("2025-01-07T12:00:00+01:00")
            << QStringLiteral("2025-01-07T10:00:00+01:00") << qint64(0);
        QTest::newRow("to equal to from is 0")
            << berlin << office << QStringList() << QStringLiteral("2025-01-07T12:00:00+01:00")
            << QStringLiteral("2025-01-07T12:00:00+01:00") << qint64(0);

        // Night shifts start Sunday to Thursday at 22:00 and end at 06:00 the next morning.
        QTest::newRow("a shift crossing midnight: Mon 23:00 to Tue 05:00 is 6 h")
            << berlin << nights << QStringList() << QStringLiteral("2025-01-06T23:00:00+01:00")
            << QStringLiteral("2025-01-07T05:00:00+01:00") << qint64(6 * 3600);
        QTest::newRow("a whole night shift and its edges: Mon 21:00 to Tue 07:00 is 8 h")
            << berlin << nights << QStringList() << QStringLiteral("2025-01-06T21:00:00+01:00")
            << QStringLiteral("2025-01-07T07:00:00+01:00") << qint64(8 * 3600);
        // Friday 00:00-06:00 is the end of Thursday's shift; Friday evening starts none.
        QTest::newRow("the morning after the last night: Fri 00:00 to Sat 12:00 is 6 h")
            << berlin << nights << QStringList() << QStringLiteral("2025-01-10T00:00:00+01:00")
            << QStringLiteral("2025-01-11T12:00:00+01:00") << qint64(6 * 3600);

        // Wednesday 2025-01-08 off: Tuesday 12:00-17:00 (5 h) and Thursday 09:00-12:00 (3 h).
        QTest::newRow("a holiday takes its whole day")
            << berlin << office << QStringList { QStringLiteral("2025-01-08") }
            << QStringLiteral("2025-01-07T12:00:00+01:00") << QStringLiteral("2025-01-09T12:00:00+01:00")
            << qint64(8 * 3600);
        // Tuesday 2025-01-07 off: Monday night's 22:00-24:00 counts (2 h), its Tuesday part
        // 00:00-06:00 does not; Tuesday night's 22:00-24:00 does not, its Wednesday part
        // 00:00-06:00 does (6 h).
        QTest::newRow("a holiday cuts the after-midnight part of a night shift")
            << berlin << nights << QStringList { QStringLiteral("2025-01-07") }
            << QStringLiteral("2025-01-06T20:00:00+01:00") << QStringLiteral("2025-01-08T12:00:00+01:00")
            << qint64(8 * 3600);
        // New York is on EDT (-04:00) in July. Thursday's 24-hour day ends at Friday 00:00 EDT =
        // 04:00Z; Friday 2025-07-04 is off; Saturday has no hours: 00:00Z-04:00Z, 4 h.
        QTest::newRow("a holiday is a day in the calendar's zone, not in UTC")
            << newYork << QStringList { QStringLiteral("Mon-Fri 00:00-24:00") }
            << QStringList { QStringLiteral("2025-07-04") } << QStringLiteral("2025-07-04T00:00:00Z")
            << QStringLiteral("2025-07-05T12:00:00Z") << qint64(4 * 3600);

        // Berlin springs forward on Sunday 2025-03-30 at 02:00 CET (01:00Z) to 03:00 CEST.
        // Saturday 22:00 CET = 21:00Z to Sunday 06:00 CEST = 04:00Z: 7 real hours.
        QTest::newRow("Berlin spring forward: a night shift over the change is 7 h")
            << berlin << QStringList { QStringLiteral("Sat 22:00-06:00") } << QStringList()
            << QStringLiteral("2025-03-29T12:00:00+01:00") << QStringLiteral("2025-03-31T00:00:00+02:00")
            << qint64(7 * 3600);
        // Sunday 00:00 CET = Saturday 23:00Z to 08:00 CEST = 06:00Z: 7 real hours.
        QTest::newRow("Berlin spring forward: Sun 00:00-08:00 is 7 h")
            << berlin << QStringList { QStringLiteral("Sun 00:00-08:00") } << QStringList()
            << QStringLiteral("2025-03-29T00:00:00+01:00") << QStringLiteral("2025-03-31T00:00:00+02:00")
            << qint64(7 * 3600);
        // 02:30 does not exist that night: the shift starts at the jump, 03:00 CEST = 01:00Z,
        // and runs to 10:00 CEST = 08:00Z: 7 h. The Sunday before, the same shift is 7.5 h.
        QTest::newRow("Berlin spring forward: a shift starting in the gap starts at 03:00")
            << berlin << QStringList { QStringLiteral("Sun 02:30-10:00") } << QStringList()
            << QStringLiteral("2025-03-30T00:00:00+01:00") << QStringLiteral("2025-03-31T00:00:00+02:00")
            << qint64(7 * 3600);
        QTest::newRow("the same shift on an ordinary Sunday is 7.5 h")
            << berlin << QStringList { QStringLiteral("Sun 02:30-10:00") } << QStringList()
            << QStringLiteral("2025-03-23T00:00:00+01:00") << QStringLiteral("2025-03-24T00:00:00+01:00")
            << qint64(7 * 3600 + 1800);
        // Berlin falls back on Sunday 2025-10-26 at 03:00 CEST (01:00Z) to 02:00 CET.
        // Saturday 22:00 CEST = 20:00Z to Sunday 06:00 CET = 05:00Z: 9 real hours.
        QTest::newRow("Berlin fall back: a night shift over the change is 9 h")
            << berlin << QStringList { QStringLiteral("Sat 22:00-06:00") } << QStringList()
            << QStringLiteral("2025-10-25T12:00:00+02:00") << QStringLiteral("2025-10-27T00:00:00+01:00")
            << qint64(9 * 3600);
        // Sunday 00:00 CEST = Saturday 22:00Z to 08:00 CET = 07:00Z: 9 real hours.
        QTest::newRow("Berlin fall back: Sun 00:00-08:00 is 9 h")
            << berlin << QStringList { QStringLiteral("Sun 00:00-08:00") } << QStringList()
            << QStringLiteral("2025-10-25T00:00:00+02:00") << QStringLiteral("2025-10-27T00:00:00+01:00")
            << qint64(9 * 3600);
        // 00:00Z-02:00Z is 02:00-03:00 CEST and then 02:00-03:00 CET again: all of it working.
        QTest::newRow("Berlin fall back: the hour shown twice counts twice")
            << berlin << QStringList { QStringLiteral("Sun 00:00-08:00") } << QStringList()
            << QStringLiteral("2025-10-26T00:00:00Z") << QStringLiteral("2025-10-26T02:00:00Z") << qint64(2 * 3600);
        // A shift ends when the clock first shows its end: 01:00 CEST = 23:00Z Saturday to
        // the first 02:30, CEST = 00:30Z: 1.5 h.
        QTest::newRow("Berlin fall back: a shift ending in the repeated hour ends at its first showing")
            << berlin << QStringList { QStringLiteral("Sun 01:00-02:30") } << QStringList()
            << QStringLiteral("2025-10-25T00:00:00+02:00") << QStringLiteral("2025-10-27T00:00:00+01:00")
            << qint64(3600 + 1800);
        // New York springs forward on Sunday 2025-03-09 at 02:00 EST (07:00Z) to 03:00 EDT.
        // Sunday 00:00 EST = 05:00Z to 08:00 EDT = 12:00Z: 7 real hours.
        QTest::newRow("New York spring forward: Sun 00:00-08:00 is 7 h")
            << newYork << QStringList { QStringLiteral("Sun 00:00-08:00") } << QStringList()
            << QStringLiteral("2025-03-08T00:00:00-05:00") << QStringLiteral("2025-03-10T00:00:00-04:00")
            << qint64(7 * 3600);
        // Saturday 2025-03-08 22:00 EST = 03:00Z to Sunday 06:00 EDT = 10:00Z: 7 real hours.
        QTest::newRow("New York spring forward: a night shift over the change is 7 h")
            << newYork << QStringList { QStringLiteral("Sat 22:00-06:00") } << QStringList()
            << QStringLiteral("2025-03-08T12:00:00-05:00") << QStringLiteral("2025-03-10T00:00:00-04:00")
            << qint64(7 * 3600);
        // New York falls back on Sunday 2025-11-02 at 02:00 EDT (06:00Z) to 01:00 EST.
        // Saturday 22:00 EDT = 02:00Z Sunday to Sunday 06:00 EST = 11:00Z: 9 real hours.
        QTest::newRow("New York fall back: a night shift over the change is 9 h")
            << newYork << QStringList { QStringLiteral("Sat 22:00-06:00") } << QStringList()
            << QStringLiteral("2025-11-01T12:00:00-04:00") << QStringLiteral("2025-11-03T00:00:00-05:00")
            << qint64(9 * 3600);
        // Sunday 00:00 EDT = 04:00Z to 08:00 EST = 13:00Z: 9 real hours.
        QTest::newRow("New York fall back: Sun 00:00-08:00 is 9 h")
            << newYork << QStringList { QStringLiteral("Sun 00:00-08:00") } << QStringList()
            << QStringLiteral("2025-11-01T00:00:00-04:00") << QStringLiteral("2025-11-03T00:00:00-05:00")
            << qint64(9 * 3600);
    }

    void businessSeconds()
    {
        QFETCH(QString, zone);
        QFETCH(QStringList, hours);
        QFETCH(QStringList, holidays);
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(qint64, expectedSeconds);
        const BusinessCalendar cal = calendar(zone, hours, holidays);
        QVERIFY2(!sl::calendarProblem(cal), qPrintable(sl::calendarProblem(cal).value_or(QString())));

        // Compiled around the span, and compiled for another year: the answer is the same.
        const BusinessClock compiled(cal, utc(from) - 86400 * 30, utc(to) + 86400 * 30);
        QCOMPARE(compiled.businessSeconds(utc(from), utc(to)), expectedSeconds);
        const BusinessClock elsewhere(
            cal, utc(QStringLiteral("2030-01-01T00:00:00Z")), utc(QStringLiteral("2031-01-01T00:00:00Z")));
        QCOMPARE(elsewhere.businessSeconds(utc(from), utc(to)), expectedSeconds);
        const BusinessClock nothingCompiled(cal, 0, 0);
        QCOMPARE(nothingCompiled.businessSeconds(utc(from), utc(to)), expectedSeconds);
    }

    void agreesWithAMinuteByMinuteCount_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::newRow("Europe/Berlin") << QStringLiteral("Europe/Berlin");
        QTest::newRow("America/New_York") << QStringLiteral("America/New_York");
        // Lord Howe moves its clocks by half an hour.
        QTest::newRow("Australia/Lord_Howe") << QStringLiteral("Australia/Lord_Howe");
    }

    void agreesWithAMinuteByMinuteCount()
    {
        QFETCH(QString, zone);
        // Split days, a Saturday, night shifts over both clock changes of 2025 (Saturday 22:00
        // to Sunday 06:00), holidays on a Friday and on a Monday after a night shift.
        const BusinessCalendar cal = calendar(zone,
            { QStringLiteral("Mon-Fri 08:00-12:00 13:00-17:30"), QStringLiteral("Sat 10:00-14:00"),
                QStringLiteral("Sat-Sun 22:00-06:00") },
            { QStringLiteral("2025-04-18"), QStringLiteral("2025-04-21"), QStringLiteral("2025-05-01"),
                QStringLiteral("2025-10-06") });
        QVERIFY2(!sl::calendarProblem(cal), qPrintable(sl::calendarProblem(cal).value_or(QString())));
        const std::int64_t from = utc(QStringLiteral("2025-01-15T00:00:00Z"));
        const std::int64_t to = utc(QStringLiteral("2025-11-30T00:00:00Z"));
        const MinuteByMinute truth(cal, from, to);
        const BusinessClock clock(cal, from, to);
        QCOMPARE(clock.businessSeconds(from, to), truth.seconds(from, to));

        std::mt19937_64 random(42);
        const std::int64_t minutes = (to - from) / 60;
        std::uniform_int_distribution<std::int64_t> anyMinute(0, minutes);
        std::uniform_int_distribution<std::int64_t> upToAWeek(0, 7 * 1440);
        for (int i = 0; i < 20000; ++i) {
            const std::int64_t a = anyMinute(random);
            const std::int64_t b = i % 2 ? std::min(minutes, a + upToAWeek(random)) : anyMinute(random);
            const std::int64_t spanFrom = from + std::min(a, b) * 60;
            const std::int64_t spanTo = from + std::max(a, b) * 60;
            const std::int64_t expected = truth.seconds(spanFrom, spanTo);
            if (clock.businessSeconds(spanFrom, spanTo) != expected) {
                QFAIL(
                    qPrintable(QStringLiteral("%1 to %2: %3 s, expected %4 s")
                                   .arg(QDateTime::fromSecsSinceEpoch(spanFrom, QTimeZone::utc()).toString(Qt::ISODate),
                                       QDateTime::fromSecsSinceEpoch(spanTo, QTimeZone::utc()).toString(Qt::ISODate))
                                   .arg(clock.businessSeconds(spanFrom, spanTo))
                                   .arg(expected)));
            }
        }
        // Outside the compiled range the answer is computed directly, and is the same.
        const BusinessClock narrow(cal, from + 86400 * 100, from + 86400 * 101);
        for (int i = 0; i < 300; ++i) {
            const std::int64_t a = anyMinute(random);
            const std::int64_t b = anyMinute(random);
            const std::int64_t spanFrom = from + std::min(a, b) * 60;
            const std::int64_t spanTo = from + std::max(a, b) * 60;
            QCOMPARE(narrow.businessSeconds(spanFrom, spanTo), truth.seconds(spanFrom, spanTo));
        }
    }

    void noWorkingTimeOutsideTheSupportedYears()
    {
        const BusinessCalendar cal = calendar(QStringLiteral("UTC"), { QStringLiteral("Mon-Sun 00:00-24:00") });
        const BusinessClock clock(cal, 0, 86400 * 365);
        QCOMPARE(clock.businessSeconds(BusinessClock::supportedFromUtc - 86400, BusinessClock::supportedFromUtc), 0);
        QCOMPARE(
            clock.businessSeconds(BusinessClock::supportedFromUtc - 86400, BusinessClock::supportedFromUtc + 60), 60);
        QCOMPARE(clock.businessSeconds(BusinessClock::supportedToUtc - 60, BusinessClock::supportedToUtc + 86400), 60);
        QCOMPARE(utc(QStringLiteral("1900-01-01T00:00:00Z")), BusinessClock::supportedFromUtc);
        QCOMPARE(utc(QStringLiteral("2200-01-01T00:00:00Z")), BusinessClock::supportedToUtc);
        QCOMPARE(BusinessClock().businessSeconds(0, 86400), 0);
    }

    void aTeamUsesItsCalendarElseTheDefault()
    {
        BusinessCalendar office = calendar(QStringLiteral("Europe/Berlin"), { QStringLiteral("Mon-Fri 09:00-17:00") });
        office.name = QStringLiteral("Support EU");
        office.isDefault = true;
        office.teams = { QStringLiteral("Tier 2") };
        BusinessCalendar night = calendar(QStringLiteral("UTC"), { QStringLiteral("Sun-Thu 22:00-06:00") });
        night.name = QStringLiteral("Night");
        night.teams = { QStringLiteral("Billing"), QStringLiteral("Équipe Nuit") };
        BusinessCalendar broken = calendar(QStringLiteral("UTC"), { QStringLiteral("Mon 09:00-17:00") });
        broken.name = QStringLiteral("Mars");
        broken.timeZoneId = QStringLiteral("Mars/Olympus");
        broken.teams = { QStringLiteral("Rover") };

        const BusinessCalendarSet set({ office, night, broken }, 0, 86400);
        QCOMPARE(set.clockForTeam(QStringLiteral("Billing"))->calendarName(), QStringLiteral("Night"));
        QCOMPARE(set.clockForTeam(QStringLiteral("BILLING"))->calendarName(), QStringLiteral("Night"));
        QCOMPARE(set.clockForTeam(QStringLiteral("équipe nuit"))->calendarName(), QStringLiteral("Night"));
        QCOMPARE(set.clockForTeam(QStringLiteral("tier 2"))->calendarName(), QStringLiteral("Support EU"));
        QCOMPARE(set.clockForTeam(QStringLiteral("Sales"))->calendarName(), QStringLiteral("Support EU"));
        QCOMPARE(set.clockForTeam(QString())->calendarName(), QStringLiteral("Support EU"));
        QCOMPARE(set.defaultClock()->calendarName(), QStringLiteral("Support EU"));
        QCOMPARE(set.clockForCalendar(QStringLiteral("night"))->calendarName(), QStringLiteral("Night"));
        // A calendar that cannot be used gives its teams no clock, rather than the default's.
        QCOMPARE(set.clockForTeam(QStringLiteral("Rover")), nullptr);
        QCOMPARE(set.clockForCalendar(QStringLiteral("Mars")), nullptr);
        QCOMPARE(set.problems().size(), 1);
        QVERIFY2(set.problems().constFirst().contains(QStringLiteral("Mars/Olympus")),
            qPrintable(set.problems().constFirst()));

        // Without a default, a team without a calendar has no business hours at all.
        office.isDefault = false;
        const BusinessCalendarSet noDefault({ office, night }, 0, 86400);
        QCOMPARE(noDefault.clockForTeam(QStringLiteral("Sales")), nullptr);
        QCOMPARE(noDefault.defaultClock(), nullptr);
        QCOMPARE(noDefault.clockForTeam(QStringLiteral("billing"))->calendarName(), QStringLiteral("Night"));
        QVERIFY(BusinessCalendarSet().isEmpty());
        QCOMPARE(BusinessCalendarSet().clockForTeam(QStringLiteral("Billing")), nullptr);
    }

    void calendarProblem_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QStringList>("hours");
        QTest::addColumn<QStringList>("holidays");
        QTest::addColumn<QString>("problem"); // a part of the message; empty: valid

        const QString utcZone = QStringLiteral("UTC");
        QTest::newRow("office hours are fine")
            << QStringLiteral("Europe/Berlin") << QStringList { QStringLiteral("Mon-Fri 09:00-17:00") } << QStringList()
            << QString();
        QTest::newRow("an unknown time zone")
            << QStringLiteral("Mars/Olympus") << QStringList { QStringLiteral("Mon 09:00-17:00") } << QStringList()
            << QStringLiteral("Mars/Olympus");
        QTest::newRow("no hours at all") << utcZone << QStringList() << QStringList()
                                         << QStringLiteral("no working hours");
        QTest::newRow("overlapping shifts on one day")
            << utcZone << QStringList { QStringLiteral("Mon 09:00-17:00"), QStringLiteral("Mon-Fri 16:00-18:00") }
            << QStringList() << QStringLiteral("Mon 09:00-17:00 and Mon 16:00-18:00 overlap");
        QTest::newRow("a night shift overlapping the next morning's")
            << utcZone << QStringList { QStringLiteral("Sun 22:00-06:00"), QStringLiteral("Mon 05:00-09:00") }
            << QStringList() << QStringLiteral("overlap");
        QTest::newRow("shifts that only touch are fine")
            << utcZone
            << QStringList { QStringLiteral("Mon 18:00-24:00"), QStringLiteral("Tue 00:00-06:00"),
                   QStringLiteral("Sun 22:00-00:00") }
            << QStringList() << QString();
        QTest::newRow("a night shift into the next week is fine")
            << utcZone << QStringList { QStringLiteral("Sun 22:00-06:00"), QStringLiteral("Mon 06:00-14:00") }
            << QStringList() << QString();
        QTest::newRow("a holiday twice") << utcZone << QStringList { QStringLiteral("Mon 09:00-17:00") }
                                         << QStringList { QStringLiteral("2025-12-25"), QStringLiteral("2025-12-25") }
                                         << QStringLiteral("listed twice");
    }

    void calendarProblem()
    {
        QFETCH(QString, zone);
        QFETCH(QStringList, hours);
        QFETCH(QStringList, holidays);
        QFETCH(QString, problem);
        const std::optional<QString> found = sl::calendarProblem(calendar(zone, hours, holidays));
        if (problem.isEmpty()) {
            QVERIFY2(!found, qPrintable(found.value_or(QString())));
        } else {
            QVERIFY(found);
            QVERIFY2(found->contains(problem), qPrintable(*found));
        }
    }

    void badShiftsAndTeamsAreProblems()
    {
        BusinessCalendar cal = calendar(QStringLiteral("UTC"), { QStringLiteral("Mon 09:00-17:00") });
        cal.shifts.push_back({ 8, 0, 60 });
        QVERIFY(sl::calendarProblem(cal)->contains(QStringLiteral("weekday 8")));
        cal.shifts.back() = { 2, 1440, 60 };
        QVERIFY(sl::calendarProblem(cal)->contains(QStringLiteral("1439")));
        cal.shifts.pop_back();
        cal.teams = { QStringLiteral("Billing"), QStringLiteral("billing") };
        QVERIFY(sl::calendarProblem(cal)->contains(QStringLiteral("listed twice")));
        cal.teams = { QStringLiteral(" ") };
        QVERIFY(sl::calendarProblem(cal)->contains(QStringLiteral("empty")));
        cal.teams.clear();
        cal.name = QStringLiteral("  ");
        QVERIFY(sl::calendarProblem(cal)->contains(QStringLiteral("name")));
    }

    void parseWeeklyHours_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("formatted"); // empty: the text is refused
        QTest::newRow("office hours") << QStringLiteral("Mon-Fri 09:00-17:00")
                                      << QStringList { QStringLiteral("Mon-Fri 09:00-17:00") };
        QTest::newRow("loose spelling") << QStringLiteral(" mon - FRI  9 - 17:00 ")
                                        << QStringList { QStringLiteral("Mon-Fri 09:00-17:00") };
        QTest::newRow("night shifts wrap over the weekend")
            << QStringLiteral("Sun-Thu 22:00-06:00") << QStringList { QStringLiteral("Sun-Thu 22:00-06:00") };
        QTest::newRow("a range of days may wrap")
            << QStringLiteral("Fri-Mon 10:00-14:00") << QStringList { QStringLiteral("Fri-Mon 10:00-14:00") };
        QTest::newRow("full names, lists and two ranges")
            << QStringLiteral("Monday,Wednesday 08:00-12:00 13:00-17:00")
            << QStringList { QStringLiteral("Mon,Wed 08:00-12:00 13:00-17:00") };
        QTest::newRow("every day, all day")
            << QStringLiteral("mo-su 0:00-24:00") << QStringList { QStringLiteral("Mon-Sun 00:00-24:00") };
        QTest::newRow("no times") << QStringLiteral("Mon-Fri") << QStringList();
        QTest::newRow("no days") << QStringLiteral("09:00-17:00") << QStringList();
        QTest::newRow("half a range") << QStringLiteral("Mon 09:00") << QStringList();
        QTest::newRow("an unknown day") << QStringLiteral("Funday 09:00-17:00") << QStringList();
        QTest::newRow("24:00 as a start") << QStringLiteral("Mon 24:00-08:00") << QStringList();
        QTest::newRow("minute 60") << QStringLiteral("Mon 09:60-10:00") << QStringList();
        QTest::newRow("hour 25") << QStringLiteral("Mon 09:00-25:00") << QStringList();
    }

    void parseWeeklyHours()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, formatted);
        QString error;
        const std::optional<std::vector<BusinessShift>> shifts = sl::parseWeeklyHours(text, &error);
        if (formatted.isEmpty()) {
            QVERIFY(!shifts);
            QVERIFY2(error.contains(text), qPrintable(error));
            return;
        }
        QVERIFY2(shifts, qPrintable(error));
        QCOMPARE(formatWeeklyHours(*shifts), formatted);
        // What is printed parses back to the same shifts.
        std::vector<BusinessShift> again;
        for (const QString &line : formatted) {
            const std::optional<std::vector<BusinessShift>> parsed = sl::parseWeeklyHours(line, &error);
            QVERIFY2(parsed, qPrintable(error));
            again.insert(again.end(), parsed->begin(), parsed->end());
        }
        QCOMPARE(again, *shifts);
    }

    void formatGroupsDaysWithTheSameHours()
    {
        QString error;
        std::vector<BusinessShift> shifts = *sl::parseWeeklyHours(QStringLiteral("Mon-Fri 09:00-17:00"), &error);
        for (const QString &more : { QStringLiteral("Sat 10:00-14:00"), QStringLiteral("Sun 22:00-06:00") }) {
            const std::vector<BusinessShift> extra = *sl::parseWeeklyHours(more, &error);
            shifts.insert(shifts.end(), extra.begin(), extra.end());
        }
        QCOMPARE(formatWeeklyHours(shifts),
            (QStringList { QStringLiteral("Mon-Fri 09:00-17:00"), QStringLiteral("Sat 10:00-14:00"),
                QStringLiteral("Sun 22:00-06:00") }));
    }
};

QTEST_GUILESS_MAIN(TestBusinessCalendar)
#include "tst_businesscalendar.moc"
