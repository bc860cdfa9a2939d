#pragma once
// Rebuilds aggregates of types registered by linked code (es::registerAggregate<A>(), knowntypes.h)
// from a store, at any version, and compares states.
//
// rebuild() takes the newest snapshot at or below the version (unless told not to), then projects the
// events after it (es::project), every record decoded with the source's decoder and mapped by a
// Mapper. The result is snapshot-shaped JSON:
//   {"id": "<dashed>", "version": N, "topic": "<aggregate class topic>",
//    "state": {"_created_on": …, "_modified_on": …, attributes…}}
// diffJson() lists what changed between two JSON values as paths ("state.balance",
// "state.history[2]"); {"_type_", "_data_"} wrappers count as single values.
//
// Thread-safety: a Rebuilder is immutable; use it from any thread. Results are values.

#include "es/inspect/decoding.h"
#include "es/json.h"

#include <QUuid>
#include <optional>
#include <vector>

namespace es::inspect {

struct RebuiltAggregate
{
    QUuid id;
    qint64 version = 0;
    QString topic; // the aggregate's class topic
    json::Value json; // the snapshot-shaped JSON above
    std::optional<qint64> snapshotVersion; // the snapshot it started from, if any
    qint64 eventsApplied = 0;
};

struct JsonChange
{
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    QString path; // "" for the root, "state.balance", "state.history[2]"
    json::Value before; // null when added
    json::Value after; // null when removed

    static QString kindName(Kind k); // "added", "removed", "changed"
    json::Value toJson() const; // {"kind", "path", ["before"], ["after"]}
};

struct SnapshotComparison
{
    qint64 snapshotVersion = 0;
    bool matches = false; // the snapshot's state equals a replay of the events to its version
    std::vector<JsonChange> changes; // snapshot → replay
};

class Rebuilder
{
public:
    explicit Rebuilder(Source source);

    // The aggregate at `version` (the last when none). Throws AggregateNotFound (no events at or
    // below the version), TopicError (its type is not registered in this program: link the library
    // that defines it), NotSupportedError for a remote log, or the error of the record that cannot
    // be decoded or applied (naming it).
    RebuiltAggregate rebuild(const QUuid &id, std::optional<qint64> version = std::nullopt,
                             bool useSnapshots = true) const;
    // The newest snapshot of `id` against a replay of the events up to its version; nullopt when the
    // aggregate has no snapshot.
    std::optional<SnapshotComparison> checkLatestSnapshot(const QUuid &id) const;

    // Whether aggregates of this type (class topic) can be rebuilt here.
    static bool canRebuild(const QString &aggregateTopic);

private:
    Source m_source;
};

std::vector<JsonChange> diffJson(const json::Value &before, const json::Value &after);

} // namespace es::inspect
