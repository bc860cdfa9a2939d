#include "models/eventsmodel.h"

#include "models/recordcells.h"

namespace es::gui {

namespace {
RecordField fieldOf(int column)
{
    switch (column) {
    case EventsModel::VersionColumn:
        return RecordField::Version;
    case EventsModel::TopicColumn:
        return RecordField::Topic;
    case EventsModel::TimeColumn:
        return RecordField::Time;
    case EventsModel::StoredColumn:
        return RecordField::Stored;
    case EventsModel::StatusColumn:
        return RecordField::Status;
    default:
        return RecordField::NotificationId;
    }
}
} // namespace

EventsModel::EventsModel(StoreSession *session, QObject *parent)
    : QAbstractTableModel(parent), m_session(session)
{
    connect(m_session, &StoreSession::opened, this, &EventsModel::restart);
    connect(m_session, &StoreSession::decodingChanged, this, &EventsModel::restart);
    connect(m_session, &StoreSession::closed, this, [this] { setAggregate(QString(), QUuid()); });
}

EventsModel::~EventsModel()
{
    if (m_session)
        m_session->cancelAll(this);
}

int EventsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int EventsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    return recordData(m_rows[static_cast<size_t>(index.row())], fieldOf(index.column()), role);
}

QVariant EventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QVariant();
    return recordFieldTitle(fieldOf(section));
}

bool EventsModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void EventsModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        requestPage();
}

void EventsModel::setAggregate(const QString &application, const QUuid &id)
{
    m_application = application;
    m_id = id;
    restart();
}

void EventsModel::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
}

void EventsModel::refresh()
{
    restart();
}

const es::inspect::DecodedRecord *EventsModel::record(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<size_t>(row)] : nullptr;
}

int EventsModel::rowOfVersion(qint64 version) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].originatorVersion == version)
            return static_cast<int>(i);
    return -1;
}

void EventsModel::restart()
{
    m_generation.bump();
    const bool wasLoading = isLoading();
    if (m_inFlight)
        m_session->cancel(m_inFlight);
    m_inFlight = 0;
    beginResetModel();
    m_rows.clear();
    m_atEnd = m_id.isNull() || m_application.isEmpty() || !m_session->isOpen();
    endResetModel();
    if (wasLoading)
        emit loadingChanged(false);
    requestPage();
}

void EventsModel::requestPage()
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
    const std::optional<qint64> after
        = m_rows.empty() ? std::nullopt : std::optional<qint64>(m_rows.back().originatorVersion);
    JobOptions options;
    options.generation = m_generation.current();
    m_inFlight = m_session->run(
        this, options,
        [s = *source, id = m_id, after, limit = m_pageSize](const JobControl &) {
            return es::inspect::EventPager(s).page(id, after, es::inspect::Direction::Forward, limit);
        },
        [this](es::inspect::RecordPage page, quint64 generation) {
            if (!m_generation.accept(generation))
                return;
            // The job stays "in flight" until the rows are in: a fetchMore() from a slot connected to
            // the insertion signals must not ask for the same page again.
            m_atEnd = page.atEnd;
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
