#pragma once

// The two tables of the import dialog: the first records of a file exactly as parsed
// (ImportPreviewModel), and one row per column with the field it goes to (ColumnMappingModel).
// The dialog owns what the mapping means (it applies the user's choices through the call the
// import makes, previewKind, for every kind); these models only show and edit it.

#include <QAbstractTableModel>
#include <QStringList>
#include <QStyledItemDelegate>

#include <vector>

namespace sl::ui {

class ImportPreviewModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit ImportPreviewModel(QObject *parent = nullptr);

    void setPreview(const QStringList &header, const std::vector<QStringList> &rows);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QStringList m_header;
    std::vector<QStringList> m_rows;
};

class ColumnMappingModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, SampleColumn, FieldColumn, ColumnCount };
    // On the field column: the field ids a column may take (QStringList), for the editor.
    static constexpr int ChoicesRole = Qt::UserRole + 1;
    // On the field column: the kind of export ("tickets", "calls", ...), which names its fields.
    static constexpr int KindRole = Qt::UserRole + 2;

    explicit ColumnMappingModel(QObject *parent = nullptr);

    // `fields`: per column, the field id it goes to, or "" when it is kept as an extra column;
    // `kind`: what the file is ("tickets", "calls", ...), for the fields' names.
    // `headerNotes`: per column, what the export's extra header rows say of it (a survey's
    // question), shown as the column name's tooltip.
    void setMapping(const QString &kind, const QStringList &header, const QStringList &samples,
        const QStringList &fields, const QStringList &choices, bool editable, const QStringList &headerNotes = {});
    // New fields for the same columns (after an edit moved a field): rows change in place, so
    // open editors stay.
    void updateFields(const QStringList &fields);
    QString fieldOf(int column) const { return m_fields.value(column); }
    bool isEditable() const { return m_editable; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString extraColumnText();
    // "Created at (created_at)": a field of `kind` in words, then its id (what `inspect` prints),
    // so both can be matched. An id without words is shown as it is.
    static QString fieldLabel(const QString &kind, const QString &fieldId);

signals:
    // The user chose `field` ("" for an extra column) for `column`.
    void fieldEdited(int column, const QString &field);

private:
    QString m_kind;
    QStringList m_header;
    QStringList m_samples;
    QStringList m_headerNotes;
    QStringList m_fields;
    QStringList m_choices;
    bool m_editable = false;
};

// A combo box over ColumnMappingModel::ChoicesRole for the field column; the choice is
// committed as soon as it is made.
class FieldChoiceDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void setEditorData(QWidget *editor, const QModelIndex &index) const override;
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override;
};

} // namespace sl::ui
