#pragma once

// Paints the meeting report onto any paged device: a QPdfWriter for the file (the command line
// and Export Report…), a QPrinter for Print…. Everything is drawn with QPainter: text stays real
// (selectable, searchable) text, charts and the heat-map are vector paths and rectangles, never
// an image. Pages are laid out first and painted after, so every footer can say "Page 3 of 9".

#include "report/reportdata.h"

#include <QCoreApplication>
#include <QString>

class QPagedPaintDevice;

namespace sl::ui {

class ReportWriter
{
    Q_DECLARE_TR_FUNCTIONS(sl::ui::ReportWriter)

public:
    // Paints on `device` with its current page layout (the caller sets paper and orientation,
    // or the print dialog did). Returns the number of pages, 0 when the painter could not start.
    static int paint(const ReportData &data, const ReportOptions &options, QPagedPaintDevice &device);

    // Writes `path` in one go (a failed write leaves no half file behind). On failure returns false
    // and sets *error to a sentence naming the file and the reason.
    static bool writePdf(const ReportData &data, const ReportOptions &options, const QString &path, QString *error,
                         int *pageCount = nullptr);

    // The title when the options give none.
    static QString defaultTitle();
};

} // namespace sl::ui
