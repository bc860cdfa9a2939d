#include "models/cataloguemodel.h"

#include "es/inspect/exporter.h"
#include "es/uuid.h"
#include "models/recordcells.h"

#include <QColor>
#include <algorithm>

namespace es::gui {

CatalogueModel::CatalogueModel(StoreSession *session, QObject *parent)
    : QAbstractTableModel(parent), m_session(session)
{
    connect(m_session, &StoreSession::opened, this, &CatalogueModel::restart);
    connect(m_session, &StoreSession::decodingChanged, this, &CatalogueModel::restart);
    connect(m_session, &StoreSession::closed, this, [this] { setApplication(QString()); });
    connect(m_session, &StoreSession::jobProgress, this, [this](quint64 id, qint64 done, qint64 total) {
        if (id != 0 && id == m_totalsJob)
            emit totalsProgress(done, total);
    });
}

CatalogueModel::~CatalogueModel()
{
    if (m_session)
        m_session->cancelAll(this);
}

int CatalogueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CatalogueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QVariant timeCell(const std::optional<es::Timestamp> &t, int role)
{
    if (!t)
        return QVariant();
    if (role == SortRole)
        return timestampDateTime(*t);
    if (role == Qt::ToolTipRole)
        return t->toIsoString();
    return timestampText(*t);
}

es::json::Value summaryJson(const es::inspect::AggregateSummary &s)
{
    es::json::Value o = es::json::Value::emptyObject();
    o.insert("id", es::uuid::toDashed(s.id));
    o.insert("type", s.type);
    o.insert("events", static_cast<long long>(s.events));
    o.insert("first_version", static_cast<long long>(s.firstVersion));
    o.insert("last_version", static_cast<long long>(s.lastVersion));
    o.insert("first_topic", s.firstTopic);
    o.insert("last_topic", s.lastTopic);
    if (s.firstTimestamp)
        o.insert("created_on", s.firstTimestamp->toIsoString());
    if (s.lastTimestamp)
        o.insert("modified_on", s.lastTimestamp->toIsoString());
    if (!s.problem.isEmpty())
        o.insert("problem", s.problem);
    return o;
}

} // namespace

QVariant CatalogueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const es::inspect::AggregateSummary &s = m_rows[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case IdColumn:
            if (role == SortRole)
                return es::uuid::toHex(s.id);
            return idText(s.id);
        case TypeColumn:
            if (role == Qt::ToolTipRole)
                return s.problem.isEmpty() ? s.type : s.type + QLatin1Char('\n') + s.problem;
            return topicClass(s.type);
        case EventsColumn:
            return s.events;
        case FirstVersionColumn:
            return s.firstVersion;
        case LastVersionColumn:
            return s.lastVersion;
        case CreatedColumn:
            return timeCell(s.firstTimestamp, role);
        case ModifiedColumn:
            return timeCell(s.lastTimestamp, role);
        case ProblemColumn:
            return s.problem;
        default:
            return QVariant();
        }
    case Qt::ForegroundRole:
        return s.problem.isEmpty() ? QVariant() : QVariant(QColor(Qt::darkGray));
    case IdRole:
        return s.id;
    case SummaryRole:
        return QVariant::fromValue(s);
    case VersionRole:
        return s.lastVersion;
    case ProblemRole:
        return s.problem;
    case RowKindRole:
        return static_cast<int>(RowKind::Other);
    case JsonRole:
        return QString::fromUtf8(es::inspect::sortedJson(summaryJson(s)));
    default:
        return QVariant();
    }
}

QVariant CatalogueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QVariant();
    if (role == Qt::ToolTipRole) {
        if (section == IdColumn)
            return tr("Sort by id, ascending or descending (the store's key order)");
        if (canSortBy(section))
            return tr("Sort the listed aggregates by this column");
        return tr("Sorting by this column needs the whole catalogue, and this one is loaded page by "
                  "page: it is sorted by id. Narrow it with the id or type filter to sort the rest.");
    }
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case IdColumn:
        return tr("Id");
    case TypeColumn:
        return tr("Type");
    case EventsColumn:
        return tr("Events");
    case FirstVersionColumn:
        return tr("First version");
    case LastVersionColumn:
        return tr("Last version");
    case CreatedColumn:
        return tr("Created");
    case ModifiedColumn:
        return tr("Modified");
    case ProblemColumn:
        return tr("Problem");
    default:
        return QVariant();
    }
}

bool CatalogueModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void CatalogueModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_inFlight || m_atEnd)
        return;
    m_addedThisFetch = 0;
    requestPage();
}

bool CatalogueModel::canSortBy(int column) const
{
    if (column == IdColumn)
        return true;
    return column > IdColumn && column < ColumnCount && m_atEnd && !m_inFlight;
}

void CatalogueModel::sort(int column, Qt::SortOrder order)
{
    if (column == IdColumn) {
        const bool descending = order == Qt::DescendingOrder;
        if (descending == m_descending && m_started && m_sortColumn == IdColumn)
            return;
        m_descending = descending;
        m_sortColumn = IdColumn;
        restart(); // the store pages by id: ask it again in that order
        emit sortChanged(IdColumn, sortOrder());
        return;
    }
    if (!canSortBy(column))
        return; // paged: only the store's key orders it
    if (column == m_sortColumn && order == m_columnOrder)
        return;
    m_sortColumn = column;
    m_columnOrder = order;
    sortLoadedRows();
    emit sortChanged(m_sortColumn, m_columnOrder);
}

namespace {

// Three-way comparison of two summaries on a column (ties: 0).
int compareOn(int column, const es::inspect::AggregateSummary &a, const es::inspect::AggregateSummary &b)
{
    auto three = [](const auto &x, const auto &y) {
        return x < y ? -1 : (y < x ? 1 : 0);
    };
    auto time = [&](const std::optional<es::Timestamp> &x, const std::optional<es::Timestamp> &y) {
        if (!x || !y) // a time that cannot be read comes first, as the smallest
            return x ? 1 : (y ? -1 : 0);
        return three(*x, *y);
    };
    switch (column) {
    case CatalogueModel::TypeColumn: {
        const int byClass = topicClass(a.type).compare(topicClass(b.type), Qt::CaseInsensitive);
        return byClass != 0 ? byClass : a.type.compare(b.type);
    }
    case CatalogueModel::EventsColumn:
        return three(a.events, b.events);
    case CatalogueModel::FirstVersionColumn:
        return three(a.firstVersion, b.firstVersion);
    case CatalogueModel::LastVersionColumn:
        return three(a.lastVersion, b.lastVersion);
    case CatalogueModel::CreatedColumn:
        return time(a.firstTimestamp, b.firstTimestamp);
    case CatalogueModel::ModifiedColumn:
        return time(a.lastTimestamp, b.lastTimestamp);
    case CatalogueModel::ProblemColumn:
        return a.problem.compare(b.problem, Qt::CaseInsensitive);
    default:
        return 0;
    }
}

} // namespace

void CatalogueModel::sortLoadedRows()
{
    if (m_rows.size() < 2)
        return;
    const QModelIndexList persistent = persistentIndexList();
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    std::vector<int> order(m_rows.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int>(i);
    std::vector<QByteArray> ids; // big-endian bytes: the store's (hex) id order
    ids.reserve(m_rows.size());
    for (const auto &r : m_rows)
        ids.push_back(r.id.toRfc4122());
    const int column = m_sortColumn;
    const bool descending = m_columnOrder == Qt::DescendingOrder;
    // Ties in ascending id order whichever the direction: the same rows always come out the same way.
    std::sort(order.begin(), order.end(), [&](int x, int y) {
        const auto &a = m_rows[static_cast<size_t>(x)];
        const auto &b = m_rows[static_cast<size_t>(y)];
        const int c = compareOn(column, a, b);
        if (c != 0)
            return descending ? c > 0 : c < 0;
        const QByteArray &ia = ids[static_cast<size_t>(x)];
        const QByteArray &ib = ids[static_cast<size_t>(y)];
        return ia != ib ? ia < ib : x < y;
    });
    std::vector<es::inspect::AggregateSummary> sorted;
    sorted.reserve(m_rows.size());
    std::vector<int> newRowOf(m_rows.size());
    for (size_t i = 0; i < order.size(); ++i) {
        newRowOf[static_cast<size_t>(order[i])] = static_cast<int>(i);
        sorted.push_back(std::move(m_rows[static_cast<size_t>(order[i])]));
    }
    m_rows = std::move(sorted);
    QModelIndexList moved;
    moved.reserve(persistent.size());
    for (const QModelIndex &i : persistent)
        moved << index(newRowOf[static_cast<size_t>(i.row())], i.column());
    changePersistentIndexList(persistent, moved);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void CatalogueModel::settleSort()
{
    if (m_sortColumn == IdColumn || m_inFlight)
        return;
    if (m_atEnd) {
        sortLoadedRows();
        return;
    }
    m_sortColumn = IdColumn;
    emit sortChanged(IdColumn, sortOrder());
}

void CatalogueModel::setApplication(const QString &application)
{
    m_application = application;
    m_totals.reset();
    restart();
}

bool CatalogueModel::setIdPrefix(const QString &prefix)
{
    QString normalised;
    try {
        normalised = es::inspect::AggregateCatalogue::normalisePrefix(prefix);
    } catch (const std::exception &) {
        return false;
    }
    if (normalised == m_prefix)
        return true;
    m_prefix = normalised;
    m_totals.reset();
    restart();
    return true;
}

void CatalogueModel::setTypeFilter(const QString &type)
{
    if (type.trimmed() == m_type)
        return;
    m_type = type.trimmed();
    restart();
}

void CatalogueModel::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
}

void CatalogueModel::refresh()
{
    restart();
}

int CatalogueModel::rowOfId(const QUuid &id) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id)
            return static_cast<int>(i);
    return -1;
}

const es::inspect::AggregateSummary *CatalogueModel::summary(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<size_t>(row)] : nullptr;
}

void CatalogueModel::restart()
{
    m_generation.bump();
    const bool wasLoading = isLoading();
    if (m_inFlight)
        m_session->cancel(m_inFlight);
    m_inFlight = 0;
    beginResetModel();
    m_rows.clear();
    m_strings.clear();
    m_next.reset();
    m_started = true;
    m_atEnd = m_application.isEmpty() || !m_session->isOpen();
    endResetModel();
    if (wasLoading)
        emit loadingChanged(false);
    m_addedThisFetch = 0;
    requestPage();
}

void CatalogueModel::requestPage()
{
    if (m_inFlight || m_atEnd)
        return;
    QString error;
    const std::optional<es::inspect::Source> source = m_session->trySource(m_application, &error);
    if (!source) {
        m_atEnd = true;
        emit errorOccurred(error);
        return;
    }
    es::inspect::CatalogueQuery query;
    query.after = m_next;
    query.descending = m_descending;
    query.limit = m_pageSize;
    query.idPrefix = m_prefix;
    query.type = m_type;
    JobOptions options;
    options.generation = m_generation.current();
    m_inFlight = m_session->run(
        this, options,
        [s = *source, query](const JobControl &) { return es::inspect::AggregateCatalogue(s).page(query); },
        [this](es::inspect::CataloguePage page, quint64 generation) {
            if (!m_generation.accept(generation))
                return;
            // In flight until the rows are in: a fetchMore() from a slot connected to the insertion
            // signals must not ask for the same page again.
            m_next = page.next;
            m_atEnd = page.atEnd || !page.next;
            const int added = static_cast<int>(page.rows.size());
            if (added > 0) {
                beginInsertRows(QModelIndex(), rowCount(), rowCount() + added - 1);
                for (auto &r : page.rows) {
                    for (QString *text : {&r.type, &r.firstTopic, &r.lastTopic}) {
                        const auto it = m_strings.constFind(*text);
                        if (it != m_strings.constEnd())
                            *text = *it;
                        else
                            m_strings.insert(*text);
                    }
                    m_rows.push_back(std::move(r));
                }
                endInsertRows();
            }
            m_inFlight = 0;
            m_addedThisFetch += added;
            emit pageArrived(added);
            // A type filter may keep few of the aggregates a job examines: go on until a page's worth.
            if (!m_atEnd && !m_type.isEmpty() && m_addedThisFetch < m_pageSize)
                requestPage();
            if (!m_inFlight) {
                settleSort();
                emit loadingChanged(false);
            }
        },
        [this](const JobFailure &failure) {
            if (!m_generation.accept(failure.generation))
                return;
            m_inFlight = 0;
            m_atEnd = true;
            if (!failure.cancelled)
                emit errorOccurred(failure.message);
            emit loadingChanged(false);
        });
    emit loadingChanged(true);
}

quint64 CatalogueModel::requestTotals(bool byType)
{
    cancelTotals();
    QString error;
    const std::optional<es::inspect::Source> source = m_session->trySource(m_application, &error);
    if (!source) {
        emit errorOccurred(error);
        return 0;
    }
    JobOptions options;
    options.lane = Lane::Background;
    options.title = tr("Counting aggregates of %1").arg(m_application);
    options.generation = m_totalsGeneration.bump();
    m_totalsJob = m_session->run(
        this, options,
        [s = *source, prefix = m_prefix, byType](const JobControl &control) {
            return es::inspect::AggregateCatalogue(s).totals(prefix, byType, control.cancelFlag(),
                                                             control.progress());
        },
        [this](const es::inspect::CatalogueTotals &totals, quint64 generation) {
            if (!m_totalsGeneration.accept(generation))
                return;
            m_totalsJob = 0;
            m_totals = totals;
            emit totalsArrived(totals);
        },
        [this](const JobFailure &failure) {
            if (!m_totalsGeneration.accept(failure.generation))
                return;
            m_totalsJob = 0;
            if (!failure.cancelled)
                emit errorOccurred(failure.message);
        });
    return m_totalsJob;
}

void CatalogueModel::cancelTotals()
{
    if (m_totalsJob)
        m_session->cancel(m_totalsJob);
    m_totalsJob = 0;
    m_totalsGeneration.bump();
}

} // namespace es::gui
