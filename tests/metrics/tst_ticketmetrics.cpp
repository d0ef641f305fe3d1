// Every ticket metric definition, pinned with small hand-made data sets whose expected values
// are worked out by hand in the rows' comments.

#include "domain/metricdefinitions.h"
#include "metrics/stats.h"
#include "metrics/ticketmetrics.h"

#include <QTest>

using namespace sl;

namespace {

constexpr std::int64_t T0 = 1735689600; // 2025-01-01 00:00:00 UTC
constexpr std::int64_t minute = 60;
constexpr std::int64_t hour = 3600;

// A ticket created at T0 + createdMin, replied after replyMin (or not), solved after solvedMin.
TicketFacts ticket(double replyMin, double solvedMin = -1)
{
    TicketFacts t;
    t.createdAt = T0;
    if (replyMin >= 0)
        t.firstReplyAt = T0 + std::int64_t(replyMin * 60);
    if (solvedMin >= 0)
        t.solvedAt = T0 + std::int64_t(solvedMin * 60);
    return t;
}

TicketFields allFields()
{
    TicketFields f;
    f.created = f.firstReply = f.firstReplyBh = f.solved = f.resolutionBh = f.handleTime = f.reopens =
        f.agentReplies = f.csat = f.csatScore = f.csatOffered = f.customer = true;
    return f;
}

std::vector<const TicketFacts *> pointers(const std::vector<TicketFacts> &tickets)
{
    std::vector<const TicketFacts *> result;
    for (const TicketFacts &t : tickets)
        result.push_back(&t);
    return result;
}

void compareValue(const std::optional<double> &actual, const QVariant &expected)
{
    if (!expected.isValid()) {
        QVERIFY2(!actual, actual ? qPrintable(QString::number(*actual)) : "");
        return;
    }
    QVERIFY2(actual, "expected a value, got none");
    QVERIFY2(std::abs(*actual - expected.toDouble()) < 1e-6,
             qPrintable(QStringLiteral("%1 != %2").arg(*actual, 0, 'g', 12).arg(expected.toDouble(), 0, 'g', 12)));
}

} // namespace

Q_DECLARE_METATYPE(std::vector<double>)

class TestTicketMetrics : public QObject
{
    Q_OBJECT

private slots:
    void medians_data()
    {
        QTest::addColumn<std::vector<double>>("values");
        QTest::addColumn<QVariant>("median");
        QTest::addColumn<QVariant>("p90");
        QTest::newRow("no values: no median, not 0") << std::vector<double>{} << QVariant() << QVariant();
        QTest::newRow("one value") << std::vector<double>{7} << QVariant(7.0) << QVariant(7.0);
        QTest::newRow("odd count: the middle one") << std::vector<double>{9, 1, 5} << QVariant(5.0) << QVariant(9.0);
        // Even: mean of 3 and 8. p90 of 4: rank ceil(3.6) = 4 -> 10.
        QTest::newRow("even count: mean of the two middle ones") << std::vector<double>{10, 3, 1, 8} << QVariant(5.5)
                                                                 << QVariant(10.0);
        QTest::newRow("ties in the middle") << std::vector<double>{2, 2, 2, 9} << QVariant(2.0) << QVariant(9.0);
        // 1..10: median (5 + 6) / 2; p90 rank ceil(9) = 9 -> 9.
        QTest::newRow("ten values: p90 is the 9th") << std::vector<double>{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}
                                                    << QVariant(5.5) << QVariant(9.0);
        // 1..11: p90 rank ceil(9.9) = 10 -> 10.
        QTest::newRow("eleven values: p90 is the 10th") << std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
                                                        << QVariant(6.0) << QVariant(10.0);
    }

    void medians()
    {
        QFETCH(std::vector<double>, values);
        QFETCH(QVariant, median);
        QFETCH(QVariant, p90);
        std::vector<double> copy = values;
        compareValue(stats::median(copy), median);
        copy = values;
        compareValue(stats::p90NearestRank(copy), p90);
    }

    void wilson_data()
    {
        QTest::addColumn<int>("successes");
        QTest::addColumn<int>("trials");
        QTest::addColumn<QVariant>("pct");
        QTest::addColumn<QVariant>("lo");
        QTest::addColumn<QVariant>("hi");
        // Expected bounds from the Wilson formula with z = 1.959964, computed independently.
        QTest::newRow("no trials: no value") << 0 << 0 << QVariant() << QVariant() << QVariant();
        QTest::newRow("8 of 10") << 8 << 10 << QVariant(80.0) << QVariant(49.016247) << QVariant(94.331785);
        QTest::newRow("2 of 2 ranks below 480 of 500 by its lower bound")
            << 2 << 2 << QVariant(100.0) << QVariant(34.238023) << QVariant(100.0);
        QTest::newRow("480 of 500") << 480 << 500 << QVariant(96.0) << QVariant(93.902640) << QVariant(97.395920);
        QTest::newRow("0 of 5") << 0 << 5 << QVariant(0.0) << QVariant(0.0) << QVariant(43.448246);
    }

    void wilson()
    {
        QFETCH(int, successes);
        QFETCH(int, trials);
        QFETCH(QVariant, pct);
        QFETCH(QVariant, lo);
        QFETCH(QVariant, hi);
        const stats::Proportion p = stats::proportion(successes, trials);
        compareValue(p.pct, pct);
        if (lo.isValid()) {
            QVERIFY(std::abs(*p.lo - lo.toDouble()) < 1e-5);
            QVERIFY(std::abs(*p.hi - hi.toDouble()) < 1e-5);
        } else {
            QVERIFY(!p.lo && !p.hi);
        }
        // As a metric value: the same figures, and the counts behind them even without trials.
        const MetricValue value = proportionValue(successes, trials);
        QCOMPARE(value.value, p.pct);
        QCOMPARE(value.lo, p.lo);
        QCOMPARE(value.numerator, std::optional<std::int64_t>(successes));
        QCOMPARE(value.denominator, std::optional<std::int64_t>(trials));
    }

    void firstReply()
    {
        // Replies after 10, 30, 20 and 40 minutes, one unreplied: median of 10, 20, 30, 40 is 25;
        // mean 25; p90 rank ceil(3.6) = 4 -> 40.
        std::vector<TicketFacts> tickets = {ticket(10), ticket(30), ticket(20), ticket(40), ticket(-1)};
        TicketCohorts c;
        c.created = pointers(tickets);
        const TicketFields f = allFields();
        compareValue(frt_median_min(tallyOf(c), f).value, 25.0);
        compareValue(frt_mean_min(tallyOf(c), f).value, 25.0);
        compareValue(frt_p90_min(tallyOf(c), f).value, 40.0);
        compareValue(frt_unreplied(tallyOf(c), f).value, 1.0);

        // The export's own calendar column wins over the timestamps (it may exclude what they cannot).
        tickets[0].firstReplyMin = 90;
        c.created = pointers(tickets);
        compareValue(frt_median_min(tallyOf(c), f).value, 35.0); // 20, 30, 40, 90

        // A business-hours column never stands in for calendar time, nor the other way round.
        TicketFacts bhOnly;
        bhOnly.createdAt = T0;
        bhOnly.firstReplyBhMin = 5;
        std::vector<TicketFacts> only = {bhOnly};
        c.created = pointers(only);
        compareValue(frt_median_min(tallyOf(c), f).value, QVariant());
        compareValue(frt_bh_median_min(tallyOf(c), f).value, 5.0);
        compareValue(frt_unreplied(tallyOf(c), f).value, 0.0);
    }

    void resolution()
    {
        // Solved after 2 h and 5 h (timestamps) and one with the export's own 600 minutes.
        std::vector<TicketFacts> tickets = {ticket(10, 120), ticket(10, 300), ticket(10, 60)};
        tickets[2].resolutionMin = 600;
        TicketCohorts c;
        c.solved = pointers(tickets);
        const TicketFields f = allFields();
        compareValue(resolution_median_hours(tallyOf(c), f).value, 5.0);        // 2, 5, 10
        compareValue(resolution_mean_hours(tallyOf(c), f).value, 17.0 / 3.0);   // (2 + 5 + 10) / 3
        compareValue(resolution_bh_median_hours(tallyOf(c), f).value, QVariant()); // no ticket has a bh column
    }

    void proportions_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QVariant>("expected");
        QTest::addColumn<QString>("counts"); // a proportion's numerator/denominator; "" for none
        // The solved cohort below: replies/reopens/csat per ticket (see proportions()).
        // FCR: tickets with replies >= 1 are A, B, C, D (E has 0): A (1 reply, 0 reopens) and
        // D (1, unknown reopens) count: 2 of 4.
        QTest::newRow("fcr_pct") << QStringLiteral("fcr_pct") << QVariant(50.0) << QStringLiteral("2/4");
        // Reopen: known counts A, B, C, E: B reopened: 1 of 4.
        QTest::newRow("reopen_pct") << QStringLiteral("reopen_pct") << QVariant(25.0) << QStringLiteral("1/4");
        // CSAT: rated A good, B bad, C good: 2 of 3; responses 3; mean of scores 5 and 2: 3.5.
        QTest::newRow("csat_pct") << QStringLiteral("csat_pct") << QVariant(200.0 / 3.0) << QStringLiteral("2/3");
        QTest::newRow("csat_responses") << QStringLiteral("csat_responses") << QVariant(3.0) << QStringLiteral("");
        QTest::newRow("csat_mean") << QStringLiteral("csat_mean") << QVariant(3.5) << QStringLiteral("");
        // Offered A, B, D: rated A, B: 2 of 3.
        QTest::newRow("survey_response_rate_pct") << QStringLiteral("survey_response_rate_pct")
                                                  << QVariant(200.0 / 3.0) << QStringLiteral("2/3");
        // Replies mean over known counts 1, 2, 3, 1, 0: 7 / 5.
        QTest::newRow("replies_mean") << QStringLiteral("replies_mean") << QVariant(1.4) << QStringLiteral("");
        // Handle time: A 300 s, C 900 s: mean 600 s = 10 min.
        QTest::newRow("aht_min") << QStringLiteral("aht_min") << QVariant(10.0) << QStringLiteral("");
    }

    void proportions()
    {
        QFETCH(QString, metric);
        QFETCH(QVariant, expected);
        std::vector<TicketFacts> t(5, ticket(10, 60));
        // A
        t[0].agentReplies = 1; t[0].reopens = 0; t[0].csatGood = 1; t[0].csatScore = 5; t[0].csatOffered = 1; t[0].handleTimeS = 300;
        // B
        t[1].agentReplies = 2; t[1].reopens = 1; t[1].csatGood = 0; t[1].csatScore = 2; t[1].csatOffered = 1;
        // C: rated good with no score (a good/bad source)
        t[2].agentReplies = 3; t[2].reopens = 0; t[2].csatGood = 1; t[2].csatOffered = 0; t[2].handleTimeS = 900;
        // D: reopen count unknown, offered and not rated
        t[3].agentReplies = 1; t[3].csatOffered = 1;
        // E: closed without a reply
        t[4].agentReplies = 0; t[4].reopens = 0;
        TicketCohorts c;
        c.solved = pointers(t);
        const std::vector<MetricValue> values = computeTicketMetrics(c, allFields());
        const MetricDefinition *definition = findMetric(metric.toStdString());
        QVERIFY(definition);
        const MetricValue &value = values[std::size_t(definition - ticketMetricDefinitions().data())];
        compareValue(value.value, expected);
        QFETCH(QString, counts);
        const QString got = value.denominator ? QStringLiteral("%1/%2").arg(*value.numerator).arg(*value.denominator)
                                              : QString();
        QCOMPARE(got, counts);
    }

    void slaFirstReply()
    {
        // Targets: phone 20 s, chat 60 s, other 24 h. Period ends at T0 + 2 days.
        std::vector<TicketFacts> t(6, ticket(-1));
        t[0].channelClass = ChannelClass::Phone;
        t[0].firstReplyAt = T0 + 15; // within 20 s: hit
        t[1].channelClass = ChannelClass::Chat;
        t[1].firstReplyAt = T0 + 2 * minute; // after 60 s: miss
        t[2].firstReplyAt = T0 + 23 * hour; // e-mail within 24 h: hit
        t[3].createdAt = T0;                // e-mail unreplied, target passed before the end: miss
        t[4].createdAt = T0 + 47 * hour;    // e-mail unreplied, target not yet passed: not counted
        t[5].channelClass = ChannelClass::Social;
        t[5].firstReplyAt = T0 + 60 * minute; // exactly the 60 min target: hit
        TicketCohorts c;
        c.created = pointers(t);
        c.periodEnd = T0 + 48 * hour;
        const MetricValue value = sla_first_reply_pct(tallyOf(c), allFields());
        compareValue(value.value, 60.0); // 3 hits of 5 counted
        QVERIFY(value.lo && value.hi && *value.lo < 60.0 && *value.hi > 60.0);
    }

    void ticketsPerCustomer()
    {
        std::vector<TicketFacts> t(5, ticket(5));
        t[0].customer = 1;
        t[1].customer = 1;
        t[2].customer = 2;
        t[3].customer = 3;
        t[4].customer = -1; // no requester: counted as a ticket, not as a customer
        TicketCohorts c;
        c.created = pointers(t);
        compareValue(tickets_per_customer(tallyOf(c), allFields()).value, 5.0 / 3.0);
    }

    void missingFieldsAreNoValueNotZero_data()
    {
        QTest::addColumn<QString>("metric");
        for (const MetricDefinition &definition : ticketMetricDefinitions())
            QTest::newRow(definition.id.data()) << QString::fromLatin1(definition.id.data(), qsizetype(definition.id.size()));
    }

    void missingFieldsAreNoValueNotZero()
    {
        // Data with no field at all (an empty TicketFields): every metric is no value, even
        // though the cohorts hold tickets.
        QFETCH(QString, metric);
        std::vector<TicketFacts> t(3, ticket(5, 10));
        TicketCohorts c;
        c.created = pointers(t);
        c.solved = pointers(t);
        const std::vector<MetricValue> values = computeTicketMetrics(c, TicketFields{});
        const MetricDefinition *definition = findMetric(metric.toStdString());
        const MetricValue &value = values[std::size_t(definition - ticketMetricDefinitions().data())];
        QVERIFY2(!value.value, qPrintable(metric));
    }

    void emptyDenominatorsAreNoValue()
    {
        const std::vector<MetricValue> values = computeTicketMetrics(TicketCohorts{}, allFields());
        for (std::size_t i = 0; i < values.size(); ++i) {
            const MetricDefinition &d = ticketMetricDefinitions()[i];
            if (d.unit == MetricUnit::Count)
                QVERIFY2(values[i].value == 0.0, d.id.data()); // counts of nothing are 0
            else
                QVERIFY2(!values[i].value, d.id.data());
        }
    }

    void everyDefinitionHasAFunction()
    {
        TicketFacts one = ticket(5, 10);
        one.agentReplies = 1; one.reopens = 0; one.csatGood = 1; one.csatScore = 4; one.csatOffered = 1;
        one.handleTimeS = 60; one.customer = 0; one.firstReplyBhMin = 5; one.resolutionBhMin = 10;
        std::vector<TicketFacts> t{one};
        TicketCohorts c;
        c.created = pointers(t);
        c.solved = pointers(t);
        c.periodEnd = T0 + 86400;
        const std::vector<MetricValue> values = computeTicketMetrics(c, allFields());
        QCOMPARE(values.size(), ticketMetricDefinitions().size());
        for (std::size_t i = 0; i < values.size(); ++i) {
            const MetricDefinition &d = ticketMetricDefinitions()[i];
            if (d.id != "backlog_end" && d.id != "frt_unreplied")
                QVERIFY2(values[i].value.has_value(), d.id.data());
            QCOMPARE(values[i].lo.has_value(), d.proportion);
        }
    }
};

QTEST_GUILESS_MAIN(TestTicketMetrics)
#include "tst_ticketmetrics.moc"
