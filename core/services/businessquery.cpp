#include "services/businessquery.h"

#include "metrics/periodbuckets.h"

#include "metrics/businessmetrics.h"
#include "metrics/metricsquery.h"
#include "domain/ticketsnapshot.h"
#include "store/database.h"
#include "store/snapshotstore.h"
#include "store/businessrows.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <algorithm>
#include <cmath>
#include <map>

namespace sl {

namespace {

using business::CostPeriod;
using business::CustomerFacts;
using business::DayPeriod;

const QString noneKey = noneGroupKey();

// What the request's filter leaves of each family of figures (see the header).
struct Scope
{
    bool customers = true;
    bool costs = true;
    bool qa = true;
    bool calls = true; // answered calls count as interactions
    std::vector<std::int16_t> costChannels; // empty: the whole cost
    bool costChannelMissing = false; // a filtered channel the cost data does not break out
    QStringList agents; // QA reviews of these agents only; empty: all
};

Scope scopeOf(const MetricsFilter &filter, const BusinessRows &d)
{
    Scope scope;
    scope.customers = filter.isEmpty();
    const bool notCostAttributes
        = !filter.agents.isEmpty() || !filter.teams.isEmpty() || !filter.priorities.isEmpty() || !filter.tags.isEmpty();
    scope.costs = !notCostAttributes;
    scope.qa
        = filter.channels.isEmpty() && filter.teams.isEmpty() && filter.priorities.isEmpty() && filter.tags.isEmpty();
    scope.agents = filter.agents;
    if (!filter.channels.isEmpty()) {
        scope.calls = filter.channels.contains(QStringLiteral("Phone"), Qt::CaseInsensitive);
        for (const QString &channel : filter.channels) {
            const qsizetype index = [&] {
                for (qsizetype i = 0; i < d.costChannels.size(); ++i) {
                    if (d.costChannels[i].compare(channel, Qt::CaseInsensitive) == 0)
                        return i;
                }
                return qsizetype(-1);
            }();
            if (index < 0)
                scope.costChannelMissing = true;
            else
                scope.costChannels.push_back(std::int16_t(index));
        }
    }
    return scope;
}

struct TicketCounts
{
    std::optional<long long> created;
    std::optional<long long> solved;
};

// The ticket counts the cost figures divide by, from the ticket query itself.
struct TicketFigures
{
    TicketCounts period;
    TicketCounts previous;
    QHash<QString, TicketCounts> buckets;
    TicketCounts otherBucket; // a bucket the ticket query does not list (outside the tickets' days)
};

TicketFigures ticketFigures(const TicketSnapshot &snapshot, const MetricsRequest &request)
{
    TicketFigures figures;
    if (snapshot.size() == 0)
        return figures; // no tickets imported: no count, rather than a count of 0
    const std::vector<MetricDefinition> &definitions = ticketMetricDefinitions();
    const auto createdIndex = std::size_t(findMetricIn(definitions, "tickets_created") - definitions.data());
    const auto solvedIndex = std::size_t(findMetricIn(definitions, "tickets_solved") - definitions.data());
    const auto counts = [&](const std::vector<MetricValue> &values) {
        const auto whole = [](const std::optional<double> &v) {
            return v ? std::optional<long long>(std::llround(*v)) : std::nullopt;
        };
        return TicketCounts { whole(values[createdIndex].value), whole(values[solvedIndex].value) };
    };
    MetricsRequest ticketRequest = request;
    const bool byBucket = request.grouping == Grouping::Day || request.grouping == Grouping::Week
        || request.grouping == Grouping::Month;
    ticketRequest.grouping = byBucket ? request.grouping : Grouping::None;
    const MetricsResult result = runMetrics(snapshot, ticketRequest);
    figures.period = counts(result.metrics);
    if (result.previous)
        figures.previous = counts(*result.previous);
    for (const MetricsGroup &group : result.groups)
        figures.buckets.insert(group.key, counts(group.metrics));
    figures.otherBucket = { snapshot.fields.created ? std::optional<long long>(0) : std::nullopt,
        snapshot.fields.solved ? std::optional<long long>(0) : std::nullopt };
    return figures;
}

bool agentPasses(const Review &review, const QStringList &agents)
{
    return agents.isEmpty() || (!review.agent.isEmpty() && agents.contains(review.agent, Qt::CaseInsensitive));
}

class Calculator
{
public:
    Calculator(const BusinessRows &data, const Scope &scope, const QTimeZone &zone)
        : d(data)
        , s(scope)
        , m_zone(zone)
    {
        for (const Review &review : d.reviews) {
            if (agentPasses(review, s.agents))
                m_reviews.push_back(review.facts);
        }
    }

    std::optional<double> cost(const DayPeriod &p) const
    {
        if (s.costChannels.empty() && !s.costChannelMissing)
            return business::supportCostIn(d.costs, p);
        if (s.costChannelMissing)
            return std::nullopt;
        double total = 0;
        for (std::int16_t channel : s.costChannels) {
            const std::optional<double> part = business::supportCostIn(d.costs, p, channel);
            if (!part)
                return std::nullopt;
            total += *part;
        }
        return total;
    }

    std::optional<long long> callsAnswered(const DayPeriod &p) const
    {
        if (!d.hasCalls || !s.calls)
            return std::nullopt;
        const auto from = std::lower_bound(d.answeredCalls.begin(), d.answeredCalls.end(), startOfDay(p.first, m_zone));
        const auto to = std::lower_bound(from, d.answeredCalls.end(), startOfDay(p.last.addDays(1), m_zone));
        return (long long)(to - from);
    }

    // What the business functions read for `p`: each part only where the filter keeps it.
    business::BusinessInputs inputs(const DayPeriod &p, const TicketCounts &tickets) const
    {
        business::BusinessInputs in;
        in.period = p;
        if (s.customers) {
            in.customers = std::span<const CustomerFacts>(d.customers);
            in.customerFields = d.customerFields;
            in.grossMargin = d.grossMargin;
        }
        if (s.costs) {
            in.costs = true;
            in.supportCost = cost(p);
            in.ticketsSolved = tickets.solved;
            in.ticketsCreated = tickets.created;
            in.callsAnswered = callsAnswered(p);
            in.orders = business::ordersIn(d.costs, p);
            if (d.datedCustomers)
                in.activeCustomers = business::countCustomers(d.customers, p).activeDuring;
        }
        if (s.qa)
            in.reviews = std::span<const business::QaReview>(m_reviews);
        return in;
    }

    KindMetricValues values(const DayPeriod &p, const TicketCounts &tickets) const
    {
        KindMetricValues result;
        const bool valid = p.isValid();
        const business::BusinessInputs in = valid ? inputs(p, tickets) : business::BusinessInputs{};
        for (const MetricDefinition &definition : businessMetricDefinitions()) {
            const business::BusinessMetricFunction compute
                = valid ? metricFunctionOf(business::metricFunctions(), definition.id) : nullptr;
            result.emplace_back(&definition, compute ? compute(in) : MetricValue {});
        }
        return result;
    }

    // qa_score_mean per reviewed agent (the reviews dated in the period), by name.
    std::vector<std::pair<QString, KindMetricValues>> agentGroups(const DayPeriod &p) const
    {
        std::vector<std::pair<QString, KindMetricValues>> groups;
        if (!s.qa || !p.isValid())
            return groups;
        std::map<QString, std::vector<business::QaReview>> byAgent;
        for (const Review &review : d.reviews) {
            if (agentPasses(review, s.agents) && review.day.isValid() && review.day >= p.first && review.day <= p.last)
                byAgent[review.agent.isEmpty() ? noneKey : review.agent].push_back(review.facts);
        }
        const MetricDefinition *qa = findMetricIn(businessMetricDefinitions(), "qa_score_mean");
        for (const auto &[agent, reviews] : byAgent)
            groups.push_back({ agent, { { qa, business::qa_score_mean(reviews, p) } } });
        return groups;
    }

private:
    const BusinessRows &d;
    const Scope &s;
    QTimeZone m_zone;
    std::vector<business::QaReview> m_reviews; // those the agent filter passes
};

} // namespace

KindMetricsResult runBusinessMetrics(Database &db, const MetricsRequest &request, QString *error)
{
    return runBusinessMetrics(db, request, nullptr, error);
}

KindMetricsResult runBusinessMetrics(
    Database &db, const MetricsRequest &request, const TicketSnapshot *tickets, QString *error, QStringList *notes)
{
    KindMetricsResult result;
    std::optional<BusinessRows> loaded = loadBusinessRows(db, request.zone, error);
    if (!loaded)
        return {};
    if (!loaded->any())
        return result;
    BusinessRows &d = *loaded;
    const bool hasAccounts = d.hasAccounts, hasCosts = d.hasCosts, hasReviews = d.hasReviews;
    if (!d.first.isValid()) { // no activity at all: the customers' own dates
        for (const CustomerFacts &c : d.customers) {
            d.extend(c.startedOn);
            d.extend(c.endedOn);
        }
    }
    const DayPeriod period { request.from.value_or(d.first), request.to.value_or(d.last) };
    const Scope scope = scopeOf(request.filter, d);

    // Tickets are needed for the cost figures and the contact rate only.
    TicketFigures ticketCounts;
    if ((hasCosts || hasAccounts) && scope.costs) {
        std::optional<TicketSnapshot> loaded;
        if (!tickets) {
            loaded = loadTicketSnapshot(db, error);
            if (!loaded)
                return {};
            tickets = &*loaded;
        }
        ticketCounts = ticketFigures(*tickets, request);
    }

    const Calculator calculator(d, scope, request.zone);
    result.hasData = true;
    result.metrics = calculator.values(period, ticketCounts.period);
    if (request.compare && request.from && request.to) {
        const DatePeriod before = previousPeriod(*request.from, *request.to);
        const DayPeriod previous{before.from, before.to};
        result.previous = calculator.values(previous, ticketCounts.previous);
    }
    switch (request.grouping) {
    case Grouping::Day:
    case Grouping::Week:
    case Grouping::Month:
        if (!period.isValid())
            break;
        for (QDate day = bucketAround(request.grouping, period.first).first; day <= period.last;) {
            const QDate next = bucketAround(request.grouping, day).second;
            const QString key = bucketKey(request.grouping, day);
            const DayPeriod bucket { std::max(day, period.first), std::min(next.addDays(-1), period.last) };
            result.groups.emplace_back(
                key, calculator.values(bucket, ticketCounts.buckets.value(key, ticketCounts.otherBucket)));
            day = next;
        }
        break;
    case Grouping::Agent:
        result.groups = calculator.agentGroups(period);
        break;
    default:
        break; // customers, costs and reviews have no team, channel, priority, tag, hour or weekday here
    }

    if (notes) {
        if (hasAccounts && !d.customerFields.endDate && scope.customers) {
            notes->append(d.datedCustomers
                    ? QObject::tr("retention_pct, churn_pct, clv: no customer has an end date, so there "
                                  "is no churn to count")
                    : QObject::tr("retention_pct, churn_pct, clv: the customers have no start or end dates "
                                  "(churn is a flag, not an event), so no period's churn can be counted"));
        }
        if (hasAccounts && !scope.customers)
            notes->append(
                QObject::tr("retention_pct, churn_pct, clv are about all customers: no value under a filter"));
        if (hasCosts && !scope.costs) {
            notes->append(
                QObject::tr("cost_per_ticket, cost_per_interaction, contact_rate_pct: cost and orders are not "
                            "per agent, team, priority or tag: no value under those filters"));
        } else if (hasCosts && scope.costChannelMissing) {
            notes->append(QObject::tr("cost_per_ticket, cost_per_interaction: the cost data has no cost for a filtered "
                                      "channel"));
        } else if (hasCosts && period.isValid() && !calculator.cost(period)) {
            notes->append(QObject::tr("cost_per_ticket, cost_per_interaction: the cost data does not cover every month "
                                      "of the period"));
        }
        if (hasReviews && !scope.qa)
            notes->append(QObject::tr("qa_score_mean follows --agent only: no value under a channel, team, priority "
                                      "or tag filter"));
    }
    return result;
}

} // namespace sl
