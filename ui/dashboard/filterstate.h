#pragma once

// What the filter bar holds: a period (a preset, or two dates), whether to compare with the
// previous period, and the filter. The window keeps it in the settings between sessions.

#include "services/periodpreset.h"
#include "metrics/metricsquery.h"

#include <QDate>

#include <utility>

namespace sl::ui {

struct FilterState
{
    PeriodPreset preset = PeriodPreset::LastMonth;
    QDate customFrom, customTo; // with PeriodPreset::Custom
    bool compare = true;
    bool compareLastYear = false; // with compare: the same dates a year earlier, not the days just before
    MetricsFilter filter;

    // The period's first and last day on `today`: the preset's, or the custom dates in order.
    std::pair<QDate, QDate> dates(const QDate &today) const
    {
        if (const auto range = presetDates(preset, today))
            return *range;
        if (!customFrom.isValid() || !customTo.isValid())
            return *presetDates(PeriodPreset::LastMonth, today);
        return customFrom <= customTo ? std::pair(customFrom, customTo) : std::pair(customTo, customFrom);
    }
};

} // namespace sl::ui
