#pragma once

// Which tickets a number counts, as SQL over the tickets table: the rows behind a KPI card, a
// bar or a leaderboard cell. The cohorts and the filter are the metrics engine's, restated for
// rows (metricsquery.cpp decides over the in-memory snapshot, which has no row ids):
//   Created   created_at in [start, end)
//   Solved    solved_at in [start, end)
//   OpenAtEnd created before end and not solved by end (a "solved" time before the creation
//             counts from the creation, as in the backlog)
// with the period as whole days in the request's zone and the filter's names matched without
// regard to case, values of one field OR-ed and fields AND-ed. tst_tickets checks every cohort
// count against the engine's tickets_created, tickets_solved and backlog_end.

#include "domain/metricsrequest.h"
#include "store/sqlite.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace sl {

enum class TicketCohort { Created, Solved, OpenAtEnd };

enum class TicketSortKey { Created, FirstReply, Resolution };

struct TicketSelection
{
    MetricsRequest request; // period, zone and filter; grouping and compare are not read
    TicketCohort cohort = TicketCohort::Created;
    // Only tickets created on this weekday (0 = Monday) and in this hour of the day (0-23), both
    // in request.zone: the tickets of one cell of the Overview's heat-map (createdHeatmap).
    // Applied after the SQL, since SQLite knows no time zones but UTC and the local time.
    std::optional<int> weekday, hour;
    // Only tickets that also carry this tag: a row of the Overview's top tags. AND-ed with the
    // filter's tags (which are OR-ed among themselves), so it narrows the filter, never widens it.
    QString tag;
    QString search; // a part of the subject, the ticket id, the requester's name or e-mail
    TicketSortKey sortKey = TicketSortKey::Created;
    Qt::SortOrder sortOrder = Qt::DescendingOrder; // newest first
};

// One ticket as the table shows it.
struct TicketListRow
{
    std::int64_t rowId = 0;
    QString externalId, subject, status, priority, channel, agent, team, requester;
    std::optional<std::int64_t> createdAt, solvedAt; // UTC seconds
    std::optional<double> firstReplyMin; // as the metrics read it (the export's, else computed)
    std::optional<double> resolutionHours;
    std::optional<double> csatScore;
    std::optional<bool> csatGood;
};

// The period as UTC seconds, [start, end); none: unbounded on that side.
struct PeriodBounds
{
    std::optional<std::int64_t> start, end;
};
PeriodBounds periodBounds(const MetricsRequest &request);

// The row ids of the selection's tickets in its order: tickets without the sort value last,
// ties by creation time and row id. Reads every row of the table once (there is no index on
// the sort columns), so it runs off the UI thread, on a connection of its own. `cancelled`,
// when given, is asked every few thousand rows: a search typed further makes the previous one
// moot, and a million-row scan should not finish for nothing.
std::optional<std::vector<std::int64_t>> selectTicketIds(sqlite::Connection &connection,
    const TicketSelection &selection, QString *error, const std::function<bool()> &cancelled = {});

// Reads tickets by row id, a block at a time: one prepared statement, one execution per block.
class TicketRowReader
{
public:
    static constexpr std::size_t blockSize = 256;

    explicit TicketRowReader(sqlite::Connection &connection);
    bool isValid() const { return m_statement.isValid(); }
    // The rows of `ids` (at most blockSize), one per id in the order of `ids`; a ticket that is
    // gone since its id was selected comes back as an empty row with only its rowId.
    std::vector<TicketListRow> read(std::span<const std::int64_t> ids);

private:
    sqlite::Statement m_statement;
};

} // namespace sl
