#pragma once

// Business-hours calendars in the database (tables calendars, calendar_shifts,
// calendar_holidays, team_calendars; see the 1 -> 2 migration in database.cpp).
//
// Every write is one transaction that also bumps the data version, so a cached snapshot never
// outlives the calendars it was computed with. Foreign keys are not enforced in this database:
// the rows that belong to a calendar are replaced and deleted here, explicitly.

#include "domain/businesscalendar.h"
#include "store/database.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace sl {

// Every calendar, by name (any case), with its shifts, holidays and teams. On a database error
// returns nullopt and says why in *error.
std::optional<std::vector<BusinessCalendar>> loadCalendars(Database &database, QString *error);

// Inserts `calendar`, or replaces the one of the same name (any case) with all its shifts,
// holidays and teams. A team named there that the database does not know yet is added; a team
// that used another calendar moves to this one. Marking it the default clears the mark from the
// others. A calendar failing calendarProblem() is refused. False with a sentence in *error when
// nothing was written.
bool saveCalendar(Database &database, const BusinessCalendar &calendar, QString *error);

// Deletes the calendar named `name` (any case) and its rows; its teams fall back to the default
// calendar. False with *error when there is no such calendar or the write fails.
bool removeCalendar(Database &database, const QString &name, QString *error);

// The teams a calendar can be assigned to, by name without regard to case.
QStringList teamNames(Database &database);

} // namespace sl
