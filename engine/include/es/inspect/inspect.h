#pragma once
// The inspect API in one include: what esctl and the Event Store Inspector stand on. Read-only
// access to any event store the Python library or this engine wrote.
//
//   auto store = es::inspect::Store::open(url);                       // store.h: SQLite file or folder,
//                                                                     // PostgreSQL, remote log
//   es::inspect::DecodingSettings settings;  settings.cipherKey = key;// decoding.h
//   auto source = es::inspect::Source::make(store, appName, settings);
//   es::inspect::checkCipherKey(source);                              // needs key? wrong key?
//   es::inspect::AggregateCatalogue(source).page({...});              // catalogue.h
//   es::inspect::LogPager(source).page({...});                        // pagers.h (also EventPager,
//                                                                     // SnapshotPager, trackingPositions)
//   es::inspect::verify(source);                                      // verifier.h
//   es::inspect::exportRecords(source, options, sink);                // exporter.h
//   es::inspect::Rebuilder(source).rebuild(id, version);              // rebuild.h (+ diffJson)
//   es::inspect::registerApplicationTypes<App>("name");               // knowntypes.h
//
// Threads: a Store and everything made from it are immutable and may be used from any thread; each
// thread reads on its own connection, closed when the thread ends or by
// Store::releaseThreadConnections(). Long operations (counts, totals, verify, export) take a
// CancelFlag and a Progress callback. Nothing here writes to a store.
// Errors: es:: exceptions (errors.h) with messages written for users; problems of single records are
// never exceptions — they are in each DecodedRecord (status(), decoded.error).

#include "es/inspect/catalogue.h"
#include "es/inspect/decoding.h"
#include "es/inspect/exporter.h"
#include "es/inspect/knowntypes.h"
#include "es/inspect/pagers.h"
#include "es/inspect/rebuild.h"
#include "es/inspect/store.h"
#include "es/inspect/verifier.h"
