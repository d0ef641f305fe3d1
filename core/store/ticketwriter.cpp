#include "store/ticketwriter.h"

#include <QObject>

#include <algorithm>

namespace sl {

namespace {

// A later export of the same ticket replaces every field, empty ones included: a reopened
// ticket's cleared "Solved at" must clear ours. The WHERE clause skips rows whose content is the
// same, so re-importing a file changes nothing and reports its rows as unchanged.
constexpr std::string_view upsertSql = R"sql(
INSERT INTO tickets (source, external_id, subject, status, priority, type, channel_id, agent_id,
    team_id, customer_id, created_at, first_reply_at, solved_at, first_reply_min, first_reply_bh_min,
    resolution_min, resolution_bh_min, handle_time_s, reopens, agent_replies, csat_good, csat_score,
    csat_offered, tags, extra, import_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21,
    ?22, ?23, ?24, ?25, ?26)
ON CONFLICT (source, external_id) DO UPDATE SET
    subject = excluded.subject, status = excluded.status, priority = excluded.priority,
    type = excluded.type, channel_id = excluded.channel_id, agent_id = excluded.agent_id,
    team_id = excluded.team_id, customer_id = excluded.customer_id, created_at = excluded.created_at,
    first_reply_at = excluded.first_reply_at, solved_at = excluded.solved_at,
    first_reply_min = excluded.first_reply_min, first_reply_bh_min = excluded.first_reply_bh_min,
    resolution_min = excluded.resolution_min, resolution_bh_min = excluded.resolution_bh_min,
    handle_time_s = excluded.handle_time_s, reopens = excluded.reopens,
    agent_replies = excluded.agent_replies, csat_good = excluded.csat_good,
    csat_score = excluded.csat_score, csat_offered = excluded.csat_offered, tags = excluded.tags,
    extra = excluded.extra, import_id = excluded.import_id
WHERE subject IS NOT excluded.subject OR status IS NOT excluded.status
    OR priority IS NOT excluded.priority OR type IS NOT excluded.type
    OR channel_id IS NOT excluded.channel_id OR agent_id IS NOT excluded.agent_id
    OR team_id IS NOT excluded.team_id OR customer_id IS NOT excluded.customer_id
    OR created_at IS NOT excluded.created_at OR first_reply_at IS NOT excluded.first_reply_at
    OR solved_at IS NOT excluded.solved_at OR first_reply_min IS NOT excluded.first_reply_min
    OR first_reply_bh_min IS NOT excluded.first_reply_bh_min
    OR resolution_min IS NOT excluded.resolution_min
    OR resolution_bh_min IS NOT excluded.resolution_bh_min
    OR handle_time_s IS NOT excluded.handle_time_s OR reopens IS NOT excluded.reopens
    OR agent_replies IS NOT excluded.agent_replies OR csat_good IS NOT excluded.csat_good
    OR csat_score IS NOT excluded.csat_score OR csat_offered IS NOT excluded.csat_offered
    OR tags IS NOT excluded.tags OR extra IS NOT excluded.extra
)sql";

void bindOptionalText(sqlite::Statement &statement, int index, std::string_view text)
{
    if (text.empty())
        statement.bindNull(index);
    else
        statement.bindTextStatic(index, text);
}

void bindOptionalId(sqlite::Statement &statement, int index, std::int64_t id)
{
    if (id == 0)
        statement.bindNull(index);
    else
        statement.bindInt(index, id);
}

void bindOptionalBool(sqlite::Statement &statement, int index, const std::optional<bool> &value)
{
    if (value)
        statement.bindInt(index, *value ? 1 : 0);
    else
        statement.bindNull(index);
}

// Help desks number their tickets: stored as integers, the ids make a compact index that a
// growing export appends to at its end. Anything else (leading zeros, letters) stays text, and
// the same text always makes the same choice, so a re-import finds its rows.
void bindExternalId(sqlite::Statement &statement, int index, std::string_view id)
{
    const bool numeric = !id.empty() && id.size() <= 18 && (id[0] != '0' || id.size() == 1)
                         && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!numeric) {
        statement.bindTextStatic(index, id);
        return;
    }
    std::int64_t value = 0;
    for (char c : id)
        value = value * 10 + (c - '0');
    statement.bindInt(index, value);
}

} // namespace

TicketWriter::TicketWriter(sqlite::Connection &connection, std::string source, std::int64_t importId)
    : m_connection(connection)
    , m_source(std::move(source))
    , m_importId(importId)
{
    m_upsert = m_connection.prepare(upsertSql);
    m_insertAgent = m_connection.prepare("INSERT OR IGNORE INTO agents (name) VALUES (?1)");
    m_selectAgent = m_connection.prepare("SELECT id FROM agents WHERE name = ?1");
    m_insertTeam = m_connection.prepare("INSERT OR IGNORE INTO teams (name) VALUES (?1)");
    m_selectTeam = m_connection.prepare("SELECT id FROM teams WHERE name = ?1");
    m_insertChannel = m_connection.prepare("INSERT OR IGNORE INTO channels (name) VALUES (?1)");
    m_selectChannel = m_connection.prepare("SELECT id FROM channels WHERE name = ?1");
    m_insertCustomer = m_connection.prepare(
        "INSERT OR IGNORE INTO customers (source, external_key, name, email) VALUES (?1, ?2, ?3, ?4)");
    m_selectCustomer = m_connection.prepare("SELECT id FROM customers WHERE source = ?1 AND external_key = ?2");
    m_valid = m_upsert.isValid() && m_insertAgent.isValid() && m_selectAgent.isValid() && m_insertTeam.isValid()
              && m_selectTeam.isValid() && m_insertChannel.isValid() && m_selectChannel.isValid()
              && m_insertCustomer.isValid() && m_selectCustomer.isValid();
    if (!m_valid)
        m_error = m_connection.lastError();
}

std::int64_t TicketWriter::nameId(IdByName &cache, sqlite::Statement &insert, sqlite::Statement &select,
                                  std::string_view name)
{
    if (name.empty())
        return 0;
    if (const auto found = cache.find(name); found != cache.end())
        return found->second;
    insert.bindTextStatic(1, name);
    insert.run();
    select.bindTextStatic(1, name);
    std::int64_t id = -1;
    if (select.step() == sqlite::Statement::StepResult::Row)
        id = select.columnInt(0);
    select.reset();
    if (id > 0)
        cache.emplace(std::string(name), id);
    return id;
}

std::int64_t TicketWriter::customerId(const TicketRow &row)
{
    // The most stable key the export offers: its requester id, else the e-mail, else the name.
    std::string_view key = row.requesterId;
    if (key.empty())
        key = row.requesterEmail;
    if (key.empty())
        key = row.requesterName;
    if (key.empty())
        return 0;
    if (const std::optional<std::int64_t> found = m_customers.find(key))
        return *found;
    m_insertCustomer.bindTextStatic(1, m_source);
    m_insertCustomer.bindTextStatic(2, key);
    bindOptionalText(m_insertCustomer, 3, row.requesterName);
    bindOptionalText(m_insertCustomer, 4, row.requesterEmail);
    m_insertCustomer.run();
    m_selectCustomer.bindTextStatic(1, m_source);
    m_selectCustomer.bindTextStatic(2, key);
    std::int64_t id = -1;
    if (m_selectCustomer.step() == sqlite::Statement::StepResult::Row)
        id = m_selectCustomer.columnInt(0);
    m_selectCustomer.reset();
    if (id > 0)
        m_customers.insert(key, id);
    return id;
}

TicketWriter::Outcome TicketWriter::write(const TicketRow &row)
{
    const std::int64_t channel = nameId(m_channels, m_insertChannel, m_selectChannel, row.channel);
    const std::int64_t agent = nameId(m_agents, m_insertAgent, m_selectAgent, row.agent);
    const std::int64_t team = nameId(m_teams, m_insertTeam, m_selectTeam, row.team);
    const std::int64_t customer = customerId(row);
    if (channel < 0 || agent < 0 || team < 0 || customer < 0) {
        m_error = m_connection.lastError();
        return Outcome::Failed;
    }

    sqlite::Statement &s = m_upsert;
    s.bindTextStatic(1, m_source);
    bindExternalId(s, 2, row.externalId);
    bindOptionalText(s, 3, row.subject);
    bindOptionalText(s, 4, row.status);
    bindOptionalText(s, 5, row.priority);
    bindOptionalText(s, 6, row.type);
    bindOptionalId(s, 7, channel);
    bindOptionalId(s, 8, agent);
    bindOptionalId(s, 9, team);
    bindOptionalId(s, 10, customer);
    s.bindOptionalInt(11, row.createdAt);
    s.bindOptionalInt(12, row.firstReplyAt);
    s.bindOptionalInt(13, row.solvedAt);
    s.bindOptionalDouble(14, row.firstReplyMin);
    s.bindOptionalDouble(15, row.firstReplyBhMin);
    s.bindOptionalDouble(16, row.resolutionMin);
    s.bindOptionalDouble(17, row.resolutionBhMin);
    s.bindOptionalDouble(18, row.handleTimeS);
    s.bindOptionalInt(19, row.reopens);
    s.bindOptionalInt(20, row.agentReplies);
    bindOptionalBool(s, 21, row.satisfaction.good);
    s.bindOptionalDouble(22, row.satisfaction.score);
    bindOptionalBool(s, 23, row.satisfaction.offered);
    bindOptionalText(s, 24, row.tags);
    bindOptionalText(s, 25, row.extraJson);
    s.bindInt(26, m_importId);
    if (!s.run()) {
        m_error = m_connection.lastError();
        return Outcome::Failed;
    }
    return m_connection.changes() > 0 ? Outcome::InsertedOrChanged : Outcome::Unchanged;
}

} // namespace sl
