#include "commands/command.h"
#include "domain/businesscalendar.h"
#include "import/valueparsers.h"
#include "store/calendarstore.h"
#include "store/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimeZone>

#include <algorithm>

namespace sl::cli {

namespace {

int commandUsageError(const QString &message)
{
    return cli::usageError(message, QStringLiteral("calendar"));
}

int failure(const QString &message)
{
    err() << message << Qt::endl;
    return Failed;
}

QString dash()
{
    return QStringLiteral("—");
}

QString holidayText(const std::pair<QDate, QString> &holiday)
{
    const QString day = holiday.first.toString(Qt::ISODate);
    return holiday.second.isEmpty() ? day : day + QLatin1Char(' ') + holiday.second;
}

QJsonObject calendarJson(const BusinessCalendar &calendar)
{
    QJsonArray shifts;
    for (const BusinessShift &shift : calendar.shifts) {
        shifts.append(QJsonObject { { QStringLiteral("weekday"), shift.weekday },
            { QStringLiteral("start"), formatMinuteOfDay(shift.startMinute) },
            { QStringLiteral("end"), formatMinuteOfDay(shift.endMinute) } });
    }
    QJsonArray holidays;
    for (const auto &[day, name] : calendar.holidays) {
        holidays.append(QJsonObject { { QStringLiteral("date"), day.toString(Qt::ISODate) },
            { QStringLiteral("name"), name.isEmpty() ? QJsonValue() : QJsonValue(name) } });
    }
    return QJsonObject {
        { QStringLiteral("name"), calendar.name },
        { QStringLiteral("time_zone"), calendar.timeZoneId },
        { QStringLiteral("default"), calendar.isDefault },
        { QStringLiteral("teams"), QJsonArray::fromStringList(calendar.teams) },
        { QStringLiteral("hours"), QJsonArray::fromStringList(formatWeeklyHours(calendar.shifts)) },
        { QStringLiteral("shifts"), shifts },
        { QStringLiteral("holidays"), holidays },
    };
}

// One row per calendar; the list columns (teams, hours, holidays) continue on the lines below.
void printCalendarTable(const std::vector<BusinessCalendar> &calendars)
{
    const QStringList header = { QObject::tr("Calendar"), QObject::tr("Time zone"), QObject::tr("Default"),
        QObject::tr("Teams"), QObject::tr("Hours"), QObject::tr("Holidays") };
    std::vector<std::vector<QStringList>> rows; // per calendar, per column, its lines
    for (const BusinessCalendar &calendar : calendars) {
        QStringList holidays;
        for (const auto &holiday : calendar.holidays)
            holidays.append(holidayText(holiday));
        std::vector<QStringList> row = { { calendar.name }, { calendar.timeZoneId },
            { calendar.isDefault ? QObject::tr("yes") : QObject::tr("no") }, calendar.teams,
            formatWeeklyHours(calendar.shifts), holidays };
        for (QStringList &cell : row) {
            if (cell.isEmpty())
                cell.append(dash());
        }
        rows.push_back(std::move(row));
    }
    std::vector<qsizetype> widths;
    for (const QString &title : header)
        widths.push_back(title.size());
    for (const auto &row : rows) {
        for (std::size_t column = 0; column < row.size(); ++column) {
            for (const QString &line : row[column])
                widths[column] = std::max(widths[column], line.size());
        }
    }
    QTextStream &o = out();
    const auto printLine = [&](const auto &textOf) {
        QString line;
        for (std::size_t column = 0; column < widths.size(); ++column)
            line += QStringLiteral("%1  ").arg(textOf(column), -int(widths[column]));
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        o << line << '\n';
    };
    printLine([&](std::size_t column) { return header.at(qsizetype(column)); });
    for (const auto &row : rows) {
        qsizetype height = 0;
        for (const QStringList &cell : row)
            height = std::max(height, cell.size());
        for (qsizetype i = 0; i < height; ++i)
            printLine([&](std::size_t column) { return row[column].value(i); });
    }
    o << Qt::flush;
}

int listCalendars(Database &database, const QString &format)
{
    QString error;
    const std::optional<std::vector<BusinessCalendar>> calendars = loadCalendars(database, &error);
    if (!calendars)
        return failure(error);
    if (format == QLatin1String("json")) {
        QJsonArray list;
        for (const BusinessCalendar &calendar : *calendars)
            list.append(calendarJson(calendar));
        out() << QJsonDocument(QJsonObject { { QStringLiteral("calendars"), list } }).toJson(QJsonDocument::Indented)
              << Qt::flush;
        return Done;
    }
    if (calendars->empty()) {
        out() << QObject::tr("No business-hours calendars yet. Add one with:\n"
                             "  supportlens calendar --db %1 --set NAME --timezone TZ --hours \"Mon-Fri 09:00-17:00\"")
                     .arg(database.path())
              << Qt::endl;
        return Done;
    }
    printCalendarTable(*calendars);
    return Done;
}

} // namespace

int runCalendar(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QObject::tr("List, set or remove the business-hours calendars: each team's weekly working hours in its own "
                    "time zone, minus holidays. A team without a calendar of its own uses the default one.\n"
                    "Without --set or --remove, lists the calendars."));
    const QCommandLineOption dbOption(QStringLiteral("db"), QObject::tr("The database file."), QStringLiteral("FILE"));
    const QCommandLineOption formatOption(QStringLiteral("format"), QObject::tr("Listing: json or table."),
        QStringLiteral("FORMAT"), QStringLiteral("table"));
    const QCommandLineOption setOption(QStringLiteral("set"),
        QObject::tr("Add the calendar NAME, or replace the one of that name."), QStringLiteral("NAME"));
    const QCommandLineOption zoneOption(QStringLiteral("timezone"),
        QObject::tr("With --set: the time zone of the hours (IANA, e.g. Europe/Berlin)."), QStringLiteral("TZ"));
    const QCommandLineOption hoursOption(QStringLiteral("hours"),
        QObject::tr("With --set, repeatable: days and times, e.g. \"Mon-Fri "
                    "09:00-17:00\", \"Sun 22:00-06:00\" (ends the next day)."),
        QStringLiteral("HOURS"));
    const QCommandLineOption holidayOption(QStringLiteral("holiday"),
        QObject::tr("With --set, repeatable: a whole day off, e.g. "
                    "2025-12-25=Christmas."),
        QStringLiteral("DATE[=NAME]"));
    const QCommandLineOption teamOption(QStringLiteral("team"),
        QObject::tr("With --set, repeatable: a team that uses this calendar."), QStringLiteral("NAME"));
    const QCommandLineOption defaultOption(
        QStringLiteral("default"), QObject::tr("With --set: the calendar of every team without one."));
    const QCommandLineOption removeOption(
        QStringLiteral("remove"), QObject::tr("Remove the calendar NAME."), QStringLiteral("NAME"));
    parser.addOptions({ dbOption, formatOption, setOption, zoneOption, hoursOption, holidayOption, teamOption,
        defaultOption, removeOption });
    int exitCode = Done;
    if (!parseCommandLine(parser, arguments, &exitCode, QStringLiteral("calendar")))
        return exitCode;
    if (!parser.isSet(dbOption))
        return commandUsageError(QObject::tr("calendar needs --db FILE"));
    if (!parser.positionalArguments().isEmpty())
        return commandUsageError(QObject::tr("calendar takes no file arguments"));
    if (parser.isSet(setOption) && parser.isSet(removeOption))
        return commandUsageError(QObject::tr("--set and --remove cannot be used together"));
    const bool setting = parser.isSet(setOption);
    if (!setting) {
        for (const QCommandLineOption *option :
            { &zoneOption, &hoursOption, &holidayOption, &teamOption, &defaultOption }) {
            if (parser.isSet(*option))
                return commandUsageError(QObject::tr("--%1 goes with --set NAME").arg(option->names().constFirst()));
        }
    }
    const QString format = parser.value(formatOption);
    if (parser.isSet(formatOption) && (setting || parser.isSet(removeOption)))
        return commandUsageError(QObject::tr("--format is for listing the calendars"));
    if (format != QLatin1String("json") && format != QLatin1String("table"))
        return commandUsageError(QObject::tr("--format must be json or table, not \"%1\"").arg(format));

    // Everything the user typed is checked before the database is touched.
    BusinessCalendar calendar;
    if (setting) {
        calendar.name = parser.value(setOption).trimmed();
        if (calendar.name.isEmpty())
            return commandUsageError(QObject::tr("--set needs a calendar name"));
        if (!parser.isSet(zoneOption))
            return commandUsageError(QObject::tr("--set needs --timezone TZ (the zone the hours are in)"));
        const QTimeZone zone = timeZoneFromName(parser.value(zoneOption));
        if (!zone.isValid()) {
            return commandUsageError(QObject::tr("unknown time zone \"%1\" (use an IANA name such as Europe/Berlin)")
                                         .arg(parser.value(zoneOption)));
        }
        calendar.timeZoneId = QString::fromUtf8(zone.id());
        if (!parser.isSet(hoursOption))
            return commandUsageError(
                QObject::tr("--set needs at least one --hours, e.g. --hours \"Mon-Fri 09:00-17:00\""));
        for (const QString &text : parser.values(hoursOption)) {
            QString error;
            const std::optional<std::vector<BusinessShift>> shifts = parseWeeklyHours(text, &error);
            if (!shifts)
                return commandUsageError(QObject::tr("--hours %1").arg(error));
            calendar.shifts.insert(calendar.shifts.end(), shifts->begin(), shifts->end());
        }
        for (const QString &text : parser.values(holidayOption)) {
            const qsizetype equals = text.indexOf(QLatin1Char('='));
            const QDate day = QDate::fromString(text.left(equals).trimmed(), Qt::ISODate);
            if (!day.isValid())
                return commandUsageError(
                    QObject::tr("--holiday must be a date YYYY-MM-DD[=NAME], not \"%1\"").arg(text));
            calendar.holidays.emplace_back(day, equals < 0 ? QString() : text.mid(equals + 1).trimmed());
        }
        std::sort(calendar.holidays.begin(), calendar.holidays.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
        for (const QString &team : parser.values(teamOption))
            calendar.teams.append(team.trimmed());
        calendar.isDefault = parser.isSet(defaultOption);
        if (const std::optional<QString> problem = calendarProblem(calendar))
            return commandUsageError(*problem);
    }

    QString error;
    const auto mode = setting ? sqlite::Connection::Mode::ReadWriteCreate : sqlite::Connection::Mode::ReadWrite;
    std::optional<Database> database = Database::open(parser.value(dbOption), &error, mode);
    if (!database)
        return failure(error);

    if (parser.isSet(removeOption)) {
        const QString name = parser.value(removeOption).trimmed();
        if (!removeCalendar(*database, name, &error))
            return failure(error);
        out() << QObject::tr("Removed the calendar %1.").arg(name) << Qt::endl;
        return Done;
    }
    if (!setting)
        return listCalendars(*database, format);

    const std::optional<std::vector<BusinessCalendar>> before = loadCalendars(*database, &error);
    if (!before)
        return failure(error);
    const bool replacing = std::any_of(before->begin(), before->end(), [&](const BusinessCalendar &existing) {
        return existing.name.compare(calendar.name, Qt::CaseInsensitive) == 0;
    });
    if (!saveCalendar(*database, calendar, &error))
        return failure(error);
    out() << (replacing ? QObject::tr("Replaced the calendar %1 (%2): %3.")
                        : QObject::tr("Added the calendar %1 (%2): %3."))
                 .arg(calendar.name, calendar.timeZoneId, formatWeeklyHours(calendar.shifts).join(QStringLiteral("; ")))
          << Qt::endl;
    return Done;
}

} // namespace sl::cli
