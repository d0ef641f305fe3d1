#include "import/kinds/eventlogimporter.h"

#include "import/importoptions.h"
#include "store/database.h"
#include "store/ticketwriter.h"

#include <QObject>

#include <algorithm>
#include <array>
#include <climits>
#include <unordered_set>

namespace sl {

namespace {

enum Field { CaseId, Activity, Resource, Time, Requester, Priority, Team, Type, Subject, Channel, FieldCount };

const std::vector<kinds::FieldSynonyms> &helpdeskFields()
{
    static const std::vector<kinds::FieldSynonyms> fields = {
        { CaseId, "case_id", { "caseid" } },
        { Activity, "activity", { "activity" } },
        { Resource, "resource", { "resource" } },
        { Time, "event_time", { "completetimestamp" } },
        { Requester, "requester_id", { "customer" } },
        // "seriousness" holds one value throughout; "seriousness_2" is what "Assign seriousness"
        // sets, and changes within a case.
        { Priority, "priority", { "seriousness2" } },
        { Team, "team", { "workgroup" } },
        { Type, "type", { "servicetype" } },
    };
    return fields;
}

// The event-time names of a status history; "created at" and "date" name a ticket list's
// creation as often as an event's time, so they count only when the user says the file is a log.
constexpr std::array<std::string_view, 15> eventTimeKeys = { "completetimestamp", "timestamp", "timetimestamp",
    "eventtime", "eventtimestamp", "eventdate", "time", "datetime", "changedat", "changedon", "changetime",
    "changedate", "performedat", "occurredat", "starttimestamp" };
constexpr std::array<std::string_view, 5> forcedOnlyTimeKeys = { "createdat", "created", "date", "updatedat",
    "updated" };

std::vector<kinds::FieldSynonyms> genericFields(bool forced)
{
    std::vector<std::string_view> timeKeys(eventTimeKeys.begin(), eventTimeKeys.end());
    if (forced)
        timeKeys.insert(timeKeys.end(), forcedOnlyTimeKeys.begin(), forcedOnlyTimeKeys.end());
    return {
        { CaseId, "case_id",
            { "caseid", "caseconceptname", "case", "ticketid", "ticketnumber", "ticket", "issuekey", "issueid",
                "incidentid", "incidentnumber", "conversationid", "casenumber", "requestid" } },
        { Activity, "activity",
            { "activity", "activityname", "conceptname", "event", "eventname", "eventtype", "action", "newstatus",
                "tostatus", "statusto", "status", "state" } },
        { Resource, "resource",
            { "resource", "orgresource", "agent", "agentname", "user", "username", "performedby", "changedby",
                "actor", "author", "assignee", "owner", "performer" } },
        { Time, "event_time", std::move(timeKeys) },
        { Requester, "requester_id",
            { "customer", "customerid", "requester", "requesterid", "customeremail", "requesteremail" } },
        { Priority, "priority", { "priority", "severity" } },
        { Team, "team", { "team", "group", "queue", "workgroup", "department" } },
        { Type, "type", { "type", "tickettype", "category" } },
        { Subject, "subject", { "subject", "title", "summary" } },
        { Channel, "channel", { "channel", "via", "source" } },
    };
}

// Columns that make a header a ticket list rather than a status history: a log has one time
// per row, a ticket list one per milestone.
constexpr std::array<std::string_view, 12> ticketListKeys = { "createdat", "solvedat", "resolvedat", "closedat",
    "createddate", "resolveddate", "closeddate", "createdtime", "resolvedtime", "closedtime", "firstresponsetime",
    "firstreplytime" };

QString normalizedActivity(const QString &name)
{
    return name.simplified().toLower();
}

struct BuiltInRole
{
    std::string_view name; // normalised
    ActivityRole role;
};

// The activities help desks and process-mining logs name, and the role each plays. The
// Helpdesk log's own: "Take in charge ticket" is an agent picking the ticket up and working it;
// "Resolve SW anomaly", "VERIFIED", "INVALID" and "DUPLICATE" are states of a linked bug report,
// not of the ticket; "RESOLVED" is read as the ticket's resolve, as the issue asks.
constexpr std::array<BuiltInRole, 52> builtInRoles = { {
    { "take in charge ticket", ActivityRole::Reply },
    { "take in charge", ActivityRole::Reply },
    { "reply", ActivityRole::Reply },
    { "replied", ActivityRole::Reply },
    { "agent reply", ActivityRole::Reply },
    { "agent replied", ActivityRole::Reply },
    { "public reply", ActivityRole::Reply },
    { "respond", ActivityRole::Reply },
    { "responded", ActivityRole::Reply },
    { "response sent", ActivityRole::Reply },
    { "first response", ActivityRole::Reply },
    { "answered", ActivityRole::Reply },
    { "agent comment", ActivityRole::Reply },
    { "public comment", ActivityRole::Reply },
    { "email sent", ActivityRole::Reply },
    { "in progress", ActivityRole::Reply },
    { "work in progress", ActivityRole::Reply },
    { "resolve ticket", ActivityRole::Resolve },
    { "resolve", ActivityRole::Resolve },
    { "resolved", ActivityRole::Resolve },
    { "solve", ActivityRole::Resolve },
    { "solved", ActivityRole::Resolve },
    { "solve ticket", ActivityRole::Resolve },
    { "ticket solved", ActivityRole::Resolve },
    { "ticket resolved", ActivityRole::Resolve },
    { "fixed", ActivityRole::Resolve },
    { "done", ActivityRole::Resolve },
    { "completed", ActivityRole::Resolve },
    { "closed", ActivityRole::Close },
    { "close", ActivityRole::Close },
    { "close ticket", ActivityRole::Close },
    { "ticket closed", ActivityRole::Close },
    { "auto-closed", ActivityRole::Close },
    { "archived", ActivityRole::Close },
    { "reopen", ActivityRole::Reopen },
    { "reopened", ActivityRole::Reopen },
    { "re-opened", ActivityRole::Reopen },
    { "reopen ticket", ActivityRole::Reopen },
    { "ticket reopened", ActivityRole::Reopen },
    { "insert ticket", ActivityRole::Ignore },
    { "assign seriousness", ActivityRole::Ignore },
    { "wait", ActivityRole::Ignore },
    { "require upgrade", ActivityRole::Ignore },
    { "create sw anomaly", ActivityRole::Ignore },
    { "resolve sw anomaly", ActivityRole::Ignore },
    { "schedule intervention", ActivityRole::Ignore },
    { "verified", ActivityRole::Ignore },
    { "invalid", ActivityRole::Ignore },
    { "duplicate", ActivityRole::Ignore },
    { "new", ActivityRole::Ignore },
    { "open", ActivityRole::Ignore },
    { "pending", ActivityRole::Ignore },
} };

ActivityRole roleFor(const QString &activity, const ActivityMap &map, ActivityUse::Origin *origin)
{
    const QString key = normalizedActivity(activity);
    for (auto entry = map.entries.rbegin(); entry != map.entries.rend(); ++entry) {
        if (entry->first == key) {
            *origin = ActivityUse::Origin::Mapped;
            return entry->second;
        }
    }
    const QByteArray utf8 = key.toUtf8();
    const std::string_view name(utf8.constData(), std::size_t(utf8.size()));
    for (const BuiltInRole &builtIn : builtInRoles) {
        if (builtIn.name == name) {
            *origin = ActivityUse::Origin::BuiltIn;
            return builtIn.role;
        }
    }
    *origin = ActivityUse::Origin::Unknown;
    return ActivityRole::Ignore;
}

// FNV-1a over the fields and their boundaries: equal rows hash alike, and a hit is confirmed
// field by field before a row counts as a copy.
std::uint64_t fingerprint(const CsvRecord &record, std::size_t fields)
{
    std::uint64_t hash = 14695981039346656037ULL;
    const auto add = [&hash](unsigned char byte) {
        hash ^= byte;
        hash *= 1099511628211ULL;
    };
    for (std::size_t i = 0; i < fields && i < record.fields.size(); ++i) {
        for (const char c : record.fields[i])
            add(static_cast<unsigned char>(c));
        add(0x1F);
    }
    return hash;
}

QString fromUtf8(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QStringList headerKeys(const QStringList &header)
{
    QStringList keys;
    for (const QString &name : header)
        keys.append(kinds::columnKey(name));
    return keys;
}

bool isForced(const QString &profile)
{
    return !profile.isEmpty() && profile != QLatin1String("auto");
}

} // namespace

QString activityRoleName(ActivityRole role)
{
    switch (role) {
    case ActivityRole::Ignore: return QStringLiteral("ignore");
    case ActivityRole::Reply: return QStringLiteral("reply");
    case ActivityRole::Resolve: return QStringLiteral("resolve");
    case ActivityRole::Close: return QStringLiteral("close");
    case ActivityRole::Reopen: return QStringLiteral("reopen");
    }
    return {};
}

std::optional<ActivityMap> parseActivityMap(const QString &text, QString *error)
{
    ActivityMap map;
    static constexpr std::array<ActivityRole, 5> roles
        = { ActivityRole::Reply, ActivityRole::Resolve, ActivityRole::Close, ActivityRole::Reopen,
              ActivityRole::Ignore };
    for (const QString &entry : text.split(QLatin1Char(';'))) {
        if (entry.trimmed().isEmpty())
            continue;
        // The last '=' splits, so an activity name may itself hold one.
        const qsizetype equals = entry.lastIndexOf(QLatin1Char('='));
        const QString name = normalizedActivity(entry.left(std::max<qsizetype>(equals, 0)));
        if (equals < 0 || name.isEmpty()) {
            *error = QObject::tr("activity map entry \"%1\": expected Activity=role").arg(entry.trimmed());
            return std::nullopt;
        }
        const QString roleName = entry.mid(equals + 1).trimmed().toLower();
        const auto role = std::find_if(
            roles.begin(), roles.end(), [&](ActivityRole r) { return activityRoleName(r) == roleName; });
        if (role == roles.end()) {
            *error = QObject::tr("activity map entry \"%1\": unknown role \"%2\" (expected reply, resolve, close, "
                                 "reopen or ignore)")
                         .arg(entry.trimmed(), entry.mid(equals + 1).trimmed());
            return std::nullopt;
        }
        map.entries.emplace_back(name, *role);
    }
    return map;
}

QString describeActivityUse(const ActivityUse &use)
{
    const QString events = QObject::tr("%n event(s)", nullptr, int(std::min<std::int64_t>(use.events, INT_MAX)));
    switch (use.origin) {
    case ActivityUse::Origin::BuiltIn:
        return QObject::tr("activity \"%1\": %2 (%3)").arg(use.name, activityRoleName(use.role), events);
    case ActivityUse::Origin::Mapped:
        return QObject::tr("activity \"%1\": %2 (%3, from the activity map)")
            .arg(use.name, activityRoleName(use.role), events);
    case ActivityUse::Origin::Unknown:
        break;
    }
    return QObject::tr("activity \"%1\": ignore (%2; not a name SupportLens knows: give it a role with an activity "
                       "map such as \"%1=reply\")")
        .arg(use.name, events);
}

KindMatch EventLogImporter::match(const QStringList &header, const QString &forcedProfile) const
{
    KindMatch result;
    result.kind = RecordKind::Events;
    const bool forced = isForced(forcedProfile);
    const QStringList keys = headerKeys(header);

    // The Helpdesk log: its four event columns and the attributes only it has.
    if (!forced || forcedProfile == QLatin1String("helpdesk-eventlog")) {
        kinds::KindColumns columns(header, helpdeskFields(), FieldCount);
        const bool own = keys.contains(QLatin1String("variantindex")) && keys.contains(QLatin1String("seriousness"));
        if (columns.has(CaseId) && columns.has(Activity) && columns.has(Resource) && columns.has(Time)
            && (own || forced)) {
            result.profile = QStringLiteral("helpdesk-eventlog");
            result.source = QStringLiteral("helpdesk-eventlog");
            result.displayName = QObject::tr("Helpdesk event log (Polato 2017)");
            // One more than the generic profile would score, so this one wins whatever else binds.
            result.score = columns.boundCount() + 1;
            result.columnFields = columns.columnFields();
            result.fieldChoices = kinds::fieldIds(genericFields(true));
            m_columns = columns;
            m_profile = result.profile;
            return result;
        }
    }

    const bool genericForced = forcedProfile == QLatin1String("generic-eventlog")
        || forcedProfile == QLatin1String("generic") || forcedProfile == QLatin1String("eventlog");
    if (!forced || genericForced) {
        const std::vector<kinds::FieldSynonyms> fields = genericFields(forced);
        kinds::KindColumns columns(header, fields, FieldCount);
        const bool ticketList = !forced && std::any_of(ticketListKeys.begin(), ticketListKeys.end(), [&](auto key) {
            return keys.contains(QLatin1String(key.data(), qsizetype(key.size())));
        });
        if (columns.has(CaseId) && columns.has(Activity) && columns.has(Time) && !ticketList) {
            result.profile = QStringLiteral("generic-eventlog");
            result.source = QStringLiteral("eventlog");
            result.displayName = QObject::tr("Ticket event log");
            result.score = columns.boundCount();
            result.columnFields = columns.columnFields();
            result.fieldChoices = kinds::fieldIds(genericFields(true));
            m_columns = columns;
            m_profile = result.profile;
            return result;
        }
        result.missing = kinds::missingNames(columns, fields, { CaseId, Activity, Time });
    }
    return result;
}

bool EventLogImporter::applyOverrides(
    const QStringList &header, const QHash<QString, QString> &overrides, KindMatch &match, QString *error)
{
    (void)header; // bound in match()
    if (overrides.isEmpty())
        return true;
    // The generic fields are every field of a log (the Helpdesk log's are a subset).
    const std::vector<kinds::FieldSynonyms> fields = genericFields(true);
    if (!m_columns.applyOverrides(overrides, fields, error))
        return false;
    match.columnFields = m_columns.columnFields();
    return kinds::checkRequired(m_columns, fields, { CaseId, Activity, Time }, error);
}

void EventLogImporter::observe(const CsvRecord &record)
{
    m_dateOrder.observe(m_columns.text(record, Time));
}

bool EventLogImporter::begin(Database &database, std::int64_t importId, const KindMatch &match,
    const QStringList &header, const ImportOptions &options, QString *error)
{
    (void)header; // bound in match()
    const std::optional<ActivityMap> map = parseActivityMap(options.activityMap, error);
    if (!map)
        return false;
    m_map = *map;
    m_source = match.source.toStdString();
    m_importId = importId;
    m_zone.emplace(options.timeZone);
    m_database = &database;
    m_resources.assign(1, std::string()); // index 0: no resource
    return true;
}

std::uint32_t EventLogImporter::intern(
    std::vector<std::string> &names, std::unordered_map<std::string, std::uint32_t> &index, std::string_view text)
{
    const auto [found, inserted] = index.try_emplace(std::string(text), std::uint32_t(names.size()));
    if (inserted)
        names.emplace_back(text);
    return found->second;
}

ActivityRole EventLogImporter::roleOf(std::uint32_t activity) const
{
    return m_roles[activity];
}

KindImporter::Outcome EventLogImporter::write(const CsvRecord &record, RowIssue &issue, QString *error)
{
    (void)error; // nothing is written before end()
    if (!m_columns.checkWidth(record, issue))
        return Outcome::Rejected;
    const std::string_view caseId = m_columns.text(record, CaseId);
    if (isNullMarker(caseId)) {
        issue = m_columns.issue(record, m_columns.column(CaseId),
            QObject::tr("the case id is empty: every event needs the ticket it belongs to"));
        return Outcome::Rejected;
    }
    const std::string_view activity = m_columns.text(record, Activity);
    if (isNullMarker(activity)) {
        issue = m_columns.issue(record, m_columns.column(Activity),
            QObject::tr("the activity is empty: every event needs what happened"));
        return Outcome::Rejected;
    }
    const std::string_view timeText = m_columns.text(record, Time);
    const Parsed<WallClock> time = parseDateTime(timeText, m_dateOrder.decided());
    if (!time.ok || !time.value) {
        issue = m_columns.issue(record, m_columns.column(Time),
            time.ok ? QObject::tr("the time is empty: every event needs one")
                    : QObject::tr("expected a date-time such as 2012/10/9 14:50:17, found %1")
                          .arg(kinds::quoted(timeText)));
        return Outcome::Rejected;
    }

    Event event;
    event.time = m_zone->toUtc(*time.value);
    const std::size_t activitiesBefore = m_activities.size();
    event.activity = intern(m_activities, m_activityIndex, activity);
    if (m_activities.size() > activitiesBefore) {
        ActivityUse::Origin origin = ActivityUse::Origin::Unknown;
        m_roles.push_back(roleFor(fromUtf8(activity), m_map, &origin));
        m_origins.push_back(origin);
        m_activityEvents.push_back(0);
    }
    const std::string_view resource = m_columns.text(record, Resource);
    event.resource = isNullMarker(resource) ? 0 : intern(m_resources, m_resourceIndex, resource);

    const auto value = [&](int field) {
        const std::string_view text = m_columns.text(record, field);
        return isNullMarker(text) ? std::string() : std::string(text);
    };
    Attributes attributes { value(Requester), value(Priority), value(Team), value(Type), value(Subject),
        value(Channel), m_columns.extraJson(record) };
    std::string key;
    for (const std::string *part : { &attributes.requester, &attributes.priority, &attributes.team, &attributes.type,
             &attributes.subject, &attributes.channel, &attributes.extra }) {
        key += *part;
        key += '\x1F';
    }
    const auto [interned, newAttributes] = m_attributeIndex.try_emplace(key, std::uint32_t(m_attributes.size()));
    if (newAttributes)
        m_attributes.push_back(std::move(attributes));
    event.attributes = interned->second;

    const auto [caseEntry, newCase] = m_caseIndex.try_emplace(std::string(caseId), std::uint32_t(m_cases.size()));
    if (newCase)
        m_cases.push_back({ std::string(caseId), {} });
    Case &ticket = m_cases[caseEntry->second];

    event.fingerprint = fingerprint(record, std::size_t(m_columns.header().size()));
    const auto [seen, first] = m_seen.try_emplace(
        event.fingerprint, FirstRow { caseEntry->second, std::uint32_t(ticket.events.size()), record.line });
    ++m_buffered;
    if (!first && seen->second.caseIndex == caseEntry->second) {
        const Event &earlier = ticket.events[seen->second.eventIndex];
        if (earlier.time == event.time && earlier.activity == event.activity && earlier.resource == event.resource
            && earlier.attributes == event.attributes) {
            if (m_duplicates++ == 0) {
                m_firstDuplicateLine = record.line;
                m_firstDuplicateOf = seen->second.line;
            }
            return Outcome::Unchanged;
        }
    }
    ++m_activityEvents[event.activity];
    ticket.events.push_back(event);
    return Outcome::Unchanged;
}

bool EventLogImporter::end(std::int64_t *inserted, std::int64_t *updated, std::int64_t *unchanged, QString *error)
{
    *unchanged -= m_buffered; // events, counted as unchanged in write(); tickets are counted below
    sqlite::Connection &connection = m_database->connection();
    TicketWriter writer(connection, m_source, m_importId);
    if (!writer.isValid()) {
        *error = QObject::tr("cannot write to the database: %1").arg(writer.lastError());
        return false;
    }
    const auto ticketsOfSource = [&]() -> std::optional<std::int64_t> {
        sqlite::Statement count = connection.prepare("SELECT count(*) FROM tickets WHERE source = ?1");
        count.bindText(1, m_source);
        if (count.step() != sqlite::Statement::StepResult::Row)
            return std::nullopt;
        return count.columnInt(0);
    };
    const std::optional<std::int64_t> before = ticketsOfSource();
    if (!before) {
        *error = QObject::tr("cannot read the database: %1").arg(connection.lastError());
        return false;
    }

    std::int64_t changed = 0, solved = 0, reopened = 0, unreplied = 0;
    TicketRow row;
    for (Case &ticket : m_cases) {
        std::stable_sort(ticket.events.begin(), ticket.events.end(),
            [](const Event &a, const Event &b) { return a.time < b.time; });
        std::optional<std::int64_t> firstReply, solvedAt;
        std::int64_t reopens = 0, replies = 0;
        std::uint32_t agent = 0;
        bool resolved = false;
        for (const Event &event : ticket.events) {
            const ActivityRole role = roleOf(event.activity);
            // A reply or a reopen after the ticket was solved or closed opens it again.
            if ((role == ActivityRole::Reply || role == ActivityRole::Reopen) && resolved) {
                ++reopens;
                resolved = false;
            }
            switch (role) {
            case ActivityRole::Reply:
                if (!firstReply)
                    firstReply = event.time;
                ++replies;
                agent = event.resource != 0 ? event.resource : agent;
                break;
            case ActivityRole::Resolve:
                resolved = true;
                solvedAt = event.time;
                agent = event.resource != 0 ? event.resource : agent;
                break;
            case ActivityRole::Close:
                // A close ends an open ticket; closing a solved one keeps the solve's time.
                if (!resolved)
                    solvedAt = event.time;
                resolved = true;
                break;
            case ActivityRole::Reopen:
            case ActivityRole::Ignore: break;
            }
        }
        if (!resolved)
            solvedAt.reset();

        const Attributes &attributes = m_attributes[ticket.events.back().attributes];
        row.clear();
        row.externalId = ticket.id;
        row.status = m_activities[ticket.events.back().activity];
        row.agent = m_resources[agent];
        row.requesterId = attributes.requester;
        row.priority = attributes.priority;
        row.team = attributes.team;
        row.type = attributes.type;
        row.subject = attributes.subject;
        row.channel = normalizedChannel(attributes.channel);
        row.extraJson = attributes.extra;
        row.createdAt = ticket.events.front().time;
        row.firstReplyAt = firstReply;
        row.solvedAt = solvedAt;
        row.reopens = reopens;
        row.agentReplies = replies;
        switch (writer.write(row)) {
        case TicketWriter::Outcome::InsertedOrChanged: ++changed; break;
        case TicketWriter::Outcome::Unchanged: ++*unchanged; break;
        case TicketWriter::Outcome::Failed:
            *error = QObject::tr("case \"%1\": the database refused the ticket: %2 (nothing imported)")
                         .arg(fromUtf8(ticket.id), writer.lastError());
            return false;
        }
        solved += solvedAt ? 1 : 0;
        reopened += reopens > 0 ? 1 : 0;
        unreplied += firstReply ? 0 : 1;
    }
    const std::optional<std::int64_t> after = ticketsOfSource();
    if (!after) {
        *error = QObject::tr("cannot read the database: %1").arg(connection.lastError());
        return false;
    }
    *inserted += *after - *before;
    *updated += changed - (*after - *before);

    const std::int64_t events = m_buffered - m_duplicates;
    m_notes.append(QObject::tr("%1 events of %2 tickets: created at the first event, first reply at the first reply "
                               "event, solved at the last resolve (a close only when no resolve came before it), "
                               "reopened by a reply or reopen after a resolve or close; the agent is the resource "
                               "of the last reply or resolve")
                       .arg(events)
                       .arg(m_cases.size()));
    m_notes.append(QObject::tr("%1 tickets solved, %2 reopened at least once, %3 with no reply event (unreplied)")
                       .arg(solved)
                       .arg(reopened)
                       .arg(unreplied));
    if (m_duplicates > 0) {
        m_notes.append(QObject::tr("%n row(s) are exact copies of an earlier row and were ignored (the first: line "
                                   "%1, a copy of line %2)",
            nullptr, int(std::min<std::int64_t>(m_duplicates, INT_MAX)))
                           .arg(m_firstDuplicateLine)
                           .arg(m_firstDuplicateOf));
    }
    for (const ActivityUse &use : activityUses())
        m_notes.append(describeActivityUse(use));
    // A mapped name no event has is most likely a typo.
    std::unordered_set<std::string> present;
    for (const std::string &name : m_activities)
        present.insert(normalizedActivity(fromUtf8(name)).toStdString());
    for (const auto &[name, role] : m_map.entries) {
        if (!present.count(name.toStdString())) {
            m_notes.append(QObject::tr("the activity map names \"%1\", which no event of this file has").arg(name));
        }
    }
    return true;
}

std::vector<ActivityUse> EventLogImporter::activityUses() const
{
    std::vector<ActivityUse> uses;
    for (std::size_t i = 0; i < m_activities.size(); ++i)
        uses.push_back({ fromUtf8(m_activities[i]), m_roles[i], m_origins[i], m_activityEvents[i] });
    return uses;
}

QStringList EventLogImporter::notes() const
{
    QStringList notes;
    const QString order = kinds::dateOrderNote(m_columns.name(Time), m_dateOrder);
    if (!order.isEmpty())
        notes.append(order);
    return notes + m_notes;
}

QStringList EventLogImporter::extraColumnNames() const
{
    return m_columns.extraColumnNames();
}

std::optional<EventLogOverview> inspectEventLog(
    const QString &filePath, const QString &forcedProfile, const QString &activityMap, QString *error)
{
    const std::optional<ActivityMap> map = parseActivityMap(activityMap, error);
    if (!map)
        return std::nullopt;
    CsvReader reader(filePath);
    CsvRecord record;
    if (!reader.open() || !reader.next(record)) {
        if (reader.error())
            *error = reader.error()->message;
        return std::nullopt;
    }
    QStringList header;
    for (std::string_view field : record.fields)
        header.append(fromUtf8(field));
    EventLogImporter importer;
    EventLogOverview overview;
    overview.match = importer.match(header, forcedProfile);
    if (overview.match.score == 0)
        return std::nullopt;
    const kinds::KindColumns columns(header,
        overview.match.profile == QLatin1String("helpdesk-eventlog") ? helpdeskFields()
                                                                     : genericFields(isForced(forcedProfile)),
        FieldCount);
    std::unordered_map<std::string, std::size_t> activityIndex;
    std::unordered_set<std::string> cases;
    // A preview: a fingerprint alone stands for the row here, where the import confirms it.
    std::unordered_set<std::uint64_t> rows;
    while (reader.next(record)) {
        if (!rows.insert(fingerprint(record, std::size_t(header.size()))).second) {
            ++overview.duplicates;
            continue;
        }
        ++overview.events;
        cases.emplace(columns.text(record, CaseId));
        const std::string_view activity = columns.text(record, Activity);
        if (isNullMarker(activity))
            continue;
        const auto [found, inserted] = activityIndex.try_emplace(std::string(activity), overview.activities.size());
        if (inserted) {
            ActivityUse use;
            use.name = fromUtf8(activity);
            use.role = roleFor(use.name, *map, &use.origin);
            overview.activities.push_back(use);
        }
        ++overview.activities[found->second].events;
    }
    if (reader.error()) {
        *error = reader.error()->message;
        return std::nullopt;
    }
    overview.cases = std::int64_t(cases.size());
    return overview;
}

} // namespace sl
