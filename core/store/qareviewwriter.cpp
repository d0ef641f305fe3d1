#include "store/qareviewwriter.h"

namespace sl {

QaReviewWriter::QaReviewWriter(sqlite::Connection &connection, std::string source, std::int64_t importId)
    : m_connection(connection)
    , m_source(std::move(source))
    , m_importId(importId)
    , m_exists(connection.prepare("SELECT 1 FROM qa_reviews WHERE source = ?1 AND external_id = ?2"))
    , m_upsert(connection.prepare(R"sql(
INSERT INTO qa_reviews (source, external_id, reviewed_at, ticket_external_id, agent_id, reviewer, score, max_score,
    extra, import_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
ON CONFLICT (source, external_id) DO UPDATE SET
    reviewed_at = excluded.reviewed_at, ticket_external_id = excluded.ticket_external_id,
    agent_id = excluded.agent_id, reviewer = excluded.reviewer, score = excluded.score,
    max_score = excluded.max_score, extra = excluded.extra, import_id = excluded.import_id
WHERE reviewed_at IS NOT excluded.reviewed_at OR ticket_external_id IS NOT excluded.ticket_external_id
    OR agent_id IS NOT excluded.agent_id OR reviewer IS NOT excluded.reviewer OR score IS NOT excluded.score
    OR max_score IS NOT excluded.max_score OR extra IS NOT excluded.extra
)sql"))
    , m_agents(connection)
{ }

bool QaReviewWriter::isValid() const
{
    return m_exists.isValid() && m_upsert.isValid() && m_agents.isValid();
}

UpsertOutcome QaReviewWriter::write(const QaReviewRow &row)
{
    const std::int64_t agent = m_agents.idOf(row.agent);
    if (agent < 0)
        return UpsertOutcome::Failed;
    m_exists.bindText(1, m_source);
    bindExternalId(m_exists, 2, row.key);
    m_upsert.bindText(1, m_source);
    bindExternalId(m_upsert, 2, row.key);
    m_upsert.bindOptionalInt(3, row.reviewedAt);
    bindOptionalText(m_upsert, 4, row.ticket);
    m_upsert.bindOptionalInt(5, agent > 0 ? std::optional<std::int64_t>(agent) : std::nullopt);
    bindOptionalText(m_upsert, 6, row.reviewer);
    m_upsert.bindOptionalDouble(7, row.points);
    m_upsert.bindOptionalDouble(8, row.maximum);
    bindOptionalText(m_upsert, 9, row.extraJson);
    m_upsert.bindInt(10, m_importId);
    return runUpsert(m_connection, m_exists, m_upsert);
}

} // namespace sl
