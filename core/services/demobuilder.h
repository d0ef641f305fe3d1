#pragma once

// Builds the demo database the way a user builds theirs: the generator writes help-desk exports
// to a temporary folder, and the real import pipeline reads them. So the demo exercises the
// reader, the profiles and the writer, and never holds data an import could not produce.

#include <QDate>
#include <QString>

#include <cstdint>
#include <functional>

namespace sl {

struct DemoBuildOptions
{
    std::int64_t tickets = 60000;
    std::uint64_t seed = 42;
    QDate lastDay; // default: the last day of the previous month
};

struct DemoBuildResult
{
    bool ok = false;
    QString error;
    std::int64_t tickets = 0;
    QDate firstDay;
    QDate lastDay;
};

// Writes a new database at `path` (refuses to overwrite an existing file). The database appears
// only when complete: it is built under a temporary name and renamed at the end.
// `progress` gets a fraction 0..1 and returns false to cancel.
DemoBuildResult buildDemoDatabase(const QString &path, const DemoBuildOptions &options,
                                  const std::function<bool(double)> &progress = {});

} // namespace sl
