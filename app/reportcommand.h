#pragma once

// supportlens report: the meeting-ready PDF of ui/report for a period and filter, headless.

#include <QStringList>

namespace sl::cli {

// `arguments` as main() got them ("supportlens", "report", ...); returns the process exit code:
// 0 done, 1 failed (the message on stderr names the file and why), 2 bad usage. Needs a
// QGuiApplication (fonts); main() makes one on the offscreen platform for this command.
int runReportCommand(const QStringList &arguments);

// True for the subcommands that paint and so need a QGuiApplication rather than a QCoreApplication.
bool needsGuiApplication(const QStringList &arguments);

} // namespace sl::cli
