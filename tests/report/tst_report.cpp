// The meeting report, end to end: `supportlens report` on a demo database with no display, read
// back with poppler's tools. Every expected figure comes from `supportlens metrics --compare
// --format table` (an independent path through the same engine), never from the report code.

#include "clirunner.h"
#include "services/demobuilder.h"
#include "domain/metricdefinitions.h"
#include "services/csvexport.h"
#include "domain/ticketsnapshot.h"
#include "store/snapshotstore.h"
#include "report/exportmenus.h"
#include "report/reportdata.h"
#include "report/reportdialog.h"
#include "report/reportwriter.h"
#include "widgets/heatmapwidget.h"

#include <QFile>
#include <QImage>
#include <QStandardItemModel>
#include <QTableView>

#include <QPrinter>
#include <QSignalSpy>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

using sl::test::Run;

// The report must not need a display or a locale: run as a cron job would.
Run run(const QString &program, const QStringList &arguments)
{
    return sl::test::runProgram(program, arguments, {.timeoutMs = 180000, .cLocale = true});
}

Run supportlens(const QStringList &arguments)
{
    return run(QStringLiteral(SUPPORTLENS_BINARY), arguments);
}

QString tool(const char *name)
{
    return QStandardPaths::findExecutable(QString::fromLatin1(name));
}

int pdfPages(const QString &pdf)
{
    const Run info = run(tool("pdfinfo"), {pdf});
    const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("^Pages:\\s+(\\d+)$"),
                                                             QRegularExpression::MultilineOption)
                                              .match(info.out);
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

// pdftotext -layout of one page (or all with page 0).
QString pdfText(const QString &pdf, int page = 0)
{
    QStringList arguments{QStringLiteral("-layout"), QStringLiteral("-enc"), QStringLiteral("UTF-8")};
    if (page > 0)
        arguments << QStringLiteral("-f") << QString::number(page) << QStringLiteral("-l") << QString::number(page);
    arguments << pdf << QStringLiteral("-");
    return run(tool("pdftotext"), arguments).out;
}

struct TableLine
{
    QString name, value, previous, change;
};

// `metrics --format table --compare`: name padded to the widest, then 2 + 14, 2 + 14, 2 + 10.
std::vector<TableLine> parseMetricsTable(const QString &text)
{
    std::vector<TableLine> lines;
    const QStringList rows = text.split(QLatin1Char('\n'));
    for (qsizetype i = 1; i < rows.size(); ++i) { // row 0 is the header
        const QString &row = rows[i];
        if (row.trimmed().isEmpty())
            break; // the group tables follow a blank line
        const qsizetype nameWidth = row.size() - (2 + 14 + 2 + 14 + 2 + 10);
        lines.push_back({row.left(nameWidth).trimmed(), row.mid(nameWidth + 2, 14).trimmed(),
                         row.mid(nameWidth + 18, 14).trimmed(), row.mid(nameWidth + 34).trimmed()});
    }
    return lines;
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    const QString m_from = QStringLiteral("2025-05-01");
    const QString m_to = QStringLiteral("2025-05-31");

    // The test database's snapshot, as the window hands it to the report dialog; null on failure.
    std::shared_ptr<const sl::TicketSnapshot> loadSnapshot(QString *error) const
    {
        std::optional<sl::Database> db = sl::Database::open(m_db, error, sl::sqlite::Connection::Mode::ReadWrite);
        std::optional<sl::TicketSnapshot> snapshot = db ? sl::loadTicketSnapshot(*db, error) : std::nullopt;
        return snapshot ? std::make_shared<const sl::TicketSnapshot>(std::move(*snapshot)) : nullptr;
    }

    // May 2025, the month the reports of these tests cover.
    static sl::MetricsRequest may2025()
    {
        sl::MetricsRequest request;
        request.from = QDate(2025, 5, 1);
        request.to = QDate(2025, 5, 31);
        return request;
    }

    bool havePoppler() const { return !tool("pdftotext").isEmpty() && !tool("pdfinfo").isEmpty() && !tool("pdfimages").isEmpty(); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("demo.sqlite"));
        sl::DemoBuildOptions options;
        options.tickets = 12000;
        options.seed = 7;
        options.lastDay = QDate(2025, 6, 30);
        const sl::DemoBuildResult built = sl::buildDemoDatabase(m_db, options);
        QVERIFY2(built.ok, qPrintable(built.error));
    }

    void monthReportHasItsPagesAndNoImages()
    {
        if (!havePoppler())
            QSKIP("poppler-utils (pdfinfo, pdftotext, pdfimages) is not installed");
        const QString pdf = m_dir.filePath(QStringLiteral("month.pdf"));
        const Run report = supportlens({QStringLiteral("report"), QStringLiteral("--db"), m_db, QStringLiteral("--from"),
                                        m_from, QStringLiteral("--to"), m_to, QStringLiteral("--out"), pdf});
        QVERIFY2(report.exitCode == 0, qPrintable(report.err));
        // Title, key figures, trends, channels and teams, heat-map, one leaderboard page,
        // two pages of definitions.
        QCOMPARE(pdfPages(pdf), 8);
        QVERIFY(report.out.contains(QStringLiteral("8 page")));
        const QString last = pdfText(pdf, 8);
        QVERIFY2(last.contains(QStringLiteral("Page 8 of 8")), qPrintable(last));
        for (int page = 1; page <= 8; ++page)
            QVERIFY(pdfText(pdf, page).contains(QStringLiteral("Page %1 of 8").arg(page)));

        // Charts and the heat-map are vector paths: not one image in the file.
        const Run images = run(tool("pdfimages"), {QStringLiteral("-list"), pdf});
        QCOMPARE(images.exitCode, 0);
        QCOMPARE(images.out.trimmed().split(QLatin1Char('\n')).size(), 2); // the two header lines only

        // The fonts are embedded.
        const Run fonts = run(tool("pdffonts"), {pdf});
        if (fonts.exitCode == 0) {
            for (const QString &line : fonts.out.split(QLatin1Char('\n')).mid(2)) {
                if (!line.trimmed().isEmpty())
                    QVERIFY2(line.contains(QStringLiteral(" yes ")), qPrintable(line));
            }
        }
    }

    void everyKpiReadsAsTheMetricsCommandPrintsIt()
    {
        if (!havePoppler())
            QSKIP("poppler-utils (pdftotext) is not installed");
        const QString pdf = m_dir.filePath(QStringLiteral("kpis.pdf"));
        const Run report = supportlens({QStringLiteral("report"), QStringLiteral("--db"), m_db, QStringLiteral("--from"),
                                        m_from, QStringLiteral("--to"), m_to, QStringLiteral("--out"), pdf});
        QVERIFY2(report.exitCode == 0, qPrintable(report.err));
        const Run metrics = supportlens({QStringLiteral("metrics"), QStringLiteral("--db"), m_db, QStringLiteral("--from"),
                                         m_from, QStringLiteral("--to"), m_to, QStringLiteral("--compare"),
                                         QStringLiteral("--format"), QStringLiteral("table")});
        QCOMPARE(metrics.exitCode, 0);
        const std::vector<TableLine> expected = parseMetricsTable(metrics.out);
        QVERIFY(expected.size() >= sl::ticketMetricDefinitions().size());

        const QStringList lines = pdfText(pdf, 2).split(QLatin1Char('\n'));
        for (const TableLine &kpi : expected) {
            // The row of the KPI table: the name, then (after column space) value, previous, change.
            const QRegularExpression rowStart(QStringLiteral("^\\s*") + QRegularExpression::escape(kpi.name)
                                              + QStringLiteral("\\s{2,}(.*)$"));
            QString rest;
            for (const QString &line : lines) {
                const QRegularExpressionMatch match = rowStart.match(line);
                if (match.hasMatch()) {
                    rest = match.captured(1);
                    break;
                }
            }
            QVERIFY2(!rest.isEmpty(), qPrintable(QStringLiteral("no row for \"%1\"").arg(kpi.name)));
            const QStringList cells = rest.split(QRegularExpression(QStringLiteral("\\s{2,}")), Qt::SkipEmptyParts);
            QCOMPARE(cells.size(), 3);
            QCOMPARE(cells[0].trimmed(), kpi.value);
            QCOMPARE(cells[1].trimmed(), kpi.previous);
            QCOMPARE(cells[2].trimmed(), kpi.change);
        }
    }

    void aLongLeaderboardRepeatsItsHeaderOnEveryPage()
    {
        if (!havePoppler())
            QSKIP("poppler-utils (pdftotext) is not installed");
        sl::ui::ReportData data;
        data.request.from = QDate(2025, 5, 1);
        data.request.to = QDate(2025, 5, 31);
        data.generatedAt = QDateTime(QDate(2025, 6, 1), QTime(9, 0));
        const std::size_t metricCount = sl::ticketMetricDefinitions().size();
        for (int i = 0; i < 200; ++i) {
            sl::MetricsGroup agent;
            agent.key = QStringLiteral("Agent %1").arg(i + 1, 3, 10, QLatin1Char('0'));
            agent.metrics.resize(metricCount);
            agent.metrics[0].value = 500 - i; // tickets_created
            agent.metrics[1].value = 400 - i; // tickets_solved
            data.agents.push_back(agent);
        }
        sl::ui::ReportOptions options;
        options.sections = sl::ui::ReportSection::Leaderboard;
        const QString pdf = m_dir.filePath(QStringLiteral("leaderboard.pdf"));
        QString error;
        int pages = 0;
        QVERIFY2(sl::ui::ReportWriter::writePdf(data, options, pdf, &error, &pages), qPrintable(error));
        QVERIFY(pages >= 4);
        QCOMPARE(pdfPages(pdf), pages);
        if (!qEnvironmentVariableIsEmpty("SUPPORTLENS_SCREENSHOT_DIR"))
            QFile::copy(pdf, qEnvironmentVariable("SUPPORTLENS_SCREENSHOT_DIR") + QStringLiteral("/leaderboard.pdf"));
        const QRegularExpression header(QStringLiteral("^\\s*#\\s+Agent\\s+Solved\\s+.*\\bFCR\\s+Reopened\\s+CSAT\\s+Ratings\\s*$"),
                                        QRegularExpression::MultilineOption);
        QSet<QString> seen;
        for (int page = 1; page <= pages; ++page) {
            const QString text = pdfText(pdf, page);
            QVERIFY2(header.match(text).hasMatch(), qPrintable(QStringLiteral("page %1 has no header row:\n%2").arg(page).arg(text)));
            const QRegularExpression agentName(QStringLiteral("Agent \\d{3}"));
            for (auto it = agentName.globalMatch(text); it.hasNext();)
                seen.insert(it.next().captured(0));
        }
        QCOMPARE(seen.size(), 200);
    }

    void paperAndOrientation()
    {
        if (!havePoppler())
            QSKIP("poppler-utils (pdfinfo) is not installed");
        const QString pdf = m_dir.filePath(QStringLiteral("letter.pdf"));
        const Run report = supportlens({QStringLiteral("report"), QStringLiteral("--db"), m_db, QStringLiteral("--from"),
                                        m_from, QStringLiteral("--to"), m_to, QStringLiteral("--out"), pdf,
                                        QStringLiteral("--paper"), QStringLiteral("letter"), QStringLiteral("--landscape"),
                                        QStringLiteral("--title"), QStringLiteral("May review"), QStringLiteral("--channel"),
                                        QStringLiteral("Email")});
        QVERIFY2(report.exitCode == 0, qPrintable(report.err));
        const Run info = run(tool("pdfinfo"), {pdf});
        QVERIFY2(info.out.contains(QStringLiteral("792 x 612 pts (letter)")), qPrintable(info.out));
        const QString first = pdfText(pdf, 1);
        QVERIFY(first.contains(QStringLiteral("May review")));
        QVERIFY(first.contains(QStringLiteral("Channel: Email")));
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString out = QStringLiteral("/tmp/never-written.pdf");
        QTest::newRow("no --from is bad usage")
            << QStringList{QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--to"),
                           QStringLiteral("2025-05-31"), QStringLiteral("--out"), out}
            << 2 << QStringLiteral("--from");
        QTest::newRow("a date that is no date is bad usage")
            << QStringList{QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--from"),
                           QStringLiteral("May"), QStringLiteral("--to"), QStringLiteral("2025-05-31"),
                           QStringLiteral("--out"), out}
            << 2 << QStringLiteral("YYYY-MM-DD");
        QTest::newRow("an unknown paper is bad usage")
            << QStringList{QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--from"),
                           QStringLiteral("2025-05-01"), QStringLiteral("--to"), QStringLiteral("2025-05-31"),
                           QStringLiteral("--out"), out, QStringLiteral("--paper"), QStringLiteral("a3")}
            << 2 << QStringLiteral("--paper");
        QTest::newRow("an unknown option is bad usage") << QStringList{QStringLiteral("--colour")} << 2
                                                        << QStringLiteral("colour");
        QTest::newRow("a missing database fails and names it")
            << QStringList{QStringLiteral("--db"), QStringLiteral("/nonexistent/missing.sqlite"), QStringLiteral("--from"),
                           QStringLiteral("2025-05-01"), QStringLiteral("--to"), QStringLiteral("2025-05-31"),
                           QStringLiteral("--out"), out}
            << 1 << QStringLiteral("missing.sqlite");
    }

    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run report = supportlens(QStringList{QStringLiteral("report")} + arguments);
        QCOMPARE(report.exitCode, exitCode);
        QVERIFY2(report.err.contains(message), qPrintable(report.err));
    }

    void anUnwritableOutputFailsAndNamesIt()
    {
        const QString pdf = QStringLiteral("/nonexistent-dir/report.pdf");
        const Run report = supportlens({QStringLiteral("report"), QStringLiteral("--db"), m_db, QStringLiteral("--from"),
                                        m_from, QStringLiteral("--to"), m_to, QStringLiteral("--out"), pdf});
        QCOMPARE(report.exitCode, 1);
        QVERIFY2(report.err.contains(pdf), qPrintable(report.err));
    }

    void theDialogsJobWritesTheReportFromTheLoadedSnapshot()
    {
        if (!havePoppler())
            QSKIP("poppler-utils (pdfinfo) is not installed");
        QString error;
        const std::shared_ptr<const sl::TicketSnapshot> snapshot = loadSnapshot(&error);
        QVERIFY2(snapshot, qPrintable(error));
        sl::ui::ReportOptions options;
        options.sections = sl::ui::ReportSection::Kpis | sl::ui::ReportSection::Trends;
        options.orientation = QPageLayout::Landscape;
        const QString pdf = m_dir.filePath(QStringLiteral("dialog.pdf"));
        const sl::ui::ReportJobResult result = sl::ui::writeReportJob(m_db, snapshot, may2025(), options, pdf);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(pdfPages(pdf), result.pages);
        QCOMPARE(result.pages, 2);
        QVERIFY(pdfText(pdf, 1).contains(QStringLiteral("Key figures")));
        QVERIFY(pdfText(pdf, 2).contains(QStringLiteral("Trends")));
    }

    void theDialogWritesOnAWorkerAndSaysWhenDone()
    {
        QString error;
        const std::shared_ptr<const sl::TicketSnapshot> snapshot = loadSnapshot(&error);
        QVERIFY2(snapshot, qPrintable(error));
        sl::ui::ReportDialog dialog(m_db, snapshot, may2025());
        QCOMPARE(dialog.options().sections, sl::ui::allReportSections);
        QVERIFY(dialog.outputPath().endsWith(QStringLiteral("support-report-2025-05-01-to-2025-05-31.pdf")));
        const QString pdf = m_dir.filePath(QStringLiteral("from-dialog.pdf"));
        dialog.setOutputPath(pdf);
        if (!qEnvironmentVariableIsEmpty("SUPPORTLENS_SCREENSHOT_DIR"))
            dialog.grab().save(qEnvironmentVariable("SUPPORTLENS_SCREENSHOT_DIR") + QStringLiteral("/report-dialog.png"));
        QSignalSpy exported(&dialog, &sl::ui::ReportDialog::exported);
        dialog.accept();
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, 60000);
        QCOMPARE(exported.at(0).at(0).toString(), pdf);
        QVERIFY(exported.at(0).at(1).toInt() >= 7);
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(4), QByteArray("%PDF"));
    }

    void printingPaintsTheSameReportOnAPrinter()
    {
        if (!havePoppler())
            QSKIP("poppler-utils (pdfinfo) is not installed");
        QString error;
        std::optional<sl::Database> db = sl::Database::open(m_db, &error, sl::sqlite::Connection::Mode::ReadWrite);
        QVERIFY2(db, qPrintable(error));
        std::optional<sl::TicketSnapshot> snapshot = sl::loadTicketSnapshot(*db, &error);
        QVERIFY2(snapshot, qPrintable(error));
        std::optional<sl::ui::ReportData> data = sl::ui::computeReportData(*db, *snapshot, may2025(), &error);
        QVERIFY2(data, qPrintable(error));
        // A printer's page has margins of its own and another resolution: the layout follows it.
        QPrinter printer(QPrinter::HighResolution);
        printer.setOutputFormat(QPrinter::PdfFormat);
        const QString pdf = m_dir.filePath(QStringLiteral("printed.pdf"));
        printer.setOutputFileName(pdf);
        printer.setPageSize(QPageSize(QPageSize::Letter));
        const int pages = sl::ui::ReportWriter::paint(*data, {}, printer);
        QVERIFY(pages >= 7);
        QCOMPARE(pdfPages(pdf), pages);
        QVERIFY(pdfText(pdf, 2).contains(QStringLiteral("Key figures")));
    }

    void aChartExportsAsVectorPdfSvgAndScaledPng()
    {
        sl::ui::HeatmapWidget chart;
        sl::VolumeHeatmap heatmap{};
        for (int day = 0; day < 7; ++day)
            for (int hour = 0; hour < 24; ++hour)
                heatmap[std::size_t(day)][std::size_t(hour)] = day * hour;
        chart.setHeatmap(heatmap);
        chart.resize(480, 220);
        QString error;
        const QString svg = m_dir.filePath(QStringLiteral("chart.svg"));
        QVERIFY2(sl::ui::writeChartSvg(&chart, svg, &error), qPrintable(error));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray svgText = svgFile.readAll();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(!svgText.contains("<image")); // vector, not a picture in a frame
        const QImage png = sl::ui::chartImage(&chart, 2);
        QCOMPARE(png.size(), QSize(960, 440));
        const QString pdf = m_dir.filePath(QStringLiteral("chart.pdf"));
        QVERIFY2(sl::ui::writeChartPdf(&chart, pdf, &error), qPrintable(error));
        if (!havePoppler())
            QSKIP("poppler-utils (pdfimages) is not installed");
        QCOMPARE(pdfPages(pdf), 1);
        const Run images = run(tool("pdfimages"), {QStringLiteral("-list"), pdf});
        QCOMPARE(images.out.trimmed().split(QLatin1Char('\n')).size(), 2);
    }

    void aTableExportsAsNeutralisedCsvAndCopiesAsTabs()
    {
        QStandardItemModel model(2, 2);
        model.setHorizontalHeaderLabels({QStringLiteral("Tag"), QStringLiteral("Tickets")});
        model.setItem(0, 0, new QStandardItem(QStringLiteral("=HYPERLINK(\"x\")")));
        model.setItem(0, 1, new QStandardItem(QStringLiteral("12")));
        model.setItem(1, 0, new QStandardItem(QStringLiteral("billing, refunds")));
        model.setItem(1, 1, new QStandardItem(QStringLiteral("3")));
        QTableView view;
        view.setModel(&model);
        const QString csv = m_dir.filePath(QStringLiteral("table.csv"));
        QString error;
        QVERIFY2(sl::ui::writeTableCsv(&view, csv, true, &error), qPrintable(error));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("\xEF\xBB\xBFTag,Tickets\r\n\"'=HYPERLINK(\"\"x\"\")\",12\r\n\"billing, refunds\",3\r\n"));
        QCOMPARE(sl::ui::tableText(&view),
                 QStringLiteral("Tag\tTickets\n=HYPERLINK(\"x\")\t12\nbilling, refunds\t3\n"));
        view.selectRow(1);
        QCOMPARE(sl::ui::tableText(&view), QStringLiteral("Tag\tTickets\nbilling, refunds\t3\n"));
    }

    void helpListsTheCommand()
    {
        const Run help = supportlens({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(QStringLiteral("supportlens report --db FILE")));
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
