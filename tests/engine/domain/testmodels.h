#pragma once
// Domain models for the domain tests, declared with the engine's declarative events and with the
// same topics, field names and behaviour as the Python models they mirror:
// - BankAccount: eventsourcing.examples.bankaccounts.domainmodel (9.1.6)
// - World and Counter: the worlds/counters system of the library's system docs ("worldsystem")
// Header-only; each test executable registers them as it needs.

#include "es/decimal.h"
#include "es/domain.h"
#include "es/uuid.h"

#include <QStringList>
#include <stdexcept>

namespace testmodels {

// Python's AccountClosedError / InsufficientFundsError: plain domain exceptions, not engine errors.
struct AccountClosedError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};
struct InsufficientFundsError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

class BankAccount : public es::AggregateRoot<BankAccount>
{
public:
    static constexpr const char *TOPIC = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount";

    struct Opened : es::CreatedEvent<BankAccount, Opened>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Opened";
        QString fullName;
        QString emailAddress;
        static constexpr auto fields()
        {
            return es::fields(es::field("full_name", &Opened::fullName), es::field("email_address", &Opened::emailAddress));
        }
        void apply(BankAccount &a) const
        {
            if (fullName.isEmpty())
                throw std::invalid_argument("a bank account needs a holder's name");
            a.fullName = fullName;
            a.emailAddress = emailAddress;
            a.balance = es::Decimal::fromString("0.00");
            a.overdraftLimit = es::Decimal::fromString("0.00");
            a.isClosed = false;
        }
    };

    struct Credited : es::Event<BankAccount, Credited>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Credited";
        es::Decimal amount;
        static constexpr auto fields() { return es::fields(es::field("amount", &Credited::amount)); }
        void apply(BankAccount &a) const
        {
            a.checkAccountIsNotClosed();
            a.balance += amount;
        }
    };

    struct Debited : es::Event<BankAccount, Debited>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Debited";
        es::Decimal amount;
        static constexpr auto fields() { return es::fields(es::field("amount", &Debited::amount)); }
        void apply(BankAccount &a) const
        {
            a.checkAccountIsNotClosed();
            a.checkHasSufficientFunds(amount);
            a.balance -= amount;
        }
    };

    struct OverdraftLimitSet : es::Event<BankAccount, OverdraftLimitSet>
    {
        static constexpr const char *TOPIC =
            "eventsourcing.examples.bankaccounts.domainmodel:BankAccount.OverdraftLimitSet";
        es::Decimal overdraftLimit;
        static constexpr auto fields() { return es::fields(es::field("overdraft_limit", &OverdraftLimitSet::overdraftLimit)); }
        void apply(BankAccount &a) const
        {
            if (!(overdraftLimit > es::Decimal::fromString("0.00")))
                throw std::invalid_argument("overdraft limit must be positive");
            a.checkAccountIsNotClosed();
            a.overdraftLimit = overdraftLimit;
        }
    };

    struct Closed : es::Event<BankAccount, Closed>
    {
        static constexpr const char *TOPIC = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Closed";
        void apply(BankAccount &a) const { a.isClosed = true; }
    };

    using Events = es::EventTypes<Opened, Credited, Debited, OverdraftLimitSet, Closed>;

    // Python's __dict__ order after _created_on and _modified_on.
    static constexpr auto stateFields()
    {
        return es::fields(es::field("full_name", &BankAccount::fullName), es::field("email_address", &BankAccount::emailAddress),
                          es::field("balance", &BankAccount::balance),
                          es::field("overdraft_limit", &BankAccount::overdraftLimit),
                          es::field("is_closed", &BankAccount::isClosed));
    }

    static std::unique_ptr<BankAccount> open(const QString &fullName, const QString &emailAddress)
    {
        return createAggregate<Opened>(es::uuid::v4(), fullName, emailAddress);
    }
    void credit(const es::Decimal &amount) { triggerEvent<Credited>(amount); }
    void debit(const es::Decimal &amount) { triggerEvent<Debited>(amount); }
    void setOverdraftLimit(const es::Decimal &limit) { triggerEvent<OverdraftLimitSet>(limit); }
    void close() { triggerEvent<Closed>(); }

    void checkAccountIsNotClosed() const
    {
        if (isClosed)
            throw AccountClosedError("account is closed");
    }
    void checkHasSufficientFunds(const es::Decimal &amount) const
    {
        if (balance - amount < -overdraftLimit)
            throw InsufficientFundsError("insufficient funds");
    }

    QString fullName;
    QString emailAddress;
    es::Decimal balance;
    es::Decimal overdraftLimit;
    bool isClosed = false;
};

// worldsystem:World — a history of things that happened.
class World : public es::AggregateRoot<World>
{
public:
    static constexpr const char *TOPIC = "worldsystem:World";

    struct Created : es::CreatedEvent<World, Created>
    {
        static constexpr const char *TOPIC = "worldsystem:World.Created";
    };
    struct SomethingHappened : es::Event<World, SomethingHappened>
    {
        static constexpr const char *TOPIC = "worldsystem:World.SomethingHappened";
        QString what;
        static constexpr auto fields() { return es::fields(es::field("what", &SomethingHappened::what)); }
        void apply(World &w) const { w.history.append(what); }
    };
    using Events = es::EventTypes<Created, SomethingHappened>;
    static constexpr auto stateFields() { return es::fields(es::field("history", &World::history)); }

    static std::unique_ptr<World> create() { return createAggregate<Created>(es::uuid::v4()); }
    void makeItSo(const QString &what) { triggerEvent<SomethingHappened>(what); }

    QStringList history;
};

// worldsystem:Counter — counts what happened; its id derives from the name (Python's create_id).
class Counter : public es::AggregateRoot<Counter>
{
public:
    static constexpr const char *TOPIC = "worldsystem:Counter";

    struct Created : es::CreatedEvent<Counter, Created>
    {
        static constexpr const char *TOPIC = "worldsystem:Counter.Created";
    };
    struct Incremented : es::Event<Counter, Incremented>
    {
        static constexpr const char *TOPIC = "worldsystem:Counter.Incremented";
        void apply(Counter &c) const { ++c.count; }
    };
    using Events = es::EventTypes<Created, Incremented>;
    static constexpr auto stateFields() { return es::fields(es::field("count", &Counter::count)); }

    static QUuid createId(const QString &name) { return es::uuid::v5url(QStringLiteral("/counters/") + name); }
    static std::unique_ptr<Counter> create(const QString &name) { return createAggregate<Created>(createId(name)); }
    void increment() { triggerEvent<Incremented>(); }

    int count = 0;
};

} // namespace testmodels
