#pragma once
// One database the inspector reads, read-only, with a connection per thread (ConnectionPool):
// SQLite (QSQLITE_OPEN_READONLY, PRAGMA query_only=1) or PostgreSQL (default_transaction_read_only).
// Every statement's result is fetched completely before select() returns, so no statement stays
// open between calls (an open QSQLITE select blocks writers). Errors are translated where the
// recorders translate them (SqliteDatastore::throwError, PostgresDatastore::throwError).
// Private to the engine. Thread-safe: each thread uses its own connection.

#include "persistence/connectionpool.h"

#include <QMap>
#include <QSqlError>
#include <QString>
#include <QStringList>
#include <QUuid>
#include <QVariant>
#include <memory>
#include <vector>

namespace es::inspect::detail {

using Row = std::vector<QVariant>;
using Binds = std::vector<QVariant>;

class Database
{
public:
    enum class Dialect { Sqlite, Postgres };

    virtual ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Dialect dialect() const { return m_dialect; }
    bool isSqlite() const { return m_dialect == Dialect::Sqlite; }
    // "'path'" or "database 'x' on host:port", for messages.
    const QString &describe() const { return m_describe; }

    // Runs one statement with bound values and fetches every row. Throws the translated error;
    // `what` says what was being done ("selecting notifications from stored_events").
    std::vector<Row> select(const QString &sql, const Binds &binds, const QString &what) const;
    // The first column of the first row, or a null QVariant when there is no row.
    QVariant selectValue(const QString &sql, const Binds &binds, const QString &what) const;
    // Runs any statement, unprepared, on this thread's connection and returns its rows (tests use it
    // to try to write, and to read query plans).
    std::vector<Row> execRaw(const QString &sql, const QString &what) const;

    // The tables of the database and their columns (in the search path, for PostgreSQL).
    QMap<QString, QStringList> tables() const;

    // An identifier quoted for SQL text ("name", quotes doubled).
    static QString quote(const QString &identifier);
    // originator_id as bound: 32 hex digits (SQLite, as Python stores it) or dashed (uuid column).
    QVariant idValue(const QUuid &id) const;
    // A bound value for an id bound (inclusive) given as hex text: SQLite compares the text,
    // PostgreSQL the uuid. `hex32` has 32 hex digits.
    QVariant idBoundValue(const QString &hex32) const;
    // Reads originator_id from a row; throws DataError naming the value when it is not a UUID.
    QUuid readId(const QVariant &value) const;

    // Closes this thread's connection.
    void release() const;

    static std::shared_ptr<Database> openSqlite(const QString &path, int busyTimeoutMs);
    struct PostgresParams
    {
        QString host;
        int port = 5432;
        QString user;
        QString password;
        QString passwordSource;
        QString dbname;
        QString sslmode;
        int connectTimeout = 5;
    };
    static std::shared_ptr<Database> openPostgres(const PostgresParams &params);

protected:
    Database(Dialect dialect, const QString &label, const QString &describe);
    virtual void open(QSqlDatabase &db) = 0;
    [[noreturn]] virtual void fail(const QSqlError &error, bool connectionAlive,
                                   const QString &what) const = 0;

    ::es::detail::ConnectionPool::Connection &connection() const { return m_pool.connection(); }
    QSqlQuery &prepared(::es::detail::ConnectionPool::Connection &c, const QString &sql) const;

    Dialect m_dialect;
    QString m_describe;
    mutable ::es::detail::ConnectionPool m_pool;
};

} // namespace es::inspect::detail
