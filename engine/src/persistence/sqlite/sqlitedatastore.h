#pragma once
// One SQLite database as Python's eventsourcing.sqlite.SQLiteDatastore (9.1.6) keeps it, over Qt's
// QSQLITE driver: a connection per thread (ConnectionPool), the busy timeout from
// SQLITE_LOCK_TIMEOUT, WAL for files, and an in-process lock around every transaction of an
// in-memory database. Recorders made by one factory share one datastore, hence one connection per
// thread, as in Python. Private to the engine.
//
// Thread-safe: every member may be called from any thread; each thread uses its own connection.

#include "persistence/connectionpool.h"

#include <QByteArray>
#include <QHash>
#include <QSqlError>
#include <QString>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace es::detail {

class SqliteDatastore
{
public:
    // The native side of one connection (DESIGN §4): the QSQLITE driver's own sqlite3 handle and
    // statements prepared on it once. The recorders' hot paths (inserts, selects) run through it,
    // because QSqlQuery's binding and QVariant rows cost more than SQLite itself (measured with
    // es-bench: half the instructions of a save in memory). Used only when the driver's SQLite is
    // the library the engine links (checked once per process: see open()); otherwise, or with
    // ES_SQLITE_NATIVE=0 in the environment, the recorders go through QSqlQuery as before.
    class Native final : public ConnectionPool::Connection::Extension
    {
    public:
        explicit Native(sqlite3 *db)
            : m_db(db)
        {
        }
        ~Native() override; // finalizes the statements
        Native(const Native &) = delete;
        Native &operator=(const Native &) = delete;

        sqlite3 *db() const { return m_db; }
        // The statement for UTF-8 `sql`, prepared on this connection the first time (reset and
        // ready for binding). Throws the translated error when it cannot be prepared.
        sqlite3_stmt *statement(const QByteArray &sql);
        // Runs a statement without parameters or rows (BEGIN, SAVEPOINT, COMMIT…).
        void exec(const QByteArray &sql, const char *what);
        // Throws the translated error of a call on this connection that returned `rc`.
        [[noreturn]] void throwError(int rc, const char *what) const;

    private:
        sqlite3 *m_db;
        QHash<QByteArray, sqlite3_stmt *> m_statements;
    };

    // Resets a native statement however its scope is left: no statement keeps a read transaction.
    class Reset
    {
    public:
        explicit Reset(sqlite3_stmt *s)
            : m_s(s)
        {
        }
        ~Reset();
        Reset(const Reset &) = delete;
        Reset &operator=(const Reset &) = delete;

    private:
        sqlite3_stmt *m_s;
    };

    // Python's SQLITE3_DEFAULT_LOCK_TIMEOUT (seconds).
    static constexpr double DefaultLockTimeout = 5.0;

    // dbName is SQLITE_DBNAME: a file path, a "file:" URI, ":memory:" or a shared in-memory URI
    // ("file:name?mode=memory&cache=shared"). lockTimeout in seconds; as in Python, none or 0 means
    // the default of 5 s.
    SqliteDatastore(const QString &dbName, std::optional<double> lockTimeout);
    ~SqliteDatastore();
    SqliteDatastore(const SqliteDatastore &) = delete;
    SqliteDatastore &operator=(const SqliteDatastore &) = delete;

    const QString &dbName() const { return m_dbName; }
    // The name the connections open (":memory:" becomes a shared in-memory URI of this datastore).
    const QString &openName() const { return m_openName; }
    bool isMemory() const { return m_isMemory; }
    int busyTimeoutMs() const { return m_busyTimeoutMs; }

    // This thread's connection (opened, configured, WAL checked on first use).
    ConnectionPool::Connection &connection();
    // The native side of a connection of this datastore, or nullptr (see Native).
    static Native *native(ConnectionPool::Connection &c) { return static_cast<Native *>(c.extension.get()); }

    // The statement for sql on this thread's connection, prepared once per connection. Throws the
    // translated error when it cannot be prepared (e.g. "no such table" → OperationalError).
    QSqlQuery &statement(ConnectionPool::Connection &c, const QString &sql);

    // Runs a statement prepared by statement() whose values are bound; throws the translated error.
    void exec(QSqlQuery &q, const char *what);

    // Serialises the transactions of an in-memory database (shared-cache tables report
    // SQLITE_LOCKED at once instead of waiting for the busy timeout): held for every statement on
    // it, reads too. Empty (a no-op) for files. Throws OperationalError when not had within the
    // lock timeout.
    std::unique_lock<std::timed_mutex> lockIfMemory();

    // A write transaction: takes the database's in-process lock, then BEGIN IMMEDIATE, so the write
    // lock is taken at BEGIN and two writers never deadlock upgrading read locks. The in-process
    // lock is the memory lock for in-memory databases; for files it queues this process's writers
    // (of every datastore on that file) on a mutex instead of letting them poll SQLite's busy
    // handler against each other, which can starve one past the timeout. It is waited for at most
    // the lock timeout; the busy timeout still governs writers in other processes.
    // commit() ends the transaction; without it the destructor rolls back.
    class WriteTransaction
    {
    public:
        explicit WriteTransaction(SqliteDatastore &store);
        ~WriteTransaction();
        WriteTransaction(const WriteTransaction &) = delete;
        WriteTransaction &operator=(const WriteTransaction &) = delete;

        ConnectionPool::Connection &connection() { return *m_connection; }
        void commit();

    private:
        SqliteDatastore &m_store;
        std::unique_lock<std::timed_mutex> m_lock;
        ConnectionPool::Connection *m_connection = nullptr;
        bool m_open = false;
    };

    // Whether this process's connections use the native side (decided at the first connection;
    // false before). For tests.
    static bool nativeInUse();

    // The one place where QSQLITE errors become engine exceptions, by the native (extended) result
    // code as Python's sqlite3 module maps them; `what` says what was being done.
    [[noreturn]] static void throwError(const QSqlError &error, const QString &what);

private:
    void open(QSqlDatabase &db);

    QString m_dbName;
    QString m_openName;
    bool m_isMemory = false;
    int m_busyTimeoutMs = 5000;
    std::atomic<bool> m_walChecked{false};
    std::unique_lock<std::timed_mutex> lockFor(const char *why);

    // One per database in this process (shared by datastores that open the same one).
    std::shared_ptr<std::timed_mutex> m_lock;
    ConnectionPool m_pool;
};

} // namespace es::detail
