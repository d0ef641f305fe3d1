// The CSV reader against the csv-spectrum conformance suite, against what Excel and help desks
// really write, against a slow reference parser on random input, and against the real exports in
// ../shared/data/real. Nearly every case runs at many chunk sizes, down to one byte per read:
// where the reads split the input must never change what comes out.

#include "csv/csvreader.h"
#include "testsupport.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace sl;

namespace {

using Table = QList<QStringList>;

// Every split position of a short input is hit by one of the small sizes; 1 MB reads it at once.
const std::size_t chunkSizes[] = {1, 2, 3, 4, 5, 7, 8, 13, 64, 4096, std::size_t(1) << 20};

struct ParseResult
{
    Table records;
    QList<qint64> lines;
    CsvFormat format;
    std::optional<CsvError> error;
    std::int64_t bytesRead = 0;
    std::int64_t totalBytes = 0;
};

QString text(std::string_view field)
{
    return QString::fromUtf8(field.data(), qsizetype(field.size()));
}

ParseResult read(CsvReader &reader)
{
    ParseResult result;
    CsvRecord record;
    while (reader.next(record)) {
        QStringList fields;
        for (std::string_view field : record.fields)
            fields.append(text(field));
        result.records.append(fields);
        result.lines.append(record.line);
    }
    result.format = reader.format();
    result.error = reader.error();
    result.bytesRead = reader.bytesRead();
    result.totalBytes = reader.totalBytes();
    return result;
}

ParseResult parse(const QByteArray &bytes, std::size_t chunkSize = std::size_t(1) << 20,
                  CsvReaderOptions options = {})
{
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    options.chunkSize = chunkSize;
    CsvReader reader(&buffer, options);
    return read(reader);
}

QString show(const Table &table)
{
    QStringList rows;
    for (const QStringList &row : table)
        rows.append(QLatin1Char('[') + row.join(QLatin1Char('|')) + QLatin1Char(']'));
    return rows.join(QLatin1Char(' '));
}

QString show(const QList<qint64> &lines)
{
    QStringList numbers;
    for (qint64 line : lines)
        numbers.append(QString::number(line));
    return numbers.join(QLatin1Char(','));
}

QByteArray utf16(const QString &text, bool littleEndian, bool bom = true)
{
    QByteArray bytes;
    if (bom)
        bytes = littleEndian ? QByteArray("\xFF\xFE") : QByteArray("\xFE\xFF");
    for (QChar c : text) {
        const char16_t unit = c.unicode();
        const char high = char(unit >> 8), low = char(unit & 0xff);
        bytes.append(littleEndian ? low : high);
        bytes.append(littleEndian ? high : low);
    }
    return bytes;
}

// The rules the reader documents, one byte at a time, as plainly as they can be written: the
// reference for the random-input test. Blank lines are skipped, CR, LF and CRLF are one break,
// "" is a quote, text after a closing quote joins the field.
struct Reference
{
    QList<QByteArrayList> records;
    QList<qint64> lines;
    std::optional<std::pair<CsvError::Kind, qint64>> error;
};

Reference referenceParse(const QByteArray &s, char delimiter)
{
    Reference result;
    const qsizetype n = s.size();
    qsizetype i = 0;
    qint64 line = 1;
    const auto lineBreakAt = [&](qsizetype at) { return at < n && (s[at] == '\r' || s[at] == '\n'); };
    const auto skipLineBreak = [&] {
        i += (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
        ++line;
    };
    while (i < n) {
        if (lineBreakAt(i)) {
            skipLineBreak();
            continue;
        }
        const qint64 recordLine = line;
        QByteArrayList fields;
        while (true) {
            QByteArray field;
            if (i < n && s[i] == '"') {
                ++i;
                while (true) {
                    if (i >= n) {
                        result.error = std::pair{CsvError::Kind::UnterminatedQuote, recordLine};
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
            fields.append(field);
            if (i < n && s[i] == delimiter) {
                ++i;
                continue;
            }
            break;
        }
        if (i < n)
            skipLineBreak();
        result.records.append(fields);
        result.lines.append(recordLine);
    }
    return result;
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void csvSpectrum_data()
    {
        QTest::addColumn<QString>("name");
        const QString folder = test::sharedDataPath(QStringLiteral("csv-spectrum/csvs"));
        if (folder.isEmpty())
            QSKIP("../shared/data/csv-spectrum is not here (it is not part of a clone)");
        const QStringList files = QDir(folder).entryList({QStringLiteral("*.csv")}, QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 12);
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << file.chopped(4);
    }

    void csvSpectrum()
    {
        QFETCH(QString, name);
        QFile csv(test::sharedDataPath(QStringLiteral("csv-spectrum/csvs/%1.csv").arg(name)));
        QFile json(test::sharedDataPath(QStringLiteral("csv-spectrum/json/%1.json").arg(name)));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QByteArray bytes = csv.readAll();

        // The expected file is an array of objects keyed by header (one file has a bare object).
        const QJsonDocument document = QJsonDocument::fromJson(json.readAll());
        QJsonArray expected = document.isArray() ? document.array() : QJsonArray{document.object()};
        if (name == QLatin1String("location_coordinates")) {
            // csv-spectrum's expected JSON has a phone number the CSV does not contain
            // (1234567890 against the file's 2095257564): an upstream mismatch, not ours.
            QJsonObject row = expected.at(0).toObject();
            row.insert(QStringLiteral("Contact Phone Number"), QStringLiteral("2095257564"));
            expected.replace(0, row);
        }
        // The suite's *_crlf files are meant to hold CRLF bytes; a checkout that normalised them
        // to LF (as ../shared's copy is) must be compared with LF in the expected values too.
        if (!bytes.contains('\r')) {
            for (qsizetype i = 0; i < expected.size(); ++i) {
                QJsonObject row = expected.at(i).toObject();
                for (auto it = row.begin(); it != row.end(); ++it)
                    it.value() = it.value().toString().replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
                expected.replace(i, row);
            }
        }

        for (std::size_t chunk : chunkSizes) {
            const ParseResult parsed = parse(bytes, chunk);
            QVERIFY2(!parsed.error, parsed.error ? qPrintable(parsed.error->message) : "");
            QVERIFY(!parsed.records.isEmpty());
            const QStringList header = parsed.records.first();
            QCOMPARE(parsed.records.size() - 1, expected.size());
            for (qsizetype i = 0; i < expected.size(); ++i) {
                const QJsonObject object = expected.at(i).toObject();
                QCOMPARE(parsed.records.at(i + 1).size(), header.size());
                QCOMPARE(object.size(), header.size());
                for (qsizetype column = 0; column < header.size(); ++column) {
                    QVERIFY2(object.contains(header.at(column)), qPrintable(header.at(column)));
                    QCOMPARE(parsed.records.at(i + 1).at(column), object.value(header.at(column)).toString());
                }
            }
        }
    }

    void records_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected"); // records as [a|b] [c|d]
        QTest::addColumn<QString>("lines");    // each record's first line, comma-separated

        QTest::newRow("plain LF") << QByteArray("a,b\n1,2\n") << QStringLiteral("[a|b] [1|2]") << QStringLiteral("1,2");
        QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n") << QStringLiteral("[a|b] [1|2]") << QStringLiteral("1,2");
        QTest::newRow("old Mac CR only") << QByteArray("a,b\r1,2\r3,4") << QStringLiteral("[a|b] [1|2] [3|4]")
                                         << QStringLiteral("1,2,3");
        QTest::newRow("no final newline") << QByteArray("a,b\n1,2") << QStringLiteral("[a|b] [1|2]") << QStringLiteral("1,2");
        QTest::newRow("a quoted field ends the file without a newline")
            << QByteArray("a,b\n1,\"x, y\"") << QStringLiteral("[a|b] [1|x, y]") << QStringLiteral("1,2");
        QTest::newRow("blank lines and trailing blank lines are no records")
            << QByteArray("a,b\n\n1,2\r\n\r\n\n") << QStringLiteral("[a|b] [1|2]") << QStringLiteral("1,3");
        QTest::newRow("blank lines before the header still count as lines")
            << QByteArray("\n\r\n\ra,b\n1,2") << QStringLiteral("[a|b] [1|2]") << QStringLiteral("4,5");
        QTest::newRow("only blank lines: no records") << QByteArray("\r\n\n\r\r") << QString() << QString();
        QTest::newRow("a delimiter inside quotes") << QByteArray("a,b\n\"x,y\",2\n") << QStringLiteral("[a|b] [x,y|2]")
                                                   << QStringLiteral("1,2");
        QTest::newRow("doubled quotes are one quote")
            << QByteArray("a\n\"say \"\"hi\"\"\"\n") << QStringLiteral("[a] [say \"hi\"]") << QStringLiteral("1,2");
        QTest::newRow("a field of one escaped quote, and an empty quoted field")
            << QByteArray("a,b\n\"\"\"\",\"\"\n") << QStringLiteral("[a|b] [\"|]") << QStringLiteral("1,2");
        QTest::newRow("LF, CRLF and CR inside quotes count as lines")
            << QByteArray("s,n\n\"one\ntwo\r\nthree\rfour\",1\nnext,2\n")
            << QStringLiteral("[s|n] [one\ntwo\r\nthree\rfour|1] [next|2]") << QStringLiteral("1,2,6");
        QTest::newRow("line numbers after several multi-line fields")
            << QByteArray("id,text\n1,\"a\nb\"\n2,\"c\r\n\r\nd\"\n3,e\n")
            << QStringLiteral("[id|text] [1|a\nb] [2|c\r\n\r\nd] [3|e]") << QStringLiteral("1,2,4,7");
        QTest::newRow("empty and duplicate header names") << QByteArray("id,,id\n1,2,3\n")
                                                          << QStringLiteral("[id||id] [1|2|3]") << QStringLiteral("1,2");
        QTest::newRow("empty fields, quoted and not") << QByteArray("a,b,c\n,\"\",\n") << QStringLiteral("[a|b|c] [||]")
                                                      << QStringLiteral("1,2");
        QTest::newRow("a line of only delimiters is a record of empty fields")
            << QByteArray("a,b,c,d\n,,,\n") << QStringLiteral("[a|b|c|d] [|||]") << QStringLiteral("1,2");
        QTest::newRow("a line of spaces is a record, not a blank line")
            << QByteArray("a\n   \nb\n") << QStringLiteral("[a] [   ] [b]") << QStringLiteral("1,2,3");
        QTest::newRow("a delimiter at the very end adds an empty field")
            << QByteArray("a,b\n1,") << QStringLiteral("[a|b] [1|]") << QStringLiteral("1,2");
        QTest::newRow("records may have more or fewer fields than the header")
            << QByteArray("a,b\n1\n1,2,3\n") << QStringLiteral("[a|b] [1] [1|2|3]") << QStringLiteral("1,2,3");
        QTest::newRow("a quote in the middle of an unquoted field is kept")
            << QByteArray("a,b\n5'11\",x\nab\"c\"d,y\n") << QStringLiteral("[a|b] [5'11\"|x] [ab\"c\"d|y]")
            << QStringLiteral("1,2,3");
        QTest::newRow("text after a closing quote joins the field, as in Python")
            << QByteArray("a,b\n\"x\"y,z\n") << QStringLiteral("[a|b] [xy|z]") << QStringLiteral("1,2");
        QTest::newRow("quotes after a closing quote are plain characters")
            << QByteArray("a,b\n\"x\" \"y\",1\n\"p\"\"q\"r\"s\n") << QStringLiteral("[a|b] [x \"y\"|1] [p\"qr\"s]")
            << QStringLiteral("1,2,3");
        QTest::newRow("a quote after leading spaces is kept, as in Python")
            << QByteArray("a,b\n \"x\",1\n") << QStringLiteral("[a|b] [ \"x\"|1]") << QStringLiteral("1,2");
        QTest::newRow("a UTF-8 BOM is not part of the first name")
            << QByteArray("\xEF\xBB\xBFId,Name\n1,Zo\xC3\xAB\n") << QStringLiteral("[Id|Name] [1|Zoë]") << QStringLiteral("1,2");
        QTest::newRow("multi-byte characters split at every chunk boundary")
            << QByteArray("name,icon\nZo\xC3\xAB,\xF0\x9F\x8E\xA7\n\xE2\x82\xAC,\"\xC3\xA9\"\"\xC3\xA9\"\n")
            << QStringLiteral("[name|icon] [Zoë|🎧] [€|é\"é]") << QStringLiteral("1,2,3");
        QTest::newRow("a CRLF split between two reads is one line break")
            << QByteArray("ab,c\r\nd,e\r\n\r\nf,g\r\n") << QStringLiteral("[ab|c] [d|e] [f|g]") << QStringLiteral("1,2,4");
        QTest::newRow("semicolons, as European Excel writes")
            << QByteArray("a;b;c\n1,5;2;3\n") << QStringLiteral("[a|b|c] [1,5|2|3]") << QStringLiteral("1,2");
        QTest::newRow("tabs") << QByteArray("a\tb\n1\t2\n") << QStringLiteral("[a|b] [1|2]") << QStringLiteral("1,2");
        QTest::newRow("pipes") << QByteArray("a|b\n1|2\n") << QStringLiteral("[a|b] [1|2]") << QStringLiteral("1,2");
        QTest::newRow("commas inside quotes do not fool the sniffer")
            << QByteArray("a;b\n\"x, y, z\";2\n\"p, q\";3\n") << QStringLiteral("[a|b] [x, y, z|2] [p, q|3]")
            << QStringLiteral("1,2,3");
        QTest::newRow("Windows-1252 bytes become UTF-8")
            << QByteArray("name,price\nCaf\xE9,\x80 5\n\x82t\xE9,\x93q\x94\n")
            << QStringLiteral("[name|price] [Café|€ 5] [‚té|“q”]") << QStringLiteral("1,2,3");
        QTest::newRow("a single column") << QByteArray("id\n1\n2\n") << QStringLiteral("[id] [1] [2]")
                                         << QStringLiteral("1,2,3");
        QTest::newRow("a file with only a BOM has no records") << QByteArray("\xEF\xBB\xBF") << QString() << QString();
        QTest::newRow("an empty file has no records") << QByteArray() << QString() << QString();
    }

    void records()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QFETCH(QString, lines);
        for (std::size_t chunk : chunkSizes) {
            const ParseResult parsed = parse(bytes, chunk);
            QVERIFY2(!parsed.error, parsed.error ? qPrintable(parsed.error->message) : "");
            QCOMPARE(show(parsed.records), expected);
            QCOMPARE(show(parsed.lines), lines);
            QCOMPARE(parsed.bytesRead, bytes.size());
        }
    }

    void encodings_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("encoding");
        QTest::addColumn<bool>("bom");
        QTest::addColumn<QString>("expected");
        // 𝄞 and 🎧 are surrogate pairs in UTF-16: the small chunk sizes split them.
        const QString text = QStringLiteral("Agent,Team\nZoë Müller,Tier 1\n𝄞 Łukasz,\"Ürün, 🎧\"\n");
        const QString expected = QStringLiteral("[Agent|Team] [Zoë Müller|Tier 1] [𝄞 Łukasz|Ürün, 🎧]");
        QTest::newRow("UTF-8 without BOM") << text.toUtf8() << int(TextEncoding::Utf8) << false << expected;
        QTest::newRow("UTF-8 with BOM") << QByteArray("\xEF\xBB\xBF") + text.toUtf8() << int(TextEncoding::Utf8) << true
                                        << expected;
        QTest::newRow("UTF-16 little-endian with BOM") << utf16(text, true) << int(TextEncoding::Utf16LE) << true << expected;
        QTest::newRow("UTF-16 big-endian with BOM") << utf16(text, false) << int(TextEncoding::Utf16BE) << true << expected;
        QTest::newRow("UTF-16 little-endian without BOM, from its NUL bytes")
            << utf16(text, true, false) << int(TextEncoding::Utf16LE) << false << expected;
        QTest::newRow("UTF-16 big-endian without BOM, from its NUL bytes")
            << utf16(text, false, false) << int(TextEncoding::Utf16BE) << false << expected;
        QTest::newRow("a BOM-only UTF-16 file has no records") << QByteArray("\xFF\xFE") << int(TextEncoding::Utf16LE)
                                                               << true << QString();
        QTest::newRow("Windows-1252: e-acute as E9, euro as 80, low quote as 82, the unassigned 81 kept")
            << QByteArray("a;b\nCaf\xE9;\x80 3\n\x82x\x82;\x81\n") << int(TextEncoding::Windows1252) << false
            << QStringLiteral("[a|b] [Café|€ 3] [‚x‚|\u0081]");
        QTest::newRow("a UTF-8 export with one stray Windows-1252 byte stays UTF-8")
            << QByteArray("name\nZo\xC3\xAB\nJos\xC3\xA9\nM\xC3\xBCller\nCaf\xC3\xA9\nFa\xC3\xA7""ade\nit\x92s\n")
            << int(TextEncoding::Utf8) << false << QStringLiteral("[name] [Zoë] [José] [Müller] [Café] [Façade] [it’s]");
    }

    void encodings()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, encoding);
        QFETCH(bool, bom);
        QFETCH(QString, expected);
        for (std::size_t chunk : chunkSizes) {
            const ParseResult parsed = parse(bytes, chunk);
            QVERIFY2(!parsed.error, parsed.error ? qPrintable(parsed.error->message) : "");
            QCOMPARE(int(parsed.format.encoding), encoding);
            QCOMPARE(parsed.format.bom, bom);
            QCOMPARE(show(parsed.records), expected);
            QCOMPARE(parsed.bytesRead, bytes.size());
        }
    }

    void windows1252AfterAnAsciiFirstChunk()
    {
        // The encoding is decided from the first chunk; a 1252 byte after it is still read as
        // 1252 (byte by byte) rather than dropped or replaced.
        QByteArray bytes = "id,name\n";
        for (int i = 0; bytes.size() < 200 * 1024; ++i)
            bytes += QByteArray::number(i) + ",plain ascii name\n";
        bytes += "last,Caf\xE9 \x80\n";
        for (std::size_t chunk : {std::size_t(1000), std::size_t(4096), std::size_t(1) << 20}) {
            const ParseResult parsed = parse(bytes, chunk);
            QVERIFY(!parsed.error);
            // The first chunk is at least 64 KB (for sniffing); a 1 MB one holds the whole file.
            const bool firstChunkHasIt = chunk >= std::size_t(bytes.size());
            QCOMPARE(int(parsed.format.encoding), int(firstChunkHasIt ? TextEncoding::Windows1252 : TextEncoding::Utf8));
            QCOMPARE(parsed.records.last(), QStringList({QStringLiteral("last"), QStringLiteral("Café €")}));
        }
    }

    void fixtureFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("encoding");
        QTest::addColumn<bool>("bom");
        QTest::addColumn<QString>("delimiter");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("lines");
        QTest::newRow("Excel's Unicode Text: UTF-16LE, BOM, TAB, CRLF, a line break in quotes")
            << QStringLiteral("excel-unicode-text-utf16le.csv") << int(TextEncoding::Utf16LE) << true
            << QStringLiteral("\t")
            << QStringLiteral("[Agent|Team|Note] [Zoë Müller|Tier 1|headset 🎧\r\nsecond line] [Łukasz|Tier 2|said \"hi\"]")
            << QStringLiteral("1,2,4");
        QTest::newRow("UTF-16BE with BOM and a surrogate pair")
            << QStringLiteral("utf16be-bom.csv") << int(TextEncoding::Utf16BE) << true << QStringLiteral(",")
            << QStringLiteral("[Agent|Team] [Zoë Müller|Tier 1] [𝄞 Łukasz|Ürün, 🎧]") << QStringLiteral("1,2,3");
        QTest::newRow("UTF-16LE without BOM") << QStringLiteral("utf16le-no-bom.csv") << int(TextEncoding::Utf16LE) << false
                                              << QStringLiteral(",")
                                              << QStringLiteral("[Agent|Team] [Zoë Müller|Tier 1] [𝄞 Łukasz|Ürün, 🎧]")
                                              << QStringLiteral("1,2,3");
        QTest::newRow("European Excel: Windows-1252, semicolons, decimal commas")
            << QStringLiteral("excel-windows1252-semicolon.csv") << int(TextEncoding::Windows1252) << false
            << QStringLiteral(";")
            << QStringLiteral("[Kunde|Betrag|Notiz] [Café Müller|€ 12,50|„gut‚ genug“] [José|3,00|naïve – ok]")
            << QStringLiteral("1,2,3");
    }

    void fixtureFiles()
    {
        QFETCH(QString, file);
        QFETCH(int, encoding);
        QFETCH(bool, bom);
        QFETCH(QString, delimiter);
        QFETCH(QString, expected);
        QFETCH(QString, lines);
        const QString path = test::fixturePath(QStringLiteral("csv/") + file);
        for (std::size_t chunk : chunkSizes) {
            CsvReaderOptions options;
            options.chunkSize = chunk;
            CsvReader reader(path, options);
            QVERIFY(reader.open());
            QCOMPARE(int(reader.format().encoding), encoding);
            QCOMPARE(reader.format().bom, bom);
            QCOMPARE(QString(QLatin1Char(reader.format().delimiter)), delimiter);
            const ParseResult parsed = read(reader);
            QVERIFY2(!parsed.error, parsed.error ? qPrintable(parsed.error->message) : "");
            QCOMPARE(show(parsed.records), expected);
            QCOMPARE(show(parsed.lines), lines);
            QCOMPARE(parsed.totalBytes, QFileInfo(path).size());
            QCOMPARE(parsed.bytesRead, parsed.totalBytes);
        }
    }

    void forcedEncodingAndDelimiter()
    {
        // The import's second pass forces what the first one sniffed; a forced encoding still
        // skips its own BOM.
        CsvReaderOptions options;
        options.encoding = TextEncoding::Windows1252;
        options.delimiter = ';';
        const ParseResult latin = parse(QByteArray("a,b;c\n\xC3\xA9,1;2\n"), 3, options);
        QCOMPARE(show(latin.records), QStringLiteral("[a,b|c] [Ã©,1|2]"));
        options.encoding = TextEncoding::Utf8;
        const ParseResult bom = parse(QByteArray("\xEF\xBB\xBFx;y\n"), 2, options);
        QCOMPARE(show(bom.records), QStringLiteral("[x|y]"));
        QVERIFY(bom.format.bom);
        options.delimiter = '\n'; // no delimiter at all: sniffed instead
        QCOMPARE(parse(QByteArray("x;y\n1;2\n"), 5, options).format.delimiter, ';');
    }

    void sniffEncoding_data()
    {
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<int>("encoding");
        QTest::addColumn<bool>("bom");
        QTest::newRow("ASCII is UTF-8") << QByteArray("a,b\n1,2\n") << int(TextEncoding::Utf8) << false;
        QTest::newRow("nothing at all is UTF-8") << QByteArray() << int(TextEncoding::Utf8) << false;
        QTest::newRow("UTF-8 BOM") << QByteArray("\xEF\xBB\xBF" "a") << int(TextEncoding::Utf8) << true;
        QTest::newRow("UTF-16LE BOM") << QByteArray("\xFF\xFE" "a\0", 4) << int(TextEncoding::Utf16LE) << true;
        QTest::newRow("UTF-16BE BOM") << QByteArray("\xFE\xFF\0a", 4) << int(TextEncoding::Utf16BE) << true;
        QTest::newRow("UTF-16LE without BOM: NULs in the odd bytes") << QByteArray("a\0,\0b\0\n\0", 8)
                                                                    << int(TextEncoding::Utf16LE) << false;
        QTest::newRow("UTF-16BE without BOM: NULs in the even bytes") << QByteArray("\0a\0,\0b\0\n", 8)
                                                                     << int(TextEncoding::Utf16BE) << false;
        QTest::newRow("valid UTF-8 letters") << QByteArray("Caf\xC3\xA9,Z\xC3\xBC") << int(TextEncoding::Utf8) << false;
        QTest::newRow("a character cut off by the end of the prefix is still UTF-8")
            << QByteArray("Caf\xC3\xA9,\xE2\x82") << int(TextEncoding::Utf8) << false;
        QTest::newRow("é as one byte is Windows-1252") << QByteArray("Caf\xE9,1\n") << int(TextEncoding::Windows1252) << false;
        QTest::newRow("curly quotes as one byte are Windows-1252") << QByteArray("\x93hi\x94\n")
                                                                   << int(TextEncoding::Windows1252) << false;
        QTest::newRow("an overlong UTF-8 form is not UTF-8") << QByteArray("a\xC0\xAF" "b") << int(TextEncoding::Windows1252)
                                                             << false;
        QTest::newRow("a UTF-8 surrogate is not UTF-8") << QByteArray("a\xED\xA0\x80" "b") << int(TextEncoding::Windows1252)
                                                        << false;
    }

    void sniffEncoding()
    {
        QFETCH(QByteArray, prefix);
        QFETCH(int, encoding);
        QFETCH(bool, bom);
        bool hasBom = !bom;
        QCOMPARE(int(sl::sniffEncoding(std::string_view(prefix.constData(), std::size_t(prefix.size())), &hasBom)),
                 encoding);
        QCOMPARE(hasBom, bom);
    }

    void sniffDelimiter_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("delimiter");
        QTest::newRow("commas") << QByteArray("a,b,c\n1,2,3\n") << QStringLiteral(",");
        QTest::newRow("semicolons with decimal commas in the data") << QByteArray("a;b;c\n1,5;2;3\n4,5;6;7,25\n")
                                                                    << QStringLiteral(";");
        QTest::newRow("tabs") << QByteArray("a\tb\n1\t2\n") << QStringLiteral("\t");
        QTest::newRow("pipes") << QByteArray("a|b|c\n1|2|3\n") << QStringLiteral("|");
        QTest::newRow("CRLF and CR line ends") << QByteArray("a;b\r\n1;2\r3;4\r") << QStringLiteral(";");
        QTest::newRow("delimiters inside quotes do not count")
            << QByteArray("\"a,b\";c\n\"1,2,3\";4\n\"x\ny,z\";5\n") << QStringLiteral(";");
        QTest::newRow("the most consistent count wins over the most frequent")
            << QByteArray("a;b;c\n1;2,3,4,5;6\n7;8;9,9,9,9,9\n") << QStringLiteral(";");
        QTest::newRow("a tie goes to the comma") << QByteArray("a,b;c\n1,2;3\n") << QStringLiteral(",");
        QTest::newRow("a tie between ; and | goes to the semicolon") << QByteArray("a;b|c\n1;2|3\n")
                                                                     << QStringLiteral(";");
        QTest::newRow("a tie between TAB and | goes to the TAB") << QByteArray("a\tb|c\n1\t2|3\n")
                                                                 << QStringLiteral("\t");
        QTest::newRow("blank lines do not count") << QByteArray("a|b\n\n\n1|2\n\n") << QStringLiteral("|");
        QTest::newRow("a UTF-8 BOM in front") << QByteArray("\xEF\xBB\xBF" "a;b\n1;2\n") << QStringLiteral(";");
        QTest::newRow("a single column falls back to the comma") << QByteArray("id\n1\n2\n") << QStringLiteral(",");
        QTest::newRow("nothing at all falls back to the comma") << QByteArray() << QStringLiteral(",");
        QTest::newRow("a header alone") << QByteArray("a|b|c") << QStringLiteral("|");
    }

    void sniffDelimiter()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, delimiter);
        const char sniffed = sl::sniffDelimiter(std::string_view(text.constData(), std::size_t(text.size())));
        QCOMPARE(QString(QLatin1Char(sniffed)), delimiter);
    }

    void encodingNames()
    {
        QCOMPARE(encodingName(TextEncoding::Utf8), QStringLiteral("UTF-8"));
        QCOMPARE(encodingName(TextEncoding::Utf16LE), QStringLiteral("UTF-16LE"));
        QCOMPARE(encodingName(TextEncoding::Utf16BE), QStringLiteral("UTF-16BE"));
        QCOMPARE(encodingName(TextEncoding::Windows1252), QStringLiteral("Windows-1252"));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("kind");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<QString>("messagePart");
        QTest::addColumn<int>("recordsBefore");
        QTest::newRow("a quote left open at the end of the file")
            << QByteArray("a,b\n1,2\n3,\"never\nclosed\n") << int(CsvError::Kind::UnterminatedQuote) << qint64(3)
            << QStringLiteral("opened on line 3") << 2;
        QTest::newRow("an open quote: the record's first line, and the quote's line in the message")
            << QByteArray("a,b,c\n1,\"two\r\nlines\",\"never\nclosed\n\n") << int(CsvError::Kind::UnterminatedQuote)
            << qint64(2) << QStringLiteral("opened on line 3") << 1;
        QTest::newRow("a quote opened at the very end")
            << QByteArray("a,b\n1,\"") << int(CsvError::Kind::UnterminatedQuote) << qint64(2)
            << QStringLiteral("opened on line 2") << 1;
        QTest::newRow("NUL bytes: a binary file") << QByteArray("ab\0\0\x01\x02" "cd\n", 9) << int(CsvError::Kind::NotText)
                                                  << qint64(0) << QStringLiteral("binary file") << 0;
        QTest::newRow("a PNG image") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20)
                                     << int(CsvError::Kind::NotText) << qint64(0) << QStringLiteral("binary file") << 0;
        QTest::newRow("a gzip file renamed to .csv") << QByteArray("\x1f\x8b\x08\x00rest", 8)
                                                     << int(CsvError::Kind::NotText) << qint64(0)
                                                     << QStringLiteral("gzip-compressed file: unpack it first") << 0;
        QTest::newRow("an Excel workbook (XLSX) renamed to .csv")
            << QByteArray("PK\x03\x04" "xl/workbook.xml", 19) << int(CsvError::Kind::NotText) << qint64(0)
            << QStringLiteral("ZIP/XLSX spreadsheet, not CSV: save it as CSV from Excel first") << 0;
        QTest::newRow("an Excel 97-2003 workbook (XLS) renamed to .csv")
            << QByteArray("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 12) << int(CsvError::Kind::NotText) << qint64(0)
            << QStringLiteral("(XLS)") << 0;
    }

    void errors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, kind);
        QFETCH(qint64, line);
        QFETCH(QString, messagePart);
        QFETCH(int, recordsBefore);
        for (std::size_t chunk : chunkSizes) {
            const ParseResult parsed = parse(bytes, chunk);
            QVERIFY(parsed.error);
            QCOMPARE(int(parsed.error->kind), kind);
            QCOMPARE(qint64(parsed.error->line), line);
            QVERIFY2(parsed.error->message.contains(messagePart), qPrintable(parsed.error->message));
            QCOMPARE(parsed.records.size(), recordsBefore);
        }
        // Not text is known as soon as the reader opens, before any record.
        if (kind == int(CsvError::Kind::NotText)) {
            QBuffer buffer(&bytes);
            buffer.open(QIODevice::ReadOnly);
            CsvReader reader(&buffer);
            QVERIFY(!reader.open());
            QCOMPARE(int(reader.error()->kind), kind);
        }
    }

    void recordsLargerThanTheLimit_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qint64>("line");
        QTest::addColumn<int>("recordsBefore");
        QTest::newRow("a record that outgrows several reads")
            << "a,b\n1,\"" + QByteArray(300000, 'x') + "\"\n" << qint64(2) << 1;
        QTest::newRow("a quote that never closes is stopped by the limit, not the end of the file")
            << "a,b\n1,2\n3,\"" + QByteArray(300000, 'x') + "\n" + QByteArray(300000, 'y') << qint64(3) << 2;
        QTest::newRow("a record that fits in one read still counts")
            << "a,b\n1,2\n3,4\n5," + QByteArray(120000, 'z') + "\n6,7\n" << qint64(4) << 3;
    }

    void recordsLargerThanTheLimit()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qint64, line);
        QFETCH(int, recordsBefore);
        CsvReaderOptions options;
        options.maxRecordBytes = 100000;
        for (std::size_t chunk : {std::size_t(4096), std::size_t(65536), std::size_t(1) << 20}) {
            const ParseResult parsed = parse(bytes, chunk, options);
            QVERIFY(parsed.error);
            QCOMPARE(parsed.error->kind, CsvError::Kind::FieldTooLarge);
            QCOMPARE(qint64(parsed.error->line), line);
            QCOMPARE(parsed.records.size(), recordsBefore);
        }
    }

    void theLimitLeavesTheLineBreakOut_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("records"); // before the error, if any
        QTest::addColumn<bool>("tooLarge");
        // Found by fuzzing: the LF of a CRLF counted only when the same read brought it, so a
        // record at the limit passed with some read sizes and failed with others.
        QTest::newRow("a record at the limit, CRLF") << QByteArray("abcde\r\nfg\r\n") << 2 << false;
        QTest::newRow("a record at the limit, quoted, CRLF") << QByteArray("\"b\"\"\"\r\nfg\r\n") << 2 << false;
        QTest::newRow("a record at the limit, LF") << QByteArray("abcde\nfg\n") << 2 << false;
        QTest::newRow("a record at the limit, CR") << QByteArray("abcde\rfg\r") << 2 << false;
        QTest::newRow("a record one byte over the limit, CRLF") << QByteArray("fg\r\nabcdef\r\n") << 1 << true;
        QTest::newRow("a record one byte over the limit at the end") << QByteArray("fg\r\nabcdef") << 1 << true;
    }

    void theLimitLeavesTheLineBreakOut()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, records);
        QFETCH(bool, tooLarge);
        CsvReaderOptions options;
        options.maxRecordBytes = 5;
        options.delimiter = ',';
        for (std::size_t chunk : chunkSizes) {
            const ParseResult parsed = parse(bytes, chunk, options);
            QCOMPARE(parsed.records.size(), records);
            QCOMPARE(parsed.error.has_value(), tooLarge);
            if (tooLarge)
                QCOMPARE(parsed.error->kind, CsvError::Kind::FieldTooLarge);
        }
    }

    void theDefaultLimitStopsAHostileCell()
    {
        // Found by the hostile-file test: with a 256 MB limit a 100 MB cell went through, and the
        // import, which holds a record in several copies, peaked above 500 MB.
        const QByteArray bytes = "a,b\n1,\"" + QByteArray(17 << 20, 'x') + "\"\n2,3\n";
        const ParseResult parsed = parse(bytes);
        QVERIFY(parsed.error);
        QCOMPARE(parsed.error->kind, CsvError::Kind::FieldTooLarge);
        QCOMPARE(parsed.error->line, 2);
        QVERIFY2(parsed.error->message.contains(QStringLiteral("line 2 is larger than the limit of 16")),
                 qPrintable(parsed.error->message));
        QCOMPARE(parsed.records.size(), 1);
    }

    void nulBytePastTheSniffedPrefix_data()
    {
        QTest::addColumn<QByteArray>("firstLine");
        QTest::newRow("UTF-8") << QByteArray("a,b\n");
        QTest::newRow("Windows-1252") << QByteArray("\x93quoted\x94,b\n");
    }

    void nulBytePastTheSniffedPrefix()
    {
        // Found by the hostile-file test: a NUL in the sniffed prefix refused the file, one
        // further on went into a field, where SQLite's text functions cut the value short.
        QFETCH(QByteArray, firstLine);
        QByteArray bytes = firstLine;
        int records = 1;
        for (; bytes.size() < 100000; ++records)
            bytes += "1,some text\n";
        const qint64 nulLine = records + 1;
        bytes += "2,before" + QByteArray(1, '\0') + "after\n3,x\n";
        // Reads below 64 KB sniff only the first 64 KB.
        for (std::size_t chunk : {std::size_t(1), std::size_t(7), std::size_t(4096), std::size_t(65536)}) {
            const ParseResult parsed = parse(bytes, chunk);
            QVERIFY(parsed.error);
            QCOMPARE(parsed.error->kind, CsvError::Kind::NotText);
            QCOMPARE(qint64(parsed.error->line), nulLine);
            QVERIFY2(parsed.error->message.contains(QStringLiteral("line %1 holds a NUL byte").arg(nulLine)),
                     qPrintable(parsed.error->message));
            QCOMPARE(parsed.records.size(), records);
        }
    }

    void inputThatCannotBeRead()
    {
        QTemporaryDir dir;
        for (const QString &path : {dir.filePath(QStringLiteral("missing.csv")), dir.path()}) {
            CsvReader reader(path);
            QVERIFY(!reader.open());
            QVERIFY(reader.error());
            QCOMPARE(reader.error()->kind, CsvError::Kind::CannotOpen);
            CsvRecord record;
            QVERIFY(!reader.next(record));
        }
        QBuffer closed;
        CsvReader reader(&closed);
        CsvRecord record;
        QVERIFY(!reader.next(record));
        QVERIFY(reader.error());
        QCOMPARE(reader.error()->kind, CsvError::Kind::CannotOpen);
    }

    void progressReachesTheFileSize_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("chunk");
        QByteArray content = "id,text\n";
        for (int i = 0; i < 5000; ++i)
            content += QByteArray::number(i) + ",\"some text, with a comma\"\n";
        QTest::newRow("UTF-8 in 4 KB reads") << content << 4096;
        QTest::newRow("UTF-8 with a BOM and no final newline, in 1 MB reads")
            << QByteArray("\xEF\xBB\xBF") + content.chopped(1) << (1 << 20);
        QTest::newRow("UTF-16 in 1000-byte reads") << utf16(QString::fromUtf8(content), true) << 1000;
    }

    void progressReachesTheFileSize()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, chunk);
        QTemporaryDir dir;
        const QString path = test::writeFile(QDir(dir.path()), QStringLiteral("p.csv"), content);
        CsvReaderOptions options;
        options.chunkSize = std::size_t(chunk);
        CsvReader reader(path, options);
        CsvRecord record;
        std::int64_t last = 0;
        int records = 0;
        while (reader.next(record)) {
            QVERIFY(reader.bytesRead() >= last);
            QVERIFY(reader.bytesRead() <= reader.totalBytes());
            last = reader.bytesRead();
            ++records;
        }
        QVERIFY(!reader.error());
        QCOMPARE(records, 5001);
        QCOMPARE(reader.totalBytes(), content.size());
        QCOMPARE(reader.bytesRead(), content.size());
    }

    void randomInputMatchesTheReferenceParser()
    {
        // Short inputs made of the bytes that matter, so quotes, line breaks and multi-byte
        // characters meet chunk boundaries in every combination.
        const QByteArrayList pieces = {"a", "b", ",", ",", "\"", "\"", "\"\"", "\r", "\n", "\r\n", " ", "\xC3\xA9",
                                       "\xF0\x9F\x8E\xA7"};
        QRandomGenerator random(20241122);
        for (int round = 0; round < 400; ++round) {
            QByteArray input;
            const int length = int(random.bounded(40));
            for (int i = 0; i < length; ++i)
                input += pieces.at(qsizetype(random.bounded(quint32(pieces.size()))));
            const Reference expected = referenceParse(input, ',');
            CsvReaderOptions options;
            options.delimiter = ',';
            for (std::size_t chunk : {std::size_t(1), std::size_t(2), std::size_t(3), std::size_t(7), std::size_t(64)}) {
                QByteArray copy = input;
                QBuffer buffer(&copy);
                buffer.open(QIODevice::ReadOnly);
                options.chunkSize = chunk;
                CsvReader reader(&buffer, options);
                CsvRecord record;
                QList<QByteArrayList> records;
                QList<qint64> lines;
                while (reader.next(record)) {
                    QByteArrayList fields;
                    for (std::string_view field : record.fields)
                        fields.append(QByteArray(field.data(), qsizetype(field.size())));
                    records.append(fields);
                    lines.append(record.line);
                }
                const QByteArray context = "input " + input.toPercentEncoding() + ", chunk " + QByteArray::number(qulonglong(chunk));
                QVERIFY2(records == expected.records, context.constData());
                QVERIFY2(lines == expected.lines, context.constData());
                QVERIFY2(reader.error().has_value() == expected.error.has_value(), context.constData());
                if (expected.error) {
                    QVERIFY2(reader.error()->kind == expected.error->first, context.constData());
                    QVERIFY2(reader.error()->line == expected.error->second, context.constData());
                }
            }
        }
    }

    void realExports_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("records"); // header excluded, counted with Python's csv module
        QTest::addColumn<QString>("delimiter");
        QTest::addColumn<int>("encoding");
        QTest::addColumn<QString>("sample"); // a field of the first record
        if (test::sharedDataPath(QStringLiteral("real")).isEmpty())
            QSKIP("../shared/data/real is not here (it is not part of a clone)");
        const int utf8 = int(TextEncoding::Utf8);
        QTest::newRow("Kaggle tickets: descriptions with blank lines inside quotes")
            << QStringLiteral("kaggle-customer-support-tickets/customer_support_tickets.csv") << 8469 << QStringLiteral(",")
            << utf8 << QStringLiteral("Marisa Obrien");
        QTest::newRow("PwC calls: BOM, CRLF, empty header names")
            << QStringLiteral("pwc-call-center/call_center_dataset.csv") << 5000 << QStringLiteral(",") << utf8
            << QStringLiteral("Diane");
        QTest::newRow("daily call aggregates: semicolons")
            << QStringLiteral("kaggle-call-center-daily/call_center_data.csv") << 1251 << QStringLiteral(";") << utf8
            << QStringLiteral("94.01%");
        QTest::newRow("simulated call centre: CRLF")
            << QStringLiteral("simulated-call-centre/simulated_call_centre.csv") << 51708 << QStringLiteral(",") << utf8
            << QStringLiteral("8:00:00 AM");
        QTest::newRow("IBM Telco churn") << QStringLiteral("ibm-telco-customer-churn/Telco-Customer-Churn.csv") << 7043
                                         << QStringLiteral(",") << utf8 << QStringLiteral("7590-VHVEG");
        QTest::newRow("help-desk event log: no final newline")
            << QStringLiteral("helpdesk-event-log/helpdesk.csv") << 21348 << QStringLiteral(",") << utf8
            << QStringLiteral("Assign seriousness");
        QTest::newRow("Olist reviews: CRLF inside quotes, no final newline")
            << QStringLiteral("olist-order-reviews/olist_order_reviews_dataset.csv") << 6123 << QStringLiteral(",") << utf8
            << QStringLiteral("7bc2406110b926393aa56f80a40eba40");
        QTest::newRow("Botanic NPS: Windows-1252 with CP850 strays")
            << QStringLiteral("botanic-nps-survey/nps.csv") << 13954 << QStringLiteral(",")
            << int(TextEncoding::Windows1252) << QStringLiteral("2368");
    }

    void realExports()
    {
        QFETCH(QString, file);
        QFETCH(int, records);
        QFETCH(QString, delimiter);
        QFETCH(int, encoding);
        QFETCH(QString, sample);
        const QString path = test::sharedDataPath(QStringLiteral("real/") + file);
        QVERIFY2(!path.isEmpty(), qPrintable(file));
        // 1 MB reads as the import does, and 4 KB reads so records straddle many boundaries.
        for (std::size_t chunk : {std::size_t(1) << 20, std::size_t(4096)}) {
            CsvReaderOptions options;
            options.chunkSize = chunk;
            CsvReader reader(path, options);
            CsvRecord record;
            QVERIFY(reader.next(record));
            const std::size_t headerFields = record.fields.size();
            std::int64_t previousLine = record.line;
            int count = 0;
            bool sampleFound = false;
            while (reader.next(record)) {
                if (count == 0) {
                    for (std::string_view field : record.fields)
                        sampleFound = sampleFound || text(field) == sample;
                }
                QVERIFY2(record.fields.size() == headerFields,
                         qPrintable(QStringLiteral("line %1 has %2 fields").arg(record.line).arg(record.fields.size())));
                QVERIFY(record.line > previousLine);
                previousLine = record.line;
                ++count;
            }
            QVERIFY2(!reader.error(), reader.error() ? qPrintable(reader.error()->message) : "");
            QCOMPARE(count, records);
            QCOMPARE(QString(QLatin1Char(reader.format().delimiter)), delimiter);
            QCOMPARE(int(reader.format().encoding), encoding);
            QVERIFY2(sampleFound, qPrintable(sample));
            QCOMPARE(reader.bytesRead(), reader.totalBytes());
        }
    }

    void throughputByHand()
    {
        // Run by hand, never timed in CI:
        //   SUPPORTLENS_CSV_THROUGHPUT=FILE.csv tst_csvreader throughputByHand
        //   SUPPORTLENS_CSV_THROUGHPUT=generate tst_csvreader throughputByHand   (a 250 MB export-like file)
        const QString what = qEnvironmentVariable("SUPPORTLENS_CSV_THROUGHPUT");
        if (what.isEmpty())
            QSKIP("set SUPPORTLENS_CSV_THROUGHPUT to a CSV file, or to 'generate', to measure MB/s by hand");
        QTemporaryDir dir;
        QString path = what;
        if (what == QLatin1String("generate")) {
            path = dir.filePath(QStringLiteral("throughput.csv"));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("Id,Requester,Subject,Status,Priority,Via,Created at,Solved at,Tags,Replies,Satisfaction Score\n");
            QByteArray block;
            for (int id = 1; file.size() < 250'000'000; ++id) {
                block += QByteArray::number(id) + ",Zo\xC3\xAB M\xC3\xBCller " + QByteArray::number(id % 997)
                    + ",\"Refund for order " + QByteArray::number(id * 7) + ", please\",solved,normal,Mail,"
                    + "2024-07-01 00:14,2024-07-02 13:17,billing refund," + QByteArray::number(id % 9)
                    + (id % 5 ? ",Offered\n" : ",\"Good, \"\"thanks\"\"\"\n");
                if (block.size() > (1 << 20)) {
                    file.write(block);
                    block.clear();
                }
            }
            file.write(block);
        }
        const double megabytes = double(QFileInfo(path).size()) / 1e6;
        double best = 0;
        for (int run = 0; run < 3; ++run) {
            QElapsedTimer timer;
            timer.start();
            CsvReader reader(path);
            CsvRecord record;
            std::int64_t records = 0, fields = 0;
            while (reader.next(record)) {
                ++records;
                fields += std::int64_t(record.fields.size());
            }
            const double seconds = double(timer.nsecsElapsed()) / 1e9;
            QVERIFY(!reader.error());
            best = std::max(best, megabytes / seconds);
            qInfo("run %d: %lld records, %lld fields, %.1f MB in %.3f s: %.0f MB/s", run + 1, qlonglong(records),
                  qlonglong(fields), megabytes, seconds, megabytes / seconds);
        }
        qInfo("best: %.0f MB/s", best);
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
