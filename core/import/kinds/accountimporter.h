#pragma once

// Customers as billing sees them (RecordKind::Customers) -> typed rows for store/accountwriter.h
// (the accounts table, keyed by source and customer id).
//
// Profiles:
//   ibm-telco          IBM's Telco customer churn sample (customerID, tenure, MonthlyCharges,
//                      TotalCharges, Churn, ...). It has no dates at all: Churn is a Yes/No flag,
//                      stored as churned = 1/0 with no end date. `tenure` (months) stays in the
//                      row's extra columns and is not turned into a start date: the file says
//                      "months as a customer" but not as of when, and a start date computed from
//                      an as-of date we would have to invent would place every churn in time.
//                      So this file supports no period's retention, churn or CLV (the metrics
//                      have no value, and the import says so in a note).
//   generic-customers  customer id, start (signup) date, end (cancelled at) date, churned flag,
//                      plan, MRR / monthly revenue, total revenue / LTV, by common names.
//
// A generic file's churned flag is the file's own when it has one; with only an end-date column
// a customer is churned exactly when the row has an end date.

#include "import/kinds.h"
#include "import/kinds/kindcolumns.h"
#include "store/accountwriter.h"

#include <QDate>
#include <QHash>
#include <QTimeZone>

namespace sl {

class AccountImporter final : public KindImporter
{
public:
    RecordKind kind() const override { return RecordKind::Customers; }
    KindMatch match(const QStringList &header, const QString &forcedProfile) const override;
    bool applyOverrides(const QStringList &header, const QHash<QString, QString> &overrides, KindMatch &match,
        QString *error) override;
    void observe(const CsvRecord &record) override;
    bool begin(Database &database, std::int64_t importId, const KindMatch &match, const QStringList &header,
        const ImportOptions &options, QString *error) override;
    Outcome write(const CsvRecord &record, RowIssue &issue, QString *error) override;
    QStringList notes() const override;
    QStringList extraColumnNames() const override;

private:
    bool readDay(const CsvRecord &record, int field, const DateOrderDetector &order, QDate *day, RowIssue &issue);

    // match() is const but observe() (which comes before begin()) needs the chosen profile's
    // columns: the importer is asked once per file, so match() leaves them here.
    mutable kinds::KindColumns m_columns;
    mutable QString m_profile;

    DateOrderDetector m_startOrder, m_endOrder;
    QTimeZone m_zone;
    std::string m_source;
    std::int64_t m_importId = 0;
    sqlite::Connection *m_connection = nullptr;
    std::optional<AccountWriter> m_writer;
    QHash<QByteArray, std::int64_t> m_lineOfId; // ids seen in this file: a second row is rejected

    std::int64_t m_rows = 0, m_datedRows = 0, m_churnedWithoutDate = 0, m_blankMonthly = 0, m_blankTotal = 0;
};

} // namespace sl
