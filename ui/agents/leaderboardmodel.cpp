#include "agents/leaderboardmodel.h"

#include "services/csvexport.h"
#include "domain/metricdefinitions.h"
#include "widgets/accentcolors.h"

#include <QCoreApplication>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace sl::ui {

namespace {

const QString unassignedKey = QStringLiteral("(none)"); // metricsquery.cpp's group of no agent

int metricIndex(std::string_view id)
{
    const std::vector<MetricDefinition> &definitions = ticketMetricDefinitions();
    const MetricDefinition *definition = findMetricIn(definitions, id);
    Q_ASSERT(definition);
    return int(definition - definitions.data());
}

const MetricDefinition &definitionAt(int index)
{
    return ticketMetricDefinitions()[std::size_t(index)];
}

int csatIndex()
{
    static const int index = metricIndex("csat_pct");
    return index;
}

int ratingsIndex()
{
    static const int index = metricIndex("csat_responses");
    return index;
}

// Numbers right-aligned, except the ratings: they read as a note on the CSAT beside them
// ("19 · small sample"), and the last column stretches, which would part them from it.
bool isRightAligned(int column)
{
    return column != LeaderboardModel::Agent && column != LeaderboardModel::Ratings;
}

QString percentText(double value)
{
    return QLocale().toString(value, 'f', 1) + QStringLiteral(" %");
}

} // namespace

LeaderboardModel::LeaderboardModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

int LeaderboardModel::metricIndexOf(int column)
{
    switch (column) {
    case Solved: return metricIndex("tickets_solved");
    case FirstReply: return metricIndex("frt_median_min");
    case Resolution: return metricIndex("resolution_median_hours");
    case Fcr: return metricIndex("fcr_pct");
    case Reopen: return metricIndex("reopen_pct");
    case Csat: return csatIndex();
    case Ratings: return ratingsIndex();
    default: return -1;
    }
}

void LeaderboardModel::setGroups(std::vector<MetricsGroup> groups)
{
    beginResetModel();
    m_groups.clear();
    for (MetricsGroup &group : groups) {
        if (group.key != unassignedKey)
            m_groups.push_back(std::move(group));
    }
    m_lowerBoundRank.assign(m_groups.size(), 0);
    const std::vector<std::size_t> order = rankByLowerBound(m_groups, std::size_t(csatIndex()));
    for (std::size_t place = 0; place < order.size(); ++place)
        m_lowerBoundRank[order[place]] = int(place);
    endResetModel();
}

void LeaderboardModel::setTargets(const Targets &targets)
{
    if (targets == m_targets)
        return;
    m_targets = targets;
    if (!m_groups.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

TargetStatus LeaderboardModel::cellTargetStatus(int row, int column) const
{
    const int metric = metricIndexOf(column);
    if (metric < 0 || column == Ratings)
        return TargetStatus::NoTarget;
    const MetricDefinition &definition = definitionAt(metric);
    return targetStatus(definition, m_groups[std::size_t(row)].metrics[std::size_t(metric)].value,
        m_targets.of(definition.id));
}

QString LeaderboardModel::agentName(int row) const
{
    return row >= 0 && std::size_t(row) < m_groups.size() ? m_groups[std::size_t(row)].key : QString();
}

int LeaderboardModel::rowOfAgent(const QString &agent) const
{
    for (std::size_t row = 0; row < m_groups.size(); ++row) {
        if (m_groups[row].key == agent)
            return int(row);
    }
    return -1;
}

bool LeaderboardModel::isSmallSample(int row) const
{
    const std::optional<double> &ratings = m_groups[std::size_t(row)].metrics[std::size_t(ratingsIndex())].value;
    return ratings.value_or(0) < smallSampleSize;
}

int LeaderboardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_groups.size());
}

int LeaderboardModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LeaderboardModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    const MetricsGroup &group = m_groups[std::size_t(row)];
    const int metric = metricIndexOf(column);
    const MetricValue *value = metric >= 0 ? &group.metrics[std::size_t(metric)] : nullptr;
    const bool csatCell = column == Csat || column == Ratings;
    const bool flagged = csatCell && isSmallSample(row);
    const bool missed = cellTargetStatus(row, column) == TargetStatus::Missed;

    switch (role) {
    case Qt::DisplayRole:
        if (!value)
            return group.key;
        if (column == Ratings && flagged && value->value.value_or(0) > 0)
            return tr("%1 · small sample").arg(formatMetricValue(definitionAt(metric), value->value));
        return formatMetricValue(definitionAt(metric), value->value);
    case CsvExportRole:
        if (!value)
            return group.key;
        return value->value ? QVariant(*value->value) : QVariant(QString());
    case SortRole:
        if (!value)
            return group.key;
        return value->value ? QVariant(*value->value) : QVariant();
    case LowerBoundRankRole: return m_lowerBoundRank[std::size_t(row)];
    case SmallSampleRole: return isSmallSample(row);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignVCenter | (isRightAligned(column) ? Qt::AlignRight : Qt::AlignLeft));
    case Qt::ForegroundRole:
        // Greyed in the palette's own colour for secondary text, so it follows the system theme.
        if (flagged)
            return QGuiApplication::palette().brush(QPalette::PlaceholderText);
        if (missed)
            return judgementColor(Judgement::Worse, QGuiApplication::palette());
        return {};
    case Qt::BackgroundRole:
        if (missed) {
            // A faint wash of the same colour: the cell stands out in a long column, and the
            // text keeps its contrast because the wash is barely there.
            QColor wash = judgementColor(Judgement::Worse, QGuiApplication::palette());
            wash.setAlpha(28);
            return wash;
        }
        return {};
    case TargetStatusRole: return int(cellTargetStatus(row, column));
    case Qt::FontRole:
        if (flagged) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole: {
        if (!value || !value->value)
            return {};
        const MetricDefinition &definition = definitionAt(metric);
        QString tip;
        if (column == Csat || column == Ratings) {
            const MetricValue &csat = group.metrics[std::size_t(csatIndex())];
            const double ratings = group.metrics[std::size_t(ratingsIndex())].value.value_or(0);
            if (!csat.value)
                return tr("No ratings in the period");
            tip = ratings == 1
                ? tr("%1 satisfied of 1 rating").arg(percentText(*csat.value))
                : tr("%1 satisfied of %L2 ratings").arg(percentText(*csat.value)).arg(qlonglong(ratings));
            if (csat.lo && csat.hi)
                tip += QLatin1Char('\n')
                    + tr("95 % interval: %1 – %2").arg(percentText(*csat.lo), percentText(*csat.hi));
            if (flagged)
                tip += QLatin1Char('\n')
                    + tr("Small sample: fewer than %L1 ratings, so the figure is uncertain").arg(int(smallSampleSize));
            const MetricDefinition &csatDefinition = definitionAt(csatIndex());
            if (const std::optional<double> target = m_targets.of(csatDefinition.id); target && column == Csat)
                tip += QLatin1Char('\n')
                    + (missed ? tr("Misses the target (%1 %2)") : tr("Meets the target (%1 %2)"))
                          .arg(targetComparator(csatDefinition), formatMetricValue(csatDefinition, *target));
            return tip;
        }
        if (definition.proportion && value->lo && value->hi)
            tip = tr("%1 (95 % interval: %2 – %3)")
                      .arg(formatMetricValue(definition, value->value), percentText(*value->lo), percentText(*value->hi));
        if (const std::optional<double> target = m_targets.of(definition.id); target && canHaveTarget(definition)) {
            const QString line = (missed ? tr("Misses the target (%1 %2)") : tr("Meets the target (%1 %2)"))
                                     .arg(targetComparator(definition), formatMetricValue(definition, *target));
            tip = tip.isEmpty() ? line : tip + QLatin1Char('\n') + line;
        }
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case Qt::AccessibleDescriptionRole:
        if (flagged)
            return tr("small sample");
        return missed ? tr("misses the target") : QVariant();
    default: return {};
    }
}

QVariant LeaderboardModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    const int metric = metricIndexOf(section);
    switch (role) {
    case Qt::DisplayRole:
        switch (section) {
        case Agent: return tr("Agent");
        case Solved: return tr("Solved");
        case FirstReply: return tr("First reply (median)");
        case Resolution: return tr("Resolution (median)");
        case Fcr: return tr("FCR");
        case Reopen: return tr("Reopened");
        case Csat: return tr("CSAT");
        case Ratings: return tr("Ratings");
        }
        return {};
    case Qt::ToolTipRole:
        if (metric < 0)
            return tr("Double-click an agent for their details");
        return QStringLiteral("%1\n%2").arg(
            displayName(definitionAt(metric)),
            displayDefinition(definitionAt(metric)));
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignVCenter | (isRightAligned(section) ? Qt::AlignRight : Qt::AlignLeft));
    default: return {};
    }
}

LeaderboardProxy::LeaderboardProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(LeaderboardModel::SortRole);
}

QVariant LeaderboardProxy::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical && role == Qt::DisplayRole)
        return QLocale().toString(section + 1);
    return QSortFilterProxyModel::headerData(section, orientation, role);
}

bool LeaderboardProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    // Descending order asks lessThan(right, left): answering by the order keeps "no value" last.
    if (!a.isValid() || !b.isValid()) {
        if (a.isValid() == b.isValid())
            return false;
        return a.isValid() == (sortOrder() == Qt::AscendingOrder);
    }
    if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString)
        return QString::localeAwareCompare(a.toString(), b.toString()) < 0;
    return QVariant::compare(a, b) == QPartialOrdering::Less;
}

} // namespace sl::ui
