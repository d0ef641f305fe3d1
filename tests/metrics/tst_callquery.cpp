// The call metrics of a metrics request: hand-computed figures over a small log for a period, a
// filter, a grouping and a comparison, and PwC's real log against an independent computation.
//
// tests/fixtures/calls/query_calls.csv, imported in UTC (wait, talk, hold, ACW in seconds):
//
//   call  start (UTC)        agent  queue    answered  wait  talk  hold  acw  FCR  CSAT
//   C1    2025-01-06 09:00   Alice  Billing  Y         10    300   60    30   Y    5
//   C2    2025-01-06 09:30   Bob    Billing  Y         25    200   0     20   N    3
//   C3    2025-01-06 10:00   -      Billing  N         40    abandoned after the 20 s target
//   C4    2025-01-07 14:00   -      Support  N         5     abandoned within the target
//   C5    2025-01-07 15:00   Alice  Support  Y         20    400   120   60   Y    4   (answered at exactly 20 s)
//   C6    2025-01-08 11:00   Bob    Support  Y         15    100   -     -    -    2
//   C7    2025-01-13 09:00   Alice  Billing  Y         8     240   0     0    Y    5
//   C8    2024-12-31 23:30   Bob    Billing  Y         12    180   0     0    N    4
//
// The week of 2025-01-06..12 holds C1-C6: offered 6, answered 4, abandoned 2 (33.3 %); ASA
// (10 + 25 + 20 + 15) / 4 = 17.5 s; service level: answered within 20 s C1, C5, C6 = 3, over
// answered 4 + abandoned after the target 1 (C3; C4 gave up within it and is not counted) = 60 %;
// AHT (390 + 220 + 580 + 100) s / 4 = 322.5 s = 5.375 min; FCR 2 of the 3 flagged answered calls;
// CSAT 2 of 4 ratings are 4-5 = 50 %, mean 3.5.

#include "services/importjob.h"
#include "services/callquery.h"
#include "store/database.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <initializer_list>
#include <limits>

using namespace sl;

namespace {

using Expected = std::vector<std::pair<const char *, double>>; // id -> value; NaN: no value

std::optional<double> valueOf(const KindMetricValues &values, std::string_view id)
{
    for (const auto &[definition, value] : values) {
        if (definition->id == id)
            return value.value;
    }
    return std::nullopt;
}

QStringList names(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *name : list)
        result.append(QString::fromUtf8(name));
    return result;
}

bool hasId(const KindMetricValues &values, const char *id)
{
    for (const auto &[definition, value] : values) {
        (void)value;
        if (definition->id == id)
            return true;
    }
    return false;
}

// Compares the listed ids; the message names the first that differs.
void compareValues(const KindMetricValues &values, const Expected &expected)
{
    for (const auto &[id, want] : expected) {
        const std::optional<double> got = valueOf(values, id);
        if (std::isnan(want)) {
            QVERIFY2(!got, qPrintable(QStringLiteral("%1: expected no value, got %2").arg(QLatin1String(id)).arg(got.value_or(0))));
            continue;
        }
        QVERIFY2(got, qPrintable(QStringLiteral("%1: expected %2, got no value").arg(QLatin1String(id)).arg(want)));
        QVERIFY2(std::abs(*got - want) < 1e-9,
            qPrintable(QStringLiteral("%1: expected %2, got %3").arg(QLatin1String(id)).arg(want, 0, 'g', 17).arg(*got, 0, 'g', 17)));
    }
}

constexpr double none = std::numeric_limits<double>::quiet_NaN();

MetricsRequest week(int firstDay = 6, int lastDay = 12)
{
    MetricsRequest request;
    request.from = QDate(2025, 1, firstDay);
    request.to = QDate(2025, 1, lastDay);
    request.zone = QTimeZone::utc();
    return request;
}

QStringList keysOf(const KindMetricsResult &result)
{
    QStringList keys;
    for (const auto &[key, values] : result.groups) {
        (void)values;
        keys.append(key);
    }
    return keys;
}

const KindMetricValues &group(const KindMetricsResult &result, const QString &key)
{
    for (const auto &[name, values] : result.groups) {
        if (name == key)
            return values;
    }
    static const KindMetricValues missing;
    return missing;
}

} // namespace

Q_DECLARE_METATYPE(MetricsRequest)
Q_DECLARE_METATYPE(Grouping)
Q_DECLARE_METATYPE(Expected)

class TestCallQuery : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<Database> m_db;

    KindMetricsResult run(const MetricsRequest &request)
    {
        QString error;
        KindMetricsResult result = runCallMetrics(*m_db, request, &error);
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        return result;
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_db = Database::open(m_dir.filePath(QStringLiteral("calls.sqlite")), &error);
        QVERIFY2(m_db, qPrintable(error));
        ImportOptions options;
        options.timeZone = QTimeZone::utc();
        const ImportReport report
            = runImport(*m_db, test::fixturePath(QStringLiteral("calls/query_calls.csv")), options);
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.profile, QStringLiteral("generic-calls"));
        QCOMPARE(report.inserted, 8);
    }

    void aDatabaseWithoutCallsHasNothingToAdd()
    {
        QString error;
        std::optional<Database> empty = Database::open(m_dir.filePath(QStringLiteral("empty.sqlite")), &error);
        QVERIFY(empty);
        const KindMetricsResult result = runCallMetrics(*empty, week(), &error);
        QVERIFY(error.isEmpty());
        QVERIFY(!result.hasData);
        QVERIFY(result.metrics.empty());
    }

    void periodFilterAndTarget_data()
    {
        QTest::addColumn<MetricsRequest>("request");
        QTest::addColumn<Expected>("expected");

        QTest::newRow("a week: every call metric by hand")
            << week()
            << Expected{{"calls_offered", 6}, {"calls_answered", 4}, {"calls_abandoned", 2},
                   {"abandon_pct", 100.0 / 3}, {"asa_s", 17.5}, {"service_level_pct", 60}, {"aht_min", 5.375},
                   {"fcr_pct", 200.0 / 3}, {"csat_pct", 50}, {"csat_responses", 4}, {"csat_mean", 3.5}};

        MetricsRequest alice = week();
        alice.filter.agents = QStringList{QStringLiteral("alice")};
        QTest::newRow("one agent (names match case-insensitively)")
            << alice
            << Expected{{"calls_offered", 2}, {"calls_answered", 2}, {"calls_abandoned", 0}, {"abandon_pct", 0},
                   {"asa_s", 15}, {"service_level_pct", 100}, {"aht_min", 970.0 / 2 / 60}, {"fcr_pct", 100},
                   {"csat_pct", 100}};

        MetricsRequest support = week();
        support.filter.teams = QStringList{QStringLiteral("Support")};
        QTest::newRow("one queue: the abandon within the target counts as abandoned, not against the level")
            << support
            << Expected{{"calls_offered", 3}, {"calls_answered", 2}, {"calls_abandoned", 1},
                   {"abandon_pct", 100.0 / 3}, {"asa_s", 17.5}, {"service_level_pct", 100},
                   {"aht_min", 680.0 / 2 / 60}, {"fcr_pct", 100}};

        MetricsRequest thirty = week();
        thirty.slaTargets.phone = 30;
        QTest::newRow("a 30 s target: C2 meets it, C3 still abandoned after it")
            << thirty << Expected{{"service_level_pct", 80}};

        MetricsRequest phone = week();
        phone.filter.channels = QStringList{QStringLiteral("Email"), QStringLiteral("voice")};
        QTest::newRow("a channel list that names phone calls keeps them") << phone << Expected{{"calls_offered", 6}};

        MetricsRequest email = week();
        email.filter.channels = QStringList{QStringLiteral("Email")};
        QTest::newRow("a channel list without Phone leaves no call")
            << email
            << Expected{{"calls_offered", 0}, {"calls_answered", 0}, {"abandon_pct", none}, {"asa_s", none},
                   {"service_level_pct", none}, {"aht_min", none}, {"csat_pct", none}, {"csat_responses", 0}};

        MetricsRequest priority = week();
        priority.filter.priorities = QStringList{QStringLiteral("High")};
        QTest::newRow("calls have no priority") << priority << Expected{{"calls_offered", 0}};

        MetricsRequest all;
        all.zone = QTimeZone::utc();
        QTest::newRow("no period: all the data") << all << Expected{{"calls_offered", 8}, {"asa_s", 15}};

        MetricsRequest berlin = week(1, 1);
        berlin.zone = QTimeZone("Europe/Berlin");
        QTest::newRow("whole days in the request's zone: 23:30 UTC on Dec 31 is Jan 1 in Berlin")
            << berlin << Expected{{"calls_offered", 1}, {"asa_s", 12}};
    }

    void periodFilterAndTarget()
    {
        QFETCH(MetricsRequest, request);
        QFETCH(Expected, expected);
        const KindMetricsResult result = run(request);
        QVERIFY(result.hasData);
        compareValues(result.metrics, expected);
    }

    void everyCallIdIsAnswered()
    {
        const KindMetricsResult result = run(week());
        for (const MetricDefinition &definition : callMetricDefinitions())
            QVERIFY2(hasId(result.metrics, definition.id.data()), definition.id.data());
        // csa_pct belongs to an agent's group only.
        QVERIFY(!hasId(result.metrics, "csa_pct"));
    }

    void theComparisonIsThePreviousPeriodOfTheSameLength()
    {
        MetricsRequest request = week();
        request.compare = true;
        const KindMetricsResult result = run(request);
        QVERIFY(result.previous);
        // 2024-12-30..2025-01-05 holds C8 alone.
        compareValues(*result.previous,
            {{"calls_offered", 1}, {"calls_answered", 1}, {"asa_s", 12}, {"service_level_pct", 100}, {"fcr_pct", 0}});
    }

    void byDayListsEveryDayOfThePeriod()
    {
        MetricsRequest request = week();
        request.grouping = Grouping::Day;
        const KindMetricsResult result = run(request);
        QCOMPARE(keysOf(result),
            names({"2025-01-06", "2025-01-07", "2025-01-08", "2025-01-09", "2025-01-10", "2025-01-11",
                "2025-01-12"}));
        // C1 within the target, C2 after it, C3 abandoned after it: 1 of 3.
        compareValues(group(result, QStringLiteral("2025-01-06")),
            {{"calls_offered", 3}, {"calls_answered", 2}, {"calls_abandoned", 1}, {"service_level_pct", 100.0 / 3},
                {"asa_s", 17.5}});
        compareValues(group(result, QStringLiteral("2025-01-09")),
            {{"calls_offered", 0}, {"asa_s", none}, {"abandon_pct", none}});
        // The groups add up to the period.
        double offered = 0;
        for (const auto &[key, values] : result.groups)
            offered += valueOf(values, "calls_offered").value_or(0);
        QCOMPARE(offered, 6.0);
    }

    void byWeekClipsTheEdgeWeeksToThePeriod()
    {
        MetricsRequest request = week(1, 13);
        request.grouping = Grouping::Week;
        const KindMetricsResult result = run(request);
        QCOMPARE(keysOf(result), names({"2025-W01", "2025-W02", "2025-W03"}));
        // W01 runs from Dec 30, but the period starts on Jan 1: C8 (Dec 31) is out.
        compareValues(group(result, QStringLiteral("2025-W01")), {{"calls_offered", 0}});
        compareValues(group(result, QStringLiteral("2025-W02")), {{"calls_offered", 6}});
        compareValues(group(result, QStringLiteral("2025-W03")), {{"calls_offered", 1}, {"aht_min", 4}});
    }

    void byAgentMostCallsFirstWithTheAgentsCsa()
    {
        MetricsRequest request;
        request.zone = QTimeZone::utc();
        request.grouping = Grouping::Agent;
        const KindMetricsResult result = run(request);
        // Alice 3, Bob 3 (a tie: by name), nobody 2.
        QCOMPARE(keysOf(result), names({"Alice", "Bob", "(none)"}));
        compareValues(group(result, QStringLiteral("Alice")),
            {{"calls_offered", 3}, {"csat_pct", 100}, {"csa_pct", 100}, {"fcr_pct", 100}});
        compareValues(group(result, QStringLiteral("Bob")),
            {{"calls_offered", 3}, {"csat_pct", 100.0 / 3}, {"csa_pct", 100.0 / 3}, {"fcr_pct", 0}});
        compareValues(group(result, QStringLiteral("(none)")),
            {{"calls_offered", 2}, {"calls_abandoned", 2}, {"csa_pct", none}});
    }

    void byTeamChannelPriorityHour_data()
    {
        QTest::addColumn<Grouping>("grouping");
        QTest::addColumn<QStringList>("keys");
        QTest::addColumn<QList<double>>("offered");
        QTest::newRow("team is the queue") << Grouping::Team << names({"Billing", "Support"})
                                           << QList<double>({3, 3});
        QTest::newRow("every call is a phone call") << Grouping::Channel << names({"Phone"})
                                                    << QList<double>({6});
        QTest::newRow("calls have no priority") << Grouping::Priority << names({"(none)"})
                                                << QList<double>({6});
        QTest::newRow("calls have no tags") << Grouping::Tag << names({"(none)"}) << QList<double>({6});
        QTest::newRow("hours that hold calls, in clock order")
            << Grouping::Hour << names({"9", "10", "11", "14", "15"}) << QList<double>({2, 1, 1, 1, 1});
        QTest::newRow("weekdays that hold calls") << Grouping::Weekday << names({"Mon", "Tue", "Wed"})
                                                  << QList<double>({3, 2, 1});
    }

    void byTeamChannelPriorityHour()
    {
        QFETCH(Grouping, grouping);
        QFETCH(QStringList, keys);
        QFETCH(QList<double>, offered);
        MetricsRequest request = week();
        request.grouping = grouping;
        const KindMetricsResult result = run(request);
        QCOMPARE(keysOf(result), keys);
        for (qsizetype i = 0; i < keys.size(); ++i)
            QCOMPARE(valueOf(group(result, keys[i]), "calls_offered").value_or(-1), offered[i]);
    }

    void pwcRealFileAgainstAnIndependentComputation()
    {
        const QString path = test::sharedDataPath(QStringLiteral("real/pwc-call-center/call_center_dataset.csv"));
        if (path.isEmpty())
            QSKIP("../shared/data/real is not here (it is not part of a clone)");
        QString error;
        std::optional<Database> db = Database::open(m_dir.filePath(QStringLiteral("pwc.sqlite")), &error);
        QVERIFY(db);
        ImportOptions options;
        options.timeZone = QTimeZone::utc();
        QCOMPARE(runImport(*db, path, options).outcome, ImportReport::Outcome::Imported);

        // The expected numbers are what tests/golden/pwc_calls.py prints: Python's csv module over
        // the same file, the spec's definitions applied to its columns directly (answered =
        // "Answered (Y/N)" Y, ASA = mean "Speed of answer in seconds" of answered calls, AHT = mean
        // "AvgTalkDuration", FCR = "Resolved" Y of answered calls, CSAT = ratings 4-5 of 1-5).
        const Expected golden = {{"calls_offered", 5000}, {"calls_answered", 4054}, {"calls_abandoned", 946},
            {"abandon_pct", 18.92}, {"asa_s", 67.52072027627035}, {"service_level_pct", 9.225456339417859},
            {"aht_min", 3.7487132050649565}, {"fcr_pct", 89.93586581154415}, {"csat_pct", 49.90133201776024},
            {"csat_responses", 4054}, {"csat_mean", 3.4035520473606313}};
        MetricsRequest all;
        all.zone = QTimeZone::utc();
        KindMetricsResult result = runCallMetrics(*db, all, &error);
        compareValues(result.metrics, golden);
        // The same over the log's whole quarter, as a period, and as the sum of its months.
        MetricsRequest quarter;
        quarter.zone = QTimeZone::utc();
        quarter.from = QDate(2021, 1, 1);
        quarter.to = QDate(2021, 3, 31);
        quarter.grouping = Grouping::Month;
        result = runCallMetrics(*db, quarter, &error);
        compareValues(result.metrics, golden);
        QCOMPARE(keysOf(result), names({"2021-01", "2021-02", "2021-03"}));
        double offered = 0;
        for (const auto &[key, values] : result.groups)
            offered += valueOf(values, "calls_offered").value_or(0);
        QCOMPARE(offered, 5000.0);
    }
};

QTEST_GUILESS_MAIN(TestCallQuery)
#include "tst_callquery.moc"
