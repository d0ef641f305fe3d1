#pragma once

// The agent leaderboard: one row per agent of a `--by agent` query (the "(none)" group of
// unassigned tickets is no agent and is left out), the columns a support manager ranks people
// by. Display text is formatMetricValue's; SortRole holds the raw number, so sorting never
// compares "9.5 min" with "10.2 min" as text. A CSAT from fewer than smallSampleSize ratings is
// flagged: its interval is wide, and a 100 % from two ratings says little. A cell whose metric has
// a target it misses is drawn in the "worse" colour over a faint tint of it (TargetStatusRole
// says which cells), readable on light and dark palettes alike.

#include "metrics/metricsquery.h"
#include "store/targetstore.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <vector>

namespace sl::ui {

class LeaderboardModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Agent, Solved, FirstReply, Resolution, Fcr, Reopen, Csat, Ratings, ColumnCount };
    // SortRole: the raw value (none: no value). LowerBoundRankRole: the row's place when
    // ranked by the CSAT Wilson lower bound (rankByLowerBound), 0 = first.
    // SmallSampleRole: true when the CSAT rests on fewer than smallSampleSize ratings.
    // TargetStatusRole: the cell's sl::TargetStatus as an int.
    enum Role { SortRole = Qt::UserRole, LowerBoundRankRole, SmallSampleRole, TargetStatusRole };
    static constexpr double smallSampleSize = 20;

    explicit LeaderboardModel(QObject *parent = nullptr);

    // The groups of a Grouping::Agent result.
    void setGroups(std::vector<MetricsGroup> groups);
    // The targets the cells are judged against.
    void setTargets(const Targets &targets);
    const Targets &targets() const { return m_targets; }
    const MetricsGroup &group(int row) const { return m_groups[std::size_t(row)]; }
    QString agentName(int row) const;
    int rowOfAgent(const QString &agent) const; // -1 when not listed

    // The metric a column shows (its index in ticketMetricDefinitions()), -1 for the name.
    static int metricIndexOf(int column);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    bool isSmallSample(int row) const;
    TargetStatus cellTargetStatus(int row, int column) const;

    std::vector<MetricsGroup> m_groups;
    std::vector<int> m_lowerBoundRank; // by row
    Targets m_targets;
};

// Sorts by LeaderboardModel::SortRole (or LowerBoundRankRole) with the rows without a value
// always last, and numbers the rows 1, 2, 3… in the vertical header: the rank as shown.
class LeaderboardProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit LeaderboardProxy(QObject *parent = nullptr);
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
};

} // namespace sl::ui
