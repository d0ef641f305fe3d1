#pragma once

// Streaming CSV reader: bytes in any encoding a help desk or Excel writes -> UTF-8 records.
//
// Memory stays constant whatever the file size: the file is read in chunks, transcoded to UTF-8
// chunk by chunk, and only the record being parsed is kept. Fields are handed out as views into
// the reader's own buffer; they stay valid until the next call to next().
//
// What it accepts (RFC 4180 plus what real exports do):
//  - UTF-8 with or without BOM, UTF-16 LE/BE with BOM, Windows-1252 when the bytes are not valid
//    UTF-8 (decided from the first chunk; later invalid sequences are decoded as Windows-1252 too,
//    byte by byte, so nothing is dropped);
//  - the delimiter sniffed among , ; TAB | (or forced);
//  - quoted fields holding delimiters, doubled quotes and CR, LF or CRLF newlines;
//  - CR, LF or CRLF record ends, no final newline, blank lines (skipped, they are no records).
// Every record knows the 1-based physical line its first byte is on.

#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

class QIODevice;

namespace sl {

enum class TextEncoding { Utf8, Utf16LE, Utf16BE, Windows1252 };

QString encodingName(TextEncoding encoding); // "UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1252"

struct CsvFormat
{
    TextEncoding encoding = TextEncoding::Utf8;
    bool bom = false;
    char delimiter = ',';
};

struct CsvRecord
{
    std::int64_t line = 0;               // 1-based physical line of the record's first byte
    std::vector<std::string_view> fields; // UTF-8, quotes removed, "" unescaped
};

// Why reading stopped early. Anything the reader cannot make a record of is an error with its line.
struct CsvError
{
    enum class Kind {
        CannotOpen,       // file missing or unreadable
        NotText,          // NUL bytes or other binary content where text was expected
        UnterminatedQuote,// a quoted field still open at end of file
        FieldTooLarge,    // one record larger than the configured limit
    };
    Kind kind;
    std::int64_t line = 0; // 0 when not tied to a line
    QString message;       // a sentence for the user, without the file name
};

struct CsvReaderOptions
{
    std::optional<char> delimiter;               // forced delimiter; sniffed when empty
    std::optional<TextEncoding> encoding;        // forced encoding; sniffed when empty
    std::size_t chunkSize = 1 << 20;             // bytes read from the device at a time
    // A record larger than this is an error. No help-desk export has a 16 MB ticket (Excel stops
    // at 32,767 characters a cell), and an import holds a record in several copies at once (two
    // readers, the row batch, SQLite's), so a larger limit would let one hostile cell take
    // gigabytes; 256 MB let a 100 MB cell through at over 500 MB peak memory.
    std::size_t maxRecordBytes = 16u << 20;
};

class CsvReader
{
public:
    // Reads from a file it opens itself (size known, so progress works).
    explicit CsvReader(const QString &path, CsvReaderOptions options = {});
    // Reads from a device the caller owns and has opened for reading.
    explicit CsvReader(QIODevice *device, CsvReaderOptions options = {});
    ~CsvReader();
    CsvReader(const CsvReader &) = delete;
    CsvReader &operator=(const CsvReader &) = delete;

    // Sniffs encoding and delimiter from the first chunk (done lazily by next() otherwise).
    // Returns false, with error() set, when the input cannot be opened or is not text.
    bool open();
    const CsvFormat &format() const;

    // Fills `record` with the next record; false at end of input or on error (see error()).
    bool next(CsvRecord &record);
    const std::optional<CsvError> &error() const;

    std::int64_t bytesRead() const; // bytes consumed from the device so far (for progress)
    std::int64_t totalBytes() const; // -1 when unknown

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Sniffing on its own, for `inspect` and the import dialog: looks at a prefix of the raw bytes.
TextEncoding sniffEncoding(std::string_view prefix, bool *hasBom = nullptr);
char sniffDelimiter(std::string_view utf8Prefix);

} // namespace sl
