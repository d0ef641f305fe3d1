// Queries over an imported file: periods in the display time zone, cohorts, backlog, grouping
// keys and order, filters, and the previous period. tests/fixtures/metrics/query_tickets.csv has
// five tickets; the expected numbers are worked out by hand from it in each row's comment.

#include "services/importjob.h"
#include "domain/businesscalendar.h"
#include "store/calendarstore.h"
#include "metrics/metricsquery.h"
#include "store/database.h"
#include "store/snapshotstore.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sl;

namespace {

double valueOf(const std::vector<MetricValue> &values, std::string_view id)
{
    const MetricDefinition *d = findMetric(id);
    const std::optional<double> value = values[std::size_t(d - ticketMetricDefinitions().data())].value;
    return value ? *value : -1.0; // -1: no value
}

} // namespace

Q_DECLARE_METATYPE(sl::MetricsFilter)

class TestMetricsQuery : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<TicketSnapshot> m_snapshot;

    MetricsResult run(const QString &from, const QString &to, const QString &zone, Grouping grouping = Grouping::None,
                      const MetricsFilter &filter = {}, bool compare = false)
    {
        MetricsRequest request;
        if (!from.isEmpty())
            request.from = QDate::fromString(from, Qt::ISODate);
        if (!to.isEmpty())
            request.to = QDate::fromString(to, Qt::ISODate);
        request.zone = QTimeZone(zone.toUtf8());
        request.grouping = grouping;
        request.filter = filter;
        request.compare = compare;
        return runMetrics(*m_snapshot, request);
    }

private slots:
    void initTestCase()
    {
        QString error;
        std::optional<Database> db = Database::open(m_dir.filePath(QStringLiteral("q.sqlite")), &error);
        QVERIFY2(db, qPrintable(error));
        ImportOptions options;
        options.timeZone = QTimeZone::utc();
        const ImportReport report = runImport(*db, test::fixturePath(QStringLiteral("metrics/query_tickets.csv")), options);
        QCOMPARE(report.inserted, 5);
        m_snapshot = loadTicketSnapshot(*db, &error);
        QVERIFY2(m_snapshot, qPrintable(error));
    }

    void periods_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<double>("created");
        QTest::addColumn<double>("solved");
        QTest::addColumn<double>("backlog");
        // January in UTC: created 3 and 4 (2 was created 23:30 on 31 December); solved 2
        // (1 January 01:00); open at the end (1 February 00:00, exclusive): 3 (solved exactly then) and 4.
        QTest::newRow("January in UTC") << QStringLiteral("2025-01-01") << QStringLiteral("2025-01-31")
                                        << QStringLiteral("UTC") << 2.0 << 1.0 << 2.0;
        // January in Berlin (UTC+1) starts 31 December 23:00 UTC: ticket 2 is January's; ticket 3's
        // solve (1 February 01:00 in Berlin) is not.
        QTest::newRow("January in Berlin") << QStringLiteral("2025-01-01") << QStringLiteral("2025-01-31")
                                           << QStringLiteral("Europe/Berlin") << 3.0 << 1.0 << 2.0;
        // Both ends inclusive: a single day. Open at its end: only 3 (1 and 2 were solved before).
        QTest::newRow("one day, both ends inclusive") << QStringLiteral("2025-01-15") << QStringLiteral("2025-01-15")
                                                      << QStringLiteral("UTC") << 1.0 << 0.0 << 1.0;
        // No dates: all data. Backlog: only ticket 4 is never solved.
        QTest::newRow("all data") << QString() << QString() << QStringLiteral("UTC") << 5.0 << 4.0 << 1.0;
        QTest::newRow("a period with nothing in it")
            << QStringLiteral("2023-01-01") << QStringLiteral("2023-01-31") << QStringLiteral("UTC") << 0.0 << 0.0 << 0.0;
    }

    void periods()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, zone);
        QFETCH(double, created);
        QFETCH(double, solved);
        QFETCH(double, backlog);
        const MetricsResult result = run(from, to, zone);
        QCOMPARE(valueOf(result.metrics, "tickets_created"), created);
        QCOMPARE(valueOf(result.metrics, "tickets_solved"), solved);
        QCOMPARE(valueOf(result.metrics, "backlog_end"), backlog);
    }

    void emptyPeriodRatesAreNoValue()
    {
        const MetricsResult result = run(QStringLiteral("2023-01-01"), QStringLiteral("2023-01-31"), QStringLiteral("UTC"));
        QCOMPARE(valueOf(result.metrics, "frt_median_min"), -1.0);
        QCOMPARE(valueOf(result.metrics, "csat_pct"), -1.0);
    }

    void allDataMetrics()
    {
        const MetricsResult result = run({}, {}, QStringLiteral("UTC"));
        // First replies after 30, 1, 120 and 5 minutes (4 never replied): median (5 + 30) / 2.
        QCOMPARE(valueOf(result.metrics, "frt_median_min"), 17.5);
        QCOMPARE(valueOf(result.metrics, "frt_unreplied"), 1.0);
        // Ratings 5 (good) and 2 (not): 50 %; mean 3.5.
        QCOMPARE(valueOf(result.metrics, "csat_pct"), 50.0);
        QCOMPARE(valueOf(result.metrics, "csat_mean"), 3.5);
        // Resolution: 24 h, 1.5 h, 396 h (15 Jan 12:00 to 1 Feb 00:00), 12 h: median (12 + 24) / 2.
        QCOMPARE(valueOf(result.metrics, "resolution_median_hours"), 18.0);
    }

    void groups_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<int>("grouping");
        QTest::addColumn<QString>("keys");    // in result order
        QTest::addColumn<QString>("created"); // tickets_created per group
        // 30 December 2024 is the Monday of ISO week 1 of 2025.
        QTest::newRow("ISO week of 31 December") << QStringLiteral("2024-12-30") << QStringLiteral("2025-01-05")
                                                 << QStringLiteral("UTC") << int(Grouping::Week)
                                                 << QStringLiteral("2025-W01") << QStringLiteral("2");
        QTest::newRow("days in UTC") << QStringLiteral("2024-12-30") << QStringLiteral("2025-01-01") << QStringLiteral("UTC")
                                     << int(Grouping::Day) << QStringLiteral("2024-12-30,2024-12-31,2025-01-01")
                                     << QStringLiteral("1,1,0");
        // Ticket 2 moves to 1 January in Berlin; ticket 1 stays on 30 December (11:00 there).
        QTest::newRow("days in Berlin") << QStringLiteral("2024-12-30") << QStringLiteral("2025-01-01")
                                        << QStringLiteral("Europe/Berlin") << int(Grouping::Day)
                                        << QStringLiteral("2024-12-30,2024-12-31,2025-01-01") << QStringLiteral("1,0,1");
        QTest::newRow("months") << QString() << QString() << QStringLiteral("UTC") << int(Grouping::Month)
                                << QStringLiteral("2024-12,2025-01,2025-02") << QStringLiteral("2,2,1");
        // Agents by tickets created, most first; the unassigned ticket is "(none)".
        QTest::newRow("agents") << QString() << QString() << QStringLiteral("UTC") << int(Grouping::Agent)
                                << QStringLiteral("José Núñez,Zoë Müller,(none)") << QStringLiteral("2,2,1");
        // "email" and "Email" are one channel.
        QTest::newRow("channels") << QString() << QString() << QStringLiteral("UTC") << int(Grouping::Channel)
                                  << QStringLiteral("Email,Chat,Phone,Web") << QStringLiteral("2,1,1,1");
        // A ticket counts under each of its tags.
        QTest::newRow("tags") << QString() << QString() << QStringLiteral("UTC") << int(Grouping::Tag)
                              << QStringLiteral("billing,(none),login,outage,vip") << QStringLiteral("2,1,1,1,1");
        QTest::newRow("weekdays in order") << QString() << QString() << QStringLiteral("UTC") << int(Grouping::Weekday)
                                           << QStringLiteral("Mon,Tue,Wed,Sat") << QStringLiteral("3,1,1,0");
        QTest::newRow("hours of the day") << QString() << QString() << QStringLiteral("UTC") << int(Grouping::Hour)
                                          << QStringLiteral("0,1,8,9,10,12,20,23") << QStringLiteral("0,0,1,1,1,1,0,1");
    }

    void groups()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, zone);
        QFETCH(int, grouping);
        QFETCH(QString, keys);
        QFETCH(QString, created);
        const MetricsResult result = run(from, to, zone, Grouping(grouping));
        QStringList actualKeys, actualCreated;
        for (const MetricsGroup &group : result.groups) {
            actualKeys.append(group.key);
            actualCreated.append(QString::number(valueOf(group.metrics, "tickets_created")));
        }
        QCOMPARE(actualKeys.join(QLatin1Char(',')), keys);
        QCOMPARE(actualCreated.join(QLatin1Char(',')), created);
    }

    void filters_data()
    {
        QTest::addColumn<MetricsFilter>("filter");
        QTest::addColumn<double>("created");
        MetricsFilter emailZoe;
        emailZoe.channels = {QStringLiteral("EMAIL")};
        emailZoe.agents = {QStringLiteral("zoë müller")};
        QTest::newRow("names match case-insensitively, fields AND-ed") << emailZoe << 2.0;
        MetricsFilter twoTags;
        twoTags.tags = {QStringLiteral("billing"), QStringLiteral("outage")};
        QTest::newRow("values of one field OR-ed") << twoTags << 3.0;
        MetricsFilter nothing;
        nothing.channels = {QStringLiteral("Chat")};
        nothing.teams = {QStringLiteral("tier 1")};
        QTest::newRow("no ticket is both") << nothing << 0.0;
        MetricsFilter unknown;
        unknown.agents = {QStringLiteral("Nobody")};
        QTest::newRow("an unknown name matches nothing") << unknown << 0.0;
        MetricsFilter priority;
        priority.priorities = {QStringLiteral("Normal")};
        QTest::newRow("priority") << priority << 2.0;
    }

    void filters()
    {
        QFETCH(MetricsFilter, filter);
        QFETCH(double, created);
        const MetricsResult result = run({}, {}, QStringLiteral("UTC"), Grouping::None, filter);
        QCOMPARE(valueOf(result.metrics, "tickets_created"), created);
    }

    void heatmapByWeekdayAndHour()
    {
        MetricsRequest request;
        request.zone = QTimeZone::utc();
        VolumeHeatmap heatmap = createdHeatmap(*m_snapshot, request);
        // Mondays: 30 Dec 10:00, 20 Jan 09:00, 3 Feb 08:00; Tuesday 31 Dec 23:30; Wednesday 15 Jan 12:00.
        QCOMPARE(heatmap[0][10], 1);
        QCOMPARE(heatmap[0][9], 1);
        QCOMPARE(heatmap[0][8], 1);
        QCOMPARE(heatmap[1][23], 1);
        QCOMPARE(heatmap[2][12], 1);
        std::int64_t total = 0;
        for (const auto &day : heatmap)
            for (std::int64_t n : day)
                total += n;
        QCOMPARE(total, 5);
        // In Berlin, 31 Dec 23:30 UTC is Wednesday 1 January, 00:30.
        request.zone = QTimeZone("Europe/Berlin");
        heatmap = createdHeatmap(*m_snapshot, request);
        QCOMPARE(heatmap[1][23], 0);
        QCOMPARE(heatmap[2][0], 1);
    }

    void previousPeriodOfTheSameLength()
    {
        // 16 to 31 January (16 days) against 31 December to 15 January: ticket 4 now, 2 and 3 then.
        const MetricsResult result = run(QStringLiteral("2025-01-16"), QStringLiteral("2025-01-31"), QStringLiteral("UTC"),
                                         Grouping::None, {}, true);
        QVERIFY(result.previous);
        QCOMPARE(*result.previousFrom, QDate(2024, 12, 31));
        QCOMPARE(*result.previousTo, QDate(2025, 1, 15));
        QCOMPARE(valueOf(result.metrics, "tickets_created"), 1.0);
        QCOMPARE(valueOf(*result.previous, "tickets_created"), 2.0);
    }

    void businessHoursFromTeamCalendars()
    {
        // The fixture has no business-hours columns: _bh figures come from the calendars, and
        // only for the teams that have one.
        QTemporaryDir dir;
        QString error;
        std::optional<Database> db = Database::open(dir.filePath(QStringLiteral("bh.sqlite")), &error);
        QVERIFY2(db, qPrintable(error));
        ImportOptions options;
        options.timeZone = QTimeZone::utc();
        QCOMPARE(runImport(*db, test::fixturePath(QStringLiteral("metrics/query_tickets.csv")), options).inserted, 5);
        MetricsRequest all;
        all.zone = QTimeZone::utc();
        std::optional<TicketSnapshot> snapshot = loadTicketSnapshot(*db, &error);
        QVERIFY(snapshot);
        QCOMPARE(valueOf(runMetrics(*snapshot, all).metrics, "frt_bh_median_min"), -1.0); // no calendar: no value

        // Tier 1 works Mon-Fri 09:00-17:00 UTC, with 31 December off.
        BusinessCalendar office;
        office.name = QStringLiteral("Office");
        office.timeZoneId = QStringLiteral("UTC");
        office.shifts = *parseWeeklyHours(QStringLiteral("Mon-Fri 09:00-17:00"), &error);
        office.holidays = {{QDate(2024, 12, 31), QStringLiteral("New Year's Eve")}};
        office.teams = {QStringLiteral("tier 1")};
        QVERIFY2(saveCalendar(*db, office, &error), qPrintable(error));
        snapshot = loadTicketSnapshot(*db, &error); // the calendar changed the data version: rebuilt
        QVERIFY(snapshot);
        std::vector<MetricValue> metrics = runMetrics(*snapshot, all).metrics;
        // First replies: ticket 1 Mon 10:00 -> 10:30: 30 min; ticket 3 Wed 12:00 -> 14:00: 120 min;
        // ticket 5 Mon 08:00 -> 08:05, before opening: 0 min. Median 30, mean 50.
        QCOMPARE(valueOf(metrics, "frt_bh_median_min"), 30.0);
        QCOMPARE(valueOf(metrics, "frt_bh_mean_min"), 50.0);
        // Resolutions: ticket 1 Mon 10:00 -> Tue 10:00, Tuesday a holiday: 7 h; ticket 3 Wed 15 Jan
        // 12:00 -> Sat 1 Feb: 5 + 2 * 8 + 10 * 8 = 101 h; ticket 5 08:00 -> 20:00: 8 h. Ticket 2
        // (Tier 2) has none. Median 8, mean 116 / 3.
        QCOMPARE(valueOf(metrics, "resolution_bh_median_hours"), 8.0);
        QVERIFY(qAbs(valueOf(metrics, "resolution_bh_mean_hours") - 116.0 / 3.0) < 1e-9);
        // Calendar hours are untouched: ticket 1's resolution is still 24 h of the median's inputs.
        QCOMPARE(valueOf(metrics, "resolution_median_hours"), (24.0 + 12.0) / 2.0); // 24, 1.5, 396, 12 -> 12, 24

        // A default calendar for everyone else: nights in Berlin, 22:00-06:00 every day.
        BusinessCalendar nights;
        nights.name = QStringLiteral("Nights");
        nights.timeZoneId = QStringLiteral("Europe/Berlin");
        nights.shifts = *parseWeeklyHours(QStringLiteral("Mon-Sun 22:00-06:00"), &error);
        nights.isDefault = true;
        QVERIFY2(saveCalendar(*db, nights, &error), qPrintable(error));
        snapshot = loadTicketSnapshot(*db, &error);
        QVERIFY(snapshot);
        metrics = runMetrics(*snapshot, all).metrics;
        // Ticket 2 (Tier 2): created 00:30 Berlin, replied 00:31: 1 min; solved 02:00: 1.5 h.
        // First replies 0, 1, 30, 120: median 15.5, mean 37.75. Resolutions 1.5, 7, 8, 101:
        // median 7.5, mean 29.375.
        QCOMPARE(valueOf(metrics, "frt_bh_median_min"), 15.5);
        QCOMPARE(valueOf(metrics, "frt_bh_mean_min"), 37.75);
        QCOMPARE(valueOf(metrics, "resolution_bh_median_hours"), 7.5);
        QCOMPARE(valueOf(metrics, "resolution_bh_mean_hours"), 29.375);
    }
};

QTEST_GUILESS_MAIN(TestMetricsQuery)
#include "tst_metricsquery.moc"
