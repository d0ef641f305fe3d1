#include "domain/metricsrequest.h"

#include <array>
#include <utility>

namespace sl {

bool MetricsFilter::isEmpty() const
{
    return channels.isEmpty() && agents.isEmpty() && teams.isEmpty() && priorities.isEmpty() && tags.isEmpty();
}

std::optional<Grouping> groupingFromName(const QString &name)
{
    static const std::array<std::pair<const char *, Grouping>, 10> names = { {
        { "day", Grouping::Day },
        { "week", Grouping::Week },
        { "month", Grouping::Month },
        { "agent", Grouping::Agent },
        { "team", Grouping::Team },
        { "channel", Grouping::Channel },
        { "priority", Grouping::Priority },
        { "tag", Grouping::Tag },
        { "hour", Grouping::Hour },
        { "weekday", Grouping::Weekday },
    } };
    for (const auto &[text, grouping] : names) {
        if (name == QLatin1String(text))
            return grouping;
    }
    return std::nullopt;
}

bool isTimeGrouping(Grouping grouping)
{
    return grouping == Grouping::Day || grouping == Grouping::Week || grouping == Grouping::Month
        || grouping == Grouping::Hour || grouping == Grouping::Weekday;
}

const QString &noneGroupKey()
{
    static const QString key = QStringLiteral("(none)");
    return key;
}

} // namespace sl
