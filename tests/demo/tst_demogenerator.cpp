// The demo generator: deterministic, well-formed in each format, and shaped like a real help
// desk. The files are read back with a small RFC 4180 splitter of the test's own, so a bug in the
// project's CSV reader cannot hide a bug here (or the other way round).

#include "services/demogenerator.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

using namespace sl;

namespace {

constexpr std::int64_t daySeconds = 86400;

DemoOptions options(std::int64_t tickets, std::uint64_t seed = 42)
{
    DemoOptions o;
    o.tickets = tickets;
    o.seed = seed;
    o.lastDay = QDate(2025, 6, 30);
    return o;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A whole file split into records and fields per RFC 4180.
struct Table
{
    QList<QByteArray> header;
    QList<QList<QByteArray>> rows;
    bool wellFormed = true; // no stray quote, no unterminated quoted field

    int column(const char *name) const { return int(header.indexOf(QByteArray(name))); }
};

Table splitCsv(const QByteArray &bytes)
{
    Table table;
    QList<QList<QByteArray>> records;
    QList<QByteArray> record;
    QByteArray field;
    bool quoted = false, wasQuoted = false;
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        if (quoted) {
            if (c != '"') {
                field += c;
            } else if (i + 1 < bytes.size() && bytes[i + 1] == '"') {
                field += '"';
                ++i;
            } else {
                quoted = false;
            }
        } else if (c == '"') {
            if (!field.isEmpty() || wasQuoted)
                table.wellFormed = false;
            quoted = wasQuoted = true;
        } else if (c == ',') {
            record.append(field);
            field.clear();
            wasQuoted = false;
        } else if (c == '\n') {
            record.append(field);
            records.append(record);
            record.clear();
            field.clear();
            wasQuoted = false;
        } else {
            if (wasQuoted)
                table.wellFormed = false;
            field += c;
        }
    }
    if (quoted || !field.isEmpty() || !record.isEmpty())
        table.wellFormed = false; // unterminated, or no newline after the last record
    if (!records.isEmpty())
        table.header = records.takeFirst();
    table.rows = records;
    return table;
}

Table writeAndSplit(const QTemporaryDir &dir, const DemoOptions &o, DemoFormat format)
{
    const QString path = dir.filePath(QStringLiteral("export.csv"));
    const DemoWriteResult result = writeDemoExport(o, format, path);
    if (!result.ok)
        return {};
    return splitCsv(readAll(path));
}

// "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss" or "yyyy-MM-ddTHH:mm:ssZ", all UTC.
std::int64_t parseTime(const QByteArray &text)
{
    const QDate date = QDate::fromString(QString::fromLatin1(text.left(10)), Qt::ISODate);
    QByteArray clock = text.mid(11);
    if (clock.endsWith('Z'))
        clock.chop(1);
    const QTime time = QTime::fromString(QString::fromLatin1(clock),
                                         clock.size() == 5 ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss"));
    if (!date.isValid() || !time.isValid())
        return -1;
    return QDateTime(date, time, QTimeZone::utc()).toSecsSinceEpoch();
}

bool hasNonAscii(std::string_view text)
{
    return std::any_of(text.begin(), text.end(), [](char c) { return (c & 0x80) != 0; });
}

std::int64_t startOf(const QDate &date)
{
    return QDate(1970, 1, 1).daysTo(date) * daySeconds;
}

} // namespace

class TestDemoGenerator : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::map<QString, double> m_shares; // measured once over 20,000 tickets

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        DemoGenerator generator(options(20000));
        DemoTicket t;
        std::int64_t count = 0, solved = 0, rated = 0, good = 0, reopened = 0;
        std::map<DemoChannel, std::int64_t> channels;
        std::map<DemoPriority, std::int64_t> priorities;
        std::set<std::int64_t> customers;
        std::int64_t repeat = 0;
        while (generator.next(t)) {
            ++count;
            ++channels[t.channel];
            ++priorities[t.priority];
            repeat += customers.insert(t.customer).second ? 0 : 1;
            if (t.solvedAt && t.agentReplies > 0) {
                ++solved;
                rated += t.satisfaction == DemoSatisfaction::Good || t.satisfaction == DemoSatisfaction::Bad;
                good += t.satisfaction == DemoSatisfaction::Good;
                reopened += t.reopens > 0;
            }
        }
        QCOMPARE(count, 20000);
        const auto of = [](std::int64_t n, std::int64_t d) { return d ? double(n) / double(d) : 0.0; };
        m_shares[QStringLiteral("email")] = of(channels[DemoChannel::Email], count);
        m_shares[QStringLiteral("web")] = of(channels[DemoChannel::Web], count);
        m_shares[QStringLiteral("chat")] = of(channels[DemoChannel::Chat], count);
        m_shares[QStringLiteral("phone")] = of(channels[DemoChannel::Phone], count);
        m_shares[QStringLiteral("social")] =
            of(channels[DemoChannel::Twitter] + channels[DemoChannel::Facebook], count);
        m_shares[QStringLiteral("api")] = of(channels[DemoChannel::Api], count);
        m_shares[QStringLiteral("low")] = of(priorities[DemoPriority::Low], count);
        m_shares[QStringLiteral("normal")] = of(priorities[DemoPriority::Normal], count);
        m_shares[QStringLiteral("high")] = of(priorities[DemoPriority::High], count);
        m_shares[QStringLiteral("urgent")] = of(priorities[DemoPriority::Urgent], count);
        m_shares[QStringLiteral("rated")] = of(rated, solved);
        m_shares[QStringLiteral("good")] = of(good, rated);
        m_shares[QStringLiteral("reopened")] = of(reopened, solved);
        m_shares[QStringLiteral("repeat")] = of(repeat, count);
    }

    void sameOptionsWriteTheSameBytes_data()
    {
        QTest::addColumn<DemoFormat>("format");
        QTest::newRow("a Zendesk export") << DemoFormat::ZendeskLegacy;
        QTest::newRow("a Zendesk Explore report") << DemoFormat::ZendeskExplore;
        QTest::newRow("a Freshdesk export") << DemoFormat::Freshdesk;
    }

    void sameOptionsWriteTheSameBytes()
    {
        QFETCH(DemoFormat, format);
        const QString a = m_dir.filePath(QStringLiteral("a.csv"));
        const QString b = m_dir.filePath(QStringLiteral("b.csv"));
        const QString c = m_dir.filePath(QStringLiteral("c.csv"));
        QVERIFY(writeDemoExport(options(3000), format, a).ok);
        QVERIFY(writeDemoExport(options(3000), format, b).ok);
        QVERIFY(writeDemoExport(options(3000, 43), format, c).ok);
        const QByteArray first = readAll(a);
        QVERIFY(first.size() > 100000);
        QVERIFY(first == readAll(b));
        QVERIFY2(first != readAll(c), "another seed, other tickets");
    }

    void headerIsExactlyWhatTheImporterRecognises_data()
    {
        QTest::addColumn<DemoFormat>("format");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("Zendesk's classic export")
            << DemoFormat::ZendeskLegacy
            << QByteArray("Summation column,Id,Requester,Requester id,Requester external id,Requester email,"
                          "Requester domain,Submitter,Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,"
                          "Created at,Updated at,Assigned at,Organization,Due date,Initially assigned at,Solved at,"
                          "Resolution time,Satisfaction Score,Group stations,Assignee stations,Reopens,Replies,"
                          "First reply time in minutes,First reply time in minutes within business hours,"
                          "First resolution time in minutes,First resolution time in minutes within business hours,"
                          "Full resolution time in minutes,Full resolution time in minutes within business hours,"
                          "Agent wait time in minutes,Agent wait time in minutes within business hours,"
                          "Requester wait time in minutes,Requester wait time in minutes within business hours,"
                          "On hold time in minutes,On hold time in minutes within business hours,"
                          "Total time spent (sec) [int]\n");
        QTest::newRow("an Explore report")
            << DemoFormat::ZendeskExplore
            << QByteArray("Ticket ID,Ticket subject,Ticket status,Ticket priority,Ticket channel,Ticket group,"
                          "Assignee name,Requester name,Requester email,Ticket created - Timestamp,"
                          "Ticket solved - Timestamp,First reply time (min),First reply time - Business hours (min),"
                          "Full resolution time (hrs),Full resolution time - Business hours (hrs),Ticket tags,Reopens,"
                          "Agent replies,Ticket satisfaction rating\n");
        QTest::newRow("Freshdesk's ticket export")
            << DemoFormat::Freshdesk
            << QByteArray("Ticket ID,Subject,Status,Priority,Source,Type,Agent,Group,Created time,Due by Time,"
                          "Resolved time,Closed time,Last update time,Initial response time,Time tracked,"
                          "First response time (in hrs),Resolution time (in hrs),Agent interactions,"
                          "Customer interactions,Resolution status,First response status,Tags,Survey results,Product,"
                          "Full name,Email,Contact ID\n");
    }

    void headerIsExactlyWhatTheImporterRecognises()
    {
        QFETCH(DemoFormat, format);
        QFETCH(QByteArray, header);
        const QString path = m_dir.filePath(QStringLiteral("header.csv"));
        QVERIFY(writeDemoExport(options(10), format, path).ok);
        const QByteArray bytes = readAll(path);
        QCOMPARE(bytes.left(header.size()), header); // also: no byte-order mark before it
    }

    void everyRowHasTheHeadersFieldCount_data()
    {
        QTest::addColumn<DemoFormat>("format");
        QTest::addColumn<int>("columns");
        QTest::newRow("Zendesk, 42 columns") << DemoFormat::ZendeskLegacy << 42;
        QTest::newRow("Explore, 19 columns") << DemoFormat::ZendeskExplore << 19;
        QTest::newRow("Freshdesk, 27 columns") << DemoFormat::Freshdesk << 27;
    }

    void everyRowHasTheHeadersFieldCount()
    {
        QFETCH(DemoFormat, format);
        QFETCH(int, columns);
        const QString path = m_dir.filePath(QStringLiteral("fields.csv"));
        const DemoWriteResult result = writeDemoExport(options(5000), format, path);
        QVERIFY(result.ok);
        QVERIFY(!result.cancelled);
        QCOMPARE(result.rows, 5000);
        const QByteArray bytes = readAll(path);
        QVERIFY2(!bytes.contains('\r'), "LF line ends, and no CR inside fields either");
        QVERIFY2(QUtf8StringView(bytes).isValidUtf8(), "UTF-8 throughout");
        const Table table = splitCsv(bytes);
        QVERIFY2(table.wellFormed, "RFC 4180 quoting");
        QCOMPARE(int(table.header.size()), columns);
        QCOMPARE(table.rows.size(), 5000);
        for (qsizetype i = 0; i < table.rows.size(); ++i)
            QVERIFY2(table.rows[i].size() == columns, qPrintable(QStringLiteral("row %1").arg(i + 1)));
    }

    void rowCountIsTheTicketCount_data()
    {
        QTest::addColumn<qint64>("tickets");
        QTest::newRow("no tickets, just the header") << qint64(0);
        QTest::newRow("one ticket") << qint64(1);
        QTest::newRow("fewer tickets than days") << qint64(97);
        QTest::newRow("an odd number") << qint64(12345);
    }

    void rowCountIsTheTicketCount()
    {
        QFETCH(qint64, tickets);
        const QString path = m_dir.filePath(QStringLiteral("count.csv"));
        const DemoWriteResult result = writeDemoExport(options(tickets), DemoFormat::Freshdesk, path);
        QVERIFY(result.ok);
        QCOMPARE(result.rows, tickets);
        const Table table = splitCsv(readAll(path));
        QCOMPARE(table.header.size(), 27);
        QCOMPARE(table.rows.size(), tickets);
        DemoGenerator generator(options(tickets));
        DemoTicket t;
        qint64 generated = 0;
        while (generator.next(t))
            QCOMPARE(t.id, ++generated);
        QCOMPARE(generated, tickets);
    }

    void valuesComeFromEachFormatsVocabulary_data()
    {
        QTest::addColumn<DemoFormat>("format");
        QTest::addColumn<QByteArray>("column");
        QTest::addColumn<QByteArrayList>("allowed"); // empty: see the pattern
        QTest::addColumn<QString>("pattern");        // for every non-empty value
        const auto row = [](const char *name, DemoFormat format, const char *column, const QByteArrayList &allowed,
                            const QString &pattern = {}) {
            QTest::newRow(name) << format << QByteArray(column) << allowed << pattern;
        };
        const QString minutes = QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$");
        const QString seconds = QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$");
        const QString iso = QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$");
        const QString wholeNumber = QStringLiteral("^\\d+$");
        const QString twoDecimals = QStringLiteral("^\\d+\\.\\d\\d$");
        using F = DemoFormat;
        row("Zendesk statuses", F::ZendeskLegacy, "Status", {"new", "open", "pending", "hold", "solved", "closed"});
        row("Zendesk priorities", F::ZendeskLegacy, "Priority", {"low", "normal", "high", "urgent"});
        row("Zendesk channels", F::ZendeskLegacy, "Via",
            {"Mail", "Web form", "Chat", "Phone call (inbound)", "Twitter", "Facebook", "API"});
        row("Zendesk ratings", F::ZendeskLegacy, "Satisfaction Score", {"Good", "Bad", "Offered", "Unoffered"});
        row("Zendesk ticket types", F::ZendeskLegacy, "Ticket type", {"question", "incident", "problem", "task"});
        row("Zendesk creation times", F::ZendeskLegacy, "Created at", {}, minutes);
        row("Zendesk solve times", F::ZendeskLegacy, "Solved at", {}, minutes);
        row("Zendesk resolution hours", F::ZendeskLegacy, "Resolution time", {}, wholeNumber);
        row("Zendesk first reply minutes", F::ZendeskLegacy, "First reply time in minutes", {}, wholeNumber);
        row("Zendesk business-hour minutes", F::ZendeskLegacy, "Full resolution time in minutes within business hours",
            {}, wholeNumber);
        row("Zendesk time spent", F::ZendeskLegacy, "Total time spent (sec) [int]", {}, wholeNumber);
        row("Zendesk tags, space-separated", F::ZendeskLegacy, "Tags", {}, QStringLiteral("^[a-z_]+( [a-z_]+)*$"));
        row("Explore statuses", F::ZendeskExplore, "Ticket status",
            {"New", "Open", "Pending", "Hold", "Solved", "Closed"});
        row("Explore priorities", F::ZendeskExplore, "Ticket priority", {"Low", "Normal", "High", "Urgent"});
        row("Explore channels", F::ZendeskExplore, "Ticket channel",
            {"Email", "Web form", "Chat", "Phone call (incoming)", "Twitter", "Facebook", "API"});
        row("Explore ratings", F::ZendeskExplore, "Ticket satisfaction rating",
            {"Good", "Bad", "Offered", "Not offered"});
        row("Explore timestamps", F::ZendeskExplore, "Ticket created - Timestamp", {}, iso);
        row("Explore solve timestamps", F::ZendeskExplore, "Ticket solved - Timestamp", {}, iso);
        row("Explore resolution hours", F::ZendeskExplore, "Full resolution time (hrs)", {}, twoDecimals);
        row("Explore business resolution hours", F::ZendeskExplore, "Full resolution time - Business hours (hrs)", {},
            twoDecimals);
        row("Freshdesk statuses", F::Freshdesk, "Status",
            {"Open", "Pending", "Resolved", "Closed", "Waiting on Customer"});
        row("Freshdesk priorities", F::Freshdesk, "Priority", {"Low", "Medium", "High", "Urgent"});
        row("Freshdesk sources", F::Freshdesk, "Source",
            {"Email", "Portal", "Chat", "Phone", "Twitter", "Facebook", "API"});
        row("Freshdesk survey labels", F::Freshdesk, "Survey results",
            {"Extremely satisfied", "Satisfied", "Neutral", "Dissatisfied", "Extremely dissatisfied"});
        row("Freshdesk resolution SLA", F::Freshdesk, "Resolution status", {"Within SLA", "SLA Violated"});
        row("Freshdesk first response SLA", F::Freshdesk, "First response status", {"Within SLA", "SLA Violated"});
        row("Freshdesk creation times", F::Freshdesk, "Created time", {}, seconds);
        row("Freshdesk initial response, a time", F::Freshdesk, "Initial response time", {}, seconds);
        row("Freshdesk closing times", F::Freshdesk, "Closed time", {}, seconds);
        row("Freshdesk time tracked", F::Freshdesk, "Time tracked", {}, QStringLiteral("^\\d\\d+:[0-5]\\d:[0-5]\\d$"));
        row("Freshdesk business hours to first response", F::Freshdesk, "First response time (in hrs)", {},
            twoDecimals);
        row("Freshdesk tags, comma-separated", F::Freshdesk, "Tags", {}, QStringLiteral("^[a-z_]+(,[a-z_]+)*$"));
    }

    void valuesComeFromEachFormatsVocabulary()
    {
        QFETCH(DemoFormat, format);
        QFETCH(QByteArray, column);
        QFETCH(QByteArrayList, allowed);
        QFETCH(QString, pattern);
        const Table table = writeAndSplit(m_dir, options(4000), format);
        const int index = table.column(column.constData());
        QVERIFY2(index >= 0, column.constData());
        const QRegularExpression re(pattern);
        QSet<QByteArray> seen;
        int nonEmpty = 0;
        for (const QList<QByteArray> &row : table.rows) {
            const QByteArray &value = row.value(index);
            if (value.isEmpty())
                continue;
            ++nonEmpty;
            seen.insert(value);
            if (allowed.isEmpty())
                QVERIFY2(re.match(QString::fromUtf8(value)).hasMatch(), value.constData());
            else
                QVERIFY2(allowed.contains(value), value.constData());
        }
        QVERIFY2(nonEmpty > 0, "the column is used");
        if (!allowed.isEmpty())
            QVERIFY2(seen.size() >= std::min<qsizetype>(allowed.size(), 4), "most of the vocabulary appears");
    }

    void sharesAreThoseOfARealHelpDesk_data()
    {
        QTest::addColumn<QString>("share");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        const auto row = [](const char *name, const char *share, double low, double high) {
            QTest::newRow(name) << QString::fromLatin1(share) << low << high;
        };
        row("e-mail brings 40-50% of tickets", "email", 0.40, 0.50);
        row("the web form about 20%", "web", 0.17, 0.23);
        row("chat about 18%", "chat", 0.15, 0.21);
        row("phone about 10%", "phone", 0.08, 0.12);
        row("social media about 5%", "social", 0.035, 0.065);
        row("the API about 2%", "api", 0.01, 0.03);
        row("a quarter are low priority", "low", 0.22, 0.28);
        row("half are normal priority", "normal", 0.46, 0.54);
        row("a fifth are high priority", "high", 0.17, 0.23);
        row("one in twenty is urgent", "urgent", 0.035, 0.065);
        row("a quarter of solved tickets are rated", "rated", 0.20, 0.30);
        row("most ratings are good", "good", 0.84, 0.92);
        row("about 8% of solved tickets were reopened", "reopened", 0.05, 0.11);
        row("most tickets come from repeat customers", "repeat", 0.55, 0.65);
    }

    void sharesAreThoseOfARealHelpDesk()
    {
        QFETCH(QString, share);
        QFETCH(double, low);
        QFETCH(double, high);
        const double value = m_shares.at(share);
        QVERIFY2(value >= low && value <= high, qPrintable(QStringLiteral("%1 = %2").arg(share).arg(value)));
    }

    void ticketsAreConsistentAndInsideThePeriod()
    {
        const DemoOptions o = options(20000);
        DemoGenerator generator(o);
        QCOMPARE(generator.firstDay(), QDate(2024, 1, 1)); // 18 whole months ending 30 June 2025
        QCOMPARE(generator.lastDay(), o.lastDay);
        const std::int64_t start = startOf(generator.firstDay());
        const std::int64_t end = startOf(o.lastDay) + daySeconds;
        DemoTicket t;
        std::int64_t previousCreated = start;
        while (generator.next(t)) {
            const QByteArray what = "ticket " + QByteArray::number(qint64(t.id));
            QVERIFY2(t.createdAt >= previousCreated && t.createdAt < end, what.constData()); // in creation order
            previousCreated = t.createdAt;
            for (const std::optional<std::int64_t> &at : {t.firstReplyAt, t.firstSolvedAt, t.solvedAt, t.closedAt,
                                                          t.assignedAt, t.initiallyAssignedAt}) {
                if (at)
                    QVERIFY2(*at >= t.createdAt && *at < end, what.constData());
            }
            QVERIFY2(t.updatedAt >= t.createdAt && t.updatedAt < end, what.constData());
            if (t.firstReplyAt && t.solvedAt)
                QVERIFY2(*t.solvedAt >= *t.firstReplyAt, what.constData());
            if (t.firstSolvedAt && t.solvedAt)
                QVERIFY2(*t.firstSolvedAt <= *t.solvedAt, what.constData());
            if (t.closedAt)
                QVERIFY2(t.solvedAt && *t.closedAt >= *t.solvedAt, what.constData());
            if (t.initiallyAssignedAt)
                QVERIFY2(*t.assignedAt >= *t.initiallyAssignedAt, what.constData());
            const bool done = t.status == DemoStatus::Solved || t.status == DemoStatus::Closed;
            QCOMPARE(bool(t.solvedAt), done);
            QVERIFY2(t.agentReplies >= 0 && t.agentReplies <= 6, what.constData());
            QVERIFY2(t.reopens >= 0 && t.reopens <= 2, what.constData());
            QVERIFY2(bool(t.firstReplyAt) == (t.agentReplies > 0), what.constData());
            QVERIFY2((t.agent < 0) == (t.status == DemoStatus::New), what.constData());
            if (t.agent >= 0)
                QVERIFY2(demoAgents()[std::size_t(t.agent)].team == t.team, "agents answer for their own team");
            const bool rated = t.satisfaction == DemoSatisfaction::Good || t.satisfaction == DemoSatisfaction::Bad;
            if (t.satisfaction != DemoSatisfaction::Unoffered)
                QVERIFY2(done && t.firstReplyAt, "only answered, solved tickets get a survey");
            QVERIFY2(rated == (t.satisfactionScore >= 1 && t.satisfactionScore <= 5), what.constData());
            if (rated)
                QVERIFY2((t.satisfaction == DemoSatisfaction::Good) == (t.satisfactionScore >= 4), what.constData());
            QVERIFY2(t.tags.rfind(std::string(t.topic), 0) == 0, "the topic is the first tag");
            QVERIFY(!t.subject.empty() && !t.requesterName.empty());
            QVERIFY(t.requesterEmail.find('@') != std::string::npos);
        }
        QCOMPARE(t.id, 20000);
    }

    void firstRepliesDependOnTheChannel()
    {
        DemoGenerator generator(options(20000));
        DemoTicket t;
        std::map<DemoChannel, std::vector<std::int64_t>> waits;
        while (generator.next(t)) {
            if (t.firstReplyAt)
                waits[t.channel].push_back(*t.firstReplyAt - t.createdAt);
        }
        const auto median = [&waits](DemoChannel channel) {
            std::vector<std::int64_t> &v = waits[channel];
            std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(v.size() / 2), v.end());
            return v[v.size() / 2];
        };
        QVERIFY2(median(DemoChannel::Phone) < 60, "a phone call is answered within the minute");
        QVERIFY2(median(DemoChannel::Chat) < 5 * 60, "a chat within minutes");
        const std::int64_t email = median(DemoChannel::Email);
        QVERIFY2(email > 30 * 60 && email < 8 * 3600, "an e-mail within hours");
        QVERIFY(median(DemoChannel::Twitter) < email);
    }

    void volumeFollowsTheWeekAndTheWorkingDay()
    {
        DemoGenerator generator(options(30000));
        DemoTicket t;
        std::array<std::int64_t, 7> byWeekday{};
        std::int64_t weekdayTickets = 0, businessHours = 0, night = 0, firstQuarter = 0, lastQuarter = 0;
        const std::int64_t start = startOf(generator.firstDay());
        const std::int64_t quarter = (startOf(generator.lastDay()) + daySeconds - start) / 6; // three months
        while (generator.next(t)) {
            if (t.incident)
                continue; // incidents fall on Tuesdays to Thursdays and would blur the weekly pattern
            const QDateTime at = QDateTime::fromSecsSinceEpoch(t.createdAt, QTimeZone::utc());
            const int weekday = at.date().dayOfWeek() - 1;
            ++byWeekday[std::size_t(weekday)];
            if (weekday < 5) {
                ++weekdayTickets;
                businessHours += at.time().hour() >= 9 && at.time().hour() < 17;
                night += at.time().hour() < 5;
            }
            firstQuarter += t.createdAt < start + quarter;
            lastQuarter += t.createdAt >= start + 5 * quarter;
        }
        QVERIFY2(std::max_element(byWeekday.begin(), byWeekday.end()) == byWeekday.begin(), "Monday is busiest");
        const double weekdayMean = double(weekdayTickets) / 5.0;
        for (int day : {5, 6}) {
            const double ratio = double(byWeekday[std::size_t(day)]) / weekdayMean;
            QVERIFY2(ratio > 0.2 && ratio < 0.4, qPrintable(QString::number(ratio)));
        }
        QVERIFY2(double(businessHours) / double(weekdayTickets) > 0.5, "a 9-to-5 peak");
        QVERIFY2(double(night) / double(weekdayTickets) < 0.05, "a trickle at night");
        const double growth = double(lastQuarter) / double(firstQuarter);
        QVERIFY2(growth > 1.2 && growth < 1.6, qPrintable(QStringLiteral("growth %1").arg(growth)));
    }

    void incidentsAreSpikesOnOneTopic()
    {
        DemoGenerator generator(options(60000));
        DemoTicket t;
        std::map<std::int64_t, std::int64_t> perDay;
        std::map<std::int64_t, std::map<std::string, std::int64_t>> topicsPerDay;
        std::set<std::int64_t> incidentDays;
        while (generator.next(t)) {
            const std::int64_t day = t.createdAt / daySeconds;
            ++perDay[day];
            ++topicsPerDay[day][std::string(t.topic)];
            if (t.incident && !incidentDays.count(day - 1))
                incidentDays.insert(day);
        }
        QVERIFY2(incidentDays.size() >= 3 && incidentDays.size() <= 4, "three or four incidents");
        for (std::int64_t day : incidentDays) {
            // Against the same weekday in the weeks around it.
            std::vector<std::int64_t> around;
            for (int week : {-3, -2, -1, 1, 2, 3}) {
                if (perDay.count(day + 7 * week))
                    around.push_back(perDay[day + 7 * week]);
            }
            std::sort(around.begin(), around.end());
            const double ratio = double(perDay[day]) / double(around[around.size() / 2]);
            QVERIFY2(ratio >= 2.2 && ratio <= 5.5, qPrintable(QStringLiteral("%1 times the usual volume").arg(ratio)));
            std::int64_t top = 0;
            for (const auto &[topic, count] : topicsPerDay[day])
                top = std::max(top, count);
            QVERIFY2(double(top) / double(perDay[day]) > 0.5, "most of the day's tickets are about the incident");
            QVERIFY2(perDay[day + 1] > around[around.size() / 2], "it lasts into the next day");
        }
    }

    void recentTicketsAreOpenAndOldOnesDone()
    {
        const DemoOptions o = options(30000);
        DemoGenerator generator(o);
        const std::int64_t end = startOf(o.lastDay) + daySeconds;
        DemoTicket t;
        std::int64_t old = 0, oldDone = 0, recent = 0, recentOpen = 0, unanswered = 0;
        std::set<DemoStatus> recentStatuses;
        while (generator.next(t)) {
            const bool done = t.status == DemoStatus::Solved || t.status == DemoStatus::Closed;
            if (end - t.createdAt > 30 * daySeconds) {
                ++old;
                oldDone += done;
            } else if (end - t.createdAt < 3 * daySeconds) {
                ++recent;
                recentOpen += !done;
                recentStatuses.insert(t.status);
            }
            unanswered += done && t.agentReplies == 0;
        }
        QVERIFY2(double(oldDone) / double(old) > 0.99, "a month later nearly everything is dealt with");
        const double openShare = double(recentOpen) / double(recent);
        QVERIFY2(openShare > 0.2 && openShare < 0.8, qPrintable(QString::number(openShare)));
        for (DemoStatus status : {DemoStatus::Open, DemoStatus::Pending, DemoStatus::Solved})
            QVERIFY(recentStatuses.count(status));
        QVERIFY2(unanswered > 0, "some tickets were closed without a reply");
    }

    void agentsTeamsAndTheirCareers()
    {
        QCOMPARE(int(demoTeams().size()), 6);
        QCOMPARE(int(demoAgents().size()), 40);
        int nonAscii = 0;
        for (const DemoAgent &agent : demoAgents()) {
            QVERIFY(agent.team >= 0 && agent.team < 6);
            nonAscii += hasNonAscii(agent.name);
        }
        QVERIFY2(nonAscii >= 10, "many agents have names beyond ASCII");

        const DemoOptions o = options(20000);
        DemoGenerator generator(o);
        const std::int64_t start = startOf(generator.firstDay());
        const std::int64_t length = startOf(o.lastDay) + daySeconds - start;
        std::vector<std::int64_t> early(40), late(40);
        std::set<int> teams;
        DemoTicket t;
        while (generator.next(t)) {
            teams.insert(t.team);
            if (t.agent < 0)
                continue;
            const double fraction = double(t.createdAt - start) / double(length);
            if (fraction < 0.3)
                ++early[std::size_t(t.agent)];
            else if (fraction > 0.8)
                ++late[std::size_t(t.agent)];
        }
        QCOMPARE(int(teams.size()), 6);
        int everywhere = 0, joined = 0, left = 0;
        for (std::size_t i = 0; i < 40; ++i) {
            everywhere += early[i] > 0 && late[i] > 0;
            joined += early[i] == 0 && late[i] > 0;
            left += early[i] > 0 && late[i] == 0;
        }
        QCOMPARE(everywhere, 38);
        QCOMPARE(joined, 1); // a new hire
        QCOMPARE(left, 1);   // and someone who left
    }

    void textIsInternationalAndNeedsQuoting()
    {
        DemoGenerator generator(options(5000));
        DemoTicket t;
        int nonAsciiSubjects = 0, quotedSubjects = 0, commaSubjects = 0, nonAsciiRequesters = 0;
        while (generator.next(t)) {
            nonAsciiSubjects += hasNonAscii(t.subject);
            quotedSubjects += t.subject.find('"') != std::string::npos;
            commaSubjects += t.subject.find(',') != std::string::npos;
            nonAsciiRequesters += hasNonAscii(t.requesterName);
            QVERIFY2(!hasNonAscii(t.requesterEmail), "e-mail addresses stay ASCII");
        }
        QVERIFY(nonAsciiSubjects > 50);
        QVERIFY(quotedSubjects > 50);
        QVERIFY(commaSubjects > 50);
        QVERIFY(nonAsciiRequesters > 500);

        // And the writer quotes them so that they read back unchanged.
        const Table table = writeAndSplit(m_dir, options(5000), DemoFormat::ZendeskLegacy);
        QVERIFY(table.wellFormed);
        DemoGenerator again(options(5000));
        const int subject = table.column("Subject"), requester = table.column("Requester");
        for (const QList<QByteArray> &row : table.rows) {
            QVERIFY(again.next(t));
            QCOMPARE(row[subject], QByteArray::fromStdString(t.subject));
            QCOMPARE(row[requester], QByteArray::fromStdString(t.requesterName));
        }
    }

    void everyFewThousandRowsHaveAMultiLineSubject_data()
    {
        QTest::addColumn<quint64>("seed");
        for (quint64 seed : {1, 2, 3, 7, 42, 1000, 123456789})
            QTest::addRow("seed %llu", static_cast<unsigned long long>(seed)) << seed;
    }

    void everyFewThousandRowsHaveAMultiLineSubject()
    {
        QFETCH(quint64, seed);
        const Table table = writeAndSplit(m_dir, options(2000, seed), DemoFormat::ZendeskLegacy);
        QCOMPARE(table.rows.size(), 2000);
        const int subject = table.column("Subject");
        const auto multiLine = std::count_if(table.rows.begin(), table.rows.end(), [subject](const auto &row) {
            return row[subject].contains('\n');
        });
        QVERIFY2(multiLine >= 1 && multiLine <= 10, qPrintable(QString::number(multiLine)));
    }

    void exportColumnsAgreeWithTheTicket()
    {
        // Spot checks of the conversions: UTC times, whole minutes, business hours, tags.
        const Table zendesk = writeAndSplit(m_dir, options(3000), DemoFormat::ZendeskLegacy);
        const Table freshdesk = writeAndSplit(m_dir, options(3000), DemoFormat::Freshdesk);
        const Table explore = writeAndSplit(m_dir, options(3000), DemoFormat::ZendeskExplore);
        DemoGenerator generator(options(3000));
        DemoTicket t;
        for (qsizetype i = 0; generator.next(t); ++i) {
            const QList<QByteArray> &z = zendesk.rows[i];
            const QList<QByteArray> &f = freshdesk.rows[i];
            const QList<QByteArray> &e = explore.rows[i];
            QCOMPARE(z[zendesk.column("Id")].toLongLong(), t.id);
            QCOMPARE(parseTime(z[zendesk.column("Created at")]), t.createdAt / 60 * 60);
            QCOMPARE(parseTime(f[freshdesk.column("Created time")]), t.createdAt);
            QCOMPARE(parseTime(e[explore.column("Ticket created - Timestamp")]), t.createdAt);
            QCOMPARE(z[zendesk.column("Assignee")], f[freshdesk.column("Agent")]);
            QCOMPARE(z[zendesk.column("Group")], QByteArray::fromStdString(demoTeams()[std::size_t(t.team)]));
            QCOMPARE(f[freshdesk.column("Tags")], QByteArray::fromStdString(t.tags).replace(' ', ','));
            if (t.firstReplyAt) {
                const std::int64_t wait = *t.firstReplyAt - t.createdAt;
                const std::int64_t business = demoBusinessSeconds(t.createdAt, *t.firstReplyAt);
                QCOMPARE(z[zendesk.column("First reply time in minutes")].toLongLong(), (wait + 30) / 60);
                QCOMPARE(z[zendesk.column("First reply time in minutes within business hours")].toLongLong(),
                         (business + 30) / 60);
                QCOMPARE(e[explore.column("First reply time (min)")].toLongLong(), (wait + 30) / 60);
                QCOMPARE(parseTime(f[freshdesk.column("Initial response time")]), *t.firstReplyAt);
                QVERIFY(qAbs(f[freshdesk.column("First response time (in hrs)")].toDouble() - double(business) / 3600.0)
                         <= 0.0051);
            } else {
                QVERIFY(z[zendesk.column("First reply time in minutes")].isEmpty());
                QVERIFY(f[freshdesk.column("Initial response time")].isEmpty());
            }
            if (t.solvedAt) {
                const std::int64_t full = *t.solvedAt - t.createdAt;
                QCOMPARE(z[zendesk.column("Resolution time")].toLongLong(), full / 3600);
                QCOMPARE(z[zendesk.column("Full resolution time in minutes")].toLongLong(), (full + 30) / 60);
                const double hours = e[explore.column("Full resolution time (hrs)")].toDouble();
                QVERIFY(qAbs(hours - double(full) / 3600.0) <= 0.0051);
                QVERIFY(z[zendesk.column("First resolution time in minutes")].toLongLong()
                        <= z[zendesk.column("Full resolution time in minutes")].toLongLong());
                QVERIFY(z[zendesk.column("Full resolution time in minutes within business hours")].toLongLong()
                        <= z[zendesk.column("Full resolution time in minutes")].toLongLong());
            } else {
                QVERIFY(z[zendesk.column("Solved at")].isEmpty());
                QVERIFY(e[explore.column("Ticket solved - Timestamp")].isEmpty());
                QVERIFY(f[freshdesk.column("Resolved time")].isEmpty());
            }
            if (t.handleSeconds > 0) {
                const QList<QByteArray> hms = f[freshdesk.column("Time tracked")].split(':');
                QCOMPARE(hms[0].toLongLong() * 3600 + hms[1].toLongLong() * 60 + hms[2].toLongLong(), t.handleSeconds);
                QCOMPARE(z[zendesk.column("Total time spent (sec) [int]")].toLongLong(), t.handleSeconds);
            }
        }
    }

    void businessHours_data()
    {
        QTest::addColumn<QDateTime>("from");
        QTest::addColumn<QDateTime>("to");
        QTest::addColumn<qint64>("seconds");
        const auto at = [](int d, int h, int m = 0) {
            return QDateTime(QDate(2024, 3, d), QTime(h, m), QTimeZone::utc());
        };
        // 4 March 2024 was a Monday. Hours are Mon-Fri 09:00-17:00 UTC.
        QTest::newRow("inside one working day") << at(4, 10) << at(4, 12, 30) << qint64(2.5 * 3600);
        QTest::newRow("starting before opening") << at(4, 7) << at(4, 10) << qint64(3600);
        QTest::newRow("ending after closing") << at(4, 16) << at(4, 20) << qint64(3600);
        QTest::newRow("overnight counts the two ends") << at(4, 16) << at(5, 10) << qint64(2 * 3600);
        QTest::newRow("Friday evening to Monday morning") << at(8, 16) << at(11, 10) << qint64(2 * 3600);
        QTest::newRow("a whole weekend is nothing") << at(9, 0) << at(11, 0) << qint64(0);
        QTest::newRow("three whole weeks") << at(4, 0) << at(25, 0) << qint64(15 * 8 * 3600);
        QTest::newRow("five weeks and an hour, the fast path")
            << at(4, 12) << QDateTime(QDate(2024, 4, 8), QTime(13, 0), QTimeZone::utc()) << qint64(201 * 3600);
        QTest::newRow("an empty interval is nothing") << at(5, 10) << at(5, 10) << qint64(0);
        QTest::newRow("backwards is nothing") << at(5, 10) << at(4, 10) << qint64(0);
    }

    void businessHours()
    {
        QFETCH(QDateTime, from);
        QFETCH(QDateTime, to);
        QFETCH(qint64, seconds);
        QCOMPARE(demoBusinessSeconds(from.toSecsSinceEpoch(), to.toSecsSinceEpoch()), seconds);
    }

    void businessHoursBeforeTheEpoch()
    {
        // Monday 29 December 1969, 10:00 to 11:00 UTC: negative times must not shift the weekday.
        const std::int64_t monday = -3 * daySeconds;
        QCOMPARE(demoBusinessSeconds(monday + 10 * 3600, monday + 11 * 3600), 3600);
        QCOMPARE(demoBusinessSeconds(monday - 2 * daySeconds, monday), 0); // the weekend before
    }

    void formatNamesRoundTrip()
    {
        for (DemoFormat format : {DemoFormat::ZendeskLegacy, DemoFormat::ZendeskExplore, DemoFormat::Freshdesk})
            QCOMPARE(demoFormatFromName(demoFormatName(format)), format);
        QCOMPARE(demoFormatName(DemoFormat::ZendeskLegacy), QStringLiteral("zendesk"));
        QCOMPARE(demoFormatName(DemoFormat::ZendeskExplore), QStringLiteral("zendesk-explore"));
        QCOMPARE(demoFormatName(DemoFormat::Freshdesk), QStringLiteral("freshdesk"));
        QVERIFY(!demoFormatFromName(QStringLiteral("helpscout")));
    }

    void lastDayDefaultsToTheEndOfLastMonth_data()
    {
        QTest::addColumn<QDate>("today");
        QTest::addColumn<QDate>("lastDay");
        QTest::newRow("mid-month") << QDate(2025, 3, 15) << QDate(2025, 2, 28);
        QTest::newRow("on the first, the month before") << QDate(2024, 3, 1) << QDate(2024, 2, 29);
        QTest::newRow("in January, December") << QDate(2026, 1, 20) << QDate(2025, 12, 31);
    }

    void lastDayDefaultsToTheEndOfLastMonth()
    {
        QFETCH(QDate, today);
        QFETCH(QDate, lastDay);
        QCOMPARE(demoDefaultLastDay(today), lastDay);
    }

    void unsetLastDayMeansLastMonth()
    {
        DemoOptions o = options(100);
        o.lastDay = QDate();
        DemoGenerator generator(o);
        QCOMPARE(generator.lastDay(), demoDefaultLastDay());
        QCOMPARE(generator.firstDay(), demoDefaultLastDay().addDays(1).addMonths(-18));
    }

    void progressEndsAtTheTotal()
    {
        const QString path = m_dir.filePath(QStringLiteral("progress.csv"));
        std::vector<std::pair<std::int64_t, std::int64_t>> calls;
        const DemoWriteResult result = writeDemoExport(options(20000), DemoFormat::ZendeskExplore, path,
                                                       [&calls](std::int64_t done, std::int64_t total) {
                                                           calls.emplace_back(done, total);
                                                           return true;
                                                       });
        QVERIFY(result.ok);
        QVERIFY(calls.size() >= 3);
        QVERIFY(std::is_sorted(calls.begin(), calls.end()));
        QCOMPARE(calls.back().first, 20000);
        QCOMPARE(calls.back().second, 20000);
    }

    void cancellingStopsEarlyAndRemovesTheFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("cancelled.csv"));
        int calls = 0;
        const DemoWriteResult result = writeDemoExport(options(50000), DemoFormat::ZendeskLegacy, path,
                                                       [&calls](std::int64_t, std::int64_t) { return ++calls < 2; });
        QVERIFY(!result.ok);
        QVERIFY(result.cancelled);
        QVERIFY(!result.error.isEmpty());
        QCOMPARE(calls, 2);
        QVERIFY2(result.rows > 0 && result.rows < 50000, "stopped early");
        QVERIFY(!QFileInfo::exists(path));
    }

    void anUnwritablePathIsAnError()
    {
        const QString path = m_dir.filePath(QStringLiteral("no/such/folder/export.csv"));
        const DemoWriteResult result = writeDemoExport(options(10), DemoFormat::Freshdesk, path);
        QVERIFY(!result.ok);
        QVERIFY(!result.cancelled);
        QVERIFY(result.error.contains(path));
    }

    void invalidOptionsAreAnError()
    {
        DemoOptions o = options(10);
        o.months = 0;
        QVERIFY(!writeDemoExport(o, DemoFormat::Freshdesk, m_dir.filePath(QStringLiteral("invalid.csv"))).ok);
        o = options(-1);
        QVERIFY(!writeDemoExport(o, DemoFormat::Freshdesk, m_dir.filePath(QStringLiteral("invalid.csv"))).ok);
    }
};

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "tst_demogenerator.moc"
