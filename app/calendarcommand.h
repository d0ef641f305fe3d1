#pragma once

// supportlens calendar: lists, sets and removes the business-hours calendars of a database.

#include <QStringList>

namespace sl::cli {

// `arguments` as main() got them ("supportlens", "calendar", ...); returns the process exit
// code: 0 done, 1 failed (the message is on stderr), 2 bad usage.
int runCalendarCommand(const QStringList &arguments);

} // namespace sl::cli
