#include "widgets/filterbar.h"

#include "domain/ticketsnapshot.h"
#include "widgets/multiselectbutton.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>

namespace sl::ui {

namespace {

QStringList sortedNames(QStringList names)
{
    names.removeAll(QString());
    std::sort(names.begin(), names.end(),
        [](const QString &a, const QString &b) { return QString::localeAwareCompare(a, b) < 0; });
    return names;
}

} // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
{
    auto *periodLabel = new QLabel(tr("&Period:"), this);
    m_preset = new QComboBox(this);
    m_preset->setAccessibleName(tr("Period preset"));
    for (PeriodPreset preset : periodPresets())
        m_preset->addItem(presetName(preset), int(preset));
    periodLabel->setBuddy(m_preset);

    const QString dateFormat = QLocale().dateFormat(QLocale::ShortFormat);
    m_from = new QDateEdit(this);
    m_from->setAccessibleName(tr("First day of the period"));
    m_to = new QDateEdit(this);
    m_to->setAccessibleName(tr("Last day of the period"));
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(dateFormat);
    }
    auto *dash = new QLabel(tr("–"), this);
    dash->setAccessibleName(tr("to"));

    auto *compareLabel = new QLabel(tr("C&ompare to:"), this);
    m_compare = new QComboBox(this);
    m_compare->addItem(tr("Previous period"), int(CompareTo::PreviousPeriod));
    m_compare->addItem(tr("Same period last year"), int(CompareTo::SamePeriodLastYear));
    m_compare->addItem(tr("Nothing"), int(CompareTo::Nothing));
    m_compare->setAccessibleName(tr("Compare to"));
    m_compare->setToolTip(tr("Previous period: the same number of days, ending the day before this one. Same period last year: the same dates a year earlier."));
    compareLabel->setBuddy(m_compare);

    m_channels = new MultiSelectButton(tr("Channel"), this);
    m_teams = new MultiSelectButton(tr("Team"), this);
    m_agents = new MultiSelectButton(tr("Agent"), this);
    m_priorities = new MultiSelectButton(tr("Priority"), this);
    m_tags = new MultiSelectButton(tr("Tag"), this);
    m_reset = new QToolButton(this);
    m_reset->setText(tr("Clear filters"));
    m_reset->setAccessibleName(tr("Clear every channel, team, agent, priority and tag filter"));
    m_reset->setToolTip(m_reset->accessibleName());

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(periodLabel);
    layout->addWidget(m_preset);
    layout->addWidget(m_from);
    layout->addWidget(dash);
    layout->addWidget(m_to);
    layout->addSpacing(fontMetrics().averageCharWidth() * 2);
    layout->addWidget(compareLabel);
    layout->addWidget(m_compare);
    layout->addSpacing(fontMetrics().averageCharWidth() * 2);
    for (MultiSelectButton *button : {m_channels, m_teams, m_agents, m_priorities, m_tags}) {
        layout->addWidget(button);
        connect(button, &MultiSelectButton::selectionChanged, this, &FilterBar::readFilter);
    }
    layout->addWidget(m_reset);
    layout->addStretch(1);

    connect(m_preset, &QComboBox::activated, this, [this] {
        const auto preset = PeriodPreset(m_preset->currentData().toInt());
        if (preset == PeriodPreset::Custom) {
            // Custom starts from the dates shown, for the user to change.
            const auto [from, to] = dates();
            m_state.customFrom = from;
            m_state.customTo = to;
        }
        m_state.preset = preset;
        showState();
        changed();
    });
    connect(m_from, &QDateEdit::dateChanged, this, &FilterBar::readDates);
    connect(m_to, &QDateEdit::dateChanged, this, &FilterBar::readDates);
    connect(m_compare, &QComboBox::activated, this, [this] {
        const auto choice = CompareTo(m_compare->currentData().toInt());
        m_state.compare = choice != CompareTo::Nothing;
        m_state.compareLastYear = choice == CompareTo::SamePeriodLastYear;
        changed();
    });
    connect(m_reset, &QToolButton::clicked, this, [this] {
        if (m_state.filter.isEmpty())
            return;
        m_state.filter = {};
        showState();
        changed();
    });
    showState();
}

void FilterBar::setToday(const QDate &today)
{
    m_today = today;
    showState();
}

void FilterBar::setOptions(const TicketSnapshot &snapshot)
{
    m_showing = true;
    m_channels->setOptions(sortedNames(snapshot.channelNames));
    m_teams->setOptions(sortedNames(snapshot.teamNames));
    m_agents->setOptions(sortedNames(snapshot.agentNames));
    m_priorities->setOptions(sortedNames(snapshot.priorityNames));
    m_tags->setOptions(sortedNames(snapshot.tagNames));
    m_showing = false;
    // Values the database does not hold were dropped: the state follows the buttons.
    MetricsFilter filter;
    filter.channels = m_channels->selected();
    filter.teams = m_teams->selected();
    filter.agents = m_agents->selected();
    filter.priorities = m_priorities->selected();
    filter.tags = m_tags->selected();
    m_state.filter = filter;
}

void FilterBar::clearOptions()
{
    for (MultiSelectButton *button : {m_channels, m_teams, m_agents, m_priorities, m_tags})
        button->setOptions({});
}

void FilterBar::setState(const FilterState &state)
{
    m_state = state;
    showState();
    // Values unknown to the open database are dropped by the buttons.
    if (!m_channels->options().isEmpty()) {
        m_state.filter.channels = m_channels->selected();
        m_state.filter.teams = m_teams->selected();
        m_state.filter.agents = m_agents->selected();
        m_state.filter.priorities = m_priorities->selected();
        m_state.filter.tags = m_tags->selected();
    }
}

void FilterBar::setPreset(PeriodPreset preset)
{
    m_state.preset = preset;
    showState();
    changed();
}

void FilterBar::setCustomDates(const QDate &from, const QDate &to)
{
    m_state.preset = PeriodPreset::Custom;
    m_state.customFrom = from;
    m_state.customTo = to;
    showState();
    changed();
}

void FilterBar::showState()
{
    m_showing = true;
    m_preset->setCurrentIndex(m_preset->findData(int(m_state.preset)));
    const auto [from, to] = dates();
    m_from->setDate(from);
    m_to->setDate(to);
    m_compare->setCurrentIndex(m_compare->findData(int(!m_state.compare            ? CompareTo::Nothing
                                                       : m_state.compareLastYear ? CompareTo::SamePeriodLastYear
                                                                                 : CompareTo::PreviousPeriod)));
    m_channels->setSelected(m_state.filter.channels);
    m_teams->setSelected(m_state.filter.teams);
    m_agents->setSelected(m_state.filter.agents);
    m_priorities->setSelected(m_state.filter.priorities);
    m_tags->setSelected(m_state.filter.tags);
    m_reset->setEnabled(!m_state.filter.isEmpty());
    m_showing = false;
}

void FilterBar::readDates()
{
    if (m_showing)
        return;
    // Editing a date makes the period a custom one; the other date stays as shown.
    m_state.preset = PeriodPreset::Custom;
    m_state.customFrom = m_from->date();
    m_state.customTo = m_to->date();
    if (m_state.customFrom > m_state.customTo) {
        // Keep the period valid while the user types: the other end follows.
        if (sender() == m_from)
            m_state.customTo = m_state.customFrom;
        else
            m_state.customFrom = m_state.customTo;
    }
    showState();
    changed();
}

void FilterBar::readFilter()
{
    if (m_showing)
        return;
    m_state.filter.channels = m_channels->selected();
    m_state.filter.teams = m_teams->selected();
    m_state.filter.agents = m_agents->selected();
    m_state.filter.priorities = m_priorities->selected();
    m_state.filter.tags = m_tags->selected();
    m_reset->setEnabled(!m_state.filter.isEmpty());
    changed();
}

void FilterBar::changed()
{
    emit stateChanged(m_state);
}

} // namespace sl::ui
