// The Overview as the window drives it: its item models stay consistent through every result; a
// filter change in the filter bar recomputes the cards to exactly what `runMetrics` says for the
// same request; of two quick filter changes only the second is shown; targets saved in the
// dialog come back as met or missed on the cards, the trend and the leaderboard.

#include "demosnapshot.h"
#include "demowindow.h"
#include "agents/leaderboardmodel.h"
#include "charts/trendchart.h"
#include "dashboard/dashboardcontroller.h"
#include "services/demobuilder.h"
#include "dialogs/targetsdialog.h"
#include "mainwindow.h"
#include "domain/metricdefinitions.h"
#include "metrics/metricsquery.h"
#include "overview/kpicard.h"
#include "overview/kpis.h"
#include "overview/overviewpage.h"
#include "overview/toptagsmodel.h"
#include "shell/settings.h"
#include "store/database.h"
#include "store/targetstore.h"
#include "widgets/accentcolors.h"
#include "widgets/filterbar.h"
#include "widgets/multiselectbutton.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <cmath>
#include <thread>

using namespace sl;
using namespace sl::ui;

namespace {

constexpr int computeTimeoutMs = 30000;

std::size_t indexOf(std::string_view id)
{
    return std::size_t(findMetric(id) - ticketMetricDefinitions().data());
}

bool sameValue(const std::optional<double> &a, const std::optional<double> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    return !a || std::abs(*a - *b) <= 1e-9 * std::max(1.0, std::abs(*a));
}

// Picks `value` in a filter button the way a click does: the selection, then its signal.
void pick(MultiSelectButton *button, const QStringList &values)
{
    button->setSelected(values);
    emit button->selectionChanged(button->selected());
}

} // namespace

class TestOverview : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_demoPath;
    std::shared_ptr<const TicketSnapshot> m_snapshot; // built independently of the window

    std::unique_ptr<Settings> testSettings(const QString &name)
    {
        return test::juneSettings(QDir(m_dir.path()), name);
    }

    // A window on the demo database, its first result delivered.
    std::unique_ptr<MainWindow> openWindow(const QString &settingsName)
    {
        return test::openDemoWindow(testSettings(settingsName), m_demoPath, computeTimeoutMs);
    }

    // Every shown card says what runMetrics says for the window's current request.
    void compareCardsWithRunMetrics(const MainWindow &window)
    {
        const DashboardRequest request = window.controller()->result()->request;
        MetricsRequest period = request.period;
        period.compare = request.compare;
        const MetricsResult expected = runMetrics(*m_snapshot, period);
        int compared = 0;
        for (std::string_view id : overviewKpiIds()) {
            const KpiCard *card = window.overviewPage()->card(id);
            QVERIFY(card);
            const std::optional<double> want = expected.metrics[indexOf(id)].value;
            QVERIFY2(sameValue(card->data().value, want),
                qPrintable(QStringLiteral("%1: card %2, runMetrics %3")
                               .arg(QLatin1String(id.data(), qsizetype(id.size())))
                               .arg(card->data().value.value_or(-1))
                               .arg(want.value_or(-1))));
            QCOMPARE(card->isVisibleTo(window.overviewPage()), want.has_value());
            if (want) {
                QCOMPARE(card->valueLabel()->text(), formatMetricValue(*findMetric(id), want));
                ++compared;
            }
            // A rate's n is the engine's denominator (CSAT's: its responses), never a guess.
            if (findMetric(id)->proportion && want) {
                const std::optional<std::int64_t> n = id == "csat_pct"
                    ? std::optional<std::int64_t>(std::llround(*expected.metrics[indexOf("csat_responses")].value))
                    : expected.metrics[indexOf(id)].denominator;
                QVERIFY(n && *n > 0);
                QCOMPARE(card->data().sampleSize, n);
            }
        }
        QVERIFY(compared >= 5);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SupportLensTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_overview"));
        QVERIFY(m_dir.isValid());
        m_demoPath = m_dir.filePath(QStringLiteral("demo.sqlite"));
        QString error;
        m_snapshot = test::buildDemoSnapshot(m_demoPath, 6000, QDate(2025, 6, 30), &error);
        QVERIFY2(m_snapshot, qPrintable(error));
    }

    void everyModelOfTheOverviewStaysConsistent()
    {
        auto window = std::make_unique<MainWindow>(testSettings(QStringLiteral("models")));
        window->resize(1400, 900);
        window->show();
        OverviewPage *page = window->overviewPage();
        // Watching from before the first result: the resets of every result go through them.
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        const auto watch = [&](QAbstractItemModel *model) {
            QVERIFY(model);
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        };
        watch(page->topTagsModel());
        const QList<QTableView *> views = page->findChildren<QTableView *>();
        QVERIFY(!views.isEmpty());
        for (QTableView *view : views)
            watch(view->model()); // the tags' sort proxy
        for (QComboBox *box : page->findChildren<QComboBox *>())
            watch(box->model()); // metric, bucket and span pickers
        for (QComboBox *box : window->filterBar()->findChildren<QComboBox *>())
            watch(box->model());

        window->openDatabase(m_demoPath);
        QVERIFY(QTest::qWaitFor(
            [&] { return window->controller()->result() && !window->controller()->isBusy(); }, computeTimeoutMs));
        QVERIFY(page->topTagsModel()->rowCount() > 0);
        const QStringList channels = window->filterBar()->channelButton()->options();
        QVERIFY(channels.size() >= 2);
        for (const QString &channel : channels.mid(0, 3)) {
            const int before = window->controller()->deliveredResults();
            pick(window->filterBar()->channelButton(), { channel });
            QTRY_VERIFY_WITH_TIMEOUT(
                window->controller()->deliveredResults() > before && !window->controller()->isBusy(), computeTimeoutMs);
        }
        // Sorting through the proxy, and switching the pickers, with the testers watching.
        for (QTableView *view : views) {
            view->sortByColumn(TopTagsModel::Tag, Qt::AscendingOrder);
            view->sortByColumn(TopTagsModel::Change, Qt::DescendingOrder);
        }
        page->trendMetricBox()->setCurrentIndex(page->trendMetricBox()->findData(QStringLiteral("csat_pct")));
        pick(window->filterBar()->channelButton(), {});
        QTRY_VERIFY_WITH_TIMEOUT(
            !window->controller()->isBusy() && window->controller()->result()->request.period.filter.channels.isEmpty(),
            computeTimeoutMs);
    }

    void aFilterChangeRecomputesTheCardsAsRunMetricsDoes()
    {
        std::unique_ptr<MainWindow> window = openWindow(QStringLiteral("filter"));
        QVERIFY(window);
        compareCardsWithRunMetrics(*window);
        const std::optional<double> allCreated = window->overviewPage()->card("tickets_created")->data().value;
        QVERIFY(allCreated && *allCreated > 0);

        const QString channel = window->filterBar()->channelButton()->options().constFirst();
        QSignalSpy results(window->controller(), &DashboardController::resultReady);
        pick(window->filterBar()->channelButton(), { channel });
        QTRY_VERIFY_WITH_TIMEOUT(results.count() >= 1 && !window->controller()->isBusy(), computeTimeoutMs);
        QCOMPARE(window->controller()->result()->request.period.filter.channels, QStringList { channel });
        const std::optional<double> channelCreated = window->overviewPage()->card("tickets_created")->data().value;
        QVERIFY(channelCreated);
        QVERIFY2(*channelCreated < *allCreated, "one channel has fewer tickets than all of them");
        compareCardsWithRunMetrics(*window);

        // A team as well: the filters combine.
        const QString team = window->filterBar()->teamButton()->options().constFirst();
        pick(window->filterBar()->teamButton(), { team });
        QTRY_VERIFY_WITH_TIMEOUT(!window->controller()->isBusy()
                && window->controller()->result()->request.period.filter.teams == QStringList { team },
            computeTimeoutMs);
        compareCardsWithRunMetrics(*window);
    }

    // "Same period last year": the previous figures are runMetrics over the same dates a year
    // earlier, not over the days just before.
    void comparingWithTheSamePeriodLastYear()
    {
        std::unique_ptr<MainWindow> window = openWindow(QStringLiteral("lastyear"));
        QVERIFY(window);
        QComboBox *compare = nullptr;
        for (QComboBox *box : window->filterBar()->findChildren<QComboBox *>()) {
            if (box->accessibleName() == QLatin1String("Compare to"))
                compare = box;
        }
        QVERIFY(compare);
        const int lastYear = compare->findData(int(CompareTo::SamePeriodLastYear));
        QVERIFY(lastYear >= 0);
        QSignalSpy results(window->controller(), &DashboardController::resultReady);
        compare->setCurrentIndex(lastYear);
        emit compare->activated(lastYear);
        QTRY_VERIFY_WITH_TIMEOUT(results.count() >= 1 && !window->controller()->isBusy(), computeTimeoutMs);
        const DashboardResult &result = *window->controller()->result();
        QVERIFY(result.request.compareLastYear);
        const QDate from = *result.request.period.from;
        const QDate to = *result.request.period.to;
        QCOMPARE(result.previousFrom, std::optional<QDate>(from.addYears(-1)));
        QCOMPARE(result.previousTo, std::optional<QDate>(to.addYears(-1)));
        QVERIFY(result.previous);
        MetricsRequest expectedRequest = result.request.period;
        expectedRequest.from = from.addYears(-1);
        expectedRequest.to = to.addYears(-1);
        expectedRequest.compare = false;
        expectedRequest.grouping = Grouping::None;
        const MetricsResult expected = runMetrics(*m_snapshot, expectedRequest);
        int compared = 0;
        for (std::string_view id : overviewKpiIds()) {
            const std::size_t i = indexOf(id);
            QVERIFY2(sameValue((*result.previous)[i].value, expected.metrics[i].value),
                     qPrintable(QLatin1String(id.data(), qsizetype(id.size()))));
            compared += expected.metrics[i].value.has_value();
        }
        QVERIFY2(compared >= 5, "the demo data reaches a year back");
    }

    void ofTwoQuickFilterChangesOnlyTheSecondIsShown()
    {
        std::unique_ptr<MainWindow> window = openWindow(QStringLiteral("stale"));
        QVERIFY(window);
        // Slow enough that the first computation is still running when the second is asked for.
        window->controller()->setCompute([](MetricsEngine &engine, const DashboardRequest &request) {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            return computeDashboard(engine, request);
        });
        const QStringList channels = window->filterBar()->channelButton()->options();
        QVERIFY(channels.size() >= 2);
        QSignalSpy results(window->controller(), &DashboardController::resultReady);
        pick(window->filterBar()->channelButton(), { channels[0] });
        pick(window->filterBar()->channelButton(), { channels[1] });
        QTRY_VERIFY_WITH_TIMEOUT(results.count() >= 1 && !window->controller()->isBusy(), computeTimeoutMs);
        QTest::qWait(400); // a late delivery of the first would arrive now
        for (const QList<QVariant> &arguments : results) {
            const auto result = arguments.at(0).value<std::shared_ptr<const DashboardResult>>();
            QVERIFY(result);
            QCOMPARE(result->request.period.filter.channels, QStringList { channels[1] });
        }
        QCOMPARE(window->overviewPage()->result()->request.period.filter.channels, QStringList { channels[1] });
        compareCardsWithRunMetrics(*window);
    }

    void targetsSavedInTheDialogShowAsMetOrMissed()
    {
        std::unique_ptr<MainWindow> window = openWindow(QStringLiteral("targets"));
        QVERIFY(window);
        OverviewPage *page = window->overviewPage();
        const std::optional<double> csat = page->card("csat_pct")->data().value;
        const std::optional<double> frt = page->card("frt_median_min")->data().value;
        QVERIFY(csat && frt);
        QVERIFY(page->card("csat_pct")->targetLabel()->isHidden());

        TargetsDialog dialog(m_demoPath);
        QVERIFY(!dialog.checkBox("tickets_created")); // neutral: no target to be had
        QVERIFY(!dialog.spinBox("frt_median_min")->isEnabled());
        // CSAT one point under its value: met. First reply one minute under its value: missed.
        dialog.checkBox("csat_pct")->setChecked(true);
        dialog.spinBox("csat_pct")->setValue(std::floor(*csat) - 1);
        dialog.checkBox("frt_median_min")->setChecked(true);
        QVERIFY(dialog.spinBox("frt_median_min")->isEnabled());
        dialog.spinBox("frt_median_min")->setValue(std::floor(*frt) - 1);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        QString error;
        std::optional<Database> database = Database::open(m_demoPath, &error);
        QVERIFY2(database, qPrintable(error));
        const std::optional<Targets> stored = loadTargets(*database, &error);
        QVERIFY2(stored, qPrintable(error));
        QCOMPARE(stored->size(), std::size_t(2));
        QCOMPARE(stored->of("csat_pct"), std::optional<double>(std::floor(*csat) - 1));

        // The window reads them when it opens the database.
        QSignalSpy loaded(window->controller(), &DashboardController::loaded);
        window->openDatabase(m_demoPath);
        QTRY_VERIFY_WITH_TIMEOUT(
            loaded.count() == 1 && !window->controller()->isBusy() && window->controller()->result(), computeTimeoutMs);
        const KpiCard *csatCard = page->card("csat_pct");
        QCOMPARE(csatCard->data().targetStatus, TargetStatus::Met);
        QVERIFY(csatCard->targetLabel()->isVisibleTo(csatCard));
        QVERIFY(csatCard->targetLabel()->text().startsWith(QStringLiteral("✓")));
        QVERIFY(csatCard->targetLabel()->text().contains(QStringLiteral("≥")));
        const KpiCard *frtCard = page->card("frt_median_min");
        QCOMPARE(frtCard->data().targetStatus, TargetStatus::Missed);
        QVERIFY(frtCard->targetLabel()->text().startsWith(QStringLiteral("✗")));
        QVERIFY(frtCard->targetLabel()->text().contains(QStringLiteral("≤")));
        // In the colour the label really paints with (its foreground role follows the card's Base).
        const auto shownColour = [](const QLabel *label) {
            return label->palette().color(label->foregroundRole());
        };
        QCOMPARE(shownColour(csatCard->targetLabel()), judgementColor(Judgement::Better, csatCard->palette()));
        QCOMPARE(shownColour(frtCard->targetLabel()), judgementColor(Judgement::Worse, frtCard->palette()));
        QCOMPARE(page->card("fcr_pct")->data().targetStatus, TargetStatus::NoTarget);
        QVERIFY(page->card("fcr_pct")->targetLabel()->isHidden());

        // The trend of a metric with a target carries the line.
        page->trendMetricBox()->setCurrentIndex(page->trendMetricBox()->findData(QStringLiteral("csat_pct")));
        QCOMPARE(page->trendChart()->data().target, stored->of("csat_pct"));
        page->trendMetricBox()->setCurrentIndex(page->trendMetricBox()->findData(QStringLiteral("fcr_pct")));
        QVERIFY(!page->trendChart()->data().target);

        // Clearing them in the dialog clears them everywhere.
        TargetsDialog clearing(m_demoPath);
        QVERIFY(clearing.checkBox("csat_pct")->isChecked());
        clearing.checkBox("csat_pct")->setChecked(false);
        clearing.checkBox("frt_median_min")->setChecked(false);
        clearing.accept();
        QVERIFY(loadTargets(*database, &error)->isEmpty());
    }

    void leaderboardCellsMissingATargetAreMarked()
    {
        LeaderboardModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto group = [](const QString &agent, double csat, double ratings, double frt) {
            MetricsGroup g;
            g.key = agent;
            g.metrics.resize(ticketMetricDefinitions().size());
            g.metrics[indexOf("csat_pct")].value = csat;
            g.metrics[indexOf("csat_responses")].value = ratings;
            g.metrics[indexOf("frt_median_min")].value = frt;
            return g;
        };
        model.setGroups({ group(QStringLiteral("Ada"), 95, 200, 30), group(QStringLiteral("Bo"), 80, 200, 90) });
        Targets targets;
        targets.set("csat_pct", 90);
        targets.set("frt_median_min", 60);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setTargets(targets);
        QCOMPARE(changed.count(), 1);
        const auto status = [&](int row, int column) {
            return TargetStatus(model.index(row, column).data(LeaderboardModel::TargetStatusRole).toInt());
        };
        QCOMPARE(status(0, LeaderboardModel::Csat), TargetStatus::Met);
        QCOMPARE(status(1, LeaderboardModel::Csat), TargetStatus::Missed);
        QCOMPARE(status(0, LeaderboardModel::FirstReply), TargetStatus::Met);
        QCOMPARE(status(1, LeaderboardModel::FirstReply), TargetStatus::Missed);
        QCOMPARE(status(1, LeaderboardModel::Fcr), TargetStatus::NoTarget);
        QVERIFY(!model.index(0, LeaderboardModel::Csat).data(Qt::BackgroundRole).isValid());
        QVERIFY(model.index(1, LeaderboardModel::Csat).data(Qt::BackgroundRole).isValid());
        QVERIFY(model.index(1, LeaderboardModel::Csat).data(Qt::ForegroundRole).isValid());
        QVERIFY(model.index(1, LeaderboardModel::FirstReply)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("Misses the target")));
    }
};

QTEST_MAIN(TestOverview)
#include "tst_overview.moc"
