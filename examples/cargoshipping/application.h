#pragma once
// Python's BookingApplication (eventsourcing/examples/cargoshipping/application.py): the application
// services of the cargo shipping example — book a cargo, change its destination, find routes, assign
// one, register handling events — with the "location", "handling_activity", "itinerary" and "leg"
// transcodings registered as Python registers them. Thread-safe as es::Application is; the Cargo
// objects it returns are the caller's.

#include "cargoshipping/domainmodel.h"

#include "es/application.h"

namespace cargoshipping {

class BookingApplication : public es::Application
{
public:
    static constexpr const char *NAME = "BookingApplication";
    explicit BookingApplication(const es::EnvMap &env = {});

    // Books a new cargo and returns its tracking id.
    QUuid bookNewCargo(Location origin, Location destination, const es::Timestamp &arrivalDeadline);
    void changeDestination(const QUuid &trackingId, Location destination);
    // The registered routes from the cargo's last known location (or its origin) to its destination;
    // throws CargoError "Can't find routes from X to Y" when there are none.
    std::vector<Itinerary> requestPossibleRoutesForCargo(const QUuid &trackingId);
    void assignRoute(const QUuid &trackingId, const Itinerary &itinerary);
    // Throws CargoError when the event does not fit the cargo's route (as Python raises).
    void registerHandlingEvent(const QUuid &trackingId, const std::optional<QString> &voyageNumber,
                               Location location, HandlingActivity handlingActivity);
    // The cargo, at `version` (latest when none). Throws es::AggregateNotFound.
    std::unique_ptr<Cargo> getCargo(const QUuid &trackingId, std::optional<qint64> version = std::nullopt);

protected:
    void registerTypes() override;
    void registerTranscodings(es::JSONTranscoder &transcoder) override;
};

} // namespace cargoshipping
