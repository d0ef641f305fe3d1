#pragma once

// Hand-over between the import's two threads: the reader thread parses and maps rows into
// batches, the database thread writes them. A batch owns copies of its rows' text (the CSV
// reader's buffer moves on), in chunks that never move once written.

#include "domain/ticketfields.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace sl {

class TextArena
{
public:
    std::string_view copy(std::string_view text)
    {
        if (text.empty())
            return {};
        if (m_chunks.empty() || m_chunks.back().capacity() - m_chunks.back().size() < text.size()) {
            m_chunks.emplace_back();
            m_chunks.back().reserve(std::max(chunkSize, text.size()));
        }
        std::string &chunk = m_chunks.back();
        const std::size_t at = chunk.size();
        chunk.append(text); // within capacity: earlier views stay valid
        return {chunk.data() + at, text.size()};
    }

private:
    static constexpr std::size_t chunkSize = 1 << 20;
    std::vector<std::string> m_chunks;
};

struct RowBatch
{
    std::vector<TicketRow> rows;
    std::vector<std::int64_t> lines; // each row's line in the file
    TextArena text;
    std::int64_t bytesRead = 0;      // of the file, when the batch was full

    void add(const TicketRow &row, std::int64_t line)
    {
        TicketRow copy;
        copy.externalId = text.copy(row.externalId);
        copy.subject = text.copy(row.subject);
        copy.status = text.copy(row.status);
        copy.priority = text.copy(row.priority);
        copy.type = text.copy(row.type);
        copy.channel = text.copy(row.channel);
        copy.agent = text.copy(row.agent);
        copy.team = text.copy(row.team);
        copy.requesterName = text.copy(row.requesterName);
        copy.requesterEmail = text.copy(row.requesterEmail);
        copy.requesterId = text.copy(row.requesterId);
        copy.tags = text.copy(row.tags);
        copy.extraJson = text.copy(row.extraJson);
        copy.createdAt = row.createdAt;
        copy.firstReplyAt = row.firstReplyAt;
        copy.solvedAt = row.solvedAt;
        copy.firstReplyMin = row.firstReplyMin;
        copy.firstReplyBhMin = row.firstReplyBhMin;
        copy.resolutionMin = row.resolutionMin;
        copy.resolutionBhMin = row.resolutionBhMin;
        copy.handleTimeS = row.handleTimeS;
        copy.reopens = row.reopens;
        copy.agentReplies = row.agentReplies;
        copy.satisfaction = row.satisfaction;
        rows.push_back(std::move(copy));
        lines.push_back(line);
    }
};

// A bounded queue: the reader waits when the writer is behind, so memory stays flat.
class BatchQueue
{
public:
    explicit BatchQueue(std::size_t capacity) : m_capacity(capacity) {}

    // False when the queue was stopped (the consumer gave up): the producer should stop too.
    bool push(RowBatch batch)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [this] { return m_stopped || m_batches.size() < m_capacity; });
        if (m_stopped)
            return false;
        m_batches.push_back(std::move(batch));
        m_notEmpty.notify_one();
        return true;
    }
    // False when the producer has finished and everything was taken, or on stop.
    bool pop(RowBatch &batch)
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [this] { return m_stopped || m_finished || !m_batches.empty(); });
        if (m_stopped || m_batches.empty())
            return false;
        batch = std::move(m_batches.front());
        m_batches.pop_front();
        m_notFull.notify_one();
        return true;
    }
    void finish()
    {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_notEmpty.notify_all();
    }
    void stop()
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_notEmpty.notify_all();
        m_notFull.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<RowBatch> m_batches;
    std::size_t m_capacity;
    bool m_finished = false;
    bool m_stopped = false;
};

} // namespace sl
