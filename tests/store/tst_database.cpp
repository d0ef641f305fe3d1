// The database file: creation, schema versions, refusing what it cannot read.

#include "store/database.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sl;

class TestDatabase : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void aNewFileGetsTheCurrentSchema()
    {
        QString error;
        std::optional<Database> db = Database::open(m_dir.filePath(QStringLiteral("new.sqlite")), &error);
        QVERIFY2(db, qPrintable(error));
        QCOMPARE(db->connection().queryInt("PRAGMA user_version"), Database::schemaVersion);
        for (const char *table : {"tickets", "agents", "teams", "channels", "customers", "imports"}) {
            const std::string sql = std::string("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='") + table + "'";
            QCOMPARE(db->connection().queryInt(sql), 1);
        }
        const DatabaseSummary summary = db->summary();
        QCOMPARE(summary.tickets, 0);
        QVERIFY(!summary.firstCreated);
    }

    void anOlderFileIsUpgradedInPlace()
    {
        // Version 0 is any SQLite file SupportLens has not touched yet, even one with tables of
        // its own: the upgrade adds ours and keeps the rest.
        const QString path = m_dir.filePath(QStringLiteral("old.sqlite"));
        {
            sqlite::Connection raw;
            QVERIFY(raw.open(path));
            QVERIFY(raw.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me');"));
        }
        QString error;
        std::optional<Database> db = Database::open(path, &error);
        QVERIFY2(db, qPrintable(error));
        QCOMPARE(db->connection().queryInt("PRAGMA user_version"), Database::schemaVersion);
        QCOMPARE(db->connection().queryInt("SELECT count(*) FROM notes"), 1);
        QCOMPARE(db->connection().queryInt("SELECT count(*) FROM tickets"), 0);
        // Opening again is a no-op.
        db.reset();
        QVERIFY(Database::open(path, &error));
    }

    void aNewerFileIsRefusedUntouched()
    {
        const QString path = m_dir.filePath(QStringLiteral("future.sqlite"));
        {
            sqlite::Connection raw;
            QVERIFY(raw.open(path));
            QVERIFY(raw.exec("PRAGMA user_version = 99"));
        }
        QString error;
        QVERIFY(!Database::open(path, &error));
        QVERIFY2(error.contains(QStringLiteral("newer SupportLens")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("99")), qPrintable(error));
        sqlite::Connection raw;
        QVERIFY(raw.open(path));
        QCOMPARE(raw.queryInt("PRAGMA user_version"), 99);
        QCOMPARE(raw.queryInt("SELECT count(*) FROM sqlite_master"), 0);
    }

    void aFileThatIsNotADatabaseIsRefused()
    {
        const QString path = test::writeFile(QDir(m_dir.path()), QStringLiteral("tickets.csv"),
                                             QByteArray("Id,Subject\n1,Hello\n").repeated(100));
        QString error;
        QVERIFY(!Database::open(path, &error));
        QVERIFY2(error.contains(QStringLiteral("not a SupportLens database")), qPrintable(error));
    }

    void readOnlyOpenOfAMissingFileSaysSo()
    {
        QString error;
        QVERIFY(!Database::open(m_dir.filePath(QStringLiteral("nowhere.sqlite")), &error, sqlite::Connection::Mode::ReadOnly));
        QVERIFY2(error.contains(QStringLiteral("no such database")), qPrintable(error));
    }

    void aTransactionRollsBackUnlessCommitted()
    {
        QString error;
        std::optional<Database> db = Database::open(m_dir.filePath(QStringLiteral("tx.sqlite")), &error);
        QVERIFY(db);
        {
            sqlite::Transaction transaction(db->connection());
            QVERIFY(transaction.isActive());
            QVERIFY(db->connection().exec("INSERT INTO agents (name) VALUES ('Zoë')"));
        }
        QCOMPARE(db->connection().queryInt("SELECT count(*) FROM agents"), 0);
        {
            sqlite::Transaction transaction(db->connection());
            QVERIFY(db->connection().exec("INSERT INTO agents (name) VALUES ('Zoë')"));
            QVERIFY(transaction.commit());
        }
        QCOMPARE(db->connection().queryInt("SELECT count(*) FROM agents"), 1);
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
