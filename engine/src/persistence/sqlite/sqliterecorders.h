#pragma once
// The SQLite recorders of Python's eventsourcing.sqlite (9.1.6): SQLiteAggregateRecorder (a WITHOUT
// ROWID table, e.g. stored_snapshots), SQLiteApplicationRecorder (stored_events, a rowid table whose
// rowid is the notification id) and SQLiteProcessRecorder (stored_events and tracking). The
// recorders share their factory's datastore. Private to the engine. Thread-safe.

#include "es/persistence.h"
#include "persistence/sqlite/sqlitedatastore.h"

#include <memory>

namespace es::detail {

// tableName must be an identifier the engine chose ("stored_" + a checked purpose), never user text.
// With createTable the table (and, for process recorders, the tracking table) is created when it
// does not exist, as CREATE_TABLE=yes does in Python.
std::shared_ptr<AggregateRecorder> makeSqliteAggregateRecorder(std::shared_ptr<SqliteDatastore> store,
                                                               const QString &tableName, bool createTable);
std::shared_ptr<ApplicationRecorder> makeSqliteApplicationRecorder(std::shared_ptr<SqliteDatastore> store,
                                                                   const QString &tableName, bool createTable);
std::shared_ptr<ProcessRecorder> makeSqliteProcessRecorder(std::shared_ptr<SqliteDatastore> store,
                                                           const QString &tableName, bool createTable);

} // namespace es::detail
