#pragma once

// The filter bar's date presets as plain date arithmetic, so that "last quarter" in January is
// testable without a widget or a clock: `today` is a parameter.

#include <QCoreApplication>
#include <QDate>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace sl::ui {

enum class PeriodPreset {
    ThisMonth,   // the 1st of this month to today
    LastMonth,   // the whole previous calendar month
    Last7Days,   // today and the 6 days before
    Last30Days,
    Last90Days,
    ThisQuarter, // the first day of this quarter to today
    LastQuarter, // the whole previous calendar quarter
    YearToDate,  // 1 January to today
    Custom,      // two dates of the user's
};

// Every preset, in the order the filter bar lists them.
const std::vector<PeriodPreset> &periodPresets();

// First and last day (both inclusive) of a preset on `today`; Custom has none.
std::optional<std::pair<QDate, QDate>> presetDates(PeriodPreset preset, const QDate &today);

// "Last 30 days", through tr().
QString presetName(PeriodPreset preset);
// A stable key for the settings file ("last-30-days"), and back.
QString presetKey(PeriodPreset preset);
std::optional<PeriodPreset> presetFromKey(const QString &key);

class PeriodPresetText
{
    Q_DECLARE_TR_FUNCTIONS(PeriodPresetText)
};

} // namespace sl::ui
