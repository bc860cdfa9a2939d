#include "bankaccounts/application.h"

#include "es/uuid.h"

namespace bankaccounts {

AccountNotFoundError::AccountNotFoundError(const QUuid &accountId)
    : EventSourcingError(QStringLiteral("account %1 not found").arg(es::uuid::toDashed(accountId))),
      m_accountId(accountId)
{ }

BankAccounts::BankAccounts(const es::EnvMap &env) : Application(QString::fromUtf8(NAME), env) { }

void BankAccounts::registerTypes()
{
    es::registerAggregate<BankAccount>();
}

QUuid BankAccounts::openAccount(const QString &fullName, const QString &emailAddress)
{
    auto account = BankAccount::open(fullName, emailAddress);
    save(*account);
    return account->id();
}

std::unique_ptr<BankAccount> BankAccounts::getAccount(const QUuid &accountId)
{
    try {
        return repository().get<BankAccount>(accountId);
    } catch (const es::AggregateNotFound &) {
        throw AccountNotFoundError(accountId);
    }
}

es::Decimal BankAccounts::getBalance(const QUuid &accountId)
{
    return getAccount(accountId)->balance();
}

void BankAccounts::depositFunds(const QUuid &creditAccountId, const es::Decimal &amount)
{
    auto account = getAccount(creditAccountId);
    account->credit(amount);
    save(*account);
}

void BankAccounts::withdrawFunds(const QUuid &debitAccountId, const es::Decimal &amount)
{
    auto account = getAccount(debitAccountId);
    account->debit(amount);
    save(*account);
}

void BankAccounts::transferFunds(const QUuid &debitAccountId, const QUuid &creditAccountId,
                                 const es::Decimal &amount)
{
    auto debitAccount = getAccount(debitAccountId);
    auto creditAccount = getAccount(creditAccountId);
    debitAccount->debit(amount);
    creditAccount->credit(amount);
    save({debitAccount.get(), creditAccount.get()});
}

void BankAccounts::setOverdraftLimit(const QUuid &accountId, const es::Decimal &overdraftLimit)
{
    auto account = getAccount(accountId);
    account->setOverdraftLimit(overdraftLimit);
    save(*account);
}

es::Decimal BankAccounts::getOverdraftLimit(const QUuid &accountId)
{
    return getAccount(accountId)->overdraftLimit();
}

void BankAccounts::closeAccount(const QUuid &accountId)
{
    auto account = getAccount(accountId);
    account->close();
    save(*account);
}

} // namespace bankaccounts
