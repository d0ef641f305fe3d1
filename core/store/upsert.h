#pragma once

// What every kind's writer does with a row: bind its key as tickets do, upsert it, and tell
// inserted from updated from unchanged; and the agents table, which several kinds name people in.

#include "store/sqlite.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <string_view>

namespace sl {

enum class UpsertOutcome { Inserted, Updated, Unchanged, Failed };

// Runs `exists` (one row when the key is already stored) and then `upsert` (an INSERT ... ON
// CONFLICT DO UPDATE ... WHERE something differs), both bound by the caller, and resets both.
// Failed: connection.lastError() says why.
UpsertOutcome runUpsert(sqlite::Connection &connection, sqlite::Statement &exists, sqlite::Statement &upsert);

// Binds an id as tickets do: digits without a leading zero become an integer, anything else
// stays text, so the same text always makes the same key.
void bindExternalId(sqlite::Statement &statement, int index, std::string_view id);
// Empty text is NULL.
void bindOptionalText(sqlite::Statement &statement, int index, std::string_view text);

// Agent ids by name, added to the agents table on first use, the way tickets resolve their
// assignee, so that one person is one agent across tickets, calls and reviews.
class AgentIds
{
public:
    explicit AgentIds(sqlite::Connection &connection);
    bool isValid() const { return m_insert.isValid() && m_select.isValid(); }
    // 0 for an empty name; -1 when the database refused (connection.lastError()).
    std::int64_t idOf(std::string_view name);

private:
    sqlite::Statement m_insert, m_select;
    QHash<QString, std::int64_t> m_ids;
};

} // namespace sl
