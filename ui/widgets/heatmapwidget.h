#pragma once

// Tickets created by weekday (rows, Monday first) and hour of the day (columns), as a grid of
// cells shaded from the base colour (none) to the highlight colour (the busiest hour), with a
// scale underneath and the exact count in each cell's tooltip. For staffing: which hours of
// which days need people. A click on a cell with tickets says which (cellClicked), to list them;
// so does Enter or Space on the current cell, which the arrow keys move over the grid.

#include "metrics/metricsquery.h"

#include <QTimeZone>
#include <QWidget>

#include <optional>

namespace sl::ui {

class HeatmapWidget : public QWidget
{
    Q_OBJECT

public:
    explicit HeatmapWidget(QWidget *parent = nullptr);

    // `zone`: the display time zone the hours are in, named under the grid.
    void setHeatmap(const VolumeHeatmap &heatmap, const QTimeZone &zone = QTimeZone::systemTimeZone());
    void clear();
    const VolumeHeatmap &heatmap() const { return m_heatmap; }
    // Weekday 0 = Monday, hour 0-23 in the display time zone.
    std::int64_t count(int weekday, int hour) const;
    std::int64_t maximum() const { return m_maximum; }
    std::int64_t total() const { return m_total; }

    // The cell at a point of the widget, if any; and a cell's rectangle.
    std::optional<std::pair<int, int>> cellAt(const QPoint &point) const;
    QRect cellRect(int weekday, int hour) const;
    // What a cell's tooltip says: "Tuesday 14:00–15:00: 312 tickets created".
    QString cellText(int weekday, int hour) const;
    // The cell the keyboard acts on, framed while the widget has the focus: (weekday, hour).
    std::pair<int, int> currentCell() const { return m_current; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    // Weekday 0 = Monday, hour 0-23 in the display time zone; only cells with tickets. On a click,
    // or on Enter or Space on the current cell.
    void cellClicked(int weekday, int hour);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    bool event(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Geometry
    {
        QRect grid;     // the 7 × 24 cells
        int labelWidth; // weekday names, left of the grid
        QRect scale;    // the colour scale, under the grid
    };
    Geometry geometry() const;
    QColor shade(std::int64_t count) const;
    void updateDescription();
    void setCurrentCell(int weekday, int hour);

    VolumeHeatmap m_heatmap{};
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    std::int64_t m_maximum = 0;
    std::int64_t m_total = 0;
    std::optional<std::pair<int, int>> m_pressed; // the cell a left press began on
    std::pair<int, int> m_current { 0, 0 }; // every data has all 7 × 24 cells: it outlives a refresh
};

} // namespace sl::ui
