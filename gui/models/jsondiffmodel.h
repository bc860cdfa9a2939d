#pragma once
// JsonDiffModel: what changed between two JSON values — normally the state of one aggregate at two
// versions, rebuilt by es::inspect::Rebuilder and compared by es::inspect::diffJson() — one row per
// change (table, no children). Typed values ({"_type_", "_data_"}) are single values and read as
// in JsonTreeModel ("12.50" Decimal).
//
// compare() rebuilds both versions in the background lane and answers with compared() (the rows
// are replaced then) or errorOccurred() (e.g. "… is not registered in this program" for a type no
// linked library defines). A newer compare() drops the answer of the older one.
//
// Columns: Change ("added", "removed", "changed"), Path, Before, After.
// Roles: DisplayRole, ToolTipRole, PathRole, ChangeRole (es::inspect::JsonChange), JsonValueRole
// (Before/After columns: the value as stored), JsonRole (JsonChange::toJson()), ForegroundRole
// (added green, removed red).
// GUI thread only; the model may be a child of its session.

#include "models/modelroles.h"
#include "workers/storesession.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QUuid>
#include <optional>
#include <vector>

namespace es::gui {

class JsonDiffModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { ChangeColumn, PathColumn, BeforeColumn, AfterColumn, ColumnCount };
    Q_ENUM(Column)

    explicit JsonDiffModel(StoreSession *session = nullptr, QObject *parent = nullptr);
    ~JsonDiffModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Shows these changes (drops any compare() on its way).
    void setChanges(std::vector<es::inspect::JsonChange> changes);
    // Shows diffJson(before, after).
    void setValues(const es::json::Value &before, const es::json::Value &after);
    void clear();
    // Rebuilds aggregate `id` at both versions (snapshots used) and shows their diff. Returns the
    // job id (0 without a session).
    quint64 compare(const QString &application, const QUuid &id, qint64 fromVersion, qint64 toVersion);
    bool isLoading() const { return m_inFlight != 0; }
    const es::inspect::JsonChange *change(int row) const;

    quint64 generation() const { return m_generation.current(); }
    quint64 staleAnswersDropped() const { return m_generation.dropped(); }

signals:
    void compared(const es::inspect::RebuiltAggregate &before, const es::inspect::RebuiltAggregate &after);
    void loadingChanged(bool loading);
    void errorOccurred(const QString &message);

private:
    QPointer<StoreSession> m_session;
    std::vector<es::inspect::JsonChange> m_rows;
    quint64 m_inFlight = 0;
    Generation m_generation;
};

} // namespace es::gui

Q_DECLARE_METATYPE(es::inspect::RebuiltAggregate)
