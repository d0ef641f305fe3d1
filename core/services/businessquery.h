#pragma once

// The customer, cost and QA metrics (businessmetrics.h) for one metrics request: retention_pct,
// churn_pct and clv from the accounts table; cost_per_ticket, cost_per_interaction and
// contact_rate_pct from period_costs with the tickets (and answered calls) of the period;
// qa_score_mean from qa_reviews.
//
// Periods follow metricsquery.cpp: whole days in request.zone, both ends inclusive; compare is
// the previous period of the same length. An open end takes the data's: the first and last day
// with tickets, costs (whole months) or QA reviews, or, with none of those, of the customers'
// start and end dates.
//
// What a filter or a grouping does to these figures (documented in the README too):
//   - ticket counts come from the ticket query itself, so cost_per_ticket × tickets_solved is the
//     period's cost exactly, under the same filter;
//   - --channel: costs are that channel's, from the cost data's breakdown (no value without one),
//     and calls answered count only when Phone is among the channels;
//   - --agent, --team, --priority, --tag: cost and orders are not per agent, team, priority or
//     tag, so the cost ids and contact_rate_pct have no value; customers belong to no channel or
//     agent, so retention_pct, churn_pct and clv have no value under any filter. qa_score_mean
//     follows --agent and has no value under the other filters (a review has no channel here);
//   - --by day/week/month: every id per bucket; --by agent: qa_score_mean per reviewed agent;
//     other groupings: no business id in their groups.

#include "metrics/kindmetrics.h"

#include <QString>
#include <QStringList>

namespace sl {

class Database;
struct TicketSnapshot;

KindMetricsResult runBusinessMetrics(Database &db, const MetricsRequest &request, QString *error);

// The same over tickets already loaded (the CLI has them; null: loaded here when a figure needs
// them). `notes`, when given, receives why a figure has no value where the value alone cannot say.
KindMetricsResult runBusinessMetrics(Database &db, const MetricsRequest &request, const TicketSnapshot *tickets,
    QString *error, QStringList *notes = nullptr);

} // namespace sl
