#pragma once

// The Overview page: the headline KPIs as cards, a trend chart of any metric, the breakdowns by
// channel and by team, the hour × weekday heat-map and the top tags, all for the filter bar's
// period and filter. It shows DashboardResults (computed by the DashboardController off the UI
// thread) and says when its own choices need a new one (the trend's bucket and span). Its numbers
// lead to their tickets: a KPI card, a bar, a heat-map cell or a tag asks for them
// (ticketsRequested, createdTicketsRequested, taggedTicketsRequested) with the request of the
// result shown.

#include "services/dashboardquery.h"
#include "shell/settings.h"
#include "store/targetstore.h"
#include "services/ticketquery.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

class QComboBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QTableView;
class QFrame;

namespace sl::ui {

class BreakdownChart;
class HeatmapWidget;
class KpiCard;
class TopTagsModel;
class TrendChart;

class OverviewPage : public QWidget
{
    Q_OBJECT

public:
    explicit OverviewPage(QWidget *parent = nullptr);

    void setSettings(const OverviewSettings &settings);
    OverviewSettings settings() const;
    // What the page needs from the next computation.
    TrendSpan trendSpan() const;
    Grouping trendBucket() const;

    // Shows a result; the previous one stays until then.
    void setResult(std::shared_ptr<const DashboardResult> result);
    std::shared_ptr<const DashboardResult> result() const { return m_result; }
    // Forgets the result and shows `message` (no database, a database without tickets).
    void showMessage(const QString &message);
    // "Computing…" while a computation for this page runs.
    void setBusy(bool busy);
    // The targets the cards and the trend show status against (none by default).
    void setTargets(const Targets &targets);
    const Targets &targets() const { return m_targets; }
    // The first and last day the data has tickets on: an empty period offers to jump there,
    // and the trend leaves buckets before the first day empty instead of drawing zeros.
    void setDataRange(const std::optional<QDate> &first, const std::optional<QDate> &last);

    KpiCard *card(std::string_view id) const;
    TrendChart *trendChart() const { return m_trend; }
    BreakdownChart *channelChart() const { return m_byChannel; }
    BreakdownChart *teamChart() const { return m_byTeam; }
    HeatmapWidget *heatmap() const { return m_heatmap; }
    TopTagsModel *topTagsModel() const { return m_tagsModel; }
    QComboBox *trendMetricBox() const { return m_trendMetric; }
    QLabel *statusLabel() const { return m_status; }

signals:
    // The trend's bucket or span changed: the dashboard needs computing again.
    void trendOptionsChanged();
    // Any of the page's choices changed (for the settings).
    void settingsChanged();
    // The user asked for another period (the empty-period banner's button).
    void periodRequested(const QDate &from, const QDate &to);
    // The tickets behind a number: a KPI card or a breakdown bar (its channel or team added to the
    // filter).
    void ticketsRequested(const sl::MetricsRequest &request, sl::TicketCohort cohort);
    // The tickets behind a heat-map cell: created in the period on `weekday` (0 = Monday) in
    // `hour`, in the request's zone.
    void createdTicketsRequested(const sl::MetricsRequest &request, int weekday, int hour);
    // A row of the top tags: the tickets created in the request's period, within its filter,
    // that carry `tag`.
    void taggedTicketsRequested(const sl::MetricsRequest &request, const QString &tag);

private:
    void showCards();
    void showTrend();
    void showBreakdowns();
    void showTags();
    void showDescription();
    void updateEmptyBanner();
    const MetricDefinition &breakdownMetric() const;
    void requestBarTickets(const BreakdownChart *chart, std::size_t bar);

    std::shared_ptr<const DashboardResult> m_result;
    std::optional<QDate> m_dataFirst, m_dataLast;
    Targets m_targets;
    bool m_busy = false;

    QLabel *m_description = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_message = nullptr;
    QFrame *m_emptyBanner = nullptr;
    QLabel *m_emptyText = nullptr;
    QPushButton *m_jumpToData = nullptr;
    QWidget *m_content = nullptr;
    QGridLayout *m_cardGrid = nullptr;
    std::vector<KpiCard *> m_cards; // in overviewKpiIds() order
    std::vector<bool> m_cardsShown; // which of them the grid holds now
    QComboBox *m_trendMetric = nullptr;
    QComboBox *m_trendBucket = nullptr;
    QComboBox *m_trendSpan = nullptr;
    TrendChart *m_trend = nullptr;
    HeatmapWidget *m_heatmap = nullptr;
    QComboBox *m_breakdownMetric = nullptr;
    BreakdownChart *m_byChannel = nullptr;
    BreakdownChart *m_byTeam = nullptr;
    TopTagsModel *m_tagsModel = nullptr;
    QTableView *m_tagsView = nullptr;
};

} // namespace sl::ui
