#pragma once

// The whole answer of `metrics`: the ticket figures of a request plus those of the other kinds
// (calls, surveys, customers, costs, QA; kindmetrics.h) merged into one list. The `metrics`
// command and the PDF report both ask through here, so a figure in the report is the figure the
// command prints, and the merge rule lives in one place.

#include "metrics/kindmetrics.h"
#include "metrics/metricsquery.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <string_view>
#include <vector>

namespace sl {

class Database;


// The figures of the kinds besides tickets. An id a kind shares with tickets (aht_min, fcr_pct,
// csat_*) keeps the tickets' value where they give one and takes the kind's where they do not;
// ids the tickets do not have come after the ticket ids; groups the ticket query does not list
// (a reviewed agent without tickets, a month with costs but no ticket) come after its groups.
class KindAnswers
{
public:
    void add(KindMetricsResult result);

    // The kinds' values for the period (no key, not previous), the previous period, or a group.
    std::vector<const KindMetricValues *> scope(bool previous, const QString *groupKey = nullptr) const;
    // The first kind's value of `id` in a scope that has one.
    static const MetricValue *find(const std::vector<const KindMetricValues *> &scope, std::string_view id);
    // The ids no ticket metric has (nor csa_pct, which agent groups carry already), once each.
    std::vector<const MetricDefinition *> extraDefinitions() const;
    // Group keys the ticket query does not list, in the kinds' order.
    QStringList extraGroupKeys(const std::vector<MetricsGroup> &ticketGroups) const;

private:
    std::vector<KindMetricsResult> m_results;
};

struct MetricsAnswer
{
    MetricsResult tickets;
    KindAnswers kinds;
    QStringList notes; // for the user, not errors (a kind's data that could not be placed, say)
};

// Runs the ticket query on `snapshot` and every other kind's query on `db`. Surveys before
// calls: a survey tool's CSAT is the survey figure; a call log's own ratings stand in only where
// no survey gives one (KindAnswers keeps the first value of an id). On a database error returns
// nullopt and sets *error.
std::optional<MetricsAnswer> answerMetrics(Database &db, const TicketSnapshot &snapshot, const MetricsRequest &request,
                                           QString *error);

// One line of `metrics --format table`: every ticket metric, then the kinds' extra ids.
struct MetricsTableRow
{
    const MetricDefinition *definition = nullptr;
    std::optional<double> value;
    std::optional<double> previous; // with compare
};
std::vector<MetricsTableRow> metricsTableRows(const MetricsAnswer &answer);

// The change column of `metrics --format table`: "+12", "-1.5", "+2.0 pp", "—" without both values.
QString formatMetricChange(const MetricDefinition &definition, const std::optional<double> &value,
                           const std::optional<double> &previous);

} // namespace sl
