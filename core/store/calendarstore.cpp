#include "store/calendarstore.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace sl {

namespace {

using sqlite::Statement;

// Runs every query of a read; the first failure names what was being read.
class CalendarReader
{
public:
    explicit CalendarReader(Database &database)
        : m_database(database)
    { }

    bool read(std::vector<BusinessCalendar> *calendars, QString *error)
    {
        QHash<std::int64_t, std::size_t> indexById;
        Statement query = prepare("SELECT id, name, time_zone, is_default FROM calendars ORDER BY name COLLATE NOCASE");
        while (stepRow(query)) {
            BusinessCalendar calendar;
            calendar.name = query.columnText(1);
            calendar.timeZoneId = query.columnText(2);
            calendar.isDefault = query.columnInt(3) != 0;
            indexById.insert(query.columnInt(0), calendars->size());
            calendars->push_back(std::move(calendar));
        }
        query = prepare("SELECT calendar_id, weekday, start_min, end_min FROM calendar_shifts "
                        "ORDER BY calendar_id, weekday, start_min");
        while (stepRow(query)) {
            if (BusinessCalendar *calendar = find(*calendars, indexById, query.columnInt(0)))
                calendar->shifts.push_back(
                    { int(query.columnInt(1)), int(query.columnInt(2)), int(query.columnInt(3)) });
        }
        query = prepare("SELECT calendar_id, day, name FROM calendar_holidays ORDER BY calendar_id, day");
        while (stepRow(query)) {
            if (BusinessCalendar *calendar = find(*calendars, indexById, query.columnInt(0)))
                calendar->holidays.emplace_back(
                    QDate::fromString(query.columnText(1), Qt::ISODate), query.columnText(2));
        }
        query = prepare("SELECT team_calendars.calendar_id, teams.name FROM team_calendars "
                        "JOIN teams ON teams.id = team_calendars.team_id ORDER BY teams.name COLLATE NOCASE");
        while (stepRow(query)) {
            if (BusinessCalendar *calendar = find(*calendars, indexById, query.columnInt(0)))
                calendar->teams.append(query.columnText(1));
        }
        if (!m_failed)
            return true;
        *error = QObject::tr("%1: cannot read the business-hours calendars: %2").arg(m_database.path(), m_error);
        return false;
    }

private:
    Statement prepare(std::string_view sql)
    {
        Statement statement = m_database.connection().prepare(sql);
        if (!statement.isValid())
            fail(m_database.connection().lastError());
        return statement;
    }

    bool stepRow(Statement &statement)
    {
        if (m_failed || !statement.isValid())
            return false;
        const Statement::StepResult result = statement.step();
        if (result == Statement::StepResult::Error)
            fail(statement.lastError());
        return result == Statement::StepResult::Row;
    }

    void fail(const QString &message)
    {
        if (!m_failed)
            m_error = message;
        m_failed = true;
    }

    static BusinessCalendar *find(
        std::vector<BusinessCalendar> &calendars, const QHash<std::int64_t, std::size_t> &indexById, std::int64_t id)
    {
        const auto found = indexById.constFind(id);
        return found == indexById.constEnd() ? nullptr : &calendars[found.value()];
    }

    Database &m_database;
    bool m_failed = false;
    QString m_error;
};

// One write transaction: statements run in order until the first failure, which is kept, and
// nothing is committed after one.
class CalendarWriter
{
public:
    explicit CalendarWriter(Database &database)
        : m_connection(database.connection())
    { }

    bool run(std::string_view sql, const std::function<void(Statement &)> &bind = {})
    {
        if (!m_error.isEmpty())
            return false;
        Statement statement = m_connection.prepare(sql);
        if (!statement.isValid())
            return fail(m_connection.lastError());
        if (bind)
            bind(statement);
        if (statement.step() == Statement::StepResult::Error)
            return fail(statement.lastError());
        return true;
    }

    // The integer in the first column of the first row, if any.
    std::optional<std::int64_t> queryId(std::string_view sql, const std::function<void(Statement &)> &bind)
    {
        if (!m_error.isEmpty())
            return std::nullopt;
        Statement statement = m_connection.prepare(sql);
        if (!statement.isValid()) {
            fail(m_connection.lastError());
            return std::nullopt;
        }
        bind(statement);
        const Statement::StepResult result = statement.step();
        if (result == Statement::StepResult::Error)
            fail(statement.lastError());
        if (result != Statement::StepResult::Row)
            return std::nullopt;
        return statement.columnInt(0);
    }

    bool fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message.isEmpty() ? QObject::tr("unknown SQLite error") : message;
        return false;
    }

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    sqlite::Connection &connection() { return m_connection; }

private:
    sqlite::Connection &m_connection;
    QString m_error;
};

std::optional<std::int64_t> calendarIdByName(CalendarWriter &writer, const QString &name)
{
    // calendars.name is COLLATE NOCASE: "support eu" finds "Support EU".
    return writer.queryId("SELECT id FROM calendars WHERE name = ?1", [&](Statement &s) { s.bindText(1, name); });
}

// The id of every team by case-folded name; SQLite's NOCASE would fold ASCII only.
QHash<QString, std::int64_t> teamIdsByName(CalendarWriter &writer)
{
    QHash<QString, std::int64_t> ids;
    Statement query = writer.connection().prepare("SELECT id, name FROM teams ORDER BY id");
    if (!query.isValid()) {
        writer.fail(writer.connection().lastError());
        return ids;
    }
    Statement::StepResult result;
    while ((result = query.step()) == Statement::StepResult::Row) {
        const QString key = query.columnText(1).toCaseFolded();
        if (!ids.contains(key)) // the oldest of "Billing" and "billing" wins
            ids.insert(key, query.columnInt(0));
    }
    if (result == Statement::StepResult::Error)
        writer.fail(query.lastError());
    return ids;
}

} // namespace

std::optional<std::vector<BusinessCalendar>> loadCalendars(Database &database, QString *error)
{
    std::vector<BusinessCalendar> calendars;
    if (!CalendarReader(database).read(&calendars, error))
        return std::nullopt;
    return calendars;
}

bool saveCalendar(Database &database, const BusinessCalendar &calendar, QString *error)
{
    const QString name = calendar.name.trimmed();
    if (const std::optional<QString> problem = calendarProblem(calendar)) {
        *error = *problem;
        return false;
    }
    const auto failed = [&](const QString &why) {
        *error = QObject::tr("%1: cannot save the calendar %2: %3").arg(database.path(), name, why);
        return false;
    };
    sqlite::Transaction transaction(database.connection());
    if (!transaction.isActive())
        return failed(database.connection().lastError());

    CalendarWriter writer(database);
    if (calendar.isDefault)
        writer.run("UPDATE calendars SET is_default = 0 WHERE is_default <> 0");
    // Replacing keeps the calendar's id, so nothing else pointing at it needs to change.
    std::optional<std::int64_t> id = calendarIdByName(writer, name);
    if (id) {
        writer.run("UPDATE calendars SET name = ?1, time_zone = ?2, is_default = ?3 WHERE id = ?4", [&](Statement &s) {
            s.bindText(1, name);
            s.bindText(2, calendar.timeZoneId);
            s.bindInt(3, calendar.isDefault ? 1 : 0);
            s.bindInt(4, *id);
        });
        for (const std::string_view sql : { "DELETE FROM calendar_shifts WHERE calendar_id = ?1",
                 "DELETE FROM calendar_holidays WHERE calendar_id = ?1",
                 "DELETE FROM team_calendars WHERE calendar_id = ?1" }) {
            writer.run(sql, [&](Statement &s) { s.bindInt(1, *id); });
        }
    } else if (writer.run("INSERT INTO calendars (name, time_zone, is_default) VALUES (?1, ?2, ?3)", [&](Statement &s) {
                   s.bindText(1, name);
                   s.bindText(2, calendar.timeZoneId);
                   s.bindInt(3, calendar.isDefault ? 1 : 0);
               })) {
        id = database.connection().lastInsertRowId();
    }
    if (!writer.ok())
        return failed(writer.error());

    for (const BusinessShift &shift : calendar.shifts) {
        writer.run("INSERT INTO calendar_shifts (calendar_id, weekday, start_min, end_min) VALUES (?1, ?2, ?3, ?4)",
            [&](Statement &s) {
                s.bindInt(1, *id);
                s.bindInt(2, shift.weekday);
                s.bindInt(3, shift.startMinute);
                s.bindInt(4, shift.endMinute);
            });
    }
    for (const auto &[day, holidayName] : calendar.holidays) {
        writer.run("INSERT INTO calendar_holidays (calendar_id, day, name) VALUES (?1, ?2, ?3)", [&](Statement &s) {
            s.bindInt(1, *id);
            s.bindText(2, day.toString(Qt::ISODate));
            if (holidayName.trimmed().isEmpty())
                s.bindNull(3);
            else
                s.bindText(3, holidayName.trimmed());
        });
    }
    QHash<QString, std::int64_t> teamIds = teamIdsByName(writer);
    for (const QString &rawTeam : calendar.teams) {
        const QString team = rawTeam.trimmed();
        auto found = teamIds.constFind(team.toCaseFolded());
        if (found == teamIds.constEnd()) {
            if (!writer.run("INSERT INTO teams (name) VALUES (?1)", [&](Statement &s) { s.bindText(1, team); }))
                break;
            found = teamIds.insert(team.toCaseFolded(), database.connection().lastInsertRowId());
        }
        // team_id is the key: a team that used another calendar moves to this one.
        writer.run("INSERT OR REPLACE INTO team_calendars (team_id, calendar_id) VALUES (?1, ?2)", [&](Statement &s) {
            s.bindInt(1, found.value());
            s.bindInt(2, *id);
        });
    }
    if (writer.ok() && !database.bumpDataVersion())
        writer.fail(database.connection().lastError());
    if (!writer.ok())
        return failed(writer.error()); // the transaction rolls back
    if (!transaction.commit())
        return failed(database.connection().lastError());
    return true;
}

bool removeCalendar(Database &database, const QString &name, QString *error)
{
    const auto failed = [&](const QString &why) {
        *error = QObject::tr("%1: cannot remove the calendar %2: %3").arg(database.path(), name.trimmed(), why);
        return false;
    };
    sqlite::Transaction transaction(database.connection());
    if (!transaction.isActive())
        return failed(database.connection().lastError());
    CalendarWriter writer(database);
    const std::optional<std::int64_t> id = calendarIdByName(writer, name.trimmed());
    if (!writer.ok())
        return failed(writer.error());
    if (!id) {
        *error = QObject::tr("%1: there is no calendar named %2").arg(database.path(), name.trimmed());
        return false;
    }
    for (const std::string_view sql :
        { "DELETE FROM calendar_shifts WHERE calendar_id = ?1", "DELETE FROM calendar_holidays WHERE calendar_id = ?1",
            "DELETE FROM team_calendars WHERE calendar_id = ?1", "DELETE FROM calendars WHERE id = ?1" }) {
        writer.run(sql, [&](Statement &s) { s.bindInt(1, *id); });
    }
    if (writer.ok() && !database.bumpDataVersion())
        writer.fail(database.connection().lastError());
    if (!writer.ok())
        return failed(writer.error());
    if (!transaction.commit())
        return failed(database.connection().lastError());
    return true;
}

QStringList teamNames(Database &database)
{
    QStringList teams;
    sqlite::Statement query = database.connection().prepare("SELECT name FROM teams ORDER BY name COLLATE NOCASE");
    while (query.isValid() && query.step() == sqlite::Statement::StepResult::Row)
        teams.append(query.columnText(0));
    return teams;
}

} // namespace sl
