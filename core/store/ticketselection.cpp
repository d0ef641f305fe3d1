#include "store/ticketselection.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <sqlite3.h>
#include <unordered_map>
#include <variant>

namespace sl {

namespace {

// The duration columns exactly as firstReplyMinutes() and resolutionHours() (tickettally.h)
// read them: the export's own column, else the difference of the timestamps.
constexpr std::string_view firstReplyExpression
    = "COALESCE(t.first_reply_min, (t.first_reply_at - t.created_at) / 60.0)";
constexpr std::string_view resolutionExpression
    = "COALESCE(t.resolution_min / 60.0, (t.solved_at - t.created_at) / 3600.0)";

std::int64_t startOfDay(const QDate &date, const QTimeZone &zone)
{
    return QDateTime(date, QTime(0, 0), zone).toSecsSinceEpoch();
}

bool matchesAny(const QString &value, const QStringList &wanted)
{
    return std::any_of(wanted.begin(), wanted.end(),
        [&](const QString &name) { return value.compare(name, Qt::CaseInsensitive) == 0; });
}

QString textArgument(sqlite3_value *value)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(value));
    return text ? QString::fromUtf8(text, sqlite3_value_bytes(value)) : QString();
}

// SQL functions for the two filter fields that are text in the tickets table, so that they
// match the way the engine's Selection does (Qt's case folding, not SQLite's ASCII-only one).
// sl_priority_wanted(priority): the priority is one of the wanted ones.
void priorityWanted(sqlite3_context *context, int, sqlite3_value **arguments)
{
    const auto &wanted = *static_cast<const QStringList *>(sqlite3_user_data(context));
    const QString priority = textArgument(arguments[0]);
    sqlite3_result_int(context, !priority.isEmpty() && matchesAny(priority, wanted) ? 1 : 0);
}

// sl_tag_wanted(tags): one of the space-separated tags is a wanted one.
void tagWanted(sqlite3_context *context, int, sqlite3_value **arguments)
{
    const auto &wanted = *static_cast<const QStringList *>(sqlite3_user_data(context));
    const QString tags = textArgument(arguments[0]);
    bool any = false;
    for (const QStringView tag : QStringView(tags).split(QLatin1Char(' '), Qt::SkipEmptyParts))
        any = any || matchesAny(tag.toString(), wanted);
    sqlite3_result_int(context, any ? 1 : 0);
}

using Bind = std::variant<std::int64_t, QString>;

// The ids of a name table whose names the filter wants.
std::vector<std::int64_t> wantedIds(sqlite::Connection &connection, std::string_view sql, const QStringList &wanted)
{
    std::vector<std::int64_t> ids;
    sqlite::Statement query = connection.prepare(sql);
    while (query.isValid() && query.step() == sqlite::Statement::StepResult::Row) {
        if (matchesAny(query.columnText(1), wanted))
            ids.push_back(query.columnInt(0));
    }
    return ids;
}

QString idList(const std::vector<std::int64_t> &ids)
{
    if (ids.empty())
        return QStringLiteral("NULL"); // IN (NULL) holds for no row
    QStringList parts;
    for (const std::int64_t id : ids)
        parts.append(QString::number(id));
    return parts.join(QLatin1Char(','));
}

QString escapeLike(const QString &text)
{
    QString escaped;
    for (const QChar c : text) {
        if (c == QLatin1Char('\\') || c == QLatin1Char('%') || c == QLatin1Char('_'))
            escaped += QLatin1Char('\\');
        escaped += c;
    }
    return escaped;
}

struct Ordered
{
    double key;
    std::int64_t created;
    std::int64_t id;
    bool hasKey;
};

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// A zone's UTC offsets by interval, learnt as tickets ask for them. The rows come in SQLite's
// order, not by time, so the one-interval cache of the engine's LocalClock would ask the zone
// (a QDateTime and two transition look-ups) again at nearly every ticket once the period spans
// a DST change; here a million tickets cost a binary search each over a few intervals.
class ZoneOffsets
{
public:
    explicit ZoneOffsets(const QTimeZone &zone)
        : m_zone(zone)
    {
        if (!zone.isValid() || !zone.hasTransitions()) {
            const int offset
                = zone.isValid() ? zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(0, QTimeZone::utc())) : 0;
            m_intervals.push_back(
                { std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(), offset });
        }
    }

    std::int64_t local(std::int64_t utc)
    {
        // The last interval starting at or before `utc`.
        auto it = std::upper_bound(m_intervals.begin(), m_intervals.end(), utc,
            [](std::int64_t t, const Interval &interval) { return t < interval.from; });
        if (it != m_intervals.begin() && utc < std::prev(it)->to)
            return utc + std::prev(it)->offset;
        const Interval learnt = intervalAt(utc);
        m_intervals.insert(it, learnt);
        return utc + learnt.offset;
    }

private:
    struct Interval
    {
        std::int64_t from, to; // [from, to), UTC seconds
        int offset;
    };

    // As LocalClock::refresh in metricsquery.cpp, so that a ticket lands in the heat-map's cell.
    Interval intervalAt(std::int64_t utc) const
    {
        const QDateTime at = QDateTime::fromSecsSinceEpoch(utc, QTimeZone::utc());
        Interval interval { 0, 0, m_zone.offsetFromUtc(at) };
        const QTimeZone::OffsetData previous = m_zone.previousTransition(at.addSecs(1));
        const QTimeZone::OffsetData next = m_zone.nextTransition(at);
        interval.from
            = previous.atUtc.isValid() ? previous.atUtc.toSecsSinceEpoch() : std::numeric_limits<std::int64_t>::min();
        interval.to = next.atUtc.isValid() ? next.atUtc.toSecsSinceEpoch() : std::numeric_limits<std::int64_t>::max();
        if (interval.from > utc || interval.to <= utc) { // transition data that disagrees: one hour at a time
            interval.from = floorDiv(utc, 3600) * 3600;
            interval.to = interval.from + 3600;
        }
        // Kept disjoint whatever the zone says, so that the binary search holds.
        const auto after = std::upper_bound(
            m_intervals.begin(), m_intervals.end(), utc, [](std::int64_t t, const Interval &i) { return t < i.from; });
        if (after != m_intervals.end())
            interval.to = std::min(interval.to, after->from);
        if (after != m_intervals.begin())
            interval.from = std::max(interval.from, std::prev(after)->to);
        return interval;
    }

    QTimeZone m_zone;
    std::vector<Interval> m_intervals; // disjoint, by `from`
};

} // namespace

PeriodBounds periodBounds(const MetricsRequest &request)
{
    PeriodBounds bounds;
    if (request.from)
        bounds.start = startOfDay(*request.from, request.zone);
    if (request.to)
        bounds.end = startOfDay(request.to->addDays(1), request.zone);
    return bounds;
}

std::optional<std::vector<std::int64_t>> selectTicketIds(sqlite::Connection &connection,
    const TicketSelection &selection, QString *error, const std::function<bool()> &cancelled)
{
    const PeriodBounds bounds = periodBounds(selection.request);
    const MetricsFilter &filter = selection.request.filter;
    QStringList conditions;
    std::vector<Bind> binds;
    // `condition` has one %1, for the parameter's number.
    const auto bound = [&](const QString &condition, Bind value) {
        binds.push_back(std::move(value));
        conditions.append(condition.arg(QStringLiteral("?%1").arg(binds.size())));
    };

    switch (selection.cohort) {
    case TicketCohort::Created:
        conditions.append(QStringLiteral("t.created_at IS NOT NULL"));
        if (bounds.start)
            bound(QStringLiteral("t.created_at >= %1"), *bounds.start);
        if (bounds.end)
            bound(QStringLiteral("t.created_at < %1"), *bounds.end);
        break;
    case TicketCohort::Solved:
        conditions.append(QStringLiteral("t.solved_at IS NOT NULL"));
        if (bounds.start)
            bound(QStringLiteral("t.solved_at >= %1"), *bounds.start);
        if (bounds.end)
            bound(QStringLiteral("t.solved_at < %1"), *bounds.end);
        break;
    case TicketCohort::OpenAtEnd:
        // Without an end, the backlog is the tickets never solved.
        conditions.append(QStringLiteral("t.created_at IS NOT NULL"));
        if (bounds.end) {
            bound(QStringLiteral("t.created_at < %1"), *bounds.end);
            bound(QStringLiteral("(t.solved_at IS NULL OR max(t.solved_at, t.created_at) >= %1)"), *bounds.end);
        } else {
            conditions.append(QStringLiteral("t.solved_at IS NULL"));
        }
        break;
    }

    if (!filter.agents.isEmpty())
        conditions.append(QStringLiteral("t.agent_id IN (%1)")
                              .arg(idList(wantedIds(connection, "SELECT id, name FROM agents", filter.agents))));
    if (!filter.teams.isEmpty())
        conditions.append(QStringLiteral("t.team_id IN (%1)")
                              .arg(idList(wantedIds(connection, "SELECT id, name FROM teams", filter.teams))));
    if (!filter.channels.isEmpty())
        conditions.append(QStringLiteral("t.channel_id IN (%1)")
                              .arg(idList(wantedIds(connection, "SELECT id, name FROM channels", filter.channels))));
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    if (!filter.priorities.isEmpty()) {
        sqlite3_create_function_v2(connection.handle(), "sl_priority_wanted", 1, flags,
            const_cast<QStringList *>(&filter.priorities), priorityWanted, nullptr, nullptr, nullptr);
        conditions.append(QStringLiteral("sl_priority_wanted(t.priority)"));
    }
    if (!filter.tags.isEmpty()) {
        sqlite3_create_function_v2(connection.handle(), "sl_tag_wanted", 1, flags,
            const_cast<QStringList *>(&filter.tags), tagWanted, nullptr, nullptr, nullptr);
        conditions.append(QStringLiteral("sl_tag_wanted(t.tags)"));
    }

    // Lives until the query has run, as the function's data must.
    const QStringList requiredTag { selection.tag };
    if (!selection.tag.isEmpty()) {
        sqlite3_create_function_v2(connection.handle(), "sl_tag_required", 1, flags,
            const_cast<QStringList *>(&requiredTag), tagWanted, nullptr, nullptr, nullptr);
        conditions.append(QStringLiteral("sl_tag_required(t.tags)"));
    }

    const QString search = selection.search.trimmed();
    if (!search.isEmpty()) {
        // LIKE ignores case for ASCII letters; the pattern is bound, never spliced in. The
        // requesters are matched once in their own table, not joined to every ticket (which
        // made a search over a million tickets four times slower).
        bound(QStringLiteral("(t.subject LIKE %1 ESCAPE '\\' OR CAST(t.external_id AS TEXT) LIKE %1 ESCAPE '\\' "
                             "OR t.customer_id IN (SELECT c.id FROM customers c "
                             "WHERE c.name LIKE %1 ESCAPE '\\' OR c.email LIKE %1 ESCAPE '\\'))"),
            QString(QLatin1Char('%') + escapeLike(search) + QLatin1Char('%')));
    }

    QString key;
    switch (selection.sortKey) {
    case TicketSortKey::Created:
        key = QStringLiteral("t.created_at");
        break;
    case TicketSortKey::FirstReply:
        key = QString::fromLatin1(firstReplyExpression.data(), qsizetype(firstReplyExpression.size()));
        break;
    case TicketSortKey::Resolution:
        key = QString::fromLatin1(resolutionExpression.data(), qsizetype(resolutionExpression.size()));
        break;
    }
    QString sql = QStringLiteral("SELECT t.id, %1, t.created_at FROM tickets t").arg(key);
    sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));

    const QByteArray utf8 = sql.toUtf8();
    sqlite::Statement query = connection.prepare(std::string_view(utf8.constData(), std::size_t(utf8.size())));
    if (!query.isValid()) {
        *error = connection.lastError();
        return std::nullopt;
    }
    for (std::size_t i = 0; i < binds.size(); ++i) {
        if (const auto *value = std::get_if<std::int64_t>(&binds[i]))
            query.bindInt(int(i + 1), *value);
        else
            query.bindText(int(i + 1), std::get<QString>(binds[i]));
    }

    // SQLite calls this every few thousand virtual-machine steps; non-zero interrupts the query.
    const auto interrupt = [](void *check) {
        return (*static_cast<const std::function<bool()> *>(check))() ? 1 : 0;
    };
    if (cancelled)
        sqlite3_progress_handler(
            connection.handle(), 20000, interrupt, const_cast<std::function<bool()> *>(&cancelled));
    std::vector<Ordered> rows;
    const bool bySlot = selection.weekday || selection.hour;
    ZoneOffsets offsets(selection.request.zone);
    sqlite::Statement::StepResult step;
    while ((step = query.step()) == sqlite::Statement::StepResult::Row) {
        Ordered row;
        row.id = query.columnInt(0);
        row.hasKey = !query.columnIsNull(1);
        row.key = row.hasKey ? query.columnDouble(1) : 0.0;
        row.created = query.columnIsNull(2) ? std::numeric_limits<std::int64_t>::min() : query.columnInt(2);
        if (bySlot) {
            if (query.columnIsNull(2))
                continue;
            // The heat-map's arithmetic (MetricsEngine::createdHeatmap).
            const std::int64_t local = offsets.local(row.created);
            const std::int64_t day = floorDiv(local, 86400);
            const int weekday = int(((day % 7) + 7 + 3) % 7); // 1970-01-01 was a Thursday
            const int hour = int((local - day * 86400) / 3600);
            if ((selection.weekday && *selection.weekday != weekday) || (selection.hour && *selection.hour != hour))
                continue;
        }
        rows.push_back(row);
    }
    sqlite3_progress_handler(connection.handle(), 0, nullptr, nullptr);
    if (step != sqlite::Statement::StepResult::Done) {
        *error = connection.lastError();
        return std::nullopt;
    }
    // In C++ rather than ORDER BY: SQLite's sorter is several times slower on a million rows.
    const bool ascending = selection.sortOrder == Qt::AscendingOrder;
    std::sort(rows.begin(), rows.end(), [ascending](const Ordered &a, const Ordered &b) {
        if (a.hasKey != b.hasKey)
            return a.hasKey; // no value: last, whatever the direction
        if (a.key != b.key)
            return ascending ? a.key < b.key : a.key > b.key;
        if (a.created != b.created)
            return ascending ? a.created < b.created : a.created > b.created;
        return ascending ? a.id < b.id : a.id > b.id;
    });
    std::vector<std::int64_t> ids(rows.size());
    std::transform(rows.begin(), rows.end(), ids.begin(), [](const Ordered &row) { return row.id; });
    return ids;
}

TicketRowReader::TicketRowReader(sqlite::Connection &connection)
{
    std::string sql = "SELECT t.id, t.external_id, t.subject, t.status, t.priority, ch.name, a.name, tm.name, "
                      "COALESCE(c.name, c.email), t.created_at, t.solved_at, ";
    sql += firstReplyExpression;
    sql += ", ";
    sql += resolutionExpression;
    sql += ", t.csat_score, t.csat_good FROM tickets t "
           "LEFT JOIN channels ch ON ch.id = t.channel_id LEFT JOIN agents a ON a.id = t.agent_id "
           "LEFT JOIN teams tm ON tm.id = t.team_id LEFT JOIN customers c ON c.id = t.customer_id "
           "WHERE t.id IN (";
    for (std::size_t i = 1; i <= blockSize; ++i)
        sql += (i > 1 ? ",?" : "?") + std::to_string(i);
    sql += ")";
    m_statement = connection.prepare(sql);
}

std::vector<TicketListRow> TicketRowReader::read(std::span<const std::int64_t> ids)
{
    std::vector<TicketListRow> rows;
    if (!m_statement.isValid())
        return rows;
    ids = ids.first(std::min(ids.size(), blockSize));
    m_statement.reset();
    for (std::size_t i = 0; i < blockSize; ++i) {
        if (i < ids.size())
            m_statement.bindInt(int(i + 1), ids[i]);
        else
            m_statement.bindNull(int(i + 1));
    }
    std::unordered_map<std::int64_t, TicketListRow> byId;
    const auto optionalInt = [&](int column) {
        return m_statement.columnIsNull(column) ? std::nullopt
                                                : std::optional<std::int64_t>(m_statement.columnInt(column));
    };
    const auto optionalDouble = [&](int column) {
        return m_statement.columnIsNull(column) ? std::nullopt
                                                : std::optional<double>(m_statement.columnDouble(column));
    };
    while (m_statement.step() == sqlite::Statement::StepResult::Row) {
        TicketListRow row;
        row.rowId = m_statement.columnInt(0);
        row.externalId = m_statement.columnText(1);
        row.subject = m_statement.columnText(2);
        row.status = m_statement.columnText(3);
        row.priority = m_statement.columnText(4);
        row.channel = m_statement.columnText(5);
        row.agent = m_statement.columnText(6);
        row.team = m_statement.columnText(7);
        row.requester = m_statement.columnText(8);
        row.createdAt = optionalInt(9);
        row.solvedAt = optionalInt(10);
        row.firstReplyMin = optionalDouble(11);
        row.resolutionHours = optionalDouble(12);
        row.csatScore = optionalDouble(13);
        if (!m_statement.columnIsNull(14))
            row.csatGood = m_statement.columnInt(14) != 0;
        byId.emplace(row.rowId, std::move(row));
    }
    m_statement.reset();
    rows.reserve(ids.size());
    for (const std::int64_t id : ids) {
        const auto found = byId.find(id);
        if (found != byId.end()) {
            rows.push_back(std::move(found->second));
        } else {
            TicketListRow gone; // deleted since the selection was made: an empty row keeps the places
            gone.rowId = id;
            rows.push_back(std::move(gone));
        }
    }
    return rows;
}

} // namespace sl
