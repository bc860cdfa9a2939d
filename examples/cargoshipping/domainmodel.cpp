#include "cargoshipping/domainmodel.h"

#include <array>

namespace cargoshipping {

namespace {

struct LocationEntry
{
    Location location;
    const char *name;
};
constexpr std::array<LocationEntry, 8> kLocations {{
    {Location::HAMBURG, "HAMBURG"},
    {Location::HONGKONG, "HONGKONG"},
    {Location::NEWYORK, "NEWYORK"},
    {Location::STOCKHOLM, "STOCKHOLM"},
    {Location::TOKYO, "TOKYO"},
    {Location::NLRTM, "NLRTM"},
    {Location::USDAL, "USDAL"},
    {Location::AUMEL, "AUMEL"},
}};

struct ActivityEntry
{
    HandlingActivity activity;
    const char *name;
};
constexpr std::array<ActivityEntry, 4> kActivities {{
    {HandlingActivity::RECEIVE, "RECEIVE"},
    {HandlingActivity::LOAD, "LOAD"},
    {HandlingActivity::UNLOAD, "UNLOAD"},
    {HandlingActivity::CLAIM, "CLAIM"},
}};

QString readString(const es::json::Node &n, const char *what)
{
    if (!n.isString())
        es::detail::throwTypeMismatch(what, n);
    return n.toQString();
}

QString member(const es::json::Node &obj, std::string_view key)
{
    const es::json::Node n = obj.find(key);
    if (!n.isValid())
        throw es::TranscodingError(
            QStringLiteral("missing key '%1'")
                .arg(QString::fromUtf8(key.data(), static_cast<qsizetype>(key.size()))));
    return readString(n, "string");
}

} // namespace

QString locationName(Location location)
{
    for (const auto &e : kLocations)
        if (e.location == location)
            return QString::fromLatin1(e.name);
    throw es::ValueError(QStringLiteral("invalid Location %1").arg(static_cast<int>(location)));
}

Location locationFromName(const QString &name)
{
    for (const auto &e : kLocations)
        if (name == QLatin1String(e.name))
            return e.location;
    throw es::ValueError(QStringLiteral("'%1' is not a Location").arg(name));
}

std::vector<Location> allLocations()
{
    std::vector<Location> out;
    out.reserve(kLocations.size());
    for (const auto &e : kLocations)
        out.push_back(e.location);
    return out;
}

QString handlingActivityName(HandlingActivity activity)
{
    for (const auto &e : kActivities)
        if (e.activity == activity)
            return QString::fromLatin1(e.name);
    throw es::ValueError(QStringLiteral("invalid HandlingActivity %1").arg(static_cast<int>(activity)));
}

HandlingActivity handlingActivityFromName(const QString &name)
{
    for (const auto &e : kActivities)
        if (name == QLatin1String(e.name))
            return e.activity;
    throw es::ValueError(QStringLiteral("'%1' is not a HandlingActivity").arg(name));
}

const std::map<std::pair<QString, QString>, std::vector<Itinerary>> &registeredRoutes()
{
    static const std::map<std::pair<QString, QString>, std::vector<Itinerary>> routes = [] {
        const auto s = [](const char *t) {
            return QString::fromLatin1(t);
        };
        std::map<std::pair<QString, QString>, std::vector<Itinerary>> r;
        r[{s("HONGKONG"), s("STOCKHOLM")}] = {Itinerary {
            s("HONGKONG"),
            s("STOCKHOLM"),
            {Leg {s("HONGKONG"), s("NEWYORK"), s("V1")}, Leg {s("NEWYORK"), s("STOCKHOLM"), s("V2")}}}};
        r[{s("TOKYO"), s("STOCKHOLM")}] = {Itinerary {
            s("TOKYO"),
            s("STOCKHOLM"),
            {Leg {s("TOKYO"), s("HAMBURG"), s("V3")}, Leg {s("HAMBURG"), s("STOCKHOLM"), s("V4")}}}};
        return r;
    }();
    return routes;
}

// --- Cargo --------------------------------------------------------------------------------------------

std::unique_ptr<Cargo> Cargo::newBooking(Location origin, Location destination,
                                         const es::Timestamp &arrivalDeadline)
{
    return createAggregate<BookingStarted>(es::uuid::v4(), origin, destination, arrivalDeadline);
}

void Cargo::BookingStarted::apply(Cargo &c) const
{
    c.m_origin = origin;
    c.m_destination = destination;
    c.m_arrivalDeadline = arrivalDeadline;
    c.m_transportStatus = QStringLiteral("NOT_RECEIVED");
    c.m_routingStatus = QStringLiteral("NOT_ROUTED");
    c.m_isMisdirected = false;
    c.m_estimatedTimeOfArrival.reset();
    c.m_nextExpectedActivity.reset();
    c.m_route.reset();
    c.m_lastKnownLocation.reset();
    c.m_currentVoyageNumber.reset();
}

void Cargo::RouteAssigned::apply(Cargo &c) const
{
    c.m_route = route;
    c.m_routingStatus = QStringLiteral("ROUTED");
    // As Python: a week from when the event is applied (not from the event's timestamp).
    c.m_estimatedTimeOfArrival = es::Timestamp::now().addDays(7);
    c.m_nextExpectedActivity = NextExpectedActivity {HandlingActivity::RECEIVE, c.m_origin, std::nullopt};
    c.m_isMisdirected = false;
}

void Cargo::HandlingEventRegistered::apply(Cargo &c) const
{
    if (!c.m_route)
        throw CargoError(QStringLiteral("cannot register a handling event: the cargo has no route"));
    const Itinerary &route = *c.m_route;
    const QString here = locationName(location);

    switch (handlingActivity) {
    case HandlingActivity::RECEIVE:
        if (route.legs.empty())
            throw CargoError(QStringLiteral("the route has no legs"));
        c.m_transportStatus = QStringLiteral("IN_PORT");
        c.m_lastKnownLocation = location;
        c.m_nextExpectedActivity
            = NextExpectedActivity {HandlingActivity::LOAD, location, route.legs.front().voyageNumber};
        return;

    case HandlingActivity::LOAD:
        c.m_transportStatus = QStringLiteral("ONBOARD_CARRIER");
        c.m_currentVoyageNumber = voyageNumber;
        for (const Leg &leg : route.legs) {
            if (leg.origin == here && voyageNumber && leg.voyageNumber == *voyageNumber) {
                c.m_nextExpectedActivity = NextExpectedActivity {
                    HandlingActivity::UNLOAD, locationFromName(leg.destination), voyageNumber};
                return;
            }
        }
        throw CargoError(QStringLiteral("Can't find leg with origin=Location.%1 and voyage_number=%2")
                             .arg(here, voyageNumber ? *voyageNumber : QStringLiteral("None")));

    case HandlingActivity::UNLOAD: {
        c.m_currentVoyageNumber.reset();
        c.m_lastKnownLocation = location;
        c.m_transportStatus = QStringLiteral("IN_PORT");
        if (location == c.m_destination) {
            c.m_nextExpectedActivity = NextExpectedActivity {HandlingActivity::CLAIM, location, std::nullopt};
            return;
        }
        const bool onRoute = std::any_of(route.legs.begin(), route.legs.end(),
                                         [&](const Leg &leg) { return leg.destination == here; });
        if (onRoute) {
            for (size_t i = 0; i < route.legs.size(); ++i) {
                const Leg &leg = route.legs[i];
                if (voyageNumber && leg.voyageNumber == *voyageNumber) {
                    if (i + 1 >= route.legs.size())
                        throw CargoError(QStringLiteral("no leg after voyage %1").arg(*voyageNumber));
                    const Leg &nextLeg = route.legs[i + 1];
                    if (locationFromName(nextLeg.origin) != location)
                        throw CargoError(
                            QStringLiteral("the next leg leaves from %1, not %2").arg(nextLeg.origin, here));
                    c.m_nextExpectedActivity
                        = NextExpectedActivity {HandlingActivity::LOAD, location, nextLeg.voyageNumber};
                    break;
                }
            }
        } else {
            c.m_isMisdirected = true;
            c.m_nextExpectedActivity.reset();
        }
        return;
    }

    case HandlingActivity::CLAIM:
        c.m_nextExpectedActivity.reset();
        c.m_transportStatus = QStringLiteral("CLAIMED");
        return;
    }
    throw CargoError(
        QStringLiteral("Unsupported handling event: %1").arg(static_cast<int>(handlingActivity)));
}

} // namespace cargoshipping

// --- transcodings -------------------------------------------------------------------------------------

using namespace cargoshipping;

void es::Transcoding<Location>::encode(es::json::Writer &w, const Location &v)
{
    w.string(locationName(v));
}

Location es::Transcoding<Location>::decode(const es::json::Node &data)
{
    try {
        return locationFromName(readString(data, "Location name"));
    } catch (const es::ValueError &e) {
        throw es::TranscodingError(e.message());
    }
}

void es::Transcoding<HandlingActivity>::encode(es::json::Writer &w, const HandlingActivity &v)
{
    w.string(handlingActivityName(v));
}

HandlingActivity es::Transcoding<HandlingActivity>::decode(const es::json::Node &data)
{
    try {
        return handlingActivityFromName(readString(data, "HandlingActivity name"));
    } catch (const es::ValueError &e) {
        throw es::TranscodingError(e.message());
    }
}

void es::Transcoding<Leg>::encode(es::json::Writer &w, const Leg &v)
{
    w.beginObject();
    w.key("origin");
    w.string(v.origin);
    w.key("destination");
    w.string(v.destination);
    w.key("voyage_number");
    w.string(v.voyageNumber);
    w.endObject();
}

Leg es::Transcoding<Leg>::decode(const es::json::Node &data)
{
    if (!data.isObject())
        es::detail::throwTypeMismatch("object (a Leg's __dict__)", data);
    return Leg {member(data, "origin"), member(data, "destination"), member(data, "voyage_number")};
}

void es::Transcoding<Itinerary>::encode(es::json::Writer &w, const Itinerary &v)
{
    w.beginObject();
    w.key("origin");
    w.string(v.origin);
    w.key("destination");
    w.string(v.destination);
    w.key("legs");
    es::encodeValue(w, v.legs);
    w.endObject();
}

Itinerary es::Transcoding<Itinerary>::decode(const es::json::Node &data)
{
    if (!data.isObject())
        es::detail::throwTypeMismatch("object (an Itinerary's __dict__)", data);
    const es::json::Node legs = data.find("legs");
    if (!legs.isValid())
        throw es::TranscodingError(QStringLiteral("missing key 'legs'"));
    return Itinerary {member(data, "origin"), member(data, "destination"),
                      es::decodeValue<std::vector<Leg>>(legs)};
}

void es::Codec<NextExpectedActivity>::write(es::json::Writer &w, const NextExpectedActivity &v)
{
    w.beginArray();
    es::encodeValue(w, v.activity);
    es::encodeValue(w, v.location);
    if (v.voyageNumber)
        w.string(*v.voyageNumber);
    w.endArray();
}

NextExpectedActivity es::Codec<NextExpectedActivity>::read(const es::json::Node &n)
{
    if (!n.isArray() || (n.size() != 2 && n.size() != 3))
        es::detail::throwTypeMismatch("array of two or three (the next expected activity)", n);
    NextExpectedActivity v;
    v.activity = es::decodeValue<HandlingActivity>(n.at(0));
    v.location = es::decodeValue<Location>(n.at(1));
    if (n.size() == 3)
        v.voyageNumber = es::decodeValue<QString>(n.at(2));
    return v;
}
