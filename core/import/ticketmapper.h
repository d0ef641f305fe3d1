#pragma once

// Mapper: header + CSV record -> typed TicketRow, or a RowIssue naming line, column and reason.
//
// The header alone does not say everything: whether 03/04/2024 is the 3rd of April or the 4th of
// March, or whether "First Response Time" holds timestamps or durations. A ColumnSampler looks
// at the data first and the TicketMapper is built from what it decided.

#include "csv/csvreader.h"
#include "domain/ticketfields.h"
#include "import/profiles.h"
#include "import/valueparsers.h"

#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <cstdint>
#include <optional>
#include <vector>

namespace sl {

struct RowIssue
{
    std::int64_t line = 0;
    QString column;  // header name, empty when the issue is about the whole row
    QString message; // what was expected and what was found
};

// What the data decided about the columns of one file.
struct ColumnDecisions
{
    std::vector<DateOrder> dateOrderByColumn; // DateOrder::Unknown where the data fits both
    std::vector<ColumnBinding> bindings;      // the profile's bindings, date-or-duration resolved
    QStringList notes;                        // decisions a user may want to know about
};

class ColumnSampler
{
public:
    ColumnSampler(const ProfileMatch &match, qsizetype columnCount);
    void observe(const CsvRecord &record);
    // True while a date column's day/month order is still open: reading on may settle it.
    bool undecided() const;
    // `forcedOrder` (not Unknown): the day/month order the user chose, instead of the data's.
    ColumnDecisions decisions(const QStringList &header, DateOrder forcedOrder = DateOrder::Unknown) const;

private:
    struct DateOrDurationVotes
    {
        std::int64_t dates = 0;
        std::int64_t durations = 0;
    };
    std::vector<ColumnBinding> m_bindings;
    std::vector<DateOrderDetector> m_detectors; // per column
    std::vector<bool> m_isDateColumn;
    std::vector<bool> m_needsOrder; // a date column holding day/month-first dates
    std::vector<DateOrDurationVotes> m_votes;  // per column
};

class TicketMapper
{
public:
    TicketMapper(const QStringList &header, ColumnDecisions decisions, const QTimeZone &timeZone);

    // Fills `row` from `record`; on a bad value returns false with `issue` filled.
    bool map(const CsvRecord &record, TicketRow &row, RowIssue &issue);

    const std::vector<ColumnBinding> &bindings() const { return m_decisions.bindings; }
    // Names of the columns no field takes, in the order of each row's extra values.
    const QStringList &extraColumnNames() const { return m_extraColumnNames; }

private:
    bool fail(RowIssue &issue, const CsvRecord &record, int column, const QString &message) const;
    void appendExtras(std::string &json, const CsvRecord &record) const;

    QStringList m_header;
    ColumnDecisions m_decisions;
    TimeZoneConverter m_zone;
    QStringList m_extraColumnNames;
    std::vector<int> m_extraColumns;           // the columns no field takes
    std::vector<std::int8_t> m_fieldOfColumn;  // per column: TicketField or -1
    std::vector<DurationUnit> m_unitOfColumn;  // per column, for duration fields
    std::vector<std::optional<TimeZoneConverter>> m_zoneOfColumn; // per column: the zone its header names
};

// JSON string escaping of UTF-8 text (quotes, backslash, control characters).
void appendJsonEscaped(std::string &out, std::string_view utf8);

} // namespace sl
