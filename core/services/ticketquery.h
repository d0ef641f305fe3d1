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

#include "services/csvexport.h"
#include "domain/metricdefinitions.h"
#include "metrics/metricsquery.h"
#include "store/sqlite.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace sl::ui {

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
struct TicketRow
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
    std::vector<TicketRow> read(std::span<const std::int64_t> ids);

private:
    sqlite::Statement m_statement;
};

// The columns of the tickets table view and of its CSV export.
enum class TicketColumn {
    Id,
    Created,
    Subject,
    Status,
    Priority,
    Channel,
    Agent,
    Team,
    FirstReply,
    Resolution,
    Csat,
    Count
};
inline constexpr int ticketColumnCount = int(TicketColumn::Count);

QString ticketColumnTitle(TicketColumn column);
// What a cell shows (numbers and times in the user's locale, times in `zone`).
QString ticketCellText(const TicketRow &row, TicketColumn column, const QTimeZone &zone);
// What the CSV gets: the same cell for another program to read, so dates as yyyy-MM-dd HH:mm:ss
// (in `zone`) and plain numbers with a decimal point ("1,234.5" would be text, or a different
// number, in another locale).
QString ticketCellExport(const TicketRow &row, TicketColumn column, const QTimeZone &zone);

// The header and the rows of `ids`, in that order, as ticketCellExport() writes them; read a
// block at a time. False when the writer failed (CsvWriter::errorString()).
bool writeTicketsCsv(
    sqlite::Connection &connection, std::span<const std::int64_t> ids, const QTimeZone &zone, CsvWriter &writer);

// "Created 1 Mar 2025 – 31 Mar 2025", "Open at the end of 31 Mar 2025", …
QString cohortDescription(TicketCohort cohort, const MetricsRequest &request);
// "on Mondays 14:00–15:00", "on Mondays", "14:00–15:00" (the selection's weekday and hour);
// empty when it has neither.
QString slotDescription(const std::optional<int> &weekday, const std::optional<int> &hour);

// The tickets a metric counts: the cohort its tally reads (tickettally.h) for one of
// ticketMetricDefinitions(); none for a metric that is not about tickets (calls, surveys).
std::optional<TicketCohort> ticketCohortOf(const MetricDefinition &metric);

// Translation context for the free functions above.
class TicketText
{
    Q_DECLARE_TR_FUNCTIONS(TicketText)
};

} // namespace sl::ui
