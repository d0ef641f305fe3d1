// Source detection from the header alone, and the mapping each profile makes.

#include "import/profiles.h"
#include "import/ticketmapper.h"

#include <QTest>

using namespace sl;

Q_DECLARE_METATYPE(QList<QStringList>)

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
