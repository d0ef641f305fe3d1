#pragma once

// The `imports` table: one row per file an import started, written inside the import's own
// transaction (so a failed or cancelled file leaves no row), finished with its counts and the
// file's SHA-256. Every kind's import writes it through here.

#include "store/sqlite.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>

namespace sl {

struct ImportStart
{
    QString filePath;
    QString kind; // tickets, calls, ...
    QString profile; // the profile id used
    QString encoding; // as encodingName() writes it
    QString delimiter;
    QString timeZone;
    std::optional<QStringList> extraColumns; // when known before the rows are read
};

struct ImportCounts
{
    QString sha256;
    std::int64_t rowsRead = 0;
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t rejected = 0;
    std::optional<QStringList> extraColumns; // when known only after the rows
};

// The new row's id, or nullopt (connection.lastError() says why).
std::optional<std::int64_t> recordImportStart(sqlite::Connection &connection, const ImportStart &start);
bool recordImportEnd(sqlite::Connection &connection, std::int64_t importId, const ImportCounts &counts);

} // namespace sl
