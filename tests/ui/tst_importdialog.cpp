// The import dialog: it shows what the importer will make of a file before anything is written
// (encoding, byte-order mark, delimiter, kind, profile, the first records as parsed, the column
// mapping), an edit of the mapping changes what is imported, an import runs to its report in the
// background, and a cancelled import leaves the database exactly as it was.

#include "services/demogenerator.h"
#include "dialogs/importdialog.h"
#include "dialogs/importmodels.h"
#include "mainwindow.h"
#include "shell/importreportdialog.h"
#include "shell/importrunner.h"
#include "shell/settings.h"
#include "store/database.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBuffer>
#include <QDateTime>
#include <QDropEvent>
#include <QListWidget>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>

using namespace sl;
using namespace sl::ui;

namespace {

constexpr int importTimeoutMs = 60000;

QString createDatabase(const QDir &dir, const QString &name = QStringLiteral("db.sqlite"))
{
    const QString path = dir.filePath(name);
    QString error;
    if (!Database::open(path, &error, sqlite::Connection::Mode::ReadWriteCreate))
        qWarning() << error;
    return path;
}

std::int64_t queryInt(const QString &databasePath, const char *sql)
{
    QString error;
    std::optional<Database> database = Database::open(databasePath, &error, sqlite::Connection::Mode::ReadWrite);
    return database ? database->connection().queryInt(sql).value_or(-1) : -1;
}

QString queryText(const QString &databasePath, const char *sql)
{
    QString error;
    std::optional<Database> database = Database::open(databasePath, &error, sqlite::Connection::Mode::ReadWrite);
    if (!database)
        return {};
    sqlite::Statement statement = database->connection().prepare(sql);
    return statement.step() == sqlite::Statement::StepResult::Row ? statement.columnText(0) : QString();
}

QByteArray fingerprint(const QString &databasePath)
{
    QString error;
    std::optional<Database> database = Database::open(databasePath, &error, sqlite::Connection::Mode::ReadWrite);
    return database ? test::databaseFingerprint(database->connection()) : QByteArray();
}

int columnNamed(const ImportDialog &dialog, const QString &name)
{
    const ColumnMappingModel *model = dialog.mappingModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, ColumnMappingModel::NameColumn).data().toString() == name)
            return row;
    }
    return -1;
}

// Runs the dialog's import to its end; the reports it finished with.
std::vector<ImportReport> importAll(ImportDialog &dialog, bool *cancelled = nullptr)
{
    QSignalSpy finished(&dialog, &ImportDialog::importFinished);
    if (!dialog.startImport() || !finished.wait(importTimeoutMs))
        return {};
    if (cancelled)
        *cancelled = finished.constFirst().at(1).toBool();
    return finished.constFirst().at(0).value<std::vector<ImportReport>>();
}

} // namespace

class TestImportDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qRegisterMetaType<std::vector<sl::ImportReport>>();
        // Whatever the main window writes outside the settings passed in goes to the test locations.
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        // The generic ticket list as Excel saves "Unicode text": UTF-16LE with a BOM, tabs.
        QFile source(test::fixturePath(QStringLiteral("import/generic_kaggle_style.csv")));
        QVERIFY(source.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(source.readAll()).replace(QLatin1Char(','), QLatin1Char('\t'));
        QByteArray utf16("\xff\xfe", 2);
        utf16 += QByteArray(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        m_utf16File = test::writeFile(QDir(m_dir.path()), QStringLiteral("tickets-utf16.txt"), utf16);
        QVERIFY(!m_utf16File.isEmpty());
    }

    void showsWhatWasDetected_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<int>("records");
        QTest::addColumn<bool>("mappingEditable");

        QTest::newRow("a Zendesk export is UTF-8 with commas, Zendesk tickets")
            << test::fixturePath(QStringLiteral("import/zendesk_legacy.csv"))
            << QStringLiteral("UTF-8 · delimiter: comma") << QStringLiteral("tickets") << QStringLiteral("zendesk") << 3
            << true;
        QTest::newRow("a ticket list saved as Unicode text is UTF-16 with a BOM and tabs, generic tickets")
            << QString() << QStringLiteral("UTF-16LE with byte-order mark · delimiter: tab")
            << QStringLiteral("tickets") << QStringLiteral("generic") << 3 << true;
        QTest::newRow("a Five9 call log is calls, its mapping editable too")
            << test::fixturePath(QStringLiteral("calls/five9_call_log.csv"))
            << QStringLiteral("UTF-8 · delimiter: comma") << QStringLiteral("calls") << QStringLiteral("five9") << -1
            << true;
    }

    void showsWhatWasDetected()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(QString, kind);
        QFETCH(QString, profile);
        QFETCH(int, records);
        QFETCH(bool, mappingEditable);
        if (file.isEmpty())
            file = m_utf16File;

        ImportDialog dialog(createDatabase(QDir(m_dir.path()), QStringLiteral("detect.sqlite")), { file });
        QVERIFY2(dialog.formatText().startsWith(format), qPrintable(dialog.formatText()));
        QCOMPARE(dialog.kindName(), kind);
        QCOMPARE(dialog.profileId(), profile);
        QVERIFY(dialog.detectionMessage().isEmpty());

        // The preview is the file as parsed: its header, and its records up to the preview's size.
        QFile csv(file);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const ImportPreviewModel *preview = dialog.previewModel();
        QVERIFY(preview->columnCount() > 3);
        if (records >= 0)
            QCOMPARE(preview->rowCount(), records);
        QVERIFY(preview->rowCount() > 0 && preview->rowCount() <= ImportDialog::previewRows);
        const FilePreview parsed = previewFile(file, ImportDialog::previewRows);
        QCOMPARE(preview->headerData(0, Qt::Horizontal).toString(), parsed.header.constFirst());
        QCOMPARE(preview->index(0, 1).data().toString(), parsed.rows.front().value(1));

        // One mapping row per column; every field the importer binds is shown on its column.
        const ColumnMappingModel *mapping = dialog.mappingModel();
        QCOMPARE(mapping->rowCount(), int(parsed.header.size()));
        QCOMPARE(mapping->isEditable(), mappingEditable);
        const KindPreview detected = previewKind(parsed.header, QStringLiteral("auto"), QStringLiteral("auto"));
        QVERIFY(!detected.columnFields.empty());
        for (const auto &[column, field] : detected.columnFields)
            QCOMPARE(mapping->fieldOf(columnNamed(dialog, column)), field);
    }

    void everyModelPassesTheModelTester()
    {
        ImportDialog dialog(createDatabase(QDir(m_dir.path()), QStringLiteral("tester.sqlite")),
            { test::fixturePath(QStringLiteral("import/generic_kaggle_style.csv")),
                test::fixturePath(QStringLiteral("calls/five9_call_log.csv")) });
        QAbstractItemModelTester previewTester(
            dialog.previewModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester mappingTester(
            dialog.mappingModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto *files = dialog.findChild<QListWidget *>();
        QVERIFY(files);
        QAbstractItemModelTester filesTester(files->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(files->count(), 2);
        // Resets (another file, another kind, another profile) and in-place edits.
        QVERIFY(dialog.setColumnField(columnNamed(dialog, QStringLiteral("Ticket Priority")), QString()));
        // Without an id column every row would be rejected: the dialog says so.
        QVERIFY(dialog.setColumnField(columnNamed(dialog, QStringLiteral("Ticket ID")), QString()));
        QVERIFY(dialog.mappingNote().contains(QStringLiteral("ticket id")));
        QVERIFY(dialog.setColumnField(columnNamed(dialog, QStringLiteral("Ticket ID")), QStringLiteral("external_id")));
        QVERIFY(!dialog.mappingNote().contains(QStringLiteral("ticket id")));
        QVERIFY(dialog.setColumnField(columnNamed(dialog, QStringLiteral("Ticket Type")), QStringLiteral("subject")));
        QVERIFY(!dialog.setColumnField(0, QStringLiteral("no such field")));
        dialog.setCurrentFile(1);
        QCOMPARE(dialog.kindName(), QStringLiteral("calls"));
        // A call log's fields, in a call's words; the call id left without a column is refused.
        const QModelIndex talk = dialog.mappingModel()->index(
            columnNamed(dialog, QStringLiteral("TALK TIME")), ColumnMappingModel::FieldColumn);
        QCOMPARE(talk.data().toString(), QStringLiteral("Talk time (talk_s)"));
        QVERIFY(talk.data(ColumnMappingModel::ChoicesRole).toStringList().contains(QStringLiteral("abandon_wait_s")));
        QVERIFY(!dialog.setColumnField(0, QStringLiteral("created_at"))); // a ticket field is not a call's
        QVERIFY(dialog.setColumnField(columnNamed(dialog, QStringLiteral("CALL ID")), QString()));
        QVERIFY2(dialog.mappingNote().contains(QStringLiteral("external_id")), qPrintable(dialog.mappingNote()));
        QVERIFY(dialog.setColumnField(columnNamed(dialog, QStringLiteral("ANI")), QStringLiteral("external_id")));
        QVERIFY2(!dialog.mappingNote().contains(QStringLiteral("cannot")), qPrintable(dialog.mappingNote()));
        dialog.setKind(QStringLiteral("tickets"));
        dialog.setCurrentFile(0);
        dialog.setProfile(QStringLiteral("zendesk"));
        QVERIFY(!dialog.detectionMessage().isEmpty()); // a generic list is not a Zendesk export
        dialog.setProfile(QStringLiteral("auto"));
        QCOMPARE(dialog.profileId(), QStringLiteral("generic"));
    }

    void aFieldMovedOrUnboundChangesWhatIsImported()
    {
        const QString file = test::fixturePath(QStringLiteral("import/generic_kaggle_style.csv"));
        const QString plain = createDatabase(QDir(m_dir.path()), QStringLiteral("plain.sqlite"));
        const QString edited = createDatabase(QDir(m_dir.path()), QStringLiteral("edited.sqlite"));
        {
            ImportDialog dialog(plain, { file });
            QCOMPARE(importAll(dialog).size(), std::size_t(1));
        }
        QCOMPARE(queryInt(plain, "SELECT count(*) FROM tickets WHERE priority IS NOT NULL"), std::int64_t(3));

        ImportDialog dialog(edited, { file });
        const int priority = columnNamed(dialog, QStringLiteral("Ticket Priority"));
        const int type = columnNamed(dialog, QStringLiteral("Ticket Type"));
        const int subject = columnNamed(dialog, QStringLiteral("Ticket Subject"));
        QCOMPARE(dialog.mappingModel()->fieldOf(priority), QStringLiteral("priority"));
        QVERIFY(dialog.setColumnField(priority, QString()));
        // "subject" moves to the type column: the subject column is left without a field.
        QVERIFY(dialog.setColumnField(type, QStringLiteral("subject")));
        QCOMPARE(dialog.mappingModel()->fieldOf(subject), QString());
        QCOMPARE(dialog.mappingModel()->index(subject, ColumnMappingModel::FieldColumn).data().toString(),
            ColumnMappingModel::extraColumnText());
        const std::vector<ImportReport> reports = importAll(dialog);
        QCOMPARE(reports.size(), std::size_t(1));
        QCOMPARE(reports[0].outcome, ImportReport::Outcome::Imported);
        QCOMPARE(reports[0].inserted, std::int64_t(3));
        QCOMPARE(queryInt(edited, "SELECT count(*) FROM tickets WHERE priority IS NOT NULL"), std::int64_t(0));
        QCOMPARE(
            queryText(edited, "SELECT subject FROM tickets WHERE external_id = 1"), QStringLiteral("Technical issue"));
        // Nothing is lost: the unbound columns are kept as the import's extra columns.
        QVERIFY(queryText(edited, "SELECT extra_columns FROM imports").contains(QStringLiteral("Ticket Priority")));
    }

    // Every kind's mapping can be edited as a ticket export's can: a column detection left
    // extra is given a field, and the import reads it there.
    void aMappingEditOfEachKindChangesWhatIsImported_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QString>("expected");

        QTest::newRow("calls: the rep's name is the agent")
            << QByteArray("Call ID,Date,Answered,Wait Time,Rep Name\n"
                          "c1,2025-03-04 10:00,Y,30,Ann Lee\n"
                          "c2,2025-03-04 10:05,N,95,\n")
            << QStringLiteral("calls") << QStringLiteral("Rep Name") << QStringLiteral("agent")
            << QByteArray("SELECT a.name FROM calls c JOIN agents a ON a.id = c.agent_id WHERE c.external_id = 'c1'")
            << QStringLiteral("Ann Lee");
        QTest::newRow("surveys: the remarks are the comment")
            << QByteArray("Response ID,CSAT,Date,Remarks\n"
                          "r1,5,2025-03-04,Quick and kind\n"
                          "r2,2,2025-03-05,Waited too long\n")
            << QStringLiteral("surveys") << QStringLiteral("Remarks") << QStringLiteral("comment")
            << QByteArray("SELECT comment FROM survey_responses WHERE external_id = 'r2'")
            << QStringLiteral("Waited too long");
        QTest::newRow("customers: the membership is the plan")
            << QByteArray("Customer ID,Signup Date,Cancelled At,Membership\n"
                          "k1,2024-01-10,,Gold\n"
                          "k2,2024-02-01,2024-09-30,Basic\n")
            << QStringLiteral("customers") << QStringLiteral("Membership") << QStringLiteral("plan")
            << QByteArray("SELECT plan FROM accounts WHERE external_id = 'k2'") << QStringLiteral("Basic");
        QTest::newRow("costs: the order volume is the orders")
            << QByteArray("Month,Support Cost,Order Volume\n"
                          "2025-01,12000,3400\n"
                          "2025-02,12500,3650\n")
            << QStringLiteral("costs") << QStringLiteral("Order Volume") << QStringLiteral("orders")
            << QByteArray("SELECT orders FROM period_costs WHERE month = '2025-02'") << QStringLiteral("3650");
        QTest::newRow("qa: the grader is the reviewer")
            << QByteArray("Review ID,Agent,Reviewed At,Score,Grader\n"
                          "q1,Ann Lee,2025-03-04,92,Sam Roe\n"
                          "q2,Bo Chen,2025-03-05,78,Sam Roe\n")
            << QStringLiteral("qa") << QStringLiteral("Grader") << QStringLiteral("reviewer")
            << QByteArray("SELECT reviewer FROM qa_reviews WHERE external_id = 'q2'") << QStringLiteral("Sam Roe");
        QTest::newRow("events: the headline is the subject")
            << QByteArray("Case ID,Activity,Timestamp,Agent,Headline\n"
                          "1,Created,2025-03-04 09:00,,Login fails\n"
                          "1,Reply,2025-03-04 10:00,Ann Lee,Login fails\n"
                          "1,Resolved,2025-03-04 11:00,Ann Lee,Login fails\n")
            << QStringLiteral("events") << QStringLiteral("Headline") << QStringLiteral("subject")
            << QByteArray("SELECT subject FROM tickets WHERE external_id = 1") << QStringLiteral("Login fails");
    }

    void aMappingEditOfEachKindChangesWhatIsImported()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, kind);
        QFETCH(QString, column);
        QFETCH(QString, field);
        QFETCH(QByteArray, query);
        QFETCH(QString, expected);
        const QString file
            = test::writeFile(QDir(m_dir.path()), QStringLiteral("edit-%1.csv").arg(kind), csv);

        // As detected, the column is kept aside and the value is not where the edit will put it.
        const QString plain = createDatabase(QDir(m_dir.path()), QStringLiteral("plain-%1.sqlite").arg(kind));
        {
            ImportDialog dialog(plain, { file });
            QCOMPARE(dialog.kindName(), kind);
            QVERIFY(dialog.mappingModel()->isEditable());
            QCOMPARE(dialog.mappingModel()->fieldOf(columnNamed(dialog, column)), QString());
            const std::vector<ImportReport> reports = importAll(dialog);
            QCOMPARE(reports.size(), std::size_t(1));
            QCOMPARE(reports[0].outcome, ImportReport::Outcome::Imported);
        }
        QVERIFY(queryText(plain, query.constData()) != expected);

        const QString edited = createDatabase(QDir(m_dir.path()), QStringLiteral("edited-%1.sqlite").arg(kind));
        ImportDialog dialog(edited, { file });
        QVERIFY(dialog.setColumnField(columnNamed(dialog, column), field));
        QCOMPARE(dialog.mappingModel()->fieldOf(columnNamed(dialog, column)), field);
        QCOMPARE(dialog.optionsFor(0).columnOverrides.value(column), field);
        const std::vector<ImportReport> reports = importAll(dialog);
        QCOMPARE(reports.size(), std::size_t(1));
        QVERIFY2(reports[0].outcome == ImportReport::Outcome::Imported, qPrintable(reports[0].error));
        QCOMPARE(reports[0].rejected, std::int64_t(0));
        QCOMPARE(queryText(edited, query.constData()), expected);
    }

    // A mapping that leaves a kind without the column it keys its rows by is shown with the
    // reason, and the import does not start: nothing is written.
    void aMappingWithoutItsKeyIsNotImported()
    {
        const QString file = test::writeFile(QDir(m_dir.path()), QStringLiteral("qa-keyless.csv"),
            "Review ID,Agent,Reviewed At,Score\nq1,Ann Lee,2025-03-04,92\n");
        const QString path = createDatabase(QDir(m_dir.path()), QStringLiteral("keyless.sqlite"));
        const QByteArray before = fingerprint(path);
        ImportDialog dialog(path, { file });
        QCOMPARE(dialog.kindName(), QStringLiteral("qa"));
        QVERIFY(dialog.setColumnField(columnNamed(dialog, QStringLiteral("Score")), QString()));
        QVERIFY2(dialog.mappingNote().contains(QStringLiteral("score")), qPrintable(dialog.mappingNote()));
        QSignalSpy finished(&dialog, &ImportDialog::importFinished);
        QVERIFY(!dialog.startImport());
        QVERIFY(!dialog.isImporting());
        QCOMPARE(fingerprint(path), before);
        // Choosing the field again makes it importable.
        QVERIFY(dialog.setColumnField(columnNamed(dialog, QStringLiteral("Score")), QStringLiteral("score")));
        QCOMPARE(importAll(dialog).size(), std::size_t(1));
        QCOMPARE(queryInt(path, "SELECT count(*) FROM qa_reviews"), std::int64_t(1));
    }

    // Qualtrics writes two more header rows (question texts, ImportIds): the preview lists
    // records only, and the question a column asks is its tooltip in the mapping.
    void extraHeaderRowsAreNotShownAsRecords()
    {
        const QString file = test::fixturePath(QStringLiteral("surveys/qualtrics.csv"));
        ImportDialog dialog(createDatabase(QDir(m_dir.path()), QStringLiteral("qualtrics.sqlite")), { file });
        QCOMPARE(dialog.kindName(), QStringLiteral("surveys"));
        const FilePreview parsed = previewFile(file, ImportDialog::previewRows);
        QVERIFY(parsed.rows.size() > 2);
        QCOMPARE(dialog.previewModel()->rowCount(), int(parsed.rows.size()) - 2);
        QCOMPARE(dialog.previewModel()->index(0, 0).data().toString(), parsed.rows[2].value(0));
        const QModelIndex q1 = dialog.mappingModel()->index(columnNamed(dialog, QStringLiteral("Q1")), 0);
        QVERIFY2(q1.data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("How likely are you to recommend")),
            qPrintable(q1.data(Qt::ToolTipRole).toString()));
        // The first value of a column is a record's, not the question's.
        QCOMPARE(dialog.mappingModel()->index(q1.row(), ColumnMappingModel::SampleColumn).data().toString(),
            parsed.rows[2].value(q1.row()));
    }

    // A help desk exports in UTC, a phone system in local time: each file has its own zone and
    // date order. A choice holds for the files whose own was not chosen yet.
    void eachFileHasItsOwnTimeZoneAndDateOrder()
    {
        const QString path = createDatabase(QDir(m_dir.path()), QStringLiteral("zones.sqlite"));
        const QString first = test::writeFile(QDir(m_dir.path()), QStringLiteral("zone-a.csv"),
            "Ticket ID,Subject,Status,Created\n1,Login fails,open,03/04/2024 10:00\n");
        const QString second = test::writeFile(QDir(m_dir.path()), QStringLiteral("zone-b.csv"),
            "Ticket ID,Subject,Status,Created\nB1,Refund,open,03/04/2024 10:00\n");
        ImportDialog dialog(path, { first, second });
        dialog.setTimeZone(QStringLiteral("Europe/Berlin"));
        dialog.setDateOrder(DateOrder::DayFirst);
        // The second file was not set: it follows.
        QCOMPARE(dialog.optionsFor(1).timeZone, QTimeZone("Europe/Berlin"));
        QCOMPARE(dialog.optionsFor(1).dateOrder, DateOrder::DayFirst);
        dialog.setCurrentFile(1);
        dialog.setTimeZone(QStringLiteral("America/New_York"));
        dialog.setDateOrder(DateOrder::MonthFirst);
        // The first keeps its own.
        QCOMPARE(dialog.optionsFor(0).timeZone, QTimeZone("Europe/Berlin"));
        QCOMPARE(dialog.optionsFor(0).dateOrder, DateOrder::DayFirst);
        QCOMPARE(dialog.optionsFor(1).timeZone, QTimeZone("America/New_York"));
        QCOMPARE(dialog.optionsFor(1).dateOrder, DateOrder::MonthFirst);
        // Showing a file shows its own choices.
        dialog.setCurrentFile(0);
        QCOMPARE(dialog.optionsFor(0).timeZone, QTimeZone("Europe/Berlin"));
        const std::vector<ImportReport> reports = importAll(dialog);
        QCOMPARE(reports.size(), std::size_t(2));
        const QDateTime berlin(QDate(2024, 4, 3), QTime(10, 0), QTimeZone("Europe/Berlin"));
        const QDateTime newYork(QDate(2024, 3, 4), QTime(10, 0), QTimeZone("America/New_York"));
        QCOMPARE(queryInt(path, "SELECT created_at FROM tickets WHERE external_id = 1"),
            std::int64_t(berlin.toSecsSinceEpoch()));
        QCOMPARE(queryInt(path, "SELECT created_at FROM tickets WHERE external_id = 'B1'"),
            std::int64_t(newYork.toSecsSinceEpoch()));
    }

    void aFileCanBeLeftOutDownToTheLast()
    {
        const QString path = createDatabase(QDir(m_dir.path()), QStringLiteral("leftout.sqlite"));
        ImportDialog dialog(path,
            { test::fixturePath(QStringLiteral("import/zendesk_legacy.csv")),
                test::fixturePath(QStringLiteral("calls/five9_call_log.csv")),
                test::fixturePath(QStringLiteral("csv/excel-windows1252-semicolon.csv")) });
        auto *files = dialog.findChild<QListWidget *>();
        QVERIFY(files);
        QAbstractItemModelTester filesTester(files->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The file nothing reads is left out with the Delete key on the list.
        dialog.setCurrentFile(2);
        QVERIFY(!dialog.detectionMessage().isEmpty());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        files->setFocus();
        QTest::keyClick(files, Qt::Key_Delete);
        QCOMPARE(dialog.fileCount(), 2);
        QCOMPARE(files->count(), 2);
        QCOMPARE(dialog.kindName(), QStringLiteral("calls")); // the one before it is shown
        const std::vector<ImportReport> reports = importAll(dialog);
        QCOMPARE(reports.size(), std::size_t(2));
        QCOMPARE(queryInt(path, "SELECT count(*) FROM imports"), std::int64_t(2));

        ImportDialog two(path,
            { test::fixturePath(QStringLiteral("import/zendesk_legacy.csv")),
                test::fixturePath(QStringLiteral("calls/five9_call_log.csv")) });
        QVERIFY(two.removeFile(0));
        QCOMPARE(two.kindName(), QStringLiteral("calls"));
        QVERIFY(!two.removeFile(0)); // the last file stays: the dialog always has one to show
        QCOMPARE(two.fileCount(), 1);
    }

    void aChosenDateOrderAndTimeZoneDecideTheTimes()
    {
        const QString file = test::writeFile(QDir(m_dir.path()), QStringLiteral("slashed.csv"),
            "Ticket ID,Subject,Status,Created\n"
            "1,Login fails,open,03/04/2024 10:00\n"
            "2,Refund,solved,05/06/2024 11:30\n");
        const QString path = createDatabase(QDir(m_dir.path()), QStringLiteral("dates.sqlite"));
        ImportDialog dialog(path, { file });
        QCOMPARE(dialog.profileId(), QStringLiteral("generic"));
        dialog.setDateOrder(DateOrder::DayFirst);
        dialog.setTimeZone(QStringLiteral("Europe/Berlin"));
        QCOMPARE(dialog.optionsFor(0).dateOrder, DateOrder::DayFirst);
        const std::vector<ImportReport> reports = importAll(dialog);
        QCOMPARE(reports.size(), std::size_t(1));
        QCOMPARE(reports[0].rejected, std::int64_t(0));
        const QDateTime expected(QDate(2024, 4, 3), QTime(10, 0), QTimeZone("Europe/Berlin"));
        QCOMPARE(queryInt(path, "SELECT created_at FROM tickets WHERE external_id = 1"),
            std::int64_t(expected.toSecsSinceEpoch()));
    }

    void anImportRunsInTheBackgroundToItsReport()
    {
        const QString path = createDatabase(QDir(m_dir.path()), QStringLiteral("run.sqlite"));
        ImportDialog dialog(path,
            { test::fixturePath(QStringLiteral("import/zendesk_legacy.csv")),
                test::fixturePath(QStringLiteral("calls/five9_call_log.csv")) });
        dialog.show();
        QSignalSpy progress(dialog.runner(), &ImportRunner::progress);
        QSignalSpy finished(&dialog, &ImportDialog::importFinished);
        QVERIFY(dialog.startImport());
        QVERIFY(dialog.isImporting());
        QVERIFY(!dialog.startImport()); // one at a time
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, importTimeoutMs);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(finished.constFirst().at(1).toBool(), false);
        const auto reports = finished.constFirst().at(0).value<std::vector<ImportReport>>();
        QCOMPARE(reports.size(), std::size_t(2));
        QCOMPARE(reports[0].outcome, ImportReport::Outcome::Imported);
        QCOMPARE(reports[1].outcome, ImportReport::Outcome::Imported);
        QCOMPARE(reports[1].kind, QStringLiteral("calls"));
        QCOMPARE(queryInt(path, "SELECT count(*) FROM tickets"), reports[0].inserted);
        QVERIFY(reports[0].inserted > 0);
        QCOMPARE(queryInt(path, "SELECT count(*) FROM calls"), reports[1].inserted);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.isVisible());
    }

    void aCancelledImportLeavesTheDatabaseAsItWas()
    {
        const QString path = createDatabase(QDir(m_dir.path()), QStringLiteral("cancel.sqlite"));
        {
            ImportDialog first(path, { test::fixturePath(QStringLiteral("import/zendesk_legacy.csv")) });
            QCOMPARE(importAll(first).size(), std::size_t(1));
        }
        const std::int64_t ticketsBefore = queryInt(path, "SELECT count(*) FROM tickets");
        const QByteArray before = fingerprint(path);

        // Big enough (about 15 MB) that the import is still reading when the cancel arrives.
        QByteArray big = "Ticket ID,Subject,Status,Priority,Channel,Created\n";
        big.reserve(200000 * 80);
        for (int i = 1; i <= 200000; ++i)
            big += "B" + QByteArray::number(i) + ",Cannot log in after the update,open,High,Email,2025-03-0"
                + QByteArray::number(1 + i % 9) + " 10:00\n";
        const QString file = test::writeFile(QDir(m_dir.path()), QStringLiteral("big.csv"), big);
        ImportDialog dialog(path, { file });
        dialog.show();
        QSignalSpy finished(&dialog, &ImportDialog::importFinished);
        QVERIFY(dialog.startImport());
        dialog.reject(); // the Cancel button: stops the import, the dialog stays until it has
        QVERIFY(dialog.isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, importTimeoutMs);
        QCOMPARE(finished.constFirst().at(1).toBool(), true);
        // Cancelled before the file started, or in the middle of it: either way nothing of it stays.
        const auto reports = finished.constFirst().at(0).value<std::vector<ImportReport>>();
        QVERIFY(reports.empty() || reports[0].outcome == ImportReport::Outcome::Cancelled);
        QCOMPARE(queryInt(path, "SELECT count(*) FROM tickets"), ticketsBefore);
        QCOMPARE(fingerprint(path), before);
        QCOMPARE(queryText(path, "PRAGMA integrity_check"), QStringLiteral("ok"));
    }

    void droppingFilesOnTheWindowOpensTheDialogAndTheImportReloadsTheWindow()
    {
        const QString path = createDatabase(QDir(m_dir.path()), QStringLiteral("window.sqlite"));
        MainWindow window(std::make_unique<Settings>(std::make_unique<QSettings>(
            QDir(m_dir.path()).filePath(QStringLiteral("window.ini")), QSettings::IniFormat)));
        window.show();
        QSignalSpy opened(&window, &MainWindow::databaseOpened);
        window.openDatabase(path);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, importTimeoutMs);

        QMimeData mime;
        mime.setUrls({ QUrl::fromLocalFile(test::fixturePath(QStringLiteral("import/zendesk_legacy.csv"))) });
        // As a drag delivers it: entering first (the window accepts CSV files), then the drop.
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY(drop.isAccepted());
        auto *dialog = window.findChild<ImportDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->profileId(), QStringLiteral("zendesk"));
        QVERIFY(dialog->runner()->parent() == &window); // the window's runner: its report and reload follow

        QSignalSpy finished(&window, &MainWindow::importFinished);
        QVERIFY(dialog->startImport());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, importTimeoutMs);
        QCOMPARE(queryInt(path, "SELECT count(*) FROM tickets"), std::int64_t(3));
        auto *report = window.findChild<ImportReportDialog *>();
        QVERIFY(report);
        QTRY_VERIFY(report->isVisible());
        // The window loads the database again and shows the new tickets.
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 2, importTimeoutMs);
        QTRY_VERIFY(!window.findChild<ImportDialog *>()); // closed and deleted
        report->close();
    }

    void rejectedRowsExportAsCsv()
    {
        ImportReport report;
        report.filePath = QStringLiteral("/tmp/tickets.csv");
        report.issues.push_back(
            { 7, QStringLiteral("Created at"), QStringLiteral("expected a date-time, found \"soon\"") });
        report.issues.push_back({ 9, QString(), QStringLiteral("=cmd|' /C calc'!A0") });
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::WriteOnly));
        QVERIFY(ImportReportDialog::writeRejectedCsv({ report }, buffer));
        const QString csv = QString::fromUtf8(buffer.data()).remove(QChar(0xfeff));
        QCOMPARE(csv,
            QStringLiteral("File,Line,Column,Reason\r\n"
                           "tickets.csv,7,Created at,\"expected a date-time, found \"\"soon\"\"\"\r\n"
                           "tickets.csv,9,,'=cmd|' /C calc'!A0\r\n"));
    }

    // Not a check: SUPPORTLENS_SCREENSHOT=FILE.png saves the dialog on a demo Freshdesk export
    // (run it with a real platform, e.g. under xvfb-run with QT_QPA_PLATFORM=xcb).
    void screenshot()
    {
        const QString target = qEnvironmentVariable("SUPPORTLENS_SCREENSHOT");
        if (target.isEmpty())
            QSKIP("set SUPPORTLENS_SCREENSHOT=FILE.png to save a screenshot");
        DemoOptions options;
        options.tickets = 400;
        const QString file = QDir(m_dir.path()).filePath(QStringLiteral("freshdesk-tickets.csv"));
        QVERIFY(writeDemoExport(options, DemoFormat::Freshdesk, file).ok);
        ImportDialog dialog(createDatabase(QDir(m_dir.path()), QStringLiteral("shot.sqlite")),
            { file, test::fixturePath(QStringLiteral("calls/five9_call_log.csv")),
                test::fixturePath(QStringLiteral("csv/excel-windows1252-semicolon.csv")) });
        dialog.setTimeZone(QStringLiteral("Europe/Berlin"));
        QVERIFY(dialog.setColumnField(columnNamed(dialog, QStringLiteral("Type")), QString()));
        dialog.setCurrentFile(qEnvironmentVariableIntValue("SUPPORTLENS_SCREENSHOT_FILE"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::qWait(300);
        QVERIFY(dialog.grab().save(target));

        // And the report that follows an import with rejected rows.
        const QString reportTarget = qEnvironmentVariable("SUPPORTLENS_SCREENSHOT_REPORT");
        if (reportTarget.isEmpty())
            return;
        const QString bad = test::writeFile(QDir(m_dir.path()), QStringLiteral("with-bad-rows.csv"),
            "Ticket ID,Subject,Status,Created\n"
            "1,Login fails,open,2025-03-04 10:00\n"
            "2,Refund,solved,next tuesday\n"
            ",No id,open,2025-03-05 09:00\n");
        ImportDialog second(createDatabase(QDir(m_dir.path()), QStringLiteral("shot2.sqlite")), { bad });
        ImportReportDialog report(importAll(second), false);
        report.show();
        QVERIFY(QTest::qWaitForWindowExposed(&report));
        QTest::qWait(300);
        QVERIFY(report.grab().save(reportTarget));
    }

private:
    QTemporaryDir m_dir;
    QString m_utf16File;
};

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
