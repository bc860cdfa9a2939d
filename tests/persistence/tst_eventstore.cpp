// EventStore (eventstore.h) directly: put() of domain events, with and without a Tracking record
// through a process recorder, and get() with gt/lte/desc/limit, on every backend as data rows
// (popo, sqlite-memory, sqlite-file, postgres); the mapper's round trip through a store with zlib
// and AES-GCM; a stored topic no class is registered for; and the configuration error of
// CIPHER_TOPIC without CIPHER_KEY through InfrastructureFactory.
#include "backendstore.h"

#include "es/domain.h"
#include "es/errors.h"
#include "es/eventstore.h"
#include "es/infrastructure.h"
#include "es/uuid.h"

#include <QAtomicInteger>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

using namespace es;

namespace {

class Dog : public AggregateRoot<Dog>
{
public:
    static constexpr const char *TOPIC = "tests.eventstore:Dog";

    struct Registered : CreatedEvent<Dog, Registered>
    {
        static constexpr const char *TOPIC = "tests.eventstore:Dog.Registered";
        QString name;
        static constexpr auto fields() { return es::fields(es::field("name", &Registered::name)); }
        void apply(Dog &d) const { d.name = name; }
    };

    struct TrickAdded : Event<Dog, TrickAdded>
    {
        static constexpr const char *TOPIC = "tests.eventstore:Dog.TrickAdded";
        QString trick;
        static constexpr auto fields() { return es::fields(es::field("trick", &TrickAdded::trick)); }
        void apply(Dog &d) const { d.tricks << trick; }
    };

    using Events = EventTypes<Registered, TrickAdded>;
    static constexpr auto stateFields()
    {
        return es::fields(es::field("name", &Dog::name), es::field("tricks", &Dog::tricks));
    }

    static std::unique_ptr<Dog> registerDog(const QString &name)
    {
        return createAggregate<Registered>(uuid::v4(), name);
    }
    void addTrick(const QString &trick) { triggerEvent<TrickAdded>(trick); }

    QString name;
    QStringList tricks;
};

const QString AppName = QStringLiteral("eventstoretest");

// A dog with `tricks` tricks: 1 + tricks events, versions 1…1 + tricks.
std::vector<DomainEventPtr> dogEvents(const QString &name, int tricks, QUuid *id = nullptr)
{
    auto dog = Dog::registerDog(name);
    for (int i = 1; i <= tricks; ++i)
        dog->addTrick(QStringLiteral("trick %1").arg(i));
    if (id)
        *id = dog->id();
    return dog->collectEvents();
}

std::vector<qint64> versionsOf(const std::vector<DomainEventPtr> &events)
{
    std::vector<qint64> out;
    for (const DomainEventPtr &e : events)
        out.push_back(e->originatorVersion);
    return out;
}

// The trick of a TrickAdded event ("" for any other event).
QString trickOf(const DomainEventPtr &e)
{
    const auto *t = dynamic_cast<const Dog::TrickAdded *>(e.get());
    return t ? t->trick : QString();
}

// This test's stores: files and databases named "eventstore".
struct Store : test::BackendStore
{
    Store() : BackendStore(AppName, QStringLiteral("eventstore")) { }
};

using test::describe;

} // namespace

class TestEventStore : public QObject
{
    Q_OBJECT

    static void backends() { test::addBackendRows(); }

private slots:
    void initTestCase() { registerAggregate<Dog>(); }

    void putAndGet_data() { backends(); }
    void putAndGet()
    {
        ES_WITH_BACKEND_STORE({}, {
            auto f = store.factory.get();
            EventStore events(f->mapper(f->transcoder()), f->applicationRecorder());
            QUuid id;
            const auto written = dogEvents(QStringLiteral("Fido"), 4, &id);
            QUuid otherId;
            const auto other = dogEvents(QStringLiteral("Rex"), 1, &otherId);
            QVERIFY(events.get(id).empty());

            // put() returns the notification ids, one per event, increasing across puts.
            const auto ids = events.put(written);
            QCOMPARE(ids.size(), written.size());
            for (size_t i = 1; i < ids.size(); ++i)
                QCOMPARE(ids[i], ids[i - 1] + 1);
            const auto otherIds = events.put(other);
            QCOMPARE(otherIds.size(), size_t(2));
            QVERIFY(otherIds.front() > ids.back());

            // get(): the same events back, of their classes, with their fields and timestamps.
            const auto all = events.get(id);
            QCOMPARE(versionsOf(all), (std::vector<qint64> {1, 2, 3, 4, 5}));
            for (size_t i = 0; i < all.size(); ++i) {
                QCOMPARE(all[i]->originatorId, id);
                QCOMPARE(all[i]->topic(), written[i]->topic());
                QVERIFY(all[i]->timestamp.isIdenticalTo(written[i]->timestamp));
                QCOMPARE(QByteArray::fromStdString(all[i]->stateJson()),
                         QByteArray::fromStdString(written[i]->stateJson()));
            }
            const auto *registered = dynamic_cast<const Dog::Registered *>(all[0].get());
            QVERIFY(registered);
            QCOMPARE(registered->name, QStringLiteral("Fido"));
            QCOMPARE(registered->originatorTopic, QStringLiteral("tests.eventstore:Dog"));
            QCOMPARE(trickOf(all[3]), QStringLiteral("trick 3"));
            auto dog = aggregate_cast<Dog>(project(nullptr, all));
            QCOMPARE(dog->version(), 5);
            QCOMPARE(dog->name, QStringLiteral("Fido"));
            QCOMPARE(dog->tricks.size(), 4);
            QCOMPARE(versionsOf(events.get(otherId)), (std::vector<qint64> {1, 2}));

            // gt, lte, desc, limit as Python's select_events().
            QCOMPARE(versionsOf(events.get(id, 2)), (std::vector<qint64> {3, 4, 5}));
            QCOMPARE(versionsOf(events.get(id, std::nullopt, 3)), (std::vector<qint64> {1, 2, 3}));
            QCOMPARE(versionsOf(events.get(id, 1, 4)), (std::vector<qint64> {2, 3, 4}));
            QCOMPARE(versionsOf(events.get(id, std::nullopt, std::nullopt, true)),
                     (std::vector<qint64> {5, 4, 3, 2, 1}));
            QCOMPARE(versionsOf(events.get(id, std::nullopt, std::nullopt, false, 2)),
                     (std::vector<qint64> {1, 2}));
            QCOMPARE(versionsOf(events.get(id, std::nullopt, std::nullopt, true, 1)),
                     (std::vector<qint64> {5}));
            QCOMPARE(versionsOf(events.get(id, 1, 4, true, 2)), (std::vector<qint64> {4, 3}));
            const auto lastTwo = events.get(id, std::nullopt, 4, true, 2);
            QCOMPARE(versionsOf(lastTwo), (std::vector<qint64> {4, 3}));
            QCOMPARE(trickOf(lastTwo[0]), QStringLiteral("trick 3"));
            QCOMPARE(trickOf(lastTwo[1]), QStringLiteral("trick 2"));
            QVERIFY(events.get(id, 5).empty());
            QVERIFY(events.get(id, std::nullopt, std::nullopt, false, 0).empty());
            QVERIFY(events.get(uuid::v4()).empty());

            // A version that exists already: IntegrityError, and nothing of that put is written.
            auto again = Dog::registerDog(QStringLiteral("Twin"));
            std::vector<DomainEventPtr> conflicting = again->collectEvents();
            conflicting.push_back(written[4]);
            const qint64 max = f->applicationRecorder()->maxNotificationId();
            QVERIFY_THROWS_EXCEPTION(IntegrityError, events.put(conflicting));
            QVERIFY(events.get(again->id()).empty());
            QCOMPARE(events.get(id).size(), size_t(5));
            QCOMPARE(f->applicationRecorder()->maxNotificationId(), max);

            // Through an aggregate recorder without a log (snapshots' table): no ids, events kept.
            EventStore plain(f->mapper(f->transcoder()), f->aggregateRecorder(QStringLiteral("snapshots")));
            QVERIFY(plain.put(dogEvents(QStringLiteral("Solo"), 2, &otherId)).empty());
            QCOMPARE(versionsOf(plain.get(otherId, 1)), (std::vector<qint64> {2, 3}));
            QCOMPARE(f->applicationRecorder()->maxNotificationId(), max);
        });
    }

    void putWithTracking_data() { backends(); }
    void putWithTracking()
    {
        ES_WITH_BACKEND_STORE({}, {
            auto f = store.factory.get();
            auto recorder = f->processRecorder();
            EventStore events(f->mapper(f->transcoder()), recorder);
            const QString upstream = QStringLiteral("upstream");
            QCOMPARE(recorder->maxTrackingId(upstream), 0);

            QUuid a;
            const auto first = dogEvents(QStringLiteral("Fido"), 2, &a);
            const Tracking t3 {upstream, 3};
            const auto ids = events.put(first, &t3);
            QCOMPARE(ids.size(), size_t(3));
            QCOMPARE(recorder->maxTrackingId(upstream), 3);
            QCOMPARE(recorder->maxNotificationId(), ids.back());

            // Without tracking through the same process recorder: events only.
            QUuid b;
            QCOMPARE(events.put(dogEvents(QStringLiteral("Rex"), 0, &b)).size(), size_t(1));
            QCOMPARE(recorder->maxTrackingId(upstream), 3);

            // A tracking record that exists already: IntegrityError, and the events are not written.
            QUuid c;
            const auto refused = dogEvents(QStringLiteral("Ghost"), 1, &c);
            const qint64 max = recorder->maxNotificationId();
            QVERIFY_THROWS_EXCEPTION(IntegrityError, events.put(refused, &t3));
            QVERIFY(events.get(c).empty());
            QCOMPARE(recorder->maxNotificationId(), max);
            QCOMPARE(recorder->maxTrackingId(upstream), 3);

            // A conflicting event: the tracking record is not written either.
            const Tracking t4 {upstream, 4};
            QVERIFY_THROWS_EXCEPTION(IntegrityError, events.put({first[2]}, &t4));
            QCOMPARE(recorder->maxTrackingId(upstream), 3);

            // The refused events go in with the next position.
            QCOMPARE(events.put(refused, &t4).size(), size_t(2));
            QCOMPARE(recorder->maxTrackingId(upstream), 4);
            QCOMPARE(recorder->maxTrackingId(QStringLiteral("elsewhere")), 0);
            QCOMPARE(versionsOf(events.get(c)), (std::vector<qint64> {1, 2}));
            QCOMPARE(versionsOf(events.get(a)), (std::vector<qint64> {1, 2, 3}));
            QCOMPARE(recorder->selectNotifications(1, 100).size(), size_t(6));
        });
    }

    // COMPRESSOR_TOPIC and CIPHER_TOPIC/CIPHER_KEY: the stored bytes are encrypted zlib (the
    // plaintext nowhere in them), and the events come back equal through the store.
    void compressedAndEncryptedRoundTrip_data() { backends(); }
    void compressedAndEncryptedRoundTrip()
    {
        const QString key = AESCipher::createKey(32);
        const QMap<QString, QString> extra {
            {QStringLiteral("COMPRESSOR_TOPIC"), QStringLiteral("eventsourcing.compressor:ZlibCompressor")},
            {QStringLiteral("CIPHER_TOPIC"), QStringLiteral("eventsourcing.cipher:AESCipher")},
            {QStringLiteral("EVENTSTORETEST_CIPHER_KEY"), key}, // the <APPNAME>_ prefix
        };
        ES_WITH_BACKEND_STORE(extra, {
            auto f = store.factory.get();
            auto mapper = f->mapper(f->transcoder());
            QVERIFY(mapper->compressor());
            QVERIFY(mapper->cipher());
            auto recorder = f->applicationRecorder();
            EventStore events(mapper, recorder);
            QUuid id;
            // Repetitive text, so that compression shows.
            const QString name = QStringLiteral("Fido the very good dog, ").repeated(20);
            const auto written = dogEvents(name, 2, &id);
            QCOMPARE(events.put(written).size(), size_t(3));

            const auto stored = recorder->selectEvents(id);
            QCOMPARE(stored.size(), size_t(3));
            const Mapper plainMapper(f->transcoder());
            const QByteArray plaintext = plainMapper.fromDomainEvent(*written[0]).state;
            QVERIFY(plaintext.contains("Fido the very good dog"));
            QVERIFY(!stored[0].state.contains("Fido"));
            QVERIFY(!stored[0].state.contains("timestamp"));
            QVERIFY2(stored[0].state.size() < plaintext.size() / 2, "zlib before encryption");
            QCOMPARE(stored[0].topic, QStringLiteral("tests.eventstore:Dog.Registered"));
            const DecodedState decoded = decodeStoredState(stored[0].state, mapper->cipher());
            QVERIFY2(decoded.ok(), qPrintable(decoded.error));
            QCOMPARE(decoded.storage(), QStringLiteral("encrypted+zlib"));
            QCOMPARE(decoded.state.find("name")->toQString(), name);
            QCOMPARE(decodeStoredState(stored[0].state).problem, DecodedState::Problem::NeedsKey);
            QCOMPARE(mapper->unprotect(stored[0].state), plaintext);

            const auto back = events.get(id);
            QCOMPARE(versionsOf(back), (std::vector<qint64> {1, 2, 3}));
            for (size_t i = 0; i < back.size(); ++i) {
                QCOMPARE(back[i]->topic(), written[i]->topic());
                QVERIFY(back[i]->timestamp.isIdenticalTo(written[i]->timestamp));
                QCOMPARE(QByteArray::fromStdString(back[i]->stateJson()),
                         QByteArray::fromStdString(written[i]->stateJson()));
            }
            QCOMPARE(dynamic_cast<const Dog::Registered &>(*back[0]).name, name);

            // Another key cannot read them, nor can a store without a cipher.
            EventStore wrongKey(
                std::make_shared<Mapper>(f->transcoder(), f->compressor(),
                                         std::make_shared<AESCipher>(AESCipher::createKey(32))),
                recorder);
            QVERIFY_THROWS_EXCEPTION(CipherError, wrongKey.get(id));
            EventStore noKey(std::make_shared<Mapper>(f->transcoder()), recorder);
            bool refused = false;
            try {
                noKey.get(id);
            } catch (const EventSourcingError &) {
                refused = true;
            }
            QVERIFY2(refused, "encrypted records read without a key");
        });
    }

    // A stored record whose topic names no registered class: get() throws TopicError naming it.
    void unknownStoredTopic_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("popo") << QStringLiteral("popo");
        QTest::newRow("sqlite-memory") << QStringLiteral("sqlite-memory");
    }
    void unknownStoredTopic()
    {
        ES_WITH_BACKEND_STORE({}, {
            auto f = store.factory.get();
            auto recorder = f->applicationRecorder();
            EventStore events(f->mapper(f->transcoder()), recorder);
            QUuid id;
            auto written = dogEvents(QStringLiteral("Fido"), 1, &id);
            events.put({written[0]});
            // Version 2 written under a topic this process does not know (a renamed class, say).
            StoredEvent alien = f->mapper(f->transcoder())->fromDomainEvent(*written[1]);
            const QString topic = QStringLiteral("tests.eventstore:Dog.Vanished");
            QVERIFY(!findTopic(topic));
            alien.topic = topic;
            recorder->insertEvents({alien});

            QCOMPARE(events.get(id, std::nullopt, 1).size(), size_t(1)); // the known one still reads
            try {
                events.get(id);
                QFAIL("expected TopicError");
            } catch (const TopicError &e) {
                QVERIFY2(e.message().contains(topic), qPrintable(e.message()));
            }
            QVERIFY_THROWS_EXCEPTION(TopicError, events.get(id, 1));
        });
    }

    // CIPHER_TOPIC without CIPHER_KEY, as plain and as <APPNAME>_ variables: a ConfigurationError
    // naming the missing variable, from the factory (at construction or at its mapper).
    void cipherTopicWithoutKey_data()
    {
        QTest::addColumn<QString>("topicVariable");
        QTest::addColumn<QString>("otherVariable");
        QTest::newRow("plain") << QStringLiteral("CIPHER_TOPIC") << QString();
        QTest::newRow("prefixed") << QStringLiteral("EVENTSTORETEST_CIPHER_TOPIC") << QString();
        // Another application's key does not count.
        QTest::newRow("other app's key")
            << QStringLiteral("EVENTSTORETEST_CIPHER_TOPIC") << QStringLiteral("OTHERAPP_CIPHER_KEY");
    }
    void cipherTopicWithoutKey()
    {
        QFETCH(QString, topicVariable);
        QFETCH(QString, otherVariable);
        QMap<QString, QString> vars {{topicVariable, QStringLiteral("eventsourcing.cipher:AESCipher")}};
        if (!otherVariable.isEmpty())
            vars.insert(otherVariable, AESCipher::createKey(16));
        QString message;
        try {
            auto f = InfrastructureFactory::construct(Environment(AppName, vars));
            (void)f->mapper(f->transcoder());
            QFAIL("a mapper was made without a key");
        } catch (const ConfigurationError &e) {
            message = e.message();
        } catch (const std::exception &e) {
            QFAIL(qPrintable(QStringLiteral("not a ConfigurationError: ") + describe(e)));
        }
        QVERIFY2(message.contains(QLatin1String("CIPHER_KEY")), qPrintable(message));
        QVERIFY2(message.contains(topicVariable), qPrintable(message));
        if (!otherVariable.isEmpty())
            QVERIFY2(!message.contains(otherVariable), qPrintable(message));

        // With the key (prefixed here), the same environment makes an encrypting mapper.
        vars.insert(QStringLiteral("EVENTSTORETEST_CIPHER_KEY"), AESCipher::createKey(24));
        try {
            auto f = InfrastructureFactory::construct(Environment(AppName, vars));
            QVERIFY(f->mapper(f->transcoder())->cipher());
        } catch (const std::exception &e) {
            QFAIL(qPrintable(QStringLiteral("unexpected exception: ") + describe(e)));
        }
    }
};

QTEST_GUILESS_MAIN(TestEventStore)
#include "tst_eventstore.moc"
