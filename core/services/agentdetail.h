#pragma once

// What an agent's drill-down shows, computed in one go off the UI thread: the agent's figures
// against their team's, a weekly trend and their channel mix.
//
// The team is the agent's main team: the team of most of their tickets in the period (created
// or solved). Their figures come from the request's filter with agents = {agent}; the team's
// from the same filter with teams = {team} instead of any agent (every agent of that team,
// this one included). Rates and medians compare with the team's own figure; counts with the
// team's figure per agent, since a team solves more than any one of its people.

#include "metrics/metricsquery.h"

#include <QDate>
#include <QString>

#include <vector>

namespace sl::ui {

struct AgentDetail
{
    QString agent;
    QString team; // empty: no team; the comparison is then with every agent of the filter
    int teamAgents = 0; // agents with tickets in the team (or the filter) in the period
    std::vector<MetricValue> agentMetrics; // in the order of ticketMetricDefinitions()
    std::vector<MetricValue> teamMetrics;

    // Tickets solved per week (weeks start on Monday), the agent's and the team's per agent.
    std::vector<QDate> weeks;
    std::vector<double> agentSolvedByWeek, teamSolvedPerAgentByWeek;

    // Shares of the tickets created in the period, in %, by channel; the agent's biggest first.
    struct ChannelShare
    {
        QString channel;
        double agentPct = 0;
        double teamPct = 0;
    };
    std::vector<ChannelShare> channels;

    // A count metric's team value per agent; any other metric's team value as it is.
    std::optional<double> teamComparable(std::size_t metricIndex) const;
};

AgentDetail computeAgentDetail(MetricsEngine &engine, const MetricsRequest &request, const QString &agent);

// The Monday that starts an ISO week key of the engine ("2025-W03").
QDate weekStartOf(const QString &weekKey);

} // namespace sl::ui
