// Python's eventsourcing.sqlite:Factory (9.1.6): SQLITE_DBNAME (required), SQLITE_LOCK_TIMEOUT
// (seconds), CREATE_TABLE. One datastore per factory, shared by the recorders it makes.
#include "persistence/backends.h"

#include "es/errors.h"
#include "persistence/sqlite/sqlitedatastore.h"
#include "persistence/sqlite/sqliterecorders.h"

#include <QRegularExpression>
#include <cmath>

namespace es {

namespace {

const QString DbNameKey = QStringLiteral("SQLITE_DBNAME");
const QString LockTimeoutKey = QStringLiteral("SQLITE_LOCK_TIMEOUT");

// The names a variable may be given by, as Python's Environment.create_keys(): "<APP>_KEY", "KEY".
QString keysFor(const Environment &env, const QString &key)
{
    if (env.name().isEmpty())
        return QStringLiteral("'%1'").arg(key);
    return QStringLiteral("'%1_%2' or '%2'").arg(env.name().toUpper(), key);
}

class SqliteFactory final : public InfrastructureFactory
{
public:
    explicit SqliteFactory(const Environment &env)
        : InfrastructureFactory(env)
    {
        const QString dbName = env.get(DbNameKey, QString()).trimmed();
        if (dbName.isEmpty())
            throw ConfigurationError(
                QStringLiteral("SQLite database name not found in the environment: set %1").arg(keysFor(env, DbNameKey)));
        // getNumber() names the variable when the value is not a number.
        const std::optional<double> lockTimeout = env.getNumber(LockTimeoutKey);
        if (lockTimeout && !std::isfinite(*lockTimeout))
            throw ConfigurationError(QStringLiteral("%1='%2' is not a finite number of seconds")
                                         .arg(env.variableFor(LockTimeoutKey), env.get(LockTimeoutKey, QString())));
        createTable(); // a bad CREATE_TABLE is reported now, not at the first recorder
        m_store = std::make_shared<detail::SqliteDatastore>(dbName, lockTimeout);
    }

    std::shared_ptr<AggregateRecorder> aggregateRecorder(const QString &purpose) override
    {
        // The table name is built from `purpose`; only identifiers are accepted.
        static const QRegularExpression identifier(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
        if (!identifier.match(purpose).hasMatch())
            throw ProgrammingError(QStringLiteral("'%1' is not a valid recorder purpose (letters, digits and '_')").arg(purpose));
        return detail::makeSqliteAggregateRecorder(m_store, QStringLiteral("stored_") + purpose, createTable());
    }

    std::shared_ptr<ApplicationRecorder> applicationRecorder() override
    {
        return detail::makeSqliteApplicationRecorder(m_store, QStringLiteral("stored_events"), createTable());
    }

    std::shared_ptr<ProcessRecorder> processRecorder() override
    {
        return detail::makeSqliteProcessRecorder(m_store, QStringLiteral("stored_events"), createTable());
    }

private:
    std::shared_ptr<detail::SqliteDatastore> m_store;
};

} // namespace

namespace detail {
std::unique_ptr<InfrastructureFactory> makeSqliteFactory(const Environment &env)
{
    return std::make_unique<SqliteFactory>(env);
}
} // namespace detail

} // namespace es
