// The query engine's shortcuts (contiguous created ranges, the solved-time index, the backlog's
// two short scans and its running count across buckets, cached filter selections) against a
// brute-force reference that looks at every ticket for every number, on random help desks.
// Both feed the same metric definitions, so any difference is the engine's.
// Also: the snapshot cache round trip, top tags, and the ranking by Wilson lower bound.

#include "metrics/metricsquery.h"

#include <QScopeGuard>
#include <QTest>

#include <random>

using namespace sl;

namespace {

constexpr std::int64_t day = 86400;
constexpr std::int64_t T0 = 1735689600; // 2025-01-01 00:00 UTC

struct RandomDesk
{
    std::vector<TicketFacts> rows;
    std::vector<std::uint32_t> tagOffsets{0};
    std::vector<std::int32_t> tagIds;
    QStringList agents{QStringLiteral("Ana"), QStringLiteral("Bo"), QStringLiteral("Chloé"), QStringLiteral("Dev")};
    QStringList teams{QStringLiteral("Tier 1"), QStringLiteral("Tier 2")};
    QStringList channels{QStringLiteral("Email"), QStringLiteral("Chat"), QStringLiteral("Phone")};
    QStringList priorities{QStringLiteral("low"), QStringLiteral("normal"), QStringLiteral("urgent")};
    QStringList tags{QStringLiteral("billing"), QStringLiteral("bug"), QStringLiteral("vip")};

    explicit RandomDesk(unsigned seed, int count)
    {
        std::mt19937_64 random(seed);
        const auto uniform = [&](std::int64_t lo, std::int64_t hi) {
            return lo + std::int64_t(random() % std::uint64_t(hi - lo + 1));
        };
        for (int n = 0; n < count; ++n) {
            TicketFacts t;
            // Some tickets have no creation time; some are "solved" before they were created;
            // some stay open for months, most close within days.
            if (uniform(0, 40) != 0)
                t.createdAt = T0 + uniform(0, 200 * day);
            const std::int64_t kind = uniform(0, 20);
            if (kind == 0) {
                // never solved
            } else if (kind == 1 && t.createdAt != TicketFacts::noTime) {
                t.solvedAt = t.createdAt - uniform(1, 3 * day);
            } else if (kind == 2) {
                t.solvedAt = (t.createdAt != TicketFacts::noTime ? t.createdAt : T0) + uniform(30 * day, 120 * day);
            } else {
                t.solvedAt = (t.createdAt != TicketFacts::noTime ? t.createdAt : T0) + uniform(60, 6 * day);
            }
            if (uniform(0, 5) != 0 && t.createdAt != TicketFacts::noTime)
                t.firstReplyAt = t.createdAt + uniform(10, 2 * day);
            if (uniform(0, 3) == 0)
                t.firstReplyBhMin = double(uniform(0, 600));
            if (uniform(0, 3) == 0)
                t.resolutionBhMin = double(uniform(0, 6000));
            if (uniform(0, 2) == 0)
                t.handleTimeS = double(uniform(30, 3600));
            t.reopens = std::int16_t(uniform(-1, 2));
            t.agentReplies = std::int16_t(uniform(-1, 4));
            t.csatGood = std::int8_t(uniform(-1, 1));
            if (t.csatGood >= 0 && uniform(0, 1))
                t.csatScore = t.csatGood ? double(uniform(4, 5)) : double(uniform(1, 3));
            t.csatOffered = std::int8_t(uniform(-1, 1));
            t.customer = std::int32_t(uniform(-1, 60));
            t.agent = std::int16_t(uniform(-1, 3));
            t.team = std::int16_t(uniform(-1, 1));
            t.channel = std::int16_t(uniform(-1, 2));
            t.channelClass = t.channel == 1 ? ChannelClass::Chat : t.channel == 2 ? ChannelClass::Phone : ChannelClass::Other;
            t.priority = std::int16_t(uniform(-1, 2));
            for (std::int32_t tag = 0; tag < 3; ++tag) {
                if (uniform(0, 2) == 0)
                    tagIds.push_back(tag);
            }
            tagOffsets.push_back(std::uint32_t(tagIds.size()));
            rows.push_back(t);
        }
    }

    TicketSnapshot snapshot() const
    {
        return TicketSnapshot::fromFacts(rows, tagOffsets, tagIds, agents, teams, channels, priorities, tags);
    }
};

// The reference: every ticket, every time.
struct Reference
{
    const TicketSnapshot &s;
    MetricsFilter filter;

    static bool allowed(const QStringList &names, const QStringList &wanted, int index)
    {
        if (wanted.isEmpty())
            return true;
        if (index < 0)
            return false;
        for (const QString &w : wanted) {
            if (names[index].compare(w, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
    bool passes(std::size_t i) const
    {
        if (!allowed(s.channelNames, filter.channels, s.channel[i]) || !allowed(s.agentNames, filter.agents, s.agent[i])
            || !allowed(s.teamNames, filter.teams, s.team[i]) || !allowed(s.priorityNames, filter.priorities, s.priority[i]))
            return false;
        if (filter.tags.isEmpty())
            return true;
        for (std::uint32_t k = s.tagOffsets[i]; k < s.tagOffsets[i + 1]; ++k) {
            if (allowed(s.tagNames, filter.tags, s.tagIds[k]))
                return true;
        }
        return false;
    }
    // Metrics of [start, end) over the tickets `member` accepts.
    template<typename Member>
    std::vector<MetricValue> metrics(std::int64_t start, std::int64_t end, Member member, bool withBacklog = true) const
    {
        std::vector<TicketFacts> created, solved;
        std::int64_t backlog = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (!passes(i) || !member(i))
                continue;
            const TicketFacts t = s.facts(i);
            if (t.createdAt != TicketFacts::noTime && t.createdAt >= start && t.createdAt < end)
                created.push_back(t);
            if (t.createdAt != TicketFacts::noTime && t.createdAt < end
                && (t.solvedAt == TicketFacts::noTime || std::max(t.solvedAt, t.createdAt) >= end))
                ++backlog;
        }
        // The solved cohort's facts are kept by solved position.
        for (std::size_t k = 0; k < s.solved.size(); ++k) {
            const auto i = std::size_t(s.solved.ticket[k]);
            if (!passes(i) || !member(i))
                continue;
            const TicketFacts t = s.solvedFacts(k);
            if (t.solvedAt != s.solvedAt[i])
                qFatal("the solved columns disagree with the created ones");
            if (t.solvedAt >= start && t.solvedAt < end)
                solved.push_back(t);
        }
        TicketCohorts cohorts;
        for (const TicketFacts &t : created)
            cohorts.created.push_back(&t);
        for (const TicketFacts &t : solved)
            cohorts.solved.push_back(&t);
        cohorts.backlogAtEnd = backlog;
        cohorts.periodEnd = end;
        TicketTally tally = tallyOf(cohorts);
        if (!withBacklog)
            tally.backlogAtEnd.reset();
        return computeTicketMetrics(tally, s.fields);
    }
};

bool same(const std::optional<double> &a, const std::optional<double> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    return !a || std::abs(*a - *b) <= 1e-9 * std::max(1.0, std::abs(*a));
}

void compareMetrics(const std::vector<MetricValue> &actual, const std::vector<MetricValue> &expected, const QString &where)
{
    QCOMPARE(actual.size(), expected.size());
    for (std::size_t m = 0; m < actual.size(); ++m) {
        const MetricDefinition &d = ticketMetricDefinitions()[m];
        const auto text = [](const std::optional<double> &v) { return v ? QString::number(*v, 'g', 12) : QStringLiteral("null"); };
        QVERIFY2(same(actual[m].value, expected[m].value) && same(actual[m].lo, expected[m].lo),
                 qPrintable(QStringLiteral("%1, %2: %3, expected %4")
                                .arg(where, QLatin1String(d.id.data(), qsizetype(d.id.size())), text(actual[m].value),
                                     text(expected[m].value))));
    }
}

std::int64_t startOf(const QDate &date, const QTimeZone &zone)
{
    return QDateTime(date, QTime(0, 0), zone).toSecsSinceEpoch();
}

} // namespace

Q_DECLARE_METATYPE(sl::MetricsFilter)
Q_DECLARE_METATYPE(sl::Grouping)

class TestMetricsEngine : public QObject
{
    Q_OBJECT

private slots:
    void matchesBruteForce_data()
    {
        QTest::addColumn<MetricsFilter>("filter");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("split"); // passes split across threads (as on a million tickets)
        MetricsFilter none;
        MetricsFilter chat;
        chat.channels = {QStringLiteral("chat")};
        MetricsFilter agentAndPriority;
        agentAndPriority.agents = {QStringLiteral("CHLOÉ"), QStringLiteral("bo")};
        agentAndPriority.priorities = {QStringLiteral("urgent")};
        MetricsFilter tag;
        tag.tags = {QStringLiteral("vip")};
        tag.teams = {QStringLiteral("tier 2")};
        for (const auto &[name, filter] : std::initializer_list<std::pair<const char *, MetricsFilter>>{
                 {"no filter", none}, {"a channel", chat}, {"agents and a priority", agentAndPriority}, {"a tag and a team", tag}}) {
            for (const bool split : {false, true}) {
                const QString how = split ? QStringLiteral(", split") : QString();
                QTest::newRow(qPrintable(QStringLiteral("%1, March, UTC%2").arg(QLatin1String(name), how)))
                    << filter << QStringLiteral("UTC") << QStringLiteral("2025-03-01") << QStringLiteral("2025-03-31") << split;
                // Berlin: the DST change of 30 March falls inside.
                QTest::newRow(qPrintable(QStringLiteral("%1, Feb-Apr, Berlin%2").arg(QLatin1String(name), how)))
                    << filter << QStringLiteral("Europe/Berlin") << QStringLiteral("2025-02-10")
                    << QStringLiteral("2025-04-20") << split;
                QTest::newRow(qPrintable(QStringLiteral("%1, all data, New York%2").arg(QLatin1String(name), how)))
                    << filter << QStringLiteral("America/New_York") << QString() << QString() << split;
            }
        }
    }

    void matchesBruteForce()
    {
        QFETCH(MetricsFilter, filter);
        QFETCH(QString, zone);
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, split);
        setMinimumTicketsPerThread(split ? 50 : 40000);
        const auto restore = qScopeGuard([] { setMinimumTicketsPerThread(40000); });
        const RandomDesk desk(7, 3000);
        const TicketSnapshot s = desk.snapshot();
        Reference reference{s, filter};
        MetricsEngine engine(s);
        MetricsRequest request;
        request.zone = QTimeZone(zone.toUtf8());
        QVERIFY(request.zone.isValid());
        if (!from.isEmpty()) {
            request.from = QDate::fromString(from, Qt::ISODate);
            request.to = QDate::fromString(to, Qt::ISODate);
        }
        request.filter = filter;
        request.compare = !from.isEmpty();
        const std::int64_t start = request.from ? startOf(*request.from, request.zone) : std::numeric_limits<std::int64_t>::min() + 1;
        const std::int64_t end = request.to ? startOf(request.to->addDays(1), request.zone) : std::numeric_limits<std::int64_t>::max();
        const auto everyone = [](std::size_t) { return true; };

        const MetricsResult whole = engine.run(request);
        compareMetrics(whole.metrics, reference.metrics(start, end, everyone), QStringLiteral("period"));
        if (request.compare) {
            QVERIFY(whole.previous);
            const qint64 days = request.from->daysTo(*request.to) + 1;
            compareMetrics(*whole.previous,
                           reference.metrics(startOf(request.from->addDays(-days), request.zone), start, everyone),
                           QStringLiteral("previous"));
        }

        // Day, week and month buckets: every bucket of the period, each checked on its own.
        for (const Grouping grouping : {Grouping::Day, Grouping::Week, Grouping::Month}) {
            request.grouping = grouping;
            const MetricsResult grouped = engine.run(request);
            QVERIFY(!grouped.groups.empty());
            // The period's own figures, here merged from the buckets', are the same.
            compareMetrics(grouped.metrics, reference.metrics(start, end, everyone), QStringLiteral("grouped period"));
            for (const MetricsGroup &group : grouped.groups) {
                QDate first;
                if (grouping == Grouping::Day)
                    first = QDate::fromString(group.key, Qt::ISODate);
                else if (grouping == Grouping::Month)
                    first = QDate::fromString(group.key + QStringLiteral("-01"), Qt::ISODate);
                else {
                    const int year = group.key.left(4).toInt();
                    const int week = group.key.mid(6).toInt();
                    const QDate jan4(year, 1, 4); // always in ISO week 1
                    first = jan4.addDays(1 - jan4.dayOfWeek() + 7 * (week - 1));
                }
                const QDate next = grouping == Grouping::Day ? first.addDays(1)
                                   : grouping == Grouping::Week ? first.addDays(7)
                                                                : first.addMonths(1);
                std::int64_t bucketStart = std::max(startOf(first, request.zone), start);
                std::int64_t bucketEnd = std::min(startOf(next, request.zone), end);
                if (!request.from && &group == &grouped.groups.front())
                    bucketStart = start;
                if (!request.to && &group == &grouped.groups.back())
                    bucketEnd = end;
                compareMetrics(group.metrics, reference.metrics(bucketStart, bucketEnd, everyone), group.key);
            }
        }

        // Attribute groups: the tickets with that value (tags: each of a ticket's tags).
        const std::vector<std::pair<Grouping, const std::vector<std::int16_t> *>> attributes = {
            {Grouping::Agent, &s.agent}, {Grouping::Team, &s.team}, {Grouping::Channel, &s.channel},
            {Grouping::Priority, &s.priority}, {Grouping::Tag, nullptr}};
        for (const auto &[grouping, column] : attributes) {
            request.grouping = grouping;
            const QStringList &names = grouping == Grouping::Agent    ? s.agentNames
                                       : grouping == Grouping::Team    ? s.teamNames
                                       : grouping == Grouping::Channel ? s.channelNames
                                       : grouping == Grouping::Priority ? s.priorityNames
                                                                        : s.tagNames;
            const MetricsResult grouped = engine.run(request);
            double previousCreated = 1e18;
            for (const MetricsGroup &group : grouped.groups) {
                const int index = group.key == QLatin1String("(none)") ? -1 : int(names.indexOf(group.key));
                const auto member = [&, column = column](std::size_t i) {
                    if (column)
                        return (*column)[i] == index;
                    if (index < 0)
                        return s.tagOffsets[i] == s.tagOffsets[i + 1];
                    for (std::uint32_t k = s.tagOffsets[i]; k < s.tagOffsets[i + 1]; ++k) {
                        if (s.tagIds[k] == index)
                            return true;
                    }
                    return false;
                };
                compareMetrics(group.metrics, reference.metrics(start, end, member), group.key);
                const double created = group.metrics[0].value.value_or(0);
                QVERIFY2(created <= previousCreated, "groups by tickets created, most first");
                previousCreated = created;
            }
        }

        // Hours of the day: each ticket's local hour; no backlog (a recurring bucket has no end).
        request.grouping = Grouping::Hour;
        const MetricsResult hours = engine.run(request);
        for (const MetricsGroup &group : hours.groups) {
            const int hour = group.key.toInt();
            const auto localHour = [&](std::int64_t utc) {
                return QDateTime::fromSecsSinceEpoch(utc, request.zone).time().hour();
            };
            // A ticket belongs to the hour its created (created cohort) or solved (solved cohort)
            // time falls in, so the reference runs the two cohorts separately and joins them.
            std::vector<TicketFacts> created, solved;
            for (std::size_t i = 0; i < s.size(); ++i) {
                const TicketFacts t = s.facts(i);
                if (reference.passes(i) && t.createdAt != TicketFacts::noTime && t.createdAt >= start && t.createdAt < end
                    && localHour(t.createdAt) == hour)
                    created.push_back(t);
            }
            for (std::size_t k = 0; k < s.solved.size(); ++k) {
                const TicketFacts t = s.solvedFacts(k);
                if (reference.passes(std::size_t(s.solved.ticket[k])) && t.solvedAt >= start && t.solvedAt < end
                    && localHour(t.solvedAt) == hour)
                    solved.push_back(t);
            }
            TicketCohorts cohorts;
            for (const TicketFacts &t : created)
                cohorts.created.push_back(&t);
            for (const TicketFacts &t : solved)
                cohorts.solved.push_back(&t);
            cohorts.periodEnd = end;
            TicketTally tally = tallyOf(cohorts);
            tally.backlogAtEnd.reset();
            compareMetrics(group.metrics, computeTicketMetrics(tally, s.fields), QStringLiteral("hour ") + group.key);
        }
    }

    void snapshotCacheRoundTrip()
    {
        const RandomDesk desk(11, 500);
        const TicketSnapshot s = desk.snapshot();
        const QByteArray bytes = s.serialize();
        const std::optional<TicketSnapshot> back = TicketSnapshot::deserialize(bytes);
        QVERIFY(back);
        QCOMPARE(back->serialize(), bytes);
        QCOMPARE(back->tagNames, s.tagNames);
        QCOMPARE(back->longOpen, s.longOpen);
        MetricsRequest request;
        request.zone = QTimeZone::utc();
        request.grouping = Grouping::Agent;
        compareMetrics(runMetrics(*back, request).metrics, runMetrics(s, request).metrics, QStringLiteral("cached"));
        // A damaged or foreign blob is refused (the snapshot is rebuilt), never misread.
        QVERIFY(!TicketSnapshot::deserialize(bytes.left(bytes.size() / 2)));
        QVERIFY(!TicketSnapshot::deserialize(QByteArray("not a snapshot")));
        QByteArray shifted = bytes;
        shifted[12] = char(shifted[12] ^ 0x40); // inside the ticket count
        QVERIFY(!TicketSnapshot::deserialize(shifted));
    }

    void topTagsWithTrend()
    {
        // Hand-made: billing on 3 tickets in the week of 6 January and 1 the week before
        // (the previous period), bug on 1.
        std::vector<TicketFacts> rows(6);
        const std::int64_t jan6 = 1736121600; // Monday 2025-01-06 00:00 UTC
        const std::int64_t times[] = {jan6 + 3600, jan6 + 2 * day, jan6 + 8 * day, jan6 + 9 * day, jan6 - 3 * day, jan6 + 4 * day};
        std::vector<std::uint32_t> offsets{0};
        std::vector<std::int32_t> ids;
        const std::vector<std::vector<std::int32_t>> tagsOf = {{0}, {0, 1}, {0}, {}, {0}, {2}};
        for (std::size_t i = 0; i < rows.size(); ++i) {
            rows[i].createdAt = times[i];
            ids.insert(ids.end(), tagsOf[i].begin(), tagsOf[i].end());
            offsets.push_back(std::uint32_t(ids.size()));
        }
        const TicketSnapshot s = TicketSnapshot::fromFacts(rows, offsets, ids, {}, {}, {}, {},
                                                           {QStringLiteral("billing"), QStringLiteral("bug"), QStringLiteral("vip")});
        MetricsEngine engine(s);
        MetricsRequest request;
        request.zone = QTimeZone::utc();
        request.from = QDate(2025, 1, 6);
        request.to = QDate(2025, 1, 19); // two weeks; the previous period is 23 Dec - 5 Jan
        const std::vector<TagVolume> top = engine.topTags(request, 2, Grouping::Week);
        QCOMPARE(top.size(), std::size_t(2));
        QCOMPARE(top[0].tag, QStringLiteral("billing"));
        QCOMPARE(top[0].created, 3);   // 6 Jan, 8 Jan, 14 Jan
        QCOMPARE(*top[0].previous, 1); // 3 Jan
        QCOMPARE(*top[0].changePct(), 200.0);
        QCOMPARE(top[0].trend, (std::vector<std::int64_t>{2, 1}));
        // bug and vip have 1 each: ties by name, and the limit keeps 2.
        QCOMPARE(top[1].tag, QStringLiteral("bug"));
        QCOMPARE(top[1].trend, (std::vector<std::int64_t>{1, 0}));
        QVERIFY(!top[1].changePct()); // from 0: no percentage
    }

    void rankingByLowerBound()
    {
        // 2 of 2 satisfied (100 %, lower bound 34.2) ranks below 480 of 500 (96 %, 93.9); a group
        // without ratings goes last.
        const std::size_t csat = std::size_t(findMetric("csat_pct") - ticketMetricDefinitions().data());
        const auto group = [&](const char *key, long long good, long long rated) {
            MetricsGroup g{QString::fromLatin1(key), std::vector<MetricValue>(ticketMetricDefinitions().size())};
            g.metrics[csat] = proportionValue(good, rated);
            return g;
        };
        const std::vector<MetricsGroup> groups = {group("two of two", 2, 2), group("nobody rated", 0, 0),
                                                  group("480 of 500", 480, 500), group("40 of 50", 40, 50)};
        QCOMPARE(rankByLowerBound(groups, csat), (std::vector<std::size_t>{2, 3, 0, 1}));
    }
};

QTEST_GUILESS_MAIN(TestMetricsEngine)
#include "tst_metricsengine.moc"
