#pragma once

// A dark palette for screenshots and tests, without a dark desktop theme installed: with
// SUPPORTLENS_PALETTE=dark in the environment the application runs in Fusion with the colours
// below. Deliberately no menu entry and no setting: the window follows the system palette, and
// this only lets a headless machine (Xvfb, offscreen) show what a dark desktop would.

class QPalette;

namespace sl::ui {

// The dark palette: window #353535, base #1c1c1c, text #e8e8e8, highlight #4a9be0.
QPalette darkPalette();

// Applies darkPalette() (and the Fusion style, which follows a palette faithfully) when
// SUPPORTLENS_PALETTE is "dark"; does nothing otherwise. Call after QApplication exists.
void applyEnvironmentPalette();

} // namespace sl::ui
