#include "services/demobuilder.h"

#include "services/demogenerator.h"
#include "services/importjob.h"
#include "store/database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QTemporaryDir>

namespace sl {

namespace {

QDate endOfLastMonth()
{
    const QDate today = QDate::currentDate();
    return QDate(today.year(), today.month(), 1).addDays(-1);
}

void removeDatabaseFiles(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
}

} // namespace

DemoBuildResult buildDemoDatabase(const QString &path, const DemoBuildOptions &options,
                                  const std::function<bool(double)> &progress)
{
    DemoBuildResult result;
    if (QFileInfo::exists(path)) {
        result.error = QObject::tr("the file already exists: choose a new file name for the demo database");
        return result;
    }
    QTemporaryDir folder;
    if (!folder.isValid()) {
        result.error = QObject::tr("cannot create a temporary folder: %1").arg(folder.errorString());
        return result;
    }

    DemoOptions generator;
    generator.tickets = options.tickets;
    generator.seed = options.seed;
    generator.lastDay = options.lastDay.isValid() ? options.lastDay : endOfLastMonth();

    // Writing the export is about a third of the work, importing it the rest.
    const QString exportPath = folder.filePath(QStringLiteral("zendesk-tickets.csv"));
    const DemoWriteResult written = writeDemoExport(
        generator, DemoFormat::ZendeskLegacy, exportPath, [&progress](std::int64_t done, std::int64_t total) {
            return !progress || progress(0.3 * double(done) / double(std::max<std::int64_t>(total, 1)));
        });
    if (!written.ok) {
        result.error = written.error;
        return result;
    }

    // Built under a temporary name and renamed when complete, so an interrupted build never
    // leaves a half-filled demo behind.
    const QString partial = path + QStringLiteral(".partial");
    removeDatabaseFiles(partial);
    {
        QString error;
        std::optional<Database> database = Database::open(partial, &error);
        if (!database) {
            result.error = error;
            return result;
        }
        ImportOptions importOptions;
        importOptions.timeZone = QTimeZone::utc(); // the generator writes UTC
        importOptions.strict = true;
        const ImportReport report = runImport(*database, exportPath, importOptions,
                                              [&progress](std::int64_t done, std::int64_t total) {
                                                  return !progress
                                                         || progress(0.3 + 0.7 * double(done) / double(std::max<std::int64_t>(total, 1)));
                                              });
        if (report.outcome != ImportReport::Outcome::Imported) {
            result.error = report.outcome == ImportReport::Outcome::Cancelled ? QObject::tr("cancelled") : report.error;
            database.reset();
            removeDatabaseFiles(partial);
            return result;
        }
        result.tickets = report.inserted;
    }
    if (!QFile::rename(partial, path)) {
        removeDatabaseFiles(partial);
        result.error = QObject::tr("cannot create %1").arg(path);
        return result;
    }
    result.ok = true;
    result.lastDay = generator.lastDay;
    result.firstDay = generator.lastDay.addDays(1).addMonths(-generator.months);
    return result;
}

} // namespace sl
