// Call-centre logs imported end to end: each profile's fixture detected and written with the
// values it holds (answered or abandoned, wait, talk, the dates), bad values rejected with their
// line, column and what was expected, importing again changing nothing, the real PwC and
// simulated call-centre logs, and the Kaggle daily aggregates refused with the reason.

#include "services/importjob.h"
#include "store/database.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

using namespace sl;

namespace {

ImportOptions utc()
{
    ImportOptions options;
    options.timeZone = QTimeZone::utc();
    return options;
}

QString q(const char *text)
{
    return QString::fromUtf8(text);
}

// The text of one row, "NULL" for SQL NULL, so that a row compares as one string.
QString row(Database &db, const char *sql, const QString &key)
{
    sqlite::Statement s = db.connection().prepare(sql);
    s.bindText(1, key);
    if (s.step() != sqlite::Statement::StepResult::Row)
        return QStringLiteral("(no row)");
    QStringList values;
    for (int column = 0; column < s.columnCount(); ++column)
        values.append(s.columnIsNull(column) ? QStringLiteral("NULL") : s.columnText(column));
    return values.join(QLatin1Char('|'));
}

QString text(Database &db, const char *sql)
{
    sqlite::Statement s = db.connection().prepare(sql);
    return s.step() == sqlite::Statement::StepResult::Row ? s.columnText(0) : QString();
}

std::int64_t count(Database &db, const char *sql)
{
    return db.connection().queryInt(sql).value_or(-1);
}

// A call as the tests read it: start (UTC), answered, wait, talk, hold, after-call work, FCR flag,
// rating, agent, queue, topic.
const char *callSql
    = "SELECT strftime('%Y-%m-%d %H:%M:%S', c.started_at, 'unixepoch'), c.answered, c.wait_s, c.talk_s, c.hold_s, "
      "c.acw_s, c.resolved_first_contact, c.satisfaction, a.name, t.name, c.topic FROM calls c "
      "LEFT JOIN agents a ON a.id = c.agent_id LEFT JOIN teams t ON t.id = c.team_id "
      "WHERE CAST(c.external_id AS TEXT) = ?1";
const char *extraSql = "SELECT extra FROM calls WHERE CAST(external_id AS TEXT) = ?1";

// The rows of the tables an import of calls writes, hashed: what "re-import changes nothing" compares.
QByteArray callsFingerprint(Database &db)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const char *sql : {"SELECT * FROM calls ORDER BY id", "SELECT * FROM agents ORDER BY id",
             "SELECT * FROM teams ORDER BY id", "SELECT version FROM data_version"}) {
        sqlite::Statement s = db.connection().prepare(sql);
        while (s.step() == sqlite::Statement::StepResult::Row) {
            for (int column = 0; column < s.columnCount(); ++column)
                hash.addData(
                    (s.columnIsNull(column) ? QStringLiteral("\x01N") : s.columnText(column) + QStringLiteral("\x01V"))
                        .toUtf8());
        }
    }
    return hash.result().toHex();
}

const QByteArray pwcHeader = "\xEF\xBB\xBF"
                             "Call Id,Agent,Date,Time,Topic,Answered (Y/N),Resolved,Speed of answer in seconds,"
                             "AvgTalkDuration,Satisfaction rating,Column1,,\r\n"
                             "ID0001,Diane,01/01/2021,9:12:58,Contract related,Y,Y,109,0:02:23,3,1,,\r\n";

} // namespace

class TestCallImport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_dbCounter = 0;

    Database freshDatabase() { return test::freshDatabase(m_dir, ++m_dbCounter); }

private slots:
    // A duration column chosen in the import dialog is read in the unit its own name says:
    // swapping the wait and talk columns of a log that times them in seconds and in minutes.
    void aDurationMovedByAMappingEditKeepsItsColumnsUnit()
    {
        Database db = freshDatabase();
        ImportOptions options = utc();
        options.columnOverrides = {{q("Wait Time (sec)"), q("talk_s")}, {q("Talk Time (min)"), q("wait_s")}};
        const ImportReport report = runImport(db, test::fixturePath(q("calls/generic_calls.csv")), options);
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.profile, q("generic-calls"));
        // G-1001: "Wait Time (sec)" 12, "Talk Time (min)" 4.5.
        QCOMPARE(row(db, "SELECT wait_s, talk_s FROM calls WHERE CAST(external_id AS TEXT) = ?1", q("G-1001")),
                 q("270.0|12.0"));
    }

    void eachFixtureIsDetectedAndImported_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");

        const QString pwc = q("calls/pwc_calls.csv");
        QTest::newRow("PwC: an answered, resolved call; date and time in two columns")
            << pwc << q("pwc-calls") << 4 << q("ID0001")
            << q("2021-01-01 09:12:58|1|109.0|143.0|NULL|NULL|1|3.0|Diane|NULL|Contract related");
        QTest::newRow("PwC: 01/02/2021 is the 1st of February, as 13/02/2021 proves day-first")
            << pwc << q("pwc-calls") << 4 << q("ID0002")
            << q("2021-02-01 09:12:58|1|17.0|242.0|NULL|NULL|0|5.0|Becky|NULL|Technical Support");
        QTest::newRow("PwC: an unanswered call is abandoned, its rating 0 no rating")
            << pwc << q("pwc-calls") << 4 << q("ID0003")
            << q("2021-02-13 10:47:31|0|NULL|NULL|NULL|NULL|NULL|NULL|Stewart|NULL|Payment related");
        QTest::newRow("PwC: a talk time over an hour")
            << pwc << q("pwc-calls") << 4 << q("ID0004")
            << q("2021-03-31 17:13:55|1|20.0|3637.0|NULL|NULL|1|4.0|Greg|NULL|Admin Support");

        const QString simulated = q("calls/simulated_call_centre.csv");
        QTest::newRow("simulation: AM/PM times, answered since call_answered is there")
            << simulated << q("simulated-call-centre") << 4 << q("2")
            << q("2021-01-04 11:58:30|1|162.0|245.0|NULL|NULL|NULL|NULL|NULL|NULL|NULL");
        QTest::newRow("simulation: no call_answered is an abandoned call")
            << simulated << q("simulated-call-centre") << 4 << q("3")
            << q("2021-01-04 13:03:51|0|39.0|0.0|NULL|NULL|NULL|NULL|NULL|NULL|NULL");

        const QString five9 = q("calls/five9_call_log.csv");
        QTest::newRow("Five9: HH:MM:SS durations, AGENT NAME before AGENT, SKILL is the queue")
            << five9 << q("five9") << 4 << q("300124381")
            << q("2025-01-06 09:15:02|1|18.0|310.0|30.0|45.0|NULL|NULL|Jane Doe|Billing|NULL");
        QTest::newRow("Five9: ABANDONED 1, agent [None]")
            << five9 << q("five9") << 4 << q("300124382")
            << q("2025-01-06 09:16:40|0|55.0|0.0|0.0|0.0|NULL|NULL|NULL|Billing|NULL");
        QTest::newRow("Five9: not abandoned and never talked: neither")
            << five9 << q("five9") << 4 << q("300124383")
            << q("2025-01-06 18:02:11|NULL|32.0|0.0|0.0|0.0|NULL|NULL|NULL|Technical|NULL");

        const QString genesys = q("calls/genesys_interactions.csv");
        QTest::newRow("Genesys: milliseconds, UTC timestamps")
            << genesys << q("genesys") << 4 << q("8d6f3c1e-0b1a-4c55-9a3e-1f2d3c4b5a61")
            << q("2025-01-06 14:15:02|1|12.5|245.0|15.0|15.0|NULL|NULL|Ana Lima|Sales|NULL");
        QTest::newRow("Genesys: abandoned, its wait from tAbandon")
            << genesys << q("genesys") << 4 << q("8d6f3c1e-0b1a-4c55-9a3e-1f2d3c4b5a62")
            << q("2025-01-06 14:20:45|0|35.0|NULL|NULL|NULL|NULL|NULL|NULL|Sales|NULL");
        QTest::newRow("Genesys: a callback (Inbound/Outbound) that was talked to")
            << genesys << q("genesys") << 4 << q("8d6f3c1e-0b1a-4c55-9a3e-1f2d3c4b5a63")
            << q("2025-01-06 15:01:10|1|60.0|120.0|NULL|15.0|NULL|NULL|Ben Ng|Support|NULL");
        QTest::newRow("Genesys: not abandoned, no talk: neither")
            << genesys << q("genesys") << 4 << q("8d6f3c1e-0b1a-4c55-9a3e-1f2d3c4b5a64")
            << q("2025-01-07 09:00:00|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|Support|NULL");

        const QString talkdesk = q("calls/talkdesk_calls.csv");
        QTest::newRow("Talkdesk: type inbound is an answered call")
            << talkdesk << q("talkdesk") << 4 << q("CA1f0e9d8c7b6a")
            << q("2025-01-06 09:15:02|1|14.0|280.0|20.0|30.0|NULL|NULL|Carla Reyes|support|NULL");
        QTest::newRow("Talkdesk: abandoned")
            << talkdesk << q("talkdesk") << 4 << q("CA1f0e9d8c7b6b")
            << q("2025-01-06 09:16:40|0|55.0|0.0|0.0|0.0|NULL|NULL|NULL|support|NULL");
        QTest::newRow("Talkdesk: missed is abandoned too (nobody answered before the caller hung up)")
            << talkdesk << q("talkdesk") << 4 << q("CA1f0e9d8c7b6c")
            << q("2025-01-06 09:40:00|0|30.0|0.0|0.0|0.0|NULL|NULL|Dev Patel|billing|NULL");
        QTest::newRow("Talkdesk: voicemail is neither")
            << talkdesk << q("talkdesk") << 4 << q("CA1f0e9d8c7b6d")
            << q("2025-01-06 18:05:00|NULL|40.0|0.0|0.0|0.0|NULL|NULL|NULL|billing|NULL");

        const QString generic = q("calls/generic_calls.csv");
        QTest::newRow("generic: month-first date-times, talk in minutes from the header, FCR and CSAT")
            << generic << q("generic-calls") << 3 << q("G-1001")
            << q("2025-01-06 09:15:00|1|12.0|270.0|NULL|NULL|1|5.0|Eve Adams|Billing|NULL");
        QTest::newRow("generic: a status of Abandoned")
            << generic << q("generic-calls") << 3 << q("G-1002")
            << q("2025-01-06 09:20:00|0|48.0|NULL|NULL|NULL|NULL|NULL|NULL|Billing|NULL");
        QTest::newRow("generic: 01/13/2025 is the 13th of January")
            << generic << q("generic-calls") << 3 << q("G-1003")
            << q("2025-01-13 14:05:00|1|30.0|120.0|NULL|NULL|0|2.0|Finn Gray|Support|NULL");
    }

    void eachFixtureIsDetectedAndImported()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, profile);
        QFETCH(int, rows);
        QFETCH(QString, key);
        QFETCH(QString, expected);

        Database db = freshDatabase();
        const ImportReport report = runImport(db, test::fixturePath(fixture), utc());
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.kind, q("calls"));
        QCOMPARE(report.profile, profile);
        QCOMPARE(report.rowsRead, rows);
        QCOMPARE(report.inserted, rows);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(row(db, callSql, key), expected);
    }

    void columnsNoFieldTakesAreKeptAsExtra_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("extra");
        QTest::addColumn<QString>("names");

        QTest::newRow("PwC: Column1 and a stray cell under an empty header name")
            << q("calls/pwc_calls.csv") << q("ID0003") << q("[\"2\",\"\",\"1161\"]")
            << q("[\"Column1\",\"column 12\",\"column 13\"]");
        QTest::newRow("PwC: trailing empty cells are left out")
            << q("calls/pwc_calls.csv") << q("ID0001") << q("[\"1\"]")
            << q("[\"Column1\",\"column 12\",\"column 13\"]");
        QTest::newRow("simulation: the caller number, the end and meets_standard")
            << q("calls/simulated_call_centre.csv") << q("1") << q("[\"1\",\"8:14:22 AM\",\"TRUE\"]")
            << q("[\"daily_caller\",\"call_ended\",\"meets_standard\"]");
    }

    void columnsNoFieldTakesAreKeptAsExtra()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, key);
        QFETCH(QString, extra);
        QFETCH(QString, names);

        Database db = freshDatabase();
        const ImportReport report = runImport(db, test::fixturePath(fixture), utc());
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(row(db, extraSql, key), extra);
        sqlite::Statement s = db.connection().prepare("SELECT extra_columns FROM imports WHERE id = ?1");
        s.bindInt(1, report.importId);
        QCOMPARE(s.step(), sqlite::Statement::StepResult::Row);
        QCOMPARE(s.columnText(0), names);
    }

    void theImportSaysWhatItDecided()
    {
        Database db = freshDatabase();
        const ImportReport pwc = runImport(db, test::fixturePath(q("calls/pwc_calls.csv")), utc());
        QVERIFY2(pwc.notes.join(QLatin1Char('\n')).contains(q("dates are day-first")), qPrintable(pwc.notes.join(q("; "))));
        QVERIFY(pwc.notes.join(QLatin1Char('\n')).contains(q("1 rating(s) of 0 read as not rated")));
        const ImportReport five9 = runImport(db, test::fixturePath(q("calls/five9_call_log.csv")), utc());
        QVERIFY2(five9.notes.join(QLatin1Char('\n')).contains(q("1 call(s) neither answered nor abandoned")),
            qPrintable(five9.notes.join(q("; "))));
    }

    void importingAgainChangesNothing()
    {
        Database db = freshDatabase();
        const QStringList fixtures = {q("calls/pwc_calls.csv"), q("calls/simulated_call_centre.csv"),
            q("calls/five9_call_log.csv"), q("calls/genesys_interactions.csv"), q("calls/talkdesk_calls.csv"),
            q("calls/generic_calls.csv")};
        for (const QString &fixture : fixtures)
            QCOMPARE(runImport(db, test::fixturePath(fixture), utc()).outcome, ImportReport::Outcome::Imported);
        const QByteArray before = callsFingerprint(db);
        for (const QString &fixture : fixtures) {
            const ImportReport again = runImport(db, test::fixturePath(fixture), utc());
            QCOMPARE(again.outcome, ImportReport::Outcome::Imported);
            QCOMPARE(again.inserted + again.updated, 0);
            QCOMPARE(again.unchanged, again.rowsRead);
        }
        QCOMPARE(callsFingerprint(db), before);
        QCOMPARE(count(db, "SELECT count(*) FROM calls"), 23);
        // Agents are shared with tickets and resolved once per name.
        QCOMPARE(count(db, "SELECT count(*) FROM agents"), 12);
    }

    void aLaterExportUpdatesItsRows()
    {
        Database db = freshDatabase();
        const QDir dir(m_dir.path());
        const QString first = test::writeFile(dir, q("later1.csv"), pwcHeader);
        const QString second = test::writeFile(dir, q("later2.csv"),
            pwcHeader.left(pwcHeader.indexOf("ID0001")) + "ID0001,Diane,01/01/2021,9:12:58,Contract related,Y,N,109,0:02:23,2,1,,\r\n"
                "ID0002,Becky,13/01/2021,9:12:58,Technical Support,N,N,,,0,1,,\r\n");
        QCOMPARE(runImport(db, first, utc()).inserted, 1);
        const ImportReport report = runImport(db, second, utc());
        QCOMPARE(report.inserted, 1);
        QCOMPARE(report.updated, 1);
        QCOMPARE(row(db, callSql, q("ID0001")),
            q("2021-01-01 09:12:58|1|109.0|143.0|NULL|NULL|0|2.0|Diane|NULL|Contract related"));
    }

    void badValuesAreRejectedWithLineColumnAndExpectation_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected"); // a part of the message

        QTest::newRow("PwC: a talk time that is none")
            << QByteArray(pwcHeader + "ID0002,Becky,01/01/2021,9:12:58,Payment related,Y,N,70,two minutes,3,1,,\r\n")
            << qint64(3) << q("AvgTalkDuration") << q("expected a duration such as 0:02:23 or 143 (seconds), found \"two minutes\"");
        QTest::newRow("PwC: an answered flag that is none")
            << QByteArray(pwcHeader + "ID0002,Becky,01/01/2021,9:12:58,Payment related,maybe,N,70,0:01:00,3,1,,\r\n")
            << qint64(3) << q("Answered (Y/N)") << q("expected Y or N");
        QTest::newRow("PwC: a rating off the 1-5 scale")
            << QByteArray(pwcHeader + "ID0002,Becky,01/01/2021,9:12:58,Payment related,Y,N,70,0:01:00,7,1,,\r\n")
            << qint64(3) << q("Satisfaction rating") << q("expected a rating from 1 to 5");
        QTest::newRow("PwC: a time of day that is none")
            << QByteArray(pwcHeader + "ID0002,Becky,01/01/2021,25:99:00,Payment related,Y,N,70,0:01:00,3,1,,\r\n")
            << qint64(3) << q("Time") << q("expected a time of day such as 9:12:58");
        QTest::newRow("PwC: a date that is none")
            << QByteArray(pwcHeader + "ID0002,Becky,32/01/2021,9:12:58,Payment related,Y,N,70,0:01:00,3,1,,\r\n")
            << qint64(3) << q("Date") << q("expected a date such as 2021-01-31");
        QTest::newRow("PwC: the same call twice")
            << QByteArray(pwcHeader + "ID0001,Becky,02/01/2021,9:12:58,Payment related,Y,N,70,0:01:00,3,1,,\r\n")
            << qint64(3) << q("Call Id") << q("already on line 2");
        QTest::newRow("PwC: no call id")
            << QByteArray(pwcHeader + ",Becky,02/01/2021,9:12:58,Payment related,Y,N,70,0:01:00,3,1,,\r\n")
            << qint64(3) << q("Call Id") << q("the call id is empty");
        QTest::newRow("Five9: an outbound call never reached the queue")
            << QByteArray("CALL ID,DATE,TIME,CALL TYPE,AGENT NAME,SKILL,QUEUE WAIT TIME,TALK TIME,ABANDONED\n"
                          "1,2025/01/06,09:00:00,Inbound,Jane,Billing,00:00:10,00:03:00,0\n"
                          "2,2025/01/06,09:05:00,Outbound,Jane,Billing,00:00:00,00:02:00,0\n")
            << qint64(3) << q("CALL TYPE") << q("an outbound call (\"Outbound\")");
        QTest::newRow("Genesys: a chat is not a phone call")
            << QByteArray("Conversation ID,Conversation Start,Media Type,Users - Interacted,Queue,Abandoned,tTalk\n"
                          "a,2025-01-06T09:00:00Z,voice,Ana,Sales,NO,1000\n"
                          "b,2025-01-06T09:01:00Z,message,Ana,Sales,NO,1000\n")
            << qint64(3) << q("Media Type") << q("a \"message\" interaction, not a phone call");
        QTest::newRow("Genesys: milliseconds that are none")
            << QByteArray("Conversation ID,Conversation Start,Users - Interacted,Queue,Abandoned,tTalk\n"
                          "a,2025-01-06T09:00:00Z,Ana,Sales,NO,1000\n"
                          "b,2025-01-06T09:01:00Z,Ana,Sales,NO,soon\n")
            << qint64(3) << q("tTalk") << q("expected a duration in milliseconds");
        QTest::newRow("simulation: an answer time that is none")
            << QByteArray("call_id,date,call_started,call_answered,wait_length,service_length\n"
                          "1,2021-01-04,8:00:00 AM,8:00:00 AM,0,863\n"
                          "2,2021-01-04,8:10:00 AM,noon,0,863\n")
            << qint64(3) << q("call_answered") << q("expected the time the call was answered");
    }

    void badValuesAreRejectedWithLineColumnAndExpectation()
    {
        QFETCH(QByteArray, csv);
        QFETCH(qint64, line);
        QFETCH(QString, column);
        QFETCH(QString, expected);

        Database db = freshDatabase();
        const QString path = test::writeFile(QDir(m_dir.path()), QStringLiteral("bad%1.csv").arg(m_dbCounter), csv);
        const ImportReport report = runImport(db, path, utc());
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.kind, q("calls"));
        QCOMPARE(report.inserted, 1);
        QCOMPARE(report.rejected, 1);
        QCOMPARE(report.issues.size(), std::size_t(1));
        QCOMPARE(report.issues[0].line, line);
        QCOMPARE(report.issues[0].column, column);
        QVERIFY2(report.issues[0].message.contains(expected), qPrintable(report.issues[0].message));

        // --strict: the same file leaves the database as it was.
        Database strictDb = freshDatabase();
        ImportOptions strict = utc();
        strict.strict = true;
        const QByteArray before = callsFingerprint(strictDb);
        QCOMPARE(runImport(strictDb, path, strict).outcome, ImportReport::Outcome::Failed);
        QCOMPARE(callsFingerprint(strictDb), before);
    }

    void aForcedProfileThatDoesNotFitIsRefused()
    {
        Database db = freshDatabase();
        ImportOptions options = utc();
        options.profile = q("five9");
        const ImportReport report = runImport(db, test::fixturePath(q("calls/pwc_calls.csv")), options);
        QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
        QVERIFY2(report.error.contains(q("not a Five9 call log")), qPrintable(report.error));
        QVERIFY2(report.error.contains(q("queuewaittime")), qPrintable(report.error));
    }

    void dailyAggregatesAreRefusedWithTheReason_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("reason");
        const QString kaggle = test::sharedDataPath(q("real/kaggle-call-center-daily/call_center_data.csv"));
        // The real file where ../shared is here, and its first lines in any case.
        if (!kaggle.isEmpty())
            QTest::newRow("Kaggle's daily call-centre KPIs (real file)") << kaggle << q("with no date column");
        QTest::newRow("Kaggle's header and first rows")
            << test::writeFile(QDir(m_dir.path()), q("daily.csv"),
                   "Index;Incoming Calls;Answered Calls;Answer Rate;Abandoned Calls;Answer Speed (AVG);"
                   "Talk Duration (AVG);Waiting Time (AVG);Service Level (20 Seconds)\r\n"
                   "1;217;204;94.01%;13;0:00:17;0:02:14;0:02:45;76.28%\r\n"
                   "2;200;182;91.00%;18;0:00:20;0:02:22;0:06:55;72.73%\r\n")
            << q("with no date column");
        QTest::newRow("daily totals with a date are no call log either")
            << test::writeFile(QDir(m_dir.path()), q("dated.csv"),
                   "Date,Calls Offered,Calls Answered,Calls Abandoned,Average Speed of Answer\n"
                   "2025-01-06,120,110,10,00:00:25\n")
            << q("totals per period rather than calls");
    }

    void dailyAggregatesAreRefusedWithTheReason()
    {
        QFETCH(QString, path);
        QFETCH(QString, reason);
        Database db = freshDatabase();
        const QByteArray before = callsFingerprint(db);
        const ImportReport report = runImport(db, path, utc());
        QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
        QVERIFY2(report.error.contains(reason), qPrintable(report.error));
        // The refusal says what to import instead.
        QVERIFY2(report.error.contains(q("one row per call")), qPrintable(report.error));
        QVERIFY2(report.error.contains(q("answered or abandoned")), qPrintable(report.error));
        QCOMPARE(callsFingerprint(db), before);
        QCOMPARE(count(db, "SELECT count(*) FROM imports"), 0);
    }

    void pwcRealFile()
    {
        const QString path = test::sharedDataPath(q("real/pwc-call-center/call_center_dataset.csv"));
        if (path.isEmpty())
            QSKIP("../shared/data/real is not here (it is not part of a clone)");
        Database db = freshDatabase();
        const ImportReport report = runImport(db, path, utc());
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.kind, q("calls"));
        QCOMPARE(report.profile, q("pwc-calls"));
        QCOMPARE(report.rowsRead, 5000);
        QCOMPARE(report.inserted, 5000);
        QCOMPARE(report.rejected, 0);
        QVERIFY(report.notes.join(QLatin1Char('\n')).contains(q("\"Date\": dates are day-first")));
        // SOURCES.md: 946 unanswered calls, with no speed, talk or rating (0); 408 answered unresolved.
        QCOMPARE(count(db, "SELECT count(*) FROM calls WHERE answered = 0"), 946);
        QCOMPARE(count(db, "SELECT count(*) FROM calls WHERE answered = 0 AND wait_s IS NULL AND talk_s IS NULL "
                           "AND satisfaction IS NULL"),
            946);
        QCOMPARE(count(db, "SELECT count(*) FROM calls WHERE answered = 1 AND resolved_first_contact = 0"), 408);
        QCOMPARE(count(db, "SELECT count(*) FROM agents"), 8);
        QCOMPARE(row(db, callSql, q("ID0001")),
            q("2021-01-01 09:12:58|1|109.0|143.0|NULL|NULL|1|3.0|Diane|NULL|Contract related"));
        QCOMPARE(row(db, extraSql, q("ID0047")), q("[\"1\",\"1.125831888\"]"));
        QCOMPARE(row(db, extraSql, q("ID1777")), q("[\"2\",\"\",\"1161\"]"));
        QCOMPARE(text(db, "SELECT strftime('%Y-%m-%d', min(started_at), 'unixepoch') || '/' || "
                          "strftime('%Y-%m-%d', max(started_at), 'unixepoch') FROM calls"),
            q("2021-01-01/2021-03-31"));

        const QByteArray before = callsFingerprint(db);
        const ImportReport again = runImport(db, path, utc());
        QCOMPARE(again.unchanged, 5000);
        QCOMPARE(callsFingerprint(db), before);
    }

    void simulatedCallCentreRealFile()
    {
        const QString path = test::sharedDataPath(q("real/simulated-call-centre/simulated_call_centre.csv"));
        if (path.isEmpty())
            QSKIP("../shared/data/real is not here (it is not part of a clone)");
        Database db = freshDatabase();
        const ImportReport report = runImport(db, path, utc());
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.profile, q("simulated-call-centre"));
        QCOMPARE(report.rowsRead, 51708);
        QCOMPARE(report.inserted, 51708);
        QCOMPARE(report.rejected, 0);
        // Every simulated caller was answered; 47,481 within 60 s (meets_standard TRUE).
        QCOMPARE(count(db, "SELECT count(*) FROM calls WHERE answered = 1"), 51708);
        QCOMPARE(count(db, "SELECT count(*) FROM calls WHERE wait_s <= 60"), 47481);
        QCOMPARE(count(db, "SELECT max(wait_s) FROM calls"), 983);
        QCOMPARE(count(db, "SELECT max(talk_s) FROM calls"), 3110);
        QCOMPARE(row(db, callSql, q("1")), q("2021-01-01 08:00:00|1|0.0|863.0|NULL|NULL|NULL|NULL|NULL|NULL|NULL"));
        QCOMPARE(row(db, callSql, q("51708")), q("2021-12-31 17:58:15|1|0.0|4.0|NULL|NULL|NULL|NULL|NULL|NULL|NULL"));
    }
};

QTEST_GUILESS_MAIN(TestCallImport)
#include "tst_callimport.moc"
