#include "metrics/metricsquery.h"

#include "metrics/periodbuckets.h"

#include <QDateTime>
#include <QSemaphore>
#include <QThreadPool>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <thread>

namespace sl {

namespace {

constexpr std::int64_t farPast = std::numeric_limits<std::int64_t>::min() + 1;
constexpr std::int64_t farFuture = std::numeric_limits<std::int64_t>::max();

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

// UTC seconds -> wall-clock seconds in the display zone. The offset is constant between two
// transitions, so it is looked up again only when a time leaves the current interval: a walk
// over tickets in time order asks the zone twice a year.
class LocalClock
{
public:
    explicit LocalClock(const QTimeZone &zone)
        : m_zone(zone)
    {
        if (!zone.isValid() || !zone.hasTransitions()) {
            m_offset = zone.isValid() ? zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(0, QTimeZone::utc())) : 0;
            m_from = std::numeric_limits<std::int64_t>::min();
            m_to = std::numeric_limits<std::int64_t>::max();
        }
    }
    std::int64_t local(std::int64_t utc)
    {
        if (utc < m_from || utc >= m_to)
            refresh(utc);
        return utc + m_offset;
    }

private:
    void refresh(std::int64_t utc)
    {
        const QDateTime at = QDateTime::fromSecsSinceEpoch(utc, QTimeZone::utc());
        m_offset = m_zone.offsetFromUtc(at);
        const QTimeZone::OffsetData previous = m_zone.previousTransition(at.addSecs(1));
        const QTimeZone::OffsetData next = m_zone.nextTransition(at);
        m_from = previous.atUtc.isValid() ? previous.atUtc.toSecsSinceEpoch() : std::numeric_limits<std::int64_t>::min();
        m_to = next.atUtc.isValid() ? next.atUtc.toSecsSinceEpoch() : std::numeric_limits<std::int64_t>::max();
        if (m_from > utc || m_to <= utc) { // a zone whose transition data disagrees: one hour at a time
            m_from = floorDiv(utc, 3600) * 3600;
            m_to = m_from + 3600;
        }
    }

    QTimeZone m_zone;
    std::int64_t m_offset = 0;
    std::int64_t m_from = 0; // the current offset holds for [m_from, m_to)
    std::int64_t m_to = 0;
};

// Order statistics indexes of the snapshot's four duration columns (see OrderedColumn).
struct OrderIndex
{
    OrderedColumn firstReplyMin, firstReplyBhMin, resolutionHours, resolutionBhHours;

    explicit OrderIndex(const TicketSnapshot &s)
    {
        // The same values tallyCreated and tallySolved add, computed the same way.
        const auto value = [](double v) { return std::isnan(v) ? std::nullopt : std::optional<double>(v); };
        firstReplyMin = OrderedColumn::build(s.size(), [&](std::size_t i) { return firstReplyMinutes(s.facts(i)); });
        firstReplyBhMin = OrderedColumn::build(s.size(), [&](std::size_t i) { return value(s.firstReplyBhMin[i]); });
        // The solved cohort's columns are keyed by solved position (TicketSnapshot::solvedFacts).
        resolutionHours = OrderedColumn::build(s.solved.size(), [&](std::size_t k) { return sl::resolutionHours(s.solvedFacts(k)); });
        resolutionBhHours = OrderedColumn::build(s.solved.size(), [&](std::size_t k) {
            const double minutes = s.solved.resolutionBhMin[k];
            return std::isnan(minutes) ? std::nullopt : std::optional<double>(minutes / 60.0);
        });
    }
};

TicketTally newTally(const OrderIndex *order, std::int64_t periodEnd)
{
    TicketTally tally;
    tally.periodEnd = periodEnd;
    if (order) {
        tally.firstReplyMin.ordered = &order->firstReplyMin;
        tally.firstReplyBhMin.ordered = &order->firstReplyBhMin;
        tally.resolutionHours.ordered = &order->resolutionHours;
        tally.resolutionBhHours.ordered = &order->resolutionBhHours;
    }
    return tally;
}

// Passes over many tickets are split across the cores. A pool of its own, never shared with
// other work, so a part can never wait behind a task that waits for it; its threads stay, and
// with them their scratch buffers.
QThreadPool &passPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool; // lives as long as the process: no destruction-order questions
        p->setMaxThreadCount(int(std::max(1u, std::thread::hardware_concurrency())));
        p->setExpiryTimeout(-1);
        return p;
    }();
    return *pool;
}

std::atomic<std::size_t> minimumTicketsPerThread{40000};

// How many parts a pass over `tickets` tickets is worth: below ~40,000 per part, handing work
// to another thread costs more than it saves.
std::size_t partsFor(std::size_t tickets, std::size_t most = 64)
{
    const auto cores = std::size_t(std::max(2, passPool().maxThreadCount()));
    return std::clamp<std::size_t>(tickets / std::max<std::size_t>(1, minimumTicketsPerThread), 1,
                                   std::min({cores, most, std::size_t(8)}));
}

// Runs part(0) .. part(parts - 1), part 0 on the calling thread, and returns when all are done.
template<typename Part>
void runParts(std::size_t parts, Part part)
{
    if (parts <= 1) {
        part(std::size_t(0));
        return;
    }
    QSemaphore done;
    for (std::size_t p = 1; p < parts; ++p) {
        passPool().start([&part, &done, p] {
            part(p);
            done.release();
        });
    }
    part(std::size_t(0));
    done.acquire(int(parts - 1));
}

// Part p of `parts` of [first, last).
std::pair<std::size_t, std::size_t> slice(std::size_t first, std::size_t last, std::size_t p, std::size_t parts)
{
    const std::size_t n = last - first;
    return {first + n * p / parts, first + n * (p + 1) / parts};
}

struct Period
{
    std::int64_t start = farPast; // inclusive, UTC
    std::int64_t end = farFuture; // exclusive
};

// Which tickets pass a filter: one byte per ticket, decided once per filter.
class Selection
{
public:
    Selection() = default;
    Selection(const TicketSnapshot &s, const MetricsFilter &filter)
        : m_filter(filter)
    {
        if (filter.isEmpty())
            return;
        // Per field, 1 where a value is allowed, at index + 1 so that "none" (-1) is slot 0.
        const auto mask = [](const QStringList &names, const QStringList &wanted) {
            std::vector<std::uint8_t> allowed;
            if (wanted.isEmpty())
                return allowed;
            allowed.assign(std::size_t(names.size()) + 1, 0);
            for (qsizetype i = 0; i < names.size(); ++i) {
                for (const QString &name : wanted)
                    allowed[std::size_t(i) + 1] |= names[i].compare(name, Qt::CaseInsensitive) == 0 ? 1 : 0;
            }
            return allowed;
        };
        const std::vector<std::uint8_t> channels = mask(s.channelNames, filter.channels);
        const std::vector<std::uint8_t> agents = mask(s.agentNames, filter.agents);
        const std::vector<std::uint8_t> teams = mask(s.teamNames, filter.teams);
        const std::vector<std::uint8_t> priorities = mask(s.priorityNames, filter.priorities);
        const std::vector<std::uint8_t> tags = mask(s.tagNames, filter.tags);
        m_passes.assign(s.size(), 1);
        const auto narrow = [&](const std::vector<std::uint8_t> &allowed, const std::vector<std::int16_t> &column) {
            if (allowed.empty())
                return;
            for (std::size_t i = 0; i < column.size(); ++i)
                m_passes[i] &= allowed[std::size_t(column[i] + 1)];
        };
        narrow(channels, s.channel);
        narrow(agents, s.agent);
        narrow(teams, s.team);
        narrow(priorities, s.priority);
        if (!tags.empty()) {
            for (std::size_t i = 0; i < s.size(); ++i) {
                std::uint8_t any = 0;
                for (std::uint32_t k = s.tagOffsets[i]; k < s.tagOffsets[i + 1]; ++k)
                    any |= tags[std::size_t(s.tagIds[k] + 1)];
                m_passes[i] &= any;
            }
        }
        // The same in solved order, so the solved cohort's pass reads it front to back too.
        m_passesSolved.resize(s.solved.size());
        for (std::size_t k = 0; k < s.solved.size(); ++k)
            m_passesSolved[k] = m_passes[std::size_t(s.solved.ticket[k])];
    }
    bool passes(std::size_t i) const { return m_passes.empty() || m_passes[i]; }
    bool passesSolved(std::size_t k) const { return m_passesSolved.empty() || m_passesSolved[k]; }
    // nullptr when every ticket passes.
    const std::uint8_t *passesData() const { return m_passes.empty() ? nullptr : m_passes.data(); }
    const std::uint8_t *passesSolvedData() const { return m_passesSolved.empty() ? nullptr : m_passesSolved.data(); }
    bool isFor(const MetricsFilter &filter) const
    {
        return m_filter.channels == filter.channels && m_filter.agents == filter.agents && m_filter.teams == filter.teams
               && m_filter.priorities == filter.priorities && m_filter.tags == filter.tags;
    }

private:
public:
    // Finished tallies of periods already counted under this filter (without their backlog):
    // a dashboard asks for the same month as a period and again as a bucket of its trend.
    struct PeriodKey
    {
        std::int64_t from, to, phone, chat, social, other;
        auto operator<=>(const PeriodKey &) const = default;
    };
    std::shared_ptr<const TicketTally> remembered(const PeriodKey &key) const
    {
        const std::lock_guard lock(m_memoMutex);
        const auto found = m_memo.find(key);
        return found == m_memo.end() ? nullptr : found->second;
    }
    void remember(const PeriodKey &key, std::shared_ptr<const TicketTally> tally) const
    {
        const std::lock_guard lock(m_memoMutex);
        if (m_memo.size() > 512)
            m_memo.clear();
        m_memo.emplace(key, std::move(tally));
    }

private:
    mutable std::mutex m_memoMutex;
    mutable std::map<PeriodKey, std::shared_ptr<const TicketTally>> m_memo;
    MetricsFilter m_filter;
    std::vector<std::uint8_t> m_passes;       // empty: every ticket passes
    std::vector<std::uint8_t> m_passesSolved; // by solved position
};

// The tickets created in [start, end) are a contiguous run of the snapshot (sorted by creation);
// tickets without a creation time sort first and belong to no period.
std::pair<std::size_t, std::size_t> createdRange(const TicketSnapshot &s, std::int64_t start, std::int64_t end)
{
    const auto first = std::lower_bound(s.createdAt.begin(), s.createdAt.end(), std::max(start, TicketFacts::noTime + 1));
    const auto last = std::lower_bound(first, s.createdAt.end(), end);
    return {std::size_t(first - s.createdAt.begin()), std::size_t(last - s.createdAt.begin())};
}

// Solved positions of the tickets solved in [start, end).
std::pair<std::size_t, std::size_t> solvedRange(const TicketSnapshot &s, std::int64_t start, std::int64_t end)
{
    const std::vector<std::int64_t> &times = s.solved.solvedAt;
    const auto first = std::lower_bound(times.begin(), times.end(), start);
    const auto last = std::lower_bound(first, times.end(), end);
    return {std::size_t(first - times.begin()), std::size_t(last - times.begin())};
}

// Calls `open(i)` for every selected ticket open at `moment`: created before it and neither
// solved before it nor "solved" before its creation. Two short scans instead of a pass over
// every ticket: the recent ones, and the few that stay open long (see TicketSnapshot).
template<typename Open>
void forEachOpenAt(const TicketSnapshot &s, const Selection &selection, std::int64_t moment, Open open)
{
    const std::int64_t recent = moment - s.longOpenSeconds;
    const auto isOpen = [&](std::size_t i) {
        return selection.passes(i) && (s.solvedAt[i] == TicketFacts::noTime || std::max(s.solvedAt[i], s.createdAt[i]) >= moment);
    };
    const auto [first, last] = createdRange(s, recent, moment);
    for (std::size_t i = first; i < last; ++i) {
        if (isOpen(i))
            open(i);
    }
    for (std::size_t j = 0; j < s.longOpen.size(); ++j) {
        if (s.longOpenCreated[j] >= recent)
            break; // by creation: the rest were in the first scan
        const auto i = std::size_t(s.longOpen[j]);
        if (s.longOpenClosed[j] >= moment && selection.passes(i))
            open(i);
    }
}

std::int64_t backlogAt(const TicketSnapshot &s, const Selection &selection, std::int64_t moment)
{
    std::int64_t open = 0;
    forEachOpenAt(s, selection, moment, [&](std::size_t) { ++open; });
    return open;
}

// A tally's counters as plain locals for the length of one pass, so that they stay in
// registers, with the samples written straight into room reserved in the tally's buffers
// (counting into the tally itself makes every ticket wait on its own previous stores).
struct PassDuration
{
    std::int64_t count = 0;
    double sum = 0;
    const std::uint32_t *rankOf = nullptr; // the OrderedColumn's, when there is one
    std::uint32_t *rankOut = nullptr;
    double *valueOut = nullptr;

    // Writes the value (or its rank) either way and keeps it only when `has`: the room was
    // reserved for every ticket of the pass, and no jump depends on the data.
    SL_ALWAYS_INLINE void addIf(bool has, double value, std::int32_t ticket)
    {
        count += has;
        sum += has ? value : 0.0;
        if (rankOf) {
            *rankOut = rankOf[ticket];
            rankOut += has;
        } else {
            *valueOut = value;
            valueOut += has;
        }
    }
};

struct PassCustomers
{
    std::int32_t *out = nullptr;
    SL_ALWAYS_INLINE void pushIf(bool has, std::int32_t customer)
    {
        *out = customer;
        out += has;
    }
};

struct PassTally
{
    std::int64_t periodEnd = 0;
    AppendBuffer<std::int64_t> *pendingDeadlines = nullptr; // the tally's (rarely appended to)
    std::int64_t created = 0, unreplied = 0, closed = 0, solved = 0;
    PassDuration firstReplyMin, firstReplyBhMin, resolutionHours, resolutionBhHours;
    Trials firstReplyWithinTarget, firstContactResolution, reopened, satisfied, surveyAnswered;
    MeanSample handleMin, agentReplies, csatScore;
    PassCustomers customers;
};

// Room for at most `n` values of `sample` (one per ticket of the pass).
SL_ALWAYS_INLINE void openSample(PassDuration &pass, DurationSample &sample, std::size_t n)
{
    if (sample.ordered) {
        pass.rankOf = sample.ordered->rankOf.data();
        pass.rankOut = sample.ranks.tail(n);
    } else {
        pass.valueOut = sample.values.tail(n);
    }
}

SL_ALWAYS_INLINE void closeSample(const PassDuration &pass, DurationSample &sample)
{
    sample.count += pass.count;
    sample.sum += pass.sum;
    if (sample.ordered)
        sample.ranks.extend(std::size_t(pass.rankOut - sample.ranks.end()));
    else
        sample.values.extend(std::size_t(pass.valueOut - sample.values.end()));
}

void tallyCreatedRange(TicketTally &tally, const TicketSnapshot &s, const Selection &selection, std::size_t first,
                       std::size_t last, const SlaTargets &targets)
{
    PassTally pass;
    pass.periodEnd = tally.periodEnd;
    pass.pendingDeadlines = &tally.ownDeadlines;
    openSample(pass.firstReplyMin, tally.firstReplyMin, last - first);
    openSample(pass.firstReplyBhMin, tally.firstReplyBhMin, last - first);
    std::int32_t *customersStart = pass.customers.out = tally.customers.tail(last - first);
    const TicketSnapshot::CreatedColumns columns = s.createdColumns();
    const std::uint8_t *passes = selection.passesData();
    for (std::size_t i = first; i < last; ++i) {
        if (!passes || passes[i])
            tallyCreated(pass, columns.facts(i), targets);
    }
    tally.created += pass.created;
    tally.unreplied += pass.unreplied;
    tally.closed += pass.closed;
    tally.firstReplyWithinTarget.merge(pass.firstReplyWithinTarget);
    closeSample(pass.firstReplyMin, tally.firstReplyMin);
    closeSample(pass.firstReplyBhMin, tally.firstReplyBhMin);
    tally.customers.extend(std::size_t(pass.customers.out - customersStart));
}

void tallySolvedRange(TicketTally &tally, const TicketSnapshot &s, const Selection &selection, std::size_t first,
                      std::size_t last)
{
    PassTally pass;
    pass.periodEnd = tally.periodEnd;
    openSample(pass.resolutionHours, tally.resolutionHours, last - first);
    openSample(pass.resolutionBhHours, tally.resolutionBhHours, last - first);
    const TicketSnapshot::SolvedColumns columns = s.solvedColumns();
    const std::uint8_t *passes = selection.passesSolvedData();
    for (std::size_t k = first; k < last; ++k) {
        if (!passes || passes[k])
            tallySolved(pass, columns.facts(k));
    }
    tally.solved += pass.solved;
    tally.closed += pass.closed;
    closeSample(pass.resolutionHours, tally.resolutionHours);
    closeSample(pass.resolutionBhHours, tally.resolutionBhHours);
    tally.handleMin.merge(pass.handleMin);
    tally.firstContactResolution.merge(pass.firstContactResolution);
    tally.reopened.merge(pass.reopened);
    tally.agentReplies.merge(pass.agentReplies);
    tally.satisfied.merge(pass.satisfied);
    tally.csatScore.merge(pass.csatScore);
    tally.surveyAnswered.merge(pass.surveyAnswered);
}

// The tally of the tickets created and solved in [from, to), not yet finished (so that tallies
// of adjacent periods can still be merged) and without its backlog, remembered under the
// selection. `split`: the pass may use other threads (not
// from inside a part: the pool's threads must never wait for each other).
std::shared_ptr<const TicketTally> tallyPeriod(const TicketSnapshot &s, const Selection &selection,
                                               const OrderIndex *order, std::int64_t from, std::int64_t to,
                                               const SlaTargets &targets, bool split)
{
    const Selection::PeriodKey key{from, to, targets.phone, targets.chat, targets.social, targets.other};
    if (std::shared_ptr<const TicketTally> known = selection.remembered(key))
        return known;
    const auto [cFirst, cLast] = createdRange(s, from, to);
    const auto [sFirst, sLast] = solvedRange(s, from, to);
    const std::size_t parts = split ? partsFor(cLast - cFirst + sLast - sFirst) : 1;
    std::vector<TicketTally> partial(parts, newTally(order, to));
    runParts(parts, [&](std::size_t part) {
        const auto [cFrom, cTo] = slice(cFirst, cLast, part, parts);
        tallyCreatedRange(partial[part], s, selection, cFrom, cTo, targets);
        const auto [sFrom, sTo] = slice(sFirst, sLast, part, parts);
        tallySolvedRange(partial[part], s, selection, sFrom, sTo);
    });
    for (std::size_t part = 1; part < parts; ++part)
        partial[0].merge(std::move(partial[part]));
    auto tally = std::make_shared<const TicketTally>(std::move(partial[0]));
    selection.remember(key, tally);
    return tally;
}

std::vector<MetricValue> metricsFor(const TicketSnapshot &s, const Selection &selection, const OrderIndex *order,
                                    const Period &p, const SlaTargets &targets)
{
    const std::shared_ptr<const TicketTally> counted = tallyPeriod(s, selection, order, p.start, p.end, targets, true);
    TicketTally tally = finishedMerge({counted.get()}, p.end);
    tally.backlogAtEnd = backlogAt(s, selection, p.end);
    return computeTicketMetrics(tally, s.fields);
}

// Days since 1970-01-01 <-> QDate.
QDate dateOfDay(std::int64_t day)
{
    return QDate(1970, 1, 1).addDays(day);
}

// A day, week or month bucket of a period: its key and its part of the period, in UTC.
struct TimeBucket
{
    QString key;
    QDate start;
    std::int64_t from = 0; // inclusive
    std::int64_t to = 0;   // exclusive
};

// The period's first and last local day; an open end takes the data's.
std::pair<QDate, QDate> periodDays(const TicketSnapshot &s, const MetricsRequest &request)
{
    LocalClock clock(request.zone);
    const auto dayOf = [&](std::int64_t utc) { return dateOfDay(floorDiv(clock.local(utc), 86400)); };
    QDate first = request.from.value_or(QDate());
    QDate last = request.to.value_or(QDate());
    if (!first.isValid() || !last.isValid()) {
        const auto [cFirst, cLast] = createdRange(s, farPast, farFuture);
        std::int64_t earliest = farFuture, latest = farPast;
        if (cFirst < cLast) {
            earliest = s.createdAt[cFirst];
            latest = s.createdAt[cLast - 1];
        }
        if (s.solved.size() > 0) {
            earliest = std::min(earliest, s.solved.solvedAt.front());
            latest = std::max(latest, s.solved.solvedAt.back());
        }
        if (earliest > latest)
            return {};
        if (!first.isValid())
            first = dayOf(earliest);
        if (!last.isValid())
            last = dayOf(latest);
    }
    return {first, last};
}

std::vector<TimeBucket> timeBuckets(const TicketSnapshot &s, const MetricsRequest &request, Grouping grouping)
{
    std::vector<TimeBucket> buckets;
    const auto [first, last] = periodDays(s, request);
    if (!first.isValid() || !last.isValid() || first > last)
        return buckets;
    const std::int64_t periodStart = request.from ? startOfDay(first, request.zone) : farPast;
    const std::int64_t periodEnd = request.to ? startOfDay(last.addDays(1), request.zone) : farFuture;
    for (QDate day = bucketAround(grouping, first).first; day <= last;) {
        const QDate next = bucketAround(grouping, day).second;
        TimeBucket bucket;
        bucket.key = bucketKey(grouping, day);
        bucket.start = day;
        bucket.from = std::max(startOfDay(day, request.zone), periodStart);
        bucket.to = std::min(startOfDay(next, request.zone), periodEnd);
        if (buckets.empty() && !request.from)
            bucket.from = farPast; // an open start: everything before the first bucket belongs to it
        buckets.push_back(bucket);
        day = next;
    }
    if (!request.to)
        buckets.back().to = farFuture;
    return buckets;
}

const QString noneKey = noneGroupKey();

Period periodOf(const MetricsRequest &request);

// Day, week or month buckets. The buckets cover the period exactly, so the period's own
// metrics (`whole`) are the merge of theirs, and its backlog is the last bucket's.
std::vector<MetricsGroup> timeGroups(const TicketSnapshot &s, const Selection &selection, const OrderIndex *order,
                                     const MetricsRequest &request, std::vector<MetricValue> &whole)
{
    const std::vector<TimeBucket> buckets = timeBuckets(s, request, request.grouping);
    std::vector<std::shared_ptr<const TicketTally>> tallies(buckets.size()); // unfinished, for the merge
    std::vector<TicketTally> finished(buckets.size());
    const auto [first, last] = buckets.empty() ? std::pair<std::size_t, std::size_t>{0, 0}
                                               : createdRange(s, buckets.front().from, buckets.back().to);
    // Buckets are independent: each part takes every parts-th one.
    const std::size_t parts = partsFor(2 * (last - first), buckets.size());
    runParts(parts, [&](std::size_t part) {
        for (std::size_t b = part; b < buckets.size(); b += parts) {
            tallies[b] = tallyPeriod(s, selection, order, buckets[b].from, buckets[b].to, request.slaTargets, parts == 1);
            finished[b] = finishedMerge({tallies[b].get()}, buckets[b].to);
        }
    });
    std::vector<MetricsGroup> groups;
    std::int64_t backlog = 0;
    for (std::size_t b = 0; b < buckets.size(); ++b) {
        // The backlog at each bucket's end: counted at the first, then carried forward with
        // what each bucket opened and closed.
        backlog = b == 0 ? backlogAt(s, selection, buckets[b].to) : backlog + finished[b].created - finished[b].closed;
        finished[b].backlogAtEnd = backlog;
        groups.push_back({buckets[b].key, computeTicketMetrics(finished[b], s.fields)});
    }
    std::vector<const TicketTally *> bucketTallies;
    for (const std::shared_ptr<const TicketTally> &tally : tallies)
        bucketTallies.push_back(tally.get());
    TicketTally all = finishedMerge(bucketTallies, buckets.empty() ? periodOf(request).end : buckets.back().to);
    all.backlogAtEnd = buckets.empty() ? backlogAt(s, selection, periodOf(request).end) : backlog;
    whole = computeTicketMetrics(all, s.fields);
    return groups;
}

// Hour of the day and weekday: buckets that recur, so each ticket's local time decides.
std::vector<MetricsGroup> recurringGroups(const TicketSnapshot &s, const Selection &selection, const OrderIndex *order,
                                          const Period &p, const MetricsRequest &request)
{
    const bool byHour = request.grouping == Grouping::Hour;
    std::vector<TicketTally> tallies(byHour ? 24 : 7, newTally(order, p.end));
    LocalClock clock(request.zone);
    const auto bucketOf = [&](std::int64_t utc) {
        const std::int64_t local = clock.local(utc);
        const std::int64_t day = floorDiv(local, 86400);
        return byHour ? std::size_t((local - day * 86400) / 3600) : std::size_t(((day % 7) + 7 + 3) % 7); // 1970-01-01: Thursday
    };
    const auto [cFirst, cLast] = createdRange(s, p.start, p.end);
    for (std::size_t i = cFirst; i < cLast; ++i) {
        if (selection.passes(i))
            tallyCreated(tallies[bucketOf(s.createdAt[i])], s.facts(i), request.slaTargets);
    }
    const auto [sFirst, sLast] = solvedRange(s, p.start, p.end);
    for (std::size_t k = sFirst; k < sLast; ++k) {
        if (selection.passesSolved(k))
            tallySolved(tallies[bucketOf(s.solved.solvedAt[k])], s.solvedFacts(k));
    }
    // A recurring bucket has no end of its own: its backlog is the period's, which is left out.
    std::vector<MetricsGroup> groups;
    for (std::size_t b = 0; b < tallies.size(); ++b) {
        if (tallies[b].created == 0 && tallies[b].solved == 0)
            continue;
        tallies[b].finish();
        groups.push_back({byHour ? QString::number(b) : weekdayKey(b),
                          computeTicketMetrics(tallies[b], s.fields)});
    }
    return groups;
}

// Agent, team, channel, priority, tag: a dense group per dictionary entry, plus "(none)".
std::vector<MetricsGroup> attributeGroups(const TicketSnapshot &s, const Selection &selection, const OrderIndex *order,
                                          const Period &p, const MetricsRequest &request)
{
    const QStringList *names = nullptr;
    const std::vector<std::int16_t> *column = nullptr;       // by creation
    const std::vector<std::int16_t> *solvedColumn = nullptr; // by solved position
    switch (request.grouping) {
    case Grouping::Agent: names = &s.agentNames, column = &s.agent, solvedColumn = &s.solved.agent; break;
    case Grouping::Team: names = &s.teamNames, column = &s.team, solvedColumn = &s.solved.team; break;
    case Grouping::Channel: names = &s.channelNames, column = &s.channel, solvedColumn = &s.solved.channel; break;
    case Grouping::Priority: names = &s.priorityNames, column = &s.priority, solvedColumn = &s.solved.priority; break;
    case Grouping::Tag: names = &s.tagNames; break;
    default: return {};
    }
    // Slot 0 is "(none)", slot k + 1 the name k.
    TicketTally empty = newTally(order, p.end);
    empty.backlogAtEnd = 0;
    std::vector<TicketTally> tallies(std::size_t(names->size()) + 1, empty);
    std::vector<std::uint8_t> used(tallies.size(), 0);
    // Ticket i's slots: its value's, or each of its tags'.
    const auto forEachTagSlot = [&](std::size_t i, auto visit) {
        if (s.tagOffsets[i] == s.tagOffsets[i + 1]) {
            visit(std::size_t(0));
            return;
        }
        for (std::uint32_t k = s.tagOffsets[i]; k < s.tagOffsets[i + 1]; ++k)
            visit(std::size_t(s.tagIds[k] + 1));
    };
    const auto forEachSlot = [&](std::size_t i, auto visit) {
        if (column)
            visit(std::size_t((*column)[i] + 1));
        else
            forEachTagSlot(i, visit);
    };
    const auto [cFirst, cLast] = createdRange(s, p.start, p.end);
    const auto [sFirst, sLast] = solvedRange(s, p.start, p.end);
    // Each part tallies its share of both cohorts into groups of its own; they are merged after.
    const std::size_t parts = partsFor(cLast - cFirst + sLast - sFirst);
    std::vector<std::vector<TicketTally>> partTallies(parts);
    std::vector<std::vector<std::uint8_t>> partUsed(parts);
    runParts(parts, [&](std::size_t part) {
        std::vector<TicketTally> &mine = part == 0 ? tallies : partTallies[part];
        std::vector<std::uint8_t> &mineUsed = part == 0 ? used : partUsed[part];
        if (part != 0) {
            mine.assign(tallies.size(), empty);
            mineUsed.assign(tallies.size(), 0);
        }
        const auto [cFrom, cTo] = slice(cFirst, cLast, part, parts);
        for (std::size_t i = cFrom; i < cTo; ++i) {
            if (!selection.passes(i))
                continue;
            const TicketFacts facts = s.facts(i);
            forEachSlot(i, [&](std::size_t slot) {
                tallyCreated(mine[slot], facts, request.slaTargets);
                mineUsed[slot] = 1;
            });
        }
        const auto [sFrom, sTo] = slice(sFirst, sLast, part, parts);
        for (std::size_t k = sFrom; k < sTo; ++k) {
            if (!selection.passesSolved(k))
                continue;
            const TicketFacts facts = s.solvedFacts(k);
            const auto add = [&](std::size_t slot) {
                tallySolved(mine[slot], facts);
                mineUsed[slot] = 1;
            };
            if (solvedColumn)
                add(std::size_t((*solvedColumn)[k] + 1));
            else
                forEachTagSlot(std::size_t(s.solved.ticket[k]), add);
        }
    });
    for (std::size_t part = 1; part < parts; ++part) {
        for (std::size_t slot = 0; slot < tallies.size(); ++slot) {
            if (partUsed[part][slot]) {
                partTallies[part][slot].backlogAtEnd.reset();
                tallies[slot].merge(std::move(partTallies[part][slot]));
                used[slot] = 1;
            }
        }
    }
    forEachOpenAt(s, selection, p.end, [&](std::size_t i) {
        forEachSlot(i, [&](std::size_t slot) {
            ++*tallies[slot].backlogAtEnd;
            used[slot] = 1;
        });
    });
    std::vector<std::size_t> usedSlots;
    for (std::size_t slot = 0; slot < tallies.size(); ++slot) {
        if (used[slot])
            usedSlots.push_back(slot);
    }
    const std::size_t finishParts = partsFor(cLast - cFirst + sLast - sFirst, usedSlots.size());
    runParts(finishParts, [&](std::size_t part) {
        for (std::size_t u = part; u < usedSlots.size(); u += finishParts)
            tallies[usedSlots[u]].finish();
    });
    std::vector<MetricsGroup> groups;
    for (const std::size_t slot : usedSlots) {
        groups.push_back({slot == 0 ? noneKey : names->at(qsizetype(slot - 1)), computeTicketMetrics(tallies[slot], s.fields)});
    }
    // By tickets created, most first (tickets_created is the first definition); ties by name.
    std::stable_sort(groups.begin(), groups.end(), [](const MetricsGroup &a, const MetricsGroup &b) {
        const double ca = a.metrics[0].value.value_or(0);
        const double cb = b.metrics[0].value.value_or(0);
        return ca != cb ? ca > cb : a.key < b.key;
    });
    return groups;
}

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

void setMinimumTicketsPerThread(std::size_t tickets)
{
    minimumTicketsPerThread = tickets;
}

std::optional<double> TagVolume::changePct() const
{
    if (!previous || *previous == 0)
        return std::nullopt;
    return 100.0 * double(created - *previous) / double(*previous);
}

struct MetricsEngine::Impl
{
    const TicketSnapshot &snapshot;
    std::optional<OrderIndex> order;
    std::optional<Selection> selection;

    const Selection &selectionFor(const MetricsFilter &filter)
    {
        if (!selection || !selection->isFor(filter))
            selection.emplace(snapshot, filter);
        return *selection;
    }
};

MetricsEngine::MetricsEngine(const TicketSnapshot &snapshot, Indexing indexing)
    : d(new Impl{snapshot, std::nullopt, std::nullopt})
{
    if (indexing == Indexing::ForManyQueries)
        d->order.emplace(snapshot);
}

MetricsEngine::~MetricsEngine() = default;

MetricsResult MetricsEngine::run(const MetricsRequest &request)
{
    const TicketSnapshot &s = d->snapshot;
    const Selection &selection = d->selectionFor(request.filter);
    const Period period = periodOf(request);
    MetricsResult result;
    const OrderIndex *order = d->order ? &*d->order : nullptr;
    const bool byTimeBucket = request.grouping == Grouping::Day || request.grouping == Grouping::Week
                              || request.grouping == Grouping::Month;
    if (byTimeBucket)
        result.groups = timeGroups(s, selection, order, request, result.metrics);
    else
        result.metrics = metricsFor(s, selection, order, period, request.slaTargets);
    if (request.compare && request.from && request.to) {
        // The previous period of the same length, in whole days, ending the day before `from`.
        const DatePeriod before = previousPeriod(*request.from, *request.to);
        result.previousFrom = before.from;
        result.previousTo = before.to;
        const Period previous{startOfDay(*result.previousFrom, request.zone), period.start};
        result.previous = metricsFor(s, selection, order, previous, request.slaTargets);
    }
    switch (request.grouping) {
    case Grouping::None: break;
    case Grouping::Day:
    case Grouping::Week:
    case Grouping::Month: break; // above
    case Grouping::Hour:
    case Grouping::Weekday: result.groups = recurringGroups(s, selection, order, period, request); break;
    default: result.groups = attributeGroups(s, selection, order, period, request); break;
    }
    return result;
}

VolumeHeatmap MetricsEngine::createdHeatmap(const MetricsRequest &request)
{
    const TicketSnapshot &s = d->snapshot;
    const Selection &selection = d->selectionFor(request.filter);
    const Period period = periodOf(request);
    VolumeHeatmap heatmap{};
    LocalClock clock(request.zone);
    const auto [first, last] = createdRange(s, period.start, period.end);
    for (std::size_t i = first; i < last; ++i) {
        if (!selection.passes(i))
            continue;
        const std::int64_t local = clock.local(s.createdAt[i]);
        const std::int64_t day = floorDiv(local, 86400);
        const auto weekday = std::size_t(((day % 7) + 7 + 3) % 7); // 1970-01-01 was a Thursday
        const auto hour = std::size_t((local - day * 86400) / 3600);
        ++heatmap[weekday][hour];
    }
    return heatmap;
}

std::vector<TagVolume> MetricsEngine::topTags(const MetricsRequest &request, std::size_t limit, Grouping bucket)
{
    const TicketSnapshot &s = d->snapshot;
    const Selection &selection = d->selectionFor(request.filter);
    const Period period = periodOf(request);
    const auto count = [&](std::int64_t start, std::int64_t end) {
        std::vector<std::int64_t> counts(std::size_t(s.tagNames.size()), 0);
        const auto [first, last] = createdRange(s, start, end);
        for (std::size_t i = first; i < last; ++i) {
            if (!selection.passes(i))
                continue;
            for (std::uint32_t k = s.tagOffsets[i]; k < s.tagOffsets[i + 1]; ++k)
                ++counts[std::size_t(s.tagIds[k])];
        }
        return counts;
    };
    const std::vector<std::int64_t> current = count(period.start, period.end);
    std::vector<std::size_t> order;
    for (std::size_t t = 0; t < current.size(); ++t) {
        if (current[t] > 0)
            order.push_back(t);
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return current[a] != current[b] ? current[a] > current[b] : s.tagNames[qsizetype(a)] < s.tagNames[qsizetype(b)];
    });
    if (order.size() > limit)
        order.resize(limit);

    std::vector<TagVolume> result;
    for (std::size_t t : order)
        result.push_back({s.tagNames[qsizetype(t)], current[t], std::nullopt, {}});
    if (request.from && request.to) {
        const std::vector<std::int64_t> previous =
            count(startOfDay(previousPeriod(*request.from, *request.to).from, request.zone), period.start);
        for (std::size_t r = 0; r < order.size(); ++r)
            result[r].previous = previous[order[r]];
    }
    const Grouping trendBucket = bucket == Grouping::Day || bucket == Grouping::Month ? bucket : Grouping::Week;
    for (const TimeBucket &b : timeBuckets(s, request, trendBucket)) {
        const std::vector<std::int64_t> counts = count(b.from, b.to);
        for (std::size_t r = 0; r < order.size(); ++r)
            result[r].trend.push_back(counts[order[r]]);
    }
    return result;
}

MetricsResult runMetrics(const TicketSnapshot &snapshot, const MetricsRequest &request)
{
    return MetricsEngine(snapshot, MetricsEngine::Indexing::ForOneQuery).run(request);
}

VolumeHeatmap createdHeatmap(const TicketSnapshot &snapshot, const MetricsRequest &request)
{
    return MetricsEngine(snapshot, MetricsEngine::Indexing::ForOneQuery).createdHeatmap(request);
}

std::vector<std::size_t> rankByLowerBound(const std::vector<MetricsGroup> &groups, std::size_t metricIndex)
{
    std::vector<std::size_t> order(groups.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const std::optional<double> &la = groups[a].metrics[metricIndex].lo;
        const std::optional<double> &lb = groups[b].metrics[metricIndex].lo;
        if (la.has_value() != lb.has_value())
            return la.has_value();
        return la && *la > *lb;
    });
    return order;
}

} // namespace sl
