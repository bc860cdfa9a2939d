// The parking lot example: Python's test_parking_lot.py (licence plates; book an unregistered and
// a registered vehicle by product; inspect with and without a valid booking; every domain event in
// the log) adapted to spaces, then the rules the spaces add — no double booking of a space, a
// vehicle's bookings never overlap, a booking must finish after it starts, refused bookings save
// nothing, concurrent bookings conflict — on POPO and on an SQLite file; and the stored state has
// the declared snake_case keys.
#include "examplestores.h"
#include "parkinglot/application.h"

#include <QTemporaryDir>
#include <QtTest>
#include <map>

using namespace parkinglot;

namespace {

es::Timestamp at(int day, int hour, int minute = 0)
{
    return es::Timestamp::fromParts(2026, 11, day, hour, minute, 0, 0, 0);
}

std::vector<std::string> keysOf(const es::json::Value &object)
{
    std::vector<std::string> keys;
    for (const auto &m : object.members())
        keys.push_back(m.first);
    return keys;
}

} // namespace

class TestParkingLot : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;

    es::EnvMap env()
    {
        QFETCH_GLOBAL(QString, backend);
        return es::test::examples::backendEnv(backend, m_dir,
                                              QStringLiteral("parkinglot-%1.sqlite").arg(++m_counter));
    }

private slots:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("popo") << QStringLiteral("popo");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
    }

    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Python's test_licence_plate.
    void licencePlate()
    {
        const LicencePlate plate(QStringLiteral("123-123"));
        QCOMPARE(plate.number(), QStringLiteral("123-123"));
        QVERIFY_THROWS_EXCEPTION(InvalidLicencePlateError, LicencePlate(QStringLiteral("abcdef")));
        QVERIFY_THROWS_EXCEPTION(InvalidLicencePlateError, LicencePlate(QStringLiteral("123-1234")));
        QVERIFY_THROWS_EXCEPTION(InvalidLicencePlateError, LicencePlate(QStringLiteral(" 123-123")));
        QVERIFY_THROWS_EXCEPTION(InvalidLicencePlateError, LicencePlate {QString()});
        // Ids as Python's Vehicle.create_id(): uuid5(NAMESPACE_URL, "/licence_plate_numbers/123-123").
        QCOMPARE(Vehicle::createId(plate), es::uuid::fromString("54983c52-cf1c-506d-9da0-b12dd4853a5c"));
        QCOMPARE(Vehicle::createId(plate), es::uuid::v5url(QStringLiteral("/licence_plate_numbers/123-123")));
        // Python's uuid5(NAMESPACE_URL, "/parking_spaces/A1").
        QCOMPARE(ParkingSpace::createId(QStringLiteral("A1")),
                 es::uuid::fromString("5b115606-8382-56a7-bec1-0c272cac28f1"));
        QVERIFY(ParkingSpace::createId(QStringLiteral("A1")) != ParkingSpace::createId(QStringLiteral("A2")));
    }

    // Python's test_parking_log, with a space to park in.
    void pythonParkingLog()
    {
        auto app = es::makeApplication<ParkingLot>(env());
        QCOMPARE(app->name(), QStringLiteral("ParkingLot"));
        const QUuid spaceId = app->addSpace(QStringLiteral("A1"));
        const LicencePlate plate(QStringLiteral("123-123"));
        QVERIFY_THROWS_EXCEPTION(VehicleNotFoundError, app->getVehicle(plate));

        // Book unregistered vehicle.
        const es::Timestamp start1 = es::Timestamp::now();
        const Booking booking1 = app->book(plate, QStringLiteral("A1"), Product::EndOfDay, start1);
        auto vehicle = app->getVehicle(plate);
        QVERIFY(vehicle->licencePlate() == plate);
        QCOMPARE(vehicle->bookings().size(), size_t(1));
        QCOMPARE(vehicle->inspectionFailures().size(), size_t(0));
        QVERIFY(vehicle->bookings().back() == booking1);
        QVERIFY(booking1.finish == start1.addDays(1).addMicros(-1000000));
        QCOMPARE(booking1.spaceId, spaceId);
        QCOMPARE(booking1.vehicleId, Vehicle::createId(plate));

        // Book registered vehicle (after the first booking ends: a vehicle's bookings never overlap).
        const es::Timestamp start2 = booking1.finish.addMicros(1);
        const Booking booking2 = app->book(plate, QStringLiteral("A1"), Product::EndOfWeek, start2);
        vehicle = app->getVehicle(plate);
        QCOMPARE(vehicle->bookings().size(), size_t(2));
        QCOMPARE(vehicle->inspectionFailures().size(), size_t(0));
        QVERIFY(booking2.finish == start2.addDays(7).addMicros(-1000000));

        // Inspect whilst it has a booking.
        QVERIFY(app->inspect(plate, QStringLiteral("A1"), es::Timestamp::now()));
        vehicle = app->getVehicle(plate);
        QCOMPARE(vehicle->bookings().size(), size_t(2));
        QCOMPARE(vehicle->inspectionFailures().size(), size_t(0));

        // Inspect after the bookings expired.
        const es::Timestamp inspectedOn = es::Timestamp::now().addDays(10);
        QVERIFY(!app->inspect(plate, QStringLiteral("A1"), inspectedOn));
        vehicle = app->getVehicle(plate);
        QCOMPARE(vehicle->bookings().size(), size_t(2));
        QCOMPARE(vehicle->inspectionFailures().size(), size_t(1));
        QVERIFY(vehicle->inspectionFailures().front().isIdenticalTo(inspectedOn));

        // All domain events in the bounded context.
        std::vector<es::DomainEventPtr> events;
        es::NotificationLogReader(app->logPtr()).read(1, [&](const es::Notification &n) {
            events.push_back(app->mapper().toDomainEvent(n));
            return true;
        });
        QCOMPARE(events.size(), size_t(8));
        QVERIFY(dynamic_cast<const ParkingSpace::Added *>(events[0].get()));
        // Each booking: the space, then the vehicle, in one save.
        QVERIFY(dynamic_cast<const ParkingSpace::Booked *>(events[1].get()));
        const auto *registered = dynamic_cast<const Vehicle::Registered *>(events[2].get());
        QVERIFY(registered);
        QCOMPARE(registered->licencePlateNumber, QStringLiteral("123-123"));
        const auto *booked1 = dynamic_cast<const Vehicle::Booked *>(events[3].get());
        QVERIFY(booked1);
        QVERIFY(booked1->start.isIdenticalTo(booking1.start));
        QVERIFY(booked1->finish.isIdenticalTo(booking1.finish));
        QVERIFY(dynamic_cast<const ParkingSpace::Booked *>(events[4].get()));
        const auto *booked2 = dynamic_cast<const Vehicle::Booked *>(events[5].get());
        QVERIFY(booked2);
        QVERIFY(booked2->start.isIdenticalTo(booking2.start));
        QVERIFY(booked2->finish.isIdenticalTo(booking2.finish));
        const auto *passed = dynamic_cast<const Vehicle::Inspected *>(events[6].get());
        QVERIFY(passed && passed->hadValidBooking && passed->spaceId == spaceId);
        const auto *failed = dynamic_cast<const Vehicle::Inspected *>(events[7].get());
        QVERIFY(failed && !failed->hadValidBooking);
        QVERIFY(failed->when.isIdenticalTo(inspectedOn));
    }

    void noDoubleBookingOfASpace()
    {
        auto app = es::makeApplication<ParkingLot>(env());
        app->addSpace(QStringLiteral("A1"));
        app->addSpace(QStringLiteral("A2"));
        const LicencePlate car1(QStringLiteral("111-111"));
        const LicencePlate car2(QStringLiteral("222-222"));
        app->book(car1, QStringLiteral("A1"), at(2, 9), at(2, 17));
        const qint64 before = app->recorder().maxNotificationId();

        // Overlapping windows of the same space, including touching ends (inclusive) and windows
        // that contain or are contained in the booking.
        QVERIFY_THROWS_EXCEPTION(SpaceAlreadyBookedError,
                                 app->book(car2, QStringLiteral("A1"), at(2, 16), at(2, 18)));
        QVERIFY_THROWS_EXCEPTION(SpaceAlreadyBookedError,
                                 app->book(car2, QStringLiteral("A1"), at(2, 8), at(2, 9)));
        QVERIFY_THROWS_EXCEPTION(SpaceAlreadyBookedError,
                                 app->book(car2, QStringLiteral("A1"), at(2, 10), at(2, 11)));
        QVERIFY_THROWS_EXCEPTION(SpaceAlreadyBookedError,
                                 app->book(car2, QStringLiteral("A1"), at(1, 0), at(3, 0)));
        // Nothing was saved: not even car2's registration.
        QCOMPARE(app->recorder().maxNotificationId(), before);
        QVERIFY_THROWS_EXCEPTION(VehicleNotFoundError, app->getVehicle(car2));

        // Another space, or the same space before or after, is fine.
        app->book(car2, QStringLiteral("A2"), at(2, 10), at(2, 11));
        app->book(car2, QStringLiteral("A1"), at(2, 17, 1), at(2, 18));
        app->book(car2, QStringLiteral("A1"), at(1, 9), at(1, 17));
        auto a1 = app->getSpace(QStringLiteral("A1"));
        QCOMPARE(a1->bookings().size(), size_t(3));
        QVERIFY(a1->isBooked(at(2, 12), at(2, 12, 30)));
        QVERIFY(!a1->isBooked(at(2, 20), at(2, 21)));
        QCOMPARE(app->getVehicle(car2)->bookings().size(), size_t(3));

        try {
            app->book(car2, QStringLiteral("A1"), at(2, 12), at(2, 13));
            QFAIL("no SpaceAlreadyBookedError");
        } catch (const ParkingError &e) {
            QVERIFY(dynamic_cast<const SpaceAlreadyBookedError *>(&e));
            QVERIFY(e.message().contains(QLatin1String("A1")));
        }
    }

    void vehicleBookingsMustFit()
    {
        auto app = es::makeApplication<ParkingLot>(env());
        app->addSpace(QStringLiteral("A1"));
        app->addSpace(QStringLiteral("B7"));
        const LicencePlate car(QStringLiteral("123-456"));
        app->book(car, QStringLiteral("A1"), at(5, 8), at(5, 12));
        const qint64 before = app->recorder().maxNotificationId();

        // The vehicle cannot be in two spaces at once.
        QVERIFY_THROWS_EXCEPTION(VehicleAlreadyBookedError,
                                 app->book(car, QStringLiteral("B7"), at(5, 11), at(5, 14)));
        // A booking must finish after it starts.
        QVERIFY_THROWS_EXCEPTION(InvalidBookingError,
                                 app->book(car, QStringLiteral("B7"), at(6, 11), at(6, 11)));
        QVERIFY_THROWS_EXCEPTION(InvalidBookingError,
                                 app->book(car, QStringLiteral("B7"), at(6, 11), at(6, 10)));
        // Unknown spaces.
        QVERIFY_THROWS_EXCEPTION(SpaceNotFoundError,
                                 app->book(car, QStringLiteral("Z9"), at(7, 1), at(7, 2)));
        QVERIFY_THROWS_EXCEPTION(SpaceNotFoundError, app->getSpace(QStringLiteral("Z9")));
        // The space was not booked by the refused booking of the vehicle, nor anything else saved.
        QCOMPARE(app->recorder().maxNotificationId(), before);
        QVERIFY(app->getSpace(QStringLiteral("B7"))->bookings().empty());

        app->book(car, QStringLiteral("B7"), at(5, 12, 1), at(5, 14));
        QCOMPARE(app->getVehicle(car)->bookings().size(), size_t(2));
        QVERIFY(app->getSpace(QStringLiteral("B7"))->bookings().front().vehicleId == Vehicle::createId(car));

        // Spaces: unique names, not empty.
        QVERIFY_THROWS_EXCEPTION(SpaceAlreadyExistsError, app->addSpace(QStringLiteral("A1")));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, app->addSpace(QString()));
    }

    void inspections()
    {
        auto app = es::makeApplication<ParkingLot>(env());
        app->addSpace(QStringLiteral("A1"));
        app->addSpace(QStringLiteral("A2"));
        const LicencePlate car(QStringLiteral("555-555"));
        app->book(car, QStringLiteral("A1"), at(10, 9), at(10, 17));

        QVERIFY(app->inspect(car, QStringLiteral("A1"), at(10, 9))); // at the start
        QVERIFY(app->inspect(car, QStringLiteral("A1"), at(10, 17))); // at the finish
        QVERIFY(!app->inspect(car, QStringLiteral("A2"), at(10, 12))); // parked in another space
        QVERIFY(!app->inspect(car, QStringLiteral("A1"), at(10, 17, 1)));
        auto vehicle = app->getVehicle(car);
        QCOMPARE(vehicle->inspectionFailures().size(), size_t(2));
        QCOMPARE(vehicle->version(), qint64(6));

        // A vehicle never seen before is registered by its failed inspection.
        const LicencePlate stranger(QStringLiteral("999-000"));
        QVERIFY(!app->inspect(stranger, QStringLiteral("A2"), at(10, 12)));
        auto s = app->getVehicle(stranger);
        QCOMPARE(s->version(), qint64(2));
        QCOMPARE(s->inspectionFailures().size(), size_t(1));
        QVERIFY(s->bookings().empty());
        QVERIFY_THROWS_EXCEPTION(SpaceNotFoundError, app->inspect(stranger, QStringLiteral("Q"), at(10, 12)));
    }

    void concurrentBookingsConflict()
    {
        // Two bookings of one space prepared from the same version: only the first can be saved, so
        // a space cannot be double-booked by concurrent users either.
        auto app = es::makeApplication<ParkingLot>(env());
        app->addSpace(QStringLiteral("A1"));
        auto first = app->getSpace(QStringLiteral("A1"));
        auto second = app->getSpace(QStringLiteral("A1"));
        auto car1 = Vehicle::registerVehicle(LicencePlate(QStringLiteral("100-001")));
        auto car2 = Vehicle::registerVehicle(LicencePlate(QStringLiteral("100-002")));
        first->book(car1->id(), at(3, 9), at(3, 10));
        car1->book(first->id(), at(3, 9), at(3, 10));
        second->book(car2->id(), at(3, 9, 30), at(3, 11));
        car2->book(second->id(), at(3, 9, 30), at(3, 11));
        app->save({first.get(), car1.get()});
        QVERIFY_THROWS_EXCEPTION(es::IntegrityError, app->save({second.get(), car2.get()}));
        QCOMPARE(app->getSpace(QStringLiteral("A1"))->bookings().size(), size_t(1));
        QVERIFY_THROWS_EXCEPTION(VehicleNotFoundError,
                                 app->getVehicle(LicencePlate(QStringLiteral("100-002"))));
    }

    void replayAndSnapshots()
    {
        es::EnvMap e = env();
        e.insert(QStringLiteral("IS_SNAPSHOTTING_ENABLED"), QStringLiteral("yes"));
        auto app = es::makeApplication<ParkingLot>(e);
        app->addSpace(QStringLiteral("A1"));
        const LicencePlate car(QStringLiteral("321-321"));
        app->book(car, QStringLiteral("A1"), at(4, 9), at(4, 10));
        app->book(car, QStringLiteral("A1"), at(4, 11), at(4, 12));
        QVERIFY(!app->inspect(car, QStringLiteral("A1"), at(4, 10, 30)));
        const QUuid id = Vehicle::createId(car);
        app->takeSnapshot(id);
        app->takeSnapshot(ParkingSpace::createId(QStringLiteral("A1")));
        app->book(car, QStringLiteral("A1"), at(4, 13), at(4, 14));

        auto fromSnapshot = app->getVehicle(car);
        QCOMPARE(es::Repository::lastReadCount(), qint64(2));
        auto fromEvents = es::aggregate_cast<Vehicle>(es::project(nullptr, app->events().get(id)));
        QVERIFY(*fromSnapshot == *fromEvents);
        QCOMPARE(fromSnapshot->bookings().size(), size_t(3));
        QVERIFY(fromSnapshot->bookings()[1].start.isIdenticalTo(at(4, 11)));
        // The snapshot rules still hold after it: the space refuses an overlap with a booking that
        // came from the snapshot.
        QVERIFY_THROWS_EXCEPTION(SpaceAlreadyBookedError,
                                 app->book(LicencePlate(QStringLiteral("000-111")), QStringLiteral("A1"),
                                           at(4, 9, 30), at(4, 9, 45)));

        // Snapshot state: the declared snake_case names, bookings as booking_as_dict.
        const es::json::Value state = es::Snapshot::take(*fromSnapshot)->state;
        QCOMPARE(keysOf(state),
                 (std::vector<std::string> {"_created_on", "_modified_on", "licence_plate_number", "bookings",
                                            "inspection_failures"}));
        QCOMPARE(
            es::test::examples::shapeOf(state),
            std::string(
                "{_created_on:datetime_iso(str), _modified_on:datetime_iso(str), licence_plate_number:str, "
                "bookings:[booking_as_dict({space_id:uuid_hex(str), vehicle_id:uuid_hex(str), "
                "start:datetime_iso(str), "
                "finish:datetime_iso(str)})], inspection_failures:[datetime_iso(str)]}"));
        const es::json::Value spaceState = es::Snapshot::take(*app->getSpace(QStringLiteral("A1")))->state;
        QCOMPARE(keysOf(spaceState),
                 (std::vector<std::string> {"_created_on", "_modified_on", "name", "bookings"}));
    }

    void writtenStoreHasDeclaredKeys()
    {
        // Decoded generically (no C++ types), every record of a store the application wrote has the
        // declared snake_case keys in declaration order, after Python's timestamp/originator_topic.
        QFETCH_GLOBAL(QString, backend);
        if (backend != QLatin1String("sqlite"))
            QSKIP("reads the SQLite file");
        es::EnvMap e = env();
        e.insert(QStringLiteral("IS_SNAPSHOTTING_ENABLED"), QStringLiteral("yes"));
        const QString path = e.value(QStringLiteral("SQLITE_DBNAME"));
        {
            auto app = es::makeApplication<ParkingLot>(e);
            app->addSpace(QStringLiteral("A1"));
            const LicencePlate car(QStringLiteral("808-808"));
            app->book(car, QStringLiteral("A1"), at(9, 9), at(9, 10));
            app->inspect(car, QStringLiteral("A1"), at(9, 11));
            app->takeSnapshot(Vehicle::createId(car));
            app->takeSnapshot(ParkingSpace::createId(QStringLiteral("A1")));
        }
        QString error;
        const std::vector<es::test::examples::StoreRow> rows
            = es::test::examples::readStoreRows(path, &error);
        QVERIFY2(rows.size() == 7, qPrintable(error));
        QStringList errors;
        const auto shapes = es::test::examples::shapesByTopic(rows, nullptr, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        const std::string ts = "timestamp:datetime_iso(str)";
        const std::string booking = "booking_as_dict({space_id:uuid_hex(str), vehicle_id:uuid_hex(str), "
                                    "start:datetime_iso(str), finish:datetime_iso(str)})";
        const std::string snapshotHead = "{" + ts
            + ", topic:str, state:{_created_on:datetime_iso(str), _modified_on:datetime_iso(str), ";
        const std::map<QString, std::string> expected {
            {QString::fromUtf8(ParkingSpace::Added::TOPIC), "{" + ts + ", originator_topic:str, name:str}"},
            {QString::fromUtf8(ParkingSpace::Booked::TOPIC),
             "{" + ts + ", vehicle_id:uuid_hex(str), start:datetime_iso(str), finish:datetime_iso(str)}"},
            {QString::fromUtf8(Vehicle::Registered::TOPIC),
             "{" + ts + ", originator_topic:str, licence_plate_number:str}"},
            {QString::fromUtf8(Vehicle::Booked::TOPIC),
             "{" + ts + ", space_id:uuid_hex(str), start:datetime_iso(str), finish:datetime_iso(str)}"},
            {QString::fromUtf8(Vehicle::Inspected::TOPIC),
             "{" + ts + ", space_id:uuid_hex(str), when:datetime_iso(str), had_valid_booking:bool}"},
            {QStringLiteral("Snapshot of ") + QString::fromUtf8(Vehicle::TOPIC),
             snapshotHead + "licence_plate_number:str, bookings:[" + booking
                 + "], inspection_failures:[datetime_iso(str)]}}"},
            {QStringLiteral("Snapshot of ") + QString::fromUtf8(ParkingSpace::TOPIC),
             snapshotHead + "name:str, bookings:[" + booking + "]}}"},
        };
        QCOMPARE(shapes.size(), expected.size());
        for (const auto &[topic, shape] : expected) {
            const auto found = shapes.find(topic);
            QVERIFY2(found != shapes.end(), qPrintable(topic));
            QCOMPARE(found->second.size(), size_t(1));
            QCOMPARE(*found->second.begin(), shape);
        }
        for (const es::test::examples::StoreRow &r : rows)
            QVERIFY(r.topic.startsWith(QLatin1String("eventsourcing.examples.parkinglot.domainmodel:"))
                    || r.topic == QLatin1String("eventsourcing.domain:Snapshot"));
    }

    void booking_transcoding()
    {
        const Booking b {es::uuid::fromString("00000000000000000000000000000001"),
                         es::uuid::fromString("00000000000000000000000000000002"), at(1, 2), at(1, 3)};
        std::string out;
        es::json::Writer w(out);
        es::encodeValue(w, b);
        QCOMPARE(
            out,
            std::string(
                "{\"_type_\": \"booking_as_dict\", \"_data_\": {"
                "\"space_id\": {\"_type_\": \"uuid_hex\", \"_data_\": \"00000000000000000000000000000001\"}, "
                "\"vehicle_id\": {\"_type_\": \"uuid_hex\", \"_data_\": "
                "\"00000000000000000000000000000002\"}, "
                "\"start\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-01T02:00:00+00:00\"}, "
                "\"finish\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-01T03:00:00+00:00\"}}}"));
        const es::json::Document doc = es::json::Document::parse(out);
        QVERIFY(es::decodeValue<Booking>(doc.root()) == b);
        const es::json::Document bad
            = es::json::Document::parse("{\"_type_\": \"booking_as_dict\", \"_data_\": {\"space_id\": "
                                        "{\"_type_\": \"uuid_hex\", \"_data_\": "
                                        "\"00000000000000000000000000000001\"}}}");
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError, es::decodeValue<Booking>(bad.root()));
    }
};

QTEST_GUILESS_MAIN(TestParkingLot)
#include "tst_parkinglot.moc"
