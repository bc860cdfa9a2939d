// The application suite of issue 5, run on every backend (Python's test_application_with_*.py,
// test_repository.py, test_snapshotting.py): save and get at versions, atomic saves, snapshots by
// hand and by interval, the notification log and its reader.
#include "es/application.h"
#include "postgres.h"

#include <QTemporaryDir>
#include <QtTest>

namespace {

class Account : public es::AggregateRoot<Account>
{
public:
    static constexpr const char *TOPIC = "tests.application:Account";

    struct Opened : es::CreatedEvent<Account, Opened>
    {
        static constexpr const char *TOPIC = "tests.application:Account.Opened";
        QString owner;
        static constexpr auto fields() { return es::fields(es::field("owner", &Opened::owner)); }
        void apply(Account &a) const { a.m_owner = owner; }
    };
    struct Credited : es::Event<Account, Credited>
    {
        static constexpr const char *TOPIC = "tests.application:Account.Credited";
        es::Decimal amount;
        static constexpr auto fields() { return es::fields(es::field("amount", &Credited::amount)); }
        void apply(Account &a) const { a.m_balance += amount; }
    };
    using Events = es::EventTypes<Opened, Credited>;
    static constexpr auto stateFields()
    {
        return es::fields(es::field("owner", &Account::m_owner), es::field("balance", &Account::m_balance));
    }

    static std::unique_ptr<Account> open(const QString &owner) { return createAggregate<Opened>(es::uuid::v4(), owner); }
    void credit(const es::Decimal &amount) { triggerEvent<Credited>(amount); }
    const es::Decimal &balance() const { return m_balance; }
    const QString &owner() const { return m_owner; }

private:
    QString m_owner;
    es::Decimal m_balance = es::Decimal::fromString("0.00");
};

class Accounts : public es::Application
{
public:
    explicit Accounts(const es::EnvMap &env, qint64 interval = 0)
        : Application(QStringLiteral("Accounts"), env)
    {
        if (interval > 0)
            setSnapshottingInterval<Account>(interval);
    }

protected:
    void registerTypes() override { es::registerAggregate<Account>(); }
};

es::Decimal dec(const char *s)
{
    return es::Decimal::fromString(s);
}

} // namespace

class TestApplication : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<es::test::ScratchDatabase> m_pg;
    int m_counter = 0;

    // A fresh environment for the current data row's backend.
    es::EnvMap environment()
    {
        QFETCH(QString, backend);
        ++m_counter;
        if (backend == QLatin1String("popo"))
            return {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.popo:Factory")}};
        if (backend == QLatin1String("sqlite-memory"))
            return {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory")},
                    {QStringLiteral("SQLITE_DBNAME"), QStringLiteral("file:app%1?mode=memory&cache=shared").arg(m_counter)}};
        if (backend == QLatin1String("sqlite-file"))
            return {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory")},
                    {QStringLiteral("SQLITE_DBNAME"), m_dir.filePath(QStringLiteral("app%1.sqlite").arg(m_counter))}};
        // postgres: a fresh scratch database per test function
        m_pg = std::make_unique<es::test::ScratchDatabase>(QStringLiteral("es_app"));
        const auto &p = m_pg->params();
        return {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.postgres:Factory")},
                {QStringLiteral("POSTGRES_HOST"), p.host},
                {QStringLiteral("POSTGRES_PORT"), QString::number(p.port)},
                {QStringLiteral("POSTGRES_USER"), p.user},
                {QStringLiteral("POSTGRES_PASSWORD"), p.password},
                {QStringLiteral("POSTGRES_DBNAME"), p.dbname}};
    }

    void backends()
    {
        QTest::addColumn<QString>("backend");
        for (const char *b : {"popo", "sqlite-memory", "sqlite-file", "postgres"})
            QTest::newRow(b) << QString::fromLatin1(b);
    }

    bool requireBackend()
    {
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgres")) {
            const QString why = es::test::postgresUnavailableReason();
            if (!why.isEmpty()) {
                if (es::test::inCI())
                    QTest::qFail(qPrintable(why), __FILE__, __LINE__);
                else
                    QTest::qSkip(qPrintable(why), __FILE__, __LINE__);
                return false;
            }
        }
        return true;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void cleanup() { m_pg.reset(); }

    void saveAndGetAtVersions_data() { backends(); }
    void saveAndGetAtVersions()
    {
        if (!requireBackend())
            return;
        Accounts app(environment());
        auto account = Account::open(QStringLiteral("Alice"));
        const QUuid id = account->id();
        const auto r1 = app.save(*account);
        QCOMPARE(r1.size(), size_t(1));
        QCOMPARE(r1[0].notificationId, 1);
        account->credit(dec("10.00"));
        account->credit(dec("5.5"));
        const auto r2 = app.save(*account);
        QCOMPARE(r2.size(), size_t(2));
        QCOMPARE(r2[1].notificationId, 3);
        QVERIFY(account->pendingEvents().empty());

        auto latest = app.repository().get<Account>(id);
        QCOMPARE(latest->version(), 3);
        QCOMPARE(latest->balance().toString(), QStringLiteral("15.50"));
        QCOMPARE(latest->owner(), QStringLiteral("Alice"));
        QVERIFY(*latest == *account);

        auto v1 = app.repository().get<Account>(id, 1);
        QCOMPARE(v1->version(), 1);
        QCOMPARE(v1->balance().toString(), QStringLiteral("0.00"));
        auto v2 = app.repository().get<Account>(id, 2);
        QCOMPARE(v2->balance().toString(), QStringLiteral("10.00"));

        QVERIFY(app.repository().contains(id));
        QVERIFY(!app.repository().contains(es::uuid::v4()));
        QVERIFY_THROWS_EXCEPTION(es::AggregateNotFound, app.repository().get(es::uuid::v4()));
        QVERIFY_THROWS_EXCEPTION(es::AggregateNotFound, app.repository().get(id, 0));

        // A second application on the same store reads what the first wrote.
        QFETCH(QString, backend);
        if (backend != QLatin1String("popo")) {
            Accounts other(app.env().variables());
            QCOMPARE(other.repository().get<Account>(id)->balance().toString(), QStringLiteral("15.50"));
        }
    }

    void saveIsAtomic_data() { backends(); }
    void saveIsAtomic()
    {
        if (!requireBackend())
            return;
        Accounts app(environment());
        auto a = Account::open(QStringLiteral("A"));
        auto b = Account::open(QStringLiteral("B"));
        app.save({a.get(), b.get()});
        // A stale copy of b makes the second aggregate of the next save conflict.
        auto staleB = app.repository().get<Account>(b->id());
        b->credit(dec("1"));
        app.save(*b);
        a->credit(dec("100"));
        staleB->credit(dec("2"));
        QVERIFY_THROWS_EXCEPTION(es::IntegrityError, app.save({a.get(), staleB.get()}));
        // Neither was written: a is still at version 1, b at version 2.
        QCOMPARE(app.repository().get<Account>(a->id())->version(), 1);
        QCOMPARE(app.repository().get<Account>(b->id())->balance().toString(), QStringLiteral("1.00"));
        QCOMPARE(app.recorder().maxNotificationId() >= 3, true);
        const auto all = app.recorder().selectNotifications(1, 100);
        QCOMPARE(all.size(), size_t(3));
    }

    void snapshotsByHand_data() { backends(); }
    void snapshotsByHand()
    {
        if (!requireBackend())
            return;
        es::EnvMap env = environment();
        env.insert(QStringLiteral("IS_SNAPSHOTTING_ENABLED"), QStringLiteral("yes"));
        Accounts app(env);
        QVERIFY(app.isSnapshottingEnabled());
        auto account = Account::open(QStringLiteral("S"));
        for (int i = 0; i < 20; ++i)
            account->credit(dec("1.25"));
        app.save(*account);
        const QUuid id = account->id();

        app.repository().get(id);
        QCOMPARE(es::Repository::lastReadCount(), 21);
        app.takeSnapshot(id, 15);
        auto rebuilt = app.repository().get<Account>(id);
        QCOMPARE(es::Repository::lastReadCount(), 1 + 6); // the snapshot, then versions 16..21
        QVERIFY(*rebuilt == *account);
        auto at10 = app.repository().get<Account>(id, 10);
        QCOMPARE(es::Repository::lastReadCount(), 10); // no snapshot at or below 10
        QCOMPARE(at10->balance().toString(), QStringLiteral("11.25"));
        auto at17 = app.repository().get<Account>(id, 17);
        QCOMPARE(es::Repository::lastReadCount(), 1 + 2);
        QCOMPARE(at17->version(), 17);
        QCOMPARE(at17->balance().toString(), QStringLiteral("20.00"));

        const auto snaps = app.snapshots()->get(id);
        QCOMPARE(snaps.size(), size_t(1));
        QCOMPARE(snaps[0]->topic(), QStringLiteral("eventsourcing.domain:Snapshot"));
        QCOMPARE(snaps[0]->originatorVersion, 15);
    }

    void snapshottingDisabled_data() { backends(); }
    void snapshottingDisabled()
    {
        if (!requireBackend())
            return;
        Accounts app(environment());
        QVERIFY(!app.isSnapshottingEnabled());
        auto account = Account::open(QStringLiteral("N"));
        app.save(*account);
        QVERIFY_THROWS_EXCEPTION(es::ProgrammingError, app.takeSnapshot(account->id()));
    }

    void automaticSnapshots_data() { backends(); }
    void automaticSnapshots()
    {
        if (!requireBackend())
            return;
        Accounts app(environment(), 5);
        QVERIFY(app.isSnapshottingEnabled());
        auto account = Account::open(QStringLiteral("Auto"));
        app.save(*account);
        for (int i = 0; i < 3; ++i)
            account->credit(dec("1"));
        app.save(*account); // versions 2..4: no snapshot
        QVERIFY(app.snapshots()->get(account->id()).empty());
        for (int i = 0; i < 7; ++i)
            account->credit(dec("1"));
        app.save(*account); // versions 5..11: snapshots at 5 and 10
        const auto snaps = app.snapshots()->get(account->id());
        QCOMPARE(snaps.size(), size_t(2));
        QCOMPARE(snaps[0]->originatorVersion, 5);
        QCOMPARE(snaps[1]->originatorVersion, 10);
        auto at5 = app.repository().get<Account>(account->id(), 5);
        QCOMPARE(es::Repository::lastReadCount(), 1);
        QCOMPARE(at5->balance().toString(), QStringLiteral("4.00"));
        auto latest = app.repository().get<Account>(account->id());
        QCOMPARE(es::Repository::lastReadCount(), 2); // snapshot 10 + version 11
        QCOMPARE(latest->balance().toString(), QStringLiteral("10.00"));
    }

    void logAndReader_data() { backends(); }
    void logAndReader()
    {
        if (!requireBackend())
            return;
        Accounts app(environment());
        std::vector<QUuid> ids;
        for (int i = 0; i < 25; ++i) {
            auto a = Account::open(QStringLiteral("L%1").arg(i));
            app.save(*a);
            ids.push_back(a->id());
        }
        es::NotificationLog &log = app.log();
        es::Section s = log.section(QStringLiteral("1,10"));
        QCOMPARE(s.id.value_or(QString()), QStringLiteral("1,10"));
        QCOMPARE(s.nextId.value_or(QString()), QStringLiteral("11,20"));
        QCOMPARE(s.items.size(), size_t(10));
        QCOMPARE(s.items[0].originatorId, ids[0]);
        s = log.section(QStringLiteral("21,30"));
        QCOMPARE(s.id.value_or(QString()), QStringLiteral("21,25"));
        QVERIFY(!s.nextId);
        s = log.section(QStringLiteral("1,100")); // clamped to the section size
        QCOMPARE(s.id.value_or(QString()), QStringLiteral("1,10"));
        s = log.section(QStringLiteral("0,5"));
        QCOMPARE(s.id.value_or(QString()), QStringLiteral("1,5"));
        QCOMPARE(s.nextId.value_or(QString()), QStringLiteral("6,10"));
        s = log.section(QStringLiteral("26,35"));
        QVERIFY(!s.id);
        QVERIFY(!s.nextId);
        QVERIFY(s.items.empty());
        QVERIFY_THROWS_EXCEPTION(es::NotificationLogError, log.section(QStringLiteral("x,1")));
        QVERIFY_THROWS_EXCEPTION(es::NotificationLogError, log.select(1, 11));

        es::NotificationLogReader reader(app.logPtr());
        const auto all = reader.readAll(1);
        QCOMPARE(all.size(), size_t(25));
        for (size_t i = 0; i < all.size(); ++i) {
            QCOMPARE(all[i].id, qint64(i + 1));
            QCOMPARE(all[i].originatorId, ids[i]);
        }
        QCOMPARE(reader.readAll(21).size(), size_t(5));
        int pages = 0;
        size_t seen = 0;
        reader.select(3, [&](const std::vector<es::Notification> &page) {
            ++pages;
            seen += page.size();
            return true;
        });
        QCOMPARE(pages, 3);
        QCOMPARE(seen, size_t(23));
        // Topic filter.
        auto account = app.repository().get<Account>(ids[3]);
        account->credit(dec("1"));
        app.save(*account);
        size_t credited = 0, others = 0;
        reader.select(1, [&](const std::vector<es::Notification> &page) {
            for (const auto &n : page)
                ++(n.topic == QLatin1String("tests.application:Account.Credited") ? credited : others);
            return true;
        }, {QStringLiteral("tests.application:Account.Credited")});
        QCOMPARE(credited, size_t(1));
        QCOMPARE(others, size_t(0));
    }

    void badSettingsNameTheVariable()
    {
        Accounts app({{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.nosuch:Factory")}});
        try {
            app.initialise();
            QFAIL("no error");
        } catch (const es::ConfigurationError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("INFRASTRUCTURE_FACTORY")), qPrintable(e.message()));
        }
        Accounts prefixed({{QStringLiteral("ACCOUNTS_COMPRESSOR_TOPIC"), QStringLiteral("lzma")}});
        try {
            prefixed.initialise();
            QFAIL("no error");
        } catch (const es::ConfigurationError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("ACCOUNTS_COMPRESSOR_TOPIC")), qPrintable(e.message()));
        }
        Accounts noKey({{QStringLiteral("CIPHER_TOPIC"), QStringLiteral("eventsourcing.cipher:AESCipher")}});
        QVERIFY_THROWS_EXCEPTION(es::ConfigurationError, noKey.initialise());
    }

    void encryptedAndCompressed_data() { backends(); }
    void encryptedAndCompressed()
    {
        if (!requireBackend())
            return;
        es::EnvMap env = environment();
        env.insert(QStringLiteral("CIPHER_TOPIC"), QStringLiteral("eventsourcing.cipher:AESCipher"));
        env.insert(QStringLiteral("CIPHER_KEY"), es::AESCipher::createKey(16));
        env.insert(QStringLiteral("COMPRESSOR_TOPIC"), QStringLiteral("eventsourcing.compressor:ZlibCompressor"));
        Accounts app(env);
        auto account = Account::open(QStringLiteral("Secret Owner"));
        account->credit(dec("42"));
        app.save(*account);
        const auto stored = app.recorder().selectEvents(account->id());
        QCOMPARE(stored.size(), size_t(2));
        QVERIFY(!stored[0].state.contains("Secret Owner"));
        QCOMPARE(app.repository().get<Account>(account->id())->balance().toString(), QStringLiteral("42.00"));
    }
};

QTEST_GUILESS_MAIN(TestApplication)
#include "tst_application.moc"
