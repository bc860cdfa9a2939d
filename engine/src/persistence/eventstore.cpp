#include "es/eventstore.h"

namespace es {

EventStore::EventStore(std::shared_ptr<Mapper> mapper, std::shared_ptr<AggregateRecorder> recorder)
    : m_mapper(std::move(mapper))
    , m_recorder(std::move(recorder))
{
}

std::vector<qint64> EventStore::put(const std::vector<DomainEventPtr> &events, const Tracking *tracking)
{
    std::vector<StoredEvent> stored;
    stored.reserve(events.size());
    for (const DomainEventPtr &e : events)
        stored.push_back(m_mapper->fromDomainEvent(*e));
    return m_recorder->insertEvents(stored, tracking);
}

std::vector<DomainEventPtr> EventStore::get(const QUuid &originatorId, std::optional<qint64> gt,
                                            std::optional<qint64> lte, bool desc, std::optional<qint64> limit)
{
    const std::vector<StoredEvent> stored = m_recorder->selectEvents(originatorId, gt, lte, desc, limit);
    std::vector<DomainEventPtr> events;
    events.reserve(stored.size());
    for (const StoredEvent &s : stored)
        events.push_back(m_mapper->toDomainEvent(s));
    return events;
}

} // namespace es
