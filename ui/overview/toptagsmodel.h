#pragma once

// The tags with the most tickets created in the period, with the previous period's count, the
// change, and a trend. Raw numbers under SortRole (a proxy sorts by them; the trend column holds
// its counts as a QVariantList there), text in the user's locale under DisplayRole.

#include "metrics/metricsquery.h"

#include <QAbstractTableModel>

#include <vector>

namespace sl::ui {

class TopTagsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Tag, Tickets, Previous, Change, Trend, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;

    explicit TopTagsModel(QObject *parent = nullptr);

    void setTags(std::vector<TagVolume> tags);
    const std::vector<TagVolume> &tags() const { return m_tags; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<TagVolume> m_tags;
};

} // namespace sl::ui
