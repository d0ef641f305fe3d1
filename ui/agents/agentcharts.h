#pragma once

// The two small charts of the agent drill-down. Qt Charts is deprecated from Qt 6.10 (its
// successor is Quick-based), so every Qt Charts call of the Agents page is in this file and a
// later move stays local.

#include <QChartView>
#include <QPalette>

namespace sl::ui {

struct AgentDetail;

// A chart view styled after `palette` (the system's), empty until one of the show functions.
QChartView *createAgentChartView(const QString &accessibleName, QWidget *parent);

// Tickets solved per week: the agent's line, and the team's per agent dashed.
void showWeeklyTrend(QChartView *view, const AgentDetail &detail);
// Shares of the tickets created by channel, the agent's bar beside the team's.
void showChannelMix(QChartView *view, const AgentDetail &detail);

} // namespace sl::ui
