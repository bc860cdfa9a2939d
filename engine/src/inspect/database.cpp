#include "inspect/database.h"

#include "es/errors.h"
#include "es/uuid.h"
#include "persistence/postgres/postgresdatastore.h"
#include "persistence/sqlite/sqlitedatastore.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUrl>
#include <atomic>

namespace es::inspect::detail {

namespace {

// SQLite primary result codes (sqlite3.h) the inspector reports in its own words.
constexpr int SqliteReadOnly = 8;
constexpr int SqliteCantOpen = 14;
constexpr int SqliteNotADb = 26;

int sqliteCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? code : -1;
}

class SqliteDatabase final : public Database
{
public:
    SqliteDatabase(const QString &path, int busyTimeoutMs)
        : Database(Dialect::Sqlite, QStringLiteral("inspect-sqlite"), QStringLiteral("'%1'").arg(path)),
          m_path(path), m_openName(path), m_busyTimeoutMs(busyTimeoutMs)
    { }

    // Reads the schema once: a file that is not a database says so here. A WAL database whose
    // folder cannot take the -shm file is reopened immutable (nobody can be writing to it there).
    void probe()
    {
        try {
            select(QStringLiteral("SELECT COUNT(*) FROM sqlite_master"), {},
                   QStringLiteral("reading the schema"));
        } catch (const DatabaseError &) {
            const int code = m_lastCode;
            release();
            if ((code & 0xff) != SqliteCantOpen && (code & 0xff) != SqliteReadOnly)
                throw;
            if (QFileInfo(QFileInfo(m_path).absolutePath()).isWritable())
                throw;
            m_openName
                = QUrl::fromLocalFile(m_path).toString(QUrl::FullyEncoded) + QStringLiteral("?immutable=1");
            m_uri = true;
            select(QStringLiteral("SELECT COUNT(*) FROM sqlite_master"), {},
                   QStringLiteral("reading the schema"));
        }
    }

protected:
    void open(QSqlDatabase &db) override
    {
        db.setDatabaseName(m_openName);
        QString options
            = QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1").arg(m_busyTimeoutMs);
        if (m_uri)
            options += QStringLiteral(";QSQLITE_OPEN_URI");
        db.setConnectOptions(options);
        if (!db.open())
            throw InterfaceError(
                QStringLiteral("cannot open SQLite database '%1': %2").arg(m_path, db.lastError().text()));
        // Read-only twice over: the connection is opened read-only, and query_only refuses every
        // statement that would write even if something reopened it otherwise.
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA query_only=1")))
            fail(q.lastError(), true, QStringLiteral("making the connection read-only"));
    }

    [[noreturn]] void fail(const QSqlError &error, bool, const QString &what) const override
    {
        m_lastCode = sqliteCode(error);
        if ((m_lastCode & 0xff) == SqliteNotADb)
            throw DatabaseError(
                QStringLiteral("'%1' is not a SQLite database (%2)").arg(m_path, error.databaseText()));
        if ((m_lastCode & 0xff) == SqliteCantOpen)
            throw OperationalError(
                QStringLiteral("cannot open SQLite database '%1': %2").arg(m_path, error.databaseText()));
        ::es::detail::SqliteDatastore::throwError(error, QStringLiteral("%1 in '%2'").arg(what, m_path));
    }

private:
    QString m_path;
    QString m_openName;
    bool m_uri = false;
    int m_busyTimeoutMs;
    mutable std::atomic<int> m_lastCode {0}; // the last error's code, for probe() (any thread may fail)
};

class PostgresDatabase final : public Database
{
public:
    explicit PostgresDatabase(const PostgresParams &p)
        : Database(Dialect::Postgres, QStringLiteral("inspect-postgres"),
                   QStringLiteral("database '%1' on %2:%3").arg(p.dbname, p.host).arg(p.port)),
          m_params(p)
    { }

protected:
    void open(QSqlDatabase &db) override
    {
        db.setHostName(m_params.host);
        db.setPort(m_params.port);
        db.setDatabaseName(m_params.dbname);
        db.setUserName(m_params.user);
        db.setPassword(m_params.password);
        QString options
            = QStringLiteral("connect_timeout=%1;application_name=es-inspect").arg(m_params.connectTimeout);
        if (!m_params.sslmode.isEmpty())
            options += QStringLiteral(";sslmode=") + m_params.sslmode;
        db.setConnectOptions(options);
        if (!db.open())
            throwConnectError(db.lastError());
        // Every transaction of the session is read-only: the server refuses any write (25006).
        // Python creates its tables WITH (autovacuum_enabled=false), which also stops automatic
        // ANALYZE: without statistics the planner may group a whole table to return one page. Every
        // statement here is bounded by a key, so the indexes are always the right way; and pages are
        // small, so parallel workers and JIT compilation would only add to the time of each one.
        for (const char *sql : {"SET default_transaction_read_only = on", "SET client_min_messages = warning",
                                "SET enable_seqscan = off", "SET enable_hashagg = off",
                                "SET max_parallel_workers_per_gather = 0", "SET jit = off"}) {
            QSqlQuery q(db);
            if (!q.exec(QString::fromLatin1(sql)))
                fail(q.lastError(), db.isOpen(), QStringLiteral("configuring the session"));
        }
    }

    [[noreturn]] void fail(const QSqlError &error, bool connectionAlive, const QString &what) const override
    {
        ::es::detail::PostgresDatastore::throwError(error, connectionAlive,
                                                    QStringLiteral("%1 (%2)").arg(what, describe()));
    }

private:
    [[noreturn]] void throwConnectError(const QSqlError &error) const
    {
        QString text = error.databaseText().trimmed();
        if (text.isEmpty())
            text = error.driverText().trimmed();
        const QString where = QStringLiteral("%1:%2").arg(m_params.host).arg(m_params.port);
        const QString lower = text.toLower();
        if (lower.contains(QLatin1String("no password supplied")))
            throw OperationalError(
                QStringLiteral("PostgreSQL: authentication failed for user '%1' on %2: the server "
                               "asks for a password and none was given (put it in the URL, "
                               "PGPASSWORD, POSTGRES_PASSWORD or ~/.pgpass)")
                    .arg(m_params.user, where));
        if (lower.contains(QLatin1String("authentication failed")))
            throw OperationalError(
                QStringLiteral("PostgreSQL: authentication failed for user '%1' on %2%3")
                    .arg(m_params.user, where,
                         m_params.passwordSource.isEmpty()
                             ? QString()
                             : QStringLiteral(" (password from %1)").arg(m_params.passwordSource)));
        if (lower.contains(QLatin1String("does not exist")) && lower.contains(QLatin1String("database")))
            throw OperationalError(
                QStringLiteral("PostgreSQL: database '%1' does not exist on %2").arg(m_params.dbname, where));
        if (lower.contains(QLatin1String("connection refused"))
            || lower.contains(QLatin1String("could not connect"))
            || lower.contains(QLatin1String("timeout expired"))
            || lower.contains(QLatin1String("could not translate host"))
            || lower.contains(QLatin1String("no route to host"))
            || lower.contains(QLatin1String("network is unreachable"))) {
            QString first = text.section(QLatin1Char('\n'), 0, 0).trimmed();
            throw OperationalError(
                QStringLiteral("cannot reach the PostgreSQL server at %1: %2").arg(where, first));
        }
        throw OperationalError(QStringLiteral("PostgreSQL: cannot connect to database '%1' on %2 as '%3': %4")
                                   .arg(m_params.dbname, where, m_params.user, text.simplified()));
    }

    PostgresParams m_params;
};

} // namespace

Database::Database(Dialect dialect, const QString &label, const QString &describe)
    : m_dialect(dialect), m_describe(describe),
      m_pool(dialect == Dialect::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), label,
             [this](QSqlDatabase &db) { open(db); })
{ }

Database::~Database() = default;

QSqlQuery &Database::prepared(::es::detail::ConnectionPool::Connection &c, const QString &sql) const
{
    const auto it = c.statements.constFind(sql);
    if (it != c.statements.constEnd())
        return **it;
    auto q = std::make_shared<QSqlQuery>(c.db);
    // QSQLITE steps through rows as they are read; QPSQL's forward-only mode fetches row by row, so
    // it gets the whole result in one piece instead.
    q->setForwardOnly(isSqlite());
    if (!q->prepare(sql))
        fail(q->lastError(), c.db.isOpen(), QStringLiteral("preparing \"%1\"").arg(sql));
    c.statements.insert(sql, q);
    return *q;
}

std::vector<Row> Database::select(const QString &sql, const Binds &binds, const QString &what) const
{
    auto &c = connection();
    QSqlQuery &q = prepared(c, sql);
    for (size_t i = 0; i < binds.size(); ++i)
        q.bindValue(static_cast<int>(i), binds[i]);
    if (!q.exec()) {
        const QSqlError error = q.lastError();
        q.finish();
        fail(error, c.db.isOpen(), what);
    }
    std::vector<Row> rows;
    const int columns = q.record().count();
    while (q.next()) {
        Row row;
        row.reserve(static_cast<size_t>(columns));
        for (int i = 0; i < columns; ++i)
            row.push_back(q.value(i));
        rows.push_back(std::move(row));
    }
    const QSqlError error = q.lastError();
    q.finish();
    if (error.isValid())
        fail(error, c.db.isOpen(), what);
    return rows;
}

QVariant Database::selectValue(const QString &sql, const Binds &binds, const QString &what) const
{
    const std::vector<Row> rows = select(sql, binds, what);
    if (rows.empty() || rows.front().empty())
        return {};
    return rows.front().front();
}

std::vector<Row> Database::execRaw(const QString &sql, const QString &what) const
{
    auto &c = connection();
    QSqlQuery q(c.db);
    if (!q.exec(sql)) {
        const QSqlError error = q.lastError();
        q.finish();
        fail(error, c.db.isOpen(), what);
    }
    std::vector<Row> rows;
    while (q.isSelect() && q.next()) {
        Row row;
        for (int i = 0; i < q.record().count(); ++i)
            row.push_back(q.value(i));
        rows.push_back(std::move(row));
    }
    q.finish();
    return rows;
}

QMap<QString, QStringList> Database::tables() const
{
    QMap<QString, QStringList> out;
    if (isSqlite()) {
        const auto names
            = select(QStringLiteral("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"), {},
                     QStringLiteral("listing the tables"));
        for (const Row &r : names) {
            const QString table = r[0].toString();
            QStringList cols;
            for (const Row &c : select(QStringLiteral("SELECT name FROM pragma_table_info(?)"), {table},
                                       QStringLiteral("reading the columns of %1").arg(table)))
                cols << c[0].toString();
            out.insert(table, cols);
        }
    } else {
        const auto rows = select(
            QStringLiteral("SELECT c.relname, a.attname FROM pg_catalog.pg_class c "
                           "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                           "JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid "
                           "AND a.attnum > 0 AND NOT a.attisdropped "
                           "WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (current_schemas(false)) "
                           "ORDER BY c.relname, a.attnum"),
            {}, QStringLiteral("listing the tables"));
        for (const Row &r : rows)
            out[r[0].toString()] << r[1].toString();
    }
    return out;
}

QString Database::quote(const QString &identifier)
{
    QString q = identifier;
    q.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QVariant Database::idValue(const QUuid &id) const
{
    return isSqlite() ? uuid::toHex(id) : uuid::toDashed(id);
}

QVariant Database::idBoundValue(const QString &hex32) const
{
    if (isSqlite())
        return hex32;
    QUuid id;
    uuid::parse(hex32, &id);
    return uuid::toDashed(id);
}

QUuid Database::readId(const QVariant &value) const
{
    const QString text = value.toString();
    QUuid id;
    if (!uuid::parse(text, &id))
        throw DataError(QStringLiteral("originator_id '%1' in %2 is not a UUID").arg(text, m_describe));
    return id;
}

void Database::release() const
{
    if (m_pool.hasConnection()) {
        auto statements = std::move(m_pool.connection().statements);
        statements.clear();
        m_pool.discard();
    }
}

std::shared_ptr<Database> Database::openSqlite(const QString &path, int busyTimeoutMs)
{
    auto db = std::make_shared<SqliteDatabase>(path, busyTimeoutMs);
    db->probe();
    return db;
}

std::shared_ptr<Database> Database::openPostgres(const PostgresParams &params)
{
    auto db = std::make_shared<PostgresDatabase>(params);
    db->selectValue(QStringLiteral("SELECT 1"), {}, QStringLiteral("connecting"));
    return db;
}

} // namespace es::inspect::detail
