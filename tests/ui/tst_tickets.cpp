// The Tickets page: the rows behind a number are exactly the tickets the engine counts (every
// cohort, with periods and filters), a row deep in a 200,000-row table costs one block read
// (counted as SQL statements, not timed), search narrows the rows, sorting orders them, and
// the CSV export neutralises formulas and quotes per RFC 4180.

#include "services/csvexport.h"
#include "services/demobuilder.h"
#include "domain/metricdefinitions.h"
#include "metrics/metricsquery.h"
#include "store/database.h"
#include "store/snapshotstore.h"
#include "tickets/ticketsmodel.h"
#include "tickets/ticketspage.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBuffer>
#include <QDir>
#include <QHeaderView>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace sl;
using namespace sl::ui;

Q_DECLARE_METATYPE(sl::MetricsRequest)
Q_DECLARE_METATYPE(sl::TicketCohort)

namespace {

constexpr int loadTimeoutMs = 30000;

std::int64_t engineCount(const TicketSnapshot &snapshot, const MetricsRequest &request, std::string_view id)
{
    const MetricsResult result = runMetrics(snapshot, request);
    const MetricDefinition *definition = findMetric(id);
    return std::int64_t(result.metrics[std::size_t(definition - ticketMetricDefinitions().data())].value.value_or(-1));
}

MetricsRequest monthOf(int year, int month, const MetricsFilter &filter = {})
{
    MetricsRequest request;
    request.from = QDate(year, month, 1);
    request.to = request.from->addMonths(1).addDays(-1);
    request.zone = QTimeZone("Europe/Berlin");
    request.filter = filter;
    return request;
}

// Waits for the model's current load (started by the caller) to land.
bool waitForLoad(TicketsModel &model)
{
    return QTest::qWaitFor([&] { return !model.isLoading(); }, loadTimeoutMs);
}

} // namespace

class TestTickets : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_demoPath;
    std::optional<TicketSnapshot> m_demo;
    QString m_bigPath;

    // `rows` tickets created a minute apart, in a shuffled row order (so that row order and
    // creation order differ), a third of them solved, some with first reply times.
    QString generateDatabase(const QString &name, int rows)
    {
        const QString path = m_dir.filePath(name);
        QString error;
        std::optional<Database> database = Database::open(path, &error);
        if (!database)
            return {};
        const std::string sql
            = "INSERT INTO imports (id, file_name, file_path, file_size, kind, profile, encoding, delimiter, timezone, "
              "started_at) VALUES (1, 'gen.csv', '/gen.csv', 0, 'tickets', 'generic', 'UTF-8', ',', 'UTC', 0);"
              "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < "
            + std::to_string(rows)
            + ") "
              "INSERT INTO tickets (source, external_id, subject, status, created_at, solved_at, first_reply_min, "
              "import_id) "
              "SELECT 'gen', i, 'Generated ticket ' || i, CASE WHEN i % 3 = 0 THEN 'solved' ELSE 'open' END, "
              "1700000000 + ((i * 7919) % "
            + std::to_string(rows)
            + ") * 60, "
              "CASE WHEN i % 3 = 0 THEN 1700000000 + ((i * 7919) % "
            + std::to_string(rows)
            + ") * 60 + 3600 END, "
              "CASE WHEN i % 2 = 0 THEN (i % 97) * 1.5 END, 1 FROM n;";
        return database->connection().exec(sql) ? path : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_demoPath = m_dir.filePath(QStringLiteral("demo.sqlite"));
        DemoBuildOptions options;
        options.tickets = 6000;
        options.lastDay = QDate(2025, 6, 30);
        const DemoBuildResult built = buildDemoDatabase(m_demoPath, options);
        QVERIFY2(built.ok, qPrintable(built.error));
        QString error;
        std::optional<Database> database = Database::open(m_demoPath, &error);
        QVERIFY2(database, qPrintable(error));
        m_demo = buildTicketSnapshot(*database, &error);
        QVERIFY2(m_demo, qPrintable(error));
        m_bigPath = generateDatabase(QStringLiteral("big.sqlite"), 200000);
        QVERIFY(!m_bigPath.isEmpty());
    }

    void cohortRowsAreTheEngineCount_data()
    {
        QTest::addColumn<MetricsRequest>("request");
        QTest::addColumn<TicketCohort>("cohort");
        QTest::addColumn<QString>("metric");

        MetricsFilter emailUrgent;
        emailUrgent.channels = { QStringLiteral("email"), QStringLiteral("Chat") }; // any case
        emailUrgent.priorities = { QStringLiteral("URGENT"), QStringLiteral("high") };
        MetricsFilter billingTeam;
        billingTeam.teams = { QStringLiteral("Billing") };
        billingTeam.tags = { QStringLiteral("refund"), QStringLiteral("billing") };
        MetricsFilter noSuchAgent;
        noSuchAgent.agents = { QStringLiteral("Nobody At All") };

        const MetricsRequest may = monthOf(2025, 5);
        QTest::newRow("created in a month") << may << TicketCohort::Created << QStringLiteral("tickets_created");
        QTest::newRow("solved in a month") << may << TicketCohort::Solved << QStringLiteral("tickets_solved");
        QTest::newRow("open at the end of a month") << may << TicketCohort::OpenAtEnd << QStringLiteral("backlog_end");
        for (const auto &[name, filter] : { std::pair { "two channels and two priorities", emailUrgent },
                 std::pair { "a team and two tags", billingTeam } }) {
            const MetricsRequest filtered = monthOf(2025, 4, filter);
            QTest::addRow("created, %s", name)
                << filtered << TicketCohort::Created << QStringLiteral("tickets_created");
            QTest::addRow("solved, %s", name) << filtered << TicketCohort::Solved << QStringLiteral("tickets_solved");
            QTest::addRow("open at the end, %s", name)
                << filtered << TicketCohort::OpenAtEnd << QStringLiteral("backlog_end");
        }
        QTest::newRow("an agent no ticket has")
            << monthOf(2025, 4, noSuchAgent) << TicketCohort::Created << QStringLiteral("tickets_created");
        MetricsRequest allTime;
        allTime.zone = QTimeZone::utc();
        QTest::newRow("created, no period") << allTime << TicketCohort::Created << QStringLiteral("tickets_created");
        QTest::newRow("solved, no period") << allTime << TicketCohort::Solved << QStringLiteral("tickets_solved");
        QTest::newRow("open, no period: never solved")
            << allTime << TicketCohort::OpenAtEnd << QStringLiteral("backlog_end");
        MetricsRequest openStart = allTime;
        openStart.to = QDate(2025, 3, 15);
        QTest::newRow("open at the end of an open-started period")
            << openStart << TicketCohort::OpenAtEnd << QStringLiteral("backlog_end");
        MetricsRequest openEnd = allTime;
        openEnd.from = QDate(2025, 6, 1);
        QTest::newRow("solved since a day") << openEnd << TicketCohort::Solved << QStringLiteral("tickets_solved");
    }

    void cohortRowsAreTheEngineCount()
    {
        QFETCH(MetricsRequest, request);
        QFETCH(TicketCohort, cohort);
        QFETCH(QString, metric);
        TicketsModel model;
        QVERIFY(model.setDatabasePath(m_demoPath));
        TicketSelection selection;
        selection.request = request;
        selection.cohort = cohort;
        model.setSelection(selection);
        QVERIFY(waitForLoad(model));
        QVERIFY2(model.lastError().isEmpty(), qPrintable(model.lastError()));
        const std::int64_t expected = engineCount(*m_demo, request, metric.toStdString());
        QCOMPARE(std::int64_t(model.rowCount()), expected);
        if (QTest::currentDataTag() == QByteArrayLiteral("created in a month"))
            QVERIFY(expected > 100); // the rows above compare something
    }

    // A row of the top tags lists the filter's tickets that also carry its tag: the engine's
    // count for that row, with and without tags in the filter (which OR among themselves, so
    // the row's tag must narrow them, not join them).
    void aTagRowListsItsCountOfTheFilteredTickets_data()
    {
        QTest::addColumn<MetricsRequest>("request");
        MetricsFilter twoTags;
        twoTags.tags = { QStringLiteral("refund"), QStringLiteral("billing") };
        MetricsFilter team;
        team.teams = { QStringLiteral("Billing") };
        QTest::newRow("no filter") << monthOf(2025, 5);
        QTest::newRow("two tags in the filter") << monthOf(2025, 5, twoTags);
        QTest::newRow("a team") << monthOf(2025, 4, team);
    }

    void aTagRowListsItsCountOfTheFilteredTickets()
    {
        QFETCH(MetricsRequest, request);
        MetricsEngine engine(*m_demo);
        const std::vector<TagVolume> tags = engine.topTags(request, 50);
        QVERIFY(tags.size() >= 3);
        TicketsModel model;
        QVERIFY(model.setDatabasePath(m_demoPath));
        bool narrowed = false; // some row counts fewer tickets than the tag has without the filter
        for (const TagVolume &row : tags) {
            TicketSelection selection;
            selection.request = request;
            selection.tag = row.tag;
            model.setSelection(selection);
            QVERIFY(waitForLoad(model));
            QVERIFY2(model.lastError().isEmpty(), qPrintable(model.lastError()));
            QCOMPARE(std::int64_t(model.rowCount()), row.created);
            MetricsRequest tagOnly = request;
            tagOnly.filter = {};
            tagOnly.filter.tags = { row.tag };
            narrowed = narrowed || engineCount(*m_demo, tagOnly, "tickets_created") > row.created;
        }
        if (!request.filter.tags.isEmpty() || !request.filter.teams.isEmpty())
            QVERIFY(narrowed); // the filter matters here: replacing it with the tag would list more
    }

    void modelPassesTheModelTester()
    {
        TicketsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.setDatabasePath(m_demoPath));
        TicketSelection selection;
        selection.request = monthOf(2025, 5);
        model.setSelection(selection);
        QVERIFY(waitForLoad(model));
        QVERIFY(model.rowCount() > 0);
        model.sort(int(TicketColumn::Resolution), Qt::AscendingOrder);
        QVERIFY(waitForLoad(model));
    }

    void deepRowsCostOneBlockRead()
    {
        TicketsModel model;
        QVERIFY(model.setDatabasePath(m_bigPath));
        QSignalSpy loaded(&model, &TicketsModel::selectionLoaded);
        model.setSelection({}); // every ticket, newest first
        QVERIFY(loaded.wait(loadTimeoutMs) || loaded.count() > 0);
        QCOMPARE(model.rowCount(), 200000);

        // What a view scrolled near the end asks for: a screenful of rows, every column.
        const std::uint64_t before = model.statementsRun();
        for (int row = 190000; row < 190040; ++row) {
            for (int column = 0; column < model.columnCount(); ++column)
                QVERIFY(model.data(model.index(row, column)).isValid());
        }
        const std::uint64_t screenful = model.statementsRun() - before;
        QVERIFY2(screenful >= 1 && screenful <= 2, qPrintable(QString::number(screenful)));
        // Scrolling back over the same rows reads nothing; the very last row one block more.
        QVERIFY(model.data(model.index(190005, int(TicketColumn::Subject))).isValid());
        QVERIFY(model.data(model.index(199999, int(TicketColumn::Subject))).isValid());
        QCOMPARE(model.statementsRun() - before, screenful + 1);

        // And it is the right row: newest first, so row r is the ticket created r minutes
        // before the newest; created = 1700000000 + ((i * 7919) % N) * 60.
        const TicketListRow *row = model.ticket(190000);
        QVERIFY(row);
        QCOMPARE(*row->createdAt, std::int64_t(1700000000) + std::int64_t(200000 - 1 - 190000) * 60);
        QVERIFY(row->subject.startsWith(QLatin1String("Generated ticket ")));
    }

    void sortingOrdersByValueWithEmptyLast()
    {
        TicketsModel model;
        QVERIFY(model.setDatabasePath(m_bigPath));
        TicketSelection selection;
        selection.sortKey = TicketSortKey::FirstReply;
        selection.sortOrder = Qt::AscendingOrder;
        model.setSelection(selection);
        QVERIFY(waitForLoad(model));
        const int column = int(TicketColumn::FirstReply);
        double previous = -1;
        for (int row = 0; row < 2000; ++row) {
            const double value = model.data(model.index(row, column), TicketsModel::SortValueRole).toDouble();
            QVERIFY(value >= previous);
            previous = value;
        }
        // Half the tickets have no first reply: they come last.
        QVERIFY(model.data(model.index(99999, column), TicketsModel::SortValueRole).isValid());
        QVERIFY(!model.data(model.index(100000, column), TicketsModel::SortValueRole).isValid());
        QCOMPARE(model.data(model.index(199999, column)).toString(), QStringLiteral("—"));
        // Descending keeps the empty ones last too.
        model.sort(column, Qt::DescendingOrder);
        QVERIFY(waitForLoad(model));
        QVERIFY(model.data(model.index(0, column), TicketsModel::SortValueRole).toDouble() >= 144.0);
        QVERIFY(!model.data(model.index(199999, column), TicketsModel::SortValueRole).isValid());
    }

    void searchNarrowsTheRows()
    {
        TicketsPage page;
        QVERIFY(page.setDatabasePath(m_demoPath));
        QSignalSpy counted(&page, &TicketsPage::rowCountChanged);
        page.showTickets(monthOf(2025, 5), TicketCohort::Created);
        QVERIFY(counted.wait(loadTimeoutMs));
        const int all = page.model()->rowCount();
        QVERIFY(all > 100);

        // Typed into the field: one search after the typing delay, not one per key.
        QTest::keyClicks(page.searchField(), QStringLiteral("INVOICE"));
        QVERIFY(counted.wait(loadTimeoutMs));
        QCOMPARE(counted.count(), 2);
        const int invoices = page.model()->rowCount();
        QVERIFY2(invoices > 0 && invoices < all, qPrintable(QStringLiteral("%1 of %2").arg(invoices).arg(all)));
        for (int row = 0; row < invoices; ++row) {
            const TicketListRow *ticket = page.model()->ticket(row);
            QVERIFY(ticket);
            QVERIFY(ticket->subject.contains(QLatin1String("invoice"), Qt::CaseInsensitive)
                || ticket->requester.contains(QLatin1String("invoice"), Qt::CaseInsensitive));
        }

        // A ticket id finds that ticket.
        const QString id = page.model()->ticket(0)->externalId;
        page.setSearchText(id);
        QVERIFY(counted.wait(loadTimeoutMs));
        QVERIFY(page.model()->rowCount() >= 1);
        bool found = false;
        for (int row = 0; row < page.model()->rowCount(); ++row)
            found = found || page.model()->ticket(row)->externalId == id;
        QVERIFY(found);

        // LIKE's wildcards are text here.
        page.setSearchText(QStringLiteral("%_%"));
        QVERIFY(counted.wait(loadTimeoutMs));
        QCOMPARE(page.model()->rowCount(), 0);
    }

    void csvFieldsAreNeutralisedAndQuoted_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("written");
        QTest::newRow("a formula") << QStringLiteral("=1+1") << QStringLiteral("'=1+1");
        QTest::newRow("plus") << QStringLiteral("+1") << QStringLiteral("'+1");
        QTest::newRow("minus") << QStringLiteral("-2+3") << QStringLiteral("'-2+3");
        QTest::newRow("at") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
        QTest::newRow("leading tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1");
        QTest::newRow("leading CR, quoted too") << QStringLiteral("\r=1") << QStringLiteral("\"'\r=1\"");
        QTest::newRow("a formula with a comma")
            << QStringLiteral("=HYPERLINK(\"x\",\"y\")") << QStringLiteral("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
        QTest::newRow("embedded quotes") << QStringLiteral("He said \"no\"")
                                         << QStringLiteral("\"He said \"\"no\"\"\"");
        QTest::newRow("embedded newline")
            << QStringLiteral("line one\nline two") << QStringLiteral("\"line one\nline two\"");
        QTest::newRow("comma") << QStringLiteral("a, b") << QStringLiteral("\"a, b\"");
        QTest::newRow("plain text") << QStringLiteral("Login fails") << QStringLiteral("Login fails");
        QTest::newRow("formula characters later on") << QStringLiteral("a=b") << QStringLiteral("a=b");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("non-ASCII") << QStringLiteral("Zürich – ünïcødé") << QStringLiteral("Zürich – ünïcødé");
    }

    void csvFieldsAreNeutralisedAndQuoted()
    {
        QFETCH(QString, cell);
        QFETCH(QString, written);
        QCOMPARE(CsvWriter::field(cell), written);
    }

    void csvRowsEndInCrlfWithOptionalBom()
    {
        QBuffer plain;
        plain.open(QIODevice::WriteOnly);
        CsvWriter writer(plain);
        writer.writeRow({ QStringLiteral("a"), QStringLiteral("b") });
        writer.writeRow({ QStringLiteral("ü"), QString() });
        QVERIFY(writer.ok());
        QCOMPARE(plain.data(), QByteArray("a,b\r\n\xC3\xBC,\r\n"));

        QBuffer excel;
        excel.open(QIODevice::WriteOnly);
        CsvWriter bom(excel, { true });
        bom.writeRow({ QStringLiteral("a") });
        bom.writeRow({ QStringLiteral("b") });
        QCOMPARE(excel.data(),
            QByteArray("\xEF\xBB\xBF"
                       "a\r\nb\r\n"));
    }

    void exportWritesTheListedTickets()
    {
        const QString path = m_dir.filePath(QStringLiteral("hostile.sqlite"));
        {
            QString error;
            std::optional<Database> database = Database::open(path, &error);
            QVERIFY2(database, qPrintable(error));
            QVERIFY(database->connection().exec(
                "INSERT INTO imports (id, file_name, file_path, file_size, kind, profile, encoding, delimiter, "
                "timezone, "
                "started_at) VALUES (1, 'h.csv', '/h.csv', 0, 'tickets', 'generic', 'UTF-8', ',', 'UTC', 0);"
                "INSERT INTO tickets (source, external_id, subject, created_at, import_id) VALUES "
                "('h', 1, '=1+1', 1700000000, 1),"
                "('h', 2, 'He said \"no\"' || char(10) || 'bye', 1700000060, 1),"
                "('h', 3, 'plain', 1700000120, 1);"));
        }
        TicketsPage page;
        QVERIFY(page.setDatabasePath(path));
        MetricsRequest request;
        request.zone = QTimeZone::utc();
        QSignalSpy counted(&page, &TicketsPage::rowCountChanged);
        page.showTickets(request, TicketCohort::Created);
        QVERIFY(counted.wait(loadTimeoutMs));
        QCOMPARE(page.model()->rowCount(), 3);

        const QString csv = m_dir.filePath(QStringLiteral("tickets.csv"));
        QSignalSpy finished(&page, &TicketsPage::exportFinished);
        page.exportCsv(csv, { true });
        QVERIFY(finished.wait(loadTimeoutMs));
        QVERIFY2(finished.front().at(0).toBool(), qPrintable(finished.front().at(1).toString()));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"
                                 "ID,Created,Subject,"));
        const QList<QByteArray> lines = bytes.mid(3).split('\n');
        // Newest first, as listed; the subject with a line break spans two physical lines.
        QVERIFY2(lines.at(1).startsWith("3,2023-11-14 22:15:20,plain,"), lines.at(1).constData());
        QCOMPARE(lines.at(2), QByteArray("2,2023-11-14 22:14:20,\"He said \"\"no\"\""));
        QVERIFY2(lines.at(3).startsWith("bye\","), lines.at(3).constData());
        QVERIFY2(lines.at(4).startsWith("1,2023-11-14 22:13:20,'=1+1,"), lines.at(4).constData());
    }

    void screenshot()
    {
        const QString demo = qEnvironmentVariable("SUPPORTLENS_SCREENSHOT_DB");
        const QString folder = qEnvironmentVariable("SUPPORTLENS_SCREENSHOT_DIR");
        if (demo.isEmpty() || folder.isEmpty())
            QSKIP("set SUPPORTLENS_SCREENSHOT_DB and SUPPORTLENS_SCREENSHOT_DIR to render the page");
        TicketsPage page;
        page.resize(1280, 720);
        QVERIFY(page.setDatabasePath(demo));
        QSignalSpy counted(&page, &TicketsPage::rowCountChanged);
        MetricsRequest request = monthOf(2026, 10);
        request.zone = QTimeZone::systemTimeZone();
        page.showTickets(request, TicketCohort::Solved);
        QVERIFY(counted.wait(loadTimeoutMs));
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTest::qWait(100);
        QVERIFY(page.grab().save(QDir(folder).filePath(QStringLiteral("tickets.png"))));
    }
};

QTEST_MAIN(TestTickets)
#include "tst_tickets.moc"
