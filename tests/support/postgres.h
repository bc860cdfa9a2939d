#pragma once
// The PostgreSQL server of the test run. tests/support/with-postgres.sh starts a throwaway cluster
// and exports POSTGRES_HOST/PORT/USER/PASSWORD/DBNAME; these helpers read them, and give each test
// a scratch database of its own so that tests can run in parallel. Not thread-safe.

#include "fixtures.h"

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QtTest/QTest>
#include <optional>

namespace es::test {

struct PostgresParams
{
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString dbname;
};

// The server's parameters from the environment, or nullopt when POSTGRES_HOST/PORT are not set.
std::optional<PostgresParams> postgresFromEnv();

// Why no server can be used ("" when one can): not configured, or the connection failed.
QString postgresUnavailableReason();

// A database created for one test and dropped (with its connections) when this object goes.
// params() points at it; environment() is the process environment with POSTGRES_DBNAME set to it.
class ScratchDatabase
{
public:
    explicit ScratchDatabase(const QString &prefix = QStringLiteral("es_test"));
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase &) = delete;
    ScratchDatabase &operator=(const ScratchDatabase &) = delete;

    bool isValid() const { return m_valid; }
    QString error() const { return m_error; }
    const PostgresParams &params() const { return m_params; }
    QString name() const { return m_params.dbname; }
    QProcessEnvironment environment() const;
    // Runs SQL (several statements allowed) as the superuser in the scratch database.
    bool exec(const QString &sql, QString *error = nullptr) const;
    // Loads a plain SQL dump with psql -f; returns psql's error output on failure.
    bool loadDump(const QString &path, QString *error = nullptr) const;

private:
    PostgresParams m_params;
    bool m_valid = false;
    QString m_error;
};

// The variables that point the postgres factory at a scratch database (POSTGRES_* and
// INFRASTRUCTURE_FACTORY), plus `extra` (which wins).
QMap<QString, QString> postgresVariables(const ScratchDatabase &db, const QMap<QString, QString> &extra = {});

// postgresql://user[:password]@host:port/dbname for these parameters (no password when `password`
// is null), as the inspect API, esctl and the inspector take it.
QString postgresUrl(const PostgresParams &p, const QString &password);

} // namespace es::test

// In a test function: a PostgreSQL server must be reachable. Outside CI a missing server skips
// with the reason; under CI=true it fails, because CI always starts one (DESIGN §5).
#define ES_REQUIRE_POSTGRES()                                                                      \
    do {                                                                                           \
        const QString esPgWhy = es::test::postgresUnavailableReason();                             \
        if (!esPgWhy.isEmpty()) {                                                                  \
            if (es::test::inCI())                                                                  \
                QFAIL(qPrintable(esPgWhy));                                                        \
            QSKIP(qPrintable(esPgWhy + QStringLiteral(" (run through tests/support/with-postgres.sh)"))); \
        }                                                                                          \
    } while (false)
