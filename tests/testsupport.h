#pragma once

// Small helpers shared by the tests: where fixtures and ../shared live, writing scratch files,
// a fresh database, and a fingerprint of a whole database to prove "unchanged".

#include "store/database.h"
#include "store/sqlite.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

namespace sl::test {

inline QString fixturePath(const QString &relative)
{
    return QDir(QStringLiteral(SUPPORTLENS_FIXTURES_DIR)).filePath(relative);
}

// ../shared/data/<relative>, or an empty string when ../shared is not there (tests QSKIP then).
inline QString sharedDataPath(const QString &relative)
{
    const QString path = QDir(QStringLiteral(SUPPORTLENS_SHARED_DIR "/data")).filePath(relative);
    return QFileInfo::exists(path) ? path : QString();
}

inline QString writeFile(const QDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(bytes);
    return path;
}

// A new, empty database in `dir`, named db<number>.sqlite (a test counts its databases up). No
// test can go on without it, so a database that cannot be created ends the run with the reason.
inline Database freshDatabase(const QTemporaryDir &dir, int number)
{
    QString error;
    std::optional<Database> db = Database::open(dir.filePath(QStringLiteral("db%1.sqlite").arg(number)), &error);
    if (!db)
        qFatal("cannot create a test database: %s", qPrintable(error));
    return std::move(*db);
}

// Every row of every table, in a stable order, hashed: equal fingerprints mean equal content.
inline QByteArray databaseFingerprint(sqlite::Connection &connection)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QStringList tables;
    sqlite::Statement list = connection.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    while (list.step() == sqlite::Statement::StepResult::Row)
        tables.append(list.columnText(0));
    for (const QString &table : tables) {
        hash.addData(table.toUtf8());
        // Table names come from sqlite_master, not from input.
        const QByteArray sql = "SELECT * FROM \"" + table.toUtf8() + "\" ORDER BY 1";
        sqlite::Statement rows = connection.prepare(std::string_view(sql.constData(), std::size_t(sql.size())));
        while (rows.step() == sqlite::Statement::StepResult::Row) {
            for (int column = 0; column < rows.columnCount(); ++column) {
                const std::string_view text = rows.columnUtf8(column);
                hash.addData(QByteArrayView(text.data(), qsizetype(text.size())));
                hash.addData(rows.columnIsNull(column) ? QByteArrayView("\x01N") : QByteArrayView("\x01V"));
            }
        }
    }
    return hash.result().toHex();
}

} // namespace sl::test
