#include "commands/command.h"
#include "import/kinds.h"
#include "import/kinds/eventlogimporter.h"
#include "import/valueparsers.h"
#include "services/importjob.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

namespace sl::cli {

namespace {

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
                  << QObject::tr("... and %1 more rejected rows")
                         .arg(report.rejected - std::int64_t(report.issues.size()))
                  << '\n';
        }
    }
    err() << Qt::flush;
}

} // namespace

int runImport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Import CSV exports into a SupportLens database. Rows are keyed by "
                                                 "source and the export's own id: importing again updates, never "
                                                 "duplicates. Each file is one transaction."));
    const QCommandLineOption dbOption(
        QStringLiteral("db"), QObject::tr("The database file (created if missing)."), QStringLiteral("FILE"));
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
    const QCommandLineOption strictOption(
        QStringLiteral("strict"), QObject::tr("Abort a file on its first rejected row."));
    const QCommandLineOption activityMapOption(QStringLiteral("activity-map"),
        QObject::tr("Event logs: the role of each named activity, \"Activity=role;Activity=role\" with roles reply, "
                    "resolve, close, reopen, ignore (default: the built-in names; import and inspect list them)."),
        QStringLiteral("MAP"));
    parser.addOptions({ dbOption, kindOption, profileOption, zoneOption, strictOption, activityMapOption });
    parser.addPositionalArgument(
        QStringLiteral("FILE.csv"), QObject::tr("Files to import."), QStringLiteral("FILE.csv..."));
    int exitCode = Done;
    if (!parseCommandLine(parser, arguments, &exitCode))
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

} // namespace sl::cli
