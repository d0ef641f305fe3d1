#include "dialogs/importmodels.h"

#include <QComboBox>
#include <QFont>
#include <QHash>
#include <QLocale>

namespace sl::ui {

ImportPreviewModel::ImportPreviewModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void ImportPreviewModel::setPreview(const QStringList &header, const std::vector<QStringList> &rows)
{
    beginResetModel();
    m_header = header;
    m_rows = rows;
    endResetModel();
}

int ImportPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ImportPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_header.size());
}

QVariant ImportPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return {};
    // A short record has no value past its last field: shown empty, as the import reads it.
    const QString text = m_rows[std::size_t(index.row())].value(index.column());
    if (role == Qt::ToolTipRole)
        return text.size() > 40 ? text : QVariant();
    // Embedded line breaks would make rows of different heights; the tooltip shows them.
    return QString(text).replace(QLatin1Char('\n'), QChar(0x21b5));
}

QVariant ImportPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return section >= 0 && section < m_header.size() ? QVariant(m_header[section]) : QVariant();
    return section >= 0 && section < int(m_rows.size()) ? QVariant(QLocale().toString(section + 1)) : QVariant();
}

ColumnMappingModel::ColumnMappingModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

QString ColumnMappingModel::extraColumnText()
{
    return tr("(keep as extra column)");
}

QString ColumnMappingModel::fieldLabel(const QString &fieldId)
{
    // The ticket fields in words; the id (what `inspect` prints) follows, so both can be matched.
    static const QHash<QString, const char *> names = {
        { QStringLiteral("external_id"), QT_TR_NOOP("Ticket id") },
        { QStringLiteral("subject"), QT_TR_NOOP("Subject") },
        { QStringLiteral("status"), QT_TR_NOOP("Status") },
        { QStringLiteral("priority"), QT_TR_NOOP("Priority") },
        { QStringLiteral("type"), QT_TR_NOOP("Type / category") },
        { QStringLiteral("channel"), QT_TR_NOOP("Channel") },
        { QStringLiteral("agent"), QT_TR_NOOP("Agent / assignee") },
        { QStringLiteral("team"), QT_TR_NOOP("Team / group") },
        { QStringLiteral("requester"), QT_TR_NOOP("Requester name") },
        { QStringLiteral("requester_email"), QT_TR_NOOP("Requester e-mail") },
        { QStringLiteral("requester_id"), QT_TR_NOOP("Requester id") },
        { QStringLiteral("created_at"), QT_TR_NOOP("Created at") },
        { QStringLiteral("first_reply_at"), QT_TR_NOOP("First reply at") },
        { QStringLiteral("first_reply_time"), QT_TR_NOOP("First reply time") },
        { QStringLiteral("first_reply_time_bh"), QT_TR_NOOP("First reply time, business hours") },
        { QStringLiteral("solved_at"), QT_TR_NOOP("Solved at") },
        { QStringLiteral("closed_at"), QT_TR_NOOP("Closed at") },
        { QStringLiteral("resolution_time"), QT_TR_NOOP("Resolution time") },
        { QStringLiteral("resolution_time_bh"), QT_TR_NOOP("Resolution time, business hours") },
        { QStringLiteral("reopens"), QT_TR_NOOP("Reopens") },
        { QStringLiteral("agent_replies"), QT_TR_NOOP("Agent replies") },
        { QStringLiteral("satisfaction"), QT_TR_NOOP("Satisfaction rating") },
        { QStringLiteral("tags"), QT_TR_NOOP("Tags") },
        { QStringLiteral("handle_time"), QT_TR_NOOP("Handle time") },
    };
    const auto name = names.constFind(fieldId);
    return name == names.constEnd() ? fieldId : tr("%1 (%2)").arg(tr(*name), fieldId);
}

void ColumnMappingModel::setMapping(const QStringList &header, const QStringList &samples, const QStringList &fields,
    const QStringList &choices, bool editable)
{
    beginResetModel();
    m_header = header;
    m_samples = samples;
    m_fields = fields;
    m_choices = choices;
    m_editable = editable;
    endResetModel();
}

void ColumnMappingModel::updateFields(const QStringList &fields)
{
    for (int row = 0; row < m_header.size(); ++row) {
        const QString field = fields.value(row);
        if (m_fields.value(row) == field)
            continue;
        m_fields[row] = field;
        // One cell at a time: a view updates an open editor only for a single-cell change.
        const QModelIndex name = index(row, NameColumn);
        const QModelIndex changed = index(row, FieldColumn);
        emit dataChanged(name, name, { Qt::FontRole });
        emit dataChanged(changed, changed);
    }
}

int ColumnMappingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_header.size());
}

int ColumnMappingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ColumnMappingModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int row = index.row();
    switch (index.column()) {
    case NameColumn:
        if (role == Qt::DisplayRole)
            return m_header.value(row);
        // A column no field takes is dimmed: it is stored, not read.
        if (role == Qt::FontRole && m_fields.value(row).isEmpty()) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case SampleColumn:
        if (role == Qt::DisplayRole)
            return QString(m_samples.value(row)).replace(QLatin1Char('\n'), QChar(0x21b5));
        return role == Qt::ToolTipRole ? QVariant(m_samples.value(row)) : QVariant();
    case FieldColumn:
        if (role == Qt::EditRole)
            return m_fields.value(row);
        if (role == Qt::DisplayRole)
            return m_fields.value(row).isEmpty() ? extraColumnText() : fieldLabel(m_fields.value(row));
        if (role == ChoicesRole)
            return m_choices;
        return {};
    default:
        return {};
    }
}

bool ColumnMappingModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != FieldColumn || role != Qt::EditRole
        || !m_editable)
        return false;
    const QString field = value.toString();
    if (!field.isEmpty() && !m_choices.contains(field))
        return false;
    if (m_fields[index.row()] == field)
        return true;
    m_fields[index.row()] = field;
    const QModelIndex name = index.siblingAtColumn(NameColumn);
    emit dataChanged(name, name, { Qt::FontRole });
    emit dataChanged(index, index);
    emit fieldEdited(index.row(), field);
    return true;
}

Qt::ItemFlags ColumnMappingModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == FieldColumn && m_editable)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant ColumnMappingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Column");
    case SampleColumn:
        return tr("First value");
    case FieldColumn:
        return tr("Field");
    default:
        return {};
    }
}

QWidget *FieldChoiceDelegate::createEditor(
    QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    (void)option;
    auto *combo = new QComboBox(parent);
    combo->setAccessibleName(
        tr("Field of column %1").arg(index.siblingAtColumn(ColumnMappingModel::NameColumn).data().toString()));
    combo->addItem(ColumnMappingModel::extraColumnText(), QString());
    for (const QString &field : index.data(ColumnMappingModel::ChoicesRole).toStringList())
        combo->addItem(ColumnMappingModel::fieldLabel(field), field);
    // A choice takes effect at once: the dialog shows where the field moved from.
    auto *self = const_cast<FieldChoiceDelegate *>(this); // createEditor is const; commitData is a signal
    connect(combo, &QComboBox::activated, self, [self, combo] { emit self->commitData(combo); });
    return combo;
}

void FieldChoiceDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    auto *combo = qobject_cast<QComboBox *>(editor);
    if (!combo)
        return;
    const int at = combo->findData(index.data(Qt::EditRole).toString());
    combo->setCurrentIndex(std::max(at, 0));
}

void FieldChoiceDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *combo = qobject_cast<QComboBox *>(editor))
        model->setData(index, combo->currentData(), Qt::EditRole);
}

} // namespace sl::ui
