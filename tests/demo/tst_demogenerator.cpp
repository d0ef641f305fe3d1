// The demo generator: deterministic, well-formed, and shaped like a real help desk's month.

#include "csv/csvreader.h"
#include "demo/demogenerator.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QSet>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTest>

#include <map>

using namespace sl;

namespace {

DemoOptions options(std::int64_t tickets, std::uint64_t seed = 42)
{
    DemoOptions o;
    o.tickets = tickets;
    o.seed = seed;
    o.lastDay = QDate(2025, 6, 30);
    return o;
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

} // namespace

class TestDemoGenerator : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void sameSeedSameBytes_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("Zendesk") << int(DemoFormat::ZendeskLegacy);
        QTest::newRow("Zendesk Explore") << int(DemoFormat::ZendeskExplore);
        QTest::newRow("Freshdesk") << int(DemoFormat::Freshdesk);
    }

    void sameSeedSameBytes()
    {
        QFETCH(int, format);
        const QString a = m_dir.filePath(QStringLiteral("a.csv"));
        const QString b = m_dir.filePath(QStringLiteral("b.csv"));
        const QString c = m_dir.filePath(QStringLiteral("c.csv"));
        QVERIFY(writeDemoExport(options(3000), DemoFormat(format), a).ok);
        QVERIFY(writeDemoExport(options(3000), DemoFormat(format), b).ok);
        QVERIFY(writeDemoExport(options(3000, 43), DemoFormat(format), c).ok);
        QCOMPARE(fileHash(a), fileHash(b));
        QVERIFY(fileHash(a) != fileHash(c));
    }

    void everyRowHasTheHeadersFieldCount_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("columns");
        QTest::addColumn<QString>("firstColumn");
        QTest::newRow("Zendesk") << int(DemoFormat::ZendeskLegacy) << 42 << QStringLiteral("Summation column");
        QTest::newRow("Zendesk Explore") << int(DemoFormat::ZendeskExplore) << 19 << QStringLiteral("Ticket ID");
        QTest::newRow("Freshdesk") << int(DemoFormat::Freshdesk) << 27 << QStringLiteral("Ticket ID");
    }

    void everyRowHasTheHeadersFieldCount()
    {
        QFETCH(int, format);
        QFETCH(int, columns);
        QFETCH(QString, firstColumn);
        const QString path = m_dir.filePath(QStringLiteral("fields.csv"));
        const DemoWriteResult result = writeDemoExport(options(4000), DemoFormat(format), path);
        QVERIFY(result.ok);
        QCOMPARE(result.rows, 4000);
        CsvReader reader(path);
        CsvRecord record;
        QVERIFY(reader.next(record));
        QCOMPARE(int(record.fields.size()), columns);
        QCOMPARE(QString::fromUtf8(record.fields[0].data(), qsizetype(record.fields[0].size())), firstColumn);
        int rows = 0;
        while (reader.next(record)) {
            QCOMPARE(int(record.fields.size()), columns);
            ++rows;
        }
        QVERIFY(!reader.error());
        QCOMPARE(rows, 4000);
    }

    void ticketsLookLikeAHelpDesk()
    {
        const DemoOptions o = options(20000);
        DemoGenerator generator(o);
        QCOMPARE(generator.firstDay(), QDate(2024, 1, 1)); // 18 months ending 30 June 2025
        const std::int64_t start = QDate(1970, 1, 1).daysTo(generator.firstDay()) * 86400;
        const std::int64_t end = (QDate(1970, 1, 1).daysTo(o.lastDay) + 1) * 86400;

        DemoTicket t;
        std::int64_t count = 0, email = 0, solved = 0, rated = 0, reopened = 0, subjectsWithNewline = 0;
        std::int64_t previousCreated = 0, firstHalf = 0, secondHalf = 0, weekdays = 0, weekends = 0;
        std::map<int, std::int64_t> byWeekday;
        QSet<int> agentsSeen, teamsSeen;
        bool nonAsciiAgent = false;
        while (generator.next(t)) {
            ++count;
            QCOMPARE(t.id, count);
            QVERIFY(t.createdAt >= start && t.createdAt < end);
            QVERIFY(t.createdAt >= previousCreated); // creation order
            previousCreated = t.createdAt;
            if (t.firstReplyAt)
                QVERIFY(*t.firstReplyAt >= t.createdAt && *t.firstReplyAt < end);
            if (t.solvedAt) {
                // Solved after the first reply, or closed unanswered (spam, duplicates).
                QVERIFY(t.firstReplyAt ? *t.solvedAt >= *t.firstReplyAt : t.replies == 0);
                QVERIFY(*t.solvedAt >= t.createdAt && *t.solvedAt < end);
                ++solved;
                rated += t.satisfaction == DemoSatisfaction::Good || t.satisfaction == DemoSatisfaction::Bad;
                reopened += t.reopens > 0;
            }
            email += t.channel == "Email";
            subjectsWithNewline += t.subject.find('\n') != std::string::npos;
            agentsSeen.insert(t.agent);
            teamsSeen.insert(t.team);
            nonAsciiAgent = nonAsciiAgent
                            || std::string_view(demoAgents()[std::size_t(t.agent)].name).find_first_of("\xC3\xC4\xC5")
                                   != std::string_view::npos;
            (t.createdAt - start < (end - start) / 2 ? firstHalf : secondHalf) += 1;
            const int weekday = QDate(1970, 1, 1).addDays(t.createdAt / 86400).dayOfWeek();
            (weekday >= 6 ? weekends : weekdays) += 1;
        }
        QCOMPARE(count, 20000);
        const auto share = [count](std::int64_t n) { return double(n) / double(count); };
        QVERIFY2(share(email) > 0.40 && share(email) < 0.50, qPrintable(QString::number(share(email))));
        const double ratedShare = double(rated) / double(solved);
        QVERIFY2(ratedShare > 0.20 && ratedShare < 0.30, qPrintable(QString::number(ratedShare)));
        const double reopenShare = double(reopened) / double(solved);
        QVERIFY2(reopenShare > 0.05 && reopenShare < 0.11, qPrintable(QString::number(reopenShare)));
        QVERIFY2(share(solved) > 0.9, "most tickets older than a few days are solved");
        QVERIFY(subjectsWithNewline >= 1);
        QVERIFY2(secondHalf > firstHalf * 1.1, "volume grows over the period");
        // Weekend days get about a third of a weekday's volume: 2 of 7 days, well under 2/7 of tickets.
        QVERIFY2(share(weekends) < 0.15, qPrintable(QString::number(share(weekends))));
        QVERIFY(agentsSeen.size() >= 38 && agentsSeen.size() <= 40);
        QCOMPARE(teamsSeen.size(), 6);
        QVERIFY(nonAsciiAgent);
        QCOMPARE(int(demoAgents().size()), 40);
    }

    void businessHours_data()
    {
        QTest::addColumn<QDateTime>("from");
        QTest::addColumn<QDateTime>("to");
        QTest::addColumn<qint64>("seconds");
        const auto at = [](int d, int h, int m = 0) { return QDateTime(QDate(2024, 3, d), QTime(h, m), QTimeZone::utc()); };
        // 4 March 2024 was a Monday. Hours are Mon-Fri 09:00-17:00 UTC.
        QTest::newRow("inside one working day") << at(4, 10) << at(4, 12, 30) << qint64(2.5 * 3600);
        QTest::newRow("starting before opening") << at(4, 7) << at(4, 10) << qint64(3600);
        QTest::newRow("overnight counts the two ends") << at(4, 16) << at(5, 10) << qint64(2 * 3600);
        QTest::newRow("Friday evening to Monday morning") << at(8, 16) << at(11, 10) << qint64(2 * 3600);
        QTest::newRow("a whole weekend is nothing") << at(9, 0) << at(11, 0) << qint64(0);
        QTest::newRow("three whole weeks") << at(4, 0) << at(25, 0) << qint64(15 * 8 * 3600);
        QTest::newRow("backwards is nothing") << at(5, 10) << at(4, 10) << qint64(0);
    }

    void businessHours()
    {
        QFETCH(QDateTime, from);
        QFETCH(QDateTime, to);
        QFETCH(qint64, seconds);
        QCOMPARE(demoBusinessSeconds(from.toSecsSinceEpoch(), to.toSecsSinceEpoch()), seconds);
    }

    void cancellingStopsAndRemovesTheFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("cancelled.csv"));
        int calls = 0;
        const DemoWriteResult result = writeDemoExport(options(50000), DemoFormat::ZendeskLegacy, path,
                                                       [&calls](std::int64_t, std::int64_t) { return ++calls < 2; });
        QVERIFY(!result.ok);
        QCOMPARE(calls, 2);
        QVERIFY(!QFileInfo::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestDemoGenerator)
#include "tst_demogenerator.moc"
