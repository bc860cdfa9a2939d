// The PostgreSQL recorders when connections go: a backend terminated by the server, a connection cut
// in the middle of a transaction, a COMMIT whose answer is lost (the write happened; it must not
// happen twice), a server that stays away (ten attempts, 0.2 s apart, then the error), and the
// connection settings CONN_MAX_AGE, PRE_PING and IDLE_IN_TRANSACTION_SESSION_TIMEOUT as they show
// on the wire.
#include "pgproxy.h"
#include "pgsupport.h"

#include "es/errors.h"
#include "es/uuid.h"

#include <QElapsedTimer>
#include <QtTest>
#include <atomic>
#include <thread>

using es::test::AdminConnection;
using es::test::PgProxy;
using es::test::ScratchDatabase;

namespace {

es::StoredEvent storedEvent(const QUuid &id, qint64 version,
                            const QString &topic = QStringLiteral("worldsystem:World.SomethingHappened"))
{
    return es::StoredEvent {id, version, topic, QStringLiteral("{\"n\": %1}").arg(version).toUtf8()};
}

std::vector<es::StoredEvent> batchOf(int n, std::vector<QUuid> *ids = nullptr)
{
    std::vector<es::StoredEvent> out;
    for (int i = 0; i < n; ++i) {
        const QUuid id = es::uuid::v4();
        if (ids)
            ids->push_back(id);
        out.push_back(storedEvent(id, 1));
    }
    return out;
}

// Variables that send the recorders through the proxy.
QMap<QString, QString> throughProxy(const PgProxy &proxy, QMap<QString, QString> extra = {})
{
    extra.insert(QStringLiteral("POSTGRES_HOST"), QStringLiteral("127.0.0.1"));
    extra.insert(QStringLiteral("POSTGRES_PORT"), QString::number(proxy.port()));
    return extra;
}

qint64 countOf(AdminConnection &admin, const QString &table)
{
    return admin.value(QStringLiteral("SELECT count(*) FROM %1").arg(table)).toLongLong();
}

// The notification ids stored for these originators (version 1), in their order.
std::vector<qint64> storedIds(AdminConnection &admin, const QString &table,
                              const std::vector<QUuid> &originators)
{
    std::vector<qint64> out;
    for (const QUuid &id : originators) {
        const QStringList r
            = admin.rows(QStringLiteral("SELECT notification_id FROM %1 WHERE originator_id = '%2'")
                             .arg(table, es::uuid::toDashed(id)));
        out.push_back(r.size() == 1 ? r.first().toLongLong() : -qint64(r.size()));
    }
    return out;
}

bool anyContains(const QStringList &queries, const QString &text)
{
    for (const QString &q : queries)
        if (q.contains(text))
            return true;
    return false;
}

} // namespace

class TestPostgresReliability : public QObject
{
    Q_OBJECT

private slots:
    void init() { ES_REQUIRE_POSTGRES(); }

    // The server terminates the recorder's backend between calls: the next call of every kind
    // finds the connection dead, retries on a fresh one, and succeeds; nothing is written twice.
    void terminatedBackendsAreReplaced()
    {
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        auto r = es::test::postgresFactory(QStringLiteral("Counters"), db)->processRecorder();
        AdminConnection admin(db);
        QVERIFY2(admin.isOpen(), qPrintable(admin.error()));

        QCOMPARE(r->insertEvents(batchOf(3)), (std::vector<qint64> {1, 2, 3}));
        QCOMPARE(admin.terminateOthers(), 1);
        std::vector<QUuid> second;
        const es::Tracking tracking {QStringLiteral("WorldsApplication"), 1};
        QCOMPARE(r->insertEvents(batchOf(3, &second), &tracking), (std::vector<qint64> {4, 5, 6}));
        QCOMPARE(storedIds(admin, QStringLiteral("counters_events"), second),
                 (std::vector<qint64> {4, 5, 6}));

        QCOMPARE(admin.terminateOthers(), 1);
        QCOMPARE(r->selectNotifications(1, 100).size(), size_t(6));
        QCOMPARE(admin.terminateOthers(), 1);
        QCOMPARE(r->maxNotificationId(), qint64(6));
        QCOMPARE(admin.terminateOthers(), 1);
        QCOMPARE(r->maxTrackingId(QStringLiteral("WorldsApplication")), qint64(1));
        QCOMPARE(admin.terminateOthers(), 1);
        QCOMPARE(r->selectEvents(second[1]).size(), size_t(1));

        QCOMPARE(countOf(admin, QStringLiteral("counters_events")), qint64(6));
        QCOMPARE(countOf(admin, QStringLiteral("counters_tracking")), qint64(1));
    }

    // A writer waiting for the EXCLUSIVE lock loses its backend: its transaction dies with it, the
    // retry waits for the lock again on a new connection, and the batch is written once.
    void terminatedWhileWaitingForTheLock()
    {
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        auto r = es::test::postgresFactory(QStringLiteral("Worlds"), db)->applicationRecorder();
        QCOMPARE(r->insertEvents(batchOf(1)).size(), size_t(1));

        AdminConnection holder(db);
        AdminConnection admin(db);
        QVERIFY(holder.exec(QStringLiteral("BEGIN")));
        QVERIFY(holder.exec(QStringLiteral("LOCK TABLE worlds_events IN ROW SHARE MODE")));

        std::vector<QUuid> originators;
        const auto batch = batchOf(4, &originators);
        std::vector<qint64> ids;
        QString error;
        std::atomic<bool> done {false};
        std::thread writer([&] {
            try {
                ids = r->insertEvents(batch);
            } catch (const std::exception &e) {
                error = QString::fromUtf8(e.what());
            }
            done = true;
        });
        const QString waiting
            = QStringLiteral("SELECT pid FROM pg_locks WHERE relation = 'worlds_events'::regclass AND mode = "
                             "'ExclusiveLock' AND NOT granted");
        auto waitForWaiter = [&](const QString &notPid) {
            QElapsedTimer timer;
            timer.start();
            while (timer.elapsed() < 10000) {
                const QString pid = admin.value(waiting);
                if (!pid.isEmpty() && pid != notPid)
                    return pid;
                QThread::msleep(10);
            }
            return QString();
        };
        const QString first = waitForWaiter(QString());
        bool terminated = false;
        if (!first.isEmpty())
            terminated = admin.value(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(first))
                == QLatin1String("true");
        const QString second = terminated ? waitForWaiter(first) : QString();
        const bool doneEarly = done;
        QVERIFY(holder.exec(QStringLiteral("COMMIT")));
        writer.join();

        QVERIFY2(!first.isEmpty(), "the writer never waited for the lock");
        QVERIFY(terminated);
        QVERIFY2(!second.isEmpty(), "the writer did not come back on a new connection");
        QVERIFY(!doneEarly);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(ids.size(), size_t(4));
        QCOMPARE(storedIds(admin, QStringLiteral("worlds_events"), originators), ids);
        QCOMPARE(countOf(admin, QStringLiteral("worlds_events")), qint64(5));
    }

    // The server commits, and the answer is lost on the way back. The retry asks the server what
    // became of the transaction, finds it committed, and returns the ids it gave: no second write,
    // and no IntegrityError for a write that succeeded.
    void commitAnswerLostAfterTheServerCommitted()
    {
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        PgProxy proxy(db.params().host, db.params().port);
        QVERIFY(proxy.port() > 0);
        auto f = es::test::postgresFactory(QStringLiteral("Counters"), db, throughProxy(proxy));
        auto r = f->processRecorder();
        QCOMPARE(r->insertEvents(batchOf(1)), std::vector<qint64> {1});
        QCOMPARE(proxy.connections(), 1);

        proxy.cutOnQuery(QStringLiteral("COMMIT"), PgProxy::Cut::AfterServerGotIt);
        std::vector<QUuid> originators;
        const es::Tracking tracking {QStringLiteral("WorldsApplication"), 9};
        const auto ids = r->insertEvents(batchOf(3, &originators), &tracking);
        QVERIFY(proxy.cutDone());
        QCOMPARE(proxy.connections(), 2);
        QVERIFY(anyContains(proxy.queries(), QStringLiteral("txid_status")));
        QCOMPARE(ids, (std::vector<qint64> {2, 3, 4}));

        AdminConnection admin(db);
        QCOMPARE(storedIds(admin, QStringLiteral("counters_events"), originators), ids);
        QCOMPARE(countOf(admin, QStringLiteral("counters_events")), qint64(4));
        QCOMPARE(r->maxTrackingId(QStringLiteral("WorldsApplication")), qint64(9));
        QCOMPARE(countOf(admin, QStringLiteral("counters_tracking")), qint64(1));

        // Snapshots take the same care.
        auto snapshots = f->aggregateRecorder(QStringLiteral("snapshots"));
        const QUuid a = es::uuid::v4();
        proxy.cutOnQuery(QStringLiteral("COMMIT"), PgProxy::Cut::AfterServerGotIt);
        QVERIFY(snapshots->insertEvents({storedEvent(a, 1, QStringLiteral("eventsourcing.domain:Snapshot"))})
                    .empty());
        QVERIFY(proxy.cutDone());
        QCOMPARE(snapshots->selectEvents(a).size(), size_t(1));
        QCOMPARE(countOf(admin, QStringLiteral("counters_snapshots")), qint64(1));
    }

    // The COMMIT never reaches the server (or an INSERT does not): the transaction dies with the
    // connection, and the retry writes the batch, once.
    void connectionLostBeforeTheCommit_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::newRow("COMMIT dropped") << QStringLiteral("COMMIT");
        QTest::newRow("INSERT dropped") << QStringLiteral("EXECUTE");
        QTest::newRow("BEGIN and LOCK dropped") << QStringLiteral("BEGIN");
    }

    void connectionLostBeforeTheCommit()
    {
        QFETCH(QString, prefix);
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        PgProxy proxy(db.params().host, db.params().port);
        auto r = es::test::postgresFactory(QStringLiteral("Worlds"), db, throughProxy(proxy))
                     ->applicationRecorder();
        QCOMPARE(r->insertEvents(batchOf(2)), (std::vector<qint64> {1, 2}));

        proxy.cutOnQuery(prefix, PgProxy::Cut::DropQuery);
        std::vector<QUuid> originators;
        const auto ids = r->insertEvents(batchOf(3, &originators));
        QVERIFY(proxy.cutDone());
        QCOMPARE(proxy.connections(), 2);
        QCOMPARE(ids.size(), size_t(3));
        QVERIFY(ids[0] > 2 && ids[1] == ids[0] + 1 && ids[2] == ids[1] + 1);
        AdminConnection admin(db);
        QCOMPARE(storedIds(admin, QStringLiteral("worlds_events"), originators), ids);
        QCOMPARE(countOf(admin, QStringLiteral("worlds_events")), qint64(5));
        QCOMPARE(r->selectNotifications(1, 100).size(), size_t(5));
    }

    // A server that stays away: the first attempt finds the connection dead, nine more try to
    // reconnect, 0.2 s apart, then the error comes. When the server is back, so is the recorder.
    void givesUpAfterTenAttempts_data()
    {
        QTest::addColumn<bool>("prePing");
        QTest::addColumn<int>("expectedReconnects");
        // Without pre-ping, attempt 1 runs the statement on the dead connection and attempts 2 to 10
        // try to reconnect; with it, the ping finds the connection dead and all ten try.
        QTest::newRow("statement finds it dead") << false << 9;
        QTest::newRow("pre-ping finds it dead") << true << 10;
    }

    void givesUpAfterTenAttempts()
    {
        QFETCH(bool, prePing);
        QFETCH(int, expectedReconnects);
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        PgProxy proxy(db.params().host, db.params().port);
        auto r
            = es::test::postgresFactory(QStringLiteral("Worlds"), db,
                                        throughProxy(proxy,
                                                     {{QStringLiteral("POSTGRES_PRE_PING"),
                                                       prePing ? QStringLiteral("y") : QStringLiteral("n")}}))
                  ->applicationRecorder();
        QCOMPARE(r->maxNotificationId(), qint64(0));
        const int before = proxy.connections();

        proxy.setRefuse(true);
        proxy.cutAll();
        QElapsedTimer timer;
        timer.start();
        try {
            r->maxNotificationId();
            QFAIL("a call succeeded without a server");
        } catch (const es::OperationalError &e) {
            // The last attempt's error: it could not connect.
            QVERIFY2(e.message().contains(QLatin1String("cannot connect")), qPrintable(e.message()));
        }
        const qint64 elapsed = timer.elapsed();
        const int reconnects = proxy.connections() - before;
        QVERIFY2(elapsed >= 9 * 200 - 50 && elapsed < 9 * 200 + 5000, qPrintable(QString::number(elapsed)));
        QCOMPARE(reconnects, expectedReconnects);

        proxy.setRefuse(false);
        QCOMPARE(r->insertEvents(batchOf(1)), std::vector<qint64> {1});
    }

    // POSTGRES_CONNECT_TIMEOUT: a server that accepts and never answers is given up on after it,
    // with an OperationalError (not retried: nothing was lost, nothing was there).
    void connectTimeoutBoundsTheWaitForAServer()
    {
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        PgProxy proxy(db.params().host, db.params().port);
        proxy.setSilent(true);
        auto f = es::test::postgresFactory(
            QStringLiteral("Worlds"), db,
            throughProxy(proxy,
                         {{QStringLiteral("POSTGRES_CONNECT_TIMEOUT"), QStringLiteral("2")},
                          {QStringLiteral("CREATE_TABLE"), QStringLiteral("no")}}));
        auto r = f->applicationRecorder();
        QElapsedTimer timer;
        timer.start();
        QVERIFY_THROWS_EXCEPTION(es::OperationalError, r->maxNotificationId());
        const qint64 waited = timer.elapsed();
        // 2 s, not the default 5 s.
        QVERIFY2(waited >= 1500 && waited < 4500, qPrintable(QString::number(waited)));
        QCOMPARE(proxy.connections(), 1);
    }

    // POSTGRES_CONN_MAX_AGE: a connection older than that is replaced before use (0: every time).
    void connMaxAgeReplacesOldConnections()
    {
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        PgProxy proxy(db.params().host, db.params().port);
        auto young = es::test::postgresFactory(QStringLiteral("Worlds"), db, throughProxy(proxy))
                         ->applicationRecorder();
        for (int i = 0; i < 3; ++i)
            young->maxNotificationId();
        QCOMPARE(proxy.connections(), 1);

        auto old = es::test::postgresFactory(
                       QStringLiteral("Worlds"), db,
                       throughProxy(proxy, {{QStringLiteral("POSTGRES_CONN_MAX_AGE"), QStringLiteral("0")}}))
                       ->applicationRecorder(); // opens one to create the tables
        const int start = proxy.connections();
        for (int i = 0; i < 3; ++i)
            old->maxNotificationId();
        QCOMPARE(proxy.connections(), start + 3);

        auto aged
            = es::test::postgresFactory(
                  QStringLiteral("Worlds"), db,
                  throughProxy(proxy, {{QStringLiteral("POSTGRES_CONN_MAX_AGE"), QStringLiteral("0.3")}}))
                  ->applicationRecorder();
        const int before = proxy.connections();
        aged->maxNotificationId();
        QCOMPARE(proxy.connections(), before);
        QThread::msleep(400);
        aged->maxNotificationId();
        QCOMPARE(proxy.connections(), before + 1);
    }

    // POSTGRES_PRE_PING: a connection is checked before use, and a dead one replaced.
    void prePingChecksConnectionsBeforeUse()
    {
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        PgProxy proxy(db.params().host, db.params().port);
        auto plain = es::test::postgresFactory(QStringLiteral("Worlds"), db, throughProxy(proxy))
                         ->applicationRecorder();
        proxy.clearQueries();
        plain->maxNotificationId();
        QVERIFY(!proxy.queries().contains(QStringLiteral("SELECT 1")));

        auto pinged = es::test::postgresFactory(
                          QStringLiteral("Worlds"), db,
                          throughProxy(proxy, {{QStringLiteral("POSTGRES_PRE_PING"), QStringLiteral("yes")}}))
                          ->applicationRecorder();
        proxy.clearQueries();
        pinged->maxNotificationId();
        const QStringList queries = proxy.queries();
        QVERIFY2(queries.size() >= 2 && queries.first() == QLatin1String("SELECT 1"),
                 qPrintable(queries.join(u'\n')));

        proxy.cutAll();
        const int before = proxy.connections();
        QCOMPARE(pinged->insertEvents(batchOf(2)), (std::vector<qint64> {1, 2}));
        QCOMPARE(proxy.connections(), before + 1);
    }

    // What goes over the wire is what Python sends: the session's idle-in-transaction timeout; for
    // events BEGIN, SET LOCAL lock_timeout and LOCK TABLE ... IN EXCLUSIVE MODE; for snapshots no lock.
    void statementsOnTheWire()
    {
        ScratchDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        PgProxy proxy(db.params().host, db.params().port);
        auto f = es::test::postgresFactory(
            QStringLiteral("Worlds"), db,
            throughProxy(
                proxy,
                {{QStringLiteral("POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT"), QStringLiteral("7")},
                 {QStringLiteral("POSTGRES_LOCK_TIMEOUT"), QStringLiteral("3")}}));
        auto r = f->applicationRecorder();
        auto snapshots = f->aggregateRecorder(QStringLiteral("snapshots"));
        QVERIFY2(
            anyContains(proxy.queries(), QStringLiteral("SET idle_in_transaction_session_timeout = '7s'")),
            qPrintable(proxy.queries().join(u'\n')));

        r->insertEvents(batchOf(2)); // prepares the statement (once per connection)
        proxy.clearQueries();
        r->insertEvents(batchOf(2));
        QStringList queries = proxy.queries();
        QVERIFY2(queries.contains(QStringLiteral(
                     "BEGIN; SET LOCAL lock_timeout = '3s'; LOCK TABLE worlds_events IN EXCLUSIVE MODE")),
                 qPrintable(queries.join(u'\n')));
        // One INSERT for the batch: a round trip for BEGIN and the lock, one for the rows, one to commit.
        const QStringList inserts = queries.filter(QStringLiteral("EXECUTE"));
        QCOMPARE(inserts.size(), 1);
        // Natively bound (binary values), or through QPSQL's EXECUTE of text values.
        const bool native = qEnvironmentVariable("ES_PG_NATIVE") != QLatin1String("0");
        QVERIFY2(inserts.first().startsWith(native ? QStringLiteral("EXECUTE es_") : QStringLiteral("EXECUTE qpsqlpstmt")),
                 qPrintable(inserts.first()));
        QVERIFY2(!native || inserts.first().contains(QStringLiteral(": INSERT INTO worlds_events ")), qPrintable(inserts.first()));
        QCOMPARE(queries.size(), 3);
        QCOMPARE(queries.last(), QStringLiteral("COMMIT"));

        proxy.clearQueries();
        snapshots->insertEvents(
            {storedEvent(es::uuid::v4(), 1, QStringLiteral("eventsourcing.domain:Snapshot"))});
        queries = proxy.queries();
        QVERIFY2(queries.contains(QStringLiteral("BEGIN")), qPrintable(queries.join(u'\n')));
        QVERIFY2(!anyContains(queries, QStringLiteral("LOCK")), qPrintable(queries.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestPostgresReliability)
#include "tst_postgres_reliability.moc"
