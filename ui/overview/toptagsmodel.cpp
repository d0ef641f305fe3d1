#include "overview/toptagsmodel.h"

#include <QLocale>

#include <cmath>

namespace sl::ui {

TopTagsModel::TopTagsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void TopTagsModel::setTags(std::vector<TagVolume> tags)
{
    beginResetModel();
    m_tags = std::move(tags);
    endResetModel();
}

int TopTagsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_tags.size());
}

int TopTagsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TopTagsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const TagVolume &tag = m_tags[std::size_t(index.row())];
    const QLocale locale;
    const std::optional<double> change = tag.changePct();
    if (role == SortRole) {
        switch (index.column()) {
        case Tag: return tag.tag;
        case Tickets: return qlonglong(tag.created);
        case Previous: return tag.previous ? QVariant(qlonglong(*tag.previous)) : QVariant();
        case Change: return change ? QVariant(*change) : QVariant();
        case Trend: {
            QVariantList counts;
            for (std::int64_t count : tag.trend)
                counts.append(qlonglong(count));
            return counts;
        }
        }
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Tag: return tag.tag;
        case Tickets: return locale.toString(qlonglong(tag.created));
        case Previous: return tag.previous ? locale.toString(qlonglong(*tag.previous)) : QStringLiteral("—");
        case Change:
            if (!tag.previous)
                return QStringLiteral("—");
            if (!change)
                return tr("new");
            if (std::abs(*change) < 0.05)
                return QString(locale.toString(0.0, 'f', 1) + QStringLiteral(" %"));
            return QString((*change > 0 ? QStringLiteral("▲ +") : QStringLiteral("▼ −"))
                           + locale.toString(std::abs(*change), 'f', 1) + QStringLiteral(" %"));
        case Trend: return {};
        }
        return {};
    }
    if (role == Qt::TextAlignmentRole && index.column() != Tag && index.column() != Trend)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        if (index.column() == Change && tag.previous)
            return tr("%1: %L2 tickets created in the previous period, %L3 in this one")
                .arg(tag.tag)
                .arg(qlonglong(*tag.previous))
                .arg(qlonglong(tag.created));
        if (index.column() == Trend)
            return tr("Tickets created with %1, per day, week or month of the period").arg(tag.tag);
    }
    return {};
}

QVariant TopTagsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Tag: return tr("Tag");
    case Tickets: return tr("Tickets");
    case Previous: return tr("Previous");
    case Change: return tr("Change");
    case Trend: return tr("Trend");
    }
    return {};
}

} // namespace sl::ui
