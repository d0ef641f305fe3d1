// The customer, cost and QA figures of a metrics request, over databases built by importing
// small files, against values computed by hand in the comments.

#include "services/importjob.h"
#include "services/businessquery.h"
#include "metrics/metricsquery.h"
#include "domain/ticketsnapshot.h"
#include "store/database.h"
#include "store/snapshotstore.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace sl;

namespace {

// January 2025 against December 2024.
//
// Customers (start, end, MRR)       in January                 in December
//   A 2024-06-01  -          100    S, E                       S, E
//   B 2024-09-15  2025-01-10  50    S, churned                 S, E
//   C 2024-12-20  -           80    S, E                       new: E, N
//   D 2025-01-05  -           60    new: E, N                  -
//   E 2025-01-08  2025-01-20  40    started and ended: none    -
//   F 2024-03-01  2024-12-15  70    -                          S, churned
//   H 2024-11-01  2025-01-31  90    S, churned on the last day S, E
//   I 2024-12-31  2025-01-01  30    S, churned on the first    new: E, N
// January: S 5, E 3, N 1, churned 3: retention (3 - 1) / 5 = 40 %, churn 3 / 5 = 60 %;
//   active during: A B C D E H I, mean MRR 450 / 7; clv = 450 / 7 / 0.6 = 107.142857...
// December: S 4 (A B F H), E 5 (A B C H I), N 2 (C I), churned 1 (F): retention 75 %, churn 25 %;
//   active during: A B C F H I, mean MRR 420 / 6 = 70; clv = 70 / 0.25 = 280.
const QByteArray customersCsv = "Customer ID,Signup Date,Cancelled At,MRR\n"
                                "A,2024-06-01,,100\n"
                                "B,2024-09-15,2025-01-10,50\n"
                                "C,2024-12-20,,80\n"
                                "D,2025-01-05,,60\n"
                                "E,2025-01-08,2025-01-20,40\n"
                                "F,2024-03-01,2024-12-15,70\n"
                                "H,2024-11-01,2025-01-31,90\n"
                                "I,2024-12-31,2025-01-01,30\n";

// December: created 1-4, solved 1-3. January: created 5-12 (Email 5-7, Phone 8-9, Chat 10-12),
// solved 4-9 (Email 4-7, Phone 8-9): 8 created, 6 solved.
const QByteArray ticketsCsv = "Ticket ID,Created at,Resolved at,Channel,Agent\n"
                              "1,2024-12-02 09:00,2024-12-02 12:00,Email,Alice\n"
                              "2,2024-12-05 09:00,2024-12-06 12:00,Email,Bob\n"
                              "3,2024-12-10 09:00,2024-12-11 12:00,Phone,Alice\n"
                              "4,2024-12-28 09:00,2025-01-03 12:00,Email,Bob\n"
                              "5,2025-01-04 09:00,2025-01-04 12:00,Email,Alice\n"
                              "6,2025-01-06 09:00,2025-01-07 12:00,Email,Alice\n"
                              "7,2025-01-09 09:00,2025-01-09 15:00,Email,Bob\n"
                              "8,2025-01-12 09:00,2025-01-13 12:00,Phone,Bob\n"
                              "9,2025-01-15 09:00,2025-01-15 10:00,Phone,Alice\n"
                              "10,2025-01-20 09:00,,Chat,Alice\n"
                              "11,2025-01-25 09:00,,Chat,Bob\n"
                              "12,2025-01-30 09:00,2025-02-02 12:00,Chat,Alice\n";

// January: 12400 / 6 solved = 2066.67 per ticket, / 8 created = 1550 per interaction,
// 8 / 4000 orders = 0.2 %. December: 9000 / 3 = 3000, 9000 / 4 = 2250, 4 / 3000 = 0.1333 %.
const QByteArray costsCsv = "Month,Support cost,Orders\n"
                            "2024-12,9000,3000\n"
                            "2025-01,12400,4000\n";

// January: 45 of 50 = 90, 80 (0-100), 3 of 4 = 75: mean 81.67 (Alice 85, Bob 75). December: 60.
const QByteArray reviewsCsv = "Review ID,Ticket ID,Agent,Reviewer,Review date,Score,Max score\n"
                              "q1,5,Alice,Rita,2025-01-10,45,50\n"
                              "q2,6,Alice,Rita,2025-01-15,80,\n"
                              "q3,7,Bob,Rita,2025-01-20,3 / 4,\n"
                              "q4,8,Bob,Rita,2024-12-20,60,\n";

std::optional<double> valueOf(const KindMetricValues &values, std::string_view id)
{
    for (const auto &[definition, value] : values) {
        if (definition->id == id)
            return value.value;
    }
    return std::nullopt;
}

bool hasId(const KindMetricValues &values, std::string_view id)
{
    return std::any_of(values.begin(), values.end(), [&](const auto &entry) { return entry.first->id == id; });
}

// NaN stands for "no value" in the data tables.
bool same(const std::optional<double> &actual, double expected)
{
    if (std::isnan(expected))
        return !actual;
    return actual && std::abs(*actual - expected) < 1e-6 * std::max(1.0, std::abs(expected));
}

QString shown(const std::optional<double> &value)
{
    return value ? QString::number(*value, 'g', 12) : QStringLiteral("null");
}

MetricsRequest january(bool compare = false)
{
    MetricsRequest request;
    request.zone = QTimeZone::utc();
    request.from = QDate(2025, 1, 1);
    request.to = QDate(2025, 1, 31);
    request.compare = compare;
    return request;
}

constexpr double none = std::numeric_limits<double>::quiet_NaN();

} // namespace

class TestBusinessQuery : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    // A fresh database with these files imported (times in UTC).
    Database databaseWith(const QList<QByteArray> &files)
    {
        const int n = ++m_counter;
        QString error;
        std::optional<Database> db = Database::open(m_dir.filePath(QStringLiteral("db%1.sqlite").arg(n)), &error);
        if (!db)
            qFatal("cannot create a test database: %s", qPrintable(error));
        ImportOptions options;
        options.timeZone = QTimeZone::utc();
        for (qsizetype i = 0; i < files.size(); ++i) {
            const QString path
                = test::writeFile(QDir(m_dir.path()), QStringLiteral("f%1_%2.csv").arg(n).arg(i), files[i]);
            const ImportReport report = runImport(*db, path, options);
            if (report.outcome != ImportReport::Outcome::Imported || report.rejected != 0)
                qFatal("fixture %lld did not import: %s", qlonglong(i), qPrintable(report.error));
        }
        return std::move(*db);
    }

    Database fullDatabase() { return databaseWith({ customersCsv, ticketsCsv, costsCsv, reviewsCsv }); }

    KindMetricsResult run(Database &db, const MetricsRequest &request, QStringList *notes = nullptr)
    {
        QString error;
        KindMetricsResult result = runBusinessMetrics(db, request, nullptr, &error, notes);
        if (!error.isEmpty())
            qFatal("runBusinessMetrics failed: %s", qPrintable(error));
        return result;
    }

private slots:
    void januaryAgainstDecember_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<double>("period");
        QTest::addColumn<double>("previous");

        QTest::newRow("retention: (E - N) / S, a customer who came and went inside the period in none of them")
            << QStringLiteral("retention_pct") << 40.0 << 75.0;
        QTest::newRow("churn: of S, ended during the period, first and last day included")
            << QStringLiteral("churn_pct") << 60.0 << 25.0;
        QTest::newRow("clv: mean MRR of the customers active in the period / monthly churn")
            << QStringLiteral("clv") << 450.0 / 7.0 / 0.6 << 280.0;
        QTest::newRow("cost per ticket: the month's cost / tickets solved in it")
            << QStringLiteral("cost_per_ticket") << 12400.0 / 6.0 << 3000.0;
        QTest::newRow("cost per interaction: no call or chat log, so tickets created")
            << QStringLiteral("cost_per_interaction") << 1550.0 << 2250.0;
        QTest::newRow("contact rate: tickets created per order")
            << QStringLiteral("contact_rate_pct") << 0.2 << 400.0 / 3000.0;
        QTest::newRow("QA mean: points out of a maximum and 0-100 scores, each as 0-100")
            << QStringLiteral("qa_score_mean") << 245.0 / 3.0 << 60.0;
    }

    void januaryAgainstDecember()
    {
        QFETCH(QString, id);
        QFETCH(double, period);
        QFETCH(double, previous);
        Database db = fullDatabase();
        const KindMetricsResult result = run(db, january(true));
        QVERIFY(result.hasData);
        QVERIFY(result.previous);
        const std::string key = id.toStdString();
        QVERIFY2(same(valueOf(result.metrics, key), period), qPrintable(shown(valueOf(result.metrics, key))));
        QVERIFY2(same(valueOf(*result.previous, key), previous), qPrintable(shown(valueOf(*result.previous, key))));
    }

    void everyBusinessIdIsInTheAnswer()
    {
        Database db = fullDatabase();
        const KindMetricsResult result = run(db, january());
        QCOMPARE(result.metrics.size(), businessMetricDefinitions().size());
        QVERIFY(!result.previous); // no --compare
        QVERIFY(result.groups.empty());
        // Proportions carry their Wilson interval.
        for (const auto &[definition, value] : result.metrics) {
            if (definition->id == "retention_pct")
                QVERIFY(value.lo && value.hi && *value.lo < 40.0 && *value.hi > 40.0);
        }
    }

    void costPerTicketIsTheTicketQuerysOwnCount()
    {
        // cost_per_ticket x tickets_solved gives the month's cost back exactly.
        Database db = fullDatabase();
        QString error;
        const std::optional<TicketSnapshot> snapshot = loadTicketSnapshot(db, &error);
        QVERIFY(snapshot);
        const MetricsResult tickets = runMetrics(*snapshot, january());
        const auto solvedIndex = std::size_t(findMetric("tickets_solved") - ticketMetricDefinitions().data());
        QCOMPARE(tickets.metrics[solvedIndex].value, 6.0);
        const KindMetricsResult result = runBusinessMetrics(db, january(), &*snapshot, &error);
        QVERIFY(same(valueOf(result.metrics, "cost_per_ticket").value() * 6.0, 12400.0));
    }

    void answeredCallsAreInteractions()
    {
        Database db = fullDatabase();
        // Two answered calls and one abandoned in January, one answered in December.
        QVERIFY(db.connection().exec(
            "INSERT INTO calls (source, external_id, started_at, answered, import_id) VALUES "
            "('pbx', 1, 1735725600, 1, 1), ('pbx', 2, 1736330400, 1, 1), ('pbx', 3, 1736330500, 0, 1), "
            "('pbx', 4, 1734256800, 1, 1)"));
        const KindMetricsResult result = run(db, january(true));
        QVERIFY(same(valueOf(result.metrics, "cost_per_interaction"), 12400.0 / 10.0)); // 8 tickets + 2 calls
        QVERIFY(same(valueOf(*result.previous, "cost_per_interaction"), 9000.0 / 5.0)); // 4 tickets + 1 call
        // Calls are phone contacts: a channel filter without Phone leaves them out.
        MetricsRequest email = january();
        email.filter.channels = { QStringLiteral("email") };
        const KindMetricsResult emailOnly = run(db, email);
        QVERIFY(!valueOf(emailOnly.metrics, "cost_per_interaction")); // and the monthly cost has no Email part
    }

    void costByChannel()
    {
        // January: Email 5000, Phone 6000, Chat 1000 (no total column: the whole month is 12000).
        Database db = databaseWith({ ticketsCsv,
            "Month,Email cost,Phone cost,Chat cost,Orders\n"
            "2025-01,5000,6000,1000,4000\n" });
        const auto costPerTicket = [&](const QStringList &channels) {
            MetricsRequest request = january();
            request.filter.channels = channels;
            return valueOf(run(db, request).metrics, "cost_per_ticket");
        };
        QVERIFY(same(costPerTicket({}), 12000.0 / 6.0));
        QVERIFY(same(costPerTicket({ QStringLiteral("Email") }), 5000.0 / 4.0));
        QVERIFY(same(costPerTicket({ QStringLiteral("phone") }), 6000.0 / 2.0));
        QVERIFY(same(costPerTicket({ QStringLiteral("Email"), QStringLiteral("Phone") }), 11000.0 / 6.0));
        QVERIFY(same(costPerTicket({ QStringLiteral("Web") }), none)); // no Web cost: no value, not the total
        // Contact rate under a channel filter: that channel's tickets per order (3 Email / 4000).
        MetricsRequest email = january();
        email.filter.channels = { QStringLiteral("Email") };
        QVERIFY(same(valueOf(run(db, email).metrics, "contact_rate_pct"), 0.075));
    }

    void contactRateFallsBackToActiveCustomers()
    {
        // No order counts: tickets created / customers active during January (7) x 100.
        Database db = databaseWith({ customersCsv, ticketsCsv, "Month,Support cost\n2025-01,12400\n" });
        const KindMetricsResult result = run(db, january());
        QVERIFY(same(valueOf(result.metrics, "contact_rate_pct"), 800.0 / 7.0));
    }

    void aPeriodTheCostsDoNotCoverHasNoCost()
    {
        Database db = fullDatabase();
        MetricsRequest request = january();
        request.to = QDate(2025, 2, 28); // no February cost
        QStringList notes;
        const KindMetricsResult result = run(db, request, &notes);
        QVERIFY(!valueOf(result.metrics, "cost_per_ticket"));
        QVERIFY(!valueOf(result.metrics, "cost_per_interaction"));
        QVERIFY(notes.join(QLatin1Char('\n')).contains(QStringLiteral("does not cover every month")));
        // Half of January: half its cost over the tickets solved in Jan 1-15 (4, 5, 6, 7, 8, 9).
        request.to = QDate(2025, 1, 15);
        QVERIFY(same(valueOf(run(db, request).metrics, "cost_per_ticket"), 12400.0 * 15.0 / 31.0 / 6.0));
    }

    void byMonthListsEachMonthWithItsOwnFigures()
    {
        Database db = fullDatabase();
        MetricsRequest request = january();
        request.from = QDate(2024, 12, 1);
        request.grouping = Grouping::Month;
        const KindMetricsResult result = run(db, request);
        QCOMPARE(result.groups.size(), std::size_t(2));
        QCOMPARE(result.groups[0].first, QStringLiteral("2024-12"));
        QCOMPARE(result.groups[1].first, QStringLiteral("2025-01"));
        QVERIFY(same(valueOf(result.groups[0].second, "churn_pct"), 25.0));
        QVERIFY(same(valueOf(result.groups[1].second, "churn_pct"), 60.0));
        QVERIFY(same(valueOf(result.groups[0].second, "cost_per_ticket"), 3000.0));
        QVERIFY(same(valueOf(result.groups[1].second, "cost_per_ticket"), 12400.0 / 6.0));
        QVERIFY(same(valueOf(result.groups[1].second, "qa_score_mean"), 245.0 / 3.0));
        // The two months together: S 4 (A B F H), E 3 (A C D), N 2 (C D), churned 3 (B F H).
        QVERIFY(same(valueOf(result.metrics, "retention_pct"), 25.0));
        QVERIFY(same(valueOf(result.metrics, "churn_pct"), 75.0));
        QVERIFY(same(valueOf(result.metrics, "cost_per_ticket"), 21400.0 / 9.0));
    }

    void byAgentGroupsHoldTheQaMeanOnly()
    {
        Database db = fullDatabase();
        MetricsRequest request = january();
        request.grouping = Grouping::Agent;
        const KindMetricsResult result = run(db, request);
        QCOMPARE(result.groups.size(), std::size_t(2));
        QCOMPARE(result.groups[0].first, QStringLiteral("Alice"));
        QCOMPARE(result.groups[1].first, QStringLiteral("Bob"));
        QVERIFY(same(valueOf(result.groups[0].second, "qa_score_mean"), 85.0));
        QVERIFY(same(valueOf(result.groups[1].second, "qa_score_mean"), 75.0));
        QVERIFY(!hasId(result.groups[0].second, "cost_per_ticket"));
        QVERIFY(!hasId(result.groups[0].second, "retention_pct"));

        request.grouping = Grouping::Channel; // no business id belongs to a channel group
        QVERIFY(run(db, request).groups.empty());
    }

    void filtersKeepOnlyTheFiguresTheyApplyTo_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("value");
        QTest::addColumn<double>("retention");
        QTest::addColumn<double>("costPerTicket");
        QTest::addColumn<double>("contactRate");
        QTest::addColumn<double>("qa");

        QTest::newRow("an agent: their QA mean; costs and customers are not per agent")
            << QStringLiteral("agent") << QStringLiteral("alice") << none << none << none << 85.0;
        QTest::newRow("a team: nothing here is per team")
            << QStringLiteral("team") << QStringLiteral("Tier 1") << none << none << none << none;
        QTest::newRow("a tag: nothing here is per tag")
            << QStringLiteral("tag") << QStringLiteral("billing") << none << none << none << none;
        QTest::newRow("a channel: its tickets per order; no channel cost in the data")
            << QStringLiteral("channel") << QStringLiteral("Phone") << none << none << 2.0 / 40.0 << none;
    }

    void filtersKeepOnlyTheFiguresTheyApplyTo()
    {
        QFETCH(QString, filter);
        QFETCH(QString, value);
        QFETCH(double, retention);
        QFETCH(double, costPerTicket);
        QFETCH(double, contactRate);
        QFETCH(double, qa);
        Database db = fullDatabase();
        MetricsRequest request = january();
        if (filter == QLatin1String("agent"))
            request.filter.agents = { value };
        else if (filter == QLatin1String("team"))
            request.filter.teams = { value };
        else if (filter == QLatin1String("tag"))
            request.filter.tags = { value };
        else
            request.filter.channels = { value };
        const KindMetricsResult result = run(db, request);
        QVERIFY(same(valueOf(result.metrics, "retention_pct"), retention));
        QVERIFY(same(valueOf(result.metrics, "clv"), retention)); // both about all customers
        QVERIFY(same(valueOf(result.metrics, "cost_per_ticket"), costPerTicket));
        QVERIFY2(same(valueOf(result.metrics, "contact_rate_pct"), contactRate),
            qPrintable(shown(valueOf(result.metrics, "contact_rate_pct"))));
        QVERIFY(same(valueOf(result.metrics, "qa_score_mean"), qa));
    }

    void anOpenPeriodTakesTheDataDays()
    {
        // Tickets run from Dec 2 to Feb 2 and costs cover December and January: the period is
        // Dec 1 - Feb 2, whose February has no cost; every review is in it.
        Database db = fullDatabase();
        MetricsRequest request;
        request.zone = QTimeZone::utc();
        const KindMetricsResult result = run(db, request);
        QVERIFY(same(valueOf(result.metrics, "churn_pct"), 75.0));
        QVERIFY(same(valueOf(result.metrics, "qa_score_mean"), (90.0 + 80.0 + 75.0 + 60.0) / 4.0));
        QVERIFY(!valueOf(result.metrics, "cost_per_ticket"));
    }

    void customersWithoutEndDatesHaveNoChurn()
    {
        // A churn flag without dates (IBM's sample) or no ending at all: no value, never 0 or 100.
        Database db
            = databaseWith({ "Customer ID,Signup Date,Churned,MRR\nA,2024-01-01,Yes,10\nB,2024-02-01,No,20\n" });
        QStringList notes;
        const KindMetricsResult result = run(db, january(), &notes);
        QVERIFY(result.hasData);
        QVERIFY(!valueOf(result.metrics, "retention_pct"));
        QVERIFY(!valueOf(result.metrics, "churn_pct"));
        QVERIFY(!valueOf(result.metrics, "clv"));
        QVERIFY(notes.join(QLatin1Char('\n')).contains(QStringLiteral("no customer has an end date")));
    }

    void noBusinessDataNoAnswer()
    {
        Database db = databaseWith({ ticketsCsv });
        const KindMetricsResult result = run(db, january(true));
        QVERIFY(!result.hasData);
        QVERIFY(result.metrics.empty());
    }
};

QTEST_GUILESS_MAIN(TestBusinessQuery)
#include "tst_businessquery.moc"
