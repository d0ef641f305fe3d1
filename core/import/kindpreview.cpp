#include "import/kindpreview.h"

#include "domain/ticketfields.h"

#include <QObject>

namespace sl {

namespace {

QStringList ticketFieldIds()
{
    QStringList ids;
    for (int field = 0; field < ticketFieldCount; ++field)
        ids.append(fieldId(TicketField(field)));
    return ids;
}

} // namespace

KindPreview previewKind(const QStringList &header, const QString &kind, const QString &profile,
                        const QHash<QString, QString> &overrides)
{
    // The same order of preference as runImport: a help desk's own ticket profile, else the
    // kind that recognises the most columns, else the generic ticket profile.
    KindPreview result;
    std::optional<RecordKind> forcedKind;
    if (!kind.isEmpty() && kind != QLatin1String("auto")) {
        forcedKind = recordKindFromName(kind);
        if (!forcedKind) {
            result.message = QObject::tr("unknown kind \"%1\"").arg(kind);
            return result;
        }
    }
    const ProfileDetection detection = !forcedKind || *forcedKind == RecordKind::Tickets
                                           ? detectTicketProfile(header, profile)
                                           : ProfileDetection{};
    const bool specificTickets = detection.match && !detection.match->profile->generic;
    if (!specificTickets && (!forcedKind || *forcedKind != RecordKind::Tickets)) {
        const std::vector<std::unique_ptr<KindImporter>> importers = createKindImporters();
        KindImporter *bestImporter = nullptr;
        KindMatch best;
        for (const std::unique_ptr<KindImporter> &importer : importers) {
            if (forcedKind && importer->kind() != *forcedKind)
                continue;
            KindMatch match = importer->match(header, profile);
            if (match.score > best.score || (!match.refusal.isEmpty() && best.score == 0)) {
                best = std::move(match);
                bestImporter = importer.get();
            }
        }
        const int genericScore = detection.match ? detection.match->score : 0;
        if (!best.refusal.isEmpty() && best.score >= genericScore) {
            result.message = best.refusal;
            result.refused = true;
            return result;
        }
        if (bestImporter && best.score > 0 && best.score >= genericScore) {
            result.kind = best.kind;
            result.profile = best.profile;
            result.displayName = best.displayName;
            result.fieldChoices = best.fieldChoices;
            result.extraHeaderRows = best.extraHeaderRows;
            bestImporter->applyOverrides(header, overrides, best, &result.overrideError);
            result.columnFields = std::move(best.columnFields);
            return result;
        }
        if (forcedKind) {
            result.message = best.missing.isEmpty()
                ? QObject::tr("the header is not one of a %1 export this version reads").arg(kind)
                : QObject::tr("the header is not one of a %1 export this version reads (missing: %2)")
                      .arg(kind, best.missing.join(QStringLiteral(", ")));
            return result;
        }
    }
    if (!detection.match) {
        result.message = detection.message;
        return result;
    }
    const SourceProfile &chosen = *detection.match->profile;
    result.kind = RecordKind::Tickets;
    result.profile = QString::fromLatin1(chosen.id.data(), qsizetype(chosen.id.size()));
    result.displayName = QString::fromUtf8(chosen.displayName.data(), qsizetype(chosen.displayName.size()));
    // The edits applied here as for every other kind, as the import applies them.
    ProfileMatch match = *detection.match;
    applyColumnOverrides(match, header, overrides, &result.overrideError);
    for (const ColumnBinding &binding : match.bindings)
        result.columnFields.emplace_back(header.value(binding.column), fieldId(binding.field));
    result.ticketMatch = std::move(match);
    result.fieldChoices = ticketFieldIds();
    return result;
}

} // namespace sl
