#pragma once
// Python's eventsourcing/examples/bankaccounts/application.py (9.1): the BankAccounts application
// (name "BankAccounts", so its variables may be prefixed BANKACCOUNTS_ and its PostgreSQL tables are
// bankaccounts_events/_snapshots). Each command gets the account(s) from the repository (from a
// snapshot when there is one), applies the change and saves; a transfer saves both accounts in one
// atomic save. Infrastructure (POPO, SQLite, PostgreSQL, compression, encryption, snapshotting)
// comes from the environment as for any es::Application.
//
// Thread-safe as es::Application is; two concurrent commands on one account make the later save
// fail with es::IntegrityError (optimistic concurrency, as Python), changing nothing.

#include "bankaccounts/domainmodel.h"

#include "es/application.h"

namespace bankaccounts {

// Python's AccountNotFoundError: no account has this id.
class AccountNotFoundError : public es::EventSourcingError
{
public:
    explicit AccountNotFoundError(const QUuid &accountId);
    const QUuid &accountId() const { return m_accountId; }

private:
    QUuid m_accountId;
};

class BankAccounts : public es::Application
{
public:
    static constexpr const char *NAME = "BankAccounts";
    explicit BankAccounts(const es::EnvMap &env = {});

    // A new account; returns its id.
    QUuid openAccount(const QString &fullName, const QString &emailAddress);
    // The account as it is now (caller owns it). Throws AccountNotFoundError.
    std::unique_ptr<BankAccount> getAccount(const QUuid &accountId);
    es::Decimal getBalance(const QUuid &accountId);
    // Throw AccountNotFoundError, AccountClosedError, InsufficientFundsError as the domain does;
    // nothing is saved when they throw.
    void depositFunds(const QUuid &creditAccountId, const es::Decimal &amount);
    void withdrawFunds(const QUuid &debitAccountId, const es::Decimal &amount);
    // Debits one account and credits the other, saved together or not at all.
    void transferFunds(const QUuid &debitAccountId, const QUuid &creditAccountId, const es::Decimal &amount);
    // The limit must be > 0 (es::ValueError otherwise, Python's AssertionError).
    void setOverdraftLimit(const QUuid &accountId, const es::Decimal &overdraftLimit);
    es::Decimal getOverdraftLimit(const QUuid &accountId);
    void closeAccount(const QUuid &accountId);

protected:
    void registerTypes() override;
};

} // namespace bankaccounts
