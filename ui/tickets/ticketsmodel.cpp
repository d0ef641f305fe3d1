#include "tickets/ticketsmodel.h"

#include "services/csvexport.h"

#include <sqlite3.h>

namespace sl::ui {

namespace {

struct LoadResult
{
    std::vector<std::int64_t> ids;
    QString error;
};

bool isNumberColumn(TicketColumn column)
{
    return column == TicketColumn::FirstReply || column == TicketColumn::Resolution;
}

} // namespace

TicketsModel::TicketsModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_job(new BackgroundJob(this))
{
    connect(m_job, &BackgroundJob::runningChanged, this, &TicketsModel::loadingChanged);
}

TicketsModel::~TicketsModel() = default;

int TicketsModel::countStatement(unsigned, void *self, void *, void *)
{
    ++static_cast<TicketsModel *>(self)->m_statementsRun;
    return 0;
}

bool TicketsModel::setDatabasePath(const QString &path, QString *error)
{
    QString reason;
    std::optional<Database> database = Database::open(path, &reason, sqlite::Connection::Mode::ReadOnly);
    if (!database) {
        if (error)
            *error = reason;
        return false;
    }
    beginResetModel();
    m_reader.reset();
    m_blocks.clear();
    m_ids.clear();
    m_path = path;
    m_database = std::move(database);
    sqlite3_trace_v2(m_database->connection().handle(), SQLITE_TRACE_STMT, &TicketsModel::countStatement, this);
    m_reader = std::make_unique<TicketRowReader>(m_database->connection());
    endResetModel();
    load();
    return true;
}

void TicketsModel::setSelection(const TicketSelection &selection)
{
    m_selection = selection;
    m_hasSelection = true;
    load();
}

void TicketsModel::setSearch(const QString &text)
{
    if (text == m_selection.search)
        return;
    m_selection.search = text;
    load();
}

void TicketsModel::reload()
{
    load();
}

void TicketsModel::load()
{
    if (m_path.isEmpty() || !m_hasSelection)
        return;
    m_job->start(
        [path = m_path, selection = m_selection](const BackgroundJob::StaleCheck &stale) {
            LoadResult result;
            std::optional<Database> database = Database::open(path, &result.error, sqlite::Connection::Mode::ReadOnly);
            if (!database)
                return result;
            if (auto ids = selectTicketIds(database->connection(), selection, &result.error, stale))
                result.ids = std::move(*ids);
            return result;
        },
        [this](LoadResult result) {
            m_error = result.error;
            if (!m_error.isEmpty()) {
                emit errorOccurred(m_error);
                return;
            }
            beginResetModel();
            m_ids = std::move(result.ids);
            m_blocks.clear();
            endResetModel();
            emit selectionLoaded(qsizetype(m_ids.size()));
        });
}

const TicketListRow *TicketsModel::ticket(int row) const
{
    if (row < 0 || std::size_t(row) >= m_ids.size() || !m_reader)
        return nullptr;
    const qsizetype block = row / qsizetype(TicketRowReader::blockSize);
    std::vector<TicketListRow> *rows = m_blocks.object(block);
    if (!rows) {
        const std::size_t first = std::size_t(block) * TicketRowReader::blockSize;
        const std::size_t count = std::min(TicketRowReader::blockSize, m_ids.size() - first);
        rows = new std::vector<TicketListRow>(m_reader->read(std::span(m_ids).subspan(first, count)));
        m_blocks.insert(block, rows);
    }
    const auto offset = std::size_t(row % qsizetype(TicketRowReader::blockSize));
    return offset < rows->size() ? &(*rows)[offset] : nullptr;
}

std::optional<TicketSortKey> TicketsModel::sortKeyOf(int column)
{
    switch (TicketColumn(column)) {
    case TicketColumn::Created: return TicketSortKey::Created;
    case TicketColumn::FirstReply: return TicketSortKey::FirstReply;
    case TicketColumn::Resolution: return TicketSortKey::Resolution;
    default: return std::nullopt;
    }
}

int TicketsModel::columnOf(TicketSortKey key)
{
    switch (key) {
    case TicketSortKey::Created: return int(TicketColumn::Created);
    case TicketSortKey::FirstReply: return int(TicketColumn::FirstReply);
    case TicketSortKey::Resolution: return int(TicketColumn::Resolution);
    }
    return int(TicketColumn::Created);
}

int TicketsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int TicketsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ticketColumnCount;
}

QVariant TicketsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto column = TicketColumn(index.column());
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::AlignVCenter | (isNumberColumn(column) ? Qt::AlignRight : Qt::AlignLeft));
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != SortValueRole && role != CsvExportRole)
        return {};
    const TicketListRow *row = ticket(index.row());
    if (!row)
        return {};
    switch (role) {
    case Qt::DisplayRole: return ticketCellText(*row, column, m_selection.request.zone);
    case CsvExportRole: return ticketCellExport(*row, column, m_selection.request.zone);
    case Qt::ToolTipRole:
        if (column == TicketColumn::Subject || column == TicketColumn::Id) {
            return row->requester.isEmpty() ? row->subject : tr("%1\nRequester: %2").arg(row->subject, row->requester);
        }
        return {};
    case SortValueRole:
        switch (column) {
        case TicketColumn::Created: return row->createdAt ? QVariant(qlonglong(*row->createdAt)) : QVariant();
        case TicketColumn::FirstReply: return row->firstReplyMin ? QVariant(*row->firstReplyMin) : QVariant();
        case TicketColumn::Resolution: return row->resolutionHours ? QVariant(*row->resolutionHours) : QVariant();
        case TicketColumn::Csat: return row->csatScore ? QVariant(*row->csatScore) : QVariant();
        default: return ticketCellText(*row, column, m_selection.request.zone);
        }
    default: return {};
    }
}

QVariant TicketsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ticketColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    const auto column = TicketColumn(section);
    switch (role) {
    case Qt::DisplayRole: return ticketColumnTitle(column);
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignVCenter | (isNumberColumn(column) ? Qt::AlignRight : Qt::AlignLeft));
    case Qt::ToolTipRole:
        switch (column) {
        case TicketColumn::FirstReply:
            return tr("First agent reply − created, in calendar minutes (the export's own figure when it has one)");
        case TicketColumn::Resolution: return tr("Solved − created, in calendar hours");
        case TicketColumn::Csat:
            return tr("The customer's satisfaction rating, with the score when the help desk gives one");
        default: return sortKeyOf(section) ? tr("Click to sort") : QVariant();
        }
    default: return {};
    }
}

void TicketsModel::sort(int column, Qt::SortOrder order)
{
    const std::optional<TicketSortKey> key = sortKeyOf(column);
    if (!key || (*key == m_selection.sortKey && order == m_selection.sortOrder))
        return;
    m_selection.sortKey = *key;
    m_selection.sortOrder = order;
    load();
}

} // namespace sl::ui
