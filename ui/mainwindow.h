#pragma once

// The main window. For now a shell that opens a database and shows what it holds: its imports,
// its size and date range, and the newest tickets. Pages (overview, agents, tickets) come next.

#include <QMainWindow>
#include <QStringList>

#include <atomic>
#include <thread>

class QLabel;
class QStandardItemModel;
class QTableView;
class QProgressBar;

namespace sl::ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens `path` and shows it; on failure shows the reason and keeps the previous database.
    bool openDatabase(const QString &path);
    // Builds the demo database in the background if it does not exist yet, then opens it.
    void openDemo();
    QString databasePath() const { return m_databasePath; }

signals:
    void databaseOpened(const QString &path);

private:
    void chooseDatabase();
    void showSummary();

    QString m_databasePath;
    QLabel *m_summary = nullptr;
    QProgressBar *m_progress = nullptr;
    QStandardItemModel *m_importsModel = nullptr;
    QStandardItemModel *m_ticketsModel = nullptr;
    QTableView *m_importsView = nullptr;
    QTableView *m_ticketsView = nullptr;
    // The demo build runs here; closing the window cancels it and waits for it.
    std::thread m_demoBuild;
    std::atomic<bool> m_cancelDemoBuild{false};
};

// Where the built-in demo database lives (the user's data folder).
QString demoDatabasePath();

// Shows the window for `arguments` (--db FILE, else the last database, else the demo).
int runWindow(const QStringList &arguments);

} // namespace sl::ui
