#include "charts/chartstyle.h"

#include <QAbstractAxis>
#include <QGraphicsLayout>
#include <QLegend>

namespace sl::ui::charts {

QChartView *createChartView(const QString &accessibleName, QWidget *parent)
{
    auto *view = new QChartView(parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setAccessibleName(accessibleName);
    view->setFrameShape(QFrame::NoFrame);
    // A chart view would be a Tab stop that shows no focus and takes no key: the widget around it
    // takes the keyboard where it has something to offer (the breakdown's bars).
    view->setFocusPolicy(Qt::NoFocus);
    view->chart()->legend()->hide();
    applyPalette(view->chart(), view->palette());
    return view;
}

void applyPalette(QChart *chart, const QPalette &palette)
{
    chart->setTheme(palette.color(QPalette::Window).lightness() < 128 ? QChart::ChartThemeDark
                                                                       : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette.brush(QPalette::Base));
    chart->setBackgroundRoundness(0);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(palette.brush(QPalette::Text));
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->legend()->setLabelBrush(palette.brush(QPalette::Text));
    chart->legend()->setAlignment(Qt::AlignBottom);
    // The theme sets its own fonts; the window's font (and its size, for high-DPI and the
    // user's accessibility settings) is the one to use.
    const QFont font = QFont();
    chart->legend()->setFont(font);
    for (QAbstractAxis *axis : chart->axes()) {
        axis->setLabelsFont(font);
        axis->setTitleFont(font);
        axis->setLabelsBrush(palette.brush(QPalette::Text));
        axis->setTitleBrush(palette.brush(QPalette::PlaceholderText));
        axis->setLinePenColor(palette.color(QPalette::Mid));
        axis->setGridLineColor(palette.color(QPalette::Midlight));
    }
}

void replaceChart(QChartView *view, QChart *chart)
{
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
}

QColor primaryColor(const QPalette &palette)
{
    return palette.color(QPalette::Highlight);
}

QColor comparisonColor(const QPalette &palette)
{
    return palette.color(QPalette::PlaceholderText);
}

} // namespace sl::ui::charts
