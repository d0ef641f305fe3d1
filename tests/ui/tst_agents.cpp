// The Agents page: the leaderboard shows exactly what `metrics --by agent` computes, sorts by
// the numbers and not their text, ranks 480 good ratings of 500 above 2 of 2 when asked to rank
// by the lower bound, flags small samples, and its drill-down compares an agent with their
// main team.

#include "demosnapshot.h"
#include "agents/agentdetailpage.h"
#include "agents/agentspage.h"
#include "agents/leaderboardmodel.h"
#include "services/demobuilder.h"
#include "domain/metricdefinitions.h"
#include "metrics/metricsquery.h"
#include "store/database.h"
#include "store/snapshotstore.h"
#include "tickets/ticketsmodel.h"
#include "tickets/ticketspage.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QHeaderView>
#include <QTableView>
#include <QTemporaryDir>
#include <QChartView>
#include <QTest>

#include <cmath>

using namespace sl;
using namespace sl::ui;

namespace {

constexpr int computeTimeoutMs = 30000;

std::size_t indexOf(std::string_view id)
{
    return std::size_t(findMetric(id) - ticketMetricDefinitions().data());
}

MetricsRequest monthOf(int year, int month)
{
    MetricsRequest request;
    request.from = QDate(year, month, 1);
    request.to = request.from->addMonths(1).addDays(-1);
    request.zone = QTimeZone("Europe/Berlin");
    return request;
}

// Two agents: "Many" solved 500 tickets rated 480 good, "Few" solved 2 rated good, and "Unrated"
// solved 3 without ratings. In team "Support", created and solved in June 2025.
std::shared_ptr<const TicketSnapshot> ratingsSnapshot()
{
    std::vector<TicketFacts> tickets;
    const std::int64_t june = QDateTime(QDate(2025, 6, 2), QTime(9, 0), QTimeZone::utc()).toSecsSinceEpoch();
    const auto add = [&](std::int16_t agent, int count, int good, bool rated) {
        for (int i = 0; i < count; ++i) {
            TicketFacts t;
            t.createdAt = june + std::int64_t(tickets.size()) * 600;
            t.solvedAt = t.createdAt + 3600;
            t.firstReplyAt = t.createdAt + 60 * (1 + i % 30);
            t.agent = agent;
            t.team = 0;
            t.channel = 0;
            t.agentReplies = 1;
            t.reopens = 0;
            t.csatGood = rated ? std::int8_t(i < good ? 1 : 0) : std::int8_t(-1);
            tickets.push_back(t);
        }
    };
    add(0, 500, 480, true);
    add(1, 2, 2, true);
    add(2, 3, 0, false);
    return std::make_shared<const TicketSnapshot>(TicketSnapshot::fromFacts(std::move(tickets), {}, {},
        { QStringLiteral("Many"), QStringLiteral("Few"), QStringLiteral("Unrated") }, { QStringLiteral("Support") },
        { QStringLiteral("Email") }, {}, {}));
}

bool waitUntilIdle(const AgentsPage &page)
{
    return QTest::qWaitFor([&] { return !page.isBusy(); }, computeTimeoutMs);
}

QStringList agentsInViewOrder(const AgentsPage &page)
{
    QStringList agents;
    const QAbstractItemModel *proxy = page.leaderboardView()->model();
    for (int row = 0; row < proxy->rowCount(); ++row)
        agents.append(proxy->index(row, LeaderboardModel::Agent).data().toString());
    return agents;
}

} // namespace

class TestAgents : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_demoPath;
    std::shared_ptr<const TicketSnapshot> m_demo;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_demoPath = m_dir.filePath(QStringLiteral("demo.sqlite"));
        QString error;
        m_demo = test::buildDemoSnapshot(m_demoPath, 6000, QDate(2025, 6, 30), &error);
        QVERIFY2(m_demo, qPrintable(error));
    }

    void leaderboardRowsAreTheEngineGroups()
    {
        AgentsPage page;
        QAbstractItemModelTester sourceTester(
            page.leaderboardModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(
            page.leaderboardProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.setSnapshot(m_demo);
        const MetricsRequest request = monthOf(2025, 5);
        page.setRequest(request);
        QVERIFY(waitUntilIdle(page));

        MetricsRequest byAgent = request;
        byAgent.grouping = Grouping::Agent;
        const MetricsResult expected = runMetrics(*m_demo, byAgent);
        const LeaderboardModel &model = *page.leaderboardModel();
        int agents = 0;
        for (const MetricsGroup &group : expected.groups) {
            if (group.key == QLatin1String("(none)"))
                continue; // unassigned tickets are no agent
            ++agents;
            const int row = model.rowOfAgent(group.key);
            QVERIFY2(row >= 0, qPrintable(group.key));
            for (int column = LeaderboardModel::Solved; column < LeaderboardModel::ColumnCount; ++column) {
                const auto metric = std::size_t(LeaderboardModel::metricIndexOf(column));
                const std::optional<double> &want = group.metrics[metric].value;
                const QVariant got = model.index(row, column).data(LeaderboardModel::SortRole);
                QCOMPARE(got.isValid(), want.has_value());
                if (want)
                    QVERIFY2(std::abs(got.toDouble() - *want) < 1e-9, qPrintable(group.key));
                const QString text = model.index(row, column).data().toString();
                QVERIFY2(text.startsWith(formatMetricValue(ticketMetricDefinitions()[metric], want)), qPrintable(text));
            }
        }
        QCOMPARE(model.rowCount(), agents);
        QVERIFY(agents >= 10);
    }

    void sortsByNumbersNotText()
    {
        AgentsPage page;
        page.setSnapshot(m_demo);
        page.setRequest(monthOf(2025, 5));
        QVERIFY(waitUntilIdle(page));
        const QAbstractItemModel *proxy = page.leaderboardView()->model();
        for (const int column :
            { int(LeaderboardModel::Solved), int(LeaderboardModel::FirstReply), int(LeaderboardModel::Csat) }) {
            page.leaderboardView()->sortByColumn(column, Qt::DescendingOrder);
            bool sawEmpty = false;
            double previous = std::numeric_limits<double>::infinity();
            for (int row = 0; row < proxy->rowCount(); ++row) {
                const QVariant value = proxy->index(row, column).data(LeaderboardModel::SortRole);
                if (!value.isValid()) {
                    sawEmpty = true; // no value: last
                    continue;
                }
                QVERIFY(!sawEmpty);
                QVERIFY(value.toDouble() <= previous);
                previous = value.toDouble();
            }
        }
        // The vertical header is the rank as shown.
        QCOMPARE(proxy->headerData(0, Qt::Vertical).toString(), QLocale().toString(1));
    }

    void rankingByLowerBoundPutsManyRatingsFirst()
    {
        AgentsPage page;
        page.setSnapshot(ratingsSnapshot());
        MetricsRequest june = monthOf(2025, 6);
        june.zone = QTimeZone::utc();
        page.setRequest(june);
        QVERIFY(waitUntilIdle(page));
        QCOMPARE(page.leaderboardModel()->rowCount(), 3);

        // By the CSAT itself, 2 of 2 (100 %) beats 480 of 500 (96 %).
        page.leaderboardView()->sortByColumn(LeaderboardModel::Csat, Qt::DescendingOrder);
        QCOMPARE(agentsInViewOrder(page),
            (QStringList { QStringLiteral("Few"), QStringLiteral("Many"), QStringLiteral("Unrated") }));

        // By the lower bound of its interval, 480 of 500 comes first; no ratings stay last.
        page.setRankByLowerBound(true);
        QVERIFY(page.isRankedByLowerBound());
        QCOMPARE(agentsInViewOrder(page),
            (QStringList { QStringLiteral("Many"), QStringLiteral("Few"), QStringLiteral("Unrated") }));

        // A click on a column sorts by it again and ends the ranking.
        page.leaderboardView()->horizontalHeader()->setSortIndicator(LeaderboardModel::Solved, Qt::AscendingOrder);
        QVERIFY(!page.isRankedByLowerBound());
        QCOMPARE(agentsInViewOrder(page),
            (QStringList { QStringLiteral("Few"), QStringLiteral("Unrated"), QStringLiteral("Many") }));
    }

    void smallSamplesAreFlagged()
    {
        AgentsPage page;
        page.setSnapshot(ratingsSnapshot());
        MetricsRequest june = monthOf(2025, 6);
        june.zone = QTimeZone::utc();
        page.setRequest(june);
        QVERIFY(waitUntilIdle(page));
        const LeaderboardModel &model = *page.leaderboardModel();
        const int few = model.rowOfAgent(QStringLiteral("Few"));
        const int many = model.rowOfAgent(QStringLiteral("Many"));
        QVERIFY(model.index(few, LeaderboardModel::Csat).data(LeaderboardModel::SmallSampleRole).toBool());
        QVERIFY(model.index(few, LeaderboardModel::Csat).data(Qt::ForegroundRole).isValid()); // greyed
        QVERIFY(model.index(few, LeaderboardModel::Ratings).data().toString().contains(QLatin1String("small sample")));
        QVERIFY(model.index(few, LeaderboardModel::Csat)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QLatin1String("interval")));
        QVERIFY(!model.index(many, LeaderboardModel::Csat).data(LeaderboardModel::SmallSampleRole).toBool());
        QVERIFY(!model.index(many, LeaderboardModel::Csat).data(Qt::ForegroundRole).isValid());
        QVERIFY(
            !model.index(many, LeaderboardModel::Ratings).data().toString().contains(QLatin1String("small sample")));
    }

    void drillDownComparesWithTheMainTeam()
    {
        AgentsPage page;
        page.setSnapshot(m_demo);
        QVERIFY(page.setDatabasePath(m_demoPath));
        const MetricsRequest request = monthOf(2025, 5);
        page.setRequest(request);
        QVERIFY(waitUntilIdle(page));

        // Double-click the top agent.
        QTableView *view = page.leaderboardView();
        view->sortByColumn(LeaderboardModel::Solved, Qt::DescendingOrder);
        const QString agent = view->model()->index(0, LeaderboardModel::Agent).data().toString();
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        const QRect cell = view->visualRect(view->model()->index(0, LeaderboardModel::Agent));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center()); // a double-click follows a press
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QCOMPARE(page.currentAgent(), agent);
        QVERIFY(waitUntilIdle(page));

        const AgentDetail &detail = page.detailPage()->detail();
        QCOMPARE(detail.agent, agent);
        // The main team: the team with most of the agent's tickets.
        MetricsRequest byTeam = request;
        byTeam.filter.agents = { agent };
        byTeam.grouping = Grouping::Team;
        const MetricsResult teams = runMetrics(*m_demo, byTeam);
        double most = 0;
        QString mainTeam;
        for (const MetricsGroup &group : teams.groups) {
            const double activity = group.metrics[indexOf("tickets_created")].value.value_or(0)
                + group.metrics[indexOf("tickets_solved")].value.value_or(0);
            if (group.key != noneGroupKey() && activity > most) {
                most = activity;
                mainTeam = group.key;
            }
        }
        QCOMPARE(detail.team, mainTeam);
        // The agent's figures with agents = {agent}; the team's with teams = {team}.
        MetricsRequest agentOnly = request;
        agentOnly.filter.agents = { agent };
        MetricsRequest teamOnly = request;
        teamOnly.filter.teams = { mainTeam };
        const MetricsResult agentResult = runMetrics(*m_demo, agentOnly);
        const MetricsResult teamResult = runMetrics(*m_demo, teamOnly);
        for (const std::string_view id : { "tickets_solved", "frt_median_min", "fcr_pct", "csat_pct" }) {
            QCOMPARE(detail.agentMetrics[indexOf(id)].value, agentResult.metrics[indexOf(id)].value);
            QCOMPARE(detail.teamMetrics[indexOf(id)].value, teamResult.metrics[indexOf(id)].value);
        }
        // Counts compare per agent of the team.
        QVERIFY(detail.teamAgents > 0);
        QCOMPARE(*detail.teamComparable(indexOf("tickets_solved")),
            *teamResult.metrics[indexOf("tickets_solved")].value / detail.teamAgents);
        // The weekly trend adds up to the agent's solved tickets.
        double weekly = 0;
        for (const double solved : detail.agentSolvedByWeek)
            weekly += solved;
        QCOMPARE(weekly, *agentResult.metrics[indexOf("tickets_solved")].value);
        QCOMPARE(detail.weeks.front().dayOfWeek(), 1);

        // Their tickets: the solved ones, as the engine counts them.
        TicketsModel *tickets = page.detailPage()->tickets()->model();
        QVERIFY(QTest::qWaitFor([&] { return !tickets->isLoading(); }, computeTimeoutMs));
        QCOMPARE(double(tickets->rowCount()), *agentResult.metrics[indexOf("tickets_solved")].value);

        // Its two charts (weekly trend, channel mix) are the window's chart views: no Tab stops.
        const QList<QChartView *> charts = page.detailPage()->findChildren<QChartView *>();
        QCOMPARE(charts.size(), 2);
        for (const QChartView *chart : charts)
            QCOMPARE(chart->focusPolicy(), Qt::NoFocus);

        // Back to the leaderboard.
        emit page.detailPage()->backRequested();
        QVERIFY(page.currentAgent().isEmpty());
    }

    void weekKeysAreMondays()
    {
        QCOMPARE(weekStartOf(QStringLiteral("2025-W01")), QDate(2024, 12, 30));
        QCOMPARE(weekStartOf(QStringLiteral("2026-W53")), QDate(2026, 12, 28));
        QCOMPARE(weekStartOf(QStringLiteral("2025-W23")), QDate(2025, 6, 2));
    }

    void screenshot()
    {
        const QString demo = qEnvironmentVariable("SUPPORTLENS_SCREENSHOT_DB");
        const QString folder = qEnvironmentVariable("SUPPORTLENS_SCREENSHOT_DIR");
        if (demo.isEmpty() || folder.isEmpty())
            QSKIP("set SUPPORTLENS_SCREENSHOT_DB and SUPPORTLENS_SCREENSHOT_DIR to render the page");
        QString error;
        std::optional<Database> database = Database::open(demo, &error, sqlite::Connection::Mode::ReadOnly);
        QVERIFY2(database, qPrintable(error));
        std::optional<TicketSnapshot> snapshot = loadTicketSnapshot(*database, &error);
        QVERIFY2(snapshot, qPrintable(error));
        AgentsPage page;
        page.resize(1280, 760);
        page.setSnapshot(std::make_shared<const TicketSnapshot>(std::move(*snapshot)));
        QVERIFY(page.setDatabasePath(demo));
        MetricsRequest request = monthOf(2026, 10);
        request.zone = QTimeZone::systemTimeZone();
        page.setRequest(request);
        QVERIFY(waitUntilIdle(page));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTest::qWait(100);
        QVERIFY(page.grab().save(QDir(folder).filePath(QStringLiteral("agents.png"))));

        page.showAgent(page.leaderboardView()->model()->index(0, LeaderboardModel::Agent).data().toString());
        QVERIFY(waitUntilIdle(page));
        QVERIFY(QTest::qWaitFor([&] { return !page.detailPage()->tickets()->model()->isLoading(); }, computeTimeoutMs));
        QTest::qWait(200);
        QVERIFY(page.grab().save(QDir(folder).filePath(QStringLiteral("agent-detail.png"))));
    }
};

QTEST_MAIN(TestAgents)
#include "tst_agents.moc"
