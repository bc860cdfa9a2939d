#include "persistence/connectionpool.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QThread>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

namespace es::detail {

namespace {

QAtomicInteger<quint64> nextPoolId{1};
QAtomicInteger<quint64> nextConnectionId{1};

// The connections of one thread, by pool id. Destroyed at thread exit, closing what is left.
struct ThreadConnections
{
    std::unordered_map<quint64, std::unique_ptr<ConnectionPool::Connection>> byPool;

    static void close(std::unique_ptr<ConnectionPool::Connection> c)
    {
        if (!c)
            return;
        const QString name = c->db.connectionName();
        c->extension.reset();  // native statements go before their connection
        c->statements.clear(); // queries too
        c->db.close();
        c->db = QSqlDatabase();
        c.reset();
        QSqlDatabase::removeDatabase(name);
    }

    ~ThreadConnections()
    {
        for (auto &entry : byPool)
            close(std::move(entry.second));
    }
};

ThreadConnections &threadConnections()
{
    thread_local ThreadConnections connections;
    return connections;
}

} // namespace

QSqlQuery *ConnectionPool::Connection::prepared(const QString &sql, QString *error)
{
    const auto it = statements.constFind(sql);
    if (it != statements.constEnd())
        return it->get();
    auto query = std::make_shared<QSqlQuery>(db);
    query->setForwardOnly(true);
    if (!query->prepare(sql)) {
        if (error)
            *error = query->lastError().text();
        return nullptr;
    }
    statements.insert(sql, query);
    return query.get();
}

ConnectionPool::ConnectionPool(const QString &driver, const QString &label, Opener open)
    : m_driver(driver)
    , m_label(label)
    , m_open(std::move(open))
    , m_id(nextPoolId.fetchAndAddRelaxed(1))
{
}

ConnectionPool::~ConnectionPool()
{
    // Only this thread's connection can be closed here; other threads close theirs when they end.
    discard();
}

ConnectionPool::Connection &ConnectionPool::connection()
{
    auto &mine = threadConnections().byPool[m_id];
    if (mine)
        return *mine;
    const QString name = QStringLiteral("es-%1-%2-%3")
                             .arg(m_label)
                             .arg(m_id)
                             .arg(nextConnectionId.fetchAndAddRelaxed(1));
    auto c = std::make_unique<Connection>();
    c->db = QSqlDatabase::addDatabase(m_driver, name);
    try {
        m_open(c->db);
    } catch (...) {
        ThreadConnections::close(std::move(c));
        threadConnections().byPool.erase(m_id);
        throw;
    }
    c->age.start();
    mine = std::move(c);
    return *mine;
}

bool ConnectionPool::hasConnection() const
{
    const auto &byPool = threadConnections().byPool;
    const auto it = byPool.find(m_id);
    return it != byPool.end() && it->second;
}

void ConnectionPool::discard()
{
    auto &byPool = threadConnections().byPool;
    const auto it = byPool.find(m_id);
    if (it == byPool.end())
        return;
    std::unique_ptr<Connection> c = std::move(it->second);
    byPool.erase(it);
    ThreadConnections::close(std::move(c));
}

} // namespace es::detail
