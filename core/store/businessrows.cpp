#include "store/businessrows.h"

#include "store/database.h"
#include "store/sqlite.h"

#include <QDateTime>
#include <QHash>

#include <algorithm>
#include <cmath>
#include <map>

namespace sl {

namespace {

using business::CostPeriod;
using business::CustomerFacts;

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

bool loadCustomers(sqlite::Connection &connection, BusinessRows &d, QString *error)
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
bool loadCosts(sqlite::Connection &connection, BusinessRows &d, QString *error)
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

bool loadReviews(sqlite::Connection &connection, const QTimeZone &zone, BusinessRows &d, QString *error)
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

bool loadTicketExtent(sqlite::Connection &connection, const QTimeZone &zone, BusinessRows &d, QString *error)
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

std::optional<BusinessRows> loadBusinessRows(Database &db, const QTimeZone &zone, QString *error)
{
    sqlite::Connection &connection = db.connection();
    BusinessRows d;
    d.hasAccounts = exists(connection, "SELECT EXISTS (SELECT 1 FROM accounts)");
    d.hasCosts = exists(connection, "SELECT EXISTS (SELECT 1 FROM period_costs)");
    d.hasReviews = exists(connection, "SELECT EXISTS (SELECT 1 FROM qa_reviews)");
    if (!d.any())
        return d;
    d.grossMargin = grossMargin(connection);
    d.hasCalls = exists(connection, "SELECT EXISTS (SELECT 1 FROM calls)");
    const bool ok = loadTicketExtent(connection, zone, d, error) && loadCosts(connection, d, error)
        && loadReviews(connection, zone, d, error) && loadCustomers(connection, d, error)
        && (!d.hasCalls
            || forEachRow(
                connection,
                "SELECT started_at FROM calls WHERE answered = 1 AND started_at IS NOT NULL ORDER BY started_at",
                [&](const sqlite::Statement &row) { d.answeredCalls.push_back(row.columnInt(0)); }, error));
    if (!ok)
        return std::nullopt;
    return d;
}

} // namespace sl
