#pragma once
// One QSqlDatabase connection per thread for one datastore (DESIGN §4: Qt 6.4 cannot move a
// connection between threads). A thread's connection is made the first time that thread asks,
// named uniquely, and closed and removed in that thread — when the thread ends, when the pool is
// destroyed from it, or by discard() (after a lost connection). Prepared statements are cached per
// connection, so each SQL text is prepared once per connection. Private to the engine.
// Thread-safe: each thread only ever touches its own connection.

#include <QElapsedTimer>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <functional>
#include <memory>

namespace es::detail {

class ConnectionPool
{
public:
    // Configures and opens a new connection (whose driver is set), then runs per-connection set-up
    // (pragmas, session settings). Throws a PersistenceError when it cannot.
    using Opener = std::function<void(QSqlDatabase &db)>;

    struct Connection
    {
        // What a datastore keeps per connection beside the driver (native statements on the
        // driver's handle). Destroyed before the statements and the connection.
        struct Extension
        {
            virtual ~Extension() = default;
        };

        QSqlDatabase db;
        std::unique_ptr<Extension> extension;
        QHash<QString, std::shared_ptr<QSqlQuery>> statements;
        QElapsedTimer age; // started when opened
        bool extensionTried = false; // whether the datastore has set up `extension` (or found it cannot)
        // The statement for `sql`, prepared on this connection the first time it is asked for.
        // Returns nullptr when prepare() fails (db.lastError() or the query's lastError() says why).
        QSqlQuery *prepared(const QString &sql, QString *error = nullptr);
    };

    ConnectionPool(const QString &driver, const QString &label, Opener open);
    ~ConnectionPool();
    ConnectionPool(const ConnectionPool &) = delete;
    ConnectionPool &operator=(const ConnectionPool &) = delete;

    // This thread's connection, opened on first use (the Opener's exception passes through).
    Connection &connection();
    // Whether this thread has an open connection now.
    bool hasConnection() const;
    // Closes and forgets this thread's connection; the next connection() opens a new one.
    void discard();

    const QString &driver() const { return m_driver; }

private:
    QString m_driver;
    QString m_label;
    Opener m_open;
    quint64 m_id;
};

} // namespace es::detail
