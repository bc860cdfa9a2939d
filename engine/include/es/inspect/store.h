#pragma once
// The inspector's way into an event store: open one from a URL, read-only, and find the applications
// in it by the Python library's table naming rules. Everything else in es/inspect/ reads through a
// Store; nothing in es/inspect/ can change one.
//
// URLs (StoreLocation::parse):
//   /path/to/file.sqlite, sqlite:///path/to/file.sqlite    one SQLite database
//   /path/to/folder, sqlite:///path/to/folder               every *.sqlite and *.db file in it, one
//                                                           application each (named by the file), as
//                                                           a Python system on SQLite keeps them
//   postgresql://user:password@host:port/dbname[?sslmode=…] a PostgreSQL database (postgres:// too);
//                                                           a missing password comes from PGPASSWORD,
//                                                           POSTGRES_PASSWORD or ~/.pgpass ($PGPASSFILE)
//   http://host:port/[prefix]                               a remote notification log (NotificationLog
//                                                           JSONService): the log only
//
// Read-only: SQLite is opened with QSQLITE_OPEN_READONLY and PRAGMA query_only=1; PostgreSQL sessions
// run with default_transaction_read_only=on. The API has no write path; recorder() gives a recorder
// whose insertEvents() throws.
//
// Discovery: "stored_events"/"stored_snapshots"/"tracking" (the SQLite layout; the application is
// named after its file) and "<app>_events"/"<app>_snapshots"/"<app>_tracking" (PostgreSQL;
// "notification_tracking" for the unnamed application "stored"). Table names used in SQL come only
// from discovery; values are always bound.
//
// Thread-safety: a Store is immutable after open() and thread-safe; share it as
// std::shared_ptr<const Store>. Each thread that reads gets its own database connection, opened on
// its first read and closed when the thread ends (or by releaseThreadConnections(), which a
// long-lived worker thread calls when it is done with a store). Returned values are owned by the
// caller. Errors are es:: exceptions (errors.h) with messages meant for users.

#include "es/errors.h"
#include "es/notificationlog.h"
#include "es/persistence.h"

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace es::inspect {

namespace detail {
class StoreData;
}

// --- cancellation and progress ------------------------------------------------------------------

// Thrown by a long operation whose CancelFlag was raised (checked between chunks of work).
class Cancelled : public EventSourcingError
{
public:
    Cancelled() : EventSourcingError(QStringLiteral("cancelled")) { }
};

// A flag one thread raises and another's long operation checks between chunks. Copies share the
// flag. Thread-safe.
class CancelFlag
{
public:
    CancelFlag() : m_flag(std::make_shared<std::atomic<bool>>(false)) { }
    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }
    void throwIfCancelled() const
    {
        if (isCancelled())
            throw Cancelled();
    }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

// Called between chunks of a long operation, on the thread running it: work done so far and the
// expected total (-1 when unknown; an estimate may be exceeded).
using Progress = std::function<void(qint64 done, qint64 total)>;

// --- locating a store -------------------------------------------------------------------------------

enum class StoreKind { SqliteFile, SqliteDirectory, Postgres, Remote };

// A parsed store URL. Value type.
struct StoreLocation
{
    StoreKind kind = StoreKind::SqliteFile;
    QString path; // SQLite file or folder (absolute)
    QString host; // PostgreSQL
    int port = 5432;
    QString user;
    QString password; // resolved: URL, PGPASSWORD, POSTGRES_PASSWORD, then the pgpass file
    QString passwordSource; // where the password came from ("URL", "PGPASSWORD", "~/.pgpass"…), "" for none
    QString dbname;
    QString sslmode; // "" when not given
    QUrl remoteUrl; // http(s)

    // Parses a URL or a path. PostgreSQL parts missing from the URL come from PGHOST/POSTGRES_HOST,
    // PGPORT/POSTGRES_PORT, PGUSER/POSTGRES_USER, PGDATABASE/POSTGRES_DBNAME of `env`, then
    // localhost, 5432, the user name. A bare path must exist (file or folder). Throws ValueError
    // saying what is wrong (unknown scheme, missing file, bad port).
    static StoreLocation parse(const QString &url,
                               const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

    // The URL to show: never the password.
    QString displayUrl() const;
};

// Looks a password up in a pgpass file (libpq's format: host:port:db:user:password, '*' matches
// anything, '\' escapes ':' and '\'). Empty when the file or a matching line is missing.
QString pgpassLookup(const QString &file, const QString &host, int port, const QString &dbname,
                     const QString &user);

struct OpenOptions
{
    // Where PG*/POSTGRES_* variables and PGPASSFILE/HOME are read from.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // Seconds to wait for a PostgreSQL server or a remote log before giving up.
    int connectTimeoutSeconds = 5;
    // The remote log's section size (Python's section_size; not discoverable over the wire).
    int remoteSectionSize = 10;
};

// One application found in a store.
struct ApplicationInfo
{
    QString name; // the file's base name (SQLite), the table prefix (PostgreSQL), or "remote"
    QString location; // the SQLite file, "dbname on host:port", or the remote URL
    QString eventsTable; // empty for a remote log
    QString snapshotsTable; // empty when the application has none
    QString trackingTable; // empty when the application has none (not a process application)
    bool hasLog = true; // events have notification ids (false for an aggregate recorder's table)
    bool isRemote = false; // a remote notification log: only the log can be read

    bool hasSnapshots() const { return !snapshotsTable.isEmpty(); }
    bool hasTracking() const { return !trackingTable.isEmpty(); }
};

// Record counts of one application; -1 for what it has no table for (or a remote log cannot tell).
struct ApplicationCounts
{
    qint64 events = -1;
    qint64 aggregates = -1;
    qint64 snapshots = -1;
    qint64 tracking = -1;
    qint64 maxNotificationId = -1;
};

class Store : public std::enable_shared_from_this<Store>
{
public:
    // Opens the store and discovers its applications. Throws: ValueError (bad URL, missing file),
    // DatabaseError ("… is not a SQLite database"), OperationalError (server unreachable,
    // authentication failed, database missing), InterfaceError (remote log unreachable),
    // ProgrammingError ("no event store in <url>") when no table matches the naming rules.
    static std::shared_ptr<const Store> open(const QString &url, const OpenOptions &options = {});
    static std::shared_ptr<const Store> open(const StoreLocation &location, const OpenOptions &options = {});

    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    StoreKind kind() const;
    const StoreLocation &location() const;
    QString displayUrl() const;
    // Always true: the inspect API opens stores read-only (for the GUI's badge).
    bool isReadOnly() const { return true; }

    // The applications found, sorted by name.
    const std::vector<ApplicationInfo> &applications() const;
    // By name, case-insensitively; nullptr when none.
    const ApplicationInfo *findApplication(const QString &name) const;
    // The application `name` names; with an empty name the only one. A remote store has one log,
    // whatever it is called. Throws ValueError listing the names when there is no such application
    // or the choice is ambiguous.
    const ApplicationInfo &application(const QString &name = QString()) const;
    // What discovery noticed and skipped (files that are not databases, tables without the
    // expected columns), for `esctl info`.
    QStringList discoveryNotes() const;

    // The largest notification id (0 when the log is empty). Fast (uses the key). Remote logs: -1.
    qint64 maxNotificationId(const QString &app) const;
    // The smallest notification id (0 when empty). Remote logs: -1.
    qint64 minNotificationId(const QString &app) const;
    // Record counts, counted in chunks by key: may be slow on big stores, so cancellable (throws
    // Cancelled) and reporting progress.
    ApplicationCounts counts(const QString &app, const CancelFlag &cancel = CancelFlag(),
                             const Progress &progress = Progress()) const;

    // A read-only ApplicationRecorder over the application's events (insertEvents() throws
    // ProgrammingError). Not available for remote logs (NotSupportedError). Thread-safe.
    std::shared_ptr<ApplicationRecorder> recorder(const QString &app) const;
    // The application's notification log as the library pages it (sections "1,10", select()):
    // a LocalNotificationLog over recorder(), or the remote client. Thread-safe.
    std::shared_ptr<NotificationLog> notificationLog(const QString &app, int sectionSize = 10) const;

    // The environment an es::Application named `app` would need to open this store read-write
    // (INFRASTRUCTURE_FACTORY, SQLITE_DBNAME or POSTGRES_*). For driving example applications
    // against a store deliberately; the inspect API itself never writes. Remote: empty.
    QMap<QString, QString> applicationEnvironment(const QString &app) const;

    // Closes this thread's connections to the store (they reopen on the next read).
    void releaseThreadConnections() const;

    // Private to the engine.
    detail::StoreData &data() const { return *d; }

private:
    explicit Store(std::unique_ptr<detail::StoreData> data);
    std::unique_ptr<detail::StoreData> d;
};

} // namespace es::inspect
