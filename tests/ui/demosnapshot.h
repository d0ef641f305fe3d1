#pragma once

// The demo help desk the window tests run on: a database built through the real import, and
// its snapshot, which the tests hand to pages directly or compare the window's figures with.

#include "services/demobuilder.h"
#include "domain/ticketsnapshot.h"
#include "store/database.h"
#include "store/snapshotstore.h"

#include <QDate>
#include <QString>

#include <memory>

namespace sl::test {

// Null with `error` set when the database cannot be built or read.
inline std::shared_ptr<const TicketSnapshot> buildDemoSnapshot(const QString &path, std::int64_t tickets,
                                                               const QDate &lastDay, QString *error)
{
    DemoBuildOptions options;
    options.tickets = tickets;
    options.lastDay = lastDay;
    const DemoBuildResult built = buildDemoDatabase(path, options);
    if (!built.ok) {
        *error = built.error;
        return nullptr;
    }
    std::optional<Database> database = Database::open(path, error);
    if (!database)
        return nullptr;
    std::optional<TicketSnapshot> snapshot = buildTicketSnapshot(*database, error);
    if (!snapshot)
        return nullptr;
    return std::make_shared<const TicketSnapshot>(std::move(*snapshot));
}

} // namespace sl::test
