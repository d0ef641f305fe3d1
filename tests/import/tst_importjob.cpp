// The import pipeline end to end: a CSV file in, rows in SQLite out, and every way a file can
// be wrong leaving the database exactly as it was.

#include "services/importjob.h"
#include "store/database.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sl;

namespace {

// 2024-03-04 00:00:00 UTC: 2024-01-01 is 1704067200, plus 31 (Jan) + 29 (Feb) + 3 days.
constexpr std::int64_t march4th2024 = 1704067200 + 63 * 86400;

struct TicketFacts
{
    QString channel, agent, team, status, subject, tags;
    std::optional<std::int64_t> createdAt, firstReplyAt, solvedAt, reopens, replies, csatGood, csatOffered;
    std::optional<double> firstReplyMin, firstReplyBhMin, resolutionMin, resolutionBhMin, handleTimeS, csatScore;
};

std::optional<std::int64_t> optionalInt(sqlite::Statement &s, int column)
{
    return s.columnIsNull(column) ? std::nullopt : std::optional<std::int64_t>(s.columnInt(column));
}

std::optional<double> optionalDouble(sqlite::Statement &s, int column)
{
    return s.columnIsNull(column) ? std::nullopt : std::optional<double>(s.columnDouble(column));
}

TicketFacts ticket(Database &db, const QString &externalId)
{
    sqlite::Statement s = db.connection().prepare(
        "SELECT c.name, a.name, tm.name, t.status, t.subject, t.tags, t.created_at, t.first_reply_at, t.solved_at, "
        "t.reopens, t.agent_replies, t.csat_good, t.csat_offered, t.first_reply_min, t.first_reply_bh_min, "
        "t.resolution_min, t.resolution_bh_min, t.handle_time_s, t.csat_score FROM tickets t "
        "LEFT JOIN channels c ON c.id = t.channel_id LEFT JOIN agents a ON a.id = t.agent_id "
        "LEFT JOIN teams tm ON tm.id = t.team_id WHERE CAST(t.external_id AS TEXT) = ?1");
    s.bindText(1, externalId);
    TicketFacts facts;
    if (s.step() != sqlite::Statement::StepResult::Row)
        return facts;
    facts.channel = s.columnText(0);
    facts.agent = s.columnText(1);
    facts.team = s.columnText(2);
    facts.status = s.columnText(3);
    facts.subject = s.columnText(4);
    facts.tags = s.columnText(5);
    facts.createdAt = optionalInt(s, 6);
    facts.firstReplyAt = optionalInt(s, 7);
    facts.solvedAt = optionalInt(s, 8);
    facts.reopens = optionalInt(s, 9);
    facts.replies = optionalInt(s, 10);
    facts.csatGood = optionalInt(s, 11);
    facts.csatOffered = optionalInt(s, 12);
    facts.firstReplyMin = optionalDouble(s, 13);
    facts.firstReplyBhMin = optionalDouble(s, 14);
    facts.resolutionMin = optionalDouble(s, 15);
    facts.resolutionBhMin = optionalDouble(s, 16);
    facts.handleTimeS = optionalDouble(s, 17);
    facts.csatScore = optionalDouble(s, 18);
    return facts;
}

std::int64_t count(Database &db, const char *sql)
{
    return db.connection().queryInt(sql).value_or(-1);
}

ImportOptions utc()
{
    ImportOptions options;
    options.timeZone = QTimeZone::utc();
    return options;
}

} // namespace

class TestImportJob : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_dbCounter = 0;

    Database freshDatabase() { return test::freshDatabase(m_dir, ++m_dbCounter); }

private slots:
    void zendeskLegacyExportImportsEveryField()
    {
        Database db = freshDatabase();
        const ImportReport report = runImport(db, test::fixturePath(QStringLiteral("import/zendesk_legacy.csv")), utc());
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.profile, QStringLiteral("zendesk"));
        QCOMPARE(report.rowsRead, 3);
        QCOMPARE(report.inserted, 3);
        QCOMPARE(report.rejected, 0);

        const TicketFacts first = ticket(db, QStringLiteral("101"));
        QCOMPARE(first.channel, QStringLiteral("Email")); // "Mail"
        QCOMPARE(first.agent, QStringLiteral("Zoë Müller"));
        QCOMPARE(first.team, QStringLiteral("Tier 1"));
        QCOMPARE(first.subject, QStringLiteral("Refund, please"));
        QCOMPARE(first.tags, QStringLiteral("billing refund"));
        QCOMPARE(first.createdAt, march4th2024 + 9 * 3600 + 15 * 60);
        QCOMPARE(first.solvedAt, march4th2024 + 11 * 3600 + 45 * 60);
        QCOMPARE(first.firstReplyMin, 30.0);
        QCOMPARE(first.firstReplyBhMin, 30.0);
        QCOMPARE(first.resolutionMin, 150.0);
        QCOMPARE(first.handleTimeS, 540.0);
        QCOMPARE(first.csatGood, 1);
        QCOMPARE(first.csatOffered, 1);
        QCOMPARE(first.replies, 2);
        QCOMPARE(first.reopens, 0);

        const TicketFacts second = ticket(db, QStringLiteral("102"));
        QCOMPARE(second.channel, QStringLiteral("Web")); // "Web form"
        QCOMPARE(second.subject, QStringLiteral("Invoice says \"paid\" twice"));
        QCOMPARE(second.solvedAt, std::nullopt);
        QCOMPARE(second.csatGood, std::nullopt); // offered, not answered
        QCOMPARE(second.csatOffered, 1);

        const TicketFacts third = ticket(db, QStringLiteral("103"));
        QCOMPARE(third.channel, QStringLiteral("Phone")); // "Phone call (inbound)"
        QCOMPARE(third.subject, QStringLiteral("Login fails\nafter reset"));
        QCOMPARE(third.csatGood, 0);
        QCOMPARE(third.reopens, 1);

        QCOMPARE(count(db, "SELECT count(*) FROM agents"), 2);
        QCOMPARE(count(db, "SELECT count(*) FROM teams"), 2);
        QCOMPARE(count(db, "SELECT count(*) FROM customers"), 2); // Anna twice, Bob once
        QCOMPARE(count(db, "SELECT count(*) FROM channels"), 3);
        // Columns no field takes are kept, not dropped.
        // (tickets.extra holds their values in the order of imports.extra_columns.)
        QCOMPARE(count(db, "SELECT count(*) FROM tickets t JOIN imports i ON i.id = t.import_id, json_each(i.extra_columns) c "
                           "WHERE c.value = 'Organization' AND json_extract(t.extra, '$[' || c.key || ']') = 'Acme'"),
                 2);
        QCOMPARE(count(db, "SELECT count(*) FROM imports WHERE rows_read = 3 AND inserted = 3 AND length(sha256) = 64"), 1);
    }

    void exportTimeZoneTurnsLocalTimesIntoUtc()
    {
        Database db = freshDatabase();
        ImportOptions options;
        options.timeZone = QTimeZone("Europe/Berlin");
        QCOMPARE(runImport(db, test::fixturePath(QStringLiteral("import/zendesk_legacy.csv")), options).outcome,
                 ImportReport::Outcome::Imported);
        // 09:15 in Berlin in March is CET, UTC+1: 08:15 UTC.
        QCOMPARE(ticket(db, QStringLiteral("101")).createdAt, march4th2024 + 8 * 3600 + 15 * 60);

        // Explore writes explicit "Z" times: the option must not shift them.
        QCOMPARE(runImport(db, test::fixturePath(QStringLiteral("import/zendesk_explore.csv")), options).outcome,
                 ImportReport::Outcome::Imported);
        // 2024-05-01 00:00 UTC = 1704067200 + 121 days; ticket 201 was created at 10:00Z.
        QCOMPARE(ticket(db, QStringLiteral("201")).createdAt, 1704067200 + 121 * 86400 + 10 * 3600);
    }

    void zendeskExploreExport()
    {
        Database db = freshDatabase();
        const ImportReport report = runImport(db, test::fixturePath(QStringLiteral("import/zendesk_explore.csv")), utc());
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.profile, QStringLiteral("zendesk-explore"));
        const TicketFacts solved = ticket(db, QStringLiteral("201"));
        QCOMPARE(solved.resolutionMin, 390.0); // 6.50 hours
        QCOMPARE(solved.firstReplyMin, 45.0);
        QCOMPARE(solved.csatGood, 1);
        const TicketFacts open = ticket(db, QStringLiteral("202"));
        QCOMPARE(open.channel, QStringLiteral("Chat"));
        QCOMPARE(open.csatOffered, 0); // "Not offered"
        QCOMPARE(open.tags, QStringLiteral("bug export"));
    }

    void freshdeskExportKeepsBusinessHoursApart()
    {
        Database db = freshDatabase();
        const ImportReport report = runImport(db, test::fixturePath(QStringLiteral("import/freshdesk.csv")), utc());
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.profile, QStringLiteral("freshdesk"));
        // 2024-06-03 00:00 UTC = 1704067200 + 154 days.
        const std::int64_t june3rd = 1704067200 + 154 * 86400;
        const TicketFacts first = ticket(db, QStringLiteral("301"));
        QCOMPARE(first.channel, QStringLiteral("Web")); // "Portal"
        QCOMPARE(first.createdAt, june3rd + 9 * 3600);
        QCOMPARE(first.firstReplyAt, june3rd + 9 * 3600 + 30 * 60);
        QCOMPARE(first.solvedAt, june3rd + 12 * 3600);
        // "(in hrs)" columns are business hours: they fill the _bh fields and nothing else.
        QCOMPARE(first.firstReplyBhMin, 30.0);
        QCOMPARE(first.resolutionBhMin, 180.0);
        QCOMPARE(first.firstReplyMin, std::nullopt);
        QCOMPARE(first.resolutionMin, std::nullopt);
        QCOMPARE(first.handleTimeS, 1200.0); // 00:20:00
        QCOMPARE(first.tags, QStringLiteral("login password"));
        QCOMPARE(first.csatGood, 1);
        QCOMPARE(first.csatScore, 5.0);

        const TicketFacts second = ticket(db, QStringLiteral("302"));
        QCOMPARE(second.solvedAt, june3rd + 86400 + 10 * 3600); // no "Resolved time": "Closed time"
        QCOMPARE(second.csatGood, 0);
        QCOMPARE(second.csatScore, 2.0);
    }

    void genericProfileTellsTimestampsFromDurations()
    {
        Database db = freshDatabase();
        const ImportReport report =
            runImport(db, test::fixturePath(QStringLiteral("import/generic_kaggle_style.csv")), utc());
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.profile, QStringLiteral("generic"));
        const TicketFacts first = ticket(db, QStringLiteral("1"));
        QCOMPARE(first.channel, QStringLiteral("Social")); // "Social media"
        QVERIFY(first.firstReplyAt.has_value());
        QVERIFY(first.solvedAt.has_value());
        QCOMPARE(first.firstReplyMin, std::nullopt);
        QCOMPARE(first.createdAt, std::nullopt);
        QCOMPARE(first.csatScore, 3.0);
        QCOMPARE(first.csatGood, 0);
        QVERIFY(report.notes.join(QLatin1Char('\n')).contains(QStringLiteral("no creation time column")));
    }

    void reimportingTheSameFileChangesNothing()
    {
        Database db = freshDatabase();
        const QString file = test::fixturePath(QStringLiteral("import/zendesk_legacy.csv"));
        QCOMPARE(runImport(db, file, utc()).inserted, 3);
        const QByteArray ticketsBefore = ticketFingerprint(db);
        const ImportReport again = runImport(db, file, utc());
        QCOMPARE(again.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(again.inserted, 0);
        QCOMPARE(again.updated, 0);
        QCOMPARE(again.unchanged, 3);
        QCOMPARE(count(db, "SELECT count(*) FROM tickets"), 3);
        QCOMPARE(ticketFingerprint(db), ticketsBefore);
        QCOMPARE(count(db, "SELECT count(*) FROM imports"), 2); // both imports are on record
    }

    void overlappingLaterExportUpdatesRows()
    {
        Database db = freshDatabase();
        const QByteArray header = "Ticket ID,Subject,Status,Created at,Solved at\n";
        const QString january = test::writeFile(QDir(m_dir.path()), QStringLiteral("jan.csv"),
                                                header + "1,A,open,2024-01-30 10:00,\n2,B,solved,2024-01-31 10:00,2024-01-31 12:00\n");
        const QString february = test::writeFile(QDir(m_dir.path()), QStringLiteral("feb.csv"),
                                                 header + "1,A,solved,2024-01-30 10:00,2024-02-01 09:00\n"
                                                          "2,B,solved,2024-01-31 10:00,2024-01-31 12:00\n"
                                                          "3,C,open,2024-02-02 10:00,\n");
        QCOMPARE(runImport(db, january, utc()).inserted, 2);
        const ImportReport report = runImport(db, february, utc());
        QCOMPARE(report.inserted, 1);
        QCOMPARE(report.updated, 1);
        QCOMPARE(report.unchanged, 1);
        QCOMPARE(count(db, "SELECT count(*) FROM tickets"), 3);
        QCOMPARE(ticket(db, QStringLiteral("1")).status, QStringLiteral("solved"));
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<bool>("fileFails");     // the whole file is refused
        QTest::addColumn<qint64>("rejectedLine"); // else: the line of the one rejected row
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("messagePart");

        const QByteArray header = "Ticket ID,Subject,Created at,First reply time (min)\n";
        QTest::newRow("a binary file") << QByteArray("\x7f" "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00", 20)
                                       << true << qint64(0) << QString() << QStringLiteral("");
        QTest::newRow("an empty file") << QByteArray() << true << qint64(0) << QString() << QStringLiteral("empty");
        QTest::newRow("a header and no rows") << header << true << qint64(0) << QString() << QStringLiteral("no data rows");
        QTest::newRow("a header no profile recognises")
            << QByteArray("colour,shape,size\nred,round,3\n") << true << qint64(0) << QString()
            << QStringLiteral("not one of a known ticket export");
        QTest::newRow("a quote left open at the end of the file")
            << header + "1,Fine,2024-01-01 10:00,5\n2,\"Never closed,2024-01-01 11:00,5\n3,x,2024-01-01 12:00,5\n"
            << false << qint64(3) << QString() << QStringLiteral("");
        QTest::newRow("a row with too few fields")
            << header + "1,Fine,2024-01-01 10:00,5\n2,Short\n" << false << qint64(3) << QString()
            << QStringLiteral("expected 4 fields");
        QTest::newRow("a row with too many fields")
            << header + "1,Fine,2024-01-01 10:00,5\n2,Long,2024-01-01 10:00,5,surprise\n" << false << qint64(3)
            << QString() << QStringLiteral("found 5");
        QTest::newRow("an unparseable date")
            << header + "1,Fine,2024-01-01 10:00,5\n2,Bad date,yesterday-ish,5\n" << false << qint64(3)
            << QStringLiteral("Created at") << QStringLiteral("expected a date-time");
        QTest::newRow("an unparseable duration")
            << header + "1,Fine,2024-01-01 10:00,5\n2,Bad duration,2024-01-01 10:00,soon\n" << false << qint64(3)
            << QStringLiteral("First reply time (min)") << QStringLiteral("expected a duration");
        QTest::newRow("a row without its id")
            << header + "1,Fine,2024-01-01 10:00,5\n,No id,2024-01-01 10:00,5\n" << false << qint64(3)
            << QStringLiteral("Ticket ID") << QStringLiteral("id is empty");
    }

    void badInput()
    {
        QFETCH(QByteArray, content);
        QFETCH(bool, fileFails);
        QFETCH(qint64, rejectedLine);
        QFETCH(QString, column);
        QFETCH(QString, messagePart);

        Database db = freshDatabase();
        // Something already in the database that a bad file must not disturb.
        QCOMPARE(runImport(db, test::fixturePath(QStringLiteral("import/zendesk_legacy.csv")), utc()).outcome,
                 ImportReport::Outcome::Imported);
        const QByteArray before = test::databaseFingerprint(db.connection());

        const QString path = test::writeFile(QDir(m_dir.path()), QStringLiteral("bad.csv"), content);
        const ImportReport report = runImport(db, path, utc());
        if (fileFails) {
            QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
            QVERIFY2(!report.error.isEmpty(), "a failed file says why");
            QVERIFY2(report.error.contains(messagePart), qPrintable(report.error));
            QCOMPARE(test::databaseFingerprint(db.connection()), before);
            return;
        }
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.rejected, 1);
        QCOMPARE(report.issues.size(), std::size_t(1));
        QCOMPARE(report.issues[0].line, rejectedLine);
        QCOMPARE(report.issues[0].column, column);
        QVERIFY2(report.issues[0].message.contains(messagePart), qPrintable(report.issues[0].message));
        QVERIFY(report.inserted >= 1); // the good rows are in

        // With --strict the same file imports nothing at all.
        Database strictDb = freshDatabase();
        const QByteArray strictBefore = test::databaseFingerprint(strictDb.connection());
        ImportOptions strict = utc();
        strict.strict = true;
        const ImportReport strictReport = runImport(strictDb, path, strict);
        QCOMPARE(strictReport.outcome, ImportReport::Outcome::Failed);
        QVERIFY2(strictReport.error.contains(QStringLiteral("line %1").arg(rejectedLine)), qPrintable(strictReport.error));
        QCOMPARE(test::databaseFingerprint(strictDb.connection()), strictBefore);
    }

    void unreadableFilesFailWithoutTouchingTheDatabase_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("a file that does not exist") << m_dir.filePath(QStringLiteral("missing.csv"));
        QTest::newRow("a folder instead of a file") << m_dir.path();
    }

    void unreadableFilesFailWithoutTouchingTheDatabase()
    {
        QFETCH(QString, path);
        Database db = freshDatabase();
        const QByteArray before = test::databaseFingerprint(db.connection());
        const ImportReport report = runImport(db, path, utc());
        QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
        QVERIFY(!report.error.isEmpty());
        QCOMPARE(test::databaseFingerprint(db.connection()), before);
    }

    void cancellingLeavesTheDatabaseAsItWas()
    {
        QByteArray content = "Ticket ID,Subject,Created at\n";
        for (int i = 1; i <= 20000; ++i)
            content += QByteArray::number(i) + ",Subject " + QByteArray::number(i) + ",2024-01-01 10:00\n";
        const QString path = test::writeFile(QDir(m_dir.path()), QStringLiteral("big.csv"), content);
        Database db = freshDatabase();
        QCOMPARE(runImport(db, test::fixturePath(QStringLiteral("import/freshdesk.csv")), utc()).outcome,
                 ImportReport::Outcome::Imported);
        const QByteArray before = test::databaseFingerprint(db.connection());
        int calls = 0;
        const ImportReport report = runImport(db, path, utc(), [&calls](std::int64_t done, std::int64_t total) {
            [&] { QVERIFY(done <= total); }();
            return ++calls < 2; // cancel on the second report, mid-file
        });
        QCOMPARE(report.outcome, ImportReport::Outcome::Cancelled);
        QCOMPARE(calls, 2);
        QCOMPARE(test::databaseFingerprint(db.connection()), before);
        // And the same file imports completely afterwards.
        QCOMPARE(runImport(db, path, utc()).inserted, 20000);
    }

    void dayFirstDatesAreDecidedFromTheData()
    {
        // 01/02 alone could be either; 13/02 later in the file settles it as day-first.
        QByteArray content = "Ticket ID,Subject,Created at\n";
        for (int i = 1; i <= 30000; ++i)
            content += QByteArray::number(i) + ",s,01/02/2024 10:00\n";
        content += "30001,s,13/02/2024 10:00\n";
        const QString path = test::writeFile(QDir(m_dir.path()), QStringLiteral("dayfirst.csv"), content);
        Database db = freshDatabase();
        const ImportReport report = runImport(db, path, utc());
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.rejected, 0);
        // 1 February 2024, 10:00 UTC = 1704067200 + 31 days + 10 h.
        QCOMPARE(ticket(db, QStringLiteral("1")).createdAt, 1704067200 + 31 * 86400 + 10 * 3600);
    }

    void anAmbiguousDateColumnFollowsTheFilesOtherDates()
    {
        // "Solved at" alone (02/03) fits both orders; "Created at" (13/02) proves day-first.
        const QString path = test::writeFile(QDir(m_dir.path()), QStringLiteral("shared-order.csv"),
                                             "Ticket ID,Subject,Created at,Solved at\n1,s,13/02/2024 10:00,02/03/2024 11:00\n");
        Database db = freshDatabase();
        const ImportReport report = runImport(db, path, utc());
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        // 2 March 2024 11:00 UTC = 1704067200 + (31 + 29 + 1) days + 11 h.
        QCOMPARE(ticket(db, QStringLiteral("1")).solvedAt, 1704067200 + 61 * 86400 + 11 * 3600);
    }

    void aChosenDateOrderDecidesWhereTheDataCannot_data()
    {
        QTest::addColumn<int>("order");
        QTest::addColumn<std::int64_t>("createdAt");
        // 01/02/2024 10:00 UTC: 1 February (day-first) or 2 January (month-first).
        QTest::newRow("day-first") << int(DateOrder::DayFirst) << std::int64_t(1704067200 + 31 * 86400 + 10 * 3600);
        QTest::newRow("month-first") << int(DateOrder::MonthFirst) << std::int64_t(1704067200 + 86400 + 10 * 3600);
    }

    void aChosenDateOrderDecidesWhereTheDataCannot()
    {
        QFETCH(int, order);
        QFETCH(std::int64_t, createdAt);
        const QString path = test::writeFile(QDir(m_dir.path()), QStringLiteral("chosen-order.csv"),
                                             "Ticket ID,Subject,Created at\n1,s,01/02/2024 10:00\n");
        Database db = freshDatabase();
        ImportOptions options = utc();
        options.dateOrder = DateOrder(order);
        const ImportReport report = runImport(db, path, options);
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(ticket(db, QStringLiteral("1")).createdAt, createdAt);
    }

    void columnOverridesRebindAndUnbindColumns()
    {
        const QString path = test::writeFile(QDir(m_dir.path()), QStringLiteral("overrides.csv"),
                                             "Ticket ID,Subject,Status,Note,Created at\n"
                                             "1,Login fails,open,VIP,2024-01-01 10:00\n");
        Database db = freshDatabase();
        ImportOptions options = utc();
        // Status kept as an extra column; subject read from "Note" (so "Subject" is left unbound).
        options.columnOverrides = {{QStringLiteral("Status"), QString()},
                                   {QStringLiteral("Note"), QStringLiteral("subject")}};
        const ImportReport report = runImport(db, path, options);
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        const TicketFacts facts = ticket(db, QStringLiteral("1"));
        QCOMPARE(facts.subject, QStringLiteral("VIP"));
        QVERIFY(facts.status.isEmpty());
        QCOMPARE(count(db, "SELECT count(*) FROM tickets WHERE status IS NULL"), 1);
        // Nothing is lost: the unbound columns are the import's extra columns.
        sqlite::Statement imports = db.connection().prepare("SELECT extra_columns FROM imports");
        QVERIFY(imports.step() == sqlite::Statement::StepResult::Row);
        QCOMPARE(imports.columnText(0), QStringLiteral("[\"Subject\",\"Status\"]"));

        options.columnOverrides = {{QStringLiteral("Status"), QStringLiteral("no_such_field")}};
        const ImportReport refused = runImport(db, path, options);
        QCOMPARE(refused.outcome, ImportReport::Outcome::Failed);
        QVERIFY2(refused.error.contains(QStringLiteral("no_such_field")), qPrintable(refused.error));
    }

    // Found by fuzz_ticketmapper: an extra value that starts with a U+FEFF (a BOM pasted into a
    // cell) is stored byte for byte. (QJsonDocument drops it when reading the value back, which
    // the fuzz target allows for; SQLite's JSON functions keep it.)
    void anExtraValueKeepsALeadingByteOrderMark()
    {
        const QString path = test::writeFile(QDir(m_dir.path()), QStringLiteral("bom-cell.csv"),
                                             "Ticket ID,Subject,Status,Created at,Note\n"
                                             "1,Login fails,open,2024-01-01 10:00,\xEF\xBB\xBF" "ket Priority\n");
        Database db = freshDatabase();
        QCOMPARE(runImport(db, path, utc()).outcome, ImportReport::Outcome::Imported);
        sqlite::Statement extra = db.connection().prepare("SELECT hex(json_extract(extra, '$[0]')) FROM tickets");
        QVERIFY(extra.step() == sqlite::Statement::StepResult::Row);
        const QByteArray expected = QByteArray("\xEF\xBB\xBF" "ket Priority").toHex().toUpper();
        QCOMPARE(extra.columnText(0), QString::fromLatin1(expected));
    }

    void kaggleCustomerSupportTickets()
    {
        const QString path = test::sharedDataPath(QStringLiteral("real/kaggle-customer-support-tickets/customer_support_tickets.csv"));
        if (path.isEmpty())
            QSKIP("../shared/data/real is not here (it is not part of a clone)");
        Database db = freshDatabase();
        const ImportReport report = runImport(db, path, utc());
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.profile, QStringLiteral("generic"));
        // SOURCES.md: 8,469 records; Open 2,819 (nothing), Pending 2,881 (first response only),
        // Closed 2,769 (first response, resolution and rating).
        QCOMPARE(report.rowsRead, 8469);
        QCOMPARE(report.inserted, 8469);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(count(db, "SELECT count(*) FROM tickets WHERE first_reply_at IS NOT NULL"), 2881 + 2769);
        QCOMPARE(count(db, "SELECT count(*) FROM tickets WHERE solved_at IS NOT NULL"), 2769);
        QCOMPARE(count(db, "SELECT count(*) FROM tickets WHERE csat_score IS NOT NULL"), 2769);
        QCOMPARE(count(db, "SELECT count(*) FROM tickets WHERE created_at IS NOT NULL"), 0);
        QCOMPARE(count(db, "SELECT count(*) FROM tickets WHERE status = 'Closed'"), 2769);
        QCOMPARE(count(db, "SELECT count(*) FROM channels"), 4); // Email, Phone, Chat, Social
        // Email 2,143, Phone 2,132, "Social media" 2,121, Chat 2,073 (counted with Python's csv module).
        QCOMPARE(count(db, "SELECT count(*) FROM tickets t JOIN channels c ON c.id = t.channel_id WHERE c.name = 'Social'"),
                 2121);
        QCOMPARE(count(db, "SELECT count(*) FROM tickets t JOIN channels c ON c.id = t.channel_id WHERE c.name = 'Email'"),
                 2143);
        // The description, which no field takes, is kept with its embedded newlines.
        QCOMPARE(count(db, "SELECT count(*) FROM tickets t JOIN imports i ON i.id = t.import_id, json_each(i.extra_columns) c "
                           "WHERE c.value = 'Ticket Description' AND json_extract(t.extra, '$[' || c.key || ']') "
                           "LIKE '%' || char(10) || '%'"),
                 6150);
        // Ticket 1, from the file's first record: first response 2023-06-01 12:15:36 UTC.
        QCOMPARE(ticket(db, QStringLiteral("1")).firstReplyAt, 1685621736);
        QCOMPARE(runImport(db, path, utc()).unchanged, 8469);
    }

private:
    static QByteArray ticketFingerprint(Database &db)
    {
        sqlite::Statement s = db.connection().prepare("SELECT * FROM tickets ORDER BY id");
        QCryptographicHash hash(QCryptographicHash::Sha256);
        while (s.step() == sqlite::Statement::StepResult::Row) {
            for (int c = 0; c < s.columnCount(); ++c) {
                const std::string_view text = s.columnUtf8(c);
                hash.addData(QByteArrayView(text.data(), qsizetype(text.size())));
                hash.addData(QByteArrayView("|"));
            }
        }
        return hash.result().toHex();
    }
};

QTEST_GUILESS_MAIN(TestImportJob)
#include "tst_importjob.moc"
