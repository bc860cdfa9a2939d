#pragma once
// A parking lot, grown from the parking example of Python's eventsourcing (test_parking_lot.py:
// vehicles with uuid5 ids from their licence plates, bookings by product, inspections) into spaces
// that are booked for time windows:
//
// - Vehicle (id uuid5(NAMESPACE_URL, "/licence_plate_numbers/<plate>"), as Python's create_id):
//   Registered(licence_plate_number), Booked(space_id, start, finish), Inspected(space_id, when,
//   had_valid_booking). A vehicle's bookings never overlap (it cannot be in two places at once).
// - ParkingSpace (id uuid5(NAMESPACE_URL, "/parking_spaces/<name>")): Added(name),
//   Booked(vehicle_id, start, finish). A space is never booked twice for overlapping windows.
//
// A booking covers start <= t <= finish (the products end a second before the day or week is
// over, as Python's EndOfDay and EndOfWeek); its finish must be after its start. Times are
// es::Timestamp and must all be aware or all naive (comparing the two kinds throws es::ValueError).
// Topics "eventsourcing.examples.parkinglot.domainmodel:<Class>[.<Event>]", snake_case fields.
// Aggregates are plain values owned by their user (not thread-safe to mutate).

#include "es/codec.h"
#include "es/domain.h"
#include "es/errors.h"
#include "es/timestamp.h"

#include <QString>
#include <QUuid>
#include <memory>
#include <vector>

namespace parkinglot {

// Base of the parking lot's refusals.
class ParkingError : public es::EventSourcingError
{
public:
    using EventSourcingError::EventSourcingError;
};
// A licence plate number that is not three digits, a hyphen, three digits (Python's ValueError).
class InvalidLicencePlateError : public ParkingError
{
public:
    using ParkingError::ParkingError;
};
// A booking whose finish is not after its start.
class InvalidBookingError : public ParkingError
{
public:
    using ParkingError::ParkingError;
};
// The space already has a booking that overlaps the window.
class SpaceAlreadyBookedError : public ParkingError
{
public:
    using ParkingError::ParkingError;
};
// The vehicle already has a booking (of any space) that overlaps the window.
class VehicleAlreadyBookedError : public ParkingError
{
public:
    using ParkingError::ParkingError;
};

// Python's LicencePlate dataclass: the number must match ^[0-9]{3}-[0-9]{3}$.
class LicencePlate
{
public:
    // Throws InvalidLicencePlateError.
    explicit LicencePlate(const QString &number);
    const QString &number() const { return m_number; }
    bool operator==(const LicencePlate &other) const { return m_number == other.m_number; }
    bool operator!=(const LicencePlate &other) const { return !(*this == other); }

private:
    QString m_number;
};

// Python's products: how long a booking made at `start` lasts.
enum class Product {
    EndOfDay, // one day less a second
    EndOfWeek, // seven days less a second
};
es::Timestamp calcFinish(Product product, const es::Timestamp &start);

// One booking of one space by one vehicle; held by both. Stored as "booking_as_dict".
struct Booking
{
    QUuid spaceId;
    QUuid vehicleId;
    es::Timestamp start;
    es::Timestamp finish;

    bool covers(const es::Timestamp &when) const { return start <= when && when <= finish; }
    bool overlaps(const es::Timestamp &otherStart, const es::Timestamp &otherFinish) const
    {
        return start <= otherFinish && otherStart <= finish;
    }
    bool operator==(const Booking &o) const
    {
        return spaceId == o.spaceId && vehicleId == o.vehicleId && start == o.start && finish == o.finish;
    }
    bool operator!=(const Booking &o) const { return !(*this == o); }
};

} // namespace parkinglot

template<> struct es::Transcoding<parkinglot::Booking>
{
    static constexpr std::string_view name = "booking_as_dict";
    // {"space_id": UUID, "vehicle_id": UUID, "start": datetime, "finish": datetime}
    static void encode(es::json::Writer &w, const parkinglot::Booking &b);
    static parkinglot::Booking decode(const es::json::Node &data);
};

namespace parkinglot {

class Vehicle : public es::AggregateRoot<Vehicle>
{
public:
    static constexpr const char *TOPIC = "eventsourcing.examples.parkinglot.domainmodel:Vehicle";

    struct Registered : es::CreatedEvent<Vehicle, Registered>
    {
        static constexpr const char *TOPIC
            = "eventsourcing.examples.parkinglot.domainmodel:Vehicle.Registered";
        QString licencePlateNumber;
        static constexpr auto fields()
        {
            return es::fields(es::field("licence_plate_number", &Registered::licencePlateNumber));
        }
        void apply(Vehicle &v) const;
    };

    struct Booked : es::Event<Vehicle, Booked>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.parkinglot.domainmodel:Vehicle.Booked";
        QUuid spaceId;
        es::Timestamp start;
        es::Timestamp finish;
        static constexpr auto fields()
        {
            return es::fields(es::field("space_id", &Booked::spaceId), es::field("start", &Booked::start),
                              es::field("finish", &Booked::finish));
        }
        // Throws InvalidBookingError or VehicleAlreadyBookedError.
        void apply(Vehicle &v) const;
    };

    struct Inspected : es::Event<Vehicle, Inspected>
    {
        static constexpr const char *TOPIC
            = "eventsourcing.examples.parkinglot.domainmodel:Vehicle.Inspected";
        QUuid spaceId;
        es::Timestamp when;
        bool hadValidBooking = false;
        static constexpr auto fields()
        {
            return es::fields(es::field("space_id", &Inspected::spaceId), es::field("when", &Inspected::when),
                              es::field("had_valid_booking", &Inspected::hadValidBooking));
        }
        void apply(Vehicle &v) const;
    };

    using Events = es::EventTypes<Registered, Booked, Inspected>;

    static constexpr auto stateFields()
    {
        return es::fields(es::field("licence_plate_number", &Vehicle::m_licencePlateNumber),
                          es::field("bookings", &Vehicle::m_bookings),
                          es::field("inspection_failures", &Vehicle::m_inspectionFailures));
    }

    // Python's Vehicle.create_id(): uuid5(NAMESPACE_URL, "/licence_plate_numbers/<number>").
    static QUuid createId(const LicencePlate &plate);
    static std::unique_ptr<Vehicle> registerVehicle(const LicencePlate &plate);

    // Throws InvalidBookingError or VehicleAlreadyBookedError (nothing changes then).
    void book(const QUuid &spaceId, const es::Timestamp &start, const es::Timestamp &finish)
    {
        triggerEvent<Booked>(spaceId, start, finish);
    }
    // Records an inspection in the space at `when`; returns whether the vehicle had a booking of
    // that space covering `when`. A failed inspection is added to inspectionFailures().
    bool inspect(const QUuid &spaceId, const es::Timestamp &when);
    bool hasValidBooking(const QUuid &spaceId, const es::Timestamp &when) const;

    LicencePlate licencePlate() const { return LicencePlate(m_licencePlateNumber); }
    const QString &licencePlateNumber() const { return m_licencePlateNumber; }
    const std::vector<Booking> &bookings() const { return m_bookings; }
    const std::vector<es::Timestamp> &inspectionFailures() const { return m_inspectionFailures; }

private:
    QString m_licencePlateNumber;
    std::vector<Booking> m_bookings;
    std::vector<es::Timestamp> m_inspectionFailures;
};

class ParkingSpace : public es::AggregateRoot<ParkingSpace>
{
public:
    static constexpr const char *TOPIC = "eventsourcing.examples.parkinglot.domainmodel:ParkingSpace";

    struct Added : es::CreatedEvent<ParkingSpace, Added>
    {
        static constexpr const char *TOPIC
            = "eventsourcing.examples.parkinglot.domainmodel:ParkingSpace.Added";
        QString name;
        static constexpr auto fields() { return es::fields(es::field("name", &Added::name)); }
        void apply(ParkingSpace &s) const;
    };

    struct Booked : es::Event<ParkingSpace, Booked>
    {
        static constexpr const char *TOPIC
            = "eventsourcing.examples.parkinglot.domainmodel:ParkingSpace.Booked";
        QUuid vehicleId;
        es::Timestamp start;
        es::Timestamp finish;
        static constexpr auto fields()
        {
            return es::fields(es::field("vehicle_id", &Booked::vehicleId), es::field("start", &Booked::start),
                              es::field("finish", &Booked::finish));
        }
        // Throws InvalidBookingError or SpaceAlreadyBookedError.
        void apply(ParkingSpace &s) const;
    };

    using Events = es::EventTypes<Added, Booked>;

    static constexpr auto stateFields()
    {
        return es::fields(es::field("name", &ParkingSpace::m_name),
                          es::field("bookings", &ParkingSpace::m_bookings));
    }

    // uuid5(NAMESPACE_URL, "/parking_spaces/<name>").
    static QUuid createId(const QString &name);
    // Throws es::ValueError for an empty name.
    static std::unique_ptr<ParkingSpace> add(const QString &name);

    // Throws InvalidBookingError or SpaceAlreadyBookedError (nothing changes then).
    void book(const QUuid &vehicleId, const es::Timestamp &start, const es::Timestamp &finish)
    {
        triggerEvent<Booked>(vehicleId, start, finish);
    }
    // Whether a booking overlaps the window.
    bool isBooked(const es::Timestamp &start, const es::Timestamp &finish) const;

    const QString &name() const { return m_name; }
    const std::vector<Booking> &bookings() const { return m_bookings; }

private:
    QString m_name;
    std::vector<Booking> m_bookings;
};

} // namespace parkinglot
