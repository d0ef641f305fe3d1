#pragma once

#include "metrics/metricsquery.h"

#include <QThreadPool>

#include <atomic>
#include <memory>
#include <mutex>

namespace sl::ui {

// One MetricsEngine over one snapshot, shared by the computations of the window (overview,
// agents). The engine is not thread-safe, so computations take turns on it, off the UI thread.
// Holding the snapshot keeps it alive for a computation that outlives its page.
//
// The indexed engine makes every later median several times cheaper but takes about 0.4 s per
// million tickets to build; making the first paint wait for it would cost more than the first
// query saves. So the first computations run on an engine without indexes while the indexed one
// is built on another thread, and it takes over as soon as it is ready.
class SharedMetricsEngine
{
public:
    explicit SharedMetricsEngine(std::shared_ptr<const TicketSnapshot> snapshot)
        : m_snapshot(std::move(snapshot))
        , m_building(std::make_shared<Building>())
    { }
    ~SharedMetricsEngine() { m_building->abandoned = true; }
    SharedMetricsEngine(const SharedMetricsEngine &) = delete;
    SharedMetricsEngine &operator=(const SharedMetricsEngine &) = delete;

    const TicketSnapshot &snapshot() const { return *m_snapshot; }

    // Runs `work(engine)` while no other computation uses the engine.
    template<typename Work> auto use(Work &&work)
    {
        const std::lock_guard lock(m_mutex);
        if (!m_engine) {
            {
                const std::lock_guard built(m_building->mutex);
                if (m_building->engine)
                    m_engine = std::move(m_building->engine);
            }
            if (!m_engine && !m_quick) {
                m_quick = std::make_unique<MetricsEngine>(*m_snapshot, MetricsEngine::Indexing::ForOneQuery);
                startBuilding();
            }
            if (m_engine)
                m_quick.reset();
        }
        return work(m_engine ? *m_engine : *m_quick);
    }

private:
    // What the building thread hands over; shared, so that it outlives this object if the window
    // closes the database while the indexes are still being built.
    struct Building
    {
        std::mutex mutex;
        std::shared_ptr<const TicketSnapshot> snapshot; // the engine refers to it: declared first, destroyed last
        std::unique_ptr<MetricsEngine> engine;
        std::atomic<bool> abandoned = false;
    };

    void startBuilding()
    {
        m_building->snapshot = m_snapshot;
        QThreadPool::globalInstance()->start([building = m_building] {
            if (building->abandoned)
                return;
            auto engine = std::make_unique<MetricsEngine>(*building->snapshot, MetricsEngine::Indexing::ForManyQueries);
            const std::lock_guard lock(building->mutex);
            building->engine = std::move(engine);
        });
    }

    std::shared_ptr<const TicketSnapshot> m_snapshot;
    std::mutex m_mutex;
    std::unique_ptr<MetricsEngine> m_engine;
    std::unique_ptr<MetricsEngine> m_quick;
    std::shared_ptr<Building> m_building;
};

} // namespace sl::ui
