#pragma once
// The demo writer: stores written through the example applications, laid out as the Python library
// would lay them out — for SQLite a directory with one database file per application
// ("<application name in lower case>.sqlite", as a Python system on SQLite keeps them, since the
// table names are the same for every application), for PostgreSQL one set of "<app>_…" tables per
// application in one database.
//
// Deterministic: the same seed and size give the same operations, ids and times (the engine's id
// source and clock are replaced while writing; only AES-GCM nonces stay random). With a key, the
// bank accounts application is stored zlib-compressed and AES-encrypted.
//
// Not thread-safe: it replaces process-wide sources of ids and time while it runs.

#include <QString>
#include <QStringList>
#include <functional>

namespace demo {

struct Options
{
    QStringList examples;  // names from exampleNames(), or "all"
    QString url;           // a directory (SQLite), sqlite:///dir, or postgresql://user:pw@host:port/db
    quint64 seed = 1;
    int size = 1;          // scales the number of operations
    QString key;           // base64 AES key (16/24/32 bytes): bank accounts encrypted + compressed
};

struct Report
{
    QString target;                   // where it was written (without passwords)
    QStringList applications;         // application names written
    qint64 events = 0;                // events recorded, all applications
    QStringList lines;                // one line per application: name, events, notes
};

// "bankaccounts", "invoice", "parkinglot", "cargoshipping", "wiki", "worlds".
QStringList exampleNames();

// Makes every example application's aggregate types and custom transcodings known to the inspect
// API (es::inspect::registerApplicationTypes), so that programs linking the examples (esctl,
// es-inspector) can rebuild their aggregates and know their _type_ names. Idempotent. One example
// that cannot register (a topic two classes claim, say) does not take the others down: the problems
// are returned, one line each, and that example's types stay unknown.
QStringList registerTypes();

// Writes the demo. Throws es::EventSourcingError (es::ValueError for bad options, or when the target
// already holds a store of one of the applications — the demo never writes into existing data).
// `progress` gets a line per step.
Report write(const Options &options, const std::function<void(const QString &)> &progress = {});

} // namespace demo
