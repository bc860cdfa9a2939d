#include "models/trackingmodel.h"

#include "es/inspect/exporter.h"

#include <QColor>

namespace es::gui {

TrackingModel::TrackingModel(StoreSession *session, QObject *parent)
    : QAbstractTableModel(parent), m_session(session)
{
    connect(m_session, &StoreSession::opened, this, &TrackingModel::refresh);
    connect(m_session, &StoreSession::closed, this, &TrackingModel::refresh);
    if (m_session->isOpen())
        refresh();
}

TrackingModel::~TrackingModel()
{
    if (m_session)
        m_session->cancelAll(this);
}

int TrackingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TrackingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrackingModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Row &r = m_rows[static_cast<size_t>(index.row())];
    const es::inspect::TrackingPosition &p = r.position;
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case FollowerColumn:
            return r.follower;
        case UpstreamColumn:
            return p.upstream;
        case PositionColumn:
            return p.position;
        case UpstreamLastColumn:
            return p.upstreamMax ? QVariant(*p.upstreamMax) : QVariant();
        case LagColumn:
            return p.lag ? QVariant(*p.lag) : QVariant();
        case RecordsColumn:
            return p.records >= 0 ? QVariant(p.records) : QVariant();
        default:
            return QVariant();
        }
    case Qt::ToolTipRole:
        if (!p.lag)
            return tr("%1 is not an application of this store").arg(p.upstream);
        return tr("%1 has processed %2 of %3's notifications (lag %4)")
            .arg(r.follower)
            .arg(p.position)
            .arg(p.upstreamApplication)
            .arg(*p.lag);
    case Qt::ForegroundRole:
        if (!p.lag)
            return QColor(Qt::darkGray);
        return *p.lag > 0 ? QVariant(QColor(0xc0, 0x60, 0x00)) : QVariant();
    case ApplicationRole:
        return r.follower;
    case TrackingRole:
        return QVariant::fromValue(p);
    case RowKindRole:
        return static_cast<int>(RowKind::Other);
    case JsonRole: {
        es::json::Value o = es::json::Value::emptyObject();
        o.insert("follower", r.follower);
        o.insert("upstream", p.upstream);
        o.insert("position", static_cast<long long>(p.position));
        if (p.upstreamMax)
            o.insert("upstream_max", static_cast<long long>(*p.upstreamMax));
        if (p.lag)
            o.insert("lag", static_cast<long long>(*p.lag));
        if (p.records >= 0)
            o.insert("records", static_cast<long long>(p.records));
        return QString::fromUtf8(es::inspect::sortedJson(o));
    }
    default:
        return QVariant();
    }
}

QVariant TrackingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case FollowerColumn:
        return tr("Follower");
    case UpstreamColumn:
        return tr("Upstream");
    case PositionColumn:
        return tr("Position");
    case UpstreamLastColumn:
        return tr("Upstream last id");
    case LagColumn:
        return tr("Lag");
    case RecordsColumn:
        return tr("Records");
    default:
        return QVariant();
    }
}

void TrackingModel::setApplication(const QString &application, bool withCounts)
{
    m_application = application;
    m_withCounts = withCounts;
    refresh();
}

const TrackingModel::Row *TrackingModel::rowAt(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<size_t>(row)] : nullptr;
}

void TrackingModel::refresh()
{
    m_generation.bump();
    if (m_inFlight)
        m_session->cancel(m_inFlight);
    const bool wasLoading = m_inFlight != 0;
    m_inFlight = 0;
    const auto store = m_session->store();
    if (!store) {
        beginResetModel();
        m_rows.clear();
        endResetModel();
        if (wasLoading)
            emit loadingChanged(false);
        return;
    }
    std::vector<es::inspect::Source> sources;
    for (const auto &a : store->applications()) {
        if (!a.hasTracking())
            continue;
        if (!m_application.isEmpty() && a.name.compare(m_application, Qt::CaseInsensitive) != 0)
            continue;
        QString error;
        if (auto s = m_session->trySource(a.name, &error))
            sources.push_back(*s);
        else
            emit errorOccurred(error);
    }
    JobOptions options;
    options.generation = m_generation.current();
    m_inFlight = m_session->run(
        this, options,
        [sources, withCounts = m_withCounts](const JobControl &control) {
            std::vector<Row> rows;
            for (const auto &s : sources) {
                control.cancelFlag().throwIfCancelled();
                for (auto &p : es::inspect::trackingPositions(s, withCounts))
                    rows.push_back(Row {s.application, std::move(p)});
            }
            return rows;
        },
        [this](std::vector<Row> rows, quint64 generation) {
            if (!m_generation.accept(generation))
                return;
            m_inFlight = 0;
            beginResetModel();
            m_rows = std::move(rows);
            endResetModel();
            emit loaded();
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

} // namespace es::gui
