#pragma once

// The headless command line of ../shared/spec/cli.md: which subcommand runs (each is a file of
// app/commands/). Runs under a QCoreApplication, so no display is needed (report: see
// needsGuiApplication()).

#include <QStringList>

namespace sl::cli {

// True when argv names a subcommand (the window is not wanted).
bool isSubcommand(const QStringList &arguments);

// Runs the subcommand in arguments[1]; returns the process exit code.
int run(const QStringList &arguments);

// True for the subcommands that paint and so need a QGuiApplication rather than a QCoreApplication.
bool needsGuiApplication(const QStringList &arguments);

} // namespace sl::cli
