#include "services/agentdetail.h"

#include "domain/metricdefinitions.h"

#include <algorithm>
#include <map>

namespace sl::ui {

namespace {

const QString &noneKey = noneGroupKey();

std::size_t metricIndex(std::string_view id)
{
    const std::vector<MetricDefinition> &definitions = ticketMetricDefinitions();
    return std::size_t(findMetricIn(definitions, id) - definitions.data());
}

double valueOf(const std::vector<MetricValue> &metrics, std::size_t index)
{
    return metrics[index].value.value_or(0);
}

} // namespace

std::optional<double> AgentDetail::teamComparable(std::size_t metricIndex) const
{
    const std::optional<double> &value = teamMetrics[metricIndex].value;
    if (!value || ticketMetricDefinitions()[metricIndex].unit != MetricUnit::Count)
        return value;
    if (teamAgents == 0)
        return std::nullopt;
    return *value / teamAgents;
}

QDate weekStartOf(const QString &weekKey)
{
    // "YYYY-Www": the Monday of ISO week 1 is the Monday on or before 4 January.
    const int year = weekKey.left(4).toInt();
    const int week = weekKey.mid(6).toInt();
    const QDate january4(year, 1, 4);
    if (!january4.isValid() || week < 1)
        return {};
    return january4.addDays(1 - january4.dayOfWeek() + 7 * (week - 1));
}

AgentDetail computeAgentDetail(MetricsEngine &engine, const MetricsRequest &request, const QString &agent)
{
    const std::size_t created = metricIndex("tickets_created");
    const std::size_t solved = metricIndex("tickets_solved");
    const auto activity = [&](const MetricsGroup &group) {
        return valueOf(group.metrics, created) + valueOf(group.metrics, solved);
    };

    AgentDetail detail;
    detail.agent = agent;
    MetricsRequest agentRequest = request;
    agentRequest.compare = false;
    agentRequest.filter.agents = QStringList { agent };

    // The main team: most of the agent's tickets.
    agentRequest.grouping = Grouping::Team;
    double most = 0;
    for (const MetricsGroup &group : engine.run(agentRequest).groups) {
        if (group.key != noneKey && activity(group) > most) {
            most = activity(group);
            detail.team = group.key;
        }
    }
    MetricsRequest teamRequest = agentRequest;
    teamRequest.filter.agents.clear();
    if (!detail.team.isEmpty())
        teamRequest.filter.teams = QStringList { detail.team };

    // The figures of the period, and the weekly trend, in one query each.
    agentRequest.grouping = Grouping::Week;
    const MetricsResult agentWeeks = engine.run(agentRequest);
    detail.agentMetrics = agentWeeks.metrics;
    teamRequest.grouping = Grouping::Agent;
    const MetricsResult teamAgents = engine.run(teamRequest);
    detail.teamMetrics = teamAgents.metrics;
    detail.teamAgents = int(std::count_if(teamAgents.groups.begin(), teamAgents.groups.end(),
        [&](const MetricsGroup &group) { return group.key != noneKey && activity(group) > 0; }));
    teamRequest.grouping = Grouping::Week;
    const MetricsResult teamWeeks = engine.run(teamRequest);
    std::map<QString, double> teamSolvedByWeek;
    for (const MetricsGroup &group : teamWeeks.groups)
        teamSolvedByWeek[group.key] = valueOf(group.metrics, solved);
    for (const MetricsGroup &group : agentWeeks.groups) {
        detail.weeks.push_back(weekStartOf(group.key));
        detail.agentSolvedByWeek.push_back(valueOf(group.metrics, solved));
        detail.teamSolvedPerAgentByWeek.push_back(
            detail.teamAgents > 0 ? teamSolvedByWeek[group.key] / detail.teamAgents : 0.0);
    }

    // Channel mix, as shares of the tickets created.
    agentRequest.grouping = Grouping::Channel;
    teamRequest.grouping = Grouping::Channel;
    const MetricsResult agentChannels = engine.run(agentRequest);
    const MetricsResult teamChannels = engine.run(teamRequest);
    const double agentTotal = valueOf(agentChannels.metrics, created);
    const double teamTotal = valueOf(teamChannels.metrics, created);
    std::map<QString, AgentDetail::ChannelShare> shares;
    for (const MetricsGroup &group : agentChannels.groups) {
        shares[group.key].channel = group.key;
        shares[group.key].agentPct = agentTotal > 0 ? 100.0 * valueOf(group.metrics, created) / agentTotal : 0.0;
    }
    for (const MetricsGroup &group : teamChannels.groups) {
        shares[group.key].channel = group.key;
        shares[group.key].teamPct = teamTotal > 0 ? 100.0 * valueOf(group.metrics, created) / teamTotal : 0.0;
    }
    for (auto &[key, share] : shares) {
        if (share.agentPct > 0 || share.teamPct > 0)
            detail.channels.push_back(share);
    }
    std::stable_sort(detail.channels.begin(), detail.channels.end(),
        [](const AgentDetail::ChannelShare &a, const AgentDetail::ChannelShare &b) {
            return a.agentPct != b.agentPct ? a.agentPct > b.agentPct : a.teamPct > b.teamPct;
        });
    return detail;
}

} // namespace sl::ui
