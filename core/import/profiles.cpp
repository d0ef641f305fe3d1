#include "import/profiles.h"

#include <algorithm>

#include <QHash>
#include <QObject>
#include <QSet>

namespace sl {

namespace {

using F = TicketField;
using U = DurationUnit;

std::vector<SourceProfile> makeProfiles()
{
    std::vector<SourceProfile> profiles;

    // Zendesk Support's classic "CSV" ticket export (Reporting > Export). Times are in the
    // account's time zone without an offset; durations in whole minutes; "Satisfaction Score"
    // is Good/Bad/Offered/Unoffered. "Resolution time" (whole hours) is kept as an extra
    // column: the minutes column says the same with more precision.
    profiles.push_back({
        "zendesk", "zendesk", "Zendesk (ticket CSV export)",
        {"id", "via", "created at", "solved at", "assignee"},
        {
            {"id", F::ExternalId},
            {"subject", F::Subject},
            {"status", F::Status},
            {"priority", F::Priority},
            {"ticket type", F::Type},
            {"via", F::Channel},
            {"assignee", F::Agent},
            {"group", F::Team},
            {"requester", F::RequesterName},
            {"requester email", F::RequesterEmail},
            {"requester id", F::RequesterId},
            {"created at", F::CreatedAt},
            {"solved at", F::SolvedAt},
            {"first reply time in minutes", F::FirstReplyDuration, U::Minutes},
            {"first reply time in minutes within business hours", F::FirstReplyDurationBh, U::Minutes},
            {"full resolution time in minutes", F::ResolutionDuration, U::Minutes},
            {"full resolution time in minutes within business hours", F::ResolutionDurationBh, U::Minutes},
            {"reopens", F::Reopens},
            {"replies", F::AgentReplies},
            {"satisfaction score", F::Satisfaction},
            {"tags", F::Tags},
            {"total time spent (sec) [int]", F::HandleTime, U::Seconds},
            {"total time spent (sec)", F::HandleTime, U::Seconds},
        },
    });

    // Zendesk Explore: a report over the "Support - Tickets" dataset exported as CSV. Attribute
    // and metric names carry their unit in brackets.
    profiles.push_back({
        "zendesk-explore", "zendesk", "Zendesk Explore (report export)",
        {"ticket id", "ticket created - timestamp"},
        {
            {"ticket id", F::ExternalId},
            {"ticket subject", F::Subject},
            {"ticket status", F::Status},
            {"ticket priority", F::Priority},
            {"ticket type", F::Type},
            {"ticket channel", F::Channel},
            {"assignee name", F::Agent},
            {"ticket group", F::Team},
            {"requester name", F::RequesterName},
            {"requester email", F::RequesterEmail},
            {"requester id", F::RequesterId},
            {"ticket created - timestamp", F::CreatedAt},
            {"ticket solved - timestamp", F::SolvedAt},
            {"first reply time (min)", F::FirstReplyDuration, U::Minutes},
            {"first reply time (hrs)", F::FirstReplyDuration, U::Hours},
            {"first reply time - business hours (min)", F::FirstReplyDurationBh, U::Minutes},
            {"first reply time - business hours (hrs)", F::FirstReplyDurationBh, U::Hours},
            {"full resolution time (min)", F::ResolutionDuration, U::Minutes},
            {"full resolution time (hrs)", F::ResolutionDuration, U::Hours},
            {"full resolution time - business hours (min)", F::ResolutionDurationBh, U::Minutes},
            {"full resolution time - business hours (hrs)", F::ResolutionDurationBh, U::Hours},
            {"reopens", F::Reopens},
            {"agent replies", F::AgentReplies},
            {"ticket satisfaction rating", F::Satisfaction},
            {"ticket tags", F::Tags},
            {"total time spent (sec)", F::HandleTime, U::Seconds},
        },
    });

    // Freshdesk's ticket export (Tickets > Export). "First response time (in hrs)" and
    // "Resolution time (in hrs)" count business hours only, so they are the _bh columns and never
    // stand in for calendar time. "Resolved time" is empty for tickets closed without being
    // resolved first; "Closed time" stands in then.
    profiles.push_back({
        "freshdesk", "freshdesk", "Freshdesk (ticket export)",
        {"ticket id", "source", "created time"},
        {
            {"ticket id", F::ExternalId},
            {"subject", F::Subject},
            {"status", F::Status},
            {"priority", F::Priority},
            {"type", F::Type},
            {"source", F::Channel},
            {"agent", F::Agent},
            {"group", F::Team},
            {"full name", F::RequesterName},
            {"email", F::RequesterEmail},
            {"contact id", F::RequesterId},
            {"created time", F::CreatedAt},
            {"initial response time", F::FirstReplyAt},
            {"resolved time", F::SolvedAt},
            {"closed time", F::ClosedAt},
            {"first response time (in hrs)", F::FirstReplyDurationBh, U::Hours},
            {"resolution time (in hrs)", F::ResolutionDurationBh, U::Hours},
            {"agent interactions", F::AgentReplies},
            {"survey results", F::Satisfaction},
            {"tags", F::Tags},
            {"time tracked", F::HandleTime, U::Hours},
        },
    });

    // Intercom's conversation export. Time columns carry their zone in the name ("Created at
    // (UTC)", "Created at (America/New_York)"); matchProfile reads it from there. Durations are in
    // seconds; the "office hours" ones count business hours only. Ratings are left as an extra
    // column: Intercom writes them as emoji labels or 1-5 depending on the report.
    profiles.push_back({
        "intercom", "intercom", "Intercom (conversation export)",
        {"conversation id", "time to first response (seconds)"},
        {
            {"conversation id", F::ExternalId},
            {"conversation title", F::Subject}, {"title", F::Subject}, {"subject", F::Subject},
            {"conversation state", F::Status}, {"state", F::Status}, {"status", F::Status},
            {"priority", F::Priority},
            {"channel", F::Channel}, {"conversation channel", F::Channel}, {"source", F::Channel},
            {"teammate assigned", F::Agent}, {"teammate currently assigned", F::Agent},
            {"assigned teammate", F::Agent}, {"assignee", F::Agent},
            {"team assigned", F::Team}, {"team currently assigned", F::Team}, {"team", F::Team},
            {"user name", F::RequesterName}, {"contact name", F::RequesterName}, {"customer name", F::RequesterName},
            {"user email", F::RequesterEmail}, {"contact email", F::RequesterEmail}, {"email", F::RequesterEmail},
            {"user id", F::RequesterId}, {"contact id", F::RequesterId},
            {"created at", F::CreatedAt}, {"conversation started at", F::CreatedAt}, {"started at", F::CreatedAt},
            {"first response at", F::FirstReplyAt}, {"first teammate reply at", F::FirstReplyAt},
            {"last closed at", F::SolvedAt}, {"closed at", F::SolvedAt},
            {"time to first response (seconds)", F::FirstReplyDuration, U::Seconds},
            {"time to first response within office hours (seconds)", F::FirstReplyDurationBh, U::Seconds},
            {"time to first response, office hours (seconds)", F::FirstReplyDurationBh, U::Seconds},
            {"time to last close (seconds)", F::ResolutionDuration, U::Seconds},
            {"time to close (seconds)", F::ResolutionDuration, U::Seconds},
            {"time to last close within office hours (seconds)", F::ResolutionDurationBh, U::Seconds},
            {"time to close within office hours (seconds)", F::ResolutionDurationBh, U::Seconds},
            {"reopens", F::Reopens}, {"number of reopens", F::Reopens},
            {"teammate replies", F::AgentReplies}, {"number of teammate replies", F::AgentReplies},
            {"conversation tags", F::Tags}, {"tags", F::Tags},
        },
    });

    // Jira Service Management (and Jira) issue CSV export. Dates are "12/Mar/24 3:45 PM" in the
    // exporting user's zone. Jira repeats a header once per value: every "Labels" column is a tag;
    // the "Comment" columns stay extra columns, numbered. The issue key is the id people quote and
    // the one that stays in every export; "Issue id" is kept as an extra column. "Time Spent" is
    // in seconds.
    profiles.push_back({
        "jira-sm", "jira", "Jira Service Management (issue CSV export)",
        {"issue key", "issue id", "summary", "created"},
        {
            {"issue key", F::ExternalId},
            {"summary", F::Subject},
            {"status", F::Status},
            {"priority", F::Priority},
            {"request type", F::Type}, {"custom field (request type)", F::Type},
            {"custom field (customer request type)", F::Type}, {"issue type", F::Type},
            {"assignee", F::Agent},
            {"custom field (team)", F::Team}, {"team", F::Team},
            {"reporter", F::RequesterName},
            {"created", F::CreatedAt},
            {"resolved", F::SolvedAt},
            {"custom field (satisfaction)", F::Satisfaction}, {"satisfaction", F::Satisfaction},
            {.header = "labels", .field = F::Tags, .everyColumn = true},
            {"time spent", F::HandleTime, U::Seconds},
        },
    });

    // HubSpot's tickets export (CRM > Tickets > Export). "Time to first agent reply" and "Time to
    // close" are durations HubSpot keeps in milliseconds (an H:MM:SS value reads as what it says).
    profiles.push_back({
        "hubspot", "hubspot", "HubSpot (tickets export)",
        {"ticket id", "ticket name", "pipeline", "ticket status"},
        {
            {"ticket id", F::ExternalId},
            {"ticket name", F::Subject},
            {"ticket status", F::Status},
            {"priority", F::Priority},
            {"category", F::Type}, {"ticket category", F::Type},
            {"source", F::Channel},
            {"ticket owner", F::Agent},
            {"hubspot team", F::Team},
            {"associated contact", F::RequesterName},
            {"create date", F::CreatedAt},
            {"first agent email response date", F::FirstReplyAt}, {"first agent reply date", F::FirstReplyAt},
            {"close date", F::SolvedAt},
            {"time to first agent reply", F::FirstReplyDuration, U::Milliseconds},
            {"time to first agent reply (business hours)", F::FirstReplyDurationBh, U::Milliseconds},
            {"time to close", F::ResolutionDuration, U::Milliseconds},
            {"time to close (business hours)", F::ResolutionDurationBh, U::Milliseconds},
            {"ticket tags", F::Tags}, {"tags", F::Tags},
        },
    });

    // Zoho Desk's ticket export. Dates such as "12 Mar 2024 03:45 PM". Zoho has no separate
    // resolved time: "Closed Time" is the solve. The "(in hrs)" durations are calendar hours
    // unless their name says business hours.
    profiles.push_back({
        "zoho-desk", "zoho-desk", "Zoho Desk (ticket export)",
        {"ticket id", "ticket owner", "department", "created time"},
        {
            {"ticket id", F::ExternalId},
            {"subject", F::Subject},
            {"status", F::Status},
            {"priority", F::Priority},
            {"classification", F::Type}, {"category", F::Type},
            {"channel", F::Channel},
            {"ticket owner", F::Agent},
            {"team", F::Team}, {"department", F::Team},
            {"contact name", F::RequesterName},
            {"email", F::RequesterEmail}, {"contact email", F::RequesterEmail},
            {"contact id", F::RequesterId},
            {"created time", F::CreatedAt},
            {"closed time", F::SolvedAt},
            {"first response time (in hrs)", F::FirstReplyDuration, U::Hours},
            {"first response time in business hours (in hrs)", F::FirstReplyDurationBh, U::Hours},
            {"resolution time (in hrs)", F::ResolutionDuration, U::Hours},
            {"resolution time in business hours (in hrs)", F::ResolutionDurationBh, U::Hours},
            {"tags", F::Tags},
        },
    });

    // Help Scout's conversation export. "Number" is the #1234 people see and is kept as an extra
    // column; rows are keyed by the conversation id. "First Response Time" is a timestamp in some
    // exports and a duration in others (the data decides); a plain number is seconds, Help Scout's
    // unit for durations.
    profiles.push_back({
        "helpscout", "helpscout", "Help Scout (conversation export)",
        {"conversation id", "number", "mailbox"},
        {
            {"conversation id", F::ExternalId},
            {"subject", F::Subject},
            {"status", F::Status},
            {"type", F::Channel},
            {"assigned to", F::Agent}, {"assignee", F::Agent},
            {"mailbox", F::Team},
            {"customer name", F::RequesterName},
            {"customer email", F::RequesterEmail},
            {"customer id", F::RequesterId},
            {"created at", F::CreatedAt},
            {"closed at", F::SolvedAt},
            {"first response time", F::FirstReplyAt, U::Seconds, true},
            {"first response time (business hours)", F::FirstReplyDurationBh, U::Seconds},
            {"resolution time", F::ResolutionDuration, U::Seconds},
            {"resolution time (business hours)", F::ResolutionDurationBh, U::Seconds},
            {"replies", F::AgentReplies},
            {"tags", F::Tags},
        },
    });

    // Front's conversation export (Analytics > Export). An inbox is the team that works it.
    // Durations in seconds; the "business hours" ones count business hours only.
    profiles.push_back({
        "front", "front", "Front (conversation export)",
        {"conversation id", "inbox", "created at"},
        {
            {"conversation id", F::ExternalId},
            {"subject", F::Subject},
            {"status", F::Status},
            {"channel", F::Channel},
            {"assignee", F::Agent},
            {"inbox", F::Team},
            {"contact name", F::RequesterName},
            {"contact email", F::RequesterEmail}, {"recipient", F::RequesterEmail},
            {"created at", F::CreatedAt},
            {"resolved at", F::SolvedAt}, {"archived at", F::SolvedAt},
            {"first response time", F::FirstReplyAt, U::Seconds, true},
            {"first response time (business hours)", F::FirstReplyDurationBh, U::Seconds},
            {"resolution time", F::ResolutionDuration, U::Seconds},
            {"resolution time (business hours)", F::ResolutionDurationBh, U::Seconds},
            {"replies", F::AgentReplies}, {"number of replies", F::AgentReplies},
            {"tags", F::Tags},
        },
    });

    // Anything else that looks like a ticket list: the names people and smaller tools use.
    // "First Response Time" and "Time to Resolution" are timestamps in some files (the Kaggle
    // data set) and durations in others, so the data decides.
    profiles.push_back({
        "generic", "generic", "Generic ticket list",
        {},
        {
            {"ticket id", F::ExternalId}, {"ticket number", F::ExternalId}, {"ticket no", F::ExternalId},
            {"ticket_id", F::ExternalId}, {"case id", F::ExternalId}, {"case number", F::ExternalId},
            {"issue id", F::ExternalId}, {"issue key", F::ExternalId}, {"conversation id", F::ExternalId},
            {"id", F::ExternalId}, {"number", F::ExternalId}, {"ticket", F::ExternalId},

            {"subject", F::Subject}, {"ticket subject", F::Subject}, {"title", F::Subject},
            {"summary", F::Subject},

            {"status", F::Status}, {"ticket status", F::Status}, {"state", F::Status},
            {"priority", F::Priority}, {"ticket priority", F::Priority}, {"severity", F::Priority},
            {"type", F::Type}, {"ticket type", F::Type}, {"issue type", F::Type}, {"category", F::Type},
            {"topic", F::Type},

            {"channel", F::Channel}, {"ticket channel", F::Channel}, {"source", F::Channel},
            {"via", F::Channel}, {"medium", F::Channel}, {"origin", F::Channel},

            {"agent", F::Agent}, {"agent name", F::Agent}, {"assignee", F::Agent},
            {"assignee name", F::Agent}, {"assigned to", F::Agent}, {"owner", F::Agent},
            {"team", F::Team}, {"group", F::Team}, {"queue", F::Team}, {"department", F::Team},
            {"assignment group", F::Team},

            {"customer name", F::RequesterName}, {"requester", F::RequesterName},
            {"requester name", F::RequesterName}, {"customer", F::RequesterName},
            {"contact name", F::RequesterName}, {"reporter", F::RequesterName},
            {"customer email", F::RequesterEmail}, {"requester email", F::RequesterEmail},
            {"email", F::RequesterEmail}, {"contact email", F::RequesterEmail},
            {"customer id", F::RequesterId}, {"requester id", F::RequesterId}, {"contact id", F::RequesterId},

            {"created", F::CreatedAt}, {"created at", F::CreatedAt}, {"created_at", F::CreatedAt},
            {"created date", F::CreatedAt}, {"created time", F::CreatedAt}, {"creation date", F::CreatedAt},
            {"date created", F::CreatedAt}, {"opened", F::CreatedAt}, {"opened at", F::CreatedAt},
            {"submitted at", F::CreatedAt},

            {"first response time", F::FirstReplyAt, U::Minutes, true},
            {"first reply time", F::FirstReplyAt, U::Minutes, true},
            {"first response at", F::FirstReplyAt}, {"first replied at", F::FirstReplyAt},
            {"first response time (min)", F::FirstReplyDuration, U::Minutes},
            {"first reply time (min)", F::FirstReplyDuration, U::Minutes},
            {"first response time (hrs)", F::FirstReplyDuration, U::Hours},

            {"solved at", F::SolvedAt}, {"resolved at", F::SolvedAt}, {"resolved", F::SolvedAt},
            {"resolved date", F::SolvedAt}, {"resolution date", F::SolvedAt},
            {"time to resolution", F::SolvedAt, U::Hours, true},
            {"resolution time", F::SolvedAt, U::Hours, true},
            {"closed at", F::ClosedAt}, {"closed date", F::ClosedAt}, {"closed", F::ClosedAt},
            {"resolution time (hrs)", F::ResolutionDuration, U::Hours},
            {"resolution time (min)", F::ResolutionDuration, U::Minutes},

            {"reopens", F::Reopens}, {"reopen count", F::Reopens}, {"times reopened", F::Reopens},
            {"replies", F::AgentReplies}, {"agent replies", F::AgentReplies},

            {"customer satisfaction rating", F::Satisfaction}, {"satisfaction rating", F::Satisfaction},
            {"satisfaction", F::Satisfaction}, {"csat", F::Satisfaction}, {"rating", F::Satisfaction},
            {"satisfaction score", F::Satisfaction},

            {"tags", F::Tags}, {"labels", F::Tags},
            {"handle time", F::HandleTime, U::Minutes}, {"handling time", F::HandleTime, U::Minutes},
            {"time spent", F::HandleTime, U::Minutes},
        },
        true,
    });
    return profiles;
}

} // namespace

TicketField durationCounterpart(TicketField dateField)
{
    switch (dateField) {
    case TicketField::FirstReplyAt: return TicketField::FirstReplyDuration;
    case TicketField::SolvedAt:
    case TicketField::ClosedAt: return TicketField::ResolutionDuration;
    default: return dateField;
    }
}

const std::vector<SourceProfile> &ticketProfiles()
{
    static const std::vector<SourceProfile> profiles = makeProfiles();
    return profiles;
}

const SourceProfile *findProfile(std::string_view id)
{
    for (const SourceProfile &profile : ticketProfiles()) {
        if (profile.id == id)
            return &profile;
    }
    return nullptr;
}

QString normalizedHeader(const QString &header)
{
    return header.simplified().toLower();
}

std::optional<ColumnBinding> ProfileMatch::bindingFor(TicketField field) const
{
    for (const ColumnBinding &binding : bindings) {
        if (binding.field == field)
            return binding;
    }
    return std::nullopt;
}

std::optional<TicketField> ProfileMatch::fieldOfColumn(int column) const
{
    for (const ColumnBinding &binding : bindings) {
        if (binding.column == column)
            return binding.field;
    }
    return std::nullopt;
}

ProfileMatch matchProfile(const SourceProfile &profile, const QStringList &header)
{
    ProfileMatch match;
    match.profile = &profile;
    const auto text = [](std::string_view name) { return QString::fromLatin1(name.data(), qsizetype(name.size())); };

    // The rules by header name, so that the header is read once, whatever the number of rules:
    // the hostile-file test has a million columns. A date rule's columns may carry their time
    // zone in the name.
    QHash<QString, std::vector<std::size_t>> rulesByName;
    QSet<QString> dateNames;
    for (std::size_t i = 0; i < profile.rules.size(); ++i) {
        const QString name = text(profile.rules[i].header);
        rulesByName[name].push_back(i);
        if (valueKindOf(profile.rules[i].field) == ValueKind::DateTime)
            dateNames.insert(name);
    }
    QSet<QString> signature;
    for (std::string_view wanted : profile.signature)
        signature.insert(text(wanted));

    std::vector<std::vector<int>> columnsOfRule(profile.rules.size());
    QSet<QString> present; // the signature names the header has
    QHash<int, QTimeZone> zoneOfColumn;
    for (qsizetype column = 0; column < header.size(); ++column) {
        QString name = normalizedHeader(header[column]);
        // "Created at (America/New_York)": the zone of the column's times. A suffix that names no
        // zone ("(min)", "(in hrs)") stays part of the name.
        if (name.endsWith(QLatin1Char(')'))) {
            const qsizetype open = name.lastIndexOf(QStringLiteral(" ("));
            if (open > 0 && dateNames.contains(name.left(open))) {
                const QString spelled = header[column].simplified();
                const QTimeZone zone = timeZoneFromName(spelled.mid(open + 2, spelled.size() - open - 3));
                if (zone.isValid()) {
                    name.truncate(open);
                    zoneOfColumn.insert(int(column), zone);
                }
            }
        }
        if (signature.contains(name))
            present.insert(name);
        const auto rules = rulesByName.constFind(name);
        if (rules == rulesByName.constEnd())
            continue;
        for (const std::size_t rule : *rules) {
            if (columnsOfRule[rule].empty() || profile.rules[rule].everyColumn)
                columnsOfRule[rule].push_back(int(column));
        }
    }
    for (std::string_view wanted : profile.signature) {
        if (!present.contains(text(wanted)))
            match.missingSignature.append(text(wanted));
    }

    std::vector<bool> columnTaken(std::size_t(header.size()), false);
    std::array<bool, ticketFieldCount> fieldTaken{};
    // Rules are tried in order, so for the generic profile the earlier synonym wins.
    for (std::size_t i = 0; i < profile.rules.size(); ++i) {
        const ColumnRule &rule = profile.rules[i];
        if (fieldTaken[std::size_t(rule.field)])
            continue;
        // The first column of that name (later duplicates stay extra columns), or all of them.
        for (const int column : columnsOfRule[i]) {
            if (columnTaken[std::size_t(column)]) {
                if (rule.everyColumn)
                    continue;
                break;
            }
            columnTaken[std::size_t(column)] = true;
            fieldTaken[std::size_t(rule.field)] = true;
            match.bindings.push_back({column, rule.field, rule.unit, rule.dateOrDuration, zoneOfColumn.value(column)});
        }
    }
    match.score = int(match.bindings.size());
    return match;
}

bool applyColumnOverrides(ProfileMatch &match, const QStringList &header, const QHash<QString, QString> &overrides,
                          QString *error)
{
    if (overrides.isEmpty())
        return true;
    std::vector<ColumnBinding> bindings = match.bindings;
    for (qsizetype column = 0; column < header.size(); ++column) {
        const auto override = overrides.constFind(header[column]);
        if (override == overrides.constEnd())
            continue;
        std::optional<TicketField> field;
        if (!override->isEmpty()) {
            field = ticketFieldFromId(*override);
            if (!field) {
                if (error)
                    *error = QObject::tr("column \"%1\": unknown field \"%2\"").arg(header[column], *override);
                return false;
            }
        }
        const auto old = std::find_if(bindings.begin(), bindings.end(),
                                      [&](const ColumnBinding &b) { return b.column == int(column); });
        // Choosing what was detected keeps the detection (a duration's unit, date-or-duration).
        if (old != bindings.end() && field && old->field == *field)
            continue;
        ColumnBinding binding{int(column), field.value_or(TicketField::Count)};
        if (old != bindings.end()) {
            binding.unit = old->unit;
            binding.zone = old->zone;
            bindings.erase(old);
        }
        if (!field)
            continue;
        if (*field != TicketField::Tags) {
            std::erase_if(bindings, [&](const ColumnBinding &b) { return b.field == *field; });
        }
        bindings.push_back(binding);
    }
    match.bindings = std::move(bindings);
    match.score = int(match.bindings.size());
    return true;
}

ProfileDetection detectTicketProfile(const QStringList &header, const QString &forcedId)
{
    ProfileDetection detection;
    const bool automatic = forcedId.isEmpty() || forcedId == QLatin1String("auto");

    std::vector<const SourceProfile *> candidates;
    for (const SourceProfile &profile : ticketProfiles()) {
        const QString id = QString::fromLatin1(profile.id.data(), qsizetype(profile.id.size()));
        const QString source = QString::fromLatin1(profile.source.data(), qsizetype(profile.source.size()));
        // The spec's short names ("zoho", "jira") name a family: the id up to its first '-'.
        if (automatic || id == forcedId || source == forcedId || id.section(QLatin1Char('-'), 0, 0) == forcedId)
            candidates.push_back(&profile);
    }
    if (candidates.empty()) {
        QStringList known;
        for (const SourceProfile &profile : ticketProfiles())
            known.append(QString::fromLatin1(profile.id.data(), qsizetype(profile.id.size())));
        detection.message = QObject::tr("unknown profile \"%1\" (known: %2)")
                                .arg(forcedId, known.join(QStringLiteral(", ")));
        return detection;
    }

    std::optional<ProfileMatch> bestSpecific;
    std::optional<ProfileMatch> generic;
    for (const SourceProfile *profile : candidates) {
        ProfileMatch match = matchProfile(*profile, header);
        if (match.score > detection.closest.score || !detection.closest.profile)
            detection.closest = match;
        if (profile->generic) {
            generic = std::move(match);
        } else if (match.claims() && (!bestSpecific || match.score > bestSpecific->score)) {
            bestSpecific = std::move(match);
        }
    }
    if (bestSpecific) {
        detection.match = std::move(bestSpecific);
        return detection;
    }
    // The generic profile needs an id to key rows by, and enough else to be a ticket list.
    if (generic && generic->bindingFor(TicketField::ExternalId) && generic->score >= 3) {
        detection.match = std::move(generic);
        return detection;
    }

    const ProfileMatch &closest = detection.closest;
    const QString closestName = closest.profile
                                    ? QString::fromUtf8(closest.profile->displayName.data(),
                                                        qsizetype(closest.profile->displayName.size()))
                                    : QString();
    if (closest.score == 0) {
        detection.message = QObject::tr("the header is not one of a known ticket export: none of its columns is one "
                                        "a help desk writes (such as \"Ticket ID\", \"Subject\" or \"Created at\")");
    } else if (generic && generic->bindingFor(TicketField::ExternalId)) {
        QStringList fields;
        for (const ColumnBinding &binding : generic->bindings)
            fields.append(header.value(binding.column));
        detection.message = QObject::tr("the header is not one of a known ticket export: only %1 look like ticket "
                                        "fields (a ticket list needs an id and at least two of subject, status, "
                                        "channel, agent, team, created, solved...)")
                                .arg(fields.join(QStringLiteral(", ")));
    } else if (!closest.missingSignature.isEmpty()) {
        detection.message = QObject::tr("the header is not one of a known ticket export; the closest is "
                                        "%1, which also needs the columns: %2")
                                .arg(closestName, closest.missingSignature.join(QStringLiteral(", ")));
    } else {
        detection.message = QObject::tr("the header is not one of a known ticket export: no column "
                                        "names a ticket id (such as \"Ticket ID\" or \"Id\")");
    }
    return detection;
}

} // namespace sl
