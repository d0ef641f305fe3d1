#pragma once

// A breakdown of one metric by channel or team, as horizontal bars, biggest on top, each
// labelled with its name and its formatted value. A widget of its own, so that the page never
// sees a Qt Charts type.

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

private:
    std::vector<BreakdownBar> m_bars;
    QStackedLayout *m_stack = nullptr;
    QChartView *m_view = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_note = nullptr;
};

} // namespace sl::ui
