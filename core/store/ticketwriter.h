#pragma once

// Writer: typed TicketRows -> the tickets table, upserted on (source, external id).
//
// It runs inside the caller's transaction and never commits: the import job owns the
// transaction, so a failed or cancelled file leaves the database exactly as it was. The names of
// agents, teams, channels and customers are resolved through in-memory maps, one INSERT per
// name the database has not seen.

#include "domain/ticketfields.h"
#include "store/sqlite.h"
#include "util/flatstringmap.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <optional>
#include <unordered_map>
#include <vector>

namespace sl {

class TicketWriter
{
public:
    enum class Outcome { InsertedOrChanged, Unchanged, Failed };

    TicketWriter(sqlite::Connection &connection, std::string source, std::int64_t importId);

    bool isValid() const { return m_valid; }
    QString lastError() const { return m_error; }

    Outcome write(const TicketRow &row);
    // Writes all rows, adding to the counts; on failure returns the index of the row (or of the
    // first row of the group) the database refused.
    std::optional<std::size_t> writeMany(const std::vector<TicketRow> &rows, std::int64_t *changed,
                                         std::int64_t *unchanged);

private:
    struct StringHash
    {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    using IdByName = std::unordered_map<std::string, std::int64_t, StringHash, std::equal_to<>>;

    static constexpr std::size_t groupRows = 16; // rows per multi-row upsert

    bool bindRow(sqlite::Statement &statement, int offset, const TicketRow &row);
    // 0 for an empty name (stored as NULL).
    std::int64_t nameId(IdByName &cache, sqlite::Statement &insert, sqlite::Statement &select,
                        std::string_view name);
    std::int64_t customerId(const TicketRow &row);

    sqlite::Connection &m_connection;
    std::string m_source;
    std::int64_t m_importId;
    bool m_valid = false;
    QString m_error;

    sqlite::Statement m_upsert;      // one row
    sqlite::Statement m_upsertGroup; // groupRows rows
    sqlite::Statement m_insertAgent, m_selectAgent;
    sqlite::Statement m_insertTeam, m_selectTeam;
    sqlite::Statement m_insertChannel, m_selectChannel;
    sqlite::Statement m_insertCustomer, m_selectCustomer;
    IdByName m_agents, m_teams, m_channels;
    FlatStringMap m_customers; // hundreds of thousands of keys: see flatstringmap.h
};

// Rows in the tickets table: an import counts before and after to tell inserted from updated.
std::int64_t countTickets(sqlite::Connection &connection);

} // namespace sl
