#include "report/exportmenus.h"

#include "services/csvexport.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDir>
#include <QFileDialog>
#include <QHeaderView>
#include <QImage>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QStandardPaths>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>

namespace sl::ui {

namespace {

class ExportText
{
    Q_DECLARE_TR_FUNCTIONS(sl::ui::ExportMenus)
};

QString suggestedPath(const QString &fileName, const QString &extension)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QDir(folder).filePath(fileName + QLatin1Char('.') + extension);
}

// Paints the widget as it is on screen, its children included, at `painter`'s origin; without
// the keyboard focus frame a bar or a heat-map cell shows, which belongs to the screen, not to
// the exported picture.
void renderWidget(QWidget *widget, QPainter &painter)
{
    QWidget *focused = QApplication::focusWidget();
    const bool inside = focused && (focused == widget || widget->isAncestorOf(focused));
    if (inside)
        focused->clearFocus();
    widget->render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
    if (inside)
        focused->setFocus(Qt::OtherFocusReason);
}

void reportFailure(QWidget *parent, const QString &error)
{
    QMessageBox::warning(parent, ExportText::tr("Export failed"), error);
}

// Opens the menu on the right click of the widget or any child (a chart view's viewport gets the
// click, not the chart widget), so the filter sits on each of them.
class MenuFilter : public QObject
{
public:
    MenuFilter(QObject *parent, std::function<void(const QPoint &)> show)
        : QObject(parent)
        , m_show(std::move(show))
    {
    }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() != QEvent::ContextMenu)
            return false;
        m_show(static_cast<QContextMenuEvent *>(event)->globalPos());
        return true;
    }

private:
    std::function<void(const QPoint &)> m_show;
};

void installMenu(QWidget *widget, const std::function<void(const QPoint &)> &show)
{
    auto *filter = new MenuFilter(widget, show);
    widget->installEventFilter(filter);
    for (QWidget *child : widget->findChildren<QWidget *>())
        child->installEventFilter(filter);
}

} // namespace

bool writeChartPdf(QWidget *chart, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = ExportText::tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    {
        // One page the size of the chart, at the screen's resolution, so its fonts and pens come
        // out as they look.
        const int dpi = chart->logicalDpiX();
        QPdfWriter writer(&file);
        writer.setResolution(dpi);
        writer.setCreator(QStringLiteral("SupportLens"));
        const QSizeF points(chart->width() * 72.0 / dpi, chart->height() * 72.0 / dpi);
        writer.setPageLayout(QPageLayout(QPageSize(points, QPageSize::Point), QPageLayout::Portrait, QMarginsF()));
        QPainter painter(&writer);
        renderWidget(chart, painter);
    }
    if (!file.commit()) {
        *error = ExportText::tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool writeChartSvg(QWidget *chart, const QString &path, QString *error)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(chart->size());
        svg.setViewBox(QRect(QPoint(), chart->size()));
        svg.setResolution(chart->logicalDpiX());
        svg.setTitle(chart->accessibleName());
        QPainter painter(&svg);
        renderWidget(chart, painter);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(buffer.data()) != buffer.size() || !file.commit()) {
        *error = ExportText::tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QImage chartImage(QWidget *chart, int scale)
{
    QImage image(chart->size() * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(chart->palette().color(QPalette::Window));
    QPainter painter(&image);
    renderWidget(chart, painter);
    return image;
}

void installChartExportMenu(QWidget *chart, const QString &fileName)
{
    installMenu(chart, [chart, fileName](const QPoint &globalPos) {
        QMenu menu(chart);
        menu.addAction(ExportText::tr("Export as &PDF…"), chart, [chart, fileName] {
            const QString path = QFileDialog::getSaveFileName(chart, ExportText::tr("Export Chart as PDF"),
                                                              suggestedPath(fileName, QStringLiteral("pdf")),
                                                              ExportText::tr("PDF files (*.pdf)"));
            QString error;
            if (!path.isEmpty() && !writeChartPdf(chart, path, &error))
                reportFailure(chart, error);
        });
        QMenu *png = menu.addMenu(ExportText::tr("Export as P&NG"));
        for (const int scale : {1, 2, 3}) {
            png->addAction(ExportText::tr("%1× (%2 × %3 pixels)…")
                               .arg(scale)
                               .arg(chart->width() * scale)
                               .arg(chart->height() * scale),
                           chart, [chart, fileName, scale] {
                               const QString path = QFileDialog::getSaveFileName(
                                   chart, ExportText::tr("Export Chart as PNG"),
                                   suggestedPath(fileName, QStringLiteral("png")), ExportText::tr("PNG images (*.png)"));
                               if (path.isEmpty())
                                   return;
                               QSaveFile file(path);
                               if (!file.open(QIODevice::WriteOnly) || !chartImage(chart, scale).save(&file, "PNG")
                                   || !file.commit()) {
                                   reportFailure(chart,
                                                 ExportText::tr("Cannot write %1: %2").arg(path, file.errorString()));
                               }
                           });
        }
        menu.addAction(ExportText::tr("Export as &SVG…"), chart, [chart, fileName] {
            const QString path = QFileDialog::getSaveFileName(chart, ExportText::tr("Export Chart as SVG"),
                                                              suggestedPath(fileName, QStringLiteral("svg")),
                                                              ExportText::tr("SVG images (*.svg)"));
            QString error;
            if (!path.isEmpty() && !writeChartSvg(chart, path, &error))
                reportFailure(chart, error);
        });
        menu.addSeparator();
        menu.addAction(ExportText::tr("&Copy Image"), chart, [chart] {
            QApplication::clipboard()->setImage(chartImage(chart, std::max(1, int(std::ceil(chart->devicePixelRatioF())))));
        });
        menu.exec(globalPos);
    });
}

bool writeTableCsv(const QAbstractItemView *view, const QString &path, bool byteOrderMark, QString *error)
{
    QSaveFile file(path);
    bool ok = file.open(QIODevice::WriteOnly);
    if (ok) {
        CsvWriter writer(file, {byteOrderMark});
        writeModelCsv(*view->model(), writer);
        ok = writer.ok() && file.commit();
    }
    if (!ok)
        *error = ExportText::tr("Cannot write %1: %2").arg(path, file.errorString());
    return ok;
}

QString tableText(const QAbstractItemView *view, bool allWhenNoneSelected)
{
    const QAbstractItemModel *model = view->model();
    std::vector<int> rows;
    if (view->selectionModel()) {
        for (const QModelIndex &index : view->selectionModel()->selectedIndexes())
            rows.push_back(index.row());
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.empty() && allWhenNoneSelected) {
        for (int row = 0; row < model->rowCount(); ++row)
            rows.push_back(row);
    }
    // Tabs and line breaks inside a cell would split it in the spreadsheet: spaces instead.
    const auto clean = [](QString text) {
        return text.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' '));
    };
    QStringList lines;
    QStringList header;
    for (int column = 0; column < model->columnCount(); ++column)
        header.append(clean(model->headerData(column, Qt::Horizontal).toString()));
    lines.append(header.join(QLatin1Char('\t')));
    for (const int row : rows) {
        QStringList cells;
        for (int column = 0; column < model->columnCount(); ++column)
            cells.append(clean(model->index(row, column).data().toString()));
        lines.append(cells.join(QLatin1Char('\t')));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void installTableExportMenu(QAbstractItemView *view, const QString &fileName, std::function<void(bool)> exportAll)
{
    const auto show = [view, fileName, exportAll](const QPoint &globalPos) {
        QMenu menu(view);
        const auto exportCsv = [view, fileName, exportAll](bool byteOrderMark) {
            if (exportAll) {
                exportAll(byteOrderMark);
                return;
            }
            const QString path = QFileDialog::getSaveFileName(view, ExportText::tr("Export as CSV"),
                                                              suggestedPath(fileName, QStringLiteral("csv")),
                                                              ExportText::tr("CSV files (*.csv);;All files (*)"));
            QString error;
            if (!path.isEmpty() && !writeTableCsv(view, path, byteOrderMark, &error))
                reportFailure(view, error);
        };
        menu.addAction(ExportText::tr("Export as &CSV…"), view, [exportCsv] { exportCsv(false); });
        menu.addAction(ExportText::tr("Export as CSV for &Excel (UTF-8 with BOM)…"), view,
                       [exportCsv] { exportCsv(true); });
        menu.addSeparator();
        menu.addAction(ExportText::tr("C&opy"), view, [view, all = !exportAll] { QApplication::clipboard()->setText(tableText(view, all)); });
        menu.exec(globalPos);
    };
    installMenu(view, show);
}

} // namespace sl::ui
