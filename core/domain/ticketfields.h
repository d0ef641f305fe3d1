#pragma once

// The canonical ticket fields every source profile maps onto, and the typed row the mapper
// produces from one CSV record. Names here are the ids `inspect` prints in its mapping.

#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sl {

enum class TicketField : std::uint8_t {
    ExternalId,
    Subject,
    Status,
    Priority,
    Type,          // ticket type / category / topic
    Channel,
    Agent,         // assignee at export time
    Team,          // group / queue
    RequesterName,
    RequesterEmail,
    RequesterId,
    CreatedAt,
    FirstReplyAt,
    FirstReplyDuration,   // the export's own calendar-time first reply time
    FirstReplyDurationBh, // ... within business hours
    SolvedAt,
    ClosedAt,             // stands in for SolvedAt when that is empty (Freshdesk)
    ResolutionDuration,   // the export's own full resolution time, calendar
    ResolutionDurationBh, // ... within business hours
    Reopens,
    AgentReplies,
    Satisfaction,
    Tags,
    HandleTime,
    Count
};
inline constexpr int ticketFieldCount = int(TicketField::Count);

// How a column's text becomes a value.
enum class ValueKind : std::uint8_t {
    Text,
    DateTime,
    Duration,
    Integer,
    Satisfaction,
};

ValueKind valueKindOf(TicketField field);
// Stable id used by `inspect` and the import dialog, e.g. "created_at", "first_reply_min".
QString fieldId(TicketField field);
std::optional<TicketField> ticketFieldFromId(const QString &id);
// A short phrase for messages: "a date-time like 2024-03-05 14:30", "a duration", ...
QString expectedValueDescription(ValueKind kind);

// The canonical channel names of the CLI spec. A source label that means one of them is
// normalised (Zendesk's "Phone call (inbound)" -> Phone, Freshdesk's "Portal" -> Web); any other
// label is kept as the data spells it.
std::string_view normalizedChannel(std::string_view label);

// A ticket's satisfaction rating (import/valueparsers.h reads it from the help desks' labels).
struct SatisfactionValue
{
    std::optional<bool> good;    // satisfied or not, when the ticket was rated
    std::optional<double> score; // on a 1-5 scale, when the source gives one
    std::optional<bool> offered; // whether a survey was offered, when the source says
};

// One mapped ticket. Text views point into the CSV record (or static strings) and live as long
// as the record does.
struct TicketRow
{
    std::string_view externalId;
    std::string_view subject;
    std::string_view status;
    std::string_view priority;
    std::string_view type;
    std::string_view channel; // normalised
    std::string_view agent;
    std::string_view team;
    std::string_view requesterName;
    std::string_view requesterEmail;
    std::string_view requesterId;
    std::string_view tags; // as in the export, separators (, ; | space) normalised to single spaces
    std::optional<std::int64_t> createdAt; // UTC seconds
    std::optional<std::int64_t> firstReplyAt;
    std::optional<std::int64_t> solvedAt;
    std::optional<double> firstReplyMin;
    std::optional<double> firstReplyBhMin;
    std::optional<double> resolutionMin;
    std::optional<double> resolutionBhMin;
    std::optional<double> handleTimeS;
    std::optional<std::int64_t> reopens;
    std::optional<std::int64_t> agentReplies;
    SatisfactionValue satisfaction;
    // The values of the columns no field takes, as a JSON array in the order of the import's
    // extra_columns; empty when they are all empty.
    std::string_view extraJson;

    // Where the mapper builds `tags` and `extraJson`; kept across rows so a million rows reuse
    // one allocation each.
    std::string tagsBuffer;
    std::string extraBuffer;

    void clear();
};

} // namespace sl
