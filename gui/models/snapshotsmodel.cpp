#include "models/snapshotsmodel.h"

#include "models/recordcells.h"

namespace es::gui {

namespace {
RecordField fieldOf(int column)
{
    switch (column) {
    case SnapshotsModel::AggregateColumn:
        return RecordField::Aggregate;
    case SnapshotsModel::VersionColumn:
        return RecordField::Version;
    case SnapshotsModel::TypeColumn:
        return RecordField::SnapshotType;
    case SnapshotsModel::TimeColumn:
        return RecordField::Time;
    case SnapshotsModel::StoredColumn:
        return RecordField::Stored;
    default:
        return RecordField::Status;
    }
}
} // namespace

SnapshotsModel::SnapshotsModel(StoreSession *session, QObject *parent)
    : QAbstractTableModel(parent), m_session(session)
{
    connect(m_session, &StoreSession::opened, this, &SnapshotsModel::restart);
    connect(m_session, &StoreSession::decodingChanged, this, &SnapshotsModel::restart);
    connect(m_session, &StoreSession::closed, this, [this] { setApplication(QString()); });
}

SnapshotsModel::~SnapshotsModel()
{
    if (m_session)
        m_session->cancelAll(this);
}

int SnapshotsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SnapshotsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SnapshotsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    return recordData(m_rows[static_cast<size_t>(index.row())], fieldOf(index.column()), role);
}

QVariant SnapshotsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QVariant();
    return recordFieldTitle(fieldOf(section));
}

bool SnapshotsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void SnapshotsModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        requestPage();
}

void SnapshotsModel::setApplication(const QString &application, const std::optional<QUuid> &aggregate)
{
    m_application = application;
    m_aggregate = aggregate;
    restart();
}

void SnapshotsModel::setNewestFirst(bool on)
{
    if (m_newestFirst == on)
        return;
    m_newestFirst = on;
    restart();
}

void SnapshotsModel::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
}

void SnapshotsModel::refresh()
{
    restart();
}

const es::inspect::DecodedRecord *SnapshotsModel::record(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<size_t>(row)] : nullptr;
}

void SnapshotsModel::restart()
{
    m_generation.bump();
    const bool wasLoading = isLoading();
    if (m_inFlight)
        m_session->cancel(m_inFlight);
    m_inFlight = 0;
    beginResetModel();
    m_rows.clear();
    m_next.reset();
    m_atEnd = m_application.isEmpty() || !m_session->isOpen();
    endResetModel();
    if (wasLoading)
        emit loadingChanged(false);
    requestPage();
}

void SnapshotsModel::requestPage()
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
    es::inspect::SnapshotQuery query;
    query.originator = m_aggregate;
    query.after = m_next;
    query.direction = m_newestFirst ? es::inspect::Direction::Backward : es::inspect::Direction::Forward;
    query.limit = m_pageSize;
    JobOptions options;
    options.generation = m_generation.current();
    m_inFlight = m_session->run(
        this, options,
        [s = *source, query](const JobControl &) { return es::inspect::SnapshotPager(s).page(query); },
        [this](es::inspect::SnapshotPage page, quint64 generation) {
            if (!m_generation.accept(generation))
                return;
            // In flight until the rows are in (see EventsModel).
            m_next = page.next;
            m_atEnd = page.atEnd || !page.next;
            const int added = static_cast<int>(page.rows.size());
            if (added > 0) {
                beginInsertRows(QModelIndex(), rowCount(), rowCount() + added - 1);
                for (auto &r : page.rows)
                    m_rows.push_back(std::move(r));
                endInsertRows();
            }
            m_inFlight = 0;
            emit pageArrived(added);
            emit loadingChanged(false);
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

} // namespace es::gui
