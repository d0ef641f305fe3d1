#pragma once

// Draws a column of a table as sparklines: the index's `role` holds the values as a QVariantList
// of numbers (null entries are gaps).

#include <QStyledItemDelegate>

namespace sl::ui {

class SparklineDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    SparklineDelegate(int role, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_role;
};

} // namespace sl::ui
