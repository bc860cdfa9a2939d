#include "persistence/postgres/postgresrecorders.h"

#include "es/errors.h"
#include "es/uuid.h"

#include "persistence/topiccache.h"

#include <QSqlQuery>
#include <QVariant>
#include <QtEndian>
#include <libpq-fe.h>

namespace es::detail {

namespace {

using Connection = PostgresDatastore::Connection;

// A row's originator_id (QPSQL gives uuid columns as text).
QUuid readUuid(const QSqlQuery &q, int column)
{
    const QString text = q.value(column).toString();
    QUuid id;
    if (!uuid::parse(text, &id))
        throw DataError(QStringLiteral("PostgreSQL: originator_id '%1' is not a UUID").arg(text));
    return id;
}

// Reads originator_id, originator_version, topic, state from `first` on.
void readStoredEvent(const QSqlQuery &q, int first, StoredEvent &e)
{
    e.originatorId = readUuid(q, first);
    e.originatorVersion = q.value(first + 1).toLongLong();
    e.topic = q.value(first + 2).toString();
    e.state = q.value(first + 3).toByteArray();
}

// A text[] literal ('{"a","b"}') for topics, bound as one value: one prepared statement serves any
// number of topics.
QString textArrayLiteral(const QStringList &items)
{
    QString out = QStringLiteral("{");
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += QLatin1Char(',');
        out += QLatin1Char('"');
        for (const QChar ch : items.at(i)) {
            if (ch == QLatin1Char('"') || ch == QLatin1Char('\\'))
                out += QLatin1Char('\\');
            out += ch;
        }
        out += QLatin1Char('"');
    }
    out += QLatin1Char('}');
    return out;
}

// The '?' placeholders of a statement as $1, $2… (for the native path).
QByteArray numbered(const QString &sql)
{
    QByteArray out;
    int n = 0;
    for (const QChar ch : sql) {
        if (ch == QLatin1Char('?'))
            out += '$' + QByteArray::number(++n);
        else
            out += ch.toLatin1();
    }
    return out;
}

// A binary int8 parameter.
struct Int8Param
{
    explicit Int8Param(qint64 v) { qToBigEndian(v, bytes); }
    char bytes[8];
};

// Reads a native binary row's originator_id (uuid), originator_version (int8), topic (text) and
// state (bytea) from column `first` on.
void readNativeStoredEvent(const pg_result *r, int row, int first, StoredEvent &e)
{
    if (PQgetlength(r, row, first) != 16)
        throw DataError(QStringLiteral("PostgreSQL: originator_id of %1 bytes is not a UUID").arg(PQgetlength(r, row, first)));
    e.originatorId = QUuid::fromRfc4122(QByteArrayView(PQgetvalue(r, row, first), 16));
    e.originatorVersion = qFromBigEndian<qint64>(PQgetvalue(r, row, first + 1));
    e.topic = topicFromUtf8(PQgetvalue(r, row, first + 2), static_cast<size_t>(PQgetlength(r, row, first + 2)));
    if (!PQgetisnull(r, row, first + 3))
        e.state = QByteArray(PQgetvalue(r, row, first + 3), PQgetlength(r, row, first + 3));
}

qint64 readMax(PostgresDatastore &store, Connection &c, QSqlQuery &q, const QString &what)
{
    store.exec(c, q, what);
    const qint64 max = (q.next() && !q.isNull(0)) ? q.value(0).toLongLong() : 0;
    q.finish();
    return max;
}

} // namespace

PostgresRecorder::PostgresRecorder(std::shared_ptr<PostgresDatastore> store, const QString &eventsTable,
                                   bool hasLog, const QString &trackingTable)
    : m_store(std::move(store))
    , m_eventsTable(eventsTable)
    , m_trackingTable(trackingTable)
    , m_hasLog(hasLog)
    , m_whatInsertEvents(QStringLiteral("inserting into %1").arg(eventsTable))
    , m_whatInsertTracking(QStringLiteral("inserting into %1").arg(trackingTable))
    , m_whatSelectEvents(QStringLiteral("selecting events from %1").arg(eventsTable))
    , m_whatSelectNotifications(QStringLiteral("selecting notifications from %1").arg(eventsTable))
    , m_whatMaxNotificationId(QStringLiteral("selecting the largest notification id of %1").arg(eventsTable))
    , m_whatMaxTrackingId(QStringLiteral("selecting the largest tracked id in %1").arg(trackingTable))
{
    const QString &t = m_eventsTable;
    // Why the EXCLUSIVE lock (Python's comment, in short): notification ids are taken from the
    // sequence when rows are inserted but become visible when their transaction commits. Two
    // writers could take ids 5 and 6 and commit 6 first; a reader tailing the log would read 6, go
    // on from 7, and never see 5. EXCLUSIVE mode conflicts with the ROW EXCLUSIVE lock of every
    // other insert (and with itself), so writers take ids and commit one transaction after another
    // and the ids commit in order; it does not conflict with the ACCESS SHARE lock of SELECT, so
    // readers are not blocked. SET LOCAL bounds the wait (POSTGRES_LOCK_TIMEOUT seconds, 0 = no
    // limit) for this transaction only. Tables without a log (snapshots) do not take it.
    m_lockPrologue = QStringLiteral("SET LOCAL lock_timeout = '%1s'; LOCK TABLE %2 IN EXCLUSIVE MODE")
                         .arg(m_store->settings().lockTimeout)
                         .arg(t);
    m_insertEvent = insertStatement(1);
    if (!m_trackingTable.isEmpty()) {
        m_insertTracking = QStringLiteral("INSERT INTO %1 (application_name, notification_id) VALUES (?, ?) "
                                          "RETURNING txid_current()")
                               .arg(m_trackingTable);
        m_maxTrackingId = QStringLiteral("SELECT MAX(notification_id) FROM %1 WHERE application_name = ?")
                              .arg(m_trackingTable);
    }
    for (int v = 0; v < 16; ++v) {
        QString sql = QStringLiteral("SELECT originator_id, originator_version, topic, state FROM %1 "
                                     "WHERE originator_id = ?")
                          .arg(t);
        if (v & 1)
            sql += QStringLiteral(" AND originator_version > ?");
        if (v & 2)
            sql += QStringLiteral(" AND originator_version <= ?");
        sql += (v & 4) ? QStringLiteral(" ORDER BY originator_version DESC")
                       : QStringLiteral(" ORDER BY originator_version ASC");
        if (v & 8)
            sql += QStringLiteral(" LIMIT ?");
        m_selectEvents[static_cast<size_t>(v)] = sql;
    }
    if (m_hasLog) {
        const QString select
            = QStringLiteral(
                  "SELECT notification_id, originator_id, originator_version, topic, state FROM %1 "
                  "WHERE notification_id >= ?")
                  .arg(t);
        m_selectNotifications = select + QStringLiteral(" ORDER BY notification_id LIMIT ?");
        m_selectNotificationsOfTopics
            = select + QStringLiteral(" AND topic = ANY(CAST(? AS text[])) ORDER BY notification_id LIMIT ?");
        m_maxNotificationId = QStringLiteral("SELECT MAX(notification_id) FROM %1").arg(t);
        m_nativeSelectNotifications = numbered(m_selectNotifications);
        m_nativeSelectNotificationsOfTopics = numbered(m_selectNotificationsOfTopics);
    }
    for (size_t v = 0; v < m_selectEvents.size(); ++v)
        m_nativeSelectEvents[v] = numbered(m_selectEvents[v]);
}

QString PostgresRecorder::insertStatement(int rows) const
{
    // One statement inserts a whole batch (up to MaxRowsPerInsert rows): one round trip, as Python's
    // single execute() of all its INSERTs. RETURNING gives each row's notification id with the row's
    // key, so that ids are matched to events by key, not by trusting the order of the rows. And
    // txid_current(), the transaction's id, kept in case the connection is lost during COMMIT (see
    // insertEvents()); asking for it here costs no extra round trip.
    QString sql = QStringLiteral("INSERT INTO %1 (originator_id, originator_version, topic, state) VALUES ")
                      .arg(m_eventsTable);
    sql.reserve(sql.size() + qsizetype(rows) * 14 + 80);
    for (int i = 0; i < rows; ++i)
        sql += i == 0 ? QLatin1String("(?, ?, ?, ?)") : QLatin1String(", (?, ?, ?, ?)");
    sql += m_hasLog
        ? QLatin1String(" RETURNING notification_id, originator_id, originator_version, txid_current()")
        : QLatin1String(" RETURNING txid_current()");
    return sql;
}

QStringList PostgresRecorder::createTableStatements() const
{
    QStringList statements;
    statements << QStringLiteral("CREATE TABLE IF NOT EXISTS %1 ("
                                 "originator_id uuid NOT NULL, "
                                 "originator_version bigint NOT NULL, "
                                 "topic text, "
                                 "state bytea, %2"
                                 "PRIMARY KEY (originator_id, originator_version)) "
                                 "WITH (autovacuum_enabled=false)")
                      .arg(m_eventsTable,
                           m_hasLog ? QStringLiteral("notification_id bigserial, ") : QString());
    if (m_hasLog)
        statements << QStringLiteral("CREATE UNIQUE INDEX IF NOT EXISTS %1_notification_id_idx "
                                     "ON %1 (notification_id ASC)")
                          .arg(m_eventsTable);
    if (!m_trackingTable.isEmpty())
        statements << QStringLiteral("CREATE TABLE IF NOT EXISTS %1 ("
                                     "application_name text, "
                                     "notification_id bigint, "
                                     "PRIMARY KEY (application_name, notification_id))")
                          .arg(m_trackingTable);
    return statements;
}

void PostgresRecorder::createTables()
{
    const QString script = createTableStatements().join(QStringLiteral("; "));
    for (int attempt = 1;; ++attempt) {
        try {
            m_store->retry([&](Connection &c) {
                PostgresDatastore::Transaction tx(*m_store, c, script);
                tx.commit();
                return true;
            });
            return;
        } catch (const IntegrityError &) {
            // Two processes creating the same table at once: the later CREATE ... IF NOT EXISTS can
            // still collide in the catalogue (a unique violation, or "already exists"). The table
            // is there now, so one more try finds it.
            if (attempt >= 2)
                throw;
        } catch (const ProgrammingError &) {
            if (attempt >= 2)
                throw;
        }
    }
}

std::vector<qint64> PostgresRecorder::insertEvents(const std::vector<StoredEvent> &events,
                                                   const Tracking *tracking)
{
    if (tracking && m_trackingTable.isEmpty())
        throw ProgrammingError(
            QStringLiteral("the recorder of %1 does not record tracking").arg(m_eventsTable));
    if (events.empty() && !tracking)
        return {};
    // Concurrent saves share a transaction (and its fsync): groupcommit.h.
    return m_groupCommit.submit(events, tracking, [this](GroupCommit::Batch &batch) { writeBatch(batch); });
}

QByteArray PostgresRecorder::nativeInsertStatement(size_t rows)
{
    std::lock_guard lock(m_nativeInsertMutex);
    if (m_nativeInsert.size() < rows)
        m_nativeInsert.resize(rows);
    QByteArray &sql = m_nativeInsert[rows - 1];
    if (sql.isEmpty())
        sql = numbered(insertStatement(static_cast<int>(rows)));
    return sql;
}

void PostgresRecorder::insertRows(Connection &c, const Rows &rows, size_t from, size_t to, std::vector<qint64> &ids,
                                  qint64 &txid)
{
    PostgresDatastore::Native *native = PostgresDatastore::native(c);
    for (size_t done = from; done < to;) {
        const size_t n = std::min(MaxRowsPerInsert, to - done);
        if (native)
            insertNative(*native, rows, done, n, ids, txid);
        else
            insertQt(c, rows, done, n, ids, txid);
        done += n;
    }
}

size_t PostgresRecorder::returnedRow(const Rows &rows, size_t from, size_t n, size_t returned, const QUuid &id,
                                     qint64 version) const
{
    // Rows come back in the order of VALUES; should they not, the key tells.
    size_t at = from + returned;
    if (at < from + n && rows[at]->originatorId == id && rows[at]->originatorVersion == version)
        return at;
    for (at = from; at < from + n; ++at)
        if (rows[at]->originatorVersion == version && rows[at]->originatorId == id)
            return at;
    throw InternalError(QStringLiteral("PostgreSQL: inserting into %1 returned an unknown row %2 v%3")
                            .arg(m_eventsTable, uuid::toDashed(id))
                            .arg(version));
}

void PostgresRecorder::insertQt(Connection &c, const Rows &rows, size_t from, size_t n, std::vector<qint64> &ids,
                                qint64 &txid)
{
    QSqlQuery &q = m_store->statement(c, n == 1 ? m_insertEvent : insertStatement(static_cast<int>(n)));
    for (size_t i = 0; i < n; ++i) {
        const StoredEvent &e = *rows[from + i];
        const int p = static_cast<int>(4 * i);
        q.bindValue(p, uuid::toDashed(e.originatorId));
        q.bindValue(p + 1, static_cast<qlonglong>(e.originatorVersion));
        q.bindValue(p + 2, e.topic);
        q.bindValue(p + 3, e.state);
    }
    m_store->exec(c, q, m_whatInsertEvents);
    size_t returned = 0;
    while (q.next()) {
        if (m_hasLog) {
            ids[returnedRow(rows, from, n, returned, readUuid(q, 1), q.value(2).toLongLong())] = q.value(0).toLongLong();
            txid = q.value(3).toLongLong();
        } else {
            txid = q.value(0).toLongLong();
        }
        ++returned;
    }
    q.finish();
    if (returned != n)
        throw InternalError(QStringLiteral("PostgreSQL: inserting %1 rows into %2 returned %3")
                                .arg(n)
                                .arg(m_eventsTable)
                                .arg(returned));
}

void PostgresRecorder::insertNative(PostgresDatastore::Native &native, const Rows &rows, size_t from, size_t n,
                                    std::vector<qint64> &ids, qint64 &txid)
{
    // Binary parameters: the uuid's 16 bytes, the version's 8, the topic's UTF-8 and the state as it
    // is, instead of text that the server parses back (bytea as hex): a 16-save group's INSERT
    // takes ~280 µs instead of ~450 in es-bench.
    struct Key
    {
        char id[16];
        Int8Param version;
        QByteArray topic; // shares topicToUtf8()'s bytes, which the next row's topic may replace
    };
    std::vector<Key> keys;
    keys.reserve(n);
    std::vector<const char *> values(4 * n);
    std::vector<int> lengths(4 * n);
    const std::vector<int> formats(4 * n, 1);
    for (size_t i = 0; i < n; ++i) {
        const StoredEvent &e = *rows[from + i];
        Key &key = keys.emplace_back(Key{{}, Int8Param(e.originatorVersion), topicToUtf8(e.topic)});
        uuid::toRfc4122(e.originatorId, key.id);
        const QByteArray &topic = key.topic;
        const size_t p = 4 * i;
        values[p] = key.id;
        lengths[p] = 16;
        values[p + 1] = key.version.bytes;
        lengths[p + 1] = 8;
        values[p + 2] = topic.constData();
        lengths[p + 2] = static_cast<int>(topic.size());
        // Empty but not NULL: a null pointer would be NULL.
        values[p + 3] = e.state.isEmpty() ? "" : e.state.constData();
        lengths[p + 3] = static_cast<int>(e.state.size());
    }
    const auto r = native.query(nativeInsertStatement(n), static_cast<int>(4 * n), values.data(), lengths.data(),
                                formats.data(), m_whatInsertEvents);
    const pg_result *result = r.get();
    const int returned = PQntuples(result);
    if (returned != static_cast<int>(n))
        throw InternalError(QStringLiteral("PostgreSQL: inserting %1 rows into %2 returned %3")
                                .arg(n)
                                .arg(m_eventsTable)
                                .arg(returned));
    for (int row = 0; row < returned; ++row) {
        if (m_hasLog) {
            if (PQgetlength(result, row, 1) != 16)
                throw InternalError(QStringLiteral("PostgreSQL: inserting into %1 returned a malformed uuid").arg(m_eventsTable));
            const QUuid id = QUuid::fromRfc4122(QByteArrayView(PQgetvalue(result, row, 1), 16));
            const qint64 version = qFromBigEndian<qint64>(PQgetvalue(result, row, 2));
            ids[returnedRow(rows, from, n, static_cast<size_t>(row), id, version)]
                = qFromBigEndian<qint64>(PQgetvalue(result, row, 0));
            txid = qFromBigEndian<qint64>(PQgetvalue(result, row, 3));
        } else {
            txid = qFromBigEndian<qint64>(PQgetvalue(result, row, 0));
        }
    }
}

void PostgresRecorder::insertTracking(Connection &c, const Tracking &tracking, qint64 &txid)
{
    QSqlQuery &q = m_store->statement(c, m_insertTracking);
    q.bindValue(0, tracking.applicationName);
    q.bindValue(1, static_cast<qlonglong>(tracking.notificationId));
    m_store->exec(c, q, m_whatInsertTracking);
    if (q.next())
        txid = q.value(0).toLongLong();
    q.finish();
}

void PostgresRecorder::writeBatch(GroupCommit::Batch &group)
{
    // The batch is asked for once the transaction is open (and the table locked): the group's wait
    // for more saves overlaps that round trip. Its rows are made once, for every attempt.
    const std::vector<CommitRequest *> *requests = nullptr;
    Rows rows;
    std::vector<size_t> firstRow; // of each request, and one past the last
    auto gather = [&] {
        if (requests)
            return;
        requests = &group.requests();
        for (const CommitRequest *r : *requests) {
            firstRow.push_back(rows.size());
            for (const StoredEvent &e : *r->events)
                rows.push_back(&e);
        }
        firstRow.push_back(rows.size());
    };

    // What one attempt decided, given to the requests once its transaction has committed.
    struct Outcome
    {
        std::vector<qint64> ids;                  // by row
        std::vector<std::exception_ptr> errors;   // by request: its own conflict
    };

    // One attempt on connection c. Without savepoints every row goes in as one statement (as few
    // as MaxRowsPerInsert allows) and a conflict anywhere aborts the transaction; with them, each
    // request is a subtransaction whose IntegrityError is its own.
    std::optional<qint64> unresolvedTxid;
    Outcome unresolved;
    auto onCommitLost = [&](qint64 txid, const Outcome &outcome) {
        unresolvedTxid = txid;
        unresolved = outcome;
    };
    auto attempt = [&](Connection &conn, bool withSavepoints) {
        qint64 txid = 0;
        // The lock is taken with BEGIN when the leader's save has events (so, the batch too); a
        // batch led by a tracking-only save takes it once it is known to have events.
        const bool lockFirst = m_hasLog && !group.leader().events->empty();
        PostgresDatastore::Transaction tx(*m_store, conn, lockFirst ? m_lockPrologue : QString());
        gather();
        const std::vector<CommitRequest *> &batch = *requests;
        if (m_hasLog && !lockFirst && !rows.empty())
            m_store->execScript(conn, m_lockPrologue, QStringLiteral("locking %1").arg(m_eventsTable));
        Outcome outcome;
        outcome.ids.assign(m_hasLog ? rows.size() : 0, 0);
        outcome.errors.resize(batch.size());
        std::vector<qint64> scratch(rows.size(), 0); // ids when the table has no log
        std::vector<qint64> &ids = m_hasLog ? outcome.ids : scratch;
        if (!withSavepoints) {
            insertRows(conn, rows, 0, rows.size(), ids, txid);
            for (const CommitRequest *r : batch)
                if (r->tracking)
                    insertTracking(conn, *r->tracking, txid);
        } else {
            for (size_t k = 0; k < batch.size(); ++k) {
                m_store->execScript(conn, QStringLiteral("SAVEPOINT es_save"), QStringLiteral("starting a save's savepoint"));
                try {
                    insertRows(conn, rows, firstRow[k], firstRow[k + 1], ids, txid);
                    if (batch[k]->tracking)
                        insertTracking(conn, *batch[k]->tracking, txid);
                    m_store->execScript(conn, QStringLiteral("RELEASE SAVEPOINT es_save"),
                                        QStringLiteral("releasing a save's savepoint"));
                } catch (const IntegrityError &) {
                    outcome.errors[k] = std::current_exception();
                    m_store->execScript(conn, QStringLiteral("ROLLBACK TO SAVEPOINT es_save; RELEASE SAVEPOINT es_save"),
                                        QStringLiteral("rolling back a save's savepoint"));
                }
            }
        }
        try {
            tx.commit();
        } catch (const InterfaceError &) {
            onCommitLost(txid, outcome);
            throw;
        }
        return outcome;
    };

    auto deliver = [&](const Outcome &outcome) {
        const std::vector<CommitRequest *> &batch = *requests;
        for (size_t k = 0; k < batch.size(); ++k) {
            CommitRequest *r = batch[k];
            r->error = outcome.errors[k];
            r->ids.clear();
            if (!r->error && m_hasLog)
                r->ids.assign(outcome.ids.begin() + static_cast<std::ptrdiff_t>(firstRow[k]),
                              outcome.ids.begin() + static_cast<std::ptrdiff_t>(firstRow[k + 1]));
        }
    };

    // A retried write never writes twice. Until COMMIT is sent nothing can be committed: a lost
    // connection's transaction is rolled back by the server, so writing again is right. When the
    // connection is lost during COMMIT, its outcome is unknown here: the server may have committed
    // and only the answer was lost. Then the next attempt first asks the server what became of that
    // transaction (txid_status()) and, if it committed, delivers what it wrote instead of writing
    // again. (The primary key would refuse a second copy anyway, but as an IntegrityError for a
    // write that in fact succeeded.)
    bool savepoints = false;

    m_store->retry([&](Connection &c) {
        if (unresolvedTxid) {
            if (m_store->transactionOutcome(c, *unresolvedTxid) == PostgresDatastore::Outcome::Committed) {
                deliver(unresolved);
                return true;
            }
            unresolvedTxid.reset();
        }
        for (;;) {
            try {
                deliver(attempt(c, savepoints));
                return true;
            } catch (const IntegrityError &) {
                // A conflict in a batch of several saves: once more, each save on its own.
                if (requests->size() == 1 || savepoints)
                    throw;
                savepoints = true;
            }
        }
    });
}

std::vector<StoredEvent> PostgresRecorder::selectEvents(const QUuid &originatorId, std::optional<qint64> gt,
                                                        std::optional<qint64> lte, bool desc,
                                                        std::optional<qint64> limit)
{
    if (limit && *limit <= 0)
        return {};
    const size_t variant = (gt ? 1u : 0u) | (lte ? 2u : 0u) | (desc ? 4u : 0u) | (limit ? 8u : 0u);
    const QString &sql = m_selectEvents[variant];
    const QVariant id(uuid::toDashed(originatorId));
    return m_store->retry([&](Connection &c) {
        if (PostgresDatastore::Native *n = PostgresDatastore::native(c)) {
            const QByteArray rawId = originatorId.toRfc4122();
            const Int8Param gtParam(gt.value_or(0)), lteParam(lte.value_or(0)), limitParam(limit.value_or(0));
            const char *values[4];
            int lengths[4], formats[4] = {1, 1, 1, 1};
            int count = 0;
            values[count] = rawId.constData();
            lengths[count++] = 16;
            for (const auto *p : {gt ? &gtParam : nullptr, lte ? &lteParam : nullptr, limit ? &limitParam : nullptr}) {
                if (p) {
                    values[count] = p->bytes;
                    lengths[count++] = 8;
                }
            }
            const auto r = n->query(m_nativeSelectEvents[variant], count, values, lengths, formats, m_whatSelectEvents);
            const int rows = PQntuples(r.get());
            std::vector<StoredEvent> out(static_cast<size_t>(rows));
            for (int i = 0; i < rows; ++i)
                readNativeStoredEvent(r.get(), i, 0, out[static_cast<size_t>(i)]);
            return out;
        }
        QSqlQuery &q = m_store->statement(c, sql);
        int i = 0;
        q.bindValue(i++, id);
        if (gt)
            q.bindValue(i++, static_cast<qlonglong>(*gt));
        if (lte)
            q.bindValue(i++, static_cast<qlonglong>(*lte));
        if (limit)
            q.bindValue(i++, static_cast<qlonglong>(*limit));
        m_store->exec(c, q, m_whatSelectEvents);
        std::vector<StoredEvent> out;
        out.reserve(static_cast<size_t>(std::max(q.size(), 0)));
        while (q.next()) {
            out.emplace_back();
            readStoredEvent(q, 0, out.back());
        }
        q.finish();
        return out;
    });
}

std::vector<Notification> PostgresRecorder::selectNotifications(qint64 start, qint64 limit,
                                                                const QStringList &topics)
{
    // As the POPO recorders: a table without a log has no notifications.
    if (!m_hasLog || limit <= 0)
        return {};
    const QVariant topicsValue = topics.isEmpty() ? QVariant() : QVariant(textArrayLiteral(topics));
    return m_store->retry([&](Connection &c) {
        if (PostgresDatastore::Native *n = PostgresDatastore::native(c)) {
            const Int8Param startParam(start), limitParam(limit);
            const QByteArray topicsText = topics.isEmpty() ? QByteArray() : topicsValue.toString().toUtf8();
            const char *values[3];
            int lengths[3], formats[3];
            int count = 0;
            values[count] = startParam.bytes;
            lengths[count] = 8;
            formats[count++] = 1;
            if (!topics.isEmpty()) {
                values[count] = topicsText.constData(); // a text[] literal, as text
                lengths[count] = static_cast<int>(topicsText.size());
                formats[count++] = 0;
            }
            values[count] = limitParam.bytes;
            lengths[count] = 8;
            formats[count++] = 1;
            const auto r = n->query(topics.isEmpty() ? m_nativeSelectNotifications : m_nativeSelectNotificationsOfTopics,
                                    count, values, lengths, formats, m_whatSelectNotifications);
            const int rows = PQntuples(r.get());
            std::vector<Notification> out(static_cast<size_t>(rows));
            for (int i = 0; i < rows; ++i) {
                Notification &row = out[static_cast<size_t>(i)];
                row.id = qFromBigEndian<qint64>(PQgetvalue(r.get(), i, 0));
                readNativeStoredEvent(r.get(), i, 1, row);
            }
            return out;
        }
        QSqlQuery &q
            = m_store->statement(c, topics.isEmpty() ? m_selectNotifications : m_selectNotificationsOfTopics);
        int i = 0;
        q.bindValue(i++, static_cast<qlonglong>(start));
        if (!topics.isEmpty())
            q.bindValue(i++, topicsValue);
        q.bindValue(i++, static_cast<qlonglong>(limit));
        m_store->exec(c, q, m_whatSelectNotifications);
        // The page arrives whole (the statement is not forward-only): no cursor stays open.
        std::vector<Notification> out;
        out.reserve(static_cast<size_t>(std::max(q.size(), 0)));
        while (q.next()) {
            out.emplace_back();
            Notification &n = out.back();
            n.id = q.value(0).toLongLong();
            readStoredEvent(q, 1, n);
        }
        q.finish();
        return out;
    });
}

qint64 PostgresRecorder::maxNotificationId()
{
    if (!m_hasLog)
        return 0;
    return m_store->retry([&](Connection &c) {
        return readMax(*m_store, c, m_store->statement(c, m_maxNotificationId), m_whatMaxNotificationId);
    });
}

qint64 PostgresRecorder::maxTrackingId(const QString &applicationName)
{
    if (m_trackingTable.isEmpty())
        return 0;
    const QVariant name(applicationName);
    return m_store->retry([&](Connection &c) {
        QSqlQuery &q = m_store->statement(c, m_maxTrackingId);
        q.bindValue(0, name);
        return readMax(*m_store, c, q, m_whatMaxTrackingId);
    });
}

} // namespace es::detail
