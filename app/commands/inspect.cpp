#include "commands/command.h"
#include "csv/csvreader.h"
#include "import/inspector.h"
#include "import/kindpreview.h"
#include "import/kinds.h"
#include "import/kinds/eventlogimporter.h"
#include "import/valueparsers.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>

namespace sl::cli {

namespace {

QString delimiterText(char delimiter)
{
    return delimiter == '\t' ? QStringLiteral("\t") : QString(QLatin1Char(delimiter));
}

} // namespace

int runInspect(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Show how SupportLens would read a CSV file: encoding, delimiter, "
                                                 "detected profile, column mapping and the first records."));
    const QCommandLineOption rowsOption(
        QStringLiteral("rows"), QObject::tr("Records to show, or 'all'."), QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption formatOption(
        QStringLiteral("format"), QObject::tr("json or table."), QStringLiteral("FORMAT"), QStringLiteral("table"));
    const QCommandLineOption profileOption(
        QStringLiteral("profile"), QObject::tr("Force a source profile."), QStringLiteral("P"), QStringLiteral("auto"));
    const QCommandLineOption activityMapOption(QStringLiteral("activity-map"),
        QObject::tr("Event logs: roles of activities, as import takes them."), QStringLiteral("MAP"));
    parser.addOptions({ rowsOption, formatOption, profileOption, activityMapOption });
    parser.addPositionalArgument(QStringLiteral("FILE.csv"), QObject::tr("The file to inspect."));
    int exitCode = Done;
    if (!parseCommandLine(parser, arguments, &exitCode))
        return exitCode;
    if (parser.positionalArguments().size() != 1)
        return usageError(QObject::tr("inspect takes exactly one FILE.csv"));
    const QString format = parser.value(formatOption);
    if (format != QLatin1String("json") && format != QLatin1String("table"))
        return usageError(QObject::tr("--format must be json or table, not \"%1\"").arg(format));
    std::int64_t rows = -1;
    if (parser.value(rowsOption) != QLatin1String("all")) {
        bool ok = false;
        rows = parser.value(rowsOption).toLongLong(&ok);
        if (!ok || rows < 0)
            return usageError(
                QObject::tr("--rows must be a number or 'all', not \"%1\"").arg(parser.value(rowsOption)));
    }

    const QString path = parser.positionalArguments().constFirst();
    const FilePreview preview = previewFile(path, rows, parser.value(profileOption));
    if (!preview.ok) {
        err() << path << ": " << preview.error << Qt::endl;
        return Failed;
    }

    QJsonObject mapping;
    if (preview.match) {
        for (const ColumnBinding &binding : preview.match->bindings)
            mapping.insert(preview.header.value(binding.column), fieldId(binding.field));
    }
    QString profileId = preview.match
        ? QString::fromLatin1(preview.match->profile->id.data(), qsizetype(preview.match->profile->id.size()))
        : QString();
    // An event log, when its profile recognises more than a ticket profile does (as import
    // decides): its mapping, and every activity with the role import will give it.
    QString mapError;
    if (!parseActivityMap(parser.value(activityMapOption), &mapError))
        return usageError(QObject::tr("--activity-map: %1").arg(mapError));
    std::optional<EventLogOverview> events;
    if (!preview.match || preview.match->profile->generic)
        events = inspectEventLog(path, parser.value(profileOption), parser.value(activityMapOption), &mapError);
    if (events && events->match.score < (preview.match ? preview.match->score : 0))
        events.reset();
    if (events) {
        mapping = QJsonObject();
        for (const auto &[column, field] : events->match.columnFields)
            mapping.insert(column, field);
        profileId = events->match.profile;
    }
    // Calls, surveys, customers, costs and QA reviews: the kind import would read it as.
    std::optional<KindPreview> otherKind;
    QString profileMessage = preview.profileMessage;
    if (!events) {
        KindPreview kindPreview = previewKind(preview.header, QStringLiteral("auto"), parser.value(profileOption));
        if (kindPreview.refused)
            profileMessage = kindPreview.message; // what import would say of it
        else if (kindPreview.kind && *kindPreview.kind != RecordKind::Tickets
            && *kindPreview.kind != RecordKind::Events)
            otherKind = std::move(kindPreview);
    }
    if (otherKind) {
        mapping = QJsonObject();
        for (const auto &[column, field] : otherKind->columnFields)
            mapping.insert(column, field);
        profileId = otherKind->profile;
    }
    const bool recognised = preview.match || events || otherKind;

    if (format == QLatin1String("json")) {
        QJsonObject json;
        json.insert(QStringLiteral("encoding"), encodingName(preview.format.encoding));
        json.insert(QStringLiteral("bom"), preview.format.bom);
        json.insert(QStringLiteral("delimiter"), delimiterText(preview.format.delimiter));
        json.insert(QStringLiteral("kind"),
            events              ? QJsonValue(QStringLiteral("events"))
                : otherKind     ? QJsonValue(recordKindName(*otherKind->kind))
                : preview.match ? QJsonValue(QStringLiteral("tickets"))
                                : QJsonValue());
        json.insert(QStringLiteral("profile"), recognised ? QJsonValue(profileId) : QJsonValue());
        if (events) {
            QJsonArray activities;
            for (const ActivityUse &use : events->activities) {
                activities.append(QJsonObject { { QStringLiteral("activity"), use.name },
                    { QStringLiteral("role"), activityRoleName(use.role) },
                    { QStringLiteral("events"), qint64(use.events) } });
            }
            json.insert(QStringLiteral("activities"), activities);
        }
        json.insert(QStringLiteral("columns"), QJsonArray::fromStringList(preview.header));
        json.insert(QStringLiteral("mapping"), mapping);
        if (!recognised) {
            json.insert(QStringLiteral("message"), profileMessage);
            if (preview.closest.profile) {
                json.insert(QStringLiteral("closest_profile"),
                    QString::fromLatin1(
                        preview.closest.profile->id.data(), qsizetype(preview.closest.profile->id.size())));
                json.insert(QStringLiteral("missing"), QJsonArray::fromStringList(preview.closest.missingSignature));
            }
        }
        QJsonArray jsonRows;
        for (const QStringList &row : preview.rows)
            jsonRows.append(QJsonArray::fromStringList(row));
        json.insert(QStringLiteral("rows"), jsonRows);
        out() << QJsonDocument(json).toJson(QJsonDocument::Indented) << Qt::flush;
        return Done;
    }

    QTextStream &o = out();
    o << QObject::tr("File:       %1").arg(path) << '\n';
    o << QObject::tr("Encoding:   %1%2")
             .arg(encodingName(preview.format.encoding), preview.format.bom ? QObject::tr(" (with BOM)") : QString())
      << '\n';
    o << QObject::tr("Delimiter:  %1")
             .arg(preview.format.delimiter == '\t' ? QStringLiteral("TAB")
                                                   : QString(QLatin1Char(preview.format.delimiter)))
      << '\n';
    if (events) {
        o << QObject::tr("Kind:       events") << '\n';
        o << QObject::tr("Profile:    %1 (%2)").arg(profileId, events->match.displayName) << '\n';
        o << QObject::tr("Tickets:    %1, from %2 events").arg(events->cases).arg(events->events) << '\n';
    } else if (otherKind) {
        o << QObject::tr("Kind:       %1").arg(recordKindName(*otherKind->kind)) << '\n';
        o << QObject::tr("Profile:    %1 (%2)").arg(profileId, otherKind->displayName) << '\n';
    } else if (preview.match) {
        o << QObject::tr("Kind:       tickets") << '\n';
        o << QObject::tr("Profile:    %1 (%2)")
                 .arg(profileId,
                     QString::fromUtf8(preview.match->profile->displayName.data(),
                         qsizetype(preview.match->profile->displayName.size())))
          << '\n';
    } else {
        o << QObject::tr("Profile:    none fits: %1").arg(profileMessage) << '\n';
    }
    o << QObject::tr("Columns:") << '\n';
    qsizetype width = 0;
    for (const QString &name : preview.header)
        width = std::max(width, name.size());
    for (qsizetype i = 0; i < preview.header.size(); ++i) {
        const QString field = mapping.value(preview.header[i]).toString();
        o << QStringLiteral("  %1  %2  %3\n")
                 .arg(i + 1, 3)
                 .arg(preview.header[i], -int(width))
                 .arg(!recognised          ? QStringLiteral("")
                         : field.isEmpty() ? QObject::tr("(kept as an extra column)")
                                           : QStringLiteral("-> ") + field);
    }
    if (events) {
        o << QObject::tr("Activities (override with --activity-map \"Activity=role;...\"):") << '\n';
        for (const ActivityUse &use : events->activities)
            o << QStringLiteral("  ") << describeActivityUse(use) << '\n';
    }
    o << QObject::tr("First %n record(s):", nullptr, int(preview.rows.size())) << '\n';
    for (const QStringList &row : preview.rows) {
        QStringList shown;
        for (QString cell : row) {
            cell.replace(QLatin1Char('\n'), QStringLiteral("\\n")).replace(QLatin1Char('\r'), QStringLiteral("\\r"));
            if (cell.size() > 40)
                cell = cell.left(39) + QStringLiteral("…");
            shown.append(cell);
        }
        o << QStringLiteral("  ") << shown.join(QStringLiteral(" | ")) << '\n';
    }
    o << Qt::flush;
    return Done;
}

} // namespace sl::cli
