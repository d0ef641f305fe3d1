#pragma once

// The accounts table, keyed by (source, customer id): what the customer importer's rows become.
// A later export replaces every field, empty ones included; a row whose content is the same is
// left untouched, so importing a file again changes nothing.

#include "store/sqlite.h"
#include "store/upsert.h"

#include <QDate>
#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sl {

// One mapped customer; text views live as long as the caller's record. Empty text: no value.
struct AccountRow
{
    std::string_view id;
    QDate startedOn, endedOn; // invalid: no value
    std::optional<bool> churned;
    std::string_view plan;
    std::optional<double> monthlyRevenue, totalRevenue;
    std::string_view extraJson;
};

class AccountWriter
{
public:
    AccountWriter(sqlite::Connection &connection, std::string source, std::int64_t importId);
    bool isValid() const { return m_exists.isValid() && m_upsert.isValid(); }
    // Failed: lastError() says why, and the import rolls back.
    UpsertOutcome write(const AccountRow &row);
    QString lastError() const { return m_connection.lastError(); }

private:
    sqlite::Connection &m_connection;
    std::string m_source;
    std::int64_t m_importId;
    sqlite::Statement m_exists, m_upsert;
};

} // namespace sl
