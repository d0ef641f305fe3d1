// The window's own speed, measured in the window: a MainWindow on a database, timed from
// openDatabase() to the Overview's first complete paint, then over random filter changes from
// the filter bar's signal to every visible widget updated and painted again.
//
//   QT_QPA_PLATFORM=offscreen bench_window DB.sqlite [FILTERS [SEED]]   (defaults: 100 filters, seed 1)
//   (or under xvfb-run with -platform xcb)
//   bench_window --screenshots DIR DB.sqlite
//       saves DIR/{overview,agents,agent-detail,tickets}-{light,dark}.png at 1400 × 900 (dark with
//       SUPPORTLENS_PALETTE=dark), on a copy of the database with a few targets set
//
// The period is the data's last calendar month (as a user looking at "last month" would see it),
// compared with the month before; the window is 1400 × 900 and shows the Overview. "Painted"
// means: the controller delivered the result, the Overview applied it (its slot runs before
// ours), the posted layout events ran, and the whole window repainted synchronously. A
// database whose snapshot cache is stale is rebuilt on open, and that is part of the first paint.
// Settings go to a temporary INI file, never the user's.

#include "agents/agentdetailpage.h"
#include "agents/agentspage.h"
#include "common/environmentpalette.h"
#include "dashboard/dashboardcontroller.h"
#include "dialogs/calendardialog.h"
#include "dialogs/targetsdialog.h"
#include "mainwindow.h"
#include "overview/overviewpage.h"
#include "shell/settings.h"
#include "store/calendarstore.h"
#include "store/database.h"
#include "store/targetstore.h"
#include "tickets/ticketsmodel.h"
#include "tickets/ticketspage.h"
#include "widgets/filterbar.h"
#include "widgets/multiselectbutton.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimeZone>

#include <algorithm>
#include <random>

using namespace sl;
using namespace sl::ui;

namespace {

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto rank = std::size_t(std::ceil(p * double(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

// The period the window shows: the data's last calendar month, compared with the one before.
FilterState lastMonthOf(const QDate &lastDay)
{
    FilterState filters;
    filters.preset = PeriodPreset::Custom;
    filters.customFrom = QDate(lastDay.year(), lastDay.month(), 1);
    filters.customTo = filters.customFrom.addMonths(1).addDays(-1);
    filters.compare = true;
    return filters;
}

// Lets queued work (results, layouts, paints) settle for `ms`.
void settle(int ms)
{
    QTest::qWait(ms);
}

int screenshots(const QString &folder, const QString &source, const QDate &lastDay)
{
    QTextStream out(stdout);
    applyEnvironmentPalette();
    const QString tone = qEnvironmentVariable("SUPPORTLENS_PALETTE") == QLatin1String("dark") ? QStringLiteral("dark")
                                                                                              : QStringLiteral("light");
    // A copy with targets, so that the pictures show met and missed.
    QTemporaryDir work;
    const QString path = work.filePath(QStringLiteral("screenshots.sqlite"));
    if (!QFile::copy(source, path)) {
        out << "cannot copy " << source << '\n';
        return 1;
    }
    {
        QString error;
        std::optional<Database> database = Database::open(path, &error);
        Targets targets;
        targets.set("csat_pct", 85);
        targets.set("frt_median_min", 60);
        targets.set("sla_first_reply_pct", 90);
        targets.set("resolution_median_hours", 24);
        targets.set("fcr_pct", 40);
        BusinessCalendar berlin;
        berlin.name = QStringLiteral("Berlin office");
        berlin.timeZoneId = QStringLiteral("Europe/Berlin");
        berlin.shifts = *parseWeeklyHours(QStringLiteral("Mon-Fri 08:00-18:00"), &error);
        berlin.holidays
            = { { QDate(2025, 12, 25), QStringLiteral("Christmas Day") }, { QDate(2025, 12, 26), QString() } };
        berlin.teams = { QStringLiteral("EMEA") };
        berlin.isDefault = true;
        if (!database || !saveTargets(*database, targets, &error) || !saveCalendar(*database, berlin, &error)) {
            out << error << '\n';
            return 1;
        }
    }
    auto settings = std::make_unique<Settings>(
        std::make_unique<QSettings>(work.filePath(QStringLiteral("shots.ini")), QSettings::IniFormat));
    settings->setFilters(lastMonthOf(lastDay));
    OverviewSettings overview;
    overview.trendMetric = QStringLiteral("csat_pct"); // a metric with a target: its line shows
    settings->setOverview(overview);
    MainWindow window(std::move(settings));
    window.resize(1400, 900);
    window.show();
    window.openDatabase(path);
    while (!window.controller()->result() || window.controller()->isBusy())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents); // blocks: no spinning beside the worker
    settle(500);
    const auto save = [&](const QString &name) {
        const QString file = QDir(folder).filePath(QStringLiteral("%1-%2.png").arg(name, tone));
        const bool ok = window.grab().save(file);
        out << (ok ? "saved " : "FAILED ") << file << '\n';
    };
    save(QStringLiteral("overview"));
    {
        TargetsDialog targets(path, &window);
        targets.show();
        settle(200);
        const QString file = QDir(folder).filePath(QStringLiteral("targets-dialog-%1.png").arg(tone));
        out << (targets.grab().save(file) ? "saved " : "FAILED ") << file << '\n';
        CalendarDialog calendars(path, &window);
        calendars.show();
        settle(200);
        const QString calendarFile = QDir(folder).filePath(QStringLiteral("calendar-dialog-%1.png").arg(tone));
        out << (calendars.grab().save(calendarFile) ? "saved " : "FAILED ") << calendarFile << '\n';
    }

    auto *pages = window.findChild<QTabWidget *>();
    auto *agents = window.findChild<AgentsPage *>();
    auto *tickets = window.findChild<TicketsPage *>();
    pages->setCurrentWidget(agents);
    settle(200);
    while (agents->isBusy())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents); // blocks: no spinning beside the worker
    settle(300);
    save(QStringLiteral("agents"));

    const QAbstractItemModel *board = agents->leaderboardView()->model();
    if (board->rowCount() > 0) {
        agents->showAgent(board->index(0, 0).data().toString());
        settle(200);
        while (agents->isBusy() || agents->detailPage()->isBusy())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents); // blocks: no spinning beside the worker
        settle(500);
        save(QStringLiteral("agent-detail"));
        agents->showLeaderboard();
    }

    pages->setCurrentWidget(tickets);
    settle(200);
    while (tickets->model()->isLoading())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents); // blocks: no spinning beside the worker
    settle(500);
    save(QStringLiteral("tickets"));
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("SupportLensBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_window"));
    QStandardPaths::setTestModeEnabled(true);
    QTextStream out(stdout);
    QStringList arguments = QCoreApplication::arguments();
    QString screenshotFolder;
    if (arguments.size() > 2 && arguments[1] == QLatin1String("--screenshots")) {
        screenshotFolder = arguments[2];
        arguments.remove(1, 2);
    }
    if (arguments.size() < 2) {
        out << "usage: bench_window DB.sqlite [FILTERS [SEED]]\n       bench_window --screenshots DIR DB.sqlite\n";
        return 2;
    }
    const QString path = arguments[1];
    const int filterCount = arguments.size() > 2 ? arguments[2].toInt() : 100;
    const unsigned seed = arguments.size() > 3 ? arguments[3].toUInt() : 1;

    // The data's last month, from the database's own summary (not timed).
    QDate lastDay;
    {
        QString error;
        // Read-write: an older file is upgraded here, as the window would, and not timed.
        std::optional<Database> database = Database::open(path, &error, sqlite::Connection::Mode::ReadWrite);
        if (!database) {
            out << error << '\n';
            return 1;
        }
        const DatabaseSummary summary = database->summary();
        if (!summary.lastCreated) {
            out << "the database has no tickets\n";
            return 1;
        }
        lastDay = summary.lastCreated->toTimeZone(QTimeZone::systemTimeZone()).date();
    }
    if (!screenshotFolder.isEmpty())
        return screenshots(screenshotFolder, path, lastDay);
    QTemporaryDir settingsDir;
    auto settings = std::make_unique<Settings>(
        std::make_unique<QSettings>(settingsDir.filePath(QStringLiteral("bench.ini")), QSettings::IniFormat));
    settings->setFilters(lastMonthOf(lastDay));

    MainWindow window(std::move(settings));
    window.resize(1400, 900);
    window.show();
    QCoreApplication::processEvents();

    QElapsedTimer clock;
    qint64 loadedAt = -1;
    qint64 resultAt = -1;
    qint64 appliedAt = -1;
    qint64 laidOutAt = -1;
    qint64 paintedAt = -1;
    int painted = 0;
    QObject::connect(
        window.controller(), &DashboardController::loaded, &window, [&] { loadedAt = clock.nsecsElapsed(); });
    // The Overview's own connection is taken over, so that the time the result arrives, the time
    // the page takes to apply it, to lay out and to paint are told apart (the page does exactly
    // what it does in the window: setResult()).
    QObject::disconnect(
        window.controller(), &DashboardController::resultReady, window.overviewPage(), &OverviewPage::setResult);
    QObject::connect(window.controller(), &DashboardController::resultReady, &window,
        [&](std::shared_ptr<const DashboardResult> result) {
            resultAt = clock.nsecsElapsed();
            window.overviewPage()->setResult(std::move(result));
            appliedAt = clock.nsecsElapsed();
            QCoreApplication::sendPostedEvents(); // layout requests of the changed widgets
            laidOutAt = clock.nsecsElapsed();
            window.repaint();
            paintedAt = clock.nsecsElapsed();
            ++painted;
        });
    const auto waitForPaint = [&](int before) {
        while (painted == before || window.controller()->isBusy())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents); // blocks: no spinning beside the worker
    };

    clock.start();
    window.openDatabase(path);
    waitForPaint(0);
    const double ms = 1e-6;
    out << "first paint: " << QString::number(double(paintedAt) * ms, 'f', 1) << " ms after openDatabase() (loaded "
        << QString::number(double(loadedAt) * ms, 'f', 1) << " ms, result "
        << QString::number(double(resultAt) * ms, 'f', 1) << " ms, painted "
        << QString::number(double(paintedAt - resultAt) * ms, 'f', 1) << " ms later); "
        << window.controller()->snapshot()->size() << " tickets\n";

    FilterBar *bar = window.filterBar();
    const std::array<MultiSelectButton *, 4> buttons
        = { bar->channelButton(), bar->agentButton(), bar->teamButton(), bar->priorityButton() };
    std::mt19937 random(seed);
    std::vector<double> total, compute, apply, layout, paint;
    for (int i = 0; i < filterCount; ++i) {
        // One to two fields with one value each; one change in ten clears every filter.
        for (MultiSelectButton *button : buttons)
            button->setSelected({});
        if (random() % 10 != 0) {
            const int fields = 1 + int(random() % 2);
            for (int f = 0; f < fields; ++f) {
                MultiSelectButton *button = buttons[random() % buttons.size()];
                const QStringList options = button->options();
                if (!options.isEmpty())
                    button->setSelected({ options[int(random() % unsigned(options.size()))] });
            }
        }
        const int before = painted;
        const qint64 start = clock.nsecsElapsed();
        // As a click does: the selection changed, the bar reads every button and says so once.
        emit buttons[0]->selectionChanged(buttons[0]->selected());
        waitForPaint(before);
        total.push_back(double(paintedAt - start) * ms);
        compute.push_back(double(resultAt - start) * ms);
        apply.push_back(double(appliedAt - resultAt) * ms);
        layout.push_back(double(laidOutAt - appliedAt) * ms);
        paint.push_back(double(paintedAt - laidOutAt) * ms);
    }
    const auto line = [&](const char *what, const std::vector<double> &values) {
        out << what << ": p50 " << QString::number(percentile(values, 0.5), 'f', 1) << " ms, p95 "
            << QString::number(percentile(values, 0.95), 'f', 1) << " ms, max "
            << QString::number(percentile(values, 1.0), 'f', 1) << " ms\n";
    };
    out << filterCount << " random filter changes (seed " << seed << "):\n";
    line("  filter change -> all visible widgets painted", total);
    line("  of which: computing (worker thread, until the result arrives)", compute);
    line("  of which: OverviewPage::setResult (UI thread)", apply);
    line("  of which: layout (UI thread)", layout);
    line("  of which: painting the window (UI thread)", paint);
    return 0;
}
