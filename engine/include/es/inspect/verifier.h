#pragma once
// Checks one application's records and reports what is wrong, where:
// - versions of each aggregate contiguous from its first version (the class's INITIAL_VERSION when
//   the class is known, else 1);
// - notification ids increasing with each aggregate's versions; gaps in the ids as information;
// - every record (events and snapshots) decodable; custom _type_ names known;
// - every topic known (registered in this program) — unknown ones are listed, once each;
// - snapshots not ahead of their aggregate's last event (nor without events);
// - tracking not ahead of its upstream (when the upstream is in the store).
// The store is read in key-bounded chunks; cancellable.
//
// Thread-safety: verify() may run on any thread; the report is a value owned by the caller.

#include "es/inspect/decoding.h"
#include "es/json.h"

#include <QMap>
#include <QUuid>
#include <optional>
#include <vector>

namespace es::inspect {

struct Finding
{
    enum class Severity { Info, Warning, Error };

    Severity severity = Severity::Error;
    // What kind of finding: "version-gap", "first-version", "version-order", "id-gap",
    // "undecodable", "wrong-key", "unknown-type", "unknown-topic", "snapshot-ahead",
    // "snapshot-orphan", "tracking-ahead", "tracking-upstream-unknown", "truncated".
    QString kind;
    QString application;
    QString table;
    std::optional<qint64> notificationId;
    std::optional<QUuid> originatorId;
    std::optional<qint64> version;
    QString message;

    static QString severityName(Severity s); // "info", "warning", "error"
    // {"severity", "kind", "application", "table", ["id"], ["originator_id"], ["originator_version"],
    // "message"}
    json::Value toJson() const;
};

struct VerifyOptions
{
    // At most this many findings of one kind are listed; the rest are summed up in one "truncated"
    // finding of the same severity.
    int maxFindingsPerKind = 100;
    bool checkSnapshots = true;
    bool checkTracking = true;
};

struct VerifyReport
{
    QString application;
    std::vector<Finding> findings;
    qint64 events = 0;
    qint64 aggregates = 0;
    qint64 snapshots = 0;
    qint64 trackingUpstreams = 0;
    QMap<QString, qint64> unknownTopics; // topic → records

    int count(Finding::Severity s) const;
    // No errors and no warnings (information only).
    bool clean() const
    {
        return count(Finding::Severity::Error) == 0 && count(Finding::Severity::Warning) == 0;
    }
    json::Value toJson() const;
};

// Throws the store's errors and Cancelled; problems in the data are findings, never exceptions.
VerifyReport verify(const Source &source, const VerifyOptions &options = VerifyOptions(),
                    const CancelFlag &cancel = CancelFlag(), const Progress &progress = Progress());

} // namespace es::inspect
