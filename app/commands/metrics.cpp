#include "commands/command.h"
#include "domain/metricdefinitions.h"
#include "metrics/kindmetrics.h"
#include "metrics/metricsquery.h"
#include "services/businessquery.h"
#include "services/callquery.h"
#include "services/csvexport.h"
#include "services/metricsanswer.h"
#include "services/surveyquery.h"
#include "store/database.h"
#include "store/snapshotstore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>

#include <array>
#include <cmath>
#include <cstdio>

namespace sl::cli {

namespace {

// JSON numbers: counts stay integers; measures are rounded to 6 decimals so that binary noise
// (87.50000000000001) never reaches a script.
QJsonValue jsonNumber(const MetricDefinition &definition, const std::optional<double> &value)
{
    if (!value)
        return QJsonValue();
    if (definition.unit == MetricUnit::Count)
        return QJsonValue(qint64(std::llround(*value)));
    return QJsonValue(std::round(*value * 1e6) / 1e6);
}

// csa_pct (satisfaction with one agent) is csat_pct over that agent's ratings: in a ticket
// export a rating belongs to the ticket's assignee, so an agent group's CSAT is its CSA.
const MetricDefinition &csaDefinition()
{
    return *findMetricIn(surveyMetricDefinitions(), "csa_pct");
}

std::size_t csatIndex()
{
    return std::size_t(findMetric("csat_pct") - ticketMetricDefinitions().data());
}

QJsonObject metricsJson(const std::vector<MetricValue> &values, bool agentGroup = false)
{
    QJsonObject json;
    const auto insert = [&](const MetricDefinition &d, const MetricValue &value) {
        const QString id = QString::fromLatin1(d.id.data(), qsizetype(d.id.size()));
        json.insert(id, jsonNumber(d, value.value));
        if (d.proportion) {
            json.insert(id + QStringLiteral("_lo"), jsonNumber(d, value.lo));
            json.insert(id + QStringLiteral("_hi"), jsonNumber(d, value.hi));
        }
    };
    const std::vector<MetricDefinition> &definitions = ticketMetricDefinitions();
    for (std::size_t i = 0; i < definitions.size(); ++i)
        insert(definitions[i], values[i]);
    if (agentGroup)
        insert(csaDefinition(), values[csatIndex()]);
    return json;
}

// Adds the kinds' values of one scope to a ticket scope's JSON (see KindAnswers).
void addKindValues(QJsonObject &json, const std::vector<const KindMetricValues *> &scope)
{
    for (const KindMetricValues *values : scope) {
        for (const auto &[d, value] : *values) {
            const QString id = QString::fromLatin1(d->id.data(), qsizetype(d->id.size()));
            if (json.contains(id) && !json.value(id).isNull())
                continue;
            if (json.contains(id) && !value.value)
                continue;
            json.insert(id, jsonNumber(*d, value.value));
            if (d->proportion) {
                json.insert(id + QStringLiteral("_lo"), jsonNumber(*d, value.lo));
                json.insert(id + QStringLiteral("_hi"), jsonNumber(*d, value.hi));
            }
        }
    }
}

void printMetricsCsv(const MetricsResult &result, bool agentGroups, const KindAnswers &kinds)
{
    // The columns: every ticket metric, and csa_pct when the groups are agents.
    std::vector<std::pair<const MetricDefinition *, std::size_t>> columns;
    const std::vector<MetricDefinition> &definitions = ticketMetricDefinitions();
    for (std::size_t i = 0; i < definitions.size(); ++i)
        columns.emplace_back(&definitions[i], i);
    if (agentGroups)
        columns.emplace_back(&csaDefinition(), csatIndex());
    constexpr std::size_t kindOnly = std::size_t(-1); // a column no ticket metric fills
    for (const MetricDefinition *d : kinds.extraDefinitions())
        columns.emplace_back(d, kindOnly);
    QStringList header { QStringLiteral("scope"), QStringLiteral("key") };
    for (const auto &[d, index] : columns) {
        const QString id = QString::fromLatin1(d->id.data(), qsizetype(d->id.size()));
        header.append(id);
        if (d->proportion)
            header << id + QStringLiteral("_lo") << id + QStringLiteral("_hi");
    }
    out() << header.join(QLatin1Char(',')) << '\n';
    const auto row = [&](const QString &scope, const QString &key, const std::vector<MetricValue> *values,
                         const std::vector<const KindMetricValues *> &kindScope, bool isAgent) {
        // A key is text the data wrote (an agent, a tag): written as the window writes every CSV cell.
        QStringList cells { scope, ui::CsvWriter::field(key) };
        for (const auto &column : columns) {
            // Named, not a structured binding: a lambda below captures it (clang 14 refuses a binding).
            const MetricDefinition *d = column.first;
            const std::size_t index = column.second;
            const bool applies = d->id != "csa_pct" || isAgent;
            const auto cell = [&](const std::optional<double> &v) {
                const QJsonValue number = jsonNumber(*d, applies ? v : std::nullopt);
                return number.isNull() ? QString() : QString::number(number.toDouble(), 'g', 15);
            };
            // The tickets' value where they give one, else a kind's (see KindAnswers).
            MetricValue value;
            if (values && index != kindOnly)
                value = (*values)[index];
            if (!value.value) {
                if (const MetricValue *kindValue = KindAnswers::find(kindScope, d->id))
                    value = *kindValue;
            }
            cells.append(cell(value.value));
            if (d->proportion)
                cells << cell(value.lo) << cell(value.hi);
        }
        out() << cells.join(QLatin1Char(',')) << '\n';
    };
    row(QStringLiteral("period"), QString(), &result.metrics, kinds.scope(false), false);
    if (result.previous)
        row(QStringLiteral("previous"), QString(), &*result.previous, kinds.scope(true), false);
    for (const MetricsGroup &group : result.groups)
        row(QStringLiteral("group"), group.key, &group.metrics, kinds.scope(false, &group.key), agentGroups);
    for (const QString &key : kinds.extraGroupKeys(result.groups))
        row(QStringLiteral("group"), key, nullptr, kinds.scope(false, &key), agentGroups);
    out() << Qt::flush;
}

void printMetricsTable(const MetricsAnswer &answer)
{
    const MetricsResult &result = answer.tickets;
    const KindAnswers &kinds = answer.kinds;
    const std::vector<MetricDefinition> &definitions = ticketMetricDefinitions();
    const std::vector<const MetricDefinition *> extra = kinds.extraDefinitions();
    QTextStream &o = out();
    int nameWidth = 0;
    for (const MetricDefinition &d : definitions)
        nameWidth = std::max(nameWidth, int(QString::fromUtf8(d.name).size()));
    for (const MetricDefinition *d : extra)
        nameWidth = std::max(nameWidth, int(QString::fromUtf8(d->name).size()));
    o << QStringLiteral("%1  %2").arg(QObject::tr("Metric"), -nameWidth).arg(QObject::tr("Value"), 14);
    if (result.previous)
        o << QStringLiteral("  %1  %2").arg(QObject::tr("Previous"), 14).arg(QObject::tr("Change"), 10);
    o << '\n';
    for (const MetricsTableRow &row : metricsTableRows(answer)) {
        const MetricDefinition &d = *row.definition;
        o << QStringLiteral("%1  %2")
                 .arg(QString::fromUtf8(d.name), -nameWidth)
                 .arg(formatMetricValue(d, row.value), 14);
        if (result.previous)
            o << QStringLiteral("  %1  %2")
                     .arg(formatMetricValue(d, row.previous), 14)
                     .arg(formatMetricChange(d, row.value, row.previous), 10);
        o << '\n';
    }
    if (!result.groups.empty()) {
        const std::array<std::string_view, 6> shown = { "tickets_created", "tickets_solved", "frt_median_min",
            "resolution_median_hours", "fcr_pct", "csat_pct" };
        int keyWidth = 5;
        for (const MetricsGroup &group : result.groups)
            keyWidth = std::max(keyWidth, int(group.key.size()));
        o << '\n' << QStringLiteral("%1").arg(QObject::tr("Group"), -keyWidth);
        for (std::string_view id : shown)
            o << QStringLiteral("  %1").arg(QString::fromUtf8(findMetric(id)->name).left(16), 16);
        o << '\n';
        for (const MetricsGroup &group : result.groups) {
            o << QStringLiteral("%1").arg(group.key, -keyWidth);
            for (std::string_view id : shown) {
                const MetricDefinition *d = findMetric(id);
                const std::size_t index = std::size_t(d - definitions.data());
                o << QStringLiteral("  %1").arg(formatMetricValue(*d, group.metrics[index].value), 16);
            }
            o << '\n';
        }
    }
    // The kinds' own group figures (QA by agent, costs by month, ...), all groups of either side.
    if (!extra.empty() && !result.groups.empty()) {
        QStringList keys;
        for (const MetricsGroup &group : result.groups)
            keys.append(group.key);
        keys += kinds.extraGroupKeys(result.groups);
        int keyWidth = 5;
        for (const QString &key : keys)
            keyWidth = std::max(keyWidth, int(key.size()));
        o << '\n' << QStringLiteral("%1").arg(QObject::tr("Group"), -keyWidth);
        for (const MetricDefinition *d : extra)
            o << QStringLiteral("  %1").arg(QString::fromUtf8(d->name).left(16), 16);
        o << '\n';
        for (const QString &key : keys) {
            o << QStringLiteral("%1").arg(key, -keyWidth);
            for (const MetricDefinition *d : extra) {
                const MetricValue *value = KindAnswers::find(kinds.scope(false, &key), d->id);
                o << QStringLiteral("  %1").arg(formatMetricValue(*d, value ? value->value : std::nullopt), 16);
            }
            o << '\n';
        }
    }
    o << Qt::flush;
}

} // namespace

int runMetrics(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Compute the metrics of spec/metrics.md for a period, filter and "
                                                 "grouping. Dates are whole days in the display time zone, both "
                                                 "ends inclusive."));
    const QCommandLineOption dbOption(QStringLiteral("db"), QObject::tr("The database file."), QStringLiteral("FILE"));
    const QCommandLineOption fromOption(
        QStringLiteral("from"), QObject::tr("First day, YYYY-MM-DD."), QStringLiteral("DATE"));
    const QCommandLineOption toOption(
        QStringLiteral("to"), QObject::tr("Last day, YYYY-MM-DD."), QStringLiteral("DATE"));
    const QCommandLineOption byOption(QStringLiteral("by"),
        QObject::tr("Group by day, week, month, agent, team, channel, priority, tag, "
                    "hour or weekday."),
        QStringLiteral("B"));
    const QCommandLineOption compareOption(
        QStringLiteral("compare"), QObject::tr("Also the previous period of the same length."));
    const QCommandLineOption zoneOption(
        QStringLiteral("timezone"), QObject::tr("Display time zone (default: the system's)."), QStringLiteral("TZ"));
    const QCommandLineOption formatOption(
        QStringLiteral("format"), QObject::tr("json, csv or table."), QStringLiteral("FORMAT"), QStringLiteral("json"));
    parser.addOptions({ dbOption, fromOption, toOption, byOption });
    const FilterOptions filterOptions;
    parser.addOptions(filterOptions.all());
    parser.addOptions({ compareOption, zoneOption, formatOption });
    int exitCode = Done;
    if (!parseCommandLine(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.isSet(dbOption))
        return usageError(QObject::tr("metrics needs --db FILE"));
    if (!parser.positionalArguments().isEmpty())
        return usageError(QObject::tr("metrics takes no file arguments"));
    const QString format = parser.value(formatOption);
    if (format != QLatin1String("json") && format != QLatin1String("csv") && format != QLatin1String("table"))
        return usageError(QObject::tr("--format must be json, csv or table, not \"%1\"").arg(format));

    MetricsRequest request;
    for (const auto &[option, date] :
        { std::pair { &fromOption, &request.from }, std::pair { &toOption, &request.to } }) {
        if (!parser.isSet(*option))
            continue;
        const QDate parsed = QDate::fromString(parser.value(*option), Qt::ISODate);
        if (!parsed.isValid())
            return usageError(QObject::tr("--%1 must be a date YYYY-MM-DD, not \"%2\"")
                                  .arg(option->names().constFirst(), parser.value(*option)));
        *date = parsed;
    }
    if (request.from && request.to && *request.from > *request.to)
        return usageError(QObject::tr("--from is after --to"));
    if (parser.isSet(byOption)) {
        const std::optional<Grouping> grouping = groupingFromName(parser.value(byOption));
        if (!grouping)
            return usageError(QObject::tr("--by must be one of day, week, month, agent, team, channel, priority, tag, "
                                          "hour, weekday; not \"%1\"")
                                  .arg(parser.value(byOption)));
        request.grouping = *grouping;
    }
    request.compare = parser.isSet(compareOption);
    if (request.compare && !(request.from && request.to))
        return usageError(QObject::tr("--compare needs --from and --to (the previous period has their length)"));
    const std::optional<QTimeZone> zone = timeZoneOption(parser, zoneOption, &exitCode);
    if (!zone)
        return exitCode;
    request.zone = *zone;
    request.filter = filterOptions.filterOf(parser);

    QString error;
    std::optional<Database> database
        = Database::open(parser.value(dbOption), &error, sqlite::Connection::Mode::ReadWrite);
    if (!database) {
        err() << error << Qt::endl;
        return Failed;
    }
    const std::optional<TicketSnapshot> snapshot = loadTicketSnapshot(*database, &error);
    if (!snapshot) {
        err() << parser.value(dbOption) << ": " << error << Qt::endl;
        return Failed;
    }
    std::optional<MetricsAnswer> answer = answerMetrics(*database, *snapshot, request, &error);
    if (!answer) {
        err() << parser.value(dbOption) << ": " << error << Qt::endl;
        return Failed;
    }
    const MetricsResult &result = answer->tickets;
    const KindAnswers &kinds = answer->kinds;
    for (const QString &note : answer->notes)
        err() << QObject::tr("note: %1").arg(note) << '\n';
    err() << Qt::flush;

    if (format == QLatin1String("csv")) {
        printMetricsCsv(result, request.grouping == Grouping::Agent, kinds);
        return Done;
    }
    if (format == QLatin1String("table")) {
        printMetricsTable(*answer);
        return Done;
    }
    QJsonObject json;
    json.insert(QStringLiteral("from"), request.from ? QJsonValue(request.from->toString(Qt::ISODate)) : QJsonValue());
    json.insert(QStringLiteral("to"), request.to ? QJsonValue(request.to->toString(Qt::ISODate)) : QJsonValue());
    json.insert(QStringLiteral("timezone"), QString::fromUtf8(request.zone.id()));
    QJsonObject filters;
    const std::array<std::pair<const char *, const QStringList *>, 5> filterLists = { {
        { "channel", &request.filter.channels },
        { "agent", &request.filter.agents },
        { "team", &request.filter.teams },
        { "priority", &request.filter.priorities },
        { "tag", &request.filter.tags },
    } };
    for (const auto &[name, values] : filterLists) {
        if (!values->isEmpty())
            filters.insert(QLatin1String(name), QJsonArray::fromStringList(*values));
    }
    json.insert(QStringLiteral("filters"), filters);
    QJsonObject metrics = metricsJson(result.metrics);
    addKindValues(metrics, kinds.scope(false));
    json.insert(QStringLiteral("metrics"), metrics);
    if (result.previous) {
        json.insert(QStringLiteral("previous_from"), result.previousFrom->toString(Qt::ISODate));
        json.insert(QStringLiteral("previous_to"), result.previousTo->toString(Qt::ISODate));
        QJsonObject previous = metricsJson(*result.previous);
        addKindValues(previous, kinds.scope(true));
        json.insert(QStringLiteral("previous"), previous);
    }
    if (request.grouping != Grouping::None) {
        std::vector<std::pair<QString, QJsonObject>> groupObjects;
        for (const MetricsGroup &group : result.groups) {
            QJsonObject values = metricsJson(group.metrics, request.grouping == Grouping::Agent);
            addKindValues(values, kinds.scope(false, &group.key));
            groupObjects.emplace_back(group.key, values);
        }
        for (const QString &key : kinds.extraGroupKeys(result.groups)) {
            QJsonObject values;
            addKindValues(values, kinds.scope(false, &key));
            groupObjects.emplace_back(key, values);
        }
        // Time buckets stay in time order when a kind adds one the tickets do not list.
        if (request.grouping == Grouping::Day || request.grouping == Grouping::Week
            || request.grouping == Grouping::Month)
            std::stable_sort(groupObjects.begin(), groupObjects.end(),
                [](const auto &a, const auto &b) { return a.first < b.first; });
        QJsonArray groups;
        for (const auto &[key, values] : groupObjects)
            groups.append(QJsonObject { { QStringLiteral("key"), key }, { QStringLiteral("metrics"), values } });
        json.insert(QStringLiteral("groups"), groups);
    }
    out() << QJsonDocument(json).toJson(QJsonDocument::Indented) << Qt::flush;
    return Done;
}

} // namespace sl::cli
