#include "widgets/sparkline.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace sl::ui {

Sparkline::Sparkline(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void Sparkline::setValues(std::vector<std::optional<double>> values)
{
    m_values = std::move(values);
    update();
}

bool Sparkline::hasLine() const
{
    return std::count_if(m_values.begin(), m_values.end(), [](const auto &v) { return v.has_value(); }) >= 2;
}

QSize Sparkline::sizeHint() const
{
    return {fontMetrics().averageCharWidth() * 16, fontMetrics().height() * 2};
}

QSize Sparkline::minimumSizeHint() const
{
    return {fontMetrics().averageCharWidth() * 6, fontMetrics().height() * 2};
}

void Sparkline::paintEvent(QPaintEvent *)
{
    if (!hasLine())
        return;
    double low = INFINITY, high = -INFINITY;
    for (const std::optional<double> &value : m_values) {
        if (value) {
            low = std::min(low, *value);
            high = std::max(high, *value);
        }
    }
    // A flat line sits in the middle rather than on an edge.
    if (high - low < 1e-9) {
        low -= 1;
        high += 1;
    }
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal pen = std::max(1.5, devicePixelRatioF() > 1 ? 1.5 : fontMetrics().height() / 9.0);
    const QRectF area = QRectF(rect()).adjusted(pen, pen, -pen, -pen);
    const auto x = [&](std::size_t i) { return area.left() + area.width() * qreal(i) / qreal(m_values.size() - 1); };
    const auto y = [&](double v) { return area.bottom() - area.height() * (v - low) / (high - low); };

    QPainterPath line;
    QPainterPath fill;
    bool drawing = false;
    std::size_t segmentStart = 0;
    const auto closeFill = [&](std::size_t last) {
        fill.lineTo(x(last), area.bottom());
        fill.lineTo(x(segmentStart), area.bottom());
        fill.closeSubpath();
    };
    for (std::size_t i = 0; i < m_values.size(); ++i) {
        if (!m_values[i]) {
            if (drawing)
                closeFill(i - 1);
            drawing = false;
            continue;
        }
        const QPointF point(x(i), y(*m_values[i]));
        if (!drawing) {
            line.moveTo(point);
            fill.moveTo(point);
            segmentStart = i;
            drawing = true;
        } else {
            line.lineTo(point);
            fill.lineTo(point);
        }
    }
    if (drawing)
        closeFill(m_values.size() - 1);

    QColor accent = palette().color(QPalette::Highlight);
    QColor faint = accent;
    faint.setAlphaF(0.15f);
    painter.fillPath(fill, faint);
    painter.setPen(QPen(accent, pen, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.drawPath(line);
    // The last value as a dot: where the card's number is.
    for (std::size_t i = m_values.size(); i-- > 0;) {
        if (m_values[i]) {
            painter.setBrush(accent);
            painter.drawEllipse(QPointF(x(i), y(*m_values[i])), pen * 1.2, pen * 1.2);
            break;
        }
    }
}

} // namespace sl::ui
