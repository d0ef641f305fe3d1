#pragma once

// The filter bar above every page: the period (a preset, or two dates), the comparison, and a
// multi-select per field. It owns the FilterState and says when it changed; the window turns
// that into the pages' requests.

#include "dashboard/filterstate.h"

#include <QDate>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QToolButton;

namespace sl {
struct TicketSnapshot;
}

namespace sl::ui {

class MultiSelectButton;

// The "Compare to" choices (FilterState's compare and compareLastYear).
enum class CompareTo { PreviousPeriod, SamePeriodLastYear, Nothing };

class FilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit FilterBar(QWidget *parent = nullptr);

    // The day the presets count from; today unless a test sets another.
    void setToday(const QDate &today);
    QDate today() const { return m_today; }

    // The values each multi-select offers: the names the snapshot holds.
    void setOptions(const TicketSnapshot &snapshot);
    void clearOptions();

    void setState(const FilterState &state);
    FilterState state() const { return m_state; }
    // The period's first and last day.
    std::pair<QDate, QDate> dates() const { return m_state.dates(m_today); }

    void setPreset(PeriodPreset preset);
    // Sets both dates at once (PeriodPreset::Custom).
    void setCustomDates(const QDate &from, const QDate &to);

    QComboBox *presetBox() const { return m_preset; }
    QDateEdit *fromEdit() const { return m_from; }
    QDateEdit *toEdit() const { return m_to; }
    MultiSelectButton *channelButton() const { return m_channels; }
    MultiSelectButton *teamButton() const { return m_teams; }
    MultiSelectButton *agentButton() const { return m_agents; }
    MultiSelectButton *priorityButton() const { return m_priorities; }
    MultiSelectButton *tagButton() const { return m_tags; }

signals:
    void stateChanged(const sl::ui::FilterState &state);

private:
    void showState();
    void readDates();
    void readFilter();
    void changed();

    FilterState m_state;
    QDate m_today = QDate::currentDate();
    bool m_showing = false; // true while showState() writes the controls
    QComboBox *m_preset = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_compare = nullptr;
    MultiSelectButton *m_channels = nullptr;
    MultiSelectButton *m_teams = nullptr;
    MultiSelectButton *m_agents = nullptr;
    MultiSelectButton *m_priorities = nullptr;
    MultiSelectButton *m_tags = nullptr;
    QToolButton *m_reset = nullptr;
};

} // namespace sl::ui
