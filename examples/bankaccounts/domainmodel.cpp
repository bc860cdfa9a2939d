#include "bankaccounts/domainmodel.h"

#include "es/uuid.h"

namespace bankaccounts {

namespace {

const es::Decimal &zero()
{
    static const es::Decimal z = es::Decimal::fromString("0.00");
    return z;
}

} // namespace

AccountClosedError::AccountClosedError(const QUuid &accountId)
    : TransactionError(QStringLiteral("account %1 is closed").arg(es::uuid::toDashed(accountId)), accountId)
{ }

InsufficientFundsError::InsufficientFundsError(const QUuid &accountId)
    : TransactionError(QStringLiteral("insufficient funds in account %1").arg(es::uuid::toDashed(accountId)),
                       accountId)
{ }

void BankAccount::Opened::apply(BankAccount &a) const
{
    a.m_fullName = fullName;
    a.m_emailAddress = emailAddress;
    a.m_balance = zero();
    a.m_overdraftLimit = zero();
    a.m_isClosed = false;
}

void BankAccount::Credited::apply(BankAccount &a) const
{
    a.checkAccountIsNotClosed();
    a.m_balance += amount;
}

void BankAccount::Debited::apply(BankAccount &a) const
{
    a.checkAccountIsNotClosed();
    a.checkHasSufficientFunds(amount);
    a.m_balance -= amount;
}

void BankAccount::OverdraftLimitSet::apply(BankAccount &a) const
{
    // Python: assert overdraft_limit > Decimal("0.00"), before the closed check.
    if (!(overdraftLimit > zero()))
        throw es::ValueError(QStringLiteral("overdraft limit must be greater than 0.00, not %1")
                                 .arg(overdraftLimit.toString()));
    a.checkAccountIsNotClosed();
    a.m_overdraftLimit = overdraftLimit;
}

void BankAccount::Closed::apply(BankAccount &a) const
{
    a.m_isClosed = true;
}

std::unique_ptr<BankAccount> BankAccount::open(const QString &fullName, const QString &emailAddress)
{
    return createAggregate<Opened>(es::uuid::v4(), fullName, emailAddress);
}

void BankAccount::checkAccountIsNotClosed() const
{
    if (m_isClosed)
        throw AccountClosedError(id());
}

void BankAccount::checkHasSufficientFunds(const es::Decimal &amount) const
{
    if (m_balance - amount < -m_overdraftLimit)
        throw InsufficientFundsError(id());
}

} // namespace bankaccounts
