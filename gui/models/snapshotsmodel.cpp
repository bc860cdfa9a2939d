#include "models/snapshotsmodel.h"

namespace es::gui {

SnapshotsModel::SnapshotsModel(StoreSession *session, QObject *parent)
    : PagedRecordModel(session,
                       {RecordField::Aggregate, RecordField::Version, RecordField::SnapshotType, RecordField::Time,
                        RecordField::Stored, RecordField::Status},
                       parent)
{
    connect(session, &StoreSession::closed, this, [this] { setApplication(QString()); });
}

void SnapshotsModel::setApplication(const QString &application, const std::optional<QUuid> &aggregate)
{
    m_application = application;
    m_aggregate = aggregate;
    restart();
}

void SnapshotsModel::setNewestFirst(bool on)
{
    if (m_newestFirst == on)
        return;
    m_newestFirst = on;
    restart();
}

bool SnapshotsModel::hasSubject() const
{
    return !m_application.isEmpty();
}

void SnapshotsModel::forgetPosition()
{
    m_next.reset();
}

void SnapshotsModel::requestPage()
{
    const std::optional<es::inspect::Source> source = sourceOf(m_application);
    if (!source)
        return;
    es::inspect::SnapshotQuery query;
    query.originator = m_aggregate;
    query.after = m_next;
    query.direction = m_newestFirst ? es::inspect::Direction::Backward : es::inspect::Direction::Forward;
    query.limit = pageSize();
    loadPage([s = *source, query](const JobControl &) { return es::inspect::SnapshotPager(s).page(query); },
             [this](const es::inspect::SnapshotPage &page) {
                 m_next = page.next;
                 return page.atEnd || !page.next;
             });
}

} // namespace es::gui
