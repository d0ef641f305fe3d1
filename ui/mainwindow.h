#pragma once

// The main window: wires the filter bar, the pages, the menus and the status bar to one
// DashboardController. It owns no computation: loading, computing and importing run off the UI
// thread (DashboardController, ImportRunner), and the pages only show what comes back.

#include <QMainWindow>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

class QLabel;
class QMenu;
class QProgressBar;
class QTabWidget;

namespace sl::ui {

class AgentsPage;
class DashboardController;
class FilterBar;
class BackgroundJob;
class ImportRunner;
class OverviewPage;
class Settings;
class TicketsPage;
struct DashboardRequest;
struct FilterState;
struct LoadedDatabase;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `settings`: where the window keeps its state; the application's settings by default.
    explicit MainWindow(std::unique_ptr<Settings> settings = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens `path` in the background; on failure shows the reason and keeps the database shown.
    void openDatabase(const QString &path);
    // Builds the demo database in the background if it does not exist yet, then opens it.
    void openDemo();
    // Opens the import dialog on CSV files (preview, mapping, then the import with progress and
    // Cancel); the report follows, and the database is loaded again.
    void importFiles(const QStringList &files);
    QString databasePath() const;

    DashboardController *controller() const { return m_controller; }
    FilterBar *filterBar() const { return m_filterBar; }
    OverviewPage *overviewPage() const { return m_overview; }
    TicketsPage *ticketsPage() const { return m_tickets; }
    QTabWidget *pages() const { return m_pages; }
    Settings &settings() const { return *m_settings; }
    // The request the filter bar and the Overview's choices make now.
    DashboardRequest dashboardRequest() const;

signals:
    void databaseOpened(const QString &path);
    void importFinished();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createMenus();
    void createStatusBar();
    void chooseDatabase();
    void newDatabase();
    void chooseImportFiles();
    void exportReport();
    void printReport();
    void updateRecentMenu();
    void databaseLoaded(const LoadedDatabase &database);
    void filtersChanged(const FilterState &state);
    void requestDashboard();
    void setBusy(bool busy);
    void showTicketsOf(const std::function<void()> &show);

    std::unique_ptr<Settings> m_settings;
    DashboardController *m_controller = nullptr;
    ImportRunner *m_importRunner = nullptr;
    FilterBar *m_filterBar = nullptr;
    QTabWidget *m_pages = nullptr;
    OverviewPage *m_overview = nullptr;
    AgentsPage *m_agents = nullptr;
    TicketsPage *m_tickets = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_importAction = nullptr;
    QLabel *m_databaseLabel = nullptr;
    QLabel *m_rangeLabel = nullptr;
    QLabel *m_ticketsLabel = nullptr;
    QLabel *m_busyLabel = nullptr;
    QProgressBar *m_busyBar = nullptr;
    QString m_pendingPath; // being opened, not loaded yet
    // The demo build runs here; closing the window cancels it and waits for it.
    BackgroundJob *m_demoBuild = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancelDemoBuild = std::make_shared<std::atomic<bool>>(false);
};

// Where the built-in demo database lives (the user's data folder).
QString demoDatabasePath();

// Shows the window for `arguments` (--db FILE, --demo, else the last database, else the demo).
int runWindow(const QStringList &arguments);

} // namespace sl::ui
