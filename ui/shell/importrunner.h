#pragma once

// Imports CSV files into a database off the UI thread: core's runImport, one file after the
// other, through a BackgroundJob, with its own database connection (SQLite connections stay on
// the thread that opened them). Progress comes back as signals on the UI thread; cancel() stops
// at the next progress report, and a cancelled file leaves the database as it was.

#include "services/backgroundjob.h"
#include "services/importjob.h"

#include <QObject>
#include <QStringList>

#include <atomic>
#include <memory>
#include <vector>

namespace sl::ui {

class ImportRunner : public QObject
{
    Q_OBJECT

public:
    explicit ImportRunner(QObject *parent = nullptr);
    // Cancels a running import and waits for it: the worker must not outlive its database.
    ~ImportRunner() override;

    // Starts importing `files` into the database at `databasePath`. False when one is running.
    bool start(const QString &databasePath, const QStringList &files, const ImportOptions &options = {});
    // The same, with the options of each file (the import dialog's per-file kind, profile and mapping).
    bool start(const QString &databasePath, const QStringList &files, const std::vector<ImportOptions> &optionsPerFile);
    void cancel();
    bool isRunning() const;

signals:
    // `fraction` of file `fileIndex` (0-based) of `fileCount` is read.
    void progress(int fileIndex, int fileCount, const QString &fileName, double fraction);
    // One report per file that was started, in order; a cancel leaves the rest out.
    void finished(const std::vector<sl::ImportReport> &reports, bool cancelled);

private:
    BackgroundJob *m_job = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QStringList m_fileNames; // of the running import, for progress()
    bool m_running = false;
};

} // namespace sl::ui
