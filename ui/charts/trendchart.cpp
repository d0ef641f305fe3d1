#include "charts/trendchart.h"

#include "charts/chartstyle.h"
#include "report/exportmenus.h"
#include "widgets/accentcolors.h"

#include <QCategoryAxis>
#include <QCoreApplication>
#include <QCursor>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QRegularExpression>
#include <QScatterSeries>
#include <QStackedLayout>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace sl::ui {

namespace {

// Most labels the bucket axis shows; the rest of the buckets are between them.
constexpr int maximumAxisLabels = 8;

// Lines split at nulls: a gap says "no value", a line across it would invent one.
std::vector<QLineSeries *> lineSegments(const std::vector<std::optional<double>> &values, QChart *chart)
{
    std::vector<QLineSeries *> segments;
    QLineSeries *current = nullptr;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!values[i]) {
            current = nullptr;
            continue;
        }
        if (!current) {
            current = new QLineSeries(chart);
            segments.push_back(current);
        }
        current->append(qreal(i), *values[i]);
    }
    return segments;
}

QString axisLabelFormat(const MetricDefinition &metric)
{
    switch (metric.unit) {
    case MetricUnit::Count: return QStringLiteral("%.0f");
    case MetricUnit::Percent: return QStringLiteral("%.0f %%");
    case MetricUnit::Score:
    case MetricUnit::Ratio: return QStringLiteral("%.1f");
    default: return QStringLiteral("%.0f");
    }
}

} // namespace

TrendChart::TrendChart(QWidget *parent)
    : QWidget(parent)
{
    m_view = charts::createChartView(tr("Trend chart"), this);
    m_message = new QLabel(this);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QStackedLayout(this);
    layout->addWidget(m_view);
    layout->addWidget(m_message);
    setMinimumHeight(fontMetrics().height() * 14);
    installChartExportMenu(this, tr("trend"));
}

QString TrendChart::bucketLabel(const QDate &start, Grouping bucket, bool withYear)
{
    const QLocale locale;
    if (bucket == Grouping::Month) {
        const QString month = locale.standaloneMonthName(start.month(), QLocale::ShortFormat);
        return withYear ? tr("%1 %2").arg(month).arg(start.year()) : month;
    }
    // Day and month in the locale's order, without the year unless asked for.
    QString format = locale.dateFormat(QLocale::ShortFormat);
    if (!withYear) {
        static const QRegularExpression year(QStringLiteral("[^dM]*y+[^dM]*"));
        format.remove(year);
    }
    return locale.toString(start, format);
}

void TrendChart::showMessage(const QString &message)
{
    m_message->setText(message);
    static_cast<QStackedLayout *>(layout())->setCurrentWidget(m_message);
}

void TrendChart::setData(TrendChartData data)
{
    m_data = std::move(data);
    if (!m_data.metric || m_data.starts.empty()) {
        showMessage(tr("No data for this period."));
        return;
    }
    const bool hasValue = std::any_of(m_data.values.begin(), m_data.values.end(), [](auto &v) { return v.has_value(); })
        || std::any_of(m_data.comparison.begin(), m_data.comparison.end(), [](auto &v) { return v.has_value(); });
    if (!hasValue) {
        showMessage(tr("The data has no %1 for this period.")
                        .arg(displayName(*m_data.metric)));
        return;
    }
    static_cast<QStackedLayout *>(layout())->setCurrentWidget(m_view);

    const QPalette palette = m_view->palette();
    auto *chart = new QChart;
    const std::size_t n = m_data.starts.size();
    std::vector<std::optional<double>> comparison = m_data.comparison;
    if (comparison.size() > n)
        comparison.resize(n); // a longer previous span: the buckets beyond this one's have no place

    const std::vector<QLineSeries *> current = lineSegments(m_data.values, chart);
    const std::vector<QLineSeries *> previous = lineSegments(comparison, chart);
    // The comparison first, so that the current line is drawn over it.
    for (QLineSeries *series : previous)
        chart->addSeries(series);
    for (QLineSeries *series : current)
        chart->addSeries(series);
    // A lone value between gaps is a dot, not an invisible one-point line.
    auto *dots = new QScatterSeries(chart);
    for (std::size_t i = 0; i < m_data.values.size(); ++i) {
        const bool before = i > 0 && m_data.values[i - 1];
        const bool after = i + 1 < m_data.values.size() && m_data.values[i + 1];
        if (m_data.values[i] && !before && !after)
            dots->append(qreal(i), *m_data.values[i]);
    }
    chart->addSeries(dots);
    // The target across the whole span, under the data lines' ends.
    QLineSeries *targetLine = nullptr;
    if (m_data.target) {
        targetLine = new QLineSeries(chart);
        targetLine->append(-0.5, *m_data.target);
        targetLine->append(qreal(n) - 0.5, *m_data.target);
        chart->addSeries(targetLine);
    }

    double low = INFINITY, high = -INFINITY;
    if (m_data.target) {
        low = *m_data.target;
        high = *m_data.target;
    }
    for (const auto *values : {&m_data.values, &comparison}) {
        for (const std::optional<double> &v : *values) {
            if (v) {
                low = std::min(low, *v);
                high = std::max(high, *v);
            }
        }
    }
    // Counts, times and shares start at zero (a bar chart's honesty); scores and ratios get a
    // padded range, where zero means nothing.
    const bool fromZero = m_data.metric->unit != MetricUnit::Score && m_data.metric->unit != MetricUnit::Ratio;
    if (fromZero)
        low = std::min(0.0, low);
    if (high - low < 1e-9)
        high = low + 1;
    const double pad = (high - low) * 0.08;
    auto *valueAxis = new QValueAxis(chart);
    valueAxis->setRange(fromZero && low >= 0 ? 0 : low - pad, high + pad);
    valueAxis->setLabelFormat(axisLabelFormat(*m_data.metric));
    valueAxis->applyNiceNumbers();
    if (m_data.metric->unit == MetricUnit::Percent && valueAxis->max() > 100 && high <= 100)
        valueAxis->setMax(100);
    const QString unit = unitSuffix(m_data.metric->unit).trimmed();
    if (!unit.isEmpty())
        valueAxis->setTitleText(unit);

    // Buckets by position; a label on every k-th so that they never crowd.
    auto *bucketAxis = new QCategoryAxis(chart);
    bucketAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    bucketAxis->setRange(-0.5, qreal(n) - 0.5);
    const int labelStep = int(std::ceil(double(n) / maximumAxisLabels));
    const bool spansYears = m_data.starts.front().year() != m_data.starts.back().year();
    // The year where it changes (months always say it then; days and weeks only when the span
    // crosses a new year).
    int labelledYear = 0;
    for (std::size_t i = 0; i < n; i += std::size_t(labelStep)) {
        const QDate &start = m_data.starts[i];
        const bool newYear = start.year() != labelledYear;
        const bool withYear = newYear && (m_data.bucket == Grouping::Month || spansYears);
        labelledYear = start.year();
        bucketAxis->append(bucketLabel(start, m_data.bucket, withYear), qreal(i));
    }
    bucketAxis->setGridLineVisible(false);
    chart->addAxis(bucketAxis, Qt::AlignBottom);
    chart->addAxis(valueAxis, Qt::AlignLeft);
    for (QAbstractSeries *series : chart->series()) {
        series->attachAxis(bucketAxis);
        series->attachAxis(valueAxis);
    }
    charts::applyPalette(chart, palette);

    const QColor primary = charts::primaryColor(palette);
    const QColor secondary = charts::comparisonColor(palette);
    const bool markers = n <= 40;
    for (std::size_t s = 0; s < current.size(); ++s) {
        QLineSeries *series = current[s];
        series->setName(m_data.name);
        series->setPen(QPen(primary, 2.5));
        series->setPointsVisible(markers);
        connect(series, &QLineSeries::hovered, this,
            [this](const QPointF &point, bool state) { showPointText(int(std::lround(point.x())), state); });
    }
    for (QLineSeries *series : previous) {
        series->setName(m_data.comparisonName);
        series->setPen(QPen(secondary, 1.8, Qt::DashLine));
        connect(series, &QLineSeries::hovered, this,
            [this](const QPointF &point, bool state) { showPointText(int(std::lround(point.x())), state); });
    }
    if (targetLine) {
        targetLine->setName(m_data.targetName);
        // The "better" tone: readable on both palettes, and apart from the comparison's grey.
        targetLine->setPen(QPen(judgementColor(Judgement::Better, palette), 1.5, Qt::DashDotLine));
    }
    dots->setColor(primary);
    dots->setBorderColor(primary);
    dots->setMarkerSize(fontMetrics().height() * 0.5);
    // One legend entry per line, however many segments its gaps made.
    const auto legendOnlyFirst = [&](const std::vector<QLineSeries *> &segments) {
        for (std::size_t s = 1; s < segments.size(); ++s) {
            for (QLegendMarker *marker : chart->legend()->markers(segments[s]))
                marker->setVisible(false);
        }
    };
    legendOnlyFirst(current);
    legendOnlyFirst(previous);
    for (QLegendMarker *marker : chart->legend()->markers(dots))
        marker->setVisible(false);
    chart->legend()->setVisible(!previous.empty() || targetLine);
    charts::replaceChart(m_view, chart);
}

void TrendChart::showPointText(int index, bool hovered)
{
    if (!hovered || index < 0 || std::size_t(index) >= m_data.starts.size() || !m_data.metric) {
        QToolTip::hideText();
        return;
    }
    const std::size_t i = std::size_t(index);
    const QString bucket = bucketLabel(m_data.starts[i], m_data.bucket, true);
    const QString value = formatMetricValue(*m_data.metric, i < m_data.values.size() ? m_data.values[i] : std::nullopt);
    QString text = tr("%1: %2").arg(bucket, value);
    if (!m_data.comparison.empty()) {
        const std::optional<double> before = i < m_data.comparison.size() ? m_data.comparison[i] : std::nullopt;
        text += QLatin1Char('\n') + tr("%1: %2").arg(m_data.comparisonName, formatMetricValue(*m_data.metric, before));
    }
    QToolTip::showText(QCursor::pos(), text, m_view);
}

} // namespace sl::ui
