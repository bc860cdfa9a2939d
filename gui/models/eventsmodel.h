#pragma once
// EventsModel: the events of one aggregate by version (table, no children), loaded lazily in
// version pages of es::inspect::EventPager (canFetchMore()/fetchMore()).
//
// Columns: Version, Topic (class part; the full topic in ToolTipRole), Time, Stored ("plain",
// "zlib", "encrypted+zlib", … or "?"), Status ("ok" or the problem), Notification id.
// Roles: DisplayRole, ToolTipRole (the full problem on every cell of a problem row), SortRole,
// RecordRole (es::inspect::DecodedRecord: give it to JsonTreeModel::setRecord for the payload),
// JsonRole (the `esctl export` line), ProblemRole, ProblemKindRole, ForegroundRole, IdRole,
// VersionRole, NotificationIdRole, RowKindRole (Record).
// Changing the aggregate or the keys bumps the generation; answers for the previous aggregate are
// dropped. GUI thread only; the model may be a child of its
// session (not used once the session is gone).

#include "models/modelroles.h"
#include "workers/storesession.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QUuid>
#include <vector>

namespace es::gui {

class EventsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        VersionColumn,
        TopicColumn,
        TimeColumn,
        StoredColumn,
        StatusColumn,
        NotificationIdColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit EventsModel(StoreSession *session, QObject *parent = nullptr);
    ~EventsModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // Shows the events of `id` in `application` (a null id clears). Loads the first page.
    void setAggregate(const QString &application, const QUuid &id);
    QString application() const { return m_application; }
    QUuid aggregate() const { return m_id; }
    void setPageSize(int rows);
    void refresh();

    bool isLoading() const { return m_inFlight != 0; }
    bool atEnd() const { return m_atEnd; }
    const es::inspect::DecodedRecord *record(int row) const;
    // The row of a version, or -1 when not loaded.
    int rowOfVersion(qint64 version) const;

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
    QUuid m_id;
    int m_pageSize = 200;
    std::vector<es::inspect::DecodedRecord> m_rows;
    bool m_atEnd = true;
    quint64 m_inFlight = 0;
    Generation m_generation;
};

} // namespace es::gui
