#pragma once

// The context menus that take a chart or a table out of the window.
//
// A chart (trend, breakdown, heat-map): Export as PDF… and SVG… (vector: the widget paints
// itself onto a QPdfWriter or QSvgGenerator, so lines stay lines), Export as PNG at 1×, 2× or
// 3× the screen size, and Copy Image. A table: Export as CSV… (RFC 4180 with formula
// neutralisation, csvexport.h; optionally UTF-8 with a BOM for Excel) and Copy (the selected
// rows, or all, as tab-separated text that spreadsheets paste into cells).

#include <QString>

#include <functional>

class QAbstractItemView;
class QImage;
class QWidget;

namespace sl::ui {

// Gives `chart` (and every child it has now, which is where the clicks land) the chart menu.
// `fileName` is the suggested file name without extension ("trend").
void installChartExportMenu(QWidget *chart, const QString &fileName);

// Gives `view` the table menu. `exportAll`, when given, writes the CSV itself (the tickets
// page streams a million rows from the database) and gets whether a BOM is wanted; otherwise
// the view's model is written as it is sorted.
void installTableExportMenu(QAbstractItemView *view, const QString &fileName,
                            std::function<void(bool byteOrderMark)> exportAll = {});

// The pieces, for tests. Each returns false with *error set when the file cannot be written.
bool writeChartPdf(QWidget *chart, const QString &path, QString *error);
bool writeChartSvg(QWidget *chart, const QString &path, QString *error);
QImage chartImage(QWidget *chart, int scale);
bool writeTableCsv(const QAbstractItemView *view, const QString &path, bool byteOrderMark, QString *error);
// What Copy puts on the clipboard: the selected rows; with none selected, all rows when
// `allWhenNoneSelected` (the small tables) or the header alone.
QString tableText(const QAbstractItemView *view, bool allWhenNoneSelected = true);

} // namespace sl::ui
