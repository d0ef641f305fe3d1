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

// Which kind of export a header is, decided as runImport decides it, for the import dialog.
struct KindPreview
{
    std::optional<RecordKind> kind; // empty: nothing reads the header (`message` says why)
    QString profile;                // the profile id
    QString displayName;
    std::vector<std::pair<QString, QString>> columnFields; // header name -> field id
    std::optional<ProfileMatch> ticketMatch;               // for tickets: the match the mapping edits
    QString message;
    bool refused = false; // a kind recognises the file and refuses it (`message` says why)
};
// `kind` is "auto" or a kind name, `profile` "auto" or a profile id.
KindPreview previewKind(const QStringList &header, const QString &kind, const QString &profile);

} // namespace sl
