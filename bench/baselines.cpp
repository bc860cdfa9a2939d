#include "baselines.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QDir>
#include <QFile>
#include <QUuid>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <array>
#include <chrono>
#include <cstring>
#include <vector>
#include <libpq-fe.h>
#include <sqlite3.h>

namespace bench {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// A stored state of the size the engine writes for the bench's Dog.Registered.
QByteArray sampleState()
{
    return QByteArrayLiteral("{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2024-05-01T12:00:00.123456+00:00\"}, "
                             "\"originator_topic\": \"bench:Dog\", \"name\": \"Fido\"}");
}

void randomUuid(unsigned char out[16])
{
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(out), 4);
    out[6] = static_cast<unsigned char>((out[6] & 0x0f) | 0x40);
    out[8] = static_cast<unsigned char>((out[8] & 0x3f) | 0x80);
}

QByteArray hex(const unsigned char *b, int n)
{
    return QByteArray(reinterpret_cast<const char *>(b), n).toHex();
}

// --- sqlite3 -------------------------------------------------------------------------------------

} // namespace

namespace {

class SqliteLoop final : public BaselineLoop
{
public:
    explicit SqliteLoop(const QString &dir)
        : m_path(QDir(dir).filePath(QStringLiteral("baseline.sqlite")))
    {
        const QByteArray path = m_path.toUtf8();
        if (sqlite3_open(path.constData(), &m_db) != SQLITE_OK) {
            m_error = QStringLiteral("sqlite3: cannot open %1").arg(m_path);
            return;
        }
        // As the engine (and Python): WAL, SQLite's default synchronous, the busy timeout.
        sqlite3_busy_timeout(m_db, 5000);
        const bool ok = check(sqlite3_exec(m_db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr), "WAL")
            && check(sqlite3_exec(m_db,
                                  "CREATE TABLE IF NOT EXISTS stored_events (originator_id TEXT, originator_version "
                                  "INTEGER, topic TEXT, state BLOB, PRIMARY KEY (originator_id, originator_version))",
                                  nullptr, nullptr, nullptr),
                     "create table")
            && check(sqlite3_prepare_v2(m_db, "INSERT INTO stored_events VALUES (?,?,?,?)", -1, &m_insert, nullptr), "prepare")
            && check(sqlite3_prepare_v2(m_db, "BEGIN IMMEDIATE", -1, &m_begin, nullptr), "prepare")
            && check(sqlite3_prepare_v2(m_db, "COMMIT", -1, &m_commit, nullptr), "prepare");
        (void)ok;
    }

    ~SqliteLoop() override
    {
        sqlite3_finalize(m_insert);
        sqlite3_finalize(m_begin);
        sqlite3_finalize(m_commit);
        sqlite3_close(m_db);
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(m_path + QLatin1String(suffix));
    }

    QString error() const override { return m_error; }

    double run(double seconds, Shape shape, int rows) override
    {
        if (!m_error.isEmpty())
            return 0;
        long n = 0;
        bool ok = true;
        const auto t0 = Clock::now();
        do {
            if (shape != Shape::Autocommit) {
                ok = step(m_begin, "begin");
                for (int i = 0; ok && i < rows; ++i)
                    ok = insertOne();
                ok = ok && step(m_commit, "commit");
            } else {
                ok = insertOne();
            }
            n += shape != Shape::Autocommit ? rows : 1;
        } while (ok && secondsSince(t0) < seconds);
        return ok ? static_cast<double>(n) / secondsSince(t0) : 0;
    }

private:
    bool check(int rc, const char *what)
    {
        if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
            return true;
        m_error = QStringLiteral("sqlite3: %1: %2").arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(m_db)));
        return false;
    }
    bool step(sqlite3_stmt *s, const char *what)
    {
        const int rc = sqlite3_step(s);
        sqlite3_reset(s);
        return check(rc, what);
    }
    bool insertOne()
    {
        unsigned char id[16];
        randomUuid(id);
        const QByteArray idHex = hex(id, 16);
        sqlite3_bind_text(m_insert, 1, idHex.constData(), 32, SQLITE_TRANSIENT);
        sqlite3_bind_int64(m_insert, 2, 1);
        sqlite3_bind_text(m_insert, 3, "bench:Dog.Registered", -1, SQLITE_STATIC);
        sqlite3_bind_blob(m_insert, 4, m_state.constData(), static_cast<int>(m_state.size()), SQLITE_STATIC);
        return step(m_insert, "insert");
    }

    QString m_path;
    QString m_error;
    QByteArray m_state = sampleState();
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_insert = nullptr, *m_begin = nullptr, *m_commit = nullptr;
};

} // namespace

std::unique_ptr<BaselineLoop> sqliteLoop(const QString &dir)
{
    return std::make_unique<SqliteLoop>(dir);
}

// --- libpq ---------------------------------------------------------------------------------------

namespace {

PGconn *connectFromEnvironment(QString *error)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QByteArray conninfo = QStringLiteral("host='%1' port='%2' user='%3' password='%4' dbname='%5'")
                                    .arg(env.value(QStringLiteral("POSTGRES_HOST"), QStringLiteral("127.0.0.1")),
                                         env.value(QStringLiteral("POSTGRES_PORT"), QStringLiteral("5432")),
                                         env.value(QStringLiteral("POSTGRES_USER")),
                                         env.value(QStringLiteral("POSTGRES_PASSWORD")),
                                         env.value(QStringLiteral("POSTGRES_DBNAME")))
                                    .toUtf8();
    PGconn *c = PQconnectdb(conninfo.constData());
    if (PQstatus(c) != CONNECTION_OK) {
        *error = QStringLiteral("libpq: cannot connect: %1").arg(QString::fromUtf8(PQerrorMessage(c)).trimmed());
        PQfinish(c);
        return nullptr;
    }
    return c;
}

bool pgOk(PGconn *c, PGresult *res, QString *error, const char *what)
{
    const ExecStatusType s = PQresultStatus(res);
    const bool ok = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
    if (!ok && error)
        *error = QStringLiteral("libpq: %1: %2").arg(QLatin1String(what), QString::fromUtf8(PQerrorMessage(c)).trimmed());
    PQclear(res);
    return ok;
}

} // namespace

QString postgresExec(const QString &sql)
{
    QString error;
    PGconn *c = connectFromEnvironment(&error);
    if (!c)
        return error;
    pgOk(c, PQexec(c, "SET client_min_messages = warning"), nullptr, "");
    pgOk(c, PQexec(c, sql.toUtf8().constData()), &error, "exec");
    PQfinish(c);
    return error;
}

namespace {

class LibpqLoop final : public BaselineLoop
{
public:
    LibpqLoop()
    {
        m_conn = connectFromEnvironment(&m_error);
        if (!m_conn)
            return;
        // The table as the engine makes it (Python's schema), under a name of its own.
        const bool ok = pgOk(m_conn, PQexec(m_conn, "SET client_min_messages = warning; DROP TABLE IF EXISTS esbench_baseline_events"), &m_error, "drop")
            && pgOk(m_conn,
                    PQexec(m_conn,
                           "CREATE TABLE esbench_baseline_events (originator_id uuid NOT NULL, originator_version bigint NOT "
                           "NULL, topic text, state bytea, notification_id bigserial, PRIMARY KEY (originator_id, "
                           "originator_version)) WITH (autovacuum_enabled=false); CREATE UNIQUE INDEX "
                           "esbench_baseline_events_notification_id_idx ON esbench_baseline_events (notification_id ASC)"),
                    &m_error, "create");
        (void)ok;
    }

    ~LibpqLoop() override
    {
        if (!m_conn)
            return;
        pgOk(m_conn, PQexec(m_conn, "DROP TABLE IF EXISTS esbench_baseline_events"), nullptr, "drop");
        PQfinish(m_conn);
    }

    QString error() const override { return m_error; }

    double run(double seconds, Shape shape, int rows) override
    {
        if (!m_error.isEmpty())
            return 0;
        long n = 0;
        bool ok = true;
        const auto t0 = Clock::now();
        const char *begin = shape == Shape::Locked
            ? "BEGIN; SET LOCAL lock_timeout = '0s'; LOCK TABLE esbench_baseline_events IN EXCLUSIVE MODE"
            : "BEGIN";
        do {
            if (shape != Shape::Autocommit) {
                // Several rows go in as one multi-row INSERT, one round trip, as the engine sends a
                // group of saves.
                ok = pgOk(m_conn, PQexec(m_conn, begin), &m_error, "begin") && insertRows(rows)
                    && pgOk(m_conn, PQexec(m_conn, "COMMIT"), &m_error, "commit");
            } else {
                ok = insertOne();
            }
            n += shape != Shape::Autocommit ? rows : 1;
        } while (ok && secondsSince(t0) < seconds);
        return ok ? static_cast<double>(n) / secondsSince(t0) : 0;
    }

private:
    bool insertOne() { return insertRows(1); }

    // One INSERT of `rows` rows (a statement prepared once per row count).
    bool insertRows(int rows)
    {
        const QByteArray name = "ins" + QByteArray::number(rows);
        if (!m_prepared.contains(name)) {
            QByteArray sql = "INSERT INTO esbench_baseline_events (originator_id, originator_version, topic, state) VALUES ";
            for (int i = 0; i < rows; ++i)
                sql += (i ? ", (" : "(") + QByteArray("$%1, $%2, $%3, $%4)")
                                               .replace("%1", QByteArray::number(4 * i + 1))
                                               .replace("%2", QByteArray::number(4 * i + 2))
                                               .replace("%3", QByteArray::number(4 * i + 3))
                                               .replace("%4", QByteArray::number(4 * i + 4));
            sql += " RETURNING notification_id";
            if (!pgOk(m_conn, PQprepare(m_conn, name.constData(), sql.constData(), 4 * rows, nullptr), &m_error, "prepare"))
                return false;
            m_prepared.push_back(name);
        }
        std::vector<QByteArray> ids(static_cast<size_t>(rows));
        std::vector<const char *> values;
        std::vector<int> lengths;
        std::vector<int> formats;
        for (size_t i = 0; i < ids.size(); ++i) {
            unsigned char id[16];
            randomUuid(id);
            ids[i] = QUuid::fromRfc4122(QByteArrayView(reinterpret_cast<const char *>(id), 16))
                         .toString(QUuid::WithoutBraces)
                         .toLatin1();
            values.insert(values.end(), {ids[i].constData(), "1", "bench:Dog.Registered", m_state.constData()});
            lengths.insert(lengths.end(), {0, 0, 0, static_cast<int>(m_state.size())});
            formats.insert(formats.end(), {0, 0, 0, 1});
        }
        return pgOk(m_conn, PQexecPrepared(m_conn, name.constData(), 4 * rows, values.data(), lengths.data(), formats.data(), 1),
                    &m_error, "insert");
    }

    PGconn *m_conn = nullptr;
    QString m_error;
    QByteArray m_state = sampleState();
    QByteArrayList m_prepared;
};

} // namespace

std::unique_ptr<BaselineLoop> libpqLoop()
{
    return std::make_unique<LibpqLoop>();
}

} // namespace bench
