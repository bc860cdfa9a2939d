#include "pgsupport.h"

#include <QAtomicInt>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>

namespace es::test {

std::unique_ptr<InfrastructureFactory> postgresFactory(const QString &name, const ScratchDatabase &db,
                                                       const QMap<QString, QString> &extra)
{
    return InfrastructureFactory::construct(Environment(name, postgresVariables(db, extra)));
}

AdminConnection::AdminConnection(const ScratchDatabase &db)
{
    static QAtomicInt counter;
    m_name = QStringLiteral("es_pg_admin_%1").arg(counter.fetchAndAddRelaxed(1));
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
    m_db.setHostName(db.params().host);
    m_db.setPort(db.params().port);
    m_db.setUserName(db.params().user);
    m_db.setPassword(db.params().password);
    m_db.setDatabaseName(db.name());
    m_db.setConnectOptions(QStringLiteral("connect_timeout=10"));
    if (!m_db.open())
        m_error = m_db.lastError().text();
    else
        exec(QStringLiteral("SET client_min_messages = warning"));
}

AdminConnection::~AdminConnection()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

bool AdminConnection::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql)) {
        m_error = QStringLiteral("%1: %2").arg(sql, q.lastError().text());
        return false;
    }
    return true;
}

QStringList AdminConnection::rows(const QString &sql)
{
    QStringList out;
    QSqlQuery q(m_db);
    if (!q.exec(sql)) {
        m_error = QStringLiteral("%1: %2").arg(sql, q.lastError().text());
        return out;
    }
    const int columns = q.record().count();
    while (q.next()) {
        QStringList values;
        for (int i = 0; i < columns; ++i)
            values << (q.isNull(i) ? QStringLiteral("<null>") : q.value(i).toString());
        out << values.join(QStringLiteral(" | "));
    }
    return out;
}

QString AdminConnection::value(const QString &sql)
{
    const QStringList r = rows(sql);
    return r.isEmpty() ? QString() : r.first().section(QStringLiteral(" | "), 0, 0);
}

int AdminConnection::backendPid()
{
    return value(QStringLiteral("SELECT pg_backend_pid()")).toInt();
}

int AdminConnection::terminateOthers()
{
    const QString others = QStringLiteral("FROM pg_stat_activity WHERE datname = current_database() "
                                          "AND pid <> pg_backend_pid()");
    const int count = rows(QStringLiteral("SELECT pg_terminate_backend(pid) ") + others).size();
    QElapsedTimer timer;
    timer.start();
    while (value(QStringLiteral("SELECT count(*) ") + others).toInt() > 0 && timer.elapsed() < 10000)
        QThread::msleep(20);
    return count;
}

} // namespace es::test
