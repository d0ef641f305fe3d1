// The survey query over two imported fixtures: tests/fixtures/surveys/query_tickets.csv (five
// tickets) and query_responses.csv (thirteen responses, linked to tickets or not, dated or not).
// Every expected number is worked out by hand in the row's comment; the responses are:
//
//   id   type score  placed at (UTC)                 ticket (channel, agent, team, priority, tags)
//   R1   CSAT  5     2025-03-03 10:00                101 (Email, Alice, Billing, Normal, refund vip)
//   R2   CSAT  2     2025-03-11 09:00                102 (Chat, Bob, Support, High, bug)
//   R3   CSAT  4     2025-03-20 14:00, ticket solved 103 (Email, Alice, Support, Normal)
//   R4   CSAT  3     2025-02-21 12:00                104 (Phone, Carol, Billing, Low, refund)
//   R5   NPS  10     2025-03-05 12:00                none; its own agent Alice
//   R6   NPS   6     2025-03-06 12:00                102
//   R7   NPS   8     2025-03-12 12:00                none, no agent
//   R8   CES   6     2025-03-15 12:00                101
//   R9   CES   3     2025-03-16 12:00                102
//   R10  CSAT  1     2025-04-01 00:30                none (2025-03-31 20:30 in New York)
//   R11  NPS   9     2025-02-15 12:00                none
//   R12  CSAT  5     nowhere (no time, no ticket)    none
//   R13  CSAT  -     2025-03-07 12:00 (no score)     101

#include "services/importjob.h"
#include "services/surveyquery.h"
#include "store/database.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace sl;

namespace {

const double none = std::nan("");

// The value of `id`, NaN when it has none, -1000 when the id is missing altogether.
double valueOf(const KindMetricValues &values, std::string_view id)
{
    for (const auto &[definition, value] : values) {
        if (definition->id == id)
            return value.value ? *value.value : none;
    }
    return -1000;
}

bool same(double actual, double expected)
{
    return std::isnan(expected) ? std::isnan(actual) : std::abs(actual - expected) < 1e-9;
}

MetricsRequest request(const QString &from, const QString &to, const QByteArray &zone = "UTC")
{
    MetricsRequest r;
    if (!from.isEmpty())
        r.from = QDate::fromString(from, Qt::ISODate);
    if (!to.isEmpty())
        r.to = QDate::fromString(to, Qt::ISODate);
    r.zone = QTimeZone(zone);
    return r;
}

} // namespace

Q_DECLARE_METATYPE(sl::MetricsFilter)

class TestSurveyQuery : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::optional<Database> m_db;

    KindMetricsResult run(const MetricsRequest &r)
    {
        QString error;
        KindMetricsResult result = runSurveyMetrics(*m_db, r, &error);
        if (!error.isEmpty())
            qWarning("%s", qPrintable(error));
        return result;
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_db = Database::open(m_dir.filePath(QStringLiteral("q.sqlite")), &error);
        QVERIFY2(m_db, qPrintable(error));
        ImportOptions options;
        options.timeZone = QTimeZone::utc();
        options.kind = QStringLiteral("tickets");
        const ImportReport tickets = runImport(*m_db, test::fixturePath(QStringLiteral("surveys/query_tickets.csv")), options);
        QVERIFY2(tickets.outcome == ImportReport::Outcome::Imported, qPrintable(tickets.error));
        QCOMPARE(tickets.inserted, 5);
        options.kind = QStringLiteral("auto");
        const ImportReport responses
            = runImport(*m_db, test::fixturePath(QStringLiteral("surveys/query_responses.csv")), options);
        QVERIFY2(responses.outcome == ImportReport::Outcome::Imported, qPrintable(responses.error));
        QCOMPARE(responses.kind, QStringLiteral("surveys"));
        QCOMPARE(responses.inserted, 13);
    }

    void anEmptyTableHasNoData()
    {
        QString error;
        std::optional<Database> empty = Database::open(m_dir.filePath(QStringLiteral("empty.sqlite")), &error);
        QVERIFY(empty);
        const KindMetricsResult result = runSurveyMetrics(*empty, request({}, {}), &error);
        QVERIFY(error.isEmpty());
        QVERIFY(!result.hasData);
        QVERIFY(result.metrics.empty());
    }

    void periodAndFilter_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<MetricsFilter>("filter");
        QTest::addColumn<QString>("id");
        QTest::addColumn<double>("expected");

        const MetricsFilter all;
        // March, UTC: CSAT R1 5, R2 2, R3 4 (placed by its ticket; R13 has no score); NPS R5 10,
        // R6 6, R7 8; CES R8 6, R9 3.
        QTest::newRow("March: CSAT is 2 satisfied of 3") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << all << "csat_pct" << 200.0 / 3;
        QTest::newRow("March: 3 CSAT responses") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << all << "csat_responses" << 3.0;
        QTest::newRow("March: CSAT mean (5+2+4)/3") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << all << "csat_mean" << 11.0 / 3;
        QTest::newRow("March: NPS 1 promoter, 1 passive, 1 detractor") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << all << "nps" << 0.0;
        QTest::newRow("March: 3 NPS responses") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << all << "nps_responses" << 3.0;
        QTest::newRow("March: CES mean (6+3)/2") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << all << "ces_mean" << 4.5;
        QTest::newRow("March: CES easy 1 of 2") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << all << "ces_easy_pct" << 50.0;
        QTest::newRow("csa_pct is for agent groups only") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << all << "csa_pct" << -1000.0;

        // Through the ticket: Email is tickets 101 and 103, so R1, R3, R8 (and R13); R5 and R7
        // have no ticket and are left out.
        MetricsFilter email;
        email.channels = {QStringLiteral("email")};
        QTest::newRow("channel Email: CSAT 2 of 2") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << email << "csat_pct" << 100.0;
        QTest::newRow("channel Email: CSAT mean (5+4)/2") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << email << "csat_mean" << 4.5;
        QTest::newRow("channel Email: no NPS response, so no NPS") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << email << "nps" << none;
        QTest::newRow("channel Email: 0 NPS responses") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << email << "nps_responses" << 0.0;
        QTest::newRow("channel Email: CES R8 6") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << email << "ces_mean" << 6.0;

        // The agent: R5's own, the others' through their ticket: R1, R3, R5, R8, R13.
        MetricsFilter alice;
        alice.agents = {QStringLiteral("alice")};
        QTest::newRow("agent Alice: CSAT 2 of 2") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << alice << "csat_pct" << 100.0;
        QTest::newRow("agent Alice: NPS R5 alone, a promoter") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << alice << "nps" << 100.0;

        // Team Support: tickets 102, 103, 105: R2, R3, R6, R9.
        MetricsFilter support;
        support.teams = {QStringLiteral("Support")};
        QTest::newRow("team Support: CSAT 1 of 2") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << support << "csat_pct" << 50.0;
        QTest::newRow("team Support: NPS R6, a detractor") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << support << "nps" << -100.0;

        // Tag refund: tickets 101 and 104; in March R1, R8, R13.
        MetricsFilter refund;
        refund.tags = {QStringLiteral("REFUND")};
        QTest::newRow("tag refund: 1 CSAT response") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << refund << "csat_responses" << 1.0;
        MetricsFilter high;
        high.priorities = {QStringLiteral("high")};
        QTest::newRow("priority High: R2's CSAT 2 is not satisfied") << "2025-03-01" << "2025-03-31" << QByteArray("UTC") << high << "csat_pct" << 0.0;

        // All the data: R12, placed nowhere, counts too; CSAT R1 R2 R3 R4 R10 R12: 5 2 4 3 1 5.
        QTest::newRow("all data: 6 CSAT responses, R12 included") << "" << "" << QByteArray("UTC") << all << "csat_responses" << 6.0;
        QTest::newRow("all data: CSAT 3 of 6") << "" << "" << QByteArray("UTC") << all << "csat_pct" << 50.0;
        QTest::newRow("all data: CSAT mean 20/6") << "" << "" << QByteArray("UTC") << all << "csat_mean" << 20.0 / 6;
        QTest::newRow("all data: NPS 2 promoters, 1 detractor of 4") << "" << "" << QByteArray("UTC") << all << "nps" << 25.0;
        // One bound: R12 is placed nowhere and left out; from 16 March: R3 (20 March), R10.
        QTest::newRow("from 16 March: CSAT R3, R10") << "2025-03-16" << "" << QByteArray("UTC") << all << "csat_responses" << 2.0;
        QTest::newRow("from 16 March: no NPS") << "2025-03-16" << "" << QByteArray("UTC") << all << "nps" << none;

        // New York: R10 at 00:30 UTC on 1 April is 31 March 20:30 EDT. CSAT R1 R2 R3 R10.
        QTest::newRow("March in New York: 4 CSAT responses") << "2025-03-01" << "2025-03-31" << QByteArray("America/New_York") << all << "csat_responses" << 4.0;
        QTest::newRow("March in New York: CSAT mean (5+2+4+1)/4") << "2025-03-01" << "2025-03-31" << QByteArray("America/New_York") << all << "csat_mean" << 3.0;
    }

    void periodAndFilter()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QByteArray, zone);
        QFETCH(MetricsFilter, filter);
        QFETCH(QString, id);
        QFETCH(double, expected);
        MetricsRequest r = request(from, to, zone);
        r.filter = filter;
        const KindMetricsResult result = run(r);
        QVERIFY(result.hasData);
        const double actual = valueOf(result.metrics, id.toStdString());
        QVERIFY2(same(actual, expected), qPrintable(QStringLiteral("%1 = %2, expected %3").arg(id).arg(actual).arg(expected)));
    }

    void proportionsCarryWilsonBounds()
    {
        const KindMetricsResult result = run(request(QStringLiteral("2025-03-01"), QStringLiteral("2025-03-31")));
        for (const auto &[definition, value] : result.metrics) {
            if (definition->id != "csat_pct")
                continue;
            QVERIFY(value.lo && value.hi);
            QVERIFY(*value.lo < *value.value && *value.value < *value.hi);
        }
    }

    // The previous period of March (31 days) is 29 January - 28 February: R4 (CSAT 3), R11 (NPS 9).
    void comparesWithThePreviousPeriod()
    {
        MetricsRequest r = request(QStringLiteral("2025-03-01"), QStringLiteral("2025-03-31"));
        r.compare = true;
        const KindMetricsResult result = run(r);
        QVERIFY(result.previous);
        QCOMPARE(valueOf(*result.previous, "csat_responses"), 1.0);
        QCOMPARE(valueOf(*result.previous, "csat_pct"), 0.0);
        QCOMPARE(valueOf(*result.previous, "csat_mean"), 3.0);
        QCOMPARE(valueOf(*result.previous, "nps"), 100.0);
        QVERIFY(std::isnan(valueOf(*result.previous, "ces_mean")));
        QCOMPARE(valueOf(result.metrics, "nps"), 0.0);
    }

    // March by agent: Alice R1 R3 R5 R8 (4 scored, R13 unscored), Bob R2 R6 R9 (3), no agent R7.
    void groupsByAgent()
    {
        MetricsRequest r = request(QStringLiteral("2025-03-01"), QStringLiteral("2025-03-31"));
        r.grouping = Grouping::Agent;
        const KindMetricsResult result = run(r);
        QStringList keys;
        for (const auto &[key, values] : result.groups)
            keys.append(key);
        QCOMPARE(keys, (QStringList{QStringLiteral("Alice"), QStringLiteral("Bob"), QStringLiteral("(none)")}));
        const KindMetricValues &alice = result.groups[0].second;
        QCOMPARE(valueOf(alice, "csa_pct"), 100.0);
        QCOMPARE(valueOf(alice, "csat_responses"), 2.0);
        QCOMPARE(valueOf(alice, "nps"), 100.0);
        QCOMPARE(valueOf(alice, "ces_mean"), 6.0);
        const KindMetricValues &bob = result.groups[1].second;
        QCOMPARE(valueOf(bob, "csa_pct"), 0.0);
        QCOMPARE(valueOf(bob, "nps"), -100.0);
        QCOMPARE(valueOf(bob, "ces_mean"), 3.0);
        const KindMetricValues &nobody = result.groups[2].second;
        QVERIFY(std::isnan(valueOf(nobody, "csa_pct")));
        QVERIFY(std::isnan(valueOf(nobody, "csat_pct")));
        QCOMPARE(valueOf(nobody, "nps"), 0.0); // R7, a passive
        // The period's own figures are the ungrouped ones.
        QCOMPARE(valueOf(result.metrics, "csat_responses"), 3.0);
    }

    // By channel through the ticket: Chat R2 R6 R9, Email R1 R3 R8 (3 each: by name), none R5 R7.
    void groupsByChannelThroughTheTicket()
    {
        MetricsRequest r = request(QStringLiteral("2025-03-01"), QStringLiteral("2025-03-31"));
        r.grouping = Grouping::Channel;
        const KindMetricsResult result = run(r);
        QStringList keys;
        for (const auto &[key, values] : result.groups)
            keys.append(key);
        QCOMPARE(keys, (QStringList{QStringLiteral("Chat"), QStringLiteral("Email"), QStringLiteral("(none)")}));
        QCOMPARE(valueOf(result.groups[1].second, "csat_mean"), 4.5);
        QCOMPARE(valueOf(result.groups[2].second, "nps_responses"), 2.0);
    }

    // March by ISO week, every week listed: W09 is 1-2 March (the period cuts it), W14 the 31st.
    void groupsByWeek()
    {
        MetricsRequest r = request(QStringLiteral("2025-03-01"), QStringLiteral("2025-03-31"));
        r.grouping = Grouping::Week;
        const KindMetricsResult result = run(r);
        QStringList keys;
        for (const auto &[key, values] : result.groups)
            keys.append(key);
        QCOMPARE(keys, (QStringList{QStringLiteral("2025-W09"), QStringLiteral("2025-W10"), QStringLiteral("2025-W11"),
                                    QStringLiteral("2025-W12"), QStringLiteral("2025-W13"), QStringLiteral("2025-W14")}));
        QVERIFY(std::isnan(valueOf(result.groups[0].second, "csat_pct"))); // empty week: no value, not 0
        QCOMPARE(valueOf(result.groups[0].second, "csat_responses"), 0.0);
        // W10 (3-9 March): R1 CSAT 5; R5 10 and R6 6: NPS 0.
        QCOMPARE(valueOf(result.groups[1].second, "csat_responses"), 1.0);
        QCOMPARE(valueOf(result.groups[1].second, "nps_responses"), 2.0);
        QCOMPARE(valueOf(result.groups[1].second, "nps"), 0.0);
        // W12 (17-23 March): R3, placed by its ticket's solved time on the 20th.
        QCOMPARE(valueOf(result.groups[3].second, "csat_mean"), 4.0);
    }

    // All the data by month: from the first placed response (15 February) to the last (1 April);
    // R12, placed nowhere, is in the total and in no month.
    void groupsByMonthOverAllTheData()
    {
        MetricsRequest r = request({}, {});
        r.grouping = Grouping::Month;
        const KindMetricsResult result = run(r);
        QStringList keys;
        double inMonths = 0;
        for (const auto &[key, values] : result.groups) {
            keys.append(key);
            inMonths += valueOf(values, "csat_responses");
        }
        QCOMPARE(keys, (QStringList{QStringLiteral("2025-02"), QStringLiteral("2025-03"), QStringLiteral("2025-04")}));
        QCOMPARE(valueOf(result.groups[2].second, "csat_mean"), 1.0);
        QCOMPARE(inMonths, 5.0);
        QCOMPARE(valueOf(result.metrics, "csat_responses"), 6.0);
    }
};

QTEST_GUILESS_MAIN(TestSurveyQuery)
#include "tst_surveyquery.moc"
