// Every customer, cost and quality metric definition, pinned with small hand-made data sets whose
// expected values are worked out by hand in the rows' comments. The boundary rows follow the
// conventions of businessmetrics.h: whole days, both ends of the period inclusive.

#include "metrics/businessmetrics.h"
#include "domain/metricdefinitions.h"

#include <QFile>
#include <QLocale>
#include <QTest>

#include <string_view>
#include <vector>

using namespace sl;
using business::CostPeriod;
using business::CustomerFacts;
using business::CustomerFields;
using business::DayPeriod;
using business::QaReview;

namespace {

constexpr double none = std::numeric_limits<double>::quiet_NaN();

const DayPeriod march{QDate(2025, 3, 1), QDate(2025, 3, 31)};

CustomerFacts customer(QDate startedOn, QDate endedOn = {}, double monthlyRevenue = none)
{
    CustomerFacts c;
    c.startedOn = startedOn;
    c.endedOn = endedOn;
    c.monthlyRevenue = monthlyRevenue;
    return c;
}

CustomerFacts churnedWithoutDate(QDate startedOn)
{
    CustomerFacts c = customer(startedOn);
    c.churnedWithoutDate = true;
    return c;
}

// `atStart` customers since 2024, `churned` of whom end on the period's second day; each pays
// `monthlyRevenue` a month.
std::vector<CustomerFacts> base(int atStart, int churned, const DayPeriod &period, double monthlyRevenue = 100)
{
    std::vector<CustomerFacts> customers;
    for (int i = 0; i < atStart; ++i) {
        const QDate end = i < churned ? period.first.addDays(1) : QDate();
        customers.push_back(customer(QDate(2024, 1, 1), end, monthlyRevenue));
    }
    return customers;
}

template<typename T, typename... More>
std::vector<T> with(std::vector<T> items, More... more)
{
    (items.push_back(more), ...);
    return items;
}

// The mixed set, against March 2025:
//   a  since 2024-01-10, still a customer            S, E
//   b  ended 2025-03-01, the period's first day      S, churned
//   c  ended 2025-03-31, the period's last day       S, churned (not in E)
//   d  ended 2025-04-01, the day after               S, E
//   e  started 2025-03-01, the first day             N, E
//   f  started 03-10 and ended 03-20                 in none of S, E, N (active during only)
//   g  ended 2025-02-28, the day before              nowhere
//   h  starts 2025-04-01                             nowhere
//   i  flagged churned, no date                      left out
//   j  ends before it starts                         a broken row, left out
// S = 4 (a b c d), E = 3 (a d e), N = 1 (e), churned 2 (b c): retention (3 - 1) / 4 = 50 %, churn 2 / 4 = 50 %.
std::vector<CustomerFacts> mixedCustomers()
{
    return {customer(QDate(2024, 1, 10)),
            customer(QDate(2024, 6, 1), QDate(2025, 3, 1)),
            customer(QDate(2024, 2, 1), QDate(2025, 3, 31)),
            customer(QDate(2024, 5, 5), QDate(2025, 4, 1)),
            customer(QDate(2025, 3, 1)),
            customer(QDate(2025, 3, 10), QDate(2025, 3, 20)),
            customer(QDate(2024, 1, 1), QDate(2025, 2, 28)),
            customer(QDate(2025, 4, 1)),
            churnedWithoutDate(QDate(2024, 1, 1)),
            customer(QDate(2024, 3, 1), QDate(2024, 1, 1))};
}

CustomerFields allCustomerFields()
{
    CustomerFields f;
    f.endDate = f.monthlyRevenue = true;
    return f;
}

CostPeriod month(int year, int monthOfYear, double cost, std::int64_t orders = -1,
                 std::vector<business::ChannelCost> byChannel = {})
{
    CostPeriod entry;
    entry.month = QDate(year, monthOfYear, 1);
    entry.cost = cost;
    entry.orders = orders;
    entry.byChannel = std::move(byChannel);
    return entry;
}

// January 2025: 3,100 (channel 0: 1,000, channel 1: 2,100), 620 orders. February: 2,800, orders
// not given. March: no entry.
std::vector<CostPeriod> costs()
{
    return {month(2025, 1, 3100, 620, {{0, 1000}, {1, 2100}}), month(2025, 2, 2800)};
}

QaReview review(QDate reviewedOn, double score, double maxPoints = none)
{
    QaReview r;
    r.reviewedOn = reviewedOn;
    r.score = score;
    r.maxPoints = maxPoints;
    return r;
}

// March 2025 reviews:
//   03-01  45 of 50 points   90  (the first day counts)
//   03-31  80 (0-100)        80  (the last day counts)
//   03-15  7 of 10           70
//   02-28  100               outside the period
//   04-01  0                 outside the period
//   03-10  no score          left out
//   03-11  12 of 10          off its scorecard, left out
// Mean (90 + 80 + 70) / 3 = 80.
std::vector<QaReview> reviews()
{
    return {review(QDate(2025, 3, 1), 45, 50), review(QDate(2025, 3, 31), 80),       review(QDate(2025, 3, 15), 7, 10),
            review(QDate(2025, 2, 28), 100),   review(QDate(2025, 4, 1), 0),         review(QDate(2025, 3, 10), none),
            review(QDate(2025, 3, 11), 12, 10)};
}

template<typename T>
std::optional<T> optionalOf(const QVariant &value)
{
    return value.isValid() ? std::optional<T>(value.value<T>()) : std::nullopt;
}

void compareValue(const std::optional<double> &actual, const QVariant &expected)
{
    if (!expected.isValid()) {
        QVERIFY2(!actual, actual ? qPrintable(QString::number(*actual)) : "");
        return;
    }
    QVERIFY2(actual, "expected a value, got none");
    QVERIFY2(std::abs(*actual - expected.toDouble()) < 1e-9,
             qPrintable(QStringLiteral("%1 != %2").arg(*actual, 0, 'g', 12).arg(expected.toDouble(), 0, 'g', 12)));
}

std::string_view idOf(const QByteArray &metric)
{
    return {metric.constData(), std::size_t(metric.size())};
}

} // namespace

Q_DECLARE_METATYPE(std::vector<sl::business::CustomerFacts>)
Q_DECLARE_METATYPE(std::vector<sl::business::CostPeriod>)
Q_DECLARE_METATYPE(std::vector<sl::business::QaReview>)
Q_DECLARE_METATYPE(sl::business::CustomerFields)
Q_DECLARE_METATYPE(sl::business::DayPeriod)
Q_DECLARE_METATYPE(sl::MetricUnit)
Q_DECLARE_METATYPE(sl::MetricDirection)

class TestBusinessMetrics : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void customerBoundaries_data()
    {
        QTest::addColumn<CustomerFacts>("customer");
        QTest::addColumn<int>("atStart");
        QTest::addColumn<int>("atEnd");
        QTest::addColumn<int>("newAtEnd");
        QTest::addColumn<int>("churned");
        QTest::addColumn<int>("activeDuring");
        // One customer against March 2025: S, E, N, churned, active during.
        QTest::newRow("since before, no end: at start and end") << customer(QDate(2024, 1, 1)) << 1 << 1 << 0 << 0 << 1;
        QTest::newRow("ended exactly on the first day: at start, churned")
            << customer(QDate(2024, 1, 1), QDate(2025, 3, 1)) << 1 << 0 << 0 << 1 << 1;
        QTest::newRow("ended the day before the first day: nowhere")
            << customer(QDate(2024, 1, 1), QDate(2025, 2, 28)) << 0 << 0 << 0 << 0 << 0;
        QTest::newRow("ended on the last day: churned, not at the end")
            << customer(QDate(2024, 1, 1), QDate(2025, 3, 31)) << 1 << 0 << 0 << 1 << 1;
        QTest::newRow("ended the day after the last day: retained")
            << customer(QDate(2024, 1, 1), QDate(2025, 4, 1)) << 1 << 1 << 0 << 0 << 1;
        QTest::newRow("started on the first day: new, not at the start")
            << customer(QDate(2025, 3, 1)) << 0 << 1 << 1 << 0 << 1;
        QTest::newRow("started on the last day: new") << customer(QDate(2025, 3, 31)) << 0 << 1 << 1 << 0 << 1;
        QTest::newRow("started the day after the last day: nowhere") << customer(QDate(2025, 4, 1)) << 0 << 0 << 0 << 0
                                                                     << 0;
        QTest::newRow("started and ended inside: in none of S, E, N")
            << customer(QDate(2025, 3, 10), QDate(2025, 3, 20)) << 0 << 0 << 0 << 0 << 1;
        QTest::newRow("started on the first day and ended on the last: in none of S, E, N")
            << customer(QDate(2025, 3, 1), QDate(2025, 3, 31)) << 0 << 0 << 0 << 0 << 1;
        QTest::newRow("flagged churned without a date: left out") << churnedWithoutDate(QDate(2024, 1, 1)) << 0 << 0
                                                                  << 0 << 0 << 0;
        CustomerFacts flaggedAndDated = customer(QDate(2024, 1, 1), QDate(2025, 3, 15));
        flaggedAndDated.churnedWithoutDate = true;
        QTest::newRow("flagged churned with a date: the date decides") << flaggedAndDated << 1 << 0 << 0 << 1 << 1;
        QTest::newRow("ended before it started: a broken row, left out")
            << customer(QDate(2024, 3, 1), QDate(2024, 1, 1)) << 0 << 0 << 0 << 0 << 0;
        QTest::newRow("no start date: left out") << customer(QDate()) << 0 << 0 << 0 << 0 << 0;
    }

    void customerBoundaries()
    {
        QFETCH(CustomerFacts, customer);
        QFETCH(int, atStart);
        QFETCH(int, atEnd);
        QFETCH(int, newAtEnd);
        QFETCH(int, churned);
        QFETCH(int, activeDuring);
        const std::vector<CustomerFacts> one{customer};
        const business::CustomerCounts counts = business::countCustomers(one, march);
        QCOMPARE(counts.activeAtStart, qint64(atStart));
        QCOMPARE(counts.activeAtEnd, qint64(atEnd));
        QCOMPARE(counts.newActiveAtEnd, qint64(newAtEnd));
        QCOMPARE(counts.churned, qint64(churned));
        QCOMPARE(counts.activeDuring, qint64(activeDuring));
    }

    void retentionAndChurn_data()
    {
        QTest::addColumn<std::vector<CustomerFacts>>("customers");
        QTest::addColumn<CustomerFields>("fields");
        QTest::addColumn<QVariant>("retention");
        QTest::addColumn<QVariant>("churn");
        QTest::newRow("the mixed set: (3 - 1) / 4 retained, 2 / 4 churned")
            << mixedCustomers() << allCustomerFields() << QVariant(50.0) << QVariant(50.0);
        QTest::newRow("nobody left: churn 0, retention 100")
            << base(3, 0, march) << allCustomerFields() << QVariant(100.0) << QVariant(0.0);
        // S = 1, E = 3, N = 2: (3 - 2) / 1.
        QTest::newRow("new customers do not lift retention above 100")
            << with(base(1, 0, march), customer(QDate(2025, 3, 5)), customer(QDate(2025, 3, 6)))
            << allCustomerFields() << QVariant(100.0) << QVariant(0.0);
        // S = 1, E = 1, N = 0 (the short one is in neither): 100, where a literal N = 1 would give 0.
        QTest::newRow("a customer who came and went inside does not lower retention")
            << with(base(1, 0, march), customer(QDate(2025, 3, 5), QDate(2025, 3, 9))) << allCustomerFields()
            << QVariant(100.0) << QVariant(0.0);
        QTest::newRow("3 of 4 left: 25 retained, 75 churned")
            << base(4, 3, march) << allCustomerFields() << QVariant(25.0) << QVariant(75.0);
        QTest::newRow("nobody at the start: no value, not 0")
            << std::vector<CustomerFacts>{customer(QDate(2025, 3, 1))} << allCustomerFields() << QVariant()
            << QVariant();
        QTest::newRow("no customers: no value") << std::vector<CustomerFacts>{} << allCustomerFields() << QVariant()
                                                << QVariant();
        QTest::newRow("data without end dates: no value, not 0 churn")
            << base(3, 0, march) << CustomerFields{} << QVariant() << QVariant();
    }

    void retentionAndChurn()
    {
        QFETCH(std::vector<CustomerFacts>, customers);
        QFETCH(CustomerFields, fields);
        QFETCH(QVariant, retention);
        QFETCH(QVariant, churn);
        const MetricValue retained = business::retention_pct(customers, march, fields);
        const MetricValue churned = business::churn_pct(customers, march, fields);
        compareValue(retained.value, retention);
        compareValue(churned.value, churn);
        // Both are proportions of S: a Wilson interval whenever there is a value.
        QCOMPARE(retained.lo.has_value(), retained.value.has_value());
        QCOMPARE(churned.hi.has_value(), churned.value.has_value());
    }

    void monthsIn_data()
    {
        QTest::addColumn<DayPeriod>("period");
        QTest::addColumn<double>("months");
        constexpr double meanMonth = 30.436875; // 365.2425 / 12
        QTest::newRow("March, 31 days, is one month") << march << 1.0;
        QTest::newRow("February 2025, 28 days, is one month") << DayPeriod{QDate(2025, 2, 1), QDate(2025, 2, 28)}
                                                              << 1.0;
        QTest::newRow("a quarter is three") << DayPeriod{QDate(2025, 1, 1), QDate(2025, 3, 31)} << 3.0;
        QTest::newRow("December to January across a year is two")
            << DayPeriod{QDate(2024, 12, 1), QDate(2025, 1, 31)} << 2.0;
        QTest::newRow("a year is twelve") << DayPeriod{QDate(2025, 1, 1), QDate(2025, 12, 31)} << 12.0;
        QTest::newRow("14 days are 14 / 30.436875") << DayPeriod{QDate(2025, 3, 1), QDate(2025, 3, 14)}
                                                    << 14.0 / meanMonth;
        QTest::newRow("March 15 - April 14, 31 days, is not a calendar month")
            << DayPeriod{QDate(2025, 3, 15), QDate(2025, 4, 14)} << 31.0 / meanMonth;
        QTest::newRow("March 2 - 31 is 30 days") << DayPeriod{QDate(2025, 3, 2), QDate(2025, 3, 31)}
                                                 << 30.0 / meanMonth;
        QTest::newRow("a period that ends before it starts is none")
            << DayPeriod{QDate(2025, 3, 31), QDate(2025, 3, 1)} << 0.0;
    }

    void monthsIn()
    {
        QFETCH(DayPeriod, period);
        QFETCH(double, months);
        QVERIFY2(std::abs(business::monthsIn(period) - months) < 1e-12, qPrintable(QString::number(business::monthsIn(period))));
    }

    void clv_data()
    {
        QTest::addColumn<std::vector<CustomerFacts>>("customers");
        QTest::addColumn<CustomerFields>("fields");
        QTest::addColumn<DayPeriod>("period");
        QTest::addColumn<double>("grossMargin");
        QTest::addColumn<QVariant>("monthlyChurn");
        QTest::addColumn<QVariant>("clv");
        const CustomerFields all = allCustomerFields();
        // One calendar month, 1 of 4 left: the monthly rate is the period's 25 %. 100 x 0.8 / 0.25.
        QTest::newRow("one month, 1 of 4 churned, margin 80 %")
            << base(4, 1, march) << all << march << 0.8 << QVariant(0.25) << QVariant(320.0);
        QTest::newRow("one month, the default margin is 100 %")
            << base(4, 1, march) << all << march << 1.0 << QVariant(0.25) << QVariant(400.0);
        // A quarter losing half of its customers: 1 - 0.5^(1/3) = 0.2062994740 a month; 100 / it = 484.73.
        const DayPeriod quarter{QDate(2025, 1, 1), QDate(2025, 3, 31)};
        const double quarterly = 1.0 - std::cbrt(0.5);
        QTest::newRow("a quarter, 2 of 4 churned: compounded, not divided by 3")
            << base(4, 2, quarter) << all << quarter << 1.0 << QVariant(quarterly) << QVariant(100.0 / quarterly);
        // 14 days, 1 of 4: 1 - 0.75^(30.436875 / 14) = 0.464953...
        const DayPeriod fortnight{QDate(2025, 3, 1), QDate(2025, 3, 14)};
        const double fortnightly = 1.0 - std::pow(0.75, 30.436875 / 14.0);
        QTest::newRow("14 days, 1 of 4 churned: scaled to a mean month")
            << base(4, 1, fortnight) << all << fortnight << 1.0 << QVariant(fortnightly)
            << QVariant(100.0 / fortnightly);
        QTest::newRow("everyone left in a month: CLV is one month's margin")
            << base(2, 2, march) << all << march << 1.0 << QVariant(1.0) << QVariant(100.0);
        QTest::newRow("no churn: CLV no value, not infinite and not 0")
            << base(4, 0, march) << all << march << 1.0 << QVariant(0.0) << QVariant();
        // Revenue of everyone active during March: 4 x 100 + the new one's 300 = 700 / 5 = 140; the
        // customer who left in February is not averaged. 140 / 0.25.
        QTest::newRow("average revenue over customers active during the period")
            << with(base(4, 1, march), customer(QDate(2025, 3, 20), QDate(), 300),
                    customer(QDate(2024, 1, 1), QDate(2025, 2, 1), 1000))
            << all << march << 1.0 << QVariant(0.25) << QVariant(560.0);
        std::vector<CustomerFacts> halfUnknown = base(4, 1, march);
        halfUnknown[2].monthlyRevenue = none;
        halfUnknown[3].monthlyRevenue = none;
        QTest::newRow("customers without a monthly revenue are left out of the average")
            << halfUnknown << all << march << 1.0 << QVariant(0.25) << QVariant(400.0);
        CustomerFields noRevenue = all;
        noRevenue.monthlyRevenue = false;
        QTest::newRow("no monthly revenue in the data: no value")
            << base(4, 1, march) << noRevenue << march << 1.0 << QVariant(0.25) << QVariant();
        QTest::newRow("nobody at the start: no churn rate, no value")
            << std::vector<CustomerFacts>{customer(QDate(2025, 3, 2), QDate(), 100)} << all << march << 1.0
            << QVariant() << QVariant();
    }

    void clv()
    {
        QFETCH(std::vector<CustomerFacts>, customers);
        QFETCH(CustomerFields, fields);
        QFETCH(DayPeriod, period);
        QFETCH(double, grossMargin);
        QFETCH(QVariant, monthlyChurn);
        QFETCH(QVariant, clv);
        compareValue(business::monthlyChurnRate(customers, period, fields), monthlyChurn);
        const MetricValue value = business::clv(customers, period, fields, grossMargin);
        compareValue(value.value, clv);
        QVERIFY(!value.lo && !value.hi);
    }

    void supportCost_data()
    {
        QTest::addColumn<std::vector<CostPeriod>>("costs");
        QTest::addColumn<DayPeriod>("period");
        QTest::addColumn<int>("channel");
        QTest::addColumn<QVariant>("cost");
        QTest::newRow("all of January") << costs() << DayPeriod{QDate(2025, 1, 1), QDate(2025, 1, 31)} << -1
                                        << QVariant(3100.0);
        QTest::newRow("January 1-15 is 15/31 of it") << costs() << DayPeriod{QDate(2025, 1, 1), QDate(2025, 1, 15)}
                                                     << -1 << QVariant(1500.0);
        // 16/31 x 3,100 + 14/28 x 2,800 = 1,600 + 1,400.
        QTest::newRow("January 16 - February 14 takes a share of each")
            << costs() << DayPeriod{QDate(2025, 1, 16), QDate(2025, 2, 14)} << -1 << QVariant(3000.0);
        QTest::newRow("January and February") << costs() << DayPeriod{QDate(2025, 1, 1), QDate(2025, 2, 28)} << -1
                                              << QVariant(5900.0);
        QTest::newRow("a month without a cost: no value, not a partial cost")
            << costs() << DayPeriod{QDate(2025, 2, 1), QDate(2025, 3, 10)} << -1 << QVariant();
        QTest::newRow("entries for the same month add up")
            << with(costs(), month(2025, 1, 100)) << DayPeriod{QDate(2025, 1, 1), QDate(2025, 1, 31)} << -1
            << QVariant(3200.0);
        QTest::newRow("channel 0 in January") << costs() << DayPeriod{QDate(2025, 1, 1), QDate(2025, 1, 31)} << 0
                                              << QVariant(1000.0);
        QTest::newRow("channel 1 in January 1-15: 15/31 of 2,100")
            << costs() << DayPeriod{QDate(2025, 1, 1), QDate(2025, 1, 15)} << 1 << QVariant(2100.0 * 15.0 / 31.0);
        QTest::newRow("channel 0 in February, which has no breakdown: no value")
            << costs() << DayPeriod{QDate(2025, 2, 1), QDate(2025, 2, 28)} << 0 << QVariant();
        QTest::newRow("no costs at all: no value") << std::vector<CostPeriod>{} << march << -1 << QVariant();
    }

    void supportCost()
    {
        QFETCH(std::vector<CostPeriod>, costs);
        QFETCH(DayPeriod, period);
        QFETCH(int, channel);
        QFETCH(QVariant, cost);
        compareValue(business::supportCostIn(costs, period, std::int16_t(channel)), cost);
    }

    void orders_data()
    {
        QTest::addColumn<DayPeriod>("period");
        QTest::addColumn<QVariant>("orders");
        QTest::newRow("January: 620") << DayPeriod{QDate(2025, 1, 1), QDate(2025, 1, 31)} << QVariant(620.0);
        QTest::newRow("January 1-10: 10/31 of 620") << DayPeriod{QDate(2025, 1, 1), QDate(2025, 1, 10)}
                                                    << QVariant(200.0);
        QTest::newRow("February has no order count: no value") << DayPeriod{QDate(2025, 1, 20), QDate(2025, 2, 5)}
                                                               << QVariant();
    }

    void orders()
    {
        QFETCH(DayPeriod, period);
        QFETCH(QVariant, orders);
        const std::vector<CostPeriod> entries = costs();
        compareValue(business::ordersIn(entries, period), orders);
    }

    void costPerTicket_data()
    {
        QTest::addColumn<QVariant>("cost");
        QTest::addColumn<QVariant>("solved");
        QTest::addColumn<QVariant>("expected");
        QTest::newRow("3,100 / 155 solved") << QVariant(3100.0) << QVariant(155LL) << QVariant(20.0);
        QTest::newRow("1,000 / 3 solved") << QVariant(1000.0) << QVariant(3LL) << QVariant(1000.0 / 3.0);
        QTest::newRow("no ticket solved: no value, not 0 and not infinite") << QVariant(3100.0) << QVariant(0LL)
                                                                            << QVariant();
        QTest::newRow("no cost for the period: no value") << QVariant() << QVariant(155LL) << QVariant();
        QTest::newRow("no solved times in the data: no value") << QVariant(3100.0) << QVariant() << QVariant();
        QTest::newRow("a cost of 0 is a cost") << QVariant(0.0) << QVariant(10LL) << QVariant(0.0);
    }

    void costPerTicket()
    {
        QFETCH(QVariant, cost);
        QFETCH(QVariant, solved);
        QFETCH(QVariant, expected);
        compareValue(business::cost_per_ticket(optionalOf<double>(cost), optionalOf<long long>(solved)).value,
                     expected);
    }

    void costPerInteraction_data()
    {
        QTest::addColumn<QVariant>("cost");
        QTest::addColumn<QVariant>("tickets");
        QTest::addColumn<QVariant>("calls");
        QTest::addColumn<QVariant>("chats");
        QTest::addColumn<QVariant>("expected");
        QTest::newRow("3,000 / (100 tickets + 50 calls + 50 chats)")
            << QVariant(3000.0) << QVariant(100LL) << QVariant(50LL) << QVariant(50LL) << QVariant(15.0);
        QTest::newRow("no call log: 3,000 / (100 + 50 chats)")
            << QVariant(3000.0) << QVariant(100LL) << QVariant() << QVariant(50LL) << QVariant(20.0);
        QTest::newRow("tickets only: 3,000 / 100") << QVariant(3000.0) << QVariant(100LL) << QVariant() << QVariant()
                                                   << QVariant(30.0);
        QTest::newRow("no contacts logged at all: no value")
            << QVariant(3000.0) << QVariant() << QVariant() << QVariant() << QVariant();
        QTest::newRow("no contacts in the period: no value")
            << QVariant(3000.0) << QVariant(0LL) << QVariant(0LL) << QVariant(0LL) << QVariant();
        QTest::newRow("no cost: no value") << QVariant() << QVariant(100LL) << QVariant(50LL) << QVariant(50LL)
                                           << QVariant();
    }

    void costPerInteraction()
    {
        QFETCH(QVariant, cost);
        QFETCH(QVariant, tickets);
        QFETCH(QVariant, calls);
        QFETCH(QVariant, chats);
        QFETCH(QVariant, expected);
        const business::Interactions interactions{optionalOf<long long>(tickets), optionalOf<long long>(calls),
                                                  optionalOf<long long>(chats)};
        compareValue(business::cost_per_interaction(optionalOf<double>(cost), interactions).value, expected);
    }

    void contactRate_data()
    {
        QTest::addColumn<QVariant>("tickets");
        QTest::addColumn<QVariant>("orders");
        QTest::addColumn<QVariant>("customers");
        QTest::addColumn<QVariant>("expected");
        QTest::newRow("124 tickets / 620 orders") << QVariant(124LL) << QVariant(620.0) << QVariant()
                                                  << QVariant(20.0);
        QTest::newRow("orders win over customers") << QVariant(124LL) << QVariant(620.0) << QVariant(200LL)
                                                   << QVariant(20.0);
        QTest::newRow("no order counts: 124 / 200 active customers")
            << QVariant(124LL) << QVariant() << QVariant(200LL) << QVariant(62.0);
        QTest::newRow("more tickets than orders: above 100, not capped")
            << QVariant(30LL) << QVariant(20.0) << QVariant() << QVariant(150.0);
        QTest::newRow("prorated orders: 50 / 200 (10 days of 620 a month)")
            << QVariant(50LL) << QVariant(200.0) << QVariant() << QVariant(25.0);
        QTest::newRow("0 orders: no value, no fallback to customers")
            << QVariant(124LL) << QVariant(0.0) << QVariant(200LL) << QVariant();
        QTest::newRow("neither orders nor customers: no value")
            << QVariant(124LL) << QVariant() << QVariant() << QVariant();
        QTest::newRow("no ticket count: no value") << QVariant() << QVariant(620.0) << QVariant() << QVariant();
    }

    void contactRate()
    {
        QFETCH(QVariant, tickets);
        QFETCH(QVariant, orders);
        QFETCH(QVariant, customers);
        QFETCH(QVariant, expected);
        const MetricValue value = business::contact_rate_pct(optionalOf<long long>(tickets), optionalOf<double>(orders),
                                                             optionalOf<long long>(customers));
        compareValue(value.value, expected);
        QVERIFY(!value.lo); // not a proportion
    }

    void qaScore_data()
    {
        QTest::addColumn<std::vector<QaReview>>("reviews");
        QTest::addColumn<QVariant>("expected");
        QTest::newRow("March: (90 + 80 + 70) / 3") << reviews() << QVariant(80.0);
        QTest::newRow("45 of 50 points is 90") << std::vector<QaReview>{review(QDate(2025, 3, 5), 45, 50)}
                                               << QVariant(90.0);
        QTest::newRow("a score without a maximum is already 0-100")
            << std::vector<QaReview>{review(QDate(2025, 3, 5), 72.5)} << QVariant(72.5);
        QTest::newRow("0 of 20 is 0, not no value") << std::vector<QaReview>{review(QDate(2025, 3, 5), 0, 20)}
                                                    << QVariant(0.0);
        QTest::newRow("a maximum of 0 is no scorecard: left out")
            << std::vector<QaReview>{review(QDate(2025, 3, 5), 0, 0), review(QDate(2025, 3, 6), 3, 4)}
            << QVariant(75.0);
        QTest::newRow("no review in the period: no value")
            << std::vector<QaReview>{review(QDate(2025, 2, 28), 100), review(QDate(2025, 4, 1), 0)} << QVariant();
        QTest::newRow("no reviews: no value") << std::vector<QaReview>{} << QVariant();
    }

    void qaScore()
    {
        QFETCH(std::vector<QaReview>, reviews);
        QFETCH(QVariant, expected);
        const MetricValue value = business::qa_score_mean(reviews, march);
        compareValue(value.value, expected);
        QVERIFY(!value.lo);
    }

    void formatting_data()
    {
        QTest::addColumn<QByteArray>("metric");
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("shown");
        QTest::newRow("currency: two decimals, no symbol") << QByteArray("cost_per_ticket") << QVariant(1234.5)
                                                           << QStringLiteral("1,234.50");
        QTest::newRow("CLV is currency") << QByteArray("clv") << QVariant(560.0) << QStringLiteral("560.00");
        QTest::newRow("QA points: one decimal, no suffix") << QByteArray("qa_score_mean") << QVariant(87.26)
                                                           << QStringLiteral("87.3");
        QTest::newRow("retention is a percentage") << QByteArray("retention_pct") << QVariant(50.0)
                                                   << QStringLiteral("50.0 %");
        QTest::newRow("no value") << QByteArray("clv") << QVariant() << QStringLiteral("—");
    }

    void formatting()
    {
        QFETCH(QByteArray, metric);
        QFETCH(QVariant, value);
        QFETCH(QString, shown);
        const MetricDefinition *definition = findMetric(idOf(metric));
        QVERIFY(definition);
        QCOMPARE(formatMetricValue(*definition, optionalOf<double>(value)), shown);
    }

    void definitions_data()
    {
        QTest::addColumn<QByteArray>("metric");
        QTest::addColumn<MetricUnit>("unit");
        QTest::addColumn<MetricDirection>("direction");
        QTest::addColumn<bool>("proportion");
        using U = MetricUnit;
        using D = MetricDirection;
        // Up is good for retention, down for churn and cost.
        QTest::newRow("retention_pct") << QByteArray("retention_pct") << U::Percent << D::HigherIsBetter << true;
        QTest::newRow("churn_pct") << QByteArray("churn_pct") << U::Percent << D::LowerIsBetter << true;
        QTest::newRow("clv") << QByteArray("clv") << U::Currency << D::HigherIsBetter << false;
        QTest::newRow("cost_per_ticket") << QByteArray("cost_per_ticket") << U::Currency << D::LowerIsBetter << false;
        QTest::newRow("cost_per_interaction") << QByteArray("cost_per_interaction") << U::Currency
                                              << D::LowerIsBetter << false;
        QTest::newRow("contact_rate_pct") << QByteArray("contact_rate_pct") << U::Percent << D::LowerIsBetter
                                          << false;
        QTest::newRow("qa_score_mean") << QByteArray("qa_score_mean") << U::Points << D::HigherIsBetter << false;
    }

    void definitions()
    {
        QFETCH(QByteArray, metric);
        QFETCH(MetricUnit, unit);
        QFETCH(MetricDirection, direction);
        QFETCH(bool, proportion);
        const MetricDefinition *definition = findMetricIn(businessMetricDefinitions(), idOf(metric));
        QVERIFY(definition);
        QCOMPARE(findMetric(idOf(metric)), definition); // no business id is shared with another family
        QCOMPARE(definition->unit, unit);
        QCOMPARE(definition->direction, direction);
        QCOMPARE(definition->proportion, proportion);
        QVERIFY(definition->definition && *definition->definition);

        QFile spec(QStringLiteral(SUPPORTLENS_SHARED_DIR "/spec/metrics.md"));
        if (!spec.open(QIODevice::ReadOnly))
            QSKIP("../shared/spec/metrics.md is not here to compare ids with");
        const QByteArray quoted = QByteArrayLiteral("`") + metric + '`';
        QVERIFY2(spec.readAll().contains(quoted), metric.constData());
    }

    void tableIsTheSpecsBusinessTableInOrder()
    {
        const std::vector<std::string_view> specOrder = {"retention_pct",        "churn_pct",        "clv",
                                                         "cost_per_ticket",      "cost_per_interaction",
                                                         "contact_rate_pct",     "qa_score_mean"};
        std::vector<std::string_view> ids;
        for (const MetricDefinition &definition : businessMetricDefinitions())
            ids.push_back(definition.id);
        QVERIFY(ids == specOrder);
    }
};

QTEST_GUILESS_MAIN(TestBusinessMetrics)
#include "tst_businessmetrics.moc"
