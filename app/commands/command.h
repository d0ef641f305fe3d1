#pragma once

// What every subcommand shares: the exit codes, the two output streams, the usage error, the
// parsing of its options and of --timezone. One file per subcommand beside this one.

#include "domain/metricsrequest.h"

#include <QCommandLineParser>
#include <QStringList>
#include <QTimeZone>

#include <optional>

class QTextStream;

namespace sl::cli {

enum ExitCode { Done = 0, Failed = 1, BadUsage = 2 };

// The one stream each for standard output and error that every subcommand writes through.
QTextStream &out();
QTextStream &err();
// Prints "supportlens: MESSAGE" and where help is ("supportlens COMMAND --help"); BadUsage.
int usageError(const QString &message, const QString &command = {});

// Parses a subcommand's options (arguments as main() got them), adding -h/--help; on bad usage
// prints the error (pointing at `helpCommand`'s help when given) and returns false with
// *exitCode set. --help prints the command's help: false, *exitCode Done.
bool parseCommandLine(
    QCommandLineParser &parser, const QStringList &arguments, int *exitCode, const QString &helpCommand = {});
// --timezone's zone (the system's when not given); nullopt with *exitCode set when unknown.
std::optional<QTimeZone> timeZoneOption(
    const QCommandLineParser &parser, const QCommandLineOption &option, int *exitCode);

// --channel, --agent, --team, --priority and --tag (each repeatable): the filter `metrics` and
// `report` take alike.
struct FilterOptions
{
    FilterOptions();
    QList<QCommandLineOption> all() const;
    MetricsFilter filterOf(const QCommandLineParser &parser) const;

    QCommandLineOption channel, agent, team, priority, tag;
};

// The subcommands: `arguments` as main() got them ("supportlens", "import", ...); each returns
// the process exit code.
int runInspect(const QStringList &arguments); // commands/inspect.cpp
int runImport(const QStringList &arguments); // commands/import.cpp
int runDemo(const QStringList &arguments); // commands/demo.cpp
int runMetrics(const QStringList &arguments); // commands/metrics.cpp
int runCalendar(const QStringList &arguments); // commands/calendar.cpp
// Needs a QGuiApplication (fonts); main() makes one on the offscreen platform for it.
int runReport(const QStringList &arguments); // commands/report.cpp
// True for the subcommands that paint and so need a QGuiApplication rather than a QCoreApplication.
bool needsGuiApplication(const QStringList &arguments);

} // namespace sl::cli
