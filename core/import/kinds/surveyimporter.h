#pragma once

// Survey exports (RecordKind::Surveys) -> survey_responses, one row per response, upserted on
// (source, the export's response id).
//
// Profiles are data (surveyimporter.cpp): Delighted, Qualtrics (three header rows), SurveyMonkey
// (two header rows), Olist's order reviews, the Botanic NPS survey, and "generic-surveys" for any
// list of responses with common column names. What a file holds is settled in three steps:
//
//   match()    the profile, from the header;
//   observe()  what each column's values look like (numbers, answer labels, free text, dates);
//   begin()    the score column, the survey type and its scale (NPS 0-10, CSAT 1-5 or a scale
//              the header states, CES 1-7), from --profile, a survey-type column, the header or
//              the question texts, or the profile; a file whose scores mostly do not fit that
//              scale is refused with the type they do fit.
//
// A score off its scale is a rejected row naming the scale, never bucketed. --profile takes a
// profile id ("qualtrics"), a survey type ("nps", "csat", "ces", "csat-10"), or both
// ("delighted:ces").

#include "import/kinds.h"

#include <memory>

namespace sl {

class SurveyImporter final : public KindImporter
{
public:
    SurveyImporter();
    ~SurveyImporter() override;
    SurveyImporter(const SurveyImporter &) = delete;
    SurveyImporter &operator=(const SurveyImporter &) = delete;

    RecordKind kind() const override { return RecordKind::Surveys; }
    KindMatch match(const QStringList &header, const QString &forcedProfile) const override;
    bool applyOverrides(const QStringList &header, const QHash<QString, QString> &overrides, KindMatch &match,
                        QString *error) override;
    void observe(const CsvRecord &record) override;
    bool begin(Database &database, std::int64_t importId, const KindMatch &match, const QStringList &header,
               const ImportOptions &options, QString *error) override;
    Outcome write(const CsvRecord &record, RowIssue &issue, QString *error) override;
    bool end(std::int64_t *inserted, std::int64_t *updated, std::int64_t *unchanged, QString *error) override;
    QStringList notes() const override;
    QStringList extraColumnNames() const override;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace sl
