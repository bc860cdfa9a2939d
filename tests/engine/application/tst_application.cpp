// The application suite of issue 5, run on every backend (Python's test_application_with_*.py,
// test_repository.py, test_snapshotting.py): save and get at versions, atomic saves, snapshots by
// hand and by interval, the notification log and its reader.
#include "es/application.h"
#include "postgres.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

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

    static std::unique_ptr<Account> open(const QString &owner)
    {
        return createAggregate<Opened>(es::uuid::v4(), owner);
    }
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

// Records what notify() was given, save by save (Python's Application.notify()).
class NotifyingAccounts : public Accounts
{
public:
    using Accounts::Accounts;
    std::vector<std::vector<es::DomainEventPtr>> notified;

protected:
    void notify(const std::vector<es::DomainEventPtr> &newEvents) override { notified.push_back(newEvents); }
};

// An application recorder whose log lacks some ids, as if those rows had been deleted: the POPO
// recorder (like Python's) numbers its log without gaps, so this stands in for what the database
// backends get for real.
class HidingRecorder : public es::ApplicationRecorder
{
public:
    explicit HidingRecorder(std::shared_ptr<es::ApplicationRecorder> inner) : m_inner(std::move(inner)) { }
    void hide(qint64 id) { m_hidden.insert(id); }

    std::vector<qint64> insertEvents(const std::vector<es::StoredEvent> &events,
                                     const es::Tracking *tracking) override
    {
        return m_inner->insertEvents(events, tracking);
    }
    std::vector<es::StoredEvent> selectEvents(const QUuid &id, std::optional<qint64> gt,
                                              std::optional<qint64> lte, bool desc,
                                              std::optional<qint64> limit) override
    {
        return m_inner->selectEvents(id, gt, lte, desc, limit);
    }
    std::vector<es::Notification> selectNotifications(qint64 start, qint64 limit,
                                                      const QStringList &topics) override
    {
        std::vector<es::Notification> out;
        while (static_cast<qint64>(out.size()) < limit) {
            const auto page = m_inner->selectNotifications(start, limit, topics);
            for (const es::Notification &n : page)
                if (!m_hidden.count(n.id) && static_cast<qint64>(out.size()) < limit)
                    out.push_back(n);
            if (static_cast<qint64>(page.size()) < limit)
                break;
            start = page.back().id + 1;
        }
        return out;
    }
    qint64 maxNotificationId() override { return m_inner->maxNotificationId(); }

private:
    std::shared_ptr<es::ApplicationRecorder> m_inner;
    std::set<qint64> m_hidden;
};

class HidingAccounts : public Accounts
{
public:
    HidingAccounts(const es::EnvMap &env, bool hide) : Accounts(env), m_hide(hide) { }
    HidingRecorder *hiding() const { return m_hiding.get(); }

protected:
    std::shared_ptr<es::ApplicationRecorder> constructRecorder() override
    {
        auto recorder = Accounts::constructRecorder();
        if (!m_hide)
            return recorder;
        m_hiding = std::make_shared<HidingRecorder>(recorder);
        return m_hiding;
    }

private:
    const bool m_hide;
    std::shared_ptr<HidingRecorder> m_hiding;
};

// Deletes rows of an SQLite application's log through a connection of its own. Ids below the
// largest are never given again (rowid is max + 1), so these are lasting gaps.
QString deleteSqliteNotifications(const QString &dbname, const std::vector<qint64> &ids)
{
    const QString connection = QStringLiteral("tst_application_delete");
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_URI"));
        db.setDatabaseName(dbname);
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            for (qint64 id : ids) {
                QSqlQuery q(db);
                q.prepare(QStringLiteral("DELETE FROM stored_events WHERE rowid = ?"));
                q.addBindValue(id);
                if (!q.exec() || q.numRowsAffected() != 1) {
                    error = QStringLiteral("deleting %1: %2").arg(id).arg(q.lastError().text());
                    break;
                }
            }
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

std::vector<qint64> idsOf(const std::vector<es::Notification> &notifications)
{
    std::vector<qint64> ids;
    for (const es::Notification &n : notifications)
        ids.push_back(n.id);
    return ids;
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
            return {
                {QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory")},
                {QStringLiteral("SQLITE_DBNAME"),
                 QStringLiteral("file:app%1?mode=memory&cache=shared").arg(m_counter)}};
        if (backend == QLatin1String("sqlite-file"))
            return {
                {QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory")},
                {QStringLiteral("SQLITE_DBNAME"),
                 m_dir.filePath(QStringLiteral("app%1.sqlite").arg(m_counter))}};
        // postgres: a fresh scratch database per test function
        m_pg = std::make_unique<es::test::ScratchDatabase>(QStringLiteral("es_app"));
        return es::test::postgresVariables(*m_pg);
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
        reader.select(1,
                      [&](const std::vector<es::Notification> &page) {
                          for (const auto &n : page)
                              ++(n.topic == QLatin1String("tests.application:Account.Credited") ? credited
                                                                                                : others);
                          return true;
                      },
                      {QStringLiteral("tests.application:Account.Credited")});
        QCOMPARE(credited, size_t(1));
        QCOMPARE(others, size_t(0));
    }

    void getWithProjector_data() { backends(); }
    void getWithProjector()
    {
        if (!requireBackend())
            return;
        es::EnvMap env = environment();
        env.insert(QStringLiteral("IS_SNAPSHOTTING_ENABLED"), QStringLiteral("yes"));
        Accounts app(env);
        auto account = Account::open(QStringLiteral("P"));
        account->credit(dec("1"));
        account->credit(dec("2"));
        account->credit(dec("3"));
        app.save(*account);
        const QUuid id = account->id();

        // A projector that sees what get() hands it, then projects as the default does.
        int calls = 0;
        bool initialWasNull = false;
        std::vector<qint64> versions;
        QStringList topics;
        const es::Repository::Projector recording
            = [&](std::unique_ptr<es::Aggregate> initial, const std::vector<es::DomainEventPtr> &events) {
                  ++calls;
                  initialWasNull = !initial;
                  versions.clear();
                  topics.clear();
                  for (const es::DomainEventPtr &e : events) {
                      versions.push_back(e->originatorVersion);
                      topics << e->topic();
                  }
                  return es::project(std::move(initial), events);
              };
        auto latest = es::aggregate_cast<Account>(app.repository().get(id, std::nullopt, recording));
        QCOMPARE(calls, 1);
        QVERIFY(initialWasNull);
        QCOMPARE(versions, (std::vector<qint64> {1, 2, 3, 4}));
        QCOMPARE(topics.front(), QStringLiteral("tests.application:Account.Opened"));
        QVERIFY(*latest == *account);
        auto v2 = es::aggregate_cast<Account>(app.repository().get(id, 2, recording));
        QCOMPARE(calls, 2);
        QCOMPARE(versions, (std::vector<qint64> {1, 2}));
        QCOMPARE(v2->balance().toString(), QStringLiteral("1.00"));

        // A projector of its own decides what the aggregate is: here, only the events that opened it.
        const es::Repository::Projector openedOnly
            = [](std::unique_ptr<es::Aggregate> initial, const std::vector<es::DomainEventPtr> &events) {
                  std::vector<es::DomainEventPtr> kept;
                  for (const es::DomainEventPtr &e : events)
                      if (e->topic() == QLatin1String(Account::Opened::TOPIC))
                          kept.push_back(e);
                  return es::project(std::move(initial), kept);
              };
        auto opened = es::aggregate_cast<Account>(app.repository().get(id, std::nullopt, openedOnly));
        QCOMPARE(opened->version(), 1);
        QCOMPARE(opened->owner(), QStringLiteral("P"));
        QCOMPARE(opened->balance().toString(), QStringLiteral("0.00"));
        // The default projector still gives the whole history.
        QCOMPARE(app.repository().get<Account>(id)->balance().toString(), QStringLiteral("6.00"));

        // A projector that makes nothing: AggregateNotFound, as Python's get() when the projector
        // returns None.
        const es::Repository::Projector nothing
            = [](std::unique_ptr<es::Aggregate>, const std::vector<es::DomainEventPtr> &) {
                  return std::unique_ptr<es::Aggregate>();
              };
        QVERIFY_THROWS_EXCEPTION(es::AggregateNotFound, app.repository().get(id, std::nullopt, nothing));
        // An unknown id: the projector is given no events.
        versions = {-1};
        QVERIFY_THROWS_EXCEPTION(es::AggregateNotFound,
                                 app.repository().get(es::uuid::v4(), std::nullopt, recording));
        QVERIFY(versions.empty());

        // With a snapshot, the projector gets the snapshot first, then only the events after it.
        app.takeSnapshot(id, 3);
        const int before = calls;
        auto fromSnapshot = es::aggregate_cast<Account>(app.repository().get(id, std::nullopt, recording));
        QCOMPARE(calls, before + 1);
        QCOMPARE(versions, (std::vector<qint64> {3, 4}));
        QCOMPARE(topics,
                 (QStringList {QStringLiteral("eventsourcing.domain:Snapshot"),
                               QStringLiteral("tests.application:Account.Credited")}));
        QVERIFY(*fromSnapshot == *account);
        auto atSnapshot = es::aggregate_cast<Account>(app.repository().get(id, 3, recording));
        QCOMPARE(versions, (std::vector<qint64> {3}));
        QCOMPARE(atSnapshot->balance().toString(), QStringLiteral("3.00"));
    }

    // Sections over a log with gaps, as 9.1.6's LocalNotificationLog computes them: select `limit`
    // notifications from the start (stepping over missing ids), name the section by the ids
    // returned, and give a next id only when the section was full.
    void sectionsOverGaps_data() { backends(); }
    void sectionsOverGaps()
    {
        if (!requireBackend())
            return;
        QFETCH(QString, backend);
        const bool postgres = backend == QLatin1String("postgres");
        const bool popo = backend == QLatin1String("popo");
        const es::EnvMap env = environment();
        HidingAccounts app(env, popo);

        std::vector<qint64> fillers; // ids to delete (SQLite) or hide (POPO)
        es::DomainEventPtr firstOpened;
        auto saveOne = [&] {
            auto a = Account::open(QStringLiteral("G"));
            const auto r = app.save(*a);
            if (!firstOpened)
                firstOpened = r[0].event;
            return r[0].notificationId;
        };
        // Makes `n` missing ids. A save whose last event conflicts writes nothing; on PostgreSQL the
        // rows it tried still took their values from the notification id sequence, so those ids are
        // never given: real gaps. SQLite (rowid) and POPO give them again, so there fillers are saved
        // and their rows deleted (SQLite) or hidden (POPO) afterwards.
        auto makeGap = [&](int n) {
            std::vector<std::unique_ptr<Account>> fresh;
            std::vector<es::Aggregate *> aggregates;
            for (int i = 1; i < n; ++i) {
                fresh.push_back(Account::open(QStringLiteral("never")));
                aggregates.push_back(fresh.back().get());
            }
            bool conflicted = false;
            try {
                app.save(aggregates, {firstOpened}); // version 1 of the first account, again
            } catch (const es::IntegrityError &) {
                conflicted = true;
            }
            if (!conflicted)
                return false;
            if (!postgres)
                for (int i = 0; i < n; ++i)
                    fillers.push_back(saveOne());
            return true;
        };

        for (int i = 0; i < 5; ++i)
            saveOne();
        QVERIFY(makeGap(3));
        for (int i = 0; i < 12; ++i)
            saveOne();
        QVERIFY(makeGap(1));
        for (int i = 0; i < 4; ++i)
            saveOne();
        if (popo) {
            for (qint64 id : fillers)
                app.hiding()->hide(id);
        } else if (!postgres) {
            const QString error
                = deleteSqliteNotifications(env.value(QStringLiteral("SQLITE_DBNAME")), fillers);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }

        // The log: 1-5, 9-20, 22-25 (21 notifications; 6, 7, 8 and 21 missing).
        std::vector<qint64> expected;
        for (qint64 id = 1; id <= 25; ++id)
            if (!(id >= 6 && id <= 8) && id != 21)
                expected.push_back(id);
        QCOMPARE(idsOf(app.recorder().selectNotifications(1, 100)), expected);
        QCOMPARE(app.recorder().maxNotificationId(), 25);

        struct Expected
        {
            const char *request;
            const char *id; // nullptr: none
            const char *nextId; // nullptr: none
            std::vector<qint64> ids;
        };
        const std::vector<Expected> table = {
            {"1,10", "1,13", "14,23", {1, 2, 3, 4, 5, 9, 10, 11, 12, 13}},
            {"14,23", "14,24", "25,34", {14, 15, 16, 17, 18, 19, 20, 22, 23, 24}},
            {"25,34", "25,25", nullptr, {25}},
            {"0,5", "1,5", "6,10", {1, 2, 3, 4, 5}},
            {"6,10", "9,13", "14,18", {9, 10, 11, 12, 13}},
            {"6,8", "9,11", "12,14", {9, 10, 11}},
            {"4,6", "4,9", "10,12", {4, 5, 9}},
            {"21,21", "22,22", "23,23", {22}},
            {"20,29", "20,25", nullptr, {20, 22, 23, 24, 25}},
            {"11,100", "11,20", "21,30", {11, 12, 13, 14, 15, 16, 17, 18, 19, 20}}, // clamped to 10
            {"26,35", nullptr, nullptr, {}},
            {"7,6", nullptr, nullptr, {}},
        };
        es::NotificationLog &log = app.log();
        for (const Expected &e : table) {
            const es::Section s = log.section(QString::fromLatin1(e.request));
            const QByteArray what = QByteArray("section ") + e.request;
            QVERIFY2(s.id == (e.id ? std::optional<QString>(QString::fromLatin1(e.id)) : std::nullopt),
                     (what + " id " + s.id.value_or(QStringLiteral("none")).toLatin1()).constData());
            QVERIFY2(s.nextId
                         == (e.nextId ? std::optional<QString>(QString::fromLatin1(e.nextId)) : std::nullopt),
                     (what + " next id " + s.nextId.value_or(QStringLiteral("none")).toLatin1()).constData());
            QCOMPARE(idsOf(s.items), e.ids);
        }

        // The reader follows next ids across the gaps and misses nothing.
        es::NotificationLogReader reader(app.logPtr());
        QCOMPARE(idsOf(reader.readAll(1)), expected);
        QCOMPARE(idsOf(reader.readAll(6)), std::vector<qint64>(expected.begin() + 5, expected.end()));
        QCOMPARE(idsOf(reader.readAll(21)), (std::vector<qint64> {22, 23, 24, 25}));
        QVERIFY(reader.readAll(26).empty());
        std::vector<qint64> paged;
        int pages = 0;
        reader.select(1, [&](const std::vector<es::Notification> &page) {
            ++pages;
            for (const es::Notification &n : page)
                paged.push_back(n.id);
            return true;
        });
        QCOMPARE(pages, 3); // 10, 10, 1
        QCOMPARE(paged, expected);
    }

    void notifyAndBareEvents_data() { backends(); }
    void notifyAndBareEvents()
    {
        if (!requireBackend())
            return;
        NotifyingAccounts app(environment());
        auto a = Account::open(QStringLiteral("A"));
        a->credit(dec("1"));
        auto b = Account::open(QStringLiteral("B"));
        // Bare events, of an aggregate that is not saved: its created event, and one made by hand.
        auto c = Account::open(QStringLiteral("C"));
        std::vector<es::DomainEventPtr> bare = c->collectEvents();
        QCOMPARE(bare.size(), size_t(1));
        auto credited = std::make_shared<Account::Credited>();
        credited->originatorId = c->id();
        credited->originatorVersion = 2;
        credited->timestamp = es::Timestamp::now();
        credited->amount = dec("7.5");
        bare.push_back(credited);

        std::vector<es::DomainEventPtr> expected = a->pendingEvents();
        expected.insert(expected.end(), b->pendingEvents().begin(), b->pendingEvents().end());
        expected.insert(expected.end(), bare.begin(), bare.end());
        QCOMPARE(expected.size(), size_t(5));

        const auto recorded = app.save({a.get(), b.get()}, bare);
        QCOMPARE(recorded.size(), size_t(5));
        QCOMPARE(app.notified.size(), size_t(1));
        QCOMPARE(app.notified[0].size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i) {
            QVERIFY2(app.notified[0][i] == expected[i], qPrintable(QStringLiteral("event %1").arg(i)));
            QVERIFY(recorded[i].event == expected[i]);
            QCOMPARE(recorded[i].notificationId, qint64(i + 1));
        }
        // The bare events were recorded: the aggregate they make can be read back.
        auto readC = app.repository().get<Account>(c->id());
        QCOMPARE(readC->version(), 2);
        QCOMPARE(readC->owner(), QStringLiteral("C"));
        QCOMPARE(readC->balance().toString(), QStringLiteral("7.50"));

        // Bare events alone.
        auto d = Account::open(QStringLiteral("D"));
        const std::vector<es::DomainEventPtr> dEvents = d->collectEvents();
        QCOMPARE(app.save({}, dEvents).size(), size_t(1));
        QCOMPARE(app.notified.size(), size_t(2));
        QVERIFY(app.notified[1] == dEvents);
        QCOMPARE(app.repository().get<Account>(d->id())->owner(), QStringLiteral("D"));

        // A save that fails notifies nothing.
        a->credit(dec("2"));
        QVERIFY_THROWS_EXCEPTION(es::IntegrityError, app.save({a.get()}, {credited}));
        QCOMPARE(app.notified.size(), size_t(2));
        QCOMPARE(app.repository().get<Account>(a->id())->version(), 2);

        // As Python: a save of nothing still notifies, with no events.
        QVERIFY(app.save({}).empty());
        QCOMPARE(app.notified.size(), size_t(3));
        QVERIFY(app.notified[2].empty());
        QCOMPARE(app.recorder().maxNotificationId(), 6);
    }

    void badSettingsNameTheVariable()
    {
        Accounts app(
            {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.nosuch:Factory")}});
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
            QVERIFY2(e.message().contains(QStringLiteral("ACCOUNTS_COMPRESSOR_TOPIC")),
                     qPrintable(e.message()));
        }
        Accounts noKey({{QStringLiteral("CIPHER_TOPIC"), QStringLiteral("eventsourcing.cipher:AESCipher")}});
        try {
            noKey.initialise();
            QFAIL("no error");
        } catch (const es::ConfigurationError &e) {
            // Names both: the setting that asks for a cipher and the one that is missing.
            QVERIFY2(e.message().contains(QStringLiteral("CIPHER_KEY")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QStringLiteral("CIPHER_TOPIC")), qPrintable(e.message()));
        }
        Accounts prefixedNoKey(
            {{QStringLiteral("ACCOUNTS_CIPHER_TOPIC"), QStringLiteral("eventsourcing.cipher:AESCipher")}});
        try {
            prefixedNoKey.initialise();
            QFAIL("no error");
        } catch (const es::ConfigurationError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("ACCOUNTS_CIPHER_TOPIC")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QStringLiteral("CIPHER_KEY")), qPrintable(e.message()));
        }
        Accounts badKey({{QStringLiteral("CIPHER_TOPIC"), QStringLiteral("eventsourcing.cipher:AESCipher")},
                         {QStringLiteral("ACCOUNTS_CIPHER_KEY"), QStringLiteral("not a key")}});
        try {
            badKey.initialise();
            QFAIL("no error");
        } catch (const es::ConfigurationError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("ACCOUNTS_CIPHER_KEY")), qPrintable(e.message()));
        }
    }

    void encryptedAndCompressed_data() { backends(); }
    void encryptedAndCompressed()
    {
        if (!requireBackend())
            return;
        es::EnvMap env = environment();
        env.insert(QStringLiteral("CIPHER_TOPIC"), QStringLiteral("eventsourcing.cipher:AESCipher"));
        env.insert(QStringLiteral("CIPHER_KEY"), es::AESCipher::createKey(16));
        env.insert(QStringLiteral("COMPRESSOR_TOPIC"),
                   QStringLiteral("eventsourcing.compressor:ZlibCompressor"));
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
