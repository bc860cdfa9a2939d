// The PostgreSQL recorders' own behaviour, beyond the shared recorder contract: table names, the
// EXCLUSIVE lock of event inserts (and none for snapshots), lock timeouts, errors by SQLSTATE,
// atomic batches, and the settings and their error messages.
#include "pgsupport.h"

#include "es/errors.h"
#include "es/uuid.h"

#include <QElapsedTimer>
#include <QtTest>
#include <atomic>
#include <functional>
#include <thread>

using es::test::AdminConnection;
using es::test::ScratchDatabase;

namespace {

es::StoredEvent storedEvent(const QUuid &id, qint64 version,
                            const QString &topic = QStringLiteral("worldsystem:World.SomethingHappened"))
{
    return es::StoredEvent {
        id, version, topic,
        QStringLiteral("{\"what\": \"%1 %2\"}").arg(es::uuid::toHex(id)).arg(version).toUtf8()};
}

std::vector<qint64> versionsOf(const std::vector<es::StoredEvent> &events)
{
    std::vector<qint64> out;
    for (const auto &e : events)
        out.push_back(e.originatorVersion);
    return out;
}

// Runs f in a thread of its own; waits up to `ms` for it. The caller must then make sure f can
// finish (release what blocks it) and call join().
class Background
{
public:
    explicit Background(std::function<void()> f)
        : m_thread([this, f = std::move(f)] {
              try {
                  f();
              } catch (const std::exception &e) {
                  m_error = QString::fromUtf8(e.what());
              }
              m_done = true;
          })
    { }
    ~Background() { join(); }
    bool waitFor(int ms)
    {
        QElapsedTimer t;
        t.start();
        while (!m_done && t.elapsed() < ms)
            QThread::msleep(10);
        return m_done;
    }
    bool done() const { return m_done; }
    void join()
    {
        if (m_thread.joinable())
            m_thread.join();
    }
    QString error() const { return m_error; }

private:
    std::atomic<bool> m_done {false};
    QString m_error;
    std::thread m_thread;
};

// The table names in the public schema.
QStringList tablesOf(AdminConnection &admin)
{
    return admin.rows(
        QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"));
}

} // namespace

class TestPostgresRecorders : public QObject
{
    Q_OBJECT

private slots:
    void tablesAreNamedAfterTheApplication()
    {
        ES_REQUIRE_POSTGRES();
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        AdminConnection admin(db);
        QVERIFY2(admin.isOpen(), qPrintable(admin.error()));

        // No application name: Python's "stored" and "notification" prefixes.
        auto unnamed = es::test::postgresFactory(QString(), db);
        unnamed->processRecorder();
        unnamed->aggregateRecorder(QStringLiteral("snapshots"));
        QCOMPARE(tablesOf(admin),
                 (QStringList {QStringLiteral("notification_tracking"), QStringLiteral("stored_events"),
                               QStringLiteral("stored_snapshots")}));

        auto named = es::test::postgresFactory(QStringLiteral("BankAccounts"), db);
        named->applicationRecorder();
        named->aggregateRecorder(QStringLiteral("snapshots"));
        named->processRecorder();
        QCOMPARE(
            tablesOf(admin),
            (QStringList {QStringLiteral("bankaccounts_events"), QStringLiteral("bankaccounts_snapshots"),
                          QStringLiteral("bankaccounts_tracking"), QStringLiteral("notification_tracking"),
                          QStringLiteral("stored_events"), QStringLiteral("stored_snapshots")}));

        // Names go into SQL text: anything but an identifier is refused before any SQL is sent.
        QVERIFY_THROWS_EXCEPTION(
            es::ProgrammingError,
            es::test::postgresFactory(QStringLiteral("Bank; DROP TABLE x"), db)->applicationRecorder());
        QVERIFY_THROWS_EXCEPTION(es::ProgrammingError,
                                 named->aggregateRecorder(QStringLiteral("snap shots")));
        QCOMPARE(tablesOf(admin).size(), 6);
    }

    void createTableNoCreatesNothing()
    {
        ES_REQUIRE_POSTGRES();
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        AdminConnection admin(db);
        auto f = es::test::postgresFactory(QStringLiteral("Worlds"), db,
                                           {{QStringLiteral("CREATE_TABLE"), QStringLiteral("no")}});
        auto r = f->applicationRecorder();
        QVERIFY(tablesOf(admin).isEmpty());
        // The table is missing: SQLSTATE 42P01, a ProgrammingError (not retried).
        try {
            r->insertEvents({storedEvent(es::uuid::v4(), 1)});
            QFAIL("inserting into a missing table succeeded");
        } catch (const es::ProgrammingError &e) {
            QVERIFY2(e.message().contains(QLatin1String("42P01")), qPrintable(e.message()));
            QVERIFY2(e.message().contains(QLatin1String("worlds_events")), qPrintable(e.message()));
        }
        QVERIFY_THROWS_EXCEPTION(es::ProgrammingError, r->maxNotificationId());
    }

    void insertsAndSelects()
    {
        ES_REQUIRE_POSTGRES();
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        auto r = es::test::postgresFactory(QStringLiteral("Worlds"), db)->applicationRecorder();
        QCOMPARE(r->maxNotificationId(), qint64(0));
        QVERIFY(r->selectNotifications(1, 10).empty());

        const QUuid a = es::uuid::v4();
        const QUuid b = es::uuid::v4();
        std::vector<es::StoredEvent> batch;
        for (qint64 v = 1; v <= 10; ++v)
            batch.push_back(storedEvent(a, v));
        QCOMPARE(r->insertEvents(batch), (std::vector<qint64> {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));

        // Bytes as they are (every byte value, NUL included), non-ASCII topics, empty states.
        QByteArray binary;
        for (int i = 0; i < 256; ++i)
            binary.append(char(i));
        const es::StoredEvent odd {b, 1, QStringLiteral("wörld:Ünïcode.Ev\"ent'\\"), binary};
        const es::StoredEvent empty {b, 2, QStringLiteral("x:Empty"), QByteArray()};
        QCOMPARE(r->insertEvents({odd, empty}), (std::vector<qint64> {11, 12}));
        const auto back = r->selectEvents(b);
        QCOMPARE(back.size(), size_t(2));
        QCOMPARE(back[0].originatorId, b);
        QCOMPARE(back[0].topic, odd.topic);
        QCOMPARE(back[0].state, binary);
        QCOMPARE(back[1].state, QByteArray());
        QCOMPARE(r->maxNotificationId(), qint64(12));

        // Every combination of the filters, against the same filters applied here.
        for (std::optional<qint64> gt : {std::optional<qint64> {}, std::optional<qint64> {0},
                                         std::optional<qint64> {3}, std::optional<qint64> {10}}) {
            for (std::optional<qint64> lte : {std::optional<qint64> {}, std::optional<qint64> {0},
                                              std::optional<qint64> {7}, std::optional<qint64> {10}}) {
                for (bool desc : {false, true}) {
                    for (std::optional<qint64> limit :
                         {std::optional<qint64> {}, std::optional<qint64> {0}, std::optional<qint64> {1},
                          std::optional<qint64> {4}}) {
                        std::vector<qint64> expected;
                        for (qint64 v = 1; v <= 10; ++v)
                            if ((!gt || v > *gt) && (!lte || v <= *lte))
                                expected.push_back(v);
                        if (desc)
                            std::reverse(expected.begin(), expected.end());
                        if (limit && expected.size() > size_t(*limit))
                            expected.resize(size_t(*limit));
                        const auto got = r->selectEvents(a, gt, lte, desc, limit);
                        QCOMPARE(versionsOf(got), expected);
                        for (const auto &e : got)
                            QCOMPARE(e.state, storedEvent(a, e.originatorVersion).state);
                    }
                }
            }
        }
        QVERIFY(r->selectEvents(es::uuid::v4()).empty());

        // Notifications: start, limit, topics (with characters that need quoting in an array).
        const auto page = r->selectNotifications(4, 3);
        QCOMPARE(page.size(), size_t(3));
        QCOMPARE(page[0].id, qint64(4));
        QCOMPARE(page[0].originatorVersion, qint64(4));
        QCOMPARE(page[2].id, qint64(6));
        QCOMPARE(r->selectNotifications(12, 100).size(), size_t(1));
        QVERIFY(r->selectNotifications(1, 0).empty());
        const auto quoted = r->selectNotifications(1, 100, {odd.topic});
        QCOMPARE(quoted.size(), size_t(1));
        QCOMPARE(quoted[0].id, qint64(11));
        QCOMPARE(quoted[0].state, binary);
        QCOMPARE(r->selectNotifications(1, 100, {odd.topic, empty.topic}).size(), size_t(2));

        // A batch larger than one INSERT statement takes (several statements, one transaction):
        // ids increase in the order of the events, and each id is its event's.
        std::vector<es::StoredEvent> big;
        const QUuid c = es::uuid::v4();
        for (qint64 v = 1; v <= 250; ++v)
            big.push_back(storedEvent(v % 2 ? c : es::uuid::v4(), v % 2 ? (v + 1) / 2 : 1));
        const auto ids = r->insertEvents(big);
        QCOMPARE(ids.size(), big.size());
        for (size_t i = 0; i < ids.size(); ++i)
            QCOMPARE(ids[i], qint64(13 + i));
        const auto log = r->selectNotifications(13, 1000);
        QCOMPARE(log.size(), big.size());
        for (size_t i = 0; i < log.size(); ++i) {
            QCOMPARE(log[i].originatorId, big[i].originatorId);
            QCOMPARE(log[i].originatorVersion, big[i].originatorVersion);
            QCOMPARE(log[i].state, big[i].state);
        }
        QCOMPARE(r->selectEvents(c).size(), size_t(125));
        // A conflict in the last statement of a big batch undoes the first ones too.
        std::vector<es::StoredEvent> doomed;
        for (int i = 0; i < 150; ++i)
            doomed.push_back(storedEvent(es::uuid::v4(), 1));
        doomed.push_back(storedEvent(c, 1));
        QVERIFY_THROWS_EXCEPTION(es::IntegrityError, r->insertEvents(doomed));
        QVERIFY(r->selectEvents(doomed.front().originatorId).empty());
        QCOMPARE(r->maxNotificationId(), qint64(262));
    }

    void aConflictWritesNothingOfTheBatch()
    {
        ES_REQUIRE_POSTGRES();
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        auto f = es::test::postgresFactory(QStringLiteral("Worlds"), db);
        auto r = f->applicationRecorder();
        auto snapshots = f->aggregateRecorder(QStringLiteral("snapshots"));
        const QUuid a = es::uuid::v4();
        QCOMPARE(r->insertEvents({storedEvent(a, 1)}), std::vector<qint64> {1});

        // A version that exists, after a new one in the same batch.
        const QUuid b = es::uuid::v4();
        try {
            r->insertEvents({storedEvent(b, 1), storedEvent(a, 2), storedEvent(a, 1)});
            QFAIL("a duplicate version was recorded");
        } catch (const es::IntegrityError &e) {
            QVERIFY2(e.message().contains(QLatin1String("23505")), qPrintable(e.message()));
        }
        QVERIFY(r->selectEvents(b).empty());
        QCOMPARE(r->selectEvents(a).size(), size_t(1));
        QCOMPARE(r->maxNotificationId(), qint64(1));

        // Twice the same version within one batch.
        const QUuid c = es::uuid::v4();
        QVERIFY_THROWS_EXCEPTION(es::IntegrityError, r->insertEvents({storedEvent(c, 1), storedEvent(c, 1)}));
        QVERIFY(r->selectEvents(c).empty());
        QCOMPARE(r->selectNotifications(1, 100).size(), size_t(1));

        // The recorder (and its connection) is fine afterwards; ids go on increasing.
        const auto ids = r->insertEvents({storedEvent(b, 1), storedEvent(c, 1)});
        QCOMPARE(ids.size(), size_t(2));
        QVERIFY(ids[0] > 1 && ids[1] == ids[0] + 1);

        // Snapshots: the same key, the same error.
        QVERIFY(snapshots->insertEvents({storedEvent(a, 1, QStringLiteral("eventsourcing.domain:Snapshot"))})
                    .empty());
        QVERIFY_THROWS_EXCEPTION(
            es::IntegrityError,
            snapshots->insertEvents({storedEvent(a, 5, QStringLiteral("eventsourcing.domain:Snapshot")),
                                     storedEvent(a, 1, QStringLiteral("eventsourcing.domain:Snapshot"))}));
        QCOMPARE(versionsOf(snapshots->selectEvents(a)), std::vector<qint64> {1});
    }

    void trackingIsRecordedWithTheEvents()
    {
        ES_REQUIRE_POSTGRES();
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        auto f = es::test::postgresFactory(QStringLiteral("Counters"), db);
        auto r = f->processRecorder();
        const QString upstream = QStringLiteral("WorldsApplication");
        QCOMPARE(r->maxTrackingId(upstream), qint64(0));

        const es::Tracking t1 {upstream, 1};
        QCOMPARE(r->insertEvents({storedEvent(es::uuid::v4(), 1)}, &t1), std::vector<qint64> {1});
        QCOMPARE(r->maxTrackingId(upstream), qint64(1));

        // A process event with no new events still records its position.
        const es::Tracking t2 {upstream, 2};
        QVERIFY(r->insertEvents({}, &t2).empty());
        QCOMPARE(r->maxTrackingId(upstream), qint64(2));

        // The same position again: IntegrityError, and the batch's events are not written.
        const QUuid x = es::uuid::v4();
        QVERIFY_THROWS_EXCEPTION(es::IntegrityError, r->insertEvents({storedEvent(x, 1)}, &t2));
        QVERIFY(r->selectEvents(x).empty());
        QCOMPARE(r->maxNotificationId(), qint64(1));

        // Positions are per upstream application.
        const es::Tracking other {QStringLiteral("Other"), 7};
        r->insertEvents({storedEvent(x, 1)}, &other);
        QCOMPARE(r->maxTrackingId(QStringLiteral("Other")), qint64(7));
        QCOMPARE(r->maxTrackingId(upstream), qint64(2));

        // An application recorder has no tracking table.
        auto app = es::test::postgresFactory(QStringLiteral("Worlds"), db)->applicationRecorder();
        QVERIFY_THROWS_EXCEPTION(es::ProgrammingError,
                                 app->insertEvents({storedEvent(es::uuid::v4(), 1)}, &t1));
        QCOMPARE(app->maxNotificationId(), qint64(0));
    }

    // Event inserts take LOCK TABLE ... IN EXCLUSIVE MODE: a ROW SHARE lock held elsewhere (which
    // conflicts with EXCLUSIVE and not with the ROW EXCLUSIVE lock of a plain INSERT) makes the
    // writer wait, and pg_locks shows what it waits for. Readers are never blocked by it.
    void eventInsertsTakeTheExclusiveLock()
    {
        ES_REQUIRE_POSTGRES();
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        auto r = es::test::postgresFactory(QStringLiteral("Worlds"), db)->applicationRecorder();
        QCOMPARE(r->insertEvents({storedEvent(es::uuid::v4(), 1)}), std::vector<qint64> {1});

        AdminConnection holder(db);
        AdminConnection watcher(db);
        QVERIFY2(holder.exec(QStringLiteral("BEGIN")), qPrintable(holder.error()));
        QVERIFY2(holder.exec(QStringLiteral("LOCK TABLE worlds_events IN ROW SHARE MODE")),
                 qPrintable(holder.error()));

        std::vector<qint64> ids;
        Background writer([&] {
            ids = r->insertEvents({storedEvent(es::uuid::v4(), 1), storedEvent(es::uuid::v4(), 1)});
        });
        QString waitingFor;
        QElapsedTimer timer;
        timer.start();
        while (waitingFor.isEmpty() && timer.elapsed() < 10000) {
            waitingFor = watcher.value(QStringLiteral(
                "SELECT mode FROM pg_locks WHERE relation = 'worlds_events'::regclass AND NOT granted"));
            QThread::msleep(10);
        }
        const bool finishedEarly = writer.done();
        QVERIFY(holder.exec(QStringLiteral("COMMIT")));
        writer.join();
        QCOMPARE(waitingFor, QStringLiteral("ExclusiveLock"));
        QVERIFY(!finishedEarly);
        QVERIFY2(writer.error().isEmpty(), qPrintable(writer.error()));
        QCOMPARE(ids, (std::vector<qint64> {2, 3}));

        // While a writer holds EXCLUSIVE, reads go on.
        QVERIFY(holder.exec(QStringLiteral("BEGIN")));
        QVERIFY(holder.exec(QStringLiteral("LOCK TABLE worlds_events IN EXCLUSIVE MODE")));
        size_t read = 0;
        qint64 max = 0;
        Background reader([&] {
            read = r->selectNotifications(1, 100).size();
            max = r->maxNotificationId();
        });
        const bool readWhileLocked = reader.waitFor(10000);
        QVERIFY(holder.exec(QStringLiteral("COMMIT")));
        reader.join();
        QVERIFY(readWhileLocked);
        QVERIFY2(reader.error().isEmpty(), qPrintable(reader.error()));
        QCOMPARE(read, size_t(3));
        QCOMPARE(max, qint64(3));
    }

    void snapshotInsertsDoNotTakeTheLock()
    {
        ES_REQUIRE_POSTGRES();
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        auto snapshots = es::test::postgresFactory(QStringLiteral("Worlds"), db)
                             ->aggregateRecorder(QStringLiteral("snapshots"));
        AdminConnection holder(db);
        QVERIFY(holder.exec(QStringLiteral("BEGIN")));
        QVERIFY2(holder.exec(QStringLiteral("LOCK TABLE worlds_snapshots IN ROW SHARE MODE")),
                 qPrintable(holder.error()));
        const QUuid a = es::uuid::v4();
        Background writer([&] {
            snapshots->insertEvents({storedEvent(a, 3, QStringLiteral("eventsourcing.domain:Snapshot"))});
        });
        const bool writtenWhileLocked = writer.waitFor(10000);
        QVERIFY(holder.exec(QStringLiteral("COMMIT")));
        writer.join();
        QVERIFY(writtenWhileLocked);
        QVERIFY2(writer.error().isEmpty(), qPrintable(writer.error()));
        QCOMPARE(versionsOf(snapshots->selectEvents(a)), std::vector<qint64> {3});
    }

    void lockTimeoutGivesOperationalError()
    {
        ES_REQUIRE_POSTGRES();
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        // The prefixed variable wins over the plain one.
        auto r = es::test::postgresFactory(
                     QStringLiteral("Worlds"), db,
                     {{QStringLiteral("WORLDS_POSTGRES_LOCK_TIMEOUT"), QStringLiteral("1")},
                      {QStringLiteral("POSTGRES_LOCK_TIMEOUT"), QStringLiteral("30")}})
                     ->applicationRecorder();
        AdminConnection holder(db);
        QVERIFY(holder.exec(QStringLiteral("BEGIN")));
        QVERIFY(holder.exec(QStringLiteral("LOCK TABLE worlds_events IN ROW SHARE MODE")));
        const QUuid a = es::uuid::v4();
        QElapsedTimer timer;
        timer.start();
        try {
            r->insertEvents({storedEvent(a, 1)});
            QFAIL("the insert did not wait for the lock");
        } catch (const es::OperationalError &e) {
            QVERIFY2(e.message().contains(QLatin1String("55P03")), qPrintable(e.message()));
        }
        const qint64 waited = timer.elapsed();
        QVERIFY(holder.exec(QStringLiteral("COMMIT")));
        QVERIFY2(waited >= 900 && waited < 10000, qPrintable(QString::number(waited)));
        QVERIFY(r->selectEvents(a).empty());
        // Once the lock is free, the same recorder writes.
        QCOMPARE(r->insertEvents({storedEvent(a, 1)}).size(), size_t(1));
    }

    void settingsErrorsNameTheirVariables_data()
    {
        QTest::addColumn<QString>("remove");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        const QString none;
        QTest::newRow("no dbname") << "POSTGRES_DBNAME" << none << none
                                   << "'WORLDS_POSTGRES_DBNAME' or 'POSTGRES_DBNAME'";
        QTest::newRow("no host") << "POSTGRES_HOST" << none << none
                                 << "'WORLDS_POSTGRES_HOST' or 'POSTGRES_HOST'";
        QTest::newRow("no user") << "POSTGRES_USER" << none << none
                                 << "'WORLDS_POSTGRES_USER' or 'POSTGRES_USER'";
        QTest::newRow("no password") << "POSTGRES_PASSWORD" << none << none
                                     << "'WORLDS_POSTGRES_PASSWORD' or 'POSTGRES_PASSWORD'";
        QTest::newRow("port") << none << "POSTGRES_PORT"
                              << "fivefourthreetwo"
                              << "POSTGRES_PORT='fivefourthreetwo'";
        QTest::newRow("prefixed port") << none << "WORLDS_POSTGRES_PORT"
                                       << "70000"
                                       << "WORLDS_POSTGRES_PORT='70000'";
        QTest::newRow("connect timeout") << none << "POSTGRES_CONNECT_TIMEOUT"
                                         << "soon"
                                         << "POSTGRES_CONNECT_TIMEOUT='soon'";
        QTest::newRow("conn max age") << none << "POSTGRES_CONN_MAX_AGE"
                                      << "old"
                                      << "POSTGRES_CONN_MAX_AGE='old'";
        QTest::newRow("pre ping") << none << "WORLDS_POSTGRES_PRE_PING"
                                  << "maybe"
                                  << "WORLDS_POSTGRES_PRE_PING='maybe'";
        QTest::newRow("lock timeout") << none << "POSTGRES_LOCK_TIMEOUT"
                                      << "1.5"
                                      << "POSTGRES_LOCK_TIMEOUT='1.5'";
        QTest::newRow("negative lock timeout") << none << "POSTGRES_LOCK_TIMEOUT"
                                               << "-1"
                                               << "POSTGRES_LOCK_TIMEOUT='-1'";
        QTest::newRow("idle timeout") << none << "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT"
                                      << "ten"
                                      << "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT='ten'";
        QTest::newRow("create table") << none << "CREATE_TABLE"
                                      << "perhaps"
                                      << "CREATE_TABLE='perhaps'";
    }

    // No server needed: settings are checked when the factory is made, before any connection.
    void settingsErrorsNameTheirVariables()
    {
        QFETCH(QString, remove);
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        QMap<QString, QString> vars {
            {QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.postgres:Factory")},
            {QStringLiteral("POSTGRES_DBNAME"), QStringLiteral("eventsourcing")},
            {QStringLiteral("POSTGRES_HOST"), QStringLiteral("127.0.0.1")},
            {QStringLiteral("POSTGRES_USER"), QStringLiteral("eventsourcing")},
            {QStringLiteral("POSTGRES_PASSWORD"), QStringLiteral("eventsourcing")}};
        // Valid values of the optional ones are accepted, empty ones mean the default.
        vars.insert(QStringLiteral("POSTGRES_PORT"), QStringLiteral("5432"));
        vars.insert(QStringLiteral("POSTGRES_CONN_MAX_AGE"), QStringLiteral("0.5"));
        vars.insert(QStringLiteral("POSTGRES_LOCK_TIMEOUT"), QString());
        QVERIFY(es::InfrastructureFactory::construct(es::Environment(QStringLiteral("Worlds"), vars))
                != nullptr);

        if (!remove.isEmpty())
            vars.remove(remove);
        if (!variable.isEmpty())
            vars.insert(variable, value);
        try {
            es::InfrastructureFactory::construct(es::Environment(QStringLiteral("Worlds"), vars));
            QFAIL("the factory accepted the settings");
        } catch (const es::ConfigurationError &e) {
            QVERIFY2(e.message().contains(expected), qPrintable(e.message()));
        }
    }

    void unreachableDatabasesFailAtOnce()
    {
        ES_REQUIRE_POSTGRES();
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        // A wrong password and a missing database: OperationalError naming the database, without
        // the ten attempts a lost connection gets (those take at least 1.8 s).
        for (QMap<QString, QString> extra :
             {QMap<QString, QString> {{QStringLiteral("POSTGRES_PASSWORD"), QStringLiteral("wrong")}},
              QMap<QString, QString> {
                  {QStringLiteral("POSTGRES_DBNAME"), QStringLiteral("es_no_such_db")}}}) {
            extra.insert(QStringLiteral("CREATE_TABLE"), QStringLiteral("no"));
            auto f = es::test::postgresFactory(QStringLiteral("Worlds"), db, extra);
            auto r = f->applicationRecorder();
            QElapsedTimer timer;
            timer.start();
            try {
                r->maxNotificationId();
                QFAIL("connected with bad settings");
            } catch (const es::OperationalError &e) {
                const QString dbname = extra.value(QStringLiteral("POSTGRES_DBNAME"), db.name());
                QVERIFY2(e.message().contains(dbname), qPrintable(e.message()));
            }
            QVERIFY2(timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
        }
    }
};

QTEST_GUILESS_MAIN(TestPostgresRecorders)
#include "tst_postgres_recorders.moc"
