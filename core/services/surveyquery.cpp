#include "services/surveyquery.h"

#include "metrics/periodbuckets.h"

#include "metrics/surveymetrics.h"
#include "store/database.h"
#include "store/surveyrows.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>

namespace sl {

namespace {

using surveys::SurveyCohort;
using surveys::SurveyFields;
using surveys::SurveyResponse;
using surveys::SurveyScale;
using surveys::SurveyType;

constexpr std::int64_t farPast = UtcPeriod::farPast;
constexpr std::int64_t farFuture = UtcPeriod::farFuture;
constexpr std::int64_t noTime = SurveyResponse::noTime;

using SurveyData = SurveyRows;

bool containsName(const QStringList &wanted, const QString &name)
{
    return !name.isEmpty() && wanted.contains(name, Qt::CaseInsensitive);
}

// The responses a filter lets through, by index. Names match case-insensitively; values of one
// option are OR-ed, options AND-ed.
std::vector<std::size_t> select(const SurveyData &data, const MetricsFilter &filter)
{
    std::vector<std::size_t> selected;
    for (std::size_t i = 0; i < data.responses.size(); ++i) {
        const SurveyResponse &r = data.responses[i];
        if (!filter.agents.isEmpty() && (r.agent < 0 || !containsName(filter.agents, data.agentNames[r.agent])))
            continue;
        const bool needsTicket = !filter.channels.isEmpty() || !filter.teams.isEmpty()
                                 || !filter.priorities.isEmpty() || !filter.tags.isEmpty();
        if (needsTicket) {
            if (r.ticket < 0)
                continue; // no ticket: nothing says its channel, team, priority or tags
            const LinkedTicket &t = data.tickets[std::size_t(r.ticket)];
            if (!filter.channels.isEmpty() && !containsName(filter.channels, t.channel))
                continue;
            if (!filter.teams.isEmpty() && !containsName(filter.teams, t.team))
                continue;
            if (!filter.priorities.isEmpty() && !containsName(filter.priorities, t.priority))
                continue;
            if (!filter.tags.isEmpty()
                && std::none_of(t.tags.begin(), t.tags.end(), [&](const QString &tag) { return containsName(filter.tags, tag); })) {
                continue;
            }
        }
        selected.push_back(i);
    }
    return selected;
}

using Period = UtcPeriod;

using Cohort = std::vector<const SurveyResponse *>;

Cohort cohortOf(const SurveyData &data, const std::vector<std::size_t> &selected, const Period &period)
{
    Cohort cohort;
    for (const std::size_t i : selected) {
        const std::int64_t at = data.placedAt[i];
        if (at == noTime ? period.all : at >= period.start && at < period.end)
            cohort.push_back(&data.responses[i]);
    }
    return cohort;
}

// Every survey metric of a cohort, in the order of surveyMetricDefinitions(); csa_pct only for
// an agent's group (`agentGroup`; `agent` -1 for the "(none)" group, whose csa_pct is no value).
KindMetricValues metricsOf(const Cohort &cohort, const SurveyFields &fields, bool agentGroup = false,
                           std::int16_t agent = -1)
{
    KindMetricValues values;
    const SurveyCohort span(cohort.data(), cohort.size());
    for (const MetricDefinition &definition : surveyMetricDefinitions()) {
        if (definition.id == "csa_pct") {
            if (agentGroup)
                values.emplace_back(&definition, surveys::csa_pct(span, agent, fields));
            continue;
        }
        if (const surveys::SurveyMetricFunction compute = metricFunctionOf(surveys::metricFunctions(), definition.id))
            values.emplace_back(&definition, compute(span, fields));
    }
    return values;
}

std::int64_t scoredResponses(const Cohort &cohort)
{
    return std::count_if(cohort.begin(), cohort.end(), [](const SurveyResponse *r) { return surveys::isResponse(*r); });
}

// --- time buckets, as metricsquery.cpp makes them --------------------------------------------

QDate localDate(std::int64_t utc, const QTimeZone &zone)
{
    return QDateTime::fromSecsSinceEpoch(utc, zone).date();
}

std::vector<std::pair<QString, KindMetricValues>> timeGroups(const SurveyData &data,
                                                             const std::vector<std::size_t> &selected,
                                                             const MetricsRequest &request)
{
    std::vector<std::pair<QString, KindMetricValues>> groups;
    // An open end takes the data's first or last placed response (unfiltered, as tickets do).
    QDate first = request.from.value_or(QDate());
    QDate last = request.to.value_or(QDate());
    if (!first.isValid() || !last.isValid()) {
        std::int64_t earliest = farFuture, latest = farPast;
        for (const std::int64_t at : data.placedAt) {
            if (at == noTime)
                continue;
            earliest = std::min(earliest, at);
            latest = std::max(latest, at);
        }
        if (earliest > latest)
            return groups;
        if (!first.isValid())
            first = localDate(earliest, request.zone);
        if (!last.isValid())
            last = localDate(latest, request.zone);
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
        groups.emplace_back(bucketKey(request.grouping, day), metricsOf(cohortOf(data, selected, bucket), data.fields));
        day = next;
    }
    return groups;
}

// Every other grouping: a key per response (several for tags), "(none)" where it has no value.
std::vector<std::pair<QString, KindMetricValues>> keyedGroups(const SurveyData &data, const Cohort &cohort,
                                                              const MetricsRequest &request)
{
    const QString &none = noneGroupKey();
    const auto index = [&](const SurveyResponse *r) { return std::size_t(r - data.responses.data()); };
    const auto ticketOf = [&](const SurveyResponse *r) -> const LinkedTicket * {
        return r->ticket >= 0 ? &data.tickets[std::size_t(r->ticket)] : nullptr;
    };
    const auto orNone = [&](const QString &name) { return name.isEmpty() ? none : name; };
    // Recurring buckets are listed in their own order, attributes by size.
    std::map<QString, Cohort> byKey;
    std::map<int, Cohort> byRecurring;
    std::map<QString, std::int16_t> agentOfKey;
    for (const SurveyResponse *r : cohort) {
        const LinkedTicket *ticket = ticketOf(r);
        switch (request.grouping) {
        case Grouping::Agent: {
            const QString key = r->agent >= 0 ? data.agentNames[r->agent] : none;
            byKey[key].push_back(r);
            agentOfKey[key] = r->agent;
            break;
        }
        case Grouping::Team: byKey[ticket ? orNone(ticket->team) : none].push_back(r); break;
        case Grouping::Channel: byKey[ticket ? orNone(ticket->channel) : none].push_back(r); break;
        case Grouping::Priority: byKey[ticket ? orNone(ticket->priority) : none].push_back(r); break;
        case Grouping::Tag:
            if (!ticket || ticket->tags.isEmpty()) {
                byKey[none].push_back(r);
            } else {
                for (const QString &tag : ticket->tags)
                    byKey[tag].push_back(r);
            }
            break;
        case Grouping::Hour:
        case Grouping::Weekday: {
            const std::int64_t at = data.placedAt[index(r)];
            if (at == noTime)
                break; // placed nowhere: no hour or weekday either
            const QDateTime local = QDateTime::fromSecsSinceEpoch(at, request.zone);
            byRecurring[request.grouping == Grouping::Hour ? local.time().hour() : local.date().dayOfWeek() - 1].push_back(r);
            break;
        }
        default: break;
        }
    }
    std::vector<std::pair<QString, KindMetricValues>> groups;
    if (request.grouping == Grouping::Hour || request.grouping == Grouping::Weekday) {
        for (const auto &[bucket, members] : byRecurring) {
            groups.emplace_back(request.grouping == Grouping::Hour ? QString::number(bucket)
                                                                    : weekdayKey(bucket),
                                metricsOf(members, data.fields));
        }
        return groups;
    }
    std::vector<std::pair<std::int64_t, QString>> order;
    for (const auto &[key, members] : byKey)
        order.emplace_back(scoredResponses(members), key);
    std::stable_sort(order.begin(), order.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (const auto &[count, key] : order) {
        (void)count;
        const bool byAgent = request.grouping == Grouping::Agent;
        groups.emplace_back(key, metricsOf(byKey[key], data.fields, byAgent, byAgent ? agentOfKey[key] : -1));
    }
    return groups;
}

} // namespace

KindMetricsResult runSurveyMetrics(Database &db, const MetricsRequest &request, QString *error)
{
    KindMetricsResult result;
    const std::optional<SurveyData> data = loadSurveyRows(db, error);
    if (!data) {
        if (error->isEmpty())
            *error = QObject::tr("cannot read the survey responses");
        return result;
    }
    if (data->responses.empty())
        return result;
    result.hasData = true;
    const std::vector<std::size_t> selected = select(*data, request.filter);
    const Period period = utcPeriodOf(request);
    const Cohort cohort = cohortOf(*data, selected, period);
    result.metrics = metricsOf(cohort, data->fields);
    if (request.compare && request.from && request.to) {
        Period previous;
        previous.start = startOfDay(previousPeriod(*request.from, *request.to).from, request.zone);
        previous.end = period.start;
        result.previous = metricsOf(cohortOf(*data, selected, previous), data->fields);
    }
    switch (request.grouping) {
    case Grouping::None: break;
    case Grouping::Day:
    case Grouping::Week:
    case Grouping::Month: result.groups = timeGroups(*data, selected, request); break;
    default: result.groups = keyedGroups(*data, cohort, request); break;
    }
    return result;
}

} // namespace sl
