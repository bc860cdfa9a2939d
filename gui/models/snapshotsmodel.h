#pragma once
// SnapshotsModel: snapshots of one application — all of them by (aggregate id, version), or one
// aggregate's — loaded lazily by key pages of es::inspect::SnapshotPager (canFetchMore/fetchMore);
// table, no children. An application without a snapshots table is an empty model at its end.
//
// Columns: Aggregate, Version, Type (the aggregate's class inside the snapshot; full topic in
// ToolTipRole), Time, Stored, Status.
// Roles: DisplayRole, ToolTipRole, SortRole, RecordRole, JsonRole, ProblemRole, ProblemKindRole,
// ForegroundRole, IdRole, VersionRole, RowKindRole (Record).
// GUI thread only; the model may be a child of its
// session (not used once the session is gone).

#include "models/modelroles.h"
#include "workers/storesession.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QUuid>
#include <optional>
#include <vector>

namespace es::gui {

class SnapshotsModel : public QAbstractTableModel
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
    ~SnapshotsModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Every snapshot of the application, or (with an id) only that aggregate's. "" clears.
    void setApplication(const QString &application, const std::optional<QUuid> &aggregate = std::nullopt);
    QString application() const { return m_application; }
    std::optional<QUuid> aggregate() const { return m_aggregate; }
    // Newest first (backward by key) or oldest first (default).
    void setNewestFirst(bool on);
    void setPageSize(int rows);
    void refresh();

    bool isLoading() const { return m_inFlight != 0; }
    bool atEnd() const { return m_atEnd; }
    const es::inspect::DecodedRecord *record(int row) const;

    quint64 generation() const { return m_generation.current(); }
    quint64 staleAnswersDropped() const { return m_generation.dropped(); }

signals:
    void loadingChanged(bool loading);
    void pageArrived(int added);
    void errorOccurred(const QString &message);

private:
    void restart();
    void requestPage();

    QPointer<StoreSession> m_session; // null once the session is gone (models may be its children)
    QString m_application;
    std::optional<QUuid> m_aggregate;
    bool m_newestFirst = false;
    int m_pageSize = 200;
    std::vector<es::inspect::DecodedRecord> m_rows;
    std::optional<es::inspect::SnapshotKey> m_next;
    bool m_atEnd = true;
    quint64 m_inFlight = 0;
    Generation m_generation;
};

} // namespace es::gui
