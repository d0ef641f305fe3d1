#pragma once

// The tally of a cohort (one ticket as the metrics see it, TicketFacts, is in domain/ticketfacts.h): which ticket counts
// where for every metric id (tallyCreated, tallySolved). Inline because the query engine runs
// them for every ticket of a pass; the metric functions over a finished tally are in
// ticketmetrics.h.

#include "domain/ticketfacts.h"
#include "metrics/stats.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace sl {

// A growable array whose append is a compare and a store, inlined into the passes (a
// std::vector's push_back is not inlined there, and a pass appends to several per ticket).
template<typename T>
class AppendBuffer
{
public:
    AppendBuffer() = default;
    AppendBuffer(const AppendBuffer &other) { append(other); }
    AppendBuffer &operator=(const AppendBuffer &other)
    {
        if (this != &other) {
            m_size = 0;
            append(other);
        }
        return *this;
    }
    AppendBuffer(AppendBuffer &&) noexcept = default;
    AppendBuffer &operator=(AppendBuffer &&) noexcept = default;

    SL_ALWAYS_INLINE void push(T value)
    {
        if (m_size == m_capacity)
            grow(m_size + 1);
        m_data[m_size++] = value;
    }
    void reserveMore(std::size_t more)
    {
        if (m_size + more > m_capacity)
            grow(m_size + more);
    }
    void append(const AppendBuffer &other)
    {
        reserveMore(other.m_size);
        std::copy(other.begin(), other.end(), m_data.get() + m_size);
        m_size += other.m_size;
    }
    void pushIf(bool has, T value)
    {
        if (has)
            push(value);
    }
    // Room for `n` more at the end, to be written directly and then counted with extend().
    T *tail(std::size_t n)
    {
        reserveMore(n);
        return end();
    }
    void extend(std::size_t n) { m_size += n; }
    void release()
    {
        m_data.reset();
        m_size = m_capacity = 0;
    }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    T *begin() { return m_data.get(); }
    T *end() { return m_data.get() + m_size; }
    const T *begin() const { return m_data.get(); }
    const T *end() const { return m_data.get() + m_size; }

private:
    __attribute__((noinline)) void grow(std::size_t atLeast)
    {
        const std::size_t capacity = std::max({atLeast, m_capacity * 2, std::size_t(16)});
        std::unique_ptr<T[]> data(new T[capacity]);
        std::copy(begin(), end(), data.get());
        m_data = std::move(data);
        m_capacity = capacity;
    }

    std::unique_ptr<T[]> m_data;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

// The values of one duration column of a snapshot in ascending order, and each ticket's rank
// among them. A cohort's median and p90 then need only its members' ranks: marking them in a
// bitmap of all ranks and counting bits finds any order statistic in one pass over the bitmap,
// where selecting among the values themselves costs several passes over the cohort.
struct OrderedColumn
{
    std::vector<double> sorted;        // every ticket's value that exists, ascending
    std::vector<std::uint32_t> rankOf; // per ticket: its value's position in `sorted`

    // `value(i)` is ticket i's value, or none.
    template<typename Value>
    static OrderedColumn build(std::size_t tickets, Value value)
    {
        std::vector<std::pair<double, std::uint32_t>> pairs;
        pairs.reserve(tickets);
        for (std::size_t i = 0; i < tickets; ++i) {
            if (const std::optional<double> v = value(i))
                pairs.emplace_back(*v, std::uint32_t(i));
        }
        std::sort(pairs.begin(), pairs.end());
        OrderedColumn column;
        column.rankOf.assign(tickets, 0);
        column.sorted.reserve(pairs.size());
        for (const auto &[v, ticket] : pairs) {
            column.rankOf[ticket] = std::uint32_t(column.sorted.size());
            column.sorted.push_back(v);
        }
        return column;
    }
    // The median and p90 (the conventions of stats::medianAndP90) of the values of `ranks`,
    // which it reorders.
    stats::OrderStatistics orderStatistics(const std::uint32_t *begin, const std::uint32_t *end) const;
};

// The durations of one cohort: what a mean, a median and a p90 need. finish() computes the
// order statistics once, however many metrics read them: from the values, or from the ranks
// when the sample is tied to an OrderedColumn (the query engine's).
struct DurationSample
{
    std::int64_t count = 0;
    double sum = 0;
    AppendBuffer<double> values;
    const OrderedColumn *ordered = nullptr;
    AppendBuffer<std::uint32_t> ranks;
    std::optional<double> median;
    std::optional<double> p90;

    // `ticket`: the value's ticket in the snapshot the OrderedColumn belongs to.
    SL_ALWAYS_INLINE void add(double value, std::int32_t ticket)
    {
        ++count;
        sum += value;
        if (ordered)
            ranks.push(ordered->rankOf[std::size_t(ticket)]);
        else
            values.push(value);
    }
    std::optional<double> mean() const { return count ? std::optional<double>(sum / double(count)) : std::nullopt; }
    void addIf(bool has, double value, std::int32_t ticket)
    {
        if (has)
            add(value, ticket);
    }
    void reserveMore(std::size_t more)
    {
        if (ordered)
            ranks.reserveMore(more);
        else
            values.reserveMore(more);
    }
    // Computes the median and p90 and releases the values.
    void finish();
    // Adds another sample of the same cohort kind (a part of a pass run on another thread).
    void merge(DurationSample &&other)
    {
        count += other.count;
        sum += other.sum;
        values.append(other.values);
        ranks.append(other.ranks);
    }
};

// Successes of trials: a proportion in the making.
struct Trials
{
    std::int64_t successes = 0;
    std::int64_t trials = 0;
    SL_ALWAYS_INLINE void add(bool success)
    {
        ++trials;
        successes += success ? 1 : 0;
    }
    // A trial only when `counts`; without a jump.
    SL_ALWAYS_INLINE void addIf(bool counts, bool success)
    {
        trials += counts;
        successes += counts & success;
    }
    void merge(const Trials &other)
    {
        trials += other.trials;
        successes += other.successes;
    }
};

// Plain sums of measures that only have a mean.
struct MeanSample
{
    std::int64_t count = 0;
    double sum = 0;
    SL_ALWAYS_INLINE void add(double value)
    {
        ++count;
        sum += value;
    }
    // `value` only when `has` (pass 0 otherwise); without a jump.
    SL_ALWAYS_INLINE void addIf(bool has, double value)
    {
        count += has;
        sum += has ? value : 0.0;
    }
    std::optional<double> mean() const { return count ? std::optional<double>(sum / double(count)) : std::nullopt; }
    void merge(const MeanSample &other)
    {
        count += other.count;
        sum += other.sum;
    }
};

// Everything the ticket metrics of one selection need, gathered in one pass over its tickets:
// tallyCreated() for each ticket created in the period, tallySolved() for each solved in it.
// Which ticket counts where, for every id, is decided in those two functions; each metric is
// then a small function of the tally.
struct TicketTally
{
    std::int64_t periodEnd = 0; // exclusive, UTC seconds: first-reply targets that pass later are not misses yet

    // created cohort
    std::int64_t created = 0;
    DurationSample firstReplyMin;
    DurationSample firstReplyBhMin;
    std::int64_t unreplied = 0;
    Trials firstReplyWithinTarget;
    AppendBuffer<std::int32_t> customers; // requesters, repeats included; made distinct by finish()
    // Unreplied tickets whose first-reply target passes after periodEnd: when this tally is
    // merged into one of a longer period (a trend's buckets into the whole), those whose
    // target passes before the longer period's end become misses there. (A pointer so that a
    // pass's locals can append to it; it points at ownDeadlines.)
    AppendBuffer<std::int64_t> ownDeadlines;
    AppendBuffer<std::int64_t> *pendingDeadlines = &ownDeadlines;
    std::int64_t distinctCustomers = 0;

    // solved cohort
    std::int64_t solved = 0;
    DurationSample resolutionHours;
    DurationSample resolutionBhHours;
    MeanSample handleMin;
    Trials firstContactResolution;
    Trials reopened;
    MeanSample agentReplies;
    Trials satisfied;
    MeanSample csatScore;
    Trials surveyAnswered;

    // point in time, counted by the query (it is not a cohort); none for a bucket with no end
    // of its own (an hour of the day, a weekday)
    std::optional<std::int64_t> backlogAtEnd;

    // Tickets that stopped being open in the period: solved in it, or created in it with a solved
    // time before their creation (such rows were never open). The query's running backlog uses it.
    std::int64_t closed = 0;

    TicketTally() = default;
    TicketTally(const TicketTally &other) { *this = other; }
    TicketTally &operator=(const TicketTally &other);
    TicketTally(TicketTally &&other) noexcept { *this = std::move(other); }
    TicketTally &operator=(TicketTally &&other) noexcept;

    void finish();
    // Adds the tally of another part of the same cohorts, or of an adjacent earlier period
    // (before finish()).
    void merge(TicketTally &&other);
};


// The finished figures (counts, sums, order statistics, distinct requesters) of tallies of one
// period's parts or of adjacent periods ending at `periodEnd`, without changing them: a trend's
// buckets give the trend and, merged, the whole period.
TicketTally finishedMerge(const std::vector<const TicketTally *> &parts, std::int64_t periodEnd);

// What counts where, id by id. A ticket's row is plain data; "no value" fields leave it out of the
// metrics that need them. Templates only so that the query engine's passes can count into
// locals of the same shape (see metricsquery.cpp); TicketTally is the one to read.
// The passes call these for every ticket, and which branch a ticket takes is data (rated or
// not, replied or not): written as `addIf(condition, ...)`, they count without jumping, so a
// million tickets cost no branch mispredictions.
template<typename Tally>
SL_ALWAYS_INLINE void tallyCreated(Tally &tally, const TicketFacts &t, const SlaTargets &targets)
{
    // tickets_created: every ticket of the created cohort.
    ++tally.created;
    // frt_*: calendar first reply time; tickets without a reply are left out of the durations.
    const std::optional<double> replyMinutes = firstReplyMinutes(t);
    const bool replied = replyMinutes.has_value();
    tally.firstReplyMin.addIf(replied, replyMinutes.value_or(0.0), t.index);
    // frt_bh_*: the business-hours first reply time (the export's own, or from the team's
    // calendar); never calendar time.
    const bool repliedBh = detail::has(t.firstReplyBhMin);
    tally.firstReplyBhMin.addIf(repliedBh, repliedBh ? t.firstReplyBhMin : 0.0, t.index);
    // frt_unreplied: no agent reply yet, by any measure.
    const bool unreplied = !detail::hasReply(t);
    tally.unreplied += unreplied;
    // sla_first_reply_pct: replied within the channel's target, of tickets replied to or whose
    // target passed unreplied before the period's end (misses); a ticket whose target has not
    // passed yet is not counted.
    const std::int64_t deadline = t.createdAt + targets.forClass(t.channelClass);
    const bool missedUnreplied = unreplied & (deadline < tally.periodEnd);
    tally.firstReplyWithinTarget.addIf(replied | missedUnreplied,
                                       replied & (replyMinutes.value_or(0.0) * 60.0 <= double(deadline - t.createdAt)));
    if (unreplied & !missedUnreplied) [[unlikely]]
        tally.pendingDeadlines->push(deadline); // a miss in any longer period that includes the deadline
    // tickets_per_customer: the requesters, made distinct at the end.
    tally.customers.pushIf(t.customer >= 0, t.customer);
    // (backlog) a row solved before it was created was never open.
    tally.closed += detail::has(t.solvedAt) & (t.solvedAt < t.createdAt);
}

template<typename Tally>
SL_ALWAYS_INLINE void tallySolved(Tally &tally, const TicketFacts &t)
{
    // tickets_solved: every ticket of the solved cohort.
    ++tally.solved;
    // (backlog) a ticket with no creation time was never in it.
    tally.closed += detail::has(t.createdAt) & (t.solvedAt >= t.createdAt);
    // resolution_*: last solved - created in calendar hours (the export's own column when present).
    const std::optional<double> hours = resolutionHours(t);
    tally.resolutionHours.addIf(hours.has_value(), hours.value_or(0.0), t.index);
    const bool hasBh = detail::has(t.resolutionBhMin);
    tally.resolutionBhHours.addIf(hasBh, hasBh ? t.resolutionBhMin / 60.0 : 0.0, t.index);
    // aht_min: tracked handle time of the tickets that have one.
    const bool tracked = detail::has(t.handleTimeS);
    tally.handleMin.addIf(tracked, tracked ? t.handleTimeS / 60.0 : 0.0);
    // fcr_pct: exactly one agent reply and never reopened, of solved tickets with at least one
    // agent reply. A ticket whose reopen count the export does not give counts as not reopened:
    // the reply count alone then decides.
    tally.firstContactResolution.addIf(t.agentReplies >= 1, (t.agentReplies == 1) & (t.reopens <= 0));
    // reopen_pct: reopened at least once, of solved tickets whose reopen count is known.
    tally.reopened.addIf(t.reopens >= 0, t.reopens > 0);
    // replies_mean: agent replies of solved tickets whose count is known.
    tally.agentReplies.addIf(t.agentReplies >= 0, double(t.agentReplies));
    // csat_pct, csat_responses: satisfied of rated. A rating has no time of its own in a ticket
    // export, so it takes its ticket's solved time.
    tally.satisfied.addIf(t.csatGood >= 0, t.csatGood == 1);
    // csat_mean: the 1-5 score where the source gives one.
    const bool scored = detail::has(t.csatScore);
    tally.csatScore.addIf(scored, scored ? t.csatScore : 0.0);
    // survey_response_rate_pct: rated of offered, where the export says which were offered.
    tally.surveyAnswered.addIf(t.csatOffered == 1, t.csatGood >= 0);
}

} // namespace sl
