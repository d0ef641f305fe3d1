#pragma once

// The tickets table as the window shows and exports it: its columns, their text, and the
// words for a selection (the selection itself, as SQL, is store/ticketselection.h).

#include "services/csvexport.h"
#include "domain/metricdefinitions.h"
#include "metrics/metricsquery.h"
#include "store/ticketselection.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace sl::ui {

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
QString ticketCellText(const TicketListRow &row, TicketColumn column, const QTimeZone &zone);
// What the CSV gets: the same cell for another program to read, so dates as yyyy-MM-dd HH:mm:ss
// (in `zone`) and plain numbers with a decimal point ("1,234.5" would be text, or a different
// number, in another locale).
QString ticketCellExport(const TicketListRow &row, TicketColumn column, const QTimeZone &zone);

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
