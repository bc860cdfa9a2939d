#pragma once
// EventsModel: the events of one aggregate by version (table, no children), loaded lazily in
// version pages of es::inspect::EventPager (canFetchMore()/fetchMore(); PagedRecordModel).
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

#include "models/pagedrecordmodel.h"

#include <QUuid>

namespace es::gui {

class EventsModel : public PagedRecordModel
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

    // Shows the events of `id` in `application` (a null id clears). Loads the first page.
    void setAggregate(const QString &application, const QUuid &id);
    QString application() const { return m_application; }
    QUuid aggregate() const { return m_id; }
    // The row of a version, or -1 when not loaded.
    int rowOfVersion(qint64 version) const;

private:
    bool hasSubject() const override;
    void requestPage() override;

    QString m_application;
    QUuid m_id;
};

} // namespace es::gui
