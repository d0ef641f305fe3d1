// The command line as a user (or a script) meets it: a separate process, its exit code, what it
// prints, and what it leaves in the database.

#include "store/database.h"
#include "clirunner.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace sl;

namespace {

using test::Run;
using test::supportlens;

std::int64_t ticketCount(const QString &dbPath)
{
    QString error;
    std::optional<Database> db = Database::open(dbPath, &error, sqlite::Connection::Mode::ReadOnly);
    return db ? db->summary().tickets : -1;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void usage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("printed");
        QTest::newRow("--version") << QStringList{QStringLiteral("--version")} << 0 << QStringLiteral("supportlens 0.");
        QTest::newRow("--help lists the commands") << QStringList{QStringLiteral("--help")} << 0 << QStringLiteral("inspect FILE.csv");
        QTest::newRow("an unknown command") << QStringList{QStringLiteral("frobnicate")} << 2 << QStringLiteral("unknown command");
        QTest::newRow("import without --db") << QStringList{QStringLiteral("import"), QStringLiteral("x.csv")} << 2
                                             << QStringLiteral("needs --db");
        QTest::newRow("import without files")
            << QStringList{QStringLiteral("import"), QStringLiteral("--db"), QStringLiteral("x.sqlite")} << 2
            << QStringLiteral("at least one");
        QTest::newRow("an unknown option") << QStringList{QStringLiteral("import"), QStringLiteral("--frob")} << 2
                                           << QStringLiteral("frob");
        QTest::newRow("an unknown time zone")
            << QStringList{QStringLiteral("import"), QStringLiteral("--db=x.sqlite"), QStringLiteral("--timezone=Mars/Olympus"),
                           QStringLiteral("x.csv")}
            << 2 << QStringLiteral("Mars/Olympus");
        QTest::newRow("inspect with a bad format")
            << QStringList{QStringLiteral("inspect"), QStringLiteral("x.csv"), QStringLiteral("--format"), QStringLiteral("xml")}
            << 2 << QStringLiteral("json or table");
        QTest::newRow("a command's own help") << QStringList{QStringLiteral("import"), QStringLiteral("--help")} << 0
                                              << QStringLiteral("--strict");
    }

    void usage()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, printed);
        const Run run = supportlens(arguments);
        QCOMPARE(run.exitCode, exitCode);
        const QString printedText = run.out + run.err;
        QVERIFY2(printedText.contains(printed), qPrintable(printedText));
    }

    void importPrintsASummaryAndIsIdempotent()
    {
        const QString db = m_dir.filePath(QStringLiteral("cli.sqlite"));
        const QString file = test::fixturePath(QStringLiteral("import/zendesk_legacy.csv"));
        const QStringList arguments{QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--timezone"),
                                    QStringLiteral("UTC"), file};
        Run run = supportlens(arguments);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("3 rows read, 3 imported, 0 updated, 0 unchanged, 0 rejected (profile zendesk)")),
                 qPrintable(run.out));
        run = supportlens(arguments);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("3 rows read, 0 imported, 0 updated, 3 unchanged, 0 rejected")),
                 qPrintable(run.out));
        QCOMPARE(ticketCount(db), 3);
    }

    void rejectedRowsAreListedWithTheirLines()
    {
        const QString file = test::writeFile(QDir(m_dir.path()), QStringLiteral("rejects.csv"),
                                             "Ticket ID,Subject,Created at\n1,ok,2024-01-01 09:00\n2,bad,not a date\n3,ok,2024-01-02 09:00\n");
        const QString db = m_dir.filePath(QStringLiteral("rejects.sqlite"));
        Run run = supportlens({QStringLiteral("import"), QStringLiteral("--db"), db, file});
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("3 rows read, 2 imported")), qPrintable(run.out));
        QVERIFY2(run.err.contains(QStringLiteral("rejects.csv:line 3: rejected: column \"Created at\"")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("\"not a date\"")), qPrintable(run.err));

        // --strict: exit 1, the line named, the database as it was.
        const QString strictDb = m_dir.filePath(QStringLiteral("strict.sqlite"));
        run = supportlens({QStringLiteral("import"), QStringLiteral("--strict"), QStringLiteral("--db"), strictDb, file});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("line 3")), qPrintable(run.err));
        QCOMPARE(ticketCount(strictDb), 0);
    }

    void aFailedFileExitsOneAndTheOthersStillImport()
    {
        const QString db = m_dir.filePath(QStringLiteral("mixed.sqlite"));
        const QString empty = test::writeFile(QDir(m_dir.path()), QStringLiteral("empty.csv"), QByteArray());
        const Run run = supportlens({QStringLiteral("import"), QStringLiteral("--db"), db, empty,
                                     test::fixturePath(QStringLiteral("import/freshdesk.csv"))});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("empty.csv: the file is empty")), qPrintable(run.err));
        QCOMPARE(ticketCount(db), 2);
    }

    void inspectAsJson()
    {
        const Run run = supportlens({QStringLiteral("inspect"), test::fixturePath(QStringLiteral("import/freshdesk.csv")),
                                     QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--rows"),
                                     QStringLiteral("1")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("encoding")).toString(), QStringLiteral("UTF-8"));
        QCOMPARE(json.value(QStringLiteral("bom")).toBool(), false);
        QCOMPARE(json.value(QStringLiteral("delimiter")).toString(), QStringLiteral(","));
        QCOMPARE(json.value(QStringLiteral("kind")).toString(), QStringLiteral("tickets"));
        QCOMPARE(json.value(QStringLiteral("profile")).toString(), QStringLiteral("freshdesk"));
        QCOMPARE(json.value(QStringLiteral("columns")).toArray().size(), 27);
        const QJsonObject mapping = json.value(QStringLiteral("mapping")).toObject();
        QCOMPARE(mapping.value(QStringLiteral("Ticket ID")).toString(), QStringLiteral("external_id"));
        QCOMPARE(mapping.value(QStringLiteral("Source")).toString(), QStringLiteral("channel"));
        const QJsonArray rows = json.value(QStringLiteral("rows")).toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0).toArray().at(6).toString(), QStringLiteral("Łukasz Wójcik"));
    }

    // inspect decides the kind as import does, and shows that kind's mapping.
    void inspectRecognisesEveryKind_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("field");
        QTest::newRow("a Five9 call log") << QStringLiteral("calls/five9_call_log.csv") << QStringLiteral("calls")
                                          << QStringLiteral("five9") << QStringLiteral("CALL ID")
                                          << QStringLiteral("external_id");
        QTest::newRow("Delighted responses, not a ticket list") << QStringLiteral("surveys/delighted.csv")
                                                                << QStringLiteral("surveys") << QStringLiteral("delighted")
                                                                << QStringLiteral("Score") << QStringLiteral("score");
        QTest::newRow("a customer list") << QStringLiteral("customers/generic_customers.csv")
                                         << QStringLiteral("customers") << QStringLiteral("generic-customers")
                                         << QStringLiteral("Customer ID") << QStringLiteral("external_id");
        QTest::newRow("monthly costs") << QStringLiteral("costs/monthly_costs.csv") << QStringLiteral("costs")
                                       << QStringLiteral("generic-costs") << QStringLiteral("Month")
                                       << QStringLiteral("month");
        QTest::newRow("QA reviews") << QStringLiteral("qa/generic_qa.csv") << QStringLiteral("qa")
                                    << QStringLiteral("generic-qa") << QStringLiteral("Agent") << QStringLiteral("agent");
        QTest::newRow("a Zendesk ticket export stays tickets")
            << QStringLiteral("import/zendesk_legacy.csv") << QStringLiteral("tickets") << QStringLiteral("zendesk")
            << QStringLiteral("Id") << QStringLiteral("external_id");
    }

    void inspectRecognisesEveryKind()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, kind);
        QFETCH(QString, profile);
        QFETCH(QString, column);
        QFETCH(QString, field);
        const Run run = supportlens({QStringLiteral("inspect"), test::fixturePath(fixture), QStringLiteral("--format=json"),
                                     QStringLiteral("--rows=1")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("kind")).toString(), kind);
        QCOMPARE(json.value(QStringLiteral("profile")).toString(), profile);
        QCOMPARE(json.value(QStringLiteral("mapping")).toObject().value(column).toString(), field);
    }

    void inspectNamesTheClosestProfileForAnUnknownHeader()
    {
        const QString file = test::writeFile(QDir(m_dir.path()), QStringLiteral("almost.csv"),
                                             "Requester,Assignee,Via,Created at,Solved at\na,b,Mail,2024-01-01,\n");
        const Run run = supportlens({QStringLiteral("inspect"), file, QStringLiteral("--format=json")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QVERIFY(json.value(QStringLiteral("profile")).isNull());
        QCOMPARE(json.value(QStringLiteral("closest_profile")).toString(), QStringLiteral("zendesk"));
        QVERIFY(json.value(QStringLiteral("missing")).toArray().contains(QStringLiteral("id")));
    }

    void inspectOfAFileThatIsNotThere()
    {
        const Run run = supportlens({QStringLiteral("inspect"), m_dir.filePath(QStringLiteral("nope.csv"))});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("nope.csv")), qPrintable(run.err));
    }

    void metricsAsJson()
    {
        const QString db = m_dir.filePath(QStringLiteral("metrics.sqlite"));
        QCOMPARE(supportlens({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--timezone=UTC"),
                              test::fixturePath(QStringLiteral("metrics/query_tickets.csv"))})
                     .exitCode,
                 0);
        const Run run = supportlens({QStringLiteral("metrics"), QStringLiteral("--db"), db, QStringLiteral("--from"),
                                     QStringLiteral("2025-01-16"), QStringLiteral("--to"), QStringLiteral("2025-01-31"),
                                     QStringLiteral("--timezone"), QStringLiteral("UTC"), QStringLiteral("--compare"),
                                     QStringLiteral("--by"), QStringLiteral("channel"), QStringLiteral("--channel"),
                                     QStringLiteral("email"), QStringLiteral("--channel"), QStringLiteral("phone")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
        QCOMPARE(json.value(QStringLiteral("from")).toString(), QStringLiteral("2025-01-16"));
        QCOMPARE(json.value(QStringLiteral("timezone")).toString(), QStringLiteral("UTC"));
        QCOMPARE(json.value(QStringLiteral("filters")).toObject().value(QStringLiteral("channel")).toArray().size(), 2);
        const QJsonObject metrics = json.value(QStringLiteral("metrics")).toObject();
        QCOMPARE(metrics.value(QStringLiteral("tickets_created")).toInt(), 1); // ticket 4, by phone
        QVERIFY(metrics.contains(QStringLiteral("csat_pct_lo")));
        QVERIFY(metrics.value(QStringLiteral("csat_pct")).isNull()); // no rating in the period
        QCOMPARE(json.value(QStringLiteral("previous")).toObject().value(QStringLiteral("tickets_created")).toInt(), 1);
        const QJsonArray groups = json.value(QStringLiteral("groups")).toArray();
        // Phone created one; Email created and solved none but has ticket 3 open at the end.
        QCOMPARE(groups.size(), 2);
        QCOMPARE(groups.at(0).toObject().value(QStringLiteral("key")).toString(), QStringLiteral("Phone"));
        const QJsonObject email = groups.at(1).toObject();
        QCOMPARE(email.value(QStringLiteral("key")).toString(), QStringLiteral("Email"));
        QCOMPARE(email.value(QStringLiteral("metrics")).toObject().value(QStringLiteral("backlog_end")).toInt(), 1);

        const Run table = supportlens({QStringLiteral("metrics"), QStringLiteral("--db"), db, QStringLiteral("--format"),
                                       QStringLiteral("table")});
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains(QStringLiteral("Tickets created")), qPrintable(table.out));
        QVERIFY2(table.out.contains(QStringLiteral("—")), qPrintable(table.out));

        const Run csv = supportlens({QStringLiteral("metrics"), QStringLiteral("--db"), db, QStringLiteral("--format=csv"),
                                     QStringLiteral("--by=agent")});
        QCOMPARE(csv.exitCode, 0);
        QVERIFY2(csv.out.startsWith(QStringLiteral("scope,key,tickets_created,")), qPrintable(csv.out));
        QVERIFY2(csv.out.contains(QStringLiteral("group,Zoë Müller,2,")), qPrintable(csv.out));
        QVERIFY2(csv.out.section(QLatin1Char('\n'), 0, 0).endsWith(QStringLiteral(",csa_pct,csa_pct_lo,csa_pct_hi")),
                 qPrintable(csv.out));

        // By agent, each group carries csa_pct: its CSAT. José Núñez's solved tickets (2 and 5):
        // ticket 2 rated 2 of 5, ticket 5 unrated: 0 of 1 satisfied.
        const Run agents = supportlens({QStringLiteral("metrics"), QStringLiteral("--db"), db,
                                        QStringLiteral("--timezone=UTC"), QStringLiteral("--by=agent")});
        QCOMPARE(agents.exitCode, 0);
        bool sawJose = false;
        for (const QJsonValue &group : QJsonDocument::fromJson(agents.out.toUtf8()).object().value(QStringLiteral("groups")).toArray()) {
            const QJsonObject g = group.toObject();
            const QJsonObject m = g.value(QStringLiteral("metrics")).toObject();
            QVERIFY(m.contains(QStringLiteral("csa_pct")));
            QCOMPARE(m.value(QStringLiteral("csa_pct")), m.value(QStringLiteral("csat_pct")));
            if (g.value(QStringLiteral("key")).toString() == QStringLiteral("José Núñez")) {
                sawJose = true;
                QCOMPARE(m.value(QStringLiteral("csa_pct")).toDouble(), 0.0);
                QCOMPARE(m.value(QStringLiteral("csat_responses")).toInt(), 1);
            }
        }
        QVERIFY(sawJose);
        QVERIFY(!json.value(QStringLiteral("metrics")).toObject().contains(QStringLiteral("csa_pct"))); // agents only

        const Run bad = supportlens({QStringLiteral("metrics"), QStringLiteral("--db"), db, QStringLiteral("--compare")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("--compare needs")), qPrintable(bad.err));
    }

    // A group key is text the data wrote: the CSV the command line writes neutralises it against
    // formula injection as the window's exports do (services/csvexport.h), a leading "-" included.
    void metricsCsvNeutralisesFormulaKeys()
    {
        const QString db = m_dir.filePath(QStringLiteral("injection.sqlite"));
        const QString file = test::writeFile(QDir(m_dir.path()), QStringLiteral("injection.csv"),
            "Ticket ID,Subject,Channel,Agent,Team,Priority,Tags,Created at,First response at,Solved at,Satisfaction\n"
            "1,a,Email,=SUM(1),T,low,,2025-01-02T10:00:00Z,,,\n"
            "2,b,Email,-2+3,T,low,,2025-01-02T11:00:00Z,,,\n"
            "3,c,Email,Ann,T,low,,2025-01-02T12:00:00Z,,,\n");
        QCOMPARE(supportlens({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--timezone=UTC"), file})
                     .exitCode,
                 0);
        const Run csv = supportlens({QStringLiteral("metrics"), QStringLiteral("--db"), db, QStringLiteral("--format=csv"),
                                     QStringLiteral("--by=agent")});
        QCOMPARE(csv.exitCode, 0);
        QVERIFY2(csv.out.contains(QStringLiteral("\ngroup,'=SUM(1),1,")), qPrintable(csv.out));
        QVERIFY2(csv.out.contains(QStringLiteral("\ngroup,'-2+3,1,")), qPrintable(csv.out));
        QVERIFY2(csv.out.contains(QStringLiteral("\ngroup,Ann,1,")), qPrintable(csv.out));
    }

    void demoBuildsADatabaseOnce()
    {
        const QString db = m_dir.filePath(QStringLiteral("demo.sqlite"));
        const QStringList arguments{QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--tickets"),
                                    QStringLiteral("3000"), QStringLiteral("--seed"), QStringLiteral("7"),
                                    QStringLiteral("--until"), QStringLiteral("2025-06-30")};
        Run run = supportlens(arguments);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("3000 tickets")), qPrintable(run.out));
        QCOMPARE(ticketCount(db), 3000);
        QVERIFY(!QFileInfo::exists(db + QStringLiteral(".partial")));
        // It never overwrites a file.
        run = supportlens(arguments);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("already exists")), qPrintable(run.err));
        QCOMPARE(ticketCount(db), 3000);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
