#pragma once

// A filter button for one field (channel, team, agent, priority, tag): "Channel: All",
// "Channel: Email" or "Channel: 3 selected"; its popup lists every value with a check box, a
// search field for long lists, and a way back to "All".

#include <QStringList>
#include <QToolButton>

class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QMenu;
class QPushButton;

namespace sl::ui {

class MultiSelectButton : public QToolButton
{
    Q_OBJECT

public:
    // `label` names the field ("Channel"); `accessibleLabel` says what choosing does.
    MultiSelectButton(const QString &label, QWidget *parent = nullptr);

    // The values to choose from; a selected value that is not among them is dropped.
    void setOptions(const QStringList &options);
    QStringList options() const { return m_options; }
    // Empty: all.
    void setSelected(const QStringList &selected);
    QStringList selected() const { return m_selected; }

    QListWidget *list() const { return m_list; }
    QLineEdit *searchField() const { return m_search; }

signals:
    // Every time a value is checked or unchecked, or the selection is cleared.
    void selectionChanged(const QStringList &selected);

private:
    void rebuildList();
    void applySearch(const QString &text);
    void updateText();
    void readChecks();

    QString m_label;
    QStringList m_options;
    QStringList m_selected;
    QMenu *m_menu = nullptr;
    QLineEdit *m_search = nullptr;
    QListWidget *m_list = nullptr;
    QPushButton *m_clear = nullptr;
    bool m_rebuilding = false;
    QListWidgetItem *m_toggledByBox = nullptr; // the row whose box the current click toggled
};

} // namespace sl::ui
