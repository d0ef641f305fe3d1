#include "import/kinds/surveyimporter.h"

#include "csv/csvreader.h"
#include "import/importoptions.h"
#include "import/kinds/kindcolumns.h"
#include "import/profiles.h"
#include "import/ticketmapper.h"
#include "import/valueparsers.h"
#include "domain/surveyfacts.h"
#include "store/database.h"
#include "store/sqlite.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>

namespace sl {

namespace {

using surveys::SurveyScale;
using surveys::SurveyType;

// What a column of a survey export can be.
enum class Field : std::uint8_t {
    ExternalId,
    Score,
    Type, // a survey-type column: each row says NPS, CSAT or CES
    RespondedAt,
    Comment,
    TicketId,
    Agent,
    CustomerEmail,
    CustomerId,
    CustomerName,
    Count
};
constexpr auto fieldCount = std::size_t(Field::Count);

constexpr std::array<const char *, fieldCount> fieldIds = {
    "external_id", "score", "survey_type", "responded_at", "comment", "ticket_external_id", "agent",
    "customer_email", "customer_id", "customer_name",
};

struct Rule
{
    std::string_view header; // normalised (normalizedHeader)
    Field field;
};

// How a profile finds its score column.
enum class ScoreBy : std::uint8_t {
    Name,     // a rule names it (Olist's review_score, Delighted's Score)
    Question, // one of the survey's questions, picked by its text (Qualtrics, SurveyMonkey)
};

struct SurveyProfile
{
    std::string_view id = {};          // --profile value
    std::string_view source = {};      // rows are keyed by (source, response id)
    std::string_view displayName = {};
    std::vector<std::string_view> signature = {}; // all present, or the profile does not claim the header
    std::vector<Rule> rules = {};                 // the first rule naming a field wins
    std::optional<SurveyType> type = {};          // the profile's own type, when neither --profile nor the file names one
    bool typeFromWholeHeader = false;             // any column name may name the type (Delighted's "Score" does not)
    ScoreBy scoreBy = ScoreBy::Name;
    std::vector<std::string_view> metadata = {}; // ScoreBy::Question: the tool's own columns, which are no question
    int extraHeaderRows = 0;
    bool generic = false; // claims by synonyms, only when no specific profile does
};

using F = Field;

// What links a response to the rest of the data, under the names help desks and survey tools
// give them; every profile reads these after its own rules (a Delighted property, a Qualtrics
// embedded-data field or a SurveyMonkey custom variable named "Ticket ID" is the ticket).
const std::vector<Rule> linkRules = {
    {"ticket id", F::TicketId}, {"ticketid", F::TicketId}, {"ticket_id", F::TicketId},
    {"ticket number", F::TicketId}, {"ticket", F::TicketId}, {"case id", F::TicketId},
    {"case number", F::TicketId}, {"conversation id", F::TicketId},
    {"agent", F::Agent}, {"agent name", F::Agent}, {"agentname", F::Agent}, {"agent_name", F::Agent},
    {"assignee", F::Agent}, {"assignee name", F::Agent}, {"rated agent", F::Agent},
    {"customer email", F::CustomerEmail}, {"email", F::CustomerEmail}, {"e-mail", F::CustomerEmail},
    {"requester email", F::CustomerEmail},
    {"customer id", F::CustomerId}, {"requester id", F::CustomerId},
    {"customer name", F::CustomerName}, {"requester", F::CustomerName},
};

const std::vector<SurveyProfile> &surveyProfiles()
{
    static const std::vector<SurveyProfile> profiles = {
        // Delighted (Responses > Download CSV). The file does not say which survey it is unless a
        // column names it; Delighted's own default, NPS, otherwise.
        {
            .id = "delighted",
            .source = "delighted",
            .displayName = "Delighted (responses export)",
            // "Created At" too: a bare "Response ID, Score" is any tool's list, which the generic
            // profile reads with its time column (Delighted's has no other name).
            .signature = {"response id", "score", "created at"},
            .rules = {{"response id", F::ExternalId}, {"score", F::Score}, {"comment", F::Comment},
                      {"created at", F::RespondedAt}, {"response timestamp", F::RespondedAt},
                      {"person email", F::CustomerEmail}, {"person id", F::CustomerId},
                      {"person name", F::CustomerName}, {"survey type", F::Type}},
            .type = SurveyType::Nps,
            .typeFromWholeHeader = true,
        },
        // Qualtrics' CSV export: question ids, then a row of question texts, then a row of
        // {"ImportId": ...} JSON. Times are in the zone that JSON names.
        {
            .id = "qualtrics",
            .source = "qualtrics",
            .displayName = "Qualtrics (response export)",
            .signature = {"responseid", "startdate", "enddate", "recordeddate"},
            .rules = {{"responseid", F::ExternalId}, {"recordeddate", F::RespondedAt}, {"enddate", F::RespondedAt},
                      {"recipientemail", F::CustomerEmail}},
            .scoreBy = ScoreBy::Question,
            .metadata = {"startdate", "enddate", "status", "ipaddress", "progress", "duration (in seconds)",
                         "finished", "recordeddate", "responseid", "recipientlastname", "recipientfirstname",
                         "recipientemail", "externalreference", "locationlatitude", "locationlongitude",
                         "distributionchannel", "userlanguage", "q_recaptchascore", "q_relevantidduplicate",
                         "q_relevantidduplicatescore", "q_relevantidfraudscore", "q_relevantidlaststartdate"},
            .extraHeaderRows = 2,
        },
        // SurveyMonkey's "all responses" CSV: question texts, then a row of sub-answers
        // ("Response", "Open-Ended Response", or a choice per column).
        {
            .id = "surveymonkey",
            .source = "surveymonkey",
            .displayName = "SurveyMonkey (all responses export)",
            .signature = {"respondent id", "collector id", "start date", "end date"},
            .rules = {{"respondent id", F::ExternalId}, {"end date", F::RespondedAt},
                      {"email address", F::CustomerEmail}},
            .scoreBy = ScoreBy::Question,
            .metadata = {"respondent id", "collector id", "start date", "end date", "ip address", "email address",
                         "first name", "last name", "custom data", "custom data 1", "custom data 2"},
            .extraHeaderRows = 1,
        },
        // Olist's order reviews (Kaggle, "Brazilian E-Commerce"): a 1-5 satisfaction score after a
        // purchase; review_creation_date is when the survey was sent, the answer time is the response.
        {
            .id = "olist-reviews",
            .source = "olist",
            .displayName = "Olist order reviews",
            .signature = {"review_id", "review_score", "review_answer_timestamp"},
            .rules = {{"review_id", F::ExternalId}, {"review_score", F::Score}, {"review_comment_message", F::Comment},
                      {"review_answer_timestamp", F::RespondedAt}},
            .type = SurveyType::Csat,
        },
        // The Botanic garden-centre NPS survey (R's write.csv: an unnamed row-number column, NA
        // for missing values). It has no response time.
        {
            .id = "botanic-nps",
            .source = "botanic",
            .displayName = "Botanic NPS survey",
            .signature = {"id", "nps", "satisfaction", "intention", "explication"},
            .rules = {{"id", F::ExternalId}, {"nps", F::Score}, {"explication", F::Comment}},
            .type = SurveyType::Nps,
        },
        // Any other list of responses. No "created" synonyms for the response time: ticket lists
        // have those, and a ticket list must stay one.
        {
            .id = "generic-surveys",
            .source = "generic",
            .displayName = "Generic survey responses",
            .signature = {},
            .rules = {{"response id", F::ExternalId}, {"response_id", F::ExternalId}, {"responseid", F::ExternalId},
                      {"survey response id", F::ExternalId}, {"answer id", F::ExternalId},
                      {"rating id", F::ExternalId}, {"id", F::ExternalId},
                      {"score", F::Score}, {"rating", F::Score}, {"nps", F::Score}, {"nps score", F::Score},
                      {"csat", F::Score}, {"csat score", F::Score}, {"ces", F::Score}, {"ces score", F::Score},
                      {"satisfaction score", F::Score}, {"satisfaction rating", F::Score},
                      {"customer satisfaction score", F::Score}, {"customer effort score", F::Score},
                      {"effort score", F::Score}, {"likelihood to recommend", F::Score}, {"satisfaction", F::Score},
                      {"survey type", F::Type}, {"survey_type", F::Type},
                      {"responded at", F::RespondedAt}, {"response date", F::RespondedAt},
                      {"responded on", F::RespondedAt}, {"response time", F::RespondedAt},
                      {"submitted at", F::RespondedAt}, {"submitted", F::RespondedAt},
                      {"completed at", F::RespondedAt}, {"rated at", F::RespondedAt},
                      {"survey date", F::RespondedAt}, {"date", F::RespondedAt}, {"timestamp", F::RespondedAt},
                      {"comment", F::Comment}, {"comments", F::Comment}, {"feedback", F::Comment},
                      {"verbatim", F::Comment}, {"reason", F::Comment}, {"explanation", F::Comment},
                      {"response text", F::Comment}},
            .generic = true,
        },
    };
    return profiles;
}

const SurveyProfile *findSurveyProfile(QStringView id)
{
    for (const SurveyProfile &profile : surveyProfiles()) {
        if (id == QLatin1String(profile.id.data(), qsizetype(profile.id.size())))
            return &profile;
    }
    return nullptr;
}

QString latin1(std::string_view text)
{
    return QString::fromLatin1(text.data(), qsizetype(text.size()));
}

QString utf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString quoted(std::string_view text)
{
    constexpr std::size_t maxShown = 60;
    QString shown = utf8(text.substr(0, maxShown));
    if (text.size() > maxShown)
        shown += QStringLiteral("…");
    return QLatin1Char('"') + shown + QLatin1Char('"');
}

// --- survey types and scales -----------------------------------------------------------------

SurveyScale standardScale(SurveyType type)
{
    switch (type) {
    case SurveyType::Nps: return surveys::zeroToTen;
    case SurveyType::Ces: return surveys::oneToSeven;
    case SurveyType::Csat: break;
    }
    return surveys::oneToFive;
}

const char *typeId(SurveyType type)
{
    switch (type) {
    case SurveyType::Nps: return "nps";
    case SurveyType::Ces: return "ces";
    case SurveyType::Csat: break;
    }
    return "csat";
}

QString typeName(SurveyType type)
{
    return latin1(typeId(type)).toUpper();
}

// "an NPS score 0–10", for messages.
QString scoreDescription(SurveyType type, SurveyScale scale)
{
    switch (type) {
    case SurveyType::Nps: return QObject::tr("an NPS score 0–10");
    case SurveyType::Ces: return QObject::tr("a CES score 1–7");
    case SurveyType::Csat: break;
    }
    if (scale.isGoodBad())
        return QObject::tr("a CSAT rating good or bad");
    return QObject::tr("a CSAT score %1–%2").arg(int(scale.min)).arg(int(scale.max));
}

// A type as --profile names it: "nps", "csat" (1-5), "csat-3", "csat-7", "csat-10", "ces".
struct ScoreKind
{
    SurveyType type = SurveyType::Csat;
    SurveyScale scale = surveys::oneToFive;
};

std::optional<ScoreKind> scoreKindFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("nps"))
        return ScoreKind{SurveyType::Nps, surveys::zeroToTen};
    if (n == QLatin1String("ces"))
        return ScoreKind{SurveyType::Ces, surveys::oneToSeven};
    if (n == QLatin1String("csat"))
        return ScoreKind{SurveyType::Csat, surveys::oneToFive};
    for (const int top : {3, 5, 7, 10}) {
        if (n == QStringLiteral("csat-%1").arg(top))
            return ScoreKind{SurveyType::Csat, SurveyScale{1, std::int8_t(top)}};
    }
    return std::nullopt;
}

QString profileArgument(const SurveyProfile &profile, const ScoreKind &kind)
{
    QString type = latin1(typeId(kind.type));
    if (kind.type == SurveyType::Csat && kind.scale != surveys::oneToFive)
        type += QStringLiteral("-%1").arg(kind.scale.max);
    return profile.generic ? type : latin1(profile.id) + QLatin1Char(':') + type;
}

// "How likely are you to recommend us?" is NPS, "How satisfied ..." CSAT, "... made it easy ..."
// CES; a column named "NPS", "CSAT" or "CES" says it outright.
std::optional<SurveyType> typeFromText(const QString &text)
{
    QString t = text.toLower();
    t.replace(QLatin1Char('_'), QLatin1Char(' '));
    static const QRegularExpression nps(QStringLiteral("\\bnps\\b|net promoter|recommend"));
    static const QRegularExpression csat(QStringLiteral("\\bcsat\\b|satisf"));
    static const QRegularExpression ces(QStringLiteral("\\bces\\b|customer effort|\\beffort\\b|\\beasy\\b|\\beasier\\b"));
    if (nps.match(t).hasMatch())
        return SurveyType::Nps;
    if (csat.match(t).hasMatch())
        return SurveyType::Csat;
    if (ces.match(t).hasMatch())
        return SurveyType::Ces;
    return std::nullopt;
}

// A CSAT scale the question states: "(1-10)", "1 to 7", "out of 10", "/10".
std::optional<SurveyScale> scaleFromText(const QString &text)
{
    static const QRegularExpression range(QStringLiteral("\\b([01])\\s*(?:-|–|—|to)\\s*(10|[2-9])\\b"));
    static const QRegularExpression outOf(QStringLiteral("(?:out of|/)\\s*(10|[2-9])\\b"));
    if (const QRegularExpressionMatch m = range.match(text); m.hasMatch()) {
        const int low = m.captured(1).toInt();
        const int high = m.captured(2).toInt();
        return high - low == 1 ? surveys::goodBad : SurveyScale{std::int8_t(low), std::int8_t(high)};
    }
    if (const QRegularExpressionMatch m = outOf.match(text); m.hasMatch())
        return SurveyScale{1, std::int8_t(m.captured(1).toInt())};
    return std::nullopt;
}

// What --profile says: a profile, a type, or "profile:type".
struct ForcedProfile
{
    const SurveyProfile *profile = nullptr;
    std::optional<ScoreKind> kind;
    bool foreign = false; // names something that is not a survey profile or type
};

ForcedProfile parseForced(const QString &text)
{
    ForcedProfile forced;
    if (text.isEmpty() || text == QLatin1String("auto"))
        return forced;
    for (const QString &part : text.split(QLatin1Char(':'))) {
        if (const std::optional<ScoreKind> kind = scoreKindFromName(part))
            forced.kind = kind;
        else if (const SurveyProfile *profile = findSurveyProfile(part))
            forced.profile = profile;
        else
            forced.foreign = true;
    }
    return forced;
}

// --- reading scores --------------------------------------------------------------------------

bool equalsIgnoringCase(std::string_view text, std::string_view lower)
{
    return text.size() == lower.size()
           && std::equal(text.begin(), text.end(), lower.begin(), [](char a, char b) {
                  return (a >= 'A' && a <= 'Z' ? char(a - 'A' + 'a') : a) == b;
              });
}

struct Label
{
    std::string_view text;
    int score;
};

// Answer texts of the usual 5-point satisfaction and 7-point agreement scales, as survey tools
// export them when asked for "choice text" instead of numbers.
constexpr std::array<Label, 9> csatLabels = {{
    {"very dissatisfied", 1}, {"very unsatisfied", 1}, {"dissatisfied", 2}, {"unsatisfied", 2},
    {"neither satisfied nor dissatisfied", 3}, {"neutral", 3}, {"satisfied", 4}, {"very satisfied", 5},
    {"extremely satisfied", 5},
}};
constexpr std::array<Label, 8> cesLabels = {{
    {"strongly disagree", 1}, {"disagree", 2}, {"somewhat disagree", 3}, {"neither agree nor disagree", 4},
    {"neutral", 4}, {"somewhat agree", 5}, {"agree", 6}, {"strongly agree", 7},
}};

template<std::size_t N>
std::optional<int> labelScore(std::string_view text, const std::array<Label, N> &labels)
{
    for (const Label &label : labels) {
        if (equalsIgnoringCase(text, label.text))
            return label.score;
    }
    return std::nullopt;
}

// "10 - Extremely likely", "5 (Very satisfied)": the number a choice text starts with.
std::optional<double> leadingInteger(std::string_view text)
{
    std::size_t digits = 0;
    while (digits < text.size() && digits < 3 && text[digits] >= '0' && text[digits] <= '9')
        ++digits;
    if (digits == 0 || digits == text.size())
        return std::nullopt;
    const char next = text[digits];
    if (next != ' ' && next != '-' && next != '(' && next != ':' && next != '=')
        return std::nullopt;
    int value = 0;
    for (std::size_t i = 0; i < digits; ++i)
        value = value * 10 + (text[i] - '0');
    return double(value);
}

struct ScoreReading
{
    enum class Kind { None, Number, Bad } kind = Kind::None;
    double value = 0;
    bool goodBad = false; // a CSAT good/bad rating: value 1 good, 0 bad
};

// One score cell. A null marker, and Zendesk's 'offered'/'unoffered', are no score: the row is
// kept (a response without a score counts in no metric).
ScoreReading readScore(std::string_view raw, SurveyType type)
{
    const std::string_view text = trimmed(raw);
    ScoreReading reading;
    if (isNullMarker(text) || equalsIgnoringCase(text, "offered") || equalsIgnoringCase(text, "unoffered")
        || equalsIgnoringCase(text, "not offered")) {
        return reading;
    }
    if (const Parsed<double> number = parseNumber(text); number.ok && number.value) {
        reading.kind = ScoreReading::Kind::Number;
        reading.value = *number.value;
        return reading;
    }
    if (const std::optional<double> leading = leadingInteger(text)) {
        reading.kind = ScoreReading::Kind::Number;
        reading.value = *leading;
        return reading;
    }
    std::optional<int> label;
    if (type == SurveyType::Csat) {
        label = labelScore(text, csatLabels);
        if (!label && (equalsIgnoringCase(text, "good") || equalsIgnoringCase(text, "bad"))) {
            reading.goodBad = true;
            label = equalsIgnoringCase(text, "good") ? 1 : 0;
        }
    } else if (type == SurveyType::Ces) {
        label = labelScore(text, cesLabels);
    }
    if (label) {
        reading.kind = ScoreReading::Kind::Number;
        reading.value = *label;
        return reading;
    }
    reading.kind = ScoreReading::Kind::Bad;
    return reading;
}

// What the first records showed about one column.
struct ColumnStats
{
    std::int64_t values = 0;  // cells that are not a null marker
    std::int64_t numbers = 0; // numbers, or choice texts starting with one
    std::array<std::int64_t, 11> byScore{}; // numbers 0..10 that are whole
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    std::int64_t csatLabels = 0;
    std::int64_t cesLabels = 0;
    DateOrderDetector dates;

    std::int64_t labelsFor(SurveyType type) const
    {
        return type == SurveyType::Csat ? csatLabels : type == SurveyType::Ces ? cesLabels : 0;
    }
    // Numbers on [scale.min, scale.max] (every scale lies within 0..10).
    std::int64_t numbersOn(SurveyScale scale) const
    {
        std::int64_t n = 0;
        for (int score = std::max<int>(0, scale.min); score <= std::min<int>(10, scale.max); ++score)
            n += byScore[std::size_t(score)];
        return n;
    }
    bool looksLikeScores(SurveyType type) const
    {
        return values > 0 && 2 * (numbers + labelsFor(type)) > values;
    }
    bool looksLikeText() const { return values > 0 && 2 * (numbers + csatLabels + cesLabels) < values; }
};


// The header bound to a profile: the column of each field (-1 when none).
struct Binding
{
    std::array<int, fieldCount> columnOf{};
    int score = 0;
    QStringList missing; // signature columns the header lacks
    Binding() { columnOf.fill(-1); }
    bool has(Field field) const { return columnOf[std::size_t(field)] >= 0; }
    int operator[](Field field) const { return columnOf[std::size_t(field)]; }
};

Binding bindProfile(const SurveyProfile &profile, const QStringList &normalized)
{
    Binding binding;
    for (std::string_view wanted : profile.signature) {
        if (!normalized.contains(latin1(wanted)))
            binding.missing.append(latin1(wanted));
    }
    std::vector<bool> taken(std::size_t(normalized.size()), false);
    const auto apply = [&](const std::vector<Rule> &rules) {
        for (const Rule &rule : rules) {
            if (binding.has(rule.field))
                continue;
            const qsizetype column = normalized.indexOf(latin1(rule.header));
            if (column < 0 || taken[std::size_t(column)])
                continue;
            taken[std::size_t(column)] = true;
            binding.columnOf[std::size_t(rule.field)] = int(column);
            ++binding.score;
        }
    };
    apply(profile.rules);
    apply(linkRules);
    return binding;
}

QStringList normalizedNames(const QStringList &header)
{
    QStringList names;
    names.reserve(header.size());
    for (const QString &name : header)
        names.append(normalizedHeader(name));
    return names;
}

// The user's mapping edits (KindImporter::applyOverrides) over a profile's binding: a field
// chosen for a column leaves the column it had; "" leaves the column to the extra ones.
bool applyEdits(Binding &binding, const QStringList &header, const QHash<QString, QString> &overrides, QString *error)
{
    Binding edited = binding;
    for (qsizetype column = 0; column < header.size(); ++column) {
        const auto edit = overrides.constFind(header[column]);
        if (edit == overrides.constEnd())
            continue;
        const auto id
            = std::find_if(fieldIds.begin(), fieldIds.end(), [&](const char *f) { return *edit == latin1(f); });
        if (!edit->isEmpty() && id == fieldIds.end()) {
            if (error)
                *error = QObject::tr("column \"%1\": \"%2\" is not a field of this export").arg(header[column], *edit);
            return false;
        }
        for (int &bound : edited.columnOf) {
            if (bound == int(column))
                bound = -1;
        }
        if (id != fieldIds.end())
            edited.columnOf[std::size_t(id - fieldIds.begin())] = int(column);
    }
    binding = std::move(edited);
    return true;
}

// The generic profile needs a score, something to key or place a response by, and one more
// column: fewer would claim any two-column file with a "rating".
bool genericClaims(const Binding &binding)
{
    return binding.has(Field::Score) && binding.score >= 3
           && (binding.has(Field::ExternalId) || binding.has(Field::TicketId) || binding.has(Field::RespondedAt));
}

struct DuplicateExample
{
    std::int64_t line = 0;
    std::int64_t firstLine = 0;
    QString id;
};

constexpr int maxDuplicateExamples = 3;

} // namespace

struct SurveyImporter::Impl
{
    // What observe() saw, per column.
    std::vector<ColumnStats> stats;

    // Decided in begin().
    sqlite::Connection *connection = nullptr;
    std::int64_t importId = 0;
    const SurveyProfile *profile = nullptr;
    QStringList header;
    Binding binding;
    QHash<QString, QString> overrides; // the user's mapping edits, applied again in begin()
    std::optional<ScoreKind> fileKind; // empty only with a survey-type column
    DateOrder dateOrder = DateOrder::Unknown;
    std::optional<TimeZoneConverter> zone;
    enum class KeyBy { ExternalId, TicketId, CustomerAndTime } keyBy = KeyBy::ExternalId;
    std::vector<int> extraColumns;
    QStringList extraNames;
    QStringList notes;

    sqlite::Statement stage, insertAgent, selectAgent;
    std::unordered_map<std::string, std::int64_t> agents;
    std::string key, extra, ticketId; // per-row buffers
    std::int64_t staged = 0;          // writes reported as Unchanged until end() merges them
    std::int64_t duplicates = 0;
    std::vector<DuplicateExample> duplicateExamples;

    const ColumnStats &statsOf(int column) const
    {
        static const ColumnStats none;
        return column >= 0 && std::size_t(column) < stats.size() ? stats[std::size_t(column)] : none;
    }
    bool decideScore(const QStringList &questionTexts, const QStringList &subAnswers, const ForcedProfile &forced,
                     const QStringList &normalized, QString *error);
    bool checkScale(QString *error) const;
    std::int64_t agentId(std::string_view name);
    RowIssue issueAt(const CsvRecord &record, int column, const QString &message) const
    {
        return {record.line, column >= 0 ? header.value(column) : QString(), message};
    }
};

SurveyImporter::SurveyImporter()
    : d(std::make_unique<Impl>())
{
}

SurveyImporter::~SurveyImporter() = default;

KindMatch SurveyImporter::match(const QStringList &header, const QString &forcedProfile) const
{
    KindMatch result;
    result.kind = RecordKind::Surveys;
    const ForcedProfile forced = parseForced(forcedProfile);
    if (forced.foreign)
        return result; // another kind's profile
    const QStringList normalized = normalizedNames(header);

    const SurveyProfile *best = nullptr;
    Binding bestBinding;
    const SurveyProfile *closest = nullptr;
    Binding closestBinding;
    for (const SurveyProfile &profile : surveyProfiles()) {
        if (forced.profile && forced.profile != &profile)
            continue;
        Binding binding = bindProfile(profile, normalized);
        if (!closest || binding.score > closestBinding.score) {
            closest = &profile;
            closestBinding = binding;
        }
        const bool claims = profile.generic ? genericClaims(binding) : binding.missing.isEmpty();
        // A specific profile beats the generic one whatever their scores.
        if (claims && (!best || (best->generic && !profile.generic)
                       || (best->generic == profile.generic && binding.score > bestBinding.score))) {
            best = &profile;
            bestBinding = std::move(binding);
        }
    }
    if (!best) {
        if (closest)
            result.missing = closestBinding.missing;
        if (forced.profile) {
            result.refusal = forced.profile->generic
                                 ? QObject::tr("the header is not a list of survey responses: it needs a score "
                                               "column (such as \"Score\", \"Rating\", \"NPS\" or \"CSAT\") and a "
                                               "response id, ticket id or response date")
                                 : QObject::tr("the header is not a %1 export: it lacks the columns %2")
                                       .arg(latin1(forced.profile->displayName),
                                            closestBinding.missing.join(QStringLiteral(", ")));
        }
        return result;
    }
    result.profile = latin1(best->id);
    result.source = latin1(best->source);
    result.displayName = latin1(best->displayName);
    result.extraHeaderRows = best->extraHeaderRows;
    // Specific profiles add their signature's weight: a call or ticket list that happens to have
    // a "Rating" column must not look as much like a survey as a Qualtrics export does.
    result.score = bestBinding.score + (best->generic ? 0 : int(best->signature.size()));
    for (std::size_t field = 0; field < fieldCount; ++field) {
        if (bestBinding.columnOf[field] >= 0)
            result.columnFields.emplace_back(header.value(bestBinding.columnOf[field]), latin1(fieldIds[field]));
    }
    for (const char *id : fieldIds)
        result.fieldChoices.append(latin1(id));
    return result;
}

bool SurveyImporter::applyOverrides(const QStringList &header, const QHash<QString, QString> &overrides,
                                    KindMatch &match, QString *error)
{
    const SurveyProfile *profile = findSurveyProfile(match.profile);
    if (overrides.isEmpty() || !profile)
        return true;
    Binding binding = bindProfile(*profile, normalizedNames(header));
    if (!applyEdits(binding, header, overrides, error))
        return false;
    d->overrides = overrides;
    match.columnFields.clear();
    for (std::size_t field = 0; field < fieldCount; ++field) {
        if (binding.columnOf[field] >= 0)
            match.columnFields.emplace_back(header.value(binding.columnOf[field]), latin1(fieldIds[field]));
    }
    // A profile that finds its score among the survey's questions does so in begin(), from the data.
    if (!binding.has(Field::Score) && profile->scoreBy != ScoreBy::Question) {
        if (error)
            *error = QObject::tr("no column is mapped to score, which this export needs");
        return false;
    }
    return true;
}

void SurveyImporter::observe(const CsvRecord &record)
{
    if (d->stats.size() < record.fields.size())
        d->stats.resize(record.fields.size());
    for (std::size_t column = 0; column < record.fields.size(); ++column) {
        const std::string_view text = trimmed(record.fields[column]);
        if (isNullMarker(text))
            continue;
        ColumnStats &s = d->stats[column];
        ++s.values;
        s.dates.observe(text);
        std::optional<double> number;
        if (const Parsed<double> parsed = parseNumber(text); parsed.ok && parsed.value)
            number = parsed.value;
        else
            number = leadingInteger(text);
        if (number) {
            ++s.numbers;
            s.min = std::min(s.min, *number);
            s.max = std::max(s.max, *number);
            if (*number >= 0 && *number <= 10 && std::floor(*number) == *number)
                ++s.byScore[std::size_t(*number)];
            continue;
        }
        s.csatLabels += labelScore(text, csatLabels) || equalsIgnoringCase(text, "good") || equalsIgnoringCase(text, "bad")
                            ? 1
                            : 0;
        s.cesLabels += labelScore(text, cesLabels) ? 1 : 0;
    }
}

// The score column, the survey type and its scale. Sources, strongest first: --profile, a
// survey-type column (per row), the score column's name or question text (NPS_GROUP for
// Qualtrics), the rest of the header where the profile allows it, the profile's own type.
bool SurveyImporter::Impl::decideScore(const QStringList &questionTexts, const QStringList &subAnswers,
                                       const ForcedProfile &forced, const QStringList &normalized, QString *error)
{
    const auto questionOf = [&](int column) {
        const QString text = questionTexts.value(column);
        return text.trimmed().isEmpty() ? header.value(column) : text;
    };
    std::optional<SurveyType> headerType;
    QString typeReason;

    // A score column the user chose is the score, whatever the questions say.
    if (profile->scoreBy == ScoreBy::Question && !binding.has(Field::Score)) {
        // The survey's own questions: every column that is not the tool's own and no field takes.
        std::vector<int> questions;
        std::vector<bool> taken(std::size_t(header.size()), false);
        for (const int column : binding.columnOf) {
            if (column >= 0)
                taken[std::size_t(column)] = true;
        }
        std::optional<int> npsGroupOf;
        static const QLatin1String npsGroupSuffix("_nps_group");
        for (qsizetype column = 0; column < header.size(); ++column) {
            const QString &name = normalized[column];
            if (taken[std::size_t(column)] || name.isEmpty()
                || std::any_of(profile->metadata.begin(), profile->metadata.end(),
                               [&](std::string_view m) { return name == latin1(m); })) {
                continue;
            }
            if (name.endsWith(npsGroupSuffix)) {
                // Qualtrics adds "Q1_NPS_GROUP" next to an NPS question "Q1".
                const qsizetype base = normalized.indexOf(name.chopped(npsGroupSuffix.size()));
                if (base >= 0 && !npsGroupOf)
                    npsGroupOf = int(base);
                continue;
            }
            questions.push_back(int(column));
        }
        const auto pick = [&](std::optional<SurveyType> wanted, bool needScores) -> std::optional<int> {
            for (const int column : questions) {
                const std::optional<SurveyType> type = typeFromText(questionOf(column));
                if (!type || (wanted && *type != wanted))
                    continue;
                if (needScores && !statsOf(column).looksLikeScores(*type))
                    continue;
                return column;
            }
            return std::nullopt;
        };
        std::optional<int> column;
        if (forced.kind) {
            column = pick(forced.kind->type, true);
            if (!column)
                column = pick(forced.kind->type, false);
            if (!column && forced.kind->type == SurveyType::Nps)
                column = npsGroupOf;
            if (!column) {
                for (const int question : questions) {
                    if (statsOf(question).looksLikeScores(forced.kind->type)) {
                        column = question;
                        break;
                    }
                }
            }
        } else if (npsGroupOf) {
            column = npsGroupOf;
            headerType = SurveyType::Nps;
            typeReason = QObject::tr("the export's NPS group column names it");
        } else {
            column = pick(std::nullopt, true);
            if (!column)
                column = pick(std::nullopt, false);
        }
        if (!column) {
            *error = QObject::tr("no question of this %1 export reads like an NPS, CSAT or CES question (\"…recommend…\", "
                                 "\"…satisfied…\", \"…easy…\"); name the type with --profile %2:nps, :csat or :ces")
                         .arg(latin1(profile->displayName), latin1(profile->id));
            return false;
        }
        binding.columnOf[std::size_t(Field::Score)] = *column;
        if (!headerType) {
            headerType = typeFromText(questionOf(*column));
            typeReason = QObject::tr("its question reads \"%1\"").arg(questionOf(*column).simplified());
        }
        notes.append(QObject::tr("column \"%1\" read as the score").arg(header.value(*column)));
        // The free-text answer: a question asking why, or SurveyMonkey's "Open-Ended Response";
        // else the first question whose answers are mostly text.
        static const QRegularExpression commentWords(
            QStringLiteral("\\bwhy\\b|comment|reason|feedback|tell us|explain|anything else|suggest"),
            QRegularExpression::CaseInsensitiveOption);
        std::optional<int> comment;
        for (const int question : questions) {
            if (question == *column)
                continue;
            const bool openEnded = subAnswers.value(question).trimmed().compare(QLatin1String("Open-Ended Response"),
                                                                                 Qt::CaseInsensitive) == 0;
            if ((openEnded || commentWords.match(questionOf(question)).hasMatch()) && !statsOf(question).looksLikeScores(SurveyType::Nps)) {
                comment = question;
                break;
            }
        }
        if (!comment) {
            for (const int question : questions) {
                if (question != *column && statsOf(question).looksLikeText()) {
                    comment = question;
                    break;
                }
            }
        }
        if (comment) {
            binding.columnOf[std::size_t(Field::Comment)] = *comment;
            notes.append(QObject::tr("column \"%1\" read as the comment").arg(header.value(*comment)));
        }
    } else {
        const int column = binding[Field::Score];
        if (column < 0) {
            *error = QObject::tr("no column holds the score");
            return false;
        }
        headerType = typeFromText(questionOf(column));
        if (headerType) {
            typeReason = QObject::tr("column \"%1\" names it").arg(header.value(column));
        } else if (profile->typeFromWholeHeader) {
            for (qsizetype other = 0; other < header.size() && !headerType; ++other) {
                if (other == column || other == binding[Field::Type])
                    continue;
                headerType = typeFromText(header[other]);
                if (headerType)
                    typeReason = QObject::tr("column \"%1\" names it").arg(header[other]);
            }
        }
    }

    const int scoreColumn = binding[Field::Score];
    const QString scoreText = questionOf(scoreColumn);
    if (forced.kind) {
        fileKind = forced.kind;
        typeReason = QObject::tr("--profile names it");
    } else if (headerType) {
        fileKind = ScoreKind{*headerType, standardScale(*headerType)};
    } else if (profile->type) {
        fileKind = ScoreKind{*profile->type, standardScale(*profile->type)};
        typeReason = QObject::tr("the %1 profile's own type").arg(latin1(profile->id));
    }
    // A CSAT question may state another scale than 1-5; NPS and CES have theirs by definition.
    if (fileKind && fileKind->type == SurveyType::Csat && !forced.kind) {
        if (const std::optional<SurveyScale> stated = scaleFromText(scoreText))
            fileKind->scale = *stated;
    }
    if (binding.has(Field::Type)) {
        notes.append(QObject::tr("column \"%1\" says each row's survey type%2")
                         .arg(header.value(binding[Field::Type]),
                              fileKind ? QObject::tr(" (%1 where it is empty)").arg(typeName(fileKind->type)) : QString()));
        return true;
    }
    if (!fileKind) {
        const ColumnStats &s = statsOf(scoreColumn);
        const QString range = s.numbers > 0 ? QObject::tr(" (its scores run from %1 to %2)").arg(s.min).arg(s.max) : QString();
        *error = QObject::tr("the file does not say which survey column \"%1\" holds%2: name it with --profile nps "
                             "(0–10), --profile csat (1–5) or --profile ces (1–7)")
                     .arg(header.value(scoreColumn), range);
        return false;
    }
    notes.append(QObject::tr("%1 scores on %2–%3 (%4)")
                     .arg(typeName(fileKind->type))
                     .arg(int(fileKind->scale.min))
                     .arg(int(fileKind->scale.max))
                     .arg(typeReason));
    return true;
}

// Most scores off the scale means the type is wrong, not the rows: refuse the file and say which
// type the scores fit. A survey-type column decides per row, so only its rows can be wrong.
bool SurveyImporter::Impl::checkScale(QString *error) const
{
    if (!fileKind || binding.has(Field::Type))
        return true;
    const int column = binding[Field::Score];
    const ColumnStats &s = statsOf(column);
    const std::int64_t fitting = s.numbersOn(fileKind->scale) + s.labelsFor(fileKind->type);
    const std::int64_t off = s.values - fitting;
    if (s.values == 0 || 2 * off <= s.values)
        return true;
    QString advice;
    if (s.numbers == s.values) {
        std::optional<ScoreKind> fits;
        for (const ScoreKind kind : {ScoreKind{SurveyType::Csat, surveys::oneToFive},
                                     ScoreKind{SurveyType::Ces, surveys::oneToSeven},
                                     ScoreKind{SurveyType::Nps, surveys::zeroToTen}}) {
            if (s.numbersOn(kind.scale) == s.numbers) {
                fits = kind;
                break;
            }
        }
        if (fits) {
            advice = QObject::tr("they fit %1: import the file with --profile %2")
                         .arg(scoreDescription(fits->type, fits->scale), profileArgument(*profile, *fits));
            if (fileKind->type == SurveyType::Csat && fits->type == SurveyType::Nps && s.min >= 1) {
                advice += QObject::tr(", or with --profile %1 if it is a CSAT question on 1–10")
                              .arg(profileArgument(*profile, {SurveyType::Csat, SurveyScale{1, 10}}));
            }
        } else {
            advice = QObject::tr("they run from %1 to %2, which fits no NPS (0–10), CSAT (1–5) or CES (1–7) scale")
                         .arg(s.min)
                         .arg(s.max);
        }
    } else {
        advice = QObject::tr("%n of them are not numbers", nullptr, int(s.values - s.numbers));
    }
    *error = QObject::tr("most scores in column \"%1\" (%2 of %3 in the first rows) do not fit %4; %5")
                 .arg(header.value(column))
                 .arg(off)
                 .arg(s.values)
                 .arg(scoreDescription(fileKind->type, fileKind->scale), advice);
    return false;
}

std::int64_t SurveyImporter::Impl::agentId(std::string_view name)
{
    if (const auto found = agents.find(std::string(name)); found != agents.end())
        return found->second;
    insertAgent.bindTextStatic(1, name);
    insertAgent.run();
    selectAgent.bindTextStatic(1, name);
    std::int64_t id = -1;
    if (selectAgent.step() == sqlite::Statement::StepResult::Row)
        id = selectAgent.columnInt(0);
    selectAgent.reset();
    if (id > 0)
        agents.emplace(std::string(name), id);
    return id;
}

bool SurveyImporter::begin(Database &database, std::int64_t importId, const KindMatch &match,
                           const QStringList &header, const ImportOptions &options, QString *error)
{
    Impl &s = *d;
    s.connection = &database.connection();
    s.importId = importId;
    s.header = header;
    s.profile = findSurveyProfile(match.profile);
    if (!s.profile) {
        *error = QObject::tr("\"%1\" is not a survey profile").arg(match.profile);
        return false;
    }
    const ForcedProfile forced = parseForced(options.profile);
    const QStringList normalized = normalizedNames(header);
    s.binding = bindProfile(*s.profile, normalized);
    if (!applyEdits(s.binding, header, s.overrides, error))
        return false;

    // The pipeline skips the extra header rows; Qualtrics' question texts and time zone and
    // SurveyMonkey's sub-answers are in them, so they are read here from the file being imported.
    QStringList questionTexts, subAnswers, importIds;
    if (s.profile->extraHeaderRows > 0) {
        sqlite::Statement path = s.connection->prepare("SELECT file_path FROM imports WHERE id = ?1");
        path.bindInt(1, importId);
        if (path.step() == sqlite::Statement::StepResult::Row) {
            CsvReader reader(path.columnText(0));
            CsvRecord record;
            std::vector<QStringList> rows;
            for (int row = 0; row <= s.profile->extraHeaderRows && reader.next(record); ++row) {
                QStringList cells;
                for (std::string_view field : record.fields)
                    cells.append(utf8(field));
                rows.push_back(cells);
            }
            if (s.profile->scoreBy == ScoreBy::Question && s.profile->extraHeaderRows == 2 && rows.size() == 3) {
                questionTexts = rows[1]; // Qualtrics: ids, texts, ImportIds
                importIds = rows[2];
            } else if (rows.size() == 2) {
                subAnswers = rows[1]; // SurveyMonkey: texts, sub-answers
            }
        }
    }
    if (!s.decideScore(questionTexts, subAnswers, forced, normalized, error) || !s.checkScale(error))
        return false;

    // Which response a row is: its id; else its ticket (one response per ticket); else who
    // answered when.
    const bool hasCustomer = s.binding.has(Field::CustomerEmail) || s.binding.has(Field::CustomerId);
    if (s.binding.has(Field::ExternalId)) {
        s.keyBy = Impl::KeyBy::ExternalId;
    } else if (s.binding.has(Field::TicketId)) {
        s.keyBy = Impl::KeyBy::TicketId;
        s.notes.append(QObject::tr("no response id column: each response is keyed by its ticket (column \"%1\"), "
                                   "so a ticket keeps its latest response")
                           .arg(header.value(s.binding[Field::TicketId])));
    } else if (hasCustomer && s.binding.has(Field::RespondedAt)) {
        s.keyBy = Impl::KeyBy::CustomerAndTime;
        s.notes.append(QObject::tr("no response id column: each response is keyed by its customer and response time"));
    } else {
        *error = QObject::tr("no column identifies a response: expected a response id, a ticket id, or a customer "
                             "and a response time");
        return false;
    }

    // Times: Qualtrics' ImportId row names the zone its times are in; anything else is read in
    // --timezone.
    QTimeZone zone = options.timeZone;
    if (const int column = s.binding[Field::RespondedAt]; column >= 0) {
        const QJsonObject columnImportId = QJsonDocument::fromJson(importIds.value(column).toUtf8()).object();
        const QString zoneName = columnImportId.value(QStringLiteral("timeZone")).toString();
        if (!zoneName.isEmpty()) {
            const QTimeZone declared = timeZoneFromName(zoneName);
            if (declared.isValid()) {
                zone = declared;
                s.notes.append(QObject::tr("times are read in %1, the time zone the export names").arg(zoneName));
            }
        }
        s.dateOrder = s.statsOf(column).dates.decided();
        if (s.dateOrder == DateOrder::DayFirst)
            s.notes.append(QObject::tr("column \"%1\": dates are day-first (DD/MM)").arg(header.value(column)));
        else if (s.dateOrder == DateOrder::MonthFirst)
            s.notes.append(QObject::tr("column \"%1\": dates are month-first (MM/DD)").arg(header.value(column)));
    } else if (s.binding.has(Field::TicketId)) {
        s.notes.append(QObject::tr("no response time column: a response is placed in time by its ticket's solved time"));
    } else {
        s.notes.append(QObject::tr("no response time column and no ticket: these responses count only in metrics "
                                   "over all the data (no --from or --to)"));
    }
    s.zone.emplace(zone);

    // The columns no field takes, under unique non-empty names (their values are kept per row).
    std::vector<bool> bound(std::size_t(header.size()), false);
    for (const int column : s.binding.columnOf) {
        if (column >= 0)
            bound[std::size_t(column)] = true;
    }
    QSet<QString> names;
    for (qsizetype column = 0; column < header.size(); ++column) {
        if (bound[std::size_t(column)])
            continue;
        QString name = header[column].trimmed();
        if (name.isEmpty())
            name = QObject::tr("column %1").arg(column + 1);
        for (int n = 2; names.contains(name); ++n)
            name = header[column].trimmed() + QStringLiteral(" (%1)").arg(n);
        names.insert(name);
        s.extraNames.append(name);
        s.extraColumns.push_back(int(column));
    }

    // Rows are staged first: a response id the file repeats (Olist does) is decided within the
    // file, later row winning, before anything meets the table. Writing each row straight away
    // would make a re-import flip such a response to its earlier row and back, reporting changes
    // where there are none.
    if (!s.connection->exec(R"sql(
CREATE TEMP TABLE IF NOT EXISTS survey_import_stage (
    external_id NOT NULL PRIMARY KEY,
    first_line INTEGER NOT NULL,
    line INTEGER NOT NULL,
    superseded INTEGER NOT NULL DEFAULT 0,
    responded_at INTEGER,
    survey_type TEXT NOT NULL,
    score REAL,
    scale_min REAL NOT NULL,
    scale_max REAL NOT NULL,
    comment TEXT,
    ticket_external_id TEXT,
    customer_key TEXT,
    agent_id INTEGER,
    extra TEXT
);
DELETE FROM temp.survey_import_stage;
)sql")) {
        *error = QObject::tr("cannot write to the database: %1").arg(s.connection->lastError());
        return false;
    }
    s.stage = s.connection->prepare(R"sql(
INSERT INTO temp.survey_import_stage (external_id, first_line, line, responded_at, survey_type, score, scale_min,
    scale_max, comment, ticket_external_id, customer_key, agent_id, extra)
VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
ON CONFLICT (external_id) DO UPDATE SET
    line = excluded.line, superseded = superseded + 1, responded_at = excluded.responded_at,
    survey_type = excluded.survey_type, score = excluded.score, scale_min = excluded.scale_min,
    scale_max = excluded.scale_max, comment = excluded.comment, ticket_external_id = excluded.ticket_external_id,
    customer_key = excluded.customer_key, agent_id = excluded.agent_id, extra = excluded.extra
RETURNING superseded, first_line
)sql");
    s.insertAgent = s.connection->prepare("INSERT OR IGNORE INTO agents (name) VALUES (?1)");
    s.selectAgent = s.connection->prepare("SELECT id FROM agents WHERE name = ?1");
    if (!s.stage.isValid() || !s.insertAgent.isValid() || !s.selectAgent.isValid()) {
        *error = QObject::tr("cannot write to the database: %1").arg(s.connection->lastError());
        return false;
    }
    return true;
}

KindImporter::Outcome SurveyImporter::write(const CsvRecord &record, RowIssue &issue, QString *error)
{
    Impl &s = *d;
    const auto reject = [&](int column, const QString &message) {
        issue = s.issueAt(record, column, message);
        return Outcome::Rejected;
    };
    const auto headerSize = std::size_t(s.header.size());
    if (record.fields.size() < headerSize) {
        return reject(-1, QObject::tr("expected %1 fields as in the header, found %2")
                              .arg(headerSize)
                              .arg(record.fields.size()));
    }
    for (std::size_t column = headerSize; column < record.fields.size(); ++column) {
        if (!trimmed(record.fields[column]).empty()) {
            return reject(-1, QObject::tr("expected %1 fields as in the header, found %2 (field %3 holds %4)")
                                  .arg(headerSize)
                                  .arg(record.fields.size())
                                  .arg(column + 1)
                                  .arg(quoted(record.fields[column])));
        }
    }
    const auto text = [&](Field field) -> std::string_view {
        const int column = s.binding[field];
        if (column < 0)
            return {};
        const std::string_view value = trimmed(record.fields[std::size_t(column)]);
        return isNullMarker(value) ? std::string_view() : value;
    };

    // The survey type: the row's own, else the file's.
    std::optional<ScoreKind> kind = s.fileKind;
    if (const std::string_view type = text(Field::Type); !type.empty()) {
        const QString name = utf8(type);
        std::optional<SurveyType> rowType;
        if (const std::optional<ScoreKind> named = scoreKindFromName(name))
            rowType = named->type;
        else
            rowType = typeFromText(name);
        if (!rowType) {
            return reject(s.binding[Field::Type],
                          QObject::tr("expected a survey type (NPS, CSAT or CES), found %1").arg(quoted(type)));
        }
        if (!kind || kind->type != *rowType)
            kind = ScoreKind{*rowType, standardScale(*rowType)};
    }
    if (!kind) {
        return reject(s.binding[Field::Type],
                      QObject::tr("expected a survey type (NPS, CSAT or CES), found none"));
    }

    const int scoreColumn = s.binding[Field::Score];
    const std::string_view scoreText = record.fields[std::size_t(scoreColumn)];
    const ScoreReading reading = readScore(scoreText, kind->type);
    std::optional<double> score;
    SurveyScale scale = kind->scale;
    if (reading.kind == ScoreReading::Kind::Bad) {
        return reject(scoreColumn, QObject::tr("expected %1, found %2")
                                       .arg(scoreDescription(kind->type, scale), quoted(trimmed(scoreText))));
    }
    if (reading.kind == ScoreReading::Kind::Number) {
        if (reading.goodBad)
            scale = surveys::goodBad;
        if (std::floor(reading.value) != reading.value || reading.value < scale.min || reading.value > scale.max) {
            return reject(scoreColumn, QObject::tr("expected %1, found %2")
                                           .arg(scoreDescription(kind->type, scale), QString::number(reading.value)));
        }
        score = reading.value;
    }

    std::optional<std::int64_t> respondedAt;
    if (const std::string_view when = text(Field::RespondedAt); !when.empty()) {
        const Parsed<WallClock> parsed = parseDateTime(when, s.dateOrder);
        if (!parsed.ok || !parsed.value) {
            return reject(s.binding[Field::RespondedAt],
                          QObject::tr("expected %1, found %2")
                              .arg(expectedValueDescription(ValueKind::DateTime), quoted(when)));
        }
        respondedAt = s.zone->toUtc(*parsed.value);
    }

    // A ticket id as help desks print it ("#123") is the ticket's own id.
    std::string_view ticket = text(Field::TicketId);
    if (!ticket.empty() && ticket.front() == '#')
        ticket.remove_prefix(1);

    std::string_view customer = text(Field::CustomerEmail);
    if (customer.empty())
        customer = text(Field::CustomerId);
    if (customer.empty())
        customer = text(Field::CustomerName);

    std::int64_t agent = 0;
    if (const std::string_view name = text(Field::Agent); !name.empty()) {
        agent = s.agentId(name);
        if (agent < 0) {
            *error = s.connection->lastError();
            return Outcome::Failed;
        }
    }

    switch (s.keyBy) {
    case Impl::KeyBy::ExternalId: s.key = text(Field::ExternalId); break;
    case Impl::KeyBy::TicketId: s.key = ticket; break;
    case Impl::KeyBy::CustomerAndTime:
        s.key.clear();
        if (!customer.empty() && respondedAt)
            s.key.append(customer).append(1, '|').append(std::to_string(*respondedAt));
        break;
    }
    if (s.key.empty()) {
        const int column = s.keyBy == Impl::KeyBy::ExternalId ? s.binding[Field::ExternalId]
                           : s.keyBy == Impl::KeyBy::TicketId ? s.binding[Field::TicketId]
                                                               : -1;
        return reject(column, QObject::tr("the response id is empty: every row needs one to be told apart"));
    }

    // The columns no field takes, as a JSON array; trailing empty values left out.
    s.extra.clear();
    std::size_t used = s.extraColumns.size();
    while (used > 0 && trimmed(record.fields[std::size_t(s.extraColumns[used - 1])]).empty())
        --used;
    if (used > 0) {
        s.extra.push_back('[');
        for (std::size_t i = 0; i < used; ++i) {
            if (i > 0)
                s.extra.push_back(',');
            appendJsonEscaped(s.extra, record.fields[std::size_t(s.extraColumns[i])]);
        }
        s.extra.push_back(']');
    }

    sqlite::Statement &st = s.stage;
    kinds::bindExternalId(st, 1, s.key);
    st.bindInt(2, record.line);
    st.bindOptionalInt(3, respondedAt);
    st.bindTextStatic(4, typeId(kind->type));
    st.bindOptionalDouble(5, score);
    st.bindDouble(6, scale.min);
    st.bindDouble(7, scale.max);
    kinds::bindOptionalText(st, 8, text(Field::Comment));
    kinds::bindOptionalText(st, 9, ticket);
    kinds::bindOptionalText(st, 10, customer);
    if (agent > 0)
        st.bindInt(11, agent);
    else
        st.bindNull(11);
    kinds::bindOptionalText(st, 12, s.extra);
    if (st.step() != sqlite::Statement::StepResult::Row) {
        *error = s.connection->lastError();
        st.reset();
        return Outcome::Failed;
    }
    if (st.columnInt(0) > 0) {
        ++s.duplicates;
        if (s.duplicateExamples.size() < maxDuplicateExamples)
            s.duplicateExamples.push_back({record.line, st.columnInt(1), utf8(s.key)});
    }
    st.reset();
    ++s.staged;
    return Outcome::Unchanged; // provisional: end() counts what the merge really did
}

bool SurveyImporter::end(std::int64_t *inserted, std::int64_t *updated, std::int64_t *unchanged, QString *error)
{
    Impl &s = *d;
    sqlite::Connection &c = *s.connection;
    const auto failed = [&] {
        *error = QObject::tr("cannot write the survey responses: %1 (nothing imported)").arg(c.lastError());
        return false;
    };
    const std::int64_t before = c.queryInt("SELECT count(*) FROM survey_responses").value_or(0);
    // Every field is replaced by the file's, empty ones included; the WHERE clause leaves equal
    // rows alone, so importing the same file again changes nothing and reports it so.
    sqlite::Statement merge = c.prepare(R"sql(
INSERT INTO survey_responses (source, external_id, responded_at, survey_type, score, scale_min, scale_max, comment,
    ticket_external_id, customer_key, agent_id, extra, import_id)
SELECT ?1, external_id, responded_at, survey_type, score, scale_min, scale_max, comment, ticket_external_id,
    customer_key, agent_id, extra, ?2
FROM temp.survey_import_stage WHERE true
ON CONFLICT (source, external_id) DO UPDATE SET
    responded_at = excluded.responded_at, survey_type = excluded.survey_type, score = excluded.score,
    scale_min = excluded.scale_min, scale_max = excluded.scale_max, comment = excluded.comment,
    ticket_external_id = excluded.ticket_external_id, customer_key = excluded.customer_key,
    agent_id = excluded.agent_id, extra = excluded.extra, import_id = excluded.import_id
WHERE responded_at IS NOT excluded.responded_at OR survey_type IS NOT excluded.survey_type
    OR score IS NOT excluded.score OR scale_min IS NOT excluded.scale_min OR scale_max IS NOT excluded.scale_max
    OR comment IS NOT excluded.comment OR ticket_external_id IS NOT excluded.ticket_external_id
    OR customer_key IS NOT excluded.customer_key OR agent_id IS NOT excluded.agent_id OR extra IS NOT excluded.extra
)sql");
    const std::string source(s.profile->source);
    merge.bindText(1, source);
    merge.bindInt(2, s.importId);
    if (!merge.isValid() || !merge.run())
        return failed();
    const std::int64_t changed = c.changes();
    const std::int64_t after = c.queryInt("SELECT count(*) FROM survey_responses").value_or(0);

    // A row that an identical id later in the file replaced counts like that later row's
    // response: updated when the response was written, unchanged when it was not. Written rows
    // are the ones now carrying this import's id.
    sqlite::Statement superseded = c.prepare(
        "SELECT count(*), coalesce(sum(s.superseded), 0), coalesce(sum(CASE WHEN r.import_id = ?2 THEN s.superseded "
        "ELSE 0 END), 0) FROM temp.survey_import_stage s LEFT JOIN survey_responses r ON r.source = ?1 AND "
        "r.external_id = s.external_id");
    superseded.bindText(1, source);
    superseded.bindInt(2, s.importId);
    if (!superseded.isValid() || superseded.step() != sqlite::Statement::StepResult::Row)
        return failed();
    const std::int64_t rows = superseded.columnInt(0);
    const std::int64_t supersededAll = superseded.columnInt(1);
    const std::int64_t supersededWritten = superseded.columnInt(2);
    superseded.reset();
    if (!c.exec("DROP TABLE temp.survey_import_stage"))
        return failed();

    *unchanged -= s.staged;
    *inserted += after - before;
    *updated += changed - (after - before) + supersededWritten;
    *unchanged += (rows - changed) + (supersededAll - supersededWritten);

    if (s.duplicates > 0) {
        QStringList examples;
        for (const DuplicateExample &example : s.duplicateExamples) {
            examples.append(QObject::tr("line %1 repeats line %2 (\"%3\")")
                                .arg(example.line)
                                .arg(example.firstLine)
                                .arg(example.id));
        }
        if (s.duplicates > std::int64_t(s.duplicateExamples.size()))
            examples.append(QStringLiteral("…"));
        s.notes.append(QObject::tr("%n row(s) repeat the id of an earlier row: the later row is kept, as a later "
                                   "export would replace it: %1",
                                   nullptr, int(s.duplicates))
                           .arg(examples.join(QStringLiteral("; "))));
    }
    return true;
}

QStringList SurveyImporter::notes() const
{
    return d->notes;
}

QStringList SurveyImporter::extraColumnNames() const
{
    return d->extraNames;
}

} // namespace sl
