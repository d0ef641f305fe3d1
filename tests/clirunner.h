#pragma once

// Runs a program as a user or a script would, in its own process, with no display (the
// subcommands and the report must not need one), and keeps its exit code and output.

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace sl::test {

struct Run
{
    int exitCode = -1; // -1: it crashed or did not finish in time
    QString out;
    QString err;
};

struct RunOptions
{
    int timeoutMs = 120000;
    bool cLocale = false; // LC_ALL=C.UTF-8 and no QT_QPA_PLATFORM, as a cron job would run it
};

inline Run runProgram(const QString &program, const QStringList &arguments, const RunOptions &options = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    if (options.cLocale) {
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        environment.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    }
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForFinished(options.timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
        QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError()) };
}

#ifdef SUPPORTLENS_BINARY
// The supportlens binary of this build.
inline Run supportlens(const QStringList &arguments, const RunOptions &options = {})
{
    return runProgram(QStringLiteral(SUPPORTLENS_BINARY), arguments, options);
}
#endif

} // namespace sl::test
