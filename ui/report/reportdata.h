#pragma once

// What the meeting report shows, computed in one go before anything is painted: the `metrics`
// answer with the previous period (the KPI table, figure for figure what `supportlens metrics
// --compare --format table` prints), the dashboard's trend, breakdowns, heat-map and top tags,
// the agent leaderboard and the imports the data came from. A plain function over the database
// and a snapshot, so the command line, the export dialog's worker thread and tests share it.

#include "services/dashboardquery.h"
#include "services/metricsanswer.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QPageLayout>
#include <QPageSize>
#include <QString>

#include <optional>
#include <vector>

namespace sl::ui {

enum class ReportSection : unsigned {
    TitlePage = 0x01,
    Kpis = 0x02,
    Trends = 0x04,
    Breakdowns = 0x08,
    Heatmap = 0x10,     // with the top tags
    Leaderboard = 0x20,
    Definitions = 0x40,
};
Q_DECLARE_FLAGS(ReportSections, ReportSection)
Q_DECLARE_OPERATORS_FOR_FLAGS(ReportSections)

inline constexpr ReportSections allReportSections = ReportSections(0x7f);

struct ReportOptions
{
    QString title; // empty: "Support report"
    ReportSections sections = allReportSections;
    QPageSize::PageSizeId paper = QPageSize::A4;
    QPageLayout::Orientation orientation = QPageLayout::Portrait;
};

struct ReportData
{
    MetricsRequest request; // the period (from and to set), time zone and filter
    QString databasePath;
    QDateTime generatedAt;
    std::vector<ImportRecord> imports;
    MetricsAnswer answer;             // with the previous period
    DashboardResult dashboard;        // trend by day/week/month over the period, breakdowns, heat-map
    std::vector<MetricsGroup> agents; // the leaderboard: most tickets solved first ("(none)" left out)
};

// `request` needs from and to; its grouping and compare are set here. On a database error returns
// nullopt and sets *error.
std::optional<ReportData> computeReportData(Database &db, const TicketSnapshot &snapshot,
                                            const MetricsRequest &request, QString *error);

} // namespace sl::ui
