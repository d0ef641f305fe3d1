#include "commands/command.h"

#include "import/valueparsers.h"

#include <QCoreApplication>
#include <QTextStream>

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

bool parseCommandLine(
    QCommandLineParser &parser, const QStringList &arguments, int *exitCode, const QString &helpCommand)
{
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption help({ QStringLiteral("h"), QStringLiteral("help") }, QObject::tr("Show this help."));
    parser.addOption(help);
    QStringList rest = arguments;
    rest.removeAt(1); // the subcommand
    if (!parser.parse(rest)) {
        *exitCode = usageError(parser.errorText(), helpCommand);
        return false;
    }
    if (parser.isSet(help)) {
        out() << parser.helpText() << Qt::flush;
        *exitCode = Done;
        return false;
    }
    return true;
}

std::optional<QTimeZone> timeZoneOption(
    const QCommandLineParser &parser, const QCommandLineOption &option, int *exitCode)
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

FilterOptions::FilterOptions()
    : channel(QStringLiteral("channel"), QObject::tr("Only this channel (repeatable)."), QStringLiteral("NAME"))
    , agent(QStringLiteral("agent"), QObject::tr("Only this agent (repeatable)."), QStringLiteral("NAME"))
    , team(QStringLiteral("team"), QObject::tr("Only this team (repeatable)."), QStringLiteral("NAME"))
    , priority(QStringLiteral("priority"), QObject::tr("Only this priority (repeatable)."), QStringLiteral("NAME"))
    , tag(QStringLiteral("tag"), QObject::tr("Only tickets with this tag (repeatable)."), QStringLiteral("NAME"))
{ }

QList<QCommandLineOption> FilterOptions::all() const
{
    return { channel, agent, team, priority, tag };
}

MetricsFilter FilterOptions::filterOf(const QCommandLineParser &parser) const
{
    MetricsFilter filter;
    filter.channels = parser.values(channel);
    filter.agents = parser.values(agent);
    filter.teams = parser.values(team);
    filter.priorities = parser.values(priority);
    filter.tags = parser.values(tag);
    return filter;
}

} // namespace sl::cli
