#pragma once

// One headline number of the Overview: name, value, change against the previous period
// (coloured by whether that is better or worse), the sample size of a rate, and a sparkline of
// the period. Everything it says comes from a KpiCardData.

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

    QLabel *valueLabel() const { return m_value; }
    QLabel *deltaLabel() const { return m_delta; }
    QLabel *sampleLabel() const { return m_sample; }
    // "✓ Target ≥ 90.0 %" in the met colour, "✗ …" in the missed one; hidden without a target.
    QLabel *targetLabel() const { return m_target; }
    Sparkline *sparkline() const { return m_sparkline; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyFonts();
    void applyColors();

    KpiCardData m_data;
    QLabel *m_title = nullptr;
    QLabel *m_value = nullptr;
    QLabel *m_delta = nullptr;
    QLabel *m_sample = nullptr;
    QLabel *m_target = nullptr;
    Sparkline *m_sparkline = nullptr;
};

} // namespace sl::ui
