// Encoding and delimiter sniffing, on their own (sniffEncoding, sniffDelimiter), as the reader
// does it when it opens, with forced encodings and delimiters, and as `inspect` sees a file
// (previewFile). The first byte holds the knobs, the rest is the file.

#include "fuzzsupport.h"
#include "import/inspector.h"

#include <QString>

#include <array>

#include <sys/mman.h>
#include <unistd.h>

using namespace sl;

namespace {

bool isCandidate(char delimiter)
{
    return delimiter == ',' || delimiter == ';' || delimiter == '\t' || delimiter == '|';
}

// previewFile reads a path: an in-memory file keeps the fuzzer off the disk.
class MemoryFile
{
public:
    MemoryFile(const std::uint8_t *data, std::size_t size)
        : m_fd(memfd_create("sl-fuzz", 0))
    {
        SL_FUZZ_CHECK(m_fd >= 0, "memfd_create failed");
        std::size_t written = 0;
        while (written < size) {
            const ssize_t n = write(m_fd, data + written, size - written);
            SL_FUZZ_CHECK(n > 0, "writing the in-memory file failed");
            written += std::size_t(n);
        }
    }
    ~MemoryFile() { close(m_fd); }
    QString path() const { return QStringLiteral("/proc/self/fd/%1").arg(m_fd); }

private:
    int m_fd;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // Within the reader's sniffing window, so that it sniffs what sniffEncoding sees.
    if (size == 0 || size > 60000)
        return 0;
    // Bits 0-2: a forced encoding (0-3) or none; 3-5: a forced delimiter (see `delimiters`);
    // 6-7: the read size of the forced reading and the preview's row count.
    const std::uint8_t knobs = data[0];
    const std::uint8_t *file = data + 1;
    const std::size_t fileSize = size - 1;
    const std::string_view bytes(reinterpret_cast<const char *>(file), fileSize);

    bool bom = false;
    const TextEncoding sniffed = sniffEncoding(bytes, &bom);
    if (bom) {
        const bool bomThere = (sniffed == TextEncoding::Utf8 && bytes.starts_with("\xEF\xBB\xBF"))
                              || (sniffed == TextEncoding::Utf16LE && bytes.starts_with("\xFF\xFE"))
                              || (sniffed == TextEncoding::Utf16BE && bytes.starts_with("\xFE\xFF"));
        SL_FUZZ_CHECK(bomThere, "a BOM reported for %s that is not there", encodingName(sniffed).toStdString().c_str());
    }
    SL_FUZZ_CHECK(isCandidate(sniffDelimiter(bytes)), "sniffDelimiter returned byte %d", int(sniffDelimiter(bytes)));
    // Any prefix, as `inspect` or a dialog may hand over: no crash, a candidate.
    for (std::size_t cut : {std::size_t(1), std::size_t(2), std::size_t(3), fileSize / 2}) {
        if (cut <= fileSize) {
            sniffEncoding(bytes.substr(0, cut));
            SL_FUZZ_CHECK(isCandidate(sniffDelimiter(bytes.substr(0, cut))), "sniffDelimiter of a prefix");
        }
    }

    // What the reader sniffs when it opens (its 64 KB window holds the whole input here).
    CsvReaderOptions options;
    options.chunkSize = 65536; // the whole input at once, without allocating megabytes per input
    const fuzz::ReadResult plain = fuzz::readAll(file, fileSize, options);
    if (plain.opened) {
        SL_FUZZ_CHECK(plain.format.encoding == sniffed && plain.format.bom == bom,
                      "the reader sniffed %s, sniffEncoding says %s",
                      encodingName(plain.format.encoding).toStdString().c_str(),
                      encodingName(sniffed).toStdString().c_str());
        SL_FUZZ_CHECK(isCandidate(plain.format.delimiter), "the reader sniffed delimiter %d",
                      int(plain.format.delimiter));
    } else {
        SL_FUZZ_CHECK(plain.error && plain.error->kind == CsvError::Kind::NotText && plain.error->line == 0
                          && !plain.error->message.isEmpty(),
                      "open() failed without a NotText error");
    }

    // Forced encodings and delimiters, including ones that cannot delimit (sniffed instead).
    static constexpr std::array<char, 8> delimiters = {'\0', ',', ';', '\t', '|', '"', '\n', 'x'};
    CsvReaderOptions forced;
    if ((knobs & 7) < 4)
        forced.encoding = TextEncoding(knobs & 7);
    const char delimiter = delimiters[(knobs >> 3) & 7];
    if (delimiter != '\0')
        forced.delimiter = delimiter;
    forced.chunkSize = std::size_t(1) + (knobs >> 6) * 7;
    const fuzz::ReadResult read = fuzz::readAll(file, fileSize, forced);
    if (read.opened) {
        if (forced.encoding)
            SL_FUZZ_CHECK(read.format.encoding == *forced.encoding, "a forced encoding was not used");
        if (delimiter != '\0' && delimiter != '"' && delimiter != '\n')
            SL_FUZZ_CHECK(read.format.delimiter == delimiter, "a forced delimiter was not used");
        else
            SL_FUZZ_CHECK(isCandidate(read.format.delimiter), "a delimiter that cannot be one was used");
    }

    // `inspect`: the same format, header and rows as the reader. On one input in four only (by
    // size): it opens the file with the reader's default 1 MB reads, which cost ten times the rest.
    if (size % 4 != 0)
        return 0;
    static constexpr std::array<std::int64_t, 4> maxRows = {-1, 0, 1, 5};
    const std::int64_t rows = maxRows[(knobs >> 6) & 3];
    const MemoryFile memory(file, fileSize);
    const FilePreview preview = previewFile(memory.path(), rows);
    const bool readsCleanly = plain.opened && !plain.error && !plain.records.empty();
    if (rows < 0)
        SL_FUZZ_CHECK(preview.ok == readsCleanly, "preview ok %d, the reader %d", int(preview.ok), int(readsCleanly));
    SL_FUZZ_CHECK(preview.ok || !preview.error.isEmpty(), "a failed preview without a message");
    if (preview.ok) {
        SL_FUZZ_CHECK(preview.format.encoding == plain.format.encoding
                          && preview.format.delimiter == plain.format.delimiter,
                      "the preview sniffed another format");
        SL_FUZZ_CHECK(std::size_t(preview.header.size()) == plain.records.front().size(),
                      "the preview's header has %lld columns, the first record %zu",
                      static_cast<long long>(preview.header.size()), plain.records.front().size());
        const std::size_t expectedRows = rows < 0 ? plain.records.size() - 1
                                                  : std::min<std::size_t>(std::size_t(rows), plain.records.size() - 1);
        SL_FUZZ_CHECK(preview.rows.size() == expectedRows, "the preview has %zu rows, expected %zu",
                      preview.rows.size(), expectedRows);
        if (preview.match)
            SL_FUZZ_CHECK(preview.match->claims() || preview.match->profile->generic, "a match that does not claim");
        else
            SL_FUZZ_CHECK(!preview.profileMessage.isEmpty(), "no profile and no message why");
    }
    return 0;
}
