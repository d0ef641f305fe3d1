#pragma once

// Work off the UI thread, the one way the window runs it. A page hands a computation to its
// BackgroundJob and gets the result back on the UI thread, but only the newest one: a filter
// change while an older computation runs makes that one stale, and its result is dropped (the
// generation number of hotspot's jobtracker.h). Stale computations that have not started yet are
// skipped; one that takes a StaleCheck can ask it and stop early; one that takes a JobProgress
// can also report how far it got (an import, the demo build), which arrives as progressed().

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QtConcurrent>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>

namespace sl::ui {

class BackgroundJob;

// What a computation that reports progress is handed. Used on the computation's thread only.
class JobProgress
{
public:
    JobProgress(std::function<bool()> stale, QPointer<BackgroundJob> job)
        : m_stale(std::move(stale))
        , m_job(std::move(job))
    { }
    // True once the computation is stale (a newer start() or a cancel()).
    bool stale() const { return m_stale(); }
    // `fraction` (0..1) of part `part` (a file of several, say) is done. Delivered on the job's
    // thread as progressed(part, fraction) while the computation is current: at most about 20 a
    // second, but always a part's first report and its last (fraction 1), so that a fast import
    // cannot flood the UI thread's event queue.
    void report(int part, double fraction) const;

private:
    std::function<bool()> m_stale;
    QPointer<BackgroundJob> m_job;
    mutable int m_lastPart = -1;
    mutable std::chrono::steady_clock::time_point m_lastReport;
};

class BackgroundJob : public QObject
{
    Q_OBJECT

public:
    explicit BackgroundJob(QObject *parent = nullptr)
        : QObject(parent)
    { }

    // True once the computation it was given to is stale; callable from any thread.
    using StaleCheck = std::function<bool()>;

    // Runs `compute()` (or `compute(staleCheck)`, or `compute(progress)`) on a pool thread and
    // calls `deliver(result)` on this object's thread unless another start() or cancel() came in
    // between. `compute` must own what it reads (capture shared pointers and copies): it may
    // finish after this object is gone, unless the owner calls waitForDone() first.
    template<typename Compute, typename Deliver> void start(Compute compute, Deliver deliver)
    {
        constexpr bool reportsProgress = std::is_invocable_v<Compute &, const JobProgress &>;
        constexpr bool checksStaleness = !reportsProgress && std::is_invocable_v<Compute &, const StaleCheck &>;
        using Result = typename std::conditional_t<reportsProgress, std::invoke_result<Compute &, const JobProgress &>,
            std::conditional_t<checksStaleness, std::invoke_result<Compute &, const StaleCheck &>,
                std::invoke_result<Compute &>>>::type;
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
        watcher->setFuture(QtConcurrent::run(
            [latest, generation, self = QPointer<BackgroundJob>(this), compute = std::move(compute)]() mutable {
                const StaleCheck stale = [latest, generation] {
                    return generation != *latest;
                };
                if (stale())
                    return std::optional<Result>(); // a newer one is queued: skip this one
                if constexpr (reportsProgress)
                    return std::optional<Result>(compute(JobProgress(stale, self)));
                else if constexpr (checksStaleness)
                    return std::optional<Result>(compute(stale));
                else
                    return std::optional<Result>(compute());
            }));
    }

    // Makes the running computation stale: its result will be dropped.
    void cancel() { ++*m_latest; }
    // True while any computation, current or stale, is still running.
    bool isRunning() const { return m_running > 0; }
    // Blocks until every computation has returned (their results are not delivered then): for an
    // owner whose computations read what it is about to destroy, or a database it is closing.
    void waitForDone()
    {
        for (QFutureWatcherBase *watcher : findChildren<QFutureWatcherBase *>(Qt::FindDirectChildrenOnly))
            watcher->waitForFinished();
    }

signals:
    void runningChanged(bool running);
    // From a computation's JobProgress::report(), while it is current.
    void progressed(int part, double fraction);

private:
    std::shared_ptr<std::atomic<quint64>> m_latest = std::make_shared<std::atomic<quint64>>(0);
    int m_running = 0;
};

inline void JobProgress::report(int part, double fraction) const
{
    const auto now = std::chrono::steady_clock::now();
    if (part == m_lastPart && fraction < 1 && now - m_lastReport < std::chrono::milliseconds(50))
        return;
    m_lastPart = part;
    m_lastReport = now;
    if (stale())
        return;
    // Queued to the application object and checked there: the job may be gone by then.
    QMetaObject::invokeMethod(
        qApp,
        [job = m_job, part, fraction] {
            if (job)
                emit job->progressed(part, fraction);
        },
        Qt::QueuedConnection);
}

} // namespace sl::ui
