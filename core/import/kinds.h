#pragma once

// The kinds of export besides help-desk tickets: calls, surveys, customers, costs, QA reviews,
// and ticket event logs. Each kind is a KindImporter in a file of its own (core/import/kinds/),
// registered in kinds.cpp. The shared pipeline (importjob.cpp, runKindImport) reads the file,
// asks every kind how well its header fits, and runs the best one inside one transaction:
//
//   match(header)            which profile of this kind claims the header, and how well
//   applyOverrides(...)      the user's edits of the column mapping (the import dialog)
//   observe(record) ...      the first records, to decide what only the data can tell
//   begin(...)               statements prepared, inside the import's transaction
//   write(record) ...        every record: mapped and written, or rejected with a reason
//   end(...)                 last writes (an event log writes its tickets here)
//
// A kind never commits, never builds SQL from file content (bound parameters only), and
// reports a bad value as a RowIssue naming the line, the column and what was expected.

#include "csv/csvreader.h"
#include "domain/recordkind.h"
#include "import/ticketmapper.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace sl {

class Database;
struct ImportOptions;

struct KindMatch
{
    RecordKind kind = RecordKind::Tickets;
    QString profile;         // e.g. "pwc-calls", "five9", "qualtrics", "generic"
    QString source;          // rows are keyed by (source, the export's own id)
    QString displayName;     // "PwC call-centre log"
    int score = 0;           // columns recognised; 0: this kind does not claim the header
    int extraHeaderRows = 0; // rows after the header that are more header (Qualtrics: 2)
    std::vector<std::pair<QString, QString>> columnFields; // header name -> field id, for `inspect`
    QStringList fieldChoices; // every field id the profile reads, for the import dialog's mapping
    QStringList missing;     // what the closest profile lacks, when it does not claim the header
    QString refusal;         // non-empty: the kind recognises the file and refuses it (say why)
};

class KindImporter
{
public:
    enum class Outcome { Inserted, Updated, Unchanged, Rejected, Failed };

    virtual ~KindImporter() = default;
    virtual RecordKind kind() const = 0;

    // The best profile of this kind for the header; score 0 when none claims it.
    // `forcedProfile` is empty or "auto" for detection, else a profile id of this kind.
    virtual KindMatch match(const QStringList &header, const QString &forcedProfile) const = 0;

    // The user's mapping edits (ImportOptions::columnOverrides: header name -> field id, "" to keep
    // the column as an extra one) on top of what match() bound, before observe(). A field chosen
    // for a column leaves the column it had. Updates `match`'s columnFields. False with *error when
    // an id is not one of match.fieldChoices (nothing changed), or when the edits leave no column for
    // a field the kind needs (columnFields then show the edits, for the import dialog to show).
    virtual bool applyOverrides(const QStringList &header, const QHash<QString, QString> &overrides, KindMatch &match,
                                QString *error) = 0;

    // The first records of the file (up to a few thousand, after any extra header rows).
    virtual void observe(const CsvRecord &record) { (void)record; }

    // After sampling, inside the import's transaction. False with *error set refuses the file.
    virtual bool begin(Database &database, std::int64_t importId, const KindMatch &match, const QStringList &header,
                       const ImportOptions &options, QString *error) = 0;

    // One record. Rejected: `issue` says why (the row is skipped). Failed: the database refused;
    // *error says why and the whole file is rolled back.
    virtual Outcome write(const CsvRecord &record, RowIssue &issue, QString *error) = 0;

    // After the last record. May write more (and add to the counts); false with *error fails the file.
    virtual bool end(std::int64_t *inserted, std::int64_t *updated, std::int64_t *unchanged, QString *error)
    {
        (void)inserted, (void)updated, (void)unchanged, (void)error;
        return true;
    }

    // Decisions taken from the data that a user may want to know about.
    virtual QStringList notes() const { return {}; }
    // The names of the columns no field takes (stored per row as JSON in `extra`).
    virtual QStringList extraColumnNames() const { return {}; }
};

// A fresh importer of every kind but tickets (whose pipeline is importjob.cpp's own).
std::vector<std::unique_ptr<KindImporter>> createKindImporters();

} // namespace sl
