// Upcasting as Python's eventsourcing 9.1 does it (test_upcasting.py): an event or aggregate class
// with class_version N reads stored state of an older version by running its upcast_vK_vK+1 steps
// in order; what it writes carries "class_version": N. Events go through es::Mapper, aggregate
// state through snapshots.
// (No raw string literals here: moc 6.4 finds no class after one with unbalanced braces.)
#include "es/domain.h"
#include "es/errors.h"
#include "es/transcoder.h"

#include <QtTest>

namespace {

// Which upcasters ran, in order ("event 1→2", …).
QStringList &upcastLog()
{
    static QStringList log;
    return log;
}

void renameMember(es::json::Value &state, std::string_view from, std::string_view to)
{
    const es::json::Value *v = state.find(from);
    if (!v)
        throw es::TranscodingError(QStringLiteral("no member to rename"));
    es::json::Value copy = *v;
    state.remove(from);
    state.insert(to, std::move(copy));
}

// Version 1 had {name}; version 2 added {size} (0 for old records); version 3 renamed name to
// full_name and added {tags} ([] for old records). The aggregate's attributes went the same way.
class Thing : public es::AggregateRoot<Thing>
{
public:
    static constexpr const char *TOPIC = "tests.upcasting:Thing";
    static constexpr int CLASS_VERSION = 3;
    static void upcastV1V2(es::json::Value &state)
    {
        upcastLog() << QStringLiteral("aggregate 1→2");
        state.insert("size", es::json::Value(0));
    }
    static void upcastV2V3(es::json::Value &state)
    {
        upcastLog() << QStringLiteral("aggregate 2→3");
        if (!state.find("size"))
            throw es::TranscodingError(QStringLiteral("2→3 ran before 1→2"));
        renameMember(state, "name", "full_name");
        state.insert("tags", es::json::Value::emptyArray());
    }
    static std::vector<es::Upcaster> upcasters() { return {&upcastV1V2, &upcastV2V3}; }

    struct Created : es::CreatedEvent<Thing, Created>
    {
        static constexpr const char *TOPIC = "tests.upcasting:Thing.Created";
        static constexpr int CLASS_VERSION = 3;
        static void upcastV1V2(es::json::Value &state)
        {
            upcastLog() << QStringLiteral("event 1→2");
            state.insert("size", es::json::Value(0));
        }
        static void upcastV2V3(es::json::Value &state)
        {
            upcastLog() << QStringLiteral("event 2→3");
            if (!state.find("size"))
                throw es::TranscodingError(QStringLiteral("2→3 ran before 1→2"));
            renameMember(state, "name", "full_name");
            state.insert("tags", es::json::Value::emptyArray());
        }
        static std::vector<es::Upcaster> upcasters() { return {&upcastV1V2, &upcastV2V3}; }

        QString fullName;
        int size = 0;
        QStringList tags;
        static constexpr auto fields()
        {
            return es::fields(es::field("full_name", &Created::fullName), es::field("size", &Created::size),
                              es::field("tags", &Created::tags));
        }
        void apply(Thing &t) const
        {
            t.fullName = fullName;
            t.size = size;
            t.tags = tags;
        }
    };

    // Version 1 stored the size as text ("size_text": "12"); version 2 as a number.
    struct Resized : es::Event<Thing, Resized>
    {
        static constexpr const char *TOPIC = "tests.upcasting:Thing.Resized";
        static constexpr int CLASS_VERSION = 2;
        static std::vector<es::Upcaster> upcasters()
        {
            return {[](es::json::Value &state) {
                upcastLog() << QStringLiteral("resized 1→2");
                const es::json::Value *text = state.find("size_text");
                const long long size = text ? text->toQString().toLongLong() : 0;
                state.remove("size_text");
                state.insert("size", es::json::Value(size));
            }};
        }
        int size = 0;
        static constexpr auto fields() { return es::fields(es::field("size", &Resized::size)); }
        void apply(Thing &t) const { t.size = size; }
    };
    using Events = es::EventTypes<Created, Resized>;

    static constexpr auto stateFields()
    {
        return es::fields(es::field("full_name", &Thing::fullName), es::field("size", &Thing::size),
                          es::field("tags", &Thing::tags));
    }

    static std::unique_ptr<Thing> create(const QString &name, int size, const QStringList &tags)
    {
        return createAggregate<Created>(es::uuid::v4(), name, size, tags);
    }
    void resize(int s) { triggerEvent<Resized>(s); }

    QString fullName;
    int size = 0;
    QStringList tags;
};

// Class version 3 with only the first upcaster: older records cannot be read.
class Broken : public es::AggregateRoot<Broken>
{
public:
    static constexpr const char *TOPIC = "tests.upcasting:Broken";
    static constexpr int CLASS_VERSION = 3;
    static std::vector<es::Upcaster> upcasters() { return {[](es::json::Value &) {}}; }
    struct Created : es::CreatedEvent<Broken, Created>
    {
        static constexpr const char *TOPIC = "tests.upcasting:Broken.Created";
        static constexpr int CLASS_VERSION = 3;
        static std::vector<es::Upcaster> upcasters() { return {[](es::json::Value &) {}}; }
    };
    using Events = es::EventTypes<Created>;
};

const QUuid ThingId = es::uuid::fromString("0b8c8a5f-4d1e-4f37-9d2a-6c1f2b3a4d5e");
const char *const CreatedAt = "{\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:10.000001+00:00\"}";

QByteArray createdState(const char *members)
{
    return QByteArray("{\"timestamp\": ") + CreatedAt + ", \"originator_topic\": \"tests.upcasting:Thing\"" + members + "}";
}

es::StoredEvent record(qint64 version, const char *topic, const QByteArray &state)
{
    return es::StoredEvent{ThingId, version, QString::fromLatin1(topic), state};
}

std::shared_ptr<es::Snapshot> snapshotWithState(const char *innerJson)
{
    auto s = std::make_shared<es::Snapshot>();
    s->originatorId = ThingId;
    s->originatorVersion = 4;
    s->timestamp = es::Timestamp::fromIsoString("2026-11-28T16:40:00+00:00");
    s->aggregateTopic = QString::fromLatin1(Thing::TOPIC);
    s->state = es::json::Value::parse(innerJson);
    return s;
}

} // namespace

class TestUpcasting : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { es::registerAggregate<Thing>(); }
    void init() { upcastLog().clear(); }

    void eventsFromEveryVersion_data()
    {
        QTest::addColumn<QByteArray>("state");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("size");
        QTest::addColumn<QStringList>("tags");
        QTest::addColumn<QStringList>("upcasts");
        const QString v12 = QStringLiteral("event 1→2");
        const QString v23 = QStringLiteral("event 2→3");
        // Version 1 had no class_version (Python writes it only when > 1).
        QTest::newRow("v1") << createdState(", \"name\": \"box\"") << QStringLiteral("box") << 0 << QStringList()
                            << QStringList{v12, v23};
        QTest::newRow("v2") << createdState(", \"name\": \"box\", \"size\": 7, \"class_version\": 2") << QStringLiteral("box") << 7
                            << QStringList() << QStringList{v23};
        QTest::newRow("v3") << createdState(", \"full_name\": \"box\", \"size\": 7, \"tags\": [\"a\"], \"class_version\": 3")
                            << QStringLiteral("box") << 7 << QStringList{QStringLiteral("a")} << QStringList();
    }
    void eventsFromEveryVersion()
    {
        QFETCH(QByteArray, state);
        QFETCH(QString, name);
        QFETCH(int, size);
        QFETCH(QStringList, tags);
        QFETCH(QStringList, upcasts);
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());
        const es::DomainEventPtr event = mapper.toDomainEvent(record(1, "tests.upcasting:Thing.Created", state));
        QCOMPARE(upcastLog(), upcasts); // in order, each once, none for the current version
        const auto *created = dynamic_cast<const Thing::Created *>(event.get());
        QVERIFY(created);
        QCOMPARE(created->fullName, name);
        QCOMPARE(created->size, size);
        QCOMPARE(created->tags, tags);
        QCOMPARE(created->timestamp.toIsoString(), QStringLiteral("2026-11-28T16:33:10.000001+00:00"));
        QCOMPARE(created->originatorTopic, QStringLiteral("tests.upcasting:Thing"));
        auto thing = es::aggregate_cast<Thing>(event->mutate(nullptr));
        QCOMPARE(thing->fullName, name);
        QCOMPARE(thing->size, size);
        QCOMPARE(thing->tags, tags);
        // Written again, it is the current version.
        QCOMPARE(mapper.fromDomainEvent(*event).state,
                 createdState(QStringLiteral(", \"full_name\": \"box\", \"size\": %1, \"tags\": %2, \"class_version\": 3")
                                  .arg(size)
                                  .arg(tags.isEmpty() ? QStringLiteral("[]") : QStringLiteral("[\"a\"]"))
                                  .toUtf8()
                                  .constData()));
    }

    void aLaterEventOfAnotherVersion()
    {
        // Each event class has its own version: a v1 Resized after a v3 Created.
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());
        const es::DomainEventPtr created = mapper.toDomainEvent(
            record(1, "tests.upcasting:Thing.Created", createdState(", \"full_name\": \"box\", \"size\": 7, \"tags\": [], \"class_version\": 3")));
        const es::DomainEventPtr resized = mapper.toDomainEvent(record(
            2, "tests.upcasting:Thing.Resized",
            "{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:34:00+00:00\"}, \"size_text\": \"12\"}"));
        QCOMPARE(upcastLog(), QStringList{QStringLiteral("resized 1→2")});
        auto thing = es::aggregate_cast<Thing>(es::project(nullptr, {created, resized}));
        QCOMPARE(thing->size, 12);
        QCOMPARE(thing->version(), 2);
        QCOMPARE(mapper.fromDomainEvent(*resized).state,
                 QByteArray("{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:34:00+00:00\"}, "
                            "\"size\": 12, \"class_version\": 2}"));
    }

    void newEventsCarryTheirClassVersion()
    {
        auto thing = Thing::create(QStringLiteral("box"), 3, {QStringLiteral("x")});
        thing->resize(4);
        const es::json::Value created = thing->pendingEvents()[0]->stateValue();
        const es::json::Value resized = thing->pendingEvents()[1]->stateValue();
        QCOMPARE(created.find("class_version")->toInteger(), 3);
        QCOMPARE(resized.find("class_version")->toInteger(), 2);
        // class_version comes last, after the fields (Python adds it to the dict last).
        QCOMPARE(created.members().back().first, std::string("class_version"));
        QCOMPARE(resized.members().back().first, std::string("class_version"));
        QCOMPARE(Thing::Created::staticEventClass().classVersion, 3);
        QCOMPARE(Thing::staticAggregateClass().classVersion, 3);
        // Reading what we wrote runs no upcaster.
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());
        auto copy = es::aggregate_cast<Thing>(es::project(
            nullptr, {mapper.toDomainEvent(mapper.fromDomainEvent(*thing->pendingEvents()[0])),
                      mapper.toDomainEvent(mapper.fromDomainEvent(*thing->pendingEvents()[1]))}));
        QVERIFY(upcastLog().isEmpty());
        thing->collectEvents();
        QVERIFY(*copy == *thing);
    }

    void aggregateStateFromEveryVersion_data()
    {
        QTest::addColumn<QByteArray>("inner");
        QTest::addColumn<int>("size");
        QTest::addColumn<QStringList>("upcasts");
        const QByteArray times = "\"_created_on\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:10.000001+00:00\"}, "
                                 "\"_modified_on\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:35:00+00:00\"}";
        const QString a12 = QStringLiteral("aggregate 1→2");
        const QString a23 = QStringLiteral("aggregate 2→3");
        QTest::newRow("v1") << "{" + times + ", \"name\": \"box\"}" << 0 << QStringList{a12, a23};
        QTest::newRow("v2") << "{" + times + ", \"name\": \"box\", \"size\": 5, \"class_version\": 2}" << 5 << QStringList{a23};
        QTest::newRow("v3") << "{" + times + ", \"full_name\": \"box\", \"size\": 5, \"tags\": [], \"class_version\": 3}" << 5
                            << QStringList();
    }
    void aggregateStateFromEveryVersion()
    {
        QFETCH(QByteArray, inner);
        QFETCH(int, size);
        QFETCH(QStringList, upcasts);
        const auto snapshot = snapshotWithState(inner.constData());
        auto thing = es::aggregate_cast<Thing>(snapshot->mutate(nullptr));
        QCOMPARE(upcastLog(), upcasts);
        QCOMPARE(thing->id(), ThingId);
        QCOMPARE(thing->version(), 4);
        QCOMPARE(thing->fullName, QStringLiteral("box"));
        QCOMPARE(thing->size, size);
        QVERIFY(thing->tags.isEmpty());
        QCOMPARE(thing->createdOn().toIsoString(), QStringLiteral("2026-11-28T16:33:10.000001+00:00"));
        QCOMPARE(thing->modifiedOn().toIsoString(), QStringLiteral("2026-11-28T16:35:00+00:00"));
        // The snapshot itself is not changed by reading it.
        QVERIFY(snapshot->state == es::json::Value::parse(inner.constData()));
        // A new snapshot holds the current version.
        const auto again = es::Snapshot::take(*thing);
        QCOMPARE(again->state.find("class_version")->toInteger(), 3);
        QVERIFY(again->state.find("full_name"));
        QVERIFY(!again->state.find("name"));
        QVERIFY(*again->mutate(nullptr) == *thing);
    }

    void missingUpcaster()
    {
        es::registerAggregate<Broken>();
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());
        const QByteArray v1 = "{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:10+00:00\"}, "
                              "\"originator_topic\": \"tests.upcasting:Broken\"}";
        try {
            mapper.toDomainEvent(es::StoredEvent{ThingId, 1, QStringLiteral("tests.upcasting:Broken.Created"), v1});
            QFAIL("expected TranscodingError");
        } catch (const es::TranscodingError &e) {
            QVERIFY2(e.message().contains(QLatin1String("upcaster")) && e.message().contains(QLatin1String("2")),
                     qPrintable(e.message()));
        }
        // Version 2 needs only the missing step 2→3.
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError,
                                 mapper.toDomainEvent(es::StoredEvent{
                                     ThingId, 1, QStringLiteral("tests.upcasting:Broken.Created"),
                                     v1.left(v1.size() - 1) + ", \"class_version\": 2}"}));
        auto snapshot = std::make_shared<es::Snapshot>();
        snapshot->originatorId = ThingId;
        snapshot->originatorVersion = 1;
        snapshot->aggregateTopic = QStringLiteral("tests.upcasting:Broken");
        snapshot->state = es::json::Value::parse(
            "{\"_created_on\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:10+00:00\"}, "
            "\"_modified_on\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:10+00:00\"}}");
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError, (void)snapshot->mutate(nullptr));
    }
};

QTEST_GUILESS_MAIN(TestUpcasting)
#include "tst_upcasting.moc"
