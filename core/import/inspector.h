#pragma once

// A first look at a file without importing it: format, header, the profile that would be
// used and the first records exactly as parsed. What `inspect` prints and the import dialog
// previews.

#include "csv/csvreader.h"
#include "import/kinds.h"
#include "import/profiles.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace sl {

struct FilePreview
{
    bool ok = false;
    QString error; // "line N: ..." when the file cannot be read as CSV
    CsvFormat format;
    QStringList header;
    std::vector<QStringList> rows; // as parsed, strings exactly as in the file
    std::optional<ProfileMatch> match;
    ProfileMatch closest;   // the nearest profile when none fits
    QString profileMessage; // why no profile fits, when none does
};

// maxRows < 0 reads every record.
FilePreview previewFile(const QString &filePath, std::int64_t maxRows, const QString &profile = {});

} // namespace sl
