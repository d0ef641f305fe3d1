#pragma once

// The headless command line of ../shared/spec/cli.md: demo, inspect, import.
// Runs under a QCoreApplication, so no display is needed.

#include <QStringList>

class QTextStream;

namespace sl::cli {

enum ExitCode { Done = 0, Failed = 1, BadUsage = 2 };

// The one stream each for standard output and error that every subcommand writes through.
QTextStream &out();
QTextStream &err();
// Prints "supportlens: MESSAGE" and where help is ("supportlens COMMAND --help"); BadUsage.
int usageError(const QString &message, const QString &command = {});

// True when argv names a subcommand (the window is not wanted).
bool isSubcommand(const QStringList &arguments);

// Runs the subcommand in arguments[1]; returns the process exit code.
int run(const QStringList &arguments);

} // namespace sl::cli
