#include "store/callrows.h"

#include "store/database.h"
#include "store/sqlite.h"

#include <QHash>

#include <limits>
#include <unordered_map>

namespace sl {

namespace {

using calls::CallFacts;
using calls::CallOutcome;
using surveys::SurveyResponse;

// Dense indices for the names of one table (agents or teams), in order of first use.
class NameIndex
{
public:
    NameIndex(sqlite::Connection &c, std::string_view sql, QStringList *names)
        : m_names(names)
    {
        sqlite::Statement query = c.prepare(sql);
        while (query.isValid() && query.step() == sqlite::Statement::StepResult::Row)
            m_byId.emplace(query.columnInt(0), query.columnText(1));
    }
    std::int16_t indexOf(std::int64_t id)
    {
        const auto found = m_byId.find(id);
        if (found == m_byId.end())
            return -1;
        if (const auto known = m_index.constFind(found->second); known != m_index.constEnd())
            return *known;
        if (m_names->size() >= std::numeric_limits<std::int16_t>::max())
            return -1;
        const auto index = std::int16_t(m_names->size());
        m_names->append(found->second);
        m_index.insert(found->second, index);
        return index;
    }

private:
    QStringList *m_names;
    std::unordered_map<std::int64_t, QString> m_byId;
    QHash<QString, std::int16_t> m_index;
};

} // namespace

std::optional<CallRows> loadCallRows(Database &db, QString *error)
{
    sqlite::Connection &c = db.connection();
    CallRows data;
    NameIndex agents(c, "SELECT id, name FROM agents", &data.agentNames);
    NameIndex teams(c, "SELECT id, name FROM teams", &data.teamNames);
    sqlite::Statement rows
        = c.prepare("SELECT started_at, answered, wait_s, talk_s, hold_s, acw_s, resolved_first_contact, satisfaction, "
                    "satisfaction_scale, agent_id, team_id FROM calls ORDER BY id");
    if (!rows.isValid()) {
        *error = c.lastError();
        return std::nullopt;
    }
    const auto real = [&](int column) {
        return rows.columnIsNull(column) ? CallFacts::none : rows.columnDouble(column);
    };
    sqlite::Statement::StepResult step;
    while ((step = rows.step()) == sqlite::Statement::StepResult::Row) {
        CallFacts call;
        if (!rows.columnIsNull(0))
            call.startedAt = rows.columnInt(0);
        // answered NULL: the log says neither (voicemail, callback) or nothing: offered, in neither count.
        if (!rows.columnIsNull(1))
            call.outcome = rows.columnInt(1) != 0 ? CallOutcome::Answered : CallOutcome::Abandoned;
        call.waitS = real(2);
        call.talkS = real(3);
        call.holdS = real(4);
        call.afterCallWorkS = real(5);
        if (!rows.columnIsNull(6))
            call.resolvedFirstContact = rows.columnInt(6) != 0 ? 1 : 0;
        call.satisfaction = real(7);
        if (!rows.columnIsNull(9))
            call.agent = agents.indexOf(rows.columnInt(9));
        if (!rows.columnIsNull(10))
            call.team = teams.indexOf(rows.columnInt(10));
        call.queue = call.team;

        SurveyResponse rating;
        rating.respondedAt = call.startedAt;
        rating.agent = call.agent;
        rating.score = call.satisfaction;
        // The importer stores 5 (a 1-5 CSAT scale) or 10 (0-10).
        rating.scale = rows.columnInt(8) == 10 ? surveys::zeroToTen : surveys::oneToFive;

        data.fields.outcome |= !rows.columnIsNull(1);
        data.fields.wait |= !rows.columnIsNull(2);
        data.fields.talk |= !rows.columnIsNull(3);
        data.fields.hold |= !rows.columnIsNull(4);
        data.fields.afterCallWork |= !rows.columnIsNull(5);
        data.fields.firstContactResolution |= !rows.columnIsNull(6);
        data.rated |= !rows.columnIsNull(7);
        data.calls.push_back(call);
        data.ratings.push_back(rating);
    }
    if (step == sqlite::Statement::StepResult::Error) {
        *error = c.lastError();
        return std::nullopt;
    }
    data.fields.callLog = !data.calls.empty();
    return data;
}

} // namespace sl
