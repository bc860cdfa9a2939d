// The topic registry (Python's register_topic/resolve_topic): topic strings to classes and back,
// registration of declared events before first use, renamed classes, errors, concurrent use.
#include "testmodels.h"

#include "es/domain.h"
#include "es/errors.h"
#include "es/topics.h"
#include "es/transcoder.h"

#include <QtTest>
#include <atomic>
#include <thread>

using testmodels::World;

namespace {

// Never touched before registerEventsUpFront(): its events are unknown until registerAggregate().
class Parcel : public es::AggregateRoot<Parcel>
{
public:
    static constexpr const char *TOPIC = "tests.topics:Parcel";
    struct Posted : es::CreatedEvent<Parcel, Posted>
    {
        static constexpr const char *TOPIC = "tests.topics:Parcel.Posted";
    };
    struct Delivered : es::Event<Parcel, Delivered>
    {
        static constexpr const char *TOPIC = "tests.topics:Parcel.Delivered";
        void apply(Parcel &p) const { p.delivered = true; }
    };
    using Events = es::EventTypes<Posted, Delivered>;
    static constexpr auto stateFields() { return es::fields(es::field("delivered", &Parcel::delivered)); }
    bool delivered = false;
};

// Two classes that claim the same topic.
class Twin1 : public es::AggregateRoot<Twin1>
{
public:
    static constexpr const char *TOPIC = "tests.topics:Twin";
};
class Twin2 : public es::AggregateRoot<Twin2>
{
public:
    static constexpr const char *TOPIC = "tests.topics:Twin";
};

es::EventClass eventDescriptor(const char *topic)
{
    es::EventClass c;
    c.topic = QString::fromLatin1(topic);
    return c;
}

// Descriptors live for the program's life, as the registry expects.
es::EventClass DescriptorA = eventDescriptor("tests.topics:Shared");
es::EventClass DescriptorB = eventDescriptor("tests.topics:Shared");
constexpr int Threads = 4;
constexpr int PerThread = 100;
std::vector<es::EventClass> Pool(Threads * PerThread);

QByteArray stored(const char *json)
{
    return QByteArray(json);
}

} // namespace

class TestTopics : public QObject
{
    Q_OBJECT
private slots:
    void registerEventsUpFront()
    {
        // Reading a store needs the event classes before any of them was used in this process.
        QVERIFY(!es::findEventClass(QStringLiteral("tests.topics:Parcel.Delivered")));
        QVERIFY(!es::findAggregateClass(QStringLiteral("tests.topics:Parcel")));
        es::registerAggregate<Parcel>();
        QCOMPARE(es::findAggregateClass(QStringLiteral("tests.topics:Parcel")), &Parcel::staticAggregateClass());
        QCOMPARE(es::findEventClass(QStringLiteral("tests.topics:Parcel.Posted")), &Parcel::Posted::staticEventClass());
        QCOMPARE(es::findEventClass(QStringLiteral("tests.topics:Parcel.Delivered")), &Parcel::Delivered::staticEventClass());
        QVERIFY(es::findEventClass(QStringLiteral("tests.topics:Parcel.Posted"))->isCreated);
        QVERIFY(!es::findEventClass(QStringLiteral("tests.topics:Parcel.Delivered"))->isCreated);
        // Registering again is harmless.
        es::registerAggregate<Parcel>();
        es::registerTopic(QStringLiteral("tests.topics:Parcel"), Parcel::staticAggregateClass());
        QCOMPARE(es::findAggregateClass(QStringLiteral("tests.topics:Parcel")), &Parcel::staticAggregateClass());
    }

    void resolve()
    {
        es::registerAggregate<World>();
        const es::TopicEntry aggregate = es::resolveTopic(QStringLiteral("worldsystem:World"));
        QCOMPARE(aggregate.aggregateClass, &World::staticAggregateClass());
        QVERIFY(!aggregate.eventClass);
        const es::TopicEntry event = es::resolveTopic(QStringLiteral("worldsystem:World.SomethingHappened"));
        QCOMPARE(event.eventClass, &World::SomethingHappened::staticEventClass());
        QVERIFY(!event.aggregateClass);
        QCOMPARE(event.eventClass->topic, QStringLiteral("worldsystem:World.SomethingHappened"));
        QVERIFY(*event.eventClass->type == typeid(World::SomethingHappened));
        QCOMPARE(World::staticAggregateClass().name, QStringLiteral("World"));
        // An event topic is not an aggregate topic and the other way round.
        QVERIFY(!es::findAggregateClass(QStringLiteral("worldsystem:World.SomethingHappened")));
        QVERIFY(!es::findEventClass(QStringLiteral("worldsystem:World")));
    }

    void unknownTopic()
    {
        const QString topic = QStringLiteral("nowhere.module:Nothing");
        QVERIFY(!es::findTopic(topic));
        QVERIFY(!es::findEventClass(topic));
        QVERIFY(!es::findAggregateClass(topic));
        try {
            es::resolveTopic(topic);
            QFAIL("expected TopicError");
        } catch (const es::TopicError &e) {
            QVERIFY2(e.message().contains(topic), qPrintable(e.message()));
        }
        // Topics are exact: no case folding, no partial matches.
        QVERIFY(!es::findTopic(QStringLiteral("worldsystem:world")));
        QVERIFY(!es::findTopic(QStringLiteral("worldsystem:World ")));
        QVERIFY(!es::findTopic(QString()));
        // Decoding a record of an unknown topic is a TopicError too.
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());
        const QByteArray state = stored("{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:09+00:00\"}}");
        QVERIFY_THROWS_EXCEPTION(es::TopicError, mapper.toDomainEvent(es::StoredEvent{es::uuid::v4(), 1, topic, state}));
    }

    void oneTopicForTwoClasses()
    {
        es::registerTopic(QStringLiteral("tests.topics:Shared"), DescriptorA);
        es::registerTopic(QStringLiteral("tests.topics:Shared"), DescriptorA); // the same class again: fine
        try {
            es::registerTopic(QStringLiteral("tests.topics:Shared"), DescriptorB);
            QFAIL("expected TopicError");
        } catch (const es::TopicError &e) {
            QVERIFY2(e.message().contains(QLatin1String("tests.topics:Shared")), qPrintable(e.message()));
        }
        // The first registration stands.
        QCOMPARE(es::findEventClass(QStringLiteral("tests.topics:Shared")), &DescriptorA);
        // An aggregate class cannot take an event class's topic either.
        QVERIFY_THROWS_EXCEPTION(es::TopicError,
                                 es::registerTopic(QStringLiteral("tests.topics:Shared"), World::staticAggregateClass()));
        QVERIFY_THROWS_EXCEPTION(es::TopicError, es::registerTopic(QStringLiteral("worldsystem:World"), DescriptorB));
        // Two C++ classes declaring one TOPIC: the second one to register fails.
        Twin1::staticAggregateClass();
        QVERIFY_THROWS_EXCEPTION(es::TopicError, Twin2::staticAggregateClass());
        QCOMPARE(es::findAggregateClass(QStringLiteral("tests.topics:Twin")), &Twin1::staticAggregateClass());
        // Nor may anyone take over Snapshot's topic.
        QVERIFY_THROWS_EXCEPTION(es::TopicError, es::registerTopic(QString::fromUtf8(es::Snapshot::TOPIC), DescriptorB));
    }

    void renamedClasses()
    {
        // Python's register_topic("old.module:OldName", NewClass): old records still resolve.
        es::registerAggregate<World>();
        const QString oldAggregate = QStringLiteral("oldsystem:Planet");
        const QString oldEvent = QStringLiteral("oldsystem:Planet.SomethingHappened");
        const QString oldCreated = QStringLiteral("oldsystem:Planet.Created");
        es::registerTopic(oldAggregate, World::staticAggregateClass());
        es::registerTopic(oldEvent, World::SomethingHappened::staticEventClass());
        es::registerTopic(oldCreated, World::Created::staticEventClass());
        QCOMPARE(es::findAggregateClass(oldAggregate), &World::staticAggregateClass());
        QCOMPARE(es::findEventClass(oldEvent), &World::SomethingHappened::staticEventClass());
        // The class keeps its own topic for what it writes.
        QCOMPARE(World::staticAggregateClass().topic, QStringLiteral("worldsystem:World"));

        // Records written under the old names decode and rebuild a World.
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());
        const QUuid id = es::uuid::v4();
        const es::DomainEventPtr created = mapper.toDomainEvent(es::StoredEvent{
            id, 1, oldCreated,
            stored("{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:10.879401+00:00\"}, "
                   "\"originator_topic\": \"oldsystem:Planet\"}")});
        const es::DomainEventPtr happened = mapper.toDomainEvent(es::StoredEvent{
            id, 2, oldEvent,
            stored("{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:11+00:00\"}, \"what\": \"rain\"}")});
        QCOMPARE(created->topic(), QStringLiteral("worldsystem:World.Created"));
        auto world = es::aggregate_cast<World>(es::project(nullptr, {created, happened}));
        QCOMPARE(world->history, QStringList{QStringLiteral("rain")});
        QCOMPARE(world->version(), 2);
        // A snapshot naming the old aggregate topic rebuilds a World too.
        auto snapshot = es::Snapshot::take(*world);
        snapshot->aggregateTopic = oldAggregate;
        QVERIFY(*snapshot->mutate(nullptr) == *world);
    }

    void createdEventWithAnotherAggregateTopic()
    {
        // originator_topic names the class to make; an unknown one is a TopicError.
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());
        es::registerAggregate<World>();
        const es::DomainEventPtr created = mapper.toDomainEvent(es::StoredEvent{
            es::uuid::v4(), 1, QStringLiteral("worldsystem:World.Created"),
            stored("{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:10+00:00\"}, "
                   "\"originator_topic\": \"nowhere:Gone\"}")});
        QVERIFY_THROWS_EXCEPTION(es::TopicError, (void)created->mutate(nullptr));
        // …and one that names a class of another type is a ValueError naming both.
        es::registerAggregate<Parcel>();
        const es::DomainEventPtr wrong = mapper.toDomainEvent(es::StoredEvent{
            es::uuid::v4(), 1, QStringLiteral("worldsystem:World.Created"),
            stored("{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:10+00:00\"}, "
                   "\"originator_topic\": \"tests.topics:Parcel\"}")});
        QVERIFY_THROWS_EXCEPTION(es::ValueError, (void)wrong->mutate(nullptr));
    }

    void registeredTopicsAreListed()
    {
        es::registerAggregate<World>();
        es::registerAggregate<Parcel>();
        const QStringList topics = es::registeredTopics();
        for (const char *t : {"worldsystem:World", "worldsystem:World.Created", "worldsystem:World.SomethingHappened",
                              "tests.topics:Parcel", "tests.topics:Parcel.Posted", "tests.topics:Parcel.Delivered",
                              "eventsourcing.domain:Snapshot"})
            QVERIFY2(topics.contains(QLatin1String(t)), t);
        QStringList sorted = topics;
        std::sort(sorted.begin(), sorted.end());
        QCOMPARE(topics, sorted);
        QCOMPARE(QStringList(topics).removeDuplicates(), 0);
        for (const QString &t : topics)
            QVERIFY(es::findTopic(t));
    }

    void concurrentUse()
    {
        // Registration and lookups from several threads at once: everything registered is found,
        // and each topic names the class registered for it.
        es::registerAggregate<World>();
        std::atomic<int> found{0};
        std::atomic<int> wrong{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < Threads; ++t) {
            threads.emplace_back([t, &found, &wrong] {
                for (int i = 0; i < PerThread; ++i) {
                    es::EventClass &cls = Pool[size_t(t * PerThread + i)];
                    cls.topic = QStringLiteral("tests.threads:E%1_%2").arg(t).arg(i);
                    es::registerTopic(cls.topic, cls);
                    const es::EventClass *back = es::findEventClass(cls.topic);
                    if (back == &cls)
                        ++found;
                    else
                        ++wrong;
                    if (!es::findAggregateClass(QStringLiteral("worldsystem:World")))
                        ++wrong;
                }
            });
        }
        for (std::thread &th : threads)
            th.join();
        QCOMPARE(found.load(), Threads * PerThread);
        QCOMPARE(wrong.load(), 0);
        const QStringList topics = es::registeredTopics();
        QCOMPARE(topics.filter(QStringLiteral("tests.threads:")).size(), Threads * PerThread);
    }
};

QTEST_GUILESS_MAIN(TestTopics)
#include "tst_topics.moc"
