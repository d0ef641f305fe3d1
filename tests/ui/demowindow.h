#pragma once

// The main window the window tests open on the demo database: settings of its own (an INI file
// of the test's, cleared) with the filter bar on June 2025, the demo's last month, and the
// window's first result delivered before a test looks at it.

#include "dashboard/dashboardcontroller.h"
#include "mainwindow.h"
#include "shell/settings.h"

#include <QDate>
#include <QDir>
#include <QSettings>
#include <QTest>

#include <memory>

namespace sl::test {

inline std::unique_ptr<ui::Settings> juneSettings(const QDir &dir, const QString &name)
{
    auto store = std::make_unique<QSettings>(dir.filePath(name + QStringLiteral(".ini")), QSettings::IniFormat);
    store->clear();
    auto settings = std::make_unique<ui::Settings>(std::move(store));
    ui::FilterState filters;
    filters.preset = ui::PeriodPreset::Custom;
    filters.customFrom = QDate(2025, 6, 1);
    filters.customTo = QDate(2025, 6, 30);
    filters.compare = true;
    settings->setFilters(filters);
    return settings;
}

// Null when the first result did not come within `timeoutMs`.
inline std::unique_ptr<ui::MainWindow> openDemoWindow(
    std::unique_ptr<ui::Settings> settings, const QString &databasePath, int timeoutMs)
{
    auto window = std::make_unique<ui::MainWindow>(std::move(settings));
    window->resize(1400, 900);
    window->show();
    window->openDatabase(databasePath);
    const bool ready = QTest::qWaitFor(
        [&] { return window->controller()->result() && !window->controller()->isBusy(); }, timeoutMs);
    return ready ? std::move(window) : nullptr;
}

} // namespace sl::test
