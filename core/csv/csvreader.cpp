#include "csv/csvreader.h"

#include <QFile>
#include <QIODevice>
#include <QLocale>
#include <QObject>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define SL_CSV_SSE2 1
#endif

// How the reader works, and why:
//  - Bytes go through a decoder into one UTF-8 buffer, and records are parsed in that buffer, so
//    a field is a view and nothing is allocated per field. UTF-8 input (nearly every export) is
//    read straight into the buffer and only validated there; other encodings are transcoded.
//  - The parser jumps from one "special" byte (delimiter, quote, CR, LF) to the next with a
//    64-bit mask per 64 bytes (SSE2), so ordinary text costs a fraction of a cycle per byte.
//  - A record the buffer ends in the middle of is parsed again from its start once more input
//    is there. Each retry at least doubles what the record has to work with, so the cost stays
//    linear, and the parser needs no state across reads: that is what makes chunk boundaries
//    (even one byte at a time) a non-event.
//  - Unescaped text ("" inside quotes, text after a closing quote) goes to a scratch area sized
//    once per record, never into the input buffer, because a retried record must see its bytes
//    unchanged.
//
// Leniency, as Python's csv module and Excel read files:
//  - a quote inside an unquoted field is an ordinary character: 5'11" stays 5'11";
//  - text between a closing quote and the next delimiter is appended to the field, and quotes in
//    it are ordinary characters: "x"y -> xy, "x" "y" -> x "y";
//  - a record may have any number of fields; counting them against the header is the caller's job.

namespace sl {

namespace {

constexpr std::size_t sniffWindow = 64 * 1024;
// Slack after the decoded bytes: the parser reads whole 64-byte blocks and the decoders write a
// few bytes past the last character.
constexpr std::size_t padding = 64;
// An offset no block starts at: `p - invalidBlock` wraps around to something far above 64.
constexpr std::size_t invalidBlock = std::size_t(-1) / 2;

struct Utf8Bytes
{
    char bytes[3];
    unsigned char length;
};

constexpr Utf8Bytes utf8Of(char32_t cp)
{
    if (cp < 0x80)
        return {{char(cp), 0, 0}, 1};
    if (cp < 0x800)
        return {{char(0xC0 | (cp >> 6)), char(0x80 | (cp & 0x3F)), 0}, 2};
    return {{char(0xE0 | (cp >> 12)), char(0x80 | ((cp >> 6) & 0x3F)), char(0x80 | (cp & 0x3F))}, 3};
}

// Windows-1252 as UTF-8, one entry per byte. The five bytes 1252 leaves unassigned map to the C1
// controls of the same number, as browsers do, so no byte is ever lost.
constexpr std::array<char16_t, 32> cp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

constexpr std::array<Utf8Bytes, 256> cp1252Utf8 = [] {
    std::array<Utf8Bytes, 256> table{};
    for (std::size_t byte = 0; byte < 256; ++byte)
        table[byte] = utf8Of(byte >= 0x80 && byte < 0xA0 ? cp1252High[byte - 0x80] : char32_t(byte));
    return table;
}();

// Writes 3 bytes whatever the length: callers leave room (see `padding`).
inline char *appendCp1252(char *out, unsigned char byte)
{
    const Utf8Bytes &utf8 = cp1252Utf8[byte];
    std::memcpy(out, utf8.bytes, 3);
    return out + utf8.length;
}

inline char *appendUtf8(char *out, char32_t cp)
{
    if (cp < 0x80) {
        *out++ = char(cp);
    } else if (cp < 0x800) {
        *out++ = char(0xC0 | (cp >> 6));
        *out++ = char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *out++ = char(0xE0 | (cp >> 12));
        *out++ = char(0x80 | ((cp >> 6) & 0x3F));
        *out++ = char(0x80 | (cp & 0x3F));
    } else {
        *out++ = char(0xF0 | (cp >> 18));
        *out++ = char(0x80 | ((cp >> 12) & 0x3F));
        *out++ = char(0x80 | ((cp >> 6) & 0x3F));
        *out++ = char(0x80 | (cp & 0x3F));
    }
    return out;
}

// Length of the valid UTF-8 sequence starting at p (2-4; p[0] >= 0x80), 0 if invalid, -1 if it
// may be valid but `end` cuts it off.
int utf8SequenceLength(const unsigned char *p, const unsigned char *end)
{
    const unsigned char b = p[0];
    int length = 0;
    if (b >= 0xC2 && b <= 0xDF)
        length = 2;
    else if (b >= 0xE0 && b <= 0xEF)
        length = 3;
    else if (b >= 0xF0 && b <= 0xF4)
        length = 4;
    else
        return 0;
    // Overlong forms, surrogates and code points above U+10FFFF are invalid from the second byte.
    if (end - p >= 2) {
        const unsigned char c = p[1];
        if ((b == 0xE0 && c < 0xA0) || (b == 0xED && c > 0x9F) || (b == 0xF0 && c < 0x90)
            || (b == 0xF4 && c > 0x8F)) {
            return 0;
        }
    }
    const std::ptrdiff_t available = end - p;
    for (int i = 1; i < length; ++i) {
        if (i >= available)
            return -1;
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    }
    return length;
}

// The first byte at or after p that is not ASCII (or end).
inline const unsigned char *skipAscii(const unsigned char *p, const unsigned char *end)
{
#ifdef SL_CSV_SSE2
    const auto load = [](const unsigned char *at) { return _mm_loadu_si128(reinterpret_cast<const __m128i *>(at)); };
    while (end - p >= 64) {
        const __m128i any = _mm_or_si128(_mm_or_si128(load(p), load(p + 16)), _mm_or_si128(load(p + 32), load(p + 48)));
        if (_mm_movemask_epi8(any))
            break;
        p += 64;
    }
    while (end - p >= 16) {
        const int high = _mm_movemask_epi8(load(p));
        if (high)
            return p + std::countr_zero(unsigned(high));
        p += 16;
    }
#else
    while (end - p >= 8) {
        std::uint64_t word;
        std::memcpy(&word, p, 8);
        if (word & 0x8080808080808080ULL)
            break;
        p += 8;
    }
#endif
    while (p < end && *p < 0x80)
        ++p;
    return p;
}

// The first byte at or after p that does not start a complete, valid UTF-8 sequence (or end).
const unsigned char *skipValidUtf8(const unsigned char *p, const unsigned char *end)
{
    while ((p = skipAscii(p, end)) < end) {
        const int length = utf8SequenceLength(p, end);
        if (length <= 0)
            return p;
        p += length;
    }
    return end;
}

// Decoders: from [p, end) to `out` (room for 3 bytes per input byte plus `padding`). They stop
// before a sequence `end` cuts off unless `final`, and say how much they consumed.
char *decodeCp1252(const unsigned char *p, const unsigned char *end, char *out)
{
    while (p < end) {
        if (end - p >= 8) {
            std::uint64_t word;
            std::memcpy(&word, p, 8);
            if (!(word & 0x8080808080808080ULL)) {
                std::memcpy(out, p, 8);
                p += 8;
                out += 8;
                continue;
            }
        }
        out = appendCp1252(out, *p++);
    }
    return out;
}

// UTF-8 where an invalid byte is read as Windows-1252: a stray byte in a UTF-8 export is most
// likely a character some tool pasted in that encoding, and dropping it would lose data.
char *decodeUtf8Lenient(const unsigned char *p, const unsigned char *end, bool final, char *out,
                        std::size_t *consumed)
{
    const unsigned char *const begin = p;
    while (p < end) {
        const unsigned char *valid = skipValidUtf8(p, end);
        std::memcpy(out, p, std::size_t(valid - p));
        out += valid - p;
        p = valid;
        if (p >= end)
            break;
        if (utf8SequenceLength(p, end) < 0 && !final)
            break;
        out = appendCp1252(out, *p++);
    }
    *consumed = std::size_t(p - begin);
    return out;
}

char *decodeUtf16(const unsigned char *p, const unsigned char *end, bool littleEndian, bool final, char *out,
                  std::size_t *consumed)
{
    const unsigned char *const begin = p;
    const auto unit = [littleEndian](const unsigned char *at) {
        return littleEndian ? char16_t(at[0] | (at[1] << 8)) : char16_t((at[0] << 8) | at[1]);
    };
    while (end - p >= 2) {
        const char16_t u = unit(p);
        if (u < 0x80) {
            *out++ = char(u);
            p += 2;
            continue;
        }
        char32_t cp = u;
        std::ptrdiff_t length = 2;
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (end - p < 4) {
                if (!final)
                    break; // the low surrogate is still to come
                cp = 0xFFFD;
            } else {
                const char16_t low = unit(p + 2);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    cp = 0x10000 + ((char32_t(u) - 0xD800) << 10) + (char32_t(low) - 0xDC00);
                    length = 4;
                } else {
                    cp = 0xFFFD;
                }
            }
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            cp = 0xFFFD;
        }
        out = appendUtf8(out, cp);
        p += length;
    }
    if (final && p < end) { // an odd byte at the very end
        out = appendUtf8(out, 0xFFFD);
        p = end;
    }
    *consumed = std::size_t(p - begin);
    return out;
}

// One bit per byte of p[0, 64) that is a delimiter, a quote, CR or LF.
#ifdef SL_CSV_SSE2
using DelimiterVector = __m128i;
inline DelimiterVector delimiterVector(char delimiter)
{
    return _mm_set1_epi8(delimiter);
}
inline std::uint64_t specialMask(const char *p, DelimiterVector delimiter)
{
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i cr = _mm_set1_epi8('\r');
    const __m128i lf = _mm_set1_epi8('\n');
    std::uint64_t mask = 0;
    for (int i = 0; i < 4; ++i) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * i));
        const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, delimiter), _mm_cmpeq_epi8(x, quote)),
                                         _mm_or_si128(_mm_cmpeq_epi8(x, cr), _mm_cmpeq_epi8(x, lf)));
        mask |= std::uint64_t(std::uint32_t(_mm_movemask_epi8(hit))) << (16 * i);
    }
    return mask;
}
#else
using DelimiterVector = char;
inline DelimiterVector delimiterVector(char delimiter)
{
    return delimiter;
}
inline std::uint64_t specialMask(const char *p, DelimiterVector delimiter)
{
    std::uint64_t mask = 0;
    for (int i = 0; i < 64; ++i) {
        const char c = p[i];
        if (c == delimiter || c == '"' || c == '\r' || c == '\n')
            mask |= std::uint64_t(1) << i;
    }
    return mask;
}
#endif

// Hands out the positions of special bytes in order, from one 64-bit mask per 64 bytes. Popping
// the lowest bit keeps the position of the current byte off the critical path: the next position
// depends only on the mask, not on what the parser did with this one.
struct Scanner
{
    const char *data;
    std::size_t end;
    std::size_t base;   // first byte of the block
    std::uint64_t mask; // the block's special bytes
    std::uint64_t bits; // those not handed out yet
    DelimiterVector delimiter;

    void startAt(std::size_t p)
    {
        const std::size_t offset = p - base;
        if (offset < 64) {
            bits = mask & (~std::uint64_t(0) << offset);
            return;
        }
        base = p;
        mask = bits = p < end ? specialMask(data + p, delimiter) : 0;
    }

    // The next special byte. The parser stops at the sentinel at `end`; the guard only keeps a
    // caller that pops past it inside the buffer.
    std::size_t pop()
    {
        while (!bits) {
            if (base + 64 >= end)
                return end;
            base += 64;
            mask = bits = specialMask(data + base, delimiter);
        }
        const std::size_t q = base + std::size_t(std::countr_zero(bits));
        bits &= bits - 1;
        return q; // never past the sentinel, which is found first
    }
};

struct Utf8Stats
{
    std::size_t multiByte = 0; // valid sequences of 2-4 bytes
    std::size_t invalid = 0;   // bytes that start no valid sequence
};

Utf8Stats utf8Stats(std::string_view bytes)
{
    Utf8Stats stats;
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *end = p + bytes.size();
    while ((p = skipAscii(p, end)) < end) {
        const int length = utf8SequenceLength(p, end);
        if (length < 0)
            break; // cut off by the end of the sample: no evidence either way
        if (length > 0) {
            ++stats.multiByte;
            p += length;
        } else {
            ++stats.invalid;
            ++p;
        }
    }
    return stats;
}

char sniffDelimiterIn(std::string_view text, bool wholeInput)
{
    static constexpr std::array<char, 4> candidates = {',', ';', '\t', '|'};
    constexpr std::size_t maxLines = 50;
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    // Per line (outside quotes, blank lines left out), how often each candidate occurs.
    std::array<std::array<int, 4>, maxLines> counts{};
    std::size_t lines = 0;
    std::array<int, 4> current{};
    bool inQuotes = false;
    bool content = false;
    for (const char c : text) {
        if (c == '"') {
            inQuotes = !inQuotes;
            content = true;
        } else if (inQuotes) {
            continue;
        } else if (c == '\n' || c == '\r') {
            if (content) {
                counts[lines++] = current;
                if (lines == maxLines)
                    break;
            }
            current = {};
            content = false;
        } else {
            content = true;
            for (std::size_t k = 0; k < candidates.size(); ++k)
                current[k] += c == candidates[k];
        }
    }
    // An unterminated last line is most likely cut off by the end of the prefix.
    if (content && lines < maxLines && (wholeInput || lines == 0))
        counts[lines++] = current;

    // The header line sets the field count; the delimiter is the one most lines agree with.
    // Header first because data lines may hold another candidate consistently (1,5 in European
    // files) while the header does not; ties go to the more common delimiter, in list order.
    char best = ',';
    std::size_t bestConsistent = 0;
    for (std::size_t k = 0; k < candidates.size(); ++k) {
        if (lines == 0 || counts[0][k] == 0)
            continue;
        std::size_t consistent = 0;
        for (std::size_t line = 0; line < lines; ++line)
            consistent += counts[line][k] == counts[0][k];
        if (consistent > bestConsistent) {
            bestConsistent = consistent;
            best = candidates[k];
        }
    }
    return best;
}

} // namespace

QString encodingName(TextEncoding encoding)
{
    switch (encoding) {
    case TextEncoding::Utf8: return QStringLiteral("UTF-8");
    case TextEncoding::Utf16LE: return QStringLiteral("UTF-16LE");
    case TextEncoding::Utf16BE: return QStringLiteral("UTF-16BE");
    case TextEncoding::Windows1252: return QStringLiteral("Windows-1252");
    }
    return {};
}

TextEncoding sniffEncoding(std::string_view prefix, bool *hasBom)
{
    const auto byteAt = [&](std::size_t i) { return static_cast<unsigned char>(prefix[i]); };
    bool bom = false;
    TextEncoding encoding = TextEncoding::Utf8;
    if (prefix.starts_with("\xEF\xBB\xBF")) {
        bom = true;
    } else if (prefix.size() >= 2 && byteAt(0) == 0xFF && byteAt(1) == 0xFE) {
        bom = true;
        encoding = TextEncoding::Utf16LE;
    } else if (prefix.size() >= 2 && byteAt(0) == 0xFE && byteAt(1) == 0xFF) {
        bom = true;
        encoding = TextEncoding::Utf16BE;
    } else {
        // UTF-16 without a BOM: the ASCII that every CSV has a lot of (delimiters, digits, line
        // breaks) puts NULs in every other byte. Some NULs on the other side are allowed for
        // characters like U+0100 or U+4E00, whose low byte is zero.
        const std::size_t sample = std::min<std::size_t>(prefix.size(), 4096) & ~std::size_t(1);
        std::size_t evenNuls = 0, oddNuls = 0;
        for (std::size_t i = 0; i < sample; i += 2) {
            evenNuls += prefix[i] == '\0';
            oddNuls += prefix[i + 1] == '\0';
        }
        const std::size_t units = sample / 2;
        if (units >= 2 && oddNuls * 4 >= units && evenNuls * 8 <= oddNuls) {
            encoding = TextEncoding::Utf16LE;
        } else if (units >= 2 && evenNuls * 4 >= units && oddNuls * 8 <= evenNuls) {
            encoding = TextEncoding::Utf16BE;
        } else {
            // Windows-1252 text almost never forms valid multi-byte UTF-8 by chance, so a UTF-8
            // export with the odd stray byte (mostly valid sequences) stays UTF-8.
            const Utf8Stats stats = utf8Stats(prefix);
            if (stats.invalid > 0 && stats.multiByte < 4 * stats.invalid)
                encoding = TextEncoding::Windows1252;
        }
    }
    if (hasBom)
        *hasBom = bom;
    return encoding;
}

char sniffDelimiter(std::string_view utf8Prefix)
{
    return sniffDelimiterIn(utf8Prefix, false);
}

struct CsvReader::Impl
{
    enum class Parse { Complete, NeedMore, Failed };

    CsvReaderOptions options;
    QString path;
    std::unique_ptr<QFile> ownedFile;
    QIODevice *device = nullptr;
    bool opened = false;
    bool openSucceeded = false;
    CsvFormat format;
    std::optional<CsvError> error;
    std::int64_t bytesRead = 0;
    std::int64_t totalBytes = -1;

    // The sniffed prefix, fed to the decoder chunk by chunk like any other bytes.
    std::string window;
    std::size_t windowPos = 0;
    bool deviceDone = false; // the device has no more bytes
    bool eof = false;        // ...and the decoder has flushed everything into `buf`

    // Decoded UTF-8 is buf[0, size), followed by a '\n' sentinel (see parseRecord); the next
    // record starts at `pos`. Bytes of a character the last read cut off wait in `raw`.
    std::unique_ptr<char[]> buf;
    std::size_t capacity = 0;
    std::size_t pos = 0;
    std::size_t size = 0;
    std::string raw;
    std::string tail; // reused by the lenient UTF-8 path

    std::int64_t line = 1;  // physical line at `pos`
    bool pendingCR = false; // a CR ended the last line: an LF right after it is the same break

    std::size_t blockBase = invalidBlock; // the Scanner's block, kept between records
    std::uint64_t blockMask = 0;

    std::unique_ptr<char[]> scratch; // unescaped fields of the current record
    std::size_t scratchCapacity = 0;

    // Where in `buf` the first NUL byte read after the sniffed prefix is (UTF-8 and Windows-1252,
    // where NUL is no text; npos while none). ensureOpen refuses a NUL in the prefix; one further
    // on used to pass into the fields, where SQLite's text functions cut the value short at it.
    // The record holding it now ends the reading with NotText and its line.
    std::size_t nulAt = std::string::npos;

    bool fail(CsvError::Kind kind, std::int64_t atLine, const QString &message)
    {
        error = CsvError{kind, atLine, message};
        return false;
    }

    bool ensureOpen();
    qint64 take(char *to, std::size_t max);
    void reserve(std::size_t needed);
    bool readMore();
    void settleUtf8(std::size_t length, bool final);
    bool growRecord();
    char *scratchFor(std::size_t bytes);
    Parse parseRecord(CsvRecord &record);
    Parse tooLarge();
};

bool CsvReader::Impl::ensureOpen()
{
    if (opened)
        return openSucceeded;
    opened = true;
    if (!device) {
        ownedFile = std::make_unique<QFile>(path);
        if (!ownedFile->open(QIODevice::ReadOnly))
            return fail(CsvError::Kind::CannotOpen, 0, QObject::tr("cannot open the file: %1").arg(ownedFile->errorString()));
        device = ownedFile.get();
    }
    if (!device->isReadable())
        return fail(CsvError::Kind::CannotOpen, 0, QObject::tr("the input is not open for reading"));
    if (!device->isSequential())
        totalBytes = device->size() - device->pos();

    // Sniff from a generous prefix even when chunks are tiny: a handful of bytes says nothing.
    window.resize(std::max(options.chunkSize, sniffWindow));
    std::size_t got = 0;
    while (got < window.size()) {
        const qint64 n = device->read(window.data() + got, qint64(window.size() - got));
        if (n == 0 && device->isSequential() && device->waitForReadyRead(-1))
            continue;
        if (n < 0)
            return fail(CsvError::Kind::CannotOpen, 0, QObject::tr("cannot read the file: %1").arg(device->errorString()));
        if (n == 0) {
            deviceDone = true;
            break;
        }
        got += std::size_t(n);
    }
    window.resize(got);

    const std::string_view prefix(window);
    if (prefix.starts_with("\x1F\x8B"))
        return fail(CsvError::Kind::NotText, 0, QObject::tr("this is a gzip-compressed file: unpack it first"));
    if (prefix.starts_with(std::string_view("PK\x03\x04", 4)) || prefix.starts_with(std::string_view("PK\x05\x06", 4))) {
        return fail(CsvError::Kind::NotText, 0,
                    QObject::tr("this is a ZIP/XLSX spreadsheet, not CSV: save it as CSV from Excel first"));
    }
    if (prefix.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
        return fail(CsvError::Kind::NotText, 0,
                    QObject::tr("this is an Excel 97-2003 (XLS) workbook, not CSV: save it as CSV from Excel first"));
    }

    bool bom = false;
    const TextEncoding sniffed = sniffEncoding(prefix, &bom);
    format.encoding = options.encoding.value_or(sniffed);
    if (format.encoding != sniffed)
        bom = false; // a forced encoding skips only its own BOM
    format.bom = bom;
    if ((format.encoding == TextEncoding::Utf8 || format.encoding == TextEncoding::Windows1252)
        && prefix.find('\0') != std::string_view::npos) {
        return fail(CsvError::Kind::NotText, 0,
                    QObject::tr("this looks like a binary file, not CSV text (it contains NUL bytes)"));
    }
    if (bom) {
        const std::size_t bomLength = format.encoding == TextEncoding::Utf8 ? 3 : 2;
        windowPos = bomLength;
        bytesRead += qint64(bomLength);
    }

    // A quote or a line break cannot delimit fields: such a forced delimiter is sniffed instead.
    const std::optional<char> forced = options.delimiter;
    if (forced && *forced != '"' && *forced != '\r' && *forced != '\n') {
        format.delimiter = *forced;
    } else {
        // Delimiters, quotes and line breaks are ASCII, which UTF-8 and Windows-1252 leave as it
        // is: only UTF-16 needs decoding to be sniffed.
        const std::string_view text = prefix.substr(windowPos, sniffWindow);
        const bool whole = deviceDone && text.size() == prefix.size() - windowPos;
        if (format.encoding == TextEncoding::Utf16LE || format.encoding == TextEncoding::Utf16BE) {
            std::string decoded(text.size() * 3 / 2 + padding, '\0');
            std::size_t consumed = 0;
            const auto *bytes = reinterpret_cast<const unsigned char *>(text.data());
            const char *end = decodeUtf16(bytes, bytes + text.size(), format.encoding == TextEncoding::Utf16LE, whole,
                                          decoded.data(), &consumed);
            decoded.resize(std::size_t(end - decoded.data()));
            format.delimiter = sniffDelimiterIn(decoded, whole);
        } else {
            format.delimiter = sniffDelimiterIn(text, whole);
        }
    }
    openSucceeded = true;
    return true;
}

// Up to `max` bytes, from the sniffed window first, then from the device.
qint64 CsvReader::Impl::take(char *to, std::size_t max)
{
    if (windowPos < window.size()) {
        const std::size_t n = std::min(max, window.size() - windowPos);
        std::memcpy(to, window.data() + windowPos, n);
        windowPos += n;
        if (windowPos == window.size()) {
            window = std::string(); // give the memory back
            windowPos = 0;
        }
        bytesRead += qint64(n);
        return qint64(n);
    }
    if (deviceDone)
        return 0;
    qint64 n = device->read(to, qint64(max));
    if (n == 0 && device->isSequential() && device->waitForReadyRead(-1))
        n = device->read(to, qint64(max));
    if (n < 0) {
        fail(CsvError::Kind::CannotOpen, 0, QObject::tr("cannot read the file: %1").arg(device->errorString()));
        return -1;
    }
    if (n == 0)
        deviceDone = true;
    bytesRead += n;
    return n;
}

void CsvReader::Impl::reserve(std::size_t needed)
{
    needed += padding;
    if (capacity >= needed)
        return;
    const std::size_t newCapacity = std::max(needed, capacity + capacity / 2);
    auto grown = std::make_unique<char[]>(newCapacity); // zeroed: padding is read, if ignored
    if (size)
        std::memcpy(grown.get(), buf.get(), size);
    buf = std::move(grown);
    capacity = newCapacity;
}

// Appends one chunk of input to `buf`, keeping the record that starts at `pos`. False on a read error.
bool CsvReader::Impl::readMore()
{
    if (pos > 0) {
        std::memmove(buf.get(), buf.get() + pos, size - pos);
        size -= pos;
        if (nulAt != std::string::npos)
            nulAt -= pos; // never before pos: the record holding it is the last one read
        pos = 0;
    }
    const std::size_t sizeBefore = size;
    blockBase = invalidBlock;
    const std::size_t chunk = options.chunkSize;
    // Decoding at most triples the size (a Windows-1252 byte may become 3 bytes of UTF-8).
    reserve(size + 3 * (chunk + raw.size() + 4));

    if (format.encoding == TextEncoding::Utf8) {
        // Straight into the buffer, behind what the last read left of a character.
        char *const start = buf.get() + size;
        const std::size_t kept = raw.size();
        std::memcpy(start, raw.data(), kept);
        raw.clear();
        const qint64 n = take(start + kept, chunk);
        if (n < 0)
            return false;
        settleUtf8(kept + std::size_t(n), n == 0);
    } else {
        const std::size_t kept = raw.size();
        raw.resize(kept + chunk);
        const qint64 n = take(raw.data() + kept, chunk);
        raw.resize(kept + std::size_t(std::max<qint64>(n, 0)));
        if (n < 0)
            return false;
        const auto *bytes = reinterpret_cast<const unsigned char *>(raw.data());
        const bool final = n == 0;
        std::size_t consumed = raw.size();
        char *out = buf.get() + size;
        if (format.encoding == TextEncoding::Windows1252)
            out = decodeCp1252(bytes, bytes + raw.size(), out);
        else
            out = decodeUtf16(bytes, bytes + raw.size(), format.encoding == TextEncoding::Utf16LE, final, out, &consumed);
        raw.erase(0, consumed);
        size = std::size_t(out - buf.get());
        if (final)
            eof = true;
    }
    const bool utf16 = format.encoding == TextEncoding::Utf16LE || format.encoding == TextEncoding::Utf16BE;
    if (nulAt == std::string::npos && !utf16 && size > sizeBefore) {
        if (const void *nul = std::memchr(buf.get() + sizeBefore, '\0', size - sizeBefore))
            nulAt = std::size_t(static_cast<const char *>(nul) - buf.get());
    }
    buf[size] = '\n';
    return true;
}

// Validates the `length` bytes just read at buf[size] in place; only bytes that are not valid
// UTF-8 cost a copy.
void CsvReader::Impl::settleUtf8(std::size_t length, bool final)
{
    const auto *start = reinterpret_cast<const unsigned char *>(buf.get()) + size;
    const auto *end = start + length;
    const auto *p = skipValidUtf8(start, end);
    if (p == end) {
        size += length;
    } else if (utf8SequenceLength(p, end) < 0 && !final) {
        raw.assign(reinterpret_cast<const char *>(p), std::size_t(end - p)); // finished by the next read
        size += std::size_t(p - start);
    } else {
        tail.assign(reinterpret_cast<const char *>(p), std::size_t(end - p));
        const auto *from = reinterpret_cast<const unsigned char *>(tail.data());
        std::size_t consumed = 0;
        char *out = decodeUtf8Lenient(from, from + tail.size(), final, buf.get() + size + (p - start), &consumed);
        size = std::size_t(out - buf.get());
        raw.assign(tail, consumed);
    }
    if (final)
        eof = true;
}

CsvReader::Impl::Parse CsvReader::Impl::tooLarge()
{
    fail(CsvError::Kind::FieldTooLarge, line,
         QObject::tr("the record starting on line %1 is larger than the limit of %2")
             .arg(line)
             .arg(QLocale().formattedDataSize(qint64(options.maxRecordBytes))));
    return Parse::Failed;
}

// The record at `pos` needs more input: at least double what it has, so retries stay linear.
bool CsvReader::Impl::growRecord()
{
    const std::size_t have = size - pos;
    if (have > options.maxRecordBytes) {
        tooLarge();
        return false;
    }
    const std::size_t want = std::min(2 * have, options.maxRecordBytes + 1);
    while (!eof && size - pos < want) {
        if (!readMore())
            return false;
    }
    return true;
}

// Room for the unescaped fields of one record; sized once per record so earlier views stay valid.
char *CsvReader::Impl::scratchFor(std::size_t bytes)
{
    if (scratchCapacity < bytes) {
        scratchCapacity = std::max(bytes, 2 * scratchCapacity);
        scratch = std::make_unique<char[]>(scratchCapacity);
    }
    return scratch.get();
}

namespace {

// Out of line: the parser's output pointers must stay in registers.
[[gnu::noinline]] std::string_view *growFields(std::vector<std::string_view> &fields, std::string_view *out)
{
    const std::size_t used = std::size_t(out - fields.data());
    fields.resize(std::max<std::size_t>(16, 2 * fields.size()));
    return fields.data() + used;
}

// Quoted text with each "" made one quote.
char *unescapeQuotes(const char *from, const char *to, char *out)
{
    while (from < to) {
        const auto *quote = static_cast<const char *>(std::memchr(from, '"', std::size_t(to - from)));
        const char *stop = quote ? quote + 1 : to;
        std::memcpy(out, from, std::size_t(stop - from));
        out += stop - from;
        from = stop + 1; // the second quote of the pair
    }
    return out;
}

} // namespace

// The hot loop. The '\n' sentinel at buf[size] is a special byte like any other, so the loop
// never checks for the end of the buffer: only a line break has to ask whether it is real.
CsvReader::Impl::Parse CsvReader::Impl::parseRecord(CsvRecord &record)
{
    const char *const b = buf.get();
    const std::size_t end = size;
    const char delimiter = format.delimiter;
    std::int64_t lineHere = line;
    char *scratchOut = nullptr; // where the next unescaped byte goes, once a field needs it

    // Fields are written through a pointer and the vector resized once at the end: no per-field
    // bookkeeping in memory.
    std::vector<std::string_view> &fields = record.fields;
    std::string_view *out = fields.data();
    std::string_view *outEnd = out + fields.size();

    Scanner scan{b, end, blockBase, blockMask, 0, delimiterVector(delimiter)};
    scan.startAt(pos);
    std::size_t fieldStart = pos;
    std::size_t q;
    while (true) {
        q = scan.pop();
        std::string_view value;
        const char c = b[q];
        if (c == delimiter) [[likely]] {
            value = std::string_view(b + fieldStart, q - fieldStart);
        } else if (c == '"') {
            if (q != fieldStart)
                continue; // a quote inside an unquoted field is an ordinary character
            const std::int64_t quoteLine = lineHere;
            const std::size_t contentStart = q + 1;
            bool doubled = false;
            std::size_t close;
            while (true) {
                close = scan.pop();
                const char inside = b[close];
                if (inside == '"') {
                    if (close + 1 == end) {
                        if (!eof)
                            return Parse::NeedMore; // "" or a closing quote: the next read tells
                        break;
                    }
                    if (b[close + 1] != '"')
                        break;
                    scan.pop(); // the pair's second quote
                    doubled = true;
                } else if (close == end) {
                    if (!eof)
                        return Parse::NeedMore;
                    // With small reads the limit would have stopped this record first.
                    if (end - pos > options.maxRecordBytes)
                        return tooLarge();
                    fail(CsvError::Kind::UnterminatedQuote, line,
                         QObject::tr("the quote opened on line %1 is never closed, so the rest of the file "
                                     "would be one field")
                             .arg(quoteLine));
                    return Parse::Failed;
                } else if (inside == '\r' || (inside == '\n' && b[close - 1] != '\r')) {
                    ++lineHere; // line breaks inside quotes are physical lines too; CRLF is one
                }
            }
            // The special byte right after the closing quote ends the field; anything else there
            // is text that joins it, its quotes as plain characters.
            q = scan.pop();
            const bool trailing = q != close + 1;
            if (trailing) {
                while (b[q] == '"')
                    q = scan.pop();
                if (q == end && !eof)
                    return Parse::NeedMore;
            }
            if (!doubled && !trailing) [[likely]] {
                value = std::string_view(b + contentStart, close - contentStart);
            } else {
                if (!scratchOut)
                    scratchOut = scratchFor(end - pos); // nothing unescaped outgrows its record
                char *const unescaped = scratchOut;
                scratchOut = unescapeQuotes(b + contentStart, b + close, scratchOut);
                if (trailing) {
                    std::memcpy(scratchOut, b + close + 1, q - close - 1);
                    scratchOut += q - close - 1;
                }
                value = std::string_view(unescaped, std::size_t(scratchOut - unescaped));
            }
        } else { // CR, LF or the sentinel
            if (q == end && !eof)
                return Parse::NeedMore;
            value = std::string_view(b + fieldStart, q - fieldStart);
        }
        if (out == outEnd) [[unlikely]] {
            out = growFields(fields, out);
            outEnd = fields.data() + fields.size();
        }
        *out++ = value;
        if (b[q] != delimiter)
            break;
        fieldStart = q + 1;
    }
    fields.resize(std::size_t(out - fields.data()));

    // q is on the record's line break, or on the sentinel at the end of the input. The limit
    // counts the record without its line break: a read may end between a CR and its LF, and
    // counting the LF only when it is there made a record at the limit pass or fail by chunk size.
    if (q - pos > options.maxRecordBytes)
        return tooLarge();
    if (q < end) {
        ++lineHere;
        if (b[q] == '\r') {
            if (q + 1 < end) {
                if (b[q + 1] == '\n') {
                    scan.pop();
                    ++q;
                }
            } else {
                pendingCR = true; // its LF, if any, comes with the next read
            }
        }
        ++q;
    }
    blockBase = scan.base;
    blockMask = scan.mask;
    record.line = line;
    line = lineHere;
    pos = q;
    return Parse::Complete;
}

CsvReader::CsvReader(const QString &path, CsvReaderOptions options)
    : d(std::make_unique<Impl>())
{
    d->options = options;
    d->options.chunkSize = std::max<std::size_t>(options.chunkSize, 1);
    d->path = path;
}

CsvReader::CsvReader(QIODevice *device, CsvReaderOptions options)
    : d(std::make_unique<Impl>())
{
    d->options = options;
    d->options.chunkSize = std::max<std::size_t>(options.chunkSize, 1);
    d->device = device;
}

CsvReader::~CsvReader() = default;

bool CsvReader::open()
{
    return d->ensureOpen();
}

const CsvFormat &CsvReader::format() const
{
    return d->format;
}

const std::optional<CsvError> &CsvReader::error() const
{
    return d->error;
}

std::int64_t CsvReader::bytesRead() const
{
    return d->bytesRead;
}

std::int64_t CsvReader::totalBytes() const
{
    return d->totalBytes;
}

bool CsvReader::next(CsvRecord &record)
{
    Impl &m = *d;
    if (!m.ensureOpen() || m.error) {
        record.fields.clear();
        return false;
    }
    while (true) {
        // Blank lines are no records; an LF right after a CR that ended a line is that break.
        while (true) {
            if (m.pos >= m.size) {
                if (m.eof || !m.readMore() || (m.eof && m.pos >= m.size)) {
                    record.fields.clear();
                    return false;
                }
                continue;
            }
            const char c = m.buf[m.pos];
            if (c == '\n') {
                if (!m.pendingCR)
                    ++m.line;
                m.pendingCR = false;
            } else if (c == '\r') {
                ++m.line;
                m.pendingCR = true;
            } else {
                break;
            }
            ++m.pos;
        }
        m.pendingCR = false;

        switch (m.parseRecord(record)) {
        case Impl::Parse::Complete:
            if (m.nulAt < m.pos) { // binary data after all: see nulAt
                m.fail(CsvError::Kind::NotText, record.line,
                       QObject::tr("the record starting on line %1 holds a NUL byte: this is binary data, not "
                                   "CSV text")
                           .arg(record.line));
                record.fields.clear();
                return false;
            }
            return true;
        case Impl::Parse::Failed:
            record.fields.clear();
            return false;
        case Impl::Parse::NeedMore:
            if (!m.growRecord()) {
                record.fields.clear();
                return false;
            }
            break;
        }
    }
}

} // namespace sl
