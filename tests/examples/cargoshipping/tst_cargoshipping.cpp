// The cargo shipping example (Python's eventsourcing/examples/cargoshipping/test.py and more), on
// POPO and on a SQLite file: booking and destination change, the full Hongkong → Stockholm scenario
// through the BookingService (routing, handling events to the claim, misdirection and rerouting),
// the domain rules' errors, and the stored records: Python's topics, snake_case keys and the
// location / handling_activity / itinerary / leg transcodings, byte for byte where the bytes are
// known, for events and snapshots.
#include "cargoshipping/interface.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace cargoshipping;

namespace {

const QString kPrefix = QStringLiteral("eventsourcing.examples.cargoshipping.domainmodel:");

QStringList keysOf(const es::json::Value &object)
{
    QStringList keys;
    for (const auto &m : object.members())
        keys.append(QString::fromStdString(m.first));
    return keys;
}

const es::json::Value &at(const es::json::Value &object, const char *key)
{
    const es::json::Value *v = object.find(key);
    if (!v)
        throw std::runtime_error(std::string("missing key ") + key);
    return *v;
}

// The "_type_" of a custom value, or "" when the value is not one.
QString typeOf(const es::json::Value &v)
{
    if (!v.isObject())
        return QString();
    const es::json::Value *t = v.find("_type_");
    return t ? t->toQString() : QString();
}

QString dataString(const es::json::Value &v)
{
    return at(v, "_data_").toQString();
}

} // namespace

class TestCargoShipping : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;

    es::EnvMap environment()
    {
        QFETCH(QString, backend);
        ++m_counter;
        if (backend == QLatin1String("popo"))
            return {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.popo:Factory")},
                    {QStringLiteral("IS_SNAPSHOTTING_ENABLED"), QStringLiteral("yes")}};
        return {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory")},
                {QStringLiteral("SQLITE_DBNAME"),
                 m_dir.filePath(QStringLiteral("cargo%1.sqlite").arg(m_counter))},
                {QStringLiteral("IS_SNAPSHOTTING_ENABLED"), QStringLiteral("yes")}};
    }

    void backends()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("popo") << QStringLiteral("popo");
        QTest::newRow("sqlite-file") << QStringLiteral("sqlite-file");
    }

    // Every stored event of the application, decoded generically (as the inspector does).
    static std::vector<std::pair<QString, es::json::Value>> storedEvents(es::Application &app)
    {
        std::vector<std::pair<QString, es::json::Value>> out;
        for (const es::Notification &n : app.recorder().selectNotifications(1, 1000)) {
            const es::DecodedState d = es::decodeStoredState(n.state, nullptr, &app.mapper().transcoder());
            if (!d.ok())
                throw std::runtime_error(("record " + QString::number(n.id) + ": " + d.error).toStdString());
            out.emplace_back(n.topic, d.state);
        }
        return out;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void locationsAndActivities()
    {
        QCOMPARE(allLocations().size(), size_t(8));
        for (Location l : allLocations())
            QCOMPARE(locationFromName(locationName(l)), l);
        QCOMPARE(locationName(Location::NLRTM), QStringLiteral("NLRTM"));
        QCOMPARE(handlingActivityFromName(QStringLiteral("UNLOAD")), HandlingActivity::UNLOAD);
        QVERIFY_THROWS_EXCEPTION(es::ValueError, locationFromName(QStringLiteral("PARIS")));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, locationFromName(QStringLiteral("hamburg")));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, handlingActivityFromName(QStringLiteral("SHIP")));
        const auto &routes = registeredRoutes();
        QCOMPARE(routes.size(), size_t(2));
        const auto &hk = routes.at({QStringLiteral("HONGKONG"), QStringLiteral("STOCKHOLM")});
        QCOMPARE(hk.size(), size_t(1));
        QCOMPARE(hk[0].legs.size(), size_t(2));
        QCOMPARE(hk[0].legs[1].voyageNumber, QStringLiteral("V2"));
    }

    void adminCanBookNewCargo_data() { backends(); }
    void adminCanBookNewCargo()
    {
        BookingApplication app(environment());
        BookingService service(app);
        const es::Timestamp arrivalDeadline = es::Timestamp::now().addDays(21);

        const QString cargoId
            = service.bookNewCargo(QStringLiteral("NLRTM"), QStringLiteral("USDAL"), arrivalDeadline);
        CargoDetails details = service.getCargoDetails(cargoId);
        QCOMPARE(details.id, cargoId);
        QCOMPARE(details.origin, QStringLiteral("NLRTM"));
        QCOMPARE(details.destination, QStringLiteral("USDAL"));

        service.changeDestination(cargoId, QStringLiteral("AUMEL"));
        details = service.getCargoDetails(cargoId);
        QCOMPARE(details.destination, QStringLiteral("AUMEL"));
        QVERIFY(details.arrivalDeadline.isIdenticalTo(arrivalDeadline));

        // No registered route from NLRTM to AUMEL.
        try {
            service.requestPossibleRoutesForCargo(cargoId);
            QFAIL("expected CargoError");
        } catch (const CargoError &e) {
            QCOMPARE(e.message(), QStringLiteral("Can't find routes from NLRTM to AUMEL"));
        }
        QVERIFY_THROWS_EXCEPTION(es::ValueError, service.changeDestination(cargoId, QStringLiteral("MARS")));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, service.getCargoDetails(QStringLiteral("not-a-uuid")));
        QVERIFY_THROWS_EXCEPTION(es::AggregateNotFound,
                                 service.getCargoDetails(es::uuid::toDashed(es::uuid::v4())));
        QCOMPARE(app.getCargo(es::uuid::fromString(cargoId))->version(), qint64(2));
    }

    void scenarioCargoFromHongkongToStockholm_data() { backends(); }
    void scenarioCargoFromHongkongToStockholm()
    {
        BookingApplication app(environment());
        BookingService service(app);

        // Use case 1: booking.
        const es::Timestamp arrivalDeadline = es::Timestamp::now().addDays(14);
        const QString trackingId
            = service.bookNewCargo(QStringLiteral("HONGKONG"), QStringLiteral("STOCKHOLM"), arrivalDeadline);
        CargoDetails d = service.getCargoDetails(trackingId);
        QCOMPARE(d.transportStatus, QStringLiteral("NOT_RECEIVED"));
        QCOMPARE(d.routingStatus, QStringLiteral("NOT_ROUTED"));
        QCOMPARE(d.isMisdirected, false);
        QVERIFY(!d.estimatedTimeOfArrival);
        QVERIFY(!d.nextExpectedActivity);
        QVERIFY(!d.lastKnownLocation);
        QVERIFY(!d.currentVoyageNumber);

        // A handling event before the cargo has a route breaks the rules and is not recorded.
        QVERIFY_THROWS_EXCEPTION(CargoError,
                                 service.registerHandlingEvent(trackingId, std::nullopt,
                                                               QStringLiteral("HONGKONG"),
                                                               QStringLiteral("RECEIVE")));
        QCOMPARE(app.getCargo(es::uuid::fromString(trackingId))->version(), qint64(1));

        // Use case 2: routing.
        QVariantList routes = service.requestPossibleRoutesForCargo(trackingId);
        QCOMPARE(routes.size(), 1);
        QVariantMap route = selectPreferredItinerary(routes);
        QCOMPARE(route.value(QStringLiteral("origin")).toString(), QStringLiteral("HONGKONG"));
        QCOMPARE(route.value(QStringLiteral("legs")).toList().size(), 2);
        QCOMPARE(route.value(QStringLiteral("legs"))
                     .toList()
                     .at(0)
                     .toMap()
                     .value(QStringLiteral("voyage_number"))
                     .toString(),
                 QStringLiteral("V1"));

        // A route dict that is not one of the possible routes assigns nothing.
        QVariantMap other = route;
        other.insert(QStringLiteral("destination"), QStringLiteral("TOKYO"));
        service.assignRoute(trackingId, other);
        QCOMPARE(service.getCargoDetails(trackingId).routingStatus, QStringLiteral("NOT_ROUTED"));

        const es::Timestamp beforeRouting = es::Timestamp::now();
        service.assignRoute(trackingId, route);
        d = service.getCargoDetails(trackingId);
        QCOMPARE(d.transportStatus, QStringLiteral("NOT_RECEIVED"));
        QCOMPARE(d.routingStatus, QStringLiteral("ROUTED"));
        QCOMPARE(d.isMisdirected, false);
        QVERIFY(d.estimatedTimeOfArrival);
        QVERIFY(*d.estimatedTimeOfArrival >= beforeRouting.addDays(7));
        QVERIFY(*d.estimatedTimeOfArrival <= es::Timestamp::now().addDays(7));
        QCOMPARE(d.nextExpectedActivity, std::optional<QStringList>(QStringList {"RECEIVE", "HONGKONG"}));

        // Use case 3: handling. Received in Hongkong.
        service.registerHandlingEvent(trackingId, std::nullopt, QStringLiteral("HONGKONG"),
                                      QStringLiteral("RECEIVE"));
        d = service.getCargoDetails(trackingId);
        QCOMPARE(d.transportStatus, QStringLiteral("IN_PORT"));
        QCOMPARE(d.lastKnownLocation, std::optional<QString>(QStringLiteral("HONGKONG")));
        QCOMPARE(d.nextExpectedActivity, std::optional<QStringList>(QStringList {"LOAD", "HONGKONG", "V1"}));

        // Loading onto a voyage that leaves from elsewhere breaks the rules; nothing is recorded.
        const qint64 versionBefore = app.getCargo(es::uuid::fromString(trackingId))->version();
        try {
            service.registerHandlingEvent(trackingId, QStringLiteral("V2"), QStringLiteral("HONGKONG"),
                                          QStringLiteral("LOAD"));
            QFAIL("expected CargoError");
        } catch (const CargoError &e) {
            QCOMPARE(e.message(),
                     QStringLiteral("Can't find leg with origin=Location.HONGKONG and voyage_number=V2"));
        }
        QCOMPARE(app.getCargo(es::uuid::fromString(trackingId))->version(), versionBefore);
        QCOMPARE(service.getCargoDetails(trackingId).transportStatus, QStringLiteral("IN_PORT"));

        // Load onto voyage V1.
        service.registerHandlingEvent(trackingId, QStringLiteral("V1"), QStringLiteral("HONGKONG"),
                                      QStringLiteral("LOAD"));
        d = service.getCargoDetails(trackingId);
        QCOMPARE(d.currentVoyageNumber, std::optional<QString>(QStringLiteral("V1")));
        QCOMPARE(d.lastKnownLocation, std::optional<QString>(QStringLiteral("HONGKONG")));
        QCOMPARE(d.transportStatus, QStringLiteral("ONBOARD_CARRIER"));
        QCOMPARE(d.nextExpectedActivity, std::optional<QStringList>(QStringList {"UNLOAD", "NEWYORK", "V1"}));

        // Incorrectly unload in Tokyo: misdirected.
        service.registerHandlingEvent(trackingId, QStringLiteral("V1"), QStringLiteral("TOKYO"),
                                      QStringLiteral("UNLOAD"));
        d = service.getCargoDetails(trackingId);
        QVERIFY(!d.currentVoyageNumber);
        QCOMPARE(d.lastKnownLocation, std::optional<QString>(QStringLiteral("TOKYO")));
        QCOMPARE(d.transportStatus, QStringLiteral("IN_PORT"));
        QCOMPARE(d.isMisdirected, true);
        QVERIFY(!d.nextExpectedActivity);

        // Reroute: from the last known location (Tokyo) to Stockholm.
        routes = service.requestPossibleRoutesForCargo(trackingId);
        QCOMPARE(routes.size(), 1);
        route = selectPreferredItinerary(routes);
        QCOMPARE(route.value(QStringLiteral("origin")).toString(), QStringLiteral("TOKYO"));
        service.assignRoute(trackingId, route);
        d = service.getCargoDetails(trackingId);
        QCOMPARE(d.isMisdirected, false);
        // As Python: a new route expects the cargo to be received at its origin again.
        QCOMPARE(d.nextExpectedActivity, std::optional<QStringList>(QStringList {"RECEIVE", "HONGKONG"}));

        // Load in Tokyo.
        service.registerHandlingEvent(trackingId, QStringLiteral("V3"), QStringLiteral("TOKYO"),
                                      QStringLiteral("LOAD"));
        d = service.getCargoDetails(trackingId);
        QCOMPARE(d.currentVoyageNumber, std::optional<QString>(QStringLiteral("V3")));
        QCOMPARE(d.lastKnownLocation, std::optional<QString>(QStringLiteral("TOKYO")));
        QCOMPARE(d.transportStatus, QStringLiteral("ONBOARD_CARRIER"));
        QCOMPARE(d.isMisdirected, false);
        QCOMPARE(d.nextExpectedActivity, std::optional<QStringList>(QStringList {"UNLOAD", "HAMBURG", "V3"}));

        // Unload in Hamburg.
        service.registerHandlingEvent(trackingId, QStringLiteral("V3"), QStringLiteral("HAMBURG"),
                                      QStringLiteral("UNLOAD"));
        d = service.getCargoDetails(trackingId);
        QVERIFY(!d.currentVoyageNumber);
        QCOMPARE(d.lastKnownLocation, std::optional<QString>(QStringLiteral("HAMBURG")));
        QCOMPARE(d.transportStatus, QStringLiteral("IN_PORT"));
        QCOMPARE(d.isMisdirected, false);
        QCOMPARE(d.nextExpectedActivity, std::optional<QStringList>(QStringList {"LOAD", "HAMBURG", "V4"}));

        // Load in Hamburg.
        service.registerHandlingEvent(trackingId, QStringLiteral("V4"), QStringLiteral("HAMBURG"),
                                      QStringLiteral("LOAD"));
        d = service.getCargoDetails(trackingId);
        QCOMPARE(d.currentVoyageNumber, std::optional<QString>(QStringLiteral("V4")));
        QCOMPARE(d.lastKnownLocation, std::optional<QString>(QStringLiteral("HAMBURG")));
        QCOMPARE(d.transportStatus, QStringLiteral("ONBOARD_CARRIER"));
        QCOMPARE(d.isMisdirected, false);
        QCOMPARE(d.nextExpectedActivity,
                 std::optional<QStringList>(QStringList {"UNLOAD", "STOCKHOLM", "V4"}));

        // A snapshot on the way, with a three-element next expected activity and a route.
        app.takeSnapshot(es::uuid::fromString(trackingId));

        // Unload in Stockholm.
        service.registerHandlingEvent(trackingId, QStringLiteral("V4"), QStringLiteral("STOCKHOLM"),
                                      QStringLiteral("UNLOAD"));
        d = service.getCargoDetails(trackingId);
        QVERIFY(!d.currentVoyageNumber);
        QCOMPARE(d.lastKnownLocation, std::optional<QString>(QStringLiteral("STOCKHOLM")));
        QCOMPARE(d.transportStatus, QStringLiteral("IN_PORT"));
        QCOMPARE(d.isMisdirected, false);
        QCOMPARE(d.nextExpectedActivity, std::optional<QStringList>(QStringList {"CLAIM", "STOCKHOLM"}));

        // Finally, the cargo is claimed in Stockholm.
        service.registerHandlingEvent(trackingId, std::nullopt, QStringLiteral("STOCKHOLM"),
                                      QStringLiteral("CLAIM"));
        d = service.getCargoDetails(trackingId);
        QVERIFY(!d.currentVoyageNumber);
        QCOMPARE(d.lastKnownLocation, std::optional<QString>(QStringLiteral("STOCKHOLM")));
        QCOMPARE(d.transportStatus, QStringLiteral("CLAIMED"));
        QCOMPARE(d.isMisdirected, false);
        QVERIFY(!d.nextExpectedActivity);

        // The dict form has Python's keys.
        const QVariantMap m = d.toVariantMap();
        QCOMPARE(m.keys(),
                 (QStringList {"arrival_deadline", "current_voyage_number", "destination",
                               "estimated_time_of_arrival", "id", "is_misdirected", "last_known_location",
                               "next_expected_activity", "origin", "routing_status", "transport_status"}));
        QCOMPARE(m.value(QStringLiteral("transport_status")).toString(), QStringLiteral("CLAIMED"));
        QVERIFY(!m.value(QStringLiteral("next_expected_activity")).isValid());
        QCOMPARE(m.value(QStringLiteral("arrival_deadline")).toString(), arrivalDeadline.toIsoString());

        // History: the cargo at each version, from the events (and the snapshot).
        const QUuid id = es::uuid::fromString(trackingId);
        const auto atBooking = app.getCargo(id, 1);
        QCOMPARE(atBooking->routingStatus(), QStringLiteral("NOT_ROUTED"));
        const auto misdirected = app.getCargo(id, 5);
        QVERIFY(misdirected->isMisdirected());
        QCOMPARE(misdirected->lastKnownLocation(), std::optional<Location>(Location::TOKYO));
        const auto last = app.getCargo(id);
        QCOMPARE(last->version(), qint64(11));
        QVERIFY(es::Repository::lastReadCount() < 11); // the snapshot at version 9 was used

        checkStoredEvents(app, id, arrivalDeadline);
        checkSnapshot(app, id);
    }

    void reopenSqliteFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("reopen.sqlite"));
        const es::EnvMap env {
            {QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory")},
            {QStringLiteral("SQLITE_DBNAME"), path}};
        QString trackingId;
        CargoDetails before;
        {
            BookingApplication app(env);
            BookingService service(app);
            trackingId = service.bookNewCargo(QStringLiteral("TOKYO"), QStringLiteral("STOCKHOLM"),
                                              es::Timestamp::now().addDays(30));
            service.assignRoute(trackingId,
                                selectPreferredItinerary(service.requestPossibleRoutesForCargo(trackingId)));
            service.registerHandlingEvent(trackingId, std::nullopt, QStringLiteral("TOKYO"),
                                          QStringLiteral("RECEIVE"));
            service.registerHandlingEvent(trackingId, QStringLiteral("V3"), QStringLiteral("TOKYO"),
                                          QStringLiteral("LOAD"));
            before = service.getCargoDetails(trackingId);
        }
        BookingApplication app(env);
        BookingService service(app);
        const CargoDetails after = service.getCargoDetails(trackingId);
        QCOMPARE(after.transportStatus, before.transportStatus);
        QCOMPARE(after.nextExpectedActivity,
                 std::optional<QStringList>(QStringList {"UNLOAD", "HAMBURG", "V3"}));
        QCOMPARE(after.currentVoyageNumber, before.currentVoyageNumber);
        QCOMPARE(after.lastKnownLocation, before.lastKnownLocation);
        QVERIFY(after.arrivalDeadline.isIdenticalTo(before.arrivalDeadline));
        const auto cargo = app.getCargo(es::uuid::fromString(trackingId));
        QVERIFY(cargo->route());
        QCOMPARE(*cargo->route(),
                 registeredRoutes().at({QStringLiteral("TOKYO"), QStringLiteral("STOCKHOLM")}).front());
    }

    // The stored states decode generically to Python's keys and custom types; bytes are Python's.
    void storedStateBytes()
    {
        auto cargo = Cargo::newBooking(Location::HONGKONG, Location::STOCKHOLM,
                                       es::Timestamp::fromParts(2030, 1, 2, 3, 4, 5, 6, 0));
        cargo->assignRoute(
            registeredRoutes().at({QStringLiteral("HONGKONG"), QStringLiteral("STOCKHOLM")}).front());
        const QUuid tracking = es::uuid::fromString("0123456789abcdef0123456789abcdef");
        cargo->registerHandlingEvent(tracking, std::nullopt, Location::HONGKONG, HandlingActivity::RECEIVE);
        const auto events = cargo->collectEvents();
        QCOMPARE(events.size(), size_t(3));
        auto ts = [](const es::DomainEventPtr &e) {
            return e->timestamp.toIsoString().toStdString();
        };
        QCOMPARE(
            events[0]->stateJson(),
            "{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"" + ts(events[0])
                + "\"}, \"originator_topic\": \"eventsourcing.examples.cargoshipping.domainmodel:Cargo\", "
                  "\"origin\": {\"_type_\": \"location\", \"_data_\": \"HONGKONG\"}, "
                  "\"destination\": {\"_type_\": \"location\", \"_data_\": \"STOCKHOLM\"}, "
                  "\"arrival_deadline\": {\"_type_\": \"datetime_iso\", \"_data_\": "
                  "\"2030-01-02T03:04:05.000006+00:00\"}}");
        QCOMPARE(events[1]->stateJson(),
                 "{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"" + ts(events[1])
                     + "\"}, \"route\": {\"_type_\": \"itinerary\", \"_data_\": {\"origin\": \"HONGKONG\", "
                       "\"destination\": \"STOCKHOLM\", \"legs\": ["
                       "{\"_type_\": \"leg\", \"_data_\": {\"origin\": \"HONGKONG\", \"destination\": "
                       "\"NEWYORK\", \"voyage_number\": \"V1\"}}, "
                       "{\"_type_\": \"leg\", \"_data_\": {\"origin\": \"NEWYORK\", \"destination\": "
                       "\"STOCKHOLM\", \"voyage_number\": \"V2\"}}"
                       "]}}}");
        QCOMPARE(
            events[2]->stateJson(),
            "{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"" + ts(events[2])
                + "\"}, \"tracking_id\": {\"_type_\": \"uuid_hex\", \"_data_\": "
                  "\"0123456789abcdef0123456789abcdef\"}, "
                  "\"voyage_number\": null, \"location\": {\"_type_\": \"location\", \"_data_\": "
                  "\"HONGKONG\"}, "
                  "\"handling_activity\": {\"_type_\": \"handling_activity\", \"_data_\": \"RECEIVE\"}}");

        // Python-written bytes of the same kinds decode into the C++ model (a leg list stored as a
        // tuple is a list too).
        const std::string python
            = "{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": "
              "\"2026-11-28T16:33:09.485709+00:00\"}, "
              "\"tracking_id\": {\"_type_\": \"uuid_hex\", \"_data_\": "
              "\"0123456789abcdef0123456789abcdef\"}, "
              "\"voyage_number\": \"V9\", \"location\": {\"_type_\": \"location\", \"_data_\": \"NLRTM\"}, "
              "\"handling_activity\": {\"_type_\": \"handling_activity\", \"_data_\": \"CLAIM\"}}";
        const es::json::Document doc = es::json::Document::parse(python);
        auto decoded = Cargo::HandlingEventRegistered::staticEventClass().make();
        Cargo::HandlingEventRegistered::staticEventClass().decodeState(*decoded, doc.root());
        const auto &h = static_cast<const Cargo::HandlingEventRegistered &>(*decoded);
        QCOMPARE(h.trackingId, tracking);
        QCOMPARE(h.voyageNumber, std::optional<QString>(QStringLiteral("V9")));
        QCOMPARE(h.location, Location::NLRTM);
        QCOMPARE(h.handlingActivity, HandlingActivity::CLAIM);
        QCOMPARE(h.stateJson(), python);

        // Wrong names are transcoding errors, not crashes.
        const es::json::Document bad = es::json::Document::parse(
            "{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:09+00:00\"}, "
            "\"destination\": {\"_type_\": \"location\", \"_data_\": \"ATLANTIS\"}}");
        auto changed = Cargo::DestinationChanged::staticEventClass().make();
        QVERIFY_THROWS_EXCEPTION(
            es::TranscodingError,
            Cargo::DestinationChanged::staticEventClass().decodeState(*changed, bad.root()));
    }

private:
    void checkStoredEvents(es::Application &app, const QUuid &id, const es::Timestamp &arrivalDeadline)
    {
        const auto stored = storedEvents(app);
        QCOMPARE(stored.size(), size_t(11));
        const QStringList expectedTopics {
            "BookingStarted",          "RouteAssigned",           "HandlingEventRegistered",
            "HandlingEventRegistered", "HandlingEventRegistered", "RouteAssigned",
            "HandlingEventRegistered", "HandlingEventRegistered", "HandlingEventRegistered",
            "HandlingEventRegistered", "HandlingEventRegistered"};
        for (size_t i = 0; i < stored.size(); ++i)
            QCOMPARE(stored[i].first,
                     kPrefix + QStringLiteral("Cargo.") + expectedTopics[static_cast<int>(i)]);

        const es::json::Value &booked = stored[0].second;
        QCOMPARE(
            keysOf(booked),
            (QStringList {"timestamp", "originator_topic", "origin", "destination", "arrival_deadline"}));
        QCOMPARE(at(booked, "originator_topic").toQString(), kPrefix + QStringLiteral("Cargo"));
        QCOMPARE(typeOf(at(booked, "origin")), QStringLiteral("location"));
        QCOMPARE(dataString(at(booked, "origin")), QStringLiteral("HONGKONG"));
        QCOMPARE(typeOf(at(booked, "destination")), QStringLiteral("location"));
        QCOMPARE(typeOf(at(booked, "arrival_deadline")), QStringLiteral("datetime_iso"));
        QCOMPARE(dataString(at(booked, "arrival_deadline")), arrivalDeadline.toIsoString());

        const es::json::Value &routed = stored[1].second;
        QCOMPARE(keysOf(routed), (QStringList {"timestamp", "route"}));
        const es::json::Value &itinerary = at(routed, "route");
        QCOMPARE(typeOf(itinerary), QStringLiteral("itinerary"));
        QCOMPARE(keysOf(at(itinerary, "_data_")), (QStringList {"origin", "destination", "legs"}));
        const es::json::Value &legs = at(at(itinerary, "_data_"), "legs");
        QVERIFY(legs.isArray());
        QCOMPARE(legs.size(), size_t(2));
        for (const es::json::Value &leg : legs.array()) {
            QCOMPARE(typeOf(leg), QStringLiteral("leg"));
            QCOMPARE(keysOf(at(leg, "_data_")), (QStringList {"origin", "destination", "voyage_number"}));
        }
        QCOMPARE(at(at(legs.array()[0], "_data_"), "voyage_number").toQString(), QStringLiteral("V1"));

        const es::json::Value &received = stored[2].second;
        QCOMPARE(
            keysOf(received),
            (QStringList {"timestamp", "tracking_id", "voyage_number", "location", "handling_activity"}));
        QCOMPARE(typeOf(at(received, "tracking_id")), QStringLiteral("uuid_hex"));
        QCOMPARE(dataString(at(received, "tracking_id")), es::uuid::toHex(id));
        QVERIFY(at(received, "voyage_number").isNull());
        QCOMPARE(typeOf(at(received, "location")), QStringLiteral("location"));
        QCOMPARE(typeOf(at(received, "handling_activity")), QStringLiteral("handling_activity"));
        QCOMPARE(dataString(at(received, "handling_activity")), QStringLiteral("RECEIVE"));
        const es::json::Value &loaded = stored[3].second;
        QCOMPARE(at(loaded, "voyage_number").toQString(), QStringLiteral("V1"));
        QCOMPARE(dataString(at(loaded, "handling_activity")), QStringLiteral("LOAD"));

        // Every record decodes with the application's transcoder; without the example's names the
        // generic decoder reports them as unknown types (so the names really are in the records).
        for (const es::Notification &n : app.recorder().selectNotifications(1, 1000)) {
            const es::DecodedState plain = es::decodeStoredState(n.state);
            if (n.originatorVersion == 1)
                QCOMPARE(plain.problem, es::DecodedState::Problem::UnknownType);
        }
    }

    void checkSnapshot(BookingApplication &app, const QUuid &id)
    {
        QVERIFY(app.snapshots());
        const auto snapshots = app.snapshots()->recorder().selectEvents(id);
        QCOMPARE(snapshots.size(), size_t(1));
        QCOMPARE(snapshots[0].topic, QStringLiteral("eventsourcing.domain:Snapshot"));
        QCOMPARE(snapshots[0].originatorVersion, qint64(9));
        const es::DecodedState d
            = es::decodeStoredState(snapshots[0].state, nullptr, &app.mapper().transcoder());
        QVERIFY2(d.ok(), qPrintable(d.error));
        QCOMPARE(keysOf(d.state), (QStringList {"timestamp", "topic", "state"}));
        QCOMPARE(at(d.state, "topic").toQString(), kPrefix + QStringLiteral("Cargo"));
        const es::json::Value &s = at(d.state, "state");
        QCOMPARE(keysOf(s),
                 (QStringList {"_created_on", "_modified_on", "_origin", "_destination", "_arrival_deadline",
                               "_transport_status", "_routing_status", "_is_misdirected",
                               "_estimated_time_of_arrival", "_next_expected_activity", "_route",
                               "_last_known_location", "_current_voyage_number"}));
        QCOMPARE(typeOf(at(s, "_origin")), QStringLiteral("location"));
        QCOMPARE(at(s, "_transport_status").toQString(), QStringLiteral("ONBOARD_CARRIER"));
        QCOMPARE(at(s, "_is_misdirected").toBool(), false);
        QCOMPARE(typeOf(at(s, "_estimated_time_of_arrival")), QStringLiteral("datetime_iso"));
        const es::json::Value &next = at(s, "_next_expected_activity");
        QVERIFY(next.isArray());
        QCOMPARE(next.size(), size_t(3));
        QCOMPARE(typeOf(next.array()[0]), QStringLiteral("handling_activity"));
        QCOMPARE(dataString(next.array()[0]), QStringLiteral("UNLOAD"));
        QCOMPARE(typeOf(next.array()[1]), QStringLiteral("location"));
        QCOMPARE(dataString(next.array()[1]), QStringLiteral("STOCKHOLM"));
        QCOMPARE(next.array()[2].toQString(), QStringLiteral("V4"));
        QCOMPARE(typeOf(at(s, "_route")), QStringLiteral("itinerary"));
        QCOMPARE(at(at(at(s, "_route"), "_data_"), "origin").toQString(), QStringLiteral("TOKYO"));
        QCOMPARE(dataString(at(s, "_last_known_location")), QStringLiteral("HAMBURG"));
        QCOMPARE(at(s, "_current_voyage_number").toQString(), QStringLiteral("V4"));

        // The cargo rebuilt from the snapshot alone has the state the events give.
        const auto fromSnapshot = app.getCargo(id, 9);
        QCOMPARE(es::Repository::lastReadCount(), qint64(1));
        QCOMPARE(fromSnapshot->transportStatus(), QStringLiteral("ONBOARD_CARRIER"));
        QCOMPARE(fromSnapshot->nextExpectedActivity(),
                 std::optional<NextExpectedActivity>(NextExpectedActivity {
                     HandlingActivity::UNLOAD, Location::STOCKHOLM, QStringLiteral("V4")}));
        QCOMPARE(fromSnapshot->currentVoyageNumber(), std::optional<QString>(QStringLiteral("V4")));
        QCOMPARE(fromSnapshot->lastKnownLocation(), std::optional<Location>(Location::HAMBURG));
        QVERIFY(fromSnapshot->estimatedTimeOfArrival());
    }
};

QTEST_GUILESS_MAIN(TestCargoShipping)
#include "tst_cargoshipping.moc"
