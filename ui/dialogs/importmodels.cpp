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

QString ColumnMappingModel::fieldLabel(const QString &kind, const QString &fieldId)
{
    using Names = QHash<QString, const char *>;
    // What each kind's fields mean in its own words: "external_id" is a ticket, a call or a review.
    static const QHash<QString, Names> namesOfKind = {
        { QStringLiteral("tickets"),
            {
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
            } },
        { QStringLiteral("calls"),
            {
                { QStringLiteral("external_id"), QT_TR_NOOP("Call id") },
                { QStringLiteral("date"), QT_TR_NOOP("Date / start time") },
                { QStringLiteral("time"), QT_TR_NOOP("Time of day") },
                { QStringLiteral("agent"), QT_TR_NOOP("Agent") },
                { QStringLiteral("team"), QT_TR_NOOP("Queue / team") },
                { QStringLiteral("answered"), QT_TR_NOOP("Answered (yes/no)") },
                { QStringLiteral("abandoned"), QT_TR_NOOP("Abandoned (yes/no)") },
                { QStringLiteral("status"), QT_TR_NOOP("Status / outcome") },
                { QStringLiteral("direction"), QT_TR_NOOP("Direction") },
                { QStringLiteral("media_type"), QT_TR_NOOP("Media type") },
                { QStringLiteral("answered_at"), QT_TR_NOOP("Answered at") },
                { QStringLiteral("wait_s"), QT_TR_NOOP("Wait time") },
                { QStringLiteral("abandon_wait_s"), QT_TR_NOOP("Wait before abandoning") },
                { QStringLiteral("talk_s"), QT_TR_NOOP("Talk time") },
                { QStringLiteral("hold_s"), QT_TR_NOOP("Hold time") },
                { QStringLiteral("acw_s"), QT_TR_NOOP("After-call work") },
                { QStringLiteral("resolved_first_contact"), QT_TR_NOOP("Resolved on first contact") },
                { QStringLiteral("satisfaction"), QT_TR_NOOP("Satisfaction rating") },
                { QStringLiteral("topic"), QT_TR_NOOP("Topic / reason") },
            } },
        { QStringLiteral("surveys"),
            {
                { QStringLiteral("external_id"), QT_TR_NOOP("Response id") },
                { QStringLiteral("score"), QT_TR_NOOP("Score") },
                { QStringLiteral("survey_type"), QT_TR_NOOP("Survey type (NPS, CSAT, CES)") },
                { QStringLiteral("responded_at"), QT_TR_NOOP("Responded at") },
                { QStringLiteral("comment"), QT_TR_NOOP("Comment") },
                { QStringLiteral("ticket_external_id"), QT_TR_NOOP("Ticket id") },
                { QStringLiteral("agent"), QT_TR_NOOP("Agent") },
                { QStringLiteral("customer_email"), QT_TR_NOOP("Customer e-mail") },
                { QStringLiteral("customer_id"), QT_TR_NOOP("Customer id") },
                { QStringLiteral("customer_name"), QT_TR_NOOP("Customer name") },
            } },
        { QStringLiteral("customers"),
            {
                { QStringLiteral("external_id"), QT_TR_NOOP("Customer id") },
                { QStringLiteral("started_on"), QT_TR_NOOP("Start / signup date") },
                { QStringLiteral("ended_on"), QT_TR_NOOP("End / cancellation date") },
                { QStringLiteral("churned"), QT_TR_NOOP("Churned (yes/no)") },
                { QStringLiteral("plan"), QT_TR_NOOP("Plan") },
                { QStringLiteral("monthly_revenue"), QT_TR_NOOP("Monthly revenue") },
                { QStringLiteral("total_revenue"), QT_TR_NOOP("Total revenue") },
            } },
        { QStringLiteral("costs"),
            {
                { QStringLiteral("month"), QT_TR_NOOP("Month") },
                { QStringLiteral("channel"), QT_TR_NOOP("Channel") },
                { QStringLiteral("support_cost"), QT_TR_NOOP("Support cost") },
                { QStringLiteral("orders"), QT_TR_NOOP("Orders") },
            } },
        { QStringLiteral("qa"),
            {
                { QStringLiteral("external_id"), QT_TR_NOOP("Review id") },
                { QStringLiteral("ticket_external_id"), QT_TR_NOOP("Ticket id") },
                { QStringLiteral("agent"), QT_TR_NOOP("Agent reviewed") },
                { QStringLiteral("reviewer"), QT_TR_NOOP("Reviewer") },
                { QStringLiteral("reviewed_at"), QT_TR_NOOP("Reviewed at") },
                { QStringLiteral("score"), QT_TR_NOOP("Score") },
                { QStringLiteral("max_score"), QT_TR_NOOP("Maximum score") },
            } },
        { QStringLiteral("events"),
            {
                { QStringLiteral("case_id"), QT_TR_NOOP("Ticket / case id") },
                { QStringLiteral("activity"), QT_TR_NOOP("Activity") },
                { QStringLiteral("resource"), QT_TR_NOOP("Agent / resource") },
                { QStringLiteral("event_time"), QT_TR_NOOP("Event time") },
                { QStringLiteral("requester_id"), QT_TR_NOOP("Requester id") },
                { QStringLiteral("priority"), QT_TR_NOOP("Priority") },
                { QStringLiteral("team"), QT_TR_NOOP("Team / group") },
                { QStringLiteral("type"), QT_TR_NOOP("Type / category") },
                { QStringLiteral("subject"), QT_TR_NOOP("Subject") },
                { QStringLiteral("channel"), QT_TR_NOOP("Channel") },
            } },
    };
    // A cost file's column per channel: "support_cost:Email".
    static const QLatin1String channelCost("support_cost:");
    if (kind == QLatin1String("costs") && fieldId.startsWith(channelCost))
        return tr("Support cost, %1 (%2)").arg(fieldId.mid(channelCost.size()), fieldId);
    const Names names = namesOfKind.value(kind);
    const auto name = names.constFind(fieldId);
    return name == names.constEnd() ? fieldId : tr("%1 (%2)").arg(tr(*name), fieldId);
}

void ColumnMappingModel::setMapping(const QString &kind, const QStringList &header, const QStringList &samples,
    const QStringList &fields, const QStringList &choices, bool editable, const QStringList &headerNotes)
{
    beginResetModel();
    m_kind = kind;
    m_header = header;
    m_samples = samples;
    m_headerNotes = headerNotes;
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
        if (role == Qt::ToolTipRole && !m_headerNotes.value(row).isEmpty())
            return m_headerNotes.value(row);
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
            return m_fields.value(row).isEmpty() ? extraColumnText() : fieldLabel(m_kind, m_fields.value(row));
        if (role == ChoicesRole)
            return m_choices;
        if (role == KindRole)
            return m_kind;
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
    const QString kind = index.data(ColumnMappingModel::KindRole).toString();
    for (const QString &field : index.data(ColumnMappingModel::ChoicesRole).toStringList())
        combo->addItem(ColumnMappingModel::fieldLabel(kind, field), field);
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
