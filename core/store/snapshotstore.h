#pragma once

// The ticket snapshot of a database: read from its cache when current, else built from the
// tickets table (business hours from the team calendars) and cached.

#include "domain/ticketsnapshot.h"

#include <QString>

#include <optional>

namespace sl {

class Database;

// The cached snapshot when it is current, else built from the tickets table (and cached when
// the database is writable). nullopt with *error set when the database cannot be read.
std::optional<TicketSnapshot> loadTicketSnapshot(Database &database, QString *error);
// Builds from the tickets table, ignoring any cache.
std::optional<TicketSnapshot> buildTicketSnapshot(Database &database, QString *error);
// Writes `snapshot` as the cache of the database's current data version.
bool storeTicketSnapshot(const TicketSnapshot &snapshot, Database &database, QString *error);

} // namespace sl
