// Crash safety: an import killed with SIGKILL at any moment leaves the database exactly as it was
// before that import (integrity_check ok, same content fingerprint), and the import completes on
// a retry. The import runs as the real `supportlens import` in a child process; the kill points
// are chosen by watching the process (its rollback journal appearing, then several delays into
// the import), not by timing assertions.

#include "services/demogenerator.h"
#include "store/database.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>

#include <sys/resource.h>

using namespace sl;

namespace {

struct DatabaseState
{
    std::int64_t tickets = -1;
    QByteArray fingerprint;
    QString integrity;
};

DatabaseState stateOf(const QString &path)
{
    DatabaseState state;
    QString error;
    std::optional<Database> db = Database::open(path, &error);
    if (!db)
        return state;
    state.tickets = db->summary().tickets;
    state.fingerprint = test::databaseFingerprint(db->connection());
    sqlite::Statement check = db->connection().prepare("PRAGMA integrity_check");
    if (check.isValid() && check.step() == sqlite::Statement::StepResult::Row)
        state.integrity = check.columnText(0);
    return state;
}

QProcess *startImport(const QString &db, const QString &csv)
{
    auto *process = new QProcess;
    process->start(QStringLiteral(SUPPORTLENS_BINARY),
                   {QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--timezone=UTC"), csv});
    return process;
}

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_first, m_second; // two exports: the database holds the first, the second is imported
    std::int64_t m_rows = 0;   // in the second

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        DemoOptions options;
        options.tickets = 3000;
        options.seed = 3;
        options.lastDay = QDate(2025, 6, 30);
        m_first = m_dir.filePath(QStringLiteral("first.csv"));
        QVERIFY(writeDemoExport(options, DemoFormat::ZendeskLegacy, m_first).ok);
        // Big enough that the import outgrows its 64 MB page cache: SQLite then writes pages into
        // the database file before the commit, and the killed import leaves a hot journal that
        // the next open must roll back (the case that matters).
        options.tickets = qEnvironmentVariableIntValue("SUPPORTLENS_CRASH_TEST_ROWS");
        if (options.tickets <= 0)
            options.tickets = 400000; // (the sanitizer run uses fewer: everything there is slower)
        m_rows = options.tickets;
        options.seed = 4;
        m_second = m_dir.filePath(QStringLiteral("second.csv"));
        QVERIFY(writeDemoExport(options, DemoFormat::Freshdesk, m_second).ok);
    }

    void killedImportsLeaveTheDatabaseAsItWas_data()
    {
        // After the rollback journal appears: -1 as soon as it does, -2 as soon as the database
        // file itself grows (pages written before the commit), else that many milliseconds.
        QTest::addColumn<int>("killAfterMs");
        QTest::newRow("as the transaction starts") << -1;
        QTest::newRow("100 ms in") << 100;
        QTest::newRow("1 s in") << 1000;
        QTest::newRow("after pages reached the database file") << -2;
    }

    void killedImportsLeaveTheDatabaseAsItWas()
    {
        QFETCH(int, killAfterMs);
        const QString db = m_dir.filePath(QStringLiteral("crash-%1.sqlite").arg(killAfterMs));
        QFile::remove(db);
        QProcess first;
        first.start(QStringLiteral(SUPPORTLENS_BINARY),
                    {QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--timezone=UTC"), m_first});
        QVERIFY(first.waitForFinished(60000));
        QCOMPARE(first.exitCode(), 0);
        const DatabaseState before = stateOf(db);
        QCOMPARE(before.tickets, 3000);
        QCOMPARE(before.integrity, QStringLiteral("ok"));

        std::unique_ptr<QProcess> import(startImport(db, m_second));
        QVERIFY(import->waitForStarted(10000));
        // Wait for the import's transaction: SQLite's rollback journal exists while it is open.
        const QString journal = db + QStringLiteral("-journal");
        QElapsedTimer waited;
        waited.start();
        while (!QFileInfo::exists(journal) && import->state() == QProcess::Running && waited.elapsed() < 30000)
            QThread::usleep(200);
        const qint64 sizeBefore = QFileInfo(db).size();
        if (killAfterMs > 0)
            QThread::msleep(std::uint32_t(killAfterMs));
        while (killAfterMs == -2 && import->state() == QProcess::Running && QFileInfo(db).size() == sizeBefore
               && waited.elapsed() < 60000)
            QThread::usleep(200);
        // Killed only inside the transaction (the journal is there); a machine fast enough to
        // finish first skips the row.
        const bool inTransaction = import->state() == QProcess::Running && QFileInfo::exists(journal);
        const qint64 sizeAtKill = QFileInfo(db).size();
        if (inTransaction)
            ::kill(pid_t(import->processId()), SIGKILL);
        QVERIFY(import->waitForFinished(120000));
        if (!inTransaction)
            QSKIP("the import finished before the kill point");
        QCOMPARE(import->exitStatus(), QProcess::CrashExit);
        if (killAfterMs == -2)
            QVERIFY2(sizeAtKill > sizeBefore, "the database file had not grown: the kill point proves little");

        // The next open rolls the hot journal back: the database is as it was.
        const DatabaseState after = stateOf(db);
        QCOMPARE(after.integrity, QStringLiteral("ok"));
        QCOMPARE(after.tickets, before.tickets);
        if (killAfterMs == -2)
            QCOMPARE(QFileInfo(db).size(), sizeBefore); // the hot journal was rolled back and the file truncated
        QVERIFY2(after.fingerprint == before.fingerprint, "the killed import changed the database");

        // And the import completes on a retry.
        std::unique_ptr<QProcess> retry(startImport(db, m_second));
        QVERIFY(retry->waitForFinished(120000));
        QCOMPARE(retry->exitCode(), 0);
        const DatabaseState done = stateOf(db);
        QCOMPARE(done.integrity, QStringLiteral("ok"));
        QCOMPARE(done.tickets, 3000 + m_rows);
    }

    void aReadOnlyDatabaseFileIsRefusedWithAMessage()
    {
        if (::geteuid() == 0)
            QSKIP("root writes to read-only files: this check needs an ordinary user");
        const QString db = m_dir.filePath(QStringLiteral("readonly.sqlite"));
        QProcess first;
        first.start(QStringLiteral(SUPPORTLENS_BINARY),
                    {QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--timezone=UTC"), m_first});
        QVERIFY(first.waitForFinished(60000));
        QFile::setPermissions(db, QFileDevice::ReadOwner);
        const DatabaseState before = stateOf(db);
        QProcess import;
        import.start(QStringLiteral(SUPPORTLENS_BINARY),
                     {QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--timezone=UTC"), m_second});
        QVERIFY(import.waitForFinished(60000));
        QCOMPARE(import.exitCode(), 1);
        QVERIFY2(!import.readAllStandardError().isEmpty(), "no message");
        QCOMPARE(stateOf(db).fingerprint, before.fingerprint);
    }

    void aFullDiskFailsTheImportWithAMessageAndNothingLost()
    {
        // The child may not grow any file beyond 4 MB (RLIMIT_FSIZE): to SQLite that is a full
        // disk halfway through the import.
        const QString db = m_dir.filePath(QStringLiteral("full.sqlite"));
        QProcess first;
        first.start(QStringLiteral(SUPPORTLENS_BINARY),
                    {QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--timezone=UTC"), m_first});
        QVERIFY(first.waitForFinished(60000));
        const DatabaseState before = stateOf(db);
        QVERIFY(QFileInfo(db).size() < 4 * 1024 * 1024);
        QProcess import;
        import.setChildProcessModifier([] {
            ::signal(SIGXFSZ, SIG_IGN); // a write past the limit then fails with EFBIG instead of killing
            struct rlimit limit{4 * 1024 * 1024, 4 * 1024 * 1024};
            ::setrlimit(RLIMIT_FSIZE, &limit);
        });
        import.start(QStringLiteral(SUPPORTLENS_BINARY),
                     {QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--timezone=UTC"), m_second});
        QVERIFY(import.waitForFinished(120000));
        QCOMPARE(import.exitStatus(), QProcess::NormalExit);
        QCOMPARE(import.exitCode(), 1);
        const QString message = QString::fromUtf8(import.readAllStandardError());
        QVERIFY2(message.contains(QStringLiteral("second.csv")) && message.contains(QStringLiteral("nothing imported")),
                 qPrintable(message));
        const DatabaseState after = stateOf(db);
        QCOMPARE(after.integrity, QStringLiteral("ok"));
        QCOMPARE(after.fingerprint, before.fingerprint);
    }

    void aFileDeletedDuringTheImportIsImportedWholeOrNotAtAll()
    {
        // Deleting the CSV while it is read: the open file stays readable (POSIX), so the import
        // either completes with every row or fails as a whole; it never stops halfway.
        const QString db = m_dir.filePath(QStringLiteral("deleted.sqlite"));
        const QString csv = m_dir.filePath(QStringLiteral("doomed.csv"));
        QVERIFY(QFile::copy(m_second, csv));
        std::unique_ptr<QProcess> import(startImport(db, csv));
        QVERIFY(import->waitForStarted(10000));
        const QString journal = db + QStringLiteral("-journal");
        QElapsedTimer waited;
        waited.start();
        while (!QFileInfo::exists(journal) && import->state() == QProcess::Running && waited.elapsed() < 30000)
            QThread::usleep(200);
        QVERIFY(QFile::remove(csv));
        QVERIFY(import->waitForFinished(120000));
        const DatabaseState after = stateOf(db);
        QCOMPARE(after.integrity, QStringLiteral("ok"));
        if (import->exitCode() == 0)
            QCOMPARE(after.tickets, m_rows);
        else
            QCOMPARE(after.tickets, 0);
    }

    void aLockedDatabaseIsRefusedWithAMessageAndNothingLost()
    {
        const QString db = m_dir.filePath(QStringLiteral("locked.sqlite"));
        QProcess first;
        first.start(QStringLiteral(SUPPORTLENS_BINARY),
                    {QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--timezone=UTC"), m_first});
        QVERIFY(first.waitForFinished(60000));
        const DatabaseState before = stateOf(db);
        // Another process holds the write lock for the whole import.
        QString error;
        std::optional<Database> holder = Database::open(db, &error);
        QVERIFY(holder);
        QVERIFY(holder->connection().exec("BEGIN EXCLUSIVE"));
        QProcess import;
        import.start(QStringLiteral(SUPPORTLENS_BINARY),
                     {QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--timezone=UTC"), m_second});
        QVERIFY(import.waitForFinished(120000));
        QCOMPARE(import.exitCode(), 1);
        const QString message = QString::fromUtf8(import.readAllStandardError());
        QVERIFY2(message.contains(QStringLiteral("lock"), Qt::CaseInsensitive)
                     || message.contains(QStringLiteral("busy"), Qt::CaseInsensitive),
                 qPrintable(message));
        holder->connection().exec("ROLLBACK");
        holder.reset();
        QCOMPARE(stateOf(db).fingerprint, before.fingerprint);
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
