#pragma once

// The survey responses as the survey metrics read them, each placed at its time (else its
// ticket's solve), with what it borrows from the ticket it rates for filters and groupings.

#include "domain/surveyfacts.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace sl {

class Database;

// What a response borrows from the ticket it rates.
struct LinkedTicket
{
    std::int64_t solvedAt = surveys::SurveyResponse::noTime;
    std::int16_t agent = -1; // into SurveyRows::agentNames
    QString channel, team, priority;
    QStringList tags;
};

struct SurveyRows
{
    std::vector<surveys::SurveyResponse> responses;
    std::vector<std::int64_t> placedAt; // per response: its time, else its ticket's solved_at, else noTime
    std::vector<LinkedTicket> tickets; // SurveyResponse::ticket indexes this
    QStringList agentNames; // SurveyResponse::agent indexes this
    surveys::SurveyFields fields;
};

// Every response, in import order. nullopt with the database's message in *error.
std::optional<SurveyRows> loadSurveyRows(Database &db, QString *error);

} // namespace sl
