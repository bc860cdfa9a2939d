#include "cargoshipping/application.h"

namespace cargoshipping {

BookingApplication::BookingApplication(const es::EnvMap &env) : Application(QString::fromUtf8(NAME), env) { }

void BookingApplication::registerTypes()
{
    es::registerAggregate<Cargo>();
}

void BookingApplication::registerTranscodings(es::JSONTranscoder &transcoder)
{
    transcoder.registerTranscoding<Location>();
    transcoder.registerTranscoding<HandlingActivity>();
    transcoder.registerTranscoding<Itinerary>();
    transcoder.registerTranscoding<Leg>();
}

QUuid BookingApplication::bookNewCargo(Location origin, Location destination,
                                       const es::Timestamp &arrivalDeadline)
{
    auto cargo = Cargo::newBooking(origin, destination, arrivalDeadline);
    save(*cargo);
    return cargo->id();
}

void BookingApplication::changeDestination(const QUuid &trackingId, Location destination)
{
    auto cargo = getCargo(trackingId);
    cargo->changeDestination(destination);
    save(*cargo);
}

std::vector<Itinerary> BookingApplication::requestPossibleRoutesForCargo(const QUuid &trackingId)
{
    const auto cargo = getCargo(trackingId);
    const QString from = locationName(cargo->lastKnownLocation().value_or(cargo->origin()));
    const QString to = locationName(cargo->destination());
    const auto &routes = registeredRoutes();
    const auto it = routes.find({from, to});
    if (it == routes.end())
        throw CargoError(QStringLiteral("Can't find routes from %1 to %2").arg(from, to));
    return it->second;
}

void BookingApplication::assignRoute(const QUuid &trackingId, const Itinerary &itinerary)
{
    auto cargo = getCargo(trackingId);
    cargo->assignRoute(itinerary);
    save(*cargo);
}

void BookingApplication::registerHandlingEvent(const QUuid &trackingId,
                                               const std::optional<QString> &voyageNumber, Location location,
                                               HandlingActivity handlingActivity)
{
    auto cargo = getCargo(trackingId);
    cargo->registerHandlingEvent(trackingId, voyageNumber, location, handlingActivity);
    save(*cargo);
}

std::unique_ptr<Cargo> BookingApplication::getCargo(const QUuid &trackingId, std::optional<qint64> version)
{
    return repository().get<Cargo>(trackingId, version);
}

} // namespace cargoshipping
