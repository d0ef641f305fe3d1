#pragma once

// The one place that knows the settings file: every key and its default are in settings.cpp,
// and the window and pages read and write typed values through this facade, never QSettings
// with string keys of their own.

#include "services/dashboardquery.h"
#include "dashboard/filterstate.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

class QSettings;

namespace sl::ui {

// The Overview page's own choices.
struct OverviewSettings
{
    QString trendMetric = QStringLiteral("tickets_created"); // a ticket metric id
    Grouping trendBucket = Grouping::Month;
    TrendSpan trendSpan = TrendSpan::TwelveMonths;
    QString breakdownMetric = QStringLiteral("tickets_created");
};

class Settings
{
public:
    static constexpr int maxRecentFiles = 8;

    // The application's settings (organisation and application name from QCoreApplication).
    Settings();
    // Another store, for tests: an INI file, say.
    explicit Settings(std::unique_ptr<QSettings> store);
    ~Settings();
    Settings(const Settings &) = delete;
    Settings &operator=(const Settings &) = delete;

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    QString lastDatabase() const;
    void setLastDatabase(const QString &path);

    // Most recent first, without duplicates, at most maxRecentFiles.
    QStringList recentFiles() const;
    void addRecentFile(const QString &path);
    void removeRecentFile(const QString &path);

    FilterState filters() const;
    void setFilters(const FilterState &filters);

    OverviewSettings overview() const;
    void setOverview(const OverviewSettings &overview);

private:
    std::unique_ptr<QSettings> m_store;
};

} // namespace sl::ui
