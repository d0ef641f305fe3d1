#include "commands/command.h"
#include "services/demobuilder.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

namespace sl::cli {

int runDemo(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Build a realistic demo database: generated help-desk exports, "
                                                 "imported through the same pipeline as real files."));
    const QCommandLineOption dbOption(
        QStringLiteral("db"), QObject::tr("The database file to create."), QStringLiteral("FILE"));
    const QCommandLineOption ticketsOption(QStringLiteral("tickets"),
        QObject::tr("How many tickets (default %1).").arg(DemoBuildOptions {}.tickets), QStringLiteral("N"));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
        QObject::tr("Random seed (default %1).").arg(DemoBuildOptions {}.seed), QStringLiteral("S"));
    const QCommandLineOption untilOption(QStringLiteral("until"),
        QObject::tr("Last day of the data, YYYY-MM-DD (default: the end of last "
                    "month)."),
        QStringLiteral("DATE"));
    parser.addOptions({ dbOption, ticketsOption, seedOption, untilOption });
    int exitCode = Done;
    if (!parseCommandLine(parser, arguments, &exitCode))
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

} // namespace sl::cli
