#pragma once
// Pagers over one application's records, each page fetched completely by one key-bounded statement
// (an open QSQLITE select would block writers; DESIGN §4), and decoded record by record.
//
// - EventPager: the events of one aggregate by version, forwards or backwards.
// - LogPager: the notification log from any id, forwards (`notification_id >= ? ORDER BY … LIMIT`)
//   or backwards (`<= ? ORDER BY … DESC`), optionally only some topics and a time range; gaps in the
//   ids are reported. section() gives the library's sections ("1,10"), as LocalNotificationLog.
// - SnapshotPager: snapshots by (originator_id, version), forwards or backwards, or one aggregate's.
// - trackingPositions(): each upstream application a process application follows, its position and
//   lag (the upstream's largest notification id minus the position).
//
// Thread-safety: pagers are immutable; use them from any thread (each thread reads on its own
// connection). Pages are values owned by the caller.

#include "es/inspect/decoding.h"

#include <QStringList>
#include <QUuid>
#include <optional>
#include <utility>
#include <vector>

namespace es::inspect {

enum class Direction { Forward, Backward };

// --- events of one aggregate ----------------------------------------------------------------------

struct RecordPage
{
    std::vector<DecodedRecord> rows; // in the direction's order
    bool atEnd = false; // nothing more in this direction
};

class EventPager
{
public:
    explicit EventPager(Source source);

    // Events of `id` with version > afterVersion (forwards; < when backwards), at most `limit`.
    // No afterVersion: from the first (last) event.
    RecordPage page(const QUuid &id, std::optional<qint64> afterVersion = std::nullopt,
                    Direction direction = Direction::Forward, int limit = 100) const;
    // Every event of `id` up to `lastVersion` (all when none), in pages; throws Cancelled.
    std::vector<DecodedRecord> all(const QUuid &id, std::optional<qint64> lastVersion = std::nullopt,
                                   const CancelFlag &cancel = CancelFlag()) const;

private:
    Source m_source;
};

// --- the notification log -------------------------------------------------------------------------

struct LogQuery
{
    // Forward: the first id to read (ids >= start). Backward: the last id to read (ids <= start);
    // 0 or less reads from the end of the log.
    qint64 start = 1;
    Direction direction = Direction::Forward;
    int limit = 100;
    QStringList topics; // only these topics ("" entries ignored); empty: all
    std::optional<Timestamp> from, to; // only events timestamped within [from, to]
    // With a time filter, records whose time cannot be read (no key, damaged) are kept, so their
    // problems stay visible.
    bool keepUnreadable = true;
    // With filters, the most records examined per call (0: max(10000, 20 × limit)); a page may
    // then come back short with atEnd false: ask again from `next`.
    qint64 scanBudget = 0;
};

// Ids missing between two ids read: after < missing ids < before. Sequences may skip ids (a rolled
// back insert, PostgreSQL's cached sequence values), so gaps are information, not damage.
struct LogGap
{
    qint64 after = 0;
    qint64 before = 0;
    qint64 missing() const { return before - after - 1; }
};

struct LogPage
{
    std::vector<DecodedRecord> rows; // in the direction's order
    // Gaps between the ids examined (ascending), including one before the first id of the log when
    // a forward page starts at or below it. Not reported with a topic filter.
    std::vector<LogGap> gaps;
    qint64 next = 0; // `start` of the following page in the same direction
    bool atEnd = false; // nothing more in this direction
    qint64 examined = 0; // records read (more than rows with filters)
};

// A section of the log as the library numbers them.
struct LogSection
{
    QString id; // the section returned ("1,10"), "" when empty
    std::optional<QString> nextId; // none when this section was not full
    std::vector<DecodedRecord> rows;
};

class LogPager
{
public:
    explicit LogPager(Source source);

    // Throws ProgrammingError when the application's events have no log, NotSupportedError for
    // what a remote log cannot do (time filters and topics are applied locally; backward pages are
    // read forwards in sections).
    LogPage page(const LogQuery &query) const;
    // The section "first,last" (Python's log[section_id]); throws NotificationLogError for a bad id.
    LogSection section(const QString &sectionId, int sectionSize = 10) const;

private:
    Source m_source;
};

// --- snapshots --------------------------------------------------------------------------------------

using SnapshotKey = std::pair<QUuid, qint64>; // (originator_id, originator_version)

struct SnapshotQuery
{
    std::optional<QUuid> originator; // only this aggregate's snapshots
    std::optional<SnapshotKey> after; // the key cursor (exclusive); none: from the first (last)
    Direction direction = Direction::Forward;
    int limit = 100;
};

struct SnapshotPage
{
    std::vector<DecodedRecord> rows;
    std::optional<SnapshotKey> next; // pass as `after` for the following page
    bool atEnd = false;
};

class SnapshotPager
{
public:
    explicit SnapshotPager(Source source);
    // An application without snapshots gives an empty page at its end.
    SnapshotPage page(const SnapshotQuery &query) const;
    // The newest snapshot of `id` at or below `atOrBelow` (any when none), or nullopt.
    std::optional<DecodedRecord> latest(const QUuid &id,
                                        std::optional<qint64> atOrBelow = std::nullopt) const;

private:
    Source m_source;
};

// --- tracking ---------------------------------------------------------------------------------------

struct TrackingPosition
{
    QString upstream; // application_name as recorded
    qint64 position = 0; // the largest notification id tracked
    qint64 records = -1; // tracking records of this upstream (-1 when not counted)
    QString upstreamApplication; // the store's application it matched (case-insensitively), or ""
    std::optional<qint64> upstreamMax; // that application's largest notification id
    std::optional<qint64> lag; // upstreamMax - position; none when the upstream is not in the store
};

// The tracking positions of `source`'s application, by upstream name; empty when it has no tracking
// table. withCounts also counts each upstream's records (a scan).
std::vector<TrackingPosition> trackingPositions(const Source &source, bool withCounts = false);

} // namespace es::inspect
