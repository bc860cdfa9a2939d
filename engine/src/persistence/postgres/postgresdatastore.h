#pragma once
// One PostgreSQL database as Python's eventsourcing.postgres.PostgresDatastore (9.1.6) keeps it,
// over Qt's QPSQL driver: a connection per thread (ConnectionPool) with the POSTGRES_* settings
// (connect timeout, maximum age, pre-ping, idle-in-transaction timeout), statements prepared once
// per connection, the one place where QPSQL errors become engine exceptions, and the retry of an
// operation whose connection was lost (Python's @retry(InterfaceError, max_attempts=10, wait=0.2)).
// Recorders made by one factory share one datastore, hence one connection per thread, as in Python.
// Private to the engine.
//
// Thread-safe: every member may be called from any thread; each thread uses its own connection.

#include "persistence/connectionpool.h"

#include "es/errors.h"
#include "es/infrastructure.h"

#include <QByteArray>
#include <QHash>
#include <QSqlError>
#include <QString>
#include <memory>
#include <optional>
#include <type_traits>

struct pg_conn;
struct pg_result;

namespace es::detail {

// The POSTGRES_* settings of one factory.
struct PostgresSettings
{
    QString dbname;
    QString host;
    int port = 5432;
    QString user;
    QString password;
    int connectTimeout = 5; // seconds (libpq connect_timeout)
    std::optional<double> connMaxAge; // seconds; a connection older than this is replaced before use
    bool prePing = false; // check the connection before use, reconnect if dead
    int lockTimeout = 0; // seconds to wait for the events table's EXCLUSIVE lock; 0 = forever
    int idleInTransactionSessionTimeout = 0; // seconds; 0 = none

    // Reads POSTGRES_DBNAME, HOST, PORT, USER, PASSWORD, CONNECT_TIMEOUT, CONN_MAX_AGE, PRE_PING,
    // LOCK_TIMEOUT and IDLE_IN_TRANSACTION_SESSION_TIMEOUT with the <APPNAME>_ prefix rule. A missing
    // required variable or an invalid value → ConfigurationError naming the variable.
    static PostgresSettings fromEnvironment(const Environment &env);
};

class PostgresDatastore
{
public:
    using Connection = ConnectionPool::Connection;

    // Python's @retry on the recorders' methods: attempts in all, and the wait between them.
    static constexpr int MaxAttempts = 10;
    static constexpr int RetryWaitMs = 200;

    // The native side of a connection (DESIGN §4): QPSQL's own PGconn, on which the recorders'
    // hot reads (selectEvents, selectNotifications) run as prepared statements with binary results:
    // QPSQL reads every row as text (bytea as hex that libpq unescapes into a copy, uuid as text
    // that must be parsed back), which es-bench measured as more than half the cost of rebuilding an
    // aggregate. The events' INSERT binds its values natively too (binary uuid, int8, text and
    // bytea): with QPSQL's EXECUTE of text values (bytea as hex) a 16-save group's INSERT took
    // ~450 µs in es-bench, natively ~280. The other statements (BEGIN and the lock, COMMIT, tracking) stay with QPSQL
    // and go over the wire as Python's do. Used unless ES_PG_NATIVE=0 is in the environment (for
    // tests of the QPSQL path).
    class Native final : public ConnectionPool::Connection::Extension
    {
    public:
        explicit Native(pg_conn *conn)
            : m_conn(conn)
        {
        }
        pg_conn *conn() const { return m_conn; }

        struct ResultDeleter
        {
            void operator()(pg_result *r) const;
        };
        using Result = std::unique_ptr<pg_result, ResultDeleter>;

        // Executes `sql` ($1… parameters), prepared on this connection the first time, asking for
        // binary results. values/lengths/formats as PQexecPrepared takes them. Returns the rows;
        // throws the translated error (InterfaceError when the connection is lost).
        Result query(const QByteArray &sql, int count, const char *const *values, const int *lengths,
                     const int *formats, const QString &what);

    private:
        [[noreturn]] void throwError(const pg_result *result, const QString &what) const;

        pg_conn *m_conn;
        QHash<QByteArray, QByteArray> m_prepared; // SQL text → statement name
    };

    explicit PostgresDatastore(PostgresSettings settings);
    ~PostgresDatastore();
    PostgresDatastore(const PostgresDatastore &) = delete;
    PostgresDatastore &operator=(const PostgresDatastore &) = delete;

    const PostgresSettings &settings() const { return m_settings; }

    // This thread's connection, ready for use: opened on first use, replaced when older than
    // POSTGRES_CONN_MAX_AGE, checked with a ping first when POSTGRES_PRE_PING (and replaced when
    // dead). A connection that cannot be opened → OperationalError.
    Connection &connection();
    // Closes and forgets this thread's connection (after it was lost, or when it is too old).
    void discard();
    // The native side of a connection, or nullptr (see Native).
    static Native *native(Connection &c) { return static_cast<Native *>(c.extension.get()); }
    // How many connections of this process have had a native side (for tests).
    static int nativeConnections();

    // Runs f(connection) on this thread's connection. When f throws InterfaceError (the connection
    // was lost), the connection is discarded and f runs again on a fresh one, 0.2 s later, at most
    // MaxAttempts times in all; failing to reconnect while retrying counts as an attempt too. Any
    // other exception passes through at once. f must be safe to run again: see insertEvents().
    template<typename F> auto retry(F &&f) -> std::invoke_result_t<F &, Connection &>;

    // The statement for sql on connection c, prepared (server-side) the first time it is asked for
    // on that connection. Not forward-only: a result is fetched completely by exec(). Throws the
    // translated error when it cannot be prepared.
    QSqlQuery &statement(Connection &c, const QString &sql);
    // Executes a statement from statement() whose values are bound; throws the translated error.
    void exec(Connection &c, QSqlQuery &q, const QString &what);
    // Runs SQL text (one or more statements, no parameters) in one round trip and checks the
    // result of every statement; throws the translated error of the first that failed.
    void execScript(Connection &c, const QString &sql, const QString &what);

    // A transaction on one connection: BEGIN is sent with `prologue` (statements run right after
    // it, in the same round trip); commit() ends it, the destructor rolls back an uncommitted one
    // (when the connection is still alive; a lost connection's transaction dies with it).
    class Transaction
    {
    public:
        Transaction(PostgresDatastore &store, Connection &c, const QString &prologue = {});
        ~Transaction();
        Transaction(const Transaction &) = delete;
        Transaction &operator=(const Transaction &) = delete;
        void commit();

    private:
        PostgresDatastore &m_store;
        Connection &m_connection;
        bool m_open = false;
    };

    // What became of a transaction whose COMMIT got no answer (txid_status()).
    enum class Outcome { Committed, Aborted };
    // Asks the server (on connection c) for the outcome of transaction txid; waits while it is still
    // in progress (its backend has not yet noticed that its client went away), for up to 10 s, then
    // gives up with OperationalError, since trying again could write twice.
    Outcome transactionOutcome(Connection &c, qint64 txid);

    // The one place where QPSQL errors become engine exceptions: by the SQLSTATE in
    // QSqlError::nativeErrorCode() (never QSqlError::type()), and by the state of the connection.
    // `connectionAlive` is false when the connection is known to be dead (QPSQL reports an open
    // connection by libpq's status), which makes it an InterfaceError whatever the code.
    [[noreturn]] static void throwError(const QSqlError &error, bool connectionAlive, const QString &what);

private:
    void open(QSqlDatabase &db);
    Connection &withNative(Connection &c);
    bool ping(Connection &c);
    static void waitBeforeRetry();

    PostgresSettings m_settings;
    ConnectionPool m_pool;
};

template<typename F> auto PostgresDatastore::retry(F &&f) -> std::invoke_result_t<F &, Connection &>
{
    for (int attempt = 1;; ++attempt) {
        Connection *c = nullptr;
        try {
            c = &connection();
        } catch (const OperationalError &) {
            // Cannot connect. At the first attempt that is the answer (a wrong host or password
            // should not take ten tries to report); after a lost connection the server may be
            // restarting, so reconnecting gets the remaining attempts.
            if (attempt == 1 || attempt >= MaxAttempts)
                throw;
            waitBeforeRetry();
            continue;
        } catch (const InterfaceError &) {
            discard();
            if (attempt >= MaxAttempts)
                throw;
            waitBeforeRetry();
            continue;
        }
        try {
            return f(*c);
        } catch (const InterfaceError &) {
            discard();
            if (attempt >= MaxAttempts)
                throw;
            waitBeforeRetry();
        }
    }
}

} // namespace es::detail
