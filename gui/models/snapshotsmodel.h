#pragma once
// SnapshotsModel: snapshots of one application — all of them by (aggregate id, version), or one
// aggregate's — loaded lazily by key pages of es::inspect::SnapshotPager (canFetchMore/fetchMore;
// PagedRecordModel); table, no children. An application without a snapshots table is an empty
// model at its end.
//
// Columns: Aggregate, Version, Type (the aggregate's class inside the snapshot; full topic in
// ToolTipRole), Time, Stored, Status.
// Roles: DisplayRole, ToolTipRole, SortRole, RecordRole, JsonRole, ProblemRole, ProblemKindRole,
// ForegroundRole, IdRole, VersionRole, RowKindRole (Record).
// GUI thread only; the model may be a child of its
// session (not used once the session is gone).

#include "models/pagedrecordmodel.h"

#include <QUuid>
#include <optional>

namespace es::gui {

class SnapshotsModel : public PagedRecordModel
{
    Q_OBJECT

public:
    enum Column {
        AggregateColumn,
        VersionColumn,
        TypeColumn,
        TimeColumn,
        StoredColumn,
        StatusColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit SnapshotsModel(StoreSession *session, QObject *parent = nullptr);

    // Every snapshot of the application, or (with an id) only that aggregate's. "" clears.
    void setApplication(const QString &application, const std::optional<QUuid> &aggregate = std::nullopt);
    QString application() const { return m_application; }
    std::optional<QUuid> aggregate() const { return m_aggregate; }
    // Newest first (backward by key) or oldest first (default).
    void setNewestFirst(bool on);

private:
    bool hasSubject() const override;
    void forgetPosition() override;
    void requestPage() override;

    QString m_application;
    std::optional<QUuid> m_aggregate;
    bool m_newestFirst = false;
    std::optional<es::inspect::SnapshotKey> m_next;
};

} // namespace es::gui
