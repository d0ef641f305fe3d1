#include "report/reportwriter.h"

#include "charts/trendchart.h"
#include "overview/kpis.h"
#include "widgets/accentcolors.h"

#include <QFileInfo>
#include <QFontMetricsF>
#include <QLocale>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QSaveFile>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

namespace sl::ui {

namespace {

using DrawOp = std::function<void(QPainter &)>;
using Tr = ReportWriter;

// Print colours: fixed, not the desktop palette, so a report looks the same whoever makes it.
const QColor ink(0x1f, 0x23, 0x28);
const QColor muted(0x59, 0x63, 0x6e);
const QColor rule(0xd0, 0xd7, 0xde);
const QColor headerFill(0xee, 0xf1, 0xf4);
const QColor zebraFill(0xf8, 0xf9, 0xfa);
const QColor primary(0x2f, 0x6d, 0xb5);
const QColor secondary(0xd9, 0x82, 0x2b);
const QColor comparison(0x8c, 0x95, 0x9f);

// The window's better/worse colours for a light background (accentcolors.h), so the report
// and the KPI cards agree.
QColor judgementInk(Judgement judgement)
{
    static const QPalette light(QColor(Qt::white));
    return judgement == Judgement::Neutral ? muted : judgementColor(judgement, light);
}

QString metricId(const MetricDefinition &d)
{
    return QString::fromLatin1(d.id.data(), qsizetype(d.id.size()));
}

QString periodText(const std::optional<QDate> &from, const std::optional<QDate> &to)
{
    if (!from || !to)
        return Tr::tr("all data");
    const QLocale locale;
    return Tr::tr("%1 – %2").arg(locale.toString(*from, QLocale::LongFormat), locale.toString(*to, QLocale::LongFormat));
}

QString shortPeriodText(const std::optional<QDate> &from, const std::optional<QDate> &to)
{
    if (!from || !to)
        return Tr::tr("all data");
    const QLocale locale;
    return Tr::tr("%1 – %2").arg(locale.toString(*from, QLocale::ShortFormat), locale.toString(*to, QLocale::ShortFormat));
}

QString filterText(const MetricsFilter &filter)
{
    QStringList parts;
    const std::array<std::pair<QString, const QStringList *>, 5> lists = {{
        {Tr::tr("Channel"), &filter.channels},
        {Tr::tr("Agent"), &filter.agents},
        {Tr::tr("Team"), &filter.teams},
        {Tr::tr("Priority"), &filter.priorities},
        {Tr::tr("Tag"), &filter.tags},
    }};
    for (const auto &[label, values] : lists) {
        if (!values->isEmpty())
            parts.append(Tr::tr("%1: %2").arg(label, values->join(QStringLiteral(", "))));
    }
    return parts.isEmpty() ? Tr::tr("None: every ticket of the period") : parts.join(QStringLiteral("; "));
}

struct Page
{
    std::vector<DrawOp> ops;
};

// Places blocks top to bottom on pages of the device, in device units (the device's dots; pt()
// converts from points), and records what to draw. Fonts are sized in points, so text measured
// here is text as painted.
class Layout
{
public:
    explicit Layout(QPaintDevice &device)
        : m_device(device)
        , m_unit(device.logicalDpiY() / 72.0)
    {
        const double margin = pt(40);
        m_page = QRectF(0, 0, device.width(), device.height());
        m_body = m_page.adjusted(margin, margin + pt(20), -margin, -(margin + pt(20)));
        m_margin = margin;
    }

    double pt(double points) const { return points * m_unit; }
    QFont font(double points, bool bold = false) const
    {
        QFont f(QStringLiteral("DejaVu Sans"));
        f.setStyleHint(QFont::SansSerif);
        f.setPointSizeF(points);
        f.setBold(bold);
        // No ligatures: "ﬁ" as one glyph copies out of the PDF as a character that search does not
        // find in "figures". Scripts that need shaping (Arabic names, say) are still shaped.
        f.setStyleStrategy(QFont::PreferNoShaping);
        return f;
    }
    QFontMetricsF metrics(const QFont &f) const { return QFontMetricsF(f, &m_device); }
    const QRectF &body() const { return m_body; }
    const QRectF &page() const { return m_page; }
    double margin() const { return m_margin; }
    bool landscape() const { return m_page.width() > m_page.height(); }

    double y = 0;
    std::vector<Page> pages;

    void newPage()
    {
        pages.emplace_back();
        y = m_body.top();
    }
    double remaining() const { return m_body.bottom() - y; }
    // Starts a new page unless `height` fits below y.
    void need(double height)
    {
        if (pages.empty() || height > remaining() + 0.01)
            newPage();
    }
    void draw(DrawOp op) { pages.back().ops.push_back(std::move(op)); }

    void text(const QRectF &rect, int flags, const QString &text, const QFont &font, const QColor &color = ink)
    {
        draw([=](QPainter &p) {
            p.setFont(font);
            p.setPen(color);
            p.drawText(rect, flags, text);
        });
    }
    void fill(const QRectF &rect, const QColor &color)
    {
        draw([=](QPainter &p) { p.fillRect(rect, color); });
    }
    void line(const QPointF &a, const QPointF &b, const QColor &color, double widthPt = 0.5)
    {
        const double width = pt(widthPt);
        draw([=](QPainter &p) {
            p.setPen(QPen(color, width));
            p.drawLine(a, b);
        });
    }

    // Wrapped text across the body's width (or `width`) at y; returns its height and moves y below.
    double paragraph(const QString &text, const QFont &font, const QColor &color = ink, double indent = 0)
    {
        const double width = m_body.width() - indent;
        const QRectF bounds = metrics(font).boundingRect(QRectF(0, 0, width, 1e9), Qt::TextWordWrap, text);
        need(bounds.height());
        this->text(QRectF(m_body.left() + indent, y, width, bounds.height() + pt(1)), Qt::TextWordWrap | Qt::AlignLeft,
                   text, font, color);
        y += bounds.height();
        return bounds.height();
    }

    // A section's title; with `newPage` it opens a page of its own.
    void heading(const QString &title, bool newPage = true)
    {
        const QFont f = font(16, true);
        const double height = metrics(f).height();
        if (newPage)
            this->newPage();
        else
            need(height + pt(120)); // never a heading alone at the foot of a page
        text(QRectF(m_body.left(), y, m_body.width(), height), Qt::AlignLeft | Qt::AlignVCenter, title, f, ink);
        y += height + pt(4);
    }
    void subheading(const QString &title)
    {
        const QFont f = font(11.5, true);
        const double height = metrics(f).height();
        need(height + pt(80));
        text(QRectF(m_body.left(), y, m_body.width(), height), Qt::AlignLeft | Qt::AlignVCenter, title, f, ink);
        y += height + pt(3);
    }
    void caption(const QString &text)
    {
        paragraph(text, font(8.5), muted);
        y += pt(6);
    }

private:
    QPaintDevice &m_device;
    double m_unit;
    double m_margin = 0;
    QRectF m_page, m_body;
};

// ---- tables ---------------------------------------------------------------------------------

struct Column
{
    QString header;
    double weight = 1;
    Qt::Alignment align = Qt::AlignLeft;
};

struct Cell
{
    QString text;
    QColor color = ink;
    bool bold = false;
};

using Row = std::vector<Cell>;

// A table that continues over as many pages as its rows need, the header row repeated at the
// top of each. With `wrap`, cells wrap and a row is as tall as its tallest cell; without, a cell
// too long for its column is elided.
void table(Layout &layout, const std::vector<Column> &columns, const std::vector<Row> &rows, bool wrap = false,
           double fontPoints = 8.5)
{
    const QFont cellFont = layout.font(fontPoints);
    const QFont boldFont = layout.font(fontPoints, true);
    const QFontMetricsF cellMetrics = layout.metrics(cellFont);
    const QFontMetricsF boldMetrics = layout.metrics(boldFont);
    const double pad = layout.pt(4);
    const double vpad = layout.pt(2.6);
    const QRectF body = layout.body();
    double total = 0;
    for (const Column &c : columns)
        total += c.weight;
    std::vector<double> x{body.left()}, widths;
    for (const Column &c : columns) {
        widths.push_back(body.width() * c.weight / total);
        x.push_back(x.back() + widths.back());
    }
    double headerHeight = 0;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        headerHeight = std::max(headerHeight,
                                boldMetrics.boundingRect(QRectF(0, 0, widths[c] - 2 * pad, 1e9), Qt::TextWordWrap,
                                                         columns[c].header).height());
    }
    headerHeight += 2 * vpad;
    const auto rowHeight = [&](const Row &row) {
        if (!wrap)
            return cellMetrics.height() + 2 * vpad;
        double height = cellMetrics.height();
        for (std::size_t c = 0; c < row.size() && c < columns.size(); ++c) {
            const QFontMetricsF &m = row[c].bold ? boldMetrics : cellMetrics;
            height = std::max(height,
                              m.boundingRect(QRectF(0, 0, widths[c] - 2 * pad, 1e9), Qt::TextWordWrap, row[c].text).height());
        }
        return height + 2 * vpad;
    };
    const auto drawHeader = [&] {
        layout.fill(QRectF(body.left(), layout.y, body.width(), headerHeight), headerFill);
        for (std::size_t c = 0; c < columns.size(); ++c) {
            layout.text(QRectF(x[c] + pad, layout.y + vpad, widths[c] - 2 * pad, headerHeight - 2 * vpad),
                        int(columns[c].align | Qt::AlignBottom) | Qt::TextWordWrap, columns[c].header, boldFont, ink);
        }
        layout.y += headerHeight;
        layout.line({body.left(), layout.y}, {body.right(), layout.y}, muted, 0.7);
    };
    const double first = rows.empty() ? 0 : rowHeight(rows.front());
    layout.need(headerHeight + first);
    drawHeader();
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const Row &row = rows[r];
        const double height = r == 0 ? first : rowHeight(row);
        if (height > layout.remaining()) {
            layout.newPage();
            drawHeader();
        }
        if (r % 2 == 1)
            layout.fill(QRectF(body.left(), layout.y, body.width(), height), zebraFill);
        for (std::size_t c = 0; c < row.size() && c < columns.size(); ++c) {
            const Cell &cell = row[c];
            const QRectF rect(x[c] + pad, layout.y + vpad, widths[c] - 2 * pad, height - 2 * vpad);
            QString text = cell.text;
            if (!wrap)
                text = (cell.bold ? boldMetrics : cellMetrics).elidedText(text, Qt::ElideRight, rect.width());
            layout.text(rect, int(columns[c].align | Qt::AlignTop) | (wrap ? int(Qt::TextWordWrap) : 0), text,
                        cell.bold ? boldFont : cellFont, cell.color);
        }
        layout.y += height;
        layout.line({body.left(), layout.y}, {body.right(), layout.y}, rule, 0.4);
    }
    layout.y += layout.pt(10);
}

// ---- charts ---------------------------------------------------------------------------------

struct Series
{
    QString name;
    std::vector<std::optional<double>> values;
    QColor color;
    bool dashed = false;
};

// The top of a four-step axis whose step is 1, 2, 2.5 or 5 times a power of ten: grid lines at
// numbers a reader can read (0, 50, 100, 150, 200), never 62.5.
double niceCeiling(double value)
{
    if (value <= 0)
        return 4;
    const double quarter = value / 4;
    const double power = std::pow(10.0, std::floor(std::log10(quarter)));
    for (const double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (step * power >= quarter - 1e-9)
            return 4 * step * power;
    }
    return 40 * power;
}

QString axisNumber(double value, double top)
{
    const int decimals = top >= 40 || std::abs(value - std::round(value)) < 1e-9 ? 0 : 1;
    return QLocale().toString(value, 'f', decimals);
}

// A line chart in `rect`: the title on top, a y axis from 0 with four grid lines, the x labels
// spaced so they never collide, and each series a path broken where a bucket has no value.
void lineChart(Layout &layout, const QRectF &rect, const QString &title, const std::vector<Series> &series,
               const QStringList &xLabels)
{
    const QFont titleFont = layout.font(9, true);
    const QFont small = layout.font(6.5);
    const QFontMetricsF smallMetrics = layout.metrics(small);
    const double titleHeight = layout.metrics(titleFont).height();
    layout.text(QRectF(rect.left(), rect.top(), rect.width(), titleHeight), Qt::AlignLeft | Qt::AlignVCenter, title,
                titleFont);

    // The legend under the title, one swatch per series.
    double legendX = rect.left();
    const double legendY = rect.top() + titleHeight + layout.pt(1);
    const double legendHeight = smallMetrics.height();
    for (const Series &s : series) {
        const double swatch = layout.pt(12);
        const QColor color = s.color;
        const bool dashed = s.dashed;
        const double width = layout.pt(1.4);
        const QPointF a(legendX, legendY + legendHeight / 2), b(legendX + swatch, legendY + legendHeight / 2);
        layout.draw([=](QPainter &p) {
            QPen pen(color, width);
            if (dashed)
                pen.setStyle(Qt::DashLine);
            p.setPen(pen);
            p.drawLine(a, b);
        });
        const double textWidth = smallMetrics.horizontalAdvance(s.name) + layout.pt(2);
        layout.text(QRectF(legendX + swatch + layout.pt(3), legendY, textWidth, legendHeight),
                    Qt::AlignLeft | Qt::AlignVCenter, s.name, small, muted);
        legendX += swatch + textWidth + layout.pt(10);
    }

    double top = 0;
    std::size_t count = xLabels.size();
    for (const Series &s : series) {
        count = std::max(count, s.values.size());
        for (const std::optional<double> &v : s.values) {
            if (v)
                top = std::max(top, *v);
        }
    }
    const bool empty = std::none_of(series.begin(), series.end(), [](const Series &s) {
        return std::any_of(s.values.begin(), s.values.end(), [](const std::optional<double> &v) { return v.has_value(); });
    });
    if (empty) {
        // An empty axis reads as "zero all period"; say what it is instead.
        const QRectF box(rect.left(), legendY + legendHeight + layout.pt(5), rect.width(),
                         rect.bottom() - legendY - legendHeight - layout.pt(5));
        layout.fill(box, zebraFill);
        layout.text(box, Qt::AlignCenter | Qt::TextWordWrap, Tr::tr("No value in this period"), layout.font(8.5), muted);
        return;
    }
    top = niceCeiling(top);
    const double axisWidth = smallMetrics.horizontalAdvance(axisNumber(top, top)) + layout.pt(6);
    const QRectF plot(rect.left() + axisWidth, legendY + legendHeight + layout.pt(5), rect.width() - axisWidth,
                      rect.bottom() - (legendY + legendHeight + layout.pt(5)) - smallMetrics.height() - layout.pt(3));
    for (int i = 0; i <= 4; ++i) {
        const double value = top * i / 4;
        const double yy = plot.bottom() - plot.height() * i / 4;
        layout.line({plot.left(), yy}, {plot.right(), yy}, i == 0 ? muted : rule, i == 0 ? 0.6 : 0.3);
        layout.text(QRectF(rect.left(), yy - smallMetrics.height() / 2, axisWidth - layout.pt(3), smallMetrics.height()),
                    Qt::AlignRight | Qt::AlignVCenter, axisNumber(value, top), small, muted);
    }
    if (count == 0)
        return;
    const auto xAt = [&](std::size_t i) {
        return count == 1 ? plot.center().x() : plot.left() + plot.width() * double(i) / double(count - 1);
    };
    // As many x labels as fit side by side with room to spare.
    double labelWidth = 0;
    for (const QString &label : xLabels)
        labelWidth = std::max(labelWidth, smallMetrics.horizontalAdvance(label));
    const std::size_t fitting = std::max<std::size_t>(1, std::size_t(plot.width() / (labelWidth + layout.pt(8))));
    const std::size_t step = std::max<std::size_t>(1, (count + fitting - 1) / fitting);
    double lastRight = -1e9;
    for (std::size_t i = 0; i < std::size_t(xLabels.size()); i += step) {
        const double cx = xAt(i);
        const double w = labelWidth + layout.pt(4);
        const double left = std::clamp(cx - w / 2, rect.left(), rect.right() - w);
        if (left < lastRight) // pushed against the right edge onto its neighbour
            continue;
        lastRight = left + w;
        layout.text(QRectF(left, plot.bottom() + layout.pt(3), w, smallMetrics.height()), Qt::AlignCenter, xLabels[int(i)],
                    small, muted);
        layout.line({cx, plot.bottom()}, {cx, plot.bottom() + layout.pt(2)}, muted, 0.4);
    }
    for (const Series &s : series) {
        QPainterPath path;
        bool open = false;
        std::vector<QPointF> lone; // points with no neighbour: drawn as dots, or they would not show
        for (std::size_t i = 0; i < s.values.size(); ++i) {
            if (!s.values[i]) {
                open = false;
                continue;
            }
            const QPointF point(xAt(i), plot.bottom() - plot.height() * *s.values[i] / top);
            const bool nextHasValue = i + 1 < s.values.size() && s.values[i + 1];
            if (!open && !nextHasValue)
                lone.push_back(point);
            if (open)
                path.lineTo(point);
            else
                path.moveTo(point);
            open = true;
        }
        const QColor color = s.color;
        const bool dashed = s.dashed;
        const double width = layout.pt(dashed ? 1.0 : 1.5);
        const double dot = layout.pt(1.6);
        layout.draw([=](QPainter &p) {
            QPen pen(color, width, dashed ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
            p.setPen(pen);
            p.setBrush(Qt::NoBrush);
            p.drawPath(path);
            p.setPen(Qt::NoPen);
            p.setBrush(color);
            for (const QPointF &point : lone)
                p.drawEllipse(point, dot, dot);
            p.setBrush(Qt::NoBrush);
        });
    }
}

// Horizontal bars, one per group, longest first as the groups come; the count at the bar's end.
void barChart(Layout &layout, const std::vector<std::pair<QString, double>> &bars, const QString &valueCaption)
{
    const QFont small = layout.font(7.5);
    const QFontMetricsF m = layout.metrics(small);
    const double barHeight = layout.pt(11);
    const double gap = layout.pt(3);
    const double height = double(bars.size()) * (barHeight + gap) + m.height() + layout.pt(6);
    layout.need(height);
    const QRectF body = layout.body();
    double labelWidth = 0, top = 0;
    for (const auto &[label, value] : bars) {
        labelWidth = std::max(labelWidth, m.horizontalAdvance(label));
        top = std::max(top, value);
    }
    labelWidth = std::min(labelWidth + layout.pt(6), body.width() * 0.3);
    const double valueWidth = m.horizontalAdvance(QLocale().toString(qlonglong(top))) + layout.pt(8);
    const double barSpace = body.width() - labelWidth - valueWidth;
    layout.text(QRectF(body.left(), layout.y, body.width(), m.height()), Qt::AlignLeft | Qt::AlignVCenter, valueCaption,
                small, muted);
    layout.y += m.height() + layout.pt(3);
    for (const auto &[label, value] : bars) {
        const double w = top > 0 ? barSpace * value / top : 0;
        layout.text(QRectF(body.left(), layout.y, labelWidth - layout.pt(6), barHeight), Qt::AlignRight | Qt::AlignVCenter,
                    m.elidedText(label, Qt::ElideRight, labelWidth - layout.pt(6)), small, ink);
        layout.fill(QRectF(body.left() + labelWidth, layout.y + layout.pt(1), std::max(w, layout.pt(0.5)),
                           barHeight - layout.pt(2)),
                    primary);
        layout.text(QRectF(body.left() + labelWidth + w + layout.pt(4), layout.y, valueWidth, barHeight),
                    Qt::AlignLeft | Qt::AlignVCenter, QLocale().toString(qlonglong(std::llround(value))), small, muted);
        layout.y += barHeight + gap;
    }
    layout.y += layout.pt(6);
}

// ---- sections -------------------------------------------------------------------------------

QString valueOf(std::string_view id, const std::vector<MetricValue> &values)
{
    const MetricDefinition *d = findMetricIn(ticketMetricDefinitions(), id);
    return formatMetricValue(*d, values[ticketMetricIndex(id)].value);
}

void titlePage(Layout &layout, const ReportData &data, const QString &title)
{
    layout.newPage();
    const QRectF body = layout.body();
    layout.y = body.top() + layout.pt(layout.landscape() ? 30 : 90);
    const QFont big = layout.font(26, true);
    const double bigHeight = layout.metrics(big).boundingRect(QRectF(0, 0, body.width(), 1e9), Qt::TextWordWrap, title).height();
    layout.text(QRectF(body.left(), layout.y, body.width(), bigHeight), Qt::AlignLeft | Qt::TextWordWrap, title, big);
    layout.y += bigHeight + layout.pt(6);
    layout.paragraph(periodText(data.request.from, data.request.to), layout.font(14), muted);
    layout.y += layout.pt(8);
    layout.line({body.left(), layout.y}, {body.right(), layout.y}, primary, 1.5);
    layout.y += layout.pt(16);

    const MetricsResult &tickets = data.answer.tickets;
    const std::vector<std::pair<QString, QString>> facts = {
        {Tr::tr("Period"), periodText(data.request.from, data.request.to)},
        {Tr::tr("Compared with"), tickets.previousFrom ? periodText(tickets.previousFrom, tickets.previousTo)
                                                       : Tr::tr("no comparison")},
        {Tr::tr("Time zone"), QString::fromUtf8(data.request.zone.id())},
        {Tr::tr("Filters"), filterText(data.request.filter)},
        {Tr::tr("Database"), QFileInfo(data.databasePath).fileName()},
        {Tr::tr("Generated"), QLocale().toString(data.generatedAt, QLocale::LongFormat)},
    };
    const QFont label = layout.font(9.5, true);
    const QFont value = layout.font(9.5);
    const double labelWidth = layout.pt(110);
    for (const auto &[name, text] : facts) {
        const double height = layout.metrics(value)
                                  .boundingRect(QRectF(0, 0, body.width() - labelWidth, 1e9), Qt::TextWordWrap, text)
                                  .height();
        layout.need(height);
        layout.text(QRectF(body.left(), layout.y, labelWidth, height), Qt::AlignLeft | Qt::AlignTop, name, label, muted);
        layout.text(QRectF(body.left() + labelWidth, layout.y, body.width() - labelWidth, height),
                    Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, text, value);
        layout.y += height + layout.pt(5);
    }

    layout.y += layout.pt(18);
    layout.subheading(Tr::tr("Data sources"));
    if (data.imports.empty()) {
        layout.caption(Tr::tr("No imports are recorded in this database."));
        return;
    }
    layout.caption(Tr::tr("Every file imported into the database, oldest first, with its rows."));
    const QLocale locale;
    std::vector<Row> rows;
    for (const ImportRecord &record : data.imports) {
        rows.push_back({{QFileInfo(record.fileName).fileName()},
                        {record.kind},
                        {record.profile},
                        {locale.toString(record.importedAt.toLocalTime(), QLocale::ShortFormat)},
                        {locale.toString(qlonglong(record.rowsRead))},
                        {locale.toString(qlonglong(record.inserted + record.updated + record.unchanged))},
                        {locale.toString(qlonglong(record.rejected)), record.rejected > 0 ? judgementInk(Judgement::Worse) : ink}});
    }
    table(layout,
          {{Tr::tr("File"), 3.2}, {Tr::tr("Kind"), 1.1}, {Tr::tr("Profile"), 1.3}, {Tr::tr("Imported"), 1.9},
           {Tr::tr("Rows read"), 1.1, Qt::AlignRight}, {Tr::tr("Rows kept"), 1.1, Qt::AlignRight},
           {Tr::tr("Rejected"), 1.0, Qt::AlignRight}},
          rows, true, 8);
}

void kpiSection(Layout &layout, const ReportData &data)
{
    layout.heading(Tr::tr("Key figures"));
    const MetricsResult &tickets = data.answer.tickets;
    layout.caption(tickets.previousFrom
                       ? Tr::tr("%1, compared with %2. A change in green is better, in red worse, in grey neither "
                                "(the metric has no better direction, or the change is negligible). Percentages "
                                "change in percentage points (pp); — means no value: an empty denominator, or a "
                                "field the data does not have.")
                             .arg(shortPeriodText(data.request.from, data.request.to),
                                  shortPeriodText(tickets.previousFrom, tickets.previousTo))
                       : Tr::tr("— means no value: an empty denominator, or a field the data does not have."));
    std::vector<Row> rows;
    for (const MetricsTableRow &row : metricsTableRows(data.answer)) {
        const MetricDefinition &d = *row.definition;
        Judgement judgement = Judgement::Neutral;
        if (row.value && row.previous)
            judgement = judge(d, *row.value, *row.previous);
        rows.push_back({{displayName(d)},
                        {formatMetricValue(d, row.value), ink, true},
                        {formatMetricValue(d, row.previous), muted},
                        {formatMetricChange(d, row.value, row.previous), judgementInk(judgement), judgement != Judgement::Neutral}});
    }
    table(layout,
          {{Tr::tr("Metric"), 4.6}, {Tr::tr("Value"), 1.6, Qt::AlignRight}, {Tr::tr("Previous"), 1.6, Qt::AlignRight},
           {Tr::tr("Change"), 1.4, Qt::AlignRight}},
          rows, false, 8.5);
}

void trendSection(Layout &layout, const ReportData &data)
{
    const DashboardResult &dashboard = data.dashboard;
    const TrendSeries &trend = dashboard.trend;
    layout.heading(Tr::tr("Trends"));
    const QString bucket = trend.bucket == Grouping::Day    ? Tr::tr("day")
                           : trend.bucket == Grouping::Week ? Tr::tr("week")
                                                            : Tr::tr("month");
    layout.caption(dashboard.previousTrend
                       ? Tr::tr("By %1 over the period; the dashed grey line is the previous period, bucket for bucket.")
                             .arg(bucket)
                       : Tr::tr("By %1 over the period.").arg(bucket));
    // The window's trend labels (TrendChart::bucketLabel), with the year where it changes.
    QStringList labels;
    const bool spansYears = !trend.starts.empty() && trend.starts.front().year() != trend.starts.back().year();
    int labelledYear = 0;
    for (const QDate &start : trend.starts) {
        const bool withYear = start.year() != labelledYear && (trend.bucket == Grouping::Month || spansYears);
        labelledYear = start.year();
        labels.append(TrendChart::bucketLabel(start, trend.bucket, withYear));
    }

    struct Chart
    {
        std::string_view id;
        std::string_view second; // a second series of this period, or empty
    };
    const std::array<Chart, 6> charts = {{{"tickets_created", "tickets_solved"},
                                          {"backlog_end", {}},
                                          {"frt_median_min", {}},
                                          {"resolution_median_hours", {}},
                                          {"fcr_pct", {}},
                                          {"csat_pct", {}}}};
    const int columns = layout.landscape() ? 3 : 2;
    const int rowsOfCharts = int((charts.size() + std::size_t(columns) - 1) / std::size_t(columns));
    const double gap = layout.pt(18);
    const QRectF body = layout.body();
    const double width = (body.width() - gap * (columns - 1)) / columns;
    const double height = std::min(layout.pt(200), (layout.remaining() - gap * (rowsOfCharts - 1)) / rowsOfCharts);
    const double top = layout.y;
    for (std::size_t i = 0; i < charts.size(); ++i) {
        const MetricDefinition &d = *findMetricIn(ticketMetricDefinitions(), charts[i].id);
        std::vector<Series> series;
        series.push_back({displayName(d), trend.values(ticketMetricIndex(d.id)), primary, false});
        if (!charts[i].second.empty()) {
            const MetricDefinition &second = *findMetricIn(ticketMetricDefinitions(), charts[i].second);
            series.push_back({displayName(second), trend.values(ticketMetricIndex(second.id)), secondary, false});
        }
        if (dashboard.previousTrend)
            series.push_back({Tr::tr("Previous period"), dashboard.previousTrend->values(ticketMetricIndex(d.id)),
                              comparison, true});
        const QString unit = unitSuffix(d.unit).trimmed();
        const QString title = unit.isEmpty() ? displayName(d) : Tr::tr("%1 (%2)").arg(displayName(d), unit);
        const int column = int(i) % columns;
        const int row = int(i) / columns;
        const QRectF rect(body.left() + column * (width + gap), top + row * (height + gap), width, height);
        lineChart(layout, rect, charts[i].second.empty() ? title : Tr::tr("Tickets created and solved"), series, labels);
    }
    layout.y = top + rowsOfCharts * (height + gap);
}

std::vector<Row> groupRows(const std::vector<MetricsGroup> &groups)
{
    std::vector<Row> rows;
    for (const MetricsGroup &group : groups) {
        rows.push_back({{group.key},
                        {valueOf("tickets_created", group.metrics)},
                        {valueOf("tickets_solved", group.metrics)},
                        {valueOf("frt_median_min", group.metrics)},
                        {valueOf("resolution_median_hours", group.metrics)},
                        {valueOf("fcr_pct", group.metrics)},
                        {valueOf("csat_pct", group.metrics)}});
    }
    return rows;
}

std::vector<Column> groupColumns(const QString &first)
{
    return {{first, 2.6},
            {Tr::tr("Created"), 1.1, Qt::AlignRight},
            {Tr::tr("Solved"), 1.1, Qt::AlignRight},
            {Tr::tr("First reply (median)"), 1.4, Qt::AlignRight},
            {Tr::tr("Resolution (median)"), 1.4, Qt::AlignRight},
            {Tr::tr("FCR"), 1.1, Qt::AlignRight},
            {Tr::tr("CSAT"), 1.1, Qt::AlignRight}};
}

void breakdownSection(Layout &layout, const ReportData &data)
{
    layout.heading(Tr::tr("Channels and teams"));
    layout.caption(Tr::tr("Tickets created in the period by channel and by team, with the headline figures of each."));
    const std::size_t created = ticketMetricIndex("tickets_created");
    const auto bars = [&](const std::vector<MetricsGroup> &groups) {
        std::vector<std::pair<QString, double>> out;
        for (const MetricsGroup &group : groups) {
            if (out.size() == 10)
                break;
            out.emplace_back(group.key, group.metrics[created].value.value_or(0));
        }
        return out;
    };
    layout.subheading(Tr::tr("By channel"));
    barChart(layout, bars(data.dashboard.byChannel), Tr::tr("Tickets created"));
    table(layout, groupColumns(Tr::tr("Channel")), groupRows(data.dashboard.byChannel));
    layout.subheading(Tr::tr("By team"));
    if (data.dashboard.byTeam.size() > 10)
        layout.caption(Tr::tr("The bars show the ten teams with the most tickets; the table lists all %n.", nullptr,
                              int(data.dashboard.byTeam.size())));
    barChart(layout, bars(data.dashboard.byTeam), Tr::tr("Tickets created"));
    table(layout, groupColumns(Tr::tr("Team")), groupRows(data.dashboard.byTeam));
}

void heatmapSection(Layout &layout, const ReportData &data)
{
    layout.heading(Tr::tr("When tickets arrive"));
    layout.caption(Tr::tr("Tickets created by hour of the day and weekday, in %1 time. Darker is busier.")
                       .arg(QString::fromUtf8(data.request.zone.id())));
    const VolumeHeatmap &heatmap = data.dashboard.heatmap;
    std::int64_t most = 0;
    for (const auto &day : heatmap)
        for (const std::int64_t count : day)
            most = std::max(most, count);
    const QFont small = layout.font(6.5);
    const QFontMetricsF m = layout.metrics(small);
    const QLocale locale;
    double labelWidth = 0;
    for (int day = 1; day <= 7; ++day)
        labelWidth = std::max(labelWidth, m.horizontalAdvance(locale.dayName(day, QLocale::ShortFormat)));
    labelWidth += layout.pt(6);
    const QRectF body = layout.body();
    const double cell = std::min((body.width() - labelWidth) / 24, layout.pt(30));
    const double cellHeight = std::min(cell, layout.pt(22));
    const double headerHeight = m.height() + layout.pt(2);
    layout.need(headerHeight + 7 * cellHeight + layout.pt(30));
    const double left = body.left() + labelWidth;
    for (int hour = 0; hour < 24; ++hour) {
        layout.text(QRectF(left + hour * cell, layout.y, cell, headerHeight), Qt::AlignCenter,
                    locale.toString(hour), small, muted);
    }
    layout.y += headerHeight;
    // Counts written in the cells while they fit; above that the colour alone speaks.
    const bool numbers = m.horizontalAdvance(locale.toString(qlonglong(most))) < cell - layout.pt(2);
    const QFont cellFont = layout.font(most >= 1000 ? 5 : 6);
    for (int day = 0; day < 7; ++day) {
        layout.text(QRectF(body.left(), layout.y, labelWidth - layout.pt(6), cellHeight), Qt::AlignRight | Qt::AlignVCenter,
                    locale.dayName(day + 1, QLocale::ShortFormat), small, ink);
        for (int hour = 0; hour < 24; ++hour) {
            const std::int64_t count = heatmap[std::size_t(day)][std::size_t(hour)];
            const double share = most > 0 ? double(count) / double(most) : 0;
            const QColor color = QColor::fromRgbF(float(1 - share * (1 - primary.redF())),
                                                  float(1 - share * (1 - primary.greenF())),
                                                  float(1 - share * (1 - primary.blueF())));
            const QRectF rect(left + hour * cell, layout.y, cell, cellHeight);
            layout.fill(rect.adjusted(layout.pt(0.4), layout.pt(0.4), -layout.pt(0.4), -layout.pt(0.4)), color);
            if (numbers && count > 0) {
                layout.text(rect, Qt::AlignCenter, locale.toString(qlonglong(count)), cellFont,
                            share > 0.55 ? QColor(Qt::white) : ink);
            }
        }
        layout.y += cellHeight;
    }
    layout.y += layout.pt(4);
    layout.text(QRectF(left, layout.y, body.width(), m.height()), Qt::AlignLeft | Qt::AlignVCenter,
                Tr::tr("Busiest hour: %1 tickets created").arg(locale.toString(qlonglong(most))), small, muted);
    layout.y += m.height() + layout.pt(14);

    layout.subheading(Tr::tr("Top tags"));
    if (data.dashboard.topTags.empty()) {
        layout.caption(Tr::tr("No ticket of the period has a tag."));
        return;
    }
    std::vector<Row> rows;
    for (const TagVolume &tag : data.dashboard.topTags) {
        const std::optional<double> change = tag.changePct();
        QString changeText = QStringLiteral("—");
        if (change)
            changeText = (*change >= 0 ? QStringLiteral("+") : QString()) + locale.toString(*change, 'f', 1) + QStringLiteral(" %");
        rows.push_back({{tag.tag},
                        {locale.toString(qlonglong(tag.created))},
                        {tag.previous ? locale.toString(qlonglong(*tag.previous)) : QStringLiteral("—")},
                        {changeText, muted}});
    }
    table(layout,
          {{Tr::tr("Tag"), 4}, {Tr::tr("Created"), 1.4, Qt::AlignRight}, {Tr::tr("Previous period"), 1.6, Qt::AlignRight},
           {Tr::tr("Change"), 1.4, Qt::AlignRight}},
          rows);
}

void leaderboardSection(Layout &layout, const ReportData &data)
{
    layout.heading(Tr::tr("Agent leaderboard"));
    layout.caption(Tr::tr("%n agent(s) with tickets in the period, most tickets solved first. A CSAT from fewer than "
                          "20 ratings is in grey: its margin of error is wide.",
                          nullptr, int(data.agents.size())));
    if (data.agents.empty())
        return;
    const MetricDefinition &responses = *findMetricIn(ticketMetricDefinitions(), "csat_responses");
    const std::size_t ratings = ticketMetricIndex("csat_responses");
    std::vector<Row> rows;
    int rank = 0;
    for (const MetricsGroup &agent : data.agents) {
        const bool small = agent.metrics[ratings].value.value_or(0) < 20;
        rows.push_back({{QLocale().toString(++rank), muted},
                        {agent.key},
                        {valueOf("tickets_solved", agent.metrics)},
                        {valueOf("frt_median_min", agent.metrics)},
                        {valueOf("resolution_median_hours", agent.metrics)},
                        {valueOf("fcr_pct", agent.metrics)},
                        {valueOf("reopen_pct", agent.metrics)},
                        {valueOf("csat_pct", agent.metrics), small ? muted : ink},
                        {formatMetricValue(responses, agent.metrics[ratings].value)}});
    }
    table(layout,
          {{Tr::tr("#"), 0.55, Qt::AlignRight}, {Tr::tr("Agent"), 2.4}, {Tr::tr("Solved"), 1, Qt::AlignRight},
           {Tr::tr("First reply (median)"), 1.35, Qt::AlignRight}, {Tr::tr("Resolution (median)"), 1.35, Qt::AlignRight},
           {Tr::tr("FCR"), 1, Qt::AlignRight}, {Tr::tr("Reopened"), 1.3, Qt::AlignRight},
           {Tr::tr("CSAT"), 1, Qt::AlignRight}, {Tr::tr("Ratings"), 1, Qt::AlignRight}},
          rows);
}

void definitionsSection(Layout &layout, const ReportData &data)
{
    layout.heading(Tr::tr("Definitions"));
    layout.caption(Tr::tr("What each figure of this report counts, and what it leaves out. The id is the metric's "
                          "name in the output of \"supportlens metrics\" and in spec/metrics.md."));
    const QFont nameFont = layout.font(9, true);
    QFont idFont(QStringLiteral("DejaVu Sans Mono"));
    idFont.setPointSizeF(7.5);
    idFont.setStyleStrategy(QFont::PreferNoShaping);
    const QFont textFont = layout.font(8.5);
    const QRectF body = layout.body();
    for (const MetricsTableRow &row : metricsTableRows(data.answer)) {
        const MetricDefinition &d = *row.definition;
        const double nameHeight = layout.metrics(nameFont).height();
        const QString text = displayDefinition(d);
        const double textHeight =
            layout.metrics(textFont).boundingRect(QRectF(0, 0, body.width() - layout.pt(12), 1e9), Qt::TextWordWrap, text).height();
        layout.need(nameHeight + textHeight + layout.pt(8));
        const QString name = displayName(d);
        const double nameWidth = layout.metrics(nameFont).horizontalAdvance(name);
        layout.text(QRectF(body.left(), layout.y, nameWidth + layout.pt(2), nameHeight), Qt::AlignLeft | Qt::AlignVCenter,
                    name, nameFont);
        layout.text(QRectF(body.left() + nameWidth + layout.pt(8), layout.y, body.width() - nameWidth - layout.pt(8), nameHeight),
                    Qt::AlignLeft | Qt::AlignVCenter, metricId(d), idFont, muted);
        layout.y += nameHeight + layout.pt(1);
        layout.paragraph(text, textFont, ink, layout.pt(12));
        layout.y += layout.pt(7);
    }
}

// The running header (not on the title page) and the footer of every page.
void decorate(QPainter &painter, const Layout &layout, int page, int pages, const QString &title, const QString &period,
              const QDateTime &generatedAt)
{
    const QRectF body = layout.body();
    const QFont small = layout.font(7.5);
    const double height = layout.metrics(small).height();
    painter.setFont(small);
    if (page > 1) {
        const double y = layout.margin();
        painter.setPen(muted);
        painter.drawText(QRectF(body.left(), y, body.width() * 0.6, height), Qt::AlignLeft | Qt::AlignVCenter, title);
        painter.drawText(QRectF(body.left() + body.width() * 0.4, y, body.width() * 0.6, height),
                         Qt::AlignRight | Qt::AlignVCenter, period);
        painter.setPen(QPen(rule, layout.pt(0.5)));
        painter.drawLine(QPointF(body.left(), y + height + layout.pt(3)), QPointF(body.right(), y + height + layout.pt(3)));
    }
    const double y = layout.page().height() - layout.margin() - height;
    painter.setPen(QPen(rule, layout.pt(0.5)));
    painter.drawLine(QPointF(body.left(), y - layout.pt(4)), QPointF(body.right(), y - layout.pt(4)));
    painter.setPen(muted);
    painter.drawText(QRectF(body.left(), y, body.width() * 0.7, height), Qt::AlignLeft | Qt::AlignVCenter,
                     Tr::tr("SupportLens · generated %1").arg(QLocale().toString(generatedAt, QLocale::ShortFormat)));
    painter.drawText(QRectF(body.left() + body.width() * 0.5, y, body.width() * 0.5, height),
                     Qt::AlignRight | Qt::AlignVCenter, Tr::tr("Page %1 of %2").arg(page).arg(pages));
}

} // namespace

QString ReportWriter::defaultTitle()
{
    return tr("Support report");
}

int ReportWriter::paint(const ReportData &data, const ReportOptions &options, QPagedPaintDevice &device)
{
    const QString title = options.title.isEmpty() ? defaultTitle() : options.title;
    Layout layout(device);
    if (options.sections & ReportSection::TitlePage)
        titlePage(layout, data, title);
    if (options.sections & ReportSection::Kpis)
        kpiSection(layout, data);
    if (options.sections & ReportSection::Trends)
        trendSection(layout, data);
    if (options.sections & ReportSection::Breakdowns)
        breakdownSection(layout, data);
    if (options.sections & ReportSection::Heatmap)
        heatmapSection(layout, data);
    if (options.sections & ReportSection::Leaderboard)
        leaderboardSection(layout, data);
    if (options.sections & ReportSection::Definitions)
        definitionsSection(layout, data);
    if (layout.pages.empty())
        layout.newPage();

    QPainter painter;
    if (!painter.begin(&device))
        return 0;
    painter.setRenderHint(QPainter::Antialiasing);
    const int pages = int(layout.pages.size());
    const QString period = periodText(data.request.from, data.request.to);
    for (int i = 0; i < pages; ++i) {
        if (i > 0)
            device.newPage();
        for (const DrawOp &op : layout.pages[std::size_t(i)].ops)
            op(painter);
        decorate(painter, layout, i + 1, pages, title, period, data.generatedAt);
    }
    painter.end();
    return pages;
}

bool ReportWriter::writePdf(const ReportData &data, const ReportOptions &options, const QString &path, QString *error,
                            int *pageCount)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    int pages = 0;
    {
        QPdfWriter writer(&file);
        writer.setTitle(options.title.isEmpty() ? defaultTitle() : options.title);
        writer.setCreator(QStringLiteral("SupportLens"));
        writer.setPageLayout(QPageLayout(QPageSize(options.paper), options.orientation, QMarginsF(0, 0, 0, 0)));
        pages = paint(data, options, writer);
    }
    if (pages == 0) {
        file.cancelWriting();
        *error = tr("%1: the PDF could not be painted").arg(path);
        return false;
    }
    if (!file.commit()) {
        *error = tr("%1: cannot write: %2").arg(path, file.errorString());
        return false;
    }
    if (pageCount)
        *pageCount = pages;
    return true;
}

} // namespace sl::ui
