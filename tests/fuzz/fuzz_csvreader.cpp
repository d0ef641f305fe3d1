// The CSV reader fed arbitrary bytes: every record is read, twice, with reads of different
// sizes, and both must agree (where reads split the input never changes what comes out). Input
// that is valid UTF-8 is also checked against a plain byte-by-byte reading of the documented
// rules. Knobs (read size, record limit) come from the input's size, so the input stays a plain
// CSV file that any seed can be.

#include "fuzzsupport.h"

#include <array>

using namespace sl;

namespace {

// The documented rules, as plainly as they can be written (the same reference as
// tests/csv/tst_csvreader.cpp): blank lines are skipped, CR, LF and CRLF are one break, "" in
// quotes is a quote, text after a closing quote joins the field.
struct Reference
{
    std::vector<std::vector<std::string>> records;
    std::vector<std::int64_t> lines;
    std::optional<std::int64_t> unterminatedAt; // the record's line
};

Reference referenceParse(std::string_view s, char delimiter)
{
    Reference result;
    const std::size_t n = s.size();
    std::size_t i = 0;
    std::int64_t line = 1;
    const auto lineBreakAt = [&](std::size_t at) { return at < n && (s[at] == '\r' || s[at] == '\n'); };
    const auto skipLineBreak = [&] {
        i += (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
        ++line;
    };
    while (i < n) {
        if (lineBreakAt(i)) {
            skipLineBreak();
            continue;
        }
        const std::int64_t recordLine = line;
        std::vector<std::string> fields;
        while (true) {
            std::string field;
            if (i < n && s[i] == '"') {
                ++i;
                while (true) {
                    if (i >= n) {
                        result.unterminatedAt = recordLine;
                        return result;
                    }
                    if (s[i] == '"') {
                        if (i + 1 < n && s[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    if (s[i] == '\r' || (s[i] == '\n' && s[i - 1] != '\r'))
                        ++line;
                    field += s[i++];
                }
            }
            while (i < n && s[i] != delimiter && !lineBreakAt(i))
                field += s[i++];
            fields.push_back(std::move(field));
            if (i < n && s[i] == delimiter) {
                ++i;
                continue;
            }
            break;
        }
        if (i < n)
            skipLineBreak();
        result.records.push_back(std::move(fields));
        result.lines.push_back(recordLine);
    }
    return result;
}

// Well-formed UTF-8 as Unicode's table 3-7 defines it (no overlongs, surrogates or code points
// above U+10FFFF). Not QString::fromUtf8, which drops a BOM at the start of what it is given.
bool isValidUtf8(std::string_view bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *end = p + bytes.size();
    while (p < end) {
        const unsigned char b = *p;
        int length = 1;
        unsigned char low = 0x80, high = 0xBF; // the range of the second byte
        if (b < 0x80)
            length = 1;
        else if (b >= 0xC2 && b <= 0xDF)
            length = 2;
        else if (b >= 0xE0 && b <= 0xEF) {
            length = 3;
            low = b == 0xE0 ? 0xA0 : 0x80;
            high = b == 0xED ? 0x9F : 0xBF;
        } else if (b >= 0xF0 && b <= 0xF4) {
            length = 4;
            low = b == 0xF0 ? 0x90 : 0x80;
            high = b == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (end - p < length)
            return false;
        for (int i = 1; i < length; ++i) {
            const unsigned char lo = i == 1 ? low : 0x80, hi = i == 1 ? high : 0xBF;
            if (p[i] < lo || p[i] > hi)
                return false;
        }
        p += length;
    }
    return true;
}

bool isValidUtf8WithoutNul(std::string_view bytes)
{
    return bytes.find('\0') == std::string_view::npos && isValidUtf8(bytes);
}

void checkSame(const fuzz::ReadResult &a, const fuzz::ReadResult &b, std::size_t chunkB)
{
    SL_FUZZ_CHECK(a.opened == b.opened, "open() differs with %zu-byte reads", chunkB);
    SL_FUZZ_CHECK(a.format.encoding == b.format.encoding && a.format.bom == b.format.bom
                      && a.format.delimiter == b.format.delimiter,
                  "format differs with %zu-byte reads", chunkB);
    SL_FUZZ_CHECK(a.records.size() == b.records.size(), "%zu records in one read, %zu in %zu-byte reads",
                  a.records.size(), b.records.size(), chunkB);
    for (std::size_t r = 0; r < a.records.size(); ++r) {
        SL_FUZZ_CHECK(a.records[r] == b.records[r], "record %zu differs with %zu-byte reads", r, chunkB);
        SL_FUZZ_CHECK(a.lines[r] == b.lines[r], "record %zu: line %lld vs %lld with %zu-byte reads", r,
                      static_cast<long long>(a.lines[r]), static_cast<long long>(b.lines[r]), chunkB);
    }
    SL_FUZZ_CHECK(a.error.has_value() == b.error.has_value(), "error in one reading only (%zu-byte reads): %s", chunkB,
                  fuzz::describe(a.error ? *a.error : *b.error).c_str());
    if (a.error) {
        SL_FUZZ_CHECK(a.error->kind == b.error->kind && a.error->line == b.error->line,
                      "errors differ with %zu-byte reads: %s / %s", chunkB, fuzz::describe(*a.error).c_str(),
                      fuzz::describe(*b.error).c_str());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // Beyond the sniffing window the two readings would sniff different prefixes.
    if (size > 60000)
        return 0;
    static constexpr std::array<std::size_t, 8> smallChunks = {1, 2, 3, 5, 7, 13, 64, 4096};
    const std::size_t chunk = smallChunks[size % smallChunks.size()];
    CsvReaderOptions options;
    if (size % 3 == 0)
        options.maxRecordBytes = std::max<std::size_t>(1, size / 3); // exercise the limit, too

    options.chunkSize = 65536; // all of it at once, without allocating megabytes per input
    const fuzz::ReadResult whole = fuzz::readAll(data, size, options);
    options.chunkSize = chunk;
    const fuzz::ReadResult pieces = fuzz::readAll(data, size, options);
    checkSame(whole, pieces, chunk);

    std::int64_t lastLine = 0;
    for (std::size_t r = 0; r < whole.records.size(); ++r) {
        const std::vector<std::string> &fields = whole.records[r];
        SL_FUZZ_CHECK(!fields.empty(), "record %zu has no field", r);
        SL_FUZZ_CHECK(whole.lines[r] > lastLine, "record %zu on line %lld after line %lld", r,
                      static_cast<long long>(whole.lines[r]), static_cast<long long>(lastLine));
        lastLine = whole.lines[r];
        std::size_t bytes = fields.size() - 1;
        for (const std::string &field : fields) {
            bytes += field.size();
            // Whatever the input's encoding, what comes out is UTF-8.
            SL_FUZZ_CHECK(isValidUtf8(field), "record %zu holds invalid UTF-8", r);
        }
        SL_FUZZ_CHECK(bytes <= options.maxRecordBytes, "record %zu (%zu bytes) is over the limit of %zu", r, bytes,
                      options.maxRecordBytes);
    }

    // Valid UTF-8 is read as it is: then the reader must say exactly what the reference says.
    std::string_view text(reinterpret_cast<const char *>(data), size);
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    if (whole.opened && options.maxRecordBytes == CsvReaderOptions().maxRecordBytes && isValidUtf8WithoutNul(text)) {
        SL_FUZZ_CHECK(whole.format.encoding == TextEncoding::Utf8, "valid UTF-8 sniffed as %s",
                      encodingName(whole.format.encoding).toStdString().c_str());
        const Reference expected = referenceParse(text, whole.format.delimiter);
        SL_FUZZ_CHECK(whole.records.size() == expected.records.size(), "%zu records, the reference has %zu",
                      whole.records.size(), expected.records.size());
        for (std::size_t r = 0; r < expected.records.size(); ++r) {
            SL_FUZZ_CHECK(whole.records[r] == expected.records[r], "record %zu differs from the reference", r);
            SL_FUZZ_CHECK(whole.lines[r] == expected.lines[r], "record %zu on line %lld, the reference says %lld", r,
                          static_cast<long long>(whole.lines[r]), static_cast<long long>(expected.lines[r]));
        }
        SL_FUZZ_CHECK(whole.error.has_value() == expected.unterminatedAt.has_value(), "error %s, reference %s",
                      whole.error ? fuzz::describe(*whole.error).c_str() : "none",
                      expected.unterminatedAt ? "unterminated quote" : "none");
        if (whole.error) {
            SL_FUZZ_CHECK(whole.error->kind == CsvError::Kind::UnterminatedQuote
                              && whole.error->line == *expected.unterminatedAt,
                          "%s, the reference has an unterminated quote on line %lld",
                          fuzz::describe(*whole.error).c_str(), static_cast<long long>(*expected.unterminatedAt));
        }
    }
    return 0;
}
