#include "widgets/heatmapwidget.h"

#include "report/exportmenus.h"

#include <QEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QTime>
#include <QToolTip>

#include <algorithm>

namespace sl::ui {

namespace {

// QLocale counts weekdays from Monday = 1, the heat-map from Monday = 0.
QString weekdayName(int weekday, QLocale::FormatType format)
{
    return QLocale().dayName(weekday + 1, format);
}

QColor mix(const QColor &from, const QColor &to, double t)
{
    return QColor::fromRgbF(float(from.redF() + (to.redF() - from.redF()) * t),
        float(from.greenF() + (to.greenF() - from.greenF()) * t),
        float(from.blueF() + (to.blueF() - from.blueF()) * t));
}

} // namespace

HeatmapWidget::HeatmapWidget(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Tickets created by weekday and hour"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    updateDescription();
    installChartExportMenu(this, tr("heat-map"));
}

void HeatmapWidget::setHeatmap(const VolumeHeatmap &heatmap, const QTimeZone &zone)
{
    m_heatmap = heatmap;
    m_zone = zone;
    m_maximum = 0;
    m_total = 0;
    for (const auto &day : m_heatmap) {
        for (std::int64_t count : day) {
            m_maximum = std::max(m_maximum, count);
            m_total += count;
        }
    }
    updateDescription();
    update();
}

void HeatmapWidget::clear()
{
    setHeatmap(VolumeHeatmap{});
}

std::int64_t HeatmapWidget::count(int weekday, int hour) const
{
    if (weekday < 0 || weekday >= 7 || hour < 0 || hour >= 24)
        return 0;
    return m_heatmap[std::size_t(weekday)][std::size_t(hour)];
}

QString HeatmapWidget::cellText(int weekday, int hour) const
{
    const QLocale locale;
    const QString from = locale.toString(QTime(hour, 0), QLocale::ShortFormat);
    const QString to = locale.toString(QTime((hour + 1) % 24, 0), QLocale::ShortFormat);
    const std::int64_t n = count(weekday, hour);
    const QString tickets = n == 1 ? tr("1 ticket created") : tr("%L1 tickets created").arg(qlonglong(n));
    QString text = tr("%1 %2–%3: %4").arg(weekdayName(weekday, QLocale::LongFormat), from, to, tickets);
    if (m_total > 0)
        text += tr(" (%1 of the period)").arg(locale.toString(100.0 * double(n) / double(m_total), 'f', 1) + QStringLiteral(" %"));
    return text;
}

HeatmapWidget::Geometry HeatmapWidget::geometry() const
{
    const QFontMetrics metrics = fontMetrics();
    int labelWidth = 0;
    for (int day = 0; day < 7; ++day)
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(weekdayName(day, QLocale::ShortFormat)));
    labelWidth += metrics.averageCharWidth() * 2;
    const int hourLabels = metrics.height() + 2; // above the grid
    const int scaleHeight = metrics.height() * 2 + 6;  // bar and its labels, under the grid
    QRect grid = rect().adjusted(labelWidth, hourLabels, -2, -scaleHeight - metrics.height() / 2);
    // Whole-pixel cells, so that neighbours never overlap or leave hairline gaps.
    const int cellWidth = std::max(1, grid.width() / 24);
    const int cellHeight = std::max(1, grid.height() / 7);
    grid.setSize(QSize(cellWidth * 24, cellHeight * 7));
    const int scaleWidth = std::min(grid.width(), metrics.averageCharWidth() * 40);
    const QRect scale(grid.left(), grid.bottom() + metrics.height() / 2 + 1, scaleWidth, metrics.height() * 2 / 3);
    return {grid, labelWidth, scale};
}

QRect HeatmapWidget::cellRect(int weekday, int hour) const
{
    const QRect grid = geometry().grid;
    const int w = grid.width() / 24;
    const int h = grid.height() / 7;
    return QRect(grid.left() + hour * w, grid.top() + weekday * h, w, h);
}

std::optional<std::pair<int, int>> HeatmapWidget::cellAt(const QPoint &point) const
{
    const QRect grid = geometry().grid;
    if (!grid.contains(point))
        return std::nullopt;
    const int hour = (point.x() - grid.left()) / std::max(1, grid.width() / 24);
    const int weekday = (point.y() - grid.top()) / std::max(1, grid.height() / 7);
    if (hour < 0 || hour >= 24 || weekday < 0 || weekday >= 7)
        return std::nullopt;
    return std::pair(weekday, hour);
}

QColor HeatmapWidget::shade(std::int64_t count) const
{
    const QColor none = palette().color(QPalette::Base);
    const QColor most = palette().color(QPalette::Highlight);
    if (m_maximum <= 0 || count <= 0)
        return none;
    // A non-empty cell is never quite the base colour: one ticket is still a ticket.
    return mix(none, most, 0.08 + 0.92 * double(count) / double(m_maximum));
}

QSize HeatmapWidget::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    return {metrics.averageCharWidth() * 8 + 24 * metrics.averageCharWidth() * 4, metrics.height() * (7 * 2 + 4)};
}

QSize HeatmapWidget::minimumSizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    return {metrics.averageCharWidth() * 8 + 24 * metrics.averageCharWidth() * 2, metrics.height() * (7 + 5)};
}

void HeatmapWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const Geometry g = geometry();
    const QFontMetrics metrics = fontMetrics();
    const QColor text = palette().color(QPalette::Text);
    const QColor secondary = palette().color(QPalette::PlaceholderText);

    painter.setPen(text);
    for (int day = 0; day < 7; ++day) {
        const QRect row = cellRect(day, 0);
        painter.drawText(QRect(0, row.top(), g.labelWidth - metrics.averageCharWidth(), row.height()),
            Qt::AlignRight | Qt::AlignVCenter, weekdayName(day, QLocale::ShortFormat));
    }
    // Hour numbers over every column there is room for: every hour, else every 2nd, 3rd or 6th.
    const int cellWidth = g.grid.width() / 24;
    const int labelRoom = metrics.horizontalAdvance(QStringLiteral("00")) + metrics.averageCharWidth();
    int step = 1;
    for (int candidate : {1, 2, 3, 6}) {
        step = candidate;
        if (cellWidth * candidate >= labelRoom)
            break;
    }
    painter.setPen(secondary);
    for (int hour = 0; hour < 24; hour += step) {
        const QRect column = cellRect(0, hour);
        painter.drawText(QRect(column.left(), 0, column.width(), g.grid.top() - 2), Qt::AlignHCenter | Qt::AlignBottom,
            QLocale().toString(hour).rightJustified(2, QLatin1Char('0')));
    }

    const QColor gridLine = palette().color(QPalette::Window);
    for (int day = 0; day < 7; ++day) {
        for (int hour = 0; hour < 24; ++hour) {
            const QRect cell = cellRect(day, hour);
            painter.fillRect(cell, shade(count(day, hour)));
            painter.setPen(gridLine);
            painter.drawRect(cell.adjusted(0, 0, -1, -1));
        }
    }
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(g.grid.adjusted(0, 0, -1, -1));
    if (hasFocus()) {
        // The current cell, framed in the highlight colour between two lines of the base colour:
        // the busiest cells are the highlight colour themselves, the empty ones the base colour,
        // so one colour alone would vanish on one of them or against a neighbour.
        const auto frame = [&painter](const QRect &r, int width, const QColor &colour) {
            painter.fillRect(QRect(r.left(), r.top(), r.width(), width), colour);
            painter.fillRect(QRect(r.left(), r.bottom() - width + 1, r.width(), width), colour);
            painter.fillRect(QRect(r.left(), r.top() + width, width, r.height() - 2 * width), colour);
            painter.fillRect(QRect(r.right() - width + 1, r.top() + width, width, r.height() - 2 * width), colour);
        };
        const QRect cell = cellRect(m_current.first, m_current.second);
        const QColor base = palette().color(QPalette::Base);
        frame(cell.adjusted(-3, -3, 3, 3), 1, base);
        frame(cell.adjusted(-2, -2, 2, 2), 2, palette().color(QPalette::Highlight));
        frame(cell, 2, base);
    }

    // The scale: from none to the busiest hour's count.
    QLinearGradient gradient(g.scale.topLeft(), g.scale.topRight());
    gradient.setColorAt(0, palette().color(QPalette::Base));
    gradient.setColorAt(1, palette().color(QPalette::Highlight));
    painter.fillRect(g.scale, gradient);
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(g.scale.adjusted(0, 0, -1, -1));
    painter.setPen(secondary);
    const QRect labels(g.scale.left(), g.scale.bottom() + 2, g.scale.width(), metrics.height());
    painter.drawText(labels, Qt::AlignLeft | Qt::AlignTop, QLocale().toString(0));
    painter.drawText(labels, Qt::AlignRight | Qt::AlignTop,
        m_maximum > 0 ? tr("%L1 tickets in an hour").arg(qlonglong(m_maximum)) : tr("no tickets"));
    const QString caption = tr("Hours in %1").arg(QString::fromUtf8(m_zone.id()));
    painter.drawText(QRect(g.scale.right() + metrics.averageCharWidth() * 3, g.scale.top() - 2,
                         std::max(0, g.grid.right() - g.scale.right() - metrics.averageCharWidth() * 3), metrics.height()),
        Qt::AlignRight | Qt::AlignTop, caption);
}

bool HeatmapWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        if (const auto cell = cellAt(help->pos())) {
            QString text = cellText(cell->first, cell->second);
            if (count(cell->first, cell->second) > 0)
                text += QLatin1Char('\n') + tr("Click to see the tickets");
            QToolTip::showText(help->globalPos(), text, this, cellRect(cell->first, cell->second));
        } else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void HeatmapWidget::mouseMoveEvent(QMouseEvent *event)
{
    const auto cell = cellAt(event->position().toPoint());
    if (cell && count(cell->first, cell->second) > 0)
        setCursor(Qt::PointingHandCursor);
    else
        unsetCursor();
    QWidget::mouseMoveEvent(event);
}

void HeatmapWidget::mousePressEvent(QMouseEvent *event)
{
    m_pressed = event->button() == Qt::LeftButton ? cellAt(event->position().toPoint()) : std::nullopt;
    if (m_pressed)
        setCurrentCell(m_pressed->first, m_pressed->second);
    QWidget::mousePressEvent(event);
}

void HeatmapWidget::mouseReleaseEvent(QMouseEvent *event)
{
    // A click is a press and a release on the same cell: dragging across cells selects nothing.
    const auto cell = cellAt(event->position().toPoint());
    const bool click = event->button() == Qt::LeftButton && cell && cell == m_pressed;
    m_pressed.reset();
    if (click && count(cell->first, cell->second) > 0) {
        event->accept();
        emit cellClicked(cell->first, cell->second);
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

void HeatmapWidget::keyPressEvent(QKeyEvent *event)
{
    auto [weekday, hour] = m_current;
    const bool wholeGrid = event->modifiers().testFlag(Qt::ControlModifier);
    switch (event->key()) {
    case Qt::Key_Left:
        hour = std::max(0, hour - 1);
        break;
    case Qt::Key_Right:
        hour = std::min(23, hour + 1);
        break;
    case Qt::Key_Up:
        weekday = std::max(0, weekday - 1);
        break;
    case Qt::Key_Down:
        weekday = std::min(6, weekday + 1);
        break;
    // The first and last hour of the day, as in a row of a table; with Ctrl, of the week.
    case Qt::Key_Home:
        hour = 0;
        weekday = wholeGrid ? 0 : weekday;
        break;
    case Qt::Key_End:
        hour = 23;
        weekday = wholeGrid ? 6 : weekday;
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
        // What a click does: an empty cell has no tickets to list.
        if (count(weekday, hour) > 0)
            emit cellClicked(weekday, hour);
        return;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    // Taken even at the grid's edge, so that the page around does not scroll instead.
    event->accept();
    setCurrentCell(weekday, hour);
}

void HeatmapWidget::focusInEvent(QFocusEvent *event)
{
    updateDescription();
    QWidget::focusInEvent(event); // repaints: the frame appears
}

void HeatmapWidget::focusOutEvent(QFocusEvent *event)
{
    updateDescription();
    QWidget::focusOutEvent(event);
}

void HeatmapWidget::setCurrentCell(int weekday, int hour)
{
    if (m_current == std::pair(weekday, hour))
        return;
    m_current = { weekday, hour };
    updateDescription();
    update();
}

void HeatmapWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        update();
    QWidget::changeEvent(event);
}

void HeatmapWidget::updateDescription()
{
    // With the focus, a screen reader says the cell the keyboard is on (Qt tells it of the
    // change); without, what the grid shows at a glance.
    if (hasFocus()) {
        setAccessibleDescription(cellText(m_current.first, m_current.second));
        return;
    }
    if (m_maximum == 0) {
        setAccessibleDescription(tr("No tickets created in the period"));
        return;
    }
    int busiestDay = 0, busiestHour = 0;
    for (int day = 0; day < 7; ++day) {
        for (int hour = 0; hour < 24; ++hour) {
            if (count(day, hour) > count(busiestDay, busiestHour)) {
                busiestDay = day;
                busiestHour = hour;
            }
        }
    }
    setAccessibleDescription(tr("Busiest hour: %1").arg(cellText(busiestDay, busiestHour)));
}

} // namespace sl::ui
