#include "mainwindow.h"

#include "demo/demobuilder.h"
#include "store/database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

#include <thread>

// Resources compiled into a static library must be registered by hand, outside any namespace.
static void initSupportLensResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace sl::ui {

namespace {

const QString lastDatabaseKey = QStringLiteral("database/last");
constexpr int newestTicketsShown = 500;

QString formatDate(const std::optional<QDateTime> &time)
{
    return time ? QLocale().toString(time->date(), QLocale::ShortFormat) : QStringLiteral("—");
}

} // namespace

QString demoDatabasePath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    return QDir(folder).filePath(QStringLiteral("demo.sqlite"));
}

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    initSupportLensResources();
    setWindowTitle(tr("SupportLens"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/supportlens.svg")));
    resize(1200, 760);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Database…"), this, &MainWindow::chooseDatabase);
    open->setShortcut(QKeySequence::Open);
    QAction *demo = file->addAction(tr("Open &Demo Data"), this, &MainWindow::openDemo);
    demo->setStatusTip(tr("Open the built-in demo database"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::quit);
    quit->setShortcut(QKeySequence::Quit);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_summary = new QLabel(tr("Import a CSV export to begin, or open the demo data (File ▸ Open Demo Data)."), central);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setAccessibleName(tr("Database summary"));
    layout->addWidget(m_summary);

    m_progress = new QProgressBar(central);
    m_progress->setVisible(false);
    m_progress->setAccessibleName(tr("Progress"));
    layout->addWidget(m_progress);

    auto *splitter = new QSplitter(Qt::Vertical, central);
    m_importsModel = new QStandardItemModel(this);
    m_importsView = new QTableView(splitter);
    m_importsView->setModel(m_importsModel);
    m_importsView->setAccessibleName(tr("Imports"));
    m_ticketsModel = new QStandardItemModel(this);
    m_ticketsView = new QTableView(splitter);
    m_ticketsView->setModel(m_ticketsModel);
    m_ticketsView->setAccessibleName(tr("Newest tickets"));
    for (QTableView *view : {m_importsView, m_ticketsView}) {
        view->setAlternatingRowColors(true);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->verticalHeader()->setVisible(false);
        view->horizontalHeader()->setStretchLastSection(true);
    }
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);
    statusBar()->showMessage(tr("No database open"));
}

MainWindow::~MainWindow()
{
    m_cancelDemoBuild = true;
    if (m_demoBuild.joinable())
        m_demoBuild.join();
}

void MainWindow::chooseDatabase()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Database"), QFileInfo(m_databasePath).path(),
                                                      tr("SupportLens databases (*.sqlite *.db);;All files (*)"));
    if (!path.isEmpty())
        openDatabase(path);
}

bool MainWindow::openDatabase(const QString &path)
{
    QString error;
    // Opened read-write: an older file is upgraded on the way in.
    if (!Database::open(path, &error, sqlite::Connection::Mode::ReadWrite)) {
        QMessageBox::warning(this, tr("Cannot open database"), error);
        return false;
    }
    m_databasePath = path;
    QSettings().setValue(lastDatabaseKey, path);
    setWindowFilePath(path);
    showSummary();
    emit databaseOpened(path);
    return true;
}

void MainWindow::showSummary()
{
    QString error;
    std::optional<Database> database = Database::open(m_databasePath, &error, sqlite::Connection::Mode::ReadOnly);
    if (!database) {
        m_summary->setText(error.toHtmlEscaped());
        return;
    }
    const QLocale locale;
    const DatabaseSummary summary = database->summary();
    const QString range = tr("%1 – %2").arg(formatDate(summary.firstCreated), formatDate(summary.lastCreated));
    if (summary.tickets == 0) {
        m_summary->setText(tr("<b>%1</b> holds no tickets yet. Import a CSV export to begin.")
                               .arg(QFileInfo(m_databasePath).fileName().toHtmlEscaped()));
    } else {
        m_summary->setText(tr("<b>%1</b>: %2 tickets created %3 · %4 agents · %5 teams · %6 customers · imports: %7")
                               .arg(QFileInfo(m_databasePath).fileName().toHtmlEscaped(),
                                    locale.toString(summary.tickets), range, locale.toString(summary.agents),
                                    locale.toString(summary.teams), locale.toString(summary.customers),
                                    locale.toString(summary.imports)));
    }
    statusBar()->showMessage(tr("%1 · %2 · %3 tickets")
                                 .arg(QDir::toNativeSeparators(m_databasePath), range, locale.toString(summary.tickets)));

    m_importsModel->clear();
    m_importsModel->setHorizontalHeaderLabels({tr("File"), tr("Profile"), tr("Imported"), tr("Rows"), tr("New"),
                                               tr("Updated"), tr("Unchanged"), tr("Rejected")});
    for (const ImportRecord &record : database->imports()) {
        QList<QStandardItem *> row;
        row << new QStandardItem(record.fileName) << new QStandardItem(record.profile)
            << new QStandardItem(locale.toString(record.importedAt.toLocalTime(), QLocale::ShortFormat));
        for (std::int64_t count : {record.rowsRead, record.inserted, record.updated, record.unchanged, record.rejected}) {
            auto *item = new QStandardItem(locale.toString(count));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            row << item;
        }
        m_importsModel->appendRow(row);
    }
    m_importsView->resizeColumnsToContents();

    m_ticketsModel->clear();
    m_ticketsModel->setHorizontalHeaderLabels(
        {tr("Id"), tr("Created"), tr("Channel"), tr("Team"), tr("Agent"), tr("Status"), tr("Subject")});
    sqlite::Statement newest = database->connection().prepare(
        "SELECT t.external_id, t.created_at, c.name, tm.name, a.name, t.status, t.subject FROM tickets t "
        "LEFT JOIN channels c ON c.id = t.channel_id LEFT JOIN teams tm ON tm.id = t.team_id "
        "LEFT JOIN agents a ON a.id = t.agent_id ORDER BY t.created_at DESC LIMIT ?1");
    newest.bindInt(1, newestTicketsShown);
    while (newest.isValid() && newest.step() == sqlite::Statement::StepResult::Row) {
        QList<QStandardItem *> row;
        row << new QStandardItem(newest.columnText(0));
        row << new QStandardItem(
            newest.columnIsNull(1)
                ? QStringLiteral("—")
                : locale.toString(QDateTime::fromSecsSinceEpoch(newest.columnInt(1)).toLocalTime(), QLocale::ShortFormat));
        for (int column = 2; column <= 6; ++column)
            row << new QStandardItem(newest.columnText(column).simplified());
        m_ticketsModel->appendRow(row);
    }
    m_ticketsView->resizeColumnsToContents();
}

void MainWindow::openDemo()
{
    const QString path = demoDatabasePath();
    if (QFileInfo::exists(path)) {
        openDatabase(path);
        return;
    }
    if (m_demoBuild.joinable())
        return; // already building
    // Building 60,000 tickets takes a few seconds: off the UI thread, with progress.
    m_summary->setText(tr("Building the demo database…"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setVisible(true);
    QPointer<MainWindow> self(this);
    m_demoBuild = std::thread([this, self, path] {
        const DemoBuildResult result = buildDemoDatabase(path, {}, [this, self](double fraction) {
            QMetaObject::invokeMethod(qApp, [self, fraction] {
                if (self)
                    self->m_progress->setValue(int(fraction * 1000));
            });
            return !m_cancelDemoBuild;
        });
        QMetaObject::invokeMethod(qApp, [self, path, result] {
            if (!self)
                return;
            self->m_demoBuild.join();
            self->m_progress->setVisible(false);
            if (!result.ok) {
                QMessageBox::warning(self, tr("Cannot build the demo database"), result.error);
                return;
            }
            self->openDatabase(path);
        });
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
    parser.process(arguments);

    MainWindow window;
    window.show();
    const QString last = QSettings().value(lastDatabaseKey).toString();
    if (parser.isSet(demoOption))
        window.openDemo();
    else if (parser.isSet(dbOption))
        window.openDatabase(parser.value(dbOption));
    else if (!last.isEmpty() && QFileInfo::exists(last))
        window.openDatabase(last);
    else
        window.openDemo();
    return QApplication::exec();
}

} // namespace sl::ui
