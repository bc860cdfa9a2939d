#include "persistence/sqlite/sqlitedatastore.h"

#include "es/errors.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlQuery>
#include <sqlite3.h>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <cmath>
#include <map>

namespace es::detail {

namespace {

QAtomicInteger<quint64> nextMemoryId{1};

// Python's detect_memory_mode().
bool isMemoryName(const QString &name)
{
    return name.contains(QLatin1String(":memory:")) || name.contains(QLatin1String("mode=memory"));
}

// SQLite's primary result codes (sqlite3.h), by which Python's sqlite3 module picks its exception.
enum SqliteCode {
    Error = 1, Internal = 2, Perm = 3, Abort = 4, Busy = 5, Locked = 6, NoMem = 7, ReadOnly = 8,
    Interrupt = 9, IoErr = 10, Corrupt = 11, NotFound = 12, Full = 13, CantOpen = 14, Protocol = 15,
    Empty = 16, Schema = 17, TooBig = 18, Constraint = 19, Mismatch = 20, Misuse = 21, NoLfs = 22,
    Auth = 23, Format = 24, Range = 25, NotADb = 26,
};

// The in-process lock of a database, by a key naming it: the same key gives the same lock while
// any datastore holds it.
std::shared_ptr<std::timed_mutex> databaseLock(const QString &key)
{
    static std::mutex registryMutex;
    static std::map<QString, std::weak_ptr<std::timed_mutex>> registry;
    std::lock_guard guard(registryMutex);
    for (auto it = registry.begin(); it != registry.end();)
        it = it->second.expired() ? registry.erase(it) : std::next(it);
    auto &slot = registry[key];
    auto lock = slot.lock();
    if (!lock) {
        lock = std::make_shared<std::timed_mutex>();
        slot = lock;
    }
    return lock;
}

// The key of a database: the name of an in-memory one; a file's absolute path (of a "file:" URI,
// the path before its query).
QString databaseKey(const QString &openName, bool isMemory)
{
    if (isMemory)
        return QStringLiteral("memory:") + openName;
    QString path = openName;
    if (path.startsWith(QLatin1String("file:"))) {
        path = path.mid(5);
        const qsizetype query = path.indexOf(QLatin1Char('?'));
        if (query >= 0)
            path.truncate(query);
        if (path.startsWith(QLatin1String("///")))
            path = path.mid(2);
        else if (path.startsWith(QLatin1String("//localhost/")))
            path = path.mid(11);
    }
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return QStringLiteral("file:") + (canonical.isEmpty() ? info.absoluteFilePath() : canonical);
}

// Whether the QSQLITE driver runs on the SQLite library this engine links (so that its sqlite3
// handle may be given to sqlite3_* calls): decided at the first connection of the process. A Qt
// built with its own copy of SQLite inside the plugin would make calls on its handles from here
// undefined; such a copy is told apart because it allocates nothing through this library's
// allocator when it opens a database, and by its version. ES_SQLITE_NATIVE=0 turns the native
// path off (for tests of the QSqlQuery path).
enum class NativeUse { Unknown, Yes, No };
std::atomic<NativeUse> nativeUse{NativeUse::Unknown};
std::mutex nativeDecision;

bool nativeDisabledByEnvironment()
{
    static const bool disabled = qEnvironmentVariable("ES_SQLITE_NATIVE").trimmed() == QLatin1String("0");
    return disabled;
}

} // namespace

// --- native statements ---------------------------------------------------------------------------

SqliteDatastore::Native::~Native()
{
    for (sqlite3_stmt *stmt : std::as_const(m_statements))
        sqlite3_finalize(stmt);
}

sqlite3_stmt *SqliteDatastore::Native::statement(const QByteArray &sql)
{
    const auto it = m_statements.constFind(sql);
    if (it != m_statements.constEnd())
        return *it;
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.constData(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        throwError(rc, ("preparing \"" + sql + '"').constData());
    }
    m_statements.insert(sql, stmt);
    return stmt;
}

void SqliteDatastore::Native::exec(const QByteArray &sql, const char *what)
{
    sqlite3_stmt *stmt = statement(sql);
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        throwError(rc, what);
}

[[noreturn]] void SqliteDatastore::Native::throwError(int rc, const char *what) const
{
    // Through the one translation of SQLite result codes (throwError below), as QSQLITE reports
    // them: the extended code, and SQLite's message.
    int code = sqlite3_extended_errcode(m_db);
    if ((code & 0xff) != (rc & 0xff))
        code = rc; // the connection's last error is another call's (e.g. a failed prepare)
    const QString message = QString::fromUtf8(sqlite3_errmsg(m_db));
    SqliteDatastore::throwError(QSqlError(QString(), message, QSqlError::StatementError, QString::number(code)),
                                QString::fromUtf8(what));
}

bool SqliteDatastore::nativeInUse()
{
    return nativeUse.load(std::memory_order_acquire) == NativeUse::Yes;
}

SqliteDatastore::Reset::~Reset()
{
    sqlite3_reset(m_s);
}

SqliteDatastore::SqliteDatastore(const QString &dbName, std::optional<double> lockTimeout)
    : m_dbName(dbName)
    , m_openName(dbName)
    , m_isMemory(isMemoryName(dbName))
    , m_pool(QStringLiteral("QSQLITE"), QStringLiteral("sqlite"), [this](QSqlDatabase &db) { open(db); })
{
    // A plain ":memory:" would give every thread's connection a private database of its own; the
    // datastore's connections share one instead, named uniquely so that datastores stay apart.
    if (dbName == QLatin1String(":memory:"))
        m_openName = QStringLiteral("file:es-memory-%1-%2?mode=memory&cache=shared")
                         .arg(QCoreApplication::applicationPid())
                         .arg(nextMemoryId.fetchAndAddRelaxed(1));
    // As Python: `timeout=lock_timeout or SQLITE3_DEFAULT_LOCK_TIMEOUT` (so 0 is the default too).
    const double seconds = (lockTimeout && *lockTimeout > 0) ? *lockTimeout : DefaultLockTimeout;
    m_busyTimeoutMs = static_cast<int>(std::llround(std::min(seconds * 1000.0, static_cast<double>(INT_MAX))));
    m_lock = databaseLock(databaseKey(m_openName, m_isMemory));
}

SqliteDatastore::~SqliteDatastore() = default;

ConnectionPool::Connection &SqliteDatastore::connection()
{
    ConnectionPool::Connection &c = m_pool.connection();
    if (!c.extensionTried) {
        c.extensionTried = true;
        if (nativeUse.load(std::memory_order_acquire) == NativeUse::Yes) {
            const QVariant handle = c.db.driver()->handle();
            if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
                if (sqlite3 *raw = *static_cast<sqlite3 *const *>(handle.constData()))
                    c.extension = std::make_unique<Native>(raw);
            }
        }
    }
    return c;
}

void SqliteDatastore::open(QSqlDatabase &db)
{
    db.setDatabaseName(m_openName);
    // Python opens with uri=True; QSQLITE reports extended result codes by default.
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_URI;QSQLITE_BUSY_TIMEOUT=%1").arg(m_busyTimeoutMs));
    std::unique_lock decision(nativeDecision, std::defer_lock);
    if (nativeUse.load(std::memory_order_acquire) == NativeUse::Unknown)
        decision.lock();
    const sqlite3_int64 before = sqlite3_memory_used();
    if (!db.open()) {
        // As Python's create_connection(): a connection that cannot be made is an InterfaceError.
        throw InterfaceError(QStringLiteral("cannot open SQLite database '%1': %2")
                                 .arg(m_dbName, db.lastError().text()));
    }
    if (decision.owns_lock() && nativeUse.load() == NativeUse::Unknown) {
        bool same = !nativeDisabledByEnvironment() && sqlite3_memory_used() > before;
        if (same) {
            QSqlQuery version(db);
            same = version.exec(QStringLiteral("SELECT sqlite_version()")) && version.next()
                && version.value(0).toString() == QLatin1String(sqlite3_libversion());
        }
        nativeUse.store(same ? NativeUse::Yes : NativeUse::No, std::memory_order_release);
    }
    if (m_isMemory || m_walChecked.load(std::memory_order_acquire))
        return;
    // WAL (write-ahead log) for files, as Python: readers do not block the writer and the writer
    // does not block readers. The mode is kept in the file, so one check per datastore is enough.
    // `synchronous` is left as SQLite's default, as Python leaves it.
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode")))
        throwError(q.lastError(), QStringLiteral("reading the journal mode of '%1'").arg(m_dbName));
    const QString mode = q.next() ? q.value(0).toString() : QString();
    q.finish();
    if (mode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
            throwError(q.lastError(), QStringLiteral("setting WAL mode on '%1'").arg(m_dbName));
        q.finish();
    }
    m_walChecked.store(true, std::memory_order_release);
}

QSqlQuery &SqliteDatastore::statement(ConnectionPool::Connection &c, const QString &sql)
{
    if (QSqlQuery *q = c.prepared(sql))
        return *q;
    // The pool keeps only the text of the error; prepare once more to get its native code.
    QSqlQuery probe(c.db);
    if (probe.prepare(sql))
        throw InternalError(QStringLiteral("could not prepare \"%1\" on SQLite database '%2'").arg(sql, m_dbName));
    throwError(probe.lastError(), QStringLiteral("preparing \"%1\"").arg(sql));
}

void SqliteDatastore::exec(QSqlQuery &q, const char *what)
{
    if (!q.exec()) {
        const QSqlError error = q.lastError();
        q.finish();
        throwError(error, QString::fromLatin1(what));
    }
}

std::unique_lock<std::timed_mutex> SqliteDatastore::lockFor(const char *why)
{
    std::unique_lock<std::timed_mutex> lock(*m_lock, std::defer_lock);
    // Until a system_clock time: that is pthread_mutex_timedlock, which ThreadSanitizer sees; a
    // steady_clock timeout (try_lock_for) is pthread_mutex_clocklock, which gcc 12's TSan does not
    // intercept, so it would report every unlock of this lock as an unlock of an unlocked mutex.
    if (!lock.try_lock_until(std::chrono::system_clock::now() + std::chrono::milliseconds(m_busyTimeoutMs)))
        throw OperationalError(QStringLiteral("SQLite: %1: database '%2' is locked: not had within %3 s "
                                              "(SQLITE_LOCK_TIMEOUT)")
                                   .arg(QString::fromLatin1(why), m_dbName)
                                   .arg(m_busyTimeoutMs / 1000.0));
    return lock;
}

std::unique_lock<std::timed_mutex> SqliteDatastore::lockIfMemory()
{
    if (!m_isMemory)
        return {};
    return lockFor("reading");
}

SqliteDatastore::WriteTransaction::WriteTransaction(SqliteDatastore &store)
    : m_store(store)
    , m_lock(store.lockFor("writing"))
{
    m_connection = &store.connection();
    if (Native *n = native(*m_connection)) {
        n->exec(QByteArrayLiteral("BEGIN IMMEDIATE"), "beginning a write transaction");
    } else {
        QSqlQuery &begin = store.statement(*m_connection, QStringLiteral("BEGIN IMMEDIATE"));
        store.exec(begin, "beginning a write transaction");
        begin.finish();
    }
    m_open = true;
}

SqliteDatastore::WriteTransaction::~WriteTransaction()
{
    if (!m_open)
        return;
    // Roll back whatever the failed transaction did; the error that got us here is what matters,
    // so a failing ROLLBACK (no transaction left after SQLite rolled back itself) is ignored.
    if (Native *n = native(*m_connection)) {
        if (!sqlite3_get_autocommit(n->db())) {
            try {
                n->exec(QByteArrayLiteral("ROLLBACK"), "rolling back");
            } catch (const std::exception &) {
            }
        }
    } else if (QSqlQuery *q = m_connection->prepared(QStringLiteral("ROLLBACK"))) {
        q->exec();
        q->finish();
    }
}

void SqliteDatastore::WriteTransaction::commit()
{
    if (Native *n = native(*m_connection)) {
        n->exec(QByteArrayLiteral("COMMIT"), "committing");
    } else {
        QSqlQuery &q = m_store.statement(*m_connection, QStringLiteral("COMMIT"));
        m_store.exec(q, "committing");
        q.finish();
    }
    m_open = false;
}

[[noreturn]] void SqliteDatastore::throwError(const QSqlError &error, const QString &what)
{
    bool ok = false;
    const int extended = error.nativeErrorCode().toInt(&ok);
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (!ok) {
        // No SQLite result code: the driver itself failed (not loaded, not open, bad binding).
        throw InterfaceError(QStringLiteral("SQLite: %1: %2").arg(what, error.text()));
    }
    const QString message = QStringLiteral("SQLite: %1: %2 (code %3)").arg(what, text).arg(extended);
    switch (extended & 0xff) {
    case Internal:
    case NotFound:
        throw InternalError(message);
    case Error:
    case Perm:
    case Abort:
    case Busy:
    case Locked:
    case NoMem:
    case ReadOnly:
    case Interrupt:
    case IoErr:
    case Full:
    case CantOpen:
    case Protocol:
    case Empty:
    case Schema:
        throw OperationalError(message);
    case TooBig:
        throw DataError(message);
    case Constraint:
    case Mismatch:
        throw IntegrityError(message);
    case Misuse:
    case Range:
        throw InterfaceError(message);
    case Corrupt:
    case NotADb:
    default:
        throw DatabaseError(message);
    }
}

} // namespace es::detail
