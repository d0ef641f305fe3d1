#include "store/sqlite.h"

#include <QtGlobal>

#include <sqlite3.h>

#include <utility>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace sl::sqlite {

Connection::~Connection()
{
    close();
}

Connection::Connection(Connection &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_error(std::move(other.m_error))
{
}

Connection &Connection::operator=(Connection &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_error = std::move(other.m_error);
    }
    return *this;
}

namespace {

// Memory statistics cost a global mutex on every allocation SQLite makes; SupportLens never reads
// them. This must run before SQLite initialises, so it runs before the first open.
void configureSqliteOnce()
{
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
}

} // namespace

bool Connection::open(const QString &path, Mode mode)
{
    configureSqliteOnce();
    close();
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    }
    const QByteArray utf8 = path.toUtf8();
#ifdef Q_OS_UNIX
    // SQLite creates a database file with 0644 whatever the user's umask allows (its compiled-in
    // SQLITE_DEFAULT_FILE_PERMISSIONS); a file the user creates gets 0666 minus the umask, like any
    // other document. Creating it first gives it that, and SQLite gives its journal the mode of
    // the database file. O_EXCL: an existing file is never touched here.
    if (mode == Mode::ReadWriteCreate && !utf8.isEmpty() && utf8 != ":memory:" && !utf8.startsWith("file:")) {
        const int fd = ::open(utf8.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0)
            ::close(fd);
    }
#endif
    const int rc = sqlite3_open_v2(utf8.constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        m_error = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_close_v2(m_db);
        m_db = nullptr;
        return false;
    }
    m_error.clear();
    // Another process (the window, a second import) may hold the write lock for a moment.
    sqlite3_busy_timeout(m_db, 5000);
    sqlite3_extended_result_codes(m_db, 1);
    return true;
}

void Connection::close()
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

bool Connection::exec(std::string_view sql)
{
    const std::string text(sql);
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
    if (message)
        sqlite3_free(message);
    return rc == SQLITE_OK;
}

Statement Connection::prepare(std::string_view sql)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v3(m_db, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr)
        != SQLITE_OK) {
        return {};
    }
    return Statement(m_db, stmt);
}

std::optional<std::int64_t> Connection::queryInt(std::string_view sql)
{
    Statement statement = prepare(sql);
    if (!statement.isValid() || statement.step() != Statement::StepResult::Row)
        return std::nullopt;
    if (statement.columnIsNull(0))
        return std::nullopt;
    return statement.columnInt(0);
}

std::int64_t Connection::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

bool Connection::isReadOnly() const
{
    return m_db && sqlite3_db_readonly(m_db, "main") == 1;
}

int Connection::changes() const
{
    return sqlite3_changes(m_db);
}

QString Connection::lastError() const
{
    if (!m_db)
        return m_error;
    return QString::fromUtf8(sqlite3_errmsg(m_db));
}

Statement::~Statement()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_stmt(std::exchange(other.m_stmt, nullptr))
{
}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        if (m_stmt)
            sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

void Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

void Statement::bindInt(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void Statement::bindDouble(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
}

void Statement::bindText(int index, std::string_view utf8)
{
    sqlite3_bind_text64(m_stmt, index, utf8.data(), utf8.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Statement::bindText(int index, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    sqlite3_bind_text64(m_stmt, index, utf8.constData(), sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT,
                        SQLITE_UTF8);
}

void Statement::bindTextStatic(int index, std::string_view utf8)
{
    sqlite3_bind_text64(m_stmt, index, utf8.data(), utf8.size(), SQLITE_STATIC, SQLITE_UTF8);
}

void Statement::bindBlobStatic(int index, const void *data, std::size_t size)
{
    sqlite3_bind_blob64(m_stmt, index, data, size, SQLITE_STATIC);
}

void Statement::bindOptionalInt(int index, const std::optional<std::int64_t> &value)
{
    if (value)
        bindInt(index, *value);
    else
        bindNull(index);
}

void Statement::bindOptionalDouble(int index, const std::optional<double> &value)
{
    if (value)
        bindDouble(index, *value);
    else
        bindNull(index);
}

Statement::StepResult Statement::step()
{
    switch (sqlite3_step(m_stmt)) {
    case SQLITE_ROW: return StepResult::Row;
    case SQLITE_DONE: return StepResult::Done;
    default: return StepResult::Error;
    }
}

bool Statement::run()
{
    const StepResult result = step();
    sqlite3_reset(m_stmt);
    return result != StepResult::Error;
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

std::int64_t Statement::columnInt(int index) const
{
    return sqlite3_column_int64(m_stmt, index);
}

double Statement::columnDouble(int index) const
{
    return sqlite3_column_double(m_stmt, index);
}

bool Statement::columnIsNull(int index) const
{
    return sqlite3_column_type(m_stmt, index) == SQLITE_NULL;
}

QString Statement::columnText(int index) const
{
    const std::string_view utf8 = columnUtf8(index);
    return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
}

std::string_view Statement::columnUtf8(int index) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, index));
    if (!text)
        return {};
    return {text, std::size_t(sqlite3_column_bytes(m_stmt, index))};
}

std::string_view Statement::columnBlob(int index) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, index));
    if (!data)
        return {};
    return {data, std::size_t(sqlite3_column_bytes(m_stmt, index))};
}

QString Statement::lastError() const
{
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString();
}

Transaction::Transaction(Connection &connection)
    : m_connection(connection)
{
    m_active = m_connection.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    rollback();
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    if (!m_connection.exec("COMMIT"))
        return false; // still active: the destructor rolls back
    m_active = false;
    return true;
}

void Transaction::rollback()
{
    if (m_active) {
        m_connection.exec("ROLLBACK");
        m_active = false;
    }
}

} // namespace sl::sqlite
