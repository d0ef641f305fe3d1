// The main window as a user meets it: it opens a database and says in the status bar what the
// database holds, remembers the files it opened (in settings of its own here, never the
// user's), offers the Settings menu, and the business-hours editor saves calendars so that the
// next load computes with them.

#include "dashboard/dashboardcontroller.h"
#include "services/demobuilder.h"
#include "dialogs/calendardialog.h"
#include "mainwindow.h"
#include "shell/settings.h"
#include "store/calendarstore.h"
#include "store/database.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace sl;
using namespace sl::ui;

namespace {

constexpr int loadTimeoutMs = 30000;

QLabel *statusLabel(const MainWindow &window, const QString &accessibleName)
{
    for (QLabel *label : window.statusBar()->findChildren<QLabel *>()) {
        if (label->accessibleName() == accessibleName)
            return label;
    }
    return nullptr;
}

QMenu *menuNamed(const MainWindow &window, const QString &title)
{
    for (QAction *action : window.menuBar()->actions()) {
        if (action->menu() && action->text() == title)
            return action->menu();
    }
    return nullptr;
}

QStringList actionTexts(const QMenu *menu)
{
    QStringList texts;
    for (const QAction *action : menu->actions()) {
        if (!action->isSeparator())
            texts.append(action->text());
    }
    return texts;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_small, m_other;

    std::unique_ptr<Settings> settingsIn(const QString &name)
    {
        return std::make_unique<Settings>(
            std::make_unique<QSettings>(m_dir.filePath(name + QStringLiteral(".ini")), QSettings::IniFormat));
    }

    bool openAndWait(MainWindow &window, const QString &path)
    {
        QSignalSpy opened(&window, &MainWindow::databaseOpened);
        window.openDatabase(path);
        return QTest::qWaitFor([&] { return opened.count() == 1 && !window.controller()->isBusy(); }, loadTimeoutMs);
    }

private slots:
    void initTestCase()
    {
        // Whatever the window writes outside the settings passed in goes to the test locations.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SupportLensTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QVERIFY(m_dir.isValid());
        m_small = m_dir.filePath(QStringLiteral("small.sqlite"));
        m_other = m_dir.filePath(QStringLiteral("other.sqlite"));
        for (const auto &[path, tickets] : { std::pair(m_small, 1500), std::pair(m_other, 700) }) {
            DemoBuildOptions options;
            options.tickets = tickets;
            options.lastDay = QDate(2025, 6, 30);
            const DemoBuildResult built = buildDemoDatabase(path, options);
            QVERIFY2(built.ok, qPrintable(built.error));
        }
    }

    void theStatusBarSaysWhatTheDatabaseHolds()
    {
        MainWindow window(settingsIn(QStringLiteral("status")));
        window.show();
        QLabel *database = statusLabel(window, QStringLiteral("Database"));
        QLabel *tickets = statusLabel(window, QStringLiteral("Tickets in the database"));
        QLabel *range = statusLabel(window, QStringLiteral("Date range of the data"));
        QVERIFY(database && tickets && range);
        QCOMPARE(database->text(), QStringLiteral("No database open"));

        QVERIFY(openAndWait(window, m_small));
        QCOMPARE(window.databasePath(), m_small);
        QCOMPARE(database->text(), QStringLiteral("small.sqlite"));
        QString error;
        std::optional<Database> db = Database::open(m_small, &error);
        QVERIFY2(db, qPrintable(error));
        const std::int64_t count = db->summary().tickets;
        QCOMPARE(count, 1500);
        QCOMPARE(tickets->text(), QStringLiteral("%1 tickets").arg(QLocale().toString(qlonglong(count))));
        QVERIFY(!range->text().isEmpty());

        // Another database: the bar follows.
        QVERIFY(openAndWait(window, m_other));
        QCOMPARE(database->text(), QStringLiteral("other.sqlite"));
        QCOMPARE(tickets->text(), QStringLiteral("%1 tickets").arg(QLocale().toString(700)));
    }

    void openedFilesAreRememberedMostRecentFirst()
    {
        {
            MainWindow window(settingsIn(QStringLiteral("recent")));
            window.show();
            QVERIFY(openAndWait(window, m_small));
            QVERIFY(openAndWait(window, m_other));
            QCOMPARE(window.settings().recentFiles(), (QStringList { m_other, m_small }));
            QCOMPARE(window.settings().lastDatabase(), m_other);
            window.close();
        }
        // A new window with the same settings offers them in File ▸ Open Recent.
        MainWindow again(settingsIn(QStringLiteral("recent")));
        QCOMPARE(again.settings().recentFiles(), (QStringList { m_other, m_small }));
        QMenu *file = menuNamed(again, QStringLiteral("&File"));
        QVERIFY(file);
        QMenu *recent = nullptr;
        for (QAction *action : file->actions()) {
            if (action->menu() && action->text() == QStringLiteral("Open &Recent"))
                recent = action->menu();
        }
        QVERIFY(recent);
        const QStringList texts = actionTexts(recent);
        QVERIFY(texts.size() >= 2);
        QCOMPARE(texts[0], QStringLiteral("&1 other.sqlite"));
        QCOMPARE(texts[1], QStringLiteral("&2 small.sqlite"));

        // The same file opened again moves to the top, without a duplicate.
        again.show();
        QVERIFY(openAndWait(again, m_small));
        QCOMPARE(again.settings().recentFiles(), (QStringList { m_small, m_other }));
    }

    void aMissingRecentFileIsDroppedFromTheList()
    {
        const QString gone = m_dir.filePath(QStringLiteral("gone.sqlite"));
        auto settings = settingsIn(QStringLiteral("gone"));
        settings->addRecentFile(gone);
        MainWindow window(std::move(settings));
        // openDatabase() warns in a message box; answer it as soon as it shows.
        QTimer::singleShot(0, this, [] {
            if (QWidget *box = QApplication::activeModalWidget())
                box->close();
        });
        QTimer closer;
        connect(&closer, &QTimer::timeout, this, [] {
            if (QWidget *box = QApplication::activeModalWidget())
                box->close();
        });
        closer.start(50);
        window.openDatabase(gone);
        closer.stop();
        QVERIFY(!window.settings().recentFiles().contains(gone));
    }

    void theSettingsMenuOffersTargetsAndBusinessHours()
    {
        MainWindow window(settingsIn(QStringLiteral("menu")));
        QMenu *settings = menuNamed(window, QStringLiteral("&Settings"));
        QVERIFY(settings);
        const QStringList texts = actionTexts(settings);
        QVERIFY2(texts.contains(QStringLiteral("&Targets…")), qPrintable(texts.join(QLatin1Char('|'))));
        QVERIFY2(texts.contains(QStringLiteral("&Business Hours…")), qPrintable(texts.join(QLatin1Char('|'))));
    }

    void theCalendarEditorSavesAndTheWindowRecomputes()
    {
        QString error;
        std::optional<Database> db = Database::open(m_other, &error);
        QVERIFY2(db, qPrintable(error));
        const std::int64_t versionBefore = db->dataVersion();
        QStringList teams;
        {
            sqlite::Statement query = db->connection().prepare("SELECT name FROM teams ORDER BY name");
            while (query.step() == sqlite::Statement::StepResult::Row)
                teams.append(query.columnText(0));
        }
        QVERIFY(!teams.isEmpty());

        CalendarDialog dialog(m_other);
        QCOMPARE(dialog.calendarList()->count(), 0);
        dialog.addCalendar();
        QCOMPARE(dialog.calendarList()->count(), 1);
        dialog.nameEdit()->setText(QStringLiteral("Berlin office"));
        emit dialog.nameEdit()->textEdited(dialog.nameEdit()->text());
        dialog.zoneBox()->setCurrentText(QStringLiteral("Europe/Berlin"));
        dialog.hoursEdit()->setPlainText(QStringLiteral("Mon-Fri 09:00-17:00\nSat 22:00-06:00"));
        dialog.holidaysEdit()->setPlainText(QStringLiteral("2025-12-25 Christmas Day"));
        dialog.defaultBox()->setChecked(true);
        QCOMPARE(dialog.teamList()->count(), teams.size());
        dialog.teamList()->item(0)->setCheckState(Qt::Checked);

        // A typo is refused with the line it is on, and nothing is written.
        dialog.holidaysEdit()->setPlainText(QStringLiteral("Christmas"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY2(
            dialog.errorLabel()->text().contains(QStringLiteral("Christmas")), qPrintable(dialog.errorLabel()->text()));
        QCOMPARE(db->dataVersion(), versionBefore);

        dialog.holidaysEdit()->setPlainText(QStringLiteral("2025-12-25 Christmas Day"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(dialog.changed());
        QVERIFY(db->dataVersion() > versionBefore);

        std::optional<std::vector<BusinessCalendar>> calendars = loadCalendars(*db, &error);
        QVERIFY2(calendars, qPrintable(error));
        QCOMPARE(calendars->size(), std::size_t(1));
        const BusinessCalendar &saved = calendars->front();
        QCOMPARE(saved.name, QStringLiteral("Berlin office"));
        QCOMPARE(saved.timeZoneId, QStringLiteral("Europe/Berlin"));
        QVERIFY(saved.isDefault);
        QCOMPARE(saved.shifts.size(), std::size_t(6));
        QCOMPARE(saved.holidays.size(), std::size_t(1));
        QCOMPARE(saved.teams, QStringList { teams.first() });

        // Opening it again and pressing OK without a change writes nothing.
        const std::int64_t versionAfter = db->dataVersion();
        CalendarDialog unchanged(m_other);
        QCOMPARE(unchanged.calendarList()->count(), 1);
        QCOMPARE(unchanged.hoursEdit()->toPlainText(), QStringLiteral("Mon-Fri 09:00-17:00\nSat 22:00-06:00"));
        unchanged.accept();
        QVERIFY(!unchanged.changed());
        QCOMPARE(db->dataVersion(), versionAfter);

        // A window that loads the database after the edit computes with it: the loaded
        // snapshot is rebuilt for the new data version.
        MainWindow window(settingsIn(QStringLiteral("calendar")));
        window.show();
        QVERIFY(openAndWait(window, m_other));
        QVERIFY(window.controller()->snapshot());

        // Removing it.
        CalendarDialog removing(m_other);
        removing.calendarList()->setCurrentRow(0);
        removing.removeCurrentCalendar();
        removing.accept();
        QVERIFY(removing.changed());
        QVERIFY(loadCalendars(*db, &error)->empty());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
