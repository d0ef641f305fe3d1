#include "shell/importrunner.h"

#include "store/database.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>
#include <QtConcurrent>

#include <chrono>

namespace sl::ui {

ImportRunner::ImportRunner(QObject *parent)
    : QObject(parent)
{ }

ImportRunner::~ImportRunner()
{
    cancel();
    m_task.waitForFinished();
}

bool ImportRunner::isRunning() const
{
    return m_running;
}

void ImportRunner::cancel()
{
    if (m_cancel)
        *m_cancel = true;
}

bool ImportRunner::start(const QString &databasePath, const QStringList &files, const ImportOptions &options)
{
    return start(databasePath, files, std::vector<ImportOptions>(std::size_t(files.size()), options));
}

bool ImportRunner::start(const QString &databasePath, const QStringList &files,
                         const std::vector<ImportOptions> &optionsPerFile)
{
    if (m_running || optionsPerFile.size() != std::size_t(files.size()))
        return false;
    m_running = true;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    QPointer<ImportRunner> self(this);
    m_task = QtConcurrent::run([self, cancel = m_cancel, databasePath, files, optionsPerFile] {
        std::vector<ImportReport> reports;
        QString error;
        std::optional<Database> database = Database::open(databasePath, &error, sqlite::Connection::Mode::ReadWrite);
        if (!database) {
            ImportReport failed;
            failed.outcome = ImportReport::Outcome::Failed;
            failed.filePath = files.value(0);
            failed.error = error;
            reports.push_back(failed);
        }
        for (int i = 0; database && i < files.size() && !*cancel; ++i) {
            const QString name = QFileInfo(files[i]).fileName();
            // At most about 20 updates a second: a queued signal per few thousand rows would
            // flood the UI thread's event queue on a fast import.
            auto lastReport = std::chrono::steady_clock::now() - std::chrono::seconds(1);
            const auto report = [&](double fraction) {
                const auto now = std::chrono::steady_clock::now();
                if (now - lastReport < std::chrono::milliseconds(50) && fraction < 1)
                    return;
                lastReport = now;
                QMetaObject::invokeMethod(
                    qApp,
                    [self, i, count = int(files.size()), name, fraction] {
                        if (self)
                            emit self->progress(i, count, name, fraction);
                    },
                    Qt::QueuedConnection);
            };
            report(0);
            const ImportOptions &options = optionsPerFile[std::size_t(i)];
            reports.push_back(runImport(*database, files[i], options, [&](std::int64_t done, std::int64_t total) {
                report(total > 0 ? double(done) / double(total) : 0);
                return !*cancel;
            }));
            report(1);
        }
        const bool cancelled = *cancel;
        QMetaObject::invokeMethod(
            qApp,
            [self, reports, cancelled] {
                if (!self)
                    return;
                self->m_running = false;
                emit self->finished(reports, cancelled);
            },
            Qt::QueuedConnection);
    });
    return true;
}

} // namespace sl::ui
