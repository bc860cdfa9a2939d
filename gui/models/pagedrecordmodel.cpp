#include "models/pagedrecordmodel.h"

namespace es::gui {

PagedRecordModel::PagedRecordModel(StoreSession *session, std::vector<RecordField> columns, QObject *parent)
    : QAbstractTableModel(parent), m_session(session), m_columns(std::move(columns))
{
    connect(m_session, &StoreSession::opened, this, &PagedRecordModel::restart);
    connect(m_session, &StoreSession::decodingChanged, this, &PagedRecordModel::restart);
}

PagedRecordModel::~PagedRecordModel()
{
    if (m_session)
        m_session->cancelAll(this);
}

int PagedRecordModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PagedRecordModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QVariant PagedRecordModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    return recordData(m_rows[static_cast<size_t>(index.row())], m_columns[static_cast<size_t>(index.column())], role);
}

QVariant PagedRecordModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= columnCount())
        return QVariant();
    return recordFieldTitle(m_columns[static_cast<size_t>(section)]);
}

bool PagedRecordModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void PagedRecordModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        fetchNext();
}

void PagedRecordModel::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
}

void PagedRecordModel::refresh()
{
    restart();
}

const es::inspect::DecodedRecord *PagedRecordModel::record(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<size_t>(row)] : nullptr;
}

void PagedRecordModel::restart()
{
    m_generation.bump();
    const bool wasLoading = isLoading();
    if (m_inFlight)
        m_session->cancel(m_inFlight);
    m_inFlight = 0;
    beginResetModel();
    m_rows.clear();
    forgetPosition();
    m_atEnd = !hasSubject() || !m_session->isOpen();
    endResetModel();
    if (wasLoading)
        emit loadingChanged(false);
    fetchNext();
}

void PagedRecordModel::fetchNext()
{
    if (!m_inFlight && !m_atEnd)
        requestPage();
}

std::optional<es::inspect::Source> PagedRecordModel::sourceOf(const QString &application)
{
    QString error;
    std::optional<es::inspect::Source> source = m_session->trySource(application, &error);
    if (!source) {
        m_atEnd = true;
        emit errorOccurred(error);
    }
    return source;
}

void PagedRecordModel::append(std::vector<es::inspect::DecodedRecord> &rows)
{
    // The job stays "in flight" until the rows are in: a fetchMore() from a slot connected to the
    // insertion signals must not ask for the same page again.
    const int added = static_cast<int>(rows.size());
    if (added > 0) {
        beginInsertRows(QModelIndex(), rowCount(), rowCount() + added - 1);
        for (auto &r : rows)
            m_rows.push_back(std::move(r));
        endInsertRows();
    }
    m_inFlight = 0;
    emit pageArrived(added);
    emit loadingChanged(false);
}

void PagedRecordModel::fail(const JobFailure &failure)
{
    if (!m_generation.accept(failure.generation))
        return;
    m_inFlight = 0;
    m_atEnd = true;
    if (!failure.cancelled)
        emit errorOccurred(failure.message);
    emit loadingChanged(false);
}

} // namespace es::gui
