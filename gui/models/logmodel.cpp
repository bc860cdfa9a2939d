#include "models/logmodel.h"

#include "es/inspect/exporter.h"
#include "models/recordcells.h"

#include <QColor>
#include <QHash>
#include <QSet>
#include <algorithm>
#include <limits>

namespace es::gui {

namespace {

RecordField fieldOf(int column)
{
    switch (column) {
    case LogModel::IdColumn:
        return RecordField::NotificationId;
    case LogModel::AggregateColumn:
        return RecordField::Aggregate;
    case LogModel::VersionColumn:
        return RecordField::Version;
    case LogModel::TopicColumn:
        return RecordField::Topic;
    case LogModel::TimeColumn:
        return RecordField::Time;
    case LogModel::StoredColumn:
        return RecordField::Stored;
    default:
        return RecordField::Status;
    }
}

// What a jump brings back: the pages around the target and the log's bounds.
struct JumpAnswer
{
    std::optional<es::inspect::LogPage> up; // backward page (descending ids)
    std::optional<es::inspect::LogPage> down; // forward page
    qint64 minId = -1;
    qint64 maxId = -1;
};

// A page's records and gaps as window entries, ascending by key.
std::vector<LogModel::Entry> toEntries(es::inspect::LogPage &page, bool gapRows)
{
    QHash<qint64, qint64> missingBefore;
    for (const es::inspect::LogGap &g : page.gaps)
        missingBefore.insert(g.before, g.missing());
    std::vector<LogModel::Entry> out;
    out.reserve(page.rows.size() + (gapRows ? page.gaps.size() : 0));
    for (auto &r : page.rows) {
        LogModel::Entry e;
        const qint64 id = r.notificationId.value_or(0);
        e.key = 2 * id;
        e.kind = RowKind::Record;
        e.gapBefore = missingBefore.value(id, 0);
        e.record = std::move(r);
        out.push_back(std::move(e));
    }
    if (gapRows) {
        for (const es::inspect::LogGap &g : page.gaps) {
            if (g.missing() <= 0)
                continue;
            LogModel::Entry e;
            e.key = 2 * g.after + 1;
            e.kind = RowKind::Gap;
            e.gap = g;
            out.push_back(std::move(e));
        }
    }
    std::sort(out.begin(), out.end(),
              [](const LogModel::Entry &a, const LogModel::Entry &b) { return a.key < b.key; });
    return out;
}

// Whether a page really ends the log in its direction. LogPager::page() can say atEnd for a full
// page read with a time filter when its statement returned the rest of the log in one go; the
// cursor then still points inside the log, and the next page is the judge.
bool pageEnds(const es::inspect::LogPage &page, bool backward, int limit, qint64 maxId)
{
    if (!page.atEnd)
        return false;
    if (static_cast<int>(page.rows.size()) < limit)
        return true;
    return backward ? page.next < 1 : (maxId < 0 || page.next > maxId);
}

// The last id of a remote log, which cannot be read backwards from its end nor asked for its
// largest id: galloping, then bisecting, with one-record forward reads (about 2·log2(n) requests).
// A read from k returns the first id >= k, so the largest k that returns anything is the last id.
qint64 remoteLastId(const es::inspect::LogPager &pager)
{
    es::inspect::LogQuery q;
    q.limit = 1;
    const auto anyFrom = [&](qint64 k) {
        q.start = k;
        return !pager.page(q).rows.empty();
    };
    if (!anyFrom(1))
        return 0;
    qint64 lo = 1; // anyFrom(lo) is true
    qint64 hi = 2; // anyFrom(hi) is false once found
    while (anyFrom(hi)) {
        lo = hi;
        hi *= 2;
    }
    while (hi - lo > 1) {
        const qint64 mid = lo + (hi - lo) / 2;
        if (anyFrom(mid))
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

QString gapText(const es::inspect::LogGap &g)
{
    const qint64 n = g.missing();
    if (n == 1)
        return QObject::tr("1 id missing (%1)").arg(g.after + 1);
    return QObject::tr("%1 ids missing (%2–%3)").arg(n).arg(g.after + 1).arg(g.before - 1);
}

} // namespace

LogModel::LogModel(StoreSession *session, QObject *parent) : QAbstractTableModel(parent), m_session(session)
{
    connect(m_session, &StoreSession::opened, this, [this] {
        if (!m_application.isEmpty())
            jumpToFirst();
    });
    connect(m_session, &StoreSession::decodingChanged, this, &LogModel::refresh);
    connect(m_session, &StoreSession::closed, this, [this] { setApplication(QString()); });
}

LogModel::~LogModel()
{
    if (m_session)
        m_session->cancelAll(this);
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Entry &e = m_rows[static_cast<size_t>(index.row())];
    if (e.kind == RowKind::Record)
        return recordData(e.record, fieldOf(index.column()), role, e.gapBefore);
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == IdColumn)
            return e.gap.missing() == 1 ? QString::number(e.gap.after + 1)
                                        : QStringLiteral("%1–%2").arg(e.gap.after + 1).arg(e.gap.before - 1);
        if (index.column() == TopicColumn)
            return gapText(e.gap);
        return QVariant();
    case Qt::ToolTipRole:
        return gapText(e.gap);
    case SortRole:
        return index.column() == IdColumn ? QVariant(e.gap.after) : QVariant();
    case Qt::ForegroundRole:
        return QColor(Qt::darkGray);
    case RowKindRole:
        return static_cast<int>(RowKind::Gap);
    case GapBeforeRole:
        return e.gap.missing();
    case NotificationIdRole:
        return e.gap.after;
    case ProblemRole:
        return QString();
    case JsonRole: {
        es::json::Value o = es::json::Value::emptyObject();
        o.insert("gap_after", static_cast<long long>(e.gap.after));
        o.insert("gap_before", static_cast<long long>(e.gap.before));
        o.insert("missing", static_cast<long long>(e.gap.missing()));
        return QString::fromUtf8(es::inspect::sortedJson(o));
    }
    default:
        return QVariant();
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QVariant();
    return recordFieldTitle(fieldOf(section));
}

bool LogModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_bottomDone;
}

void LogModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid())
        return;
    m_addedDown = 0;
    requestDown();
}

bool LogModel::canFetchPrevious() const
{
    return !m_topDone;
}

void LogModel::fetchPrevious()
{
    m_addedUp = 0;
    requestUp();
}

void LogModel::setApplication(const QString &application)
{
    m_application = application;
    m_minId = m_maxId = -1;
    jumpToFirst();
}

void LogModel::jumpToId(qint64 id)
{
    jump(Target::Id, std::max<qint64>(1, id));
}

void LogModel::jumpToFirst()
{
    jump(Target::First, 1);
}

void LogModel::jumpToLast()
{
    jump(Target::Last, 0);
}

void LogModel::refresh()
{
    for (const Entry &e : m_rows)
        if (e.kind == RowKind::Record) {
            jump(Target::Id, e.key / 2);
            return;
        }
    jumpToFirst();
}

void LogModel::setVisibleRows(int first, int last)
{
    if (first < m_margin && canFetchPrevious())
        fetchPrevious();
    if (last >= rowCount() - m_margin && canFetchMore(QModelIndex()))
        fetchMore(QModelIndex());
}

void LogModel::setTopicFilter(const QStringList &topics)
{
    QStringList clean;
    for (const QString &t : topics)
        if (!t.trimmed().isEmpty())
            clean << t.trimmed();
    if (clean == m_topics)
        return;
    m_topics = clean;
    refresh();
}

void LogModel::setTimeFilter(const std::optional<es::Timestamp> &from, const std::optional<es::Timestamp> &to)
{
    m_from = from;
    m_to = to;
    refresh();
}

void LogModel::clearFilters()
{
    m_topics.clear();
    m_from.reset();
    m_to.reset();
    refresh();
}

void LogModel::setGapRows(bool on)
{
    if (m_gapRows == on)
        return;
    m_gapRows = on;
    refresh();
}

void LogModel::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
    m_cacheLimit = std::max(m_cacheLimit, 2 * m_pageSize);
}

void LogModel::setCacheLimit(int rows)
{
    m_cacheLimit = std::max(rows, 2 * m_pageSize);
}

void LogModel::setPrefetchMargin(int rows)
{
    m_margin = std::max(0, rows);
}

int LogModel::rowForId(qint64 id) const
{
    const qint64 key = 2 * id;
    auto it = std::lower_bound(m_rows.begin(), m_rows.end(), key,
                               [](const Entry &e, qint64 k) { return e.key < k; });
    if (it == m_rows.end() || it->key != key)
        return -1;
    return static_cast<int>(it - m_rows.begin());
}

qint64 LogModel::idAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return -1;
    const Entry &e = m_rows[static_cast<size_t>(row)];
    return e.kind == RowKind::Record ? e.key / 2 : e.gap.after;
}

const es::inspect::DecodedRecord *LogModel::record(int row) const
{
    if (row < 0 || row >= rowCount())
        return nullptr;
    const Entry &e = m_rows[static_cast<size_t>(row)];
    return e.kind == RowKind::Record ? &e.record : nullptr;
}

QStringList LogModel::topicsSeen() const
{
    QSet<QString> seen;
    for (const Entry &e : m_rows)
        if (e.kind == RowKind::Record)
            seen.insert(e.record.topic);
    QStringList out(seen.begin(), seen.end());
    out.sort();
    return out;
}

es::inspect::LogQuery LogModel::baseQuery() const
{
    es::inspect::LogQuery q;
    q.limit = m_pageSize;
    q.topics = m_topics;
    q.from = m_from;
    q.to = m_to;
    return q;
}

void LogModel::setLoadingFlags(quint64 *slot, quint64 job)
{
    *slot = job;
    const bool loading = isLoading();
    if (loading != m_wasLoading) {
        m_wasLoading = loading;
        emit loadingChanged(loading);
    }
}

void LogModel::jump(Target target, qint64 id)
{
    m_generation.bump();
    for (quint64 job : {m_inFlightDown, m_inFlightUp, m_inFlightJump})
        if (job)
            m_session->cancel(job);
    m_inFlightDown = m_inFlightUp = 0;
    if (m_application.isEmpty() || !m_session->isOpen()) {
        beginResetModel();
        m_rows.clear();
        m_topDone = m_bottomDone = true;
        endResetModel();
        setLoadingFlags(&m_inFlightJump, 0);
        return;
    }
    QString error;
    const std::optional<es::inspect::Source> source = m_session->trySource(m_application, &error);
    if (!source) {
        setLoadingFlags(&m_inFlightJump, 0);
        emit errorOccurred(error);
        return;
    }
    JobOptions options;
    options.generation = m_generation.current();
    const es::inspect::LogQuery base = baseQuery();
    const int half = std::max(1, m_pageSize / 2);
    const quint64 job = m_session->run(
        this, options,
        [s = *source, base, target, id, half](const JobControl &) {
            JumpAnswer a;
            if (!s.info().isRemote) {
                a.minId = s.store->minNotificationId(s.application);
                a.maxId = s.store->maxNotificationId(s.application);
            }
            const es::inspect::LogPager pager(s);
            es::inspect::LogQuery q = base;
            switch (target) {
            case Target::First:
                q.start = 1;
                a.down = pager.page(q);
                break;
            case Target::Last:
                q.direction = es::inspect::Direction::Backward;
                q.start = 0;
                if (s.info().isRemote) {
                    q.start = remoteLastId(pager);
                    if (q.start < 1) { // an empty log
                        a.up = es::inspect::LogPage();
                        a.up->atEnd = true;
                        break;
                    }
                }
                a.up = pager.page(q);
                break;
            case Target::Id:
                if (id > 1) {
                    q.direction = es::inspect::Direction::Backward;
                    q.start = id - 1;
                    q.limit = half;
                    a.up = pager.page(q);
                }
                q = base;
                q.start = id;
                a.down = pager.page(q);
                break;
            }
            return a;
        },
        [this, target, id, upLimit = target == Target::Id ? half : m_pageSize](JumpAnswer a,
                                                                               quint64 generation) {
            if (!m_generation.accept(generation))
                return;
            std::vector<Entry> entries;
            if (a.up)
                entries = toEntries(*a.up, m_gapRows);
            if (a.down) {
                std::vector<Entry> more = toEntries(*a.down, m_gapRows);
                const qint64 lastKey = entries.empty() ? -1 : entries.back().key;
                for (Entry &e : more)
                    if (e.key > lastKey)
                        entries.push_back(std::move(e));
            }
            beginResetModel();
            m_rows.assign(std::make_move_iterator(entries.begin()), std::make_move_iterator(entries.end()));
            m_topDone = a.up ? pageEnds(*a.up, true, upLimit, a.maxId) : true;
            m_nextUp = a.up ? a.up->next : 0;
            m_bottomDone = a.down ? pageEnds(*a.down, false, m_pageSize, a.maxId) : true;
            m_nextDown = a.down ? a.down->next : 0;
            if (target == Target::Id && !a.up)
                m_topDone = true;
            endResetModel();
            if (a.minId != m_minId || a.maxId != m_maxId) {
                m_minId = a.minId;
                m_maxId = a.maxId;
                emit boundsChanged(m_minId, m_maxId);
            }
            int row = -1;
            if (!m_rows.empty()) {
                if (target == Target::First)
                    row = 0;
                else if (target == Target::Last)
                    row = rowCount() - 1;
                else {
                    auto it = std::lower_bound(m_rows.begin(), m_rows.end(), 2 * id,
                                               [](const Entry &e, qint64 k) { return e.key < k; });
                    row = it == m_rows.end() ? rowCount() - 1 : static_cast<int>(it - m_rows.begin());
                }
            }
            setLoadingFlags(&m_inFlightJump, 0);
            emit positioned(row);
            // Filters may leave a page short with more to come: fill the window to a page's worth.
            const bool filtered = !m_topics.isEmpty() || m_from || m_to;
            if (filtered && rowCount() < m_pageSize) {
                if (!m_bottomDone)
                    fetchMore(QModelIndex());
                else if (!m_topDone)
                    fetchPrevious();
            }
        },
        [this](const JobFailure &failure) {
            if (!m_generation.accept(failure.generation))
                return;
            setLoadingFlags(&m_inFlightJump, 0);
            if (!failure.cancelled)
                emit errorOccurred(failure.message);
        });
    setLoadingFlags(&m_inFlightJump, job);
}

void LogModel::requestDown()
{
    if (m_inFlightDown || m_inFlightJump || m_bottomDone)
        return;
    QString error;
    const std::optional<es::inspect::Source> source = m_session->trySource(m_application, &error);
    if (!source) {
        emit errorOccurred(error);
        return;
    }
    es::inspect::LogQuery q = baseQuery();
    q.start = m_nextDown;
    JobOptions options;
    options.generation = m_generation.current();
    const quint64 job = m_session->run(
        this, options, [s = *source, q](const JobControl &) { return es::inspect::LogPager(s).page(q); },
        [this](es::inspect::LogPage page, quint64 generation) {
            if (!m_generation.accept(generation))
                return;
            // In flight until the rows are in: a fetchMore() from a slot connected to the insertion
            // signals must not ask for the same page again.
            const qint64 nextDown = page.next;
            const bool bottomDone = pageEnds(page, false, m_pageSize, m_maxId);
            merge(toEntries(page, m_gapRows), false);
            // Eviction at the top may have moved the upper cursor; the lower one is this page's.
            m_nextDown = nextDown;
            m_bottomDone = bottomDone;
            m_inFlightDown = 0;
            const int added = static_cast<int>(page.rows.size());
            m_addedDown += added;
            emit pageArrived(false, added);
            const bool filtered = !m_topics.isEmpty() || m_from || m_to;
            if (filtered && !m_bottomDone && m_addedDown < m_pageSize)
                requestDown();
            setLoadingFlags(&m_inFlightDown, m_inFlightDown);
        },
        [this](const JobFailure &failure) {
            if (!m_generation.accept(failure.generation))
                return;
            m_bottomDone = true;
            setLoadingFlags(&m_inFlightDown, 0);
            if (!failure.cancelled)
                emit errorOccurred(failure.message);
        });
    setLoadingFlags(&m_inFlightDown, job);
}

void LogModel::requestUp()
{
    if (m_inFlightUp || m_inFlightJump || m_topDone)
        return;
    if (m_nextUp < 1) {
        m_topDone = true;
        return;
    }
    QString error;
    const std::optional<es::inspect::Source> source = m_session->trySource(m_application, &error);
    if (!source) {
        emit errorOccurred(error);
        return;
    }
    es::inspect::LogQuery q = baseQuery();
    q.direction = es::inspect::Direction::Backward;
    q.start = m_nextUp;
    JobOptions options;
    options.generation = m_generation.current();
    const quint64 job = m_session->run(
        this, options, [s = *source, q](const JobControl &) { return es::inspect::LogPager(s).page(q); },
        [this](es::inspect::LogPage page, quint64 generation) {
            if (!m_generation.accept(generation))
                return;
            // A gap the page found right before the old first record belongs to that record.
            if (!m_rows.empty() && m_rows.front().kind == RowKind::Record) {
                const qint64 firstId = m_rows.front().key / 2;
                for (const es::inspect::LogGap &g : page.gaps)
                    if (g.before == firstId && g.missing() != m_rows.front().gapBefore) {
                        m_rows.front().gapBefore = g.missing();
                        emit dataChanged(index(0, 0), index(0, ColumnCount - 1));
                    }
            }
            const qint64 nextUp = page.next;
            const bool topDone = pageEnds(page, true, m_pageSize, m_maxId) || page.next < 1;
            merge(toEntries(page, m_gapRows), true);
            m_nextUp = nextUp;
            m_topDone = topDone;
            m_inFlightUp = 0;
            const int added = static_cast<int>(page.rows.size());
            m_addedUp += added;
            emit pageArrived(true, added);
            const bool filtered = !m_topics.isEmpty() || m_from || m_to;
            if (filtered && !m_topDone && m_addedUp < m_pageSize)
                requestUp();
            setLoadingFlags(&m_inFlightUp, m_inFlightUp);
        },
        [this](const JobFailure &failure) {
            if (!m_generation.accept(failure.generation))
                return;
            m_topDone = true;
            setLoadingFlags(&m_inFlightUp, 0);
            if (!failure.cancelled)
                emit errorOccurred(failure.message);
        });
    setLoadingFlags(&m_inFlightUp, job);
}

void LogModel::merge(std::vector<Entry> entries, bool atTop)
{
    if (atTop) {
        const qint64 limit = m_rows.empty() ? std::numeric_limits<qint64>::max() : m_rows.front().key;
        entries.erase(std::remove_if(entries.begin(), entries.end(),
                                     [limit](const Entry &e) { return e.key >= limit; }),
                      entries.end());
        if (entries.empty())
            return;
        beginInsertRows(QModelIndex(), 0, static_cast<int>(entries.size()) - 1);
        for (auto it = entries.rbegin(); it != entries.rend(); ++it)
            m_rows.push_front(std::move(*it));
        endInsertRows();
        evict(false);
    } else {
        const qint64 limit = m_rows.empty() ? std::numeric_limits<qint64>::min() : m_rows.back().key;
        entries.erase(std::remove_if(entries.begin(), entries.end(),
                                     [limit](const Entry &e) { return e.key <= limit; }),
                      entries.end());
        if (entries.empty())
            return;
        const int first = rowCount();
        beginInsertRows(QModelIndex(), first, first + static_cast<int>(entries.size()) - 1);
        for (Entry &e : entries)
            m_rows.push_back(std::move(e));
        endInsertRows();
        evict(true);
    }
}

void LogModel::evict(bool fromTop)
{
    const int excess = rowCount() - m_cacheLimit;
    if (excess <= 0)
        return;
    if (fromTop) {
        beginRemoveRows(QModelIndex(), 0, excess - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + excess);
        endRemoveRows();
        const Entry &front = m_rows.front();
        m_nextUp = front.kind == RowKind::Record ? front.key / 2 - 1 : front.gap.after;
        m_topDone = m_nextUp < 1;
    } else {
        const int count = rowCount();
        beginRemoveRows(QModelIndex(), count - excess, count - 1);
        m_rows.erase(m_rows.end() - excess, m_rows.end());
        endRemoveRows();
        const Entry &back = m_rows.back();
        m_nextDown = back.kind == RowKind::Record ? back.key / 2 + 1 : back.gap.before;
        m_bottomDone = false;
    }
}

} // namespace es::gui
