#include "store/database.h"

#include <QFileInfo>
#include <QObject>
#include <QTimeZone>

#include <array>

namespace sl {

namespace {

// migrations[i] takes a database from user_version i to i + 1. Append, never edit: files in the
// wild were made by the old steps.
constexpr std::array<std::string_view, Database::schemaVersion> migrations = {
    // 0 -> 1: tickets and what they refer to, and the log of imports.
    R"sql(
CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    file_path TEXT NOT NULL,
    file_size INTEGER NOT NULL,
    sha256 TEXT,
    kind TEXT NOT NULL,
    profile TEXT NOT NULL,
    encoding TEXT NOT NULL,
    delimiter TEXT NOT NULL,
    timezone TEXT NOT NULL,
    extra_columns TEXT,            -- JSON array: the names of the values in tickets.extra
    started_at INTEGER NOT NULL,   -- UTC seconds
    finished_at INTEGER,
    rows_read INTEGER NOT NULL DEFAULT 0,
    inserted INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE agents (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE channels (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    external_key TEXT NOT NULL,     -- the export's requester id, else e-mail, else name
    name TEXT,
    email TEXT,
    UNIQUE (source, external_key)
);
CREATE TABLE tickets (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,           -- the help desk: rows are keyed by (source, external_id)
    external_id NOT NULL,           -- an integer when the export's id is one, else text
    subject TEXT,
    status TEXT,
    priority TEXT,
    type TEXT,
    channel_id INTEGER REFERENCES channels(id),
    agent_id INTEGER REFERENCES agents(id),
    team_id INTEGER REFERENCES teams(id),
    customer_id INTEGER REFERENCES customers(id),
    created_at INTEGER,             -- UTC seconds
    first_reply_at INTEGER,
    solved_at INTEGER,
    first_reply_min REAL,           -- the export's own durations, calendar and business hours
    first_reply_bh_min REAL,
    resolution_min REAL,
    resolution_bh_min REAL,
    handle_time_s REAL,
    reopens INTEGER,
    agent_replies INTEGER,
    csat_good INTEGER,              -- 1 satisfied, 0 not, NULL unrated
    csat_score REAL,                -- 1-5 when the source gives a score
    csat_offered INTEGER,           -- 1 offered, 0 not, NULL unknown
    tags TEXT,                      -- space-separated
    extra TEXT,                     -- JSON array of the columns no field takes (imports.extra_columns)
    import_id INTEGER NOT NULL REFERENCES imports(id),
    UNIQUE (source, external_id)
);
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
)sql",
    // 1 -> 2: business-hours calendars, and the dashboard's snapshot cache. Foreign keys are
    // not enforced (see open()), so the code that deletes a calendar deletes its rows itself.
    R"sql(
CREATE TABLE calendars (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    time_zone TEXT NOT NULL,              -- IANA id: the shifts are wall-clock times there
    is_default INTEGER NOT NULL DEFAULT 0 -- 1: the calendar of every team without one of its own
);
CREATE TABLE calendar_shifts (
    calendar_id INTEGER NOT NULL REFERENCES calendars(id),
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),    -- ISO, 1 = Monday: the day the shift starts
    start_min INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
    end_min INTEGER NOT NULL CHECK (end_min BETWEEN 0 AND 1440), -- <= start_min: ends the next day
    PRIMARY KEY (calendar_id, weekday, start_min)
);
CREATE TABLE calendar_holidays (
    calendar_id INTEGER NOT NULL REFERENCES calendars(id),
    day TEXT NOT NULL,                    -- YYYY-MM-DD: that whole local day is not working time
    name TEXT,
    PRIMARY KEY (calendar_id, day)
);
CREATE TABLE team_calendars (
    team_id INTEGER PRIMARY KEY REFERENCES teams(id),
    calendar_id INTEGER NOT NULL REFERENCES calendars(id)
);
-- Bumped by every write that changes what the metrics see (imports, calendars): the snapshot
-- cache below is valid only for the version it was built from.
CREATE TABLE data_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT INTO data_version VALUES (1, 0);
CREATE TABLE snapshot_cache (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data_version INTEGER NOT NULL,
    format INTEGER NOT NULL,
    data BLOB NOT NULL
);
)sql",
    // 2 -> 3: the other kinds of export. Each table is keyed like tickets, by (source, the
    // export's own id), so importing again updates and never duplicates; `extra` keeps the
    // columns no field takes (their names in imports.extra_columns).
    R"sql(
CREATE TABLE calls (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    external_id NOT NULL,
    started_at INTEGER,               -- UTC seconds: the call reached the queue
    agent_id INTEGER REFERENCES agents(id),
    team_id INTEGER REFERENCES teams(id), -- queue, skill or team
    answered INTEGER,                 -- 1 answered, 0 abandoned, NULL unknown
    wait_s REAL,                      -- until answered (speed of answer), or until the caller hung up
    talk_s REAL,
    hold_s REAL,
    acw_s REAL,                       -- after-call work
    resolved_first_contact INTEGER,   -- the source's own flag: 1, 0, NULL unknown
    satisfaction REAL,                -- as given, on a scale topping at satisfaction_scale
    satisfaction_scale INTEGER,
    topic TEXT,
    extra TEXT,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    UNIQUE (source, external_id)
);
CREATE TABLE survey_responses (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    external_id NOT NULL,
    responded_at INTEGER,             -- UTC seconds; NULL: the linked ticket's solved time is used
    survey_type TEXT NOT NULL CHECK (survey_type IN ('csat', 'nps', 'ces')),
    score REAL,                       -- NULL: offered, not answered
    scale_min REAL NOT NULL,
    scale_max REAL NOT NULL,
    comment TEXT,
    ticket_external_id TEXT,
    customer_key TEXT,
    agent_id INTEGER REFERENCES agents(id),
    extra TEXT,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    UNIQUE (source, external_id)
);
CREATE TABLE accounts (              -- customers as billing sees them (requesters are in customers)
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    external_id NOT NULL,
    started_on TEXT,                  -- YYYY-MM-DD
    ended_on TEXT,                    -- YYYY-MM-DD; NULL while active
    churned INTEGER,                  -- the source's flag, when it gives no end date
    plan TEXT,
    monthly_revenue REAL,
    total_revenue REAL,
    extra TEXT,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    UNIQUE (source, external_id)
);
CREATE TABLE period_costs (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    month TEXT NOT NULL,              -- YYYY-MM
    channel TEXT NOT NULL DEFAULT '', -- '': the whole support cost of the month
    support_cost REAL,
    orders INTEGER,
    extra TEXT,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    UNIQUE (source, month, channel)
);
CREATE TABLE qa_reviews (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    external_id NOT NULL,
    reviewed_at INTEGER,              -- UTC seconds
    ticket_external_id TEXT,
    agent_id INTEGER REFERENCES agents(id),
    reviewer TEXT,
    score REAL,
    max_score REAL,                   -- NULL: the score is already 0-100
    extra TEXT,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    UNIQUE (source, external_id)
);
)sql",
    // 3 -> 4: a target per KPI. Whether a value meets it follows from the metric's direction
    // (domain/metricdefinitions.cpp), so only the threshold is stored. Targets change no figure: writing
    // them does not bump the data version.
    R"sql(
CREATE TABLE targets (
    metric_id TEXT PRIMARY KEY,           -- a metric id of spec/metrics.md
    value REAL NOT NULL                   -- in the metric's unit (percent 0-100, minutes, hours...)
);
)sql",
};

} // namespace

Database::Database(QString path, sqlite::Connection connection)
    : m_path(std::move(path))
    , m_connection(std::move(connection))
{
}

std::optional<Database> Database::open(const QString &path, QString *error, sqlite::Connection::Mode mode)
{
    const QString name = QFileInfo(path).fileName();
    if (mode != sqlite::Connection::Mode::ReadWriteCreate && !QFileInfo::exists(path)) {
        *error = QObject::tr("%1: no such database file").arg(path);
        return std::nullopt;
    }
    sqlite::Connection connection;
    if (!connection.open(path, mode)) {
        *error = QObject::tr("%1: cannot open the database: %2").arg(path, connection.lastError());
        return std::nullopt;
    }
    // A file that is not SQLite fails on the first read, not on open.
    const std::optional<std::int64_t> version = connection.queryInt("PRAGMA user_version");
    if (!version) {
        *error = QObject::tr("%1: not a SupportLens database (%2)").arg(path, connection.lastError());
        return std::nullopt;
    }
    if (*version > schemaVersion) {
        *error = QObject::tr("%1 was written by a newer SupportLens (schema version %2; this version reads up "
                             "to %3). Update SupportLens to open it.")
                     .arg(name)
                     .arg(*version)
                     .arg(schemaVersion);
        return std::nullopt;
    }
    Database database(path, std::move(connection));
    // A rollback journal, not WAL: an import writes each page once (WAL writes it twice, to the
    // log and again at the checkpoint), and the window reads from its own in-memory snapshot.
    if (mode != sqlite::Connection::Mode::ReadOnly) {
        database.m_connection.exec("PRAGMA journal_mode=DELETE");
        database.m_connection.exec("PRAGMA synchronous=FULL"); // one big transaction: two fsyncs
    }
    // The writer resolves every reference itself; enforcing them again would cost five index
    // look-ups per imported row.
    database.m_connection.exec("PRAGMA foreign_keys=OFF");
    // The default 2 MB page cache makes a million-row import thrash the id index; 64 MB holds it.
    database.m_connection.exec("PRAGMA cache_size=-65536");
    if (*version < schemaVersion) {
        if (mode == sqlite::Connection::Mode::ReadOnly) {
            *error = QObject::tr("%1 needs an upgrade to schema version %2, which a read-only open cannot do")
                         .arg(name)
                         .arg(schemaVersion);
            return std::nullopt;
        }
        if (!database.migrate(error))
            return std::nullopt;
    }
    return database;
}

bool Database::migrate(QString *error)
{
    sqlite::Transaction transaction(m_connection);
    if (!transaction.isActive()) {
        *error = QObject::tr("%1: cannot start the schema upgrade: %2").arg(m_path, m_connection.lastError());
        return false;
    }
    const std::int64_t from = m_connection.queryInt("PRAGMA user_version").value_or(0);
    for (auto step = std::size_t(from); step < migrations.size(); ++step) {
        if (!m_connection.exec(migrations[step])) {
            *error = QObject::tr("%1: upgrading the schema to version %2 failed: %3")
                         .arg(m_path)
                         .arg(step + 1)
                         .arg(m_connection.lastError());
            return false; // the transaction rolls every step back
        }
    }
    const std::string setVersion = "PRAGMA user_version=" + std::to_string(schemaVersion);
    if (!m_connection.exec(setVersion) || !transaction.commit()) {
        *error = QObject::tr("%1: upgrading the schema failed: %2").arg(m_path, m_connection.lastError());
        return false;
    }
    return true;
}

std::int64_t Database::dataVersion()
{
    return m_connection.queryInt("SELECT version FROM data_version").value_or(0);
}

bool Database::bumpDataVersion()
{
    return m_connection.exec("UPDATE data_version SET version = version + 1");
}

DatabaseSummary Database::summary()
{
    DatabaseSummary summary;
    summary.tickets = m_connection.queryInt("SELECT count(*) FROM tickets").value_or(0);
    summary.agents = m_connection.queryInt("SELECT count(*) FROM agents").value_or(0);
    summary.teams = m_connection.queryInt("SELECT count(*) FROM teams").value_or(0);
    summary.customers = m_connection.queryInt("SELECT count(*) FROM customers").value_or(0);
    summary.imports = m_connection.queryInt("SELECT count(*) FROM imports").value_or(0);
    if (const auto first = m_connection.queryInt("SELECT min(created_at) FROM tickets"))
        summary.firstCreated = QDateTime::fromSecsSinceEpoch(*first, QTimeZone::utc());
    if (const auto last = m_connection.queryInt("SELECT max(created_at) FROM tickets"))
        summary.lastCreated = QDateTime::fromSecsSinceEpoch(*last, QTimeZone::utc());
    return summary;
}

std::vector<ImportRecord> Database::imports()
{
    std::vector<ImportRecord> records;
    sqlite::Statement query = m_connection.prepare(
        "SELECT id, file_name, file_size, sha256, kind, profile, started_at, rows_read, inserted, updated, "
        "unchanged, rejected FROM imports ORDER BY id");
    while (query.isValid() && query.step() == sqlite::Statement::StepResult::Row) {
        ImportRecord record;
        record.id = query.columnInt(0);
        record.fileName = query.columnText(1);
        record.fileSize = query.columnInt(2);
        record.sha256 = query.columnText(3);
        record.kind = query.columnText(4);
        record.profile = query.columnText(5);
        record.importedAt = QDateTime::fromSecsSinceEpoch(query.columnInt(6), QTimeZone::utc());
        record.rowsRead = query.columnInt(7);
        record.inserted = query.columnInt(8);
        record.updated = query.columnInt(9);
        record.unchanged = query.columnInt(10);
        record.rejected = query.columnInt(11);
        records.push_back(std::move(record));
    }
    return records;
}

} // namespace sl
