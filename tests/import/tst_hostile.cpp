// Hostile files through the real import pipeline: each one is refused with a message that says
// what is wrong and leaves the database as it was, or imported with nothing lost or garbled.
// The small files are checked in (tests/fixtures/hostile/); the large ones are generated into a
// temporary directory here and never checked in.

#include "services/importjob.h"
#include "store/database.h"
#include "testsupport.h"

#include <QFile>
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

// A "VmHWM:  123 kB" style line of /proc/self/status, in bytes; -1 when unreadable.
qint64 procStatusBytes(const QByteArray &key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(key + ':')))
            return line.mid(key.size() + 1).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

// Starts a new peak: from now on VmHWM is the peak since this call (Linux's clear_refs "5").
bool resetPeakMemory()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

QString fixture(const QString &name)
{
    return test::fixturePath(QStringLiteral("hostile/") + name);
}

// Writes the header, then `cell` repeated, then the tail, without holding the file in memory.
QString writeBigFile(const QDir &dir, const QString &name, const QByteArray &head, const QByteArray &chunk,
                     int repeats, const QByteArray &tail)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(head);
    for (int i = 0; i < repeats; ++i)
        file.write(chunk);
    file.write(tail);
    return path;
}

} // namespace

class TestHostile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_dbCounter = 0;

    // A database that already holds something (three Zendesk tickets) a bad file must not disturb.
    Database databaseWithTickets()
    {
        QString error;
        std::optional<Database> db =
            Database::open(m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_dbCounter)), &error);
        if (!db)
            qFatal("cannot create a test database: %s", qPrintable(error));
        const ImportReport report =
            runImport(*db, test::fixturePath(QStringLiteral("import/zendesk_legacy.csv")), utc());
        if (report.outcome != ImportReport::Outcome::Imported)
            qFatal("cannot fill the test database: %s", qPrintable(report.error));
        return std::move(*db);
    }

    static std::int64_t count(Database &db, const char *sql) { return db.connection().queryInt(sql).value_or(-1); }

    static QString subjectOf(Database &db, const QString &externalId)
    {
        sqlite::Statement s = db.connection().prepare(
            "SELECT subject FROM tickets WHERE source = 'generic' AND CAST(external_id AS TEXT) = ?1");
        s.bindText(1, externalId);
        return s.step() == sqlite::Statement::StepResult::Row ? s.columnText(0) : QStringLiteral("<no such ticket>");
    }

private slots:
    // First: a peak set by a later test cannot hide this one's when clear_refs is not writable.
    void aHundredMegabyteCellIsRefusedInBoundedMemory_data()
    {
        QTest::addColumn<bool>("quoted");
        QTest::newRow("a quoted cell") << true;
        QTest::newRow("an unquoted cell") << false;
    }

    void aHundredMegabyteCellIsRefusedInBoundedMemory()
    {
        QFETCH(bool, quoted);
        const QByteArray quote = quoted ? "\"" : "";
        const QString path = writeBigFile(QDir(m_dir.path()), QStringLiteral("big-cell.csv"),
                                          "Ticket ID,Subject,Created at\n1,fine,2024-01-01 10:00\n2," + quote,
                                          QByteArray(1 << 20, 'x'), 100, quote + ",2024-01-01 10:00\n3,after,2024-01-01 10:00\n");
        QVERIFY(!path.isEmpty());
        QVERIFY(QFileInfo(path).size() > qint64(100) << 20);
        Database db = databaseWithTickets();
        const QByteArray before = test::databaseFingerprint(db.connection());

        const bool reset = resetPeakMemory();
        const qint64 baseline = reset ? procStatusBytes("VmRSS") : procStatusBytes("VmHWM");
        const ImportReport report = runImport(db, path, utc());
        const qint64 peak = procStatusBytes("VmHWM");

        QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
        QVERIFY2(report.error.contains(QStringLiteral("line 3")), qPrintable(report.error));
        QVERIFY2(report.error.contains(QStringLiteral("larger than the limit")), qPrintable(report.error));
        QCOMPARE(test::databaseFingerprint(db.connection()), before);
        if (baseline < 0 || peak < 0)
            QSKIP("no /proc/self/status: the memory bound is not checked");
        const qint64 growth = peak - baseline;
        qInfo("peak memory growth: %lld MB (%s)", growth >> 20, reset ? "since a reset peak" : "above earlier peaks");
        QVERIFY2(growth < qint64(300) << 20, qPrintable(QStringLiteral("grew by %1 MB").arg(growth >> 20)));
        QFile::remove(path);
    }

    void aMillionColumns_data()
    {
        QTest::addColumn<bool>("sameName");  // every extra column named alike
        QTest::addColumn<QString>("lastName"); // what the last extra column is stored as
        QTest::newRow("a million different column names") << false << QStringLiteral("c1000000");
        QTest::newRow("a million columns of the same name") << true << QStringLiteral("x (999997)");
    }

    void aMillionColumns()
    {
        QFETCH(bool, sameName);
        QFETCH(QString, lastName);
        constexpr int columns = 1000000;
        QByteArray header = "Ticket ID,Subject,Created at";
        header.reserve(10 * columns);
        for (int column = 4; column <= columns; ++column)
            header += sameName ? QByteArray(",x") : ",c" + QByteArray::number(column);
        // One row: its id, subject and date, empty extra columns, and a value in the last one.
        const QByteArray row = "1,Wide,2024-01-01 10:00" + QByteArray(columns - 4, ',') + ",last\n";
        const QString path = test::writeFile(QDir(m_dir.path()), QStringLiteral("wide.csv"), header + '\n' + row);
        Database db = databaseWithTickets();

        const ImportReport report = runImport(db, path, utc());
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.rowsRead, 1);
        QCOMPARE(report.inserted, 1);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(subjectOf(db, QStringLiteral("1")), QStringLiteral("Wide"));
        QCOMPARE(count(db, "SELECT count(*) FROM tickets"), 4);
        // Every extra column is kept by name, and the row's last value under the last name.
        QCOMPARE(count(db, "SELECT json_array_length(extra_columns) FROM imports ORDER BY id DESC LIMIT 1"),
                 columns - 3);
        sqlite::Statement last = db.connection().prepare(
            "SELECT json_extract(i.extra_columns, '$[#-1]'), json_extract(t.extra, '$[#-1]'), "
            "json_array_length(t.extra) FROM tickets t JOIN imports i ON i.id = t.import_id WHERE t.source = 'generic'");
        QCOMPARE(last.step(), sqlite::Statement::StepResult::Row);
        QCOMPARE(last.columnText(0), lastName);
        QCOMPARE(last.columnText(1), QStringLiteral("last"));
        QCOMPARE(last.columnInt(2), columns - 3);
        QFile::remove(path);
    }

    void smallHostileFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("messagePart"); // refused with it; empty: imported
        QTest::addColumn<qint64>("rowsRead");
        QTest::addColumn<qint64>("inserted");
        QTest::addColumn<qint64>("rejectedLine"); // the one rejected row's line; 0: none

        QTest::newRow("an empty file") << QStringLiteral("empty.csv") << QStringLiteral("the file is empty")
                                       << 0LL << 0LL << 0LL;
        QTest::newRow("a header and nothing else")
            << QStringLiteral("header-only.csv") << QStringLiteral("line 1: the file has a header but no data rows")
            << 0LL << 0LL << 0LL;
        QTest::newRow("only blank lines") << QStringLiteral("blank-lines.csv") << QStringLiteral("the file is empty")
                                          << 0LL << 0LL << 0LL;
        QTest::newRow("a gzip file renamed to .csv")
            << QStringLiteral("gzip-renamed.csv") << QStringLiteral("gzip-compressed file: unpack it first") << 0LL
            << 0LL << 0LL;
        QTest::newRow("an XLSX workbook renamed to .csv")
            << QStringLiteral("xlsx-renamed.csv")
            << QStringLiteral("ZIP/XLSX spreadsheet, not CSV: save it as CSV from Excel first") << 0LL << 0LL << 0LL;
        QTest::newRow("NUL bytes") << QStringLiteral("nul-bytes.csv")
                                   << QStringLiteral("binary file, not CSV text (it contains NUL bytes)") << 0LL << 0LL
                                   << 0LL;
        QTest::newRow("deep doubled quotes, and a quote that never closes")
            << QStringLiteral("nested-quotes.csv") << QString() << 5LL << 4LL << 6LL;
        QTest::newRow("invalid UTF-8") << QStringLiteral("invalid-utf8.csv") << QString() << 6LL << 6LL << 0LL;
        QTest::newRow("UTF-16 with lone surrogates")
            << QStringLiteral("utf16le-lone-surrogates.csv") << QString() << 4LL << 4LL << 0LL;
        QTest::newRow("SQL in the column names and in an id")
            << QStringLiteral("sql-in-header.csv") << QString() << 2LL << 2LL << 0LL;
    }

    void smallHostileFiles()
    {
        QFETCH(QString, file);
        QFETCH(QString, messagePart);
        QFETCH(qint64, rowsRead);
        QFETCH(qint64, inserted);
        QFETCH(qint64, rejectedLine);
        Database db = databaseWithTickets();
        const QByteArray before = test::databaseFingerprint(db.connection());

        const ImportReport report = runImport(db, fixture(file), utc());
        if (!messagePart.isEmpty()) {
            QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
            QVERIFY2(report.error.contains(messagePart), qPrintable(report.error));
            QCOMPARE(test::databaseFingerprint(db.connection()), before);
            return;
        }
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.rowsRead, rowsRead);
        QCOMPARE(report.inserted, inserted);
        QCOMPARE(report.rejected, rejectedLine > 0 ? 1 : 0);
        if (rejectedLine > 0) {
            QCOMPARE(report.issues.size(), std::size_t(1));
            QCOMPARE(report.issues[0].line, rejectedLine);
        }
        // The tickets table is intact: what was there, plus what this file brought.
        QCOMPARE(count(db, "SELECT count(*) FROM tickets WHERE source = 'zendesk'"), 3);
        QCOMPARE(count(db, "SELECT count(*) FROM tickets"), 3 + inserted);
    }

    void hostileValuesAreKeptAsTheyAre_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("externalId");
        QTest::addColumn<QString>("subject");

        const QString nested = QStringLiteral("nested-quotes.csv");
        QTest::newRow("a thousand doubled quotes") << nested << QStringLiteral("1") << QString(1000, QLatin1Char('"'));
        QTest::newRow("doubled quotes between letters") << nested << QStringLiteral("2")
                                                        << QStringLiteral("a\"b\"\"c\"\"\"d");
        QTest::newRow("text after a closing quote joins the field")
            << nested << QStringLiteral("3") << QStringLiteral("xy\"z\"");
        QTest::newRow("a quote inside an unquoted field") << nested << QStringLiteral("4") << QStringLiteral("5'11\"");

        // A byte that is no UTF-8 is read as the Windows-1252 character it most likely was.
        const QString utf8 = QStringLiteral("invalid-utf8.csv");
        QTest::newRow("valid UTF-8 around the bad bytes")
            << utf8 << QStringLiteral("6") << QStringLiteral("Ünïcödé ëvérÿwhérê àgáîn – ÀÉÎÕÜ ñ ç ø å æ œ ß");
        QTest::newRow("a stray byte") << utf8 << QStringLiteral("2") << QStringLiteral("stray ÿ byte");
        QTest::newRow("a sequence cut short") << utf8 << QStringLiteral("3") << QStringLiteral("cut Ã sequence");
        QTest::newRow("an overlong form") << utf8 << QStringLiteral("4") << QStringLiteral("overlong À¯ slash");
        QTest::newRow("an encoded surrogate") << utf8 << QStringLiteral("5")
                                              << QStringLiteral("surrogate í\u00A0€ half");

        // A lone surrogate becomes U+FFFD, the replacement character; its neighbours stay.
        const QString utf16 = QStringLiteral("utf16le-lone-surrogates.csv");
        QTest::newRow("a lone high surrogate") << utf16 << QStringLiteral("1") << QStringLiteral("high \uFFFD alone");
        QTest::newRow("a lone low surrogate") << utf16 << QStringLiteral("2") << QStringLiteral("low \uFFFD alone");
        QTest::newRow("a high surrogate before the delimiter")
            << utf16 << QStringLiteral("3") << QStringLiteral("high at the end \uFFFD");
        QTest::newRow("a surrogate pair") << utf16 << QStringLiteral("4") << QStringLiteral("a pair 🎧 stays");

        QTest::newRow("SQL in an id is an id") << QStringLiteral("sql-in-header.csv")
                                               << QStringLiteral("2; DROP TABLE tickets;--") << QStringLiteral("Bye");
    }

    void hostileValuesAreKeptAsTheyAre()
    {
        QFETCH(QString, file);
        QFETCH(QString, externalId);
        QFETCH(QString, subject);
        Database db = databaseWithTickets();
        QCOMPARE(runImport(db, fixture(file), utc()).outcome, ImportReport::Outcome::Imported);
        QCOMPARE(subjectOf(db, externalId), subject);
    }

    void sqlInColumnNamesIsStoredAsData()
    {
        Database db = databaseWithTickets();
        QCOMPARE(runImport(db, fixture(QStringLiteral("sql-in-header.csv")), utc()).outcome,
                 ImportReport::Outcome::Imported);
        sqlite::Statement s = db.connection().prepare(
            "SELECT i.extra_columns, t.extra FROM tickets t JOIN imports i ON i.id = t.import_id "
            "WHERE t.source = 'generic' AND CAST(t.external_id AS TEXT) = '1'");
        QCOMPARE(s.step(), sqlite::Statement::StepResult::Row);
        QCOMPARE(s.columnText(0),
                 QStringLiteral("[\"id; DROP TABLE tickets;--\",\"Robert'); DROP TABLE tickets;--\"]"));
        QCOMPARE(s.columnText(1), QStringLiteral("[\"x\",\"y\"]"));
        QCOMPARE(count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'tickets'"), 1);
    }

    void aNulByteAfterTheFirstMegabyteIsRefusedWithItsLine()
    {
        // The reader sniffs the first megabyte (and refuses a NUL there at once); this NUL is on
        // line 40,002, far past it.
        QByteArray content = "Ticket ID,Subject,Created at\n";
        for (int i = 1; i <= 40000; ++i)
            content += QByteArray::number(i) + ",Subject number " + QByteArray::number(i) + ",2024-01-01 10:00\n";
        QVERIFY(content.size() > (1 << 20));
        content += QByteArray("40001,before\0after,2024-01-01 10:00\n", 36);
        const QString path = test::writeFile(QDir(m_dir.path()), QStringLiteral("late-nul.csv"), content);
        Database db = databaseWithTickets();
        const QByteArray before = test::databaseFingerprint(db.connection());

        const ImportReport report = runImport(db, path, utc());
        QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
        QVERIFY2(report.error.contains(QStringLiteral("line 40002")), qPrintable(report.error));
        QVERIFY2(report.error.contains(QStringLiteral("NUL byte")), qPrintable(report.error));
        QCOMPARE(test::databaseFingerprint(db.connection()), before);
    }
};

QTEST_GUILESS_MAIN(TestHostile)
#include "tst_hostile.moc"
