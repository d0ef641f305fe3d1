#include "services/csvexport.h"

#include <QAbstractItemModel>
#include <QIODevice>

namespace sl::ui {

CsvWriter::CsvWriter(QIODevice &device, CsvOptions options)
    : m_device(device)
    , m_options(options)
{ }

QString CsvWriter::neutralised(const QString &cell)
{
    if (cell.isEmpty())
        return cell;
    switch (cell.front().unicode()) {
    case u'=':
    case u'+':
    case u'-':
    case u'@':
    case u'\t':
    case u'\r': return QLatin1Char('\'') + cell;
    default: return cell;
    }
}

QString CsvWriter::field(const QString &cell)
{
    QString text = neutralised(cell);
    const bool needsQuotes = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"'))
        || text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'));
    if (!needsQuotes)
        return text;
    text.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

void CsvWriter::writeRow(const QStringList &cells)
{
    if (!m_ok)
        return;
    QString line;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            line += QLatin1Char(',');
        line += field(cells[i]);
    }
    line += QLatin1String("\r\n");
    QByteArray bytes = line.toUtf8();
    if (!m_started && m_options.byteOrderMark)
        bytes.prepend("\xEF\xBB\xBF");
    m_started = true;
    m_ok = m_device.write(bytes) == bytes.size();
}

QString CsvWriter::errorString() const
{
    return m_device.errorString();
}

void writeModelCsv(const QAbstractItemModel &model, CsvWriter &writer)
{
    const int columns = model.columnCount();
    QStringList cells;
    for (int column = 0; column < columns; ++column)
        cells.append(model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
    writer.writeRow(cells);
    for (int row = 0; row < model.rowCount() && writer.ok(); ++row) {
        cells.clear();
        for (int column = 0; column < columns; ++column) {
            const QModelIndex index = model.index(row, column);
            const QVariant exported = model.data(index, CsvExportRole);
            cells.append(exported.isValid() ? exported.toString() : model.data(index, Qt::DisplayRole).toString());
        }
        writer.writeRow(cells);
    }
}

} // namespace sl::ui
