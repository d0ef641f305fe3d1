#include "store/targetstore.h"

#include <QObject>

#include <cmath>

namespace sl {

std::optional<Targets> loadTargets(Database &database, QString *error)
{
    sqlite::Statement query = database.connection().prepare("SELECT metric_id, value FROM targets ORDER BY metric_id");
    if (!query.isValid()) {
        *error = QObject::tr("%1: cannot read the targets: %2").arg(database.path(), database.connection().lastError());
        return std::nullopt;
    }
    Targets targets;
    for (;;) {
        const sqlite::Statement::StepResult step = query.step();
        if (step == sqlite::Statement::StepResult::Done)
            break;
        if (step == sqlite::Statement::StepResult::Error) {
            *error = QObject::tr("%1: cannot read the targets: %2").arg(database.path(), query.lastError());
            return std::nullopt;
        }
        // A row for a metric this version does not know (a newer version wrote it) is kept in
        // the file but not shown: it has no direction to judge by here.
        const std::string id(query.columnUtf8(0));
        const MetricDefinition *metric = findMetric(id);
        if (metric && canHaveTarget(*metric) && !query.columnIsNull(1))
            targets.set(id, query.columnDouble(1));
    }
    return targets;
}

bool saveTargets(Database &database, const Targets &targets, QString *error)
{
    for (const auto &[id, value] : targets.values()) {
        const MetricDefinition *metric = findMetric(id);
        if (!metric || !canHaveTarget(*metric)) {
            *error = QObject::tr("%1 is not a metric a target can be set for").arg(QString::fromStdString(id));
            return false;
        }
        if (!std::isfinite(value)) {
            *error = QObject::tr("The target for %1 is not a number").arg(QString::fromStdString(id));
            return false;
        }
    }
    sqlite::Connection &connection = database.connection();
    sqlite::Transaction transaction(connection);
    const auto failed = [&](const QString &why) {
        *error = QObject::tr("%1: cannot save the targets: %2").arg(database.path(), why);
        return false;
    };
    if (!transaction.isActive())
        return failed(connection.lastError());
    // Only the ids this version knows are replaced; rows of unknown ids stay (see loadTargets).
    sqlite::Statement remove = connection.prepare("DELETE FROM targets WHERE metric_id = ?1");
    sqlite::Statement insert = connection.prepare("INSERT INTO targets (metric_id, value) VALUES (?1, ?2)");
    if (!remove.isValid() || !insert.isValid())
        return failed(connection.lastError());
    for (const auto *definitions : { &ticketMetricDefinitions(), &callMetricDefinitions(), &surveyMetricDefinitions(),
             &businessMetricDefinitions() }) {
        for (const MetricDefinition &metric : *definitions) {
            remove.bindText(1, metric.id);
            if (!remove.run())
                return failed(remove.lastError());
        }
    }
    for (const auto &[id, value] : targets.values()) {
        insert.bindText(1, std::string_view(id));
        insert.bindDouble(2, value);
        if (!insert.run())
            return failed(insert.lastError());
    }
    if (!transaction.commit())
        return failed(connection.lastError());
    return true;
}

} // namespace sl
