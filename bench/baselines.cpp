#include "baselines.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QUuid>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <array>
#include <chrono>
#include <cstring>
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

bool sqliteOk(sqlite3 *db, int rc, BaselineResult &r, const char *what)
{
    if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
        return true;
    r.error = QStringLiteral("sqlite3: %1: %2").arg(QLatin1String(what), QString::fromUtf8(sqlite3_errmsg(db)));
    return false;
}

} // namespace

BaselineResult sqliteBaseline(const QString &dir, double seconds)
{
    BaselineResult r;
    const QByteArray path = QDir(dir).filePath(QStringLiteral("baseline.sqlite")).toUtf8();
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.constData(), &db) != SQLITE_OK) {
        r.error = QStringLiteral("sqlite3: cannot open %1").arg(QString::fromUtf8(path));
        sqlite3_close(db);
        return r;
    }
    // As the engine (and Python): WAL, SQLite's default synchronous, the busy timeout.
    sqlite3_busy_timeout(db, 5000);
    bool ok = sqliteOk(db, sqlite3_exec(db, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr), r, "WAL")
        && sqliteOk(db,
                    sqlite3_exec(db,
                                 "CREATE TABLE IF NOT EXISTS stored_events (originator_id TEXT, originator_version "
                                 "INTEGER, topic TEXT, state BLOB, PRIMARY KEY (originator_id, originator_version))",
                                 nullptr, nullptr, nullptr),
                    r, "create table");
    sqlite3_stmt *insert = nullptr, *begin = nullptr, *commit = nullptr;
    ok = ok && sqliteOk(db, sqlite3_prepare_v2(db, "INSERT INTO stored_events VALUES (?,?,?,?)", -1, &insert, nullptr), r, "prepare")
        && sqliteOk(db, sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, nullptr), r, "prepare")
        && sqliteOk(db, sqlite3_prepare_v2(db, "COMMIT", -1, &commit, nullptr), r, "prepare");
    const QByteArray state = sampleState();
    auto insertOne = [&]() {
        unsigned char id[16];
        randomUuid(id);
        const QByteArray idHex = hex(id, 16);
        sqlite3_bind_text(insert, 1, idHex.constData(), 32, SQLITE_TRANSIENT);
        sqlite3_bind_int64(insert, 2, 1);
        sqlite3_bind_text(insert, 3, "bench:Dog.Registered", -1, SQLITE_STATIC);
        sqlite3_bind_blob(insert, 4, state.constData(), static_cast<int>(state.size()), SQLITE_STATIC);
        const int rc = sqlite3_step(insert);
        sqlite3_reset(insert);
        return sqliteOk(db, rc, r, "insert");
    };
    for (int pass = 0; ok && pass < 2; ++pass) {
        long n = 0;
        const auto t0 = Clock::now();
        do {
            if (pass == 0) {
                ok = sqliteOk(db, sqlite3_step(begin), r, "begin");
                sqlite3_reset(begin);
                ok = ok && insertOne();
                ok = ok && sqliteOk(db, sqlite3_step(commit), r, "commit");
                sqlite3_reset(commit);
            } else {
                ok = insertOne();
            }
            ++n;
        } while (ok && secondsSince(t0) < seconds);
        (pass == 0 ? r.commitsPerSecond : r.autocommitPerSecond) = static_cast<double>(n) / secondsSince(t0);
    }
    sqlite3_finalize(insert);
    sqlite3_finalize(begin);
    sqlite3_finalize(commit);
    sqlite3_close(db);
    QFile::remove(QString::fromUtf8(path));
    QFile::remove(QString::fromUtf8(path) + QStringLiteral("-wal"));
    QFile::remove(QString::fromUtf8(path) + QStringLiteral("-shm"));
    return r;
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

BaselineResult libpqBaseline(double seconds)
{
    BaselineResult r;
    PGconn *c = connectFromEnvironment(&r.error);
    if (!c)
        return r;
    // The table as the engine makes it (Python's schema), under a name of its own.
    bool ok = pgOk(c, PQexec(c, "SET client_min_messages = warning; DROP TABLE IF EXISTS esbench_baseline_events"), &r.error, "drop")
        && pgOk(c,
                PQexec(c,
                       "CREATE TABLE esbench_baseline_events (originator_id uuid NOT NULL, originator_version bigint NOT "
                       "NULL, topic text, state bytea, notification_id bigserial, PRIMARY KEY (originator_id, "
                       "originator_version)) WITH (autovacuum_enabled=false); CREATE UNIQUE INDEX "
                       "esbench_baseline_events_notification_id_idx ON esbench_baseline_events (notification_id ASC)"),
                &r.error, "create")
        && pgOk(c,
                PQprepare(c, "ins",
                          "INSERT INTO esbench_baseline_events (originator_id, originator_version, topic, state) "
                          "VALUES ($1, $2, $3, $4) RETURNING notification_id",
                          4, nullptr),
                &r.error, "prepare");
    const QByteArray state = sampleState();
    auto insertOne = [&]() {
        unsigned char id[16];
        randomUuid(id);
        const QByteArray idText = QUuid::fromRfc4122(QByteArrayView(reinterpret_cast<const char *>(id), 16))
                                      .toString(QUuid::WithoutBraces)
                                      .toLatin1();
        const char *values[4] = {idText.constData(), "1", "bench:Dog.Registered", state.constData()};
        const int lengths[4] = {0, 0, 0, static_cast<int>(state.size())};
        const int formats[4] = {0, 0, 0, 1};
        return pgOk(c, PQexecPrepared(c, "ins", 4, values, lengths, formats, 1), &r.error, "insert");
    };
    for (int pass = 0; ok && pass < 2; ++pass) {
        long n = 0;
        const auto t0 = Clock::now();
        do {
            if (pass == 0) {
                ok = pgOk(c, PQexec(c, "BEGIN"), &r.error, "begin") && insertOne()
                    && pgOk(c, PQexec(c, "COMMIT"), &r.error, "commit");
            } else {
                ok = insertOne();
            }
            ++n;
        } while (ok && secondsSince(t0) < seconds);
        (pass == 0 ? r.commitsPerSecond : r.autocommitPerSecond) = static_cast<double>(n) / secondsSince(t0);
    }
    pgOk(c, PQexec(c, "DROP TABLE IF EXISTS esbench_baseline_events"), nullptr, "drop");
    PQfinish(c);
    return r;
}

} // namespace bench
