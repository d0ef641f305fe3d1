#pragma once

// A small line of a trend, without axes: the shape of a KPI over the period. Null points are
// gaps. Drawn in the palette's highlight colour, over a faint fill.

#include <QWidget>

#include <optional>
#include <vector>

namespace sl::ui {

class Sparkline : public QWidget
{
    Q_OBJECT

public:
    explicit Sparkline(QWidget *parent = nullptr);

    void setValues(std::vector<std::optional<double>> values);
    const std::vector<std::optional<double>> &values() const { return m_values; }
    // True when there are at least two points to draw.
    bool hasLine() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::vector<std::optional<double>> m_values;
};

} // namespace sl::ui
