#pragma once

// Work off the UI thread, for the pages. A page hands a computation to its BackgroundJob and
// gets the result back on the UI thread, but only the newest one: a filter change while an
// older computation runs makes that one stale, and its result is dropped (the generation
// number of hotspot's jobtracker.h). Stale computations that have not started yet are skipped,
// and one that takes a StaleCheck can ask it and stop early.

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

namespace sl::ui {

class BackgroundJob : public QObject
{
    Q_OBJECT

public:
    explicit BackgroundJob(QObject *parent = nullptr)
        : QObject(parent)
    { }

    // True once the computation it was given to is stale; callable from any thread.
    using StaleCheck = std::function<bool()>;

    // Runs `compute()` (or `compute(staleCheck)`) on a pool thread and calls `deliver(result)`
    // on this object's thread unless another start() or cancel() came in between. `compute`
    // must own what it reads (capture shared pointers and copies): it may finish after this
    // object is gone.
    template<typename Compute, typename Deliver> void start(Compute compute, Deliver deliver)
    {
        constexpr bool checksStaleness = std::is_invocable_v<Compute &, const StaleCheck &>;
        using Result = typename std::conditional_t<checksStaleness, std::invoke_result<Compute &, const StaleCheck &>,
            std::invoke_result<Compute &>>::type;
        const quint64 generation = ++*m_latest;
        auto latest = m_latest;
        auto *watcher = new QFutureWatcher<std::optional<Result>>(this);
        connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, generation, deliver = std::move(deliver)]() mutable {
                watcher->deleteLater();
                std::optional<Result> result = watcher->result();
                const bool current = generation == *m_latest && result.has_value();
                --m_running;
                if (current)
                    deliver(std::move(*result));
                if (m_running == 0) // after delivering, so that a listener sees the result
                    emit runningChanged(false);
            });
        if (m_running++ == 0)
            emit runningChanged(true);
        watcher->setFuture(QtConcurrent::run([latest, generation, compute = std::move(compute)]() mutable {
            const StaleCheck stale = [latest, generation] {
                return generation != *latest;
            };
            if (stale())
                return std::optional<Result>(); // a newer one is queued: skip this one
            if constexpr (checksStaleness)
                return std::optional<Result>(compute(stale));
            else
                return std::optional<Result>(compute());
        }));
    }

    // Makes the running computation stale: its result will be dropped.
    void cancel() { ++*m_latest; }
    // True while any computation, current or stale, is still running.
    bool isRunning() const { return m_running > 0; }

signals:
    void runningChanged(bool running);

private:
    std::shared_ptr<std::atomic<quint64>> m_latest = std::make_shared<std::atomic<quint64>>(0);
    int m_running = 0;
};

} // namespace sl::ui
