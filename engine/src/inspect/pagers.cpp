// Pagers: the events of one aggregate, the notification log (forwards, backwards, filtered, gaps),
// snapshots, and tracking positions with their lag.
#include "es/inspect/pagers.h"

#include "es/uuid.h"
#include "inspect/storedata.h"

#include <algorithm>

namespace es::inspect {

using detail::AppData;
using detail::Binds;
using detail::Database;
using detail::Row;

namespace {

const AppData &appOf(const Source &s)
{
    return s.store->data().app(s.application);
}

QString selectColumns(const AppData &a)
{
    return a.info.hasLog
        ? QStringLiteral("%1, originator_id, originator_version, topic, state").arg(a.idColumn)
        : QStringLiteral("originator_id, originator_version, topic, state");
}

bool withinTime(const DecodedRecord &r, const LogQuery &q)
{
    if (!q.from && !q.to)
        return true;
    const std::optional<Timestamp> t = r.timestamp();
    if (!t)
        return q.keepUnreadable;
    const qint64 micros = t->toUnixMicros();
    if (q.from && micros < q.from->toUnixMicros())
        return false;
    if (q.to && micros > q.to->toUnixMicros())
        return false;
    return true;
}

// Gaps between ascending ids; `lowEdge`: the id below which ids were also asked for (the first
// missing id is lowEdge + 1), or none.
void addGaps(std::vector<qint64> ids, std::optional<qint64> lowEdge, std::optional<qint64> highEdge,
             std::vector<LogGap> &gaps)
{
    std::sort(ids.begin(), ids.end());
    if (ids.empty()) {
        // Nothing read between two edges: everything between them is missing.
        if (lowEdge && highEdge && *highEdge > *lowEdge + 1)
            gaps.push_back({*lowEdge, *highEdge});
        return;
    }
    if (lowEdge && ids.front() > *lowEdge + 1)
        gaps.push_back({*lowEdge, ids.front()});
    for (size_t i = 1; i < ids.size(); ++i)
        if (ids[i] > ids[i - 1] + 1)
            gaps.push_back({ids[i - 1], ids[i]});
    if (highEdge && ids.back() < *highEdge - 1)
        gaps.push_back({ids.back(), *highEdge});
}

LogPage remotePage(const Source &source, const AppData &a, const LogQuery &q)
{
    NotificationLog &log = *a.remote;
    const int section = log.sectionSize();
    const int limit = std::max(1, q.limit);
    const bool filtered = !q.topics.isEmpty() || q.from || q.to;
    const qint64 budget = q.scanBudget > 0 ? q.scanBudget : std::max<qint64>(10000, 20LL * limit);
    LogPage page;
    std::vector<qint64> ids;

    if (q.direction == Direction::Forward) {
        qint64 pos = std::max<qint64>(q.start, 1);
        const qint64 first = pos;
        while (static_cast<int>(page.rows.size()) < limit && page.examined < budget) {
            const auto items = log.select(pos, section, q.topics);
            for (const Notification &n : items) {
                DecodedRecord r = source.decoder->decode(n);
                ++page.examined;
                ids.push_back(n.id);
                pos = n.id + 1;
                if (withinTime(r, q))
                    page.rows.push_back(std::move(r));
                if (static_cast<int>(page.rows.size()) == limit)
                    break;
            }
            if (static_cast<int>(items.size()) < section && static_cast<int>(page.rows.size()) < limit) {
                page.atEnd = true;
                break;
            }
            if (!filtered && static_cast<int>(page.rows.size()) == limit)
                break;
        }
        page.next = pos;
        if (q.topics.isEmpty())
            addGaps(ids, first - 1, std::nullopt, page.gaps);
        return page;
    }

    if (q.start <= 0)
        throw NotSupportedError(
            QStringLiteral("a remote notification log cannot be read backwards from its end: "
                           "give the id to start from"));
    const qint64 low = std::max<qint64>(1, q.start - limit + 1);
    qint64 pos = low;
    std::vector<DecodedRecord> rows;
    while (pos <= q.start) {
        const auto items = log.select(pos, section, q.topics);
        bool past = false;
        for (const Notification &n : items) {
            if (n.id > q.start) {
                past = true;
                break;
            }
            ++page.examined;
            ids.push_back(n.id);
            pos = n.id + 1;
            DecodedRecord r = source.decoder->decode(n);
            if (withinTime(r, q))
                rows.push_back(std::move(r));
        }
        if (past || static_cast<int>(items.size()) < section)
            break;
    }
    std::reverse(rows.begin(), rows.end());
    page.rows = std::move(rows);
    page.next = low - 1;
    page.atEnd = low <= 1;
    if (q.topics.isEmpty())
        addGaps(ids, low - 1, q.start + 1, page.gaps);
    return page;
}

} // namespace

// --- EventPager ---------------------------------------------------------------------------------------

EventPager::EventPager(Source source) : m_source(std::move(source)) { }

RecordPage EventPager::page(const QUuid &id, std::optional<qint64> afterVersion, Direction direction,
                            int limit) const
{
    const AppData &a = appOf(m_source);
    const Database &db = a.database(QStringLiteral("the events of an aggregate"));
    limit = std::max(1, limit);
    const bool back = direction == Direction::Backward;
    Binds binds {db.idValue(id)};
    QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE originator_id = ?").arg(selectColumns(a), a.events);
    if (afterVersion) {
        sql += back ? QStringLiteral(" AND originator_version < ?")
                    : QStringLiteral(" AND originator_version > ?");
        binds.push_back(*afterVersion);
    }
    sql += back ? QStringLiteral(" ORDER BY originator_version DESC LIMIT ?")
                : QStringLiteral(" ORDER BY originator_version LIMIT ?");
    binds.push_back(limit);
    const auto rows = db.select(
        sql, binds,
        QStringLiteral("reading the events of %1 from %2").arg(uuid::toDashed(id), a.info.eventsTable));
    RecordPage page;
    page.rows = a.decodeRows(rows, a.info.hasLog, *m_source.decoder);
    page.atEnd = rows.size() < static_cast<size_t>(limit);
    return page;
}

std::vector<DecodedRecord> EventPager::all(const QUuid &id, std::optional<qint64> lastVersion,
                                           const CancelFlag &cancel) const
{
    std::vector<DecodedRecord> out;
    std::optional<qint64> after;
    for (;;) {
        cancel.throwIfCancelled();
        RecordPage p = page(id, after, Direction::Forward, 1000);
        for (auto &r : p.rows) {
            if (lastVersion && r.originatorVersion > *lastVersion)
                return out;
            after = r.originatorVersion;
            out.push_back(std::move(r));
        }
        if (p.atEnd)
            return out;
    }
}

// --- LogPager -----------------------------------------------------------------------------------------

LogPager::LogPager(Source source) : m_source(std::move(source)) { }

LogPage LogPager::page(const LogQuery &q) const
{
    const AppData &a = appOf(m_source);
    if (a.remote)
        return remotePage(m_source, a, q);
    const QString &col = a.logColumn();
    const Database &db = *a.db;
    const int limit = std::max(1, q.limit);
    const bool back = q.direction == Direction::Backward;
    const bool byTime = q.from || q.to;
    const bool byTopic
        = std::any_of(q.topics.begin(), q.topics.end(), [](const QString &t) { return !t.isEmpty(); });
    const qint64 budget = q.scanBudget > 0 ? q.scanBudget : std::max<qint64>(10000, 20LL * limit);
    const qint64 maxId = a.maxNotificationId();
    const QString what = QStringLiteral("reading the notification log of %1").arg(a.info.eventsTable);
    // A window of ids per statement when filtering by topic, so that a rare topic never makes one
    // statement scan the whole table.
    const qint64 window = std::max<qint64>(10000, 20LL * limit);

    LogPage page;
    std::vector<qint64> ids;
    qint64 pos = back ? (q.start <= 0 ? maxId : q.start) : q.start;
    const qint64 startPos = pos;
    qint64 spent = 0; // ids spanned (topic windows) or records read

    for (;;) {
        const qint64 want = limit - static_cast<qint64>(page.rows.size());
        const qint64 ask = byTime ? std::clamp<qint64>(budget - spent, 1, 1000) : want;
        Binds binds {pos};
        QString sql = QStringLiteral(
                          "SELECT %1, originator_id, originator_version, topic, state FROM %2 WHERE %1 %3 ?")
                          .arg(col, a.events, back ? QStringLiteral("<=") : QStringLiteral(">="));
        qint64 windowEdge = 0;
        if (byTopic) {
            windowEdge = back ? pos - window : pos + window;
            sql += back ? QStringLiteral(" AND %1 > ?").arg(col) : QStringLiteral(" AND %1 < ?").arg(col);
            binds.push_back(windowEdge);
            sql += AppData::topicCondition(q.topics, binds);
        }
        sql += QStringLiteral(" ORDER BY %1%2 LIMIT ?").arg(col, back ? QStringLiteral(" DESC") : QString());
        binds.push_back(ask);
        const auto rows = db.select(sql, binds, what);
        bool full = false;
        for (const Row &r : rows) {
            const qint64 id = r[0].toLongLong();
            ids.push_back(id);
            ++page.examined;
            pos = back ? id - 1 : id + 1;
            DecodedRecord rec = m_source.decoder->decode(a.readEvent(r, 1), id);
            if (withinTime(rec, q))
                page.rows.push_back(std::move(rec));
            if (static_cast<int>(page.rows.size()) == limit) {
                full = true;
                break;
            }
        }
        if (byTopic) {
            if (static_cast<qint64>(rows.size()) < ask && !full) // the window is done
                pos = windowEdge;
            spent = std::abs(pos - startPos);
        } else {
            spent += static_cast<qint64>(rows.size());
        }
        const bool exhausted = back ? pos < 1 : pos > maxId;
        // A statement that returned fewer rows than asked read to the end of the log — unless the
        // page filled up before its last row, which is then still to come.
        if (exhausted || (!byTopic && !full && static_cast<qint64>(rows.size()) < ask)) {
            page.atEnd = true;
            break;
        }
        if (full || spent >= budget)
            break;
    }
    // When the page filled up exactly at the end of the log, say so now rather than one page later.
    if (!page.atEnd && (back ? pos < 1 : pos > maxId))
        page.atEnd = true;
    page.next = pos;
    if (!byTopic) {
        if (back)
            addGaps(ids, page.atEnd ? std::optional<qint64>(0) : std::nullopt,
                    startPos < maxId ? std::optional<qint64>(startPos + 1) : std::nullopt, page.gaps);
        else
            addGaps(ids, std::max<qint64>(startPos, 1) - 1, std::nullopt, page.gaps);
    }
    return page;
}

LogSection LogPager::section(const QString &sectionId, int sectionSize) const
{
    std::shared_ptr<NotificationLog> log = m_source.store->notificationLog(m_source.application, sectionSize);
    const Section s = log->section(sectionId);
    LogSection out;
    out.id = s.id.value_or(QString());
    out.nextId = s.nextId;
    for (const Notification &n : s.items)
        out.rows.push_back(m_source.decoder->decode(n));
    return out;
}

// --- SnapshotPager --------------------------------------------------------------------------------------

SnapshotPager::SnapshotPager(Source source) : m_source(std::move(source)) { }

SnapshotPage SnapshotPager::page(const SnapshotQuery &q) const
{
    const AppData &a = appOf(m_source);
    const Database &db = a.database(QStringLiteral("snapshots"));
    SnapshotPage page;
    if (a.snapshots.isEmpty()) {
        page.atEnd = true;
        return page;
    }
    const int limit = std::max(1, q.limit);
    const bool back = q.direction == Direction::Backward;
    Binds binds;
    QStringList where;
    if (q.originator) {
        where << QStringLiteral("originator_id = ?");
        binds.push_back(db.idValue(*q.originator));
    }
    if (q.after) {
        where << (back ? QStringLiteral("(originator_id, originator_version) < (?, ?)")
                       : QStringLiteral("(originator_id, originator_version) > (?, ?)"));
        binds.push_back(db.idValue(q.after->first));
        binds.push_back(q.after->second);
    }
    const QString order = back ? QStringLiteral(" DESC") : QString();
    const QString sql
        = QStringLiteral("SELECT originator_id, originator_version, topic, state FROM %1%2 "
                         "ORDER BY originator_id%3, originator_version%3 LIMIT ?")
              .arg(a.snapshots,
                   where.isEmpty() ? QString()
                                   : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND ")),
                   order);
    binds.push_back(limit);
    const auto rows
        = db.select(sql, binds, QStringLiteral("reading the snapshots in %1").arg(a.info.snapshotsTable));
    page.rows = a.decodeRows(rows, false, *m_source.decoder);
    page.atEnd = rows.size() < static_cast<size_t>(limit);
    page.next = page.rows.empty() ? q.after
                                  : std::optional<SnapshotKey>(SnapshotKey(
                                      page.rows.back().originatorId, page.rows.back().originatorVersion));
    return page;
}

std::optional<DecodedRecord> SnapshotPager::latest(const QUuid &id, std::optional<qint64> atOrBelow) const
{
    const AppData &a = appOf(m_source);
    const Database &db = a.database(QStringLiteral("snapshots"));
    if (a.snapshots.isEmpty())
        return std::nullopt;
    Binds binds {db.idValue(id)};
    QString sql
        = QStringLiteral(
              "SELECT originator_id, originator_version, topic, state FROM %1 WHERE originator_id = ?")
              .arg(a.snapshots);
    if (atOrBelow) {
        sql += QStringLiteral(" AND originator_version <= ?");
        binds.push_back(*atOrBelow);
    }
    sql += QStringLiteral(" ORDER BY originator_version DESC LIMIT 1");
    const auto rows
        = db.select(sql, binds, QStringLiteral("reading the snapshots of %1").arg(uuid::toDashed(id)));
    if (rows.empty())
        return std::nullopt;
    return m_source.decoder->decode(a.readEvent(rows.front(), 0));
}

// --- tracking -----------------------------------------------------------------------------------------

std::vector<TrackingPosition> trackingPositions(const Source &source, bool withCounts)
{
    const AppData &a = appOf(source);
    const Database &db = a.database(QStringLiteral("tracking"));
    std::vector<TrackingPosition> out;
    if (a.tracking.isEmpty())
        return out;
    const QString what = QStringLiteral("reading the tracking table %1").arg(a.info.trackingTable);
    // The upstream names by a loose index scan (one index probe per name, not a scan of every
    // tracking record), then each one's largest id from the index.
    const auto names
        = db.select(QStringLiteral("WITH RECURSIVE names(n) AS (SELECT MIN(application_name) FROM %1 "
                                   "UNION ALL SELECT (SELECT MIN(application_name) FROM %1 "
                                   "WHERE application_name > names.n) FROM names WHERE names.n IS NOT NULL) "
                                   "SELECT n FROM names WHERE n IS NOT NULL")
                        .arg(a.tracking),
                    {}, what);
    for (const Row &r : names) {
        TrackingPosition p;
        p.upstream = r[0].toString();
        p.position
            = db.selectValue(QStringLiteral("SELECT MAX(notification_id) FROM %1 WHERE application_name = ?")
                                 .arg(a.tracking),
                             {p.upstream}, what)
                  .toLongLong();
        if (withCounts)
            p.records
                = db.selectValue(
                        QStringLiteral("SELECT COUNT(*) FROM %1 WHERE application_name = ?").arg(a.tracking),
                        {p.upstream}, what)
                      .toLongLong();
        if (const ApplicationInfo *up = source.store->findApplication(p.upstream);
            up && up->hasLog && !up->isRemote) {
            p.upstreamApplication = up->name;
            p.upstreamMax = source.store->maxNotificationId(up->name);
            p.lag = *p.upstreamMax - p.position;
        }
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace es::inspect
