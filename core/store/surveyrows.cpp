#include "store/surveyrows.h"

#include "store/database.h"
#include "store/sqlite.h"

#include <QHash>

#include <limits>
#include <unordered_map>

namespace sl {

namespace {

using surveys::SurveyResponse;
using surveys::SurveyScale;
using surveys::SurveyType;

constexpr std::int64_t noTime = SurveyResponse::noTime;

// id -> name of a name table (agents, teams, channels).
std::unordered_map<std::int64_t, QString> namesOf(sqlite::Connection &c, std::string_view sql)
{
    std::unordered_map<std::int64_t, QString> names;
    sqlite::Statement query = c.prepare(sql);
    while (query.isValid() && query.step() == sqlite::Statement::StepResult::Row)
        names.emplace(query.columnInt(0), query.columnText(1));
    return names;
}

} // namespace

std::optional<SurveyRows> loadSurveyRows(Database &db, QString *error)
{
    sqlite::Connection &c = db.connection();
    SurveyRows data;
    const std::unordered_map<std::int64_t, QString> agents = namesOf(c, "SELECT id, name FROM agents");
    QHash<QString, std::int16_t> agentIndex;
    const auto agentOf = [&](std::int64_t id) -> std::int16_t {
        const auto found = agents.find(id);
        if (found == agents.end())
            return -1;
        const auto known = agentIndex.constFind(found->second);
        if (known != agentIndex.constEnd())
            return *known;
        if (data.agentNames.size() >= std::numeric_limits<std::int16_t>::max())
            return -1;
        const auto index = std::int16_t(data.agentNames.size());
        data.agentNames.append(found->second);
        agentIndex.insert(found->second, index);
        return index;
    };

    // The tickets responses name, by their external id as text (numeric ids are stored as
    // integers). The first imported wins when two help desks use the same id.
    const std::unordered_map<std::int64_t, QString> channels = namesOf(c, "SELECT id, name FROM channels");
    const std::unordered_map<std::int64_t, QString> teams = namesOf(c, "SELECT id, name FROM teams");
    QHash<QString, std::int32_t> ticketIndex;
    sqlite::Statement tickets = c.prepare(
        "SELECT CAST(external_id AS TEXT), solved_at, agent_id, channel_id, team_id, priority, tags FROM tickets "
        // The constant EXISTS is tested once, before the scan: with no response naming a
        // ticket (no survey data, most often) no ticket id is turned into text.
        "WHERE EXISTS (SELECT 1 FROM survey_responses WHERE ticket_external_id IS NOT NULL) "
        "AND CAST(external_id AS TEXT) IN (SELECT ticket_external_id FROM survey_responses "
        "WHERE ticket_external_id IS NOT NULL) ORDER BY id");
    if (!tickets.isValid()) {
        *error = c.lastError();
        return std::nullopt;
    }
    const auto nameIn = [](const std::unordered_map<std::int64_t, QString> &names, std::int64_t id) {
        const auto found = names.find(id);
        return found == names.end() ? QString() : found->second;
    };
    sqlite::Statement::StepResult step;
    while ((step = tickets.step()) == sqlite::Statement::StepResult::Row) {
        const QString id = tickets.columnText(0);
        if (ticketIndex.contains(id))
            continue;
        LinkedTicket ticket;
        if (!tickets.columnIsNull(1))
            ticket.solvedAt = tickets.columnInt(1);
        if (!tickets.columnIsNull(2))
            ticket.agent = agentOf(tickets.columnInt(2));
        ticket.channel = nameIn(channels, tickets.columnInt(3));
        ticket.team = nameIn(teams, tickets.columnInt(4));
        ticket.priority = tickets.columnText(5);
        ticket.tags = tickets.columnText(6).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        ticketIndex.insert(id, std::int32_t(data.tickets.size()));
        data.tickets.push_back(std::move(ticket));
    }
    if (step == sqlite::Statement::StepResult::Error) {
        *error = c.lastError();
        return std::nullopt;
    }

    sqlite::Statement responses
        = c.prepare("SELECT responded_at, survey_type, score, scale_min, scale_max, ticket_external_id, agent_id "
                    "FROM survey_responses ORDER BY id");
    if (!responses.isValid()) {
        *error = c.lastError();
        return std::nullopt;
    }
    while ((step = responses.step()) == sqlite::Statement::StepResult::Row) {
        SurveyResponse r;
        if (!responses.columnIsNull(0))
            r.respondedAt = responses.columnInt(0);
        const std::string_view type = responses.columnUtf8(1);
        r.type = type == "nps" ? SurveyType::Nps : type == "ces" ? SurveyType::Ces : SurveyType::Csat;
        if (!responses.columnIsNull(2))
            r.score = responses.columnDouble(2);
        r.scale = SurveyScale { std::int8_t(responses.columnInt(3)), std::int8_t(responses.columnInt(4)) };
        if (!responses.columnIsNull(5))
            r.ticket = ticketIndex.value(responses.columnText(5), -1);
        if (!responses.columnIsNull(6))
            r.agent = agentOf(responses.columnInt(6));
        if (r.agent < 0 && r.ticket >= 0)
            r.agent = data.tickets[std::size_t(r.ticket)].agent;

        std::int64_t placed = r.respondedAt;
        if (placed == noTime && r.ticket >= 0)
            placed = data.tickets[std::size_t(r.ticket)].solvedAt;
        data.placedAt.push_back(placed);
        data.fields.csat |= r.type == SurveyType::Csat;
        data.fields.nps |= r.type == SurveyType::Nps;
        data.fields.ces |= r.type == SurveyType::Ces;
        data.fields.agent |= r.agent >= 0;
        data.responses.push_back(r);
    }
    if (step == sqlite::Statement::StepResult::Error) {
        *error = c.lastError();
        return std::nullopt;
    }
    return data;
}

} // namespace sl
