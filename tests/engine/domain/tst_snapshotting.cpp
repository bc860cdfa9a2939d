// Snapshots as Python's eventsourcing 9.1 has them (test_snapshotting.py): Snapshot.take() of an
// aggregate, its stored state {timestamp, topic, state} with the aggregate's __dict__ (with
// _created_on/_modified_on, without _id/_version/_pending_events, class_version when > 1), and
// mutate() rebuilding an equal aggregate.
// (No raw string literals here: moc 6.4 finds no class after one with unbalanced braces.)
#include "testmodels.h"

#include "es/domain.h"
#include "es/errors.h"
#include "es/topics.h"
#include "es/transcoder.h"

#include <QtTest>

using testmodels::BankAccount;

namespace {

// An aggregate whose class version is 2: its snapshots say so.
class Profile : public es::AggregateRoot<Profile>
{
public:
    static constexpr const char *TOPIC = "tests.snapshotting:Profile";
    static constexpr int CLASS_VERSION = 2;
    static std::vector<es::Upcaster> upcasters() { return {[](es::json::Value &) {}}; }

    struct Registered : es::CreatedEvent<Profile, Registered>
    {
        static constexpr const char *TOPIC = "tests.snapshotting:Profile.Registered";
        QString name;
        static constexpr auto fields() { return es::fields(es::field("name", &Registered::name)); }
        void apply(Profile &p) const { p.name = name; }
    };
    struct NicknameSet : es::Event<Profile, NicknameSet>
    {
        static constexpr const char *TOPIC = "tests.snapshotting:Profile.NicknameSet";
        std::optional<QString> nickname;
        static constexpr auto fields() { return es::fields(es::field("nickname", &NicknameSet::nickname)); }
        void apply(Profile &p) const { p.nickname = nickname; }
    };
    using Events = es::EventTypes<Registered, NicknameSet>;

    // nickname: an attribute Python's object only has once set (omitted while empty);
    // limit: an attribute set to None (null while empty).
    static constexpr auto stateFields()
    {
        return es::fields(es::field("name", &Profile::name), es::field("nickname", &Profile::nickname, es::FieldOmitIfEmpty),
                          es::field("limit", &Profile::limit));
    }

    static std::unique_ptr<Profile> registerProfile(const QString &name) { return createAggregate<Registered>(es::uuid::v4(), name); }
    void setNickname(const std::optional<QString> &n) { triggerEvent<NicknameSet>(n); }

    QString name;
    std::optional<QString> nickname;
    std::optional<es::Decimal> limit;
};

template<typename E>
std::shared_ptr<E> makeEvent(const QUuid &id, qint64 version, const char *iso)
{
    auto e = std::make_shared<E>();
    e->originatorId = id;
    e->originatorVersion = version;
    e->timestamp = es::Timestamp::fromIsoString(iso);
    return e;
}

const QUuid AccountId = es::uuid::fromString("4713aead4f884ae89503c92e40897768");

// Alice's account with known times: opened, credited 415.8, overdraft limit 426.
std::unique_ptr<BankAccount> knownAccount()
{
    auto opened = makeEvent<BankAccount::Opened>(AccountId, 1, "2026-11-28T16:33:09.492048+00:00");
    opened->originatorTopic = QString::fromUtf8(BankAccount::TOPIC);
    opened->fullName = QStringLiteral("Alice");
    opened->emailAddress = QStringLiteral("alice@example.com");
    auto credited = makeEvent<BankAccount::Credited>(AccountId, 2, "2026-11-28T16:33:09.498308+00:00");
    credited->amount = es::Decimal::fromString("415.8");
    auto limit = makeEvent<BankAccount::OverdraftLimitSet>(AccountId, 3, "2026-11-28T16:33:09.918394+00:00");
    limit->overdraftLimit = es::Decimal::fromString("426");
    return es::aggregate_cast<BankAccount>(es::project(nullptr, {opened, credited, limit}));
}

std::string membersOf(const es::json::Value &object)
{
    std::string keys;
    for (const auto &m : object.members())
        keys += (keys.empty() ? "" : ",") + m.first;
    return keys;
}

} // namespace

class TestSnapshotting : public QObject
{
    Q_OBJECT
private slots:
    void snapshotTopicIsKnownFromTheStart()
    {
        // Nothing in this process has used Snapshot yet: a store's snapshots must still decode.
        const es::EventClass *cls = es::findEventClass(QStringLiteral("eventsourcing.domain:Snapshot"));
        QVERIFY(cls);
        QCOMPARE(cls, &es::Snapshot::staticEventClass());
        QVERIFY(es::registeredTopics().contains(QStringLiteral("eventsourcing.domain:Snapshot")));
        es::registerAggregate<BankAccount>();
        const QByteArray state =
            "{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:09.929274+00:00\"}, "
            "\"topic\": \"eventsourcing.examples.bankaccounts.domainmodel:BankAccount\", \"state\": {\"_created_on\": "
            "{\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:09.492048+00:00\"}, \"_modified_on\": {\"_type_\": "
            "\"datetime_iso\", \"_data_\": \"2026-11-28T16:33:09.918394+00:00\"}, \"full_name\": \"Holder 8\", \"email_address\": "
            "\"holder8@example.com\", \"balance\": {\"_type_\": \"decimal_str\", \"_data_\": \"1507.52\"}, \"overdraft_limit\": "
            "{\"_type_\": \"decimal_str\", \"_data_\": \"426\"}, \"is_closed\": false}}";
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());
        const es::DomainEventPtr event =
            mapper.toDomainEvent(es::StoredEvent{AccountId, 34, QStringLiteral("eventsourcing.domain:Snapshot"), state});
        auto account = es::aggregate_cast<BankAccount>(event->mutate(nullptr));
        QCOMPARE(account->id(), AccountId);
        QCOMPARE(account->version(), 34);
        QCOMPARE(account->balance.toString(), QStringLiteral("1507.52"));
        QCOMPARE(account->overdraftLimit.toString(), QStringLiteral("426"));
        QCOMPARE(account->createdOn().toIsoString(), QStringLiteral("2026-11-28T16:33:09.492048+00:00"));
        QCOMPARE(account->modifiedOn().toIsoString(), QStringLiteral("2026-11-28T16:33:09.918394+00:00"));
        // And written back byte for byte as Python wrote it.
        QCOMPARE(mapper.fromDomainEvent(*event).state, state);
    }

    void take()
    {
        auto a = knownAccount();
        const es::Timestamp before = es::Timestamp::now();
        const std::shared_ptr<es::Snapshot> s = es::Snapshot::take(*a);
        const es::Timestamp after = es::Timestamp::now();
        QCOMPARE(s->topic(), QStringLiteral("eventsourcing.domain:Snapshot"));
        QCOMPARE(s->originatorId, a->id());
        QCOMPARE(s->originatorVersion, a->version());
        QCOMPARE(s->aggregateTopic, QStringLiteral("eventsourcing.examples.bankaccounts.domainmodel:BankAccount"));
        QVERIFY(s->timestamp.isAware());
        QVERIFY(before <= s->timestamp && s->timestamp <= after);

        // state: Python's __dict__ of the aggregate without _id, _version and _pending_events.
        QCOMPARE(membersOf(s->state), std::string("_created_on,_modified_on,full_name,email_address,balance,overdraft_limit,is_closed"));
        QCOMPARE(QString::fromStdString(s->state.toJson()),
                 QStringLiteral("{\"_created_on\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:09.492048+00:00\"}, "
                                "\"_modified_on\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:09.918394+00:00\"}, "
                                "\"full_name\": \"Alice\", \"email_address\": \"alice@example.com\", "
                                "\"balance\": {\"_type_\": \"decimal_str\", \"_data_\": \"415.80\"}, "
                                "\"overdraft_limit\": {\"_type_\": \"decimal_str\", \"_data_\": \"426\"}, \"is_closed\": false}"));
        QVERIFY(!s->state.find("_id"));
        QVERIFY(!s->state.find("_version"));
        QVERIFY(!s->state.find("class_version")); // class version 1

        // The stored state: {"timestamp", "topic", "state"}.
        const std::string stored = s->stateJson();
        const std::string prefix = "{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"" + s->timestamp.toIsoStdString()
            + "\"}, \"topic\": \"eventsourcing.examples.bankaccounts.domainmodel:BankAccount\", \"state\": {\"_created_on\": ";
        QVERIFY2(stored.rfind(prefix, 0) == 0, stored.c_str());
        QCOMPARE(membersOf(s->stateValue()), std::string("timestamp,topic,state"));
    }

    void rebuild()
    {
        auto a = BankAccount::open(QStringLiteral("Alice"), QStringLiteral("alice@example.com"));
        a->credit(es::Decimal::fromString("10.50"));
        a->debit(es::Decimal::fromString("0.5"));
        a->close();
        a->collectEvents();
        const auto s = es::Snapshot::take(*a);
        auto copy = es::aggregate_cast<BankAccount>(s->mutate(nullptr));
        QVERIFY(copy);
        QVERIFY(*copy == *a);
        QCOMPARE(copy->id(), a->id());
        QCOMPARE(copy->version(), 4);
        QVERIFY(copy->createdOn().isIdenticalTo(a->createdOn()));
        QVERIFY(copy->modifiedOn().isIdenticalTo(a->modifiedOn()));
        QCOMPARE(copy->balance.toString(), QStringLiteral("10.00"));
        QVERIFY(copy->isClosed);
        QVERIFY(copy->pendingEvents().empty());
        // Python's Snapshot.mutate ignores its argument.
        std::unique_ptr<es::Aggregate> other = knownAccount();
        QVERIFY(*es::aggregate_cast<BankAccount>(s->mutate(std::move(other))) == *a);

        // A rebuilt aggregate carries on from the snapshot's version.
        auto b = BankAccount::open(QStringLiteral("Bob"), QString());
        b->credit(es::Decimal(5));
        b->collectEvents();
        auto fromSnapshot = es::aggregate_cast<BankAccount>(es::Snapshot::take(*b)->mutate(nullptr));
        fromSnapshot->debit(es::Decimal(2));
        QCOMPARE(fromSnapshot->version(), 3);
        QCOMPARE(fromSnapshot->pendingEvents().size(), size_t(1));
        QCOMPARE(fromSnapshot->pendingEvents().front()->originatorVersion, 3);
        QCOMPARE(fromSnapshot->balance.toString(), QStringLiteral("3.00"));
        // …and later events fold onto it (the repository's path: snapshot, then newer events).
        b->debit(es::Decimal(2));
        auto viaProject = es::aggregate_cast<BankAccount>(
            es::project(es::Snapshot::take(*b)->mutate(nullptr), {}));
        QCOMPARE(viaProject->balance.toString(), QStringLiteral("3.00"));
    }

    void throughTheMapper()
    {
        auto a = knownAccount();
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());
        const auto s = es::Snapshot::take(*a);
        const es::StoredEvent stored = mapper.fromDomainEvent(*s);
        QCOMPARE(stored.topic, QStringLiteral("eventsourcing.domain:Snapshot"));
        QCOMPARE(stored.originatorId, a->id());
        QCOMPARE(stored.originatorVersion, 3);
        QVERIFY(!stored.state.contains("originator_id"));
        QVERIFY(!stored.state.contains("originator_version"));
        const es::DomainEventPtr decoded = mapper.toDomainEvent(stored);
        const auto *snapshot = dynamic_cast<const es::Snapshot *>(decoded.get());
        QVERIFY(snapshot);
        QVERIFY(snapshot->timestamp.isIdenticalTo(s->timestamp));
        QCOMPARE(snapshot->aggregateTopic, s->aggregateTopic);
        QVERIFY(snapshot->state == s->state);
        QVERIFY(*decoded->mutate(nullptr) == *a);
        QCOMPARE(mapper.fromDomainEvent(*decoded).state, stored.state);
    }

    void classVersionInState()
    {
        auto p = Profile::registerProfile(QStringLiteral("Ann"));
        const auto s = es::Snapshot::take(*p);
        // class_version is added last, as Python's Snapshot.take does.
        QCOMPARE(membersOf(s->state), std::string("_created_on,_modified_on,name,limit,class_version"));
        QCOMPARE(s->state.find("class_version")->toInteger(), 2);
        // The state of the current class version is read without upcasting.
        p->collectEvents();
        QVERIFY(*s->mutate(nullptr) == *p);
    }

    void optionalAttributes()
    {
        auto p = Profile::registerProfile(QStringLiteral("Ann"));
        p->collectEvents();
        // nickname is empty: omitted (Python's object has no such attribute yet); limit: null.
        auto s = es::Snapshot::take(*p);
        QVERIFY(!s->state.find("nickname"));
        QVERIFY(s->state.find("limit"));
        QVERIFY(s->state.find("limit")->isNull());
        auto copy = es::aggregate_cast<Profile>(s->mutate(nullptr));
        QVERIFY(!copy->nickname);
        QVERIFY(!copy->limit);
        QVERIFY(*copy == *p);

        // Once set, it is there; the event itself writes null for an empty optional (FieldAlways).
        p->setNickname(QStringLiteral("Annie"));
        p->setNickname(std::nullopt);
        QCOMPARE(QString::fromStdString(p->pendingEvents().back()->stateValue().find("nickname")->toJson()), QStringLiteral("null"));
        p->setNickname(QStringLiteral("Annie"));
        p->limit = es::Decimal::fromString("5.00");
        p->collectEvents();
        s = es::Snapshot::take(*p);
        QCOMPARE(QString::fromStdString(s->state.find("nickname")->toJson()), QStringLiteral("\"Annie\""));
        QCOMPARE(QString::fromStdString(s->state.find("limit")->toJson()),
                 QStringLiteral("{\"_type_\": \"decimal_str\", \"_data_\": \"5.00\"}"));
        copy = es::aggregate_cast<Profile>(s->mutate(nullptr));
        QCOMPARE(copy->nickname, std::optional<QString>(QStringLiteral("Annie")));
        QCOMPARE(copy->limit->toString(), QStringLiteral("5.00"));
        QVERIFY(*copy == *p);
    }

    void badSnapshots()
    {
        auto a = knownAccount();
        // Unknown aggregate topic.
        auto s = es::Snapshot::take(*a);
        s->aggregateTopic = QStringLiteral("nowhere:Nothing");
        QVERIFY_THROWS_EXCEPTION(es::TopicError, (void)s->mutate(nullptr));
        // Missing attributes.
        s = es::Snapshot::take(*a);
        s->state.remove("balance");
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError, (void)s->mutate(nullptr));
        s = es::Snapshot::take(*a);
        s->state.remove("_created_on");
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError, (void)s->mutate(nullptr));
        // Wrong types.
        s = es::Snapshot::take(*a);
        s->state.insert("balance", es::json::Value(12));
        try {
            (void)s->mutate(nullptr);
            QFAIL("expected TranscodingError");
        } catch (const es::TranscodingError &e) {
            QVERIFY2(e.message().contains(QLatin1String("balance")), qPrintable(e.message()));
        }
        // The stored form must have topic and state.
        const es::Mapper mapper(std::make_shared<es::JSONTranscoder>());
        const QByteArray noState = "{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:09+00:00\"}, \"topic\": \"x:Y\"}";
        QVERIFY_THROWS_EXCEPTION(es::TranscodingError,
                                 mapper.toDomainEvent(es::StoredEvent{AccountId, 1, QString::fromUtf8(es::Snapshot::TOPIC), noState}));
    }
};

QTEST_GUILESS_MAIN(TestSnapshotting)
#include "tst_snapshotting.moc"
