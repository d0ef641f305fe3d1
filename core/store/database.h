#pragma once

// The SupportLens database: one SQLite file per workspace, schema versioned in
// PRAGMA user_version. Opening an older file upgrades it in one transaction; a file written by a
// newer SupportLens is refused rather than half-understood.

#include "store/sqlite.h"

#include <QDateTime>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace sl {

struct ImportRecord
{
    std::int64_t id = 0;
    QString fileName;
    std::int64_t fileSize = 0;
    QString sha256;
    QString kind;
    QString profile;
    QDateTime importedAt;
    std::int64_t rowsRead = 0;
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t rejected = 0;
};

struct DatabaseSummary
{
    std::int64_t tickets = 0;
    std::int64_t agents = 0;
    std::int64_t teams = 0;
    std::int64_t customers = 0;
    std::int64_t imports = 0;
    std::optional<QDateTime> firstCreated; // UTC
    std::optional<QDateTime> lastCreated;  // UTC
};

class Database
{
public:
    static constexpr int schemaVersion = 4;

    // Opens (creating when allowed) and migrates. On failure returns nullopt and sets `error`
    // to a sentence naming the file.
    static std::optional<Database> open(const QString &path, QString *error,
                                        sqlite::Connection::Mode mode = sqlite::Connection::Mode::ReadWriteCreate);

    const QString &path() const { return m_path; }
    sqlite::Connection &connection() { return m_connection; }

    // A counter that every write changing what the metrics see bumps (in that write's
    // transaction): imports, calendar edits. Caches of derived data key on it.
    std::int64_t dataVersion();
    bool bumpDataVersion();

    DatabaseSummary summary();
    std::vector<ImportRecord> imports();

private:
    Database(QString path, sqlite::Connection connection);
    bool migrate(QString *error);

    QString m_path;
    sqlite::Connection m_connection;
};

} // namespace sl
