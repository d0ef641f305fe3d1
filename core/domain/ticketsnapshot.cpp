#include "domain/ticketsnapshot.h"

#include <QDataStream>
#include <QIODevice>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace sl {

namespace {

constexpr quint32 cacheMagic = 0x534c534e; // "SLSN"

template<typename T>
void permute(std::vector<T> &column, const std::vector<std::int32_t> &order)
{
    std::vector<T> sorted(column.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        sorted[i] = column[std::size_t(order[i])];
    column = std::move(sorted);
}

template<typename T>
void writeColumn(QDataStream &out, const std::vector<T> &column)
{
    static_assert(std::is_trivially_copyable_v<T>);
    out << quint64(column.size());
    out.writeRawData(reinterpret_cast<const char *>(column.data()), int(column.size() * sizeof(T)));
}

template<typename T>
bool readColumn(QDataStream &in, std::vector<T> &column)
{
    quint64 size = 0;
    in >> size;
    if (in.status() != QDataStream::Ok || size > (quint64(1) << 34) / sizeof(T))
        return false;
    column.resize(std::size_t(size));
    const auto bytes = int(size * sizeof(T));
    return in.readRawData(reinterpret_cast<char *>(column.data()), bytes) == bytes;
}

// A snapshot's columns, in the order they are serialized. `perTicket` and `perSolved` get the
// columns with one entry per ticket and per solved ticket, `other` the rest.
template<typename Snapshot, typename PerTicket, typename PerSolved, typename Other>
void forEachColumn(Snapshot &s, PerTicket perTicket, PerSolved perSolved, Other other)
{
    perTicket(s.createdAt), perTicket(s.solvedAt), perTicket(s.firstReplyMin), perTicket(s.firstReplyBhMin),
        perTicket(s.customer), perTicket(s.agent), perTicket(s.team), perTicket(s.channel), perTicket(s.priority),
        perTicket(s.channelClass), other(s.tagOffsets), other(s.tagIds);
    auto &v = s.solved;
    perSolved(v.ticket), perSolved(v.solvedAt), perSolved(v.createdAt), perSolved(v.resolutionMin),
        perSolved(v.resolutionBhMin), perSolved(v.handleTimeS), perSolved(v.csatScore), perSolved(v.reopens),
        perSolved(v.agentReplies), perSolved(v.csatGood), perSolved(v.csatOffered), perSolved(v.agent),
        perSolved(v.team), perSolved(v.channel), perSolved(v.priority);
    other(s.longOpen);
}

template<typename Snapshot, typename Visit>
void forEachColumn(Snapshot &s, Visit visit)
{
    forEachColumn(s, visit, visit, visit);
}

// The derived arrays that are not serialized.
void deriveIndexes(TicketSnapshot &s)
{
    s.longOpenCreated.clear();
    s.longOpenClosed.clear();
    for (const std::int32_t index : s.longOpen) {
        const auto i = std::size_t(index);
        s.longOpenCreated.push_back(s.createdAt[i]);
        s.longOpenClosed.push_back(s.solvedAt[i] == TicketFacts::noTime ? std::numeric_limits<std::int64_t>::max()
                                                                         : std::max(s.solvedAt[i], s.createdAt[i]));
    }
}

} // namespace

TicketSnapshot TicketSnapshot::fromFacts(std::vector<TicketFacts> rows, std::vector<std::uint32_t> tagOffsets,
                                         std::vector<std::int32_t> tagIds, QStringList agentNames, QStringList teamNames, QStringList channelNames,
                                         QStringList priorityNames, QStringList tagNames)
{
    TicketSnapshot s;
    const std::size_t n = rows.size();
    if (tagOffsets.size() != n + 1) // no tags given
        tagOffsets.assign(n + 1, 0);

    TicketFields &f = s.fields;
    for (const TicketFacts &t : rows) {
        f.created = f.created || t.createdAt != TicketFacts::noTime;
        f.firstReply = f.firstReply || t.firstReplyAt != TicketFacts::noTime || !std::isnan(t.firstReplyMin);
        f.firstReplyBh = f.firstReplyBh || !std::isnan(t.firstReplyBhMin);
        f.solved = f.solved || t.solvedAt != TicketFacts::noTime;
        f.resolutionBh = f.resolutionBh || !std::isnan(t.resolutionBhMin);
        f.handleTime = f.handleTime || !std::isnan(t.handleTimeS);
        f.reopens = f.reopens || t.reopens >= 0;
        f.agentReplies = f.agentReplies || t.agentReplies >= 0;
        f.csat = f.csat || t.csatGood >= 0;
        f.csatScore = f.csatScore || !std::isnan(t.csatScore);
        f.csatOffered = f.csatOffered || t.csatOffered >= 0;
        f.customer = f.customer || t.customer >= 0;
    }

    // Rows come in storage order, which for exports is nearly creation order; ties keep it.
    std::vector<std::int32_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
        return rows[std::size_t(a)].createdAt < rows[std::size_t(b)].createdAt;
    });

    s.createdAt.reserve(n);
    s.tagOffsets.reserve(n + 1);
    s.tagOffsets.push_back(0);
    for (std::int32_t from : order) {
        const TicketFacts &t = rows[std::size_t(from)];
        s.createdAt.push_back(t.createdAt);
        s.solvedAt.push_back(t.solvedAt);
        // The durations as the metrics read them, computed once here.
        s.firstReplyMin.push_back(firstReplyMinutes(t).value_or(TicketFacts::none));
        s.firstReplyBhMin.push_back(t.firstReplyBhMin);
        s.customer.push_back(t.customer);
        s.agent.push_back(t.agent);
        s.team.push_back(t.team);
        s.channel.push_back(t.channel);
        s.priority.push_back(t.priority);
        s.channelClass.push_back(t.channelClass);
        s.tagIds.insert(s.tagIds.end(), tagIds.begin() + tagOffsets[std::size_t(from)],
                        tagIds.begin() + tagOffsets[std::size_t(from) + 1]);
        s.tagOffsets.push_back(std::uint32_t(s.tagIds.size()));
    }

    // The solved tickets by solved time (ties by creation order).
    std::vector<std::int32_t> solvedOrder;
    for (std::size_t i = 0; i < n; ++i) {
        if (s.solvedAt[i] != TicketFacts::noTime)
            solvedOrder.push_back(std::int32_t(i));
    }
    std::stable_sort(solvedOrder.begin(), solvedOrder.end(), [&](std::int32_t a, std::int32_t b) {
        return s.solvedAt[std::size_t(a)] < s.solvedAt[std::size_t(b)];
    });
    TicketSnapshot::Solved &v = s.solved;
    for (std::int32_t i : solvedOrder) {
        const TicketFacts &t = rows[std::size_t(order[std::size_t(i)])];
        v.ticket.push_back(i);
        v.solvedAt.push_back(t.solvedAt);
        v.createdAt.push_back(t.createdAt);
        if (!std::isnan(t.resolutionMin))
            v.resolutionMin.push_back(t.resolutionMin);
        else if (t.createdAt != TicketFacts::noTime)
            v.resolutionMin.push_back(double(t.solvedAt - t.createdAt) / 60.0);
        else
            v.resolutionMin.push_back(TicketFacts::none);
        v.resolutionBhMin.push_back(t.resolutionBhMin);
        v.handleTimeS.push_back(t.handleTimeS);
        v.csatScore.push_back(t.csatScore);
        v.reopens.push_back(t.reopens);
        v.agentReplies.push_back(t.agentReplies);
        v.csatGood.push_back(t.csatGood);
        v.csatOffered.push_back(t.csatOffered);
        v.agent.push_back(t.agent);
        v.team.push_back(t.team);
        v.channel.push_back(t.channel);
        v.priority.push_back(t.priority);
    }
    rows = {};
    tagOffsets = {};
    tagIds = {};

    // The backlog index: how long tickets stay open. The threshold is the 95th percentile of
    // the closed tickets' open time (at least a day), so the scans stay short whatever the
    // help desk's pace.
    std::vector<std::int64_t> openTimes;
    for (std::size_t i = 0; i < n; ++i) {
        if (s.createdAt[i] != TicketFacts::noTime && s.solvedAt[i] != TicketFacts::noTime)
            openTimes.push_back(std::max<std::int64_t>(0, s.solvedAt[i] - s.createdAt[i]));
    }
    s.longOpenSeconds = 86400;
    if (!openTimes.empty()) {
        const std::size_t p95 = openTimes.size() * 95 / 100;
        std::nth_element(openTimes.begin(), openTimes.begin() + std::ptrdiff_t(p95), openTimes.end());
        s.longOpenSeconds = std::max<std::int64_t>(s.longOpenSeconds, openTimes[p95]);
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (s.createdAt[i] == TicketFacts::noTime)
            continue;
        if (s.solvedAt[i] == TicketFacts::noTime || s.solvedAt[i] - s.createdAt[i] >= s.longOpenSeconds)
            s.longOpen.push_back(std::int32_t(i));
    }
    deriveIndexes(s);

    s.agentNames = std::move(agentNames);
    s.teamNames = std::move(teamNames);
    s.channelNames = std::move(channelNames);
    s.priorityNames = std::move(priorityNames);
    s.tagNames = std::move(tagNames);
    return s;
}

QByteArray TicketSnapshot::serialize() const
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_0);
    out << cacheMagic << serializedFormat << quint64(size()) << qint64(longOpenSeconds);
    out << agentNames << teamNames << channelNames << priorityNames << tagNames;
    const TicketFields &f = fields;
    out << f.created << f.firstReply << f.firstReplyBh << f.solved << f.resolutionBh << f.handleTime << f.reopens
        << f.agentReplies << f.csat << f.csatScore << f.csatOffered << f.customer;
    writeColumn(out, tagOffsets);
    forEachColumn(*this, [&](const auto &column) { writeColumn(out, column); });
    return bytes;
}

std::optional<TicketSnapshot> TicketSnapshot::deserialize(const QByteArray &bytes)
{
    QDataStream in(bytes);
    return deserialize(in);
}

std::optional<TicketSnapshot> TicketSnapshot::deserialize(QDataStream &in)
{
    in.setVersion(QDataStream::Qt_6_0);
    quint32 magic = 0;
    std::int32_t format = 0;
    quint64 count = 0;
    qint64 longOpen = 0;
    in >> magic >> format >> count >> longOpen;
    if (magic != cacheMagic || format != serializedFormat)
        return std::nullopt;
    TicketSnapshot s;
    s.longOpenSeconds = longOpen;
    in >> s.agentNames >> s.teamNames >> s.channelNames >> s.priorityNames >> s.tagNames;
    TicketFields &f = s.fields;
    in >> f.created >> f.firstReply >> f.firstReplyBh >> f.solved >> f.resolutionBh >> f.handleTime >> f.reopens
        >> f.agentReplies >> f.csat >> f.csatScore >> f.csatOffered >> f.customer;
    bool ok = in.status() == QDataStream::Ok && readColumn(in, s.tagOffsets);
    forEachColumn(s, [&](auto &column) { ok = ok && readColumn(in, column); });
    if (!ok || !in.atEnd())
        return std::nullopt;
    // A damaged cache must not index out of bounds: check every length against the counts.
    bool consistent = s.tagOffsets.size() == count + 1 && s.tagOffsets.back() == s.tagIds.size();
    const std::size_t solvedCount = s.solved.ticket.size();
    forEachColumn(
        s, [&](const auto &column) { consistent = consistent && column.size() == count; },
        [&](const auto &column) { consistent = consistent && column.size() == solvedCount; }, [](const auto &) {});
    for (const std::int32_t i : s.solved.ticket)
        consistent = consistent && i >= 0 && quint64(i) < count;
    for (const std::int32_t i : s.longOpen)
        consistent = consistent && i >= 0 && quint64(i) < count;
    for (const std::int32_t tag : s.tagIds)
        consistent = consistent && tag >= -1 && tag < s.tagNames.size();
    if (!consistent)
        return std::nullopt;
    deriveIndexes(s);
    return s;
}

} // namespace sl
