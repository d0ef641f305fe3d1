#pragma once

// What a metrics question asks, whatever the family answers it: a period in a time zone, a
// filter, a grouping, and whether to compare with the previous period.

#include "domain/ticketfacts.h" // SlaTargets

#include <QDate>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <optional>

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
    std::optional<QDate> to; // inclusive; none: to the last
    QTimeZone zone = QTimeZone::systemTimeZone();
    MetricsFilter filter;
    Grouping grouping = Grouping::None;
    bool compare = false; // needs from and to
    SlaTargets slaTargets;
};

// The key of the group of records without a value for the grouping's field ("(none)"): the
// engines write it, the window shows it as "(no agent)" and the like and never filters by it.
const QString &noneGroupKey();

} // namespace sl
