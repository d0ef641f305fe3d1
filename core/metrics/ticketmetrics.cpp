#include "metrics/ticketmetrics.h"

#include <algorithm>

namespace sl {


MetricValue proportionValue(long long successes, long long trials)
{
    const stats::Proportion p = stats::proportion(successes, trials);
    return {p.pct, p.lo, p.hi, successes, trials};
}

namespace {

// Where the k-th set bit of `bits` is, for each k of `wanted` (ascending); a separate function so
// that it gets the CPU's popcount instruction where there is one (x86-64's baseline has none).
#if defined(__GNUC__) && defined(__x86_64__)
__attribute__((target_clones("popcnt", "default")))
#endif
void findSetBits(const std::vector<std::uint64_t> &bits, const std::size_t (&wanted)[3], std::uint32_t (&at)[3])
{
    std::size_t found = 0;
    std::size_t seen = 0; // set bits before the current word
    for (std::size_t w = 0; w < bits.size() && found < 3; ++w) {
        const auto inWord = std::size_t(__builtin_popcountll(bits[w]));
        while (found < 3 && wanted[found] < seen + inWord) {
            std::uint64_t word = bits[w];
            for (std::size_t skip = wanted[found] - seen; skip > 0; --skip)
                word &= word - 1; // drop the lowest set bit
            at[found] = std::uint32_t(w * 64 + std::size_t(__builtin_ctzll(word)));
            ++found;
        }
        seen += inWord;
    }
}

} // namespace

stats::OrderStatistics OrderedColumn::orderStatistics(const std::uint32_t *begin, const std::uint32_t *end) const
{
    // The small path selects in place: on a copy, so that the caller's ranks stay as they are.
    thread_local std::vector<std::uint32_t> copy;
    std::uint32_t *first = nullptr;
    std::uint32_t *last = nullptr;
    if (std::size_t(end - begin) * 256 < sorted.size()) {
        copy.assign(begin, end);
        first = copy.data();
        last = copy.data() + copy.size();
    }
    const auto n = std::size_t(end - begin);
    if (n == 0)
        return {};
    const std::size_t middle = n / 2;
    const std::size_t lowerMiddle = n % 2 == 0 ? middle - 1 : middle;
    const std::size_t p90Index = (n * 9 + 9) / 10 - 1;
    std::uint32_t rankAt[3] = {}; // ranks at the ordinal positions lowerMiddle, middle, p90Index
    if (n * 256 < sorted.size()) {
        // A small sample: selecting among its ranks is cheaper than a pass over the bitmap.
        std::nth_element(first, first + middle, last);
        rankAt[1] = first[middle];
        rankAt[0] = lowerMiddle == middle ? rankAt[1] : *std::max_element(first, first + middle);
        if (p90Index > middle)
            std::nth_element(first + middle + 1, first + p90Index, last);
        rankAt[2] = first[p90Index];
    } else {
        thread_local std::vector<std::uint64_t> bits;
        bits.assign((sorted.size() + 63) / 64, 0);
        for (const std::uint32_t *rank = begin; rank != end; ++rank)
            bits[*rank >> 6] |= std::uint64_t(1) << (*rank & 63);
        const std::size_t wanted[3] = {lowerMiddle, middle, p90Index}; // ascending
        findSetBits(bits, wanted, rankAt);
    }
    // The same arithmetic as stats::medianAndP90, so both paths give the same digits.
    const double upper = sorted[rankAt[1]];
    stats::OrderStatistics result;
    result.median = n % 2 == 1 ? upper : (sorted[rankAt[0]] + upper) / 2.0;
    result.p90 = sorted[rankAt[2]];
    return result;
}

namespace {

// Order statistics over the samples of one column in several tallies (the buckets of a trend,
// the parts of a pass), reading their buffers and leaving them as they are.
stats::OrderStatistics orderStatisticsOf(const std::vector<const DurationSample *> &samples)
{
    if (samples.empty())
        return {};
    std::size_t n = 0;
    for (const DurationSample *sample : samples)
        n += sample->ordered ? sample->ranks.size() : sample->values.size();
    if (n == 0)
        return {};
    if (const OrderedColumn *ordered = samples.front()->ordered) {
        if (samples.size() == 1 && n * 256 >= ordered->sorted.size())
            return ordered->orderStatistics(samples.front()->ranks.begin(), samples.front()->ranks.end());
        thread_local std::vector<std::uint32_t> ranks;
        ranks.clear();
        for (const DurationSample *sample : samples)
            ranks.insert(ranks.end(), sample->ranks.begin(), sample->ranks.end());
        return ordered->orderStatistics(ranks.data(), ranks.data() + ranks.size());
    }
    thread_local std::vector<double> values;
    values.clear();
    for (const DurationSample *sample : samples)
        values.insert(values.end(), sample->values.begin(), sample->values.end());
    return stats::medianAndP90(values.data(), values.data() + values.size());
}

// Distinct requesters over several tallies: a bit per customer id (a few dozen KB for a million
// tickets, so it stays in the cache), set as they come, then cleared the same way.
std::int64_t distinctCustomersOf(const std::vector<const TicketTally *> &tallies)
{
    thread_local std::vector<std::uint64_t> seen;
    std::int64_t distinct = 0;
    for (const TicketTally *tally : tallies) {
        for (const std::int32_t customer : tally->customers) {
            const auto c = std::size_t(customer);
            if (c / 64 >= seen.size())
                seen.resize(std::max(c / 64 + 1, seen.size() * 2), 0);
            const std::uint64_t bit = std::uint64_t(1) << (c & 63);
            distinct += (seen[c / 64] & bit) ? 0 : 1;
            seen[c / 64] |= bit;
        }
    }
    for (const TicketTally *tally : tallies) {
        for (const std::int32_t customer : tally->customers)
            seen[std::size_t(customer) / 64] = 0;
    }
    return distinct;
}

template<typename Member>
std::vector<const DurationSample *> samplesOf(const std::vector<const TicketTally *> &tallies, Member member)
{
    std::vector<const DurationSample *> samples;
    for (const TicketTally *tally : tallies)
        samples.push_back(&(tally->*member));
    return samples;
}

} // namespace

void DurationSample::finish()
{
    const stats::OrderStatistics order = orderStatisticsOf({this});
    median = order.median;
    p90 = order.p90;
    values.release();
    ranks.release();
}

TicketTally finishedMerge(const std::vector<const TicketTally *> &parts, std::int64_t periodEnd)
{
    TicketTally result;
    result.periodEnd = periodEnd;
    for (const TicketTally *o : parts) {
        // Unreplied tickets whose target passes within the merged period are misses there.
        for (const std::int64_t deadline : o->ownDeadlines) {
            if (deadline < periodEnd)
                result.firstReplyWithinTarget.add(false);
            else
                result.ownDeadlines.push(deadline);
        }
        result.created += o->created;
        result.unreplied += o->unreplied;
        result.firstReplyWithinTarget.merge(o->firstReplyWithinTarget);
        result.solved += o->solved;
        result.handleMin.merge(o->handleMin);
        result.firstContactResolution.merge(o->firstContactResolution);
        result.reopened.merge(o->reopened);
        result.agentReplies.merge(o->agentReplies);
        result.satisfied.merge(o->satisfied);
        result.csatScore.merge(o->csatScore);
        result.surveyAnswered.merge(o->surveyAnswered);
        if (o->backlogAtEnd)
            result.backlogAtEnd = result.backlogAtEnd.value_or(0) + *o->backlogAtEnd;
        result.closed += o->closed;
    }
    const auto finishSample = [&](DurationSample TicketTally::*member) {
        DurationSample &sample = result.*member;
        for (const TicketTally *o : parts) {
            sample.count += (o->*member).count;
            sample.sum += (o->*member).sum;
        }
        const stats::OrderStatistics order = orderStatisticsOf(samplesOf(parts, member));
        sample.median = order.median;
        sample.p90 = order.p90;
    };
    finishSample(&TicketTally::firstReplyMin);
    finishSample(&TicketTally::firstReplyBhMin);
    finishSample(&TicketTally::resolutionHours);
    finishSample(&TicketTally::resolutionBhHours);
    result.distinctCustomers = distinctCustomersOf(parts);
    return result;
}

// Everything but the deadline pointer, which always points at the tally's own buffer.
#define SL_TALLY_FIELDS(X)                                                                                             \
    X(periodEnd) X(created) X(firstReplyMin) X(firstReplyBhMin) X(unreplied) X(firstReplyWithinTarget) X(customers)     \
        X(distinctCustomers) X(solved) X(resolutionHours) X(resolutionBhHours) X(handleMin) X(firstContactResolution) \
            X(reopened) X(agentReplies) X(satisfied) X(csatScore) X(surveyAnswered) X(backlogAtEnd) X(closed)        \
                X(ownDeadlines)

TicketTally &TicketTally::operator=(const TicketTally &other)
{
#define SL_COPY(field) field = other.field;
    SL_TALLY_FIELDS(SL_COPY)
#undef SL_COPY
    pendingDeadlines = &ownDeadlines;
    return *this;
}

TicketTally &TicketTally::operator=(TicketTally &&other) noexcept
{
#define SL_MOVE(field) field = std::move(other.field);
    SL_TALLY_FIELDS(SL_MOVE)
#undef SL_MOVE
    pendingDeadlines = &ownDeadlines;
    return *this;
}

void TicketTally::merge(TicketTally &&o)
{
    // Unreplied tickets of the other tally whose target passes within this period are misses.
    for (const std::int64_t deadline : o.ownDeadlines) {
        if (deadline < periodEnd)
            firstReplyWithinTarget.add(false);
        else
            ownDeadlines.push(deadline);
    }
    created += o.created;
    firstReplyMin.merge(std::move(o.firstReplyMin));
    firstReplyBhMin.merge(std::move(o.firstReplyBhMin));
    unreplied += o.unreplied;
    firstReplyWithinTarget.merge(o.firstReplyWithinTarget);
    customers.append(o.customers);
    solved += o.solved;
    resolutionHours.merge(std::move(o.resolutionHours));
    resolutionBhHours.merge(std::move(o.resolutionBhHours));
    handleMin.merge(o.handleMin);
    firstContactResolution.merge(o.firstContactResolution);
    reopened.merge(o.reopened);
    agentReplies.merge(o.agentReplies);
    satisfied.merge(o.satisfied);
    csatScore.merge(o.csatScore);
    surveyAnswered.merge(o.surveyAnswered);
    if (o.backlogAtEnd)
        backlogAtEnd = backlogAtEnd.value_or(0) + *o.backlogAtEnd;
    closed += o.closed;
}

void TicketTally::finish()
{
    const std::optional<std::int64_t> backlog = backlogAtEnd;
    *this = finishedMerge({this}, periodEnd);
    backlogAtEnd = backlog;
}

TicketTally tallyOf(const TicketCohorts &cohorts, const SlaTargets &targets)
{
    TicketTally tally;
    tally.periodEnd = cohorts.periodEnd;
    for (const TicketFacts *t : cohorts.created)
        tallyCreated(tally, *t, targets);
    for (const TicketFacts *t : cohorts.solved)
        tallySolved(tally, *t);
    tally.backlogAtEnd = cohorts.backlogAtEnd;
    tally.finish();
    return tally;
}

namespace {

MetricValue value(const std::optional<double> &v, bool dataHasField)
{
    if (!dataHasField)
        return {};
    return plainValue(v);
}

MetricValue fromTrials(const Trials &trials, bool dataHasField)
{
    if (!dataHasField)
        return {};
    return proportionValue(trials.successes, trials.trials);
}

} // namespace

// Counts are no value when the data has no such field at all, else a number (0 included).
MetricValue tickets_created(const TicketTally &t, const TicketFields &f) { return value(double(t.created), f.created); }
MetricValue tickets_solved(const TicketTally &t, const TicketFields &f) { return value(double(t.solved), f.solved); }
MetricValue backlog_end(const TicketTally &t, const TicketFields &f)
{
    return value(t.backlogAtEnd ? std::optional<double>(double(*t.backlogAtEnd)) : std::nullopt, f.created);
}

MetricValue frt_median_min(const TicketTally &t, const TicketFields &f) { return value(t.firstReplyMin.median, f.firstReply); }
MetricValue frt_mean_min(const TicketTally &t, const TicketFields &f) { return value(t.firstReplyMin.mean(), f.firstReply); }
MetricValue frt_p90_min(const TicketTally &t, const TicketFields &f) { return value(t.firstReplyMin.p90, f.firstReply); }
MetricValue frt_unreplied(const TicketTally &t, const TicketFields &f)
{
    return value(double(t.unreplied), f.firstReply && f.created);
}

MetricValue frt_bh_median_min(const TicketTally &t, const TicketFields &f) { return value(t.firstReplyBhMin.median, f.firstReplyBh); }
MetricValue frt_bh_mean_min(const TicketTally &t, const TicketFields &f) { return value(t.firstReplyBhMin.mean(), f.firstReplyBh); }
MetricValue frt_bh_p90_min(const TicketTally &t, const TicketFields &f) { return value(t.firstReplyBhMin.p90, f.firstReplyBh); }

MetricValue resolution_median_hours(const TicketTally &t, const TicketFields &f) { return value(t.resolutionHours.median, f.solved); }
MetricValue resolution_mean_hours(const TicketTally &t, const TicketFields &f) { return value(t.resolutionHours.mean(), f.solved); }
MetricValue resolution_bh_median_hours(const TicketTally &t, const TicketFields &f)
{
    return value(t.resolutionBhHours.median, f.resolutionBh);
}
MetricValue resolution_bh_mean_hours(const TicketTally &t, const TicketFields &f)
{
    return value(t.resolutionBhHours.mean(), f.resolutionBh);
}

MetricValue aht_min(const TicketTally &t, const TicketFields &f) { return value(t.handleMin.mean(), f.handleTime); }
MetricValue fcr_pct(const TicketTally &t, const TicketFields &f) { return fromTrials(t.firstContactResolution, f.agentReplies); }
MetricValue reopen_pct(const TicketTally &t, const TicketFields &f) { return fromTrials(t.reopened, f.reopens); }
MetricValue sla_first_reply_pct(const TicketTally &t, const TicketFields &f)
{
    return fromTrials(t.firstReplyWithinTarget, f.firstReply && f.created);
}

// tickets_per_customer: created tickets / distinct requesters among them (tickets without a
// requester count as tickets, not as customers).
MetricValue tickets_per_customer(const TicketTally &t, const TicketFields &f)
{
    if (!f.customer || t.distinctCustomers == 0)
        return {};
    return plainValue(double(t.created) / double(t.distinctCustomers));
}

MetricValue replies_mean(const TicketTally &t, const TicketFields &f) { return value(t.agentReplies.mean(), f.agentReplies); }
MetricValue csat_pct(const TicketTally &t, const TicketFields &f) { return fromTrials(t.satisfied, f.csat); }
MetricValue csat_responses(const TicketTally &t, const TicketFields &f) { return value(double(t.satisfied.trials), f.csat); }
// csat_mean: no value when the source only says good or bad.
MetricValue csat_mean(const TicketTally &t, const TicketFields &f) { return value(t.csatScore.mean(), f.csatScore); }
MetricValue survey_response_rate_pct(const TicketTally &t, const TicketFields &f)
{
    return fromTrials(t.surveyAnswered, f.csatOffered);
}

std::span<const MetricFunction<TicketMetricFunction>> ticketMetricFunctions()
{
    static const MetricFunction<TicketMetricFunction> functions[] = {
        {"tickets_created", tickets_created},
        {"tickets_solved", tickets_solved},
        {"backlog_end", backlog_end},
        {"frt_median_min", frt_median_min},
        {"frt_mean_min", frt_mean_min},
        {"frt_p90_min", frt_p90_min},
        {"frt_unreplied", frt_unreplied},
        {"frt_bh_median_min", frt_bh_median_min},
        {"frt_bh_mean_min", frt_bh_mean_min},
        {"frt_bh_p90_min", frt_bh_p90_min},
        {"resolution_median_hours", resolution_median_hours},
        {"resolution_mean_hours", resolution_mean_hours},
        {"resolution_bh_median_hours", resolution_bh_median_hours},
        {"resolution_bh_mean_hours", resolution_bh_mean_hours},
        {"aht_min", aht_min},
        {"fcr_pct", fcr_pct},
        {"reopen_pct", reopen_pct},
        {"sla_first_reply_pct", sla_first_reply_pct},
        {"tickets_per_customer", tickets_per_customer},
        {"replies_mean", replies_mean},
        {"csat_pct", csat_pct},
        {"csat_responses", csat_responses},
        {"csat_mean", csat_mean},
        {"survey_response_rate_pct", survey_response_rate_pct},
    };
    return functions;
}

std::vector<MetricValue> computeTicketMetrics(const TicketTally &t, const TicketFields &f)
{
    static const std::vector<TicketMetricFunction> ordered
        = metricFunctionsInOrder(ticketMetricFunctions(), ticketMetricDefinitions());
    std::vector<MetricValue> values;
    values.reserve(ordered.size());
    for (TicketMetricFunction metric : ordered)
        values.push_back(metric ? metric(t, f) : MetricValue{});
    return values;
}

std::vector<MetricValue> computeTicketMetrics(const TicketCohorts &cohorts, const TicketFields &fields,
                                              const SlaTargets &targets)
{
    return computeTicketMetrics(tallyOf(cohorts, targets), fields);
}

} // namespace sl
