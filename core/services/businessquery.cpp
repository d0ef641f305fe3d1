#include "services/businessquery.h"

#include "metrics/periodbuckets.h"

#include "metrics/businessmetrics.h"
#include "metrics/metricsquery.h"
#include "domain/ticketsnapshot.h"
#include "store/database.h"
#include "store/snapshotstore.h"
#include "store/sqlite.h"

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

QDate dayIn(std::int64_t utc, const QTimeZone &zone)
{
    return QDateTime::fromSecsSinceEpoch(utc, zone).date();
}

std::optional<double> optionalDouble(const sqlite::Statement &row, int column)
{
    return row.columnIsNull(column) ? std::nullopt : std::optional<double>(row.columnDouble(column));
}

std::optional<std::int64_t> optionalInt(const sqlite::Statement &row, int column)
{
    return row.columnIsNull(column) ? std::nullopt : std::optional<std::int64_t>(row.columnInt(column));
}

// Runs `sql` (constant text, no parameters) and hands each row to `onRow`; false with *error set
// when SQLite refuses.
template<typename OnRow>
bool forEachRow(sqlite::Connection &connection, std::string_view sql, OnRow onRow, QString *error)
{
    sqlite::Statement statement = connection.prepare(sql);
    if (!statement.isValid()) {
        *error = connection.lastError();
        return false;
    }
    for (;;) {
        switch (statement.step()) {
        case sqlite::Statement::StepResult::Row:
            onRow(statement);
            break;
        case sqlite::Statement::StepResult::Done:
            return true;
        case sqlite::Statement::StepResult::Error:
            *error = connection.lastError();
            return false;
        }
    }
}

struct Review
{
    QDate day;
    QString agent; // empty: no reviewee
    business::QaReview facts;
};

// Everything the business figures read, loaded once per request.
struct BusinessData
{
    std::vector<CustomerFacts> customers;
    business::CustomerFields customerFields;
    bool datedCustomers = false; // some customer has a start or an end date
    std::vector<CostPeriod> costs;
    QStringList costChannels; // ChannelCost::channel indexes this
    std::vector<Review> reviews;
    bool hasCalls = false;
    std::vector<std::int64_t> answeredCalls; // UTC start of each answered call, sorted
    double grossMargin = 1.0;
    // The days with activity: tickets, cost months, reviews; else the customers' dates.
    QDate first, last;

    void extend(const QDate &day)
    {
        if (!day.isValid())
            return;
        first = first.isValid() ? std::min(first, day) : day;
        last = last.isValid() ? std::max(last, day) : day;
    }
};

bool loadCustomers(sqlite::Connection &connection, BusinessData &d, QString *error)
{
    return forEachRow(
        connection, "SELECT started_on, ended_on, churned, monthly_revenue, total_revenue FROM accounts",
        [&](const sqlite::Statement &row) {
            CustomerFacts c;
            c.startedOn = QDate::fromString(row.columnText(0), Qt::ISODate);
            c.endedOn = QDate::fromString(row.columnText(1), Qt::ISODate);
            c.churnedWithoutDate = !c.endedOn.isValid() && optionalInt(row, 2).value_or(0) == 1;
            c.monthlyRevenue = optionalDouble(row, 3).value_or(CustomerFacts::none);
            c.totalRevenue = optionalDouble(row, 4).value_or(CustomerFacts::none);
            d.customerFields.endDate = d.customerFields.endDate || c.endedOn.isValid();
            d.customerFields.monthlyRevenue = d.customerFields.monthlyRevenue || !std::isnan(c.monthlyRevenue);
            d.datedCustomers = d.datedCustomers || c.startedOn.isValid() || c.endedOn.isValid();
            d.customers.push_back(c);
        },
        error);
}

// Rows of period_costs -> one CostPeriod per source and month. A month's whole cost is its ''
// row's, else the sum of its channel rows; its orders the '' row's, else the largest a channel
// row repeats (orders belong to the month, not to a support channel, so they never add up).
bool loadCosts(sqlite::Connection &connection, BusinessData &d, QString *error)
{
    struct Month
    {
        std::optional<double> total;
        std::optional<std::int64_t> orders, channelOrders;
        double channelSum = 0;
        bool anyChannelCost = false;
        std::vector<business::ChannelCost> byChannel;
    };
    std::map<std::pair<QString, QString>, Month> months;
    QHash<QString, std::int16_t> channelIndex; // lower-case name -> index
    const bool ok = forEachRow(
        connection, "SELECT source, month, channel, support_cost, orders FROM period_costs",
        [&](const sqlite::Statement &row) {
            Month &month = months[{ row.columnText(0), row.columnText(1) }];
            const QString channel = row.columnText(2);
            const std::optional<double> cost = optionalDouble(row, 3);
            const std::optional<std::int64_t> orders = optionalInt(row, 4);
            if (channel.isEmpty()) {
                month.total = cost;
                month.orders = orders;
                return;
            }
            if (orders)
                month.channelOrders = std::max(month.channelOrders.value_or(0), *orders);
            if (!cost)
                return;
            const QString key = channel.toLower();
            auto index = channelIndex.constFind(key);
            if (index == channelIndex.constEnd()) {
                index = channelIndex.insert(key, std::int16_t(d.costChannels.size()));
                d.costChannels.append(channel);
            }
            month.byChannel.push_back({ *index, *cost });
            month.channelSum += *cost;
            month.anyChannelCost = true;
        },
        error);
    if (!ok)
        return false;
    for (auto &[key, month] : months) {
        CostPeriod period;
        period.month = QDate::fromString(key.second + QStringLiteral("-01"), Qt::ISODate);
        if (!period.month.isValid())
            continue;
        period.cost = month.total ? *month.total : month.anyChannelCost ? month.channelSum : CostPeriod::none;
        period.byChannel = std::move(month.byChannel);
        period.orders = month.orders ? *month.orders : month.channelOrders.value_or(-1);
        d.extend(period.month);
        d.extend(QDate(period.month.year(), period.month.month(), period.month.daysInMonth()));
        d.costs.push_back(std::move(period));
    }
    return true;
}

bool loadReviews(sqlite::Connection &connection, const QTimeZone &zone, BusinessData &d, QString *error)
{
    return forEachRow(
        connection,
        "SELECT r.reviewed_at, a.name, r.score, r.max_score FROM qa_reviews r LEFT JOIN agents a ON a.id = r.agent_id",
        [&](const sqlite::Statement &row) {
            Review review;
            if (const std::optional<std::int64_t> at = optionalInt(row, 0))
                review.day = dayIn(*at, zone);
            review.agent = row.columnText(1);
            review.facts.reviewedOn = review.day;
            review.facts.score = optionalDouble(row, 2).value_or(business::QaReview::none);
            review.facts.maxPoints = optionalDouble(row, 3).value_or(business::QaReview::none);
            d.extend(review.day);
            d.reviews.push_back(std::move(review));
        },
        error);
}

bool loadTicketExtent(sqlite::Connection &connection, const QTimeZone &zone, BusinessData &d, QString *error)
{
    // As the ticket query's open period: first creation to the last creation or solve.
    return forEachRow(
        connection, "SELECT min(created_at), max(created_at), min(solved_at), max(solved_at) FROM tickets",
        [&](const sqlite::Statement &row) {
            for (int column = 0; column < 4; ++column) {
                if (const std::optional<std::int64_t> at = optionalInt(row, column))
                    d.extend(dayIn(*at, zone));
            }
        },
        error);
}

bool exists(sqlite::Connection &connection, std::string_view sql)
{
    return connection.queryInt(sql).value_or(0) != 0;
}

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

Scope scopeOf(const MetricsFilter &filter, const BusinessData &d)
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
    Calculator(const BusinessData &data, const Scope &scope, const QTimeZone &zone)
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

    MetricValue value(std::string_view id, const DayPeriod &p, const TicketCounts &tickets) const
    {
        if (id == "retention_pct")
            return s.customers ? business::retention_pct(d.customers, p, d.customerFields) : MetricValue {};
        if (id == "churn_pct")
            return s.customers ? business::churn_pct(d.customers, p, d.customerFields) : MetricValue {};
        if (id == "clv")
            return s.customers ? business::clv(d.customers, p, d.customerFields, d.grossMargin) : MetricValue {};
        if (id == "cost_per_ticket")
            return s.costs ? business::cost_per_ticket(cost(p), tickets.solved) : MetricValue {};
        if (id == "cost_per_interaction")
            return s.costs
                ? business::cost_per_interaction(cost(p), { tickets.created, callsAnswered(p), std::nullopt })
                : MetricValue {};
        if (id == "contact_rate_pct") {
            if (!s.costs)
                return {};
            const std::optional<long long> active = d.datedCustomers
                ? std::optional<long long>(business::countCustomers(d.customers, p).activeDuring)
                : std::nullopt;
            return business::contact_rate_pct(tickets.created, business::ordersIn(d.costs, p), active);
        }
        if (id == "qa_score_mean")
            return s.qa ? business::qa_score_mean(m_reviews, p) : MetricValue {};
        return {};
    }

    KindMetricValues values(const DayPeriod &p, const TicketCounts &tickets) const
    {
        KindMetricValues result;
        for (const MetricDefinition &definition : businessMetricDefinitions())
            result.emplace_back(&definition, p.isValid() ? value(definition.id, p, tickets) : MetricValue {});
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
    const BusinessData &d;
    const Scope &s;
    QTimeZone m_zone;
    std::vector<business::QaReview> m_reviews; // those the agent filter passes
};

double grossMargin(sqlite::Connection &connection)
{
    // A setting in percent, default 100 (spec: "gross margin (setting, default 100%)").
    double margin = 1.0;
    QString ignored;
    forEachRow(
        connection, "SELECT value FROM settings WHERE key = 'gross_margin_pct'",
        [&](const sqlite::Statement &row) {
            bool ok = false;
            const double pct = row.columnText(0).toDouble(&ok);
            if (ok && std::isfinite(pct) && pct > 0 && pct <= 100)
                margin = pct / 100.0;
        },
        &ignored);
    return margin;
}

} // namespace

KindMetricsResult runBusinessMetrics(Database &db, const MetricsRequest &request, QString *error)
{
    return runBusinessMetrics(db, request, nullptr, error);
}

KindMetricsResult runBusinessMetrics(
    Database &db, const MetricsRequest &request, const TicketSnapshot *tickets, QString *error, QStringList *notes)
{
    KindMetricsResult result;
    sqlite::Connection &connection = db.connection();
    const bool hasAccounts = exists(connection, "SELECT EXISTS (SELECT 1 FROM accounts)");
    const bool hasCosts = exists(connection, "SELECT EXISTS (SELECT 1 FROM period_costs)");
    const bool hasReviews = exists(connection, "SELECT EXISTS (SELECT 1 FROM qa_reviews)");
    if (!hasAccounts && !hasCosts && !hasReviews)
        return result;

    BusinessData d;
    d.grossMargin = grossMargin(connection);
    d.hasCalls = exists(connection, "SELECT EXISTS (SELECT 1 FROM calls)");
    const bool ok = loadTicketExtent(connection, request.zone, d, error) && loadCosts(connection, d, error)
        && loadReviews(connection, request.zone, d, error) && loadCustomers(connection, d, error)
        && (!d.hasCalls
            || forEachRow(
                connection,
                "SELECT started_at FROM calls WHERE answered = 1 AND started_at IS NOT NULL ORDER BY started_at",
                [&](const sqlite::Statement &row) { d.answeredCalls.push_back(row.columnInt(0)); }, error));
    if (!ok)
        return {};
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
