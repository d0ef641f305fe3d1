#include "metrics/ticketsnapshot.h"

#include "store/database.h"
#include "util/flatstringmap.h"

#include <QObject>

#include <algorithm>
#include <unordered_map>

namespace sl {

namespace {

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

} // namespace

std::optional<TicketSnapshot> TicketSnapshot::load(Database &database, QString *error)
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
    TicketSnapshot snapshot;
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
    snapshot.tagOffsets.push_back(0);
    TicketFields &f = snapshot.fields;
    while (query.step() == sqlite::Statement::StepResult::Row) {
        TicketFacts t;
        t.index = std::int32_t(snapshot.tickets.size());
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
                snapshot.tagIds.push_back(tags.indexOf(tagText.substr(start, end - start)));
            start = end + 1;
        }
        snapshot.tagOffsets.push_back(std::uint32_t(snapshot.tagIds.size()));

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
        snapshot.tickets.push_back(t);
    }
    // Rows come in storage order, which for exports is nearly creation order: sorting here is
    // cheaper than asking SQLite to sort a million rows without an index.
    std::vector<std::int32_t> order(snapshot.tickets.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = std::int32_t(i);
    std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
        const std::int64_t ca = snapshot.tickets[std::size_t(a)].createdAt;
        const std::int64_t cb = snapshot.tickets[std::size_t(b)].createdAt;
        return ca != cb ? ca < cb : a < b;
    });
    std::vector<TicketFacts> sorted;
    sorted.reserve(order.size());
    std::vector<std::uint32_t> sortedTagOffsets{0};
    std::vector<std::int32_t> sortedTagIds;
    sortedTagIds.reserve(snapshot.tagIds.size());
    for (std::int32_t from : order) {
        TicketFacts t = snapshot.tickets[std::size_t(from)];
        t.index = std::int32_t(sorted.size());
        sorted.push_back(t);
        sortedTagIds.insert(sortedTagIds.end(), snapshot.tagIds.begin() + snapshot.tagOffsets[std::size_t(from)],
                            snapshot.tagIds.begin() + snapshot.tagOffsets[std::size_t(from) + 1]);
        sortedTagOffsets.push_back(std::uint32_t(sortedTagIds.size()));
    }
    snapshot.tickets = std::move(sorted);
    snapshot.tagIds = std::move(sortedTagIds);
    snapshot.tagOffsets = std::move(sortedTagOffsets);

    for (const TicketFacts &t : snapshot.tickets) {
        if (t.solvedAt != TicketFacts::noTime)
            snapshot.solvedOrder.push_back(t.index);
    }
    std::sort(snapshot.solvedOrder.begin(), snapshot.solvedOrder.end(), [&](std::int32_t a, std::int32_t b) {
        const std::int64_t sa = snapshot.tickets[std::size_t(a)].solvedAt;
        const std::int64_t sb = snapshot.tickets[std::size_t(b)].solvedAt;
        return sa != sb ? sa < sb : a < b;
    });
    snapshot.agentNames = agents.names;
    snapshot.teamNames = teams.names;
    snapshot.channelNames = channels.names;
    snapshot.priorityNames = priorities.names;
    snapshot.tagNames = tags.names;
    return snapshot;
}

} // namespace sl
