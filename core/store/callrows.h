#pragma once

// The calls table as the call metrics read it: every call of the log, each with its own rating
// as a CSAT response, and the agent and queue names they refer to.

#include "domain/callfacts.h"
#include "domain/surveyfacts.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace sl {

class Database;

struct CallRows
{
    std::vector<calls::CallFacts> calls;
    // One per call, in the same order: the call's own rating as a CSAT response (score none
    // when the call was not rated), so that csat_pct reads calls exactly as it reads surveys.
    std::vector<surveys::SurveyResponse> ratings;
    QStringList agentNames; // CallFacts::agent indexes this
    QStringList teamNames; // CallFacts::team indexes this: queues, skills, ring groups
    calls::CallFields fields;
    bool rated = false; // some call carries a rating: the CSAT ids are part of the answer
};

// Every call, in import order. nullopt with the database's message in *error.
std::optional<CallRows> loadCallRows(Database &db, QString *error);

} // namespace sl
