#pragma once

#include "metrics/metricsquery.h"

#include <memory>
#include <mutex>

namespace sl::ui {

// One MetricsEngine over one snapshot, shared by the computations of a page. The engine is not
// thread-safe and its indexes take time and memory to build (about 0.3 s and 48 MB per million
// tickets), so computations take turns on one engine, which the first of them builds, off the
// UI thread. Holding the snapshot keeps it alive for a computation that outlives its page.
class SharedMetricsEngine
{
public:
    explicit SharedMetricsEngine(std::shared_ptr<const TicketSnapshot> snapshot)
        : m_snapshot(std::move(snapshot))
    { }
    SharedMetricsEngine(const SharedMetricsEngine &) = delete;
    SharedMetricsEngine &operator=(const SharedMetricsEngine &) = delete;

    const TicketSnapshot &snapshot() const { return *m_snapshot; }

    // Runs `work(engine)` while no other computation uses the engine.
    template<typename Work> auto use(Work &&work)
    {
        const std::lock_guard lock(m_mutex);
        if (!m_engine)
            m_engine = std::make_unique<MetricsEngine>(*m_snapshot, MetricsEngine::Indexing::ForManyQueries);
        return work(*m_engine);
    }

private:
    std::shared_ptr<const TicketSnapshot> m_snapshot;
    std::mutex m_mutex;
    std::unique_ptr<MetricsEngine> m_engine;
};

} // namespace sl::ui
