#include "store/accountwriter.h"

namespace sl {

AccountWriter::AccountWriter(sqlite::Connection &connection, std::string source, std::int64_t importId)
    : m_connection(connection)
    , m_source(std::move(source))
    , m_importId(importId)
    , m_exists(connection.prepare("SELECT 1 FROM accounts WHERE source = ?1 AND external_id = ?2"))
    , m_upsert(connection.prepare(R"sql(
INSERT INTO accounts (source, external_id, started_on, ended_on, churned, plan, monthly_revenue, total_revenue,
    extra, import_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
ON CONFLICT (source, external_id) DO UPDATE SET
    started_on = excluded.started_on, ended_on = excluded.ended_on, churned = excluded.churned,
    plan = excluded.plan, monthly_revenue = excluded.monthly_revenue, total_revenue = excluded.total_revenue,
    extra = excluded.extra, import_id = excluded.import_id
WHERE started_on IS NOT excluded.started_on OR ended_on IS NOT excluded.ended_on
    OR churned IS NOT excluded.churned OR plan IS NOT excluded.plan
    OR monthly_revenue IS NOT excluded.monthly_revenue OR total_revenue IS NOT excluded.total_revenue
    OR extra IS NOT excluded.extra
)sql"))
{ }

UpsertOutcome AccountWriter::write(const AccountRow &row)
{
    m_exists.bindText(1, m_source);
    bindExternalId(m_exists, 2, row.id);
    m_upsert.bindText(1, m_source);
    bindExternalId(m_upsert, 2, row.id);
    if (row.startedOn.isValid())
        m_upsert.bindText(3, row.startedOn.toString(Qt::ISODate));
    else
        m_upsert.bindNull(3);
    if (row.endedOn.isValid())
        m_upsert.bindText(4, row.endedOn.toString(Qt::ISODate));
    else
        m_upsert.bindNull(4);
    m_upsert.bindOptionalInt(5, row.churned ? std::optional<std::int64_t>(*row.churned ? 1 : 0) : std::nullopt);
    bindOptionalText(m_upsert, 6, row.plan);
    m_upsert.bindOptionalDouble(7, row.monthlyRevenue);
    m_upsert.bindOptionalDouble(8, row.totalRevenue);
    bindOptionalText(m_upsert, 9, row.extraJson);
    m_upsert.bindInt(10, m_importId);
    return runUpsert(m_connection, m_exists, m_upsert);
}

} // namespace sl
