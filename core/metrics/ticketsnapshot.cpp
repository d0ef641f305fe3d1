#include "metrics/ticketsnapshot.h"

#include "metrics/businesscalendar.h"
#include "store/calendarstore.h"
#include "store/database.h"
#include "util/flatstringmap.h"

#include <QDataStream>
#include <QIODevice>
#include <QIODevice>
#include <QObject>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include <sqlite3.h>

namespace sl {

namespace {

// Bump when the serialized layout changes: an old cache is then rebuilt, never misread.
constexpr std::int32_t cacheFormat = 2;
constexpr quint32 cacheMagic = 0x534c534e; // "SLSN"

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

template<typename T>
void permute(std::vector<T> &column, const std::vector<std::int32_t> &order)
{
    std::vector<T> sorted(column.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        sorted[i] = column[std::size_t(order[i])];
    column = std::move(sorted);
}

template<typename T>
void writeColumn(QDataStream &out, const std::vector<T> &column)
{
    static_assert(std::is_trivially_copyable_v<T>);
    out << quint64(column.size());
    out.writeRawData(reinterpret_cast<const char *>(column.data()), int(column.size() * sizeof(T)));
}

template<typename T>
bool readColumn(QDataStream &in, std::vector<T> &column)
{
    quint64 size = 0;
    in >> size;
    if (in.status() != QDataStream::Ok || size > (quint64(1) << 34) / sizeof(T))
        return false;
    column.resize(std::size_t(size));
    const auto bytes = int(size * sizeof(T));
    return in.readRawData(reinterpret_cast<char *>(column.data()), bytes) == bytes;
}

// A snapshot's columns, in the order they are serialized. `perTicket` and `perSolved` get the
// columns with one entry per ticket and per solved ticket, `other` the rest.
template<typename Snapshot, typename PerTicket, typename PerSolved, typename Other>
void forEachColumn(Snapshot &s, PerTicket perTicket, PerSolved perSolved, Other other)
{
    perTicket(s.createdAt), perTicket(s.solvedAt), perTicket(s.firstReplyMin), perTicket(s.firstReplyBhMin),
        perTicket(s.customer), perTicket(s.agent), perTicket(s.team), perTicket(s.channel), perTicket(s.priority),
        perTicket(s.channelClass), other(s.tagOffsets), other(s.tagIds);
    auto &v = s.solved;
    perSolved(v.ticket), perSolved(v.solvedAt), perSolved(v.createdAt), perSolved(v.resolutionMin),
        perSolved(v.resolutionBhMin), perSolved(v.handleTimeS), perSolved(v.csatScore), perSolved(v.reopens),
        perSolved(v.agentReplies), perSolved(v.csatGood), perSolved(v.csatOffered), perSolved(v.agent),
        perSolved(v.team), perSolved(v.channel), perSolved(v.priority);
    other(s.longOpen);
}

template<typename Snapshot, typename Visit>
void forEachColumn(Snapshot &s, Visit visit)
{
    forEachColumn(s, visit, visit, visit);
}

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

// The derived arrays that are not serialized.
void deriveIndexes(TicketSnapshot &s)
{
    s.longOpenCreated.clear();
    s.longOpenClosed.clear();
    for (const std::int32_t index : s.longOpen) {
        const auto i = std::size_t(index);
        s.longOpenCreated.push_back(s.createdAt[i]);
        s.longOpenClosed.push_back(s.solvedAt[i] == TicketFacts::noTime ? std::numeric_limits<std::int64_t>::max()
                                                                         : std::max(s.solvedAt[i], s.createdAt[i]));
    }
}

} // namespace

TicketSnapshot TicketSnapshot::fromFacts(std::vector<TicketFacts> rows, std::vector<std::uint32_t> tagOffsets,
                                         std::vector<std::int32_t> tagIds, QStringList agentNames, QStringList teamNames, QStringList channelNames,
                                         QStringList priorityNames, QStringList tagNames)
{
    TicketSnapshot s;
    const std::size_t n = rows.size();
    if (tagOffsets.size() != n + 1) // no tags given
        tagOffsets.assign(n + 1, 0);

    TicketFields &f = s.fields;
    for (const TicketFacts &t : rows) {
        f.created = f.created || t.createdAt != TicketFacts::noTime;
        f.firstReply = f.firstReply || t.firstReplyAt != TicketFacts::noTime || !std::isnan(t.firstReplyMin);
        f.firstReplyBh = f.firstReplyBh || !std::isnan(t.firstReplyBhMin);
        f.solved = f.solved || t.solvedAt != TicketFacts::noTime;
        f.resolutionBh = f.resolutionBh || !std::isnan(t.resolutionBhMin);
        f.handleTime = f.handleTime || !std::isnan(t.handleTimeS);
        f.reopens = f.reopens || t.reopens >= 0;
        f.agentReplies = f.agentReplies || t.agentReplies >= 0;
        f.csat = f.csat || t.csatGood >= 0;
        f.csatScore = f.csatScore || !std::isnan(t.csatScore);
        f.csatOffered = f.csatOffered || t.csatOffered >= 0;
        f.customer = f.customer || t.customer >= 0;
    }

    // Rows come in storage order, which for exports is nearly creation order; ties keep it.
    std::vector<std::int32_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
        return rows[std::size_t(a)].createdAt < rows[std::size_t(b)].createdAt;
    });

    s.createdAt.reserve(n);
    s.tagOffsets.reserve(n + 1);
    s.tagOffsets.push_back(0);
    for (std::int32_t from : order) {
        const TicketFacts &t = rows[std::size_t(from)];
        s.createdAt.push_back(t.createdAt);
        s.solvedAt.push_back(t.solvedAt);
        // The durations as the metrics read them, computed once here.
        s.firstReplyMin.push_back(firstReplyMinutes(t).value_or(TicketFacts::none));
        s.firstReplyBhMin.push_back(t.firstReplyBhMin);
        s.customer.push_back(t.customer);
        s.agent.push_back(t.agent);
        s.team.push_back(t.team);
        s.channel.push_back(t.channel);
        s.priority.push_back(t.priority);
        s.channelClass.push_back(t.channelClass);
        s.tagIds.insert(s.tagIds.end(), tagIds.begin() + tagOffsets[std::size_t(from)],
                        tagIds.begin() + tagOffsets[std::size_t(from) + 1]);
        s.tagOffsets.push_back(std::uint32_t(s.tagIds.size()));
    }

    // The solved tickets by solved time (ties by creation order).
    std::vector<std::int32_t> solvedOrder;
    for (std::size_t i = 0; i < n; ++i) {
        if (s.solvedAt[i] != TicketFacts::noTime)
            solvedOrder.push_back(std::int32_t(i));
    }
    std::stable_sort(solvedOrder.begin(), solvedOrder.end(), [&](std::int32_t a, std::int32_t b) {
        return s.solvedAt[std::size_t(a)] < s.solvedAt[std::size_t(b)];
    });
    TicketSnapshot::Solved &v = s.solved;
    for (std::int32_t i : solvedOrder) {
        const TicketFacts &t = rows[std::size_t(order[std::size_t(i)])];
        v.ticket.push_back(i);
        v.solvedAt.push_back(t.solvedAt);
        v.createdAt.push_back(t.createdAt);
        if (!std::isnan(t.resolutionMin))
            v.resolutionMin.push_back(t.resolutionMin);
        else if (t.createdAt != TicketFacts::noTime)
            v.resolutionMin.push_back(double(t.solvedAt - t.createdAt) / 60.0);
        else
            v.resolutionMin.push_back(TicketFacts::none);
        v.resolutionBhMin.push_back(t.resolutionBhMin);
        v.handleTimeS.push_back(t.handleTimeS);
        v.csatScore.push_back(t.csatScore);
        v.reopens.push_back(t.reopens);
        v.agentReplies.push_back(t.agentReplies);
        v.csatGood.push_back(t.csatGood);
        v.csatOffered.push_back(t.csatOffered);
        v.agent.push_back(t.agent);
        v.team.push_back(t.team);
        v.channel.push_back(t.channel);
        v.priority.push_back(t.priority);
    }
    rows = {};
    tagOffsets = {};
    tagIds = {};

    // The backlog index: how long tickets stay open. The threshold is the 95th percentile of
    // the closed tickets' open time (at least a day), so the scans stay short whatever the
    // help desk's pace.
    std::vector<std::int64_t> openTimes;
    for (std::size_t i = 0; i < n; ++i) {
        if (s.createdAt[i] != TicketFacts::noTime && s.solvedAt[i] != TicketFacts::noTime)
            openTimes.push_back(std::max<std::int64_t>(0, s.solvedAt[i] - s.createdAt[i]));
    }
    s.longOpenSeconds = 86400;
    if (!openTimes.empty()) {
        const std::size_t p95 = openTimes.size() * 95 / 100;
        std::nth_element(openTimes.begin(), openTimes.begin() + std::ptrdiff_t(p95), openTimes.end());
        s.longOpenSeconds = std::max<std::int64_t>(s.longOpenSeconds, openTimes[p95]);
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (s.createdAt[i] == TicketFacts::noTime)
            continue;
        if (s.solvedAt[i] == TicketFacts::noTime || s.solvedAt[i] - s.createdAt[i] >= s.longOpenSeconds)
            s.longOpen.push_back(std::int32_t(i));
    }
    deriveIndexes(s);

    s.agentNames = std::move(agentNames);
    s.teamNames = std::move(teamNames);
    s.channelNames = std::move(channelNames);
    s.priorityNames = std::move(priorityNames);
    s.tagNames = std::move(tagNames);
    return s;
}

// The business-hours durations the export does not give, from each ticket's team calendar
// (else the default calendar). A ticket whose team has no calendar keeps "no value": business
// hours are never guessed, and never calendar hours under another name.
static bool computeBusinessHours(Database &database, std::vector<TicketFacts> &rows, const QStringList &teamNames,
                                 QString *error)
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
        last = std::max({last, t.createdAt, t.solvedAt, t.firstReplyAt});
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

std::optional<TicketSnapshot> TicketSnapshot::build(Database &database, QString *error)
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
    std::vector<std::uint32_t> rowTagOffsets{0};
    std::vector<std::int32_t> rowTagIds;
    TextDictionary priorities, tags;
    std::unordered_map<std::int64_t, std::int32_t> customers;
    const auto time = [&](int column) { return query.columnIsNull(column) ? TicketFacts::noTime : query.columnInt(column); };
    const auto measure = [&](int column) { return query.columnIsNull(column) ? TicketFacts::none : query.columnDouble(column); };
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
    return fromFacts(std::move(rows), std::move(rowTagOffsets), std::move(rowTagIds), agents.names, teams.names, channels.names, priorities.names,
                     tags.names);
}

QByteArray TicketSnapshot::serialize() const
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_0);
    out << cacheMagic << cacheFormat << quint64(size()) << qint64(longOpenSeconds);
    out << agentNames << teamNames << channelNames << priorityNames << tagNames;
    const TicketFields &f = fields;
    out << f.created << f.firstReply << f.firstReplyBh << f.solved << f.resolutionBh << f.handleTime << f.reopens
        << f.agentReplies << f.csat << f.csatScore << f.csatOffered << f.customer;
    writeColumn(out, tagOffsets);
    forEachColumn(*this, [&](const auto &column) { writeColumn(out, column); });
    return bytes;
}

std::optional<TicketSnapshot> TicketSnapshot::deserialize(const QByteArray &bytes)
{
    QDataStream in(bytes);
    return deserialize(in);
}

std::optional<TicketSnapshot> TicketSnapshot::deserialize(QDataStream &in)
{
    in.setVersion(QDataStream::Qt_6_0);
    quint32 magic = 0;
    std::int32_t format = 0;
    quint64 count = 0;
    qint64 longOpen = 0;
    in >> magic >> format >> count >> longOpen;
    if (magic != cacheMagic || format != cacheFormat)
        return std::nullopt;
    TicketSnapshot s;
    s.longOpenSeconds = longOpen;
    in >> s.agentNames >> s.teamNames >> s.channelNames >> s.priorityNames >> s.tagNames;
    TicketFields &f = s.fields;
    in >> f.created >> f.firstReply >> f.firstReplyBh >> f.solved >> f.resolutionBh >> f.handleTime >> f.reopens
        >> f.agentReplies >> f.csat >> f.csatScore >> f.csatOffered >> f.customer;
    bool ok = in.status() == QDataStream::Ok && readColumn(in, s.tagOffsets);
    forEachColumn(s, [&](auto &column) { ok = ok && readColumn(in, column); });
    if (!ok || !in.atEnd())
        return std::nullopt;
    // A damaged cache must not index out of bounds: check every length against the counts.
    bool consistent = s.tagOffsets.size() == count + 1 && s.tagOffsets.back() == s.tagIds.size();
    const std::size_t solvedCount = s.solved.ticket.size();
    forEachColumn(
        s, [&](const auto &column) { consistent = consistent && column.size() == count; },
        [&](const auto &column) { consistent = consistent && column.size() == solvedCount; }, [](const auto &) {});
    for (const std::int32_t i : s.solved.ticket)
        consistent = consistent && i >= 0 && quint64(i) < count;
    for (const std::int32_t i : s.longOpen)
        consistent = consistent && i >= 0 && quint64(i) < count;
    for (const std::int32_t tag : s.tagIds)
        consistent = consistent && tag >= -1 && tag < s.tagNames.size();
    if (!consistent)
        return std::nullopt;
    deriveIndexes(s);
    return s;
}

bool TicketSnapshot::store(Database &database, QString *error) const
{
    sqlite::Connection &connection = database.connection();
    const QByteArray bytes = serialize();
    sqlite::Transaction transaction(connection);
    sqlite::Statement write = connection.prepare(
        "INSERT OR REPLACE INTO snapshot_cache (id, data_version, format, data) VALUES (1, ?1, ?2, ?3)");
    if (!transaction.isActive() || !write.isValid()) {
        *error = connection.lastError();
        return false;
    }
    write.bindInt(1, database.dataVersion());
    write.bindInt(2, cacheFormat);
    write.bindBlobStatic(3, bytes.constData(), std::size_t(bytes.size()));
    if (!write.run() || !transaction.commit()) {
        *error = connection.lastError();
        return false;
    }
    return true;
}

std::optional<TicketSnapshot> TicketSnapshot::load(Database &database, QString *error)
{
    sqlite::Connection &connection = database.connection();
    {
        sqlite::Statement read = connection.prepare(
            "SELECT rowid FROM snapshot_cache WHERE id = 1 AND format = ?1 AND data_version = "
            "(SELECT version FROM data_version)");
        sqlite3_blob *blob = nullptr;
        if (read.isValid()) {
            read.bindInt(1, cacheFormat);
            if (read.step() == sqlite::Statement::StepResult::Row
                && sqlite3_blob_open(connection.handle(), "main", "snapshot_cache", "data", read.columnInt(0), 0, &blob)
                       == SQLITE_OK) {
                // The blob's pages pass through the page cache once: a small cache for the read
                // keeps them from adding 64 MB to the peak.
                const std::int64_t cacheSize = connection.queryInt("PRAGMA cache_size").value_or(-2000);
                connection.exec("PRAGMA cache_size=-2048");
                BlobReader device(blob);
                QDataStream in(&device);
                std::optional<TicketSnapshot> cached = deserialize(in);
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
    std::optional<TicketSnapshot> built = build(database, error);
    connection.exec("PRAGMA cache_size=" + std::to_string(cacheSize));
    // A cache that cannot be written (read-only file, disk full) only costs the next load time.
    QString ignored;
    if (built && !connection.isReadOnly())
        built->store(database, &ignored);
    return built;
}

} // namespace sl
