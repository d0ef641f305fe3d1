// The one registry of metrics: the definitions table (domain/metricdefinitions.h) and each
// family's table of functions (metrics/metricfunctions.h) name the same ids, so a metric cannot
// be defined without being computed, nor computed without a definition, a unit and a direction.

#include "domain/metricdefinitions.h"
#include "metrics/businessmetrics.h"
#include "metrics/callmetrics.h"
#include "metrics/surveymetrics.h"
#include "metrics/ticketmetrics.h"

#include <QTest>

#include <set>
#include <string>

using namespace sl;

namespace {

template<typename Function> std::set<std::string> idsOf(std::span<const MetricFunction<Function>> table)
{
    std::set<std::string> ids;
    for (const MetricFunction<Function> &entry : table) {
        if (!ids.insert(std::string(entry.id)).second)
            qWarning("%s has two functions", std::string(entry.id).c_str());
    }
    return ids;
}

std::set<std::string> idsOf(const std::vector<MetricDefinition> &definitions)
{
    std::set<std::string> ids;
    for (const MetricDefinition &definition : definitions)
        ids.insert(std::string(definition.id));
    return ids;
}

QString listed(const std::set<std::string> &ids)
{
    QStringList names;
    for (const std::string &id : ids)
        names.append(QString::fromStdString(id));
    return names.join(QStringLiteral(", "));
}

} // namespace

class TestMetricRegistry : public QObject
{
    Q_OBJECT

private slots:
    void everyDefinitionHasOneFunction_data()
    {
        QTest::addColumn<QString>("family");
        QTest::addColumn<QString>("definedNotComputed");
        QTest::addColumn<QString>("computedNotDefined");
        QTest::addColumn<int>("functions");

        const auto row = [](const char *family, const std::set<std::string> &defined,
                             const std::set<std::string> &computed, const std::set<std::string> &exempt,
                             std::size_t tableSize) {
            std::set<std::string> missing, extra;
            for (const std::string &id : defined) {
                if (!computed.count(id) && !exempt.count(id))
                    missing.insert(id);
            }
            for (const std::string &id : computed) {
                if (!defined.count(id))
                    extra.insert(id);
            }
            QTest::newRow(family) << QString::fromLatin1(family) << listed(missing) << listed(extra) << int(tableSize);
        };
        row("tickets", idsOf(ticketMetricDefinitions()), idsOf(ticketMetricFunctions()), {},
            ticketMetricFunctions().size());
        row("calls", idsOf(callMetricDefinitions()), idsOf(calls::metricFunctions()), {},
            calls::metricFunctions().size());
        // csa_pct is csat_pct over one agent's responses: the query decides whose, so it has no
        // entry of its own (surveymetrics.h).
        row("surveys", idsOf(surveyMetricDefinitions()), idsOf(surveys::metricFunctions()), { "csa_pct" },
            surveys::metricFunctions().size());
        row("business", idsOf(businessMetricDefinitions()), idsOf(business::metricFunctions()), {},
            business::metricFunctions().size());
    }

    void everyDefinitionHasOneFunction()
    {
        QFETCH(QString, definedNotComputed);
        QFETCH(QString, computedNotDefined);
        QFETCH(int, functions);
        QCOMPARE(definedNotComputed, QString());
        QCOMPARE(computedNotDefined, QString());
        QVERIFY(functions > 0);
    }

    // Counted by hand from spec/metrics.md. Tickets 24: the tickets section's 15 ids, the 5
    // business-hours variants, and csat_pct, csat_responses, csat_mean, survey_response_rate_pct
    // of the surveys section as a ticket export carries them. Calls 8 (7 rows, one naming two
    // ids). Surveys 8: csat_pct, csat_responses, csat_mean, nps, nps_responses, ces_mean,
    // ces_easy_pct, csa_pct. Customers 3 (retention, churn, CLV), costs 3, quality 1.
    void familiesHoldTheSpecsSections_data()
    {
        QTest::addColumn<int>("family");
        QTest::addColumn<int>("count");
        QTest::newRow("tickets") << int(MetricFamily::Tickets) << 24;
        QTest::newRow("calls") << int(MetricFamily::Calls) << 8;
        QTest::newRow("surveys") << int(MetricFamily::Surveys) << 8;
        QTest::newRow("customers") << int(MetricFamily::Customers) << 3;
        QTest::newRow("costs") << int(MetricFamily::Costs) << 3;
        QTest::newRow("quality") << int(MetricFamily::Quality) << 1;
    }

    void familiesHoldTheSpecsSections()
    {
        QFETCH(int, family);
        QFETCH(int, count);
        int found = 0;
        for (const MetricDefinition *definition : allMetricDefinitions())
            found += int(definition->family) == family ? 1 : 0;
        QCOMPARE(found, count);
    }

    // A family's table holds its own family's rows only.
    void eachTableIsOneFamily()
    {
        for (const MetricDefinition &d : ticketMetricDefinitions())
            QCOMPARE(d.family, MetricFamily::Tickets);
        for (const MetricDefinition &d : callMetricDefinitions())
            QCOMPARE(d.family, MetricFamily::Calls);
        for (const MetricDefinition &d : surveyMetricDefinitions())
            QCOMPARE(d.family, MetricFamily::Surveys);
        for (const MetricDefinition &d : businessMetricDefinitions())
            QVERIFY(d.family == MetricFamily::Customers || d.family == MetricFamily::Costs
                || d.family == MetricFamily::Quality);
    }
};

QTEST_GUILESS_MAIN(TestMetricRegistry)
#include "tst_metricregistry.moc"
