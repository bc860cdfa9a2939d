#include "models/applicationsmodel.h"

#include "es/inspect/exporter.h"

#include <QColor>
#include <algorithm>

namespace es::gui {

ApplicationsModel::ApplicationsModel(StoreSession *session, QObject *parent)
    : QAbstractTableModel(parent), m_session(session)
{
    connect(m_session, &StoreSession::opened, this, &ApplicationsModel::reload);
    connect(m_session, &StoreSession::closed, this, &ApplicationsModel::reload);
    connect(m_session, &StoreSession::decodingChanged, this, &ApplicationsModel::checkKeys);
    connect(m_session, &StoreSession::jobProgress, this, [this](quint64 job, qint64 done, qint64 total) {
        for (const Row &r : m_rows)
            if (r.countJob != 0 && r.countJob == job)
                emit countProgress(r.info.name, done, total);
    });
    if (m_session->isOpen())
        reload();
}

ApplicationsModel::~ApplicationsModel()
{
    if (m_session)
        m_session->cancelAll(this);
}

int ApplicationsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ApplicationsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString keyText(const std::optional<es::inspect::KeyCheck> &k)
{
    if (!k)
        return QStringLiteral("…");
    switch (k->verdict) {
    case es::inspect::KeyCheck::Verdict::Empty:
        return QObject::tr("empty");
    case es::inspect::KeyCheck::Verdict::NotEncrypted:
        return QObject::tr("not encrypted");
    case es::inspect::KeyCheck::Verdict::NeedsKey:
        return QObject::tr("needs key");
    case es::inspect::KeyCheck::Verdict::KeyOpens:
        return QObject::tr("key opens");
    case es::inspect::KeyCheck::Verdict::WrongKey:
        return QObject::tr("wrong key");
    case es::inspect::KeyCheck::Verdict::SomeFail:
        return QObject::tr("some fail");
    }
    return QString();
}

bool keyProblem(const std::optional<es::inspect::KeyCheck> &k)
{
    using V = es::inspect::KeyCheck::Verdict;
    return k && (k->verdict == V::NeedsKey || k->verdict == V::WrongKey || k->verdict == V::SomeFail);
}

} // namespace

QVariant ApplicationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const Row &r = m_rows[static_cast<size_t>(index.row())];
    const auto count = [&](qint64 es::inspect::ApplicationCounts::*field) -> QVariant {
        if (!r.counts) {
            if (role == SortRole)
                return qint64(-1);
            return r.countError.isEmpty() ? QStringLiteral("…") : QStringLiteral("?");
        }
        const qint64 v = (*r.counts).*field;
        if (role == SortRole)
            return v;
        return v < 0 ? QVariant(QStringLiteral("—")) : QVariant(v);
    };
    switch (role) {
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return r.info.name;
        case EventsColumn:
            return count(&es::inspect::ApplicationCounts::events);
        case AggregatesColumn:
            return count(&es::inspect::ApplicationCounts::aggregates);
        case SnapshotsColumn:
            return count(&es::inspect::ApplicationCounts::snapshots);
        case TrackingColumn:
            return count(&es::inspect::ApplicationCounts::tracking);
        case LastIdColumn:
            return count(&es::inspect::ApplicationCounts::maxNotificationId);
        case KeyColumn:
            return keyText(r.key);
        case LocationColumn:
            return r.info.location;
        default:
            return QVariant();
        }
    case Qt::ToolTipRole:
        if (index.column() == KeyColumn && r.key)
            return r.key->message;
        if (!r.countError.isEmpty() && index.column() >= EventsColumn && index.column() <= LastIdColumn)
            return r.countError;
        return r.info.location;
    case Qt::ForegroundRole:
        if (index.column() != KeyColumn || !keyProblem(r.key))
            return QVariant();
        return r.key->verdict == es::inspect::KeyCheck::Verdict::NeedsKey ? QColor(Qt::darkGray)
                                                                          : QColor(Qt::red);
    case ApplicationRole:
        return r.info.name;
    case ApplicationInfoRole:
        return QVariant::fromValue(r.info);
    case CountsRole:
        return r.counts ? QVariant::fromValue(*r.counts) : QVariant();
    case ProblemRole:
        return keyProblem(r.key) ? r.key->message : QString();
    case RowKindRole:
        return static_cast<int>(RowKind::Other);
    case JsonRole: {
        es::json::Value o = es::json::Value::emptyObject();
        o.insert("name", r.info.name);
        o.insert("location", r.info.location);
        if (r.counts) {
            o.insert("events", static_cast<long long>(r.counts->events));
            o.insert("aggregates", static_cast<long long>(r.counts->aggregates));
            o.insert("snapshots", static_cast<long long>(r.counts->snapshots));
            o.insert("tracking", static_cast<long long>(r.counts->tracking));
            o.insert("max_notification_id", static_cast<long long>(r.counts->maxNotificationId));
        }
        return QString::fromUtf8(es::inspect::sortedJson(o));
    }
    default:
        return QVariant();
    }
}

QVariant ApplicationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case NameColumn:
        return tr("Application");
    case EventsColumn:
        return tr("Events");
    case AggregatesColumn:
        return tr("Aggregates");
    case SnapshotsColumn:
        return tr("Snapshots");
    case TrackingColumn:
        return tr("Tracking");
    case LastIdColumn:
        return tr("Last id");
    case KeyColumn:
        return tr("Key");
    case LocationColumn:
        return tr("Location");
    default:
        return QVariant();
    }
}

int ApplicationsModel::rowOf(const QString &application) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].info.name.compare(application, Qt::CaseInsensitive) == 0)
            return static_cast<int>(i);
    return -1;
}

QString ApplicationsModel::applicationAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[static_cast<size_t>(row)].info.name : QString();
}

std::optional<es::inspect::ApplicationCounts> ApplicationsModel::counts(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[static_cast<size_t>(row)].counts : std::nullopt;
}

std::optional<es::inspect::KeyCheck> ApplicationsModel::keyCheck(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[static_cast<size_t>(row)].key : std::nullopt;
}

bool ApplicationsModel::allCountsKnown() const
{
    return std::all_of(m_rows.begin(), m_rows.end(), [](const Row &r) { return r.counts.has_value(); });
}

qint64 ApplicationsModel::totalEvents() const
{
    qint64 n = 0;
    for (const Row &r : m_rows)
        if (r.counts && r.counts->events > 0)
            n += r.counts->events;
    return n;
}

qint64 ApplicationsModel::totalAggregates() const
{
    qint64 n = 0;
    for (const Row &r : m_rows)
        if (r.counts && r.counts->aggregates > 0)
            n += r.counts->aggregates;
    return n;
}

void ApplicationsModel::emitRowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void ApplicationsModel::reload()
{
    cancelCounts();
    m_keyGeneration.bump();
    beginResetModel();
    m_rows.clear();
    if (const auto store = m_session->store())
        for (const auto &info : store->applications())
            m_rows.push_back(Row {info, std::nullopt, std::nullopt, QString(), 0});
    endResetModel();
    refreshCounts();
    checkKeys();
}

void ApplicationsModel::cancelCounts()
{
    for (Row &r : m_rows) {
        if (r.countJob)
            m_session->cancel(r.countJob);
        r.countJob = 0;
    }
    m_generation.bump();
}

void ApplicationsModel::refreshCounts()
{
    cancelCounts();
    const quint64 generation = m_generation.current();
    for (size_t i = 0; i < m_rows.size(); ++i) {
        Row &r = m_rows[i];
        r.countError.clear();
        QString error;
        const auto source = m_session->trySource(r.info.name, &error);
        if (!source) {
            r.countError = error;
            continue;
        }
        JobOptions options;
        options.lane = Lane::Background;
        options.title = tr("Counting %1").arg(r.info.name);
        options.generation = generation;
        const QString name = r.info.name;
        r.countJob = m_session->run(
            this, options,
            [s = *source](const JobControl &control) {
                return s.store->counts(s.application, control.cancelFlag(), control.progress());
            },
            [this, name](const es::inspect::ApplicationCounts &counts, quint64 gen) {
                if (!m_generation.accept(gen))
                    return;
                const int row = rowOf(name);
                if (row < 0)
                    return;
                m_rows[static_cast<size_t>(row)].counts = counts;
                m_rows[static_cast<size_t>(row)].countJob = 0;
                emitRowChanged(row);
                emit countsArrived(name);
                if (allCountsKnown())
                    emit allCountsArrived();
            },
            [this, name](const JobFailure &failure) {
                if (!m_generation.accept(failure.generation))
                    return;
                const int row = rowOf(name);
                if (row < 0)
                    return;
                m_rows[static_cast<size_t>(row)].countJob = 0;
                if (failure.cancelled)
                    return;
                m_rows[static_cast<size_t>(row)].countError = failure.message;
                emitRowChanged(row);
                emit errorOccurred(failure.message);
            });
        if (!m_rows.empty())
            emitRowChanged(static_cast<int>(i));
    }
}

void ApplicationsModel::checkKeys()
{
    const quint64 generation = m_keyGeneration.bump();
    for (Row &r : m_rows) {
        QString error;
        const auto source = m_session->trySource(r.info.name, &error);
        if (!source || r.info.isRemote)
            continue;
        JobOptions options;
        options.generation = generation;
        const QString name = r.info.name;
        m_session->run(
            this, options, [s = *source](const JobControl &) { return es::inspect::checkCipherKey(s); },
            [this, name](const es::inspect::KeyCheck &check, quint64 gen) {
                if (!m_keyGeneration.accept(gen))
                    return;
                const int row = rowOf(name);
                if (row < 0)
                    return;
                m_rows[static_cast<size_t>(row)].key = check;
                emitRowChanged(row);
                emit keyChecked(name);
            },
            [this](const JobFailure &failure) {
                if (m_keyGeneration.accept(failure.generation) && !failure.cancelled)
                    emit errorOccurred(failure.message);
            });
    }
}

} // namespace es::gui
