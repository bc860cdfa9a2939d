#pragma once
// JsonTreeModel: one payload (a decoded state, a rebuilt aggregate, any es::json::Value) as a tree
// in which typed values show as what they are. Python's transcodings are recognised by their
// {"_type_": NAME, "_data_": …} wrapper:
//   decimal_str  → Type "Decimal", Value the number as stored ("12.50");
//   datetime_iso → Type "datetime", Value the ISO text as stored (naive stays naive);
//   uuid_hex     → Type "UUID", Value the dashed form;
//   any other    → Type NAME (e.g. "person_as_dict"); an object or list _data_ gives the node its
//                  children, a scalar _data_ is the Value. A NAME the decoder does not know
//                  (setTranscoder) is grey and says so in ProblemRole.
// Plain values use Python's names: dict, list, str, int, float, bool, None.
// The root object's members are the top-level rows (a scalar or list root is one row "(value)").
//
// Columns: Key (member name or "[i]"), Value (scalars; "{3}" / "[2]" for containers), Type.
// Roles: DisplayRole, ToolTipRole (full value), EditRole = DisplayRole text (read-only model),
// PathRole ("state.balance", "history[2]"), TypeNameRole, JsonValueRole (the node as stored,
// wrappers kept), JsonRole (that value's JSON text, Python's json.dumps with sorted keys — "copy
// as JSON"), ProblemRole (unknown _type_), ForegroundRole.
// Holds its own copy of the value; no session, no thread: GUI thread only, like every model.

#include "models/modelroles.h"

#include <QAbstractItemModel>
#include <memory>

namespace es::gui {

class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    Q_ENUM(Column)

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;

    // Shows a value (resets the model).
    void setValue(const es::json::Value &value);
    // Shows a record's decoded state; a record without one (needs key, damaged, …) shows one row
    // "(unreadable)" whose Value is the problem and ProblemRole its reason.
    void setRecord(const es::inspect::DecodedRecord &record);
    void clear();
    // The transcoding names to accept as known (null: es::inspect::knownTranscoder() at the time of
    // the next setValue()).
    void setTranscoder(std::shared_ptr<const es::JSONTranscoder> transcoder);

    const es::json::Value &value() const;
    // The index of a path as PathRole gives it, or an invalid index.
    QModelIndex indexForPath(const QString &path) const;

    // How a value reads in a Value/Type cell (shared with JsonDiffModel).
    static QString displayText(const es::json::Value &value);
    static QString typeName(const es::json::Value &value);
    // True for a {"_type_": str, "_data_": …} wrapper; *name gets the _type_.
    static bool isTyped(const es::json::Value &value, QString *name = nullptr);

private:
    struct Node;
    void rebuild();
    Node *nodeOf(const QModelIndex &index) const;

    std::unique_ptr<Node> m_root;
    es::json::Value m_value;
    QString m_unreadable; // set by setRecord() for a record without state
    std::shared_ptr<const es::JSONTranscoder> m_transcoder;
};

} // namespace es::gui
