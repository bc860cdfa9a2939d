#pragma once
// Python's BookingService (eventsourcing/examples/cargoshipping/interface.py): the cargo shipping
// application presented with simple types — tracking ids and locations as strings, routes as dicts
// (QVariantMap with Python's keys) — for clients such as the inspector's example panel.
// Holds a reference to the application, which must outlive it; as thread-safe as the application.

#include "cargoshipping/application.h"

#include <QStringList>
#include <QVariantList>
#include <QVariantMap>

namespace cargoshipping {

// Python's CargoDetails dict as a struct.
struct CargoDetails
{
    QString id; // str(UUID): dashed, lower case
    QString origin;
    QString destination;
    es::Timestamp arrivalDeadline;
    QString transportStatus;
    QString routingStatus;
    bool isMisdirected = false;
    std::optional<es::Timestamp> estimatedTimeOfArrival;
    // ("RECEIVE", "HONGKONG") or ("LOAD", "HONGKONG", "V1"); nullopt for None.
    std::optional<QStringList> nextExpectedActivity;
    std::optional<QString> lastKnownLocation;
    std::optional<QString> currentVoyageNumber;

    // The dict get_cargo_details() returns in Python, same keys: None is an invalid QVariant,
    // datetimes are their isoformat() text, the next expected activity a QStringList.
    QVariantMap toVariantMap() const;
};

class BookingService
{
public:
    explicit BookingService(BookingApplication &app) : m_app(app) { }

    BookingApplication &app() const { return m_app; }

    // Location names as Python's Location[...] takes them; returns str(tracking id). Unknown names
    // and malformed ids throw es::ValueError.
    QString bookNewCargo(const QString &origin, const QString &destination,
                         const es::Timestamp &arrivalDeadline);
    CargoDetails getCargoDetails(const QString &trackingId);
    void changeDestination(const QString &trackingId, const QString &destination);
    // A list of route dicts: {"origin", "destination", "legs": [{"origin", "destination",
    // "voyage_number"}…]}.
    QVariantList requestPossibleRoutesForCargo(const QString &trackingId);
    // Assigns every possible route equal to the given dict (none when none matches), as Python does.
    void assignRoute(const QString &trackingId, const QVariantMap &routeDetails);
    void registerHandlingEvent(const QString &trackingId, const std::optional<QString> &voyageNumber,
                               const QString &location, const QString &handlingActivity);

    static QVariantMap dictFromItinerary(const Itinerary &itinerary);

private:
    BookingApplication &m_app;
};

// Python's stub select_preferred_itinerary(): the first of the itineraries (throws es::ValueError
// when there is none).
QVariantMap selectPreferredItinerary(const QVariantList &itineraries);

} // namespace cargoshipping
