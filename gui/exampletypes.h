#pragma once
// Registers the example applications es-inspector is linked with (the esexample_* libraries: bank
// accounts, cargo shipping, invoice, parking lot, wiki, worlds/counters), so that their aggregates can
// be rebuilt at any version (the state slider, the diff, the snapshot check) and their custom
// transcodings (person_as_dict, location…) are known to the decoder. Call once before opening stores;
// later calls do nothing. The list is the demo writer's (demo::registerTypes()), as esctl's.
//
// Thread-safety: call from the GUI thread at start-up.

#include <QString>
#include <QStringList>

// Returns the names registered (e.g. "bankaccounts", "worlds"). An example that cannot register does
// not stop the others (nor the program): *error says which and why.
QStringList registerInspectorTypes(QString *error = nullptr);
