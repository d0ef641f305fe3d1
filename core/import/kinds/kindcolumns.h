#pragma once

// What the customer, cost and QA importers share: header names bound to a kind's fields by
// synonyms, every other column kept as extra JSON (so nothing in the file is lost), a row's
// width checked against the header, values read the way billing and QA tools write them, and
// an upsert that tells inserted from updated from unchanged.
//
// These kinds have files of hundreds or thousands of rows, not millions: clarity wins over the
// ticket pipeline's batching here.

#include "csv/csvreader.h"
#include "import/kinds.h"
#include "import/ticketmapper.h"
#include "import/valueparsers.h"
#include "store/sqlite.h"
#include "store/upsert.h"

#include <QDate>
#include <QHash>
#include <QString>
#include <QStringList>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sl::kinds {

// "Customer_ID " -> "customerid", "MRR ($)" -> "mrr": letters and digits only, lower case, so
// that the spellings of one column meet in one key.
QString columnKey(const QString &header);

struct FieldSynonyms
{
    int field; // the kind's own field enum, as an int
    const char *id; // what `inspect` shows: "started_on", "score", ...
    std::vector<std::string_view> keys; // columnKey() forms, best first
};

// Which column holds which field of one file's header.
class KindColumns
{
public:
    KindColumns() = default;
    // Each field binds to the column matching its earliest synonym; a column binds once, to the
    // first field (in `fields` order) that claims it.
    KindColumns(const QStringList &header, const std::vector<FieldSynonyms> &fields, int fieldCount);

    int column(int field) const;
    bool has(int field) const { return column(field) >= 0; }
    int boundCount() const;
    const QStringList &header() const { return m_header; }
    QString name(int field) const { return m_header.value(column(field)); }

    // The user's mapping edits (header name -> field id, "" to keep the column as an extra one)
    // over the synonyms' choice: a field chosen for a column leaves the column it had, and the
    // column's own field, if any, is left without one. False with *error (nothing changed) when an
    // id is not one of `fields`. A name the header lacks is ignored (the dialog keeps edits per file).
    bool applyOverrides(
        const QHash<QString, QString> &overrides, const std::vector<FieldSynonyms> &fields, QString *error);

    // A column the kind reads other than through a field (a cost column per channel, say).
    void take(int column, const QString &fieldId);
    bool isTaken(int column) const;

    std::vector<std::pair<QString, QString>> columnFields() const; // header name -> field id
    // The columns nothing takes, under unique names, in the order of a row's extra values.
    QStringList extraColumnNames() const;

    // False with `issue` set when the record has fewer fields than the header, or a value past it.
    bool checkWidth(const CsvRecord &record, RowIssue &issue) const;
    std::string_view text(const CsvRecord &record, int field) const; // trimmed; empty when unbound
    // A JSON array of the extra values (trailing empty ones left out); empty when there are none.
    std::string extraJson(const CsvRecord &record) const;
    // A rejection of `record` at `column` (-1: the whole row).
    RowIssue issue(const CsvRecord &record, int column, const QString &message) const;

private:
    QStringList m_header;
    std::vector<int> m_columnOfField;
    std::vector<QString> m_idOfColumn; // empty: the column is extra
};

// The ids of `fields`, in order: the import dialog's choices.
QStringList fieldIds(const std::vector<FieldSynonyms> &fields);

// False with *error naming the first of `required` no column holds after the user's edits.
bool checkRequired(const KindColumns &columns, const std::vector<FieldSynonyms> &fields,
    const std::vector<int> &required, QString *error);

// Which fields of a profile the header lacks, by the first name of each, for the message.
QStringList missingNames(
    const KindColumns &columns, const std::vector<FieldSynonyms> &fields, const std::vector<int> &required);

// "\"text\"", cut at 60 characters, for messages.
QString quoted(std::string_view text);

// A money amount: a number with an optional currency symbol or ISO code before or after it
// ("$1,234.50", "1234,50 €", "EUR 99"). Null markers are no value.
Parsed<double> parseAmount(std::string_view text);

// The calendar day of a date or date-time: the wall-clock day when the text has no offset,
// else the day in `zone` of the instant it names.
QDate dayOf(const WallClock &wallClock, const QTimeZone &zone);

// Feeds a date column's values to a detector and says what it decided, for the notes.
QString dateOrderNote(const QString &column, const DateOrderDetector &detector);

// store/upsert.h's runUpsert as an importer's outcome (*error set when it failed). The kinds
// whose writers are still here use it; a kind with its writer in store maps that writer's
// outcome with outcomeOf().
KindImporter::Outcome runUpsert(
    sqlite::Connection &connection, sqlite::Statement &exists, sqlite::Statement &upsert, QString *error);
KindImporter::Outcome outcomeOf(UpsertOutcome outcome, const sqlite::Connection &connection, QString *error);

using sl::bindExternalId;
using sl::bindOptionalText;

} // namespace sl::kinds
