#include "models/logsectionmodel.h"

#include "models/recordcells.h"

namespace es::gui {

namespace {
RecordField fieldOf(int column)
{
    switch (column) {
    case LogSectionModel::IdColumn:
        return RecordField::NotificationId;
    case LogSectionModel::AggregateColumn:
        return RecordField::Aggregate;
    case LogSectionModel::VersionColumn:
        return RecordField::Version;
    case LogSectionModel::TopicColumn:
        return RecordField::Topic;
    case LogSectionModel::TimeColumn:
        return RecordField::Time;
    case LogSectionModel::StoredColumn:
        return RecordField::Stored;
    default:
        return RecordField::Status;
    }
}
} // namespace

LogSectionModel::LogSectionModel(StoreSession *session, QObject *parent)
    : QAbstractTableModel(parent), m_session(session)
{
    connect(m_session, &StoreSession::opened, this, [this] {
        if (!m_application.isEmpty())
            showSection(m_requested);
    });
    connect(m_session, &StoreSession::decodingChanged, this, [this] {
        if (!m_application.isEmpty())
            showSection(m_requested);
    });
    connect(m_session, &StoreSession::closed, this, [this] { setApplication(QString(), m_size); });
}

LogSectionModel::~LogSectionModel()
{
    if (m_session)
        m_session->cancelAll(this);
}

int LogSectionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int LogSectionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogSectionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    return recordData(m_rows[static_cast<size_t>(index.row())], fieldOf(index.column()), role);
}

QVariant LogSectionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QVariant();
    return recordFieldTitle(fieldOf(section));
}

void LogSectionModel::setApplication(const QString &application, int sectionSize)
{
    m_application = application;
    m_size = std::max(1, sectionSize);
    showSection(QStringLiteral("1,%1").arg(m_size));
}

void LogSectionModel::showSection(const QString &sectionId)
{
    m_requested = sectionId;
    m_generation.bump();
    if (m_inFlight)
        m_session->cancel(m_inFlight);
    const bool wasLoading = m_inFlight != 0;
    m_inFlight = 0;
    if (m_application.isEmpty() || !m_session->isOpen()) {
        beginResetModel();
        m_rows.clear();
        m_sectionId.clear();
        m_nextId.clear();
        endResetModel();
        if (wasLoading)
            emit loadingChanged(false);
        return;
    }
    QString error;
    const auto source = m_session->trySource(m_application, &error);
    if (!source) {
        emit errorOccurred(error);
        return;
    }
    JobOptions options;
    options.generation = m_generation.current();
    m_inFlight = m_session->run(
        this, options,
        [s = *source, sectionId, size = m_size](const JobControl &) {
            return es::inspect::LogPager(s).section(sectionId, size);
        },
        [this](es::inspect::LogSection section, quint64 generation) {
            if (!m_generation.accept(generation))
                return;
            m_inFlight = 0;
            beginResetModel();
            m_rows = std::move(section.rows);
            m_sectionId = section.id;
            m_nextId = section.nextId.value_or(QString());
            endResetModel();
            emit sectionShown(m_sectionId);
            emit loadingChanged(false);
        },
        [this](const JobFailure &failure) {
            if (!m_generation.accept(failure.generation))
                return;
            m_inFlight = 0;
            if (!failure.cancelled)
                emit errorOccurred(failure.message);
            emit loadingChanged(false);
        });
    if (!wasLoading)
        emit loadingChanged(true);
}

void LogSectionModel::showNext()
{
    if (!m_nextId.isEmpty())
        showSection(m_nextId);
}

QString LogSectionModel::previousSectionId() const
{
    const QString id = m_sectionId.isEmpty() ? m_requested : m_sectionId;
    bool ok = false;
    const qint64 first = id.section(QLatin1Char(','), 0, 0).toLongLong(&ok);
    if (!ok || first <= 1)
        return QString();
    const qint64 start = std::max<qint64>(1, first - m_size);
    return QStringLiteral("%1,%2").arg(start).arg(start + m_size - 1);
}

void LogSectionModel::showPrevious()
{
    const QString previous = previousSectionId();
    if (!previous.isEmpty())
        showSection(previous);
}

const es::inspect::DecodedRecord *LogSectionModel::record(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<size_t>(row)] : nullptr;
}

} // namespace es::gui
