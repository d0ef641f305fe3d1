// Golden end to end: a generated Zendesk export in, every ticket metric out, compared with
// tests/golden/zendesk_seed7_2025-06.json. That file was made by a second, independent
// computation over the same CSV with nothing but Python's csv module:
//
//   build/dev/bench/bench_generate zendesk 3000 golden.csv 7
//   python3 tests/golden/zendesk_metrics.py golden.csv 2025-06-01 2025-06-30 > tests/golden/zendesk_seed7_2025-06.json
//
// The CSV is not checked in: the deterministic generator writes it again here, and its SHA-256
// must match the one the expected file was computed from.

#include "services/demogenerator.h"
#include "services/importjob.h"
#include "metrics/metricsquery.h"
#include "store/database.h"
#include "store/snapshotstore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace sl;

class TestGolden : public QObject
{
    Q_OBJECT

private slots:
    void zendeskExportMatchesAnIndependentComputation()
    {
        QFile expectedFile(QStringLiteral(SUPPORTLENS_GOLDEN_DIR "/zendesk_seed7_2025-06.json"));
        QVERIFY(expectedFile.open(QIODevice::ReadOnly));
        const QJsonObject expected = QJsonDocument::fromJson(expectedFile.readAll()).object();

        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("golden.csv"));
        DemoOptions options; // as bench_generate writes it
        options.tickets = 3000;
        options.seed = 7;
        options.lastDay = QDate(2025, 12, 31);
        QVERIFY(writeDemoExport(options, DemoFormat::ZendeskLegacy, csv).ok);
        QFile written(csv);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY2(QCryptographicHash::hash(written.readAll(), QCryptographicHash::Sha256).toHex()
                     == expected.value(QStringLiteral("csv_sha256")).toString().toLatin1(),
                 "the generator's output changed: regenerate the expected file as the comment at the top says");

        QString error;
        std::optional<Database> db = Database::open(dir.filePath(QStringLiteral("g.sqlite")), &error);
        QVERIFY2(db, qPrintable(error));
        ImportOptions importOptions;
        importOptions.timeZone = QTimeZone::utc();
        QCOMPARE(runImport(*db, csv, importOptions).inserted, 3000);
        const std::optional<TicketSnapshot> snapshot = loadTicketSnapshot(*db, &error);
        QVERIFY2(snapshot, qPrintable(error));
        MetricsRequest request;
        request.from = QDate::fromString(expected.value(QStringLiteral("from")).toString(), Qt::ISODate);
        request.to = QDate::fromString(expected.value(QStringLiteral("to")).toString(), Qt::ISODate);
        request.zone = QTimeZone::utc();
        const MetricsResult result = runMetrics(*snapshot, request);

        const QJsonObject metrics = expected.value(QStringLiteral("metrics")).toObject();
        int compared = 0;
        const std::vector<MetricDefinition> &definitions = ticketMetricDefinitions();
        for (std::size_t i = 0; i < definitions.size(); ++i) {
            const QString id = QString::fromLatin1(definitions[i].id.data(), qsizetype(definitions[i].id.size()));
            QVERIFY2(metrics.contains(id), qPrintable(id + QStringLiteral(" is not in the expected file")));
            const auto check = [&](const QString &key, const std::optional<double> &actual) {
                const QJsonValue want = metrics.value(key);
                if (want.isNull()) {
                    QVERIFY2(!actual, qPrintable(key + QStringLiteral(": expected no value")));
                } else {
                    QVERIFY2(actual, qPrintable(key + QStringLiteral(": expected a value")));
                    QVERIFY2(std::abs(*actual - want.toDouble()) < 1e-6,
                             qPrintable(QStringLiteral("%1: %2, expected %3").arg(key).arg(*actual, 0, 'g', 12).arg(want.toDouble(), 0, 'g', 12)));
                }
                ++compared;
            };
            check(id, result.metrics[i].value);
            if (definitions[i].proportion) {
                check(id + QStringLiteral("_lo"), result.metrics[i].lo);
                check(id + QStringLiteral("_hi"), result.metrics[i].hi);
            }
        }
        QCOMPARE(compared, metrics.size()); // and nothing in the file went unchecked
    }
};

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
