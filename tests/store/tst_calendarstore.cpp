// Business-hours calendars in the database: what is saved reads back, a name is replaced not
// duplicated, removing leaves no rows behind, one default at most, every write bumps the data
// version, and a read-only file refuses.

#include "store/calendarstore.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sl;

namespace {

BusinessCalendar supportEu()
{
    // In the order loadCalendars returns them: shifts by weekday and start, holidays by day,
    // teams by name.
    BusinessCalendar calendar;
    calendar.name = QStringLiteral("Support EU");
    calendar.timeZoneId = QStringLiteral("Europe/Berlin");
    for (int weekday = 1; weekday <= 5; ++weekday)
        calendar.shifts.push_back({ weekday, 9 * 60, 17 * 60 });
    calendar.shifts.push_back({ 7, 22 * 60, 6 * 60 }); // Sunday night into Monday
    calendar.holidays = { { QDate(2025, 12, 25), QStringLiteral("Christmas") }, { QDate(2026, 1, 1), QString() } };
    calendar.isDefault = true;
    calendar.teams = { QStringLiteral("Billing"), QStringLiteral("Tier 2") };
    return calendar;
}

BusinessCalendar night()
{
    BusinessCalendar calendar;
    calendar.name = QStringLiteral("Night");
    calendar.timeZoneId = QStringLiteral("UTC");
    calendar.shifts = { { 1, 22 * 60, 6 * 60 } };
    return calendar;
}

std::int64_t count(Database &db, const char *sql)
{
    return db.connection().queryInt(sql).value_or(-1);
}

} // namespace

class TestCalendarStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_files = 0;

    Database freshDatabase() { return test::freshDatabase(m_dir, ++m_files); }

private slots:
    void aSavedCalendarReadsBackAsSaved()
    {
        Database db = freshDatabase();
        QString error;
        const std::optional<std::vector<BusinessCalendar>> none = loadCalendars(db, &error);
        QVERIFY2(none, qPrintable(error));
        QVERIFY(none->empty());

        QVERIFY2(saveCalendar(db, supportEu(), &error), qPrintable(error));
        QVERIFY2(saveCalendar(db, night(), &error), qPrintable(error));
        const std::optional<std::vector<BusinessCalendar>> loaded = loadCalendars(db, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->size(), 2u);
        QVERIFY(loaded->at(0) == night()); // by name: Night, Support EU
        QVERIFY(loaded->at(1) == supportEu());
        // The teams were not known yet: now they are.
        QCOMPARE(count(db, "SELECT count(*) FROM teams"), 2);
    }

    void savingTheSameNameReplaces()
    {
        Database db = freshDatabase();
        QString error;
        QVERIFY2(saveCalendar(db, supportEu(), &error), qPrintable(error));
        const std::int64_t id = count(db, "SELECT id FROM calendars");

        BusinessCalendar replacement;
        replacement.name = QStringLiteral("support eu"); // any case names the same calendar
        replacement.timeZoneId = QStringLiteral("America/New_York");
        replacement.shifts = { { 6, 10 * 60, 14 * 60 } };
        replacement.teams = { QStringLiteral("tier 2") };
        QVERIFY2(saveCalendar(db, replacement, &error), qPrintable(error));

        const std::optional<std::vector<BusinessCalendar>> loaded = loadCalendars(db, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->size(), 1u);
        const BusinessCalendar &saved = loaded->front();
        QCOMPARE(saved.name, QStringLiteral("support eu"));
        QCOMPARE(saved.timeZoneId, QStringLiteral("America/New_York"));
        QVERIFY(saved.shifts == replacement.shifts);
        QVERIFY(saved.holidays.empty());
        QVERIFY(!saved.isDefault);
        // "tier 2" is the team "Tier 2" already there, not a second one.
        QCOMPARE(saved.teams, QStringList { QStringLiteral("Tier 2") });
        QCOMPARE(count(db, "SELECT count(*) FROM teams"), 2);
        QCOMPARE(count(db, "SELECT id FROM calendars"), id);
        QCOMPARE(count(db, "SELECT count(*) FROM calendar_shifts"), 1);
        QCOMPARE(count(db, "SELECT count(*) FROM calendar_holidays"), 0);
        QCOMPARE(count(db, "SELECT count(*) FROM team_calendars"), 1);
    }

    void aTeamMovesToTheCalendarThatNamesIt()
    {
        Database db = freshDatabase();
        QString error;
        QVERIFY(db.connection().exec("INSERT INTO teams (name) VALUES ('Billing')"));
        QVERIFY2(saveCalendar(db, supportEu(), &error), qPrintable(error));
        BusinessCalendar nightShift = night();
        nightShift.teams = { QStringLiteral("BILLING") };
        QVERIFY2(saveCalendar(db, nightShift, &error), qPrintable(error));
        const std::optional<std::vector<BusinessCalendar>> loaded = loadCalendars(db, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->at(0).teams, QStringList { QStringLiteral("Billing") });
        QCOMPARE(loaded->at(1).teams, QStringList { QStringLiteral("Tier 2") });
        QCOMPARE(count(db, "SELECT count(*) FROM teams"), 2);
    }

    void removingDeletesEveryRowOfTheCalendar()
    {
        Database db = freshDatabase();
        QString error;
        QVERIFY2(saveCalendar(db, supportEu(), &error), qPrintable(error));
        QVERIFY2(saveCalendar(db, night(), &error), qPrintable(error));
        QVERIFY2(removeCalendar(db, QStringLiteral("SUPPORT EU"), &error), qPrintable(error));

        const std::optional<std::vector<BusinessCalendar>> loaded = loadCalendars(db, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->size(), 1u);
        QCOMPARE(loaded->front().name, QStringLiteral("Night"));
        // Foreign keys are not enforced: nothing may be left pointing at the removed calendar.
        for (const char *table : { "calendar_shifts", "calendar_holidays", "team_calendars" }) {
            const std::string sql
                = std::string("SELECT count(*) FROM ") + table + " WHERE calendar_id NOT IN (SELECT id FROM calendars)";
            QCOMPARE(count(db, sql.c_str()), 0);
        }
        QCOMPARE(count(db, "SELECT count(*) FROM teams"), 2); // teams stay: tickets refer to them

        const std::int64_t version = db.dataVersion();
        QVERIFY(!removeCalendar(db, QStringLiteral("Support EU"), &error));
        QVERIFY2(error.contains(QStringLiteral("no calendar named Support EU")), qPrintable(error));
        QCOMPARE(db.dataVersion(), version);
    }

    void thereIsAtMostOneDefault()
    {
        Database db = freshDatabase();
        QString error;
        QVERIFY2(saveCalendar(db, supportEu(), &error), qPrintable(error));
        BusinessCalendar nightShift = night();
        nightShift.isDefault = true;
        QVERIFY2(saveCalendar(db, nightShift, &error), qPrintable(error));
        QCOMPARE(count(db, "SELECT count(*) FROM calendars WHERE is_default <> 0"), 1);
        const std::optional<std::vector<BusinessCalendar>> loaded = loadCalendars(db, &error);
        QVERIFY2(loaded, qPrintable(error));
        QVERIFY(loaded->at(0).isDefault); // Night
        QVERIFY(!loaded->at(1).isDefault); // Support EU
        // Saving a calendar that is not the default leaves the default alone.
        QVERIFY2(saveCalendar(
                     db,
                     [] {
                         BusinessCalendar c = supportEu();
                         c.isDefault = false;
                         return c;
                     }(),
                     &error),
            qPrintable(error));
        QCOMPARE(count(db, "SELECT name = 'Night' FROM calendars WHERE is_default <> 0"), 1);
    }

    void everyWriteBumpsTheDataVersion()
    {
        Database db = freshDatabase();
        QString error;
        const std::int64_t start = db.dataVersion();
        QVERIFY2(saveCalendar(db, supportEu(), &error), qPrintable(error));
        QCOMPARE(db.dataVersion(), start + 1);
        QVERIFY2(saveCalendar(db, supportEu(), &error), qPrintable(error));
        QCOMPARE(db.dataVersion(), start + 2);
        QVERIFY2(removeCalendar(db, QStringLiteral("Support EU"), &error), qPrintable(error));
        QCOMPARE(db.dataVersion(), start + 3);
    }

    void anInvalidCalendarIsRefusedUnwritten()
    {
        Database db = freshDatabase();
        QString error;
        QVERIFY2(saveCalendar(db, night(), &error), qPrintable(error));
        const QByteArray before = test::databaseFingerprint(db.connection());
        BusinessCalendar overlapping = supportEu();
        overlapping.shifts.push_back({ 1, 16 * 60, 18 * 60 });
        QVERIFY(!saveCalendar(db, overlapping, &error));
        QVERIFY2(error.contains(QStringLiteral("overlap")), qPrintable(error));
        BusinessCalendar unknownZone = night();
        unknownZone.timeZoneId = QStringLiteral("Mars/Olympus");
        QVERIFY(!saveCalendar(db, unknownZone, &error));
        QVERIFY2(error.contains(QStringLiteral("Mars/Olympus")), qPrintable(error));
        QCOMPARE(test::databaseFingerprint(db.connection()), before);
    }

    void aReadOnlyDatabaseRefusesWithAMessage()
    {
        const QString path = m_dir.filePath(QStringLiteral("readonly.sqlite"));
        QString error;
        {
            std::optional<Database> db = Database::open(path, &error);
            QVERIFY2(db, qPrintable(error));
            QVERIFY2(saveCalendar(*db, night(), &error), qPrintable(error));
        }
        std::optional<Database> db = Database::open(path, &error, sqlite::Connection::Mode::ReadOnly);
        QVERIFY2(db, qPrintable(error));
        const QByteArray before = test::databaseFingerprint(db->connection());

        error.clear();
        QVERIFY(!saveCalendar(*db, supportEu(), &error));
        QVERIFY2(error.contains(QStringLiteral("Support EU")) && error.contains(QStringLiteral("readonly.sqlite")),
            qPrintable(error));
        error.clear();
        QVERIFY(!removeCalendar(*db, QStringLiteral("Night"), &error));
        QVERIFY2(error.contains(QStringLiteral("Night")), qPrintable(error));
        QCOMPARE(test::databaseFingerprint(db->connection()), before);
        // Reading still works.
        const std::optional<std::vector<BusinessCalendar>> loaded = loadCalendars(*db, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->size(), 1u);
    }
};

QTEST_GUILESS_MAIN(TestCalendarStore)
#include "tst_calendarstore.moc"
