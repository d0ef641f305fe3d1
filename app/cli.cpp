#include "cli.h"

#include "commands/command.h"

#include <QCoreApplication>
#include <QTextStream>

namespace sl::cli {

namespace {

const QStringList subcommands = { QStringLiteral("demo"), QStringLiteral("inspect"), QStringLiteral("import"),
    QStringLiteral("metrics"), QStringLiteral("report") };

QString topLevelHelp()
{
    return QObject::tr("Usage:\n"
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

} // namespace

bool isSubcommand(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString &first = arguments.at(1);
    return subcommands.contains(first) || first == QLatin1String("--help") || first == QLatin1String("-h")
        || first == QLatin1String("--version") || first == QLatin1String("-v") || !first.startsWith(QLatin1Char('-'));
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
        return runMetrics(arguments);
    if (command == QLatin1String("calendar"))
        return runCalendar(arguments);
    if (command == QLatin1String("report"))
        return runReport(arguments);
    return usageError(QObject::tr("unknown command \"%1\"").arg(command));
}

} // namespace sl::cli
