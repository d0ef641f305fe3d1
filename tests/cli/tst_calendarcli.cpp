// `supportlens calendar` as a user (or a script) meets it: a separate process, its exit code,
// what it prints, and what it leaves in the database.

#include "clirunner.h"
#include "store/calendarstore.h"
#include "store/database.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace sl;

namespace {

using test::Run;
using test::supportlens;

QStringList calendarCommand(const QString &dbPath, const QStringList &more)
{
    return QStringList { QStringLiteral("calendar"), QStringLiteral("--db"), dbPath } + more;
}

} // namespace

class TestCalendarCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void badUsage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("printed"); // on stderr

        const QString db = QStringLiteral("unused.sqlite");
        QTest::newRow("no --db") << QStringList { QStringLiteral("calendar") } << 2 << QStringLiteral("needs --db");
        QTest::newRow("hours that are not hours") << calendarCommand(db,
            { QStringLiteral("--set"), QStringLiteral("EU"), QStringLiteral("--timezone"), QStringLiteral("UTC"),
                QStringLiteral("--hours"), QStringLiteral("Mon-Fri 9 to 5") })
                                                  << 2 << QStringLiteral("Mon-Fri 9 to 5");
        QTest::newRow("a day that does not exist") << calendarCommand(db,
            { QStringLiteral("--set"), QStringLiteral("EU"), QStringLiteral("--timezone"), QStringLiteral("UTC"),
                QStringLiteral("--hours"), QStringLiteral("Mon 09:00-17:00"), QStringLiteral("--holiday"),
                QStringLiteral("2025-02-30=Nope") })
                                                   << 2 << QStringLiteral("2025-02-30");
        QTest::newRow("an unknown time zone") << calendarCommand(db,
            { QStringLiteral("--set"), QStringLiteral("EU"), QStringLiteral("--timezone"),
                QStringLiteral("Mars/Olympus"), QStringLiteral("--hours"), QStringLiteral("Mon 09:00-17:00") })
                                              << 2 << QStringLiteral("Mars/Olympus");
        QTest::newRow("overlapping hours") << calendarCommand(db,
            { QStringLiteral("--set"), QStringLiteral("EU"), QStringLiteral("--timezone"), QStringLiteral("UTC"),
                QStringLiteral("--hours"), QStringLiteral("Mon-Fri 09:00-17:00"), QStringLiteral("--hours"),
                QStringLiteral("Fri 16:00-20:00") })
                                           << 2 << QStringLiteral("overlap");
        QTest::newRow("--set without hours") << calendarCommand(
            db, { QStringLiteral("--set"), QStringLiteral("EU"), QStringLiteral("--timezone"), QStringLiteral("UTC") })
                                             << 2 << QStringLiteral("--hours");
        QTest::newRow("--hours without --set")
            << calendarCommand(db, { QStringLiteral("--hours"), QStringLiteral("Mon 09:00-17:00") }) << 2
            << QStringLiteral("--set");
        QTest::newRow("--set and --remove") << calendarCommand(
            db, { QStringLiteral("--set"), QStringLiteral("EU"), QStringLiteral("--remove"), QStringLiteral("EU") })
                                            << 2 << QStringLiteral("together");
        QTest::newRow("a bad format") << calendarCommand(db, { QStringLiteral("--format"), QStringLiteral("xml") }) << 2
                                      << QStringLiteral("json or table");
    }

    void badUsage()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, printed);
        const Run run = supportlens(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(printed), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(QStringLiteral("unused.sqlite"))); // nothing is created on bad usage
    }

    void theTopLevelHelpNamesTheCommand()
    {
        const Run run = supportlens({ QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("calendar --db FILE")), qPrintable(run.out));
    }

    void setListAndRemove()
    {
        const QString db = m_dir.filePath(QStringLiteral("calendars.sqlite"));
        Run run = supportlens(calendarCommand(db,
            { QStringLiteral("--set"), QStringLiteral("Support EU"), QStringLiteral("--timezone"),
                QStringLiteral("Europe/Berlin"), QStringLiteral("--hours"), QStringLiteral("Mon-Fri 09:00-17:00"),
                QStringLiteral("--hours"), QStringLiteral("Sat 10:00-14:00"), QStringLiteral("--holiday"),
                QStringLiteral("2025-12-25=Christmas"), QStringLiteral("--holiday"), QStringLiteral("2026-01-01"),
                QStringLiteral("--team"), QStringLiteral("Billing"), QStringLiteral("--default") }));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = supportlens(calendarCommand(db,
            { QStringLiteral("--set"), QStringLiteral("Night"), QStringLiteral("--timezone"),
                QStringLiteral("america/new_york"), QStringLiteral("--hours"), QStringLiteral("Sun-Thu 22:00-06:00"),
                QStringLiteral("--team"), QStringLiteral("Tier 2") }));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        run = supportlens(calendarCommand(db, {}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        for (const QString &shown :
            { QStringLiteral("Support EU"), QStringLiteral("Europe/Berlin"), QStringLiteral("Mon-Fri 09:00-17:00"),
                QStringLiteral("2025-12-25 Christmas"), QStringLiteral("Billing"), QStringLiteral("Night"),
                QStringLiteral("America/New_York"), QStringLiteral("Sun-Thu 22:00-06:00") }) {
            QVERIFY2(run.out.contains(shown), qPrintable(shown + QStringLiteral(" not in:\n") + run.out));
        }

        run = supportlens(calendarCommand(db, { QStringLiteral("--format"), QStringLiteral("json") }));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonArray calendars
            = QJsonDocument::fromJson(run.out.toUtf8()).object().value(QStringLiteral("calendars")).toArray();
        QCOMPARE(calendars.size(), 2);
        const QJsonObject night = calendars.at(0).toObject();
        const QJsonObject support = calendars.at(1).toObject();
        QCOMPARE(night.value(QStringLiteral("name")).toString(), QStringLiteral("Night"));
        QCOMPARE(night.value(QStringLiteral("default")).toBool(), false);
        QCOMPARE(night.value(QStringLiteral("shifts")).toArray().size(), 5);
        QCOMPARE(support.value(QStringLiteral("time_zone")).toString(), QStringLiteral("Europe/Berlin"));
        QCOMPARE(support.value(QStringLiteral("default")).toBool(), true);
        QCOMPARE(support.value(QStringLiteral("teams")).toArray(), QJsonArray { QStringLiteral("Billing") });
        QCOMPARE(support.value(QStringLiteral("hours")).toArray(),
            (QJsonArray { QStringLiteral("Mon-Fri 09:00-17:00"), QStringLiteral("Sat 10:00-14:00") }));
        QCOMPARE(support.value(QStringLiteral("holidays")).toArray().size(), 2);
        QCOMPARE(support.value(QStringLiteral("holidays"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
            QStringLiteral("Christmas"));

        run = supportlens(calendarCommand(db, { QStringLiteral("--remove"), QStringLiteral("night") }));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = supportlens(calendarCommand(db, { QStringLiteral("--remove"), QStringLiteral("night") }));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("no calendar named night")), qPrintable(run.err));

        QString error;
        std::optional<Database> database = Database::open(db, &error, sqlite::Connection::Mode::ReadOnly);
        QVERIFY2(database, qPrintable(error));
        const std::optional<std::vector<BusinessCalendar>> left = loadCalendars(*database, &error);
        QVERIFY2(left, qPrintable(error));
        QCOMPARE(left->size(), 1u);
        QCOMPARE(left->front().name, QStringLiteral("Support EU"));
    }

    void listingAMissingFileFails()
    {
        const Run run = supportlens(calendarCommand(m_dir.filePath(QStringLiteral("missing.sqlite")), {}));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("missing.sqlite")), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("missing.sqlite"))));
    }
};

QTEST_GUILESS_MAIN(TestCalendarCli)
#include "tst_calendarcli.moc"
