#pragma once

// One ticket as the metrics see it (TicketFacts), which fields the data has (TicketFields), the
// first-reply targets by channel class, and the two durations every family reads the same way.
// Below the store (the snapshot holds these) and the metrics (the passes read them).

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

// The per-ticket steps of a pass: always inlined, so that a pass reads only the columns the
// metrics use (a call would make it load every field of TicketFacts).
#if defined(__GNUC__)
#define SL_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define SL_ALWAYS_INLINE inline
#endif

namespace sl {

// Channel classes the first-reply targets are defined for.
enum class ChannelClass : std::uint8_t { Phone, Chat, Social, Other };
ChannelClass channelClassOf(std::string_view normalizedChannel);

// One ticket as the metrics see it. "No value" is noTime for times, NaN for measures and -1 for
// counts, flags and references: compact, because the window keeps a million of these in memory.
struct TicketFacts
{
    static constexpr std::int64_t noTime = std::numeric_limits<std::int64_t>::min();
    static constexpr double none = std::numeric_limits<double>::quiet_NaN();

    std::int64_t createdAt = noTime; // UTC seconds
    std::int64_t firstReplyAt = noTime;
    std::int64_t solvedAt = noTime;
    double firstReplyMin = none; // the export's own calendar-time column
    double firstReplyBhMin = none; // ... business hours
    double resolutionMin = none;
    double resolutionBhMin = none;
    double handleTimeS = none;
    double csatScore = none; // 1-5
    std::int32_t customer = -1;
    std::int32_t index = -1; // position in the snapshot (the tickets behind a number)
    std::int16_t agent = -1; // dictionary indices into the snapshot's names
    std::int16_t team = -1;
    std::int16_t channel = -1;
    std::int16_t priority = -1;
    std::int16_t reopens = -1;
    std::int16_t agentReplies = -1;
    std::int8_t csatGood = -1; // 1 satisfied, 0 not
    std::int8_t csatOffered = -1;
    ChannelClass channelClass = ChannelClass::Other;
};

// Which fields the data has at all: a metric over a field no ticket has is no value, not 0.
struct TicketFields
{
    bool created = false;
    bool firstReply = false; // a timestamp or the export's own duration
    bool firstReplyBh = false;
    bool solved = false;
    bool resolutionBh = false;
    bool handleTime = false;
    bool reopens = false;
    bool agentReplies = false;
    bool csat = false;
    bool csatScore = false;
    bool csatOffered = false;
    bool customer = false;
};

// First-reply targets per channel class, in seconds (spec defaults; configurable).
struct SlaTargets
{
    std::int64_t phone = 20;
    std::int64_t chat = 60;
    std::int64_t social = std::int64_t { 60 } * 60;
    std::int64_t other = std::int64_t { 24 } * 60 * 60;
    std::int64_t forClass(ChannelClass channel) const
    {
        switch (channel) {
        case ChannelClass::Phone:
            return phone;
        case ChannelClass::Chat:
            return chat;
        case ChannelClass::Social:
            return social;
        case ChannelClass::Other:
            return other;
        }
        return other;
    }
};

namespace detail {

inline bool has(double value)
{
    return !std::isnan(value);
}

inline bool has(std::int64_t time)
{
    return time != TicketFacts::noTime;
}

inline bool hasReply(const TicketFacts &t)
{
    return has(t.firstReplyAt) || has(t.firstReplyMin) || has(t.firstReplyBhMin);
}

} // namespace detail

// The calendar first reply time of one ticket in minutes: the export's own column, else the
// difference of the timestamps; no value without a reply.
SL_ALWAYS_INLINE std::optional<double> firstReplyMinutes(const TicketFacts &t)
{
    // The export's own calendar column wins; a business-hours column never stands in for it.
    if (detail::has(t.firstReplyMin))
        return t.firstReplyMin;
    if (detail::has(t.firstReplyAt) && detail::has(t.createdAt))
        return double(t.firstReplyAt - t.createdAt) / 60.0;
    return std::nullopt;
}

SL_ALWAYS_INLINE std::optional<double> resolutionHours(const TicketFacts &t)
{
    if (detail::has(t.resolutionMin))
        return t.resolutionMin / 60.0;
    if (detail::has(t.solvedAt) && detail::has(t.createdAt))
        return double(t.solvedAt - t.createdAt) / 3600.0;
    return std::nullopt;
}

} // namespace sl
