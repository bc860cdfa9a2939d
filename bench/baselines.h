#pragma once
// The limits es-bench compares the engine with: bare sqlite3 C-API and libpq loops doing the same
// durable single-row commits (BEGIN, one INSERT of a stored-event row, COMMIT) with the synchronous
// settings the engine uses (SQLite's default synchronous in WAL mode; PostgreSQL's default
// synchronous_commit and fsync). What they reach is the machine's fsync rate.

#include <QString>
#include <memory>

namespace bench {

// A bare loop of durable single-row commits, run in slices so that its rate can be measured next
// to the engine's (the disk's fsync rate drifts, so only measurements taken together compare).
class BaselineLoop
{
public:
    virtual ~BaselineLoop() = default;
    // Why the loop cannot run ("" when it can).
    virtual QString error() const = 0;
    enum class Shape {
        Transaction, // BEGIN; INSERT; COMMIT
        Autocommit,  // the INSERT alone, as its own transaction
        Locked,      // PostgreSQL: BEGIN with Python's lock statements (SET LOCAL lock_timeout, LOCK
                     // TABLE … IN EXCLUSIVE MODE) in one round trip, as the engine sends them; INSERT; COMMIT
    };
    // Rows per second for `seconds`, in the given shape, `rows` rows per transaction (the rate a
    // group commit of that many single-row saves could reach at best on this disk): SQLite one
    // INSERT per row, in process; PostgreSQL one multi-row INSERT, one round trip, as the engine.
    virtual double run(double seconds, Shape shape = Shape::Transaction, int rows = 1) = 0;
};

// sqlite3: a WAL database file in `dir`, SQLite's default synchronous, as the engine opens it.
std::unique_ptr<BaselineLoop> sqliteLoop(const QString &dir);
// libpq: the POSTGRES_* server, a scratch table as the engine makes it (dropped at the end).
std::unique_ptr<BaselineLoop> libpqLoop();

// Runs SQL text on the POSTGRES_* server (e.g. dropping a run's tables); returns "" or the error.
QString postgresExec(const QString &sql);

} // namespace bench
