#include "overview/kpicard.h"

#include "widgets/sparkline.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace sl::ui {

KpiCard::KpiCard(QWidget *parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

    m_title = new QLabel(this);
    m_title->setForegroundRole(QPalette::PlaceholderText);
    m_title->setWordWrap(true);
    m_value = new QLabel(this);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_delta = new QLabel(this);
    m_sample = new QLabel(this);
    m_sample->setForegroundRole(QPalette::PlaceholderText);
    m_target = new QLabel(this);
    m_target->setVisible(false);
    m_sparkline = new Sparkline(this);
    m_sparkline->setAccessibleName(tr("Trend in the period"));

    auto *figures = new QHBoxLayout;
    figures->setSpacing(fontMetrics().averageCharWidth());
    figures->addWidget(m_delta);
    figures->addStretch(1);
    figures->addWidget(m_sample);

    auto *layout = new QVBoxLayout(this);
    const int margin = fontMetrics().height() / 2;
    layout->setContentsMargins(margin + 2, margin, margin + 2, margin);
    layout->setSpacing(fontMetrics().height() / 5);
    layout->addWidget(m_title);
    // The target sits beside the value, on the line the big font makes tall anyway, so that a
    // card with a target is no taller than one without.
    auto *valueRow = new QHBoxLayout;
    valueRow->setSpacing(fontMetrics().averageCharWidth());
    valueRow->addWidget(m_value);
    valueRow->addStretch(1);
    valueRow->addWidget(m_target, 0, Qt::AlignRight | Qt::AlignBottom);
    layout->addLayout(valueRow);
    layout->addLayout(figures);
    layout->addWidget(m_sparkline);
    applyFonts();
}

void KpiCard::setData(const KpiCardData &data)
{
    m_data = data;
    m_title->setText(data.title);
    m_value->setText(data.valueText);
    m_delta->setText(data.deltaText.isEmpty() && data.value ? tr("no comparison") : data.deltaText);
    m_sample->setText(data.sampleText);
    m_sample->setVisible(!data.sampleText.isEmpty());
    // A mark as well as a colour: met or missed must not be told by colour alone.
    const QString mark = data.targetStatus == TargetStatus::Met ? QStringLiteral("✓ ")
        : data.targetStatus == TargetStatus::Missed            ? QStringLiteral("✗ ")
                                                               : QString();
    m_target->setText(mark + data.targetText);
    m_target->setVisible(!data.targetText.isEmpty());
    m_target->setAccessibleName(data.targetText);
    m_sparkline->setValues(data.sparkline);
    // Keep the card's height when a period has a single bucket: an empty strip, not a jump.
    m_sparkline->setVisible(true);
    setToolTip(data.toolTip);
    setAccessibleName(data.title);
    QString description = data.valueText;
    if (!data.deltaText.isEmpty())
        description += tr(", %1 against the previous period").arg(data.deltaText);
    if (!data.sampleText.isEmpty())
        description += QStringLiteral(", ") + data.sampleText;
    if (data.targetStatus != TargetStatus::NoTarget)
        description += (data.targetStatus == TargetStatus::Met ? tr(", %1: met") : tr(", %1: missed")).arg(data.targetText);
    setAccessibleDescription(description);
    applyColors();
}

void KpiCard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        applyColors();
    if (event->type() == QEvent::FontChange)
        applyFonts();
    QFrame::changeEvent(event);
}

void KpiCard::applyFonts()
{
    if (!m_value)
        return;
    // Relative to the system font, so that high-DPI screens and large-text settings scale it.
    QFont big = font();
    big.setPointSizeF(font().pointSizeF() * 1.9);
    big.setWeight(QFont::DemiBold);
    m_value->setFont(big);
}

void KpiCard::applyColors()
{
    if (!m_delta)
        return; // setBackgroundRole() in the constructor sends a palette change before the labels exist
    // The card's background role is Base, which its labels inherit, and with it their text role:
    // Text, not WindowText. Both are set, so the colour holds whichever role a style paints with.
    QPalette deltaPalette = m_delta->palette();
    const Judgement judgement = m_data.deltaText.isEmpty() ? Judgement::Neutral : m_data.judgement;
    deltaPalette.setColor(QPalette::WindowText, judgementColor(judgement, palette()));
    deltaPalette.setColor(QPalette::Text, judgementColor(judgement, palette()));
    m_delta->setPalette(deltaPalette);

    QPalette targetPalette = m_target->palette();
    const Judgement verdict = m_data.targetStatus == TargetStatus::Met ? Judgement::Better
        : m_data.targetStatus == TargetStatus::Missed                   ? Judgement::Worse
                                                                        : Judgement::Neutral;
    targetPalette.setColor(QPalette::WindowText, judgementColor(verdict, palette()));
    targetPalette.setColor(QPalette::Text, judgementColor(verdict, palette()));
    m_target->setPalette(targetPalette);
}

} // namespace sl::ui
