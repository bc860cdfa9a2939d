// Opening a store and discovering its applications (Python's table naming rules), counts, and the
// read-only recorder and notification log the library's own readers use.
#include "inspect/storedata.h"

#include "es/remotelog.h"
#include "es/uuid.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>

namespace es::inspect {

using detail::AppData;
using detail::Binds;
using detail::Database;
using detail::Row;
using detail::StoreData;

namespace detail {

const Database &AppData::database(const QString &what) const
{
    if (!db)
        throw NotSupportedError(
            QStringLiteral("%1 is a remote notification log: it cannot give %2 (only the log)")
                .arg(info.location, what));
    return *db;
}

const QString &AppData::logColumn() const
{
    if (info.isRemote)
        return idColumn;
    if (idColumn.isEmpty())
        throw ProgrammingError(
            QStringLiteral("the events of application '%1' (table %2) have no notification log")
                .arg(info.name, info.eventsTable));
    return idColumn;
}

QString AppData::topicCondition(const QStringList &topics, Binds &binds)
{
    QStringList wanted;
    for (const QString &t : topics)
        if (!t.isEmpty() && !wanted.contains(t))
            wanted << t;
    if (wanted.isEmpty())
        return {};
    QString marks;
    for (const QString &t : wanted) {
        marks += marks.isEmpty() ? QStringLiteral("?") : QStringLiteral(", ?");
        binds.push_back(t);
    }
    return QStringLiteral(" AND topic IN (%1)").arg(marks);
}

StoredEvent AppData::readEvent(const Row &row, int first) const
{
    StoredEvent e;
    e.originatorId = db->readId(row[static_cast<size_t>(first)]);
    e.originatorVersion = row[static_cast<size_t>(first) + 1].toLongLong();
    e.topic = row[static_cast<size_t>(first) + 2].toString();
    e.state = row[static_cast<size_t>(first) + 3].toByteArray();
    return e;
}

std::vector<DecodedRecord> AppData::decodeRows(const std::vector<Row> &rows, bool withId,
                                               const RecordDecoder &decoder) const
{
    std::vector<DecodedRecord> out;
    out.reserve(rows.size());
    for (const Row &r : rows) {
        if (withId)
            out.push_back(decoder.decode(readEvent(r, 1), r[0].toLongLong()));
        else
            out.push_back(decoder.decode(readEvent(r, 0)));
    }
    return out;
}

qint64 AppData::maxNotificationId() const
{
    const QString &col = logColumn();
    const QVariant v
        = database(QStringLiteral("the largest notification id"))
              .selectValue(QStringLiteral("SELECT MAX(%1) FROM %2").arg(col, events), {},
                           QStringLiteral("reading the largest notification id of %1").arg(info.eventsTable));
    return v.isNull() ? 0 : v.toLongLong();
}

const AppData &StoreData::app(const QString &name) const
{
    for (const AppData &a : apps)
        if (a.info.name.compare(name, Qt::CaseInsensitive) == 0)
            return a;
    if (apps.size() == 1 && apps.front().info.isRemote)
        return apps.front();
    QStringList names;
    for (const auto &a : apps)
        names << a.info.name;
    throw ValueError(QStringLiteral("no application '%1' in the store (applications: %2)")
                         .arg(name, names.join(QStringLiteral(", "))));
}

} // namespace detail

namespace {

const QStringList EventColumns = {QStringLiteral("originator_id"), QStringLiteral("originator_version"),
                                  QStringLiteral("topic"), QStringLiteral("state")};
const QStringList TrackingColumns = {QStringLiteral("application_name"), QStringLiteral("notification_id")};

bool hasColumns(const QStringList &have, const QStringList &wanted)
{
    return std::all_of(wanted.begin(), wanted.end(),
                       [&](const QString &c) { return have.contains(c, Qt::CaseInsensitive); });
}

// Whether a SQLite table has a rowid (Python's application recorder's events table has; the
// aggregate recorder's is WITHOUT ROWID and has no notification log).
bool sqliteHasRowid(const Database &db, const QString &table)
{
    try {
        db.select(QStringLiteral("SELECT rowid FROM %1 LIMIT 0").arg(Database::quote(table)), {},
                  QStringLiteral("probing %1").arg(table));
        return true;
    } catch (const DatabaseError &) {
        return false;
    }
}

// Finds the applications in one database. `fileName`: the name of the application whose tables
// are unprefixed ("stored_events"…) in a SQLite file.
std::vector<AppData> discover(const std::shared_ptr<Database> &db, const QString &fileName,
                              const QString &location, QStringList &notes)
{
    const QMap<QString, QStringList> tables = db->tables();
    std::vector<AppData> found;
    auto table = [&](const QString &name, const QStringList &columns) -> QString {
        const auto it = tables.constFind(name);
        if (it == tables.constEnd())
            return {};
        if (!hasColumns(*it, columns)) {
            notes << QStringLiteral(
                         "%1: table %2 is named like an event store's but lacks its columns (%3); ignored")
                         .arg(location, name, columns.join(QStringLiteral(", ")));
            return {};
        }
        return name;
    };
    auto add = [&](const QString &appName, const QString &events, const QString &snapshots,
                   const QString &tracking) {
        AppData a;
        a.db = db;
        a.info.name = appName;
        a.info.location = location;
        a.info.eventsTable = events;
        a.info.snapshotsTable = snapshots;
        a.info.trackingTable = tracking;
        a.events = Database::quote(events);
        a.snapshots = snapshots.isEmpty() ? QString() : Database::quote(snapshots);
        a.tracking = tracking.isEmpty() ? QString() : Database::quote(tracking);
        if (db->isSqlite()) {
            a.info.hasLog = sqliteHasRowid(*db, events);
            a.idColumn = a.info.hasLog ? QStringLiteral("rowid") : QString();
        } else {
            a.info.hasLog = tables.value(events).contains(QStringLiteral("notification_id"));
            a.idColumn = a.info.hasLog ? QStringLiteral("notification_id") : QString();
        }
        found.push_back(std::move(a));
    };

    static const QRegularExpression eventsName(QStringLiteral("^([A-Za-z0-9_]+)_events$"));
    for (auto it = tables.constBegin(); it != tables.constEnd(); ++it) {
        const auto m = eventsName.match(it.key());
        if (!m.hasMatch())
            continue;
        const QString prefix = m.captured(1);
        const QString events = table(it.key(), EventColumns);
        if (events.isEmpty())
            continue;
        const QString snapshots = table(prefix + QStringLiteral("_snapshots"), EventColumns);
        QString tracking = table(prefix + QStringLiteral("_tracking"), TrackingColumns);
        if (prefix == QLatin1String("stored")) {
            // Python's unnamed application: SQLite calls its tracking table "tracking", PostgreSQL
            // "notification_tracking".
            if (tracking.isEmpty())
                tracking = table(db->isSqlite() ? QStringLiteral("tracking")
                                                : QStringLiteral("notification_tracking"),
                                 TrackingColumns);
            add(db->isSqlite() && !fileName.isEmpty() ? fileName : prefix, events, snapshots, tracking);
        } else {
            add(prefix, events, snapshots, tracking);
        }
    }
    return found;
}

QStringList sqliteFilesIn(const QString &dir)
{
    QDir d(dir);
    return d.entryList({QStringLiteral("*.sqlite"), QStringLiteral("*.db")}, QDir::Files | QDir::Readable,
                       QDir::Name);
}

// Python's SQLITE_LOCK_TIMEOUT (seconds), as the recorders read it.
int busyTimeoutMs(const QProcessEnvironment &env)
{
    bool ok = false;
    const double s = env.value(QStringLiteral("SQLITE_LOCK_TIMEOUT")).toDouble(&ok);
    if (!ok || !(s > 0) || s > 3600)
        return 5000;
    return static_cast<int>(s * 1000);
}

// Reads a read-only recorder's events.
class ReadOnlyRecorder final : public ApplicationRecorder
{
public:
    ReadOnlyRecorder(std::shared_ptr<const Store> store, const AppData &app)
        : m_store(std::move(store)), m_app(app)
    { }

    std::vector<qint64> insertEvents(const std::vector<StoredEvent> &, const Tracking *) override
    {
        throw ProgrammingError(
            QStringLiteral("%1 is open read-only in the inspector: events cannot be inserted")
                .arg(m_store->displayUrl()));
    }

    std::vector<StoredEvent> selectEvents(const QUuid &originatorId, std::optional<qint64> gt,
                                          std::optional<qint64> lte, bool desc,
                                          std::optional<qint64> limit) override
    {
        Binds binds {m_app.db->idValue(originatorId)};
        QString sql
            = QStringLiteral(
                  "SELECT originator_id, originator_version, topic, state FROM %1 WHERE originator_id = ?")
                  .arg(m_app.events);
        if (gt) {
            sql += QStringLiteral(" AND originator_version > ?");
            binds.push_back(*gt);
        }
        if (lte) {
            sql += QStringLiteral(" AND originator_version <= ?");
            binds.push_back(*lte);
        }
        sql += desc ? QStringLiteral(" ORDER BY originator_version DESC")
                    : QStringLiteral(" ORDER BY originator_version");
        if (limit) {
            sql += QStringLiteral(" LIMIT ?");
            binds.push_back(*limit);
        }
        std::vector<StoredEvent> out;
        for (const Row &r : m_app.db->select(
                 sql, binds, QStringLiteral("selecting events from %1").arg(m_app.info.eventsTable)))
            out.push_back(m_app.readEvent(r, 0));
        return out;
    }

    std::vector<Notification> selectNotifications(qint64 start, qint64 limit,
                                                  const QStringList &topics) override
    {
        const QString &col = m_app.logColumn();
        Binds binds {start};
        const QString topicSql = AppData::topicCondition(topics, binds);
        binds.push_back(limit);
        const QString sql
            = QStringLiteral("SELECT %1, originator_id, originator_version, topic, state FROM %2 "
                             "WHERE %1 >= ?%3 ORDER BY %1 LIMIT ?")
                  .arg(col, m_app.events, topicSql);
        std::vector<Notification> out;
        for (const Row &r : m_app.db->select(
                 sql, binds, QStringLiteral("selecting notifications from %1").arg(m_app.info.eventsTable))) {
            Notification n;
            static_cast<StoredEvent &>(n) = m_app.readEvent(r, 1);
            n.id = r[0].toLongLong();
            out.push_back(std::move(n));
        }
        return out;
    }

    qint64 maxNotificationId() override { return m_app.maxNotificationId(); }

private:
    std::shared_ptr<const Store> m_store; // keeps m_app alive
    const AppData &m_app;
};

// Counts the rows of a table in chunks along its key (key columns given), without one long scan.
qint64 countByKey(const Database &db, const QString &table, const QString &keyA, const QString &keyB,
                  const CancelFlag &cancel, const std::function<void(qint64)> &step)
{
    constexpr qint64 Chunk = 100000;
    qint64 count = 0;
    std::optional<std::pair<QVariant, QVariant>> cursor;
    for (;;) {
        cancel.throwIfCancelled();
        Binds binds;
        QString where;
        if (cursor) {
            where = QStringLiteral(" WHERE (%1, %2) > (?, ?)").arg(keyA, keyB);
            binds = {cursor->first, cursor->second};
        }
        Binds edgeBinds = binds;
        edgeBinds.push_back(Chunk - 1);
        const auto edge = db.select(QStringLiteral("SELECT %1, %2 FROM %3%4 ORDER BY %1, %2 LIMIT 1 OFFSET ?")
                                        .arg(keyA, keyB, table, where),
                                    edgeBinds, QStringLiteral("counting the rows of %1").arg(table));
        if (edge.empty()) {
            count += db.selectValue(QStringLiteral("SELECT COUNT(*) FROM %1%2").arg(table, where), binds,
                                    QStringLiteral("counting the rows of %1").arg(table))
                         .toLongLong();
            step(count);
            return count;
        }
        count += Chunk;
        cursor = std::make_pair(edge[0][0], edge[0][1]);
        step(count);
    }
}

} // namespace

// --- Store ------------------------------------------------------------------------------------------

Store::Store(std::unique_ptr<StoreData> data) : d(std::move(data)) { }
Store::~Store() = default;

std::shared_ptr<const Store> Store::open(const QString &url, const OpenOptions &options)
{
    return open(StoreLocation::parse(url, options.environment), options);
}

std::shared_ptr<const Store> Store::open(const StoreLocation &location, const OpenOptions &options)
{
    auto data = std::make_unique<StoreData>();
    data->location = location;
    data->options = options;
    const QString shown = location.displayUrl();

    switch (location.kind) {
    case StoreKind::SqliteFile: {
        auto db = Database::openSqlite(location.path, busyTimeoutMs(options.environment));
        data->apps = discover(db, QFileInfo(location.path).completeBaseName(), location.path, data->notes);
        break;
    }
    case StoreKind::SqliteDirectory: {
        const QStringList files = sqliteFilesIn(location.path);
        for (const QString &f : files) {
            const QString path = QDir(location.path).filePath(f);
            try {
                auto db = Database::openSqlite(path, busyTimeoutMs(options.environment));
                std::vector<AppData> apps = discover(db, QFileInfo(f).completeBaseName(), path, data->notes);
                if (apps.empty())
                    data->notes << QStringLiteral("%1: no event store tables; skipped").arg(path);
                for (auto &a : apps)
                    data->apps.push_back(std::move(a));
            } catch (const DatabaseError &e) {
                data->notes << QStringLiteral("%1: skipped: %2").arg(path, e.message());
            }
        }
        if (files.isEmpty())
            throw ProgrammingError(
                QStringLiteral("no event store in %1: the folder has no *.sqlite or *.db file").arg(shown));
        break;
    }
    case StoreKind::Postgres: {
        Database::PostgresParams p;
        p.host = location.host;
        p.port = location.port;
        p.user = location.user;
        p.password = location.password;
        p.passwordSource = location.passwordSource;
        p.dbname = location.dbname;
        p.sslmode = location.sslmode;
        p.connectTimeout = options.connectTimeoutSeconds;
        auto db = Database::openPostgres(p);
        data->apps = discover(db, QString(),
                              QStringLiteral("database '%1' on %2:%3").arg(p.dbname, p.host).arg(p.port),
                              data->notes);
        break;
    }
    case StoreKind::Remote: {
        auto client = std::make_shared<NotificationLogJSONClient>(
            location.remoteUrl, options.remoteSectionSize, options.connectTimeoutSeconds * 1000);
        // Reaching the service now gives a clear error at open, not at the first page.
        client->select(1, 1);
        AppData a;
        a.remote = client;
        a.info.name = QStringLiteral("remote");
        a.info.location = shown;
        a.info.isRemote = true;
        a.info.hasLog = true;
        data->apps.push_back(std::move(a));
        break;
    }
    }

    if (data->apps.empty())
        throw ProgrammingError(
            QStringLiteral("no event store in %1: no table is named as the eventsourcing library "
                           "names them (stored_events, <app>_events, …)")
                .arg(shown));
    // Two files may hold applications of the same name (prefixed tables): keep both, apart.
    std::stable_sort(data->apps.begin(), data->apps.end(), [](const AppData &a, const AppData &b) {
        return a.info.name.compare(b.info.name, Qt::CaseInsensitive) < 0;
    });
    for (size_t i = 1; i < data->apps.size(); ++i)
        if (data->apps[i].info.name.compare(data->apps[i - 1].info.name, Qt::CaseInsensitive) == 0)
            data->apps[i].info.name
                += QStringLiteral(" (%1)").arg(QFileInfo(data->apps[i].info.location).fileName());
    for (const auto &a : data->apps)
        data->infos.push_back(a.info);
    return std::shared_ptr<const Store>(new Store(std::move(data)));
}

StoreKind Store::kind() const
{
    return d->location.kind;
}
const StoreLocation &Store::location() const
{
    return d->location;
}
QString Store::displayUrl() const
{
    return d->location.displayUrl();
}
const std::vector<ApplicationInfo> &Store::applications() const
{
    return d->infos;
}
QStringList Store::discoveryNotes() const
{
    return d->notes;
}

const ApplicationInfo *Store::findApplication(const QString &name) const
{
    for (const auto &a : d->infos)
        if (a.name.compare(name, Qt::CaseInsensitive) == 0)
            return &a;
    return nullptr;
}

const ApplicationInfo &Store::application(const QString &name) const
{
    if (name.isEmpty()) {
        if (d->infos.size() == 1)
            return d->infos.front();
        QStringList names;
        for (const auto &a : d->infos)
            names << a.name;
        throw ValueError(QStringLiteral("%1 holds %2 applications (%3): choose one")
                             .arg(displayUrl())
                             .arg(names.size())
                             .arg(names.join(QStringLiteral(", "))));
    }
    if (const ApplicationInfo *a = findApplication(name))
        return *a;
    return d->app(name).info; // the remote log answers to any name; otherwise throws listing the names
}

qint64 Store::maxNotificationId(const QString &app) const
{
    const AppData &a = d->app(application(app).name);
    if (a.info.isRemote)
        return -1;
    return a.maxNotificationId();
}

qint64 Store::minNotificationId(const QString &app) const
{
    const AppData &a = d->app(application(app).name);
    if (a.info.isRemote)
        return -1;
    const QVariant v = a.db->selectValue(
        QStringLiteral("SELECT MIN(%1) FROM %2").arg(a.logColumn(), a.events), {},
        QStringLiteral("reading the smallest notification id of %1").arg(a.info.eventsTable));
    return v.isNull() ? 0 : v.toLongLong();
}

ApplicationCounts Store::counts(const QString &app, const CancelFlag &cancel, const Progress &progress) const
{
    const AppData &a = d->app(application(app).name);
    ApplicationCounts c;
    if (a.info.isRemote)
        return c;
    const Database &db = *a.db;
    c.maxNotificationId = a.info.hasLog ? a.maxNotificationId() : -1;
    const qint64 estimate = c.maxNotificationId > 0 ? c.maxNotificationId : -1;
    auto report = [&](qint64 done) {
        if (progress)
            progress(done, estimate);
    };

    // Events and aggregates together, along the primary key, a chunk of aggregates at a time.
    constexpr int Chunk = 10000;
    c.events = 0;
    c.aggregates = 0;
    std::optional<QVariant> after;
    for (;;) {
        cancel.throwIfCancelled();
        Binds binds;
        QString where;
        if (after) {
            where = QStringLiteral(" WHERE originator_id > ?");
            binds.push_back(*after);
        }
        binds.push_back(Chunk);
        const auto rows
            = db.select(QStringLiteral("SELECT originator_id, COUNT(*) FROM %1%2 GROUP BY originator_id "
                                       "ORDER BY originator_id LIMIT ?")
                            .arg(a.events, where),
                        binds, QStringLiteral("counting the events of %1").arg(a.info.eventsTable));
        for (const Row &r : rows)
            c.events += r[1].toLongLong();
        c.aggregates += static_cast<qint64>(rows.size());
        report(c.events);
        if (rows.size() < static_cast<size_t>(Chunk))
            break;
        after = rows.back()[0];
    }
    if (!a.snapshots.isEmpty())
        c.snapshots
            = countByKey(db, a.snapshots, QStringLiteral("originator_id"),
                         QStringLiteral("originator_version"), cancel, [&](qint64) { report(c.events); });
    if (!a.tracking.isEmpty())
        c.tracking = countByKey(db, a.tracking, QStringLiteral("application_name"),
                                QStringLiteral("notification_id"), cancel, [&](qint64) { report(c.events); });
    return c;
}

std::shared_ptr<ApplicationRecorder> Store::recorder(const QString &app) const
{
    const AppData &a = d->app(application(app).name);
    a.database(QStringLiteral("a recorder"));
    return std::make_shared<ReadOnlyRecorder>(shared_from_this(), a);
}

std::shared_ptr<NotificationLog> Store::notificationLog(const QString &app, int sectionSize) const
{
    const AppData &a = d->app(application(app).name);
    if (a.remote)
        return a.remote;
    a.logColumn();
    return std::make_shared<LocalNotificationLog>(recorder(app), sectionSize);
}

QMap<QString, QString> Store::applicationEnvironment(const QString &app) const
{
    const AppData &a = d->app(application(app).name);
    QMap<QString, QString> env;
    switch (d->location.kind) {
    case StoreKind::SqliteFile:
    case StoreKind::SqliteDirectory:
        env.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory"));
        env.insert(QStringLiteral("SQLITE_DBNAME"), a.info.location);
        break;
    case StoreKind::Postgres:
        env.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"),
                   QStringLiteral("eventsourcing.postgres:Factory"));
        env.insert(QStringLiteral("POSTGRES_HOST"), d->location.host);
        env.insert(QStringLiteral("POSTGRES_PORT"), QString::number(d->location.port));
        env.insert(QStringLiteral("POSTGRES_USER"), d->location.user);
        env.insert(QStringLiteral("POSTGRES_PASSWORD"), d->location.password);
        env.insert(QStringLiteral("POSTGRES_DBNAME"), d->location.dbname);
        break;
    case StoreKind::Remote:
        break;
    }
    return env;
}

void Store::releaseThreadConnections() const
{
    for (const auto &a : d->apps)
        if (a.db)
            a.db->release();
}

} // namespace es::inspect
