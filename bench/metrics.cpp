// The whole dashboard query over an in-memory snapshot, as the window will run it after a
// filter change: a month's metrics, the previous month, a 12-month trend, and breakdowns by agent
// and by channel. Prints the snapshot's load time and the p50/p95 over 100 random filters.
//   bench_metrics DB.sqlite [LAST-DAY [KIND]]   LAST-DAY: the month that ends on it (default: the data's last month);
//                                               KIND 0-5: run only that kind of filter (for profiling)

#include "metrics/metricsquery.h"
#include "store/database.h"
#include "store/snapshotstore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <array>
#include <random>

// The process's peak resident memory, from /proc.
long peakMegabytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong() / 1024;
    }
    return -1;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    if (argc < 2) {
        out << "usage: bench_metrics DB.sqlite [YYYY-MM-DD]\n";
        return 2;
    }
    QString error;
    std::optional<sl::Database> db = sl::Database::open(QString::fromLocal8Bit(argv[1]), &error,
                                                        sl::sqlite::Connection::Mode::ReadOnly);
    if (!db) {
        out << error << '\n';
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    {
        db->connection().exec("PRAGMA cache_size=-2048"); // as loadTicketSnapshot() builds
        const std::optional<sl::TicketSnapshot> built = sl::buildTicketSnapshot(*db, &error);
        if (!built) {
            out << error << '\n';
            return 1;
        }
        out << "snapshot: " << built->size() << " tickets built from the tickets table in " << timer.elapsed()
            << " ms (peak so far " << peakMegabytes() << " MB)\n";
    }
    timer.restart();
    const std::optional<sl::TicketSnapshot> snapshot = sl::loadTicketSnapshot(*db, &error);
    if (!snapshot) {
        out << error << '\n';
        return 1;
    }
    out << "snapshot: loaded (from the cache when the database has a current one) in " << timer.elapsed() << " ms\n";

    QDate last = argc > 2 ? QDate::fromString(QString::fromLatin1(argv[2]), Qt::ISODate) : QDate();
    if (!last.isValid()) {
        const std::int64_t newest = snapshot->createdAt.back();
        const QDate day = QDateTime::fromSecsSinceEpoch(newest, QTimeZone::utc()).date();
        last = QDate(day.year(), day.month(), 1).addDays(-1);
    }
    const QDate first(last.year(), last.month(), 1);

    // Random filters the way a manager clicks: none, a channel, a team, an agent, two channels
    // and a priority, a tag.
    std::mt19937 random(42);
    const auto pick = [&](const QStringList &names) { return names.at(int(random() % std::uint32_t(names.size()))); };
    timer.restart();
    sl::MetricsEngine engine(*snapshot);
    out << "engine: order-statistics indexes built in " << timer.elapsed() << " ms\n";
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (statm.open(QIODevice::ReadOnly))
        out << "resident now (snapshot loaded + engine indexes): "
            << statm.readAll().split(' ').value(1).toLong() * 4096 / (1024 * 1024) << " MB\n";
    std::vector<double> millis;
    std::array<std::vector<double>, 6> byKind;
    std::array<std::array<double, 5>, 6> parts; // fastest time of each step, per kind of filter
    for (auto &kind : parts)
        kind.fill(1e9);
    const int onlyKind = argc > 3 ? std::atoi(argv[3]) : -1; // profiling one kind of filter
    for (int run = 0; run < 100; ++run) {
        sl::MetricsFilter filter;
        if (onlyKind >= 0 && run % 6 != onlyKind)
            continue;
        switch (run % 6) {
        case 1: filter.channels = {pick(snapshot->channelNames)}; break;
        case 2: filter.teams = {pick(snapshot->teamNames)}; break;
        case 3: filter.agents = {pick(snapshot->agentNames)}; break;
        case 4: filter.channels = {pick(snapshot->channelNames), pick(snapshot->channelNames)};
                filter.priorities = {pick(snapshot->priorityNames)}; break;
        case 5: filter.tags = {pick(snapshot->tagNames)}; break;
        default: break;
        }
        timer.restart();
        sl::MetricsRequest month;
        month.from = first;
        month.to = last;
        month.zone = QTimeZone::utc();
        month.filter = filter;
        month.compare = true;
        QElapsedTimer part;
        part.start();
        const auto lap = [&](std::size_t step) {
            parts[std::size_t(run % 6)][step] = std::min(parts[std::size_t(run % 6)][step], double(part.nsecsElapsed()) / 1e6);
            part.restart();
        };
        sl::MetricsResult overview = engine.run(month);
        lap(0);
        sl::MetricsRequest trend = month;
        trend.compare = false;
        trend.from = first.addMonths(-11);
        trend.grouping = sl::Grouping::Month;
        sl::MetricsResult months = engine.run(trend);
        lap(1);
        sl::MetricsRequest byAgent = month;
        byAgent.compare = false;
        byAgent.grouping = sl::Grouping::Agent;
        sl::MetricsResult agents = engine.run(byAgent);
        lap(2);
        byAgent.grouping = sl::Grouping::Channel;
        sl::MetricsResult channels = engine.run(byAgent);
        lap(3);
        const sl::VolumeHeatmap heatmap = engine.createdHeatmap(month);
        lap(4);
        millis.push_back(double(timer.nsecsElapsed()) / 1e6);
        byKind[run % 6].push_back(millis.back());
        // (A filter may match nothing in the month: then the breakdowns are empty.)
        if (overview.metrics.empty() || months.groups.size() != 12 || (run % 6 == 0 && agents.groups.empty())
            || heatmap[0][0] < 0) {
            out << "unexpected result: " << overview.metrics.size() << " metrics, " << months.groups.size()
                << " months, " << agents.groups.size() << " agents, " << channels.groups.size() << " channels\n";
            return 1;
        }
    }
    if (onlyKind >= 0)
        return 0;
    std::sort(millis.begin(), millis.end());
    out << "dashboard query (month " << first.toString(Qt::ISODate) << ", previous, 12-month trend, by agent, by "
        << "channel, heat-map) over 100 random filters: p50 " << millis[49] << " ms, p95 " << millis[94] << " ms, max "
        << millis.back() << " ms\n";
    // The fastest run of each kind of filter: what the code costs when the machine is quiet.
    const char *kinds[] = {"none", "a channel", "a team", "an agent", "channels and a priority", "a tag"};
    out << "fastest by filter:";
    for (std::size_t k = 0; k < byKind.size(); ++k)
        out << ' ' << kinds[k] << ' ' << *std::min_element(byKind[k].begin(), byKind[k].end()) << " ms;";
    out << '\n';
    out << "fastest steps with no filter: month and previous " << parts[0][0] << " ms, 12-month trend " << parts[0][1]
        << " ms, by agent " << parts[0][2] << " ms, by channel " << parts[0][3] << " ms, heat-map " << parts[0][4]
        << " ms\n";
    return 0;
}
