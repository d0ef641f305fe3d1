#pragma once

// What an import is asked (ImportOptions) and what it answers (ImportReport), for every kind:
// the importers read the one and fill the other, services/importjob.h runs them.

#include "csv/csvreader.h"
#include "import/ticketmapper.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <cstdint>
#include <functional>
#include <vector>

namespace sl {

struct ImportOptions
{
    QString kind = QStringLiteral("auto"); // tickets, calls, surveys, customers, costs, qa, events; "auto" detects
    QString profile = QStringLiteral("auto"); // a profile id or family; "auto" detects
    QTimeZone timeZone = QTimeZone::systemTimeZone(); // for times the export writes without offset
    bool strict = false; // the first rejected row aborts the file
    QString activityMap; // event logs: "Activity=role;Activity=role" (reply, resolve, close, reopen, ignore)
    // Tickets: the day/month order of slashed dates when the user knows it; Unknown decides from the data.
    DateOrder dateOrder = DateOrder::Unknown;
    // The import dialog's mapping edits, header name -> field id of the detected kind ("" keeps the
    // column as an extra column); applied to the detected profile's bindings before the data is sampled.
    QHash<QString, QString> columnOverrides;
};

struct ImportReport
{
    enum class Outcome { Imported, Failed, Cancelled };
    Outcome outcome = Outcome::Failed;
    QString filePath;
    QString profile; // id of the profile used
    QString kind = QStringLiteral("tickets");
    CsvFormat format;
    std::int64_t rowsRead = 0; // data records, header excluded
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t rejected = 0;
    std::vector<RowIssue> issues; // one per rejected row, in file order (the first 10,000)
    QStringList notes; // decisions taken from the data, worth a look
    QString error; // Failed: "line N: what was expected" (file name not included)
    std::int64_t importId = 0;
};

// Called every few thousand rows; return false to cancel.
using ImportProgress = std::function<bool(std::int64_t bytesDone, std::int64_t bytesTotal)>;

} // namespace sl
