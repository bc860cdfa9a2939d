// The bank accounts example: Python's eventsourcing/examples/bankaccounts/test.py step by step, on
// POPO and on an SQLite file, and what that test leaves implicit — nothing is saved when a command
// is refused, a transfer is one atomic save, the account rebuilt from a snapshot or from a reopened
// store is the same, the stored state has Python's keys, concurrent changes conflict.
#include "bankaccounts/application.h"
#include "examplestores.h"

#include <QTemporaryDir>
#include <QtTest>

using bankaccounts::AccountClosedError;
using bankaccounts::AccountNotFoundError;
using bankaccounts::BankAccount;
using bankaccounts::BankAccounts;
using bankaccounts::InsufficientFundsError;
using bankaccounts::TransactionError;

namespace {

es::Decimal dec(const char *s)
{
    return es::Decimal::fromString(s);
}

// Python's assertEqual on Decimals is numeric; the reference stores also need the same digits.
#define COMPARE_DECIMAL(actual, expected)                                                                    \
    do {                                                                                                     \
        const es::Decimal a_ = (actual);                                                                     \
        const char *e_ = (expected);                                                                         \
        QVERIFY2(a_.toString() == QLatin1String(e_),                                                         \
                 qPrintable(QStringLiteral("%1, expected %2").arg(a_.toString(), QLatin1String(e_))));       \
    } while (false)

qint64 notificationCount(BankAccounts &app)
{
    return app.recorder().maxNotificationId();
}

} // namespace

class TestBankAccounts : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;

    es::EnvMap env()
    {
        QFETCH_GLOBAL(QString, backend);
        return es::test::examples::backendEnv(backend, m_dir,
                                              QStringLiteral("bankaccounts-%1.sqlite").arg(++m_counter));
    }

private slots:
    void initTestCase_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("popo") << QStringLiteral("popo");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
    }

    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Python's TestBankAccounts.test, in order.
    void pythonTest()
    {
        auto app = es::makeApplication<BankAccounts>(env());
        QCOMPARE(app->name(), QStringLiteral("BankAccounts"));

        // Check account not found error.
        QVERIFY_THROWS_EXCEPTION(AccountNotFoundError, app->getBalance(es::uuid::v4()));

        // Create an account.
        const QUuid accountId1
            = app->openAccount(QStringLiteral("Alice"), QStringLiteral("alice@example.com"));
        COMPARE_DECIMAL(app->getBalance(accountId1), "0.00");

        // Deposit funds.
        app->depositFunds(accountId1, dec("200.00"));
        COMPARE_DECIMAL(app->getBalance(accountId1), "200.00");

        // Withdraw funds.
        app->withdrawFunds(accountId1, dec("50.00"));
        COMPARE_DECIMAL(app->getBalance(accountId1), "150.00");

        // Fail to withdraw funds - insufficient funds.
        QVERIFY_THROWS_EXCEPTION(InsufficientFundsError, app->withdrawFunds(accountId1, dec("151.00")));
        COMPARE_DECIMAL(app->getBalance(accountId1), "150.00");

        // Create another account.
        const QUuid accountId2 = app->openAccount(QStringLiteral("Bob"), QStringLiteral("bob@example.com"));

        // Transfer funds.
        app->transferFunds(accountId1, accountId2, dec("100.00"));
        COMPARE_DECIMAL(app->getBalance(accountId1), "50.00");
        COMPARE_DECIMAL(app->getBalance(accountId2), "100.00");

        // Fail to transfer funds - insufficient funds.
        QVERIFY_THROWS_EXCEPTION(InsufficientFundsError,
                                 app->transferFunds(accountId1, accountId2, dec("1000.00")));
        COMPARE_DECIMAL(app->getBalance(accountId1), "50.00");
        COMPARE_DECIMAL(app->getBalance(accountId2), "100.00");

        // Close account.
        app->closeAccount(accountId1);

        // Fail to transfer funds - account closed (either side).
        QVERIFY_THROWS_EXCEPTION(AccountClosedError,
                                 app->transferFunds(accountId1, accountId2, dec("50.00")));
        QVERIFY_THROWS_EXCEPTION(AccountClosedError,
                                 app->transferFunds(accountId2, accountId1, dec("50.00")));

        // Fail to withdraw or deposit funds - account closed.
        QVERIFY_THROWS_EXCEPTION(AccountClosedError, app->withdrawFunds(accountId1, dec("1.00")));
        QVERIFY_THROWS_EXCEPTION(AccountClosedError, app->depositFunds(accountId1, dec("1000.00")));
        COMPARE_DECIMAL(app->getBalance(accountId1), "50.00");

        // Overdraft limit.
        COMPARE_DECIMAL(app->getOverdraftLimit(accountId2), "0.00");
        app->setOverdraftLimit(accountId2, dec("500.00"));
        // Can't set a negative overdraft limit (Python's AssertionError).
        QVERIFY_THROWS_EXCEPTION(es::ValueError, app->setOverdraftLimit(accountId2, dec("-500.00")));
        COMPARE_DECIMAL(app->getOverdraftLimit(accountId2), "500.00");

        // Withdraw into the overdraft.
        app->withdrawFunds(accountId2, dec("500.00"));
        COMPARE_DECIMAL(app->getBalance(accountId2), "-400.00");

        // Fail to withdraw funds - insufficient funds.
        QVERIFY_THROWS_EXCEPTION(InsufficientFundsError, app->withdrawFunds(accountId2, dec("101.00")));

        // Fail to set overdraft limit - account closed.
        QVERIFY_THROWS_EXCEPTION(AccountClosedError, app->setOverdraftLimit(accountId1, dec("500.00")));

        // Both domain errors are transaction errors and engine errors, and name the account.
        try {
            app->withdrawFunds(accountId2, dec("101.00"));
            QFAIL("no InsufficientFundsError");
        } catch (const TransactionError &e) {
            QCOMPARE(e.accountId(), accountId2);
            QVERIFY(e.message().contains(es::uuid::toDashed(accountId2)));
        }
        try {
            app->depositFunds(accountId1, dec("1"));
            QFAIL("no AccountClosedError");
        } catch (const es::EventSourcingError &e) {
            QVERIFY(dynamic_cast<const AccountClosedError *>(&e));
        }
    }

    void accountAttributes()
    {
        auto app = es::makeApplication<BankAccounts>(env());
        const QUuid id
            = app->openAccount(QStringLiteral("Ünïcode Ωmega"), QStringLiteral("omega@example.com"));
        auto account = app->getAccount(id);
        QCOMPARE(account->id(), id);
        QCOMPARE(account->version(), qint64(1));
        QCOMPARE(account->fullName(), QStringLiteral("Ünïcode Ωmega"));
        QCOMPARE(account->emailAddress(), QStringLiteral("omega@example.com"));
        COMPARE_DECIMAL(account->balance(), "0.00");
        COMPARE_DECIMAL(account->overdraftLimit(), "0.00");
        QVERIFY(!account->isClosed());
        QVERIFY(account->createdOn().isIdenticalTo(account->modifiedOn()));
        QVERIFY(account->createdOn().isAware());

        // Python's Decimal arithmetic: digits and exponents as Python gives them.
        app->depositFunds(id, dec("0.1"));
        app->depositFunds(id, dec("0.2"));
        COMPARE_DECIMAL(app->getBalance(id), "0.30");
        app->depositFunds(id, dec("1E+2"));
        COMPARE_DECIMAL(app->getBalance(id), "100.30");
        app->withdrawFunds(id, dec("100.300"));
        COMPARE_DECIMAL(app->getBalance(id), "0.000");
        app->setOverdraftLimit(id, dec("426"));
        COMPARE_DECIMAL(app->getOverdraftLimit(id), "426");
        app->withdrawFunds(id, dec("426"));
        COMPARE_DECIMAL(app->getBalance(id), "-426.000");
        QVERIFY_THROWS_EXCEPTION(InsufficientFundsError, app->withdrawFunds(id, dec("0.001")));
        QCOMPARE(app->getAccount(id)->version(), qint64(7));
        // Zero is not a positive limit either.
        QVERIFY_THROWS_EXCEPTION(es::ValueError, app->setOverdraftLimit(id, dec("0.00")));
    }

    void notFoundForEveryCommand()
    {
        auto app = es::makeApplication<BankAccounts>(env());
        const QUuid existing = app->openAccount(QStringLiteral("Alice"), QStringLiteral("alice@example.com"));
        const QUuid missing = es::uuid::v4();
        QVERIFY_THROWS_EXCEPTION(AccountNotFoundError, app->getAccount(missing));
        QVERIFY_THROWS_EXCEPTION(AccountNotFoundError, app->depositFunds(missing, dec("1")));
        QVERIFY_THROWS_EXCEPTION(AccountNotFoundError, app->withdrawFunds(missing, dec("1")));
        QVERIFY_THROWS_EXCEPTION(AccountNotFoundError, app->transferFunds(existing, missing, dec("1")));
        QVERIFY_THROWS_EXCEPTION(AccountNotFoundError, app->transferFunds(missing, existing, dec("1")));
        QVERIFY_THROWS_EXCEPTION(AccountNotFoundError, app->setOverdraftLimit(missing, dec("1")));
        QVERIFY_THROWS_EXCEPTION(AccountNotFoundError, app->getOverdraftLimit(missing));
        QVERIFY_THROWS_EXCEPTION(AccountNotFoundError, app->closeAccount(missing));
        try {
            app->getBalance(missing);
            QFAIL("no AccountNotFoundError");
        } catch (const AccountNotFoundError &e) {
            QCOMPARE(e.accountId(), missing);
            QVERIFY(e.message().contains(es::uuid::toDashed(missing)));
        }
        // Nothing was written by the failed commands.
        QCOMPARE(notificationCount(*app), qint64(1));
    }

    void refusedCommandsSaveNothing()
    {
        auto app = es::makeApplication<BankAccounts>(env());
        const QUuid a = app->openAccount(QStringLiteral("Alice"), QStringLiteral("alice@example.com"));
        const QUuid b = app->openAccount(QStringLiteral("Bob"), QStringLiteral("bob@example.com"));
        app->depositFunds(a, dec("10.00"));
        const qint64 before = notificationCount(*app);
        QCOMPARE(before, qint64(3));

        // A transfer whose credit side is refused saves neither side (the debit is not kept).
        app->closeAccount(b);
        QVERIFY_THROWS_EXCEPTION(AccountClosedError, app->transferFunds(a, b, dec("5.00")));
        QCOMPARE(notificationCount(*app), before + 1);
        COMPARE_DECIMAL(app->getBalance(a), "10.00");
        QCOMPARE(app->getAccount(a)->version(), qint64(2));
        QCOMPARE(app->getAccount(b)->version(), qint64(2));
    }

    void transferIsOneAtomicSave()
    {
        auto app = es::makeApplication<BankAccounts>(env());
        const QUuid a = app->openAccount(QStringLiteral("Alice"), QStringLiteral("alice@example.com"));
        const QUuid b = app->openAccount(QStringLiteral("Bob"), QStringLiteral("bob@example.com"));
        app->depositFunds(a, dec("100.00"));
        app->transferFunds(a, b, dec("30.00"));

        // The debit and the credit are consecutive notifications, debit first.
        const std::vector<es::Notification> log = app->log().select(1, 10);
        QCOMPARE(log.size(), size_t(5));
        QCOMPARE(log[3].topic, QString::fromUtf8(BankAccount::Debited::TOPIC));
        QCOMPARE(log[3].originatorId, a);
        QCOMPARE(log[4].topic, QString::fromUtf8(BankAccount::Credited::TOPIC));
        QCOMPARE(log[4].originatorId, b);

        // A transfer that conflicts with a concurrent change of the credit account is refused as a
        // whole: the debit recorded in the same save is rolled back with it.
        auto staleB = app->getAccount(b);
        app->depositFunds(b, dec("1.00")); // b moves on to version 3
        auto debitA = app->getAccount(a);
        debitA->debit(dec("10.00"));
        staleB->credit(dec("10.00")); // version 3 again: conflicts
        QVERIFY_THROWS_EXCEPTION(es::IntegrityError, app->save({debitA.get(), staleB.get()}));
        COMPARE_DECIMAL(app->getBalance(a), "70.00");
        COMPARE_DECIMAL(app->getBalance(b), "31.00");
        QCOMPARE(notificationCount(*app), qint64(6));

        // A transfer to the same account is two changes of one version: refused, nothing saved
        // (Python's IntegrityError too).
        QVERIFY_THROWS_EXCEPTION(es::IntegrityError, app->transferFunds(a, a, dec("1.00")));
        COMPARE_DECIMAL(app->getBalance(a), "70.00");
        QCOMPARE(notificationCount(*app), qint64(6));
    }

    void concurrentChangesConflict()
    {
        auto app = es::makeApplication<BankAccounts>(env());
        const QUuid id = app->openAccount(QStringLiteral("Alice"), QStringLiteral("alice@example.com"));
        auto first = app->getAccount(id);
        auto second = app->getAccount(id);
        first->credit(dec("5.00"));
        second->credit(dec("7.00"));
        app->save(*first);
        QVERIFY_THROWS_EXCEPTION(es::IntegrityError, app->save(*second));
        COMPARE_DECIMAL(app->getBalance(id), "5.00");
    }

    void domainModelRulesAndReplay()
    {
        // The aggregate alone, as Python's model: the rules run when events are triggered and again
        // when they are replayed, and a refused event leaves the aggregate as it was.
        auto account = BankAccount::open(QStringLiteral("Alice"), QStringLiteral("alice@example.com"));
        QCOMPARE(account->pendingEvents().size(), size_t(1));
        account->credit(dec("20.00"));
        QVERIFY_THROWS_EXCEPTION(InsufficientFundsError, account->debit(dec("20.01")));
        QCOMPARE(account->version(), qint64(2));
        QCOMPARE(account->pendingEvents().size(), size_t(2));
        account->setOverdraftLimit(dec("0.01"));
        account->debit(dec("20.01"));
        COMPARE_DECIMAL(account->balance(), "-0.01");
        account->close();
        QVERIFY(account->isClosed());
        QVERIFY_THROWS_EXCEPTION(AccountClosedError, account->credit(dec("1")));
        QVERIFY_THROWS_EXCEPTION(AccountClosedError, account->debit(dec("1")));
        QVERIFY_THROWS_EXCEPTION(AccountClosedError, account->setOverdraftLimit(dec("1")));
        // The negative limit is refused before the closed check, as Python asserts first.
        QVERIFY_THROWS_EXCEPTION(es::ValueError, account->setOverdraftLimit(dec("-1")));
        QCOMPARE(account->version(), qint64(5));

        const std::vector<es::DomainEventPtr> events = account->collectEvents();
        QCOMPARE(events.size(), size_t(5));
        auto replayed = es::aggregate_cast<BankAccount>(es::project(nullptr, events));
        QVERIFY(*replayed == *account);

        // Field names and key order of the stored states: Python's.
        QCOMPARE(
            QByteArray::fromStdString(events[0]->stateValue().toJson())
                .contains(
                    "\"originator_topic\": \"eventsourcing.examples.bankaccounts.domainmodel:BankAccount\", "
                    "\"full_name\": \"Alice\", \"email_address\": \"alice@example.com\"}"),
            true);
        QVERIFY(QByteArray::fromStdString(events[2]->stateJson())
                    .endsWith("\"overdraft_limit\": {\"_type_\": \"decimal_str\", \"_data_\": \"0.01\"}}"));
        QVERIFY(QByteArray::fromStdString(events[4]->stateJson())
                    .startsWith("{\"timestamp\": {\"_type_\": \"datetime_iso\""));
        QCOMPARE(events[4]->stateValue().size(), size_t(1));
        const std::string snapshotState = es::Snapshot::take(*account)->state.toJson();
        const size_t created = snapshotState.find("\"_created_on\"");
        const size_t modified = snapshotState.find("\"_modified_on\"");
        const size_t fullName = snapshotState.find("\"full_name\"");
        const size_t email = snapshotState.find("\"email_address\"");
        const size_t balance = snapshotState.find("\"balance\"");
        const size_t limit = snapshotState.find("\"overdraft_limit\"");
        const size_t closed = snapshotState.find("\"is_closed\": true");
        QVERIFY(created < modified && modified < fullName && fullName < email && email < balance
                && balance < limit && limit < closed && closed != std::string::npos);
    }

    void snapshotsAreUsed()
    {
        es::EnvMap e = env();
        e.insert(QStringLiteral("IS_SNAPSHOTTING_ENABLED"), QStringLiteral("yes"));
        auto app = es::makeApplication<BankAccounts>(e);
        const QUuid id = app->openAccount(QStringLiteral("Alice"), QStringLiteral("alice@example.com"));
        for (int i = 1; i <= 9; ++i)
            app->depositFunds(id, es::Decimal(i));
        app->takeSnapshot(id);
        app->withdrawFunds(id, dec("0.50"));
        auto account = app->getAccount(id);
        QCOMPARE(es::Repository::lastReadCount(), qint64(2)); // the snapshot at 10, the event at 11
        QCOMPARE(account->version(), qint64(11));
        COMPARE_DECIMAL(account->balance(), "44.50");

        // The same account from the events alone.
        std::vector<es::DomainEventPtr> events = app->events().get(id);
        QCOMPARE(events.size(), size_t(11));
        auto fromEvents = es::aggregate_cast<BankAccount>(es::project(nullptr, events));
        QVERIFY(*fromEvents == *account);
        // And at an earlier version, below the snapshot.
        auto atFive = app->repository().get<BankAccount>(id, 5);
        COMPARE_DECIMAL(atFive->balance(), "10.00");
    }

    void storeReopened()
    {
        // What one application wrote, another one reads: for SQLite a new process opening the file.
        QFETCH_GLOBAL(QString, backend);
        if (backend != QLatin1String("sqlite"))
            QSKIP("a POPO store lives as long as its application");
        const es::EnvMap e = env();
        QUuid a, b;
        {
            auto app = es::makeApplication<BankAccounts>(e);
            a = app->openAccount(QStringLiteral("Alice"), QStringLiteral("alice@example.com"));
            b = app->openAccount(QStringLiteral("Bob"), QStringLiteral("bob@example.com"));
            app->depositFunds(a, dec("12.34"));
            app->transferFunds(a, b, dec("2.34"));
            app->closeAccount(b);
        }
        auto app = es::makeApplication<BankAccounts>(e);
        COMPARE_DECIMAL(app->getBalance(a), "10.00");
        COMPARE_DECIMAL(app->getBalance(b), "2.34");
        QVERIFY(app->getAccount(b)->isClosed());
        QCOMPARE(app->getAccount(a)->version(), qint64(3));
        QVERIFY_THROWS_EXCEPTION(AccountClosedError, app->depositFunds(b, dec("1")));
    }
};

QTEST_GUILESS_MAIN(TestBankAccounts)
#include "tst_bankaccounts.moc"
