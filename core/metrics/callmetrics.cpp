#include "metrics/callmetrics.h"

#include "metrics/stats.h"

#include <vector>

namespace sl::calls {

namespace {

bool has(double value)
{
    return !std::isnan(value);
}

MetricValue count(std::size_t n, bool dataHasField)
{
    if (!dataHasField)
        return {};
    return plainValue(double(n));
}

MetricValue fromProportion(long long successes, long long trials, bool dataHasField)
{
    if (!dataHasField)
        return {};
    return proportionValue(successes, trials);
}

MetricValue fromMean(const std::vector<double> &values, bool dataHasField)
{
    if (!dataHasField)
        return {};
    return plainValue(stats::mean(values));
}

std::size_t countOutcome(CallCohort calls, CallOutcome outcome)
{
    std::size_t n = 0;
    for (const CallFacts *call : calls)
        n += call->outcome == outcome ? 1 : 0;
    return n;
}

} // namespace

// calls_offered: every call of the cohort, that is every call that reached the queue, whatever
// became of it (answered, abandoned, or left another way).
MetricValue calls_offered(CallCohort calls, const CallFields &f)
{
    return count(calls.size(), f.callLog);
}

MetricValue calls_answered(CallCohort calls, const CallFields &f)
{
    return count(countOutcome(calls, CallOutcome::Answered), f.callLog && f.outcome);
}

// calls_abandoned: hung up in the queue, short abandons included (service_level_pct is where
// short abandons are set aside, not here).
MetricValue calls_abandoned(CallCohort calls, const CallFields &f)
{
    return count(countOutcome(calls, CallOutcome::Abandoned), f.callLog && f.outcome);
}

// abandon_pct: abandoned of offered; calls that left another way count as offered, not abandoned.
MetricValue abandon_pct(CallCohort calls, const CallFields &f)
{
    const auto abandoned = static_cast<long long>(countOutcome(calls, CallOutcome::Abandoned));
    return fromProportion(abandoned, static_cast<long long>(calls.size()), f.callLog && f.outcome);
}

// asa_s: mean wait of answered calls whose wait is known; abandoned calls' waits are times to
// abandon, not speeds of answer, and are left out.
MetricValue asa_s(CallCohort calls, const CallFields &f)
{
    std::vector<double> waits;
    for (const CallFacts *call : calls) {
        if (call->outcome == CallOutcome::Answered && has(call->waitS))
            waits.push_back(call->waitS);
    }
    return fromMean(waits, f.callLog && f.outcome && f.wait);
}

// service_level_pct, ICMI's formula 4: answered within the target / (answered + abandoned after
// the target). "Within" is <=, as for sla_first_reply_pct: a call answered at exactly 20 s meets
// a 20 s target, and a call abandoned at exactly 20 s abandoned within it, so it is not counted
// at all (the caller gave up before the target expired: not the queue's miss). A call whose wait
// is unknown cannot be placed on either side of the target and is left out, and so are calls
// that left another way.
MetricValue service_level_pct(CallCohort calls, const CallFields &f, double targetS)
{
    long long answeredWithin = 0, counted = 0;
    for (const CallFacts *call : calls) {
        if (!has(call->waitS))
            continue;
        if (call->outcome == CallOutcome::Answered) {
            ++counted;
            answeredWithin += call->waitS <= targetS ? 1 : 0;
        } else if (call->outcome == CallOutcome::Abandoned && call->waitS > targetS) {
            ++counted;
        }
    }
    return fromProportion(answeredWithin, counted, f.callLog && f.outcome && f.wait);
}

// aht_min: (talk + hold + after-call work) mean over answered calls, in minutes. A call needs
// its talk time to count; a blank hold or after-call-work time on it is none of that (logs leave
// them blank when there was none), and a log without those columns gives talk (+ hold) alone,
// which CallFields lets the tile say.
MetricValue aht_min(CallCohort calls, const CallFields &f)
{
    std::vector<double> minutes;
    for (const CallFacts *call : calls) {
        if (call->outcome != CallOutcome::Answered || !has(call->talkS))
            continue;
        const double holdS = has(call->holdS) ? call->holdS : 0.0;
        const double afterCallWorkS = has(call->afterCallWorkS) ? call->afterCallWorkS : 0.0;
        minutes.push_back((call->talkS + holdS + afterCallWorkS) / 60.0);
    }
    return fromMean(minutes, f.callLog && f.outcome && f.talk);
}

// fcr_pct: flagged resolved on first contact, of answered calls that carry the flag at all.
// Abandoned calls are no contact; unflagged calls are unknown, not unresolved.
MetricValue fcr_pct(CallCohort calls, const CallFields &f)
{
    long long resolved = 0, flagged = 0;
    for (const CallFacts *call : calls) {
        if (call->outcome != CallOutcome::Answered || call->resolvedFirstContact < 0)
            continue;
        ++flagged;
        resolved += call->resolvedFirstContact == 1 ? 1 : 0;
    }
    return fromProportion(resolved, flagged, f.callLog && f.outcome && f.firstContactResolution);
}

std::span<const MetricFunction<CallMetricFunction>> metricFunctions()
{
    // Captureless lambdas, so that every entry has the one signature.
    static const MetricFunction<CallMetricFunction> functions[] = {
        { "calls_offered",
            [](CallCohort c, const CallFields &f, double) {
                return calls_offered(c, f);
            } },
        { "calls_answered",
            [](CallCohort c, const CallFields &f, double) {
                return calls_answered(c, f);
            } },
        { "calls_abandoned",
            [](CallCohort c, const CallFields &f, double) {
                return calls_abandoned(c, f);
            } },
        { "abandon_pct",
            [](CallCohort c, const CallFields &f, double) {
                return abandon_pct(c, f);
            } },
        { "asa_s",
            [](CallCohort c, const CallFields &f, double) {
                return asa_s(c, f);
            } },
        { "service_level_pct",
            [](CallCohort c, const CallFields &f, double t) {
                return service_level_pct(c, f, t);
            } },
        { "aht_min",
            [](CallCohort c, const CallFields &f, double) {
                return aht_min(c, f);
            } },
        { "fcr_pct",
            [](CallCohort c, const CallFields &f, double) {
                return fcr_pct(c, f);
            } },
    };
    return functions;
}

} // namespace sl::calls
