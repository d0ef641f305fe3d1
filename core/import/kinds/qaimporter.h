#pragma once

// QA reviews (RecordKind::Qa) -> typed rows for store/qareviewwriter.h (the qa_reviews table,
// keyed by source and review id): the mapping is here, the SQL in store.
//
// Profiles:
//   zendesk-qa  Zendesk QA (formerly Klaus) review exports: Review ID, Conversation ID, Reviewee,
//               Reviewer, Review created, Review score (the internal quality score, 0-100).
//   generic-qa  a QA scorecard sheet: review id (or, without one, the ticket), ticket, agent,
//               reviewer, date, score, and optionally the scorecard's maximum.
// A score is read as 0-100, as "points / max points" ("45 / 50", "45 of 50"), as a percentage
// ("87%"), or as points of the row's "Max score" column. Points are stored with their maximum,
// so nothing is rounded at import; qa_score_mean turns each review into 0-100.
//
// The reviewee becomes an agent by name, the way tickets resolve their assignee, so `--agent`
// and `--by agent` find the same person in tickets and reviews when both spell the name alike.

#include "import/kinds.h"
#include "import/kinds/kindcolumns.h"
#include "store/qareviewwriter.h"

#include <QHash>

namespace sl {

class QaImporter final : public KindImporter
{
public:
    RecordKind kind() const override { return RecordKind::Qa; }
    KindMatch match(const QStringList &header, const QString &forcedProfile) const override;
    bool applyOverrides(
        const QStringList &header, const QHash<QString, QString> &overrides, KindMatch &match, QString *error) override;
    void observe(const CsvRecord &record) override;
    bool begin(Database &database, std::int64_t importId, const KindMatch &match, const QStringList &header,
        const ImportOptions &options, QString *error) override;
    Outcome write(const CsvRecord &record, RowIssue &issue, QString *error) override;
    QStringList notes() const override;
    QStringList extraColumnNames() const override;

    struct Score
    {
        std::optional<double> points;
        std::optional<double> maximum; // none: points are 0-100
    };
    // "87", "87%", "45 / 50", "45 of 50"; `maxText` is the row's maximum column ("" without one).
    // Not ok: not a score, or one its maximum cannot hold.
    static Parsed<Score> parseScore(std::string_view text, std::string_view maxText);

private:
    // Set by match() for observe(), which comes before begin(); see AccountImporter.
    mutable kinds::KindColumns m_columns;

    DateOrderDetector m_dateOrder;
    std::int64_t m_sampledScores = 0, m_smallScores = 0; // plain scores, and those of 5 or less
    std::optional<TimeZoneConverter> m_zone;
    std::string m_source;
    std::int64_t m_importId = 0;
    sqlite::Connection *m_connection = nullptr;
    std::optional<QaReviewWriter> m_writer;
    QHash<QByteArray, std::int64_t> m_lineOfKey;
    std::int64_t m_withoutDate = 0, m_withoutScore = 0;
};

} // namespace sl
