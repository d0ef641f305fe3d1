#pragma once

// Which kind of export a header is (tickets, calls, surveys, …) and which profile reads it,
// decided exactly as runImport decides it: what `inspect` prints and the import dialog shows.
// Apart from inspector.h because it reaches every kind's importer (and so the store), which the
// fuzz targets of the file preview do not link.

#include "import/kinds.h"
#include "import/profiles.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace sl {

// Which kind of export a header is, decided as runImport decides it, for the import dialog.
struct KindPreview
{
    std::optional<RecordKind> kind; // empty: nothing reads the header (`message` says why)
    QString profile;                // the profile id
    QString displayName;
    std::vector<std::pair<QString, QString>> columnFields; // header name -> field id, after `overrides`
    QStringList fieldChoices;                              // the field ids a column may take
    int extraHeaderRows = 0; // rows after the header that are more header (Qualtrics: 2), not records
    std::optional<ProfileMatch> ticketMatch;               // for tickets: the match, edits applied
    QString message;
    bool refused = false; // a kind recognises the file and refuses it (`message` says why)
    QString overrideError; // why the mapping edits cannot be imported (a field the kind needs has no column)
};
// `kind` is "auto" or a kind name, `profile` "auto" or a profile id. `overrides` are the mapping
// edits (ImportOptions::columnOverrides), applied as the import applies them for every kind,
// tickets included; edits the import would refuse say why in `overrideError`.
KindPreview previewKind(const QStringList &header, const QString &kind, const QString &profile,
                        const QHash<QString, QString> &overrides = {});

} // namespace sl
