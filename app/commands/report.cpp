#include "commands/command.h"
#include "domain/ticketsnapshot.h"
#include "import/valueparsers.h"
#include "report/reportdata.h"
#include "report/reportwriter.h"
#include "store/database.h"
#include "store/snapshotstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>
#include <QTextStream>

namespace sl::cli {

namespace {

int commandUsageError(const QString &message)
{
    return cli::usageError(message, QStringLiteral("report"));
}

} // namespace

bool needsGuiApplication(const QStringList &arguments)
{
    return arguments.size() >= 2 && arguments.at(1) == QLatin1String("report");
}

int runReport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Write a meeting-ready PDF report: title page, key figures with "
                                                 "their change, trends, channels and teams, the hour × weekday "
                                                 "heat-map, the agent leaderboard and the definitions."));
    const QCommandLineOption dbOption(QStringLiteral("db"), QObject::tr("The database file."), QStringLiteral("FILE"));
    const QCommandLineOption fromOption(
        QStringLiteral("from"), QObject::tr("First day, YYYY-MM-DD."), QStringLiteral("DATE"));
    const QCommandLineOption toOption(
        QStringLiteral("to"), QObject::tr("Last day, YYYY-MM-DD."), QStringLiteral("DATE"));
    const QCommandLineOption outOption(
        QStringLiteral("out"), QObject::tr("The PDF file to write."), QStringLiteral("FILE.pdf"));
    const QCommandLineOption titleOption(
        QStringLiteral("title"), QObject::tr("The report's title."), QStringLiteral("TEXT"));
    const QCommandLineOption zoneOption(
        QStringLiteral("timezone"), QObject::tr("Display time zone (default: the system's)."), QStringLiteral("TZ"));
    const QCommandLineOption paperOption(
        QStringLiteral("paper"), QObject::tr("a4 or letter."), QStringLiteral("PAPER"), QStringLiteral("a4"));
    const QCommandLineOption landscapeOption(QStringLiteral("landscape"), QObject::tr("Landscape pages."));
    parser.addOptions({ dbOption, fromOption, toOption, outOption });
    const FilterOptions filterOptions;
    parser.addOptions(filterOptions.all());
    parser.addOptions({ titleOption, zoneOption, paperOption, landscapeOption });
    int exitCode = Done;
    if (!parseCommandLine(parser, arguments, &exitCode, QStringLiteral("report")))
        return exitCode;
    if (!parser.positionalArguments().isEmpty())
        return commandUsageError(QObject::tr("report takes no file arguments (the PDF is --out FILE.pdf)"));
    for (const QCommandLineOption *required : { &dbOption, &fromOption, &toOption, &outOption }) {
        if (!parser.isSet(*required))
            return commandUsageError(QObject::tr("report needs --%1").arg(required->names().constFirst()));
    }

    MetricsRequest request;
    for (const auto &[option, date] :
        { std::pair { &fromOption, &request.from }, std::pair { &toOption, &request.to } }) {
        const QDate parsed = QDate::fromString(parser.value(*option), Qt::ISODate);
        if (!parsed.isValid())
            return commandUsageError(QObject::tr("--%1 must be a date YYYY-MM-DD, not \"%2\"")
                                         .arg(option->names().constFirst(), parser.value(*option)));
        *date = parsed;
    }
    if (*request.from > *request.to)
        return commandUsageError(QObject::tr("--from is after --to"));
    if (parser.isSet(zoneOption)) {
        request.zone = timeZoneFromName(parser.value(zoneOption));
        if (!request.zone.isValid())
            return commandUsageError(
                QObject::tr("unknown time zone \"%1\" (use an IANA name such as Europe/Berlin, UTC, or "
                            "an offset such as +02:00)")
                    .arg(parser.value(zoneOption)));
    }
    request.filter = filterOptions.filterOf(parser);

    ui::ReportOptions options;
    options.title = parser.value(titleOption);
    const QString paper = parser.value(paperOption).toLower();
    if (paper == QLatin1String("a4"))
        options.paper = QPageSize::A4;
    else if (paper == QLatin1String("letter"))
        options.paper = QPageSize::Letter;
    else
        return commandUsageError(
            QObject::tr("--paper must be a4 or letter, not \"%1\"").arg(parser.value(paperOption)));
    options.orientation = parser.isSet(landscapeOption) ? QPageLayout::Landscape : QPageLayout::Portrait;

    const QString dbPath = parser.value(dbOption);
    QString error;
    std::optional<Database> database = Database::open(dbPath, &error, sqlite::Connection::Mode::ReadWrite);
    if (!database) {
        err() << error << Qt::endl;
        return Failed;
    }
    const std::optional<TicketSnapshot> snapshot = loadTicketSnapshot(*database, &error);
    if (!snapshot) {
        err() << dbPath << ": " << error << Qt::endl;
        return Failed;
    }
    std::optional<ui::ReportData> data = ui::computeReportData(*database, *snapshot, request, &error);
    if (!data) {
        err() << dbPath << ": " << error << Qt::endl;
        return Failed;
    }
    for (const QString &note : data->answer.notes)
        err() << QObject::tr("note: %1").arg(note) << '\n';
    err() << Qt::flush;
    const QString outPath = parser.value(outOption);
    int pages = 0;
    if (!ui::ReportWriter::writePdf(*data, options, outPath, &error, &pages)) {
        err() << error << Qt::endl;
        return Failed;
    }
    out() << QObject::tr("%1: %n page(s)", nullptr, pages).arg(outPath) << Qt::endl;
    return Done;
}

} // namespace sl::cli
