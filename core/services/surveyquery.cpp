#include "services/surveyquery.h"

#include "metrics/periodbuckets.h"

#include "metrics/surveymetrics.h"
#include "store/database.h"
#include "store/sqlite.h"

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

// What a response borrows from the ticket it rates.
struct LinkedTicket
{
    std::int64_t solvedAt = noTime;
    std::int16_t agent = -1; // into SurveyData::agentNames
    QString channel, team, priority;
    QStringList tags;
};

struct SurveyData
{
    std::vector<SurveyResponse> responses;
    std::vector<std::int64_t> placedAt; // per response: its time, else its ticket's solved_at, else noTime
    std::vector<LinkedTicket> tickets;  // SurveyResponse::ticket indexes this
    QStringList agentNames;             // SurveyResponse::agent indexes this
    SurveyFields fields;
};

// id -> name of a name table (agents, teams, channels).
std::unordered_map<std::int64_t, QString> namesOf(sqlite::Connection &c, std::string_view sql)
{
    std::unordered_map<std::int64_t, QString> names;
    sqlite::Statement query = c.prepare(sql);
    while (query.isValid() && query.step() == sqlite::Statement::StepResult::Row)
        names.emplace(query.columnInt(0), query.columnText(1));
    return names;
}

std::optional<SurveyData> load(Database &db, QString *error)
{
    sqlite::Connection &c = db.connection();
    SurveyData data;
    const std::unordered_map<std::int64_t, QString> agents = namesOf(c, "SELECT id, name FROM agents");
    QHash<QString, std::int16_t> agentIndex;
    const auto agentOf = [&](std::int64_t id) -> std::int16_t {
        const auto found = agents.find(id);
        if (found == agents.end())
            return -1;
        const auto known = agentIndex.constFind(found->second);
        if (known != agentIndex.constEnd())
            return *known;
        if (data.agentNames.size() >= std::numeric_limits<std::int16_t>::max())
            return -1;
        const auto index = std::int16_t(data.agentNames.size());
        data.agentNames.append(found->second);
        agentIndex.insert(found->second, index);
        return index;
    };

    // The tickets responses name, by their external id as text (numeric ids are stored as
    // integers). The first imported wins when two help desks use the same id.
    const std::unordered_map<std::int64_t, QString> channels = namesOf(c, "SELECT id, name FROM channels");
    const std::unordered_map<std::int64_t, QString> teams = namesOf(c, "SELECT id, name FROM teams");
    QHash<QString, std::int32_t> ticketIndex;
    sqlite::Statement tickets = c.prepare(
        "SELECT CAST(external_id AS TEXT), solved_at, agent_id, channel_id, team_id, priority, tags FROM tickets "
        // The constant EXISTS is tested once, before the scan: with no response naming a
        // ticket (no survey data, most often) no ticket id is turned into text.
        "WHERE EXISTS (SELECT 1 FROM survey_responses WHERE ticket_external_id IS NOT NULL) "
        "AND CAST(external_id AS TEXT) IN (SELECT ticket_external_id FROM survey_responses "
        "WHERE ticket_external_id IS NOT NULL) ORDER BY id");
    if (!tickets.isValid()) {
        *error = c.lastError();
        return std::nullopt;
    }
    const auto nameIn = [](const std::unordered_map<std::int64_t, QString> &names, std::int64_t id) {
        const auto found = names.find(id);
        return found == names.end() ? QString() : found->second;
    };
    sqlite::Statement::StepResult step;
    while ((step = tickets.step()) == sqlite::Statement::StepResult::Row) {
        const QString id = tickets.columnText(0);
        if (ticketIndex.contains(id))
            continue;
        LinkedTicket ticket;
        if (!tickets.columnIsNull(1))
            ticket.solvedAt = tickets.columnInt(1);
        if (!tickets.columnIsNull(2))
            ticket.agent = agentOf(tickets.columnInt(2));
        ticket.channel = nameIn(channels, tickets.columnInt(3));
        ticket.team = nameIn(teams, tickets.columnInt(4));
        ticket.priority = tickets.columnText(5);
        ticket.tags = tickets.columnText(6).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        ticketIndex.insert(id, std::int32_t(data.tickets.size()));
        data.tickets.push_back(std::move(ticket));
    }
    if (step == sqlite::Statement::StepResult::Error) {
        *error = c.lastError();
        return std::nullopt;
    }

    sqlite::Statement responses = c.prepare(
        "SELECT responded_at, survey_type, score, scale_min, scale_max, ticket_external_id, agent_id "
        "FROM survey_responses ORDER BY id");
    if (!responses.isValid()) {
        *error = c.lastError();
        return std::nullopt;
    }
    while ((step = responses.step()) == sqlite::Statement::StepResult::Row) {
        SurveyResponse r;
        if (!responses.columnIsNull(0))
            r.respondedAt = responses.columnInt(0);
        const std::string_view type = responses.columnUtf8(1);
        r.type = type == "nps" ? SurveyType::Nps : type == "ces" ? SurveyType::Ces : SurveyType::Csat;
        if (!responses.columnIsNull(2))
            r.score = responses.columnDouble(2);
        r.scale = SurveyScale{std::int8_t(responses.columnInt(3)), std::int8_t(responses.columnInt(4))};
        if (!responses.columnIsNull(5))
            r.ticket = ticketIndex.value(responses.columnText(5), -1);
        if (!responses.columnIsNull(6))
            r.agent = agentOf(responses.columnInt(6));
        if (r.agent < 0 && r.ticket >= 0)
            r.agent = data.tickets[std::size_t(r.ticket)].agent;

        std::int64_t placed = r.respondedAt;
        if (placed == noTime && r.ticket >= 0)
            placed = data.tickets[std::size_t(r.ticket)].solvedAt;
        data.placedAt.push_back(placed);
        data.fields.csat |= r.type == SurveyType::Csat;
        data.fields.nps |= r.type == SurveyType::Nps;
        data.fields.ces |= r.type == SurveyType::Ces;
        data.fields.agent |= r.agent >= 0;
        data.responses.push_back(r);
    }
    if (step == sqlite::Statement::StepResult::Error) {
        *error = c.lastError();
        return std::nullopt;
    }
    return data;
}

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

using SurveyMetricFunction = MetricValue (*)(SurveyCohort, const SurveyFields &);

// The survey ids, each to its function; csa_pct needs the group's agent and is handled apart.
const std::map<std::string_view, SurveyMetricFunction> &metricFunctions()
{
    static const std::map<std::string_view, SurveyMetricFunction> functions = {
        {"csat_pct", &surveys::csat_pct},     {"csat_responses", &surveys::csat_responses},
        {"csat_mean", &surveys::csat_mean},   {"nps", &surveys::nps},
        {"nps_responses", &surveys::nps_responses}, {"ces_mean", &surveys::ces_mean},
        {"ces_easy_pct", &surveys::ces_easy_pct},
    };
    return functions;
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
        const auto function = metricFunctions().find(definition.id);
        if (function != metricFunctions().end())
            values.emplace_back(&definition, function->second(span, fields));
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
    const std::optional<SurveyData> data = load(db, error);
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
