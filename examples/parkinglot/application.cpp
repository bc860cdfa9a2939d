#include "parkinglot/application.h"

namespace parkinglot {

ParkingLot::ParkingLot(const es::EnvMap &env) : Application(QString::fromUtf8(NAME), env) { }

void ParkingLot::registerTypes()
{
    es::registerAggregate<Vehicle>();
    es::registerAggregate<ParkingSpace>();
}

void ParkingLot::registerTranscodings(es::JSONTranscoder &transcoder)
{
    transcoder.registerTranscoding<Booking>();
}

QUuid ParkingLot::addSpace(const QString &name)
{
    auto space = ParkingSpace::add(name);
    if (repository().contains(space->id()))
        throw SpaceAlreadyExistsError(QStringLiteral("space %1 exists already").arg(name));
    save(*space);
    return space->id();
}

std::unique_ptr<ParkingSpace> ParkingLot::getSpace(const QString &name)
{
    try {
        return repository().get<ParkingSpace>(ParkingSpace::createId(name));
    } catch (const es::AggregateNotFound &) {
        throw SpaceNotFoundError(QStringLiteral("no space named %1").arg(name));
    }
}

std::unique_ptr<Vehicle> ParkingLot::getVehicle(const LicencePlate &plate)
{
    try {
        return repository().get<Vehicle>(Vehicle::createId(plate));
    } catch (const es::AggregateNotFound &) {
        throw VehicleNotFoundError(QStringLiteral("no vehicle with licence plate %1").arg(plate.number()));
    }
}

std::unique_ptr<Vehicle> ParkingLot::getOrRegisterVehicle(const LicencePlate &plate)
{
    try {
        return getVehicle(plate);
    } catch (const VehicleNotFoundError &) {
        return Vehicle::registerVehicle(plate);
    }
}

Booking ParkingLot::book(const LicencePlate &plate, const QString &spaceName, const es::Timestamp &start,
                         const es::Timestamp &finish)
{
    auto space = getSpace(spaceName);
    auto vehicle = getOrRegisterVehicle(plate);
    // The space first: it is what several vehicles compete for.
    space->book(vehicle->id(), start, finish);
    vehicle->book(space->id(), start, finish);
    save({space.get(), vehicle.get()});
    return vehicle->bookings().back();
}

Booking ParkingLot::book(const LicencePlate &plate, const QString &spaceName, Product product,
                         const es::Timestamp &start)
{
    return book(plate, spaceName, start, calcFinish(product, start));
}

bool ParkingLot::inspect(const LicencePlate &plate, const QString &spaceName, const es::Timestamp &when)
{
    const QUuid spaceId = getSpace(spaceName)->id();
    auto vehicle = getOrRegisterVehicle(plate);
    const bool valid = vehicle->inspect(spaceId, when);
    save(*vehicle);
    return valid;
}

} // namespace parkinglot
