#pragma once

// The import pipeline for one file: reader -> sampler -> mapper -> writer, in one transaction.
//
// runImport() is synchronous and thread-agnostic: the CLI calls it directly, the window runs it
// in a worker thread with its own database connection. Progress is reported as bytes read of
// the file's size; returning false from the progress callback cancels, and a cancelled or failed
// file leaves the database exactly as it was.

#include "import/importoptions.h"

#include <QString>

namespace sl {

class Database;

ImportReport runImport(Database &database, const QString &filePath, const ImportOptions &options,
                       const ImportProgress &progress = {});

} // namespace sl
