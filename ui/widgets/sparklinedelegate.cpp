#include "widgets/sparklinedelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace sl::ui {

SparklineDelegate::SparklineDelegate(int role, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_role(role)
{ }

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const QVariantList values = index.data(m_role).toList();
    double low = INFINITY, high = -INFINITY;
    for (const QVariant &value : values) {
        if (!value.isNull()) {
            low = std::min(low, value.toDouble());
            high = std::max(high, value.toDouble());
        }
    }
    if (values.size() < 2 || low > high)
        return;
    low = std::min(low, 0.0); // counts: from zero, so that a flat low line looks low
    if (high - low < 1e-9)
        high = low + 1;
    const int margin = option.fontMetrics.height() / 4;
    const QRectF area = QRectF(option.rect).adjusted(margin, margin, -margin, -margin);
    QPainterPath path;
    bool drawing = false;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (values[i].isNull()) {
            drawing = false;
            continue;
        }
        const QPointF point(area.left() + area.width() * qreal(i) / qreal(values.size() - 1),
            area.bottom() - area.height() * (values[i].toDouble() - low) / (high - low));
        if (drawing)
            path.lineTo(point);
        else
            path.moveTo(point);
        drawing = true;
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const bool selected = option.state & QStyle::State_Selected;
    painter->setPen(QPen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Highlight), 1.5));
    painter->drawPath(path);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(std::max(size.width(), option.fontMetrics.averageCharWidth() * 14));
    return size;
}

} // namespace sl::ui
