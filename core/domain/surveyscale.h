#pragma once

// What a survey asks and on which scale it is answered: the words the survey importer decides
// and the survey metrics read, so they live below both.

#include <cstdint>

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

} // namespace sl::surveys
