#include "store/snapshotstore.h"

#include "domain/businesscalendar.h"
#include "store/calendarstore.h"
#include "store/database.h"
#include "util/flatstringmap.h"

#include <QDataStream>
#include <QIODevice>
#include <QObject>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sqlite3.h>
#include <unordered_map>

namespace sl {

namespace {

// The cache blob read piece by piece (SQLite's incremental blob I/O), so that loading a
// million tickets never holds the serialized bytes and the columns in memory at once.
class BlobReader : public QIODevice
{
public:
    explicit BlobReader(sqlite3_blob *blob)
        : m_blob(blob)
        , m_size(sqlite3_blob_bytes(blob))
    {
        open(QIODevice::ReadOnly);
    }
    ~BlobReader() override { sqlite3_blob_close(m_blob); }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_size - m_offset + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_size - m_offset);
        if (n <= 0)
            return m_offset >= m_size ? -1 : 0;
        if (sqlite3_blob_read(m_blob, data, int(n), int(m_offset)) != SQLITE_OK)
            return -1;
        m_offset += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    sqlite3_blob *m_blob;
    qint64 m_size;
    qint64 m_offset = 0;
};

// Database ids of a small table (agents, teams, channels) -> dense indices and names.
struct NameTable
{
    std::unordered_map<std::int64_t, std::int16_t> indexById;
    QStringList names;

    bool load(sqlite::Connection &connection, std::string_view sql)
    {
        sqlite::Statement query = connection.prepare(sql);
        if (!query.isValid())
            return false;
        while (query.step() == sqlite::Statement::StepResult::Row) {
            indexById.emplace(query.columnInt(0), std::int16_t(names.size()));
            names.append(query.columnText(1));
        }
        return true;
    }
    std::int16_t indexOf(sqlite::Statement &query, int column) const
    {
        if (query.columnIsNull(column))
            return -1;
        const auto found = indexById.find(query.columnInt(column));
        return found == indexById.end() ? std::int16_t(-1) : found->second;
    }
};

// Text values (priorities, tags) -> dense indices, without a QString per row.
struct TextDictionary
{
    FlatStringMap indexByText;
    QStringList names;

    std::int32_t indexOf(std::string_view text)
    {
        if (text.empty())
            return -1;
        if (const std::optional<std::int64_t> found = indexByText.find(text))
            return std::int32_t(*found);
        const auto index = std::int32_t(names.size());
        indexByText.insert(text, index);
        names.append(QString::fromUtf8(text.data(), qsizetype(text.size())));
        return index;
    }
};

// The business-hours durations the export does not give, from each ticket's team calendar
// (else the default calendar). A ticket whose team has no calendar keeps "no value": business
// hours are never guessed, and never calendar hours under another name.
bool computeBusinessHours(
    Database &database, std::vector<TicketFacts> &rows, const QStringList &teamNames, QString *error)
{
    const std::optional<std::vector<BusinessCalendar>> calendars = loadCalendars(database, error);
    if (!calendars)
        return false;
    if (calendars->empty() || rows.empty())
        return true;
    // The clocks are compiled for the data's whole span (a day's margin each side).
    std::int64_t first = std::numeric_limits<std::int64_t>::max(), last = std::numeric_limits<std::int64_t>::min();
    for (const TicketFacts &t : rows) {
        if (t.createdAt == TicketFacts::noTime)
            continue;
        first = std::min(first, t.createdAt);
        last = std::max({ last, t.createdAt, t.solvedAt, t.firstReplyAt });
    }
    if (first > last)
        return true;
    const BusinessCalendarSet set(*calendars, first - 86400, last + 86400);
    std::vector<const BusinessClock *> clockOfTeam;
    for (const QString &team : teamNames)
        clockOfTeam.push_back(set.clockForTeam(team));
    for (TicketFacts &t : rows) {
        const BusinessClock *clock = t.team >= 0 ? clockOfTeam[std::size_t(t.team)] : set.defaultClock();
        if (!clock || t.createdAt == TicketFacts::noTime)
            continue;
        if (std::isnan(t.firstReplyBhMin)) {
            // The reply's moment: its timestamp, else the export's calendar minutes after creation.
            std::int64_t replied = t.firstReplyAt;
            if (replied == TicketFacts::noTime && !std::isnan(t.firstReplyMin))
                replied = t.createdAt + std::llround(t.firstReplyMin * 60.0);
            if (replied != TicketFacts::noTime)
                t.firstReplyBhMin = double(clock->businessSeconds(t.createdAt, replied)) / 60.0;
        }
        if (std::isnan(t.resolutionBhMin) && t.solvedAt != TicketFacts::noTime)
            t.resolutionBhMin = double(clock->businessSeconds(t.createdAt, t.solvedAt)) / 60.0;
    }
    return true;
}

} // namespace

std::optional<TicketSnapshot> buildTicketSnapshot(Database &database, QString *error)
{
    sqlite::Connection &connection = database.connection();
    NameTable agents, teams, channels;
    if (!agents.load(connection, "SELECT id, name FROM agents") || !teams.load(connection, "SELECT id, name FROM teams")
        || !channels.load(connection, "SELECT id, name FROM channels")) {
        *error = QObject::tr("cannot read the database: %1").arg(connection.lastError());
        return std::nullopt;
    }
    std::vector<ChannelClass> channelClasses;
    for (const QString &name : channels.names) {
        const QByteArray utf8 = name.toUtf8();
        channelClasses.push_back(channelClassOf(std::string_view(utf8.constData(), std::size_t(utf8.size()))));
    }
    sqlite::Statement query = connection.prepare(
        "SELECT created_at, first_reply_at, solved_at, first_reply_min, first_reply_bh_min, resolution_min, "
        "resolution_bh_min, handle_time_s, csat_score, customer_id, agent_id, team_id, channel_id, priority, reopens, "
        "agent_replies, csat_good, csat_offered, tags FROM tickets");
    if (!query.isValid()) {
        *error = QObject::tr("cannot read the tickets: %1").arg(connection.lastError());
        return std::nullopt;
    }
    std::vector<TicketFacts> rows;
    std::vector<std::uint32_t> rowTagOffsets { 0 };
    std::vector<std::int32_t> rowTagIds;
    TextDictionary priorities, tags;
    std::unordered_map<std::int64_t, std::int32_t> customers;
    const auto time = [&](int column) {
        return query.columnIsNull(column) ? TicketFacts::noTime : query.columnInt(column);
    };
    const auto measure = [&](int column) {
        return query.columnIsNull(column) ? TicketFacts::none : query.columnDouble(column);
    };
    const auto small = [&](int column) {
        return query.columnIsNull(column) ? std::int16_t(-1)
                                          : std::int16_t(std::clamp<std::int64_t>(query.columnInt(column), 0, 32767));
    };
    const auto flag = [&](int column) {
        return query.columnIsNull(column) ? std::int8_t(-1) : std::int8_t(query.columnInt(column) != 0);
    };
    sqlite::Statement::StepResult step;
    while ((step = query.step()) == sqlite::Statement::StepResult::Row) {
        TicketFacts t;
        t.createdAt = time(0);
        t.firstReplyAt = time(1);
        t.solvedAt = time(2);
        t.firstReplyMin = measure(3);
        t.firstReplyBhMin = measure(4);
        t.resolutionMin = measure(5);
        t.resolutionBhMin = measure(6);
        t.handleTimeS = measure(7);
        t.csatScore = measure(8);
        if (!query.columnIsNull(9))
            t.customer = customers.emplace(query.columnInt(9), std::int32_t(customers.size())).first->second;
        t.agent = agents.indexOf(query, 10);
        t.team = teams.indexOf(query, 11);
        t.channel = channels.indexOf(query, 12);
        if (t.channel >= 0)
            t.channelClass = channelClasses[std::size_t(t.channel)];
        t.priority = std::int16_t(priorities.indexOf(query.columnUtf8(13)));
        t.reopens = small(14);
        t.agentReplies = small(15);
        t.csatGood = flag(16);
        t.csatOffered = flag(17);
        // Tags are stored space-separated.
        const std::string_view tagText = query.columnUtf8(18);
        for (std::size_t start = 0; start < tagText.size();) {
            std::size_t end = tagText.find(' ', start);
            if (end == std::string_view::npos)
                end = tagText.size();
            if (end > start)
                rowTagIds.push_back(tags.indexOf(tagText.substr(start, end - start)));
            start = end + 1;
        }
        rows.push_back(t);
        rowTagOffsets.push_back(std::uint32_t(rowTagIds.size()));
    }
    if (step != sqlite::Statement::StepResult::Done) {
        *error = QObject::tr("cannot read the tickets: %1").arg(connection.lastError());
        return std::nullopt;
    }
    if (!computeBusinessHours(database, rows, teams.names, error))
        return std::nullopt;
    return TicketSnapshot::fromFacts(std::move(rows), std::move(rowTagOffsets), std::move(rowTagIds), agents.names,
        teams.names, channels.names, priorities.names, tags.names);
}

bool storeTicketSnapshot(const TicketSnapshot &snapshot, Database &database, QString *error)
{
    sqlite::Connection &connection = database.connection();
    const QByteArray bytes = snapshot.serialize();
    sqlite::Transaction transaction(connection);
    sqlite::Statement write = connection.prepare(
        "INSERT OR REPLACE INTO snapshot_cache (id, data_version, format, data) VALUES (1, ?1, ?2, ?3)");
    if (!transaction.isActive() || !write.isValid()) {
        *error = connection.lastError();
        return false;
    }
    write.bindInt(1, database.dataVersion());
    write.bindInt(2, TicketSnapshot::serializedFormat);
    write.bindBlobStatic(3, bytes.constData(), std::size_t(bytes.size()));
    if (!write.run() || !transaction.commit()) {
        *error = connection.lastError();
        return false;
    }
    return true;
}

std::optional<TicketSnapshot> loadTicketSnapshot(Database &database, QString *error)
{
    sqlite::Connection &connection = database.connection();
    {
        sqlite::Statement read
            = connection.prepare("SELECT rowid FROM snapshot_cache WHERE id = 1 AND format = ?1 AND data_version = "
                                 "(SELECT version FROM data_version)");
        sqlite3_blob *blob = nullptr;
        if (read.isValid()) {
            read.bindInt(1, TicketSnapshot::serializedFormat);
            if (read.step() == sqlite::Statement::StepResult::Row
                && sqlite3_blob_open(connection.handle(), "main", "snapshot_cache", "data", read.columnInt(0), 0, &blob)
                    == SQLITE_OK) {
                // The blob's pages pass through the page cache once: a small cache for the read
                // keeps them from adding 64 MB to the peak.
                const std::int64_t cacheSize = connection.queryInt("PRAGMA cache_size").value_or(-2000);
                connection.exec("PRAGMA cache_size=-2048");
                BlobReader device(blob);
                QDataStream in(&device);
                std::optional<TicketSnapshot> cached = TicketSnapshot::deserialize(in);
                connection.exec("PRAGMA cache_size=" + std::to_string(cacheSize));
                if (cached)
                    return cached;
            } else if (blob) {
                sqlite3_blob_close(blob);
            }
        }
    }
    // One sequential scan of the tickets: a page cache would only hold pages never read again.
    const std::int64_t cacheSize = connection.queryInt("PRAGMA cache_size").value_or(-2000);
    connection.exec("PRAGMA cache_size=-2048");
    std::optional<TicketSnapshot> built = buildTicketSnapshot(database, error);
    connection.exec("PRAGMA cache_size=" + std::to_string(cacheSize));
    // A cache that cannot be written (read-only file, disk full) only costs the next load time.
    QString ignored;
    if (built && !connection.isReadOnly())
        storeTicketSnapshot(*built, database, &ignored);
    return built;
}

} // namespace sl
