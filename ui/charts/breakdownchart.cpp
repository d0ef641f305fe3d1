#include "charts/breakdownchart.h"

#include "charts/chartstyle.h"
#include "report/exportmenus.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChartView>
#include <QCoreApplication>
#include <QGraphicsRectItem>
#include <QHorizontalBarSeries>
#include <QKeyEvent>
#include <QLabel>
#include <QStackedLayout>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace sl::ui {

namespace {

// Of a category's height: the rest is the gap between neighbouring bars.
constexpr double barWidth = 0.7;

} // namespace

BreakdownChart::BreakdownChart(const QString &accessibleName, QWidget *parent)
    : QWidget(parent)
{
    m_view = charts::createChartView(accessibleName, this); // no focus: a click on a bar focuses the chart
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
    setCurrentBar(std::nullopt);
    setFocusPolicy(Qt::NoFocus);
    setAccessibleDescription(message);
    m_message->setText(message);
    m_note->setVisible(false);
    m_stack->setCurrentWidget(m_message);
}

void BreakdownChart::setBars(const MetricDefinition &metric, std::vector<BreakdownBar> bars)
{
    const QString currentKey = m_current ? m_bars[*m_current].key : QString();
    const std::size_t currentPlace = m_current.value_or(0);
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
    m_metric = &metric;
    if (m_bars.empty()) {
        showMessage(tr("No tickets in this period."));
        return;
    }
    m_stack->setCurrentWidget(m_view);
    m_note->setVisible(total > bars.size());
    m_note->setText(tr("The %L1 largest of %L2").arg(qlonglong(bars.size())).arg(qlonglong(total)));

    const QPalette palette = m_view->palette();
    auto *chart = new QChart;
    auto *set = new QBarSet(displayName(metric), chart);
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
        if (canOpen(bar)) {
            setCurrentBar(bar);
            emit barClicked(bar);
        }
    });
    connect(set, &QBarSet::hovered, this, [this, barOf](bool over, int index) {
        const std::size_t bar = barOf(index);
        if (over && canOpen(bar))
            m_view->viewport()->setCursor(Qt::PointingHandCursor);
        else
            m_view->viewport()->unsetCursor();
    });
    auto *series = new QHorizontalBarSeries(chart);
    series->append(set);
    series->setBarWidth(barWidth);
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
    m_focusMark = new QGraphicsRectItem(chart);
    m_focusMark->setZValue(1000); // over the bars and the axis labels, whatever Qt Charts stacks them at
    m_focusMark->setVisible(false);
    connect(chart, &QChart::plotAreaChanged, this, &BreakdownChart::updateFocusMark);
    charts::replaceChart(m_view, chart);

    // The keyboard stays on the group it was on when the group is still shown (a refresh sorts
    // the bars anew); else on the bar now in its place, or the nearest one that opens.
    std::optional<std::size_t> current;
    for (std::size_t bar = 0; bar < m_bars.size() && !currentKey.isEmpty(); ++bar) {
        if (m_bars[bar].key == currentKey)
            current = bar;
    }
    const std::size_t place = std::min(currentPlace, m_bars.size() - 1);
    for (std::size_t distance = 0; !current && distance < m_bars.size(); ++distance) {
        if (canOpen(place + distance))
            current = place + distance;
        else if (distance <= place && canOpen(place - distance))
            current = place - distance;
    }
    setFocusPolicy(current ? Qt::StrongFocus : Qt::NoFocus);
    setCurrentBar(current);
}

QString BreakdownChart::barText(std::size_t index) const
{
    if (index >= m_bars.size() || !m_metric)
        return {};
    return tr("%1: %2 (%3)")
        .arg(m_bars[index].label, formatMetricValue(*m_metric, m_bars[index].value),
            displayName(*m_metric));
}

void BreakdownChart::setCurrentBar(std::optional<std::size_t> index)
{
    m_current = index;
    // What a screen reader says of the chart follows the keyboard (Qt tells it of the change).
    if (m_current)
        setAccessibleDescription(barText(*m_current));
    updateFocusMark();
}

void BreakdownChart::keyPressEvent(QKeyEvent *event)
{
    if (!m_current) {
        QWidget::keyPressEvent(event);
        return;
    }
    const std::size_t current = *m_current;
    std::optional<std::size_t> to;
    switch (event->key()) {
    case Qt::Key_Up:
    case Qt::Key_Left:
        for (std::size_t bar = current; bar-- > 0 && !to;) {
            if (canOpen(bar))
                to = bar;
        }
        break;
    case Qt::Key_Down:
    case Qt::Key_Right:
        for (std::size_t bar = current + 1; bar < m_bars.size() && !to; ++bar) {
            if (canOpen(bar))
                to = bar;
        }
        break;
    case Qt::Key_Home:
        for (std::size_t bar = 0; bar < m_bars.size() && !to; ++bar) {
            if (canOpen(bar))
                to = bar;
        }
        break;
    case Qt::Key_End:
        for (std::size_t bar = m_bars.size(); bar-- > 0 && !to;) {
            if (canOpen(bar))
                to = bar;
        }
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        // As a KPI card: a held key opens the tickets once.
        if (event->isAutoRepeat()) {
            QWidget::keyPressEvent(event);
            return;
        }
        event->accept();
        emit barClicked(current);
        return;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    // Taken even at the first or last bar, so that the page around does not scroll instead.
    event->accept();
    if (to)
        setCurrentBar(to);
}

void BreakdownChart::focusInEvent(QFocusEvent *event)
{
    updateFocusMark();
    QWidget::focusInEvent(event);
}

void BreakdownChart::focusOutEvent(QFocusEvent *event)
{
    updateFocusMark();
    QWidget::focusOutEvent(event);
}

void BreakdownChart::updateFocusMark()
{
    if (!m_focusMark)
        return;
    const bool shown = hasFocus() && m_current && m_stack->currentWidget() == m_view;
    m_focusMark->setVisible(shown);
    if (!shown)
        return;
    // A frame round the whole row, the name and value on the left included, in the gap between
    // this bar and its neighbours: a frame on the bar would vanish into it, both being the
    // highlight colour. The categories split the plot area evenly, bars() top first.
    const QChart *chart = m_view->chart();
    const QRectF plot = chart->plotArea();
    const double band = plot.height() / double(m_bars.size());
    const double top = plot.top() + band * double(*m_current);
    const double left = chart->rect().left() + chart->margins().left();
    const double inset = band * (1 - barWidth) / 4; // the pen's middle: halfway between band edge and bar
    // On whole pixels, so that the 2 px line covers two rows of pixels in full: crisp, not blurred.
    m_focusMark->setRect(QRectF(QPointF(std::round(left), std::round(top + inset)),
        QPointF(std::round(plot.right()), std::round(top + band - inset))));
    QPen pen(palette().color(QPalette::Highlight), 2);
    pen.setCosmetic(true);
    pen.setJoinStyle(Qt::MiterJoin);
    m_focusMark->setPen(pen);
    m_focusMark->setBrush(Qt::NoBrush);
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
