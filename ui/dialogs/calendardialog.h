#pragma once

// Settings ▸ Business Hours…: the team calendars behind the _bh metrics, as the `calendar`
// command edits them (core/store/calendarstore.h): add, edit and remove calendars, each with its
// time zone, weekly hours ("Mon-Fri 09:00-17:00", one line each, overnight shifts allowed),
// holidays and teams, and which one is the default.
//
// Edits stay in the dialog until OK; then only the calendars that changed are written, each in
// its own transaction that bumps the data version, so the window's next load recomputes every
// business-hours figure (MainWindow reloads when changed() is true).

#include "domain/businesscalendar.h"

#include <QDialog>
#include <QStringList>

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace sl::ui {

class CalendarDialog : public QDialog
{
    Q_OBJECT

public:
    // Edits the calendars of the database at `databasePath` (read when the dialog opens).
    explicit CalendarDialog(const QString &databasePath, QWidget *parent = nullptr);

    // Whether OK wrote anything.
    bool changed() const { return m_changed; }

    // The editor, for tests and keyboard users alike.
    QListWidget *calendarList() const { return m_list; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *zoneBox() const { return m_zone; }
    QPlainTextEdit *hoursEdit() const { return m_hours; }
    QPlainTextEdit *holidaysEdit() const { return m_holidays; }
    QCheckBox *defaultBox() const { return m_default; }
    QListWidget *teamList() const { return m_teams; }
    QLabel *errorLabel() const { return m_error; }

    void addCalendar();
    void removeCurrentCalendar();
    // Writes every changed calendar; false with *error (and nothing more written) at the first
    // one that is refused.
    bool save(QString *error);

public slots:
    void accept() override;

private:
    // One calendar as the form holds it: text, parsed on save.
    struct Entry
    {
        QString storedName; // its name in the database; empty: new
        QString name;
        QString zone;
        QString hours; // formatWeeklyHours lines
        QString holidays; // "YYYY-MM-DD Name" lines
        bool isDefault = false;
        QStringList teams;
    };

    static Entry entryOf(const BusinessCalendar &calendar);
    // The calendar an entry says, or nullopt with *error naming the line that is wrong.
    static std::optional<BusinessCalendar> calendarOf(const Entry &entry, QString *error);

    void showEntry(int index);
    void storeForm(); // the form into m_entries[m_current]
    void refreshList();
    void showError(const QString &error);

    QString m_databasePath;
    std::vector<BusinessCalendar> m_stored;
    std::vector<Entry> m_entries;
    QStringList m_allTeams;
    int m_current = -1;
    bool m_loadingForm = false;
    bool m_changed = false;

    QListWidget *m_list = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QWidget *m_form = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_zone = nullptr;
    QPlainTextEdit *m_hours = nullptr;
    QPlainTextEdit *m_holidays = nullptr;
    QCheckBox *m_default = nullptr;
    QListWidget *m_teams = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace sl::ui
