#include "cli.h"

#include "calendarcommand.h"
#include "reportcommand.h"
#include "csv/csvreader.h"
#include "services/csvexport.h"
#include "services/demobuilder.h"
#include "services/importjob.h"
#include "import/kinds.h"
#include "import/kinds/eventlogimporter.h"
#include "import/inspector.h"
#include "import/kindpreview.h"
#include "import/valueparsers.h"
#include "services/businessquery.h"
#include "services/callquery.h"
#include "metrics/kindmetrics.h"
#include "services/metricsanswer.h"
#include "metrics/metricsquery.h"
#include "services/surveyquery.h"
#include "store/database.h"
#include "store/snapshotstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>

#include <array>
#include <cmath>
#include <cstdio>

namespace sl::cli {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int usageError(const QString &message, const QString &command)
{
    err() << QCoreApplication::applicationName() << ": " << message << '\n'
          << (command.isEmpty() ? QObject::tr("Try 'supportlens --help' for more information.")
                                : QObject::tr("Try 'supportlens %1 --help' for more information.").arg(command))
          << Qt::endl;
    return BadUsage;
}

namespace {

const QStringList subcommands = {QStringLiteral("demo"), QStringLiteral("inspect"), QStringLiteral("import"),
                                 QStringLiteral("metrics"), QStringLiteral("report")};

QString topLevelHelp()
{
    return QObject::tr(
        "Usage:\n"
        "  supportlens [--db FILE]                       open the window (last database, or the demo)\n"
        "  supportlens demo --db FILE [--tickets N] [--seed S]\n"
        "                                                build a realistic demo database\n"
        "  supportlens inspect FILE.csv [--rows N|all] [--format json|table] [--profile P]\n"
        "                                                show how a file would be read\n"
        "  supportlens import --db FILE [--profile P] [--timezone TZ] [--strict] FILE.csv...\n"
        "                                                import exports into a database\n"
        "  supportlens metrics --db FILE [--from DATE] [--to DATE] [--by B] [FILTERS] [--compare]\n"
        "                      [--timezone TZ] [--format json|csv|table]\n"
        "                                                the metrics of spec/metrics.md\n"
        "  supportlens report --db FILE --from DATE --to DATE --out FILE.pdf [FILTERS] [--title TEXT]\n"
        "                     [--timezone TZ] [--paper a4|letter] [--landscape]\n"
        "                                                a meeting-ready PDF report\n"
        "  supportlens calendar --db FILE [--format json|table]\n"
        "                                                list the business-hours calendars\n"
        "  supportlens calendar --db FILE --set NAME --timezone TZ --hours \"Mon-Fri 09:00-17:00\"...\n"
        "                       [--holiday DATE[=NAME]]... [--team NAME]... [--default]\n"
        "                                                add or replace a calendar\n"
        "  supportlens calendar --db FILE --remove NAME  remove a calendar\n"
        "\n"
        "Options:\n"
        "  -h, --help       this help; 'supportlens COMMAND --help' for a command's options\n"
        "  -v, --version    the version\n"
        "\n"
        "Exit codes: 0 done, 1 failed (the message names file, line and what was expected;\n"
        "the database is unchanged by a failed file), 2 bad usage.\n");
}

// Parses a subcommand's options; on bad usage prints the error and returns false with *exitCode
// set. --help prints the command's help and exits 0.
bool parse(QCommandLineParser &parser, const QStringList &arguments, int *exitCode)
{
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QObject::tr("Show this help."));
    parser.addOption(help);
    QStringList rest = arguments;
    rest.removeAt(1); // the subcommand
    if (!parser.parse(rest)) {
        *exitCode = usageError(parser.errorText());
        return false;
    }
    if (parser.isSet(help)) {
        out() << parser.helpText() << Qt::flush;
        *exitCode = Done;
        return false;
    }
    return true;
}

std::optional<QTimeZone> timeZoneOption(const QCommandLineParser &parser, const QCommandLineOption &option,
                                        int *exitCode)
{
    if (!parser.isSet(option))
        return QTimeZone::systemTimeZone();
    const QTimeZone zone = timeZoneFromName(parser.value(option));
    if (!zone.isValid()) {
        *exitCode = usageError(QObject::tr("unknown time zone \"%1\" (use an IANA name such as Europe/Berlin, "
                                           "UTC, or an offset such as +02:00)")
                                   .arg(parser.value(option)));
        return std::nullopt;
    }
    return zone;
}

QString delimiterText(char delimiter)
{
    return delimiter == '\t' ? QStringLiteral("\t") : QString(QLatin1Char(delimiter));
}

int runInspect(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Show how SupportLens would read a CSV file: encoding, delimiter, "
                                                 "detected profile, column mapping and the first records."));
    const QCommandLineOption rowsOption(QStringLiteral("rows"), QObject::tr("Records to show, or 'all'."),
                                        QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption formatOption(QStringLiteral("format"), QObject::tr("json or table."),
                                          QStringLiteral("FORMAT"), QStringLiteral("table"));
    const QCommandLineOption profileOption(QStringLiteral("profile"), QObject::tr("Force a source profile."),
                                           QStringLiteral("P"), QStringLiteral("auto"));
    const QCommandLineOption activityMapOption(QStringLiteral("activity-map"),
                                               QObject::tr("Event logs: roles of activities, as import takes them."),
                                               QStringLiteral("MAP"));
    parser.addOptions({rowsOption, formatOption, profileOption, activityMapOption});
    parser.addPositionalArgument(QStringLiteral("FILE.csv"), QObject::tr("The file to inspect."));
    int exitCode = Done;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1)
        return usageError(QObject::tr("inspect takes exactly one FILE.csv"));
    const QString format = parser.value(formatOption);
    if (format != QLatin1String("json") && format != QLatin1String("table"))
        return usageError(QObject::tr("--format must be json or table, not \"%1\"").arg(format));
    std::int64_t rows = -1;
    if (parser.value(rowsOption) != QLatin1String("all")) {
        bool ok = false;
        rows = parser.value(rowsOption).toLongLong(&ok);
        if (!ok || rows < 0)
            return usageError(QObject::tr("--rows must be a number or 'all', not \"%1\"").arg(parser.value(rowsOption)));
    }

    const QString path = parser.positionalArguments().constFirst();
    const FilePreview preview = previewFile(path, rows, parser.value(profileOption));
    if (!preview.ok) {
        err() << path << ": " << preview.error << Qt::endl;
        return Failed;
    }

    QJsonObject mapping;
    if (preview.match) {
        for (const ColumnBinding &binding : preview.match->bindings)
            mapping.insert(preview.header.value(binding.column), fieldId(binding.field));
    }
    QString profileId = preview.match ? QString::fromLatin1(preview.match->profile->id.data(),
                                                           qsizetype(preview.match->profile->id.size()))
                                      : QString();
    // An event log, when its profile recognises more than a ticket profile does (as import
    // decides): its mapping, and every activity with the role import will give it.
    QString mapError;
    if (!parseActivityMap(parser.value(activityMapOption), &mapError))
        return usageError(QObject::tr("--activity-map: %1").arg(mapError));
    std::optional<EventLogOverview> events;
    if (!preview.match || preview.match->profile->generic)
        events = inspectEventLog(path, parser.value(profileOption), parser.value(activityMapOption), &mapError);
    if (events && events->match.score < (preview.match ? preview.match->score : 0))
        events.reset();
    if (events) {
        mapping = QJsonObject();
        for (const auto &[column, field] : events->match.columnFields)
            mapping.insert(column, field);
        profileId = events->match.profile;
    }
    // Calls, surveys, customers, costs and QA reviews: the kind import would read it as.
    std::optional<KindPreview> otherKind;
    QString profileMessage = preview.profileMessage;
    if (!events) {
        KindPreview kindPreview = previewKind(preview.header, QStringLiteral("auto"), parser.value(profileOption));
        if (kindPreview.refused)
            profileMessage = kindPreview.message; // what import would say of it
        else if (kindPreview.kind && *kindPreview.kind != RecordKind::Tickets && *kindPreview.kind != RecordKind::Events)
            otherKind = std::move(kindPreview);
    }
    if (otherKind) {
        mapping = QJsonObject();
        for (const auto &[column, field] : otherKind->columnFields)
            mapping.insert(column, field);
        profileId = otherKind->profile;
    }
    const bool recognised = preview.match || events || otherKind;

    if (format == QLatin1String("json")) {
        QJsonObject json;
        json.insert(QStringLiteral("encoding"), encodingName(preview.format.encoding));
        json.insert(QStringLiteral("bom"), preview.format.bom);
        json.insert(QStringLiteral("delimiter"), delimiterText(preview.format.delimiter));
        json.insert(QStringLiteral("kind"), events          ? QJsonValue(QStringLiteral("events"))
                                            : otherKind     ? QJsonValue(recordKindName(*otherKind->kind))
                                            : preview.match ? QJsonValue(QStringLiteral("tickets"))
                                                            : QJsonValue());
        json.insert(QStringLiteral("profile"), recognised ? QJsonValue(profileId) : QJsonValue());
        if (events) {
            QJsonArray activities;
            for (const ActivityUse &use : events->activities) {
                activities.append(QJsonObject{{QStringLiteral("activity"), use.name},
                                              {QStringLiteral("role"), activityRoleName(use.role)},
                                              {QStringLiteral("events"), qint64(use.events)}});
            }
            json.insert(QStringLiteral("activities"), activities);
        }
        json.insert(QStringLiteral("columns"), QJsonArray::fromStringList(preview.header));
        json.insert(QStringLiteral("mapping"), mapping);
        if (!recognised) {
            json.insert(QStringLiteral("message"), profileMessage);
            if (preview.closest.profile) {
                json.insert(QStringLiteral("closest_profile"),
                            QString::fromLatin1(preview.closest.profile->id.data(),
                                                qsizetype(preview.closest.profile->id.size())));
                json.insert(QStringLiteral("missing"), QJsonArray::fromStringList(preview.closest.missingSignature));
            }
        }
        QJsonArray jsonRows;
        for (const QStringList &row : preview.rows)
            jsonRows.append(QJsonArray::fromStringList(row));
        json.insert(QStringLiteral("rows"), jsonRows);
        out() << QJsonDocument(json).toJson(QJsonDocument::Indented) << Qt::flush;
        return Done;
    }

    QTextStream &o = out();
    o << QObject::tr("File:       %1").arg(path) << '\n';
    o << QObject::tr("Encoding:   %1%2")
             .arg(encodingName(preview.format.encoding),
                  preview.format.bom ? QObject::tr(" (with BOM)") : QString())
      << '\n';
    o << QObject::tr("Delimiter:  %1")
             .arg(preview.format.delimiter == '\t' ? QStringLiteral("TAB")
                                                   : QString(QLatin1Char(preview.format.delimiter)))
      << '\n';
    if (events) {
        o << QObject::tr("Kind:       events") << '\n';
        o << QObject::tr("Profile:    %1 (%2)").arg(profileId, events->match.displayName) << '\n';
        o << QObject::tr("Tickets:    %1, from %2 events").arg(events->cases).arg(events->events) << '\n';
    } else if (otherKind) {
        o << QObject::tr("Kind:       %1").arg(recordKindName(*otherKind->kind)) << '\n';
        o << QObject::tr("Profile:    %1 (%2)").arg(profileId, otherKind->displayName) << '\n';
    } else if (preview.match) {
        o << QObject::tr("Kind:       tickets") << '\n';
        o << QObject::tr("Profile:    %1 (%2)")
                 .arg(profileId, QString::fromUtf8(preview.match->profile->displayName.data(),
                                                   qsizetype(preview.match->profile->displayName.size())))
          << '\n';
    } else {
        o << QObject::tr("Profile:    none fits: %1").arg(profileMessage) << '\n';
    }
    o << QObject::tr("Columns:") << '\n';
    qsizetype width = 0;
    for (const QString &name : preview.header)
        width = std::max(width, name.size());
    for (qsizetype i = 0; i < preview.header.size(); ++i) {
        const QString field = mapping.value(preview.header[i]).toString();
        o << QStringLiteral("  %1  %2  %3\n")
                 .arg(i + 1, 3)
                 .arg(preview.header[i], -int(width))
                 .arg(!recognised ? QStringLiteral("")
                      : field.isEmpty()             ? QObject::tr("(kept as an extra column)")
                                                    : QStringLiteral("-> ") + field);
    }
    if (events) {
        o << QObject::tr("Activities (override with --activity-map \"Activity=role;...\"):") << '\n';
        for (const ActivityUse &use : events->activities)
            o << QStringLiteral("  ") << describeActivityUse(use) << '\n';
    }
    o << QObject::tr("First %n record(s):", nullptr, int(preview.rows.size())) << '\n';
    for (const QStringList &row : preview.rows) {
        QStringList shown;
        for (QString cell : row) {
            cell.replace(QLatin1Char('\n'), QStringLiteral("\\n")).replace(QLatin1Char('\r'), QStringLiteral("\\r"));
            if (cell.size() > 40)
                cell = cell.left(39) + QStringLiteral("…");
            shown.append(cell);
        }
        o << QStringLiteral("  ") << shown.join(QStringLiteral(" | ")) << '\n';
    }
    o << Qt::flush;
    return Done;
}

void printReport(const ImportReport &report)
{
    const QString name = QFileInfo(report.filePath).fileName();
    switch (report.outcome) {
    case ImportReport::Outcome::Imported:
        out() << QObject::tr("%1: %2 rows read, %3 imported, %4 updated, %5 unchanged, %6 rejected (profile %7)")
                     .arg(report.filePath)
                     .arg(report.rowsRead)
                     .arg(report.inserted)
                     .arg(report.updated)
                     .arg(report.unchanged)
                     .arg(report.rejected)
                     .arg(report.profile)
              << Qt::endl;
        break;
    case ImportReport::Outcome::Cancelled:
        err() << QObject::tr("%1: import cancelled, nothing imported").arg(report.filePath) << Qt::endl;
        break;
    case ImportReport::Outcome::Failed:
        err() << report.filePath << ": " << report.error << Qt::endl;
        break;
    }
    for (const QString &note : report.notes)
        err() << name << ": " << QObject::tr("note: %1").arg(note) << '\n';
    if (report.outcome == ImportReport::Outcome::Imported) {
        for (const RowIssue &issue : report.issues) {
            err() << name << QStringLiteral(":")
                  << QObject::tr("line %1: rejected: %2%3")
                         .arg(issue.line)
                         .arg(issue.column.isEmpty() ? QString() : QObject::tr("column \"%1\": ").arg(issue.column))
                         .arg(issue.message)
                  << '\n';
        }
        if (report.rejected > std::int64_t(report.issues.size())) {
            err() << name << ": "
                  << QObject::tr("... and %1 more rejected rows").arg(report.rejected - std::int64_t(report.issues.size()))
                  << '\n';
        }
    }
    err() << Qt::flush;
}

int runImport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Import CSV exports into a SupportLens database. Rows are keyed by "
                                                 "source and the export's own id: importing again updates, never "
                                                 "duplicates. Each file is one transaction."));
    const QCommandLineOption dbOption(QStringLiteral("db"), QObject::tr("The database file (created if missing)."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption kindOption(QStringLiteral("kind"),
                                        QObject::tr("tickets, calls, surveys, customers, costs, qa or events "
                                                    "(default auto: detected from the header)."),
                                        QStringLiteral("K"), QStringLiteral("auto"));
    const QCommandLineOption profileOption(QStringLiteral("profile"),
                                           QObject::tr("Source format (default auto: detected from the header). Tickets: "
                                                       "zendesk, zendesk-explore, freshdesk, intercom, jira-sm, hubspot, "
                                                       "zoho-desk, helpscout, front, generic; calls: five9, genesys, "
                                                       "talkdesk, pwc-calls, generic-calls; surveys: delighted, qualtrics, "
                                                       "surveymonkey, generic-surveys; README.md lists them all."),
                                           QStringLiteral("P"), QStringLiteral("auto"));
    const QCommandLineOption zoneOption(QStringLiteral("timezone"),
                                        QObject::tr("Time zone of times written without an offset (default: the "
                                                    "system's)."),
                                        QStringLiteral("TZ"));
    const QCommandLineOption strictOption(QStringLiteral("strict"),
                                          QObject::tr("Abort a file on its first rejected row."));
    const QCommandLineOption activityMapOption(
        QStringLiteral("activity-map"),
        QObject::tr("Event logs: the role of each named activity, \"Activity=role;Activity=role\" with roles reply, "
                    "resolve, close, reopen, ignore (default: the built-in names; import and inspect list them)."),
        QStringLiteral("MAP"));
    parser.addOptions({dbOption, kindOption, profileOption, zoneOption, strictOption, activityMapOption});
    parser.addPositionalArgument(QStringLiteral("FILE.csv"), QObject::tr("Files to import."), QStringLiteral("FILE.csv..."));
    int exitCode = Done;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.isSet(dbOption))
        return usageError(QObject::tr("import needs --db FILE"));
    if (parser.positionalArguments().isEmpty())
        return usageError(QObject::tr("import needs at least one FILE.csv"));
    const QString kind = parser.value(kindOption);
    if (kind != QLatin1String("auto") && !recordKindFromName(kind))
        return usageError(QObject::tr("--kind must be tickets, calls, surveys, customers, costs, qa or events"));

    ImportOptions options;
    options.kind = kind;
    options.profile = parser.value(profileOption);
    options.strict = parser.isSet(strictOption);
    options.activityMap = parser.value(activityMapOption);
    if (QString mapError; !parseActivityMap(options.activityMap, &mapError))
        return usageError(QObject::tr("--activity-map: %1").arg(mapError));
    const std::optional<QTimeZone> zone = timeZoneOption(parser, zoneOption, &exitCode);
    if (!zone)
        return exitCode;
    options.timeZone = *zone;

    QString error;
    std::optional<Database> database = Database::open(parser.value(dbOption), &error);
    if (!database) {
        err() << error << Qt::endl;
        return Failed;
    }
    int result = Done;
    for (const QString &file : parser.positionalArguments()) {
        const ImportReport report = sl::runImport(*database, file, options);
        printReport(report);
        if (report.outcome != ImportReport::Outcome::Imported)
            result = Failed;
    }
    return result;
}

int runDemo(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Build a realistic demo database: generated help-desk exports, "
                                                 "imported through the same pipeline as real files."));
    const QCommandLineOption dbOption(QStringLiteral("db"), QObject::tr("The database file to create."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption ticketsOption(QStringLiteral("tickets"), QObject::tr("How many tickets (default %1).")
                                                                          .arg(DemoBuildOptions{}.tickets),
                                           QStringLiteral("N"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QObject::tr("Random seed (default %1).")
                                                                    .arg(DemoBuildOptions{}.seed),
                                        QStringLiteral("S"));
    const QCommandLineOption untilOption(QStringLiteral("until"),
                                         QObject::tr("Last day of the data, YYYY-MM-DD (default: the end of last "
                                                     "month)."),
                                         QStringLiteral("DATE"));
    parser.addOptions({dbOption, ticketsOption, seedOption, untilOption});
    int exitCode = Done;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.isSet(dbOption))
        return usageError(QObject::tr("demo needs --db FILE"));
    if (!parser.positionalArguments().isEmpty())
        return usageError(QObject::tr("demo takes no file arguments"));

    DemoBuildOptions options;
    if (parser.isSet(ticketsOption)) {
        bool ok = false;
        options.tickets = parser.value(ticketsOption).toLongLong(&ok);
        if (!ok || options.tickets < 1 || options.tickets > 10'000'000)
            return usageError(QObject::tr("--tickets must be a number from 1 to 10000000"));
    }
    if (parser.isSet(seedOption)) {
        bool ok = false;
        options.seed = parser.value(seedOption).toULongLong(&ok);
        if (!ok)
            return usageError(QObject::tr("--seed must be a non-negative number"));
    }
    if (parser.isSet(untilOption)) {
        options.lastDay = QDate::fromString(parser.value(untilOption), Qt::ISODate);
        if (!options.lastDay.isValid())
            return usageError(QObject::tr("--until must be a date YYYY-MM-DD"));
    }
    const QString dbPath = parser.value(dbOption);
    const DemoBuildResult result = buildDemoDatabase(dbPath, options);
    if (!result.ok) {
        err() << dbPath << ": " << result.error << Qt::endl;
        return Failed;
    }
    out() << QObject::tr("%1: demo database with %2 tickets (%3 to %4)")
                 .arg(dbPath)
                 .arg(result.tickets)
                 .arg(result.firstDay.toString(Qt::ISODate), result.lastDay.toString(Qt::ISODate))
          << Qt::endl;
    return Done;
}


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
    QStringList header{QStringLiteral("scope"), QStringLiteral("key")};
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
        QStringList cells{scope, ui::CsvWriter::field(key)};
        for (const auto &[d, index] : columns) {
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
        o << QStringLiteral("%1  %2").arg(QString::fromUtf8(d.name), -nameWidth).arg(formatMetricValue(d, row.value), 14);
        if (result.previous)
            o << QStringLiteral("  %1  %2").arg(formatMetricValue(d, row.previous), 14).arg(formatMetricChange(d, row.value, row.previous), 10);
        o << '\n';
    }
    if (!result.groups.empty()) {
        const std::array<std::string_view, 6> shown = {"tickets_created", "tickets_solved", "frt_median_min",
                                                       "resolution_median_hours", "fcr_pct", "csat_pct"};
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

int runMetricsCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Compute the metrics of spec/metrics.md for a period, filter and "
                                                 "grouping. Dates are whole days in the display time zone, both "
                                                 "ends inclusive."));
    const QCommandLineOption dbOption(QStringLiteral("db"), QObject::tr("The database file."), QStringLiteral("FILE"));
    const QCommandLineOption fromOption(QStringLiteral("from"), QObject::tr("First day, YYYY-MM-DD."), QStringLiteral("DATE"));
    const QCommandLineOption toOption(QStringLiteral("to"), QObject::tr("Last day, YYYY-MM-DD."), QStringLiteral("DATE"));
    const QCommandLineOption byOption(QStringLiteral("by"),
                                      QObject::tr("Group by day, week, month, agent, team, channel, priority, tag, "
                                                  "hour or weekday."),
                                      QStringLiteral("B"));
    const QCommandLineOption channelOption(QStringLiteral("channel"), QObject::tr("Only this channel (repeatable)."), QStringLiteral("NAME"));
    const QCommandLineOption agentOption(QStringLiteral("agent"), QObject::tr("Only this agent (repeatable)."), QStringLiteral("NAME"));
    const QCommandLineOption teamOption(QStringLiteral("team"), QObject::tr("Only this team (repeatable)."), QStringLiteral("NAME"));
    const QCommandLineOption priorityOption(QStringLiteral("priority"), QObject::tr("Only this priority (repeatable)."), QStringLiteral("NAME"));
    const QCommandLineOption tagOption(QStringLiteral("tag"), QObject::tr("Only tickets with this tag (repeatable)."), QStringLiteral("NAME"));
    const QCommandLineOption compareOption(QStringLiteral("compare"), QObject::tr("Also the previous period of the same length."));
    const QCommandLineOption zoneOption(QStringLiteral("timezone"), QObject::tr("Display time zone (default: the system's)."), QStringLiteral("TZ"));
    const QCommandLineOption formatOption(QStringLiteral("format"), QObject::tr("json, csv or table."), QStringLiteral("FORMAT"),
                                          QStringLiteral("json"));
    parser.addOptions({dbOption, fromOption, toOption, byOption, channelOption, agentOption, teamOption, priorityOption,
                       tagOption, compareOption, zoneOption, formatOption});
    int exitCode = Done;
    if (!parse(parser, arguments, &exitCode))
        return exitCode;
    if (!parser.isSet(dbOption))
        return usageError(QObject::tr("metrics needs --db FILE"));
    if (!parser.positionalArguments().isEmpty())
        return usageError(QObject::tr("metrics takes no file arguments"));
    const QString format = parser.value(formatOption);
    if (format != QLatin1String("json") && format != QLatin1String("csv") && format != QLatin1String("table"))
        return usageError(QObject::tr("--format must be json, csv or table, not \"%1\"").arg(format));

    MetricsRequest request;
    for (const auto &[option, date] : {std::pair{&fromOption, &request.from}, std::pair{&toOption, &request.to}}) {
        if (!parser.isSet(*option))
            continue;
        const QDate parsed = QDate::fromString(parser.value(*option), Qt::ISODate);
        if (!parsed.isValid())
            return usageError(QObject::tr("--%1 must be a date YYYY-MM-DD, not \"%2\"").arg(option->names().constFirst(), parser.value(*option)));
        *date = parsed;
    }
    if (request.from && request.to && *request.from > *request.to)
        return usageError(QObject::tr("--from is after --to"));
    if (parser.isSet(byOption)) {
        const std::optional<Grouping> grouping = groupingFromName(parser.value(byOption));
        if (!grouping)
            return usageError(QObject::tr("--by must be one of day, week, month, agent, team, channel, priority, tag, "
                                          "hour, weekday; not \"%1\"").arg(parser.value(byOption)));
        request.grouping = *grouping;
    }
    request.compare = parser.isSet(compareOption);
    if (request.compare && !(request.from && request.to))
        return usageError(QObject::tr("--compare needs --from and --to (the previous period has their length)"));
    const std::optional<QTimeZone> zone = timeZoneOption(parser, zoneOption, &exitCode);
    if (!zone)
        return exitCode;
    request.zone = *zone;
    request.filter.channels = parser.values(channelOption);
    request.filter.agents = parser.values(agentOption);
    request.filter.teams = parser.values(teamOption);
    request.filter.priorities = parser.values(priorityOption);
    request.filter.tags = parser.values(tagOption);

    QString error;
    std::optional<Database> database = Database::open(parser.value(dbOption), &error, sqlite::Connection::Mode::ReadWrite);
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
    const std::array<std::pair<const char *, const QStringList *>, 5> filterLists = {{
        {"channel", &request.filter.channels}, {"agent", &request.filter.agents}, {"team", &request.filter.teams},
        {"priority", &request.filter.priorities}, {"tag", &request.filter.tags},
    }};
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
        if (request.grouping == Grouping::Day || request.grouping == Grouping::Week || request.grouping == Grouping::Month)
            std::stable_sort(groupObjects.begin(), groupObjects.end(),
                             [](const auto &a, const auto &b) { return a.first < b.first; });
        QJsonArray groups;
        for (const auto &[key, values] : groupObjects)
            groups.append(QJsonObject{{QStringLiteral("key"), key}, {QStringLiteral("metrics"), values}});
        json.insert(QStringLiteral("groups"), groups);
    }
    out() << QJsonDocument(json).toJson(QJsonDocument::Indented) << Qt::flush;
    return Done;
}

} // namespace

bool isSubcommand(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString &first = arguments.at(1);
    return subcommands.contains(first) || first == QLatin1String("--help") || first == QLatin1String("-h")
           || first == QLatin1String("--version") || first == QLatin1String("-v")
           || !first.startsWith(QLatin1Char('-'));
}

int run(const QStringList &arguments)
{
    const QString &command = arguments.at(1);
    if (command == QLatin1String("--help") || command == QLatin1String("-h")) {
        out() << topLevelHelp() << Qt::flush;
        return Done;
    }
    if (command == QLatin1String("--version") || command == QLatin1String("-v")) {
        out() << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion() << Qt::endl;
        return Done;
    }
    if (command == QLatin1String("inspect"))
        return runInspect(arguments);
    if (command == QLatin1String("import"))
        return runImport(arguments);
    if (command == QLatin1String("demo"))
        return runDemo(arguments);
    if (command == QLatin1String("metrics"))
        return runMetricsCommand(arguments);
    if (command == QLatin1String("calendar"))
        return runCalendarCommand(arguments);
    if (command == QLatin1String("report"))
        return runReportCommand(arguments);
    return usageError(QObject::tr("unknown command \"%1\"").arg(command));
}

} // namespace sl::cli
