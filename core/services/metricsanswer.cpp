#include "services/metricsanswer.h"

#include "services/businessquery.h"
#include "services/callquery.h"
#include "services/surveyquery.h"
#include "domain/ticketsnapshot.h"
#include "store/database.h"

#include <QLocale>
#include <QObject>

#include <algorithm>
#include <cmath>

namespace sl {

void KindAnswers::add(KindMetricsResult result)
{
    if (result.hasData)
        m_results.push_back(std::move(result));
}

std::vector<const KindMetricValues *> KindAnswers::scope(bool previous, const QString *groupKey) const
{
    std::vector<const KindMetricValues *> lists;
    for (const KindMetricsResult &result : m_results) {
        if (groupKey) {
            for (const auto &[key, values] : result.groups) {
                if (key == *groupKey)
                    lists.push_back(&values);
            }
        } else if (!previous) {
            lists.push_back(&result.metrics);
        } else if (result.previous) {
            lists.push_back(&*result.previous);
        }
    }
    return lists;
}

const MetricValue *KindAnswers::find(const std::vector<const KindMetricValues *> &scope, std::string_view id)
{
    for (const KindMetricValues *values : scope) {
        for (const auto &[definition, value] : *values) {
            if (definition->id == id && value.value)
                return &value;
        }
    }
    return nullptr;
}

std::vector<const MetricDefinition *> KindAnswers::extraDefinitions() const
{
    std::vector<const MetricDefinition *> extra;
    const auto listed = [&](std::string_view id) {
        return findMetricIn(ticketMetricDefinitions(), id) || id == "csa_pct"
               || std::any_of(extra.begin(), extra.end(), [&](const MetricDefinition *d) { return d->id == id; });
    };
    for (const KindMetricsResult &result : m_results) {
        const auto collect = [&](const KindMetricValues &values) {
            for (const auto &[definition, value] : values) {
                if (!listed(definition->id))
                    extra.push_back(definition);
            }
        };
        collect(result.metrics);
        for (const auto &[key, values] : result.groups)
            collect(values);
    }
    return extra;
}

QStringList KindAnswers::extraGroupKeys(const std::vector<MetricsGroup> &ticketGroups) const
{
    QStringList keys;
    for (const KindMetricsResult &result : m_results) {
        for (const auto &[key, values] : result.groups) {
            const bool ticketKey = std::any_of(ticketGroups.begin(), ticketGroups.end(),
                                               [&](const MetricsGroup &g) { return g.key == key; });
            if (!ticketKey && !keys.contains(key))
                keys.append(key);
        }
    }
    return keys;
}

std::optional<MetricsAnswer> answerMetrics(Database &db, const TicketSnapshot &snapshot, const MetricsRequest &request,
                                           QString *error)
{
    MetricsAnswer answer;
    answer.tickets = runMetrics(snapshot, request);
    QString failure;
    answer.kinds.add(runSurveyMetrics(db, request, &failure));
    if (failure.isEmpty())
        answer.kinds.add(runCallMetrics(db, request, &failure));
    if (failure.isEmpty())
        answer.kinds.add(runBusinessMetrics(db, request, &snapshot, &failure, &answer.notes));
    if (!failure.isEmpty()) {
        *error = failure;
        return std::nullopt;
    }
    return answer;
}

std::vector<MetricsTableRow> metricsTableRows(const MetricsAnswer &answer)
{
    const std::vector<MetricDefinition> &definitions = ticketMetricDefinitions();
    const MetricsResult &result = answer.tickets;
    // The tickets' value where they give one, else a kind's (see KindAnswers).
    const auto valueOf = [&](const MetricDefinition &d, const std::vector<MetricValue> *values, std::size_t i,
                             bool previous) -> std::optional<double> {
        if (values && i < values->size() && (*values)[i].value)
            return (*values)[i].value;
        const MetricValue *kindValue = KindAnswers::find(answer.kinds.scope(previous), d.id);
        return kindValue ? kindValue->value : std::nullopt;
    };
    std::vector<MetricsTableRow> rows;
    const auto add = [&](const MetricDefinition &d, std::size_t i) {
        MetricsTableRow row;
        row.definition = &d;
        row.value = valueOf(d, &result.metrics, i, false);
        if (result.previous)
            row.previous = valueOf(d, &*result.previous, i, true);
        rows.push_back(row);
    };
    for (std::size_t i = 0; i < definitions.size(); ++i)
        add(definitions[i], i);
    for (const MetricDefinition *d : answer.kinds.extraDefinitions())
        add(*d, std::size_t(-1));
    return rows;
}

QString formatMetricChange(const MetricDefinition &definition, const std::optional<double> &value,
                           const std::optional<double> &previous)
{
    if (!value || !previous)
        return QStringLiteral("—");
    const double delta = *value - *previous;
    return (delta >= 0 ? QStringLiteral("+") : QString())
           + (definition.unit == MetricUnit::Count ? QLocale().toString(qlonglong(std::llround(delta)))
                                                   : QLocale().toString(delta, 'f', 1))
           + (definition.unit == MetricUnit::Percent ? QObject::tr(" pp") : QString());
}

} // namespace sl
