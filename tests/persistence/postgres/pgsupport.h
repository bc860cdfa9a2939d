#pragma once
// What the PostgreSQL backend's tests share: recorder factories for a scratch database, and an
// admin connection to look at the database behind the recorders' backs. Not thread-safe: use an
// AdminConnection from the thread that made it.

#include "postgres.h"

#include "es/infrastructure.h"

#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <memory>

namespace es::test {

// InfrastructureFactory::construct() for application `name` on the scratch database.
std::unique_ptr<InfrastructureFactory> postgresFactory(const QString &name, const ScratchDatabase &db,
                                                       const QMap<QString, QString> &extra = {});

// A superuser connection of its own to the scratch database.
class AdminConnection
{
public:
    explicit AdminConnection(const ScratchDatabase &db);
    ~AdminConnection();
    AdminConnection(const AdminConnection &) = delete;
    AdminConnection &operator=(const AdminConnection &) = delete;

    bool isOpen() const { return m_db.isOpen(); }
    QString error() const { return m_error; }
    // Runs SQL; false (and error()) when it fails.
    bool exec(const QString &sql);
    // The rows of a query, each row's values joined by " | " (NULL as "<null>"); fails the
    // calling test through error() when the query fails (returns an empty list).
    QStringList rows(const QString &sql);
    // The first value of a query's first row.
    QString value(const QString &sql);
    // This connection's backend process id.
    int backendPid();
    // Terminates every other backend connected to the scratch database; returns how many, after
    // waiting (up to 10 s) until they are gone.
    int terminateOthers();

private:
    QString m_name;
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace es::test
