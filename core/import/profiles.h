#pragma once

// Source profiles: which header names a help desk writes for each canonical ticket field.
//
// A profile is data, not code: a list of (header name -> field, unit) rules plus the
// signature columns that must all be present for the profile to claim a header. Detection
// scores every profile against a file's header; `inspect` shows the winner, and for a header
// nobody claims, the closest profile and the columns it misses.

#include "domain/ticketfields.h"
#include "import/valueparsers.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <optional>
#include <string_view>
#include <vector>

namespace sl {

struct ColumnRule
{
    std::string_view header; // normalised: lower case, trimmed, inner white space collapsed
    TicketField field;
    DurationUnit unit = DurationUnit::Minutes; // for Duration fields
    // Some tools write "First Response Time" as a timestamp, others as a duration: the field is a
    // DateTime (FirstReplyAt, SolvedAt) unless the data are durations, read in `unit`.
    bool dateOrDuration = false;
    // Every column of this name binds, not only the first: Jira writes one "Labels" column per
    // label, and all of them are the ticket's tags.
    bool everyColumn = false;
};

// The duration field a date-or-duration column becomes when its values are durations.
TicketField durationCounterpart(TicketField dateField);

struct SourceProfile
{
    std::string_view id;          // --profile value: "zendesk", "zendesk-explore", "freshdesk", "generic"
    std::string_view source;      // rows are keyed by (source, the export's own id)
    std::string_view displayName; // "Zendesk (ticket CSV export)"
    std::vector<std::string_view> signature; // all present, or the profile does not claim the header
    std::vector<ColumnRule> rules;            // first rule naming a field wins for that field
    bool generic = false; // matches by synonyms; only chosen when no specific profile claims the header
};

const std::vector<SourceProfile> &ticketProfiles();
const SourceProfile *findProfile(std::string_view id);

// "  First Reply Time  (min) " -> "first reply time (min)"
QString normalizedHeader(const QString &header);

// One column bound to a field.
struct ColumnBinding
{
    int column = -1;
    TicketField field = TicketField::Count;
    DurationUnit unit = DurationUnit::Minutes;
    bool dateOrDuration = false;
    // Valid when the header names the zone of the column's times ("Created at (America/New_York)",
    // as Intercom writes): it wins over the import's --timezone for that column.
    QTimeZone zone = QTimeZone();
};

struct ProfileMatch
{
    const SourceProfile *profile = nullptr;
    std::vector<ColumnBinding> bindings; // at most one per column, and per field unless its rule binds every column
    QStringList missingSignature;        // signature columns the header lacks
    int score = 0;                       // columns bound
    bool claims() const { return profile && missingSignature.isEmpty(); }
    std::optional<ColumnBinding> bindingFor(TicketField field) const;
    std::optional<TicketField> fieldOfColumn(int column) const;
};

ProfileMatch matchProfile(const SourceProfile &profile, const QStringList &header);

// The user's edits of a match (the import dialog's mapping): `overrides` maps a header name to a
// field id, or to "" to leave the column unbound (kept as an extra column). A field takes one
// column, so binding it elsewhere unbinds its old column (tags excepted: every tags column counts).
// False with *error set for an unknown field id; `match` is then unchanged.
bool applyColumnOverrides(ProfileMatch &match, const QStringList &header, const QHash<QString, QString> &overrides,
                          QString *error);

// The profile for a header: the specific profile with the highest score whose signature is
// complete; else the generic one if it binds an id and at least two more fields. `forcedId`
// ("auto" or empty for detection) names one profile, or a family ("zendesk" covers both exports).
struct ProfileDetection
{
    std::optional<ProfileMatch> match; // empty: no profile fits
    ProfileMatch closest;              // the best candidate, for the message when none fits
    QString message;                   // why nothing fits, for the user
};
ProfileDetection detectTicketProfile(const QStringList &header, const QString &forcedId = {});

} // namespace sl
