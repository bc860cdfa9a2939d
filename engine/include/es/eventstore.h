#pragma once
// Python's EventStore: a mapper and a recorder together; put() domain events, get() them back.
// Thread-safe when its recorder and mapper are (all of the engine's are).

#include "es/domain.h"
#include "es/persistence.h"
#include "es/transcoder.h"

#include <memory>
#include <optional>
#include <vector>

namespace es {

class EventStore
{
public:
    EventStore(std::shared_ptr<Mapper> mapper, std::shared_ptr<AggregateRecorder> recorder);

    // Maps and records the events in one transaction (with tracking for process recorders).
    // Returns the notification ids assigned (empty when the recorder has no log).
    std::vector<qint64> put(const std::vector<DomainEventPtr> &events, const Tracking *tracking = nullptr);
    // The events of one originator, mapped back (gt < version <= lte).
    std::vector<DomainEventPtr> get(const QUuid &originatorId, std::optional<qint64> gt = std::nullopt,
                                    std::optional<qint64> lte = std::nullopt, bool desc = false,
                                    std::optional<qint64> limit = std::nullopt);

    Mapper &mapper() const { return *m_mapper; }
    AggregateRecorder &recorder() const { return *m_recorder; }

private:
    std::shared_ptr<Mapper> m_mapper;
    std::shared_ptr<AggregateRecorder> m_recorder;
};

} // namespace es
