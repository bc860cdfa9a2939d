#pragma once
// LogModel: the notification log of one application as a lazy table usable from any id (no
// children). The model holds a window of rows — a row cache — around what the view shows, fetched
// by key pages of es::inspect::LogPager in both directions; it never counts or scans the log, so
// the first page and the last page of a 10M-event store cost one page each.
//
// - Start: setApplication() shows the first page; jumpToId(), jumpToFirst(), jumpToLast() replace
//   the window with one around the target (a backward and a forward page in one job) and then
//   emit positioned(row) with the row to scroll to (the target, or the nearest id after it).
// - Growing: at the bottom with Qt's canFetchMore()/fetchMore() (views call them when scrolled to
//   the end); at the top with canFetchPrevious()/fetchPrevious(), which a view calls when scrolled
//   to the top. Simpler still: the view reports what it shows with setVisibleRows(first, last) and
//   the model fetches ahead in either direction within prefetchMargin() rows.
// - Cache: when the window exceeds cacheLimit() rows (default 10000), rows are removed from the
//   far end (standard rowsRemoved: a view that fetched at the bottom sees rows leave at the top).
// - Gaps: ids missing between two rows (sequences skip ids: rolled back inserts, PostgreSQL's cached
//   sequences) are information: a gap marker row stands between them (RowKindRole = Gap, the text
//   "3 ids missing (5–7)", grey), and GapBeforeRole on the next record row says how many ids are
//   missing before it. setGapRows(false) keeps only the role. Not shown with a topic filter (the
//   engine cannot tell gaps from other topics there).
// - Filters: topics and a time range (es::inspect::LogQuery): each page examines at most the
//   engine's scan budget; a short page with more to come is followed up by the model itself.
// - Answers: each window change bumps the generation; a page that arrives for an older window is
//   dropped (staleAnswersDropped()).
//
// Columns: Id, Aggregate, Version, Topic (class part; full topic in ToolTipRole), Time, Stored,
// Status. Roles: DisplayRole, ToolTipRole, SortRole, RecordRole, JsonRole, ProblemRole,
// ProblemKindRole, ForegroundRole, IdRole, VersionRole, NotificationIdRole, RowKindRole,
// GapBeforeRole. GUI thread only; the model may be a child of its
// session (not used once the session is gone).

#include "models/modelroles.h"
#include "workers/storesession.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QStringList>
#include <deque>
#include <optional>

namespace es::gui {

class LogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        AggregateColumn,
        VersionColumn,
        TopicColumn,
        TimeColumn,
        StoredColumn,
        StatusColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit LogModel(StoreSession *session, QObject *parent = nullptr);
    ~LogModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // The application whose log to show ("" clears); shows the first page.
    void setApplication(const QString &application);
    QString application() const { return m_application; }

    // --- where the window is -------------------------------------------------------------------------
    void jumpToId(qint64 id);
    void jumpToFirst();
    void jumpToLast();
    bool canFetchPrevious() const;
    void fetchPrevious();
    // The rows the view shows; the model fetches pages ahead within prefetchMargin() rows of them.
    void setVisibleRows(int first, int last);
    // Reloads the window around its current first record.
    void refresh();

    // --- filters -------------------------------------------------------------------------------------
    void setTopicFilter(const QStringList &topics);
    QStringList topicFilter() const { return m_topics; }
    void setTimeFilter(const std::optional<es::Timestamp> &from, const std::optional<es::Timestamp> &to);
    std::optional<es::Timestamp> timeFrom() const { return m_from; }
    std::optional<es::Timestamp> timeTo() const { return m_to; }
    void clearFilters();
    void setGapRows(bool on);
    bool gapRows() const { return m_gapRows; }

    // --- tuning --------------------------------------------------------------------------------------
    void setPageSize(int rows); // default 200
    int pageSize() const { return m_pageSize; }
    void setCacheLimit(int rows); // default 10000 (at least 2 pages)
    int cacheLimit() const { return m_cacheLimit; }
    void setPrefetchMargin(int rows); // default 50
    int prefetchMargin() const { return m_margin; }

    // --- what is loaded ------------------------------------------------------------------------------
    bool isLoading() const { return m_inFlightDown != 0 || m_inFlightUp != 0 || m_inFlightJump != 0; }
    // Nothing more before the first row / after the last row (under the filters).
    bool atStart() const { return m_topDone; }
    bool atEnd() const { return m_bottomDone; }
    // The row of a notification id, or -1 when it is not in the window.
    int rowForId(qint64 id) const;
    // The notification id of a record row (gap rows: the id before the gap), or -1.
    qint64 idAt(int row) const;
    const es::inspect::DecodedRecord *record(int row) const;
    // The log's smallest and largest ids as of the last jump (0 for an empty log; -1 unknown).
    qint64 firstLogId() const { return m_minId; }
    qint64 lastLogId() const { return m_maxId; }
    // Topics seen in the rows loaded so far (sorted), for a filter's completion.
    QStringList topicsSeen() const;

    quint64 generation() const { return m_generation.current(); }
    quint64 staleAnswersDropped() const { return m_generation.dropped(); }

signals:
    // After a jump: the row to scroll to (-1 when nothing matched).
    void positioned(int row);
    void loadingChanged(bool loading);
    // A page landed at the top (`atTop`) or bottom with `added` rows.
    void pageArrived(bool atTop, int added);
    void boundsChanged(qint64 firstId, qint64 lastId);
    void errorOccurred(const QString &message);

public:
    // One row of the window. Records sort by 2·id, a gap by 2·after + 1.
    struct Entry
    {
        qint64 key = 0;
        RowKind kind = RowKind::Record;
        es::inspect::DecodedRecord record;
        es::inspect::LogGap gap;
        qint64 gapBefore = 0;
    };

private:
    enum class Target { First, Last, Id };
    void jump(Target target, qint64 id);
    void requestDown();
    void requestUp();
    void merge(std::vector<Entry> entries, bool atTop);
    void evict(bool fromTop);
    void setLoadingFlags(quint64 *slot, quint64 job);
    es::inspect::LogQuery baseQuery() const;

    QPointer<StoreSession> m_session; // null once the session is gone (models may be its children)
    QString m_application;
    QStringList m_topics;
    std::optional<es::Timestamp> m_from, m_to;
    bool m_gapRows = true;
    int m_pageSize = 200;
    int m_cacheLimit = 10000;
    int m_margin = 50;
    std::deque<Entry> m_rows;
    qint64 m_nextDown = 1; // `start` of the next forward page
    qint64 m_nextUp = 0; // `start` of the next backward page
    bool m_topDone = true;
    bool m_bottomDone = true;
    qint64 m_minId = -1, m_maxId = -1;
    int m_addedDown = 0, m_addedUp = 0;
    quint64 m_inFlightDown = 0, m_inFlightUp = 0, m_inFlightJump = 0;
    bool m_wasLoading = false;
    Generation m_generation;
};

} // namespace es::gui
