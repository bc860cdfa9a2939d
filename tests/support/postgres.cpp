#include "postgres.h"

#include "fixtures.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUuid>

namespace es::test {

namespace {

QString uniqueConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("es_test_admin_%1").arg(counter.fetchAndAddRelaxed(1));
}

// Runs f with an open QPSQL connection to dbname, then removes the connection.
template<typename F>
bool withConnection(const PostgresParams &p, const QString &dbname, QString *error, F f)
{
    const QString name = uniqueConnectionName();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(p.host);
        db.setPort(p.port);
        db.setUserName(p.user);
        db.setPassword(p.password);
        db.setDatabaseName(dbname);
        db.setConnectOptions(QStringLiteral("connect_timeout=10"));
        if (!db.open()) {
            if (error)
                *error = db.lastError().text();
        } else {
            ok = f(db, error);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

bool execAll(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace

std::optional<PostgresParams> postgresFromEnv()
{
    const QString host = qEnvironmentVariable("POSTGRES_HOST");
    const QString port = qEnvironmentVariable("POSTGRES_PORT");
    if (host.isEmpty() || port.isEmpty())
        return std::nullopt;
    PostgresParams p;
    p.host = host;
    p.port = port.toInt();
    p.user = qEnvironmentVariable("POSTGRES_USER", QStringLiteral("eventsourcing"));
    p.password = qEnvironmentVariable("POSTGRES_PASSWORD");
    p.dbname = qEnvironmentVariable("POSTGRES_DBNAME", QStringLiteral("eventsourcing"));
    return p;
}

QString postgresUnavailableReason()
{
    const auto p = postgresFromEnv();
    if (!p)
        return QStringLiteral("PostgreSQL not configured: POSTGRES_HOST and POSTGRES_PORT are not set");
    QString error;
    const bool ok = withConnection(*p, p->dbname, &error, [](QSqlDatabase &, QString *) { return true; });
    if (!ok)
        return QStringLiteral("cannot connect to PostgreSQL at %1:%2: %3").arg(p->host).arg(p->port).arg(error);
    return {};
}

ScratchDatabase::ScratchDatabase(const QString &prefix)
{
    const auto p = postgresFromEnv();
    if (!p) {
        m_error = QStringLiteral("PostgreSQL not configured");
        return;
    }
    m_params = *p;
    m_params.dbname = QStringLiteral("%1_%2_%3")
                          .arg(prefix.toLower())
                          .arg(QCoreApplication::applicationPid())
                          .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    const QString create = QStringLiteral("CREATE DATABASE \"%1\"").arg(m_params.dbname);
    m_valid = withConnection(*p, p->dbname, &m_error,
                             [&](QSqlDatabase &db, QString *err) { return execAll(db, create, err); });
}

ScratchDatabase::~ScratchDatabase()
{
    if (!m_valid)
        return;
    const auto p = postgresFromEnv();
    const QString drop = QStringLiteral("DROP DATABASE IF EXISTS \"%1\" WITH (FORCE)").arg(m_params.dbname);
    QString error;
    if (!withConnection(*p, p->dbname, &error, [&](QSqlDatabase &db, QString *err) { return execAll(db, drop, err); }))
        qWarning("could not drop scratch database %s: %s", qPrintable(m_params.dbname), qPrintable(error));
}

QProcessEnvironment ScratchDatabase::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("POSTGRES_HOST"), m_params.host);
    env.insert(QStringLiteral("POSTGRES_PORT"), QString::number(m_params.port));
    env.insert(QStringLiteral("POSTGRES_USER"), m_params.user);
    env.insert(QStringLiteral("POSTGRES_PASSWORD"), m_params.password);
    env.insert(QStringLiteral("POSTGRES_DBNAME"), m_params.dbname);
    return env;
}

QString postgresUrl(const PostgresParams &p, const QString &password)
{
    QUrl u;
    u.setScheme(QStringLiteral("postgresql"));
    u.setHost(p.host);
    u.setPort(p.port);
    u.setUserName(p.user, QUrl::DecodedMode);
    u.setPassword(password, QUrl::DecodedMode);
    u.setPath(QLatin1Char('/') + p.dbname, QUrl::DecodedMode);
    return u.toString(QUrl::FullyEncoded);
}

QMap<QString, QString> postgresVariables(const ScratchDatabase &db, const QMap<QString, QString> &extra)
{
    QMap<QString, QString> vars;
    vars.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.postgres:Factory"));
    vars.insert(QStringLiteral("POSTGRES_HOST"), db.params().host);
    vars.insert(QStringLiteral("POSTGRES_PORT"), QString::number(db.params().port));
    vars.insert(QStringLiteral("POSTGRES_USER"), db.params().user);
    vars.insert(QStringLiteral("POSTGRES_PASSWORD"), db.params().password);
    vars.insert(QStringLiteral("POSTGRES_DBNAME"), db.name());
    for (auto it = extra.begin(); it != extra.end(); ++it)
        vars.insert(it.key(), it.value());
    return vars;
}

bool ScratchDatabase::exec(const QString &sql, QString *error) const
{
    if (!m_valid) {
        if (error)
            *error = m_error;
        return false;
    }
    return withConnection(m_params, m_params.dbname, error,
                          [&](QSqlDatabase &db, QString *err) { return execAll(db, sql, err); });
}

bool ScratchDatabase::loadDump(const QString &path, QString *error) const
{
    QProcess psql;
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("PGPASSWORD"), m_params.password);
    psql.setProcessEnvironment(env);
    psql.start(QStringLiteral("psql"),
               {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                QStringLiteral("-h"), m_params.host, QStringLiteral("-p"), QString::number(m_params.port),
                QStringLiteral("-U"), m_params.user, QStringLiteral("-d"), m_params.dbname, QStringLiteral("-f"), path});
    if (!psql.waitForFinished(120000) || psql.exitStatus() != QProcess::NormalExit || psql.exitCode() != 0) {
        if (error)
            *error = QStringLiteral("psql -f %1 failed: %2%3")
                         .arg(path, psql.errorString(), QString::fromUtf8(psql.readAllStandardError()));
        return false;
    }
    return true;
}

} // namespace es::test
