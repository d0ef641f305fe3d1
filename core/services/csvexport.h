#pragma once

// CSV as the pages export it: RFC 4180 (comma, CRLF, a field quoted when it holds a comma, a
// quote or a line break, quotes doubled), UTF-8 with an optional byte-order mark, because Excel
// reads a file without one as the system's legacy code page.
//
// Every cell is also neutralised against spreadsheet formula injection (OWASP "CSV Injection"):
// a ticket subject or a requester name is text a customer typed, and a cell starting with
// = + - @ TAB or CR is run as a formula by Excel and LibreOffice. Such a cell gets a leading
// apostrophe, which spreadsheets read as "this is text" and do not show.

#include <QString>
#include <QStringList>

class QAbstractItemModel;
class QIODevice;

namespace sl::ui {

struct CsvOptions
{
    bool byteOrderMark = false; // for Excel
};

// The role a model can answer with the value to export when it differs from what the table
// shows (a plain number instead of "1,234.5 min"); the writer falls back to Qt::DisplayRole.
inline constexpr int CsvExportRole = Qt::UserRole + 64;

class CsvWriter
{
public:
    // Writes to `device`, which stays the caller's; the byte-order mark, when asked for, goes
    // out with the first row.
    explicit CsvWriter(QIODevice &device, CsvOptions options = {});

    void writeRow(const QStringList &cells);
    // False once a write to the device failed; errorString() says why.
    bool ok() const { return m_ok; }
    QString errorString() const;

    // One cell as it is written: neutralised, then quoted when needed.
    static QString field(const QString &cell);
    // The leading apostrophe alone (no quoting).
    static QString neutralised(const QString &cell);

private:
    QIODevice &m_device;
    CsvOptions m_options;
    bool m_started = false;
    bool m_ok = true;
};

// The header and every row of `model` (its columns in model order), each cell's CsvExportRole
// value, else its display text. For small models (a leaderboard); the tickets page streams its
// million rows itself.
void writeModelCsv(const QAbstractItemModel &model, CsvWriter &writer);

} // namespace sl::ui
