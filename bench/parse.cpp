// Reader and mapper alone, no database: how fast a file is parsed, converted and mapped.
//   bench_parse FILE.csv       prints records, seconds and MB/s for the reader, then for reader + mapper

#include "csv/csvreader.h"
#include "import/profiles.h"
#include "import/ticketmapper.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    if (argc < 2) {
        out << "usage: bench_parse FILE.csv\n";
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const double megabytes = double(QFileInfo(path).size()) / 1e6;

    QElapsedTimer timer;
    timer.start();
    std::int64_t records = 0;
    {
        sl::CsvReader reader(path);
        sl::CsvRecord record;
        while (reader.next(record))
            ++records;
    }
    const double readSeconds = double(timer.nsecsElapsed()) / 1e9;
    out << "reader:          " << records << " records, " << readSeconds << " s, " << megabytes / readSeconds
        << " MB/s\n";

    timer.restart();
    sl::CsvReader reader(path);
    sl::CsvRecord record;
    reader.next(record);
    QStringList header;
    for (std::string_view field : record.fields)
        header.append(QString::fromUtf8(field.data(), qsizetype(field.size())));
    const sl::ProfileDetection detection = sl::detectTicketProfile(header);
    if (!detection.match) {
        out << detection.message << '\n';
        return 1;
    }
    sl::ColumnSampler sampler(*detection.match, header.size());
    sl::TicketMapper mapper(header, sampler.decisions(header), QTimeZone::utc());
    sl::TicketRow row;
    sl::RowIssue issue;
    std::int64_t mapped = 0;
    while (reader.next(record))
        mapped += mapper.map(record, row, issue) ? 1 : 0;
    const double mapSeconds = double(timer.nsecsElapsed()) / 1e9;
    out << "reader + mapper: " << mapped << " rows, " << mapSeconds << " s, " << megabytes / mapSeconds << " MB/s\n";
    return 0;
}
