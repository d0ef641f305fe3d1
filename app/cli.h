#pragma once

// The headless command line of ../shared/spec/cli.md: demo, inspect, import.
// Runs under a QCoreApplication, so no display is needed.

#include <QStringList>

namespace sl::cli {

enum ExitCode { Done = 0, Failed = 1, BadUsage = 2 };

// True when argv names a subcommand (the window is not wanted).
bool isSubcommand(const QStringList &arguments);

// Runs the subcommand in arguments[1]; returns the process exit code.
int run(const QStringList &arguments);

} // namespace sl::cli
