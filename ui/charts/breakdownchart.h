#pragma once

// A breakdown of one metric by channel or team, as horizontal bars, biggest on top, each
// labelled with its name and its formatted value. A widget of its own, so that the page never
// sees a Qt Charts type. A click on a bar with a key says which (barClicked), to open its tickets.

#include "metrics/definitions.h"

#include <QWidget>

#include <optional>
#include <vector>

class QChartView;
class QLabel;
class QStackedLayout;

namespace sl::ui {

struct BreakdownBar
{
    QString label;
    std::optional<double> value;
    QString key; // the group's name as a filter names it; empty for a group no filter can select ("no team")
};

class BreakdownChart : public QWidget
{
    Q_OBJECT

public:
    // Bars beyond this many are left out, and the chart says how many.
    static constexpr std::size_t maximumBars = 10;

    BreakdownChart(const QString &accessibleName, QWidget *parent = nullptr);

    void setBars(const MetricDefinition &metric, std::vector<BreakdownBar> bars);
    void showMessage(const QString &message);
    // The bars shown, top first.
    const std::vector<BreakdownBar> &bars() const { return m_bars; }
    // The middle of bar `index` (of bars()) in this widget's coordinates; null when not shown.
    QPoint barCenter(std::size_t index) const;

signals:
    // A click on bars()[index], a bar with a key.
    void barClicked(std::size_t index);

private:
    std::vector<BreakdownBar> m_bars;
    QStackedLayout *m_stack = nullptr;
    QChartView *m_view = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_note = nullptr;
};

} // namespace sl::ui
