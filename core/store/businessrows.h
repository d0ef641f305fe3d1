#pragma once

// Customers, support costs, QA reviews and the few facts of tickets and calls the business
// figures need (the days with activity, answered calls), loaded once per request.

#include "domain/businessfacts.h"

#include <QDate>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <cstdint>
#include <optional>
#include <vector>

namespace sl {

class Database;

struct Review
{
    QDate day;
    QString agent; // empty: no reviewee
    business::QaReview facts;
};

// Everything the business figures read, loaded once per request.
struct BusinessRows
{
    std::vector<business::CustomerFacts> customers;
    business::CustomerFields customerFields;
    bool datedCustomers = false; // some customer has a start or an end date
    std::vector<business::CostPeriod> costs;
    QStringList costChannels; // ChannelCost::channel indexes this
    std::vector<Review> reviews;
    bool hasCalls = false;
    std::vector<std::int64_t> answeredCalls; // UTC start of each answered call, sorted
    double grossMargin = 1.0;
    // The days with activity: tickets, cost months, reviews; else the customers' dates.
    QDate first, last;

    bool hasAccounts = false, hasCosts = false, hasReviews = false;
    // Accounts, costs or reviews: without any of them nothing else is loaded.
    bool any() const { return hasAccounts || hasCosts || hasReviews; }

    void extend(const QDate &day)
    {
        if (!day.isValid())
            return;
        first = first.isValid() ? std::min(first, day) : day;
        last = last.isValid() ? std::max(last, day) : day;
    }
};

// Days are read in `zone`. nullopt with the database's message in *error.
std::optional<BusinessRows> loadBusinessRows(Database &db, const QTimeZone &zone, QString *error);

} // namespace sl
