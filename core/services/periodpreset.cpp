#include "services/periodpreset.h"

namespace sl::ui {

namespace {

QDate firstOfQuarter(const QDate &date)
{
    return QDate(date.year(), (date.month() - 1) / 3 * 3 + 1, 1);
}

} // namespace

const std::vector<PeriodPreset> &periodPresets()
{
    static const std::vector<PeriodPreset> presets = {
        PeriodPreset::ThisMonth,   PeriodPreset::LastMonth,   PeriodPreset::Last7Days,
        PeriodPreset::Last30Days,  PeriodPreset::Last90Days,  PeriodPreset::ThisQuarter,
        PeriodPreset::LastQuarter, PeriodPreset::YearToDate,  PeriodPreset::Custom,
    };
    return presets;
}

std::optional<std::pair<QDate, QDate>> presetDates(PeriodPreset preset, const QDate &today)
{
    if (!today.isValid())
        return std::nullopt;
    const QDate monthStart(today.year(), today.month(), 1);
    switch (preset) {
    case PeriodPreset::ThisMonth: return std::pair(monthStart, today);
    case PeriodPreset::LastMonth: return std::pair(monthStart.addMonths(-1), monthStart.addDays(-1));
    case PeriodPreset::Last7Days: return std::pair(today.addDays(-6), today);
    case PeriodPreset::Last30Days: return std::pair(today.addDays(-29), today);
    case PeriodPreset::Last90Days: return std::pair(today.addDays(-89), today);
    case PeriodPreset::ThisQuarter: return std::pair(firstOfQuarter(today), today);
    case PeriodPreset::LastQuarter: {
        const QDate thisQuarter = firstOfQuarter(today);
        return std::pair(thisQuarter.addMonths(-3), thisQuarter.addDays(-1));
    }
    case PeriodPreset::YearToDate: return std::pair(QDate(today.year(), 1, 1), today);
    case PeriodPreset::Custom: return std::nullopt;
    }
    return std::nullopt;
}

QString presetName(PeriodPreset preset)
{
    switch (preset) {
    case PeriodPreset::ThisMonth: return PeriodPresetText::tr("This month");
    case PeriodPreset::LastMonth: return PeriodPresetText::tr("Last month");
    case PeriodPreset::Last7Days: return PeriodPresetText::tr("Last 7 days");
    case PeriodPreset::Last30Days: return PeriodPresetText::tr("Last 30 days");
    case PeriodPreset::Last90Days: return PeriodPresetText::tr("Last 90 days");
    case PeriodPreset::ThisQuarter: return PeriodPresetText::tr("This quarter");
    case PeriodPreset::LastQuarter: return PeriodPresetText::tr("Last quarter");
    case PeriodPreset::YearToDate: return PeriodPresetText::tr("Year to date");
    case PeriodPreset::Custom: return PeriodPresetText::tr("Custom");
    }
    return {};
}

QString presetKey(PeriodPreset preset)
{
    switch (preset) {
    case PeriodPreset::ThisMonth: return QStringLiteral("this-month");
    case PeriodPreset::LastMonth: return QStringLiteral("last-month");
    case PeriodPreset::Last7Days: return QStringLiteral("last-7-days");
    case PeriodPreset::Last30Days: return QStringLiteral("last-30-days");
    case PeriodPreset::Last90Days: return QStringLiteral("last-90-days");
    case PeriodPreset::ThisQuarter: return QStringLiteral("this-quarter");
    case PeriodPreset::LastQuarter: return QStringLiteral("last-quarter");
    case PeriodPreset::YearToDate: return QStringLiteral("year-to-date");
    case PeriodPreset::Custom: return QStringLiteral("custom");
    }
    return {};
}

std::optional<PeriodPreset> presetFromKey(const QString &key)
{
    for (PeriodPreset preset : periodPresets()) {
        if (presetKey(preset) == key)
            return preset;
    }
    return std::nullopt;
}

} // namespace sl::ui
