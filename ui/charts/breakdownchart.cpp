#include "charts/breakdownchart.h"

#include "charts/chartstyle.h"
#include "report/exportmenus.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChartView>
#include <QCoreApplication>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QStackedLayout>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace sl::ui {

BreakdownChart::BreakdownChart(const QString &accessibleName, QWidget *parent)
    : QWidget(parent)
{
    m_view = charts::createChartView(accessibleName, this);
    m_message = new QLabel(this);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    m_note = new QLabel(this);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->setVisible(false);
    m_stack = new QStackedLayout;
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_message);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(m_stack, 1);
    layout->addWidget(m_note);
    setMinimumHeight(fontMetrics().height() * 10);
    setAccessibleName(accessibleName);
    installChartExportMenu(this, tr("breakdown"));
}

void BreakdownChart::showMessage(const QString &message)
{
    m_bars.clear();
    m_message->setText(message);
    m_note->setVisible(false);
    m_stack->setCurrentWidget(m_message);
}

void BreakdownChart::setBars(const MetricDefinition &metric, std::vector<BreakdownBar> bars)
{
    // Biggest first; groups without a value after every group with one.
    std::stable_sort(bars.begin(), bars.end(), [](const BreakdownBar &a, const BreakdownBar &b) {
        if (a.value.has_value() != b.value.has_value())
            return a.value.has_value();
        return a.value && *a.value > *b.value;
    });
    const std::size_t total = bars.size();
    if (bars.size() > maximumBars)
        bars.resize(maximumBars);
    m_bars = bars;
    if (m_bars.empty()) {
        showMessage(tr("No tickets in this period."));
        return;
    }
    m_stack->setCurrentWidget(m_view);
    m_note->setVisible(total > bars.size());
    m_note->setText(tr("The %L1 largest of %L2").arg(qlonglong(bars.size())).arg(qlonglong(total)));

    const QPalette palette = m_view->palette();
    auto *chart = new QChart;
    auto *set = new QBarSet(QCoreApplication::translate("sl::MetricDefinition", metric.name), chart);
    QStringList labels;
    double highest = 0;
    // A horizontal bar chart draws its first category at the bottom: the smallest goes first.
    for (auto bar = m_bars.rbegin(); bar != m_bars.rend(); ++bar) {
        labels.append(tr("%1  %2").arg(bar->label, formatMetricValue(metric, bar->value)));
        *set << bar->value.value_or(0);
        highest = std::max(highest, bar->value.value_or(0));
    }
    // Qt Charts counts the bars from the bottom, bars() from the top.
    const auto barOf = [this](int index) {
        return m_bars.size() - 1 - std::size_t(index);
    };
    connect(set, &QBarSet::clicked, this, [this, barOf](int index) {
        const std::size_t bar = barOf(index);
        if (bar < m_bars.size() && !m_bars[bar].key.isEmpty())
            emit barClicked(bar);
    });
    connect(set, &QBarSet::hovered, this, [this, barOf](bool over, int index) {
        const std::size_t bar = barOf(index);
        if (over && bar < m_bars.size() && !m_bars[bar].key.isEmpty())
            m_view->viewport()->setCursor(Qt::PointingHandCursor);
        else
            m_view->viewport()->unsetCursor();
    });
    auto *series = new QHorizontalBarSeries(chart);
    series->append(set);
    series->setBarWidth(0.7);
    chart->addSeries(series);
    auto *names = new QBarCategoryAxis(chart);
    names->append(labels);
    names->setTruncateLabels(false); // a name with its value; "…" would hide the value
    names->setGridLineVisible(false);
    auto *values = new QValueAxis(chart);
    values->setRange(0, highest > 0 ? highest * 1.05 : 1);
    values->setLabelsVisible(false); // each bar says its value in its label
    values->setGridLineVisible(false);
    values->setLineVisible(false);
    chart->addAxis(names, Qt::AlignLeft);
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(names);
    series->attachAxis(values);
    charts::applyPalette(chart, palette);
    set->setColor(charts::primaryColor(palette));
    set->setBorderColor(charts::primaryColor(palette));
    chart->legend()->hide();
    charts::replaceChart(m_view, chart);
}

QPoint BreakdownChart::barCenter(std::size_t index) const
{
    if (index >= m_bars.size() || m_stack->currentWidget() != m_view || m_view->chart()->series().isEmpty())
        return {};
    QChart *chart = m_view->chart();
    QAbstractSeries *series = chart->series().constFirst();
    const double category = double(m_bars.size() - 1 - index);
    const QPointF scene
        = chart->mapToScene(chart->mapToPosition(QPointF(m_bars[index].value.value_or(0) / 2, category), series));
    return m_view->viewport()->mapTo(this, m_view->mapFromScene(scene));
}

} // namespace sl::ui
