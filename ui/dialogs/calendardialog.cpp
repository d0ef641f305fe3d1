#include "dialogs/calendardialog.h"

#include "store/calendarstore.h"
#include "store/database.h"
#include "widgets/accentcolors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimeZone>
#include <QVBoxLayout>

#include <algorithm>

namespace sl::ui {

namespace {

QStringList nonEmptyLines(const QString &text)
{
    QStringList lines;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            lines.append(line.trimmed());
    }
    return lines;
}

bool sameName(const QString &a, const QString &b)
{
    return a.trimmed().compare(b.trimmed(), Qt::CaseInsensitive) == 0;
}

} // namespace

CalendarDialog::CalendarDialog(const QString &databasePath, QWidget *parent)
    : QDialog(parent)
    , m_databasePath(databasePath)
{
    setWindowTitle(tr("Business Hours"));

    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Calendars"));
    m_add = new QPushButton(tr("&Add"), this);
    m_remove = new QPushButton(tr("&Remove"), this);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_remove);
    auto *left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Calendars"), this));
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    m_form = new QWidget(this);
    m_name = new QLineEdit(m_form);
    m_zone = new QComboBox(m_form);
    m_zone->setEditable(true);
    m_zone->setInsertPolicy(QComboBox::NoInsert);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        m_zone->addItem(QString::fromUtf8(id));
    m_zone->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_zone->completer()->setFilterMode(Qt::MatchContains);
    m_hours = new QPlainTextEdit(m_form);
    m_hours->setPlaceholderText(tr("Mon-Fri 09:00-17:00\nSat 10:00-14:00\nSun 22:00-06:00"));
    m_hours->setToolTip(tr("One line per set of days: days (Mon-Fri, Sat, Mon,Wed) and one or more times FROM-TO. "
                           "A time TO at or before FROM ends the next day."));
    m_holidays = new QPlainTextEdit(m_form);
    m_holidays->setPlaceholderText(tr("2025-12-25 Christmas Day"));
    m_holidays->setToolTip(tr("One line per holiday: the date (YYYY-MM-DD) and an optional name. The whole local "
                              "day is not working time."));
    m_default = new QCheckBox(tr("Use for every team without a calendar of its own"), m_form);
    m_teams = new QListWidget(m_form);
    m_teams->setAccessibleName(tr("Teams"));
    m_teams->setToolTip(tr("Teams that use this calendar. A team ticked here leaves the calendar it used before."));
    for (QPlainTextEdit *edit : { m_hours, m_holidays })
        edit->setMaximumHeight(fontMetrics().height() * 6);
    auto *form = new QFormLayout(m_form);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Time zone:"), m_zone);
    form->addRow(tr("&Weekly hours:"), m_hours);
    form->addRow(tr("&Holidays:"), m_holidays);
    form->addRow(QString(), m_default);
    form->addRow(tr("T&eams:"), m_teams);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, judgementColor(Judgement::Worse, palette()));
    m_error->setPalette(errorPalette);

    auto *note = new QLabel(tr("The business-hours figures (_bh) of teams whose export has no business-hours "
                               "columns come from these calendars. A team with no calendar gets no such figure."),
        this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &CalendarDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &CalendarDialog::reject);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addWidget(m_form, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addLayout(columns, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 100, fontMetrics().height() * 30);

    QString error;
    if (std::optional<Database> database
        = Database::open(m_databasePath, &error, sqlite::Connection::Mode::ReadWrite)) {
        if (std::optional<std::vector<BusinessCalendar>> calendars = loadCalendars(*database, &error))
            m_stored = std::move(*calendars);
        else
            showError(error);
        m_allTeams = teamNames(*database);
    } else {
        showError(error);
    }
    for (const BusinessCalendar &calendar : m_stored) {
        m_entries.push_back(entryOf(calendar));
        for (const QString &team : calendar.teams) {
            if (!m_allTeams.contains(team, Qt::CaseInsensitive))
                m_allTeams.append(team);
        }
    }

    connect(m_add, &QPushButton::clicked, this, &CalendarDialog::addCalendar);
    connect(m_remove, &QPushButton::clicked, this, &CalendarDialog::removeCurrentCalendar);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_loadingForm)
            return;
        storeForm();
        showEntry(row);
    });
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        storeForm();
        if (QListWidgetItem *item = m_list->item(m_current))
            item->setText(m_name->text());
    });
    connect(m_default, &QCheckBox::toggled, this, [this](bool on) {
        if (m_loadingForm || !on)
            return;
        // One default at most: ticking it here takes it from the others.
        for (std::size_t i = 0; i < m_entries.size(); ++i)
            m_entries[i].isDefault = int(i) == m_current;
    });
    connect(m_teams, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (m_loadingForm || item->checkState() != Qt::Checked)
            return;
        // A team has one calendar: ticking it here takes it from the others.
        for (std::size_t i = 0; i < m_entries.size(); ++i) {
            if (int(i) != m_current)
                m_entries[i].teams.removeIf([&](const QString &team) { return sameName(team, item->text()); });
        }
    });
    refreshList();
    if (!m_entries.empty())
        m_list->setCurrentRow(0);
    else
        showEntry(-1);
}

CalendarDialog::Entry CalendarDialog::entryOf(const BusinessCalendar &calendar)
{
    Entry entry;
    entry.storedName = calendar.name;
    entry.name = calendar.name;
    entry.zone = calendar.timeZoneId;
    entry.hours = formatWeeklyHours(calendar.shifts).join(QLatin1Char('\n'));
    QStringList holidays;
    for (const auto &[day, name] : calendar.holidays)
        holidays.append(QString(day.toString(Qt::ISODate) + QLatin1Char(' ') + name).trimmed());
    entry.holidays = holidays.join(QLatin1Char('\n'));
    entry.isDefault = calendar.isDefault;
    entry.teams = calendar.teams;
    return entry;
}

std::optional<BusinessCalendar> CalendarDialog::calendarOf(const Entry &entry, QString *error)
{
    BusinessCalendar calendar;
    calendar.name = entry.name.trimmed();
    calendar.timeZoneId = entry.zone.trimmed();
    calendar.isDefault = entry.isDefault;
    calendar.teams = entry.teams;
    const QString label = calendar.name.isEmpty() ? tr("A calendar without a name") : calendar.name;
    if (calendar.name.isEmpty()) {
        *error = tr("Every calendar needs a name.");
        return std::nullopt;
    }
    for (const QString &line : nonEmptyLines(entry.hours)) {
        QString why;
        const std::optional<std::vector<BusinessShift>> shifts = parseWeeklyHours(line, &why);
        if (!shifts) {
            *error = tr("%1, weekly hours \"%2\": %3").arg(label, line, why);
            return std::nullopt;
        }
        calendar.shifts.insert(calendar.shifts.end(), shifts->begin(), shifts->end());
    }
    for (const QString &line : nonEmptyLines(entry.holidays)) {
        const QString dayText = line.section(QLatin1Char(' '), 0, 0);
        const QDate day = QDate::fromString(dayText, Qt::ISODate);
        if (!day.isValid()) {
            *error = tr("%1, holiday \"%2\": expected a date as YYYY-MM-DD, then an optional name").arg(label, line);
            return std::nullopt;
        }
        calendar.holidays.emplace_back(day, line.section(QLatin1Char(' '), 1).trimmed());
    }
    std::sort(calendar.shifts.begin(), calendar.shifts.end(), [](const BusinessShift &a, const BusinessShift &b) {
        return std::pair(a.weekday, a.startMinute) < std::pair(b.weekday, b.startMinute);
    });
    if (const std::optional<QString> problem = calendarProblem(calendar)) {
        *error = tr("%1: %2").arg(label, *problem);
        return std::nullopt;
    }
    return calendar;
}

void CalendarDialog::refreshList()
{
    m_loadingForm = true;
    m_list->clear();
    for (const Entry &entry : m_entries)
        m_list->addItem(entry.name);
    m_loadingForm = false;
}

void CalendarDialog::showEntry(int index)
{
    m_loadingForm = true;
    m_current = index >= 0 && std::size_t(index) < m_entries.size() ? index : -1;
    m_form->setEnabled(m_current >= 0);
    m_remove->setEnabled(m_current >= 0);
    const Entry empty;
    const Entry &entry = m_current >= 0 ? m_entries[std::size_t(m_current)] : empty;
    m_name->setText(entry.name);
    m_zone->setCurrentText(entry.zone);
    m_hours->setPlainText(entry.hours);
    m_holidays->setPlainText(entry.holidays);
    m_default->setChecked(entry.isDefault);
    m_teams->clear();
    for (const QString &team : m_allTeams) {
        auto *item = new QListWidgetItem(team, m_teams);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        const bool mine
            = std::any_of(entry.teams.begin(), entry.teams.end(), [&](const QString &t) { return sameName(t, team); });
        item->setCheckState(mine ? Qt::Checked : Qt::Unchecked);
        for (const Entry &other : m_entries) {
            if (&other != &entry && other.teams.contains(team, Qt::CaseInsensitive))
                item->setToolTip(tr("Uses %1 now").arg(other.name));
        }
    }
    m_loadingForm = false;
}

void CalendarDialog::storeForm()
{
    if (m_loadingForm || m_current < 0 || std::size_t(m_current) >= m_entries.size())
        return;
    Entry &entry = m_entries[std::size_t(m_current)];
    entry.name = m_name->text();
    entry.zone = m_zone->currentText();
    entry.hours = m_hours->toPlainText();
    entry.holidays = m_holidays->toPlainText();
    entry.isDefault = m_default->isChecked();
    entry.teams.clear();
    for (int i = 0; i < m_teams->count(); ++i) {
        if (m_teams->item(i)->checkState() == Qt::Checked)
            entry.teams.append(m_teams->item(i)->text());
    }
}

void CalendarDialog::addCalendar()
{
    storeForm();
    Entry entry;
    entry.name = tr("New calendar");
    for (int n = 2;
         std::any_of(m_entries.begin(), m_entries.end(), [&](const Entry &e) { return sameName(e.name, entry.name); });
         ++n)
        entry.name = tr("New calendar %1").arg(n);
    entry.zone = QString::fromUtf8(QTimeZone::systemTimeZoneId());
    entry.hours = QStringLiteral("Mon-Fri 09:00-17:00");
    m_entries.push_back(entry);
    refreshList();
    m_current = -1;
    m_list->setCurrentRow(int(m_entries.size()) - 1);
    m_name->setFocus();
    m_name->selectAll();
}

void CalendarDialog::removeCurrentCalendar()
{
    if (m_current < 0)
        return;
    m_entries.erase(m_entries.begin() + m_current);
    m_current = -1;
    refreshList();
    if (!m_entries.empty())
        m_list->setCurrentRow(0);
    else
        showEntry(-1);
}

void CalendarDialog::showError(const QString &error)
{
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
}

bool CalendarDialog::save(QString *error)
{
    storeForm();
    // Everything is checked before anything is written.
    std::vector<BusinessCalendar> calendars;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        std::optional<BusinessCalendar> calendar = calendarOf(m_entries[i], error);
        if (!calendar) {
            m_list->setCurrentRow(int(i));
            return false;
        }
        for (const BusinessCalendar &earlier : calendars) {
            if (sameName(earlier.name, calendar->name)) {
                *error = tr("Two calendars are named %1.").arg(calendar->name);
                return false;
            }
        }
        calendars.push_back(std::move(*calendar));
    }
    std::optional<Database> database = Database::open(m_databasePath, error, sqlite::Connection::Mode::ReadWrite);
    if (!database)
        return false;
    // Removed and renamed calendars go first, so that a new name may reuse an old one.
    for (const BusinessCalendar &stored : m_stored) {
        const bool kept = std::any_of(calendars.begin(), calendars.end(),
            [&](const BusinessCalendar &c) { return sameName(c.name, stored.name); });
        if (!kept) {
            if (!removeCalendar(*database, stored.name, error))
                return false;
            m_changed = true;
        }
    }
    for (const BusinessCalendar &calendar : calendars) {
        const auto stored = std::find_if(m_stored.begin(), m_stored.end(),
            [&](const BusinessCalendar &s) { return sameName(s.name, calendar.name); });
        // An unchanged calendar is not written: every write bumps the data version, and with it
        // the snapshot the window must rebuild.
        if (stored != m_stored.end()) {
            BusinessCalendar before = *stored;
            std::sort(before.shifts.begin(), before.shifts.end(), [](const BusinessShift &a, const BusinessShift &b) {
                return std::pair(a.weekday, a.startMinute) < std::pair(b.weekday, b.startMinute);
            });
            const auto teamsKey = [](QStringList teams) {
                for (QString &team : teams)
                    team = team.toCaseFolded();
                teams.sort();
                return teams;
            };
            if (before.name == calendar.name && before.timeZoneId == calendar.timeZoneId
                && before.shifts == calendar.shifts && before.holidays == calendar.holidays
                && before.isDefault == calendar.isDefault && teamsKey(before.teams) == teamsKey(calendar.teams))
                continue;
        }
        if (!saveCalendar(*database, calendar, error))
            return false;
        m_changed = true;
    }
    // What is in the database now is what the dialog compares with next time.
    QString reloadError;
    if (std::optional<std::vector<BusinessCalendar>> reloaded = loadCalendars(*database, &reloadError))
        m_stored = std::move(*reloaded);
    for (Entry &entry : m_entries)
        entry.storedName = entry.name.trimmed();
    return true;
}

void CalendarDialog::accept()
{
    QString error;
    if (!save(&error)) {
        showError(error);
        return;
    }
    QDialog::accept();
}

} // namespace sl::ui
