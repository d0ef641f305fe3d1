#include "services/importjob.h"

#include "import/kinds.h"
#include "services/rowbatch.h"
#include "store/database.h"
#include "store/importlog.h"
#include "store/ticketwriter.h"
#include "util/sha256.h"

#include <QFile>
#include <QObject>

#include <atomic>
#include <future>
#include <thread>

#include <pthread.h>

namespace sl {

namespace {

// How many rejected rows are listed one by one; the count stays exact beyond it.
constexpr std::size_t maxListedIssues = 10000;
// Records the sampler looks at before deciding, unless a date column is still ambiguous.
constexpr std::int64_t sampleRecords = 20000;
// Rows handed from the reader thread to the database thread at a time.
constexpr std::size_t batchRows = 4096;

// Hashes the file on the other core while this one parses and inserts.
class FileHasher
{
public:
    explicit FileHasher(const QString &path)
        : m_result(std::async(std::launch::async, [this, path] { return hash(path); }))
    {
    }
    ~FileHasher()
    {
        m_stop = true;
        if (m_result.valid())
            m_result.wait();
    }
    QString result() { return m_result.get(); }

private:
    QString hash(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        Sha256 sha;
        QByteArray buffer(1 << 20, Qt::Uninitialized);
        while (!m_stop) {
            const qint64 n = file.read(buffer.data(), buffer.size());
            if (n <= 0)
                break;
            sha.addData(buffer.constData(), std::size_t(n));
        }
        return m_stop ? QString() : QString::fromLatin1(sha.result().toHex());
    }

    std::atomic<bool> m_stop{false};
    std::future<QString> m_result;
};

QString readerErrorText(const CsvError &error)
{
    return error.line > 0 ? QObject::tr("line %1: %2").arg(error.line).arg(error.message) : error.message;
}

QString delimiterName(char delimiter)
{
    switch (delimiter) {
    case '\t': return QStringLiteral("TAB");
    default: return QString(QLatin1Char(delimiter));
    }
}

// "line 12: column "Created": ... (--strict: nothing imported)"
QString strictFailureText(const RowIssue &issue)
{
    return QObject::tr("line %1: %2%3 (--strict: nothing imported)")
        .arg(issue.line)
        .arg(issue.column.isEmpty() ? QString() : QObject::tr("column \"%1\": ").arg(issue.column))
        .arg(issue.message);
}

// After the last record: a reader error fails the file, except an unterminated quote, which
// swallowed the rest of the file into its last record: one bad row, not a bad file. The failure
// message, if the file fails.
std::optional<QString> settleReadError(const std::optional<CsvError> &error, ImportReport &report,
                                       const ImportOptions &options)
{
    if (!error)
        return std::nullopt;
    if (error->kind != CsvError::Kind::UnterminatedQuote)
        return readerErrorText(*error) + QObject::tr(" (nothing imported)");
    ++report.rowsRead;
    ++report.rejected;
    report.issues.push_back({error->line, QString(), error->message});
    if (options.strict)
        return readerErrorText(*error) + QObject::tr(" (--strict: nothing imported)");
    return std::nullopt;
}

// What every kind's import does around its rows: one transaction, the file's hash computed on
// the other core, its row in `imports` at the start and its counts at the end. Nothing of the
// file stays in the database unless commit() succeeds.
class ImportTransaction
{
public:
    ImportTransaction(Database &database, const QString &filePath)
        : m_database(database)
        , m_filePath(filePath)
        , m_hasher(filePath)
        , m_transaction(database.connection())
    {
    }

    // Writes the `imports` row; its id goes to report.importId. A sentence in *error when the
    // database refuses.
    bool begin(ImportReport &report, const ImportOptions &options, std::optional<QStringList> extraColumns,
               QString *error)
    {
        sqlite::Connection &connection = m_database.connection();
        if (!m_transaction.isActive()) {
            *error = QObject::tr("cannot write to the database: %1").arg(connection.lastError());
            return false;
        }
        const std::optional<std::int64_t> id = recordImportStart(
            connection, {m_filePath, report.kind, report.profile, encodingName(report.format.encoding),
                         delimiterName(report.format.delimiter), QString::fromUtf8(options.timeZone.id()),
                         std::move(extraColumns)});
        if (!id) {
            *error = QObject::tr("cannot write to the database: %1").arg(connection.lastError());
            return false;
        }
        report.importId = *id;
        return true;
    }

    // Writes the counts, bumps the data version when rows changed, commits.
    bool commit(const ImportReport &report, std::optional<QStringList> extraColumns, QString *error)
    {
        sqlite::Connection &connection = m_database.connection();
        const ImportCounts counts{m_hasher.result(), report.rowsRead,  report.inserted,
                                  report.updated,    report.unchanged, report.rejected,
                                  std::move(extraColumns)};
        // Rows written or updated: what the metrics see changed, and caches of it are stale.
        const bool changed = report.inserted > 0 || report.updated > 0;
        if (!recordImportEnd(connection, report.importId, counts) || (changed && !m_database.bumpDataVersion())
            || !m_transaction.commit()) {
            *error = QObject::tr("cannot write to the database: %1 (nothing imported)").arg(connection.lastError());
            return false;
        }
        return true;
    }

private:
    Database &m_database;
    QString m_filePath;
    FileHasher m_hasher;
    sqlite::Transaction m_transaction;
};

// The pipeline of every kind but tickets: one thread, one transaction, the kind's importer
// doing the mapping and writing (see kinds.h).
ImportReport runKindImport(Database &database, const QString &filePath, const ImportOptions &options,
                           const ImportProgress &progress, KindImporter &importer, const KindMatch &match,
                           const QStringList &header, ImportReport report)
{
    const auto failed = [&report](const QString &message) {
        report.outcome = ImportReport::Outcome::Failed;
        report.error = message;
        return report;
    };
    report.kind = recordKindName(match.kind);
    report.profile = match.profile;
    CsvReaderOptions readerOptions;
    readerOptions.encoding = report.format.encoding;
    readerOptions.delimiter = report.format.delimiter;
    CsvRecord record;

    // Pass 1: the first records, for what only the data can tell.
    {
        CsvReader sampler(filePath, readerOptions);
        if (!sampler.open() || !sampler.next(record))
            return failed(sampler.error() ? readerErrorText(*sampler.error()) : QObject::tr("the file changed while reading"));
        for (int skip = 0; skip < match.extraHeaderRows && sampler.next(record); ++skip) {
        }
        std::int64_t sampled = 0;
        while (sampled < sampleRecords && sampler.next(record)) {
            importer.observe(record);
            ++sampled;
        }
        if (sampled == 0 && !sampler.error())
            return failed(QObject::tr("line %1: the file has a header but no data rows").arg(record.line));
    }

    // Pass 2: everything, in one transaction.
    CsvReader reader(filePath, readerOptions);
    if (!reader.open() || !reader.next(record))
        return failed(reader.error() ? readerErrorText(*reader.error()) : QObject::tr("the file changed while reading"));
    for (int skip = 0; skip < match.extraHeaderRows && reader.next(record); ++skip) {
    }
    ImportTransaction transaction(database, filePath);
    QString error;
    if (!transaction.begin(report, options, std::nullopt, &error))
        return failed(error);
    if (!importer.begin(database, report.importId, match, header, options, &error))
        return failed(error);

    RowIssue issue;
    while (reader.next(record)) {
        ++report.rowsRead;
        switch (importer.write(record, issue, &error)) {
        case KindImporter::Outcome::Inserted: ++report.inserted; break;
        case KindImporter::Outcome::Updated: ++report.updated; break;
        case KindImporter::Outcome::Unchanged: ++report.unchanged; break;
        case KindImporter::Outcome::Failed:
            return failed(QObject::tr("line %1: the database refused the row: %2 (nothing imported)").arg(record.line).arg(error));
        case KindImporter::Outcome::Rejected:
            ++report.rejected;
            if (report.issues.size() < maxListedIssues)
                report.issues.push_back(issue);
            if (options.strict)
                return failed(strictFailureText(issue));
            break;
        }
        if (progress && report.rowsRead % 4096 == 0 && !progress(reader.bytesRead(), reader.totalBytes())) {
            report.outcome = ImportReport::Outcome::Cancelled;
            return report; // the transaction rolls back
        }
    }
    if (const std::optional<QString> readFailure = settleReadError(reader.error(), report, options))
        return failed(*readFailure);
    if (!importer.end(&report.inserted, &report.updated, &report.unchanged, &error))
        return failed(error);
    report.notes += importer.notes();

    if (!transaction.commit(report, importer.extraColumnNames(), &error))
        return failed(error);
    if (progress)
        progress(reader.totalBytes(), reader.totalBytes());
    report.outcome = ImportReport::Outcome::Imported;
    return report;
}

} // namespace

ImportReport runImport(Database &database, const QString &filePath, const ImportOptions &options,
                       const ImportProgress &progress)
{
    ImportReport report;
    report.filePath = filePath;
    const auto failed = [&report](const QString &message) {
        report.outcome = ImportReport::Outcome::Failed;
        report.error = message;
        return report;
    };

    // Pass 1: header, profile, and what only the data can tell (date order, dates vs durations).
    CsvReader sampleReader(filePath);
    if (!sampleReader.open())
        return failed(readerErrorText(*sampleReader.error()));
    report.format = sampleReader.format();
    CsvRecord record;
    if (!sampleReader.next(record)) {
        return failed(sampleReader.error() ? readerErrorText(*sampleReader.error())
                                           : QObject::tr("the file is empty: expected a header line"));
    }
    QStringList header;
    for (std::string_view field : record.fields)
        header.append(QString::fromUtf8(field.data(), qsizetype(field.size())));

    // Which kind of export this is: a help desk's own ticket profile wins; else the kind whose
    // profile recognises the most columns; the generic ticket profile comes last.
    std::optional<RecordKind> forcedKind;
    if (!options.kind.isEmpty() && options.kind != QLatin1String("auto")) {
        forcedKind = recordKindFromName(options.kind);
        if (!forcedKind)
            return failed(QObject::tr("unknown kind \"%1\" (expected tickets, calls, surveys, customers, costs, qa or "
                                      "events)").arg(options.kind));
    }
    const ProfileDetection detection = !forcedKind || *forcedKind == RecordKind::Tickets
                                           ? detectTicketProfile(header, options.profile)
                                           : ProfileDetection{};
    const bool specificTickets = detection.match && !detection.match->profile->generic;
    if (!specificTickets && (!forcedKind || *forcedKind != RecordKind::Tickets)) {
        std::vector<std::unique_ptr<KindImporter>> importers = createKindImporters();
        KindImporter *best = nullptr;
        KindMatch bestMatch;
        for (const std::unique_ptr<KindImporter> &importer : importers) {
            if (forcedKind && importer->kind() != *forcedKind)
                continue;
            KindMatch kindMatch = importer->match(header, options.profile);
            if (kindMatch.score > bestMatch.score || (!kindMatch.refusal.isEmpty() && bestMatch.score == 0)) {
                best = importer.get();
                bestMatch = std::move(kindMatch);
            }
        }
        const int genericScore = detection.match ? detection.match->score : 0;
        if (best && !bestMatch.refusal.isEmpty() && bestMatch.score >= genericScore)
            return failed(QObject::tr("line %1: %2").arg(record.line).arg(bestMatch.refusal));
        if (best && bestMatch.score > 0 && bestMatch.score >= genericScore) {
            QString overrideError;
            if (!best->applyOverrides(header, options.columnOverrides, bestMatch, &overrideError))
                return failed(overrideError);
            return runKindImport(database, filePath, options, progress, *best, bestMatch, header, report);
        }
        if (forcedKind) {
            return failed(QObject::tr("line %1: the header is not one of a %2 export this version reads")
                              .arg(record.line)
                              .arg(options.kind));
        }
    }
    if (!detection.match)
        return failed(QObject::tr("line %1: %2").arg(record.line).arg(detection.message));
    ProfileMatch match = *detection.match;
    QString overrideError;
    if (!applyColumnOverrides(match, header, options.columnOverrides, &overrideError))
        return failed(overrideError);
    report.profile = QString::fromLatin1(match.profile->id.data(), qsizetype(match.profile->id.size()));

    ColumnSampler sampler(match, header.size());
    std::int64_t sampled = 0;
    while (sampleReader.next(record)) {
        sampler.observe(record);
        if (++sampled >= sampleRecords && !sampler.undecided())
            break;
    }
    // A broken record is reported by the import pass, with the rows before it imported.
    if (sampleReader.error() && sampleReader.error()->kind != CsvError::Kind::UnterminatedQuote)
        return failed(readerErrorText(*sampleReader.error()));
    if (sampled == 0 && !sampleReader.error())
        return failed(QObject::tr("line %1: the file has a header but no data rows").arg(record.line));
    ColumnDecisions decisions = sampler.decisions(header, options.dateOrder);
    report.notes = decisions.notes;
    if (!match.bindingFor(TicketField::CreatedAt)) {
        report.notes.append(QObject::tr("no creation time column: these tickets count in no "
                                        "created-in-period metric"));
    }
    TicketMapper mapper(header, std::move(decisions), options.timeZone);

    // Pass 2: everything, in one transaction.
    CsvReaderOptions readerOptions;
    readerOptions.encoding = report.format.encoding;
    readerOptions.delimiter = report.format.delimiter;
    CsvReader reader(filePath, readerOptions);
    if (!reader.open() || !reader.next(record))
        return failed(reader.error() ? readerErrorText(*reader.error()) : QObject::tr("the file changed while reading"));

    ImportTransaction transaction(database, filePath);
    QString error;
    if (!transaction.begin(report, options, mapper.extraColumnNames(), &error))
        return failed(error);
    sqlite::Connection &connection = database.connection();

    const std::int64_t ticketsBefore = countTickets(connection);
    TicketWriter writer(connection,
                        std::string(match.profile->source), report.importId);
    if (!writer.isValid())
        return failed(QObject::tr("cannot write to the database: %1").arg(writer.lastError()));

    // The reader thread parses and maps while this one writes: on two cores the import takes
    // about as long as the slower of the two, not their sum.
    BatchQueue queue(4);
    std::optional<QString> strictFailure;
    std::thread readerThread([&] {
        pthread_setname_np(pthread_self(), "sl-csv-reader");
        TicketRow row;
        RowIssue issue;
        RowBatch batch;
        batch.rows.reserve(batchRows);
        const auto reject = [&report](RowIssue rowIssue) {
            ++report.rejected;
            if (report.issues.size() < maxListedIssues)
                report.issues.push_back(std::move(rowIssue));
        };
        while (reader.next(record)) {
            ++report.rowsRead;
            if (!mapper.map(record, row, issue)) {
                reject(issue);
                if (options.strict) {
                    strictFailure = strictFailureText(issue);
                    break;
                }
                continue;
            }
            batch.add(row, record.line);
            if (batch.rows.size() >= batchRows) {
                batch.bytesRead = reader.bytesRead();
                if (!queue.push(std::move(batch)))
                    return;
                batch = RowBatch();
                batch.rows.reserve(batchRows);
            }
        }
        if (!strictFailure && !batch.rows.empty()) {
            batch.bytesRead = reader.bytesRead();
            queue.push(std::move(batch));
        }
        queue.finish();
    });
    // Whatever way this function returns, the reader thread is stopped and joined first.
    struct Joiner
    {
        BatchQueue &queue;
        std::thread &thread;
        ~Joiner()
        {
            queue.stop();
            if (thread.joinable())
                thread.join();
        }
    } joiner{queue, readerThread};

    std::int64_t written = 0;
    RowBatch batch;
    while (queue.pop(batch)) {
        if (const std::optional<std::size_t> refused = writer.writeMany(batch.rows, &written, &report.unchanged)) {
            return failed(QObject::tr("line %1: the database refused the row: %2 (nothing imported)")
                              .arg(batch.lines[*refused])
                              .arg(writer.lastError()));
        }
        if (progress && !progress(batch.bytesRead, reader.totalBytes())) {
            report.outcome = ImportReport::Outcome::Cancelled;
            return report; // the reader thread stops, the transaction rolls back
        }
    }
    queue.stop();
    readerThread.join();
    if (strictFailure)
        return failed(*strictFailure);
    if (const std::optional<QString> readFailure = settleReadError(reader.error(), report, options))
        return failed(*readFailure);

    const std::int64_t ticketsAfter = countTickets(connection);
    report.inserted = ticketsAfter - ticketsBefore;
    report.updated = written - report.inserted;

    if (!transaction.commit(report, std::nullopt, &error))
        return failed(error);
    if (progress)
        progress(reader.totalBytes(), reader.totalBytes());
    report.outcome = ImportReport::Outcome::Imported;
    return report;
}

} // namespace sl
