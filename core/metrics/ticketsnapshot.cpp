#include "metrics/ticketsnapshot.h"

#include "store/database.h"

#include <QHash>
#include <QObject>

#include <algorithm>

namespace sl {

namespace {

// Database ids -> dense indices, with the names in index order.
class Dictionary
{
public:
    std::int16_t indexOf(std::int64_t id, const QString &name)
    {
        if (id <= 0)
            return -1;
        const auto found = m_byId.constFind(id);
        if (found != m_byId.constEnd())
            return *found;
        const auto index = std::int16_t(m_names.size());
        m_byId.insert(id, index);
        m_names.append(name);
        return index;
    }
    std::int16_t indexOfName(const QString &name)
    {
        if (name.isEmpty())
            return -1;
        const auto found = m_byName.constFind(name);
        if (found != m_byName.constEnd())
            return *found;
        const auto index = std::int16_t(m_names.size());
        m_byName.insert(name, index);
        m_names.append(name);
        return index;
    }
    const QStringList &names() const { return m_names; }

private:
    QHash<std::int64_t, std::int16_t> m_byId;
    QHash<QString, std::int16_t> m_byName;
    QStringList m_names;
};

} // namespace

std::optional<TicketSnapshot> TicketSnapshot::load(Database &database, QString *error)
{
    sqlite::Statement query = database.connection().prepare(
        "SELECT t.created_at, t.first_reply_at, t.solved_at, t.first_reply_min, t.first_reply_bh_min, "
        "t.resolution_min, t.resolution_bh_min, t.handle_time_s, t.csat_score, t.customer_id, t.agent_id, a.name, "
        "t.team_id, tm.name, t.channel_id, c.name, t.priority, t.reopens, t.agent_replies, t.csat_good, "
        "t.csat_offered, t.tags FROM tickets t LEFT JOIN agents a ON a.id = t.agent_id "
        "LEFT JOIN teams tm ON tm.id = t.team_id LEFT JOIN channels c ON c.id = t.channel_id "
        "ORDER BY t.created_at, t.id");
    if (!query.isValid()) {
        *error = QObject::tr("cannot read the tickets: %1").arg(database.connection().lastError());
        return std::nullopt;
    }
    TicketSnapshot snapshot;
    Dictionary agents, teams, channels, priorities, tags;
    QHash<std::int64_t, std::int32_t> customers;
    const auto time = [&](int column) { return query.columnIsNull(column) ? TicketFacts::noTime : query.columnInt(column); };
    const auto measure = [&](int column) { return query.columnIsNull(column) ? TicketFacts::none : query.columnDouble(column); };
    const auto small = [&](int column) {
        return query.columnIsNull(column) ? std::int16_t(-1) : std::int16_t(std::clamp<std::int64_t>(query.columnInt(column), 0, 32767));
    };
    snapshot.tagOffsets.push_back(0);
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
        if (!query.columnIsNull(9)) {
            const std::int64_t customer = query.columnInt(9);
            auto found = customers.find(customer);
            if (found == customers.end())
                found = customers.insert(customer, std::int32_t(customers.size()));
            t.customer = *found;
        }
        t.agent = agents.indexOf(query.columnInt(10), query.columnText(11));
        t.team = teams.indexOf(query.columnInt(12), query.columnText(13));
        t.channel = channels.indexOf(query.columnInt(14), query.columnText(15));
        if (t.channel >= 0) {
            const QByteArray name = channels.names().at(t.channel).toUtf8();
            t.channelClass = channelClassOf(std::string_view(name.constData(), std::size_t(name.size())));
        }
        t.priority = priorities.indexOfName(query.columnText(16));
        t.reopens = small(17);
        t.agentReplies = small(18);
        t.csatGood = query.columnIsNull(19) ? std::int8_t(-1) : std::int8_t(query.columnInt(19) != 0);
        t.csatOffered = query.columnIsNull(20) ? std::int8_t(-1) : std::int8_t(query.columnInt(20) != 0);
        for (const QString &tag : query.columnText(21).split(QLatin1Char(' '), Qt::SkipEmptyParts))
            snapshot.tagIds.push_back(tags.indexOfName(tag));
        snapshot.tagOffsets.push_back(std::uint32_t(snapshot.tagIds.size()));

        TicketFields &f = snapshot.fields;
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
    for (const TicketFacts &t : snapshot.tickets) {
        if (t.solvedAt != TicketFacts::noTime)
            snapshot.solvedOrder.push_back(t.index);
    }
    std::stable_sort(snapshot.solvedOrder.begin(), snapshot.solvedOrder.end(), [&](std::int32_t a, std::int32_t b) {
        return snapshot.tickets[std::size_t(a)].solvedAt < snapshot.tickets[std::size_t(b)].solvedAt;
    });
    snapshot.agentNames = agents.names();
    snapshot.teamNames = teams.names();
    snapshot.channelNames = channels.names();
    snapshot.priorityNames = priorities.names();
    snapshot.tagNames = tags.names();
    return snapshot;
}

} // namespace sl
