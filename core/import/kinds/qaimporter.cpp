#include "import/kinds/qaimporter.h"

#include "import/importoptions.h"
#include "store/database.h"

#include <QObject>

#include <cmath>

namespace sl {

namespace {

enum Field { Id, Ticket, Agent, Reviewer, ReviewedAt, ScoreField, MaxScore, FieldCount };

const std::vector<kinds::FieldSynonyms> &zendeskQaFields()
{
    static const std::vector<kinds::FieldSynonyms> fields = {
        { Id, "external_id", { "reviewid" } },
        { Ticket, "ticket_external_id",
            { "conversationexternalid", "conversationid", "externalid", "ticketid", "ticket" } },
        { Agent, "agent", { "reviewee", "revieweename", "revieweeemail" } },
        { Reviewer, "reviewer", { "reviewer", "reviewername", "revieweremail" } },
        { ReviewedAt, "reviewed_at",
            { "reviewcreated", "reviewcreatedat", "reviewdate", "reviewedat", "created", "createdat", "date" } },
        { ScoreField, "score",
            { "reviewscore", "iqs", "internalqualityscore", "score", "overallscore", "totalscore" } },
        { MaxScore, "max_score", { "maxscore", "maximumscore", "maxpoints" } },
    };
    return fields;
}

const std::vector<kinds::FieldSynonyms> &genericQaFields()
{
    static const std::vector<kinds::FieldSynonyms> fields = {
        { Id, "external_id", { "reviewid", "qaid", "qareviewid", "evaluationid", "auditid", "id" } },
        { Ticket, "ticket_external_id",
            { "ticketid", "ticket", "ticketnumber", "conversationid", "caseid", "casenumber", "interactionid" } },
        { Agent, "agent",
            { "agent", "agentname", "evaluatedagent", "reviewee", "revieweename", "agentemail", "employee", "rep" } },
        { Reviewer, "reviewer",
            { "reviewer", "reviewername", "evaluator", "gradedby", "reviewedby", "auditor", "qareviewer",
                "qaanalyst" } },
        { ReviewedAt, "reviewed_at",
            { "reviewdate", "reviewedat", "reviewedon", "evaluationdate", "evaluatedat", "auditdate", "qadate", "date",
                "createdat", "created" } },
        { ScoreField, "score",
            { "qascore", "score", "totalscore", "reviewscore", "evaluationscore", "qualityscore", "points",
                "percentage", "result" } },
        { MaxScore, "max_score",
            { "maxscore", "maxpoints", "maximumscore", "maximumpoints", "outof", "possiblepoints", "totalpossible",
                "possiblescore" } },
    };
    return fields;
}

// The first " / " or " of " separating points from their maximum; npos when there is none.
std::pair<std::size_t, std::size_t> pointsSeparator(std::string_view text)
{
    if (const std::size_t slash = text.find('/'); slash != std::string_view::npos)
        return { slash, 1 };
    for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
        const std::string_view word = text.substr(i, 4);
        if ((word[0] == ' ') && (word[1] == 'o' || word[1] == 'O') && (word[2] == 'f' || word[2] == 'F')
            && word[3] == ' ')
            return { i, 4 };
    }
    return { std::string_view::npos, 0 };
}

} // namespace

Parsed<QaImporter::Score> QaImporter::parseScore(std::string_view raw, std::string_view maxText)
{
    const std::string_view text = trimmed(raw);
    if (isNullMarker(text))
        return Parsed<Score>::null();
    Score score;
    const auto [separator, length] = pointsSeparator(text);
    if (separator != std::string_view::npos) {
        const Parsed<double> points = parseNumber(text.substr(0, separator));
        const Parsed<double> maximum = parseNumber(text.substr(separator + length));
        if (!points.value || !maximum.value)
            return Parsed<Score>::bad();
        score = { points.value, maximum.value };
    } else {
        const Parsed<double> points = parseNumber(text);
        if (!points.value)
            return Parsed<Score>::bad();
        score.points = points.value;
        // A percentage is 0-100 whatever the maximum column says.
        if (text.back() != '%' && !isNullMarker(maxText)) {
            const Parsed<double> maximum = parseNumber(maxText);
            if (!maximum.value)
                return Parsed<Score>::bad();
            score.maximum = maximum.value;
        }
    }
    const double top = score.maximum.value_or(100.0);
    if (!std::isfinite(*score.points) || !std::isfinite(top) || top <= 0 || *score.points < 0 || *score.points > top)
        return Parsed<Score>::bad();
    return Parsed<Score>::of(score);
}

KindMatch QaImporter::match(const QStringList &header, const QString &forcedProfile) const
{
    KindMatch result;
    result.kind = RecordKind::Qa;
    const bool forced = !forcedProfile.isEmpty() && forcedProfile != QLatin1String("auto");

    // Zendesk QA: a review id, a reviewee and a score.
    if (!forced || forcedProfile == QLatin1String("zendesk-qa") || forcedProfile == QLatin1String("klaus")) {
        kinds::KindColumns columns(header, zendeskQaFields(), FieldCount);
        const QStringList keys = [&] {
            QStringList list;
            for (const QString &name : header)
                list.append(kinds::columnKey(name));
            return list;
        }();
        const bool reviewee = keys.contains(QLatin1String("reviewee")) || keys.contains(QLatin1String("revieweename"))
            || keys.contains(QLatin1String("revieweeemail"));
        if (columns.has(Id) && reviewee && columns.has(ScoreField)) {
            result.profile = QStringLiteral("zendesk-qa");
            result.source = QStringLiteral("zendesk-qa");
            result.displayName = QObject::tr("Zendesk QA (Klaus) reviews");
            result.score = columns.boundCount();
            result.columnFields = columns.columnFields();
            result.fieldChoices = kinds::fieldIds(genericQaFields());
            m_columns = columns;
            return result;
        }
    }

    if (!forced || forcedProfile == QLatin1String("generic-qa") || forcedProfile == QLatin1String("generic")) {
        kinds::KindColumns columns(header, genericQaFields(), FieldCount);
        const bool keyed = columns.has(Id) || columns.has(Ticket);
        const bool about = columns.has(Agent) || columns.has(Ticket);
        if (columns.has(ScoreField) && columns.has(ReviewedAt) && keyed && about && columns.boundCount() >= 3) {
            result.profile = QStringLiteral("generic-qa");
            result.source = QStringLiteral("generic");
            result.displayName = QObject::tr("QA reviews");
            result.score = columns.boundCount();
            result.columnFields = columns.columnFields();
            result.fieldChoices = kinds::fieldIds(genericQaFields());
            m_columns = columns;
            return result;
        }
        result.missing = kinds::missingNames(columns, genericQaFields(), { ScoreField, ReviewedAt, Agent });
    }
    return result;
}

bool QaImporter::applyOverrides(
    const QStringList &header, const QHash<QString, QString> &overrides, KindMatch &match, QString *error)
{
    (void)header; // bound in match()
    if (overrides.isEmpty())
        return true;
    // The generic fields are every QA field (Zendesk QA's are a subset under its own names).
    if (!m_columns.applyOverrides(overrides, genericQaFields(), error))
        return false;
    match.columnFields = m_columns.columnFields();
    if (!kinds::checkRequired(m_columns, genericQaFields(), { ScoreField }, error))
        return false;
    if (!m_columns.has(Id) && !m_columns.has(Ticket)) {
        if (error)
            *error = QObject::tr("no column is mapped to external_id or ticket_external_id: a review needs one of "
                                 "them as its key");
        return false;
    }
    return true;
}

void QaImporter::observe(const CsvRecord &record)
{
    m_dateOrder.observe(m_columns.text(record, ReviewedAt));
    const std::string_view score = m_columns.text(record, ScoreField);
    if (m_columns.has(MaxScore) || isNullMarker(score) || score.back() == '%'
        || pointsSeparator(score).first != std::string_view::npos)
        return;
    const Parsed<double> points = parseNumber(score);
    if (points.value) {
        ++m_sampledScores;
        m_smallScores += *points.value <= 5 ? 1 : 0;
    }
}

bool QaImporter::begin(Database &database, std::int64_t importId, const KindMatch &match, const QStringList &header,
    const ImportOptions &options, QString *error)
{
    (void)header; // bound in match()
    m_source = match.source.toStdString();
    m_importId = importId;
    m_zone.emplace(options.timeZone);
    m_connection = &database.connection();
    m_writer.emplace(*m_connection, m_source, m_importId);
    if (!m_writer->isValid()) {
        *error = QObject::tr("cannot write to the database: %1").arg(m_connection->lastError());
        return false;
    }
    return true;
}

KindImporter::Outcome QaImporter::write(const CsvRecord &record, RowIssue &issue, QString *error)
{
    if (!m_columns.checkWidth(record, issue))
        return Outcome::Rejected;
    const std::string_view id = m_columns.text(record, Id);
    const std::string_view ticket = m_columns.text(record, Ticket);
    const std::string_view agent = m_columns.text(record, Agent);
    const std::string_view reviewer = m_columns.text(record, Reviewer);
    const std::string_view dateText = m_columns.text(record, ReviewedAt);

    // Without a review id, a review is the ticket's review by that reviewer of that agent on that date.
    std::string key;
    if (!id.empty() && !isNullMarker(id)) {
        key = id;
    } else if (!m_columns.has(Id) && !ticket.empty() && !isNullMarker(ticket)) {
        for (const std::string_view part : { ticket, agent, reviewer, dateText }) {
            key += part;
            key += '|';
        }
        key.pop_back();
    } else {
        issue = m_columns.issue(record, m_columns.column(m_columns.has(Id) ? Id : Ticket),
            QObject::tr("the review id is empty: every row needs the export's own id"));
        return Outcome::Rejected;
    }
    const QByteArray lineKey(key.data(), qsizetype(key.size()));
    if (const auto seen = m_lineOfKey.constFind(lineKey); seen != m_lineOfKey.constEnd()) {
        issue = m_columns.issue(record, m_columns.column(m_columns.has(Id) ? Id : Ticket),
            QObject::tr("this review is already on line %1 of this file").arg(*seen));
        return Outcome::Rejected;
    }

    std::optional<std::int64_t> reviewedAt;
    const Parsed<WallClock> date = parseDateTime(dateText, m_dateOrder.decided());
    if (!date.ok) {
        issue = m_columns.issue(record, m_columns.column(ReviewedAt),
            QObject::tr("expected a date such as 2024-03-05 or 2024-03-05 14:30, found %1")
                .arg(kinds::quoted(dateText)));
        return Outcome::Rejected;
    }
    if (date.value)
        reviewedAt = m_zone->toUtc(*date.value);

    const std::string_view scoreText = m_columns.text(record, ScoreField);
    const Parsed<Score> score = parseScore(scoreText, m_columns.text(record, MaxScore));
    if (!score.ok) {
        issue = m_columns.issue(record, m_columns.column(ScoreField),
            QObject::tr("expected a score 0-100, points / max points (45 / 50) or a percentage "
                        "(87%), found %1")
                .arg(kinds::quoted(scoreText)));
        return Outcome::Rejected;
    }

    const std::string extra = m_columns.extraJson(record);
    const auto value = [](std::string_view text) {
        return isNullMarker(text) ? std::string_view() : text;
    };
    QaReviewRow row;
    row.key = key;
    row.reviewedAt = reviewedAt;
    row.ticket = value(ticket);
    row.agent = value(agent);
    row.reviewer = value(reviewer);
    row.points = score.value ? score.value->points : std::nullopt;
    row.maximum = score.value ? score.value->maximum : std::nullopt;
    row.extraJson = extra;
    const Outcome outcome = kinds::outcomeOf(m_writer->write(row), *m_connection, error);
    if (outcome == Outcome::Failed)
        return outcome;
    m_lineOfKey.insert(lineKey, record.line);
    m_withoutDate += reviewedAt ? 0 : 1;
    m_withoutScore += score.value ? 0 : 1;
    return outcome;
}

QStringList QaImporter::notes() const
{
    QStringList notes;
    const QString order = kinds::dateOrderNote(m_columns.name(ReviewedAt), m_dateOrder);
    if (!order.isEmpty())
        notes.append(order);
    if (m_sampledScores > 0 && m_smallScores == m_sampledScores) {
        notes.append(QObject::tr("column \"%1\": every score is 5 or less, read as 0-100; a scorecard on a smaller "
                                 "scale needs a \"Max score\" column or scores written as \"4 / 5\"")
                         .arg(m_columns.name(ScoreField)));
    }
    if (m_withoutDate > 0)
        notes.append(QObject::tr("%n review(s) without a date count in no period", nullptr, int(m_withoutDate)));
    if (m_withoutScore > 0)
        notes.append(QObject::tr("%n review(s) without a score count in no mean", nullptr, int(m_withoutScore)));
    return notes;
}

QStringList QaImporter::extraColumnNames() const
{
    return m_columns.extraColumnNames();
}

} // namespace sl
