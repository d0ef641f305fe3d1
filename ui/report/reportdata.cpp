#include "report/reportdata.h"

#include <algorithm>

namespace sl::ui {

std::optional<ReportData> computeReportData(Database &db, const TicketSnapshot &snapshot,
                                            const MetricsRequest &request, QString *error)
{
    Q_ASSERT(request.from && request.to);
    ReportData data;
    data.request = request;
    data.request.grouping = Grouping::None;
    data.request.compare = true;
    data.databasePath = db.path();
    data.generatedAt = QDateTime::currentDateTime();
    data.imports = db.imports();

    // The KPI table is the `metrics --compare` answer itself (metricsanswer.h), not a figure
    // recomputed here, so the report and the command can never disagree.
    std::optional<MetricsAnswer> answer = answerMetrics(db, snapshot, data.request, error);
    if (!answer)
        return std::nullopt;
    data.answer = std::move(*answer);

    // One engine for the rest: the filter's selection is decided once for all of them. A report
    // asks a handful of queries, so the order-statistics indexes would cost more than they save.
    MetricsEngine engine(snapshot, MetricsEngine::Indexing::ForOneQuery);
    DashboardRequest dashboard;
    dashboard.period = data.request;
    dashboard.compare = true;
    dashboard.trendSpan = TrendSpan::Period;
    dashboard.trendBucket = sparklineBucket(*request.from, *request.to);
    dashboard.topTagCount = 10;
    data.dashboard = computeDashboard(engine, dashboard);

    MetricsRequest byAgent = data.request;
    byAgent.compare = false;
    byAgent.grouping = Grouping::Agent;
    MetricsResult agents = engine.run(byAgent);
    const std::size_t solved = ticketMetricIndex("tickets_solved");
    std::erase_if(agents.groups, [](const MetricsGroup &group) { return group.key == QLatin1String("(none)"); });
    std::stable_sort(agents.groups.begin(), agents.groups.end(), [&](const MetricsGroup &a, const MetricsGroup &b) {
        const double left = a.metrics[solved].value.value_or(-1);
        const double right = b.metrics[solved].value.value_or(-1);
        if (left != right)
            return left > right;
        return a.key.localeAwareCompare(b.key) < 0;
    });
    data.agents = std::move(agents.groups);
    return data;
}

} // namespace sl::ui
