// Customers, costs and QA reviews imported end to end: each fixture detected and written with
// the values it holds, bad values rejected with their line, column and what was expected,
// importing again changing nothing, and IBM's real Telco churn sample.

#include "services/importjob.h"
#include "import/kinds/costimporter.h"
#include "import/kinds/qaimporter.h"
#include "services/businessquery.h"
#include "store/database.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

using namespace sl;

namespace {

// 2025-01-01 00:00:00 UTC.
constexpr std::int64_t january1st2025 = 1735689600;

ImportOptions utc()
{
    ImportOptions options;
    options.timeZone = QTimeZone::utc();
    return options;
}

// The text of one value, "NULL" for SQL NULL, so that a row compares as one string.
QString row(Database &db, const char *sql, const QString &key)
{
    sqlite::Statement s = db.connection().prepare(sql);
    s.bindText(1, key);
    if (s.step() != sqlite::Statement::StepResult::Row)
        return QStringLiteral("(no row)");
    QStringList values;
    for (int column = 0; column < s.columnCount(); ++column)
        values.append(s.columnIsNull(column) ? QStringLiteral("NULL") : s.columnText(column));
    return values.join(QLatin1Char('|'));
}

QString q(const char *text)
{
    return QString::fromUtf8(text);
}

std::int64_t count(Database &db, const char *sql)
{
    return db.connection().queryInt(sql).value_or(-1);
}

// The rows of the business tables, hashed: what "re-import changes nothing" compares.
QByteArray businessFingerprint(Database &db)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const char *sql : { "SELECT * FROM accounts ORDER BY id", "SELECT * FROM period_costs ORDER BY id",
             "SELECT * FROM qa_reviews ORDER BY id", "SELECT * FROM agents ORDER BY id",
             "SELECT version FROM data_version" }) {
        sqlite::Statement s = db.connection().prepare(sql);
        while (s.step() == sqlite::Statement::StepResult::Row) {
            for (int column = 0; column < s.columnCount(); ++column)
                hash.addData(
                    (s.columnIsNull(column) ? QStringLiteral("\x01N") : s.columnText(column) + QStringLiteral("\x01V"))
                        .toUtf8());
        }
    }
    return hash.result().toHex();
}

const char *accountSql
    = "SELECT started_on, ended_on, churned, plan, monthly_revenue, total_revenue, extra FROM accounts "
      "WHERE external_id = ?1";
const char *costSql = "SELECT support_cost, orders, extra FROM period_costs WHERE month || '/' || channel = ?1";
const char *reviewSql = "SELECT r.reviewed_at, r.ticket_external_id, a.name, r.reviewer, r.score, r.max_score "
                        "FROM qa_reviews r LEFT JOIN agents a ON a.id = r.agent_id WHERE r.external_id = ?1";

} // namespace

class TestBusinessImport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_dbCounter = 0;

    Database freshDatabase() { return test::freshDatabase(m_dir, ++m_dbCounter); }

private slots:
    void eachFixtureIsDetectedAndImported_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<int>("rows");
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");

        QTest::newRow("a customer list with signup and cancellation dates")
            << q("customers/generic_customers.csv") << q("customers") << q("generic-customers") << 5 << q(accountSql)
            << q("C-002") << q("2024-12-01|2025-01-20|1|Basic|19.0|38.0|[\"US\"]");
        QTest::newRow("an active customer's churned flag follows from the empty end date")
            << q("customers/generic_customers.csv") << q("customers") << q("generic-customers") << 5 << q(accountSql)
            << q("C-001") << q("2024-11-15|NULL|0|Pro|49.0|98.0|[\"EU\"]");
        QTest::newRow("an amount with a currency symbol")
            << q("customers/generic_customers.csv") << q("customers") << q("generic-customers") << 5 << q(accountSql)
            << q("C-005") << q("2024-10-01|2025-02-01|1|Team|120.0|480.0|[\"EU\"]");
        QTest::newRow("IBM's Telco sample: a churn flag and no dates")
            << q("customers/ibm_telco_sample.csv") << q("customers") << q("ibm-telco") << 4 << q(accountSql)
            << q("3668-QPYBK")
            << q("NULL|NULL|1|Month-to-month|53.85|108.15|"
                 "[\"Male\",\"0\",\"No\",\"No\",\"2\",\"Yes\",\"No\",\"DSL\",\"Yes\",\"Yes\",\"No\","
                 "\"No\",\"No\",\"No\",\"Yes\",\"Mailed check\"]");
        QTest::newRow("IBM's blank TotalCharges (a single space) is no value")
            << q("customers/ibm_telco_sample.csv") << q("customers") << q("ibm-telco") << 4 << q(accountSql)
            << q("4472-LVYGI")
            << q("NULL|NULL|0|Two year|52.55|NULL|"
                 "[\"Female\",\"0\",\"Yes\",\"Yes\",\"0\",\"No\",\"No phone service\",\"DSL\",\"Yes\",\"No\",\"Yes\","
                 "\"Yes\",\"Yes\",\"No\",\"Yes\",\"Bank transfer (automatic)\"]");
        QTest::newRow("monthly cost as 'Feb 2025' with a thousands separator")
            << q("costs/monthly_costs.csv") << q("costs") << q("generic-costs") << 3 << q(costSql) << q("2025-02/")
            << q("11000.5|3800|NULL");
        QTest::newRow("a date in the month column counts for its month")
            << q("costs/monthly_costs.csv") << q("costs") << q("generic-costs") << 3 << q(costSql) << q("2025-03/")
            << q("13000.0|NULL|NULL");
        QTest::newRow("one cost column per channel")
            << q("costs/costs_by_channel_columns.csv") << q("costs") << q("generic-costs") << 3 << q(costSql)
            << q("2025-01/Phone") << q("6000.0|NULL|NULL");
        QTest::newRow("the month's orders and other columns on its whole-month row")
            << q("costs/costs_by_channel_columns.csv") << q("costs") << q("generic-costs") << 3 << q(costSql)
            << q("2025-01/") << q("NULL|4000|[\"launch month\"]");
        QTest::newRow("a channel column, channel labels normalised")
            << q("costs/costs_by_channel_rows.csv") << q("costs") << q("generic-costs") << 4 << q(costSql)
            << q("2025-01/Phone") << q("6000.0|NULL|NULL");
        QTest::newRow("a 'Total' channel row is the whole month")
            << q("costs/costs_by_channel_rows.csv") << q("costs") << q("generic-costs") << 4 << q(costSql)
            << q("2025-01/") << q("NULL|4000|NULL");
        QTest::newRow("Zendesk QA: points out of a maximum")
            << q("qa/zendesk_qa_reviews.csv") << q("qa") << q("zendesk-qa") << 4 << q(reviewSql) << q("r-1003")
            << QStringLiteral("%1|5003|Alice Smith|Riley QA|45.0|50.0")
                   .arg(january1st2025 + 19 * 86400 + 9 * 3600 + 1800);
        QTest::newRow("Zendesk QA: a percentage is 0-100")
            << q("qa/zendesk_qa_reviews.csv") << q("qa") << q("zendesk-qa") << 4 << q(reviewSql) << q("r-1002")
            << QStringLiteral("%1|5002|Bob Jones|Quinn QA|87.0|NULL").arg(january1st2025 + 6 * 86400 + 11 * 3600);
        QTest::newRow("Zendesk QA: a review without a reviewee")
            << q("qa/zendesk_qa_reviews.csv") << q("qa") << q("zendesk-qa") << 4 << q(reviewSql) << q("r-1004")
            << QStringLiteral("%1|5004|NULL|Riley QA|70.0|NULL").arg(january1st2025 + 33 * 86400 + 16 * 3600 + 2700);
        QTest::newRow("a QA sheet without review ids, day-first dates, a max-points column")
            << q("qa/generic_qa.csv") << q("qa") << q("generic-qa") << 3 << q(reviewSql)
            << q("5003|Carol White|Riley|20/01/2025")
            << QStringLiteral("%1|5003|Carol White|Riley|20.0|20.0").arg(january1st2025 + 19 * 86400);
    }

    void eachFixtureIsDetectedAndImported()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, kind);
        QFETCH(QString, profile);
        QFETCH(int, rows);
        QFETCH(QString, sql);
        QFETCH(QString, key);
        QFETCH(QString, expected);

        Database db = freshDatabase();
        const ImportReport report = runImport(db, test::fixturePath(fixture), utc());
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.kind, kind);
        QCOMPARE(report.profile, profile);
        QCOMPARE(report.rowsRead, rows);
        QCOMPARE(report.inserted, rows);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(row(db, sql.toUtf8().constData(), key), expected);
    }

    void theKindCanBeForced()
    {
        Database db = freshDatabase();
        ImportOptions options = utc();
        options.kind = QStringLiteral("qa");
        // A customer list is no QA export: forcing the kind refuses it instead of guessing.
        const ImportReport refused
            = runImport(db, test::fixturePath(QStringLiteral("customers/generic_customers.csv")), options);
        QCOMPARE(refused.outcome, ImportReport::Outcome::Failed);
        options.kind = QStringLiteral("costs");
        const ImportReport costs = runImport(db, test::fixturePath(QStringLiteral("costs/monthly_costs.csv")), options);
        QCOMPARE(costs.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(costs.kind, QStringLiteral("costs"));
    }

    void badValuesAreRejectedWithLineColumnAndExpectation_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<int>("imported");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("expected"); // a part of the message

        const QByteArray customers = "Customer ID,Signup Date,Cancelled At,Churned,MRR\n"
                                     "C-1,2025-01-05,,No,10\n";
        QTest::newRow("customer: a date that is none")
            << QByteArray(customers + "C-2,2025-13-45,,No,10\n") << 1 << qint64(3) << q("Signup Date")
            << q("expected a date such as 2024-03-05");
        QTest::newRow("customer: an amount that is none")
            << QByteArray(customers + "C-2,2025-01-05,,No,ten\n") << 1 << qint64(3) << q("MRR")
            << q("expected an amount of 0 or more");
        QTest::newRow("customer: a negative amount") << QByteArray(customers + "C-2,2025-01-05,,No,-5\n") << 1
                                                     << qint64(3) << q("MRR") << q("expected an amount of 0 or more");
        QTest::newRow("customer: an end before the start")
            << QByteArray(customers + "C-2,2025-01-05,2025-01-01,Yes,10\n") << 1 << qint64(3) << q("Cancelled At")
            << q("expected an end date on or after the start date 2025-01-05");
        QTest::newRow("customer: a churn flag that is none")
            << QByteArray(customers + "C-2,2025-01-05,,maybe,10\n") << 1 << qint64(3) << q("Churned")
            << q("expected a churn flag");
        QTest::newRow("customer: the same customer twice") << QByteArray(customers + "C-1,2025-01-06,,No,10\n") << 1
                                                           << qint64(3) << q("Customer ID") << q("already on line 2");
        QTest::newRow("customer: no id") << QByteArray(customers + ",2025-01-06,,No,10\n") << 1 << qint64(3)
                                         << q("Customer ID") << q("the customer id is empty");

        const QByteArray costs = "Month,Support cost,Orders\n2025-01,1000,50\n";
        QTest::newRow("cost: a totals row is no month") << QByteArray(costs + "Total,1000,50\n") << 1 << qint64(3)
                                                        << q("Month") << q("expected a month such as 2025-01");
        QTest::newRow("cost: half an order") << QByteArray(costs + "2025-02,1000,12.5\n") << 1 << qint64(3)
                                             << q("Orders") << q("expected a whole number of orders");
        QTest::newRow("cost: a negative cost") << QByteArray(costs + "2025-02,-1000,12\n") << 1 << qint64(3)
                                               << q("Support cost") << q("expected a cost of 0 or more");
        QTest::newRow("cost: a month twice") << QByteArray(costs + "Jan 2025,900,40\n") << 1 << qint64(3) << q("Month")
                                             << q("month 2025-01 is already on line 2");

        const QByteArray reviews = "Review ID,Conversation ID,Reviewee,Reviewer,Review created,Review score\n"
                                   "r1,1,Ann,Quinn,2025-01-05,90\n";
        QTest::newRow("QA: a score above 100") << QByteArray(reviews + "r2,2,Ann,Quinn,2025-01-06,120\n") << 1
                                               << qint64(3) << q("Review score") << q("expected a score 0-100");
        QTest::newRow("QA: more points than the maximum")
            << QByteArray(reviews + "r2,2,Ann,Quinn,2025-01-06,55 / 50\n") << 1 << qint64(3) << q("Review score")
            << q("points / max points (45 / 50)");
        QTest::newRow("QA: a date that is none")
            << QByteArray(reviews + "r2,2,Ann,Quinn,yesterday,80\n") << 1 << qint64(3) << q("Review created")
            << q("expected a date such as 2024-03-05");
    }

    void badValuesAreRejectedWithLineColumnAndExpectation()
    {
        QFETCH(QByteArray, csv);
        QFETCH(int, imported);
        QFETCH(qint64, line);
        QFETCH(QString, column);
        QFETCH(QString, expected);

        Database db = freshDatabase();
        const QString path = test::writeFile(QDir(m_dir.path()), QStringLiteral("bad%1.csv").arg(m_dbCounter), csv);
        const ImportReport report = runImport(db, path, utc());
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.inserted, imported);
        QCOMPARE(report.rejected, 1);
        QCOMPARE(report.issues.size(), std::size_t(1));
        QCOMPARE(report.issues[0].line, line);
        QCOMPARE(report.issues[0].column, column);
        QVERIFY2(report.issues[0].message.contains(expected), qPrintable(report.issues[0].message));

        // --strict: the same file leaves the database as it was.
        Database strictDb = freshDatabase();
        ImportOptions strict = utc();
        strict.strict = true;
        const QByteArray before = businessFingerprint(strictDb);
        QCOMPARE(runImport(strictDb, path, strict).outcome, ImportReport::Outcome::Failed);
        QCOMPARE(businessFingerprint(strictDb), before);
    }

    void importingAgainChangesNothing()
    {
        Database db = freshDatabase();
        const QStringList fixtures = {
            QStringLiteral("customers/generic_customers.csv"),
            QStringLiteral("customers/ibm_telco_sample.csv"),
            QStringLiteral("costs/costs_by_channel_columns.csv"),
            QStringLiteral("qa/zendesk_qa_reviews.csv"),
            QStringLiteral("qa/generic_qa.csv"),
        };
        for (const QString &fixture : fixtures)
            QCOMPARE(runImport(db, test::fixturePath(fixture), utc()).outcome, ImportReport::Outcome::Imported);
        const QByteArray before = businessFingerprint(db);
        for (const QString &fixture : fixtures) {
            const ImportReport again = runImport(db, test::fixturePath(fixture), utc());
            QCOMPARE(again.outcome, ImportReport::Outcome::Imported);
            QCOMPARE(again.inserted + again.updated, 0);
            QCOMPARE(again.unchanged, again.rowsRead);
        }
        QCOMPARE(businessFingerprint(db), before);
        QCOMPARE(count(db, "SELECT count(*) FROM accounts"), 9);
        QCOMPARE(count(db, "SELECT count(*) FROM period_costs"), 12); // 3 months x (whole + 3 channels)
        QCOMPARE(count(db, "SELECT count(*) FROM qa_reviews"), 7);
    }

    // The import dialog's mapping edits (ImportOptions::columnOverrides) move a field to another
    // column, leave a column extra, or move a channel's cost column; the rows follow the edits.
    void mappingEditsDecideWhatIsImported_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("edits"); // "Column=field;Column=" ("" keeps the column extra)
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("expected");

        const QString costs = QStringLiteral("costs/costs_by_channel_columns.csv");
        QTest::newRow("a channel's cost column kept extra: no Chat row") << costs << q("Chat cost=")
                                                                         << q(costSql) << q("2025-01/Chat")
                                                                         << q("(no row)");
        QTest::newRow("... and its values stay with the month's row")
            << costs << q("Chat cost=") << q(costSql) << q("2025-01/") << q("NULL|4000|[\"1000\",\"launch month\"]");
        QTest::newRow("a channel moved to another column") << costs << q("Phone support cost=support_cost:Email")
                                                           << q(costSql) << q("2025-01/Email") << q("6000.0|NULL|NULL");
        QTest::newRow("... leaves no row for the channel the column had")
            << costs << q("Phone support cost=support_cost:Email") << q(costSql) << q("2025-01/Phone") << q("(no row)");
        QTest::newRow("... and keeps the column it left as extra")
            << costs << q("Phone support cost=support_cost:Email") << q(costSql) << q("2025-01/")
            << q("NULL|4000|[\"5000\",\"launch month\"]");
        QTest::newRow("a customer's plan from another column; the old one kept extra")
            << q("customers/generic_customers.csv") << q("Region=plan") << q(accountSql) << q("C-001")
            << q("2024-11-15|NULL|0|EU|49.0|98.0|[\"Pro\"]");
        QTest::newRow("a QA reviewer column left extra")
            << q("qa/generic_qa.csv") << q("Evaluator=") << q("SELECT reviewer, extra FROM qa_reviews WHERE agent_id = "
                                                              "(SELECT id FROM agents WHERE name = ?1)")
            << q("Bob Jones") << q("NULL|[\"Quinn\"]");
    }

    void mappingEditsDecideWhatIsImported()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, edits);
        QFETCH(QString, sql);
        QFETCH(QString, key);
        QFETCH(QString, expected);
        ImportOptions options = utc();
        for (const QString &edit : edits.split(QLatin1Char(';'))) {
            const qsizetype equals = edit.lastIndexOf(QLatin1Char('='));
            options.columnOverrides.insert(edit.left(equals), edit.mid(equals + 1));
        }
        Database db = freshDatabase();
        const ImportReport report = runImport(db, test::fixturePath(fixture), options);
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.rejected, 0);
        QCOMPARE(row(db, sql.toUtf8().constData(), key), expected);
    }

    // An edit the import cannot take fails the file with the reason, and writes nothing.
    void mappingEditsTheImportCannotTakeFailTheFile_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("error");

        QTest::newRow("a ticket field for a cost column") << q("costs/monthly_costs.csv") << q("Month")
                                                          << q("created_at") << q("column \"Month\": \"created_at\"");
        QTest::newRow("a channel the file has no column for")
            << q("costs/costs_by_channel_columns.csv") << q("Orders") << q("support_cost:Fax")
            << q("\"support_cost:Fax\" is not a field");
        QTest::newRow("costs without a month") << q("costs/monthly_costs.csv") << q("Month") << QString()
                                               << q("no column is mapped to month");
        QTest::newRow("customers without an id") << q("customers/generic_customers.csv") << q("Customer ID")
                                                 << QString() << q("no column is mapped to external_id");
        QTest::newRow("QA reviews without a score") << q("qa/generic_qa.csv") << q("Points") << QString()
                                                    << q("no column is mapped to score");
    }

    void mappingEditsTheImportCannotTakeFailTheFile()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, column);
        QFETCH(QString, field);
        QFETCH(QString, error);
        ImportOptions options = utc();
        options.columnOverrides.insert(column, field);
        Database db = freshDatabase();
        const QByteArray before = businessFingerprint(db);
        const ImportReport report = runImport(db, test::fixturePath(fixture), options);
        QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
        QVERIFY2(report.error.contains(error), qPrintable(report.error));
        QCOMPARE(businessFingerprint(db), before);
        QCOMPARE(count(db, "SELECT count(*) FROM imports"), 0);
    }

    void aLaterExportUpdatesItsRows()
    {
        Database db = freshDatabase();
        const QDir dir(m_dir.path());
        const QString first = test::writeFile(dir, QStringLiteral("c1.csv"),
            "Customer ID,Signup Date,Cancelled At,Plan\nA,2025-01-01,,Pro\n"
            "B,2025-01-02,,Pro\n");
        const QString second = test::writeFile(dir, QStringLiteral("c2.csv"),
            "Customer ID,Signup Date,Cancelled At,Plan\nA,2025-01-01,2025-03-01,Pro\n"
            "B,2025-01-02,,Pro\nC,2025-02-01,,Basic\n");
        QCOMPARE(runImport(db, first, utc()).inserted, 2);
        const ImportReport report = runImport(db, second, utc());
        QCOMPARE(report.inserted, 1);
        QCOMPARE(report.updated, 1);
        QCOMPARE(report.unchanged, 1);
        QCOMPARE(
            row(db, accountSql, QStringLiteral("A")), QStringLiteral("2025-01-01|2025-03-01|1|Pro|NULL|NULL|NULL"));
    }

    void monthsAreReadInTheirCommonForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDate>("month");
        QTest::newRow("ISO year-month") << q("2025-01") << QDate(2025, 1, 1);
        QTest::newRow("slashed year-month without padding") << q("2025/3") << QDate(2025, 3, 1);
        QTest::newRow("month-year") << q("11/2024") << QDate(2024, 11, 1);
        QTest::newRow("short month name") << q("Jan 2025") << QDate(2025, 1, 1);
        QTest::newRow("full month name with a comma") << q("September, 2024") << QDate(2024, 9, 1);
        QTest::newRow("month name and two-digit year") << q("Feb-25") << QDate(2025, 2, 1);
        QTest::newRow("year then month name") << q("2025 Dec") << QDate(2025, 12, 1);
        QTest::newRow("a whole date") << q("2025-03-15") << QDate(2025, 3, 1);
        QTest::newRow("a date-time at the month's end") << q("2025-01-31 23:30") << QDate(2025, 1, 1);
        QTest::newRow("not a month") << q("Total") << QDate();
        QTest::newRow("month 13") << q("2025-13") << QDate();
    }

    void monthsAreReadInTheirCommonForms()
    {
        QFETCH(QString, text);
        QFETCH(QDate, month);
        const QByteArray utf8 = text.toUtf8();
        const Parsed<QDate> parsed = CostImporter::parseMonth(
            std::string_view(utf8.constData(), std::size_t(utf8.size())), DateOrder::Unknown);
        QCOMPARE(parsed.ok, month.isValid());
        QCOMPARE(parsed.value.value_or(QDate()), month);
    }

    void qaScoresAreReadInTheirCommonForms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("maxText");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<double>("points");
        QTest::addColumn<double>("maximum"); // 0: none, the score is 0-100

        QTest::newRow("0-100") << q("92") << q("") << true << 92.0 << 0.0;
        QTest::newRow("a percentage") << q("87%") << q("") << true << 87.0 << 0.0;
        QTest::newRow("points / max") << q("45 / 50") << q("") << true << 45.0 << 50.0;
        QTest::newRow("points of max") << q("18 of 20") << q("") << true << 18.0 << 20.0;
        QTest::newRow("points and a max column") << q("3.5") << q("4") << true << 3.5 << 4.0;
        QTest::newRow("a percentage ignores the max column") << q("80%") << q("4") << true << 80.0 << 0.0;
        QTest::newRow("above 100") << q("101") << q("") << false << 0.0 << 0.0;
        QTest::newRow("negative") << q("-3") << q("") << false << 0.0 << 0.0;
        QTest::newRow("a maximum of 0") << q("0 / 0") << q("") << false << 0.0 << 0.0;
        QTest::newRow("text") << q("good") << q("") << false << 0.0 << 0.0;
    }

    void qaScoresAreReadInTheirCommonForms()
    {
        QFETCH(QString, text);
        QFETCH(QString, maxText);
        QFETCH(bool, ok);
        QFETCH(double, points);
        QFETCH(double, maximum);
        const QByteArray a = text.toUtf8(), b = maxText.toUtf8();
        const Parsed<QaImporter::Score> score
            = QaImporter::parseScore(std::string_view(a.constData(), std::size_t(a.size())),
                std::string_view(b.constData(), std::size_t(b.size())));
        QCOMPARE(score.ok, ok);
        if (!ok)
            return;
        QCOMPARE(score.value->points.value_or(-1), points);
        QCOMPARE(score.value->maximum.value_or(0), maximum);
    }

    void ibmTelcoRealFile()
    {
        const QString path
            = test::sharedDataPath(QStringLiteral("real/ibm-telco-customer-churn/Telco-Customer-Churn.csv"));
        if (path.isEmpty())
            QSKIP("../shared/data/real is not here (it is not part of a clone)");
        Database db = freshDatabase();
        const ImportReport report = runImport(db, path, utc());
        QCOMPARE(report.outcome, ImportReport::Outcome::Imported);
        QCOMPARE(report.kind, QStringLiteral("customers"));
        QCOMPARE(report.profile, QStringLiteral("ibm-telco"));
        QCOMPARE(report.rowsRead, 7043);
        QCOMPARE(report.inserted, 7043);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(count(db, "SELECT count(*) FROM accounts"), 7043);
        QCOMPARE(count(db, "SELECT count(*) FROM accounts WHERE churned = 1"), 1869);
        QCOMPARE(count(db, "SELECT count(*) FROM accounts WHERE churned IS NULL"), 0);
        // The 11 blank TotalCharges (" ") are no value, not 0 and not a rejected row; they are
        // the customers in their first month (tenure 0, the fifth extra column).
        QCOMPARE(count(db, "SELECT count(*) FROM accounts WHERE total_revenue IS NULL"), 11);
        QCOMPARE(count(db,
                     "SELECT count(*) FROM accounts WHERE total_revenue IS NULL AND json_extract(extra, '$[4]') = '0'"),
            11);
        QCOMPARE(count(db, "SELECT count(*) FROM accounts WHERE started_on IS NOT NULL OR ended_on IS NOT NULL"), 0);
        QCOMPARE(row(db, accountSql, QStringLiteral("7590-VHVEG")).section(QLatin1Char('|'), 0, 5),
            QStringLiteral("NULL|NULL|0|Month-to-month|29.85|29.85"));
        QCOMPARE(row(db, accountSql, QStringLiteral("3668-QPYBK")).section(QLatin1Char('|'), 0, 5),
            QStringLiteral("NULL|NULL|1|Month-to-month|53.85|108.15"));
        QVERIFY(report.notes.join(QLatin1Char('\n')).contains(QStringLiteral("no customer has a start or end date")));
        QVERIFY(report.notes.join(QLatin1Char('\n')).contains(QStringLiteral("11 blank value")));

        // Churn without dates places no churn in a period: the figures have no value, never an invented one.
        MetricsRequest request;
        request.zone = QTimeZone::utc();
        request.from = QDate(2025, 1, 1);
        request.to = QDate(2025, 1, 31);
        QString error;
        QStringList notes;
        const KindMetricsResult result = runBusinessMetrics(db, request, nullptr, &error, &notes);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(result.hasData);
        for (const auto &[definition, value] : result.metrics)
            QVERIFY2(!value.value, definition->name);
        QVERIFY(notes.join(QLatin1Char('\n')).contains(QStringLiteral("no start or end dates")));
    }
};

QTEST_GUILESS_MAIN(TestBusinessImport)
#include "tst_businessimport.moc"
