#pragma once

// Owns what the dashboard pages compute from: the open database's snapshot and its metrics
// engine, and the newest dashboard result. Loading and every computation run off the UI thread
// (BackgroundJob); each setRequest() makes the computation before it stale, and a stale result
// is dropped, so a quick succession of filter changes shows only the last one.
//
// The window calls open() once per database (and again after an import), and setRequest() on
// every change of the filter bar. Pages read the result from resultReady(); pages with queries
// of their own (Agents, Tickets) get the snapshot from snapshotChanged(), or its engine().

#include "services/dashboardquery.h"
#include "store/database.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace sl::ui {

class BackgroundJob;
class SharedMetricsEngine;

// What a database holds, for the status bar and the filter bar's lists.
struct LoadedDatabase
{
    QString path;
    std::shared_ptr<const TicketSnapshot> snapshot;
    DatabaseSummary summary;
    QString error; // set when the database could not be read; snapshot is null then
};

class DashboardController : public QObject
{
    Q_OBJECT

public:
    // The computation behind setRequest(); tests replace it to observe or slow it down.
    using Compute = std::function<DashboardResult(MetricsEngine &, const DashboardRequest &)>;

    explicit DashboardController(QObject *parent = nullptr);
    ~DashboardController() override;

    // Loads the database's snapshot and builds its engine in the background; loaded() or
    // loadFailed() follows, then a computation of the current request if there is one.
    void open(const QString &path);
    // Closes the database: no snapshot, no result, nothing running is delivered any more.
    void close();
    // Recomputes the dashboard for `request` (needs period.from and period.to).
    void setRequest(const DashboardRequest &request);
    // Computes the current request again (F5).
    void recompute();

    void setCompute(Compute compute) { m_compute = std::move(compute); }

    const QString &databasePath() const { return m_database.path; }
    const LoadedDatabase &database() const { return m_database; }
    std::shared_ptr<const TicketSnapshot> snapshot() const { return m_database.snapshot; }
    // The engine over snapshot(), for pages with queries of their own: one set of indexes for
    // the whole window (about 48 MB per million tickets each). Null without a database.
    std::shared_ptr<SharedMetricsEngine> engine() const { return m_engine; }
    std::optional<DashboardRequest> request() const { return m_request; }
    // The newest result delivered; null before the first one and after a new database.
    std::shared_ptr<const DashboardResult> result() const { return m_result; }

    bool isLoading() const;
    bool isComputing() const;
    bool isBusy() const { return isLoading() || isComputing(); }
    // How many results were delivered (stale ones are not).
    int deliveredResults() const { return m_delivered; }

signals:
    void loaded(const sl::ui::LoadedDatabase &database);
    void loadFailed(const QString &path, const QString &error);
    void snapshotChanged(std::shared_ptr<const sl::TicketSnapshot> snapshot);
    void resultReady(std::shared_ptr<const sl::ui::DashboardResult> result);
    // Loading or computing started or ended.
    void busyChanged(bool busy);

private:
    void startComputation();
    void updateBusy();

    BackgroundJob *m_loadJob = nullptr;
    BackgroundJob *m_computeJob = nullptr;
    LoadedDatabase m_database;
    std::shared_ptr<SharedMetricsEngine> m_engine;
    std::optional<DashboardRequest> m_request;
    std::shared_ptr<const DashboardResult> m_result;
    Compute m_compute;
    int m_delivered = 0;
    quint64 m_requests = 0; // setRequest() calls, to see whether a listener of loaded() made one
    bool m_busy = false;
};

} // namespace sl::ui
