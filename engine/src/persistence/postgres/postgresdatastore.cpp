#include "persistence/postgres/postgresdatastore.h"

#include "es/errors.h"

#include <QSqlDriver>
#include <QSqlQuery>
#include <QThread>
#include <atomic>
#include <libpq-fe.h>
#include <limits>

namespace es::detail {

namespace {

constexpr QLatin1String DbNameKey("POSTGRES_DBNAME");
constexpr QLatin1String HostKey("POSTGRES_HOST");
constexpr QLatin1String PortKey("POSTGRES_PORT");
constexpr QLatin1String UserKey("POSTGRES_USER");
constexpr QLatin1String PasswordKey("POSTGRES_PASSWORD");
constexpr QLatin1String ConnectTimeoutKey("POSTGRES_CONNECT_TIMEOUT");
constexpr QLatin1String ConnMaxAgeKey("POSTGRES_CONN_MAX_AGE");
constexpr QLatin1String PrePingKey("POSTGRES_PRE_PING");
constexpr QLatin1String LockTimeoutKey("POSTGRES_LOCK_TIMEOUT");
constexpr QLatin1String IdleInTransactionSessionTimeoutKey("POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT");

// The names a variable may be given by, as Python's Environment.create_keys(): "<APP>_KEY", "KEY".
QString keysFor(const Environment &env, const QString &key)
{
    if (env.name().isEmpty())
        return QStringLiteral("'%1'").arg(key);
    return QStringLiteral("'%1_%2' or '%2'").arg(env.name().toUpper(), key);
}

// A required setting, as Python's Factory: missing (not merely empty) is an error.
QString required(const Environment &env, const QString &key, const char *what)
{
    const std::optional<QString> v = env.get(key);
    if (!v)
        throw ConfigurationError(QStringLiteral("PostgreSQL %1 not found in the environment: set %2")
                                     .arg(QLatin1String(what), keysFor(env, key)));
    return *v;
}

// An integer setting; unset or empty gives the default, as Python's `int(env.get(key) or default)`.
int integer(const Environment &env, const QString &key, int defaultValue, int minimum, int maximum,
            const char *what)
{
    const std::optional<QString> v = env.get(key);
    if (!v || v->trimmed().isEmpty())
        return defaultValue;
    bool ok = false;
    const qlonglong n = v->trimmed().toLongLong(&ok);
    if (!ok || n < minimum || n > maximum)
        throw ConfigurationError(
            QStringLiteral("%1='%2' is not valid: %3 (an integer from %4 to %5) is expected")
                .arg(env.variableFor(key), *v, QLatin1String(what))
                .arg(minimum)
                .arg(maximum));
    return static_cast<int>(n);
}

QString errorText(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    if (text.isEmpty())
        text = QStringLiteral("the connection is lost");
    // QPSQL appends "(SQLSTATE)" to the message; it is given once, below.
    const QString code = error.nativeErrorCode();
    if (!code.isEmpty() && text.endsWith(QLatin1Char('(') + code + QLatin1Char(')')))
        text.chop(code.size() + 2);
    return text.simplified();
}

[[noreturn]] void throwLost(const QString &what)
{
    throw InterfaceError(QStringLiteral("PostgreSQL: %1: the connection is lost").arg(what));
}

// Runs SQL text on db in one round trip (QPSQL sends it as one simple query) and checks the
// result of every statement in it: QSqlQuery::exec() reports only the first.
void runScript(QSqlDatabase &db, const QString &sql, const QString &what)
{
    if (!db.isOpen())
        throwLost(what);
    QSqlQuery q(db);
    q.setForwardOnly(false);
    if (!q.exec(sql))
        PostgresDatastore::throwError(q.lastError(), db.isOpen(), what);
    while (q.nextResult()) { }
    if (q.lastError().isValid())
        PostgresDatastore::throwError(q.lastError(), db.isOpen(), what);
}

} // namespace

// --- settings ---------------------------------------------------------------------------------------

PostgresSettings PostgresSettings::fromEnvironment(const Environment &env)
{
    PostgresSettings s;
    s.dbname = required(env, DbNameKey, "database name");
    s.host = required(env, HostKey, "host");
    s.port = integer(env, PortKey, 5432, 1, 65535, "a port number");
    s.user = required(env, UserKey, "user");
    s.password = required(env, PasswordKey, "password");
    s.connectTimeout = integer(env, ConnectTimeoutKey, 5, 0, std::numeric_limits<int>::max(), "seconds");
    s.connMaxAge = env.getNumber(ConnMaxAgeKey); // names the variable when it is not a number
    s.prePing = env.getBool(PrePingKey, false);
    s.lockTimeout = integer(env, LockTimeoutKey, 0, 0, std::numeric_limits<int>::max(), "seconds");
    s.idleInTransactionSessionTimeout = integer(env, IdleInTransactionSessionTimeoutKey, 0, 0,
                                                std::numeric_limits<int>::max() / 1000, "seconds");
    return s;
}

// --- datastore --------------------------------------------------------------------------------------

PostgresDatastore::PostgresDatastore(PostgresSettings settings)
    : m_settings(std::move(settings)),
      m_pool(QStringLiteral("QPSQL"), QStringLiteral("postgres"), [this](QSqlDatabase &db) { open(db); })
{ }

PostgresDatastore::~PostgresDatastore()
{
    // This thread's connection goes without a DEALLOCATE per statement (see discard()).
    discard();
}

void PostgresDatastore::open(QSqlDatabase &db)
{
    db.setHostName(m_settings.host);
    db.setPort(m_settings.port);
    db.setDatabaseName(m_settings.dbname);
    db.setUserName(m_settings.user);
    db.setPassword(m_settings.password);
    db.setConnectOptions(QStringLiteral("connect_timeout=%1").arg(m_settings.connectTimeout));
    if (!db.open()) {
        // As Python's create_connection(): psycopg2's OperationalError becomes an OperationalError.
        throw OperationalError(
            QStringLiteral("PostgreSQL: cannot connect to database '%1' on %2:%3 as '%4': %5")
                .arg(m_settings.dbname, m_settings.host)
                .arg(m_settings.port)
                .arg(m_settings.user, errorText(db.lastError())));
    }
    // Session settings, as Python's PostgresConnection: the idle-in-transaction timeout (0 = none).
    // Notices (e.g. "relation already exists, skipping") are not printed to stderr by libpq.
    runScript(
        db,
        QStringLiteral("SET idle_in_transaction_session_timeout = '%1s'; SET client_min_messages = warning")
            .arg(m_settings.idleInTransactionSessionTimeout),
        QStringLiteral("configuring the session"));
}

// --- native side ------------------------------------------------------------------------------------

void PostgresDatastore::Native::ResultDeleter::operator()(pg_result *r) const
{
    PQclear(r);
}

PostgresDatastore::Native::Result PostgresDatastore::Native::query(const QByteArray &sql, int count,
                                                                   const char *const *values, const int *lengths,
                                                                   const int *formats, const QString &what)
{
    auto it = m_prepared.constFind(sql);
    if (it == m_prepared.constEnd()) {
        const QByteArray name = "es_" + QByteArray::number(m_prepared.size() + 1);
        const Result prepared(PQprepare(m_conn, name.constData(), sql.constData(), count, nullptr));
        if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK)
            throwError(prepared.get(), what);
        it = m_prepared.insert(sql, name);
    }
    Result result(PQexecPrepared(m_conn, it->constData(), count, values, lengths, formats, 1));
    if (!result || PQresultStatus(result.get()) != PGRES_TUPLES_OK)
        throwError(result.get(), what);
    return result;
}

[[noreturn]] void PostgresDatastore::Native::throwError(const pg_result *result, const QString &what) const
{
    // Through the one translation of PostgreSQL errors (by SQLSTATE, and the connection's state),
    // as QPSQL would have reported them.
    const bool alive = PQstatus(m_conn) == CONNECTION_OK;
    const QString code = result ? QString::fromLatin1(PQresultErrorField(result, PG_DIAG_SQLSTATE)) : QString();
    const QString message = QString::fromUtf8(result ? PQresultErrorMessage(result) : PQerrorMessage(m_conn));
    PostgresDatastore::throwError(QSqlError(QString::fromUtf8(PQerrorMessage(m_conn)), message,
                                            QSqlError::StatementError, code),
                                  alive, what);
}

namespace {
std::atomic<int> nativeConnectionCount{0};
} // namespace

int PostgresDatastore::nativeConnections()
{
    return nativeConnectionCount.load();
}

PostgresDatastore::Connection &PostgresDatastore::withNative(Connection &c)
{
    static const bool disabled = qEnvironmentVariable("ES_PG_NATIVE").trimmed() == QLatin1String("0");
    if (!c.extensionTried) {
        c.extensionTried = true;
        const QVariant handle = c.db.driver()->handle();
        // Qt names the type by the struct behind libpq's typedef ("pg_conn*").
        if (!disabled && handle.isValid()
            && (qstrcmp(handle.typeName(), "pg_conn*") == 0 || qstrcmp(handle.typeName(), "PGconn*") == 0)) {
            if (pg_conn *conn = *static_cast<pg_conn *const *>(handle.constData())) {
                c.extension = std::make_unique<Native>(conn);
                ++nativeConnectionCount;
            }
        }
    }
    return c;
}

PostgresDatastore::Connection &PostgresDatastore::connection()
{
    bool lost = false;
    if (m_pool.hasConnection()) {
        Connection &c = m_pool.connection();
        const bool tooOld = m_settings.connMaxAge
            && static_cast<double>(c.age.nsecsElapsed()) >= *m_settings.connMaxAge * 1e9;
        if (!tooOld) {
            if (!m_settings.prePing || ping(c))
                return withNative(c);
            lost = true;
        }
        discard();
    }
    if (!lost)
        return withNative(m_pool.connection());
    try {
        return withNative(m_pool.connection());
    } catch (const OperationalError &e) {
        // The ping found the connection lost, as a failed statement would have: the server may be
        // restarting, so failing to reconnect is retried like a lost connection (retry()).
        throw InterfaceError(
            e.message() + QStringLiteral(" (reconnecting after the pre-ping found the connection lost)"));
    }
}

void PostgresDatastore::discard()
{
    if (m_pool.hasConnection()) {
        // The connection's prepared statements die with it on the server. Keeping the queries until
        // the driver is gone stops each one from sending a DEALLOCATE over a connection that is
        // closing (or dead, which would only print warnings).
        auto statements = std::move(m_pool.connection().statements);
        m_pool.discard();
        statements.clear();
    }
}

bool PostgresDatastore::ping(Connection &c)
{
    if (!c.db.isOpen())
        return false;
    QSqlQuery q(c.db);
    return q.exec(QStringLiteral("SELECT 1")) && q.next();
}

void PostgresDatastore::waitBeforeRetry()
{
    QThread::msleep(RetryWaitMs);
}

QSqlQuery &PostgresDatastore::statement(Connection &c, const QString &sql)
{
    const auto it = c.statements.constFind(sql);
    if (it != c.statements.constEnd())
        return **it;
    if (!c.db.isOpen())
        throwLost(QStringLiteral("preparing \"%1\"").arg(sql));
    auto q = std::make_shared<QSqlQuery>(c.db);
    // The whole result arrives in one piece (QPSQL's forward-only mode fetches row by row).
    q->setForwardOnly(false);
    if (!q->prepare(sql))
        throwError(q->lastError(), c.db.isOpen(), QStringLiteral("preparing \"%1\"").arg(sql));
    c.statements.insert(sql, q);
    return *q;
}

void PostgresDatastore::exec(Connection &c, QSqlQuery &q, const QString &what)
{
    if (!c.db.isOpen())
        throwLost(what);
    if (!q.exec())
        throwError(q.lastError(), c.db.isOpen(), what);
}

void PostgresDatastore::execScript(Connection &c, const QString &sql, const QString &what)
{
    runScript(c.db, sql, what);
}

// --- transactions -----------------------------------------------------------------------------------

PostgresDatastore::Transaction::Transaction(PostgresDatastore &store, Connection &c, const QString &prologue)
    : m_store(store), m_connection(c)
{
    try {
        if (prologue.isEmpty())
            m_store.execScript(c, QStringLiteral("BEGIN"), QStringLiteral("beginning a transaction"));
        else
            m_store.execScript(c, QStringLiteral("BEGIN; ") + prologue,
                               QStringLiteral("beginning a transaction"));
    } catch (...) {
        // BEGIN went through and the prologue failed (a lock timeout, say): the transaction is
        // aborted and must be rolled back before the connection can be used again. (A constructor
        // that throws gets no destructor.)
        if (c.db.isOpen())
            c.db.rollback();
        throw;
    }
    m_open = true;
}

PostgresDatastore::Transaction::~Transaction()
{
    if (!m_open || !m_connection.db.isOpen())
        return;
    // Undo what the failed transaction did. The error that got us here is what matters, so a
    // failing ROLLBACK is ignored (the connection is then found dead at its next use).
    m_connection.db.rollback();
}

void PostgresDatastore::Transaction::commit()
{
    const QString what = QStringLiteral("committing");
    if (!m_connection.db.isOpen())
        throwLost(what);
    // QSqlDatabase::commit() also notices a COMMIT that the server turned into a ROLLBACK.
    if (!m_connection.db.commit()) {
        const QSqlError error = m_connection.db.lastError();
        const bool alive = m_connection.db.isOpen();
        // The server has ended the transaction one way or the other, or the connection is gone.
        m_open = false;
        throwError(error, alive, what);
    }
    m_open = false;
}

PostgresDatastore::Outcome PostgresDatastore::transactionOutcome(Connection &c, qint64 txid)
{
    const QString what = QStringLiteral("asking for the outcome of transaction %1").arg(txid);
    QSqlQuery &q = statement(c, QStringLiteral("SELECT txid_status(?)"));
    // 50 × 0.2 s: the backend of a lost connection notices the closed socket at once when it is
    // idle, and finishes a COMMIT it has received quickly.
    for (int i = 0; i < 50; ++i) {
        q.bindValue(0, txid);
        exec(c, q, what);
        const QString status = q.next() ? q.value(0).toString() : QString();
        q.finish();
        if (status == QLatin1String("committed"))
            return Outcome::Committed;
        if (status == QLatin1String("aborted"))
            return Outcome::Aborted;
        if (status != QLatin1String("in progress"))
            throw OperationalError(
                QStringLiteral("PostgreSQL: the outcome of transaction %1 is unknown (%2); not "
                               "trying again, which could write twice")
                    .arg(txid)
                    .arg(status.isEmpty() ? QStringLiteral("no status") : status));
        QThread::msleep(RetryWaitMs);
    }
    throw OperationalError(QStringLiteral("PostgreSQL: transaction %1 is still in progress 10 s after its "
                                          "connection was lost; not trying again, which could write twice")
                               .arg(txid));
}

// --- errors -----------------------------------------------------------------------------------------

[[noreturn]] void PostgresDatastore::throwError(const QSqlError &error, bool connectionAlive,
                                                const QString &what)
{
    const QString code = error.nativeErrorCode().trimmed();
    const QString message = code.isEmpty()
        ? QStringLiteral("PostgreSQL: %1: %2").arg(what, errorText(error))
        : QStringLiteral("PostgreSQL: %1: %2 (SQLSTATE %3)").arg(what, errorText(error), code);
    // A connection that is gone (libpq's status is bad, or the server said it is closing it):
    // InterfaceError, which recorders retry on a fresh connection.
    if (!connectionAlive)
        throw InterfaceError(message);
    const QStringView cls = QStringView(code).left(2);
    if (code.isEmpty())
        throw DatabaseError(message); // a driver-side failure on a live connection
    if (cls == u"08" || code == u"57P01" || code == u"57P02" || code == u"57P03")
        throw InterfaceError(message);
    if (cls == u"23")
        throw IntegrityError(message); // 23505 unique_violation, and every integrity constraint
    if (cls == u"22")
        throw DataError(message);
    if (cls == u"42" || cls == u"26" || cls == u"3D" || cls == u"3F" || cls == u"44")
        throw ProgrammingError(message);
    if (cls == u"0A")
        throw NotSupportedError(message);
    // 55P03 lock_not_available, 40001 serialization_failure, 40P01 deadlock_detected, 57014
    // query_canceled, and their classes: resources, limits, object state, operator intervention,
    // system errors, invalid authorization.
    if (cls == u"40" || cls == u"53" || cls == u"54" || cls == u"55" || cls == u"57" || cls == u"58"
        || cls == u"28")
        throw OperationalError(message);
    if (cls == u"XX" || cls == u"25" || cls == u"2D" || cls == u"2B" || cls == u"38" || cls == u"39"
        || cls == u"3B" || cls == u"P0" || cls == u"F0")
        throw InternalError(message);
    throw DatabaseError(message);
}

} // namespace es::detail
