// A first end-to-end check of the declarative model: an aggregate like the Python bank account
// example, its events written as the Python library writes them, and read back.
#include "es/domain.h"
#include "es/transcoder.h"

#include <QtTest>

namespace {

class Account : public es::AggregateRoot<Account>
{
public:
    static constexpr const char *TOPIC = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount";

    struct Opened : es::CreatedEvent<Account, Opened>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Opened";
        QString fullName;
        QString emailAddress;
        static constexpr auto fields()
        {
            return es::fields(es::field("full_name", &Opened::fullName), es::field("email_address", &Opened::emailAddress));
        }
        void apply(Account &a) const
        {
            a.m_fullName = fullName;
            a.m_email = emailAddress;
        }
    };

    struct Credited : es::Event<Account, Credited>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Credited";
        es::Decimal amount;
        static constexpr auto fields() { return es::fields(es::field("amount", &Credited::amount)); }
        void apply(Account &a) const { a.m_balance += amount; }
    };

    using Events = es::EventTypes<Opened, Credited>;

    static constexpr auto stateFields()
    {
        return es::fields(es::field("full_name", &Account::m_fullName), es::field("email_address", &Account::m_email),
                          es::field("balance", &Account::m_balance));
    }

    static std::unique_ptr<Account> open(const QString &name, const QString &email)
    {
        return createAggregate<Opened>(es::uuid::v4(), name, email);
    }
    void credit(const es::Decimal &amount) { triggerEvent<Credited>(amount); }
    const es::Decimal &balance() const { return m_balance; }

    QString m_fullName;
    QString m_email;
    es::Decimal m_balance = es::Decimal::fromString("0.00");
};

} // namespace

class TestDomainSmoke : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip()
    {
        es::registerAggregate<Account>();
        auto a = Account::open(QStringLiteral("Alice"), QStringLiteral("alice@example.com"));
        a->credit(es::Decimal::fromString("415.8"));
        QCOMPARE(a->version(), 2);
        QCOMPARE(a->balance().toString(), QStringLiteral("415.80"));
        const auto events = a->collectEvents();
        QCOMPARE(events.size(), size_t(2));
        QVERIFY(a->pendingEvents().empty());

        auto transcoder = std::make_shared<es::JSONTranscoder>();
        es::Mapper mapper(transcoder);
        const es::StoredEvent s0 = mapper.fromDomainEvent(*events[0]);
        const QByteArray expectedPrefix("{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"");
        QVERIFY2(s0.state.startsWith(expectedPrefix), s0.state.constData());
        QVERIFY2(s0.state.endsWith("+00:00\"}, \"originator_topic\": \"eventsourcing.examples.bankaccounts.domainmodel:BankAccount\", "
                                  "\"full_name\": \"Alice\", \"email_address\": \"alice@example.com\"}"), s0.state.constData());
        const es::StoredEvent s1 = mapper.fromDomainEvent(*events[1]);
        QVERIFY(s1.state.endsWith("\"amount\": {\"_type_\": \"decimal_str\", \"_data_\": \"415.8\"}}"));

        std::vector<es::DomainEventPtr> decoded{mapper.toDomainEvent(s0), mapper.toDomainEvent(s1)};
        auto rebuilt = es::aggregate_cast<Account>(es::project(nullptr, decoded));
        QVERIFY(rebuilt);
        QCOMPARE(rebuilt->version(), 2);
        QCOMPARE(rebuilt->balance().toString(), QStringLiteral("415.80"));
        QVERIFY(*rebuilt == *a);

        auto snapshot = es::Snapshot::take(*a);
        const es::StoredEvent ss = mapper.fromDomainEvent(*snapshot);
        QCOMPARE(ss.topic, QStringLiteral("eventsourcing.domain:Snapshot"));
        auto fromSnapshot = es::aggregate_cast<Account>(mapper.toDomainEvent(ss)->mutate(nullptr));
        QVERIFY(*fromSnapshot == *a);
        qDebug() << *fromSnapshot;
    }
};

QTEST_GUILESS_MAIN(TestDomainSmoke)
#include "tst_domain_smoke.moc"
