#include "parkinglot/domainmodel.h"

#include "es/uuid.h"

#include <QRegularExpression>
#include <algorithm>

namespace parkinglot {

namespace {

void checkWindow(const es::Timestamp &start, const es::Timestamp &finish)
{
    if (!(start < finish))
        throw InvalidBookingError(
            QStringLiteral("a booking must finish after it starts (start %1, finish %2)")
                .arg(start.toIsoString(), finish.toIsoString()));
}

QString windowText(const es::Timestamp &start, const es::Timestamp &finish)
{
    return QStringLiteral("%1 to %2").arg(start.toIsoString(), finish.toIsoString());
}

} // namespace

LicencePlate::LicencePlate(const QString &number) : m_number(number)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9]{3}-[0-9]{3}$"),
                                            QRegularExpression::CaseInsensitiveOption);
    if (!pattern.match(number).hasMatch())
        throw InvalidLicencePlateError(
            QStringLiteral("'%1' is not a licence plate number (three digits, a hyphen, three digits)")
                .arg(number));
}

es::Timestamp calcFinish(Product product, const es::Timestamp &start)
{
    constexpr qint64 second = 1000000;
    constexpr qint64 day = 86400 * second;
    switch (product) {
    case Product::EndOfDay:
        return start.addMicros(day - second);
    case Product::EndOfWeek:
        return start.addMicros(7 * day - second);
    }
    throw es::ValueError(QStringLiteral("unknown product %1").arg(static_cast<int>(product)));
}

// --- Vehicle -------------------------------------------------------------------------------------

void Vehicle::Registered::apply(Vehicle &v) const
{
    v.m_licencePlateNumber = licencePlateNumber;
    v.m_bookings.clear();
    v.m_inspectionFailures.clear();
}

void Vehicle::Booked::apply(Vehicle &v) const
{
    checkWindow(start, finish);
    for (const Booking &b : v.m_bookings) {
        if (b.overlaps(start, finish))
            throw VehicleAlreadyBookedError(
                QStringLiteral("vehicle %1 already has a booking from %2, which overlaps %3")
                    .arg(v.m_licencePlateNumber, windowText(b.start, b.finish), windowText(start, finish)));
    }
    v.m_bookings.push_back(Booking {spaceId, v.id(), start, finish});
}

void Vehicle::Inspected::apply(Vehicle &v) const
{
    if (!hadValidBooking)
        v.m_inspectionFailures.push_back(when);
}

QUuid Vehicle::createId(const LicencePlate &plate)
{
    return es::uuid::v5url(QStringLiteral("/licence_plate_numbers/") + plate.number());
}

std::unique_ptr<Vehicle> Vehicle::registerVehicle(const LicencePlate &plate)
{
    return createAggregate<Registered>(createId(plate), plate.number());
}

bool Vehicle::inspect(const QUuid &spaceId, const es::Timestamp &when)
{
    const bool valid = hasValidBooking(spaceId, when);
    triggerEvent<Inspected>(spaceId, when, valid);
    return valid;
}

bool Vehicle::hasValidBooking(const QUuid &spaceId, const es::Timestamp &when) const
{
    return std::any_of(m_bookings.begin(), m_bookings.end(),
                       [&](const Booking &b) { return b.spaceId == spaceId && b.covers(when); });
}

// --- ParkingSpace --------------------------------------------------------------------------------

void ParkingSpace::Added::apply(ParkingSpace &s) const
{
    if (name.isEmpty())
        throw es::ValueError(QStringLiteral("a parking space needs a name"));
    s.m_name = name;
    s.m_bookings.clear();
}

void ParkingSpace::Booked::apply(ParkingSpace &s) const
{
    checkWindow(start, finish);
    for (const Booking &b : s.m_bookings) {
        if (b.overlaps(start, finish))
            throw SpaceAlreadyBookedError(
                QStringLiteral("space %1 is already booked from %2, which overlaps %3")
                    .arg(s.m_name, windowText(b.start, b.finish), windowText(start, finish)));
    }
    s.m_bookings.push_back(Booking {s.id(), vehicleId, start, finish});
}

QUuid ParkingSpace::createId(const QString &name)
{
    return es::uuid::v5url(QStringLiteral("/parking_spaces/") + name);
}

std::unique_ptr<ParkingSpace> ParkingSpace::add(const QString &name)
{
    return createAggregate<Added>(createId(name), name);
}

bool ParkingSpace::isBooked(const es::Timestamp &start, const es::Timestamp &finish) const
{
    return std::any_of(m_bookings.begin(), m_bookings.end(),
                       [&](const Booking &b) { return b.overlaps(start, finish); });
}

} // namespace parkinglot

void es::Transcoding<parkinglot::Booking>::encode(es::json::Writer &w, const parkinglot::Booking &b)
{
    w.beginObject();
    w.key("space_id");
    es::encodeValue(w, b.spaceId);
    w.key("vehicle_id");
    es::encodeValue(w, b.vehicleId);
    w.key("start");
    es::encodeValue(w, b.start);
    w.key("finish");
    es::encodeValue(w, b.finish);
    w.endObject();
}

parkinglot::Booking es::Transcoding<parkinglot::Booking>::decode(const es::json::Node &data)
{
    if (!data.isObject())
        throw es::TranscodingError(QStringLiteral("booking_as_dict: expected an object, found %1")
                                       .arg(QLatin1String(data.typeName())));
    auto member = [&](const char *key) {
        const es::json::Node n = data.find(key);
        if (!n.isValid())
            throw es::TranscodingError(
                QStringLiteral("booking_as_dict: missing '%1'").arg(QLatin1String(key)));
        return n;
    };
    parkinglot::Booking b;
    b.spaceId = es::decodeValue<QUuid>(member("space_id"));
    b.vehicleId = es::decodeValue<QUuid>(member("vehicle_id"));
    b.start = es::decodeValue<es::Timestamp>(member("start"));
    b.finish = es::decodeValue<es::Timestamp>(member("finish"));
    return b;
}
