// The SQLite recorders. SQL texts are built once per recorder and prepared once per connection;
// values are bound by position. Every select is fetched to its end and reset (or finished) before
// returning, because an open SQLite statement holds a read transaction. Two paths do the same: on
// the driver's native handle when the datastore has one (SqliteDatastore::Native, the fast path),
// else through QSqlQuery. Saves go through group commit (groupcommit.h): concurrent saves share one
// transaction and one fsync, each in its own savepoint.
#include "persistence/sqlite/sqliterecorders.h"

#include "es/errors.h"
#include "es/uuid.h"
#include "persistence/groupcommit.h"
#include "persistence/topiccache.h"

#include <QSqlQuery>
#include <QSqlError>
#include <algorithm>
#include <array>
#include <cstring>
#include <sqlite3.h>

namespace es::detail {

namespace {

enum class Kind { Aggregate, Application, Process };

// Finishes a statement however its scope is left (an exception while reading rows included), so
// that no statement keeps its read transaction open on the connection.
class Finish
{
public:
    explicit Finish(QSqlQuery &q)
        : m_q(q)
    {
    }
    ~Finish() { m_q.finish(); }
    Finish(const Finish &) = delete;
    Finish &operator=(const Finish &) = delete;

private:
    QSqlQuery &m_q;
};

// The statements and operations on one events table (and the tracking table), shared by the three
// recorder classes below.
class EventTable
{
public:
    EventTable(std::shared_ptr<SqliteDatastore> store, const QString &table, Kind kind)
        : m_store(std::move(store))
        , m_table(table)
        , m_kind(kind)
        , m_insertEvent(QStringLiteral("INSERT INTO %1 VALUES (?,?,?,?)").arg(table))
    {
        for (int variant = 0; variant < 16; ++variant) {
            QString sql = QStringLiteral("SELECT * FROM %1 WHERE originator_id=? ").arg(table);
            if (variant & HasGt)
                sql += QLatin1String("AND originator_version>? ");
            if (variant & HasLte)
                sql += QLatin1String("AND originator_version<=? ");
            sql += QLatin1String("ORDER BY originator_version ");
            sql += (variant & Desc) ? QLatin1String("DESC") : QLatin1String("ASC");
            if (variant & HasLimit)
                sql += QLatin1String(" LIMIT ?");
            m_selectEvents[static_cast<size_t>(variant)] = sql;
        }
        m_selectNotifications = QStringLiteral("SELECT rowid, * FROM %1 WHERE rowid>=? ORDER BY rowid LIMIT ?").arg(table);
        m_selectMaxNotificationId = QStringLiteral("SELECT MAX(rowid) FROM %1").arg(table);
        // The same texts for the native path.
        m_nativeInsertEvent = m_insertEvent.toUtf8();
        for (size_t v = 0; v < m_selectEvents.size(); ++v)
            m_nativeSelectEvents[v] = m_selectEvents[v].toUtf8();
        m_nativeSelectNotifications = m_selectNotifications.toUtf8();
        m_nativeSelectMaxNotificationId = m_selectMaxNotificationId.toUtf8();
    }

    void createTable()
    {
        // Python's construct_create_table_statements(), byte for byte: the text is what
        // sqlite_master keeps, and Python-written stores must compare equal.
        QStringList statements;
        statements << QStringLiteral("CREATE TABLE IF NOT EXISTS %1 (originator_id TEXT, originator_version INTEGER, "
                                     "topic TEXT, state BLOB, PRIMARY KEY (originator_id, originator_version))%2")
                          .arg(m_table, m_kind == Kind::Aggregate ? QStringLiteral(" WITHOUT ROWID") : QString());
        if (m_kind == Kind::Process)
            statements << QStringLiteral("CREATE TABLE IF NOT EXISTS tracking (application_name TEXT, "
                                         "notification_id INTEGER, PRIMARY KEY (application_name, notification_id)) "
                                         "WITHOUT ROWID");
        SqliteDatastore::WriteTransaction txn(*m_store);
        for (const QString &sql : statements) {
            QSqlQuery q(txn.connection().db);
            if (!q.exec(sql))
                SqliteDatastore::throwError(q.lastError(), QStringLiteral("creating table %1").arg(m_table));
        }
        txn.commit();
    }

    std::vector<qint64> insertEvents(const std::vector<StoredEvent> &events, const Tracking *tracking)
    {
        if (tracking && m_kind != Kind::Process)
            throw ProgrammingError(QStringLiteral("the SQLite recorder of %1 does not record tracking").arg(m_table));
        if (events.empty() && !tracking)
            return {};
        return m_groupCommit.submit(events, tracking, [this](GroupCommit::Batch &batch) { write(batch); });
    }

    // Group commit's writer: the batch in one write transaction (one fsync). Alone, a save is the
    // transaction; in company each save that runs more than one statement has a savepoint, so that
    // its IntegrityError undoes it alone (a single INSERT that fails undoes itself: SQLite rolls
    // back the failing statement, not the transaction) and the others commit.
    void write(GroupCommit::Batch &requests)
    {
        SqliteDatastore::WriteTransaction txn(*m_store);
        const std::vector<CommitRequest *> &batch = requests.requests();
        auto &c = txn.connection();
        SqliteDatastore::Native *native = SqliteDatastore::native(c);
        const bool shared = batch.size() > 1;
        for (CommitRequest *r : batch) {
            const bool savepoint = shared && r->events->size() + (r->tracking ? 1 : 0) > 1;
            if (savepoint)
                execSimple(c, native, "SAVEPOINT es_save", "starting a save's savepoint");
            try {
                r->ids = native ? insertNative(*native, *r->events, r->tracking) : insertQt(c, *r->events, r->tracking);
                if (savepoint)
                    execSimple(c, native, "RELEASE es_save", "releasing a save's savepoint");
            } catch (const IntegrityError &) {
                if (!shared)
                    throw;
                if (savepoint) {
                    execSimple(c, native, "ROLLBACK TO es_save", "rolling back a save's savepoint");
                    execSimple(c, native, "RELEASE es_save", "releasing a save's savepoint");
                }
                r->ids.clear();
                r->error = std::current_exception();
            }
        }
        txn.commit();
    }

    void execSimple(ConnectionPool::Connection &c, SqliteDatastore::Native *native, const char *sql, const char *what)
    {
        if (native) {
            native->exec(QByteArray::fromRawData(sql, static_cast<qsizetype>(std::strlen(sql))), what);
            return;
        }
        QSqlQuery &q = m_store->statement(c, QString::fromLatin1(sql));
        m_store->exec(q, what);
        q.finish();
    }

    std::vector<qint64> insertNative(SqliteDatastore::Native &n, const std::vector<StoredEvent> &events,
                                     const Tracking *tracking)
    {
        std::vector<qint64> ids;
        if (m_kind != Kind::Aggregate)
            ids.reserve(events.size());
        if (!events.empty()) {
            sqlite3_stmt *insert = n.statement(m_nativeInsertEvent);
            char hex[32];
            for (const StoredEvent &e : events) {
                uuid::toHex(e.originatorId, hex);
                const QByteArray &topic = topicToUtf8(e.topic);
                sqlite3_bind_text(insert, 1, hex, 32, SQLITE_STATIC);
                sqlite3_bind_int64(insert, 2, e.originatorVersion);
                sqlite3_bind_text(insert, 3, topic.constData(), static_cast<int>(topic.size()), SQLITE_STATIC);
                // A blob even when empty (a null pointer would store NULL).
                sqlite3_bind_blob(insert, 4, e.state.isEmpty() ? "" : e.state.constData(),
                                  static_cast<int>(e.state.size()), SQLITE_STATIC);
                const int rc = sqlite3_step(insert);
                sqlite3_reset(insert);
                if (rc != SQLITE_DONE)
                    n.throwError(rc, "inserting an event");
                if (m_kind != Kind::Aggregate)
                    ids.push_back(sqlite3_last_insert_rowid(n.db()));
            }
        }
        if (tracking) {
            sqlite3_stmt *track = n.statement(QByteArrayLiteral("INSERT INTO tracking VALUES (?,?)"));
            const QByteArray name = tracking->applicationName.toUtf8();
            sqlite3_bind_text(track, 1, name.constData(), static_cast<int>(name.size()), SQLITE_STATIC);
            sqlite3_bind_int64(track, 2, tracking->notificationId);
            const int rc = sqlite3_step(track);
            sqlite3_reset(track);
            if (rc != SQLITE_DONE)
                n.throwError(rc, "inserting a tracking record");
        }
        return ids;
    }

    std::vector<qint64> insertQt(ConnectionPool::Connection &c, const std::vector<StoredEvent> &events,
                                 const Tracking *tracking)
    {
        std::vector<qint64> ids;
        if (m_kind != Kind::Aggregate)
            ids.reserve(events.size());
        if (!events.empty()) {
            QSqlQuery &insert = m_store->statement(c, m_insertEvent);
            char hex[32];
            for (const StoredEvent &e : events) {
                uuid::toHex(e.originatorId, hex);
                insert.bindValue(0, QString::fromLatin1(hex, 32));
                insert.bindValue(1, e.originatorVersion);
                insert.bindValue(2, e.topic);
                insert.bindValue(3, e.state);
                m_store->exec(insert, "inserting an event");
                const Finish finish(insert);
                if (m_kind != Kind::Aggregate)
                    ids.push_back(insert.lastInsertId().toLongLong());
            }
        }
        if (tracking) {
            QSqlQuery &track = m_store->statement(c, QStringLiteral("INSERT INTO tracking VALUES (?,?)"));
            track.bindValue(0, tracking->applicationName);
            track.bindValue(1, tracking->notificationId);
            m_store->exec(track, "inserting a tracking record");
            track.finish();
        }
        return ids;
    }

    std::vector<StoredEvent> selectEvents(const QUuid &originatorId, std::optional<qint64> gt,
                                          std::optional<qint64> lte, bool desc, std::optional<qint64> limit)
    {
        std::vector<StoredEvent> out;
        if (limit && *limit <= 0)
            return out; // SQLite reads a negative LIMIT as "no limit"
        const int variant = (gt ? HasGt : 0) | (lte ? HasLte : 0) | (desc ? Desc : 0) | (limit ? HasLimit : 0);
        char hex[32];
        uuid::toHex(originatorId, hex);

        const auto lock = m_store->lockIfMemory();
        auto &c = m_store->connection();
        if (SqliteDatastore::Native *n = SqliteDatastore::native(c)) {
            sqlite3_stmt *q = n->statement(m_nativeSelectEvents[static_cast<size_t>(variant)]);
            const SqliteDatastore::Reset reset(q);
            int i = 1;
            sqlite3_bind_text(q, i++, hex, 32, SQLITE_STATIC);
            if (gt)
                sqlite3_bind_int64(q, i++, *gt);
            if (lte)
                sqlite3_bind_int64(q, i++, *lte);
            if (limit)
                sqlite3_bind_int64(q, i++, *limit);
            if (limit)
                out.reserve(static_cast<size_t>(std::min<qint64>(*limit, 1024)));
            int rc;
            while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
                out.emplace_back();
                StoredEvent &e = out.back();
                e.originatorId = originatorId;
                e.originatorVersion = sqlite3_column_int64(q, 1);
                readTopicAndState(q, 2, e);
            }
            if (rc != SQLITE_DONE)
                n->throwError(rc, "selecting events");
            return out;
        }
        QSqlQuery &q = m_store->statement(c, m_selectEvents[static_cast<size_t>(variant)]);
        int i = 0;
        q.bindValue(i++, QString::fromLatin1(hex, 32));
        if (gt)
            q.bindValue(i++, *gt);
        if (lte)
            q.bindValue(i++, *lte);
        if (limit)
            q.bindValue(i++, *limit);
        m_store->exec(q, "selecting events");
        const Finish finish(q);
        if (limit)
            out.reserve(static_cast<size_t>(std::min<qint64>(*limit, 1024)));
        while (q.next()) {
            StoredEvent e;
            e.originatorId = originatorId;
            e.originatorVersion = q.value(1).toLongLong();
            e.topic = q.value(2).toString();
            e.state = q.value(3).toByteArray();
            out.push_back(std::move(e));
        }
        checkFetched(q, "selecting events");
        return out;
    }

    std::vector<Notification> selectNotifications(qint64 start, qint64 limit, const QStringList &topics)
    {
        std::vector<Notification> out;
        if (limit <= 0)
            return out;
        const auto lock = m_store->lockIfMemory();
        auto &c = m_store->connection();
        if (SqliteDatastore::Native *n = SqliteDatastore::native(c))
            return selectNotificationsNative(*n, start, limit, topics);
        QSqlQuery *q = nullptr;
        if (topics.isEmpty()) {
            q = &m_store->statement(c, m_selectNotifications);
            q->bindValue(0, start);
            q->bindValue(1, limit);
        } else {
            QString marks = QStringLiteral("?");
            for (qsizetype i = 1; i < topics.size(); ++i)
                marks += QLatin1String(",?");
            q = &m_store->statement(
                c, QStringLiteral("SELECT rowid, * FROM %1 WHERE rowid>=? AND topic IN (%2) ORDER BY rowid LIMIT ?")
                       .arg(m_table, marks));
            int i = 0;
            q->bindValue(i++, start);
            for (const QString &topic : topics)
                q->bindValue(i++, topic);
            q->bindValue(i++, limit);
        }
        m_store->exec(*q, "selecting notifications");
        const Finish finish(*q);
        out.reserve(static_cast<size_t>(std::min<qint64>(limit, 4096)));
        while (q->next()) {
            Notification n;
            n.id = q->value(0).toLongLong();
            n.originatorId = parseId(q->value(1).toString(), n.id);
            n.originatorVersion = q->value(2).toLongLong();
            n.topic = q->value(3).toString();
            n.state = q->value(4).toByteArray();
            out.push_back(std::move(n));
        }
        checkFetched(*q, "selecting notifications");
        return out;
    }

    std::vector<Notification> selectNotificationsNative(SqliteDatastore::Native &n, qint64 start, qint64 limit,
                                                        const QStringList &topics)
    {
        std::vector<Notification> out;
        sqlite3_stmt *q = nullptr;
        std::vector<QByteArray> topicTexts;
        if (topics.isEmpty()) {
            q = n.statement(m_nativeSelectNotifications);
            sqlite3_bind_int64(q, 1, start);
            sqlite3_bind_int64(q, 2, limit);
        } else {
            QByteArray marks = "?";
            for (qsizetype i = 1; i < topics.size(); ++i)
                marks += ",?";
            q = n.statement(QStringLiteral("SELECT rowid, * FROM %1 WHERE rowid>=? AND topic IN (%2) ORDER BY rowid LIMIT ?")
                                .arg(m_table, QString::fromLatin1(marks))
                                .toUtf8());
            int i = 1;
            sqlite3_bind_int64(q, i++, start);
            for (const QString &topic : topics) {
                topicTexts.push_back(topic.toUtf8());
                sqlite3_bind_text(q, i++, topicTexts.back().constData(), static_cast<int>(topicTexts.back().size()),
                                  SQLITE_TRANSIENT);
            }
            sqlite3_bind_int64(q, i++, limit);
        }
        const SqliteDatastore::Reset reset(q);
        out.reserve(static_cast<size_t>(std::min<qint64>(limit, 4096)));
        int rc;
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
            out.emplace_back();
            Notification &row = out.back();
            row.id = sqlite3_column_int64(q, 0);
            const auto *id = reinterpret_cast<const char *>(sqlite3_column_text(q, 1));
            const std::string_view idText(id ? id : "", static_cast<size_t>(sqlite3_column_bytes(q, 1)));
            if (!uuid::parse(idText, &row.originatorId))
                throw DataError(QStringLiteral("row %1 of %2 has originator_id '%3', which is not a UUID")
                                    .arg(row.id)
                                    .arg(m_table, QString::fromUtf8(idText.data(), static_cast<qsizetype>(idText.size()))));
            row.originatorVersion = sqlite3_column_int64(q, 2);
            readTopicAndState(q, 3, row);
        }
        if (rc != SQLITE_DONE)
            n.throwError(rc, "selecting notifications");
        return out;
    }

    // topic (text) and state (blob) from columns `first` and `first` + 1 of a native row.
    static void readTopicAndState(sqlite3_stmt *q, int first, StoredEvent &e)
    {
        const auto *topic = reinterpret_cast<const char *>(sqlite3_column_text(q, first));
        e.topic = topicFromUtf8(topic ? topic : "", static_cast<size_t>(sqlite3_column_bytes(q, first)));
        // Read as a blob whatever its storage class (as QSQLITE reads a BLOB column).
        const void *state = sqlite3_column_blob(q, first + 1);
        e.state = QByteArray(static_cast<const char *>(state), sqlite3_column_bytes(q, first + 1));
    }

    qint64 maxNotificationId() { return selectOneInteger(m_selectMaxNotificationId, nullptr, "reading the max notification id"); }

    qint64 maxTrackingId(const QString &applicationName)
    {
        return selectOneInteger(QStringLiteral("SELECT MAX(notification_id) FROM tracking WHERE application_name=?"),
                                &applicationName, "reading the max tracking id");
    }

private:
    enum Variant { HasGt = 1, HasLte = 2, Desc = 4, HasLimit = 8 };

    // next() returns false at the end and on an error; tell them apart, and always release the
    // statement's read transaction.
    void checkFetched(QSqlQuery &q, const char *what)
    {
        const QSqlError error = q.lastError();
        q.finish();
        if (error.isValid())
            SqliteDatastore::throwError(error, QString::fromLatin1(what));
    }

    qint64 selectOneInteger(const QString &sql, const QString *parameter, const char *what)
    {
        const auto lock = m_store->lockIfMemory();
        auto &c = m_store->connection();
        if (SqliteDatastore::Native *n = SqliteDatastore::native(c)) {
            sqlite3_stmt *q = n->statement(sql.toUtf8());
            const SqliteDatastore::Reset reset(q);
            QByteArray text;
            if (parameter) {
                text = parameter->toUtf8();
                sqlite3_bind_text(q, 1, text.constData(), static_cast<int>(text.size()), SQLITE_STATIC);
            }
            const int rc = sqlite3_step(q);
            if (rc == SQLITE_ROW)
                return sqlite3_column_int64(q, 0); // NULL (no rows) reads as 0
            if (rc != SQLITE_DONE)
                n->throwError(rc, what);
            return 0;
        }
        QSqlQuery &q = m_store->statement(c, sql);
        if (parameter)
            q.bindValue(0, *parameter);
        m_store->exec(q, what);
        const Finish finish(q);
        const qint64 value = q.next() ? q.value(0).toLongLong() : 0; // NULL (no rows) reads as 0
        checkFetched(q, what);
        return value;
    }

    QUuid parseId(const QString &text, qint64 rowid) const
    {
        QUuid id;
        if (!uuid::parse(text, &id))
            throw DataError(QStringLiteral("row %1 of %2 has originator_id '%3', which is not a UUID")
                                .arg(rowid)
                                .arg(m_table, text));
        return id;
    }

    std::shared_ptr<SqliteDatastore> m_store;
    QString m_table;
    Kind m_kind;
    QString m_insertEvent;
    std::array<QString, 16> m_selectEvents;
    QString m_selectNotifications;
    QString m_selectMaxNotificationId;
    QByteArray m_nativeInsertEvent;
    std::array<QByteArray, 16> m_nativeSelectEvents;
    QByteArray m_nativeSelectNotifications;
    QByteArray m_nativeSelectMaxNotificationId;
    GroupCommit m_groupCommit;
};

class SqliteAggregateRecorder final : public AggregateRecorder
{
public:
    explicit SqliteAggregateRecorder(std::unique_ptr<EventTable> table)
        : m_table(std::move(table))
    {
    }
    std::vector<qint64> insertEvents(const std::vector<StoredEvent> &events, const Tracking *tracking) override
    {
        return m_table->insertEvents(events, tracking);
    }
    std::vector<StoredEvent> selectEvents(const QUuid &originatorId, std::optional<qint64> gt,
                                          std::optional<qint64> lte, bool desc, std::optional<qint64> limit) override
    {
        return m_table->selectEvents(originatorId, gt, lte, desc, limit);
    }

private:
    std::unique_ptr<EventTable> m_table;
};

template<typename Base>
class SqliteLogRecorder : public Base
{
public:
    explicit SqliteLogRecorder(std::unique_ptr<EventTable> table)
        : m_table(std::move(table))
    {
    }
    std::vector<qint64> insertEvents(const std::vector<StoredEvent> &events, const Tracking *tracking) override
    {
        return m_table->insertEvents(events, tracking);
    }
    std::vector<StoredEvent> selectEvents(const QUuid &originatorId, std::optional<qint64> gt,
                                          std::optional<qint64> lte, bool desc, std::optional<qint64> limit) override
    {
        return m_table->selectEvents(originatorId, gt, lte, desc, limit);
    }
    std::vector<Notification> selectNotifications(qint64 start, qint64 limit, const QStringList &topics) override
    {
        return m_table->selectNotifications(start, limit, topics);
    }
    qint64 maxNotificationId() override { return m_table->maxNotificationId(); }

protected:
    std::unique_ptr<EventTable> m_table;
};

using SqliteApplicationRecorder = SqliteLogRecorder<ApplicationRecorder>;

class SqliteProcessRecorder final : public SqliteLogRecorder<ProcessRecorder>
{
public:
    using SqliteLogRecorder<ProcessRecorder>::SqliteLogRecorder;
    qint64 maxTrackingId(const QString &applicationName) override { return m_table->maxTrackingId(applicationName); }
};

std::unique_ptr<EventTable> makeTable(std::shared_ptr<SqliteDatastore> store, const QString &tableName, Kind kind,
                                      bool createTable)
{
    auto table = std::make_unique<EventTable>(std::move(store), tableName, kind);
    if (createTable)
        table->createTable();
    return table;
}

} // namespace

std::shared_ptr<AggregateRecorder> makeSqliteAggregateRecorder(std::shared_ptr<SqliteDatastore> store,
                                                               const QString &tableName, bool createTable)
{
    return std::make_shared<SqliteAggregateRecorder>(makeTable(std::move(store), tableName, Kind::Aggregate, createTable));
}

std::shared_ptr<ApplicationRecorder> makeSqliteApplicationRecorder(std::shared_ptr<SqliteDatastore> store,
                                                                   const QString &tableName, bool createTable)
{
    return std::make_shared<SqliteApplicationRecorder>(
        makeTable(std::move(store), tableName, Kind::Application, createTable));
}

std::shared_ptr<ProcessRecorder> makeSqliteProcessRecorder(std::shared_ptr<SqliteDatastore> store,
                                                           const QString &tableName, bool createTable)
{
    return std::make_shared<SqliteProcessRecorder>(makeTable(std::move(store), tableName, Kind::Process, createTable));
}

} // namespace es::detail
