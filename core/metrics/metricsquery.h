#pragma once

// A metrics query: a period in the display time zone, a filter, a grouping, and optionally the
// previous period of the same length. Runs over a TicketSnapshot; the CLI, the window and the
// report all ask through here.

#include "metrics/ticketmetrics.h"
#include "metrics/ticketsnapshot.h"

#include <QDate>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <array>
#include <optional>
#include <vector>

namespace sl {

// Values of one field are OR-ed, fields are AND-ed; names match case-insensitively.
struct MetricsFilter
{
    QStringList channels, agents, teams, priorities, tags;
    bool isEmpty() const;
};

enum class Grouping { None, Day, Week, Month, Agent, Team, Channel, Priority, Tag, Hour, Weekday };
std::optional<Grouping> groupingFromName(const QString &name);
bool isTimeGrouping(Grouping grouping);

struct MetricsRequest
{
    std::optional<QDate> from; // inclusive, in `zone`; none: from the first ticket
    std::optional<QDate> to;   // inclusive; none: to the last
    QTimeZone zone = QTimeZone::systemTimeZone();
    MetricsFilter filter;
    Grouping grouping = Grouping::None;
    bool compare = false; // needs from and to
    SlaTargets slaTargets;
};

struct MetricsGroup
{
    QString key;
    std::vector<MetricValue> metrics; // in the order of ticketMetricDefinitions()
};

struct MetricsResult
{
    std::vector<MetricValue> metrics;
    std::optional<std::vector<MetricValue>> previous;
    std::optional<QDate> previousFrom, previousTo;
    std::vector<MetricsGroup> groups;
};

MetricsResult runMetrics(const TicketSnapshot &snapshot, const MetricsRequest &request);

// Tickets created in the request's period and filter, by weekday (0 = Monday) and hour of the
// day in the display zone: the staffing heat-map.
using VolumeHeatmap = std::array<std::array<std::int64_t, 24>, 7>;
VolumeHeatmap createdHeatmap(const TicketSnapshot &snapshot, const MetricsRequest &request);

} // namespace sl
