#include "domain/ticketfields.h"

#include "domain/text.h"

#include <QObject>

#include <algorithm>
#include <cctype>

namespace sl {

namespace {

struct FieldInfo
{
    TicketField field;
    const char *id;
    ValueKind kind;
};

// The order follows TicketField; a static_assert below keeps them in step.
constexpr std::array<FieldInfo, ticketFieldCount> fieldInfos = {{
    {TicketField::ExternalId, "external_id", ValueKind::Text},
    {TicketField::Subject, "subject", ValueKind::Text},
    {TicketField::Status, "status", ValueKind::Text},
    {TicketField::Priority, "priority", ValueKind::Text},
    {TicketField::Type, "type", ValueKind::Text},
    {TicketField::Channel, "channel", ValueKind::Text},
    {TicketField::Agent, "agent", ValueKind::Text},
    {TicketField::Team, "team", ValueKind::Text},
    {TicketField::RequesterName, "requester", ValueKind::Text},
    {TicketField::RequesterEmail, "requester_email", ValueKind::Text},
    {TicketField::RequesterId, "requester_id", ValueKind::Text},
    {TicketField::CreatedAt, "created_at", ValueKind::DateTime},
    {TicketField::FirstReplyAt, "first_reply_at", ValueKind::DateTime},
    {TicketField::FirstReplyDuration, "first_reply_time", ValueKind::Duration},
    {TicketField::FirstReplyDurationBh, "first_reply_time_bh", ValueKind::Duration},
    {TicketField::SolvedAt, "solved_at", ValueKind::DateTime},
    {TicketField::ClosedAt, "closed_at", ValueKind::DateTime},
    {TicketField::ResolutionDuration, "resolution_time", ValueKind::Duration},
    {TicketField::ResolutionDurationBh, "resolution_time_bh", ValueKind::Duration},
    {TicketField::Reopens, "reopens", ValueKind::Integer},
    {TicketField::AgentReplies, "agent_replies", ValueKind::Integer},
    {TicketField::Satisfaction, "satisfaction", ValueKind::Satisfaction},
    {TicketField::Tags, "tags", ValueKind::Text},
    {TicketField::HandleTime, "handle_time", ValueKind::Duration},
}};

constexpr bool fieldInfosInOrder()
{
    for (int i = 0; i < ticketFieldCount; ++i) {
        if (int(fieldInfos[std::size_t(i)].field) != i)
            return false;
    }
    return true;
}
static_assert(fieldInfosInOrder(), "fieldInfos must follow the order of TicketField");

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size()
           && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                  return std::tolower(static_cast<unsigned char>(x))
                         == std::tolower(static_cast<unsigned char>(y));
              });
}

bool containsIgnoreCase(std::string_view haystack, std::string_view needle)
{
    if (needle.size() > haystack.size())
        return false;
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        if (equalsIgnoreCase(haystack.substr(i, needle.size()), needle))
            return true;
    }
    return false;
}

} // namespace

ValueKind valueKindOf(TicketField field)
{
    return fieldInfos[std::size_t(field)].kind;
}

QString fieldId(TicketField field)
{
    return QString::fromLatin1(fieldInfos[std::size_t(field)].id);
}

std::optional<TicketField> ticketFieldFromId(const QString &id)
{
    for (const FieldInfo &info : fieldInfos) {
        if (id == QLatin1String(info.id))
            return info.field;
    }
    return std::nullopt;
}

QString expectedValueDescription(ValueKind kind)
{
    switch (kind) {
    case ValueKind::Text: return QObject::tr("text");
    case ValueKind::DateTime: return QObject::tr("a date-time such as 2024-03-05 14:30");
    case ValueKind::Duration:
        return QObject::tr("a duration (a number in the column's unit, or H:MM:SS)");
    case ValueKind::Integer: return QObject::tr("a whole number");
    case ValueKind::Satisfaction:
        return QObject::tr("a satisfaction rating (1-5, good/bad, offered/unoffered)");
    }
    return {};
}

std::string_view normalizedChannel(std::string_view label)
{
    const std::string_view text = trimmed(label);
    if (text.empty())
        return {};
    struct Rule
    {
        std::string_view needle;
        std::string_view channel;
    };
    // Checked in order, as substrings: "Phone call (inbound)" and "Voicemail" are Phone,
    // "Web form"/"Portal"/"Web widget" are Web, "Social media"/"Twitter"/"Facebook" Social.
    static constexpr Rule exact[] = {
        {"email", "Email"}, {"e-mail", "Email"}, {"mail", "Email"}, {"web", "Web"},
        {"portal", "Web"},  {"chat", "Chat"},    {"phone", "Phone"}, {"social", "Social"},
        {"api", "API"},     {"other", "Other"},
    };
    for (const Rule &rule : exact) {
        if (equalsIgnoreCase(text, rule.needle))
            return rule.channel;
    }
    static constexpr Rule contains[] = {
        {"mail", "Email"},     {"phone", "Phone"},    {"voice", "Phone"},   {"call", "Phone"},
        {"chat", "Chat"},      {"messag", "Chat"},    {"whatsapp", "Chat"}, {"sms", "Chat"},
        {"web", "Web"},        {"portal", "Web"},     {"form", "Web"},      {"feedback widget", "Web"},
        {"twitter", "Social"}, {"facebook", "Social"}, {"instagram", "Social"}, {"social", "Social"},
        {"api", "API"},
    };
    for (const Rule &rule : contains) {
        if (containsIgnoreCase(text, rule.needle))
            return rule.channel;
    }
    return text;
}

void TicketRow::clear()
{
    // Keeps the capacity of the two owned strings: a million rows reuse one allocation.
    std::string keptExtra = std::move(extraBuffer);
    std::string keptTags = std::move(tagsBuffer);
    *this = TicketRow{};
    keptExtra.clear();
    keptTags.clear();
    extraBuffer = std::move(keptExtra);
    tagsBuffer = std::move(keptTags);
}

} // namespace sl
