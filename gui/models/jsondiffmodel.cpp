#include "models/jsondiffmodel.h"

#include "es/inspect/exporter.h"
#include "models/jsontreemodel.h"

#include <QColor>

namespace es::gui {

JsonDiffModel::JsonDiffModel(StoreSession *session, QObject *parent)
    : QAbstractTableModel(parent), m_session(session)
{ }

JsonDiffModel::~JsonDiffModel()
{
    if (m_session)
        m_session->cancelAll(this);
}

int JsonDiffModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int JsonDiffModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JsonDiffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const es::inspect::JsonChange &c = m_rows[static_cast<size_t>(index.row())];
    using Kind = es::inspect::JsonChange::Kind;
    const auto side = [&](const es::json::Value &v, bool present) -> QVariant {
        if (!present)
            return QVariant();
        if (role == Qt::ToolTipRole)
            return QString::fromUtf8(es::inspect::sortedJson(v));
        if (role == JsonValueRole)
            return QVariant::fromValue(v);
        const QString text = JsonTreeModel::displayText(v);
        const QString type = JsonTreeModel::typeName(v);
        if (v.isString())
            return text;
        if (v.isObject() && !JsonTreeModel::isTyped(v))
            return QString::fromStdString(v.toJson());
        if (v.isArray())
            return QString::fromStdString(v.toJson());
        return type == QLatin1String("int") || type == QLatin1String("float") || type == QLatin1String("bool")
                || type == QLatin1String("None")
            ? text
            : QStringLiteral("%1 (%2)").arg(text, type);
    };
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case JsonValueRole:
        switch (index.column()) {
        case ChangeColumn:
            return role == JsonValueRole ? QVariant() : QVariant(es::inspect::JsonChange::kindName(c.kind));
        case PathColumn:
            return role == JsonValueRole ? QVariant() : QVariant(c.path.isEmpty() ? tr("(root)") : c.path);
        case BeforeColumn:
            return side(c.before, c.kind != Kind::Added);
        case AfterColumn:
            return side(c.after, c.kind != Kind::Removed);
        default:
            return QVariant();
        }
    case Qt::ForegroundRole:
        if (c.kind == Kind::Added)
            return QColor(Qt::darkGreen);
        if (c.kind == Kind::Removed)
            return QColor(Qt::red);
        return QVariant();
    case PathRole:
        return c.path;
    case ChangeRole:
        return QVariant::fromValue(c);
    case JsonRole:
        return QString::fromUtf8(es::inspect::sortedJson(c.toJson()));
    case RowKindRole:
        return static_cast<int>(RowKind::Other);
    default:
        return QVariant();
    }
}

QVariant JsonDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case ChangeColumn:
        return tr("Change");
    case PathColumn:
        return tr("Path");
    case BeforeColumn:
        return tr("Before");
    case AfterColumn:
        return tr("After");
    default:
        return QVariant();
    }
}

void JsonDiffModel::setChanges(std::vector<es::inspect::JsonChange> changes)
{
    m_generation.bump();
    if (m_inFlight && m_session)
        m_session->cancel(m_inFlight);
    const bool wasLoading = m_inFlight != 0;
    m_inFlight = 0;
    beginResetModel();
    m_rows = std::move(changes);
    endResetModel();
    if (wasLoading)
        emit loadingChanged(false);
}

void JsonDiffModel::setValues(const es::json::Value &before, const es::json::Value &after)
{
    setChanges(es::inspect::diffJson(before, after));
}

void JsonDiffModel::clear()
{
    setChanges({});
}

const es::inspect::JsonChange *JsonDiffModel::change(int row) const
{
    return row >= 0 && row < rowCount() ? &m_rows[static_cast<size_t>(row)] : nullptr;
}

namespace {
struct DiffAnswer
{
    es::inspect::RebuiltAggregate before;
    es::inspect::RebuiltAggregate after;
    std::vector<es::inspect::JsonChange> changes;
};
} // namespace

quint64 JsonDiffModel::compare(const QString &application, const QUuid &id, qint64 fromVersion,
                               qint64 toVersion)
{
    if (!m_session)
        return 0;
    m_generation.bump();
    if (m_inFlight)
        m_session->cancel(m_inFlight);
    QString error;
    const auto source = m_session->trySource(application, &error);
    if (!source) {
        m_inFlight = 0;
        emit errorOccurred(error);
        return 0;
    }
    JobOptions options;
    options.lane = Lane::Background;
    options.title = tr("Comparing versions %1 and %2").arg(fromVersion).arg(toVersion);
    options.generation = m_generation.current();
    const bool wasLoading = m_inFlight != 0;
    m_inFlight = m_session->run(
        this, options,
        [s = *source, id, fromVersion, toVersion](const JobControl &control) {
            const es::inspect::Rebuilder rebuilder(s);
            DiffAnswer a;
            a.before = rebuilder.rebuild(id, fromVersion);
            control.cancelFlag().throwIfCancelled();
            a.after = rebuilder.rebuild(id, toVersion);
            a.changes = es::inspect::diffJson(a.before.json, a.after.json);
            return a;
        },
        [this](DiffAnswer a, quint64 generation) {
            if (!m_generation.accept(generation))
                return;
            m_inFlight = 0;
            beginResetModel();
            m_rows = std::move(a.changes);
            endResetModel();
            emit loadingChanged(false);
            emit compared(a.before, a.after);
        },
        [this](const JobFailure &failure) {
            if (!m_generation.accept(failure.generation))
                return;
            m_inFlight = 0;
            emit loadingChanged(false);
            if (!failure.cancelled)
                emit errorOccurred(failure.message);
        });
    if (!wasLoading)
        emit loadingChanged(true);
    return m_inFlight;
}

} // namespace es::gui
