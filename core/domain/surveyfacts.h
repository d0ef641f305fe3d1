#pragma once

// What a survey asks, on which scale it is answered, and one response as the metrics see it:
// the words the survey importer decides, the store loads and the survey metrics read.

#include <cstdint>
#include <limits>

namespace sl::surveys {

enum class SurveyType : std::uint8_t { Csat, Nps, Ces };

// The answer scale of a response: whole points from min to max. Two points is a good/bad scale
// (min = bad, max = good).
struct SurveyScale
{
    std::int8_t min = 1;
    std::int8_t max = 5;

    bool isGoodBad() const { return max - min == 1; }
    friend bool operator==(const SurveyScale &, const SurveyScale &) = default;
};

inline constexpr SurveyScale oneToFive { 1, 5 }; // CSAT
inline constexpr SurveyScale goodBad { 0, 1 }; // CSAT, Zendesk's good/bad
inline constexpr SurveyScale zeroToTen { 0, 10 }; // NPS
inline constexpr SurveyScale oneToSeven { 1, 7 }; // CES agreement scale, 7 = very easy

// One survey row. "No value" is noTime, NaN and -1, as in TicketFacts.
struct SurveyResponse
{
    static constexpr std::int64_t noTime = std::numeric_limits<std::int64_t>::min();
    static constexpr double none = std::numeric_limits<double>::quiet_NaN();

    std::int64_t respondedAt = noTime; // UTC seconds; none: the query places it by its ticket
    double score = none; // on `scale`; none for 'offered'/'unoffered' rows, which
                         // are not responses (kept for a response rate)
    std::int32_t ticket = -1; // the ticket it rates, a snapshot index
    std::int16_t agent = -1; // the agent it is attributed to, a dictionary index
    SurveyType type = SurveyType::Csat;
    SurveyScale scale = oneToFive;
};

// Which survey data there is at all: a metric over a survey type the data lacks is no value.
struct SurveyFields
{
    bool csat = false;
    bool nps = false;
    bool ces = false;
    bool agent = false; // responses say which agent they rate
};

} // namespace sl::surveys
