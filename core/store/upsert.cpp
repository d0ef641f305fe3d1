#include "store/upsert.h"

#include <algorithm>

namespace sl {

UpsertOutcome runUpsert(sqlite::Connection &connection, sqlite::Statement &exists, sqlite::Statement &upsert)
{
    const sqlite::Statement::StepResult found = exists.step();
    exists.reset();
    if (found == sqlite::Statement::StepResult::Error || !upsert.run())
        return UpsertOutcome::Failed;
    if (connection.changes() == 0)
        return UpsertOutcome::Unchanged;
    return found == sqlite::Statement::StepResult::Row ? UpsertOutcome::Updated : UpsertOutcome::Inserted;
}

void bindExternalId(sqlite::Statement &statement, int index, std::string_view id)
{
    const bool numeric = !id.empty() && id.size() <= 18 && (id[0] != '0' || id.size() == 1)
        && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!numeric) {
        statement.bindText(index, id);
        return;
    }
    std::int64_t value = 0;
    for (char c : id)
        value = value * 10 + (c - '0');
    statement.bindInt(index, value);
}

void bindOptionalText(sqlite::Statement &statement, int index, std::string_view text)
{
    if (text.empty())
        statement.bindNull(index);
    else
        statement.bindText(index, text);
}

AgentIds::AgentIds(sqlite::Connection &connection)
    : m_insert(connection.prepare("INSERT OR IGNORE INTO agents (name) VALUES (?1)"))
    , m_select(connection.prepare("SELECT id FROM agents WHERE name = ?1"))
{ }

std::int64_t AgentIds::idOf(std::string_view name)
{
    if (name.empty())
        return 0;
    const QString key = QString::fromUtf8(name.data(), qsizetype(name.size()));
    if (const auto found = m_ids.constFind(key); found != m_ids.constEnd())
        return *found;
    m_insert.bindText(1, name);
    m_select.bindText(1, name);
    std::int64_t id = -1;
    if (m_insert.run() && m_select.step() == sqlite::Statement::StepResult::Row)
        id = m_select.columnInt(0);
    m_select.reset();
    if (id <= 0)
        return -1;
    m_ids.insert(key, id);
    return id;
}

} // namespace sl
