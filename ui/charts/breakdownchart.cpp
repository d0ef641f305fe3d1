#include "charts/breakdownchart.h"

#include "charts/chartstyle.h"
#include "report/exportmenus.h"

#include <QBarCategoryAxis>
#include <QCoreApplication>
#include <QBarSet>
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

} // namespace sl::ui
