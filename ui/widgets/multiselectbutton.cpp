#include "widgets/multiselectbutton.h"

#include <QHBoxLayout>
#include <QLocale>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>
#include <QWidgetAction>

#include <algorithm>

namespace sl::ui {

namespace {

// Lists longer than this get a search field.
constexpr int searchFieldFrom = 8;

} // namespace

MultiSelectButton::MultiSelectButton(const QString &label, QWidget *parent)
    : QToolButton(parent)
    , m_label(label)
{
    setPopupMode(QToolButton::InstantPopup);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setAccessibleName(tr("%1 filter").arg(label));

    m_menu = new QMenu(this);
    auto *panel = new QWidget(m_menu);
    m_search = new QLineEdit(panel);
    m_search->setPlaceholderText(tr("Search…"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search %1").arg(label));
    m_list = new QListWidget(panel);
    m_list->setAccessibleName(tr("%1 values").arg(label));
    m_list->setUniformItemSizes(true);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_clear = new QPushButton(tr("All"), panel);
    m_clear->setAccessibleName(tr("All values of %1 (clear the filter)").arg(label));
    m_clear->setToolTip(tr("No filter on this field"));
    auto *layout = new QVBoxLayout(panel);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_clear);
    layout->addLayout(buttons);
    auto *action = new QWidgetAction(m_menu);
    action->setDefaultWidget(panel);
    m_menu->addAction(action);
    setMenu(m_menu);

    connect(m_search, &QLineEdit::textChanged, this, &MultiSelectButton::applySearch);
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        if (m_rebuilding)
            return;
        m_toggledByBox = item;
        readChecks();
    });
    // A click anywhere on a row toggles it, not only on its box: the rows are the targets. A
    // click on the box itself has toggled it already (itemChanged comes before itemClicked).
    connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        const bool toggled = item == m_toggledByBox;
        m_toggledByBox = nullptr;
        if (item && !toggled)
            item->setCheckState(item->checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
        m_toggledByBox = nullptr;
    });
    connect(m_clear, &QPushButton::clicked, this, [this] {
        setSelected({});
        emit selectionChanged(m_selected);
    });
    connect(m_menu, &QMenu::aboutToShow, this, [this] {
        m_search->clear();
        // Tall enough for the list, up to about twenty rows.
        const int rows = std::clamp(int(m_options.size()), 3, 20);
        m_list->setMinimumHeight(rows * (m_list->fontMetrics().height() + 6));
        int widest = fontMetrics().horizontalAdvance(tr("Search…")) * 2;
        for (const QString &option : std::as_const(m_options))
            widest = std::max(widest, m_list->fontMetrics().horizontalAdvance(option));
        m_list->setMinimumWidth(std::min(widest + 6 * fontMetrics().averageCharWidth(), 40 * fontMetrics().averageCharWidth()));
        m_search->setFocus();
    });
    updateText();
}

void MultiSelectButton::setOptions(const QStringList &options)
{
    m_options = options;
    QStringList kept;
    for (const QString &value : std::as_const(m_selected)) {
        if (m_options.contains(value, Qt::CaseInsensitive))
            kept.append(value);
    }
    m_selected = kept;
    m_search->setVisible(m_options.size() > searchFieldFrom);
    rebuildList();
    updateText();
}

void MultiSelectButton::setSelected(const QStringList &selected)
{
    m_selected.clear();
    for (const QString &value : selected) {
        if (m_options.isEmpty() || m_options.contains(value, Qt::CaseInsensitive))
            m_selected.append(value);
    }
    rebuildList();
    updateText();
}

void MultiSelectButton::rebuildList()
{
    m_rebuilding = true;
    m_list->clear();
    for (const QString &option : std::as_const(m_options)) {
        auto *item = new QListWidgetItem(option, m_list);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(m_selected.contains(option, Qt::CaseInsensitive) ? Qt::Checked : Qt::Unchecked);
    }
    applySearch(m_search->text());
    m_rebuilding = false;
}

void MultiSelectButton::applySearch(const QString &text)
{
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        item->setHidden(!text.isEmpty() && !item->text().contains(text, Qt::CaseInsensitive));
    }
}

void MultiSelectButton::readChecks()
{
    m_selected.clear();
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->checkState() == Qt::Checked)
            m_selected.append(m_list->item(row)->text());
    }
    updateText();
    emit selectionChanged(m_selected);
}

void MultiSelectButton::updateText()
{
    QString value;
    if (m_selected.isEmpty())
        value = tr("All");
    else if (m_selected.size() == 1)
        value = m_selected.front();
    else
        value = tr("%L1 selected").arg(m_selected.size());
    setText(tr("%1: %2").arg(m_label, value));
    setToolTip(m_selected.isEmpty() ? tr("%1: all values (no filter)").arg(m_label)
                                    : tr("%1: %2").arg(m_label, QLocale().createSeparatedList(m_selected)));
    setAccessibleDescription(text());
    setEnabled(!m_options.isEmpty() || !m_selected.isEmpty());
}

} // namespace sl::ui
