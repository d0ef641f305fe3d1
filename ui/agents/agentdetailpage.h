#pragma once

// One agent's page, reached from the leaderboard: their figures against their team's, tickets
// solved per week, their channel mix, and their tickets (the Tickets page, narrowed to them).

#include "services/agentdetail.h"

#include <QWidget>

#include <memory>

class QChartView;
class QGridLayout;
class QGroupBox;
class QLabel;
class QToolButton;

namespace sl::ui {

class BackgroundJob;
class SharedMetricsEngine;
class TicketsPage;

class AgentDetailPage : public QWidget
{
    Q_OBJECT

public:
    explicit AgentDetailPage(QWidget *parent = nullptr);

    void setEngine(std::shared_ptr<SharedMetricsEngine> engine);
    bool setDatabasePath(const QString &path, QString *error = nullptr);
    // Computes and shows `agent` for the request's period and filter (off the UI thread).
    void showAgent(const MetricsRequest &request, const QString &agent);

    QString agent() const { return m_agent; }
    // The figures shown (empty until the first computation is done).
    const AgentDetail &detail() const { return m_detail; }
    bool isBusy() const;
    TicketsPage *tickets() const { return m_tickets; }

signals:
    void backRequested();
    void busyChanged(bool busy);

private:
    void showDetail(AgentDetail detail);

    std::shared_ptr<SharedMetricsEngine> m_engine;
    BackgroundJob *m_job = nullptr;
    QString m_agent;
    AgentDetail m_detail;
    QToolButton *m_back = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QGroupBox *m_kpiBox = nullptr;
    QGridLayout *m_kpis = nullptr;
    QChartView *m_trend = nullptr;
    QChartView *m_channels = nullptr;
    TicketsPage *m_tickets = nullptr;
};

} // namespace sl::ui
