#pragma once
// TrackingModel: for each process application (follower) in the store, its position in each
// upstream application it follows and its lag (the upstream's last notification id minus the
// position), from es::inspect::trackingPositions(); table, no children, one row per
// (follower, upstream).
//
// Columns: Follower, Upstream (as recorded), Position, Upstream last id, Lag ("" when the upstream
// is not in this store), Records (tracking records of that upstream, when counted).
// Roles: DisplayRole, ToolTipRole, SortRole, ApplicationRole (the follower), TrackingRole
// (es::inspect::TrackingPosition), ForegroundRole (lag > 0 is dark orange; an upstream not in the
// store grey), JsonRole. refresh() reads again (lags move while followers run).
// GUI thread only; the model may be a child of its
// session (not used once the session is gone).

#include "models/modelroles.h"
#include "workers/storesession.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <vector>

namespace es::gui {

class TrackingModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        FollowerColumn,
        UpstreamColumn,
        PositionColumn,
        UpstreamLastColumn,
        LagColumn,
        RecordsColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit TrackingModel(StoreSession *session, QObject *parent = nullptr);
    ~TrackingModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // One follower's positions, or every application's with tracking when "" (the default once
    // the session is open). withCounts also counts each upstream's tracking records (a scan).
    void setApplication(const QString &application, bool withCounts = false);
    QString application() const { return m_application; }
    void refresh();

    bool isLoading() const { return m_inFlight != 0; }
    struct Row
    {
        QString follower;
        es::inspect::TrackingPosition position;
    };
    const Row *rowAt(int row) const;

    quint64 generation() const { return m_generation.current(); }
    quint64 staleAnswersDropped() const { return m_generation.dropped(); }

signals:
    void loaded();
    void loadingChanged(bool loading);
    void errorOccurred(const QString &message);

private:
    QPointer<StoreSession> m_session; // null once the session is gone (models may be its children)
    QString m_application;
    bool m_withCounts = false;
    std::vector<Row> m_rows;
    quint64 m_inFlight = 0;
    Generation m_generation;
};

} // namespace es::gui
