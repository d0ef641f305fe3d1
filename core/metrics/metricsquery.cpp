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
    // Per dictionary: 1 where a name is allowed; empty allows all.
    std::vector<std::uint8_t> channels, agents, teams, priorities, tags;
    bool allowsAll = true;

    static std::vector<std::uint8_t> allowed(const QStringList &names, const QStringList &wanted)
    {
        if (wanted.isEmpty())
            return {};
        std::vector<std::uint8_t> mask(std::size_t(names.size()) + 1, 0); // the extra slot keeps it non-empty
        for (qsizetype i = 0; i < names.size(); ++i) {
            for (const QString &name : wanted) {
                if (names[i].compare(name, Qt::CaseInsensitive) == 0)
                    mask[std::size_t(i)] = 1;
            }
        }
        return mask;
    }
    static bool passes(const std::vector<std::uint8_t> &mask, int index)
    {
        return mask.empty() || (index >= 0 && mask[std::size_t(index)]);
    }
    bool passes(const TicketSnapshot &s, const TicketFacts &t) const
    {
        if (allowsAll)
            return true;
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
            CompiledFilter::allowed(s.tagNames, filter.tags), filter.isEmpty()};
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

// When the filtered tickets were created and solved, sorted, so that the backlog at any moment is
// two binary searches: created before it minus solved before it. A ticket "solved" before it was
// created (exports have such rows) counts as solved when it was created.
struct Timeline
{
    std::vector<std::int64_t> created;
    std::vector<std::int64_t> solved;

    Timeline(const TicketSnapshot &s, const CompiledFilter &filter)
    {
        created.reserve(s.tickets.size());
        for (const TicketFacts &t : s.tickets) {
            if (t.createdAt != TicketFacts::noTime && filter.passes(s, t))
                created.push_back(t.createdAt);
        }
        solved.reserve(s.solvedOrder.size());
        for (std::int32_t index : s.solvedOrder) {
            const TicketFacts &t = s.tickets[std::size_t(index)];
            if (t.createdAt != TicketFacts::noTime && filter.passes(s, t))
                solved.push_back(std::max(t.solvedAt, t.createdAt));
        }
        // In solved order already, unless the max() above moved a ticket solved before it was created.
        if (!std::is_sorted(solved.begin(), solved.end()))
            std::sort(solved.begin(), solved.end());
    }
    std::int64_t backlogAt(std::int64_t end) const
    {
        const auto createdBefore = std::lower_bound(created.begin(), created.end(), end) - created.begin();
        const auto solvedBefore = std::lower_bound(solved.begin(), solved.end(), end) - solved.begin();
        return std::int64_t(createdBefore - solvedBefore);
    }
};

std::vector<MetricValue> metricsFor(const TicketSnapshot &s, const CompiledFilter &filter, const Timeline &timeline,
                                    const Period &p, const SlaTargets &targets)
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
    cohorts.backlogAtEnd = timeline.backlogAt(p.end);
    return computeTicketMetrics(cohorts, s.fields, targets);
}

// The bucket of a local day for the time groupings: an integer that orders buckets in time.
std::int64_t bucketOf(Grouping grouping, std::int64_t localSeconds)
{
    const std::int64_t days = localSeconds >= 0 ? localSeconds / 86400 : (localSeconds - 86399) / 86400;
    switch (grouping) {
    case Grouping::Day: return days;
    case Grouping::Week: return days - ((days % 7) + 7 + 3) % 7; // the week's Monday (1970-01-01 was a Thursday)
    case Grouping::Month: {
        const QDate date = QDate(1970, 1, 1).addDays(days);
        return date.year() * 12 + date.month() - 1;
    }
    case Grouping::Hour: return (localSeconds - days * 86400) / 3600;
    case Grouping::Weekday: return ((days % 7) + 7 + 3) % 7; // 0 = Monday
    default: return 0;
    }
}

const std::array<const char *, 7> weekdayNames = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

// A time bucket's key as the CLI spec spells it, and the first day after it (day, week, month).
std::pair<QString, QDate> describeBucket(Grouping grouping, std::int64_t bucket)
{
    switch (grouping) {
    case Grouping::Day: {
        const QDate day = QDate(1970, 1, 1).addDays(bucket);
        return {day.toString(Qt::ISODate), day.addDays(1)};
    }
    case Grouping::Week: {
        const QDate monday = QDate(1970, 1, 1).addDays(bucket);
        int year = 0;
        const int week = monday.weekNumber(&year);
        return {QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0')), monday.addDays(7)};
    }
    case Grouping::Month: {
        const QDate first(int(bucket / 12), int(bucket % 12) + 1, 1);
        return {QStringLiteral("%1-%2").arg(first.year()).arg(first.month(), 2, 10, QLatin1Char('0')), first.addMonths(1)};
    }
    case Grouping::Hour: return {QString::number(bucket), {}};
    case Grouping::Weekday: return {QString::fromLatin1(weekdayNames[std::size_t(bucket)]), {}};
    default: return {};
    }
}

const QString noneKey = QStringLiteral("(none)");

std::vector<MetricsGroup> groupsFor(const TicketSnapshot &s, const CompiledFilter &filter, const Timeline &timeline,
                                    const Period &p, const MetricsRequest &request)
{
    const Grouping grouping = request.grouping;
    const bool byTime = isTimeGrouping(grouping);
    // Groups by an integer key: a time bucket, or a dictionary index (-1: none).
    std::map<std::int64_t, TicketCohorts> groups;
    LocalClock clock(request.zone);

    std::array<std::int64_t, 1> single{};
    std::vector<std::int64_t> tagKeys;
    const auto keysOf = [&](const TicketFacts &t) -> std::pair<const std::int64_t *, std::size_t> {
        switch (grouping) {
        case Grouping::Agent: single[0] = t.agent; break;
        case Grouping::Team: single[0] = t.team; break;
        case Grouping::Channel: single[0] = t.channel; break;
        case Grouping::Priority: single[0] = t.priority; break;
        case Grouping::Tag: {
            tagKeys.clear();
            for (std::uint32_t i = s.tagOffsets[std::size_t(t.index)]; i < s.tagOffsets[std::size_t(t.index) + 1]; ++i)
                tagKeys.push_back(s.tagIds[i]);
            if (tagKeys.empty())
                tagKeys.push_back(-1);
            return {tagKeys.data(), tagKeys.size()};
        }
        default: break;
        }
        return {single.data(), 1};
    };
    const auto add = [&](const TicketFacts &t, std::int64_t moment, bool created) {
        if (byTime) {
            TicketCohorts &group = groups[bucketOf(grouping, clock.local(moment))];
            (created ? group.created : group.solved).push_back(&t);
            return;
        }
        const auto [keys, count] = keysOf(t);
        for (std::size_t k = 0; k < count; ++k) {
            TicketCohorts &group = groups[keys[k]];
            (created ? group.created : group.solved).push_back(&t);
        }
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
    // An attribute's backlog at the period's end: one pass over what was created before it.
    if (!byTime) {
        const auto [first, last] = createdRange(s, Period{farPast, p.end});
        for (std::size_t i = first; i < last; ++i) {
            const TicketFacts &t = s.tickets[i];
            if ((t.solvedAt == TicketFacts::noTime || std::max(t.solvedAt, t.createdAt) >= p.end) && filter.passes(s, t)) {
                const auto [keys, count] = keysOf(t);
                for (std::size_t k = 0; k < count; ++k)
                    ++groups[keys[k]].backlogAtEnd;
            }
        }
    }

    const QStringList *names = nullptr;
    switch (grouping) {
    case Grouping::Agent: names = &s.agentNames; break;
    case Grouping::Team: names = &s.teamNames; break;
    case Grouping::Channel: names = &s.channelNames; break;
    case Grouping::Priority: names = &s.priorityNames; break;
    case Grouping::Tag: names = &s.tagNames; break;
    default: break;
    }
    std::vector<MetricsGroup> result;
    for (auto &[key, cohorts] : groups) {
        cohorts.periodEnd = p.end;
        QString name;
        if (byTime) {
            const auto [text, next] = describeBucket(grouping, key);
            name = text;
            if (next.isValid()) {
                // A day, week or month: its backlog and SLA clock end with the bucket.
                cohorts.periodEnd = std::min(startOfDay(next, request.zone), p.end);
                cohorts.backlogAtEnd = timeline.backlogAt(cohorts.periodEnd);
            }
        } else {
            name = key >= 0 ? names->at(qsizetype(key)) : noneKey;
        }
        result.push_back({name, computeTicketMetrics(cohorts, s.fields, request.slaTargets)});
    }
    // Time buckets come in time order from the map; everything else by tickets created, most first.
    if (!byTime) {
        std::stable_sort(result.begin(), result.end(), [](const MetricsGroup &a, const MetricsGroup &b) {
            const double ca = a.metrics[0].value.value_or(0); // tickets_created is the first definition
            const double cb = b.metrics[0].value.value_or(0);
            return ca != cb ? ca > cb : a.key < b.key;
        });
    }
    return result;
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

    const Timeline timeline(snapshot, filter);
    MetricsResult result;
    result.metrics = metricsFor(snapshot, filter, timeline, period, request.slaTargets);
    if (request.compare && request.from && request.to) {
        // The previous period of the same length, in whole days, ending the day before `from`.
        const qint64 days = request.from->daysTo(*request.to) + 1;
        result.previousTo = request.from->addDays(-1);
        result.previousFrom = request.from->addDays(-days);
        const Period previous{startOfDay(*result.previousFrom, request.zone), period.start};
        result.previous = metricsFor(snapshot, filter, timeline, previous, request.slaTargets);
    }
    if (request.grouping != Grouping::None)
        result.groups = groupsFor(snapshot, filter, timeline, period, request);
    return result;
}

} // namespace sl
