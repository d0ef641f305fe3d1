#include "services/callquery.h"

#include "metrics/periodbuckets.h"

#include "domain/ticketfields.h"
#include "metrics/callmetrics.h"
#include "metrics/surveymetrics.h"
#include "store/callrows.h"
#include "store/database.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>

namespace sl {

namespace {

using calls::CallFacts;
using calls::CallFields;
using calls::CallOutcome;
using surveys::SurveyResponse;

constexpr std::int64_t farPast = UtcPeriod::farPast;
constexpr std::int64_t farFuture = UtcPeriod::farFuture;
constexpr std::int64_t noTime = CallFacts::noTime;

using CallData = CallRows;

bool containsName(const QStringList &wanted, const QString &name)
{
    return !name.isEmpty() && wanted.contains(name, Qt::CaseInsensitive);
}

// Whether a --channel list lets phone calls through: a value that the import would normalise to
// Phone ("phone", "Voice", "Phone call (inbound)") does.
bool wantsPhone(const QStringList &channels)
{
    for (const QString &channel : channels) {
        const QByteArray utf8 = channel.toUtf8();
        const std::string_view normal = normalizedChannel(std::string_view(utf8.constData(), std::size_t(utf8.size())));
        if (QString::fromUtf8(normal.data(), qsizetype(normal.size())).compare(QLatin1String("Phone"), Qt::CaseInsensitive)
            == 0)
            return true;
    }
    return false;
}

// The calls a filter lets through, by index. Values of one option are OR-ed, options AND-ed.
std::vector<std::size_t> select(const CallData &data, const MetricsFilter &filter)
{
    std::vector<std::size_t> selected;
    // Every call is a phone call without priority or tags: these options decide for all at once.
    if ((!filter.channels.isEmpty() && !wantsPhone(filter.channels)) || !filter.priorities.isEmpty()
        || !filter.tags.isEmpty())
        return selected;
    for (std::size_t i = 0; i < data.calls.size(); ++i) {
        const CallFacts &call = data.calls[i];
        if (!filter.agents.isEmpty() && (call.agent < 0 || !containsName(filter.agents, data.agentNames[call.agent])))
            continue;
        if (!filter.teams.isEmpty() && (call.team < 0 || !containsName(filter.teams, data.teamNames[call.team])))
            continue;
        selected.push_back(i);
    }
    return selected;
}

using Period = UtcPeriod;

using Cohort = std::vector<const CallFacts *>;

Cohort cohortOf(const CallData &data, const std::vector<std::size_t> &selected, const Period &period)
{
    Cohort cohort;
    for (const std::size_t i : selected) {
        const std::int64_t at = data.calls[i].startedAt;
        if (at == noTime ? period.all : at >= period.start && at < period.end)
            cohort.push_back(&data.calls[i]);
    }
    return cohort;
}

MetricValue callMetric(std::string_view id, calls::CallCohort cohort, const CallFields &f, double targetS)
{
    const calls::CallMetricFunction compute = metricFunctionOf(calls::metricFunctions(), id);
    return compute ? compute(cohort, f, targetS) : MetricValue{};
}

// Every call metric of a cohort, in the order of callMetricDefinitions(); then, when the log has
// ratings, the CSAT of the cohort's rated calls, and csa_pct in an agent's group (`agentGroup`).
KindMetricValues metricsOf(const CallData &data, const Cohort &cohort, double targetS, bool agentGroup = false)
{
    KindMetricValues values;
    const calls::CallCohort span(cohort.data(), cohort.size());
    for (const MetricDefinition &definition : callMetricDefinitions())
        values.emplace_back(&definition, callMetric(definition.id, span, data.fields, targetS));
    if (!data.rated)
        return values;
    std::vector<const SurveyResponse *> rated;
    for (const CallFacts *call : cohort) {
        const SurveyResponse &rating = data.ratings[std::size_t(call - data.calls.data())];
        if (surveys::isResponse(rating))
            rated.push_back(&rating);
    }
    const surveys::SurveyCohort ratings(rated.data(), rated.size());
    surveys::SurveyFields fields;
    fields.csat = true;
    const std::vector<MetricDefinition> &survey = surveyMetricDefinitions();
    values.emplace_back(findMetricIn(survey, "csat_pct"), surveys::csat_pct(ratings, fields));
    values.emplace_back(findMetricIn(survey, "csat_responses"), surveys::csat_responses(ratings, fields));
    values.emplace_back(findMetricIn(survey, "csat_mean"), surveys::csat_mean(ratings, fields));
    if (agentGroup) {
        // The group's calls are one agent's ("(none)": nobody's, whose CSA is no value).
        const bool someone = !cohort.empty() && cohort.front()->agent >= 0;
        values.emplace_back(findMetricIn(survey, "csa_pct"),
            someone ? surveys::csat_pct(ratings, fields) : MetricValue{});
    }
    return values;
}

// --- time buckets, as metricsquery.cpp makes them --------------------------------------------

std::vector<std::pair<QString, KindMetricValues>> timeGroups(const CallData &data,
    const std::vector<std::size_t> &selected, const MetricsRequest &request, double targetS)
{
    std::vector<std::pair<QString, KindMetricValues>> groups;
    // An open end takes the data's first or last call (unfiltered, as tickets do).
    QDate first = request.from.value_or(QDate());
    QDate last = request.to.value_or(QDate());
    if (!first.isValid() || !last.isValid()) {
        std::int64_t earliest = farFuture, latest = farPast;
        for (const CallFacts &call : data.calls) {
            if (call.startedAt == noTime)
                continue;
            earliest = std::min(earliest, call.startedAt);
            latest = std::max(latest, call.startedAt);
        }
        if (earliest > latest)
            return groups;
        if (!first.isValid())
            first = QDateTime::fromSecsSinceEpoch(earliest, request.zone).date();
        if (!last.isValid())
            last = QDateTime::fromSecsSinceEpoch(latest, request.zone).date();
    }
    if (first > last)
        return groups;
    const Period whole = utcPeriodOf(request);
    for (QDate day = bucketAround(request.grouping, first).first; day <= last;) {
        const QDate next = bucketAround(request.grouping, day).second;
        Period bucket;
        bucket.start = std::max(startOfDay(day, request.zone), whole.start);
        bucket.end = std::min(startOfDay(next, request.zone), whole.end);
        if (groups.empty() && !request.from)
            bucket.start = farPast; // an open start: everything before the first bucket belongs to it
        if (next > last && !request.to)
            bucket.end = farFuture;
        groups.emplace_back(bucketKey(request.grouping, day),
            metricsOf(data, cohortOf(data, selected, bucket), targetS));
        day = next;
    }
    return groups;
}

// Hour of the day and weekday: each call's local start time decides; buckets without calls are
// left out, as the ticket query leaves them out.
std::vector<std::pair<QString, KindMetricValues>> recurringGroups(const CallData &data, const Cohort &cohort,
    const MetricsRequest &request, double targetS)
{
    const bool byHour = request.grouping == Grouping::Hour;
    std::map<int, Cohort> buckets;
    for (const CallFacts *call : cohort) {
        if (call->startedAt == noTime)
            continue;
        const QDateTime local = QDateTime::fromSecsSinceEpoch(call->startedAt, request.zone);
        buckets[byHour ? local.time().hour() : local.date().dayOfWeek() - 1].push_back(call);
    }
    std::vector<std::pair<QString, KindMetricValues>> groups;
    for (const auto &[bucket, members] : buckets) {
        groups.emplace_back(byHour ? QString::number(bucket) : weekdayKey(bucket),
            metricsOf(data, members, targetS));
    }
    return groups;
}

// Agent, team, channel, priority, tag: a key per call, "(none)" where it has no value.
std::vector<std::pair<QString, KindMetricValues>> keyedGroups(const CallData &data, const Cohort &cohort,
    const MetricsRequest &request, double targetS)
{
    const QString &none = noneGroupKey();
    std::map<QString, Cohort> byKey;
    for (const CallFacts *call : cohort) {
        switch (request.grouping) {
        case Grouping::Agent: byKey[call->agent >= 0 ? data.agentNames[call->agent] : none].push_back(call); break;
        case Grouping::Team: byKey[call->team >= 0 ? data.teamNames[call->team] : none].push_back(call); break;
        case Grouping::Channel: byKey[QStringLiteral("Phone")].push_back(call); break;
        default: byKey[none].push_back(call); break; // priority, tag: calls have neither
        }
    }
    // By calls offered, most first; ties by name (std::map gave name order, the sort is stable).
    std::vector<std::pair<QString, const Cohort *>> order;
    for (const auto &[key, members] : byKey)
        order.emplace_back(key, &members);
    std::stable_sort(order.begin(), order.end(),
        [](const auto &a, const auto &b) { return a.second->size() > b.second->size(); });
    std::vector<std::pair<QString, KindMetricValues>> groups;
    for (const auto &[key, members] : order)
        groups.emplace_back(key, metricsOf(data, *members, targetS, request.grouping == Grouping::Agent));
    return groups;
}

} // namespace

KindMetricsResult runCallMetrics(Database &db, const MetricsRequest &request, QString *error)
{
    KindMetricsResult result;
    const std::optional<CallData> data = loadCallRows(db, error);
    if (!data) {
        if (error->isEmpty())
            *error = QObject::tr("cannot read the calls");
        return result;
    }
    if (data->calls.empty())
        return result;
    result.hasData = true;
    const double targetS = double(request.slaTargets.phone);
    const std::vector<std::size_t> selected = select(*data, request.filter);
    const Period period = utcPeriodOf(request);
    const Cohort cohort = cohortOf(*data, selected, period);
    result.metrics = metricsOf(*data, cohort, targetS);
    if (request.compare && request.from && request.to) {
        Period previous;
        previous.start = startOfDay(previousPeriod(*request.from, *request.to).from, request.zone);
        previous.end = period.start;
        result.previous = metricsOf(*data, cohortOf(*data, selected, previous), targetS);
    }
    switch (request.grouping) {
    case Grouping::None: break;
    case Grouping::Day:
    case Grouping::Week:
    case Grouping::Month: result.groups = timeGroups(*data, selected, request, targetS); break;
    case Grouping::Hour:
    case Grouping::Weekday: result.groups = recurringGroups(*data, cohort, request, targetS); break;
    default: result.groups = keyedGroups(*data, cohort, request, targetS); break;
    }
    return result;
}

} // namespace sl
