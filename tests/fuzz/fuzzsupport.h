#pragma once

// What the fuzz targets share: a check that stops the fuzzer with a message (libFuzzer keeps
// the input as a reproducer on any abort), and reading every record of a byte buffer.

#include "csv/csvreader.h"

#include <QBuffer>
#include <QByteArray>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

// An invariant of the code under test, checked on every input: a violation is a bug as real as
// a crash, so it aborts like one.
#define SL_FUZZ_CHECK(condition, ...)                                                                        \
    do {                                                                                                     \
        if (!(condition)) {                                                                                  \
            std::fprintf(stderr, "SL_FUZZ_CHECK failed at %s:%d: %s\n  ", __FILE__, __LINE__, #condition); \
            std::fprintf(stderr, __VA_ARGS__);                                                               \
            std::fprintf(stderr, "\n");                                                                      \
            std::abort();                                                                                    \
        }                                                                                                    \
    } while (false)

namespace sl::fuzz {

struct ReadResult
{
    std::vector<std::vector<std::string>> records;
    std::vector<std::int64_t> lines;
    CsvFormat format;
    bool opened = false;
    std::optional<CsvError> error;
};

// Reads every record of `bytes` (not copied: the buffer reads the fuzzer's own memory).
inline ReadResult readAll(const std::uint8_t *data, std::size_t size, const CsvReaderOptions &options)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer, options);
    ReadResult result;
    result.opened = reader.open();
    CsvRecord record;
    while (reader.next(record)) {
        std::vector<std::string> fields;
        fields.reserve(record.fields.size());
        for (std::string_view field : record.fields)
            fields.emplace_back(field);
        result.records.push_back(std::move(fields));
        result.lines.push_back(record.line);
    }
    // At the end the reader says so again, and stays there.
    SL_FUZZ_CHECK(!reader.next(record) && record.fields.empty(), "next() after the end returned a record");
    result.format = reader.format();
    result.error = reader.error();
    SL_FUZZ_CHECK(reader.bytesRead() <= std::int64_t(size), "read %lld of %zu bytes",
                  static_cast<long long>(reader.bytesRead()), size);
    SL_FUZZ_CHECK(result.error || reader.bytesRead() == std::int64_t(size),
                  "stopped without an error after %lld of %zu bytes", static_cast<long long>(reader.bytesRead()),
                  size);
    return result;
}

inline std::string describe(const CsvError &error)
{
    return "kind " + std::to_string(int(error.kind)) + " line " + std::to_string(error.line) + ": "
           + error.message.toStdString();
}

} // namespace sl::fuzz
