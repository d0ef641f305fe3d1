#include "shell/settings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace sl::ui {

namespace {

// A key and its default, side by side: the whole settings file at a glance.
template<typename T> struct Option
{
    const char *key;
    T fallback;

    T read(const QSettings &store) const
    {
        const QVariant value = store.value(QLatin1String(key));
        return value.isValid() && value.canConvert<T>() ? value.value<T>() : fallback;
    }
    void write(QSettings &store, const T &value) const { store.setValue(QLatin1String(key), value); }
};

const Option<QByteArray> windowGeometryOption{"window/geometry", {}};
const Option<QByteArray> windowStateOption{"window/state", {}};
const Option<QString> lastDatabaseOption{"database/last", {}};
const Option<QStringList> recentFilesOption{"database/recent", {}};

const Option<QString> presetOption{"filters/preset", QStringLiteral("last-month")};
const Option<QDate> customFromOption{"filters/customFrom", {}};
const Option<QDate> customToOption{"filters/customTo", {}};
const Option<bool> compareOption{"filters/compare", true};
const Option<bool> compareLastYearOption{"filters/compareLastYear", false};
const Option<QStringList> channelsOption{"filters/channels", {}};
const Option<QStringList> agentsOption{"filters/agents", {}};
const Option<QStringList> teamsOption{"filters/teams", {}};
const Option<QStringList> prioritiesOption{"filters/priorities", {}};
const Option<QStringList> tagsOption{"filters/tags", {}};

const Option<QString> trendMetricOption{"overview/trendMetric", QStringLiteral("tickets_created")};
const Option<QString> trendBucketOption{"overview/trendBucket", QStringLiteral("month")};
const Option<QString> trendSpanOption{"overview/trendSpan", QStringLiteral("12-months")};
const Option<QString> breakdownMetricOption{"overview/breakdownMetric", QStringLiteral("tickets_created")};

QString canonicalPath(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

} // namespace

Settings::Settings()
    : m_store(std::make_unique<QSettings>())
{ }

Settings::Settings(std::unique_ptr<QSettings> store)
    : m_store(std::move(store))
{ }

Settings::~Settings() = default;

QByteArray Settings::windowGeometry() const
{
    return windowGeometryOption.read(*m_store);
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    windowGeometryOption.write(*m_store, geometry);
}

QByteArray Settings::windowState() const
{
    return windowStateOption.read(*m_store);
}

void Settings::setWindowState(const QByteArray &state)
{
    windowStateOption.write(*m_store, state);
}

QString Settings::lastDatabase() const
{
    return lastDatabaseOption.read(*m_store);
}

void Settings::setLastDatabase(const QString &path)
{
    lastDatabaseOption.write(*m_store, path);
}

QStringList Settings::recentFiles() const
{
    QStringList files = recentFilesOption.read(*m_store);
    files.removeDuplicates();
    return files.mid(0, maxRecentFiles);
}

void Settings::addRecentFile(const QString &path)
{
    const QString canonical = canonicalPath(path);
    QStringList files = recentFiles();
    files.removeAll(canonical);
    files.prepend(canonical);
    recentFilesOption.write(*m_store, files.mid(0, maxRecentFiles));
}

void Settings::removeRecentFile(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.removeAll(canonicalPath(path));
    recentFilesOption.write(*m_store, files);
}

FilterState Settings::filters() const
{
    FilterState state;
    state.preset = presetFromKey(presetOption.read(*m_store)).value_or(state.preset);
    state.customFrom = customFromOption.read(*m_store);
    state.customTo = customToOption.read(*m_store);
    state.compare = compareOption.read(*m_store);
    state.compareLastYear = compareLastYearOption.read(*m_store);
    state.filter.channels = channelsOption.read(*m_store);
    state.filter.agents = agentsOption.read(*m_store);
    state.filter.teams = teamsOption.read(*m_store);
    state.filter.priorities = prioritiesOption.read(*m_store);
    state.filter.tags = tagsOption.read(*m_store);
    return state;
}

void Settings::setFilters(const FilterState &filters)
{
    presetOption.write(*m_store, presetKey(filters.preset));
    customFromOption.write(*m_store, filters.customFrom);
    customToOption.write(*m_store, filters.customTo);
    compareOption.write(*m_store, filters.compare);
    compareLastYearOption.write(*m_store, filters.compareLastYear);
    channelsOption.write(*m_store, filters.filter.channels);
    agentsOption.write(*m_store, filters.filter.agents);
    teamsOption.write(*m_store, filters.filter.teams);
    prioritiesOption.write(*m_store, filters.filter.priorities);
    tagsOption.write(*m_store, filters.filter.tags);
}

OverviewSettings Settings::overview() const
{
    OverviewSettings overview;
    overview.trendMetric = trendMetricOption.read(*m_store);
    overview.breakdownMetric = breakdownMetricOption.read(*m_store);
    const QString bucket = trendBucketOption.read(*m_store);
    overview.trendBucket = bucket == QLatin1String("day") ? Grouping::Day
        : bucket == QLatin1String("week")                 ? Grouping::Week
                                                          : Grouping::Month;
    overview.trendSpan = trendSpanOption.read(*m_store) == QLatin1String("period") ? TrendSpan::Period
                                                                                   : TrendSpan::TwelveMonths;
    return overview;
}

void Settings::setOverview(const OverviewSettings &overview)
{
    trendMetricOption.write(*m_store, overview.trendMetric);
    breakdownMetricOption.write(*m_store, overview.breakdownMetric);
    trendBucketOption.write(*m_store,
        overview.trendBucket == Grouping::Day        ? QStringLiteral("day")
            : overview.trendBucket == Grouping::Week ? QStringLiteral("week")
                                                     : QStringLiteral("month"));
    trendSpanOption.write(
        *m_store, overview.trendSpan == TrendSpan::Period ? QStringLiteral("period") : QStringLiteral("12-months"));
}

} // namespace sl::ui
