#pragma once
// The cargo shipping domain model of Python's eventsourcing 9.1
// (eventsourcing/examples/cargoshipping/domainmodel.py): a Cargo aggregate booked from an origin to
// a destination, routed along an itinerary of legs, and tracked through handling events (receive,
// load, unload, claim) that decide its transport status, next expected activity and misdirection.
// Topics, attribute names and transcoding names are Python's, so the stores are interchangeable:
// Location and HandlingActivity are stored by name ("location", "handling_activity"), Itinerary and
// Leg as their __dict__ ("itinerary", "leg"; the legs inside an itinerary are "leg"-typed).
// Values and aggregates are plain values owned by their user; not thread-safe to mutate.

#include "es/domain.h"

#include <QString>
#include <QUuid>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace cargoshipping {

// A rule of the domain model was broken (Python raises a plain Exception for these).
class CargoError : public es::EventSourcingError
{
    using es::EventSourcingError::EventSourcingError;
};

// Locations in the world (Python's Enum Location; name == value).
enum class Location { HAMBURG, HONGKONG, NEWYORK, STOCKHOLM, TOKYO, NLRTM, USDAL, AUMEL };

// The name (Python's Location.X.name and .value).
QString locationName(Location location);
// Python's Location[name]; throws es::ValueError naming the text when there is no such location.
Location locationFromName(const QString &name);
// Every location, in declaration order.
std::vector<Location> allLocations();

enum class HandlingActivity { RECEIVE, LOAD, UNLOAD, CLAIM };

QString handlingActivityName(HandlingActivity activity);
// Python's HandlingActivity[name]; throws es::ValueError naming the text when there is none.
HandlingActivity handlingActivityFromName(const QString &name);

// A leg of an itinerary. Origin and destination are location names (str in Python).
struct Leg
{
    QString origin;
    QString destination;
    QString voyageNumber;

    bool operator==(const Leg &o) const
    {
        return origin == o.origin && destination == o.destination && voyageNumber == o.voyageNumber;
    }
    bool operator!=(const Leg &o) const { return !(*this == o); }
};

// An itinerary along which cargo is shipped.
struct Itinerary
{
    QString origin;
    QString destination;
    std::vector<Leg> legs;

    bool operator==(const Itinerary &o) const
    {
        return origin == o.origin && destination == o.destination && legs == o.legs;
    }
    bool operator!=(const Itinerary &o) const { return !(*this == o); }
};

// Python's NextExpectedActivity: the tuple (activity, location) or (activity, location, voyage).
struct NextExpectedActivity
{
    HandlingActivity activity = HandlingActivity::RECEIVE;
    Location location = Location::HAMBURG;
    std::optional<QString> voyageNumber; // the third element, when there is one

    bool operator==(const NextExpectedActivity &o) const
    {
        return activity == o.activity && location == o.location && voyageNumber == o.voyageNumber;
    }
    bool operator!=(const NextExpectedActivity &o) const { return !(*this == o); }
};

// Python's REGISTERED_ROUTES: (from, to) location names → possible itineraries. Built once; read-only.
const std::map<std::pair<QString, QString>, std::vector<Itinerary>> &registeredRoutes();

class Cargo : public es::AggregateRoot<Cargo>
{
public:
    static constexpr const char *TOPIC = "eventsourcing.examples.cargoshipping.domainmodel:Cargo";

    struct BookingStarted : es::CreatedEvent<Cargo, BookingStarted>
    {
        static constexpr const char *TOPIC
            = "eventsourcing.examples.cargoshipping.domainmodel:Cargo.BookingStarted";
        Location origin = Location::HAMBURG;
        Location destination = Location::HAMBURG;
        es::Timestamp arrivalDeadline;
        static constexpr auto fields()
        {
            return es::fields(es::field("origin", &BookingStarted::origin),
                              es::field("destination", &BookingStarted::destination),
                              es::field("arrival_deadline", &BookingStarted::arrivalDeadline));
        }
        void apply(Cargo &c) const;
    };

    struct DestinationChanged : es::Event<Cargo, DestinationChanged>
    {
        static constexpr const char *TOPIC
            = "eventsourcing.examples.cargoshipping.domainmodel:Cargo.DestinationChanged";
        Location destination = Location::HAMBURG;
        static constexpr auto fields()
        {
            return es::fields(es::field("destination", &DestinationChanged::destination));
        }
        void apply(Cargo &c) const { c.m_destination = destination; }
    };

    struct RouteAssigned : es::Event<Cargo, RouteAssigned>
    {
        static constexpr const char *TOPIC
            = "eventsourcing.examples.cargoshipping.domainmodel:Cargo.RouteAssigned";
        Itinerary route;
        static constexpr auto fields() { return es::fields(es::field("route", &RouteAssigned::route)); }
        void apply(Cargo &c) const;
    };

    struct HandlingEventRegistered : es::Event<Cargo, HandlingEventRegistered>
    {
        static constexpr const char *TOPIC
            = "eventsourcing.examples.cargoshipping.domainmodel:Cargo.HandlingEventRegistered";
        QUuid trackingId;
        std::optional<QString> voyageNumber;
        Location location = Location::HAMBURG;
        HandlingActivity handlingActivity = HandlingActivity::RECEIVE;
        static constexpr auto fields()
        {
            return es::fields(es::field("tracking_id", &HandlingEventRegistered::trackingId),
                              es::field("voyage_number", &HandlingEventRegistered::voyageNumber),
                              es::field("location", &HandlingEventRegistered::location),
                              es::field("handling_activity", &HandlingEventRegistered::handlingActivity));
        }
        // The handling-event state machine; throws CargoError where Python raises.
        void apply(Cargo &c) const;
    };

    using Events = es::EventTypes<BookingStarted, DestinationChanged, RouteAssigned, HandlingEventRegistered>;

    // Python's Cargo.__dict__ after _created_on and _modified_on.
    static constexpr auto stateFields()
    {
        return es::fields(es::field("_origin", &Cargo::m_origin),
                          es::field("_destination", &Cargo::m_destination),
                          es::field("_arrival_deadline", &Cargo::m_arrivalDeadline),
                          es::field("_transport_status", &Cargo::m_transportStatus),
                          es::field("_routing_status", &Cargo::m_routingStatus),
                          es::field("_is_misdirected", &Cargo::m_isMisdirected),
                          es::field("_estimated_time_of_arrival", &Cargo::m_estimatedTimeOfArrival),
                          es::field("_next_expected_activity", &Cargo::m_nextExpectedActivity),
                          es::field("_route", &Cargo::m_route),
                          es::field("_last_known_location", &Cargo::m_lastKnownLocation),
                          es::field("_current_voyage_number", &Cargo::m_currentVoyageNumber));
    }

    // Python's Cargo.new_booking(): a new cargo with a random (tracking) id.
    static std::unique_ptr<Cargo> newBooking(Location origin, Location destination,
                                             const es::Timestamp &arrivalDeadline);

    void changeDestination(Location destination) { triggerEvent<DestinationChanged>(destination); }
    void assignRoute(const Itinerary &itinerary) { triggerEvent<RouteAssigned>(itinerary); }
    void registerHandlingEvent(const QUuid &trackingId, const std::optional<QString> &voyageNumber,
                               Location location, HandlingActivity handlingActivity)
    {
        triggerEvent<HandlingEventRegistered>(trackingId, voyageNumber, location, handlingActivity);
    }

    Location origin() const { return m_origin; }
    Location destination() const { return m_destination; }
    const es::Timestamp &arrivalDeadline() const { return m_arrivalDeadline; }
    // "NOT_RECEIVED", "IN_PORT", "ONBOARD_CARRIER", "CLAIMED".
    const QString &transportStatus() const { return m_transportStatus; }
    // "NOT_ROUTED", "ROUTED".
    const QString &routingStatus() const { return m_routingStatus; }
    bool isMisdirected() const { return m_isMisdirected; }
    const std::optional<es::Timestamp> &estimatedTimeOfArrival() const { return m_estimatedTimeOfArrival; }
    const std::optional<NextExpectedActivity> &nextExpectedActivity() const { return m_nextExpectedActivity; }
    const std::optional<Itinerary> &route() const { return m_route; }
    const std::optional<Location> &lastKnownLocation() const { return m_lastKnownLocation; }
    const std::optional<QString> &currentVoyageNumber() const { return m_currentVoyageNumber; }

private:
    Location m_origin = Location::HAMBURG;
    Location m_destination = Location::HAMBURG;
    es::Timestamp m_arrivalDeadline;
    QString m_transportStatus = QStringLiteral("NOT_RECEIVED");
    QString m_routingStatus = QStringLiteral("NOT_ROUTED");
    bool m_isMisdirected = false;
    std::optional<es::Timestamp> m_estimatedTimeOfArrival;
    std::optional<NextExpectedActivity> m_nextExpectedActivity;
    std::optional<Itinerary> m_route;
    std::optional<Location> m_lastKnownLocation;
    std::optional<QString> m_currentVoyageNumber;
};

} // namespace cargoshipping

// --- Python's transcodings (application.py) and the tuple of the next expected activity -----------

template<> struct es::Transcoding<cargoshipping::Location>
{
    static constexpr std::string_view name = "location";
    static void encode(es::json::Writer &w, const cargoshipping::Location &v);
    static cargoshipping::Location decode(const es::json::Node &data);
};

template<> struct es::Transcoding<cargoshipping::HandlingActivity>
{
    static constexpr std::string_view name = "handling_activity";
    static void encode(es::json::Writer &w, const cargoshipping::HandlingActivity &v);
    static cargoshipping::HandlingActivity decode(const es::json::Node &data);
};

template<> struct es::Transcoding<cargoshipping::Leg>
{
    static constexpr std::string_view name = "leg";
    static void encode(es::json::Writer &w, const cargoshipping::Leg &v);
    static cargoshipping::Leg decode(const es::json::Node &data);
};

template<> struct es::Transcoding<cargoshipping::Itinerary>
{
    static constexpr std::string_view name = "itinerary";
    static void encode(es::json::Writer &w, const cargoshipping::Itinerary &v);
    static cargoshipping::Itinerary decode(const es::json::Node &data);
};

// A Python tuple: a JSON list of two or three elements.
template<> struct es::Codec<cargoshipping::NextExpectedActivity>
{
    static void write(es::json::Writer &w, const cargoshipping::NextExpectedActivity &v);
    static cargoshipping::NextExpectedActivity read(const es::json::Node &n);
};
