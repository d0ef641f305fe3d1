// KPI targets in the database: they read back as saved, replace the previous set, are judged by
// the metric's direction, refuse what cannot be a target, and never touch the data version.

#include "domain/metricdefinitions.h"
#include "store/database.h"
#include "store/targetstore.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace sl;

Q_DECLARE_METATYPE(sl::TargetStatus)

class TestTargetStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    std::optional<Database> freshDatabase()
    {
        QString error;
        std::optional<Database> database
            = Database::open(m_dir.filePath(QStringLiteral("targets%1.sqlite").arg(++m_files)), &error);
        if (!database)
            qWarning("%s", qPrintable(error));
        return database;
    }

private slots:
    void aNewDatabaseHasNoTargets()
    {
        std::optional<Database> database = freshDatabase();
        QVERIFY(database);
        QString error;
        const std::optional<Targets> targets = loadTargets(*database, &error);
        QVERIFY2(targets, qPrintable(error));
        QVERIFY(targets->isEmpty());
    }

    void savedTargetsReadBackAndReplaceThePreviousOnes()
    {
        std::optional<Database> database = freshDatabase();
        QVERIFY(database);
        QString error;
        Targets targets;
        targets.set("csat_pct", 90);
        targets.set("frt_median_min", 60);
        targets.set("service_level_pct", 80); // a call metric: the store is not only for tickets
        QVERIFY2(saveTargets(*database, targets, &error), qPrintable(error));
        QCOMPARE(*loadTargets(*database, &error), targets);

        Targets fewer;
        fewer.set("csat_pct", 92.5);
        QVERIFY2(saveTargets(*database, fewer, &error), qPrintable(error));
        const Targets read = *loadTargets(*database, &error);
        QCOMPARE(read, fewer);
        QCOMPARE(read.of("csat_pct"), std::optional<double>(92.5));
        QVERIFY(!read.of("frt_median_min"));
    }

    void savingTargetsLeavesTheDataVersionAlone()
    {
        // Targets change no figure: the cached snapshot stays valid.
        std::optional<Database> database = freshDatabase();
        QVERIFY(database);
        const std::int64_t before = database->dataVersion();
        Targets targets;
        targets.set("reopen_pct", 5);
        QString error;
        QVERIFY2(saveTargets(*database, targets, &error), qPrintable(error));
        QCOMPARE(database->dataVersion(), before);
    }

    void whatCannotBeATargetIsRefusedAndNothingIsWritten_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("an unknown metric id")
            << QStringLiteral("happiness_pct") << 50.0 << QStringLiteral("not a metric");
        QTest::newRow("a metric with no better direction")
            << QStringLiteral("tickets_created") << 100.0 << QStringLiteral("not a metric");
        QTest::newRow("a value that is not a number")
            << QStringLiteral("csat_pct") << std::numeric_limits<double>::quiet_NaN() << QStringLiteral("not a number");
        QTest::newRow("an infinite value")
            << QStringLiteral("csat_pct") << std::numeric_limits<double>::infinity() << QStringLiteral("not a number");
    }

    void whatCannotBeATargetIsRefusedAndNothingIsWritten()
    {
        QFETCH(QString, id);
        QFETCH(double, value);
        QFETCH(QString, message);
        std::optional<Database> database = freshDatabase();
        QVERIFY(database);
        QString error;
        Targets good;
        good.set("fcr_pct", 70);
        QVERIFY2(saveTargets(*database, good, &error), qPrintable(error));
        Targets bad = good;
        bad.set("aht_min", 12);
        bad.set(id.toStdString(), value);
        QVERIFY(!saveTargets(*database, bad, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QCOMPARE(*loadTargets(*database, &error), good);
    }

    void aRowOfAMetricThisVersionDoesNotKnowIsKept()
    {
        // A newer SupportLens may store targets for metrics this one has never heard of: they
        // are not shown, and saving here does not delete them.
        std::optional<Database> database = freshDatabase();
        QVERIFY(database);
        QVERIFY(database->connection().exec("INSERT INTO targets VALUES ('future_metric_pct', 42)"));
        QString error;
        const std::optional<Targets> read = loadTargets(*database, &error);
        QVERIFY2(read, qPrintable(error));
        QVERIFY(read->isEmpty());
        Targets targets;
        targets.set("csat_pct", 90);
        QVERIFY2(saveTargets(*database, targets, &error), qPrintable(error));
        QCOMPARE(database->connection().queryInt("SELECT count(*) FROM targets"), 2);
    }

    void statusFollowsTheMetricsDirection_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("target");
        QTest::addColumn<TargetStatus>("status");
        QTest::newRow("CSAT above its target is met")
            << QStringLiteral("csat_pct") << 93.0 << 90.0 << TargetStatus::Met;
        QTest::newRow("CSAT exactly on its target is met")
            << QStringLiteral("csat_pct") << 90.0 << 90.0 << TargetStatus::Met;
        QTest::newRow("CSAT below its target is missed")
            << QStringLiteral("csat_pct") << 89.9 << 90.0 << TargetStatus::Missed;
        QTest::newRow("first reply under its target is met")
            << QStringLiteral("frt_median_min") << 45.0 << 60.0 << TargetStatus::Met;
        QTest::newRow("first reply over its target is missed")
            << QStringLiteral("frt_median_min") << 61.0 << 60.0 << TargetStatus::Missed;
        QTest::newRow("a neutral metric has no status")
            << QStringLiteral("tickets_created") << 10.0 << 5.0 << TargetStatus::NoTarget;
    }

    void statusFollowsTheMetricsDirection()
    {
        QFETCH(QString, id);
        QFETCH(double, value);
        QFETCH(double, target);
        QFETCH(TargetStatus, status);
        const MetricDefinition *metric = findMetric(id.toStdString());
        QVERIFY(metric);
        QCOMPARE(targetStatus(*metric, value, target), status);
    }

    void noValueOrNoTargetIsNoStatus()
    {
        const MetricDefinition &csat = *findMetric("csat_pct");
        QCOMPARE(targetStatus(csat, std::nullopt, 90.0), TargetStatus::NoTarget);
        QCOMPARE(targetStatus(csat, 95.0, std::nullopt), TargetStatus::NoTarget);
        QCOMPARE(targetComparator(csat), QStringLiteral("≥"));
        QCOMPARE(targetComparator(*findMetric("frt_median_min")), QStringLiteral("≤"));
    }
};

QTEST_GUILESS_MAIN(TestTargetStore)
#include "tst_targetstore.moc"
