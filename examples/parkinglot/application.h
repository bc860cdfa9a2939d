#pragma once
// The ParkingLot application (name "ParkingLot"): spaces are added by name, vehicles are
// registered by licence plate the first time they are booked or inspected (as Python's
// ParkingLot.book() registers an unknown vehicle), a booking is saved on the space and on the
// vehicle in one atomic save, and an inspection records on the vehicle whether it had a valid
// booking of the space at that time.
//
// Thread-safe as es::Application is. Two concurrent bookings of one space (or one vehicle) cannot
// both be saved: the later save fails with es::IntegrityError and changes nothing, so the rules
// hold under concurrency too.

#include "parkinglot/domainmodel.h"

#include "es/application.h"

#include <QStringList>

namespace parkinglot {

// No space has this name.
class SpaceNotFoundError : public ParkingError
{
public:
    using ParkingError::ParkingError;
};
// A space of this name exists already.
class SpaceAlreadyExistsError : public ParkingError
{
public:
    using ParkingError::ParkingError;
};
// No vehicle with this licence plate was ever booked or inspected.
class VehicleNotFoundError : public ParkingError
{
public:
    using ParkingError::ParkingError;
};

class ParkingLot : public es::Application
{
public:
    static constexpr const char *NAME = "ParkingLot";
    explicit ParkingLot(const es::EnvMap &env = {});

    // Adds a space; returns its id. Throws SpaceAlreadyExistsError, es::ValueError (empty name).
    QUuid addSpace(const QString &name);
    // Throws SpaceNotFoundError.
    std::unique_ptr<ParkingSpace> getSpace(const QString &name);
    // Throws VehicleNotFoundError.
    std::unique_ptr<Vehicle> getVehicle(const LicencePlate &plate);

    // Books the space for the vehicle from start to finish (inclusive), registering the vehicle
    // when it is new. Throws SpaceNotFoundError, InvalidBookingError, SpaceAlreadyBookedError,
    // VehicleAlreadyBookedError; nothing is saved then. Returns the booking.
    Booking book(const LicencePlate &plate, const QString &spaceName, const es::Timestamp &start,
                 const es::Timestamp &finish);
    // Python's book(licence_plate, product): from `start` (now by default) for the product's time.
    Booking book(const LicencePlate &plate, const QString &spaceName, Product product,
                 const es::Timestamp &start = es::Timestamp::now());

    // Records an inspection of the vehicle found in the space at `when` (registering a vehicle never
    // seen before); returns whether it had a booking of that space covering `when`.
    // Throws SpaceNotFoundError.
    bool inspect(const LicencePlate &plate, const QString &spaceName, const es::Timestamp &when);

protected:
    void registerTypes() override;
    void registerTranscodings(es::JSONTranscoder &transcoder) override;

private:
    std::unique_ptr<Vehicle> getOrRegisterVehicle(const LicencePlate &plate);
};

} // namespace parkinglot
