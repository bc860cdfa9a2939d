#pragma once
// Registers the example applications es-inspector is linked with (the esexample_* libraries: bank
// accounts, cargo shipping, invoice, parking lot, wiki, worlds/counters), so that their aggregates can
// be rebuilt at any version (the state slider, the diff, the snapshot check) and their custom
// transcodings (person_as_dict, location…) are known to the decoder. Call once before opening stores;
// later calls do nothing. The same list as esctl's (cli/examples.cpp), which the GUI may not depend on.
//
// Thread-safety: call from the GUI thread at start-up.

#include <QString>
#include <QStringList>

// Returns the names registered (e.g. "bankaccounts", "worlds"). A registration that fails stops the
// rest (never the program): *error says why.
QStringList registerInspectorTypes(QString *error = nullptr);
