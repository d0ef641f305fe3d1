#pragma once

// One call as the metrics see it and which fields a call log has: what the store loads and the
// call metrics (metrics/callmetrics.h, which says why the family has a namespace) read.

#include <cstdint>
#include <limits>

namespace sl::calls {

enum class CallOutcome : std::uint8_t {
    Answered,
    Abandoned, // the caller hung up before an agent answered
    Other, // left the queue another way (voicemail, callback request): offered, neither of the above
};

// One call as the metrics see it: one that reached the queue (calls ended in the IVR are not
// facts at all). "No value" is noTime, NaN and -1, as in TicketFacts.
struct CallFacts
{
    static constexpr std::int64_t noTime = std::numeric_limits<std::int64_t>::min();
    static constexpr double none = std::numeric_limits<double>::quiet_NaN();

    std::int64_t startedAt = noTime; // UTC seconds, when the call entered the queue
    double waitS = none; // answered: speed of answer; abandoned: time to abandon
    double talkS = none;
    double holdS = none;
    double afterCallWorkS = none;
    double satisfaction = none; // the call's own survey score, on the source's scale (not used here)
    std::int16_t agent = -1; // dictionary indices, as in TicketFacts
    std::int16_t team = -1;
    std::int16_t queue = -1;
    std::int8_t resolvedFirstContact = -1; // 1 yes, 0 no, -1 the log does not say
    CallOutcome outcome = CallOutcome::Other;
};

// Which fields the call data has at all: a metric over a field no call has is no value, not 0.
struct CallFields
{
    bool callLog = false; // there is a call log: without one even calls_offered is no value
    bool outcome = false; // answered / abandoned
    bool wait = false;
    bool talk = false;
    bool hold = false; // hold and after-call work are added to AHT when present; these
    bool afterCallWork = false; // two flags let the tile say which parts its AHT holds
    bool firstContactResolution = false;
};

} // namespace sl::calls
