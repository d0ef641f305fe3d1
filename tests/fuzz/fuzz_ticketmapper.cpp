// A whole file through what the import does before SQLite: the header picks a profile
// (detectTicketProfile, automatic or forced), a ColumnSampler decides from the data, and a
// TicketMapper maps every record of a second reading, as importjob.cpp does. The first byte
// holds the knobs (time zone, forced profile), the rest is the file.

#include "fuzzsupport.h"
#include "import/profiles.h"
#include "import/ticketmapper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTimeZone>

#include <array>
#include <cmath>

using namespace sl;

namespace {

QString qtext(std::string_view field)
{
    return QString::fromUtf8(field.data(), qsizetype(field.size()));
}

QStringList headerOf(const CsvRecord &record)
{
    QStringList header;
    for (std::string_view field : record.fields)
        header.append(qtext(field));
    return header;
}

bool isView(std::string_view text, const CsvRecord &record)
{
    if (text.empty())
        return true;
    for (std::string_view field : record.fields) {
        if (text.data() >= field.data() && text.data() + text.size() <= field.data() + field.size())
            return true;
    }
    return false; // not in the record: only a normalised channel name may live elsewhere
}

void checkRow(const TicketRow &row, const CsvRecord &record, const TicketMapper &mapper)
{
    SL_FUZZ_CHECK(!row.externalId.empty(), "a mapped row without an id (line %lld)",
                  static_cast<long long>(record.line));
    for (std::string_view text : {row.externalId, row.subject, row.status, row.priority, row.type, row.agent, row.team,
                                  row.requesterName, row.requesterEmail, row.requesterId}) {
        SL_FUZZ_CHECK(isView(text, record), "a text field that is not a view into its record");
    }
    SL_FUZZ_CHECK(row.tags.empty() || (row.tags.front() != ' ' && row.tags.back() != ' '
                                       && row.tags.find("  ") == std::string_view::npos),
                  "tags not normalised to single spaces");
    // Times are UTC seconds of dates within 1900-2200, give or take a day of offset.
    constexpr std::int64_t lowest = -2208988800 - 86400;   // 1900-01-01
    constexpr std::int64_t highest = 7289654400 + 86400;   // 2201-01-01
    for (const std::optional<std::int64_t> &time : {row.createdAt, row.firstReplyAt, row.solvedAt})
        SL_FUZZ_CHECK(!time || (*time >= lowest && *time <= highest), "a time out of range: %lld",
                      static_cast<long long>(*time));
    for (const std::optional<double> &duration :
         {row.firstReplyMin, row.firstReplyBhMin, row.resolutionMin, row.resolutionBhMin, row.handleTimeS}) {
        SL_FUZZ_CHECK(!duration || (std::isfinite(*duration) && *duration >= 0), "a duration of %g", *duration);
    }
    for (const std::optional<std::int64_t> &count : {row.reopens, row.agentReplies})
        SL_FUZZ_CHECK(!count || *count >= 0, "a negative count");
    if (row.satisfaction.score)
        SL_FUZZ_CHECK(*row.satisfaction.score >= 1 && *row.satisfaction.score <= 5, "a CSAT score of %g",
                      *row.satisfaction.score);

    // The extra columns' values are a JSON array in the order of extraColumnNames, trailing
    // empty values left out: nothing of the record may be lost or garbled on the way.
    if (row.extraJson.empty())
        return;
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(
        QByteArray(row.extraJson.data(), qsizetype(row.extraJson.size())), &error);
    SL_FUZZ_CHECK(error.error == QJsonParseError::NoError && json.isArray(), "extra values are not a JSON array: %s",
                  error.errorString().toStdString().c_str());
    const QJsonArray values = json.array();
    SL_FUZZ_CHECK(values.size() <= mapper.extraColumnNames().size(), "more extra values than extra columns");
    std::size_t extra = 0;
    for (std::size_t column = 0; column < record.fields.size() && extra < std::size_t(values.size()); ++column) {
        const bool bound = std::any_of(mapper.bindings().begin(), mapper.bindings().end(),
                                       [&](const ColumnBinding &b) { return b.column == int(column); });
        if (bound)
            continue;
        // Compared as bytes. The stored JSON holds the field's bytes exactly, but QJsonDocument
        // reads each string through QString::fromUtf8, which drops a U+FEFF at its start: the
        // field is compared without one there too.
        const QByteArray value = values.at(qsizetype(extra)).toString().toUtf8();
        std::string_view field = record.fields[column];
        if (field.substr(0, 3) == "\xEF\xBB\xBF")
            field.remove_prefix(3);
        SL_FUZZ_CHECK(std::string_view(value.constData(), std::size_t(value.size())) == field,
                      "extra value %zu differs from column %zu (line %lld)", extra, column,
                      static_cast<long long>(record.line));
        ++extra;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0 || size > 60000)
        return 0;
    const std::uint8_t knobs = data[0];
    static const std::array<QTimeZone, 4> zones = {QTimeZone::utc(), QTimeZone("Europe/Berlin"),
                                                   QTimeZone("America/Los_Angeles"), QTimeZone("Asia/Kolkata")};
    static const std::array<QString, 8> profiles = {
        QString(),          QStringLiteral("auto"),      QStringLiteral("zendesk"), QStringLiteral("zendesk-explore"),
        QStringLiteral("freshdesk"), QStringLiteral("generic"), QStringLiteral("nonesuch"), QString()};
    const QTimeZone &zone = zones[knobs & 3];
    const QString &forcedProfile = profiles[(knobs >> 2) & 7];

    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    // Pass 1: header, profile, sampling.
    QBuffer sampleBuffer;
    sampleBuffer.setData(bytes);
    sampleBuffer.open(QIODevice::ReadOnly);
    // Reads of 64 KB take any input whole, without allocating megabytes per input; where reads
    // split a file changes nothing (fuzz_csvreader checks that).
    CsvReaderOptions sampleOptions;
    sampleOptions.chunkSize = 65536;
    CsvReader sampleReader(&sampleBuffer, sampleOptions);
    CsvRecord record;
    if (!sampleReader.next(record))
        return 0;
    const CsvFormat format = sampleReader.format();
    const QStringList header = headerOf(record);
    const ProfileDetection detection = detectTicketProfile(header, forcedProfile);
    if (!detection.match) {
        SL_FUZZ_CHECK(!detection.message.isEmpty(), "no profile, and no message why");
        return 0;
    }
    const ProfileMatch &match = *detection.match;
    SL_FUZZ_CHECK(match.claims() || match.profile->generic, "a match that does not claim the header");
    QSet<int> columns;
    QSet<int> fields;
    for (const ColumnBinding &binding : match.bindings) {
        SL_FUZZ_CHECK(binding.column >= 0 && binding.column < header.size(), "a binding outside the header");
        // A field binds once, except tags: Jira writes one "Labels" column per label.
        SL_FUZZ_CHECK(!columns.contains(binding.column)
                          && (binding.field == TicketField::Tags || !fields.contains(int(binding.field))),
                      "a column or field bound twice");
        columns.insert(binding.column);
        fields.insert(int(binding.field));
    }

    ColumnSampler sampler(match, header.size());
    while (sampleReader.next(record))
        sampler.observe(record);
    sampler.undecided();
    TicketMapper mapper(header, sampler.decisions(header), zone);
    const QStringList &extraNames = mapper.extraColumnNames();
    SL_FUZZ_CHECK(extraNames.size() + qsizetype(mapper.bindings().size()) == header.size(),
                  "%lld extra columns and %zu bound, of %lld", static_cast<long long>(extraNames.size()),
                  mapper.bindings().size(), static_cast<long long>(header.size()));
    SL_FUZZ_CHECK(QSet<QString>(extraNames.begin(), extraNames.end()).size() == extraNames.size(),
                  "extra column names are not unique");
    for (const QString &name : extraNames)
        SL_FUZZ_CHECK(!name.isEmpty(), "an extra column without a name");

    // Pass 2: the format pass 1 found, forced, as the import does; then every record mapped.
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvReaderOptions options = sampleOptions;
    options.encoding = format.encoding;
    options.delimiter = format.delimiter;
    CsvReader reader(&buffer, options);
    SL_FUZZ_CHECK(reader.next(record), "the second reading has no header");
    SL_FUZZ_CHECK(headerOf(record) == header, "the second reading found another header");
    TicketRow row;
    RowIssue issue;
    while (reader.next(record)) {
        if (mapper.map(record, row, issue)) {
            checkRow(row, record, mapper);
        } else {
            SL_FUZZ_CHECK(issue.line == record.line, "an issue on line %lld for the record on line %lld",
                          static_cast<long long>(issue.line), static_cast<long long>(record.line));
            SL_FUZZ_CHECK(!issue.message.isEmpty(), "an issue without a message");
            SL_FUZZ_CHECK(issue.column.isEmpty() || header.contains(issue.column), "an issue in an unknown column");
        }
    }
    return 0;
}
