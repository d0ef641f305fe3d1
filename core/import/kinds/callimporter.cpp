#include "import/kinds/callimporter.h"

#include "import/importoptions.h"
#include "store/database.h"

#include <QObject>

#include <algorithm>
#include <array>
#include <cctype>
#include <deque>
#include <initializer_list>
#include <optional>
#include <string>

namespace sl {

namespace {

enum Field {
    Id,
    Date,          // a date, or a date-time
    Time,          // the time of day, when the date column holds only the date
    Agent,
    Team,          // queue, skill, ring group or team
    AnsweredFlag,  // Y/N
    AbandonedFlag, // Y/N, 1/0
    Status,        // a call type or status: answered, abandoned, missed, voicemail, outbound...
    Direction,     // inbound/outbound
    MediaType,     // voice, callback, message...
    AnsweredAt,    // the time of day (or date-time) of the answer; blank when nobody answered
    Wait,
    AbandonTime,   // how long an abandoned call waited, where the log keeps it apart
    Talk,
    Hold,
    Acw,
    Resolved,
    Satisfaction,
    Topic,
    FieldCount
};

struct CallProfile
{
    const char *id;
    const char *source;      // rows are keyed by (source, call id)
    const char *displayName; // through tr() where shown
    // Each inner list is one column the header must have, by any of these columnKey() forms.
    std::vector<std::vector<std::string_view>> signature;
    std::vector<kinds::FieldSynonyms> fields;
    DurationUnit durations = DurationUnit::Seconds; // for plain numbers, unless a header names its unit
    bool inboundMeansAnswered = false; // Talkdesk's Type "inbound" is an answered inbound call
    bool zeroRatingIsNone = false;     // PwC rates unanswered calls 0 on a 1-5 scale
    bool generic = false;
};

// A duration column's synonyms followed by the spellings with a unit appended ("Wait Time (ms)"
// is "waittimems", "Talk time in seconds" "talktimeinseconds"); unitOf() reads the unit back.
std::vector<std::string_view> withUnits(std::initializer_list<std::string_view> keys)
{
    // Only ever grown while the profile table is built (a function-local static, built once).
    static std::deque<std::string> storage;
    static constexpr std::array<std::string_view, 11> suffixes
        = {"s", "sec", "secs", "seconds", "inseconds", "ms", "milliseconds", "inms", "min", "mins", "minutes"};
    std::vector<std::string_view> all(keys);
    for (std::string_view key : keys) {
        for (std::string_view suffix : suffixes) {
            storage.push_back(std::string(key) + std::string(suffix));
            all.push_back(storage.back());
        }
    }
    return all;
}

DurationUnit unitOf(const QString &key, DurationUnit fallback)
{
    const auto ends = [&](const char *suffix) { return key.endsWith(QLatin1String(suffix)); };
    if (ends("milliseconds") || ends("ms"))
        return DurationUnit::Milliseconds;
    if (ends("minutes") || ends("mins") || ends("min"))
        return DurationUnit::Minutes;
    if (ends("seconds") || ends("secs") || ends("sec"))
        return DurationUnit::Seconds;
    return fallback;
}

const std::vector<CallProfile> &callProfiles()
{
    static const std::vector<CallProfile> profiles = {
        {
            .id = "pwc-calls",
            .source = "pwc",
            .displayName = QT_TRANSLATE_NOOP("QObject", "PwC call-centre log"),
            .signature = {{"callid"}, {"answeredyn"}, {"speedofanswerinseconds"}, {"avgtalkduration"}},
            .fields = {
                {Id, "external_id", {"callid"}},
                {Agent, "agent", {"agent"}},
                {Date, "date", {"date"}},
                {Time, "time", {"time"}},
                {Topic, "topic", {"topic"}},
                {AnsweredFlag, "answered", {"answeredyn"}},
                {Resolved, "resolved_first_contact", {"resolved"}},
                {Wait, "wait_s", {"speedofanswerinseconds"}},
                {Talk, "talk_s", {"avgtalkduration"}},
                {Satisfaction, "satisfaction", {"satisfactionrating"}},
            },
            .zeroRatingIsNone = true,
        },
        {
            .id = "simulated-call-centre",
            .source = "simulated-call-centre",
            .displayName = QT_TRANSLATE_NOOP("QObject", "simulated call centre (simmer)"),
            .signature = {{"callid"}, {"callstarted"}, {"callanswered"}, {"waitlength"}, {"servicelength"}},
            .fields = {
                {Id, "external_id", {"callid"}},
                {Date, "date", {"date"}},
                {Time, "time", {"callstarted"}},
                {AnsweredAt, "answered_at", {"callanswered"}},
                {Wait, "wait_s", {"waitlength"}},
                {Talk, "talk_s", {"servicelength"}},
            },
        },
        {
            .id = "five9",
            .source = "five9",
            .displayName = QT_TRANSLATE_NOOP("QObject", "Five9 call log"),
            .signature = {{"callid"}, {"queuewaittime"}, {"talktime"}},
            .fields = {
                {Id, "external_id", {"callid"}},
                {Date, "date", {"timestamp", "date"}},
                {Time, "time", {"time"}},
                {Agent, "agent", {"agentname", "agent", "agentemail"}},
                {Team, "team", {"skill", "queue", "campaign"}},
                {Direction, "direction", {"calltype"}},
                {AbandonedFlag, "abandoned", {"abandoned"}},
                {Wait, "wait_s", {"queuewaittime"}},
                {Talk, "talk_s", {"talktime"}},
                {Hold, "hold_s", {"holdtime"}},
                {Acw, "acw_s", {"aftercallworktime"}},
            },
        },
        {
            .id = "genesys",
            .source = "genesys",
            .displayName = QT_TRANSLATE_NOOP("QObject", "Genesys Cloud interactions"),
            .signature = {{"conversationid"}, {"usersinteracted", "queue"}, {"ttalk", "totaltalk"}},
            .fields = {
                {Id, "external_id", {"conversationid"}},
                {Date, "date", {"conversationstart", "conversationstartdate", "date", "startdate"}},
                {Agent, "agent", {"usersinteracted", "agent", "username"}},
                {Team, "team", {"queue", "firstqueue", "queuename"}},
                {Direction, "direction", {"direction"}},
                {MediaType, "media_type", {"mediatype"}},
                {AbandonedFlag, "abandoned", {"abandoned"}},
                {Wait, "wait_s", {"tanswered", "totalqueue", "tacd"}},
                {AbandonTime, "abandon_wait_s", {"tabandon"}},
                {Talk, "talk_s", {"ttalk", "totaltalk"}},
                {Hold, "hold_s", {"theld", "totalhold"}},
                {Acw, "acw_s", {"tacw", "totalacw"}},
            },
            .durations = DurationUnit::Milliseconds,
        },
        {
            .id = "talkdesk",
            .source = "talkdesk",
            .displayName = QT_TRANSLATE_NOOP("QObject", "Talkdesk calls report"),
            .signature = {{"callid", "interactionid"}, {"ringgroups"}, {"talktime"}, {"waittime"}},
            .fields = {
                {Id, "external_id", {"callid", "interactionid"}},
                {Date, "date", {"starttime", "startedat", "calldate"}},
                {Agent, "agent", {"agentname", "username", "handlingagent"}},
                {Team, "team", {"ringgroups", "handlingringgroups", "teamname"}},
                {Status, "status", {"type", "calltype"}},
                {Direction, "direction", {"direction"}},
                {Wait, "wait_s", {"waittime"}},
                {AbandonTime, "abandon_wait_s", {"abandontime"}},
                {Talk, "talk_s", {"talktime"}},
                {Hold, "hold_s", {"holdtime"}},
                {Acw, "acw_s", {"wrapuptime", "aftercallworktime"}},
            },
            .inboundMeansAnswered = true,
        },
        {
            .id = "generic-calls",
            .source = "generic",
            .displayName = QT_TRANSLATE_NOOP("QObject", "call log"),
            .signature = {},
            .fields = {
                {Id, "external_id",
                    {"callid", "callidentifier", "callnumber", "callref", "interactionid", "contactid",
                        "conversationid", "sessionid", "uniqueid", "id"}},
                {Date, "date",
                    {"date", "calldate", "startdate", "callstartdate", "startedat", "starttime", "callstart",
                        "callstarttime", "conversationstart", "timestamp", "datetime", "callstarted", "receivedat",
                        "arrivaltime", "queuedat", "createdat", "created"}},
                {Time, "time", {"time", "starttime", "callstarttime", "calltimeofday", "timeofday"}},
                {Agent, "agent",
                    {"agent", "agentname", "answeredby", "handledby", "username", "user", "employee", "rep",
                        "representative", "operator"}},
                {Team, "team",
                    {"queue", "queuename", "skill", "skillname", "team", "teamname", "group", "department",
                        "ringgroup", "ringgroups", "huntgroup", "split"}},
                {AnsweredFlag, "answered", {"answered", "answeredyn", "isanswered", "wasanswered"}},
                {AbandonedFlag, "abandoned", {"abandoned", "abandonedyn", "isabandoned", "wasabandoned"}},
                {Status, "status", {"status", "callstatus", "outcome", "calloutcome", "callresult", "result"}},
                {Direction, "direction", {"direction", "calldirection", "inboundoutbound", "calltype"}},
                {MediaType, "media_type", {"mediatype", "media"}},
                {AnsweredAt, "answered_at",
                    {"answeredat", "callanswered", "answertime", "answeredtime", "timeanswered", "connectedat"}},
                {Wait, "wait_s",
                    withUnits({"waittime", "wait", "waitlength", "queuetime", "queuewaittime", "timeinqueue",
                        "speedofanswer", "answerspeed", "timetoanswer"})},
                {AbandonTime, "abandon_wait_s", withUnits({"abandontime", "timetoabandon", "abandonwait"})},
                {Talk, "talk_s",
                    withUnits({"talktime", "talk", "talkduration", "servicelength", "servicetime",
                        "conversationtime"})},
                {Hold, "hold_s", withUnits({"holdtime", "hold", "holdduration", "totalhold"})},
                {Acw, "acw_s",
                    withUnits({"acw", "acwtime", "aftercallwork", "aftercallworktime", "wrapuptime", "wrapup",
                        "wraptime"})},
                {Resolved, "resolved_first_contact",
                    {"resolvedfirstcontact", "resolvedonfirstcontact", "firstcontactresolution",
                        "firstcallresolution", "resolvedfirstcall", "resolvedonfirstcall", "fcr", "resolved"}},
                {Satisfaction, "satisfaction",
                    {"satisfactionrating", "satisfaction", "customersatisfaction", "csat", "csatscore", "rating",
                        "customerrating", "surveyscore"}},
                {Topic, "topic", {"topic", "callreason", "reason", "category", "subject", "issue"}},
            },
            .generic = true,
        },
    };
    return profiles;
}

const CallProfile &genericCallProfile()
{
    static const CallProfile &generic = *std::find_if(
        callProfiles().begin(), callProfiles().end(), [](const CallProfile &profile) { return profile.generic; });
    return generic;
}

QString latin1(const char *text)
{
    return QString::fromLatin1(text);
}

QStringList headerKeys(const QStringList &header)
{
    QStringList keys;
    for (const QString &name : header)
        keys.append(kinds::columnKey(name));
    return keys;
}

bool hasAny(const QStringList &keys, const std::vector<std::string_view> &wanted)
{
    for (std::string_view key : wanted) {
        if (keys.contains(QLatin1String(key.data(), qsizetype(key.size()))))
            return true;
    }
    return false;
}

// The signature columns the header lacks, by their first spelling, for messages.
QStringList missingSignature(const CallProfile &profile, const QStringList &keys)
{
    QStringList missing;
    for (const std::vector<std::string_view> &column : profile.signature) {
        if (!hasAny(keys, column))
            missing.append(QString::fromLatin1(column.front().data(), qsizetype(column.front().size())));
    }
    return missing;
}

// The generic profile needs an id, a date and one thing only a call has: without the last, a
// ticket or survey list with "ID" and "Date" columns would read as calls.
bool genericClaims(const kinds::KindColumns &columns)
{
    const bool callish = columns.has(AnsweredFlag) || columns.has(AbandonedFlag) || columns.has(AnsweredAt)
        || columns.has(Wait) || columns.has(Talk) || columns.has(AbandonTime);
    return columns.has(Id) && columns.has(Date) && callish && columns.boundCount() >= 3;
}

// Reports of totals per day or interval (Kaggle's "Call Center Data": Incoming Calls, Answered
// Calls, Abandoned Calls, Answer Speed (AVG)...) are recognised so that they are refused with the
// reason, not with "unknown header": a manager exporting the wrong report should learn which one
// to export instead.
std::optional<KindMatch> aggregateRefusal(const QStringList &header, const QStringList &keys)
{
    static const std::vector<std::string_view> aggregateKeys = {"incomingcalls", "answeredcalls", "abandonedcalls",
        "callsoffered", "offeredcalls", "callsanswered", "callsabandoned", "totalcalls", "answerrate", "abandonrate",
        "abandonmentrate", "answerspeedavg", "talkdurationavg", "waitingtimeavg", "averagespeedofanswer",
        "averagehandletime", "servicelevel", "servicelevel20seconds"};
    static const std::vector<std::string_view> idKeys = {"callid", "conversationid", "interactionid", "contactid"};
    static const std::vector<std::string_view> dateKeys
        = {"date", "day", "period", "week", "month", "interval", "intervalstart", "timestamp", "datetime"};
    QStringList recognised;
    for (qsizetype column = 0; column < keys.size(); ++column) {
        for (std::string_view key : aggregateKeys) {
            if (keys[column] == QLatin1String(key.data(), qsizetype(key.size())))
                recognised.append(header[column].trimmed());
        }
    }
    if (recognised.size() < 3 || hasAny(keys, idKeys))
        return std::nullopt;
    KindMatch match;
    match.kind = RecordKind::Calls;
    match.profile = QStringLiteral("call-aggregates");
    match.displayName = QObject::tr("aggregated call-centre figures");
    match.score = int(recognised.size());
    QStringList shown = recognised.mid(0, 3);
    if (recognised.size() > 3)
        shown.append(QStringLiteral("…"));
    const QString callLog = QObject::tr("Import the call log instead: one row per call, with a call id, the date "
                                        "and time the call reached the queue, whether it was answered or abandoned, "
                                        "and its wait and talk times (for instance \"Call Id, Date, Time, Answered "
                                        "(Y/N), Speed of answer in seconds, AvgTalkDuration\").");
    if (hasAny(keys, dateKeys)) {
        match.refusal = QObject::tr("this file holds aggregated call-centre figures (%1), totals per period rather "
                                    "than calls: they cannot be filtered by agent or queue, split by hour or "
                                    "recomputed over another period. %2")
                            .arg(shown.join(QStringLiteral(", ")), callLog);
    } else {
        match.refusal = QObject::tr("this file holds aggregated call-centre figures (%1) with no date column: "
                                    "totals that belong to no day cannot be placed in any period, so no metric "
                                    "could use them. %2")
                            .arg(shown.join(QStringLiteral(", ")), callLog);
    }
    return match;
}

// "Thu, 27 Oct 2016 14:51:34" (Five9's TIMESTAMP) -> "27 Oct 2016 14:51:34": the weekday says
// nothing the date does not.
std::string_view withoutWeekday(std::string_view text)
{
    static constexpr std::array<std::string_view, 7> days = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    std::size_t letters = 0;
    while (letters < text.size() && std::isalpha(static_cast<unsigned char>(text[letters])))
        ++letters;
    if (letters < 3 || letters == text.size())
        return text;
    std::string prefix;
    for (std::size_t i = 0; i < 3; ++i)
        prefix.push_back(char(std::tolower(static_cast<unsigned char>(text[i]))));
    if (std::find(days.begin(), days.end(), prefix) == days.end())
        return text;
    std::size_t rest = letters;
    while (rest < text.size() && (text[rest] == ',' || text[rest] == ' '))
        ++rest;
    return rest > letters ? text.substr(rest) : text;
}

// What a status or call type says about the call.
enum class StatusClass { Unknown, Answered, Abandoned, Neither, Inbound, Outbound };

StatusClass classify(std::string_view text)
{
    const QString key = kinds::columnKey(QString::fromUtf8(text.data(), qsizetype(text.size())));
    if (key.isEmpty())
        return StatusClass::Unknown;
    const auto is = [&](std::initializer_list<const char *> words) {
        for (const char *word : words) {
            if (key == QLatin1String(word))
                return true;
        }
        return false;
    };
    const auto has = [&](const char *part) { return key.contains(QLatin1String(part)); };
    // Genesys writes "Inbound/Outbound" for a callback's two legs: the caller did reach the queue.
    if (has("inbound") && has("outbound"))
        return StatusClass::Inbound;
    // Outbound first: Talkdesk's "outbound_missed" is an outbound call, not a missed inbound one.
    if (has("outbound") || has("outgoing") || is({"out", "autodial", "manual", "preview", "internal"}))
        return StatusClass::Outbound;
    if (has("abandon") || has("missed") || is({"unanswered", "notanswered", "noanswer", "hungup", "callerhungup"}))
        return StatusClass::Abandoned;
    if (has("voicemail") || has("callback") || is({"overflow", "redirected", "forwarded", "ivr", "busy"}))
        return StatusClass::Neither;
    if (is({"answered", "handled", "completed", "complete", "connected", "accepted", "transfer", "transferred",
            "inboundanswered", "agentanswered"}))
        return StatusClass::Answered;
    if (is({"inbound", "incoming", "in"}))
        return StatusClass::Inbound;
    return StatusClass::Unknown;
}

// Genesys's Media Type: voice and callbacks are phone calls; messages, chats and e-mails are not.
bool isPhoneMedia(std::string_view text)
{
    const QString key = kinds::columnKey(QString::fromUtf8(text.data(), qsizetype(text.size())));
    return key.isEmpty() || key == QLatin1String("voice") || key == QLatin1String("call")
        || key == QLatin1String("phone") || key == QLatin1String("callback") || key == QLatin1String("telephony");
}

// Five9 writes "[None]" where no agent took the call.
bool isNoName(std::string_view text)
{
    if (isNullMarker(text))
        return true;
    const QString key = QString::fromUtf8(text.data(), qsizetype(text.size())).toLower();
    return key == QLatin1String("[none]") || key == QLatin1String("(none)") || key == QLatin1String("<none>");
}

QString durationExpectation(DurationUnit unit, const QString &found)
{
    switch (unit) {
    case DurationUnit::Milliseconds:
        return QObject::tr("expected a duration in milliseconds such as 12500, or H:MM:SS; found %1").arg(found);
    case DurationUnit::Minutes:
        return QObject::tr("expected a duration in minutes such as 2.5, or H:MM:SS; found %1").arg(found);
    default: break;
    }
    return QObject::tr("expected a duration such as 0:02:23 or 143 (seconds), found %1").arg(found);
}

} // namespace

struct CallImporter::State
{
    // Set by match() for observe(), which the pipeline calls before begin() (as in QaImporter).
    const CallProfile *profile = nullptr;
    kinds::KindColumns columns;
    std::array<DurationUnit, FieldCount> units{};

    DateOrderDetector dateOrder;
    double maxRating = 0;
    int ratingScale = 5;

    std::optional<TimeZoneConverter> zone;
    std::string source;
    std::int64_t importId = 0;
    sqlite::Connection *connection = nullptr;
    sqlite::Statement exists, upsert, insertAgent, selectAgent, insertTeam, selectTeam;
    QHash<QString, std::int64_t> agents, teams;
    QHash<QByteArray, std::int64_t> lineOfKey;

    std::int64_t withoutDate = 0, neither = 0, zeroRatings = 0, unknownStatusRows = 0;
    QStringList unknownStatuses; // a few, for the note

    void bind(const CallProfile &chosen, const QStringList &header)
    {
        profile = &chosen;
        columns = kinds::KindColumns(header, chosen.fields, FieldCount);
        readUnits();
    }
    // A duration's unit from its column's name ("Wait (ms)"), else the profile's.
    void readUnits()
    {
        for (int field = 0; field < FieldCount; ++field)
            units[std::size_t(field)] = unitOf(kinds::columnKey(columns.name(field)), profile->durations);
    }
    std::int64_t nameId(QHash<QString, std::int64_t> &cache, sqlite::Statement &insert, sqlite::Statement &select,
        std::string_view name, QString *error);
};

CallImporter::CallImporter()
    : d(std::make_unique<State>())
{
}

CallImporter::~CallImporter() = default;

QStringList CallImporter::profileIds()
{
    QStringList ids;
    for (const CallProfile &profile : callProfiles())
        ids.append(latin1(profile.id));
    return ids;
}

KindMatch CallImporter::match(const QStringList &header, const QString &forcedProfile) const
{
    KindMatch result;
    result.kind = RecordKind::Calls;
    const bool forced = !forcedProfile.isEmpty() && forcedProfile != QLatin1String("auto");
    if (forced && !profileIds().contains(forcedProfile))
        return result; // another kind's profile
    const QStringList keys = headerKeys(header);
    if (std::optional<KindMatch> aggregates = aggregateRefusal(header, keys))
        return *aggregates;

    const CallProfile *best = nullptr;
    int bestScore = 0;
    const CallProfile *closest = nullptr;
    QStringList closestMissing;
    int closestScore = -1;
    for (const CallProfile &profile : callProfiles()) {
        if (forced && forcedProfile != QLatin1String(profile.id))
            continue;
        const kinds::KindColumns columns(header, profile.fields, FieldCount);
        const QStringList missing = profile.generic
            ? kinds::missingNames(columns, profile.fields, {Id, Date, Wait})
            : missingSignature(profile, keys);
        const bool claims = profile.generic ? genericClaims(columns) : missing.isEmpty();
        // A specific profile adds its signature's weight, so that it beats the generic one
        // (which binds the same columns under synonyms) and other kinds' generic profiles.
        const int score = columns.boundCount() + int(profile.signature.size());
        if (claims && (!best || (best->generic && !profile.generic) || score > bestScore)) {
            best = &profile;
            bestScore = score;
        }
        if (!claims && columns.boundCount() > closestScore) {
            closest = &profile;
            closestMissing = missing;
            closestScore = columns.boundCount();
        }
    }
    if (!best) {
        result.missing = closestMissing;
        if (forced && closest) {
            result.refusal = QObject::tr("the header is not a %1: it lacks the columns %2")
                                 .arg(QObject::tr(closest->displayName), closestMissing.join(QStringLiteral(", ")));
        }
        return result;
    }
    d->bind(*best, header);
    result.profile = latin1(best->id);
    result.source = latin1(best->source);
    result.displayName = QObject::tr(best->displayName);
    result.score = bestScore;
    result.columnFields = d->columns.columnFields();
    result.fieldChoices = kinds::fieldIds(genericCallProfile().fields);
    return result;
}

bool CallImporter::applyOverrides(
    const QStringList &header, const QHash<QString, QString> &overrides, KindMatch &match, QString *error)
{
    (void)header; // bound in match()
    if (overrides.isEmpty() || !d->profile)
        return true;
    // The generic profile's fields are every field of a call (a tool's profile reads a subset).
    const std::vector<kinds::FieldSynonyms> &fields = genericCallProfile().fields;
    if (!d->columns.applyOverrides(overrides, fields, error))
        return false;
    d->readUnits();
    match.columnFields = d->columns.columnFields();
    return kinds::checkRequired(d->columns, fields, {Id, Date}, error);
}

void CallImporter::observe(const CsvRecord &record)
{
    if (!d->profile)
        return;
    d->dateOrder.observe(withoutWeekday(d->columns.text(record, Date)));
    const Parsed<double> rating = parseNumber(d->columns.text(record, Satisfaction));
    if (rating.value)
        d->maxRating = std::max(d->maxRating, *rating.value);
}

bool CallImporter::begin(Database &database, std::int64_t importId, const KindMatch &match, const QStringList &header,
    const ImportOptions &options, QString *error)
{
    if (!d->profile || match.profile != QLatin1String(d->profile->id)) {
        for (const CallProfile &profile : callProfiles()) {
            if (match.profile == QLatin1String(profile.id))
                d->bind(profile, header);
        }
    }
    if (!d->profile) {
        *error = QObject::tr("unknown call profile \"%1\"").arg(match.profile);
        return false;
    }
    // A rating column tops at 5 (CSAT) unless the data goes higher: then 0-10.
    d->ratingScale = d->profile->zeroRatingIsNone || d->maxRating <= 5 ? 5 : 10;
    d->source = match.source.toStdString();
    d->importId = importId;
    d->zone.emplace(options.timeZone);
    d->connection = &database.connection();
    sqlite::Connection &c = *d->connection;
    d->exists = c.prepare("SELECT 1 FROM calls WHERE source = ?1 AND external_id = ?2");
    d->upsert = c.prepare(R"sql(
INSERT INTO calls (source, external_id, started_at, agent_id, team_id, answered, wait_s, talk_s, hold_s, acw_s,
    resolved_first_contact, satisfaction, satisfaction_scale, topic, extra, import_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
ON CONFLICT (source, external_id) DO UPDATE SET
    started_at = excluded.started_at, agent_id = excluded.agent_id, team_id = excluded.team_id,
    answered = excluded.answered, wait_s = excluded.wait_s, talk_s = excluded.talk_s, hold_s = excluded.hold_s,
    acw_s = excluded.acw_s, resolved_first_contact = excluded.resolved_first_contact,
    satisfaction = excluded.satisfaction, satisfaction_scale = excluded.satisfaction_scale, topic = excluded.topic,
    extra = excluded.extra, import_id = excluded.import_id
WHERE started_at IS NOT excluded.started_at OR agent_id IS NOT excluded.agent_id OR team_id IS NOT excluded.team_id
    OR answered IS NOT excluded.answered OR wait_s IS NOT excluded.wait_s OR talk_s IS NOT excluded.talk_s
    OR hold_s IS NOT excluded.hold_s OR acw_s IS NOT excluded.acw_s
    OR resolved_first_contact IS NOT excluded.resolved_first_contact OR satisfaction IS NOT excluded.satisfaction
    OR satisfaction_scale IS NOT excluded.satisfaction_scale OR topic IS NOT excluded.topic
    OR extra IS NOT excluded.extra
)sql");
    d->insertAgent = c.prepare("INSERT OR IGNORE INTO agents (name) VALUES (?1)");
    d->selectAgent = c.prepare("SELECT id FROM agents WHERE name = ?1");
    d->insertTeam = c.prepare("INSERT OR IGNORE INTO teams (name) VALUES (?1)");
    d->selectTeam = c.prepare("SELECT id FROM teams WHERE name = ?1");
    for (const sqlite::Statement *s : {&d->exists, &d->upsert, &d->insertAgent, &d->selectAgent, &d->insertTeam,
             &d->selectTeam}) {
        if (!s->isValid()) {
            *error = QObject::tr("cannot write to the database: %1").arg(c.lastError());
            return false;
        }
    }
    return true;
}

// The id of a name in agents or teams, inserted on first sight; 0 for no name, -1 on a database
// error. The same names as tickets use, resolved the same way (TicketWriter).
std::int64_t CallImporter::State::nameId(QHash<QString, std::int64_t> &cache, sqlite::Statement &insert,
    sqlite::Statement &select, std::string_view name, QString *error)
{
    if (name.empty() || isNoName(name))
        return 0;
    const QString key = QString::fromUtf8(name.data(), qsizetype(name.size()));
    if (const auto found = cache.constFind(key); found != cache.constEnd())
        return *found;
    insert.bindText(1, name);
    select.bindText(1, name);
    std::int64_t id = -1;
    if (insert.run() && select.step() == sqlite::Statement::StepResult::Row)
        id = select.columnInt(0);
    select.reset();
    if (id <= 0) {
        *error = connection->lastError();
        return -1;
    }
    cache.insert(key, id);
    return id;
}

KindImporter::Outcome CallImporter::write(const CsvRecord &record, RowIssue &issue, QString *error)
{
    const kinds::KindColumns &columns = d->columns;
    const auto reject = [&](int field, const QString &message) {
        issue = columns.issue(record, field >= 0 ? columns.column(field) : -1, message);
        return Outcome::Rejected;
    };
    const auto found = [&](int field) { return kinds::quoted(columns.text(record, field)); };
    if (!columns.checkWidth(record, issue))
        return Outcome::Rejected;

    const std::string_view id = columns.text(record, Id);
    if (id.empty() || isNullMarker(id))
        return reject(Id, QObject::tr("the call id is empty: every row needs the export's own id"));
    const QByteArray lineKey(id.data(), qsizetype(id.size()));
    if (const auto seen = d->lineOfKey.constFind(lineKey); seen != d->lineOfKey.constEnd())
        return reject(Id, QObject::tr("this call is already on line %1 of this file").arg(*seen));

    // Rows that are not calls into a queue.
    const std::string_view media = columns.text(record, MediaType);
    if (!isPhoneMedia(media))
        return reject(MediaType, QObject::tr("a %1 interaction, not a phone call").arg(found(MediaType)));
    const StatusClass direction = classify(columns.text(record, Direction));
    const StatusClass status = classify(columns.text(record, Status));
    if (direction == StatusClass::Outbound || status == StatusClass::Outbound) {
        const int field = direction == StatusClass::Outbound ? Direction : Status;
        return reject(field, QObject::tr("an outbound call (%1): only calls that reached an inbound queue are read")
                                 .arg(found(field)));
    }

    // When the call reached the queue: a date-time, or a date and a time of day.
    std::optional<std::int64_t> startedAt;
    const Parsed<WallClock> date = parseDateTime(withoutWeekday(columns.text(record, Date)), d->dateOrder.decided());
    if (!date.ok) {
        return reject(Date, QObject::tr("expected a date such as 2021-01-31, 31/01/2021 or 2021-01-31 09:12:58, "
                                        "found %1")
                                .arg(found(Date)));
    }
    if (date.value) {
        WallClock clock = *date.value;
        if (!clock.hasTime && columns.has(Time)) {
            const Parsed<int> time = parseTimeOfDay(columns.text(record, Time));
            if (!time.ok) {
                return reject(Time, QObject::tr("expected a time of day such as 9:12:58 or 8:00:00 AM, found %1")
                                        .arg(found(Time)));
            }
            clock.localSeconds += time.value.value_or(0);
            clock.hasTime = time.value.has_value();
        }
        startedAt = d->zone->toUtc(clock);
    }

    std::array<std::optional<double>, FieldCount> seconds;
    for (int field : {Wait, AbandonTime, Talk, Hold, Acw}) {
        const Parsed<double> parsed = parseDurationSeconds(columns.text(record, field), d->units[std::size_t(field)]);
        if (!parsed.ok)
            return reject(field, durationExpectation(d->units[std::size_t(field)], found(field)));
        seconds[std::size_t(field)] = parsed.value;
    }
    std::array<std::optional<bool>, FieldCount> flags;
    for (int field : {AnsweredFlag, AbandonedFlag, Resolved}) {
        const Parsed<bool> parsed = parseBool(columns.text(record, field));
        if (!parsed.ok) {
            return reject(field, QObject::tr("expected Y or N (or Yes/No, TRUE/FALSE, 1/0), found %1")
                                     .arg(found(field)));
        }
        flags[std::size_t(field)] = parsed.value;
    }
    std::optional<bool> answeredAtPresent;
    if (columns.has(AnsweredAt)) {
        const std::string_view text = columns.text(record, AnsweredAt);
        const Parsed<int> time = parseTimeOfDay(text);
        const Parsed<WallClock> dateTime = time.ok ? Parsed<WallClock>::null() : parseDateTime(text, d->dateOrder.decided());
        if (!time.ok && !dateTime.ok) {
            return reject(AnsweredAt, QObject::tr("expected the time the call was answered (9:12:58, 8:00:00 AM or "
                                                  "a date-time), or nothing for an unanswered call; found %1")
                                          .arg(found(AnsweredAt)));
        }
        answeredAtPresent = time.value.has_value() || dateTime.value.has_value();
    }

    // Answered (1), abandoned (0) or neither: the chain of the header comment.
    std::optional<int> answered;
    const std::optional<double> talk = seconds[Talk];
    if (flags[AbandonedFlag] == true) {
        answered = 0;
    } else if (flags[AnsweredFlag]) {
        answered = *flags[AnsweredFlag] ? 1 : 0;
    } else if (status == StatusClass::Answered || (status == StatusClass::Inbound && d->profile->inboundMeansAnswered)) {
        answered = 1;
    } else if (status == StatusClass::Abandoned) {
        answered = 0;
    } else if (status != StatusClass::Neither && answeredAtPresent) {
        answered = *answeredAtPresent ? 1 : 0;
    } else if (status != StatusClass::Neither && talk && *talk > 0) {
        answered = 1;
    }
    const std::string_view statusText = columns.text(record, Status);
    const bool unknownStatus = status == StatusClass::Unknown && !statusText.empty() && !isNullMarker(statusText);

    std::optional<double> wait = seconds[Wait];
    if (answered == 0 && !wait)
        wait = seconds[AbandonTime]; // the time to abandon: what service_level_pct compares with its target

    std::optional<double> rating;
    const std::string_view ratingText = columns.text(record, Satisfaction);
    const Parsed<double> parsedRating = parseNumber(ratingText);
    const bool zeroIsNone = d->profile->zeroRatingIsNone || d->ratingScale == 5;
    bool zeroRating = false;
    if (parsedRating.value && *parsedRating.value == 0 && zeroIsNone) {
        zeroRating = true; // a 1-5 scale has no 0: PwC writes it for calls nobody rated
    } else if (!parsedRating.ok || (parsedRating.value && (*parsedRating.value < (d->ratingScale == 5 ? 1 : 0)
                                                            || *parsedRating.value > d->ratingScale))) {
        return reject(Satisfaction, (d->ratingScale == 5 ? QObject::tr("expected a rating from 1 to 5 (0 or blank: "
                                                                       "not rated), found %1")
                                                         : QObject::tr("expected a rating from 0 to 10, found %1"))
                                        .arg(found(Satisfaction)));
    } else {
        rating = parsedRating.value;
    }

    const std::int64_t agent
        = d->nameId(d->agents, d->insertAgent, d->selectAgent, columns.text(record, Agent), error);
    const std::int64_t team = d->nameId(d->teams, d->insertTeam, d->selectTeam, columns.text(record, Team), error);
    if (agent < 0 || team < 0)
        return Outcome::Failed;

    const std::optional<std::int64_t> agentId = agent > 0 ? std::optional<std::int64_t>(agent) : std::nullopt;
    const std::optional<std::int64_t> teamId = team > 0 ? std::optional<std::int64_t>(team) : std::nullopt;
    // Only an answered call had a contact that could be resolved.
    const std::optional<std::int64_t> resolved
        = answered == 1 && flags[Resolved] ? std::optional<std::int64_t>(*flags[Resolved] ? 1 : 0) : std::nullopt;
    const std::string_view topic = columns.text(record, Topic);
    const std::string extra = columns.extraJson(record);

    sqlite::Statement &u = d->upsert;
    d->exists.bindText(1, d->source);
    kinds::bindExternalId(d->exists, 2, id);
    u.bindText(1, d->source);
    kinds::bindExternalId(u, 2, id);
    u.bindOptionalInt(3, startedAt);
    u.bindOptionalInt(4, agentId);
    u.bindOptionalInt(5, teamId);
    u.bindOptionalInt(6, answered ? std::optional<std::int64_t>(*answered) : std::nullopt);
    u.bindOptionalDouble(7, wait);
    u.bindOptionalDouble(8, talk);
    u.bindOptionalDouble(9, seconds[Hold]);
    u.bindOptionalDouble(10, seconds[Acw]);
    u.bindOptionalInt(11, resolved);
    u.bindOptionalDouble(12, rating);
    u.bindOptionalInt(13, rating ? std::optional<std::int64_t>(d->ratingScale) : std::nullopt);
    kinds::bindOptionalText(u, 14, isNullMarker(topic) ? std::string_view() : topic);
    kinds::bindOptionalText(u, 15, extra);
    u.bindInt(16, d->importId);
    const Outcome outcome = kinds::runUpsert(*d->connection, d->exists, u, error);
    if (outcome == Outcome::Failed)
        return outcome;

    d->lineOfKey.insert(lineKey, record.line);
    d->withoutDate += startedAt ? 0 : 1;
    d->neither += answered ? 0 : 1;
    d->zeroRatings += zeroRating ? 1 : 0;
    if (unknownStatus) {
        ++d->unknownStatusRows;
        const QString text = QString::fromUtf8(statusText.data(), qsizetype(statusText.size()));
        if (d->unknownStatuses.size() < 3 && !d->unknownStatuses.contains(text))
            d->unknownStatuses.append(text);
    }
    return outcome;
}

QStringList CallImporter::notes() const
{
    QStringList notes;
    if (!d->profile)
        return notes;
    const QString order = kinds::dateOrderNote(d->columns.name(Date), d->dateOrder);
    if (!order.isEmpty())
        notes.append(order);
    if (d->zeroRatings > 0) {
        notes.append(QObject::tr("column \"%1\": %n rating(s) of 0 read as not rated (a 1-5 scale has no 0)", nullptr,
            int(d->zeroRatings))
                         .arg(d->columns.name(Satisfaction)));
    }
    if (d->withoutDate > 0)
        notes.append(QObject::tr("%n call(s) without a date count in no period", nullptr, int(d->withoutDate)));
    if (d->neither > 0) {
        notes.append(QObject::tr("%n call(s) neither answered nor abandoned (voicemail, callback, or no talk time): "
                                 "offered, but in neither count",
            nullptr, int(d->neither)));
    }
    if (d->unknownStatusRows > 0) {
        notes.append(QObject::tr("column \"%1\": %n call(s) with a status not known here (%2); answered or "
                                 "abandoned decided from the other columns",
            nullptr, int(d->unknownStatusRows))
                         .arg(d->columns.name(Status), d->unknownStatuses.join(QStringLiteral(", "))));
    }
    return notes;
}

QStringList CallImporter::extraColumnNames() const
{
    return d->columns.extraColumnNames();
}

} // namespace sl
