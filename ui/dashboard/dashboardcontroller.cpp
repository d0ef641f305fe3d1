#include "dashboard/dashboardcontroller.h"

#include "services/backgroundjob.h"
#include "services/sharedmetricsengine.h"
#include "store/snapshotstore.h"

namespace sl::ui {

DashboardController::DashboardController(QObject *parent)
    : QObject(parent)
    , m_loadJob(new BackgroundJob(this))
    , m_computeJob(new BackgroundJob(this))
    , m_compute(&computeDashboard)
{
    connect(m_loadJob, &BackgroundJob::runningChanged, this, &DashboardController::updateBusy);
    connect(m_computeJob, &BackgroundJob::runningChanged, this, &DashboardController::updateBusy);
}

DashboardController::~DashboardController() = default;

bool DashboardController::isLoading() const
{
    return m_loadJob->isRunning();
}

bool DashboardController::isComputing() const
{
    return m_computeJob->isRunning();
}

void DashboardController::open(const QString &path)
{
    m_computeJob->cancel(); // a result of the previous database must not arrive after this one loads
    m_loadJob->start(
        [path] {
            LoadedDatabase loaded;
            loaded.path = path;
            // This thread's own connection: SQLite connections are not shared across threads.
            // Read-write, so that a snapshot built from the tickets table is cached for next time.
            std::optional<Database> database = Database::open(path, &loaded.error, sqlite::Connection::Mode::ReadWrite);
            if (!database)
                return loaded;
            std::optional<TicketSnapshot> snapshot = loadTicketSnapshot(*database, &loaded.error);
            if (!snapshot)
                return loaded;
            loaded.summary = database->summary();
            loaded.snapshot = std::make_shared<const TicketSnapshot>(std::move(*snapshot));
            return loaded;
        },
        [this](LoadedDatabase database) {
            if (!database.snapshot) {
                emit loadFailed(database.path, database.error);
                return;
            }
            m_database = std::move(database);
            m_engine = std::make_shared<SharedMetricsEngine>(m_database.snapshot);
            m_result.reset();
            const quint64 requestsBefore = m_requests;
            emit loaded(m_database);
            emit snapshotChanged(m_database.snapshot);
            // A listener that set a request has started its computation already.
            if (m_requests == requestsBefore)
                startComputation();
        });
}

void DashboardController::close()
{
    m_loadJob->cancel();
    m_computeJob->cancel();
    m_database = {};
    m_engine.reset();
    m_result.reset();
    emit snapshotChanged(nullptr);
}

void DashboardController::setRequest(const DashboardRequest &request)
{
    m_request = request;
    ++m_requests;
    startComputation();
}

void DashboardController::recompute()
{
    startComputation();
}

void DashboardController::startComputation()
{
    if (!m_engine || !m_request || !m_request->period.from || !m_request->period.to)
        return;
    // The engine's order-statistics indexes are built by the first computation that uses it,
    // on the worker thread like everything else here.
    m_computeJob->start(
        [engine = m_engine, request = *m_request, compute = m_compute] {
            return std::make_shared<const DashboardResult>(
                engine->use([&](MetricsEngine &metrics) { return compute(metrics, request); }));
        },
        [this](std::shared_ptr<const DashboardResult> result) {
            m_result = std::move(result);
            ++m_delivered;
            emit resultReady(m_result);
        });
}

void DashboardController::updateBusy()
{
    const bool busy = isBusy();
    if (busy == m_busy)
        return;
    m_busy = busy;
    emit busyChanged(busy);
}

} // namespace sl::ui
