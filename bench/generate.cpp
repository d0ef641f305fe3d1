// Writes a generated help-desk export for the benchmarks:
//   bench_generate FORMAT ROWS OUT.csv [SEED]     FORMAT: zendesk | zendesk-explore | freshdesk

#include "services/demogenerator.h"

#include <QCoreApplication>
#include <QDate>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    QTextStream err(stderr);
    if (arguments.size() < 4) {
        err << "usage: bench_generate zendesk|zendesk-explore|freshdesk ROWS OUT.csv [SEED]\n";
        return 2;
    }
    sl::DemoFormat format = sl::DemoFormat::ZendeskLegacy;
    if (arguments[1] == QLatin1String("zendesk-explore"))
        format = sl::DemoFormat::ZendeskExplore;
    else if (arguments[1] == QLatin1String("freshdesk"))
        format = sl::DemoFormat::Freshdesk;
    else if (arguments[1] != QLatin1String("zendesk")) {
        err << "unknown format " << arguments[1] << '\n';
        return 2;
    }
    sl::DemoOptions options;
    options.tickets = arguments[2].toLongLong();
    options.seed = arguments.size() > 4 ? arguments[4].toULongLong() : 42;
    options.lastDay = QDate(2025, 12, 31); // fixed, so every run writes the same bytes
    const sl::DemoWriteResult result = sl::writeDemoExport(options, format, arguments[3]);
    if (!result.ok) {
        err << result.error << '\n';
        return 1;
    }
    return 0;
}
