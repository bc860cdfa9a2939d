// Aggregates as Python's eventsourcing 9.1 domain.py has them (test_aggregate.py,
// test_aggregate_decorators.py): version numbering from INITIAL_VERSION, created/modified times from
// the events, pending events, apply-first, the originator id/version checks, equality, custom ids
// and the representation.
#include "testmodels.h"

#include "es/domain.h"
#include "es/errors.h"

#include <QtTest>

using testmodels::BankAccount;
using testmodels::Counter;
using testmodels::World;

namespace {

// Python: class MyAggregate1(Aggregate): INITIAL_VERSION = 0
class ZeroBased : public es::AggregateRoot<ZeroBased>
{
public:
    static constexpr const char *TOPIC = "tests.aggregate:ZeroBased";
    static constexpr qint64 INITIAL_VERSION = 0;
    struct Started : es::CreatedEvent<ZeroBased, Started>
    {
        static constexpr const char *TOPIC = "tests.aggregate:ZeroBased.Started";
    };
    struct Ticked : es::Event<ZeroBased, Ticked>
    {
        static constexpr const char *TOPIC = "tests.aggregate:ZeroBased.Ticked";
        void apply(ZeroBased &a) const { ++a.ticks; }
    };
    static constexpr auto stateFields() { return es::fields(es::field("ticks", &ZeroBased::ticks)); }
    static std::unique_ptr<ZeroBased> start() { return createAggregate<Started>(es::uuid::v4()); }
    void tick() { triggerEvent<Ticked>(); }
    int ticks = 0;
};

// Python: class MyAggregate3(Aggregate): INITIAL_VERSION = 5
class FiveBased : public es::AggregateRoot<FiveBased>
{
public:
    static constexpr const char *TOPIC = "tests.aggregate:FiveBased";
    static constexpr qint64 INITIAL_VERSION = 5;
    struct Started : es::CreatedEvent<FiveBased, Started>
    {
        static constexpr const char *TOPIC = "tests.aggregate:FiveBased.Started";
        int value = 0;
        static constexpr auto fields() { return es::fields(es::field("value", &Started::value)); }
        void apply(FiveBased &a) const { a.value = value; }
    };
    struct ValueSet : es::Event<FiveBased, ValueSet>
    {
        static constexpr const char *TOPIC = "tests.aggregate:FiveBased.ValueSet";
        int value = 0;
        static constexpr auto fields() { return es::fields(es::field("value", &ValueSet::value)); }
        void apply(FiveBased &a) const { a.value = value; }
    };
    static constexpr auto stateFields() { return es::fields(es::field("value", &FiveBased::value)); }
    static std::unique_ptr<FiveBased> start(int value) { return createAggregate<Started>(es::uuid::v4(), value); }
    void set(int v) { triggerEvent<ValueSet>(v); }
    int value = 0;
};

// Same attributes as World, another class: never equal to a World.
class Planet : public es::AggregateRoot<Planet>
{
public:
    static constexpr const char *TOPIC = "tests.aggregate:Planet";
    struct Created : es::CreatedEvent<Planet, Created>
    {
        static constexpr const char *TOPIC = "tests.aggregate:Planet.Created";
    };
    static constexpr auto stateFields() { return es::fields(es::field("history", &Planet::history)); }
    QStringList history;
};

const QUuid FixedId = es::uuid::fromString("6d774197-319b-52b8-a715-e02b95fb5bdc");

template<typename E>
std::shared_ptr<E> makeEvent(const QUuid &id, qint64 version, const char *iso)
{
    auto e = std::make_shared<E>();
    e->originatorId = id;
    e->originatorVersion = version;
    e->timestamp = es::Timestamp::fromIsoString(iso);
    return e;
}

std::shared_ptr<World::Created> worldCreated(const QUuid &id = FixedId)
{
    auto e = makeEvent<World::Created>(id, 1, "2026-11-28T16:33:10.879401+00:00");
    e->originatorTopic = QString::fromUtf8(World::TOPIC);
    return e;
}

std::shared_ptr<World::SomethingHappened> happened(qint64 version, const QString &what, const QUuid &id = FixedId)
{
    auto e = makeEvent<World::SomethingHappened>(id, version, "2026-11-28T16:33:11.000002+00:00");
    e->what = what;
    return e;
}

std::unique_ptr<World> worldFrom(const std::vector<es::DomainEventPtr> &events)
{
    return es::aggregate_cast<World>(es::project(nullptr, events));
}

QString debugText(const es::Aggregate &a)
{
    QString text;
    QDebug(&text) << a;
    return text;
}

} // namespace

class TestAggregate : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        es::registerAggregate<BankAccount>();
        es::registerAggregate<World>();
        es::registerAggregate<Counter>();
    }

    void createdAggregate()
    {
        const es::Timestamp before = es::Timestamp::now();
        auto a = BankAccount::open(QStringLiteral("Alice"), QStringLiteral("alice@example.com"));
        const es::Timestamp after = es::Timestamp::now();
        QVERIFY(!a->id().isNull());
        QCOMPARE(a->version(), 1);
        QCOMPARE(a->fullName, QStringLiteral("Alice"));
        QCOMPARE(a->balance.toString(), QStringLiteral("0.00"));
        QCOMPARE(a->topic(), QStringLiteral("eventsourcing.examples.bankaccounts.domainmodel:BankAccount"));
        QCOMPARE(a->aggregateClass().name, QStringLiteral("BankAccount"));
        // created_on == modified_on == the created event's timestamp: aware UTC, microseconds.
        QVERIFY(a->createdOn().isIdenticalTo(a->modifiedOn()));
        QVERIFY(a->createdOn().isAware());
        QCOMPARE(a->createdOn().offsetMicros(), 0);
        QVERIFY(before <= a->createdOn());
        QVERIFY(a->createdOn() <= after);

        QCOMPARE(a->pendingEvents().size(), size_t(1));
        const es::DomainEvent &e = *a->pendingEvents().front();
        QCOMPARE(e.topic(), QStringLiteral("eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Opened"));
        QCOMPARE(e.originatorId, a->id());
        QCOMPARE(e.originatorVersion, 1);
        QVERIFY(e.timestamp.isIdenticalTo(a->createdOn()));
        const auto *opened = dynamic_cast<const BankAccount::Opened *>(&e);
        QVERIFY(opened);
        QCOMPARE(opened->originatorTopic, QString::fromUtf8(BankAccount::TOPIC));
        QCOMPARE(opened->fullName, QStringLiteral("Alice"));
        QCOMPARE(opened->emailAddress, QStringLiteral("alice@example.com"));
    }

    void triggeredEvents()
    {
        auto a = BankAccount::open(QStringLiteral("Alice"), QStringLiteral("alice@example.com"));
        const es::Timestamp created = a->createdOn();
        a->credit(es::Decimal::fromString("415.8"));
        a->debit(es::Decimal::fromString("15.8"));
        a->setOverdraftLimit(es::Decimal::fromString("100"));
        QCOMPARE(a->version(), 4);
        QCOMPARE(a->balance.toString(), QStringLiteral("400.00"));
        QCOMPARE(a->overdraftLimit.toString(), QStringLiteral("100"));
        QVERIFY(a->createdOn().isIdenticalTo(created));
        // modified_on is the last event's timestamp.
        QVERIFY(a->modifiedOn().isIdenticalTo(a->pendingEvents().back()->timestamp));
        QVERIFY(a->modifiedOn() >= a->createdOn());

        // Pending events in the order they were triggered, versions 1..4, all of this aggregate.
        const QStringList topics = {QStringLiteral("Opened"), QStringLiteral("Credited"), QStringLiteral("Debited"),
                                    QStringLiteral("OverdraftLimitSet")};
        QCOMPARE(a->pendingEvents().size(), size_t(4));
        for (size_t i = 0; i < a->pendingEvents().size(); ++i) {
            const es::DomainEvent &e = *a->pendingEvents()[i];
            QCOMPARE(e.originatorVersion, qint64(i) + 1);
            QCOMPARE(e.originatorId, a->id());
            QVERIFY(e.topic().endsWith(QLatin1String("BankAccount.") + topics[int(i)]));
            if (i > 0)
                QVERIFY(e.timestamp >= a->pendingEvents()[i - 1]->timestamp);
        }
    }

    void collectEvents()
    {
        auto w = World::create();
        w->makeItSo(QStringLiteral("dinosaurs"));
        w->makeItSo(QStringLiteral("trucks"));
        const auto pending = w->pendingEvents();
        const std::vector<es::DomainEventPtr> events = w->collectEvents();
        QCOMPARE(events.size(), size_t(3));
        QCOMPARE(events, pending); // the same event objects, in order
        QVERIFY(w->pendingEvents().empty());
        QVERIFY(w->collectEvents().empty());
        QCOMPARE(w->version(), 3); // collecting does not change the aggregate
        QCOMPARE(w->history, QStringList({QStringLiteral("dinosaurs"), QStringLiteral("trucks")}));

        w->makeItSo(QStringLiteral("internet"));
        const auto more = w->collectEvents();
        QCOMPARE(more.size(), size_t(1));
        QCOMPARE(more.front()->originatorVersion, 4);
        QCOMPARE(dynamic_cast<const World::SomethingHappened &>(*more.front()).what, QStringLiteral("internet"));
    }

    void initialVersion()
    {
        QCOMPARE(BankAccount::staticAggregateClass().initialVersion, 1);
        QCOMPARE(ZeroBased::staticAggregateClass().initialVersion, 0);
        QCOMPARE(FiveBased::staticAggregateClass().initialVersion, 5);

        auto z = ZeroBased::start();
        QCOMPARE(z->version(), 0);
        QCOMPARE(z->pendingEvents().front()->originatorVersion, 0);
        z->tick();
        z->tick();
        QCOMPARE(z->version(), 2);
        QCOMPARE(z->ticks, 2);
        std::vector<qint64> versions;
        for (const auto &e : z->pendingEvents())
            versions.push_back(e->originatorVersion);
        QCOMPARE(versions, (std::vector<qint64>{0, 1, 2}));

        auto f = FiveBased::start(7);
        QCOMPARE(f->version(), 5);
        QCOMPARE(f->value, 7);
        f->set(8);
        QCOMPARE(f->version(), 6);
        QCOMPARE(f->pendingEvents().back()->originatorVersion, 6);

        // Replaying starts from the created event's version.
        const auto events = z->collectEvents();
        auto rebuilt = es::aggregate_cast<ZeroBased>(es::project(nullptr, events));
        QCOMPARE(rebuilt->version(), 2);
        QCOMPARE(rebuilt->ticks, 2);
        QVERIFY(*rebuilt == *z);
    }

    void applyFirstWhenTriggering()
    {
        auto a = BankAccount::open(QStringLiteral("Alice"), QStringLiteral("alice@example.com"));
        a->credit(es::Decimal::fromString("10.00"));
        const BankAccount before = *a;
        const es::json::Value stateBefore = a->stateValue();

        // Debited's apply() throws: the exception propagates and nothing changes.
        QVERIFY_THROWS_EXCEPTION(testmodels::InsufficientFundsError, a->debit(es::Decimal::fromString("10.01")));
        QCOMPARE(a->version(), 2);
        QVERIFY(a->modifiedOn().isIdenticalTo(before.modifiedOn()));
        QCOMPARE(a->balance.toString(), QStringLiteral("10.00"));
        QCOMPARE(a->pendingEvents().size(), size_t(2));
        QVERIFY(a->stateValue() == stateBefore);
        QVERIFY(*a == before);

        // The same for a closed account, and for a check that is not about funds.
        a->close();
        const BankAccount closed = *a;
        QVERIFY_THROWS_EXCEPTION(testmodels::AccountClosedError, a->credit(es::Decimal::fromString("1")));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, a->setOverdraftLimit(es::Decimal::fromString("-5")));
        QVERIFY(*a == closed);
        QCOMPARE(a->version(), 3);
        QCOMPARE(a->pendingEvents().size(), size_t(3));

        // And the aggregate still works afterwards: the next event gets the next version.
        auto b = BankAccount::open(QStringLiteral("Bob"), QString());
        QVERIFY_THROWS_EXCEPTION(testmodels::InsufficientFundsError, b->debit(es::Decimal::fromString("1")));
        b->credit(es::Decimal::fromString("1"));
        QCOMPARE(b->version(), 2);
        QCOMPARE(b->pendingEvents().back()->originatorVersion, 2);
    }

    void applyFirstWhenCreating()
    {
        // The created event's apply() throws: no aggregate, the exception propagates.
        std::unique_ptr<BankAccount> a;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, a = BankAccount::open(QString(), QStringLiteral("x@example.com")));
        QVERIFY(!a);
    }

    void applyFirstWhenReplaying()
    {
        // An event read from a store whose apply() throws leaves the aggregate as it was.
        auto a = BankAccount::open(QStringLiteral("Alice"), QString());
        a->collectEvents();
        const BankAccount before = *a;
        auto debit = std::make_shared<BankAccount::Debited>();
        debit->originatorId = a->id();
        debit->originatorVersion = 2;
        debit->timestamp = es::Timestamp::now();
        debit->amount = es::Decimal(1000);
        QVERIFY_THROWS_EXCEPTION(testmodels::InsufficientFundsError, debit->mutateInPlace(*a));
        QVERIFY(*a == before);
        QCOMPARE(a->version(), 1);
        QVERIFY(a->pendingEvents().empty());
    }

    void originatorIdError()
    {
        const QUuid other = es::uuid::v5url(QStringLiteral("/other"));
        // project(): the second event belongs to another aggregate.
        QVERIFY_THROWS_EXCEPTION(es::OriginatorIDError, es::project(nullptr, {worldCreated(), happened(2, QStringLiteral("x"), other)}));
        // mutate(): the same, one event at a time.
        std::unique_ptr<es::Aggregate> w = worldCreated()->mutate(nullptr);
        QVERIFY_THROWS_EXCEPTION(es::OriginatorIDError, w = happened(2, QStringLiteral("x"), other)->mutate(std::move(w)));
        // mutateInPlace(): the aggregate is left as it was.
        auto world = worldFrom({worldCreated()});
        try {
            happened(2, QStringLiteral("x"), other)->mutateInPlace(*world);
            QFAIL("expected OriginatorIDError");
        } catch (const es::OriginatorIDError &e) {
            // The message names both ids.
            QVERIFY2(e.message().contains(es::uuid::toDashed(other)), qPrintable(e.message()));
            QVERIFY2(e.message().contains(es::uuid::toDashed(FixedId)), qPrintable(e.message()));
        }
        QCOMPARE(world->version(), 1);
        QVERIFY(world->history.isEmpty());
    }

    void originatorVersionError()
    {
        // A gap (3 after 1), a repeat (1 after 1) and going back all fail.
        QVERIFY_THROWS_EXCEPTION(es::OriginatorVersionError, es::project(nullptr, {worldCreated(), happened(3, QStringLiteral("x"))}));
        QVERIFY_THROWS_EXCEPTION(es::OriginatorVersionError, es::project(nullptr, {worldCreated(), happened(1, QStringLiteral("x"))}));
        QVERIFY_THROWS_EXCEPTION(es::VersionError,
                                 es::project(nullptr, {worldCreated(), happened(2, QStringLiteral("a")), happened(2, QStringLiteral("b"))}));
        std::unique_ptr<es::Aggregate> w = worldCreated()->mutate(nullptr);
        QVERIFY_THROWS_EXCEPTION(es::OriginatorVersionError, w = happened(0, QStringLiteral("x"))->mutate(std::move(w)));

        auto world = worldFrom({worldCreated(), happened(2, QStringLiteral("a"))});
        try {
            happened(4, QStringLiteral("x"))->mutateInPlace(*world);
            QFAIL("expected OriginatorVersionError");
        } catch (const es::OriginatorVersionError &e) {
            QVERIFY2(e.message().contains(QLatin1String("4")) && e.message().contains(QLatin1String("3")), qPrintable(e.message()));
        }
        QCOMPARE(world->version(), 2);
        QCOMPARE(world->history, QStringList{QStringLiteral("a")});
    }

    void mutateNeedsTheRightAggregate()
    {
        // A non-created event needs an aggregate…
        QVERIFY_THROWS_EXCEPTION(es::ValueError, (void)happened(2, QStringLiteral("x"))->mutate(nullptr));
        QVERIFY_THROWS_EXCEPTION(es::ValueError, es::project(nullptr, {happened(1, QStringLiteral("x"))}));
        // …of its own class; the message names what was expected and what was found.
        auto account = BankAccount::open(QStringLiteral("Alice"), QString());
        const QUuid id = account->id();
        try {
            (void)happened(2, QStringLiteral("x"), id)->mutate(std::move(account));
            QFAIL("expected ValueError");
        } catch (const es::ValueError &e) {
            QVERIFY2(e.message().contains(QLatin1String("worldsystem:World")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QLatin1String("domainmodel:BankAccount")), qPrintable(e.message()));
        }
        // aggregate_cast checks the class too.
        QVERIFY_THROWS_EXCEPTION(es::ValueError, es::aggregate_cast<BankAccount>(worldCreated()->mutate(nullptr)));
        QVERIFY(!es::aggregate_cast<BankAccount>(nullptr));
    }

    void createdEventIgnoresItsArgument()
    {
        // Python's Created.mutate() makes a new aggregate whatever it is given.
        std::unique_ptr<es::Aggregate> old = worldFrom({worldCreated(), happened(2, QStringLiteral("a"))});
        auto fresh = es::aggregate_cast<World>(worldCreated()->mutate(std::move(old)));
        QCOMPARE(fresh->version(), 1);
        QVERIFY(fresh->history.isEmpty());
        QVERIFY(fresh->pendingEvents().empty());
    }

    void replayMatchesTheOriginal()
    {
        auto w = World::create();
        w->makeItSo(QStringLiteral("dinosaurs"));
        w->makeItSo(QStringLiteral("trucks"));
        const auto events = w->pendingEvents();
        auto copy = worldFrom(events);
        QCOMPARE(copy->id(), w->id());
        QCOMPARE(copy->version(), 3);
        QVERIFY(copy->createdOn().isIdenticalTo(w->createdOn()));
        QVERIFY(copy->modifiedOn().isIdenticalTo(w->modifiedOn()));
        QCOMPARE(copy->history, w->history);
        QVERIFY(copy->pendingEvents().empty()); // replayed events are not pending
        // Folding onto an existing aggregate continues from it.
        auto partial = worldFrom({events[0], events[1]});
        auto rest = es::aggregate_cast<World>(es::project(std::move(partial), {events[2]}));
        QCOMPARE(rest->history, w->history);
        QCOMPARE(rest->version(), 3);
        QVERIFY(!es::project(nullptr, {}));
    }

    void equality()
    {
        // Same events → equal aggregates (Python: type and __dict__ equal).
        const std::vector<es::DomainEventPtr> events{worldCreated(), happened(2, QStringLiteral("a"))};
        auto a = worldFrom(events);
        auto b = worldFrom(events);
        QVERIFY(*a == *b);
        QVERIFY(!(*a != *b));

        // Another event, another state, another id, another time → not equal.
        auto c = worldFrom({worldCreated(), happened(2, QStringLiteral("b"))});
        QVERIFY(*a != *c);
        auto d = worldFrom({worldCreated(), happened(2, QStringLiteral("a")), happened(3, QStringLiteral("b"))});
        QVERIFY(*a != *d);
        const QUuid otherId = es::uuid::v4();
        auto e = worldFrom({worldCreated(otherId), happened(2, QStringLiteral("a"), otherId)});
        QVERIFY(*a != *e);
        auto later = makeEvent<World::SomethingHappened>(FixedId, 2, "2026-11-28T16:33:11.000003+00:00");
        later->what = QStringLiteral("a");
        auto f = worldFrom({worldCreated(), later});
        QVERIFY(*a != *f);

        // Pending events are part of the attributes: an aggregate with pending events differs from
        // its replayed copy until they are collected.
        auto w = World::create();
        w->makeItSo(QStringLiteral("x"));
        auto replayed = worldFrom(w->pendingEvents());
        QVERIFY(*w != *replayed);
        w->collectEvents();
        QVERIFY(*w == *replayed);

        // Another class with the same attributes is not equal.
        auto planetCreated = makeEvent<Planet::Created>(FixedId, 1, "2026-11-28T16:33:10.879401+00:00");
        auto planet = es::project(nullptr, {planetCreated});
        auto world = worldFrom({worldCreated()});
        QVERIFY(*planet != *world);
        QVERIFY(*world != *planet);
    }

    void representation()
    {
        auto w = worldFrom({worldCreated(), happened(2, QStringLiteral("dinosaurs"))});
        QCOMPARE(debugText(*w),
                 QStringLiteral("World(id=6d774197-319b-52b8-a715-e02b95fb5bdc, version=2, "
                                "created_on=2026-11-28T16:33:10.879401+00:00, modified_on=2026-11-28T16:33:11.000002+00:00, "
                                "history=[\"dinosaurs\"]) "));

        auto a = BankAccount::open(QStringLiteral("Zoë"), QStringLiteral("zoe@example.com"));
        a->credit(es::Decimal::fromString("415.8"));
        const QString text = debugText(*a);
        QVERIFY2(text.startsWith(QLatin1String("BankAccount(id=") + es::uuid::toDashed(a->id())), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String(", version=2, ")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("full_name=\"Zoë\"")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("balance=Decimal('415.80')")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("overdraft_limit=Decimal('0.00')")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("is_closed=false")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("_type_")), qPrintable(text));

        // Events: class name, originator id and version, timestamp, fields.
        QString eventText;
        QDebug(&eventText) << *a->pendingEvents().back();
        QVERIFY2(eventText.startsWith(QLatin1String("BankAccount.Credited(originator_id=") + es::uuid::toDashed(a->id())
                                      + QLatin1String(", originator_version=2, timestamp=")),
                 qPrintable(eventText));
        QVERIFY2(eventText.contains(QLatin1String("amount=Decimal('415.8')")), qPrintable(eventText));
    }

    void customIds()
    {
        // Python: Counter.create_id(name) = uuid5(NAMESPACE_URL, f"/counters/{name}").
        auto c = Counter::create(QStringLiteral("dinosaurs"));
        QCOMPARE(es::uuid::toDashed(c->id()), QStringLiteral("ef95a2df-905a-5a1e-a241-11a26b330555"));
        QCOMPARE(c->id(), es::uuid::v5url(QStringLiteral("/counters/dinosaurs")));
        QCOMPARE(c->version(), 1);
        c->increment();
        c->increment();
        QCOMPARE(c->count, 2);
        QCOMPARE(c->pendingEvents().back()->originatorId, c->id());
        // The same name gives the same id; another name another.
        QCOMPARE(Counter::create(QStringLiteral("dinosaurs"))->id(), c->id());
        QVERIFY(Counter::create(QStringLiteral("trucks"))->id() != c->id());
    }
};

QTEST_GUILESS_MAIN(TestAggregate)
#include "tst_aggregate.moc"
