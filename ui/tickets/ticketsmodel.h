#pragma once

// The tickets of a selection as a table model that stays fast over a million rows: the ordered
// row ids of the selection are loaded once, off the UI thread, on a connection of the job's
// own; rows are then read by id in blocks of 256 on the model's own read-only connection, only
// for the blocks a view asks for, and the last 64 blocks are kept. A row deep in the table is
// one statement away, where LIMIT/OFFSET would step over every row before it.

#include "services/backgroundjob.h"
#include "store/database.h"
#include "services/ticketquery.h"

#include <QAbstractTableModel>
#include <QCache>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace sl::ui {

class TicketsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // Raw values (numbers, UTC seconds) for sorting and charts; Qt::DisplayRole is the text.
    static constexpr int SortValueRole = Qt::UserRole;
    static constexpr int blockCacheSize = 64;

    explicit TicketsModel(QObject *parent = nullptr);
    ~TicketsModel() override;

    // Opens `path` read-only for this model's reads, and loads the selection if one was given
    // before (nothing is read until one is). False (and `error`) when it cannot.
    bool setDatabasePath(const QString &path, QString *error = nullptr);
    QString databasePath() const { return m_path; }

    // Shows the tickets of `selection` once they are loaded (loadingChanged, selectionLoaded);
    // until then the previous ones stay. A newer call drops an older one's result.
    void setSelection(const TicketSelection &selection);
    const TicketSelection &selection() const { return m_selection; }
    void setSearch(const QString &text);
    // Loads the same selection again (after an import).
    void reload();
    bool isLoading() const { return m_job->isRunning(); }
    QString lastError() const { return m_error; }

    // The selection's row ids in table order (what an export writes).
    const std::vector<std::int64_t> &ticketIds() const { return m_ids; }
    // The ticket at `row`, read if its block is not cached.
    const TicketListRow *ticket(int row) const;

    // The statements run on this model's connection, as SQLite counts them (its trace hook):
    // how tests prove that a row deep in the table costs one block read, not a scan.
    std::uint64_t statementsRun() const { return m_statementsRun; }

    // The sortable columns: created, first reply, resolution.
    static std::optional<TicketSortKey> sortKeyOf(int column);
    static int columnOf(TicketSortKey key);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // Sorts the selection by a sortable column (a new load); other columns are ignored.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    void loadingChanged(bool loading);
    void selectionLoaded(qsizetype rows);
    void errorOccurred(const QString &message);

private:
    void load();
    static int countStatement(unsigned type, void *self, void *, void *);

    QString m_path;
    std::optional<Database> m_database;
    std::unique_ptr<TicketRowReader> m_reader;
    mutable QCache<qsizetype, std::vector<TicketListRow>> m_blocks { blockCacheSize };
    std::vector<std::int64_t> m_ids;
    TicketSelection m_selection;
    QString m_error;
    BackgroundJob *m_job = nullptr;
    std::uint64_t m_statementsRun = 0;
    bool m_hasSelection = false;
};

} // namespace sl::ui
