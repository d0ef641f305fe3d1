#include "metrics/metricsquery.h"

#include <QDateTime>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

namespace sl {

namespace {

constexpr std::int64_t farPast = std::numeric_limits<std::int64_t>::min() + 1;
constexpr std::int64_t farFuture = std::numeric_limits<std::int64_t>::max();

std::int64_t startOfDay(const QDate &date, const QTimeZone &zone)
{
    return QDateTime(date, QTime(0, 0), zone).toSecsSinceEpoch();
}

// UTC seconds -> wall-clock seconds in the display zone, one offset look-up per UTC hour.
class LocalClock
{
public:
    explicit LocalClock(const QTimeZone &zone) : m_zone(zone) {}
    std::int64_t local(std::int64_t utc)
    {
        const std::int64_t hour = utc >= 0 ? utc / 3600 : (utc - 3599) / 3600;
        auto found = m_offsets.find(hour);
        if (found == m_offsets.end())
            found = m_offsets.emplace(hour, m_zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(hour * 3600, QTimeZone::utc()))).first;
        return utc + found->second;
    }

private:
    QTimeZone m_zone;
    std::unordered_map<std::int64_t, int> m_offsets;
};

// Which tickets pass the filter, as a per-dictionary "allowed" mask; an empty mask allows all.
struct CompiledFilter
{
    std::vector<bool> channels, agents, teams, priorities, tags;
    bool anyTag = false;

    static std::vector<bool> allowed(const QStringList &names, const QStringList &wanted)
    {
        if (wanted.isEmpty())
            return {};
        std::vector<bool> mask(std::size_t(names.size()) + 1, false); // the extra slot keeps it non-empty
        for (qsizetype i = 0; i < names.size(); ++i) {
            for (const QString &name : wanted) {
                if (names[i].compare(name, Qt::CaseInsensitive) == 0)
                    mask[std::size_t(i)] = true;
            }
        }
        return mask;
    }
    static bool passes(const std::vector<bool> &mask, int index)
    {
        return mask.empty() || (index >= 0 && mask[std::size_t(index)]);
    }
    bool passes(const TicketSnapshot &s, const TicketFacts &t) const
    {
        if (!passes(channels, t.channel) || !passes(agents, t.agent) || !passes(teams, t.team)
            || !passes(priorities, t.priority)) {
            return false;
        }
        if (tags.empty())
            return true;
        for (std::uint32_t i = s.tagOffsets[std::size_t(t.index)]; i < s.tagOffsets[std::size_t(t.index) + 1]; ++i) {
            if (tags[std::size_t(s.tagIds[i])])
                return true;
        }
        return false;
    }
};

CompiledFilter compile(const TicketSnapshot &s, const MetricsFilter &filter)
{
    return {CompiledFilter::allowed(s.channelNames, filter.channels), CompiledFilter::allowed(s.agentNames, filter.agents),
            CompiledFilter::allowed(s.teamNames, filter.teams), CompiledFilter::allowed(s.priorityNames, filter.priorities),
            CompiledFilter::allowed(s.tagNames, filter.tags), !filter.tags.isEmpty()};
}

struct Period
{
    std::int64_t start = farPast; // inclusive, UTC
    std::int64_t end = farFuture; // exclusive
};

// The tickets created in [start, end) are a contiguous run of the snapshot (sorted by creation).
std::pair<std::size_t, std::size_t> createdRange(const TicketSnapshot &s, const Period &p)
{
    const auto byCreated = [](const TicketFacts &t, std::int64_t time) { return t.createdAt < time; };
    // Tickets without a creation time sort first (noTime is the smallest value) and belong to no period.
    const auto first = std::lower_bound(s.tickets.begin(), s.tickets.end(), std::max(p.start, TicketFacts::noTime + 1), byCreated);
    const auto last = std::lower_bound(first, s.tickets.end(), p.end, byCreated);
    return {std::size_t(first - s.tickets.begin()), std::size_t(last - s.tickets.begin())};
}

std::pair<std::size_t, std::size_t> solvedRange(const TicketSnapshot &s, const Period &p)
{
    const auto bySolved = [&](std::int32_t index, std::int64_t time) { return s.tickets[std::size_t(index)].solvedAt < time; };
    const auto first = std::lower_bound(s.solvedOrder.begin(), s.solvedOrder.end(), p.start, bySolved);
    const auto last = std::lower_bound(first, s.solvedOrder.end(), p.end, bySolved);
    return {std::size_t(first - s.solvedOrder.begin()), std::size_t(last - s.solvedOrder.begin())};
}

std::int64_t backlogAt(const TicketSnapshot &s, const CompiledFilter &filter, std::int64_t end)
{
    std::int64_t open = 0;
    const auto [first, last] = createdRange(s, Period{farPast, end});
    for (std::size_t i = first; i < last; ++i) {
        const TicketFacts &t = s.tickets[i];
        if ((t.solvedAt == TicketFacts::noTime || t.solvedAt >= end) && filter.passes(s, t))
            ++open;
    }
    return open;
}

std::vector<MetricValue> metricsFor(const TicketSnapshot &s, const CompiledFilter &filter, const Period &p,
                                    const SlaTargets &targets)
{
    TicketCohorts cohorts;
    cohorts.periodEnd = p.end;
    const auto [cFirst, cLast] = createdRange(s, p);
    for (std::size_t i = cFirst; i < cLast; ++i) {
        if (filter.passes(s, s.tickets[i]))
            cohorts.created.push_back(&s.tickets[i]);
    }
    const auto [sFirst, sLast] = solvedRange(s, p);
    for (std::size_t i = sFirst; i < sLast; ++i) {
        const TicketFacts &t = s.tickets[std::size_t(s.solvedOrder[i])];
        if (filter.passes(s, t))
            cohorts.solved.push_back(&t);
    }
    cohorts.backlogAtEnd = backlogAt(s, filter, p.end);
    return computeTicketMetrics(cohorts, s.fields, targets);
}

const std::array<const char *, 7> weekdayNames = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

struct TimeBucket
{
    QString key;
    std::int64_t sortKey = 0;
    QDate first; // the bucket's first day (day, week and month buckets)
    QDate next;  // the day after its last
};

// The bucket of a moment for the time groupings, with a sort key that orders them in time.
TimeBucket timeBucket(Grouping grouping, std::int64_t localSeconds)
{
    const std::int64_t days = localSeconds >= 0 ? localSeconds / 86400 : (localSeconds - 86399) / 86400;
    const QDate date = QDate(1970, 1, 1).addDays(days);
    switch (grouping) {
    case Grouping::Day: return {date.toString(Qt::ISODate), days, date, date.addDays(1)};
    case Grouping::Week: {
        int year = 0;
        const int week = date.weekNumber(&year);
        const QDate monday = date.addDays(1 - date.dayOfWeek());
        return {QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0')), year * 100 + week, monday,
                monday.addDays(7)};
    }
    case Grouping::Month: {
        const QDate first(date.year(), date.month(), 1);
        return {QStringLiteral("%1-%2").arg(date.year()).arg(date.month(), 2, 10, QLatin1Char('0')),
                date.year() * 100 + date.month(), first, first.addMonths(1)};
    }
    case Grouping::Hour: {
        const int hour = int((localSeconds - days * 86400) / 3600);
        return {QString::number(hour), hour, {}, {}};
    }
    case Grouping::Weekday: {
        const int weekday = date.dayOfWeek(); // 1 = Monday
        return {QString::fromLatin1(weekdayNames[std::size_t(weekday - 1)]), weekday, {}, {}};
    }
    default: return {};
    }
}

const QString noneKey = QStringLiteral("(none)");

QString attributeKey(const QStringList &names, int index)
{
    return index >= 0 ? names.at(index) : noneKey;
}

struct GroupCohorts
{
    TicketCohorts cohorts;
    std::int64_t sortKey = 0;
    QDate next; // time buckets of days, weeks and months: the day after the bucket
};

std::vector<MetricsGroup> groupsFor(const TicketSnapshot &s, const CompiledFilter &filter, const Period &p,
                                    const MetricsRequest &request)
{
    std::map<QString, GroupCohorts> groups;
    LocalClock clock(request.zone);
    const Grouping grouping = request.grouping;
    const auto attributeKeys = [&](const TicketFacts &t) {
        QStringList keys;
        switch (grouping) {
        case Grouping::Agent: keys.append(attributeKey(s.agentNames, t.agent)); break;
        case Grouping::Team: keys.append(attributeKey(s.teamNames, t.team)); break;
        case Grouping::Channel: keys.append(attributeKey(s.channelNames, t.channel)); break;
        case Grouping::Priority: keys.append(attributeKey(s.priorityNames, t.priority)); break;
        case Grouping::Tag:
            for (std::uint32_t i = s.tagOffsets[std::size_t(t.index)]; i < s.tagOffsets[std::size_t(t.index) + 1]; ++i)
                keys.append(s.tagNames.at(s.tagIds[i]));
            if (keys.isEmpty())
                keys.append(noneKey);
            break;
        default: break;
        }
        return keys;
    };
    const auto add = [&](const TicketFacts &t, std::int64_t moment, bool created) {
        if (isTimeGrouping(grouping)) {
            const TimeBucket bucket = timeBucket(grouping, clock.local(moment));
            GroupCohorts &group = groups[bucket.key];
            group.sortKey = bucket.sortKey;
            group.next = bucket.next;
            (created ? group.cohorts.created : group.cohorts.solved).push_back(&t);
            return;
        }
        for (const QString &key : attributeKeys(t))
            (created ? groups[key].cohorts.created : groups[key].cohorts.solved).push_back(&t);
    };

    const auto [cFirst, cLast] = createdRange(s, p);
    for (std::size_t i = cFirst; i < cLast; ++i) {
        if (filter.passes(s, s.tickets[i]))
            add(s.tickets[i], s.tickets[i].createdAt, true);
    }
    const auto [sFirst, sLast] = solvedRange(s, p);
    for (std::size_t i = sFirst; i < sLast; ++i) {
        const TicketFacts &t = s.tickets[std::size_t(s.solvedOrder[i])];
        if (filter.passes(s, t))
            add(t, t.solvedAt, false);
    }

    // Backlog: for a time bucket, at the bucket's end; for an attribute, at the period's end.
    if (!isTimeGrouping(grouping)) {
        const auto [first, last] = createdRange(s, Period{farPast, p.end});
        for (std::size_t i = first; i < last; ++i) {
            const TicketFacts &t = s.tickets[i];
            if ((t.solvedAt == TicketFacts::noTime || t.solvedAt >= p.end) && filter.passes(s, t)) {
                for (const QString &key : attributeKeys(t))
                    ++groups[key].cohorts.backlogAtEnd;
            }
        }
    }

    std::vector<MetricsGroup> result;
    std::vector<std::int64_t> sortKeys;
    for (auto &[key, group] : groups) {
        group.cohorts.periodEnd = p.end;
        if (group.next.isValid()) {
            // A day, week or month: its backlog and SLA clock end with the bucket.
            const std::int64_t bucketEnd = std::min(startOfDay(group.next, request.zone), p.end);
            group.cohorts.periodEnd = bucketEnd;
            group.cohorts.backlogAtEnd = backlogAt(s, filter, bucketEnd);
        }
        result.push_back({key, computeTicketMetrics(group.cohorts, s.fields, request.slaTargets)});
        sortKeys.push_back(group.sortKey);
    }
    // Time buckets in time order; everything else by tickets created, most first.
    std::vector<std::size_t> order(result.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    const std::size_t createdIndex = 0; // tickets_created is the first definition
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (isTimeGrouping(grouping))
            return sortKeys[a] < sortKeys[b];
        const double ca = result[a].metrics[createdIndex].value.value_or(0);
        const double cb = result[b].metrics[createdIndex].value.value_or(0);
        return ca > cb;
    });
    std::vector<MetricsGroup> ordered;
    ordered.reserve(result.size());
    for (std::size_t i : order)
        ordered.push_back(std::move(result[i]));
    return ordered;
}

} // namespace

bool MetricsFilter::isEmpty() const
{
    return channels.isEmpty() && agents.isEmpty() && teams.isEmpty() && priorities.isEmpty() && tags.isEmpty();
}

std::optional<Grouping> groupingFromName(const QString &name)
{
    static const std::array<std::pair<const char *, Grouping>, 10> names = {{
        {"day", Grouping::Day}, {"week", Grouping::Week}, {"month", Grouping::Month}, {"agent", Grouping::Agent},
        {"team", Grouping::Team}, {"channel", Grouping::Channel}, {"priority", Grouping::Priority},
        {"tag", Grouping::Tag}, {"hour", Grouping::Hour}, {"weekday", Grouping::Weekday},
    }};
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

namespace {

Period periodOf(const MetricsRequest &request)
{
    Period period;
    if (request.from)
        period.start = startOfDay(*request.from, request.zone);
    if (request.to)
        period.end = startOfDay(request.to->addDays(1), request.zone);
    return period;
}

} // namespace

VolumeHeatmap createdHeatmap(const TicketSnapshot &snapshot, const MetricsRequest &request)
{
    VolumeHeatmap heatmap{};
    const CompiledFilter filter = compile(snapshot, request.filter);
    LocalClock clock(request.zone);
    const auto [first, last] = createdRange(snapshot, periodOf(request));
    for (std::size_t i = first; i < last; ++i) {
        const TicketFacts &t = snapshot.tickets[i];
        if (!filter.passes(snapshot, t))
            continue;
        const std::int64_t local = clock.local(t.createdAt);
        const std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
        const auto weekday = std::size_t(((days % 7) + 7 + 3) % 7); // 1970-01-01 was a Thursday
        const auto hour = std::size_t((local - days * 86400) / 3600);
        ++heatmap[weekday][hour];
    }
    return heatmap;
}

MetricsResult runMetrics(const TicketSnapshot &snapshot, const MetricsRequest &request)
{
    const CompiledFilter filter = compile(snapshot, request.filter);
    const Period period = periodOf(request);

    MetricsResult result;
    result.metrics = metricsFor(snapshot, filter, period, request.slaTargets);
    if (request.compare && request.from && request.to) {
        // The previous period of the same length, in whole days, ending the day before `from`.
        const qint64 days = request.from->daysTo(*request.to) + 1;
        result.previousTo = request.from->addDays(-1);
        result.previousFrom = request.from->addDays(-days);
        const Period previous{startOfDay(*result.previousFrom, request.zone), period.start};
        result.previous = metricsFor(snapshot, filter, previous, request.slaTargets);
    }
    if (request.grouping != Grouping::None)
        result.groups = groupsFor(snapshot, filter, period, request);
    return result;
}

} // namespace sl
