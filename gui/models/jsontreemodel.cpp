#include "models/jsontreemodel.h"

#include "es/inspect/exporter.h"
#include "es/inspect/knowntypes.h"
#include "models/recordcells.h"

#include <QColor>
#include <functional>

namespace es::gui {

struct JsonTreeModel::Node
{
    Node *parent = nullptr;
    int row = 0;
    QString key;
    QString path;
    const es::json::Value *value = nullptr; // inside m_value (never modified while shown)
    QString type;
    QString display;
    QString problem;
    std::vector<std::unique_ptr<Node>> children;
};

namespace {

QString dashedUuid(const QString &hex)
{
    if (hex.size() != 32)
        return hex;
    return hex.mid(0, 8) + QLatin1Char('-') + hex.mid(8, 4) + QLatin1Char('-') + hex.mid(12, 4)
        + QLatin1Char('-') + hex.mid(16, 4) + QLatin1Char('-') + hex.mid(20);
}

const es::json::Value *dataOf(const es::json::Value &v)
{
    return v.find("_data_");
}

} // namespace

bool JsonTreeModel::isTyped(const es::json::Value &value, QString *name)
{
    if (!value.isObject() || value.size() != 2)
        return false;
    const es::json::Value *type = value.find("_type_");
    if (!type || !type->isString() || !value.find("_data_"))
        return false;
    if (name)
        *name = type->toQString();
    return true;
}

QString JsonTreeModel::typeName(const es::json::Value &v)
{
    QString name;
    if (isTyped(v, &name)) {
        if (name == QLatin1String("decimal_str"))
            return QStringLiteral("Decimal");
        if (name == QLatin1String("datetime_iso"))
            return QStringLiteral("datetime");
        if (name == QLatin1String("uuid_hex"))
            return QStringLiteral("UUID");
        return name;
    }
    switch (v.type()) {
    case es::json::Value::Type::Null:
        return QStringLiteral("None");
    case es::json::Value::Type::Bool:
        return QStringLiteral("bool");
    case es::json::Value::Type::Integer:
    case es::json::Value::Type::BigInteger:
        return QStringLiteral("int");
    case es::json::Value::Type::Double:
        return QStringLiteral("float");
    case es::json::Value::Type::String:
        return QStringLiteral("str");
    case es::json::Value::Type::Array:
        return QStringLiteral("list");
    case es::json::Value::Type::Object:
        return QStringLiteral("dict");
    }
    return QString();
}

QString JsonTreeModel::displayText(const es::json::Value &v)
{
    QString name;
    if (isTyped(v, &name)) {
        const es::json::Value &data = *dataOf(v);
        if (name == QLatin1String("uuid_hex") && data.isString())
            return dashedUuid(data.toQString());
        return displayText(data);
    }
    switch (v.type()) {
    case es::json::Value::Type::Null:
        return QStringLiteral("None");
    case es::json::Value::Type::Bool:
        return v.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    case es::json::Value::Type::Integer:
    case es::json::Value::Type::BigInteger:
    case es::json::Value::Type::Double:
        return QString::fromStdString(v.toJson());
    case es::json::Value::Type::String:
        return v.toQString();
    case es::json::Value::Type::Array:
        return QStringLiteral("[%1]").arg(v.size());
    case es::json::Value::Type::Object:
        return QStringLiteral("{%1}").arg(v.size());
    }
    return QString();
}

JsonTreeModel::JsonTreeModel(QObject *parent) : QAbstractItemModel(parent), m_root(std::make_unique<Node>())
{ }

JsonTreeModel::~JsonTreeModel() = default;

JsonTreeModel::Node *JsonTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0 || (parent.isValid() && parent.column() != 0))
        return QModelIndex();
    const Node *p = nodeOf(parent);
    if (row >= static_cast<int>(p->children.size()))
        return QModelIndex();
    return createIndex(row, column, p->children[static_cast<size_t>(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return QModelIndex();
    const Node *n = static_cast<Node *>(child.internalPointer());
    Node *p = n->parent;
    if (!p || p == m_root.get())
        return QModelIndex();
    return createIndex(p->row, 0, p);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return static_cast<int>(nodeOf(parent)->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return QVariant();
    const Node *n = static_cast<Node *>(index.internalPointer());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
    case SortRole:
        switch (index.column()) {
        case KeyColumn:
            return n->key;
        case ValueColumn:
            return n->display;
        case TypeColumn:
            return n->type;
        default:
            return QVariant();
        }
    case Qt::ToolTipRole:
        if (!n->problem.isEmpty())
            return n->problem;
        return index.column() == ValueColumn && n->value ? QString::fromStdString(n->value->toJson())
                                                         : n->path;
    case Qt::ForegroundRole:
        return n->problem.isEmpty() ? QVariant() : QVariant(QColor(Qt::darkGray));
    case PathRole:
        return n->path;
    case TypeNameRole:
        return n->type;
    case JsonValueRole:
        return n->value ? QVariant::fromValue(*n->value) : QVariant();
    case JsonRole:
        return n->value ? QString::fromUtf8(es::inspect::sortedJson(*n->value)) : QString();
    case ProblemRole:
        return n->problem;
    case RowKindRole:
        return static_cast<int>(RowKind::Other);
    default:
        return QVariant();
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    default:
        return QVariant();
    }
}

void JsonTreeModel::setValue(const es::json::Value &value)
{
    beginResetModel();
    m_value = value;
    m_unreadable.clear();
    rebuild();
    endResetModel();
}

void JsonTreeModel::setRecord(const es::inspect::DecodedRecord &record)
{
    beginResetModel();
    if (record.decoded.hasState()) {
        m_value = record.decoded.state;
        m_unreadable.clear();
    } else {
        m_value = es::json::Value();
        m_unreadable = recordProblem(record);
    }
    rebuild();
    endResetModel();
}

void JsonTreeModel::clear()
{
    beginResetModel();
    m_value = es::json::Value();
    m_unreadable.clear();
    m_root = std::make_unique<Node>();
    endResetModel();
}

void JsonTreeModel::setTranscoder(std::shared_ptr<const es::JSONTranscoder> transcoder)
{
    m_transcoder = std::move(transcoder);
}

const es::json::Value &JsonTreeModel::value() const
{
    return m_value;
}

void JsonTreeModel::rebuild()
{
    m_root = std::make_unique<Node>();
    if (!m_unreadable.isEmpty()) {
        auto n = std::make_unique<Node>();
        n->parent = m_root.get();
        n->key = tr("(unreadable)");
        n->display = m_unreadable;
        n->problem = m_unreadable;
        m_root->children.push_back(std::move(n));
        return;
    }
    const std::shared_ptr<const es::JSONTranscoder> transcoder
        = m_transcoder ? m_transcoder : es::inspect::knownTranscoder();

    std::function<void(Node *, const es::json::Value &)> addChildren;
    const auto make = [&](Node *parent, const QString &key, const QString &path, const es::json::Value &v) {
        auto n = std::make_unique<Node>();
        n->parent = parent;
        n->row = static_cast<int>(parent->children.size());
        n->key = key;
        n->path = path;
        n->value = &v;
        n->type = typeName(v);
        n->display = displayText(v);
        QString name;
        if (isTyped(v, &name)) {
            if (transcoder && !transcoder->isRegistered(name))
                n->problem
                    = tr("unknown type '%1': no transcoding is registered for it in this program").arg(name);
            const es::json::Value &data = *dataOf(v);
            if (data.isObject() || data.isArray())
                addChildren(n.get(), data);
        } else if (v.isObject() || v.isArray()) {
            addChildren(n.get(), v);
        }
        parent->children.push_back(std::move(n));
    };
    addChildren = [&](Node *parent, const es::json::Value &v) {
        const QString prefix = parent == m_root.get() ? QString() : parent->path;
        if (v.isObject()) {
            for (const auto &member : v.members()) {
                const QString key = QString::fromStdString(member.first);
                make(parent, key, prefix.isEmpty() ? key : prefix + QLatin1Char('.') + key, member.second);
            }
        } else {
            const auto &array = v.array();
            for (size_t i = 0; i < array.size(); ++i) {
                const QString key = QStringLiteral("[%1]").arg(i);
                make(parent, key, prefix + key, array[i]);
            }
        }
    };
    if (m_value.isObject() && !isTyped(m_value))
        addChildren(m_root.get(), m_value);
    else
        make(m_root.get(), tr("(value)"), QString(), m_value);
}

QModelIndex JsonTreeModel::indexForPath(const QString &path) const
{
    std::function<const Node *(const Node *)> find = [&](const Node *n) -> const Node * {
        for (const auto &c : n->children) {
            if (c->path == path)
                return c.get();
            if (path.startsWith(c->path))
                if (const Node *hit = find(c.get()))
                    return hit;
        }
        return nullptr;
    };
    const Node *hit = find(m_root.get());
    return hit ? createIndex(hit->row, 0, const_cast<Node *>(hit)) : QModelIndex(); // NOLINT: model API
}

} // namespace es::gui
