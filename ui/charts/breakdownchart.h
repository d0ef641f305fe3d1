#pragma once

// A breakdown of one metric by channel or team, as horizontal bars, biggest on top, each
// labelled with its name and its formatted value. A widget of its own, so that the page never
// sees a Qt Charts type. A click on a bar with a key says which (barClicked), to open its tickets;
// so does Enter or Space on the current bar, which the arrow keys move among the bars with a key.

#include "domain/metricdefinitions.h"

#include <QWidget>

#include <optional>
#include <vector>

class QChartView;
class QGraphicsRectItem;
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
    // The bar the keyboard acts on (of bars(), always one with a key); none when no bar has one.
    std::optional<std::size_t> currentBar() const { return m_current; }
    // What a screen reader says of a bar: "Email: 1,234 (Tickets created)".
    QString barText(std::size_t index) const;

signals:
    // A click on bars()[index], a bar with a key, or Enter or Space on it as the current bar.
    void barClicked(std::size_t index);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    bool canOpen(std::size_t index) const { return index < m_bars.size() && !m_bars[index].key.isEmpty(); }
    void setCurrentBar(std::optional<std::size_t> index);
    void updateFocusMark();

    std::vector<BreakdownBar> m_bars;
    const MetricDefinition *m_metric = nullptr; // of the bars shown; the definitions are static
    std::optional<std::size_t> m_current;
    QGraphicsRectItem *m_focusMark = nullptr; // owned by the view's chart, replaced with it
    QStackedLayout *m_stack = nullptr;
    QChartView *m_view = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_note = nullptr;
};

} // namespace sl::ui
