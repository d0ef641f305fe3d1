#pragma once

// The qa_reviews table, keyed by (source, review id): what the QA importer's rows become.

#include "store/sqlite.h"
#include "store/upsert.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sl {

// One mapped review; text views live as long as the caller's record. Empty text: no value.
struct QaReviewRow
{
    std::string_view key; // the export's review id, or the importer's composite key
    std::optional<std::int64_t> reviewedAt; // UTC seconds
    std::string_view ticket;
    std::string_view agent; // the reviewee, resolved to an agent by name
    std::string_view reviewer;
    std::optional<double> points;
    std::optional<double> maximum; // none: points are 0-100
    std::string_view extraJson; // the columns no field takes
};

class QaReviewWriter
{
public:
    QaReviewWriter(sqlite::Connection &connection, std::string source, std::int64_t importId);
    bool isValid() const;
    // Failed: lastError() says why, and the import rolls back.
    UpsertOutcome write(const QaReviewRow &row);
    QString lastError() const { return m_connection.lastError(); }

private:
    sqlite::Connection &m_connection;
    std::string m_source;
    std::int64_t m_importId;
    sqlite::Statement m_exists, m_upsert;
    AgentIds m_agents;
};

} // namespace sl
