#include "metrics/ticketmetrics.h"

#include <algorithm>

namespace sl {

namespace {

bool has(double value)
{
    return !std::isnan(value);
}

bool has(std::int64_t time)
{
    return time != TicketFacts::noTime;
}

MetricValue count(std::size_t n, bool dataHasField)
{
    if (!dataHasField)
        return {};
    return {double(n), std::nullopt, std::nullopt};
}

MetricValue fromProportion(long long successes, long long trials, bool dataHasField)
{
    if (!dataHasField)
        return {};
    const stats::Proportion p = stats::proportion(successes, trials);
    return {p.pct, p.lo, p.hi};
}

template<typename Extract>
std::vector<double> collect(const std::vector<const TicketFacts *> &tickets, Extract extract)
{
    std::vector<double> values;
    values.reserve(tickets.size());
    for (const TicketFacts *ticket : tickets) {
        if (const std::optional<double> value = extract(*ticket))
            values.push_back(*value);
    }
    return values;
}

std::optional<double> firstReplyBhMinutes(const TicketFacts &t)
{
    return has(t.firstReplyBhMin) ? std::optional<double>(t.firstReplyBhMin) : std::nullopt;
}

std::optional<double> resolutionBhHours(const TicketFacts &t)
{
    return has(t.resolutionBhMin) ? std::optional<double>(t.resolutionBhMin / 60.0) : std::nullopt;
}

bool hasReply(const TicketFacts &t)
{
    return has(t.firstReplyAt) || has(t.firstReplyMin) || has(t.firstReplyBhMin);
}

} // namespace

ChannelClass channelClassOf(std::string_view channel)
{
    if (channel == "Phone")
        return ChannelClass::Phone;
    if (channel == "Chat")
        return ChannelClass::Chat;
    if (channel == "Social")
        return ChannelClass::Social;
    return ChannelClass::Other;
}

std::int64_t SlaTargets::forClass(ChannelClass channel) const
{
    switch (channel) {
    case ChannelClass::Phone: return phone;
    case ChannelClass::Chat: return chat;
    case ChannelClass::Social: return social;
    case ChannelClass::Other: return other;
    }
    return other;
}

std::optional<double> firstReplyMinutes(const TicketFacts &t)
{
    // The export's own calendar column wins; a business-hours column never stands in for it.
    if (has(t.firstReplyMin))
        return t.firstReplyMin;
    if (has(t.firstReplyAt) && has(t.createdAt))
        return double(t.firstReplyAt - t.createdAt) / 60.0;
    return std::nullopt;
}

std::optional<double> resolutionHours(const TicketFacts &t)
{
    if (has(t.resolutionMin))
        return t.resolutionMin / 60.0;
    if (has(t.solvedAt) && has(t.createdAt))
        return double(t.solvedAt - t.createdAt) / 3600.0;
    return std::nullopt;
}

// tickets_created: every ticket of the created cohort; no value when the data has no creation time.
MetricValue tickets_created(const TicketCohorts &c, const TicketFields &f)
{
    return count(c.created.size(), f.created);
}

// tickets_solved: every ticket of the solved cohort.
MetricValue tickets_solved(const TicketCohorts &c, const TicketFields &f)
{
    return count(c.solved.size(), f.solved);
}

// backlog_end: counted by the query over all tickets (it is a point in time, not a cohort).
MetricValue backlog_end(const TicketCohorts &c, const TicketFields &f)
{
    return count(std::size_t(c.backlogAtEnd), f.created);
}

// frt_*: created cohort; tickets without a reply are left out (frt_unreplied counts them).
MetricValue frt_median_min(const TicketCohorts &c, const TicketFields &f)
{
    if (!f.firstReply)
        return {};
    std::vector<double> values = collect(c.created, firstReplyMinutes);
    return {stats::median(values), std::nullopt, std::nullopt};
}

MetricValue frt_mean_min(const TicketCohorts &c, const TicketFields &f)
{
    if (!f.firstReply)
        return {};
    return {stats::mean(collect(c.created, firstReplyMinutes)), std::nullopt, std::nullopt};
}

MetricValue frt_p90_min(const TicketCohorts &c, const TicketFields &f)
{
    if (!f.firstReply)
        return {};
    std::vector<double> values = collect(c.created, firstReplyMinutes);
    return {stats::p90NearestRank(values), std::nullopt, std::nullopt};
}

// frt_unreplied: created-cohort tickets with no agent reply yet.
MetricValue frt_unreplied(const TicketCohorts &c, const TicketFields &f)
{
    std::size_t n = 0;
    for (const TicketFacts *t : c.created)
        n += hasReply(*t) ? 0 : 1;
    return count(n, f.firstReply && f.created);
}

// frt_bh_*: only the export's own business-hours column (calendars come later); never calendar time.
MetricValue frt_bh_median_min(const TicketCohorts &c, const TicketFields &f)
{
    if (!f.firstReplyBh)
        return {};
    std::vector<double> values = collect(c.created, firstReplyBhMinutes);
    return {stats::median(values), std::nullopt, std::nullopt};
}

MetricValue frt_bh_mean_min(const TicketCohorts &c, const TicketFields &f)
{
    if (!f.firstReplyBh)
        return {};
    return {stats::mean(collect(c.created, firstReplyBhMinutes)), std::nullopt, std::nullopt};
}

MetricValue frt_bh_p90_min(const TicketCohorts &c, const TicketFields &f)
{
    if (!f.firstReplyBh)
        return {};
    std::vector<double> values = collect(c.created, firstReplyBhMinutes);
    return {stats::p90NearestRank(values), std::nullopt, std::nullopt};
}

// resolution_*: solved cohort, last solved − created in calendar hours.
MetricValue resolution_median_hours(const TicketCohorts &c, const TicketFields &f)
{
    if (!f.solved)
        return {};
    std::vector<double> values = collect(c.solved, resolutionHours);
    return {stats::median(values), std::nullopt, std::nullopt};
}

MetricValue resolution_mean_hours(const TicketCohorts &c, const TicketFields &f)
{
    if (!f.solved)
        return {};
    return {stats::mean(collect(c.solved, resolutionHours)), std::nullopt, std::nullopt};
}

MetricValue resolution_bh_median_hours(const TicketCohorts &c, const TicketFields &f)
{
    if (!f.resolutionBh)
        return {};
    std::vector<double> values = collect(c.solved, resolutionBhHours);
    return {stats::median(values), std::nullopt, std::nullopt};
}

MetricValue resolution_bh_mean_hours(const TicketCohorts &c, const TicketFields &f)
{
    if (!f.resolutionBh)
        return {};
    return {stats::mean(collect(c.solved, resolutionBhHours)), std::nullopt, std::nullopt};
}

// aht_min: mean tracked handle time of solved tickets that have one, in minutes.
MetricValue aht_min(const TicketCohorts &c, const TicketFields &f)
{
    if (!f.handleTime)
        return {};
    const auto minutes = [](const TicketFacts &t) {
        return has(t.handleTimeS) ? std::optional<double>(t.handleTimeS / 60.0) : std::nullopt;
    };
    return {stats::mean(collect(c.solved, minutes)), std::nullopt, std::nullopt};
}

// fcr_pct: solved with exactly one agent reply and never reopened, of solved tickets with at
// least one agent reply. A ticket whose reopen count the export does not give counts as not
// reopened: the reply count alone then decides.
MetricValue fcr_pct(const TicketCohorts &c, const TicketFields &f)
{
    long long resolvedFirstTime = 0, trials = 0;
    for (const TicketFacts *t : c.solved) {
        if (t->agentReplies < 1)
            continue;
        ++trials;
        resolvedFirstTime += t->agentReplies == 1 && t->reopens <= 0 ? 1 : 0;
    }
    return fromProportion(resolvedFirstTime, trials, f.agentReplies);
}

// reopen_pct: solved tickets reopened at least once, of solved tickets whose reopen count is known.
MetricValue reopen_pct(const TicketCohorts &c, const TicketFields &f)
{
    long long reopened = 0, trials = 0;
    for (const TicketFacts *t : c.solved) {
        if (t->reopens < 0)
            continue;
        ++trials;
        reopened += t->reopens > 0 ? 1 : 0;
    }
    return fromProportion(reopened, trials, f.reopens);
}

// sla_first_reply_pct: replied within the channel's target, of created tickets that were either
// replied to or whose target passed before the period's end unreplied (those are misses).
MetricValue sla_first_reply_pct(const TicketCohorts &c, const TicketFields &f, const SlaTargets &targets)
{
    long long within = 0, trials = 0;
    for (const TicketFacts *t : c.created) {
        const std::int64_t target = targets.forClass(t->channelClass);
        if (const std::optional<double> minutes = firstReplyMinutes(*t)) {
            ++trials;
            within += *minutes * 60.0 <= double(target) ? 1 : 0;
        } else if (has(t->createdAt) && t->createdAt + target < c.periodEnd && !has(t->firstReplyBhMin)) {
            ++trials; // unreplied, and its target has passed: a miss
        }
    }
    return fromProportion(within, trials, f.firstReply && f.created);
}

// tickets_per_customer: created tickets / distinct requesters among them.
MetricValue tickets_per_customer(const TicketCohorts &c, const TicketFields &f)
{
    if (!f.customer)
        return {};
    std::vector<std::int32_t> customers;
    customers.reserve(c.created.size());
    for (const TicketFacts *t : c.created) {
        if (t->customer >= 0)
            customers.push_back(t->customer);
    }
    std::sort(customers.begin(), customers.end());
    const auto distinct = std::unique(customers.begin(), customers.end()) - customers.begin();
    if (distinct == 0)
        return {};
    return {double(c.created.size()) / double(distinct), std::nullopt, std::nullopt};
}

// replies_mean: mean agent replies of solved tickets whose reply count is known.
MetricValue replies_mean(const TicketCohorts &c, const TicketFields &f)
{
    if (!f.agentReplies)
        return {};
    const auto replies = [](const TicketFacts &t) {
        return t.agentReplies >= 0 ? std::optional<double>(t.agentReplies) : std::nullopt;
    };
    return {stats::mean(collect(c.solved, replies)), std::nullopt, std::nullopt};
}

// csat_pct: satisfied ratings of all ratings of tickets solved in the period (a rating has no
// time of its own in a ticket export, so it takes its ticket's solved time).
MetricValue csat_pct(const TicketCohorts &c, const TicketFields &f)
{
    long long good = 0, responses = 0;
    for (const TicketFacts *t : c.solved) {
        if (t->csatGood < 0)
            continue;
        ++responses;
        good += t->csatGood;
    }
    return fromProportion(good, responses, f.csat);
}

MetricValue csat_responses(const TicketCohorts &c, const TicketFields &f)
{
    std::size_t responses = 0;
    for (const TicketFacts *t : c.solved)
        responses += t->csatGood >= 0 ? 1 : 0;
    return count(responses, f.csat);
}

// csat_mean: mean 1-5 score; no value when the source only says good or bad.
MetricValue csat_mean(const TicketCohorts &c, const TicketFields &f)
{
    if (!f.csatScore)
        return {};
    const auto score = [](const TicketFacts &t) {
        return has(t.csatScore) ? std::optional<double>(t.csatScore) : std::nullopt;
    };
    return {stats::mean(collect(c.solved, score)), std::nullopt, std::nullopt};
}

// survey_response_rate_pct: rated of offered, where the export says which were offered.
MetricValue survey_response_rate_pct(const TicketCohorts &c, const TicketFields &f)
{
    long long rated = 0, offered = 0;
    for (const TicketFacts *t : c.solved) {
        if (t->csatOffered != 1)
            continue;
        ++offered;
        rated += t->csatGood >= 0 ? 1 : 0;
    }
    return fromProportion(rated, offered, f.csatOffered);
}

std::vector<MetricValue> computeTicketMetrics(const TicketCohorts &c, const TicketFields &f, const SlaTargets &targets)
{
    std::vector<MetricValue> values;
    values.reserve(ticketMetricDefinitions().size());
    for (const MetricDefinition &definition : ticketMetricDefinitions()) {
        const std::string_view id = definition.id;
        MetricValue value;
        if (id == "tickets_created") value = tickets_created(c, f);
        else if (id == "tickets_solved") value = tickets_solved(c, f);
        else if (id == "backlog_end") value = backlog_end(c, f);
        else if (id == "frt_median_min") value = frt_median_min(c, f);
        else if (id == "frt_mean_min") value = frt_mean_min(c, f);
        else if (id == "frt_p90_min") value = frt_p90_min(c, f);
        else if (id == "frt_unreplied") value = frt_unreplied(c, f);
        else if (id == "frt_bh_median_min") value = frt_bh_median_min(c, f);
        else if (id == "frt_bh_mean_min") value = frt_bh_mean_min(c, f);
        else if (id == "frt_bh_p90_min") value = frt_bh_p90_min(c, f);
        else if (id == "resolution_median_hours") value = resolution_median_hours(c, f);
        else if (id == "resolution_mean_hours") value = resolution_mean_hours(c, f);
        else if (id == "resolution_bh_median_hours") value = resolution_bh_median_hours(c, f);
        else if (id == "resolution_bh_mean_hours") value = resolution_bh_mean_hours(c, f);
        else if (id == "aht_min") value = aht_min(c, f);
        else if (id == "fcr_pct") value = fcr_pct(c, f);
        else if (id == "reopen_pct") value = reopen_pct(c, f);
        else if (id == "sla_first_reply_pct") value = sla_first_reply_pct(c, f, targets);
        else if (id == "tickets_per_customer") value = tickets_per_customer(c, f);
        else if (id == "replies_mean") value = replies_mean(c, f);
        else if (id == "csat_pct") value = csat_pct(c, f);
        else if (id == "csat_responses") value = csat_responses(c, f);
        else if (id == "csat_mean") value = csat_mean(c, f);
        else if (id == "survey_response_rate_pct") value = survey_response_rate_pct(c, f);
        values.push_back(value);
    }
    return values;
}

} // namespace sl
