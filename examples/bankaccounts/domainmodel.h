#pragma once
// The domain model of Python's eventsourcing/examples/bankaccounts (9.1): a bank account that is
// opened, credited, debited, given an overdraft limit and closed. Topics, field names and the
// snapshot state are Python's, so either side reads the other's stores
// ("eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Credited" {"amount": Decimal}).
//
// The rules live in the events' apply(), as in Python's @event methods, so they run when an event
// is triggered and again when it is replayed — exactly as Python replays. Aggregates are plain
// values owned by their user (not thread-safe to mutate); the errors are copyable values.

#include "es/decimal.h"
#include "es/domain.h"
#include "es/errors.h"

#include <QString>
#include <QUuid>
#include <memory>

namespace bankaccounts {

// Python's TransactionError: a credit or debit the account refuses. Carries the account's id.
class TransactionError : public es::EventSourcingError
{
public:
    TransactionError(const QString &message, const QUuid &accountId)
        : EventSourcingError(message), m_accountId(accountId)
    { }
    const QUuid &accountId() const { return m_accountId; }

private:
    QUuid m_accountId;
};

// A credit, debit, overdraft limit or transfer on a closed account.
class AccountClosedError : public TransactionError
{
public:
    explicit AccountClosedError(const QUuid &accountId);
};

// A debit that would take the balance below minus the overdraft limit.
class InsufficientFundsError : public TransactionError
{
public:
    explicit InsufficientFundsError(const QUuid &accountId);
};

class BankAccount : public es::AggregateRoot<BankAccount>
{
public:
    static constexpr const char *TOPIC = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount";

    struct Opened : es::CreatedEvent<BankAccount, Opened>
    {
        static constexpr const char *TOPIC
            = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Opened";
        QString fullName;
        QString emailAddress;
        static constexpr auto fields()
        {
            return es::fields(es::field("full_name", &Opened::fullName),
                              es::field("email_address", &Opened::emailAddress));
        }
        void apply(BankAccount &a) const;
    };

    struct Credited : es::Event<BankAccount, Credited>
    {
        static constexpr const char *TOPIC
            = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Credited";
        es::Decimal amount;
        static constexpr auto fields() { return es::fields(es::field("amount", &Credited::amount)); }
        void apply(BankAccount &a) const;
    };

    struct Debited : es::Event<BankAccount, Debited>
    {
        static constexpr const char *TOPIC
            = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Debited";
        es::Decimal amount;
        static constexpr auto fields() { return es::fields(es::field("amount", &Debited::amount)); }
        void apply(BankAccount &a) const;
    };

    struct OverdraftLimitSet : es::Event<BankAccount, OverdraftLimitSet>
    {
        static constexpr const char *TOPIC
            = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount.OverdraftLimitSet";
        es::Decimal overdraftLimit;
        static constexpr auto fields()
        {
            return es::fields(es::field("overdraft_limit", &OverdraftLimitSet::overdraftLimit));
        }
        void apply(BankAccount &a) const;
    };

    struct Closed : es::Event<BankAccount, Closed>
    {
        static constexpr const char *TOPIC
            = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount.Closed";
        void apply(BankAccount &a) const;
    };

    using Events = es::EventTypes<Opened, Credited, Debited, OverdraftLimitSet, Closed>;

    // Python's __dict__ order after _created_on and _modified_on (as the reference snapshots show).
    static constexpr auto stateFields()
    {
        return es::fields(es::field("full_name", &BankAccount::m_fullName),
                          es::field("email_address", &BankAccount::m_emailAddress),
                          es::field("balance", &BankAccount::m_balance),
                          es::field("overdraft_limit", &BankAccount::m_overdraftLimit),
                          es::field("is_closed", &BankAccount::m_isClosed));
    }

    // Python's BankAccount(full_name=…, email_address=…): a new account (random id), balance and
    // overdraft limit Decimal("0.00"), with its Opened event pending.
    static std::unique_ptr<BankAccount> open(const QString &fullName, const QString &emailAddress);

    // Throws AccountClosedError.
    void credit(const es::Decimal &amount) { triggerEvent<Credited>(amount); }
    // Throws AccountClosedError or InsufficientFundsError.
    void debit(const es::Decimal &amount) { triggerEvent<Debited>(amount); }
    // The limit must be > 0 (Python asserts it: es::ValueError here); throws AccountClosedError.
    void setOverdraftLimit(const es::Decimal &overdraftLimit)
    {
        triggerEvent<OverdraftLimitSet>(overdraftLimit);
    }
    void close() { triggerEvent<Closed>(); }

    const QString &fullName() const { return m_fullName; }
    const QString &emailAddress() const { return m_emailAddress; }
    const es::Decimal &balance() const { return m_balance; }
    const es::Decimal &overdraftLimit() const { return m_overdraftLimit; }
    bool isClosed() const { return m_isClosed; }

    void checkAccountIsNotClosed() const;
    void checkHasSufficientFunds(const es::Decimal &amount) const;

private:
    QString m_fullName;
    QString m_emailAddress;
    es::Decimal m_balance;
    es::Decimal m_overdraftLimit;
    bool m_isClosed = false;
};

} // namespace bankaccounts
