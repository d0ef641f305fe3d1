#pragma once

// The Agents page: a leaderboard of the agents for the window's period and filter, sortable by
// every column, optionally ranked by the CSAT lower bound; double-click (or Enter on) an agent
// for their drill-down, in the same page, with a way back.
//
// The main window hosts it: setSnapshot() (or setEngine()) and setDatabasePath() once per
// database (the snapshot it already loaded for the other pages), setRequest() on every filter
// change. Results are
// computed off the UI thread; a result older than the newest request is dropped.

#include "metrics/metricsquery.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;
class QStackedWidget;
class QTableView;
class QPushButton;

namespace sl::ui {

class AgentDetailPage;
class BackgroundJob;
class LeaderboardModel;
class LeaderboardProxy;
class SharedMetricsEngine;

class AgentsPage : public QWidget
{
    Q_OBJECT

public:
    explicit AgentsPage(QWidget *parent = nullptr);

    // The data: a snapshot (the page builds its own engine over it), or an engine another
    // page already built over the same snapshot (which saves its indexes, about 48 MB and
    // 0.3 s per million tickets). Null: no data.
    void setSnapshot(std::shared_ptr<const TicketSnapshot> snapshot);
    void setEngine(std::shared_ptr<SharedMetricsEngine> engine);
    // For the agent's tickets in the drill-down. False and `error` when it cannot be opened.
    bool setDatabasePath(const QString &path, QString *error = nullptr);
    // The period, zone and filter (grouping and compare are the page's own).
    void setRequest(const MetricsRequest &request);
    MetricsRequest request() const { return m_request; }

    void showAgent(const QString &agent);
    void showLeaderboard();
    // The agent whose drill-down is shown; empty on the leaderboard.
    QString currentAgent() const;

    // Ranks by the Wilson lower bound of CSAT instead of the sorted column.
    void setRankByLowerBound(bool on);
    bool isRankedByLowerBound() const;

    // True while the leaderboard or the drill-down computes.
    bool isBusy() const;

    LeaderboardModel *leaderboardModel() const { return m_model; }
    LeaderboardProxy *leaderboardProxy() const { return m_proxy; }
    QTableView *leaderboardView() const { return m_view; }
    AgentDetailPage *detailPage() const { return m_detail; }

signals:
    void busyChanged(bool busy);
    void agentShown(const QString &agent); // empty: back on the leaderboard

private:
    void recompute();
    void exportLeaderboard();
    void fitColumns();

    std::shared_ptr<SharedMetricsEngine> m_engine;
    MetricsRequest m_request;
    BackgroundJob *m_job = nullptr;
    LeaderboardModel *m_model = nullptr;
    LeaderboardProxy *m_proxy = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_leaderboard = nullptr;
    QLabel *m_description = nullptr;
    QLabel *m_status = nullptr;
    QCheckBox *m_rankByLowerBound = nullptr;
    QPushButton *m_export = nullptr;
    QTableView *m_view = nullptr;
    AgentDetailPage *m_detail = nullptr;
};

} // namespace sl::ui
