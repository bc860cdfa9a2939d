#include "models/eventsmodel.h"

namespace es::gui {

EventsModel::EventsModel(StoreSession *session, QObject *parent)
    : PagedRecordModel(session,
                       {RecordField::Version, RecordField::Topic, RecordField::Time, RecordField::Stored,
                        RecordField::Status, RecordField::NotificationId},
                       parent)
{
    connect(session, &StoreSession::closed, this, [this] { setAggregate(QString(), QUuid()); });
}

void EventsModel::setAggregate(const QString &application, const QUuid &id)
{
    m_application = application;
    m_id = id;
    restart();
}

int EventsModel::rowOfVersion(qint64 version) const
{
    for (size_t i = 0; i < rows().size(); ++i)
        if (rows()[i].originatorVersion == version)
            return static_cast<int>(i);
    return -1;
}

bool EventsModel::hasSubject() const
{
    return !m_id.isNull() && !m_application.isEmpty();
}

void EventsModel::requestPage()
{
    const std::optional<es::inspect::Source> source = sourceOf(m_application);
    if (!source)
        return;
    const std::optional<qint64> after
        = rows().empty() ? std::nullopt : std::optional<qint64>(rows().back().originatorVersion);
    loadPage(
        [s = *source, id = m_id, after, limit = pageSize()](const JobControl &) {
            return es::inspect::EventPager(s).page(id, after, es::inspect::Direction::Forward, limit);
        },
        [](const es::inspect::RecordPage &page) { return page.atEnd; });
}

} // namespace es::gui
