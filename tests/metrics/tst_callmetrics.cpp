// Every call metric definition, pinned with small hand-made call logs whose expected values are
// worked out by hand in the rows' comments.

#include "metrics/callmetrics.h"
#include "domain/metricdefinitions.h"

#include <QFile>
#include <QTest>

#include <string_view>
#include <vector>

using namespace sl;
using calls::CallFacts;
using calls::CallFields;
using calls::CallOutcome;

namespace {

constexpr double none = CallFacts::none;

CallFacts answered(double waitS, double talkS = none, double holdS = none, double afterCallWorkS = none,
                   std::int8_t resolvedFirstContact = -1)
{
    CallFacts call;
    call.outcome = CallOutcome::Answered;
    call.waitS = waitS;
    call.talkS = talkS;
    call.holdS = holdS;
    call.afterCallWorkS = afterCallWorkS;
    call.resolvedFirstContact = resolvedFirstContact;
    return call;
}

CallFacts abandoned(double waitS)
{
    CallFacts call;
    call.outcome = CallOutcome::Abandoned;
    call.waitS = waitS;
    return call;
}

CallFacts leftForVoicemail(double waitS)
{
    CallFacts call;
    call.outcome = CallOutcome::Other;
    call.waitS = waitS;
    return call;
}

CallFields allFields()
{
    CallFields f;
    f.callLog = f.outcome = f.wait = f.talk = f.hold = f.afterCallWork = f.firstContactResolution = true;
    return f;
}

// The mixed log most rows use:
//   A answered after 10 s; talk 300 + hold 60 + ACW 60 = 420 s = 7 min; resolved on first contact
//   B answered after 20 s (exactly the default target); talk 240 + no hold + ACW 120 = 6 min; not resolved
//   C answered after 45 s; talk 500 + hold 100 + ACW 0 = 10 min; no resolution flag
//   D abandoned after 20 s (exactly the target)
//   E abandoned after 35 s (a resolution flag on an abandoned call means nothing)
//   F abandoned after 5 s
//   G left for voicemail after 90 s
std::vector<CallFacts> mixedLog()
{
    CallFacts e = abandoned(35);
    e.resolvedFirstContact = 1;
    return {answered(10, 300, 60, 60, 1), answered(20, 240, none, 120, 0), answered(45, 500, 100, 0, -1),
            abandoned(20), e, abandoned(5), leftForVoicemail(90)};
}

std::vector<const CallFacts *> pointers(const std::vector<CallFacts> &calls)
{
    std::vector<const CallFacts *> result;
    for (const CallFacts &call : calls)
        result.push_back(&call);
    return result;
}

MetricValue callMetric(std::string_view id, calls::CallCohort c, const CallFields &f, double targetS)
{
    if (id == "calls_offered")
        return calls::calls_offered(c, f);
    if (id == "calls_answered")
        return calls::calls_answered(c, f);
    if (id == "calls_abandoned")
        return calls::calls_abandoned(c, f);
    if (id == "abandon_pct")
        return calls::abandon_pct(c, f);
    if (id == "asa_s")
        return calls::asa_s(c, f);
    if (id == "service_level_pct")
        return calls::service_level_pct(c, f, targetS);
    if (id == "aht_min")
        return calls::aht_min(c, f);
    if (id == "fcr_pct")
        return calls::fcr_pct(c, f);
    qFatal("no function for the call metric %s", id.data());
}

std::string_view idOf(const QByteArray &metric)
{
    return {metric.constData(), std::size_t(metric.size())};
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

Q_DECLARE_METATYPE(std::vector<sl::calls::CallFacts>)
Q_DECLARE_METATYPE(sl::calls::CallFields)
Q_DECLARE_METATYPE(sl::MetricUnit)
Q_DECLARE_METATYPE(sl::MetricDirection)

class TestCallMetrics : public QObject
{
    Q_OBJECT

    static void row(const char *name, const std::vector<CallFacts> &calls, const char *metric, const QVariant &expected,
                    double targetS = calls::defaultServiceLevelTargetS, const CallFields &fields = allFields())
    {
        QTest::newRow(name) << calls << fields << QByteArray(metric) << targetS << expected;
    }

private slots:
    void metrics_data()
    {
        QTest::addColumn<std::vector<CallFacts>>("calls");
        QTest::addColumn<CallFields>("fields");
        QTest::addColumn<QByteArray>("metric");
        QTest::addColumn<double>("targetS");
        QTest::addColumn<QVariant>("expected");

        // The mixed log (see mixedLog()).
        row("mixed: offered counts every call, voicemail included", mixedLog(), "calls_offered", 7.0);
        row("mixed: answered A B C", mixedLog(), "calls_answered", 3.0);
        row("mixed: abandoned D E F, short abandon F included", mixedLog(), "calls_abandoned", 3.0);
        row("mixed: abandon 3 of 7 offered", mixedLog(), "abandon_pct", 300.0 / 7.0);
        row("mixed: ASA (10 + 20 + 45) / 3 over answered only", mixedLog(), "asa_s", 25.0);
        // Within 20 s: A (10), B (20, exactly: within). Counted: answered A B C + abandoned after
        // 20 s: E (35); D (exactly 20) and F (5) abandoned within and are not counted. 2 / 4.
        row("mixed: service level 20 s is 2 of 4", mixedLog(), "service_level_pct", 50.0);
        // Target 10 s: within A (10, exactly). Counted: A B C + abandoned after 10 s D (20), E (35): 1 / 5.
        row("mixed: service level 10 s is 1 of 5", mixedLog(), "service_level_pct", 20.0, 10.0);
        // Target 45 s: within A B C. No call abandoned after 45 s (G left for voicemail): 3 / 3.
        row("mixed: service level 45 s is 3 of 3", mixedLog(), "service_level_pct", 100.0, 45.0);
        // Target 0 s: nobody answered at 0 s; D E F all abandoned after it: 0 / 6.
        row("mixed: service level 0 s is 0 of 6", mixedLog(), "service_level_pct", 0.0, 0.0);
        row("mixed: AHT (7 + 6 + 10) / 3 min", mixedLog(), "aht_min", 23.0 / 3.0);
        // Answered with a flag: A (1), B (0); C has none; E is abandoned: 1 / 2.
        row("mixed: FCR 1 of 2 flagged answered calls", mixedLog(), "fcr_pct", 50.0);

        // The service-level edges.
        row("answered at exactly the target is within", {answered(20)}, "service_level_pct", 100.0);
        row("answered half a second after the target is a miss", {answered(20.5)}, "service_level_pct", 0.0);
        // 1 within of (1 answered + 0 abandoned after the target).
        row("abandoned at exactly the target is not counted", {answered(5), abandoned(20)}, "service_level_pct",
            100.0);
        row("abandoned a second after the target is a miss", {answered(5), abandoned(21)}, "service_level_pct",
            50.0);
        row("only abandoned within the target: no value, not 0", {abandoned(3), abandoned(20)},
            "service_level_pct", QVariant());
        row("an answered call with an unknown wait is left out", {answered(none), answered(10)}, "service_level_pct",
            100.0);
        row("an abandoned call with an unknown wait is left out", {answered(10), abandoned(none)},
            "service_level_pct", 100.0);

        // ASA, AHT and FCR details.
        row("ASA leaves out answered calls with an unknown wait", {answered(none), answered(10)}, "asa_s", 10.0);
        row("ASA of abandoned calls only: no value", {abandoned(30)}, "asa_s", QVariant());
        row("AHT needs the talk time; blank hold and ACW are none", {answered(10, none), answered(10, 120)},
            "aht_min", 2.0);
        row("AHT leaves out abandoned and voicemail calls", {abandoned(300), leftForVoicemail(300),
                                                            answered(10, 60, 60, 60)},
            "aht_min", 3.0);
        row("FCR: an unflagged call is unknown, not unresolved",
            {answered(5, 60, none, none, 1), answered(5, 60, none, none, -1)}, "fcr_pct", 100.0);
        row("FCR without any flag: no value, not 0", {answered(5, 60), answered(5, 60)}, "fcr_pct", QVariant());
        row("voicemail is offered, not abandoned", {leftForVoicemail(40)}, "abandon_pct", 0.0);

        // No calls in the period: counts are 0, everything with a denominator is no value.
        row("no calls: offered 0", {}, "calls_offered", 0.0);
        row("no calls: answered 0", {}, "calls_answered", 0.0);
        row("no calls: abandoned 0", {}, "calls_abandoned", 0.0);
        row("no calls: abandon no value", {}, "abandon_pct", QVariant());
        row("no calls: ASA no value", {}, "asa_s", QVariant());
        row("no calls: service level no value", {}, "service_level_pct", QVariant());
        row("no calls: AHT no value", {}, "aht_min", QVariant());
        row("no calls: FCR no value", {}, "fcr_pct", QVariant());

        // Fields the log lacks.
        CallFields noTalk = allFields();
        noTalk.talk = false;
        row("a log without talk times: AHT no value", mixedLog(), "aht_min", QVariant(),
            calls::defaultServiceLevelTargetS, noTalk);
        CallFields noWait = allFields();
        noWait.wait = false;
        row("a log without waits: service level no value", mixedLog(), "service_level_pct", QVariant(),
            calls::defaultServiceLevelTargetS, noWait);
        row("no call log at all: offered no value, not 0", {}, "calls_offered", QVariant(),
            calls::defaultServiceLevelTargetS, CallFields{});
    }

    void metrics()
    {
        QFETCH(std::vector<CallFacts>, calls);
        QFETCH(CallFields, fields);
        QFETCH(QByteArray, metric);
        QFETCH(double, targetS);
        QFETCH(QVariant, expected);
        const std::vector<const CallFacts *> cohort = pointers(calls);
        const MetricValue value = callMetric(idOf(metric), cohort, fields, targetS);
        compareValue(value.value, expected);
        // Proportions carry their Wilson interval around the value; nothing else has one.
        const MetricDefinition *definition = findMetricIn(callMetricDefinitions(), idOf(metric));
        QVERIFY(definition);
        QCOMPARE(value.lo.has_value(), definition->proportion && value.value.has_value());
        QCOMPARE(value.hi.has_value(), value.lo.has_value());
        // (1e-9: for 0 successes the Wilson lower bound comes out as 0 plus rounding, e.g. 5.6e-15.)
        if (value.lo)
            QVERIFY(*value.lo <= *value.value + 1e-9 && *value.value <= *value.hi + 1e-9);
    }

    void missingFieldsAreNoValueNotZero_data()
    {
        QTest::addColumn<QByteArray>("metric");
        for (const MetricDefinition &definition : callMetricDefinitions())
            QTest::newRow(definition.id.data()) << QByteArray(definition.id.data(), qsizetype(definition.id.size()));
    }

    void missingFieldsAreNoValueNotZero()
    {
        // Calls in the cohort, but data that says it has no field at all: every metric is no value.
        QFETCH(QByteArray, metric);
        const std::vector<CallFacts> log = mixedLog();
        const std::vector<const CallFacts *> cohort = pointers(log);
        QVERIFY(!callMetric(idOf(metric), cohort, CallFields{}, calls::defaultServiceLevelTargetS).value);
    }

    void definitions_data()
    {
        QTest::addColumn<QByteArray>("metric");
        QTest::addColumn<MetricUnit>("unit");
        QTest::addColumn<MetricDirection>("direction");
        QTest::addColumn<bool>("proportion");
        using U = MetricUnit;
        using D = MetricDirection;
        // In the spec's order; up is good for FCR and service level, down for times and abandon.
        QTest::newRow("calls_offered") << QByteArray("calls_offered") << U::Count << D::Neutral << false;
        QTest::newRow("calls_answered") << QByteArray("calls_answered") << U::Count << D::HigherIsBetter << false;
        QTest::newRow("calls_abandoned") << QByteArray("calls_abandoned") << U::Count << D::LowerIsBetter << false;
        QTest::newRow("abandon_pct") << QByteArray("abandon_pct") << U::Percent << D::LowerIsBetter << true;
        QTest::newRow("asa_s") << QByteArray("asa_s") << U::Seconds << D::LowerIsBetter << false;
        QTest::newRow("service_level_pct") << QByteArray("service_level_pct") << U::Percent << D::HigherIsBetter
                                           << true;
        QTest::newRow("aht_min") << QByteArray("aht_min") << U::Minutes << D::LowerIsBetter << false;
        QTest::newRow("fcr_pct") << QByteArray("fcr_pct") << U::Percent << D::HigherIsBetter << true;
    }

    void definitions()
    {
        QFETCH(QByteArray, metric);
        QFETCH(MetricUnit, unit);
        QFETCH(MetricDirection, direction);
        QFETCH(bool, proportion);
        const std::vector<MetricDefinition> &table = callMetricDefinitions();
        const MetricDefinition *definition = findMetricIn(table, idOf(metric));
        QVERIFY(definition);
        QCOMPARE(definition->unit, unit);
        QCOMPARE(definition->direction, direction);
        QCOMPARE(definition->proportion, proportion);
        QVERIFY(definition->definition && *definition->definition);
        // findMetric() finds every call id; for the ids tickets also have, it finds the ticket entry.
        const MetricDefinition *anyFamily = findMetric(idOf(metric));
        QVERIFY(anyFamily);
        const bool sharedWithTickets = findMetricIn(ticketMetricDefinitions(), idOf(metric)) != nullptr;
        QCOMPARE(anyFamily == definition, !sharedWithTickets);
        QCOMPARE(sharedWithTickets, metric == "aht_min" || metric == "fcr_pct");

        // The id is the spec's, letter for letter.
        QFile spec(QStringLiteral(SUPPORTLENS_SHARED_DIR "/spec/metrics.md"));
        if (!spec.open(QIODevice::ReadOnly))
            QSKIP("../shared/spec/metrics.md is not here to compare ids with");
        const QByteArray quoted = QByteArrayLiteral("`") + metric + '`';
        QVERIFY2(spec.readAll().contains(quoted), metric.constData());
    }

    void tableIsTheSpecsCallTableInOrder()
    {
        const std::vector<std::string_view> specOrder = {"calls_offered", "calls_answered", "calls_abandoned",
                                                         "abandon_pct",   "asa_s",          "service_level_pct",
                                                         "aht_min",       "fcr_pct"};
        std::vector<std::string_view> ids;
        for (const MetricDefinition &definition : callMetricDefinitions())
            ids.push_back(definition.id);
        QVERIFY(ids == specOrder);
    }
};

QTEST_GUILESS_MAIN(TestCallMetrics)
#include "tst_callmetrics.moc"
