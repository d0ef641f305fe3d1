#pragma once

// One headline number of the Overview: name, value, change against the previous period
// (coloured by whether that is better or worse), the sample size of a rate, and a sparkline of
// the period. Everything it says comes from a KpiCardData. A clickable card (setClickable) opens
// the tickets behind its number: clicked() on a click, or on Enter or Space when it has focus.

#include "overview/kpis.h"

#include <QFrame>

class QLabel;

namespace sl::ui {

class Sparkline;

class KpiCard : public QFrame
{
    Q_OBJECT

public:
    explicit KpiCard(QWidget *parent = nullptr);

    void setData(const KpiCardData &data);
    const KpiCardData &data() const { return m_data; }
    // Whether the card is a way to its tickets: a pointing hand, keyboard focus, a tooltip line.
    void setClickable(bool clickable);
    bool isClickable() const { return m_clickable; }

    QLabel *valueLabel() const { return m_value; }
    QLabel *deltaLabel() const { return m_delta; }
    QLabel *sampleLabel() const { return m_sample; }
    // "✓ Target ≥ 90.0 %" in the met colour, "✗ …" in the missed one; hidden without a target.
    QLabel *targetLabel() const { return m_target; }
    Sparkline *sparkline() const { return m_sparkline; }

signals:
    void clicked();

protected:
    void changeEvent(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void applyFonts();
    void applyColors();
    void updateToolTip();

    KpiCardData m_data;
    bool m_clickable = false;
    bool m_pressed = false; // a press began on the card: only a release that ends it clicks
    QLabel *m_title = nullptr;
    QLabel *m_value = nullptr;
    QLabel *m_delta = nullptr;
    QLabel *m_sample = nullptr;
    QLabel *m_target = nullptr;
    Sparkline *m_sparkline = nullptr;
};

} // namespace sl::ui
