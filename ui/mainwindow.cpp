#include "mainwindow.h"

#include "agents/agentspage.h"
#include "agents/leaderboardmodel.h"
#include "dashboard/dashboardcontroller.h"
#include "services/backgroundjob.h"
#include "services/demobuilder.h"
#include "dialogs/calendardialog.h"
#include "dialogs/importdialog.h"
#include "dialogs/targetsdialog.h"
#include "overview/overviewpage.h"
#include "report/reportdialog.h"
#include "shell/importreportdialog.h"
#include "shell/importrunner.h"
#include "shell/settings.h"
#include "store/database.h"
#include "store/targetstore.h"
#include "tickets/ticketspage.h"
#include "widgets/filterbar.h"

#include <QApplication>
#include <QCloseEvent>
#include <QCommandLineParser>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressBar>
#include <QScreen>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

// Resources compiled into a static library must be registered by hand, outside any namespace.
static void initSupportLensResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace sl::ui {

namespace {

// What a dropped or chosen file must look like to be offered to the importer; the importer
// itself decides from the content.
bool looksLikeCsv(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("csv") || suffix == QLatin1String("tsv") || suffix == QLatin1String("txt");
}

QStringList csvFilesOf(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile() && looksLikeCsv(url.toLocalFile()))
            files.append(url.toLocalFile());
    }
    return files;
}

// The targets of the database at `path`; none when it has none or cannot be read (the
// dashboard then shows no target status, which is not worth a message box).
Targets targetsOf(const QString &path)
{
    QString error;
    std::optional<Database> database = Database::open(path, &error, sqlite::Connection::Mode::ReadWrite);
    std::optional<Targets> targets = database ? loadTargets(*database, &error) : std::nullopt;
    return targets.value_or(Targets{});
}

std::optional<QDate> localDate(const std::optional<QDateTime> &utc)
{
    if (!utc)
        return std::nullopt;
    return utc->toLocalTime().date();
}

} // namespace

QString demoDatabasePath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    return QDir(folder).filePath(QStringLiteral("demo.sqlite"));
}

MainWindow::MainWindow(std::unique_ptr<Settings> settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings ? std::move(settings) : std::make_unique<Settings>())
    , m_controller(new DashboardController(this))
    , m_importRunner(new ImportRunner(this))
{
    initSupportLensResources();
    setWindowTitle(tr("SupportLens"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/supportlens.svg")));
    setAcceptDrops(true);

    m_filterBar = new FilterBar(this);
    m_filterBar->setAccessibleName(tr("Filters"));
    m_filterBar->setState(m_settings->filters());

    m_pages = new QTabWidget(this);
    m_pages->setAccessibleName(tr("Pages"));
    m_pages->setDocumentMode(true);
    m_overview = new OverviewPage(m_pages);
    m_overview->setSettings(m_settings->overview());
    m_agents = new AgentsPage(m_pages);
    m_tickets = new TicketsPage(m_pages);
    m_pages->addTab(m_overview, tr("&Overview"));
    m_pages->addTab(m_agents, tr("&Agents"));
    m_pages->addTab(m_tickets, tr("&Tickets"));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    createMenus();
    createStatusBar();

    connect(m_filterBar, &FilterBar::stateChanged, this, &MainWindow::filtersChanged);
    connect(m_overview, &OverviewPage::trendOptionsChanged, this, &MainWindow::requestDashboard);
    connect(m_overview, &OverviewPage::settingsChanged, this,
        [this] { m_settings->setOverview(m_overview->settings()); });
    connect(m_overview, &OverviewPage::periodRequested, this,
        [this](const QDate &from, const QDate &to) { m_filterBar->setCustomDates(from, to); });
    connect(m_controller, &DashboardController::loaded, this, &MainWindow::databaseLoaded);
    connect(m_controller, &DashboardController::loaded, this, [this](const LoadedDatabase &database) {
        const Targets targets = targetsOf(database.path);
        m_overview->setTargets(targets);
        m_agents->leaderboardModel()->setTargets(targets);
    });
    connect(m_controller, &DashboardController::loadFailed, this, [this](const QString &path, const QString &error) {
        m_pendingPath.clear();
        statusBar()->clearMessage();
        QMessageBox::warning(this, tr("Cannot open database"),
            tr("%1 cannot be opened: %2").arg(QDir::toNativeSeparators(path), error));
    });
    connect(m_controller, &DashboardController::resultReady, m_overview, &OverviewPage::setResult);
    connect(m_controller, &DashboardController::busyChanged, this, &MainWindow::setBusy);
    connect(m_pages, &QTabWidget::currentChanged, this, [this] {
        // The other pages compute only when looked at: their request follows on the way in.
        const MetricsRequest request = dashboardRequest().period;
        if (m_pages->currentWidget() == m_agents && !m_controller->databasePath().isEmpty())
            m_agents->setRequest(request);
        else if (m_pages->currentWidget() == m_tickets && !m_controller->databasePath().isEmpty())
            m_tickets->setRequest(request);
    });
    connect(
        m_overview, &OverviewPage::ticketsRequested, this, [this](const MetricsRequest &request, TicketCohort cohort) {
            showTicketsOf([this, request, cohort] { m_tickets->showTickets(request, cohort); });
        });
    connect(m_overview, &OverviewPage::createdTicketsRequested, this,
        [this](const MetricsRequest &request, int weekday, int hour) {
            showTicketsOf([this, request, weekday, hour] { m_tickets->showTicketsCreatedAt(request, weekday, hour); });
        });
    connect(m_overview, &OverviewPage::taggedTicketsRequested, this,
        [this](const MetricsRequest &request, const QString &tag) {
            showTicketsOf([this, request, tag] { m_tickets->showTicketsTagged(request, tag); });
        });
    connect(m_importRunner, &ImportRunner::finished, this,
        [this](const std::vector<ImportReport> &reports, bool cancelled) {
            m_importAction->setEnabled(true);
            auto *dialog = new ImportReportDialog(reports, cancelled, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->open();
            // Imports bump the data version: loading again rebuilds the snapshot.
            if (!m_controller->databasePath().isEmpty())
                m_controller->open(m_controller->databasePath());
            m_tickets->reload();
            emit importFinished();
        });

    const QByteArray geometry = m_settings->windowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        // First start: most of the screen, so the overview's cards, trend and heat-map all show
        // without scrolling; never more than the screen has.
        QSize size(fontMetrics().averageCharWidth() * 190, fontMetrics().height() * 48);
        if (const QScreen *screen = QGuiApplication::primaryScreen()) {
            const QSize available = screen->availableGeometry().size();
            size = size.expandedTo(available * 0.9).boundedTo(available);
        }
        resize(size);
    }
    restoreState(m_settings->windowState());
}

MainWindow::~MainWindow()
{
    *m_cancelDemoBuild = true;
    if (m_demoBuild)
        m_demoBuild->waitForDone();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Database…"), this, &MainWindow::chooseDatabase);
    open->setShortcut(QKeySequence::Open);
    open->setStatusTip(tr("Open a SupportLens database"));
    QAction *create = file->addAction(tr("&New Database…"), this, &MainWindow::newDatabase);
    create->setShortcut(QKeySequence::New);
    create->setStatusTip(tr("Create an empty database to import exports into"));
    m_importAction = file->addAction(tr("&Import CSV…"), this, &MainWindow::chooseImportFiles);
    m_importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_importAction->setStatusTip(tr("Import help-desk CSV exports into the open database (or drop them on the window)"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    QAction *demo = file->addAction(tr("Open &Demo Data"), this, &MainWindow::openDemo);
    demo->setStatusTip(tr("Open the built-in demo database"));
    file->addSeparator();
    QAction *exportReport = file->addAction(tr("&Export Report…"), this, &MainWindow::exportReport);
    exportReport->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportReport->setStatusTip(tr("Write a meeting-ready PDF report of the period and filters shown"));
    QAction *print = file->addAction(tr("&Print…"), this, &MainWindow::printReport);
    print->setShortcut(QKeySequence::Print);
    print->setStatusTip(tr("Print the report of the period and filters shown"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *recompute = view->addAction(tr("&Recompute"), this, [this] {
        m_controller->recompute();
        if (m_pages->currentWidget() == m_tickets)
            m_tickets->reload();
    });
    recompute->setShortcut(QKeySequence::Refresh);
    recompute->setStatusTip(tr("Compute every figure again"));

    QMenu *settings = menuBar()->addMenu(tr("&Settings"));
    const auto needsDatabase = [this](const QString &title) {
        if (!databasePath().isEmpty())
            return true;
        QMessageBox::information(this, title, tr("Open a database first: these settings are kept in it."));
        return false;
    };
    QAction *targets = settings->addAction(tr("&Targets…"), this, [this, needsDatabase] {
        if (!needsDatabase(tr("Targets")))
            return;
        TargetsDialog dialog(databasePath(), this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        m_overview->setTargets(dialog.targets());
        m_agents->leaderboardModel()->setTargets(dialog.targets());
    });
    targets->setStatusTip(tr("Set a target per KPI; cards, trend and leaderboard show whether it is met"));
    QAction *hours = settings->addAction(tr("&Business Hours…"), this, [this, needsDatabase] {
        if (!needsDatabase(tr("Business Hours")))
            return;
        CalendarDialog dialog(databasePath(), this);
        if (dialog.exec() != QDialog::Accepted || !dialog.changed())
            return;
        // The calendar writes bumped the data version: loading again rebuilds the snapshot with
        // the new business hours, and every page recomputes from it.
        m_controller->open(databasePath());
        m_tickets->reload();
    });
    hours->setStatusTip(tr("Edit the team calendars behind the business-hours figures"));
    updateRecentMenu();
}

void MainWindow::createStatusBar()
{
    m_busyLabel = new QLabel(this);
    m_busyLabel->setAccessibleName(tr("Activity"));
    m_busyBar = new QProgressBar(this);
    m_busyBar->setAccessibleName(tr("Activity progress"));
    m_busyBar->setRange(0, 0);
    m_busyBar->setMaximumWidth(fontMetrics().averageCharWidth() * 16);
    m_busyBar->setMaximumHeight(fontMetrics().height());
    m_busyBar->setTextVisible(false);
    m_busyBar->setVisible(false);
    m_databaseLabel = new QLabel(tr("No database open"), this);
    m_databaseLabel->setAccessibleName(tr("Database"));
    m_rangeLabel = new QLabel(this);
    m_rangeLabel->setAccessibleName(tr("Date range of the data"));
    m_ticketsLabel = new QLabel(this);
    m_ticketsLabel->setAccessibleName(tr("Tickets in the database"));
    statusBar()->addWidget(m_busyLabel);
    statusBar()->addWidget(m_busyBar);
    statusBar()->addPermanentWidget(m_databaseLabel);
    statusBar()->addPermanentWidget(m_rangeLabel);
    statusBar()->addPermanentWidget(m_ticketsLabel);
}

void MainWindow::exportReport()
{
    auto *dialog = new ReportDialog(databasePath(), m_controller->snapshot(), dashboardRequest().period, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReportDialog::exported, this, [this](const QString &path, int pages) {
        statusBar()->showMessage(tr("Report written to %1 (%n page(s))", nullptr, pages).arg(QFileInfo(path).fileName()),
                                 10000);
    });
    dialog->open();
}

void MainWindow::printReport()
{
    ReportDialog::print(databasePath(), m_controller->snapshot(), dashboardRequest().period, this);
}

QString MainWindow::databasePath() const
{
    return m_controller->databasePath();
}

DashboardRequest MainWindow::dashboardRequest() const
{
    const FilterState state = m_filterBar->state();
    DashboardRequest request;
    const auto [from, to] = m_filterBar->dates();
    request.period.from = from;
    request.period.to = to;
    request.period.zone = QTimeZone::systemTimeZone();
    request.period.filter = state.filter;
    request.compare = state.compare;
    request.compareLastYear = state.compareLastYear;
    request.trendBucket = m_overview->trendBucket();
    request.trendSpan = m_overview->trendSpan();
    return request;
}

void MainWindow::openDatabase(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        QMessageBox::warning(this, tr("Cannot open database"),
            tr("%1 does not exist (any more).").arg(QDir::toNativeSeparators(path)));
        m_settings->removeRecentFile(path);
        updateRecentMenu();
        return;
    }
    m_pendingPath = path;
    statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    m_controller->open(path);
}

void MainWindow::databaseLoaded(const LoadedDatabase &database)
{
    m_pendingPath.clear();
    statusBar()->clearMessage();
    m_settings->setLastDatabase(database.path);
    m_settings->addRecentFile(database.path);
    updateRecentMenu();
    setWindowFilePath(database.path);

    const QLocale locale;
    const std::optional<QDate> first = localDate(database.summary.firstCreated);
    const std::optional<QDate> last = localDate(database.summary.lastCreated);
    m_databaseLabel->setText(QFileInfo(database.path).fileName());
    m_databaseLabel->setToolTip(QDir::toNativeSeparators(database.path));
    m_rangeLabel->setText(first && last ? tr("%1 – %2").arg(locale.toString(*first, QLocale::ShortFormat),
                                              locale.toString(*last, QLocale::ShortFormat))
                                        : QString());
    m_rangeLabel->setToolTip(tr("First and last day a ticket was created"));
    const qlonglong tickets = qlonglong(database.snapshot->size());
    m_ticketsLabel->setText(tickets == 1 ? tr("1 ticket") : tr("%1 tickets").arg(locale.toString(tickets)));

    m_filterBar->setOptions(*database.snapshot);
    m_overview->setDataRange(first, last);
    if (tickets == 0)
        m_overview->showMessage(tr("%1 holds no tickets yet. Import a CSV export (File ▸ Import CSV…, or drop the "
                                   "file on this window).")
                                    .arg(QFileInfo(database.path).fileName()));
    // The controller's engine: a second one would build a second set of indexes.
    m_agents->setEngine(m_controller->engine());
    QString error;
    if (!m_agents->setDatabasePath(database.path, &error) || !m_tickets->setDatabasePath(database.path, &error))
        statusBar()->showMessage(error);
    requestDashboard();
    emit databaseOpened(database.path);
}

void MainWindow::filtersChanged(const FilterState &state)
{
    m_settings->setFilters(state);
    requestDashboard();
}

void MainWindow::requestDashboard()
{
    if (m_controller->databasePath().isEmpty())
        return;
    const DashboardRequest request = dashboardRequest();
    if (m_controller->snapshot() && m_controller->snapshot()->size() > 0)
        m_controller->setRequest(request);
    if (m_pages->currentWidget() == m_agents)
        m_agents->setRequest(request.period);
    else if (m_pages->currentWidget() == m_tickets)
        m_tickets->setRequest(request.period);
}

void MainWindow::setBusy(bool busy)
{
    m_overview->setBusy(busy && m_controller->isComputing());
    m_busyLabel->setText(!busy ? QString() : m_controller->isLoading() ? tr("Loading…") : tr("Computing…"));
    m_busyBar->setVisible(busy);
}

void MainWindow::chooseDatabase()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Database"), QFileInfo(databasePath()).path(),
        tr("SupportLens databases (*.sqlite *.db);;All files (*)"));
    if (!path.isEmpty())
        openDatabase(path);
}

void MainWindow::newDatabase()
{
    QString path = QFileDialog::getSaveFileName(this, tr("New Database"),
        QDir(QFileInfo(databasePath()).path()).filePath(tr("support.sqlite")),
        tr("SupportLens databases (*.sqlite *.db)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".sqlite");
    if (QFileInfo::exists(path)) {
        // Never replace a database by an empty one from a file dialog: open it, or pick a name.
        QMessageBox::warning(this, tr("New Database"),
            tr("%1 already exists. Choose another name, or open it with File ▸ Open Database.")
                .arg(QDir::toNativeSeparators(path)));
        return;
    }
    QString error;
    if (!Database::open(path, &error, sqlite::Connection::Mode::ReadWriteCreate)) {
        QMessageBox::warning(this, tr("Cannot create database"), error);
        return;
    }
    openDatabase(path);
}

void MainWindow::chooseImportFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import CSV Exports"), QString(),
        tr("CSV exports (*.csv *.tsv *.txt);;All files (*)"));
    if (!files.isEmpty())
        importFiles(files);
}

void MainWindow::importFiles(const QStringList &files)
{
    if (files.isEmpty())
        return;
    if (databasePath().isEmpty()) {
        QMessageBox::information(this, tr("Import CSV"),
            tr("Open or create a database first (File ▸ New Database…), then import into it."));
        return;
    }
    if (m_importRunner->isRunning()) {
        statusBar()->showMessage(tr("An import is running already."), 5000);
        return;
    }
    // The dialog previews and maps the files, then imports through this window's runner, so the
    // report and the reload that follow every import (see the runner's finished handler) stay.
    auto *dialog = new ImportDialog(databasePath(), files, m_importRunner, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->show();
}

void MainWindow::showTicketsOf(const std::function<void()> &show)
{
    if (m_controller->databasePath().isEmpty())
        return;
    {
        // Entering the page would give it the filter bar's request (see currentChanged) and
        // start a scan that `show` makes stale at once.
        const QSignalBlocker blocker(m_pages);
        m_pages->setCurrentWidget(m_tickets);
    }
    show();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_settings->recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString &path = files[i];
        // &1 … &9: the first nine open from the keyboard.
        const QString text = i < 9 ? tr("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName())
                                   : QFileInfo(path).fileName();
        QAction *action = m_recentMenu->addAction(text, this, [this, path] { openDatabase(path); });
        action->setStatusTip(QDir::toNativeSeparators(path));
        action->setToolTip(QDir::toNativeSeparators(path));
    }
    if (!files.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("&Clear List"), this, [this] {
            for (const QString &path : m_settings->recentFiles())
                m_settings->removeRecentFile(path);
            updateRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_importRunner->isRunning()) {
        const auto answer = QMessageBox::question(this, tr("Import running"),
            tr("An import is running. Cancel it and quit? The file being imported is left out entirely."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_importRunner->cancel();
    }
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    m_settings->setFilters(m_filterBar->state());
    m_settings->setOverview(m_overview->settings());
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!csvFilesOf(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList files = csvFilesOf(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    importFiles(files);
}

void MainWindow::openDemo()
{
    const QString path = demoDatabasePath();
    if (QFileInfo::exists(path)) {
        openDatabase(path);
        return;
    }
    if (!m_demoBuild) {
        m_demoBuild = new BackgroundJob(this);
        connect(m_demoBuild, &BackgroundJob::progressed, this,
                [this](int, double fraction) { m_busyBar->setValue(int(fraction * 1000)); });
    }
    if (m_demoBuild->isRunning())
        return; // already building
    // Building 60,000 tickets takes a few seconds: off the UI thread, with progress.
    m_busyLabel->setText(tr("Building the demo database…"));
    m_busyBar->setRange(0, 1000);
    m_busyBar->setValue(0);
    m_busyBar->setVisible(true);
    m_overview->showMessage(tr("Building the demo database…"));
    m_demoBuild->start(
        [path, cancel = m_cancelDemoBuild](const JobProgress &progress) {
            return buildDemoDatabase(path, {}, [&](double fraction) {
                progress.report(0, fraction);
                return !*cancel;
            });
        },
        [this, path](const DemoBuildResult &result) {
            m_busyBar->setRange(0, 0);
            setBusy(m_controller->isBusy());
            if (!result.ok) {
                QMessageBox::warning(this, tr("Cannot build the demo database"), result.error);
                return;
            }
            openDatabase(path);
        });
}

int runWindow(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("SupportLens: customer-support metrics from help-desk exports."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(QStringLiteral("db"), QObject::tr("Open this database."), QStringLiteral("FILE"));
    const QCommandLineOption demoOption(QStringLiteral("demo"), QObject::tr("Open the built-in demo data."));
    parser.addOptions({dbOption, demoOption});
    // A development aid, left out of --help: the import dialog on FILE once the database is open.
    QCommandLineOption importOption(QStringLiteral("open-import"), QString(), QStringLiteral("FILE"));
    importOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(importOption);
    parser.process(arguments);

    MainWindow window;
    window.show();
    if (parser.isSet(importOption)) {
        QObject::connect(&window, &MainWindow::databaseOpened, &window,
            [&window, files = parser.values(importOption)] { window.importFiles(files); }, Qt::SingleShotConnection);
    }
    // --db, else (unless --demo) the last database when it is still there, else the demo.
    const QString last = window.settings().lastDatabase();
    QString path;
    if (parser.isSet(dbOption) && !parser.isSet(demoOption))
        path = parser.value(dbOption);
    else if (!parser.isSet(demoOption) && !last.isEmpty() && QFileInfo::exists(last))
        path = last;
    if (path.isEmpty())
        window.openDemo();
    else
        window.openDatabase(path);
    return QApplication::exec();
}

} // namespace sl::ui
