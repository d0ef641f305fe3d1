#include "store/importlog.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace sl {

namespace {

QString jsonArray(const QStringList &values)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

} // namespace

std::optional<std::int64_t> recordImportStart(sqlite::Connection &connection, const ImportStart &start)
{
    const QFileInfo info(start.filePath);
    sqlite::Statement insert = connection.prepare(
        "INSERT INTO imports (file_name, file_path, file_size, kind, profile, encoding, delimiter, timezone, "
        "started_at, extra_columns) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    insert.bindText(1, info.fileName());
    insert.bindText(2, info.absoluteFilePath());
    insert.bindInt(3, info.size());
    insert.bindText(4, start.kind);
    insert.bindText(5, start.profile);
    insert.bindText(6, start.encoding);
    insert.bindText(7, start.delimiter);
    insert.bindText(8, start.timeZone);
    insert.bindInt(9, QDateTime::currentSecsSinceEpoch());
    if (start.extraColumns)
        insert.bindText(10, jsonArray(*start.extraColumns));
    else
        insert.bindNull(10);
    if (!insert.run())
        return std::nullopt;
    return connection.lastInsertRowId();
}

bool recordImportEnd(sqlite::Connection &connection, std::int64_t importId, const ImportCounts &counts)
{
    sqlite::Statement finish = connection.prepare(
        "UPDATE imports SET sha256 = ?1, finished_at = ?2, rows_read = ?3, inserted = ?4, updated = ?5, "
        "unchanged = ?6, rejected = ?7, extra_columns = coalesce(?8, extra_columns) WHERE id = ?9");
    finish.bindText(1, counts.sha256);
    finish.bindInt(2, QDateTime::currentSecsSinceEpoch());
    finish.bindInt(3, counts.rowsRead);
    finish.bindInt(4, counts.inserted);
    finish.bindInt(5, counts.updated);
    finish.bindInt(6, counts.unchanged);
    finish.bindInt(7, counts.rejected);
    if (counts.extraColumns)
        finish.bindText(8, jsonArray(*counts.extraColumns));
    else
        finish.bindNull(8);
    finish.bindInt(9, importId);
    return finish.run();
}

} // namespace sl
