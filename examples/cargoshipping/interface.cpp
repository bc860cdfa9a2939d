#include "cargoshipping/interface.h"

namespace cargoshipping {

namespace {
QVariant optionalString(const std::optional<QString> &s)
{
    return s ? QVariant(*s) : QVariant();
}
} // namespace

QVariantMap CargoDetails::toVariantMap() const
{
    QVariantMap m;
    m.insert(QStringLiteral("id"), id);
    m.insert(QStringLiteral("origin"), origin);
    m.insert(QStringLiteral("destination"), destination);
    m.insert(QStringLiteral("arrival_deadline"), arrivalDeadline.toIsoString());
    m.insert(QStringLiteral("transport_status"), transportStatus);
    m.insert(QStringLiteral("routing_status"), routingStatus);
    m.insert(QStringLiteral("is_misdirected"), isMisdirected);
    m.insert(QStringLiteral("estimated_time_of_arrival"),
             estimatedTimeOfArrival ? QVariant(estimatedTimeOfArrival->toIsoString()) : QVariant());
    m.insert(QStringLiteral("next_expected_activity"),
             nextExpectedActivity ? QVariant(*nextExpectedActivity) : QVariant());
    m.insert(QStringLiteral("last_known_location"), optionalString(lastKnownLocation));
    m.insert(QStringLiteral("current_voyage_number"), optionalString(currentVoyageNumber));
    return m;
}

QString BookingService::bookNewCargo(const QString &origin, const QString &destination,
                                     const es::Timestamp &arrivalDeadline)
{
    const QUuid id
        = m_app.bookNewCargo(locationFromName(origin), locationFromName(destination), arrivalDeadline);
    return es::uuid::toDashed(id);
}

CargoDetails BookingService::getCargoDetails(const QString &trackingId)
{
    const auto cargo = m_app.getCargo(es::uuid::fromString(trackingId));
    CargoDetails d;
    d.id = es::uuid::toDashed(cargo->id());
    d.origin = locationName(cargo->origin());
    d.destination = locationName(cargo->destination());
    d.arrivalDeadline = cargo->arrivalDeadline();
    d.transportStatus = cargo->transportStatus();
    d.routingStatus = cargo->routingStatus();
    d.isMisdirected = cargo->isMisdirected();
    d.estimatedTimeOfArrival = cargo->estimatedTimeOfArrival();
    if (const auto &next = cargo->nextExpectedActivity()) {
        QStringList t {handlingActivityName(next->activity), locationName(next->location)};
        if (next->voyageNumber)
            t.append(*next->voyageNumber);
        d.nextExpectedActivity = t;
    }
    if (const auto &last = cargo->lastKnownLocation())
        d.lastKnownLocation = locationName(*last);
    d.currentVoyageNumber = cargo->currentVoyageNumber();
    return d;
}

void BookingService::changeDestination(const QString &trackingId, const QString &destination)
{
    m_app.changeDestination(es::uuid::fromString(trackingId), locationFromName(destination));
}

QVariantList BookingService::requestPossibleRoutesForCargo(const QString &trackingId)
{
    QVariantList out;
    for (const Itinerary &route : m_app.requestPossibleRoutesForCargo(es::uuid::fromString(trackingId)))
        out.append(dictFromItinerary(route));
    return out;
}

QVariantMap BookingService::dictFromItinerary(const Itinerary &itinerary)
{
    QVariantList legs;
    for (const Leg &leg : itinerary.legs) {
        legs.append(QVariantMap {{QStringLiteral("origin"), leg.origin},
                                 {QStringLiteral("destination"), leg.destination},
                                 {QStringLiteral("voyage_number"), leg.voyageNumber}});
    }
    return QVariantMap {{QStringLiteral("origin"), itinerary.origin},
                        {QStringLiteral("destination"), itinerary.destination},
                        {QStringLiteral("legs"), legs}};
}

void BookingService::assignRoute(const QString &trackingId, const QVariantMap &routeDetails)
{
    const QUuid id = es::uuid::fromString(trackingId);
    for (const Itinerary &route : m_app.requestPossibleRoutesForCargo(id)) {
        if (routeDetails == dictFromItinerary(route))
            m_app.assignRoute(id, route);
    }
}

void BookingService::registerHandlingEvent(const QString &trackingId,
                                           const std::optional<QString> &voyageNumber,
                                           const QString &location, const QString &handlingActivity)
{
    m_app.registerHandlingEvent(es::uuid::fromString(trackingId), voyageNumber, locationFromName(location),
                                handlingActivityFromName(handlingActivity));
}

QVariantMap selectPreferredItinerary(const QVariantList &itineraries)
{
    if (itineraries.isEmpty())
        throw es::ValueError(QStringLiteral("no itinerary to select"));
    return itineraries.first().toMap();
}

} // namespace cargoshipping
