#pragma once

// The metrics of a kind other than tickets (calls, surveys, customers and costs, QA) for one
// metrics request: the same period, time zone, filters, grouping and comparison as the ticket
// query (metricsquery.h). Each kind's query (callquery.h, surveyquery.h, ...) reads its table
// from the database and returns its ids; the `metrics` command merges them into one answer.
//
// Ids a kind shares with tickets (aht_min, fcr_pct, csat_pct, csat_responses, csat_mean) are
// returned too: the command keeps the tickets' value where the tickets give one and the kind's
// where they do not (documented in the README).

#include "domain/metricdefinitions.h"
#include "metrics/metricsquery.h"
#include "metrics/ticketmetrics.h"

#include <QString>

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace sl {

class Database;

// Metric id -> value, in the order of the kind's definitions table.
using KindMetricValues = std::vector<std::pair<const MetricDefinition *, MetricValue>>;

struct KindMetricsResult
{
    bool hasData = false; // the kind's table has rows at all; false: nothing to add
    KindMetricValues metrics;
    std::optional<KindMetricValues> previous;                // with request.compare
    std::vector<std::pair<QString, KindMetricValues>> groups; // keys as the ticket query spells them
};

} // namespace sl
