#pragma once

// What every chart of the window shares: colours from the widget palette (a dark desktop gets
// a dark chart), no chart title (the page's group box names the chart), the legend at the
// bottom. Qt Charts is deprecated from Qt 6.10 and its successor is Quick-based, so every Qt
// Charts include of the dashboard is in this folder and a later move stays here.

#include <QChartView>
#include <QPalette>

namespace sl::ui::charts {

// A view with antialiasing, an accessible name and an empty chart styled after `parent`.
QChartView *createChartView(const QString &accessibleName, QWidget *parent);
// Applies the palette to the chart, its axes and legend (after the axes are added).
void applyPalette(QChart *chart, const QPalette &palette);
// Puts `chart` in the view and deletes the one it held (a view does not own a replaced chart).
void replaceChart(QChartView *view, QChart *chart);

// The main series colour and the comparison colour.
QColor primaryColor(const QPalette &palette);
QColor comparisonColor(const QPalette &palette);

} // namespace sl::ui::charts
