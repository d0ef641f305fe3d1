#include "shell/importrunner.h"

#include "store/database.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace sl::ui {

ImportRunner::ImportRunner(QObject *parent)
    : QObject(parent)
    , m_job(new BackgroundJob(this))
{
    connect(m_job, &BackgroundJob::progressed, this, [this](int file, double fraction) {
        if (m_running && file >= 0 && file < m_fileNames.size())
            emit progress(file, int(m_fileNames.size()), m_fileNames[file], fraction);
    });
}

ImportRunner::~ImportRunner()
{
    cancel();
    m_job->waitForDone();
}

bool ImportRunner::isRunning() const
{
    return m_running;
}

void ImportRunner::cancel()
{
    // Not the job's cancel(): a cancelled import still reports what it did (the files before).
    if (m_cancel)
        *m_cancel = true;
}

bool ImportRunner::start(const QString &databasePath, const QStringList &files, const ImportOptions &options)
{
    return start(databasePath, files, std::vector<ImportOptions>(std::size_t(files.size()), options));
}

namespace {

struct Outcome
{
    std::vector<ImportReport> reports;
    bool cancelled = false;
};

} // namespace

bool ImportRunner::start(const QString &databasePath, const QStringList &files,
                         const std::vector<ImportOptions> &optionsPerFile)
{
    if (m_running || optionsPerFile.size() != std::size_t(files.size()))
        return false;
    m_running = true;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_fileNames.clear();
    for (const QString &file : files)
        m_fileNames.append(QFileInfo(file).fileName());
    m_job->start(
        [cancel = m_cancel, databasePath, files, optionsPerFile](const JobProgress &progress) {
            Outcome outcome;
            QString error;
            std::optional<Database> database
                = Database::open(databasePath, &error, sqlite::Connection::Mode::ReadWrite);
            if (!database) {
                ImportReport failed;
                failed.outcome = ImportReport::Outcome::Failed;
                failed.filePath = files.value(0);
                failed.error = error;
                outcome.reports.push_back(failed);
            }
            for (int i = 0; database && i < files.size() && !*cancel; ++i) {
                progress.report(i, 0);
                const ImportOptions &options = optionsPerFile[std::size_t(i)];
                outcome.reports.push_back(
                    runImport(*database, files[i], options, [&](std::int64_t done, std::int64_t total) {
                        progress.report(i, total > 0 ? double(done) / double(total) : 0);
                        return !*cancel;
                    }));
                progress.report(i, 1);
            }
            outcome.cancelled = *cancel;
            return outcome;
        },
        [this](const Outcome &outcome) {
            m_running = false;
            emit finished(outcome.reports, outcome.cancelled);
        });
    return true;
}

} // namespace sl::ui
