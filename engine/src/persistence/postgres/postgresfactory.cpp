// Python's eventsourcing.postgres:Factory (9.1.6): POSTGRES_DBNAME, HOST, PORT, USER, PASSWORD,
// CONNECT_TIMEOUT, CONN_MAX_AGE, PRE_PING, LOCK_TIMEOUT, IDLE_IN_TRANSACTION_SESSION_TIMEOUT and
// CREATE_TABLE. One datastore per factory, shared by the recorders it makes. Tables are named after
// the application: "<app>_events", "<app>_snapshots" (any purpose), "<app>_tracking", where app is
// the lower-cased application name, or "stored" ("notification" for tracking) when there is none.
#include "persistence/backends.h"

#include "es/errors.h"
#include "persistence/postgres/postgresdatastore.h"
#include "persistence/postgres/postgresrecorders.h"

#include <QRegularExpression>

namespace es {

namespace {

class PostgresFactory final : public InfrastructureFactory
{
public:
    explicit PostgresFactory(const Environment &env)
        : InfrastructureFactory(env),
          m_store(std::make_shared<detail::PostgresDatastore>(detail::PostgresSettings::fromEnvironment(env)))
    {
        createTable(); // a bad CREATE_TABLE is reported now, not at the first recorder
    }

    std::shared_ptr<AggregateRecorder> aggregateRecorder(const QString &purpose) override
    {
        return made(std::make_shared<detail::PostgresRecorder>(
            m_store, table(QStringLiteral("stored"), purpose), false));
    }

    std::shared_ptr<ApplicationRecorder> applicationRecorder() override
    {
        return made(std::make_shared<detail::PostgresRecorder>(
            m_store, table(QStringLiteral("stored"), QStringLiteral("events")), true));
    }

    std::shared_ptr<ProcessRecorder> processRecorder() override
    {
        return made(std::make_shared<detail::PostgresRecorder>(
            m_store, table(QStringLiteral("stored"), QStringLiteral("events")), true,
            table(QStringLiteral("notification"), QStringLiteral("tracking"))));
    }

private:
    // "<lower-cased application name or fallback>_<suffix>". Table names go into SQL text, so only
    // plain identifiers are accepted (PostgreSQL folds unquoted names to lower case, as Python relies on).
    QString table(const QString &fallback, const QString &suffix) const
    {
        static const QRegularExpression identifier(QStringLiteral("^[a-z_][a-z0-9_]*$"));
        const QString prefix = env().name().isEmpty() ? fallback : env().name().toLower();
        QString name = prefix + QLatin1Char('_') + suffix.toLower();
        if (!identifier.match(name).hasMatch())
            throw ProgrammingError(
                QStringLiteral("'%1' cannot name a PostgreSQL table (application name '%2', purpose "
                               "'%3'): use letters, digits and '_'")
                    .arg(name, env().name(), suffix));
        return name;
    }

    template<typename Recorder> std::shared_ptr<Recorder> made(std::shared_ptr<Recorder> recorder) const
    {
        if (createTable())
            recorder->createTables();
        return recorder;
    }

    std::shared_ptr<detail::PostgresDatastore> m_store;
};

} // namespace

namespace detail {
std::unique_ptr<InfrastructureFactory> makePostgresFactory(const Environment &env)
{
    return std::make_unique<PostgresFactory>(env);
}
} // namespace detail

} // namespace es
