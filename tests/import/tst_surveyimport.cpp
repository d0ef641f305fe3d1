// Survey exports end to end: each profile detected from its header and imported (fixtures in
// tests/fixtures/surveys/, one per profile), the extra header rows of Qualtrics and SurveyMonkey
// skipped, scores off their scale rejected or the file refused, re-imports changing nothing, and
// the two real survey files of ../shared/data/real checked against figures made without
// SupportLens.

#include "services/importjob.h"
#include "services/surveyquery.h"
#include "store/database.h"
#include "testsupport.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace sl;

namespace {

ImportOptions utc(const QString &profile = QStringLiteral("auto"))
{
    ImportOptions options;
    options.timeZone = QTimeZone::utc();
    options.profile = profile;
    return options;
}

// One stored response, as text (NaN score: none; empty time: none).
struct Stored
{
    bool found = false;
    QString type, respondedAt, comment, ticket, agent, customer;
    double score = std::nan("");
    double scaleMin = 0, scaleMax = 0;
};

Stored stored(Database &db, const QString &externalId)
{
    sqlite::Statement s = db.connection().prepare(
        "SELECT r.survey_type, r.score, r.responded_at, r.comment, r.ticket_external_id, a.name, r.customer_key, "
        "r.scale_min, r.scale_max FROM survey_responses r LEFT JOIN agents a ON a.id = r.agent_id "
        "WHERE CAST(r.external_id AS TEXT) = ?1");
    s.bindText(1, externalId);
    Stored row;
    if (s.step() != sqlite::Statement::StepResult::Row)
        return row;
    row.found = true;
    row.type = s.columnText(0);
    if (!s.columnIsNull(1))
        row.score = s.columnDouble(1);
    if (!s.columnIsNull(2))
        row.respondedAt = QDateTime::fromSecsSinceEpoch(s.columnInt(2), Qt::UTC).toString(Qt::ISODate);
    row.comment = s.columnText(3);
    row.ticket = s.columnText(4);
    row.agent = s.columnText(5);
    row.customer = s.columnText(6);
    row.scaleMin = s.columnDouble(7);
    row.scaleMax = s.columnDouble(8);
    return row;
}

std::int64_t count(Database &db, const char *sql)
{
    return db.connection().queryInt(sql).value_or(-1);
}

// Every survey response, in a stable order, hashed (the imports log grows with each import).
QByteArray responsesFingerprint(Database &db)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    sqlite::Statement s = db.connection().prepare(
        "SELECT source, external_id, responded_at, survey_type, score, scale_min, scale_max, comment, "
        "ticket_external_id, customer_key, agent_id, extra, import_id FROM survey_responses ORDER BY id");
    while (s.step() == sqlite::Statement::StepResult::Row) {
        for (int column = 0; column < s.columnCount(); ++column) {
            const std::string_view text = s.columnUtf8(column);
            hash.addData(QByteArrayView(text.data(), qsizetype(text.size())));
            hash.addData(s.columnIsNull(column) ? QByteArrayView("\x01N") : QByteArrayView("\x01V"));
        }
    }
    return hash.result().toHex();
}

std::optional<double> metric(const KindMetricValues &values, std::string_view id)
{
    for (const auto &[definition, value] : values) {
        if (definition->id == id)
            return value.value;
    }
    return std::nullopt;
}

} // namespace

class TestSurveyImport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_databases = 0;

    Database freshDatabase() { return test::freshDatabase(m_dir, ++m_databases); }

    QString scratchFile(const QByteArray &bytes)
    {
        return test::writeFile(QDir(m_dir.path()), QStringLiteral("f%1.csv").arg(++m_databases), bytes);
    }

private slots:
    void eachProfileIsDetectedAndImported_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("inserted");
        QTest::addColumn<int>("updated");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("type");
        QTest::addColumn<double>("score"); // NaN: no score
        QTest::addColumn<QString>("respondedAt");
        QTest::addColumn<QString>("comment");
        QTest::addColumn<QString>("ticket");
        QTest::addColumn<QString>("agent");
        QTest::addColumn<QString>("customer");

        // 09:15 at -0800 is 17:15 UTC; NPS is Delighted's type when nothing says otherwise.
        QTest::newRow("Delighted: NPS, times with an offset, ticket and agent properties")
            << "delighted.csv" << "delighted" << 4 << 4 << 0 << "9001" << "nps" << 10.0 << "2025-01-06T17:15:00Z"
            << "Quick and friendly, thanks!" << "1001" << "Alice" << "ana@example.com";
        // RecordedDate 08:01:13 in America/Denver, which the ImportId row names: UTC-7 in January.
        QTest::newRow("Qualtrics: NPS from the NPS_GROUP column, comment from the 'reason' question")
            << "qualtrics.csv" << "qualtrics" << 4 << 4 << 0 << "R_1a2B3c4D5e6F7g8" << "nps" << 10.0
            << "2025-01-06T15:01:13Z" << "Fast and friendly" << "1001" << "" << "ana@example.com";
        QTest::newRow("Qualtrics: CSAT from the question text 'how satisfied'")
            << "qualtrics_csat.csv" << "qualtrics" << 3 << 3 << 0 << "R_cccc3333dddd444" << "csat" << 2.0
            << "2025-02-04T11:02:03Z" << "" << "" << "Bob" << "bo@example.com";
        // "Disagree" is 2 on the 7-point agreement scale; 01/14/2025 makes the file month-first.
        QTest::newRow("SurveyMonkey: CES from 'made it easy', answer labels, open-ended comment")
            << "surveymonkey.csv" << "surveymonkey" << 4 << 4 << 0 << "114200000002" << "ces" << 2.0
            << "2025-01-09T13:20:05Z" << "Had to explain it three times, to three people" << "" << ""
            << "bo@example.com";
        // The repeated review_id: 5 rows read, 4 responses, the later row counted as an update.
        QTest::newRow("Olist: CSAT 1-5, CRLF inside a quoted comment, a repeated review_id")
            << "olist.csv" << "olist-reviews" << 5 << 4 << 1 << "b2e1d3c5f7a9b1d3f5a7c9e1b3d5f7a9" << "csat" << 1.0
            << "2018-03-11T03:05:13Z" << "Produto não chegou.\r\nAbri reclamação e ninguém respondeu" << "" << ""
            << "";
        // The stray CP850 0x82 is read as Windows-1252's U+201A, as the reader reads the file.
        QTest::newRow("Botanic: NPS, Windows-1252 text, no response time")
            << "botanic.csv" << "botanic-nps" << 5 << 5 << 0 << "3466" << "nps" << 3.0 << ""
            << QString::fromUtf8("Produit ab\u201am\u00e9 ; pas \"terrible\"") << "" << "" << "";
        QTest::newRow("Botanic: NA is a response without a score")
            << "botanic.csv" << "botanic-nps" << 5 << 5 << 0 << "2638" << "nps" << std::nan("") << "" << "" << ""
            << "" << "";
        // No response id column: keyed by the ticket, "#5004" being ticket 5004.
        QTest::newRow("generic: CSAT named by its column, keyed by ticket")
            << "generic.csv" << "generic-surveys" << 4 << 4 << 0 << "5004" << "csat" << 3.0 << "2025-03-06T16:00:00Z"
            << "Fine I guess" << "5004" << "" << "di@example.com";
    }

    void eachProfileIsDetectedAndImported()
    {
        QFETCH(QString, file);
        QFETCH(QString, profile);
        QFETCH(int, rows);
        QFETCH(int, inserted);
        QFETCH(int, updated);
        QFETCH(QString, id);
        QFETCH(QString, type);
        QFETCH(double, score);
        QFETCH(QString, respondedAt);
        QFETCH(QString, comment);
        QFETCH(QString, ticket);
        QFETCH(QString, agent);
        QFETCH(QString, customer);

        Database db = freshDatabase();
        const ImportReport report = runImport(db, test::fixturePath(QStringLiteral("surveys/") + file), utc());
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.kind, QStringLiteral("surveys"));
        QCOMPARE(report.profile, profile);
        QCOMPARE(report.rowsRead, rows);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(report.inserted, inserted);
        QCOMPARE(report.updated, updated);
        QCOMPARE(count(db, "SELECT count(*) FROM survey_responses"), std::int64_t(inserted));

        const Stored row = stored(db, id);
        QVERIFY2(row.found, qPrintable(id));
        QCOMPARE(row.type, type);
        if (std::isnan(score))
            QVERIFY(std::isnan(row.score));
        else
            QCOMPARE(row.score, score);
        QCOMPARE(row.respondedAt, respondedAt);
        QCOMPARE(row.comment, comment);
        QCOMPARE(row.ticket, ticket);
        QCOMPARE(row.agent, agent);
        QCOMPARE(row.customer, customer);
    }

    void theExtraHeaderRowsAreNotResponses_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("responses");
        QTest::newRow("Qualtrics: question texts and ImportId JSON") << "qualtrics.csv" << 4;
        QTest::newRow("SurveyMonkey: the sub-answer row") << "surveymonkey.csv" << 4;
    }

    void theExtraHeaderRowsAreNotResponses()
    {
        QFETCH(QString, file);
        QFETCH(int, responses);
        Database db = freshDatabase();
        const ImportReport report = runImport(db, test::fixturePath(QStringLiteral("surveys/") + file), utc());
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        // Read as data, either row would be a rejected row (a question as a score, an empty id).
        QCOMPARE(report.rowsRead, responses);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(count(db, "SELECT count(*) FROM survey_responses WHERE CAST(external_id AS TEXT) IN ('', 'Response ID', "
                           "'Respondent ID') OR CAST(external_id AS TEXT) LIKE '%ImportId%'"),
                 std::int64_t(0));
        QCOMPARE(count(db, "SELECT count(*) FROM survey_responses WHERE score IS NULL"), std::int64_t(0));
    }

    void aScoreOffItsScaleIsARejectedRow_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("NPS 11")
            << QByteArray("Response ID,Score,Comment,Created At,Person email\n1,10,,2025-01-06 09:00,a@x.org\n"
                          "2,11,,2025-01-06 10:00,b@x.org\n3,7,,2025-01-06 11:00,c@x.org\n")
            << "auto" << 3 << "Score" << QString::fromUtf8("expected an NPS score 0–10, found 11");
        QTest::newRow("NPS 7.5 is no whole point")
            << QByteArray("Response ID,Score,Comment,Created At,Person email\n1,10,,2025-01-06 09:00,a@x.org\n"
                          "2,7.5,,2025-01-06 10:00,b@x.org\n3,7,,2025-01-06 11:00,c@x.org\n")
            << "auto" << 3 << "Score" << QString::fromUtf8("expected an NPS score 0–10, found 7.5");
        QTest::newRow("CSAT 0 on 1-5")
            << QByteArray("Response ID,CSAT,Response Date\n1,5,2025-01-06\n2,0,2025-01-07\n3,4,2025-01-08\n")
            << "auto" << 3 << "CSAT" << QString::fromUtf8("expected a CSAT score 1–5, found 0");
        QTest::newRow("CES 8 on 1-7")
            << QByteArray("Response ID,Customer Effort Score,Response Date\n1,6,2025-01-06\n2,7,2025-01-07\n"
                          "3,8,2025-01-08\n")
            << "auto" << 4 << "Customer Effort Score" << QString::fromUtf8("expected a CES score 1–7, found 8");
        QTest::newRow("a word that is no answer")
            << QByteArray("Response ID,NPS,Response Date\n1,9,2025-01-06\n2,maybe,2025-01-07\n3,4,2025-01-08\n")
            << "auto" << 3 << "NPS" << QString::fromUtf8("expected an NPS score 0–10, found \"maybe\"");
    }

    void aScoreOffItsScaleIsARejectedRow()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, profile);
        QFETCH(int, line);
        QFETCH(QString, column);
        QFETCH(QString, message);
        Database db = freshDatabase();
        const ImportReport report = runImport(db, scratchFile(csv), utc(profile));
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.rejected, 1);
        QCOMPARE(report.inserted, 2);
        QCOMPARE(report.issues.size(), std::size_t(1));
        QCOMPARE(report.issues[0].line, line);
        QCOMPARE(report.issues[0].column, column);
        QCOMPARE(report.issues[0].message, message);
        QCOMPARE(count(db, "SELECT count(*) FROM survey_responses"), std::int64_t(2));
    }

    void aFileMostlyOffItsScaleIsRefused_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QStringList>("saying");
        QTest::newRow("0-10 scores in a CSAT column: suggests NPS, or CSAT on 1-10")
            << QByteArray("Response ID,Satisfaction Score,Response Date\n1,10,2025-01-06\n2,9,2025-01-07\n"
                          "3,4,2025-01-08\n4,0,2025-01-09\n")
            << "auto" << QStringList{QStringLiteral("(3 of 4"), QStringLiteral("a CSAT score 1–5"), QStringLiteral("--profile nps")};
        QTest::newRow("1-7 scores forced to CSAT: suggests CES")
            << QByteArray("Response ID,Rating,Response Date\n1,7,2025-01-06\n2,6,2025-01-07\n3,6,2025-01-08\n")
            << "csat" << QStringList{QStringLiteral("a CES score 1–7"), QStringLiteral("--profile ces")};
        QTest::newRow("Delighted scores 0-100 fit no survey scale")
            << QByteArray("Response ID,Score,Comment,Created At,Person email\n1,80,,2025-01-06,a@x.org\n"
                          "2,95,,2025-01-07,b@x.org\n")
            << "auto" << QStringList{QStringLiteral("an NPS score 0–10"), QStringLiteral("fits no NPS")};
    }

    void aFileMostlyOffItsScaleIsRefused()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, profile);
        QFETCH(QStringList, saying);
        Database db = freshDatabase();
        const QByteArray before = test::databaseFingerprint(db.connection());
        const ImportReport report = runImport(db, scratchFile(csv), utc(profile));
        QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
        for (const QString &part : saying)
            QVERIFY2(report.error.contains(part), qPrintable(report.error));
        QCOMPARE(test::databaseFingerprint(db.connection()), before);
    }

    // Qualtrics finds its score among the questions, after the data is sampled; a score and a
    // ticket column chosen in the import dialog are taken as they are chosen.
    void aQualtricsMappingEditIsAppliedWhenTheScoreIsDecided()
    {
        Database db = freshDatabase();
        ImportOptions options = utc();
        options.columnOverrides = {{QStringLiteral("Q1"), QStringLiteral("score")},
                                   {QStringLiteral("TicketID"), QString()}};
        const ImportReport report = runImport(db, test::fixturePath(QStringLiteral("surveys/qualtrics.csv")), options);
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.profile, QStringLiteral("qualtrics"));
        const Stored response = stored(db, QStringLiteral("R_1a2B3c4D5e6F7g8"));
        QVERIFY(response.found);
        QCOMPARE(response.type, QStringLiteral("nps")); // from Q1's question text
        QCOMPARE(response.score, 10.0);
        QCOMPARE(response.ticket, QString()); // TicketID kept aside, not linked
        QCOMPARE(count(db, "SELECT count(*) FROM survey_responses WHERE ticket_external_id IS NOT NULL"), 0);

        // Without the edit the same file links its responses to tickets.
        Database plain = freshDatabase();
        QCOMPARE(runImport(plain, test::fixturePath(QStringLiteral("surveys/qualtrics.csv")), utc()).outcome,
                 ImportReport::Outcome::Imported);
        QCOMPARE(stored(plain, QStringLiteral("R_1a2B3c4D5e6F7g8")).ticket, QStringLiteral("1001"));
    }

    void aFileThatDoesNotSayItsTypeIsRefused()
    {
        Database db = freshDatabase();
        const ImportReport report = runImport(
            db, scratchFile("Response ID,Rating,Response Date\n1,5,2025-01-06\n2,3,2025-01-07\n"), utc());
        QCOMPARE(report.outcome, ImportReport::Outcome::Failed);
        QVERIFY2(report.error.contains(QLatin1String("--profile csat")), qPrintable(report.error));
        QVERIFY2(report.error.contains(QLatin1String("from 3 to 5")), qPrintable(report.error));

        // Named with --profile, it imports.
        const ImportReport named = runImport(
            db, scratchFile("Response ID,Rating,Response Date\n1,5,2025-01-06\n2,3,2025-01-07\n"), utc(QStringLiteral("csat")));
        QVERIFY2(named.outcome == ImportReport::Outcome::Imported, qPrintable(named.error));
        QCOMPARE(named.inserted, 2);
        QCOMPARE(stored(db, QStringLiteral("1")).type, QStringLiteral("csat"));
    }

    void profileAndTypeCanBeForced()
    {
        // Delighted is NPS by default; "delighted:ces" reads the same scores as CES.
        Database db = freshDatabase();
        const ImportReport report = runImport(db,
                                              scratchFile("Response ID,Score,Comment,Created At,Person email\n"
                                                          "1,6,,2025-01-06,a@x.org\n2,7,,2025-01-07,b@x.org\n"),
                                              utc(QStringLiteral("delighted:ces")));
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.profile, QStringLiteral("delighted"));
        const Stored row = stored(db, QStringLiteral("2"));
        QCOMPARE(row.type, QStringLiteral("ces"));
        QCOMPARE(row.scaleMin, 1.0);
        QCOMPARE(row.scaleMax, 7.0);
    }

    void reimportingChangesNothing_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *file : {"delighted.csv", "qualtrics.csv", "qualtrics_csat.csv", "surveymonkey.csv", "olist.csv",
                                 "botanic.csv", "generic.csv"}) {
            QTest::newRow(file) << QString::fromLatin1(file);
        }
    }

    void reimportingChangesNothing()
    {
        QFETCH(QString, file);
        Database db = freshDatabase();
        const QString path = test::fixturePath(QStringLiteral("surveys/") + file);
        const ImportReport first = runImport(db, path, utc());
        QVERIFY2(first.outcome == ImportReport::Outcome::Imported, qPrintable(first.error));
        const QByteArray before = responsesFingerprint(db);
        const std::int64_t versionBefore = db.dataVersion();
        const ImportReport again = runImport(db, path, utc());
        QVERIFY2(again.outcome == ImportReport::Outcome::Imported, qPrintable(again.error));
        QCOMPARE(again.inserted, 0);
        QCOMPARE(again.updated, 0);
        // Olist's repeated review_id included: both of its rows count as unchanged.
        QCOMPARE(again.unchanged, first.rowsRead);
        QCOMPARE(responsesFingerprint(db), before);
        QCOMPARE(db.dataVersion(), versionBefore);
    }

    void aChangedResponseIsUpdated()
    {
        Database db = freshDatabase();
        const QByteArray head("Response ID,Score,Comment,Created At,Person email\n");
        QCOMPARE(runImport(db, scratchFile(head + "1,6,,2025-01-06,a@x.org\n2,7,,2025-01-07,b@x.org\n"), utc()).inserted, 2);
        const ImportReport later = runImport(db, scratchFile(head + "2,9,Better now,2025-01-07,b@x.org\n3,10,,2025-01-08,c@x.org\n"), utc());
        QCOMPARE(later.inserted, 1);
        QCOMPARE(later.updated, 1);
        QCOMPARE(stored(db, QStringLiteral("2")).score, 9.0);
        QCOMPARE(stored(db, QStringLiteral("2")).comment, QStringLiteral("Better now"));
        QCOMPARE(count(db, "SELECT count(*) FROM survey_responses"), std::int64_t(3));
    }

    // Survey detection must not take ticket exports: their own pipeline reads them.
    void ticketExportsStayTickets_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *file : {"import/freshdesk.csv", "import/generic_kaggle_style.csv", "import/zendesk_explore.csv",
                                 "import/zendesk_legacy.csv", "metrics/query_tickets.csv", "surveys/query_tickets.csv"}) {
            QTest::newRow(file) << QString::fromLatin1(file);
        }
    }

    void ticketExportsStayTickets()
    {
        QFETCH(QString, file);
        Database db = freshDatabase();
        const ImportReport report = runImport(db, test::fixturePath(file), utc());
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.kind, QStringLiteral("tickets"));
    }

    // ../shared/data/real/olist-order-reviews: 6,123 rows, 6,121 distinct review_id (SOURCES.md).
    void realOlistReviews()
    {
        const QString path
            = test::sharedDataPath(QStringLiteral("real/olist-order-reviews/olist_order_reviews_dataset.csv"));
        if (path.isEmpty())
            QSKIP("../shared/data/real is not here (it is not part of a clone)");
        Database db = freshDatabase();
        const ImportReport report = runImport(db, path, utc());
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.profile, QStringLiteral("olist-reviews"));
        // Records read (not physical lines: 237 comments hold CRLF, so the file has 6,481 lines).
        QCOMPARE(report.rowsRead, 6123);
        QCOMPARE(report.rejected, 0);
        // Responses stored: one per distinct review_id. The two repeated ids' later rows replace
        // their earlier ones and count as updates.
        QCOMPARE(report.inserted, 6121);
        QCOMPARE(report.updated, 2);
        QCOMPARE(count(db, "SELECT count(*) FROM survey_responses"), std::int64_t(6121));
        QVERIFY(std::any_of(report.notes.begin(), report.notes.end(),
                            [](const QString &note) { return note.contains(QLatin1String("repeat the id")); }));

        // SOURCES.md's distribution counts file rows: 5: 3,598 and 1: 668. Both repeated reviews
        // score 5, so the stored responses hold 3,596 fives, and the rows read 3,598.
        QCOMPARE(count(db, "SELECT count(*) FROM survey_responses WHERE score = 5"), std::int64_t(3596));
        QCOMPARE(count(db, "SELECT count(*) FROM survey_responses WHERE score = 5") + 2, std::int64_t(3598));
        QCOMPARE(count(db, "SELECT count(*) FROM survey_responses WHERE score = 1"), std::int64_t(668));

        // A comment with a CRLF inside its quotes, kept whole.
        const Stored crlf = stored(db, QStringLiteral("41926e45719f9b923357ea3bb222195f"));
        QCOMPARE(crlf.comment, QString::fromUtf8("Entrega muito rápida\r\nParabéns"));
        QCOMPARE(crlf.score, 5.0);
        QCOMPARE(crlf.respondedAt, QStringLiteral("2017-08-29T21:06:01Z"));

        // CSAT over all of it: satisfied (4-5) 1,149 + 3,596 = 4,745 of 6,121 = 77.520013...%;
        // mean (668 + 2*189 + 3*519 + 4*1149 + 5*3596) / 6121 = 25,179 / 6,121 = 4.113543...
        QString error;
        MetricsRequest request;
        request.zone = QTimeZone::utc();
        const KindMetricsResult result = runSurveyMetrics(db, request, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(metric(result.metrics, "csat_responses"), std::optional<double>(6121));
        QVERIFY(qAbs(*metric(result.metrics, "csat_pct") - 100.0 * 4745 / 6121) < 1e-9);
        QVERIFY(qAbs(*metric(result.metrics, "csat_mean") - 25179.0 / 6121) < 1e-9);
        QCOMPARE(metric(result.metrics, "nps"), std::nullopt);

        const ImportReport again = runImport(db, path, utc());
        QCOMPARE(again.inserted, 0);
        QCOMPARE(again.updated, 0);
        QCOMPARE(again.unchanged, 6123);
    }

    // ../shared/data/real/botanic-nps-survey: 13,954 rows, 342 NA scores, no dates.
    void realBotanicNps()
    {
        const QString path = test::sharedDataPath(QStringLiteral("real/botanic-nps-survey/nps.csv"));
        if (path.isEmpty())
            QSKIP("../shared/data/real is not here (it is not part of a clone)");
        Database db = freshDatabase();
        const ImportReport report = runImport(db, path, utc());
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.profile, QStringLiteral("botanic-nps"));
        QCOMPARE(report.rowsRead, 13954);
        QCOMPARE(report.inserted, 13954);
        QCOMPARE(report.rejected, 0);
        QCOMPARE(count(db, "SELECT count(*) FROM survey_responses WHERE score IS NULL"), std::int64_t(342));
        QCOMPARE(count(db, "SELECT count(*) FROM survey_responses WHERE responded_at IS NOT NULL"), std::int64_t(0));

        // The expected figures are tests/golden/botanic_nps.py's output (Python's csv module, the
        // file read as latin-1, NPS = %9-10 - %0-6 of the scored rows, one decimal half up):
        // {"rows": 13954, "na": 342, "scored": 13612, "promoters": 8465, "passives": 3953,
        //  "detractors": 1194, "nps": 53.4}. The file has no dates, so only "all the data" (no
        // --from or --to) holds these responses.
        QString error;
        MetricsRequest request;
        request.zone = QTimeZone::utc();
        const KindMetricsResult result = runSurveyMetrics(db, request, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(metric(result.metrics, "nps_responses"), std::optional<double>(13612));
        QCOMPARE(metric(result.metrics, "nps"), std::optional<double>(53.4));
        QCOMPARE(count(db, "SELECT count(*) FROM survey_responses WHERE score >= 9"), std::int64_t(8465));
        QCOMPARE(count(db, "SELECT count(*) FROM survey_responses WHERE score <= 6"), std::int64_t(1194));

        // A bounded period places none of them.
        request.from = QDate(2010, 1, 1);
        request.to = QDate(2030, 12, 31);
        QCOMPARE(metric(runSurveyMetrics(db, request, &error).metrics, "nps"), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestSurveyImport)
#include "tst_surveyimport.moc"
