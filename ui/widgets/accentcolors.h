#pragma once

// The only colours of the window that are not the system palette's: "better", "worse" and
// "no judgement", for deltas. Each has a darker tone for light backgrounds and a lighter one for
// dark backgrounds, both picked for a contrast of at least 4.5:1 against the usual base colours.

#include <QColor>
#include <QPalette>

namespace sl::ui {

enum class Judgement { Better, Worse, Neutral };

inline bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

inline QColor judgementColor(Judgement judgement, const QPalette &palette)
{
    const bool dark = isDarkPalette(palette);
    switch (judgement) {
    case Judgement::Better: return dark ? QColor(0x5f, 0xd0, 0x8a) : QColor(0x1a, 0x7f, 0x37);
    case Judgement::Worse: return dark ? QColor(0xff, 0x80, 0x80) : QColor(0xc0, 0x23, 0x23);
    case Judgement::Neutral: return palette.color(QPalette::PlaceholderText);
    }
    return palette.color(QPalette::Text);
}

} // namespace sl::ui
