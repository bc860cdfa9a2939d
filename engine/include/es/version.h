#pragma once
// The engine's version, for --version outputs and the inspector's About box. Thread-safe.

#include <QString>

namespace es {

// "MAJOR.MINOR.PATCH" of this build of the engine.
QString engineVersion();

// The version of Python's eventsourcing library whose stores this engine reads and writes.
QString compatibleEventsourcingVersion();

} // namespace es
