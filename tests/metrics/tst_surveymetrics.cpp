// Every survey metric definition (CSAT, NPS, CES, CSA), pinned with small hand-made sets of
// responses whose expected values are worked out by hand in the rows' comments.

#include "domain/metricdefinitions.h"
#include "metrics/surveymetrics.h"

#include <QFile>
#include <QLocale>
#include <QTest>

#include <string_view>
#include <vector>

using namespace sl;
using surveys::SurveyFields;
using surveys::SurveyResponse;
using surveys::SurveyScale;
using surveys::SurveyType;

namespace {

constexpr double none = SurveyResponse::none;

SurveyResponse response(SurveyType type, double score, SurveyScale scale, std::int16_t agent = -1)
{
    SurveyResponse r;
    r.type = type;
    r.score = score;
    r.scale = scale;
    r.agent = agent;
    return r;
}

SurveyResponse csat(double score, SurveyScale scale = surveys::oneToFive, std::int16_t agent = -1)
{
    return response(SurveyType::Csat, score, scale, agent);
}

SurveyResponse good()
{
    return csat(1, surveys::goodBad);
}

SurveyResponse bad()
{
    return csat(0, surveys::goodBad);
}

// A survey row that says 'offered' or 'unoffered': no score, so no response.
SurveyResponse offered()
{
    return csat(none);
}

SurveyResponse npsResponse(double score, SurveyScale scale = surveys::zeroToTen)
{
    return response(SurveyType::Nps, score, scale);
}

SurveyResponse ces(double score, SurveyScale scale = surveys::oneToSeven)
{
    return response(SurveyType::Ces, score, scale);
}

std::vector<SurveyResponse> npsScores(std::initializer_list<double> scores)
{
    std::vector<SurveyResponse> responses;
    for (double score : scores)
        responses.push_back(npsResponse(score));
    return responses;
}

// One promoter or detractor among fifteen passives.
std::vector<SurveyResponse> oneOfSixteen(double score)
{
    std::vector<SurveyResponse> responses(15, npsResponse(8));
    responses.push_back(npsResponse(score));
    return responses;
}

SurveyFields allFields()
{
    SurveyFields f;
    f.csat = f.nps = f.ces = f.agent = true;
    return f;
}

// Agent 1: 5, 4, 1 and an unanswered offer; agent 2: 2; nobody's: 5.
std::vector<SurveyResponse> agentResponses()
{
    SurveyResponse unanswered = offered();
    unanswered.agent = 1;
    return {csat(5, surveys::oneToFive, 1), csat(4, surveys::oneToFive, 1), csat(1, surveys::oneToFive, 1),
            unanswered, csat(2, surveys::oneToFive, 2), csat(5)};
}

std::vector<const SurveyResponse *> pointers(const std::vector<SurveyResponse> &responses)
{
    std::vector<const SurveyResponse *> result;
    for (const SurveyResponse &r : responses)
        result.push_back(&r);
    return result;
}

std::string_view idOf(const QByteArray &metric)
{
    return {metric.constData(), std::size_t(metric.size())};
}

MetricValue surveyMetric(std::string_view id, surveys::SurveyCohort c, const SurveyFields &f, std::int16_t agent)
{
    if (id == "csat_pct")
        return surveys::csat_pct(c, f);
    if (id == "csat_responses")
        return surveys::csat_responses(c, f);
    if (id == "csat_mean")
        return surveys::csat_mean(c, f);
    if (id == "nps")
        return surveys::nps(c, f);
    if (id == "nps_responses")
        return surveys::nps_responses(c, f);
    if (id == "ces_mean")
        return surveys::ces_mean(c, f);
    if (id == "ces_easy_pct")
        return surveys::ces_easy_pct(c, f);
    if (id == "csa_pct")
        return surveys::csa_pct(c, agent, f);
    qFatal("no function for the survey metric %s", id.data());
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

} // namespace

Q_DECLARE_METATYPE(std::vector<sl::surveys::SurveyResponse>)
Q_DECLARE_METATYPE(sl::surveys::SurveyFields)
Q_DECLARE_METATYPE(sl::MetricUnit)
Q_DECLARE_METATYPE(sl::MetricDirection)

class TestSurveyMetrics : public QObject
{
    Q_OBJECT

    static void row(const char *name, const std::vector<SurveyResponse> &responses, const char *metric,
                    const QVariant &expected, const SurveyFields &fields = allFields(), int agent = -1)
    {
        QTest::newRow(name) << responses << fields << QByteArray(metric) << agent << expected;
    }

private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void metrics_data()
    {
        QTest::addColumn<std::vector<SurveyResponse>>("responses");
        QTest::addColumn<SurveyFields>("fields");
        QTest::addColumn<QByteArray>("metric");
        QTest::addColumn<int>("agent");
        QTest::addColumn<QVariant>("expected");

        // CSAT on each scale.
        const std::vector<SurveyResponse> oneToFive = {csat(5), csat(4), csat(3), csat(2), csat(1)};
        row("CSAT 1-5: 4 and 5 are satisfied, 2 of 5", oneToFive, "csat_pct", 40.0);
        row("CSAT 1-5: 5 responses", oneToFive, "csat_responses", 5.0);
        row("CSAT 1-5: mean (5 + 4 + 3 + 2 + 1) / 5", oneToFive, "csat_mean", 3.0);
        const std::vector<SurveyResponse> goodBadOnly = {good(), good(), bad()};
        row("CSAT good/bad: good is satisfied, 2 of 3", goodBadOnly, "csat_pct", 200.0 / 3.0);
        row("CSAT good/bad: 3 responses", goodBadOnly, "csat_responses", 3.0);
        row("CSAT good/bad only: no mean", goodBadOnly, "csat_mean", QVariant());
        const SurveyScale oneToTen{1, 10};
        const std::vector<SurveyResponse> tenPoints = {csat(10, oneToTen), csat(9, oneToTen), csat(8, oneToTen),
                                                       csat(1, oneToTen)};
        row("CSAT 1-10: top two boxes 9-10, 2 of 4", tenPoints, "csat_pct", 50.0);
        row("CSAT 1-10 only: no 1-5 mean", tenPoints, "csat_mean", QVariant());
        row("CSAT 0-10: top two boxes 9-10, 1 of 3",
            {csat(10, surveys::zeroToTen), csat(8, surveys::zeroToTen), csat(0, surveys::zeroToTen)}, "csat_pct",
            100.0 / 3.0);
        const SurveyScale oneToThree{1, 3};
        row("CSAT 1-3: top two boxes 2-3, 2 of 3", {csat(3, oneToThree), csat(2, oneToThree), csat(1, oneToThree)},
            "csat_pct", 200.0 / 3.0);
        row("CSAT 1-7: top two boxes 6-7, 2 of 3",
            {csat(7, surveys::oneToSeven), csat(6, surveys::oneToSeven), csat(5, surveys::oneToSeven)}, "csat_pct",
            200.0 / 3.0);
        // 5 (1-5) yes, 2 (1-5) no, good yes, 8 of 1-10 no: 2 of 4. Mean over the 1-5 ones: 3.5.
        const std::vector<SurveyResponse> mixedScales = {csat(5), csat(2), good(), csat(8, oneToTen)};
        row("CSAT mixed scales: boxes per scale, 2 of 4", mixedScales, "csat_pct", 50.0);
        row("CSAT mixed scales: mean over 1-5 only", mixedScales, "csat_mean", 3.5);
        row("CSAT: offered/unoffered rows are not responses (pct)", {csat(5), offered(), offered()}, "csat_pct",
            100.0);
        row("CSAT: offered/unoffered rows are not responses (count)", {csat(5), offered(), offered()},
            "csat_responses", 1.0);
        row("CSAT: a score off its scale is not a response", {csat(6), csat(0), csat(4)}, "csat_responses", 1.0);
        row("CSAT: NPS and CES responses are other surveys", {csat(2), npsResponse(10), ces(7)}, "csat_pct", 0.0);
        row("CSAT, no responses: no value, not 0", {}, "csat_pct", QVariant());
        row("CSAT, no responses: 0 responses", {offered()}, "csat_responses", 0.0);
        row("CSAT, no responses: no mean", {}, "csat_mean", QVariant());
        SurveyFields noCsat = allFields();
        noCsat.csat = false;
        row("no CSAT in the data: responses no value, not 0", {}, "csat_responses", QVariant(), noCsat);

        // NPS = % promoters (9-10) - % detractors (0-6), one decimal.
        row("NPS all passives: 0", npsScores({7, 8, 7, 8}), "nps", 0.0);
        row("NPS all promoters: 100", npsScores({9, 10, 10}), "nps", 100.0);
        row("NPS all detractors: -100", npsScores({0, 3, 6}), "nps", -100.0);
        row("NPS 1 promoter of 3: 33.33 is 33.3", npsScores({10, 7, 8}), "nps", 33.3);
        row("NPS 2 promoters of 3: 66.67 is 66.7", npsScores({9, 10, 7}), "nps", 66.7);
        row("NPS 1 detractor of 3: -33.3", npsScores({0, 7, 8}), "nps", -33.3);
        row("NPS 1 promoter of 7: 14.29 is 14.3", npsScores({10, 7, 7, 7, 7, 7, 7}), "nps", 14.3);
        // 3 promoters, 1 detractor of 6: 50 - 16.67 = 33.33.
        row("NPS 3 promoters and 1 detractor of 6: 33.3", npsScores({9, 9, 10, 6, 7, 8}), "nps", 33.3);
        row("NPS promoters and detractors cancel: 0", npsScores({10, 0}), "nps", 0.0);
        // 100 / 16 = 6.25 exactly: the half goes away from zero, both ways.
        row("NPS 1 promoter of 16: 6.25 is 6.3", oneOfSixteen(10), "nps", 6.3);
        row("NPS 1 detractor of 16: -6.25 is -6.3", oneOfSixteen(0), "nps", -6.3);
        row("NPS 16 responses", oneOfSixteen(0), "nps_responses", 16.0);
        row("NPS asked on a 1-10 scale is not NPS", {npsResponse(10, oneToTen), npsResponse(7)}, "nps", 0.0);
        row("NPS asked on a 1-10 scale is not an NPS response", {npsResponse(10, oneToTen), npsResponse(7)},
            "nps_responses", 1.0);
        row("NPS, no responses: no value, not 0", {csat(5)}, "nps", QVariant());
        row("NPS, no responses: 0 responses", {}, "nps_responses", 0.0);
        SurveyFields noNps = allFields();
        noNps.nps = false;
        row("no NPS in the data: no value", npsScores({10}), "nps", QVariant(), noNps);

        // CES on the 1-7 agreement scale: 7, 6, 5, 4, 1: mean 23 / 5, easy (5-7) 3 of 5.
        const std::vector<SurveyResponse> effort = {ces(7), ces(6), ces(5), ces(4), ces(1)};
        row("CES mean 23 / 5", effort, "ces_mean", 4.6);
        row("CES easy 5-7: 3 of 5", effort, "ces_easy_pct", 60.0);
        row("CES: 5 is easy, 4 is not", {ces(5), ces(4)}, "ces_easy_pct", 50.0);
        row("CES asked on 1-5 is left out of the mean", {ces(5, surveys::oneToFive), ces(7)}, "ces_mean", 7.0);
        row("CES asked on 1-5 is left out of the easy share", {ces(5, surveys::oneToFive), ces(3)}, "ces_easy_pct",
            0.0);
        row("CES, no responses: no mean", {csat(5)}, "ces_mean", QVariant());
        row("CES, no responses: no easy share", {}, "ces_easy_pct", QVariant());

        // CSA: CSAT over one agent's responses (see agentResponses()).
        row("CSA agent 1: 5 and 4 of 5, 4, 1 (the offer is no response)", agentResponses(), "csa_pct", 200.0 / 3.0,
            allFields(), 1);
        row("CSA agent 2: 0 of 1", agentResponses(), "csa_pct", 0.0, allFields(), 2);
        row("CSA of an agent with no responses: no value", agentResponses(), "csa_pct", QVariant(), allFields(), 3);
        row("CSA of nobody: unattributed responses count for no agent", agentResponses(), "csa_pct", QVariant(),
            allFields(), -1);
        SurveyFields noAgent = allFields();
        noAgent.agent = false;
        row("CSA when responses name no agent: no value", agentResponses(), "csa_pct", QVariant(), noAgent, 1);
    }

    void metrics()
    {
        QFETCH(std::vector<SurveyResponse>, responses);
        QFETCH(SurveyFields, fields);
        QFETCH(QByteArray, metric);
        QFETCH(int, agent);
        QFETCH(QVariant, expected);
        const std::vector<const SurveyResponse *> cohort = pointers(responses);
        const MetricValue value = surveyMetric(idOf(metric), cohort, fields, std::int16_t(agent));
        compareValue(value.value, expected);
        // Proportions carry their Wilson interval around the value; nothing else has one (NPS neither).
        const MetricDefinition *definition = findMetricIn(surveyMetricDefinitions(), idOf(metric));
        QVERIFY(definition);
        QCOMPARE(value.lo.has_value(), definition->proportion && value.value.has_value());
        QCOMPARE(value.hi.has_value(), value.lo.has_value());
        // (1e-9: for 0 successes the Wilson lower bound comes out as 0 plus rounding, e.g. 5.6e-15.)
        if (value.lo)
            QVERIFY(*value.lo <= *value.value + 1e-9 && *value.value <= *value.hi + 1e-9);
    }

    void npsCounts_data()
    {
        QTest::addColumn<std::vector<SurveyResponse>>("responses");
        QTest::addColumn<int>("promoters");
        QTest::addColumn<int>("passives");
        QTest::addColumn<int>("detractors");
        QTest::newRow("none") << std::vector<SurveyResponse>{} << 0 << 0 << 0;
        QTest::newRow("the boundaries 6 | 7, 8 | 9") << npsScores({6, 7, 8, 9}) << 1 << 2 << 1;
        QTest::newRow("the ends 0 and 10") << npsScores({0, 10}) << 1 << 0 << 1;
        QTest::newRow("off the scale and unanswered are not counted")
            << std::vector<SurveyResponse>{npsResponse(11), npsResponse(-1), npsResponse(none), npsResponse(9)} << 1
            << 0 << 0;
        QTest::newRow("other surveys are not counted")
            << std::vector<SurveyResponse>{csat(5), ces(7), npsResponse(3)} << 0 << 0 << 1;
    }

    void npsCounts()
    {
        QFETCH(std::vector<SurveyResponse>, responses);
        QFETCH(int, promoters);
        QFETCH(int, passives);
        QFETCH(int, detractors);
        const std::vector<const SurveyResponse *> cohort = pointers(responses);
        const surveys::NpsCounts counts = surveys::npsCounts(cohort);
        QCOMPARE(counts.promoters, promoters);
        QCOMPARE(counts.passives, passives);
        QCOMPARE(counts.detractors, detractors);
        QCOMPARE(counts.responses(), promoters + passives + detractors);
    }

    void csaIsCsatOverTheAgentsSubset()
    {
        const std::vector<SurveyResponse> responses = agentResponses();
        const std::vector<const SurveyResponse *> all = pointers(responses);
        std::vector<const SurveyResponse *> agentOne;
        for (const SurveyResponse *r : all) {
            if (r->agent == 1)
                agentOne.push_back(r);
        }
        const MetricValue csa = surveys::csa_pct(all, 1, allFields());
        const MetricValue csat = surveys::csat_pct(agentOne, allFields());
        QCOMPARE(csa.value, csat.value);
        QCOMPARE(csa.lo, csat.lo);
        QCOMPARE(csa.hi, csat.hi);
    }

    void npsIsShownWithOneDecimal_data()
    {
        QTest::addColumn<std::vector<SurveyResponse>>("responses");
        QTest::addColumn<QString>("shown");
        QTest::newRow("1 promoter of 3") << npsScores({10, 7, 8}) << QStringLiteral("33.3");
        QTest::newRow("1 detractor of 16") << oneOfSixteen(0) << QStringLiteral("-6.3");
        QTest::newRow("all promoters") << npsScores({10}) << QStringLiteral("100.0");
        QTest::newRow("all passives") << npsScores({8}) << QStringLiteral("0.0");
        QTest::newRow("no responses") << std::vector<SurveyResponse>{} << QStringLiteral("—");
    }

    void npsIsShownWithOneDecimal()
    {
        QFETCH(std::vector<SurveyResponse>, responses);
        QFETCH(QString, shown);
        const std::vector<const SurveyResponse *> cohort = pointers(responses);
        const MetricDefinition *definition = findMetric("nps");
        QVERIFY(definition);
        QCOMPARE(formatMetricValue(*definition, surveys::nps(cohort, allFields()).value), shown);
    }

    void missingFieldsAreNoValueNotZero_data()
    {
        QTest::addColumn<QByteArray>("metric");
        for (const MetricDefinition &definition : surveyMetricDefinitions())
            QTest::newRow(definition.id.data()) << QByteArray(definition.id.data(), qsizetype(definition.id.size()));
    }

    void missingFieldsAreNoValueNotZero()
    {
        // Responses of every kind in the cohort, but data that says it has no survey at all.
        QFETCH(QByteArray, metric);
        std::vector<SurveyResponse> responses = agentResponses();
        responses.push_back(npsResponse(10));
        responses.push_back(ces(7));
        const std::vector<const SurveyResponse *> cohort = pointers(responses);
        QVERIFY(!surveyMetric(idOf(metric), cohort, SurveyFields{}, 1).value);
    }

    void definitions_data()
    {
        QTest::addColumn<QByteArray>("metric");
        QTest::addColumn<MetricUnit>("unit");
        QTest::addColumn<MetricDirection>("direction");
        QTest::addColumn<bool>("proportion");
        using U = MetricUnit;
        using D = MetricDirection;
        QTest::newRow("csat_pct") << QByteArray("csat_pct") << U::Percent << D::HigherIsBetter << true;
        QTest::newRow("csat_responses") << QByteArray("csat_responses") << U::Count << D::Neutral << false;
        QTest::newRow("csat_mean") << QByteArray("csat_mean") << U::Score << D::HigherIsBetter << false;
        QTest::newRow("nps") << QByteArray("nps") << U::Points << D::HigherIsBetter << false;
        QTest::newRow("nps_responses") << QByteArray("nps_responses") << U::Count << D::Neutral << false;
        QTest::newRow("ces_mean") << QByteArray("ces_mean") << U::Score << D::HigherIsBetter << false;
        QTest::newRow("ces_easy_pct") << QByteArray("ces_easy_pct") << U::Percent << D::HigherIsBetter << true;
        QTest::newRow("csa_pct") << QByteArray("csa_pct") << U::Percent << D::HigherIsBetter << true;
    }

    void definitions()
    {
        QFETCH(QByteArray, metric);
        QFETCH(MetricUnit, unit);
        QFETCH(MetricDirection, direction);
        QFETCH(bool, proportion);
        const MetricDefinition *definition = findMetricIn(surveyMetricDefinitions(), idOf(metric));
        QVERIFY(definition);
        QCOMPARE(definition->unit, unit);
        QCOMPARE(definition->direction, direction);
        QCOMPARE(definition->proportion, proportion);
        QVERIFY(definition->definition && *definition->definition);
        // findMetric() finds every survey id; for the ids tickets also have, it finds the ticket entry.
        const MetricDefinition *anyFamily = findMetric(idOf(metric));
        QVERIFY(anyFamily);
        const bool sharedWithTickets = findMetricIn(ticketMetricDefinitions(), idOf(metric)) != nullptr;
        QCOMPARE(anyFamily == definition, !sharedWithTickets);
        QCOMPARE(sharedWithTickets, metric.startsWith("csat_"));

        QFile spec(QStringLiteral(SUPPORTLENS_SHARED_DIR "/spec/metrics.md"));
        if (!spec.open(QIODevice::ReadOnly))
            QSKIP("../shared/spec/metrics.md is not here to compare ids with");
        const QByteArray quoted = QByteArrayLiteral("`") + metric + '`';
        QVERIFY2(spec.readAll().contains(quoted), metric.constData());
    }

    void tableIsTheSpecsSurveyTableInOrder()
    {
        // survey_response_rate_pct stays a ticket metric: it needs tickets that were offered a survey.
        const std::vector<std::string_view> specOrder = {"csat_pct", "csat_responses", "csat_mean",    "nps",
                                                         "nps_responses", "ces_mean",  "ces_easy_pct", "csa_pct"};
        std::vector<std::string_view> ids;
        for (const MetricDefinition &definition : surveyMetricDefinitions())
            ids.push_back(definition.id);
        QVERIFY(ids == specOrder);
    }
};

QTEST_GUILESS_MAIN(TestSurveyMetrics)
#include "tst_surveymetrics.moc"
