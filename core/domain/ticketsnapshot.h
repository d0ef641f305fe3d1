#pragma once

// Every ticket of a database in memory, column by column, sorted by creation time, with the
// names they refer to. Loaded once (off the UI thread); every query after that is a pass over
// a few compact arrays instead of a GROUP BY over SQLite.
//
// A million tickets take about 100 MB here. Building the snapshot means reading every row of
// the tickets table, which takes about a second for a million; so the snapshot is also kept,
// serialized, in the database (snapshot_cache, keyed by the data version every import bumps)
// and a later load reads that one blob instead: store/snapshotstore.h loads, builds and keeps it.

#include "domain/ticketfacts.h"

#include <QDataStream>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace sl {

struct TicketSnapshot
{
    // What the created cohort reads (and the filters and the backlog), one entry per ticket, by
    // creation time; tickets without one first.
    std::vector<std::int64_t> createdAt;
    std::vector<std::int64_t> solvedAt;
    // First reply times as the metrics read them: the export's own columns, else computed
    // (calendar time from the timestamps; business hours from the team's calendar, when there
    // is one). A ticket's first reply time is all the metrics need of its reply, so no reply
    // timestamp is kept.
    std::vector<double> firstReplyMin;
    std::vector<double> firstReplyBhMin;
    std::vector<std::int32_t> customer;
    std::vector<std::int16_t> agent, team, channel, priority; // indices into the names below; -1 none
    std::vector<ChannelClass> channelClass;
    std::vector<std::uint32_t> tagOffsets; // tags of ticket i: tagIds[tagOffsets[i] .. tagOffsets[i+1])
    std::vector<std::int32_t> tagIds;

    // What the solved cohort reads, one entry per solved ticket, by solved time: a period's
    // solved tickets are then one contiguous run too, read front to back.
    struct Solved
    {
        std::vector<std::int32_t> ticket; // its index in the columns above
        std::vector<std::int64_t> solvedAt;
        std::vector<std::int64_t> createdAt;
        std::vector<double> resolutionMin; // the export's own column, else from the timestamps
        std::vector<double> resolutionBhMin;
        std::vector<double> handleTimeS;
        std::vector<double> csatScore;
        std::vector<std::int16_t> reopens, agentReplies; // -1 unknown
        std::vector<std::int8_t> csatGood, csatOffered;  // -1 unknown
        std::vector<std::int16_t> agent, team, channel, priority;
        std::size_t size() const { return ticket.size(); }
    } solved;

    // For the backlog at a moment T (tickets created before T and not closed by T): tickets
    // open longer than `longOpenSeconds`, or never closed, by creation. Every other ticket
    // open at T was created in [T - longOpenSeconds, T), so a backlog is two short scans.
    std::int64_t longOpenSeconds = 0;
    std::vector<std::int32_t> longOpen;
    // Their creation and closing times side by side (closing: solved, or its creation when
    // "solved" before it, or never), so that the second scan reads two short arrays.
    std::vector<std::int64_t> longOpenCreated, longOpenClosed;

    QStringList agentNames, teamNames, channelNames, priorityNames, tagNames;
    TicketFields fields;

    std::size_t size() const { return createdAt.size(); }

    // The columns as raw pointers, for the passes: taken once before a loop, they stay in
    // registers (a vector's data pointer would be reloaded after every store to a tally).
    struct CreatedColumns
    {
        const std::int64_t *createdAt, *solvedAt;
        const double *firstReplyMin, *firstReplyBhMin;
        const std::int32_t *customer;
        const std::int16_t *agent, *team, *channel, *priority;
        const ChannelClass *channelClass;

        // Ticket i (creation order) as the created cohort's metrics see it; index = i.
        TicketFacts facts(std::size_t i) const
        {
            TicketFacts t;
            t.createdAt = createdAt[i];
            t.solvedAt = solvedAt[i];
            t.firstReplyMin = firstReplyMin[i];
            t.firstReplyBhMin = firstReplyBhMin[i];
            t.customer = customer[i];
            t.index = std::int32_t(i);
            t.agent = agent[i];
            t.team = team[i];
            t.channel = channel[i];
            t.priority = priority[i];
            t.channelClass = channelClass[i];
            return t;
        }
    };
    struct SolvedColumns
    {
        const std::int64_t *createdAt, *solvedAt;
        const double *resolutionMin, *resolutionBhMin, *handleTimeS, *csatScore;
        const std::int16_t *reopens, *agentReplies;
        const std::int8_t *csatGood, *csatOffered;
        const std::int16_t *agent, *team, *channel, *priority;

        // Solved ticket k (solved order) as the solved cohort's metrics see it; index = k.
        TicketFacts facts(std::size_t k) const
        {
            TicketFacts t;
            t.createdAt = createdAt[k];
            t.solvedAt = solvedAt[k];
            t.resolutionMin = resolutionMin[k];
            t.resolutionBhMin = resolutionBhMin[k];
            t.handleTimeS = handleTimeS[k];
            t.csatScore = csatScore[k];
            t.index = std::int32_t(k);
            t.agent = agent[k];
            t.team = team[k];
            t.channel = channel[k];
            t.priority = priority[k];
            t.reopens = reopens[k];
            t.agentReplies = agentReplies[k];
            t.csatGood = csatGood[k];
            t.csatOffered = csatOffered[k];
            return t;
        }
    };
    CreatedColumns createdColumns() const
    {
        return {createdAt.data(), solvedAt.data(), firstReplyMin.data(), firstReplyBhMin.data(), customer.data(),
                agent.data(), team.data(), channel.data(), priority.data(), channelClass.data()};
    }
    SolvedColumns solvedColumns() const
    {
        const Solved &v = solved;
        return {v.createdAt.data(), v.solvedAt.data(), v.resolutionMin.data(), v.resolutionBhMin.data(),
                v.handleTimeS.data(), v.csatScore.data(), v.reopens.data(), v.agentReplies.data(), v.csatGood.data(),
                v.csatOffered.data(), v.agent.data(), v.team.data(), v.channel.data(), v.priority.data()};
    }
    TicketFacts facts(std::size_t i) const { return createdColumns().facts(i); }
    TicketFacts solvedFacts(std::size_t k) const { return solvedColumns().facts(k); }

    // From plain rows in any order (tests, and the build from the tickets table). The tags of
    // row i are tagIds[tagOffsets[i] .. tagOffsets[i+1]); empty offsets: no tags.
    static TicketSnapshot fromFacts(std::vector<TicketFacts> tickets, std::vector<std::uint32_t> tagOffsets,
                                    std::vector<std::int32_t> tagIds,
                                    QStringList agentNames, QStringList teamNames, QStringList channelNames,
                                    QStringList priorityNames, QStringList tagNames);

    // The layout serialize() writes; bumped when it changes, so that an old cache is rebuilt,
    // never misread (store/snapshotstore.h keeps the cache).
    static constexpr std::int32_t serializedFormat = 2;
    QByteArray serialize() const;
    static std::optional<TicketSnapshot> deserialize(const QByteArray &bytes);
    static std::optional<TicketSnapshot> deserialize(QDataStream &in);
};

} // namespace sl
