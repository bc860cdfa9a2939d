#pragma once
// The persistence model of Python's eventsourcing 9.1 (persistence.py): stored events, notifications,
// tracking records, and the recorders that keep them. Recorders exist for memory (POPO), SQLite and
// PostgreSQL (made by an InfrastructureFactory, see infrastructure.h); all keep exactly the Python
// library's tables and bytes.
//
// Thread-safety: every recorder method may be called from any thread; SQL recorders keep one
// connection per thread. Returned values are owned by the caller.

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUuid>
#include <optional>
#include <vector>

namespace es {

// One recorded event: Python's StoredEvent(originator_id, originator_version, topic, state).
struct StoredEvent
{
    QUuid originatorId;
    qint64 originatorVersion = 0;
    QString topic;
    QByteArray state; // transcoded, then compressed, then encrypted — as configured
};

// A stored event with its position in the application's notification log.
struct Notification : StoredEvent
{
    qint64 id = 0;
};

// Python's Tracking: the position of an upstream notification a process application has processed.
struct Tracking
{
    QString applicationName;
    qint64 notificationId = 0;
};

// Records and selects the events of aggregates (one table: events, or snapshots).
class AggregateRecorder
{
public:
    virtual ~AggregateRecorder();

    // Records the events in one transaction: all or none. A (originator_id, originator_version)
    // that exists already → IntegrityError, and nothing of the batch is written. With `tracking`
    // (process recorders only) the tracking record is written in the same transaction, and a
    // tracking record that exists already → IntegrityError. Returns the notification ids given to
    // the events, in order (empty for recorders without a notification log, e.g. snapshots).
    virtual std::vector<qint64> insertEvents(const std::vector<StoredEvent> &events,
                                             const Tracking *tracking = nullptr) = 0;

    // Python's select_events(): the events of one originator with gt < version <= lte, ascending
    // (or descending), at most limit of them.
    virtual std::vector<StoredEvent> selectEvents(const QUuid &originatorId, std::optional<qint64> gt = std::nullopt,
                                                  std::optional<qint64> lte = std::nullopt, bool desc = false,
                                                  std::optional<qint64> limit = std::nullopt) = 0;
};

// An aggregate recorder whose events form a notification log (ids increasing, in commit order).
class ApplicationRecorder : public AggregateRecorder
{
public:
    // Notifications with id >= start, ascending, at most limit; only those with one of `topics`
    // when topics is not empty.
    virtual std::vector<Notification> selectNotifications(qint64 start, qint64 limit,
                                                          const QStringList &topics = {}) = 0;
    // The largest notification id, 0 when there is none.
    virtual qint64 maxNotificationId() = 0;
};

// An application recorder that also records tracking (process applications).
class ProcessRecorder : public ApplicationRecorder
{
public:
    // The largest notification id of `applicationName` tracked here, 0 when none.
    virtual qint64 maxTrackingId(const QString &applicationName) = 0;
};

// Process-wide counts of the durable recorders' group commit (SQLite, PostgreSQL): transactions
// written for saves, and the saves they held — saves / commits is how many saves shared an fsync.
// Diagnostics (es-bench reports it); thread-safe.
struct GroupCommitCounters
{
    quint64 commits = 0;
    quint64 saves = 0;
    quint64 writeNanoseconds = 0; // spent writing (transaction, inserts, commit)
    quint64 waitNanoseconds = 0;  // spent by leaders waiting for more saves to join
};
GroupCommitCounters groupCommitCounters();

} // namespace es
