#pragma once

// Every ticket of a database in memory, as plain TicketFacts sorted by creation time, with the
// names they refer to. Loaded once (off the UI thread); every query after that is a pass over
// memory instead of a GROUP BY over SQLite.

#include "metrics/ticketmetrics.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace sl {

class Database;

struct TicketSnapshot
{
    std::vector<TicketFacts> tickets;         // by creation time; tickets without one first
    std::vector<std::int32_t> solvedOrder;    // indices of solved tickets, by solved time
    std::vector<std::uint32_t> tagOffsets;    // tags of ticket i: tagIds[tagOffsets[i] .. tagOffsets[i+1])
    std::vector<std::int32_t> tagIds;
    QStringList agentNames, teamNames, channelNames, priorityNames, tagNames;
    TicketFields fields;

    // nullopt with *error set when the database cannot be read.
    static std::optional<TicketSnapshot> load(Database &database, QString *error);
};

} // namespace sl
