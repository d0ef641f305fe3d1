#include "services/ticketquery.h"

#include "services/requesttext.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <unordered_map>
#include <variant>

namespace sl::ui {

namespace {

QString formatNumber(const std::optional<double> &value, int decimals)
{
    return value ? QLocale().toString(*value, 'f', decimals) : QStringLiteral("—");
}

} // namespace

QString ticketColumnTitle(TicketColumn column)
{
    switch (column) {
    case TicketColumn::Id: return TicketText::tr("ID");
    case TicketColumn::Created: return TicketText::tr("Created");
    case TicketColumn::Subject: return TicketText::tr("Subject");
    case TicketColumn::Status: return TicketText::tr("Status");
    case TicketColumn::Priority: return TicketText::tr("Priority");
    case TicketColumn::Channel: return TicketText::tr("Channel");
    case TicketColumn::Agent: return TicketText::tr("Agent");
    case TicketColumn::Team: return TicketText::tr("Team");
    case TicketColumn::FirstReply: return TicketText::tr("First reply (min)");
    case TicketColumn::Resolution: return TicketText::tr("Resolution (h)");
    case TicketColumn::Csat: return TicketText::tr("CSAT");
    case TicketColumn::Count: break;
    }
    return {};
}

QString ticketCellText(const TicketListRow &row, TicketColumn column, const QTimeZone &zone)
{
    switch (column) {
    case TicketColumn::Id: return row.externalId;
    case TicketColumn::Created:
        return row.createdAt
            ? QLocale().toString(QDateTime::fromSecsSinceEpoch(*row.createdAt, zone), QLocale::ShortFormat)
            : QStringLiteral("—");
    case TicketColumn::Subject: return row.subject;
    case TicketColumn::Status: return row.status;
    case TicketColumn::Priority: return row.priority;
    case TicketColumn::Channel: return row.channel;
    case TicketColumn::Agent: return row.agent;
    case TicketColumn::Team: return row.team;
    case TicketColumn::FirstReply: return formatNumber(row.firstReplyMin, 1);
    case TicketColumn::Resolution: return formatNumber(row.resolutionHours, 1);
    case TicketColumn::Csat: {
        if (!row.csatGood && !row.csatScore)
            return {};
        const QString verdict = !row.csatGood ? QString()
            : *row.csatGood                   ? TicketText::tr("Good")
                                              : TicketText::tr("Bad");
        if (!row.csatScore)
            return verdict;
        const QString score = QLocale().toString(*row.csatScore, 'g', 3);
        return verdict.isEmpty() ? score : TicketText::tr("%1 (%2)").arg(verdict, score);
    }
    case TicketColumn::Count: break;
    }
    return {};
}

QString ticketCellExport(const TicketListRow &row, TicketColumn column, const QTimeZone &zone)
{
    const auto number = [](const std::optional<double> &value) {
        return value ? QString::number(std::round(*value * 1000.0) / 1000.0, 'g', 15) : QString();
    };
    switch (column) {
    case TicketColumn::Created:
        // Local time in the display zone, in the form spreadsheets read as a date and time.
        return row.createdAt
            ? QDateTime::fromSecsSinceEpoch(*row.createdAt, zone).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
            : QString();
    case TicketColumn::FirstReply: return number(row.firstReplyMin);
    case TicketColumn::Resolution: return number(row.resolutionHours);
    case TicketColumn::Csat:
        if (row.csatScore)
            return number(row.csatScore);
        return !row.csatGood ? QString() : *row.csatGood ? QStringLiteral("good") : QStringLiteral("bad");
    default: return ticketCellText(row, column, zone);
    }
}

bool writeTicketsCsv(
    sqlite::Connection &connection, std::span<const std::int64_t> ids, const QTimeZone &zone, CsvWriter &writer)
{
    QStringList cells;
    for (int column = 0; column < ticketColumnCount; ++column)
        cells.append(ticketColumnTitle(TicketColumn(column)));
    writer.writeRow(cells);
    TicketRowReader reader(connection);
    for (std::size_t first = 0; first < ids.size() && writer.ok(); first += TicketRowReader::blockSize) {
        const std::size_t count = std::min(TicketRowReader::blockSize, ids.size() - first);
        for (const TicketListRow &row : reader.read(ids.subspan(first, count))) {
            cells.clear();
            for (int column = 0; column < ticketColumnCount; ++column)
                cells.append(ticketCellExport(row, TicketColumn(column), zone));
            writer.writeRow(cells);
        }
    }
    return writer.ok();
}

QString cohortDescription(TicketCohort cohort, const MetricsRequest &request)
{
    const bool bounded = request.from || request.to;
    switch (cohort) {
    case TicketCohort::Created:
        return bounded ? TicketText::tr("Created %1").arg(periodDescription(request))
                       : TicketText::tr("All tickets created");
    case TicketCohort::Solved:
        return bounded ? TicketText::tr("Solved %1").arg(periodDescription(request))
                       : TicketText::tr("All tickets solved");
    case TicketCohort::OpenAtEnd:
        return request.to
            ? TicketText::tr("Open at the end of %1").arg(QLocale().toString(*request.to, QLocale::ShortFormat))
            : TicketText::tr("Open now");
    }
    return {};
}

QString slotDescription(const std::optional<int> &weekday, const std::optional<int> &hour)
{
    // Whole phrases per day rather than a day name with an "s": plurals differ by language.
    const QString days[7] = {
        TicketText::tr("on Mondays"),
        TicketText::tr("on Tuesdays"),
        TicketText::tr("on Wednesdays"),
        TicketText::tr("on Thursdays"),
        TicketText::tr("on Fridays"),
        TicketText::tr("on Saturdays"),
        TicketText::tr("on Sundays"),
    };
    const QString day = weekday && *weekday >= 0 && *weekday < 7 ? days[*weekday] : QString();
    QString hours;
    if (hour && *hour >= 0 && *hour < 24) {
        // The locale's short time without seconds, which some locales (C among them) keep there:
        // an hour's bounds have none.
        const QLocale locale;
        QString format = locale.timeFormat(QLocale::ShortFormat);
        format.remove(QRegularExpression(QStringLiteral("[:.]ss?")));
        hours = TicketText::tr("%1–%2").arg(
            locale.toString(QTime(*hour, 0), format), locale.toString(QTime((*hour + 1) % 24, 0), format));
    }
    if (day.isEmpty() || hours.isEmpty())
        return day.isEmpty() ? hours : day;
    return TicketText::tr("%1 %2").arg(day, hours);
}

std::optional<TicketCohort> ticketCohortOf(const MetricDefinition &metric)
{
    // Calls and surveys reuse some ids (aht_min, fcr_pct, csat_pct): only the ticket table's own
    // definitions are about tickets.
    const std::vector<MetricDefinition> &tickets = ticketMetricDefinitions();
    if (std::none_of(tickets.begin(), tickets.end(), [&](const MetricDefinition &d) { return &d == &metric; }))
        return std::nullopt;
    const std::string_view metricId = metric.id;
    // As tallyCreated() and tallySolved() (tickettally.h) count them; the backlog is a moment.
    static constexpr std::string_view created[]
        = { "tickets_created", "frt_median_min", "frt_mean_min", "frt_p90_min", "frt_unreplied", "frt_bh_median_min",
              "frt_bh_mean_min", "frt_bh_p90_min", "sla_first_reply_pct", "tickets_per_customer" };
    static constexpr std::string_view solved[] = { "tickets_solved", "resolution_median_hours", "resolution_mean_hours",
        "resolution_bh_median_hours", "resolution_bh_mean_hours", "aht_min", "fcr_pct", "reopen_pct", "replies_mean",
        "csat_pct", "csat_responses", "csat_mean", "survey_response_rate_pct" };
    if (metricId == "backlog_end")
        return TicketCohort::OpenAtEnd;
    if (std::find(std::begin(created), std::end(created), metricId) != std::end(created))
        return TicketCohort::Created;
    if (std::find(std::begin(solved), std::end(solved), metricId) != std::end(solved))
        return TicketCohort::Solved;
    return std::nullopt;
}

} // namespace sl::ui
