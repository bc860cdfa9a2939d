#pragma once
// The limits es-bench compares the engine with: bare sqlite3 C-API and libpq loops doing the same
// durable single-row commits (BEGIN, one INSERT of a stored-event row, COMMIT) with the synchronous
// settings the engine uses (SQLite's default synchronous in WAL mode; PostgreSQL's default
// synchronous_commit and fsync). What they reach is the machine's fsync rate.

#include <QString>

namespace bench {

struct BaselineResult
{
    double commitsPerSecond = 0; // BEGIN; INSERT; COMMIT per second
    double autocommitPerSecond = 0; // one INSERT per transaction, without BEGIN/COMMIT round trips
    QString error;
};

// A WAL-mode database file in `dir`, for `seconds` of each loop.
BaselineResult sqliteBaseline(const QString &dir, double seconds);
// The server of the POSTGRES_* environment, a scratch table dropped afterwards.
BaselineResult libpqBaseline(double seconds);

// Runs SQL text on the POSTGRES_* server (e.g. dropping a run's tables); returns "" or the error.
QString postgresExec(const QString &sql);

} // namespace bench
