// Source detection from the header alone, and the mapping each profile makes.

#include "services/importjob.h"
#include "import/profiles.h"
#include "import/ticketmapper.h"
#include "store/database.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace sl;

Q_DECLARE_METATYPE(QList<QStringList>)

namespace {

// The header line of a fixture in tests/fixtures/import/.
QString fixtureHeader(const QString &name)
{
    QFile file(QStringLiteral(SUPPORTLENS_FIXTURES_DIR "/import/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readLine()).trimmed();
}

} // namespace

class TestProfiles : public QObject
{
    Q_OBJECT

private slots:
    void detection_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("forced");
        QTest::addColumn<QString>("expectedProfile"); // empty: nothing fits
        QTest::addColumn<QString>("messagePart");

        const QString zendesk = QStringLiteral(
            "Summation column,Id,Requester,Requester id,Requester email,Assignee,Group,Subject,Tags,Status,Priority,"
            "Via,Ticket type,Created at,Solved at,Satisfaction Score,Reopens,Replies,First reply time in minutes,"
            "Full resolution time in minutes");
        const QString explore = QStringLiteral(
            "Ticket ID,Ticket subject,Ticket status,Ticket channel,Assignee name,Ticket created - Timestamp,"
            "Ticket solved - Timestamp,First reply time (min)");
        const QString freshdesk = QStringLiteral(
            "Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Resolved time,Closed time,"
            "Initial response time,First response time (in hrs),Survey results");
        const QString kaggle = QStringLiteral(
            "Ticket ID,Customer Name,Customer Email,Customer Age,Customer Gender,Product Purchased,Date of Purchase,"
            "Ticket Type,Ticket Subject,Ticket Description,Ticket Status,Resolution,Ticket Priority,Ticket Channel,"
            "First Response Time,Time to Resolution,Customer Satisfaction Rating");

        QTest::newRow("Zendesk's ticket CSV export") << zendesk << QString() << QStringLiteral("zendesk") << QString();
        QTest::newRow("Zendesk's export with odd case and spaces")
            << QString(zendesk).toUpper().replace(QLatin1Char(','), QStringLiteral(" ,  "))
            << QString() << QStringLiteral("zendesk") << QString();
        QTest::newRow("a Zendesk Explore report") << explore << QString() << QStringLiteral("zendesk-explore") << QString();
        QTest::newRow("Freshdesk's ticket export") << freshdesk << QString() << QStringLiteral("freshdesk") << QString();
        QTest::newRow("the Kaggle ticket list falls to the generic profile")
            << kaggle << QString() << QStringLiteral("generic") << QString();
        QTest::newRow("the zendesk family covers an Explore export when forced")
            << explore << QStringLiteral("zendesk") << QStringLiteral("zendesk-explore") << QString();
        QTest::newRow("forcing Freshdesk on a Zendesk header names what is missing")
            << zendesk << QStringLiteral("freshdesk") << QString() << QStringLiteral("Source");
        QTest::newRow("an unknown profile name")
            << zendesk << QStringLiteral("servicenow") << QString() << QStringLiteral("unknown profile");
        QTest::newRow("a header that is no ticket list")
            << QStringLiteral("colour,shape,size") << QString() << QString() << QStringLiteral("none of its columns");
        QTest::newRow("Intercom's conversation export") << fixtureHeader(QStringLiteral("intercom.csv")) << QString()
                                                        << QStringLiteral("intercom") << QString();
        QTest::newRow("Intercom's export with its times in UTC")
            << QStringLiteral("Conversation ID,Created at (UTC),Last closed at (UTC),Time to first response (seconds)")
            << QString() << QStringLiteral("intercom") << QString();
        QTest::newRow("a Jira Service Management export, Labels and Comment repeated")
            << fixtureHeader(QStringLiteral("jira_sm.csv")) << QString() << QStringLiteral("jira-sm") << QString();
        QTest::newRow("HubSpot's tickets export") << fixtureHeader(QStringLiteral("hubspot.csv")) << QString()
                                                  << QStringLiteral("hubspot") << QString();
        QTest::newRow("Zoho Desk's ticket export") << fixtureHeader(QStringLiteral("zoho_desk.csv")) << QString()
                                                   << QStringLiteral("zoho-desk") << QString();
        QTest::newRow("Help Scout's conversation export") << fixtureHeader(QStringLiteral("helpscout.csv")) << QString()
                                                          << QStringLiteral("helpscout") << QString();
        QTest::newRow("Front's conversation export") << fixtureHeader(QStringLiteral("front.csv")) << QString()
                                                     << QStringLiteral("front") << QString();
        QTest::newRow("the jira family forces the Jira profile")
            << fixtureHeader(QStringLiteral("jira_sm.csv")) << QStringLiteral("jira") << QStringLiteral("jira-sm")
            << QString();
        QTest::newRow("the spec's short name zoho forces the Zoho Desk profile")
            << fixtureHeader(QStringLiteral("zoho_desk.csv")) << QStringLiteral("zoho") << QStringLiteral("zoho-desk")
            << QString();
        QTest::newRow("forcing Help Scout on Front's header names what is missing")
            << fixtureHeader(QStringLiteral("front.csv")) << QStringLiteral("helpscout") << QString()
            << QStringLiteral("number, mailbox");
        QTest::newRow("an almost-Zendesk header says which columns are missing")
            << QStringLiteral("Requester,Assignee,Via,Created at,Solved at") << QString() << QString()
            << QStringLiteral("needs the columns: id");
    }

    void detection()
    {
        QFETCH(QString, header);
        QFETCH(QString, forced);
        QFETCH(QString, expectedProfile);
        QFETCH(QString, messagePart);

        const ProfileDetection detection = detectTicketProfile(header.split(QLatin1Char(',')), forced);
        if (expectedProfile.isEmpty()) {
            QVERIFY(!detection.match);
            QVERIFY2(detection.message.contains(messagePart, Qt::CaseInsensitive), qPrintable(detection.message));
            return;
        }
        QVERIFY2(detection.match, qPrintable(detection.message));
        QCOMPARE(QString::fromLatin1(detection.match->profile->id.data(), qsizetype(detection.match->profile->id.size())),
                 expectedProfile);
    }

    void mapping_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("field"); // empty: kept as an extra column

        const QString kaggle = QStringLiteral(
            "Ticket ID,Customer Name,Customer Email,Ticket Type,Ticket Subject,Ticket Description,Ticket Status,"
            "Ticket Priority,Ticket Channel,First Response Time,Time to Resolution,Customer Satisfaction Rating");
        QTest::newRow("Kaggle: the id") << kaggle << QStringLiteral("Ticket ID") << QStringLiteral("external_id");
        QTest::newRow("Kaggle: the channel") << kaggle << QStringLiteral("Ticket Channel") << QStringLiteral("channel");
        QTest::newRow("Kaggle: the requester's e-mail") << kaggle << QStringLiteral("Customer Email") << QStringLiteral("requester_email");
        QTest::newRow("Kaggle: first response, date or duration decided later")
            << kaggle << QStringLiteral("First Response Time") << QStringLiteral("first_reply_at");
        QTest::newRow("Kaggle: the rating") << kaggle << QStringLiteral("Customer Satisfaction Rating") << QStringLiteral("satisfaction");
        QTest::newRow("Kaggle: the description stays an extra column")
            << kaggle << QStringLiteral("Ticket Description") << QString();

        const QString freshdesk = QStringLiteral(
            "Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Resolved time,Closed time,"
            "Initial response time,First response time (in hrs),Resolution time (in hrs)");
        QTest::newRow("Freshdesk: business-hour first response")
            << freshdesk << QStringLiteral("First response time (in hrs)") << QStringLiteral("first_reply_time_bh");
        QTest::newRow("Freshdesk: business-hour resolution")
            << freshdesk << QStringLiteral("Resolution time (in hrs)") << QStringLiteral("resolution_time_bh");
        QTest::newRow("Freshdesk: the first reply's timestamp")
            << freshdesk << QStringLiteral("Initial response time") << QStringLiteral("first_reply_at");

        const QString zendesk = QStringLiteral(
            "Id,Via,Created at,Solved at,Assignee,Group,First reply time in minutes,"
            "First reply time in minutes within business hours,Resolution time");
        QTest::newRow("Zendesk: calendar first reply")
            << zendesk << QStringLiteral("First reply time in minutes") << QStringLiteral("first_reply_time");
        QTest::newRow("Zendesk: business-hour first reply")
            << zendesk << QStringLiteral("First reply time in minutes within business hours")
            << QStringLiteral("first_reply_time_bh");
        QTest::newRow("Zendesk: whole-hour resolution time is kept as extra")
            << zendesk << QStringLiteral("Resolution time") << QString();
        QTest::newRow("Zendesk: the group is the team") << zendesk << QStringLiteral("Group") << QStringLiteral("team");

        QTest::newRow("a duplicate header name binds its first column only")
            << QStringLiteral("Ticket ID,Status,Status,Subject,Created") << QStringLiteral("Status") << QStringLiteral("status");

        const QString intercom = fixtureHeader(QStringLiteral("intercom.csv"));
        QTest::newRow("Intercom: a zone in the name still finds the creation time")
            << intercom << QStringLiteral("Created at (America/New_York)") << QStringLiteral("created_at");
        QTest::newRow("Intercom: calendar first response, seconds")
            << intercom << QStringLiteral("Time to first response (seconds)") << QStringLiteral("first_reply_time");
        QTest::newRow("Intercom: office-hours first response is business hours")
            << intercom << QStringLiteral("Time to first response within office hours (seconds)")
            << QStringLiteral("first_reply_time_bh");
        QTest::newRow("Intercom: the last close is the full resolution")
            << intercom << QStringLiteral("Time to last close (seconds)") << QStringLiteral("resolution_time");
        QTest::newRow("Intercom: the teammate is the agent")
            << intercom << QStringLiteral("Teammate assigned") << QStringLiteral("agent");
        QTest::newRow("Intercom: ratings stay an extra column")
            << intercom << QStringLiteral("Conversation rating") << QString();

        const QString jira = fixtureHeader(QStringLiteral("jira_sm.csv"));
        QTest::newRow("Jira: the issue key is the id") << jira << QStringLiteral("Issue key") << QStringLiteral("external_id");
        QTest::newRow("Jira: the issue id stays extra") << jira << QStringLiteral("Issue id") << QString();
        QTest::newRow("Jira: the request type is the type")
            << jira << QStringLiteral("Custom field (Request Type)") << QStringLiteral("type");
        QTest::newRow("Jira: resolved is the solve") << jira << QStringLiteral("Resolved") << QStringLiteral("solved_at");

        const QString hubspot = fixtureHeader(QStringLiteral("hubspot.csv"));
        QTest::newRow("HubSpot: first agent reply, a duration")
            << hubspot << QStringLiteral("Time to first agent reply") << QStringLiteral("first_reply_time");
        QTest::newRow("HubSpot: the owner is the agent") << hubspot << QStringLiteral("Ticket owner") << QStringLiteral("agent");
        QTest::newRow("HubSpot: the pipeline stays extra") << hubspot << QStringLiteral("Pipeline") << QString();

        const QString zoho = fixtureHeader(QStringLiteral("zoho_desk.csv"));
        QTest::newRow("Zoho Desk: the department is the team") << zoho << QStringLiteral("Department") << QStringLiteral("team");
        QTest::newRow("Zoho Desk: calendar first response in hours")
            << zoho << QStringLiteral("First Response Time (in hrs)") << QStringLiteral("first_reply_time");
        QTest::newRow("Zoho Desk: business-hour resolution, when named so")
            << QStringLiteral("Ticket Id,Ticket Owner,Department,Created Time,Resolution Time (in hrs),"
                              "Resolution Time in Business Hours (in hrs)")
            << QStringLiteral("Resolution Time in Business Hours (in hrs)") << QStringLiteral("resolution_time_bh");
        QTest::newRow("Zoho Desk: ... and the calendar one beside it")
            << QStringLiteral("Ticket Id,Ticket Owner,Department,Created Time,Resolution Time (in hrs),"
                              "Resolution Time in Business Hours (in hrs)")
            << QStringLiteral("Resolution Time (in hrs)") << QStringLiteral("resolution_time");

        const QString helpscout = fixtureHeader(QStringLiteral("helpscout.csv"));
        QTest::newRow("Help Scout: the mailbox is the team") << helpscout << QStringLiteral("Mailbox") << QStringLiteral("team");
        QTest::newRow("Help Scout: the number stays extra") << helpscout << QStringLiteral("Number") << QString();
        QTest::newRow("Help Scout: first response, date or duration decided later")
            << helpscout << QStringLiteral("First Response Time") << QStringLiteral("first_reply_at");

        const QString front = fixtureHeader(QStringLiteral("front.csv"));
        QTest::newRow("Front: the inbox is the team") << front << QStringLiteral("Inbox") << QStringLiteral("team");
        QTest::newRow("Front: resolved at is the solve") << front << QStringLiteral("Resolved at") << QStringLiteral("solved_at");
    }

    void everyLabelsColumnIsATagColumn()
    {
        const QStringList names = fixtureHeader(QStringLiteral("jira_sm.csv")).split(QLatin1Char(','));
        const ProfileDetection detection = detectTicketProfile(names);
        QVERIFY2(detection.match, qPrintable(detection.message));
        int labels = 0;
        for (int column = 0; column < names.size(); ++column) {
            const std::optional<TicketField> field = detection.match->fieldOfColumn(column);
            if (names[column] == QLatin1String("Labels")) {
                QCOMPARE(field, std::optional<TicketField>(TicketField::Tags));
                ++labels;
            } else if (names[column] == QLatin1String("Comment")) {
                QCOMPARE(field, std::optional<TicketField>());
            }
        }
        QCOMPARE(labels, 3);
    }

    // Each new profile's fixture imported end to end, one ticket checked: "created | first reply
    // min | solved | resolution min | agent | team | tags" (times UTC; --timezone UTC except where
    // the header names the zone).
    void importSpotCheck_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("expected");
        // 09:15:30 in New York on 2024-03-10 is EDT (UTC-4): the clocks went forward at 02:00 that
        // morning. The zone comes from the header, not from --timezone.
        QTest::newRow("Intercom: times in the header's zone, durations in seconds")
            << QStringLiteral("intercom.csv") << QStringLiteral("intercom") << QStringLiteral("215468800123459")
            << QStringLiteral("2024-03-10 13:15:30 | 1.58333 | - | - | Maya Chen | Support Tier 1 | bug export");
        // 2024-03-09 22:05 EST = 03:05 UTC on the 10th; closed 2024-03-11 10:14:30 EDT = 14:14:30 UTC.
        QTest::newRow("Intercom: a conversation that crosses the clock change")
            << QStringLiteral("intercom.csv") << QStringLiteral("intercom") << QStringLiteral("215468800123457")
            << QStringLiteral("2024-03-10 03:05:00 | 660 | 2024-03-11 14:14:30 | 2109.5 | Liam O'Brien | Billing | "
                              "billing refund");
        QTest::newRow("Jira: dd/MMM/yy h:mm a, three Labels columns merged")
            << QStringLiteral("jira_sm.csv") << QStringLiteral("jira-sm") << QStringLiteral("ITSM-1043")
            << QStringLiteral("2024-03-13 10:20:00 | - | - | - | Tom Becker | - | hardware onboarding q1-hires");
        QTest::newRow("Jira: resolved the next morning")
            << QStringLiteral("jira_sm.csv") << QStringLiteral("jira-sm") << QStringLiteral("ITSM-1042")
            << QStringLiteral("2024-03-12 15:45:00 | - | 2024-03-13 09:00:00 | - | Ana Souza | - | network vpn");
        // 5,400,000 ms = 90 min; 106,080,000 ms = 1,768 min (29 h 28 min, as the dates say).
        QTest::newRow("HubSpot: durations in milliseconds")
            << QStringLiteral("hubspot.csv") << QStringLiteral("hubspot") << QStringLiteral("1873429012")
            << QStringLiteral("2024-03-04 09:12:00 | 90 | 2024-03-05 14:40:00 | 1768 | Hannah Schulz | EMEA Support | -");
        QTest::newRow("HubSpot: a duration written H:MM:SS")
            << QStringLiteral("hubspot.csv") << QStringLiteral("hubspot") << QStringLiteral("1873429013")
            << QStringLiteral("2024-03-04 11:30:00 | 4.5 | - | - | Diego Alvarez | Americas Support | -");
        QTest::newRow("Zoho Desk: month-name dates, hours")
            << QStringLiteral("zoho_desk.csv") << QStringLiteral("zoho-desk") << QStringLiteral("104")
            << QStringLiteral("2024-03-12 15:45:00 | 75 | 2024-03-13 10:15:00 | 1110 | Riya Sharma | Customer Care | shipping");
        QTest::newRow("Help Scout: first response as a duration in words")
            << QStringLiteral("helpscout.csv") << QStringLiteral("helpscout") << QStringLiteral("2514301988")
            << QStringLiteral("2024-03-11 09:02:10 | 2.66667 | 2024-03-11 09:30:55 | - | Omar Haddad | Support | billing promo");
        QTest::newRow("Front: first response in seconds")
            << QStringLiteral("front.csv") << QStringLiteral("front") << QStringLiteral("cnv_5k2x9a3")
            << QStringLiteral("2024-03-12 13:40:00 | 90 | 2024-03-13 08:05:31 | - | Isabel Gomez | Customer Support | returns");
    }

    void importSpotCheck()
    {
        QFETCH(QString, file);
        QFETCH(QString, profile);
        QFETCH(QString, id);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QString error;
        std::optional<Database> db = Database::open(dir.filePath(QStringLiteral("p.sqlite")), &error);
        QVERIFY2(db, qPrintable(error));
        ImportOptions options;
        options.timeZone = QTimeZone::utc();
        const ImportReport report = runImport(*db, QStringLiteral(SUPPORTLENS_FIXTURES_DIR "/import/") + file, options);
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
        QCOMPARE(report.profile, profile);
        QCOMPARE(report.rejected, 0);
        sqlite::Statement s = db->connection().prepare(
            "SELECT t.created_at, coalesce(t.first_reply_min, (t.first_reply_at - t.created_at) / 60.0), t.solved_at, "
            "t.resolution_min, a.name, g.name, t.tags FROM tickets t LEFT JOIN agents a ON a.id = t.agent_id "
            "LEFT JOIN teams g ON g.id = t.team_id WHERE t.external_id = ?1 OR t.external_id = CAST(?1 AS INTEGER)");
        s.bindText(1, id);
        QCOMPARE(s.step(), sqlite::Statement::StepResult::Row);
        QStringList values;
        for (int column = 0; column < 7; ++column) {
            if (s.columnIsNull(column))
                values.append(QStringLiteral("-"));
            else if (column == 0 || column == 2)
                values.append(QDateTime::fromSecsSinceEpoch(s.columnInt(column), QTimeZone::utc())
                                  .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
            else if (column == 1 || column == 3)
                values.append(QString::number(s.columnDouble(column), 'g', 6));
            else
                values.append(s.columnText(column));
        }
        QCOMPARE(values.join(QStringLiteral(" | ")), expected);
    }

    void mapping()
    {
        QFETCH(QString, header);
        QFETCH(QString, column);
        QFETCH(QString, field);

        const QStringList names = header.split(QLatin1Char(','));
        const ProfileDetection detection = detectTicketProfile(names);
        QVERIFY2(detection.match, qPrintable(detection.message));
        const std::optional<TicketField> bound = detection.match->fieldOfColumn(int(names.indexOf(column)));
        QCOMPARE(bound ? fieldId(*bound) : QString(), field);
        if (names.count(column) > 1)
            QVERIFY(!detection.match->fieldOfColumn(int(names.lastIndexOf(column))));
    }

    void extraColumnNamesAreUniqueEvenInAHugeHeader()
    {
        // Found by the hostile-file test: each name was checked against every name before it, and
        // every suffix from (2) tried again, so a header of a million columns took hours.
        QStringList header = {QStringLiteral("Ticket ID"), QStringLiteral("Subject"), QStringLiteral("Created at"),
                              QStringLiteral("x"), QStringLiteral("x"), QStringLiteral("x (2)"), QStringLiteral("x"),
                              QStringLiteral(" "), QString()};
        const qsizetype named = header.size();
        for (int i = 0; i < 100000; ++i)
            header.append(QStringLiteral("y"));
        for (int i = 0; i < 100000; ++i)
            header.append(QStringLiteral("z%1").arg(i));
        const ProfileDetection detection = detectTicketProfile(header);
        QVERIFY2(detection.match, qPrintable(detection.message));
        const TicketMapper mapper(header, ColumnDecisions{{}, detection.match->bindings, {}}, QTimeZone::utc());
        const QStringList &names = mapper.extraColumnNames();
        QCOMPARE(names.size(), header.size() - 3);
        QCOMPARE(names.mid(0, 6), (QStringList{QStringLiteral("x"), QStringLiteral("x (2)"), QStringLiteral("x (2) (2)"),
                                               QStringLiteral("x (3)"), QStringLiteral("column 8"),
                                               QStringLiteral("column 9")}));
        QCOMPARE(names.at(named - 3 + 99999), QStringLiteral("y (100000)"));
        QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
    }

    void channelNormalisation_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("channel");
        QTest::newRow("Zendesk mail") << QStringLiteral("Mail") << QStringLiteral("Email");
        QTest::newRow("Zendesk web form") << QStringLiteral("Web form") << QStringLiteral("Web");
        QTest::newRow("Zendesk inbound call") << QStringLiteral("Phone call (inbound)") << QStringLiteral("Phone");
        QTest::newRow("Zendesk Explore incoming call") << QStringLiteral("Phone call (incoming)") << QStringLiteral("Phone");
        QTest::newRow("Freshdesk portal") << QStringLiteral("Portal") << QStringLiteral("Web");
        QTest::newRow("Twitter is social") << QStringLiteral("Twitter") << QStringLiteral("Social");
        QTest::newRow("Kaggle social media") << QStringLiteral("Social media") << QStringLiteral("Social");
        QTest::newRow("an API ticket") << QStringLiteral("API") << QStringLiteral("API");
        QTest::newRow("lower-case email") << QStringLiteral(" email ") << QStringLiteral("Email");
        QTest::newRow("an unknown label is kept as spelled") << QStringLiteral("Carrier pigeon") << QStringLiteral("Carrier pigeon");
    }

    void channelNormalisation()
    {
        QFETCH(QString, label);
        QFETCH(QString, channel);
        const QByteArray utf8 = label.toUtf8();
        const std::string_view normalized = normalizedChannel(std::string_view(utf8.constData(), std::size_t(utf8.size())));
        QCOMPARE(QString::fromUtf8(normalized.data(), qsizetype(normalized.size())), channel);
    }

    void satisfaction_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("good");     // -1 none
        QTest::addColumn<double>("score"); // -1 none
        QTest::addColumn<int>("offered");  // -1 unknown
        QTest::newRow("Zendesk good") << QStringLiteral("Good") << true << 1 << -1.0 << 1;
        QTest::newRow("Zendesk bad") << QStringLiteral("bad") << true << 0 << -1.0 << 1;
        QTest::newRow("Zendesk offered, no answer") << QStringLiteral("Offered") << true << -1 << -1.0 << 1;
        QTest::newRow("Zendesk unoffered") << QStringLiteral("Unoffered") << true << -1 << -1.0 << 0;
        QTest::newRow("Freshdesk extremely satisfied") << QStringLiteral("Extremely satisfied") << true << 1 << 5.0 << -1;
        QTest::newRow("Freshdesk neutral is not satisfied") << QStringLiteral("Neutral") << true << 0 << 3.0 << -1;
        QTest::newRow("a 4 of 5 is satisfied, offered unknown") << QStringLiteral("4.0") << true << 1 << 4.0 << -1;
        QTest::newRow("a 3 of 5 is not") << QStringLiteral("3") << true << 0 << 3.0 << -1;
        QTest::newRow("0 means not rated") << QStringLiteral("0") << true << -1 << -1.0 << -1;
        QTest::newRow("an empty cell") << QString() << true << -1 << -1.0 << -1;
        QTest::newRow("a 9 belongs to another scale") << QStringLiteral("9") << false << -1 << -1.0 << -1;
        QTest::newRow("words nobody writes") << QStringLiteral("meh") << false << -1 << -1.0 << -1;
    }

    void satisfaction()
    {
        QFETCH(QString, text);
        QFETCH(bool, ok);
        QFETCH(int, good);
        QFETCH(double, score);
        QFETCH(int, offered);
        const QByteArray utf8 = text.toUtf8();
        const Parsed<SatisfactionValue> parsed = parseSatisfaction(std::string_view(utf8.constData(), std::size_t(utf8.size())));
        QCOMPARE(parsed.ok, ok);
        const SatisfactionValue value = parsed.value.value_or(SatisfactionValue{});
        QCOMPARE(value.good ? int(*value.good) : -1, good);
        QCOMPARE(value.score.value_or(-1.0), score);
        QCOMPARE(value.offered ? int(*value.offered) : -1, offered);
    }
};

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"
