#pragma once

// Support cost and order counts by month (RecordKind::Costs) -> the period_costs table, keyed by
// (source, month, channel); channel '' holds the month's whole support cost and its orders.
//
// One profile, `generic-costs`, in three layouts decided from the header:
//   Month, Support cost[, Orders]                  the whole cost of each month
//   Month, Channel, Cost[, Orders]                 one row per month and channel; a blank,
//                                                  "Total" or "All" channel is the whole month
//   Month, Email cost, Phone cost, ...[, Total cost][, Orders]
//                                                  one column per channel (a column whose name is
//                                                  a channel followed by "cost"); without a total
//                                                  column the month's cost is their sum
// The month is "2025-01", "01/2025", "Jan 2025", or any date (its month is taken). A file gives
// one row per month (and channel): a second one is rejected, since adding it up or keeping
// either would both be guesses. A later file for the same months replaces their figures.

#include "import/kinds.h"
#include "import/kinds/kindcolumns.h"

#include <QDate>
#include <QHash>

namespace sl {

class CostImporter final : public KindImporter
{
public:
    RecordKind kind() const override { return RecordKind::Costs; }
    KindMatch match(const QStringList &header, const QString &forcedProfile) const override;
    bool applyOverrides(const QStringList &header, const QHash<QString, QString> &overrides, KindMatch &match,
        QString *error) override;
    void observe(const CsvRecord &record) override;
    bool begin(Database &database, std::int64_t importId, const KindMatch &match, const QStringList &header,
        const ImportOptions &options, QString *error) override;
    Outcome write(const CsvRecord &record, RowIssue &issue, QString *error) override;
    QStringList notes() const override;
    QStringList extraColumnNames() const override;

    // "2025-01", "2025/1", "01/2025", "Jan 2025", "January, 25", "2025 Jan", or a date in any
    // form parseDateTime() reads (its month): the first day of the month.
    static Parsed<QDate> parseMonth(std::string_view text, DateOrder order);

private:
    struct ChannelColumn
    {
        int column;
        QString channel; // canonical: Email, Phone, Chat, ...
    };
    Outcome writeOne(const QDate &month, const QString &channel, const std::optional<double> &cost,
        const std::optional<std::int64_t> &orders, const std::string &extra, QString *error);

    // Set by match() for observe(), which comes before begin(); see AccountImporter.
    mutable kinds::KindColumns m_columns;
    mutable std::vector<ChannelColumn> m_channelColumns;

    DateOrderDetector m_monthOrder;
    bool m_fullDates = false; // the month column holds whole dates, whose day/month order matters
    std::string m_source;
    std::int64_t m_importId = 0;
    sqlite::Connection *m_connection = nullptr;
    sqlite::Statement m_exists, m_upsert;
    QHash<QString, std::int64_t> m_lineOfKey; // "2025-01|Email" -> the line that gave it
};

} // namespace sl
