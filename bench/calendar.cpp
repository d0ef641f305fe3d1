// Business-hours durations as a snapshot build asks for them: two spans per ticket (first reply,
// resolution), spans of up to five days over two years, on a calendar with a lunch break, a
// Saturday shift, an overnight Sunday shift and two holidays.
//
// Prints ns per call for the compiled clock (what loadTicketSnapshot uses) and, as the baseline
// of the same run, for the same spans computed from the calendar on demand (a clock compiled
// over nothing); the ratio is what the compiled intervals buy on this machine. Five runs each,
// the median shown, with the CPU, core count and load average, since the machine is noisy.
//   bench_calendar [CALLS]   (default 2,000,000)

#include "domain/businesscalendar.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace {

QString cpuModel()
{
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (cpuinfo.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : cpuinfo.readAll().split('\n')) {
            if (line.startsWith("model name"))
                return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
        }
    }
    return QStringLiteral("unknown CPU");
}

QString loadAverage()
{
    QFile load(QStringLiteral("/proc/loadavg"));
    if (!load.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromUtf8(load.readAll().split(' ').mid(0, 3).join(' '));
}

sl::BusinessCalendar benchCalendar()
{
    sl::BusinessCalendar calendar;
    calendar.name = QStringLiteral("Bench");
    calendar.timeZoneId = QStringLiteral("Europe/Berlin");
    for (const QString &text : { QStringLiteral("Mon-Fri 08:00-12:00 13:00-18:00"), QStringLiteral("Sat 10:00-14:00"),
             QStringLiteral("Sun 22:00-06:00") }) {
        QString error;
        const std::optional<std::vector<sl::BusinessShift>> shifts = sl::parseWeeklyHours(text, &error);
        if (!shifts)
            qFatal("%s", qPrintable(error));
        calendar.shifts.insert(calendar.shifts.end(), shifts->begin(), shifts->end());
    }
    for (const QDate day : { QDate(2025, 12, 25), QDate(2025, 12, 26) })
        calendar.holidays.emplace_back(day, QString());
    return calendar;
}

// Median ns per call of five runs over `spans`; `total` keeps the work from being optimised out.
double medianNsPerCall(const sl::BusinessClock &clock, const std::vector<std::pair<std::int64_t, std::int64_t>> &spans,
    std::int64_t &total)
{
    std::vector<double> runs;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer timer;
        timer.start();
        for (const auto &[from, to] : spans)
            total += clock.businessSeconds(from, to);
        runs.push_back(double(timer.nsecsElapsed()) / double(spans.size()));
    }
    std::sort(runs.begin(), runs.end());
    return runs[runs.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const long long calls = argc > 1 ? QByteArray(argv[1]).toLongLong() : 2'000'000;
    if (calls <= 0) {
        out << "usage: bench_calendar [CALLS]\n";
        return 2;
    }
    const sl::BusinessCalendar calendar = benchCalendar();
    const std::int64_t from = QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    const std::int64_t to = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();

    std::mt19937_64 random(7);
    std::uniform_int_distribution<std::int64_t> start(from, to - 5 * 86400);
    std::uniform_int_distribution<std::int64_t> length(0, 5 * 86400);
    std::vector<std::pair<std::int64_t, std::int64_t>> spans(static_cast<std::size_t>(calls));
    for (auto &span : spans) {
        span.first = start(random);
        span.second = span.first + length(random);
    }

    out << "CPU: " << cpuModel() << ", " << QThread::idealThreadCount() << " cores, load average " << loadAverage()
        << "\n";
    QElapsedTimer timer;
    timer.start();
    const sl::BusinessClock compiled(calendar, from, to);
    const double compileMs = double(timer.nsecsElapsed()) / 1e6;
    const sl::BusinessClock onDemand(calendar, from, from); // compiled over nothing: every span from the calendar

    std::int64_t total = 0, baselineTotal = 0;
    const double compiledNs = medianNsPerCall(compiled, spans, total);
    // The baseline is slower by orders of magnitude: a tenth of the spans is enough.
    const std::vector<std::pair<std::int64_t, std::int64_t>> fewer(
        spans.begin(), spans.begin() + std::max<long long>(1, calls / 10));
    const double onDemandNs = medianNsPerCall(onDemand, fewer, baselineTotal);
    out << "compiled clock: " << QString::number(compiledNs, 'f', 1) << " ns per call (" << calls << " calls, "
        << compiled.compiledIntervalCount() << " intervals compiled in " << QString::number(compileMs, 'f', 1)
        << " ms)\n";
    out << "on demand (baseline): " << QString::number(onDemandNs, 'f', 1) << " ns per call (" << fewer.size()
        << " calls)\n";
    out << "ratio: the compiled clock takes " << QString::number(compiledNs / onDemandNs, 'f', 4)
        << " of the baseline's time\n";
    out << "load average after: " << loadAverage() << "\n";
    // The two clocks must agree, or the figure is of a wrong answer.
    std::int64_t check = 0, checkBaseline = 0;
    for (const auto &[spanFrom, spanTo] : fewer) {
        check += compiled.businessSeconds(spanFrom, spanTo);
        checkBaseline += onDemand.businessSeconds(spanFrom, spanTo);
    }
    if (check != checkBaseline || total <= 0) {
        out << "the compiled and the on-demand clock disagree: " << check << " s against " << checkBaseline << " s\n";
        return 1;
    }
    return 0;
}
