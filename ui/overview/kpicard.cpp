#include "overview/kpicard.h"

#include "widgets/sparkline.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPen>
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
    updateToolTip();
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

void KpiCard::setClickable(bool clickable)
{
    m_clickable = clickable;
    m_pressed = false;
    if (clickable)
        setCursor(Qt::PointingHandCursor);
    else
        unsetCursor();
    setFocusPolicy(clickable ? Qt::StrongFocus : Qt::NoFocus);
    // A selectable value would take the presses on it: the card's biggest part would not click.
    m_value->setTextInteractionFlags(clickable ? Qt::NoTextInteraction : Qt::TextSelectableByMouse);
    updateToolTip();
}

void KpiCard::updateToolTip()
{
    if (!m_clickable) {
        setToolTip(m_data.toolTip);
        return;
    }
    // The tooltip is rich text (KpiCardData::toolTip): a line of its own, set apart in italics.
    const QString hint = tr("Click to see the tickets").toHtmlEscaped();
    setToolTip(m_data.toolTip.isEmpty() ? hint : tr("%1<br><i>%2</i>").arg(m_data.toolTip, hint));
}

void KpiCard::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    if (!hasFocus())
        return;
    // A frame draws no focus of its own, and styles draw a focus rectangle only after keyboard
    // navigation: a card reached by Tab, or clicked, says so with a highlight-coloured border.
    QPainter painter(this);
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
    painter.drawRect(QRectF(rect()).adjusted(1, 1, -1, -1));
}

void KpiCard::mousePressEvent(QMouseEvent *event)
{
    m_pressed = m_clickable && event->button() == Qt::LeftButton;
    if (m_pressed)
        event->accept(); // the release comes here, not to a parent that would take the press
    else
        QFrame::mousePressEvent(event);
}

void KpiCard::mouseReleaseEvent(QMouseEvent *event)
{
    // Like a button: the release must end a press on the card and happen over it, so that a
    // press dragged off the card cancels.
    const bool click = m_pressed && event->button() == Qt::LeftButton && rect().contains(event->position().toPoint());
    m_pressed = false;
    if (click) {
        event->accept();
        emit clicked();
        return;
    }
    QFrame::mouseReleaseEvent(event);
}

void KpiCard::keyPressEvent(QKeyEvent *event)
{
    if (m_clickable && !event->isAutoRepeat()
        && (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter || event->key() == Qt::Key_Space)) {
        event->accept();
        emit clicked();
        return;
    }
    QFrame::keyPressEvent(event);
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
