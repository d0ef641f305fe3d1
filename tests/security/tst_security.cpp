// What the security section of the hardening issue promises, checked from outside:
//  - a database file (and its journal) is created with the user's default permissions, 0666
//    minus the umask, like any document the user saves; never wider, never a fixed 0644;
//  - nothing is sent over the network: the binary does not link Qt Network, and the headless
//    commands (demo, inspect, import, metrics, report) open no Internet socket, watched with
//    strace (skipped with a reason where strace is absent).
// (No SQL text is built from file content: tst_hostile imports a header made of SQL.)

#include "store/database.h"
#include "testsupport.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <sys/types.h>

using namespace sl;

namespace {

// The permission bits of `path`, or -1.
int modeOf(const QString &path)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 0777);
}

// Sets the process's umask for one scope (children started in it inherit it).
class UmaskScope
{
public:
    explicit UmaskScope(mode_t mask)
        : m_previous(::umask(mask))
    {
    }
    ~UmaskScope() { ::umask(m_previous); }
    UmaskScope(const UmaskScope &) = delete;
    UmaskScope &operator=(const UmaskScope &) = delete;

private:
    mode_t m_previous;
};

QString binary()
{
    return QStringLiteral(SUPPORTLENS_BINARY);
}

} // namespace

class TestSecurity : public QObject
{
    Q_OBJECT

private slots:
    void databaseFileHasTheUsersDefaultPermissions_data()
    {
        QTest::addColumn<int>("mask");
        QTest::addColumn<int>("expected");
        QTest::newRow("umask 022: rw-r--r--") << 0022 << 0644;
        QTest::newRow("umask 002 (a shared group): rw-rw-r--, not SQLite's fixed 0644") << 0002 << 0664;
        QTest::newRow("umask 077 (private): rw-------, never readable by others") << 0077 << 0600;
    }

    void databaseFileHasTheUsersDefaultPermissions()
    {
        QFETCH(int, mask);
        QFETCH(int, expected);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("new.sqlite"));
        {
            const UmaskScope scope(mode_t(mask & 0777));
            QString error;
            std::optional<Database> db = Database::open(path, &error);
            QVERIFY2(db, qPrintable(error));
        }
        QCOMPARE(modeOf(path), expected);
    }

    // The journal of a transaction gets the database file's mode: kill a writer mid-import and
    // the hot journal left behind is no more readable than the database.
    void anExistingFileKeepsItsPermissions()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("kept.sqlite"));
        {
            QString error;
            QVERIFY(Database::open(path, &error));
        }
        QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner));
        {
            const UmaskScope scope(0);
            QString error;
            std::optional<Database> db = Database::open(path, &error);
            QVERIFY2(db, qPrintable(error));
        }
        QCOMPARE(modeOf(path), 0600);
    }

    void theCommandLineCreatesFilesWithTheUmask()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.sqlite"));
        QProcess process;
        {
            const UmaskScope scope(0077);
            process.start(binary(), {QStringLiteral("demo"), QStringLiteral("--db"), path, QStringLiteral("--tickets"),
                                     QStringLiteral("200")});
            QVERIFY(process.waitForFinished(120000));
        }
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(modeOf(path), 0600);
    }

    void theBinaryDoesNotLinkANetworkLibrary()
    {
        const QString readelf = QStandardPaths::findExecutable(QStringLiteral("readelf"));
        if (readelf.isEmpty())
            QSKIP("readelf (binutils) is not installed");
        QProcess process;
        process.start(readelf, {QStringLiteral("-d"), binary()});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        const QString dynamic = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(dynamic.contains(QStringLiteral("libQt6Core")), "readelf output lists no libQt6Core: wrong file?");
        QVERIFY2(!dynamic.contains(QStringLiteral("libQt6Network")), qPrintable(dynamic));
        QVERIFY2(!dynamic.contains(QStringLiteral("libcurl")), qPrintable(dynamic));
    }

    // Every headless command under strace: the sockets it creates must all be local (AF_UNIX).
    void headlessCommandsOpenNoInternetSocket()
    {
        const QString strace = QStandardPaths::findExecutable(QStringLiteral("strace"));
        if (strace.isEmpty())
            QSKIP("strace is not installed (packaging/test-deps.txt lists it for CI)");
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("net.sqlite"));
        const QString fixture = test::fixturePath(QStringLiteral("import/zendesk_legacy.csv"));
        QVERIFY2(QFileInfo::exists(fixture), qPrintable(fixture));
        const QList<QStringList> commands = {
            {QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--tickets"), QStringLiteral("500")},
            {QStringLiteral("inspect"), fixture},
            {QStringLiteral("import"), QStringLiteral("--db"), db, fixture},
            {QStringLiteral("metrics"), QStringLiteral("--db"), db, QStringLiteral("--by"), QStringLiteral("agent")},
            {QStringLiteral("report"), QStringLiteral("--db"), db, QStringLiteral("--from"), QStringLiteral("2000-01-01"),
             QStringLiteral("--to"), QStringLiteral("2100-12-31"), QStringLiteral("--out"), dir.filePath(QStringLiteral("r.pdf"))},
        };
        const QRegularExpression socketCall(QStringLiteral(R"(socket\((AF_\w+|PF_\w+|\d+))"));
        for (const QStringList &command : commands) {
            const QString log = dir.filePath(QStringLiteral("strace-%1.log").arg(command.first()));
            QProcess process;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.remove(QStringLiteral("DISPLAY"));
            env.remove(QStringLiteral("WAYLAND_DISPLAY"));
            // In the sanitizer build: LeakSanitizer cannot run under ptrace (the other tests check leaks).
            const QString asan = env.value(QStringLiteral("ASAN_OPTIONS"));
            env.insert(QStringLiteral("ASAN_OPTIONS"),
                       asan.isEmpty() ? QStringLiteral("detect_leaks=0") : asan + QStringLiteral(":detect_leaks=0"));
            process.setProcessEnvironment(env);
            process.start(strace, QStringList{QStringLiteral("-f"), QStringLiteral("-qq"), QStringLiteral("-e"),
                                              QStringLiteral("trace=socket,connect,sendto"), QStringLiteral("-o"), log,
                                              binary()}
                                      + command);
            QVERIFY(process.waitForFinished(180000));
            const QString errors = QString::fromUtf8(process.readAllStandardError());
            if (errors.contains(QStringLiteral("ptrace"), Qt::CaseInsensitive)
                && errors.contains(QStringLiteral("not permitted")))
                QSKIP("strace cannot trace here (ptrace is not permitted in this container)");
            QVERIFY2(process.exitCode() == 0, qPrintable(command.join(QLatin1Char(' ')) + QStringLiteral(": ") + errors));
            QFile file(log);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(log));
            const QString trace = QString::fromUtf8(file.readAll());
            auto matches = socketCall.globalMatch(trace);
            while (matches.hasNext()) {
                const QString family = matches.next().captured(1);
                QVERIFY2(family == QLatin1String("AF_UNIX") || family == QLatin1String("AF_LOCAL")
                             || family == QLatin1String("PF_LOCAL") || family == QLatin1String("PF_UNIX"),
                         qPrintable(command.first() + QStringLiteral(" opened a socket of family ") + family));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestSecurity)
#include "tst_security.moc"
