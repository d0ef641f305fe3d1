#include "csv/csvreader.h"

#include <QFile>
#include <QIODevice>
#include <QObject>

#include <array>
#include <cstring>

namespace sl {

namespace {

// Windows-1252's 0x80-0x9F; the five unassigned bytes map to the C1 controls, as browsers do.
constexpr std::array<char16_t, 32> cp1252High = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

void appendUtf8(std::string &out, char32_t cp)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

void appendCp1252(std::string &out, unsigned char byte)
{
    if (byte < 0x80)
        out.push_back(char(byte));
    else if (byte < 0xA0)
        appendUtf8(out, cp1252High[byte - 0x80]);
    else
        appendUtf8(out, byte);
}

// Length of the valid UTF-8 sequence starting at p (1-4), 0 if invalid, -1 if it may be valid
// but is cut off by `end`.
int utf8SequenceLength(const unsigned char *p, const unsigned char *end)
{
    const unsigned char b = p[0];
    int length = 0;
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        length = 2;
    else if (b >= 0xE0 && b <= 0xEF)
        length = 3;
    else if (b >= 0xF0 && b <= 0xF4)
        length = 4;
    else
        return 0;
    const std::ptrdiff_t available = end - p;
    for (int i = 1; i < length; ++i) {
        if (i >= available)
            return -1;
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    }
    // Overlong and surrogate forms.
    if (length == 3 && ((b == 0xE0 && p[1] < 0xA0) || (b == 0xED && p[1] > 0x9F)))
        return 0;
    if (length == 4 && ((b == 0xF0 && p[1] < 0x90) || (b == 0xF4 && p[1] > 0x8F)))
        return 0;
    return length;
}

bool isValidUtf8Prefix(std::string_view bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.data());
    const auto *end = p + bytes.size();
    while (p < end) {
        if (*p < 0x80) {
            ++p;
            continue;
        }
        const int length = utf8SequenceLength(p, end);
        if (length == 0)
            return false;
        if (length < 0)
            return true; // cut off at the end of the sample: fine
        p += length;
    }
    return true;
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
    if (prefix.size() >= 3 && byteAt(0) == 0xEF && byteAt(1) == 0xBB && byteAt(2) == 0xBF) {
        bom = true;
    } else if (prefix.size() >= 2 && byteAt(0) == 0xFF && byteAt(1) == 0xFE) {
        bom = true;
        encoding = TextEncoding::Utf16LE;
    } else if (prefix.size() >= 2 && byteAt(0) == 0xFE && byteAt(1) == 0xFF) {
        bom = true;
        encoding = TextEncoding::Utf16BE;
    } else {
        // UTF-16 without a BOM shows as NULs in every other byte of ASCII text.
        std::size_t evenNuls = 0, oddNuls = 0;
        const std::size_t sample = std::min<std::size_t>(prefix.size(), 4096);
        for (std::size_t i = 0; i < sample; ++i) {
            if (prefix[i] == '\0')
                ++(i % 2 ? oddNuls : evenNuls);
        }
        if (sample >= 4 && oddNuls > sample / 4 && evenNuls == 0)
            encoding = TextEncoding::Utf16LE;
        else if (sample >= 4 && evenNuls > sample / 4 && oddNuls == 0)
            encoding = TextEncoding::Utf16BE;
        else if (!isValidUtf8Prefix(prefix))
            encoding = TextEncoding::Windows1252;
    }
    if (hasBom)
        *hasBom = bom;
    return encoding;
}

char sniffDelimiter(std::string_view text)
{
    static constexpr std::array<char, 4> candidates = {',', ';', '\t', '|'};
    constexpr int maxLines = 30;
    // Per candidate, the count outside quotes on each of the first lines.
    std::array<std::array<int, maxLines>, 4> counts{};
    int lines = 0;
    bool inQuotes = false;
    std::array<int, 4> current{};
    for (std::size_t i = 0; i < text.size() && lines < maxLines; ++i) {
        const char c = text[i];
        if (c == '"') {
            inQuotes = !inQuotes;
        } else if (!inQuotes && (c == '\n' || c == '\r')) {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            for (std::size_t k = 0; k < 4; ++k)
                counts[k][std::size_t(lines)] = current[k];
            current = {};
            ++lines;
        } else if (!inQuotes) {
            for (std::size_t k = 0; k < 4; ++k) {
                if (c == candidates[k])
                    ++current[k];
            }
        }
    }
    if (lines < maxLines && (current[0] || current[1] || current[2] || current[3])) {
        for (std::size_t k = 0; k < 4; ++k)
            counts[k][std::size_t(lines)] = current[k];
        ++lines;
    }
    if (lines == 0)
        return ',';
    // The delimiter splits the header and most lines into the same number of fields.
    int bestScore = -1;
    char best = ',';
    for (std::size_t k = 0; k < 4; ++k) {
        const int headerCount = counts[k][0];
        if (headerCount == 0)
            continue;
        int consistent = 0;
        for (int line = 0; line < lines; ++line) {
            if (counts[k][std::size_t(line)] == headerCount)
                ++consistent;
        }
        const int score = consistent * 1000 + std::min(headerCount, 999);
        if (score > bestScore) {
            bestScore = score;
            best = candidates[k];
        }
    }
    return best;
}

struct CsvReader::Impl
{
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };

    CsvReaderOptions options;
    QString path;
    std::unique_ptr<QFile> ownedFile;
    QIODevice *device = nullptr;
    bool opened = false;
    bool openFailed = false;
    CsvFormat format;
    std::optional<CsvError> error;
    std::int64_t bytesRead = 0;
    std::int64_t totalBytes = -1;

    std::string raw;         // bytes read but not yet decoded (an incomplete sequence)
    std::string text;        // decoded UTF-8; records are parsed in place
    std::size_t parsePos = 0;
    bool deviceAtEnd = false;
    bool firstChunk = true;

    std::int64_t line = 1;   // physical line at parsePos
    bool lastWasCR = false;  // a CR just ended a line: an LF right after it is the same break

    std::vector<std::size_t> fieldBounds; // begin, end pairs (offsets into text)

    bool fail(CsvError::Kind kind, std::int64_t atLine, const QString &message)
    {
        error = CsvError{kind, atLine, message};
        return false;
    }

    bool readChunk();
    void decode(bool final);
    bool ensureOpen();
};

bool CsvReader::Impl::ensureOpen()
{
    if (opened)
        return !openFailed;
    opened = true;
    if (!device) {
        ownedFile = std::make_unique<QFile>(path);
        if (!ownedFile->open(QIODevice::ReadOnly)) {
            openFailed = true;
            return fail(CsvError::Kind::CannotOpen, 0,
                        QObject::tr("cannot open the file: %1").arg(ownedFile->errorString()));
        }
        device = ownedFile.get();
        totalBytes = ownedFile->size();
    } else if (!device->isSequential()) {
        totalBytes = device->size();
    }

    // Sniff from the first chunk of raw bytes.
    raw.resize(options.chunkSize < 65536 ? 65536 : options.chunkSize);
    qint64 got = 0;
    // Read until the sniffing window is full or the device is exhausted, so a tiny chunkSize
    // does not make the sniffer guess from a handful of bytes.
    while (got < qint64(raw.size())) {
        const qint64 n = device->read(raw.data() + got, qint64(raw.size()) - got);
        if (n < 0) {
            openFailed = true;
            return fail(CsvError::Kind::CannotOpen, 0,
                        QObject::tr("cannot read the file: %1").arg(device->errorString()));
        }
        if (n == 0)
            break;
        got += n;
    }
    raw.resize(std::size_t(got));
    bytesRead = got;
    deviceAtEnd = got < qint64(options.chunkSize < 65536 ? 65536 : options.chunkSize) || device->atEnd();

    const std::string_view prefix(raw);
    if (prefix.size() >= 2 && static_cast<unsigned char>(prefix[0]) == 0x1F && static_cast<unsigned char>(prefix[1]) == 0x8B) {
        openFailed = true;
        return fail(CsvError::Kind::NotText, 0,
                    QObject::tr("this is a gzip-compressed file, not CSV text: unpack it first"));
    }
    if (prefix.size() >= 4 && prefix.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
        openFailed = true;
        return fail(CsvError::Kind::NotText, 0,
                    QObject::tr("this is a ZIP archive or an Excel workbook (XLSX), not CSV text: save it as "
                                "CSV from your spreadsheet first"));
    }
    bool bom = false;
    format.encoding = options.encoding ? *options.encoding : sniffEncoding(prefix, &bom);
    if (options.encoding) {
        // A forced encoding still skips its own BOM.
        const TextEncoding forced = *options.encoding;
        bool sniffedBom = false;
        if (sniffEncoding(prefix, &sniffedBom) == forced)
            bom = sniffedBom;
    }
    format.bom = bom;
    if (format.encoding == TextEncoding::Utf8 || format.encoding == TextEncoding::Windows1252) {
        const std::size_t sample = std::min<std::size_t>(prefix.size(), 65536);
        if (std::memchr(prefix.data(), '\0', sample)) {
            openFailed = true;
            return fail(CsvError::Kind::NotText, 0,
                        QObject::tr("this looks like a binary file, not CSV text (it contains NUL bytes)"));
        }
    }
    if (bom)
        raw.erase(0, format.encoding == TextEncoding::Utf8 ? 3 : 2);
    decode(deviceAtEnd);
    format.delimiter = options.delimiter ? *options.delimiter : sniffDelimiter(std::string_view(text).substr(0, 65536));
    return true;
}

void CsvReader::Impl::decode(bool final)
{
    switch (format.encoding) {
    case TextEncoding::Utf8: {
        const auto *p = reinterpret_cast<const unsigned char *>(raw.data());
        const auto *end = p + raw.size();
        const auto *runStart = p;
        while (p < end) {
            // ASCII runs go through untouched, eight bytes at a time where possible.
            while (end - p >= 8) {
                std::uint64_t word;
                std::memcpy(&word, p, 8);
                if (word & 0x8080808080808080ULL)
                    break;
                p += 8;
            }
            if (p >= end)
                break;
            if (*p < 0x80) {
                ++p;
                continue;
            }
            const int length = utf8SequenceLength(p, end);
            if (length > 0) {
                p += length;
                continue;
            }
            text.append(reinterpret_cast<const char *>(runStart), std::size_t(p - runStart));
            if (length < 0 && !final) {
                runStart = p; // wait for the rest of the sequence
                raw.erase(0, std::size_t(runStart - reinterpret_cast<const unsigned char *>(raw.data())));
                return;
            }
            appendCp1252(text, *p); // an invalid byte: read as Windows-1252 so nothing is lost
            ++p;
            runStart = p;
        }
        text.append(reinterpret_cast<const char *>(runStart), std::size_t(end - runStart));
        raw.clear();
        return;
    }
    case TextEncoding::Windows1252: {
        for (char c : raw)
            appendCp1252(text, static_cast<unsigned char>(c));
        raw.clear();
        return;
    }
    case TextEncoding::Utf16LE:
    case TextEncoding::Utf16BE: {
        const bool little = format.encoding == TextEncoding::Utf16LE;
        std::size_t i = 0;
        const auto unit = [&](std::size_t at) {
            const auto a = static_cast<unsigned char>(raw[at]);
            const auto b = static_cast<unsigned char>(raw[at + 1]);
            return char16_t(little ? (a | (b << 8)) : ((a << 8) | b));
        };
        while (i + 1 < raw.size()) {
            const char16_t u = unit(i);
            if (u >= 0xD800 && u <= 0xDBFF) {
                if (i + 3 >= raw.size()) {
                    if (!final)
                        break; // the low surrogate is in the next chunk
                    appendUtf8(text, 0xFFFD);
                    i += 2;
                    continue;
                }
                const char16_t low = unit(i + 2);
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    appendUtf8(text, 0x10000 + ((char32_t(u) - 0xD800) << 10) + (char32_t(low) - 0xDC00));
                    i += 4;
                } else {
                    appendUtf8(text, 0xFFFD);
                    i += 2;
                }
                continue;
            }
            appendUtf8(text, (u >= 0xDC00 && u <= 0xDFFF) ? char32_t(0xFFFD) : char32_t(u));
            i += 2;
        }
        if (final && i < raw.size()) {
            appendUtf8(text, 0xFFFD); // an odd byte at the very end
            i = raw.size();
        }
        raw.erase(0, i);
        return;
    }
    }
}

bool CsvReader::Impl::readChunk()
{
    if (deviceAtEnd)
        return false;
    const std::size_t kept = raw.size();
    raw.resize(kept + options.chunkSize);
    const qint64 n = device->read(raw.data() + kept, qint64(options.chunkSize));
    if (n <= 0) {
        raw.resize(kept);
        deviceAtEnd = true;
        decode(true);
        return false;
    }
    raw.resize(kept + std::size_t(n));
    bytesRead += n;
    decode(false);
    return true;
}

CsvReader::CsvReader(const QString &path, CsvReaderOptions options)
    : d(std::make_unique<Impl>())
{
    d->options = options;
    d->path = path;
    if (d->options.chunkSize == 0)
        d->options.chunkSize = 1;
}

CsvReader::CsvReader(QIODevice *device, CsvReaderOptions options)
    : d(std::make_unique<Impl>())
{
    d->options = options;
    d->device = device;
    if (d->options.chunkSize == 0)
        d->options.chunkSize = 1;
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
    if (!m.ensureOpen() || m.error)
        return false;
    const char delimiter = m.format.delimiter;

    while (true) {
        // Drop what earlier records used, so the buffer holds one record plus one chunk.
        if (m.parsePos > 0 && m.parsePos >= m.text.size() / 2) {
            m.text.erase(0, m.parsePos);
            m.parsePos = 0;
        }
        // Skip the LF of a CRLF that was split from its CR, and blank lines.
        while (true) {
            if (m.parsePos >= m.text.size()) {
                if (!m.readChunk() && m.parsePos >= m.text.size())
                    return false;
                continue;
            }
            const char c = m.text[m.parsePos];
            if (c == '\n') {
                if (!m.lastWasCR)
                    ++m.line;
                m.lastWasCR = false;
                ++m.parsePos;
            } else if (c == '\r') {
                ++m.line;
                m.lastWasCR = true;
                ++m.parsePos;
            } else {
                break;
            }
        }
        m.lastWasCR = false;

        const std::size_t recordStart = m.parsePos;
        const std::int64_t recordLine = m.line;
        m.fieldBounds.clear();
        Impl::State state = Impl::State::FieldStart;
        std::size_t read = recordStart;  // next byte to look at
        std::size_t write = recordStart; // where the field's next byte goes (unescaping in place)
        std::size_t fieldStart = recordStart;
        std::int64_t lineHere = m.line;
        bool prevCR = false;
        bool complete = false;
        // The field ends at the delimiter under `read`; the next one starts after it.
        const auto nextField = [&] {
            m.fieldBounds.push_back(fieldStart);
            m.fieldBounds.push_back(write);
            ++read;
            ++write;
            fieldStart = write;
            state = Impl::State::FieldStart;
        };
        // The field ends at the line break under `read`, and so does the record.
        const auto endRecord = [&] {
            m.fieldBounds.push_back(fieldStart);
            m.fieldBounds.push_back(write);
            complete = true;
        };

        while (!complete) {
            if (read >= m.text.size()) {
                // Keep offsets: the buffer may move when it grows, offsets stay valid.
                if (read - recordStart > m.options.maxRecordBytes) {
                    return m.fail(CsvError::Kind::FieldTooLarge, recordLine,
                                  QObject::tr("the record starting on line %1 is larger than %2 MB")
                                      .arg(recordLine)
                                      .arg(m.options.maxRecordBytes >> 20));
                }
                if (!m.readChunk() && read >= m.text.size()) {
                    // End of input.
                    if (state == Impl::State::Quoted) {
                        m.line = lineHere;
                        m.parsePos = m.text.size();
                        return m.fail(CsvError::Kind::UnterminatedQuote, recordLine,
                                      QObject::tr("a quoted field opened on line %1 is never closed").arg(recordLine));
                    }
                    m.fieldBounds.push_back(fieldStart);
                    m.fieldBounds.push_back(write);
                    complete = true;
                    break;
                }
                continue;
            }
            char *data = m.text.data();
            const char c = data[read];
            switch (state) {
            case Impl::State::FieldStart:
                if (c == '"') {
                    state = Impl::State::Quoted;
                    ++read;
                    continue;
                }
                state = Impl::State::Unquoted;
                [[fallthrough]];
            case Impl::State::Unquoted: {
                // The hot loop: plain bytes of an unquoted field. Locals, because a char store
                // may alias anything and would make the compiler reload m.text on every byte.
                const std::size_t size = m.text.size();
                if (write == read) {
                    while (read < size) {
                        const char b = data[read];
                        if (b == delimiter || b == '\n' || b == '\r')
                            break;
                        ++read;
                    }
                    write = read;
                } else {
                    while (read < size) {
                        const char b = data[read];
                        if (b == delimiter || b == '\n' || b == '\r')
                            break;
                        data[write++] = b;
                        ++read;
                    }
                }
                if (read >= size)
                    continue;
                if (data[read] == delimiter)
                    nextField();
                else
                    endRecord();
                continue;
            }
            case Impl::State::Quoted:
                if (c == '"') {
                    state = Impl::State::QuoteInQuoted;
                    ++read;
                    continue;
                }
                // Line breaks inside quotes count as physical lines too.
                if (c == '\n') {
                    if (!prevCR)
                        ++lineHere;
                    prevCR = false;
                } else if (c == '\r') {
                    ++lineHere;
                    prevCR = true;
                } else {
                    prevCR = false;
                }
                data[write++] = c;
                ++read;
                continue;
            case Impl::State::QuoteInQuoted:
                prevCR = false;
                if (c == '"') { // a doubled quote is one quote
                    data[write++] = '"';
                    ++read;
                    state = Impl::State::Quoted;
                } else if (c == delimiter) {
                    nextField();
                } else if (c == '\n' || c == '\r') {
                    endRecord();
                } else {
                    // Text after the closing quote belongs to the field, as in Python's csv.
                    state = Impl::State::Unquoted;
                }
                continue;
            }
        }

        // `read` sits on the record's line break (or the end): consume it.
        m.line = lineHere;
        if (read < m.text.size()) {
            if (m.text[read] == '\r') {
                ++m.line;
                ++read;
                m.lastWasCR = true;
                if (read < m.text.size() && m.text[read] == '\n') {
                    ++read;
                    m.lastWasCR = false;
                }
            } else {
                ++m.line;
                ++read;
            }
        }
        m.parsePos = read;

        record.line = recordLine;
        record.fields.clear();
        const char *base = m.text.data();
        for (std::size_t i = 0; i < m.fieldBounds.size(); i += 2)
            record.fields.emplace_back(base + m.fieldBounds[i], m.fieldBounds[i + 1] - m.fieldBounds[i]);
        return true;
    }
}

} // namespace sl
