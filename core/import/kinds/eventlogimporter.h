#pragma once

// Ticket event logs (RecordKind::Events) -> tickets, reconstructed from each case's events.
//
// An event log is a status history: one row per event, with the case (ticket) id, the activity,
// the resource (who did it) and the time. write() buffers the events; end() sorts each case's
// events by time (file order breaks ties) and writes one ticket per case through TicketWriter,
// keyed by (source, case id) like any ticket export.
//
// Profiles:
//   helpdesk-eventlog  the "Helpdesk" process-mining log (Polato 2017, an Italian software
//                      company's ticketing system): Case ID, Activity, Resource, Complete
//                      Timestamp, Variant, Variant index, Variant (twice), seriousness, customer, ...
//                      customer -> requester, seriousness_2 -> priority, workgroup -> team,
//                      service_type -> type; the other attributes stay extra columns.
//   generic-eventlog   any log with a case or ticket id, an activity (status, event), a time, and
//                      optionally a resource (agent, user) and ticket attributes.
//
// Each activity plays one role (built-in names below, or the import's --activity-map):
//   reply    an agent works the ticket ("Take in charge ticket", "Replied", ...)
//   resolve  the ticket is solved ("Resolve ticket", "RESOLVED", "Solved")
//   close    the ticket is closed; it is the solve only when no resolve came before it. Help
//            desks close solved tickets on a timer: in the Helpdesk log "Closed" follows "Resolve
//            ticket" exactly 15 or 30 days later, by a system account, and counting it as the
//            solve would make the resolution time measure that timer.
//   reopen   the ticket is reopened ("Reopened")
//   ignore   anything else ("Assign seriousness", "Insert ticket", "Wait", unknown names)
//
// What a ticket becomes:
//   created        its first event
//   first reply    its first reply event
//   solved         its last resolve (or close, see above), provided nothing reopened it after
//   reopens        the times a reply or reopen event came after a resolve or close
//   agent replies  its reply events
//   agent          the resource of its last reply or resolve event: the person who last worked
//                  it, which is the assignee at export time that spec/metrics.md asks for. Close
//                  and ignore events are often made by system accounts, so they never set it.
//   status         its last activity; other attributes from its last event
// Rows that are exact copies of an earlier row (the Helpdesk log has 127) are ignored. Each import
// rebuilds its tickets from the file's events alone: a later export must hold whole cases.

#include "import/kinds.h"
#include "import/kinds/kindcolumns.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace sl {

enum class ActivityRole : std::uint8_t { Ignore, Reply, Resolve, Close, Reopen };

// "ignore", "reply", "resolve", "close", "reopen": what --activity-map accepts.
QString activityRoleName(ActivityRole role);

// The user's roles for activities, from "Activity=role;Activity=role". Names match
// case-insensitively, with white space collapsed; a later entry for a name replaces an earlier one.
struct ActivityMap
{
    std::vector<std::pair<QString, ActivityRole>> entries; // normalised name -> role
};
// Empty text: an empty map. On a malformed entry or an unknown role: nullopt, *error says which.
std::optional<ActivityMap> parseActivityMap(const QString &text, QString *error);

// One activity of a log and the role it plays, for the import notes and `inspect`.
struct ActivityUse
{
    QString name; // as the log spells it (the first spelling seen)
    ActivityRole role = ActivityRole::Ignore;
    enum class Origin { BuiltIn, Mapped, Unknown } origin = Origin::Unknown;
    std::int64_t events = 0;
};
QString describeActivityUse(const ActivityUse &use);

// What `inspect` shows of an event log: the profile, and every activity with its role.
struct EventLogOverview
{
    KindMatch match;
    std::int64_t events = 0;     // rows, exact copies left out
    std::int64_t duplicates = 0; // exact copies of an earlier row
    std::int64_t cases = 0;
    std::vector<ActivityUse> activities; // in order of first appearance
};
// nullopt when no event-log profile claims the header (or the file cannot be read, or the map is
// malformed: then *error is set).
std::optional<EventLogOverview> inspectEventLog(const QString &filePath, const QString &forcedProfile,
    const QString &activityMap, QString *error);

class EventLogImporter final : public KindImporter
{
public:
    RecordKind kind() const override { return RecordKind::Events; }
    KindMatch match(const QStringList &header, const QString &forcedProfile) const override;
    bool applyOverrides(const QStringList &header, const QHash<QString, QString> &overrides, KindMatch &match,
        QString *error) override;
    void observe(const CsvRecord &record) override;
    bool begin(Database &database, std::int64_t importId, const KindMatch &match, const QStringList &header,
        const ImportOptions &options, QString *error) override;
    // Buffers the event and reports it as unchanged; end() takes those counts back and counts
    // tickets instead, so the import's summary counts tickets, not events.
    Outcome write(const CsvRecord &record, RowIssue &issue, QString *error) override;
    bool end(std::int64_t *inserted, std::int64_t *updated, std::int64_t *unchanged, QString *error) override;
    QStringList notes() const override;
    QStringList extraColumnNames() const override;

private:
    // The ticket-level values of one event; events of a case mostly share them, so they are
    // interned and each event holds an index.
    struct Attributes
    {
        std::string requester, priority, team, type, subject, channel, extra;
    };
    struct Event
    {
        std::int64_t time = 0; // UTC seconds
        std::uint32_t activity = 0;
        std::uint32_t resource = 0; // 0: none
        std::uint32_t attributes = 0;
        std::uint64_t fingerprint = 0; // of the whole row, to find exact copies
    };
    struct Case
    {
        std::string id;
        std::vector<Event> events;
    };

    std::uint32_t intern(std::vector<std::string> &names, std::unordered_map<std::string, std::uint32_t> &index,
        std::string_view text);
    ActivityRole roleOf(std::uint32_t activity) const;
    std::vector<ActivityUse> activityUses() const;

    // Set by match() for observe(), which comes before begin(); see AccountImporter.
    mutable kinds::KindColumns m_columns;
    mutable QString m_profile;

    DateOrderDetector m_dateOrder;
    std::optional<TimeZoneConverter> m_zone;
    ActivityMap m_map;
    std::string m_source;
    std::int64_t m_importId = 0;
    Database *m_database = nullptr;

    std::vector<Case> m_cases; // in order of first appearance
    std::unordered_map<std::string, std::uint32_t> m_caseIndex;
    std::vector<std::string> m_activities, m_resources;
    std::unordered_map<std::string, std::uint32_t> m_activityIndex, m_resourceIndex;
    std::vector<std::int64_t> m_activityEvents;
    std::vector<ActivityRole> m_roles;
    std::vector<ActivityUse::Origin> m_origins;
    std::vector<Attributes> m_attributes;
    std::unordered_map<std::string, std::uint32_t> m_attributeIndex;
    struct FirstRow
    {
        std::uint32_t caseIndex = 0;
        std::uint32_t eventIndex = 0;
        std::int64_t line = 0;
    };
    std::unordered_map<std::uint64_t, FirstRow> m_seen; // fingerprint -> the first row with it
    std::int64_t m_buffered = 0; // rows write() reported as unchanged
    std::int64_t m_duplicates = 0;
    std::int64_t m_firstDuplicateLine = 0, m_firstDuplicateOf = 0;
    QStringList m_notes;
};

} // namespace sl
