// Issue 6: the worlds/counters system on both runners and every backend, followers stopped and
// restarted mid-stream, failing policies, and the multi-threaded runner under load; at-most-once
// processing, a processor in the middle of a pipe, get<>() errors, and what stop() leaves behind.
#include "systembackends.h"
#include "worlds/worlds.h"

#include <QDir>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>
#include <map>
#include <thread>

using namespace std::chrono_literals;

namespace {

const QStringList Things{QStringLiteral("dinosaurs"), QStringLiteral("trucks"), QStringLiteral("internet"),
                         QStringLiteral("rain"), QStringLiteral("music")};
const QStringList SystemApps{QStringLiteral("WorldsApplication"), QStringLiteral("Counters")};

// Counts the Counter.Incremented events Counters recorded, and checks its tracking is dense.
qint64 incrementedEvents(worlds::Counters &counters)
{
    qint64 n = 0;
    es::NotificationLogReader reader(counters.logPtr());
    reader.select(1, [&](const std::vector<es::Notification> &page) {
        n += static_cast<qint64>(page.size());
        return true;
    }, {QStringLiteral("worldsystem:Counter.Incremented")});
    return n;
}

// A process application whose policy fails on a chosen thing.
class FragileCounters : public es::ProcessApplication
{
public:
    static constexpr const char *NAME = "FragileCounters";
    explicit FragileCounters(const es::EnvMap &env)
        : ProcessApplication(QString::fromUtf8(NAME), env)
    {
        on<worlds::World::SomethingHappened>([](const worlds::World::SomethingHappened &e, es::ProcessEvent &) {
            if (e.what == QLatin1String("poison"))
                throw std::runtime_error("cannot digest poison");
        });
    }

protected:
    void registerTypes() override { es::registerAggregate<worlds::World>(); }
};

// Counters that snapshot each counter every 50 increments, so that a counter's rebuild in the policy
// stays short under load (the Python example rebuilds from all events, which is quadratic).
class SnapshottingCounters : public worlds::Counters
{
public:
    explicit SnapshottingCounters(const es::EnvMap &env)
        : Counters(env)
    {
        setSnapshottingInterval<worlds::Counter>(50);
    }
};

// A policy that interleaves two aggregates' events and collects them in the "wrong" order.
class Interleaving : public es::ProcessApplication
{
public:
    static constexpr const char *NAME = "Interleaving";
    explicit Interleaving(const es::EnvMap &env)
        : ProcessApplication(QString::fromUtf8(NAME), env)
    {
        setSnapshottingInterval<worlds::Counter>(2);
        on<worlds::World::SomethingHappened>([](const worlds::World::SomethingHappened &e, es::ProcessEvent &pe) {
            std::shared_ptr<worlds::Counter> a = worlds::Counter::create(e.what + QStringLiteral("-a"));
            std::shared_ptr<worlds::Counter> b = worlds::Counter::create(e.what + QStringLiteral("-b"));
            a->increment();
            b->increment();
            pe.collectEvents(b);
            pe.collectEvents(a);
        });
    }

protected:
    void registerTypes() override
    {
        es::registerAggregate<worlds::World>();
        es::registerAggregate<worlds::Counter>();
    }
};

// A process application in the middle of nowhere: it follows Counters and echoes each increment
// onto a counter of its own ("echo/<counter id>"), so that WorldsApplication → Counters → Echoes
// makes Counters a processor (it follows and leads).
class Echoes : public es::ProcessApplication
{
public:
    static constexpr const char *NAME = "Echoes";
    explicit Echoes(const es::EnvMap &env) : ProcessApplication(QString::fromUtf8(NAME), env)
    {
        on<worlds::Counter::Incremented>([this](const worlds::Counter::Incremented &e, es::ProcessEvent &pe) {
            const QString what = echoName(e.originatorId);
            std::shared_ptr<worlds::Counter> echo;
            try {
                echo = repository().get<worlds::Counter>(worlds::Counter::createId(what));
            } catch (const es::AggregateNotFound &) {
                echo = worlds::Counter::create(what);
            }
            echo->increment();
            pe.collectEvents(echo);
        });
    }
    static QString echoName(const QUuid &counterId)
    {
        return QStringLiteral("echo/") + counterId.toString(QUuid::WithoutBraces);
    }
    // How many increments of the counter of `what` (in Counters) were echoed here.
    qint64 echoes(const QString &what)
    {
        try {
            return repository()
                .get<worlds::Counter>(worlds::Counter::createId(echoName(worlds::Counter::createId(what))))
                ->count();
        } catch (const es::AggregateNotFound &) {
            return 0;
        }
    }

protected:
    void registerTypes() override { es::registerAggregate<worlds::Counter>(); }
};

// Every notification of an application's log, counted through its recorder.
qint64 notificationCount(es::Application &app)
{
    return static_cast<qint64>(app.recorder().selectNotifications(1, 1000000).size());
}

// The tracking rows of `follower` for `upstream`, counted in the database itself (-1 for the
// in-memory store, which keeps only the last position per upstream, as Python's POPO recorder).
qint64 trackingRows(const QString &backend, const es::EnvMap &env, const QString &follower,
                    const QString &upstream)
{
    if (backend == QLatin1String("popo"))
        return -1;
    const QString connection = QStringLiteral("tst_system_tracking_rows");
    qint64 n = -2;
    {
        QSqlDatabase db;
        QString table;
        if (backend == QLatin1String("sqlite-file")) {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(env.value(follower.toUpper() + QStringLiteral("_SQLITE_DBNAME")));
            table = QStringLiteral("tracking");
        } else {
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
            db.setHostName(env.value(QStringLiteral("POSTGRES_HOST")));
            db.setPort(env.value(QStringLiteral("POSTGRES_PORT")).toInt());
            db.setUserName(env.value(QStringLiteral("POSTGRES_USER")));
            db.setPassword(env.value(QStringLiteral("POSTGRES_PASSWORD")));
            db.setDatabaseName(env.value(QStringLiteral("POSTGRES_DBNAME")));
            table = follower.toLower() + QStringLiteral("_tracking");
        }
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE application_name = ?").arg(table));
            q.addBindValue(upstream);
            if (q.exec() && q.next())
                n = q.value(0).toLongLong();
            else
                qWarning("counting tracking rows: %s", qPrintable(q.lastError().text()));
        } else {
            qWarning("opening the store to count tracking rows: %s", qPrintable(db.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return n;
}

// The threads of this process (Linux: /proc/self/task).
int processThreads()
{
    return static_cast<int>(
        QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

} // namespace

class TestSystem : public QObject
{
    Q_OBJECT
    es::test::SystemBackends m_backends;

private slots:
    void cleanup() { m_backends.reset(); }

    void systemShape()
    {
        const es::System system = worlds::makeSystem();
        QCOMPARE(system.names(), SystemApps);
        QCOMPARE(system.leaders(), QStringList{QStringLiteral("WorldsApplication")});
        QCOMPARE(system.followers(), QStringList{QStringLiteral("Counters")});
        QCOMPARE(system.leadersOnly(), QStringList{QStringLiteral("WorldsApplication")});
        QVERIFY(system.processors().isEmpty());
        QVERIFY(system.singles().isEmpty());
        // A follower that is not a Follower is refused.
        QVERIFY_THROWS_EXCEPTION(es::ValueError, es::System({es::pipe<worlds::Counters, worlds::WorldsApplication>()}));
    }

    void runners_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<bool>("multithreaded");
        for (const char *b : {"popo", "sqlite-memory", "sqlite-file", "postgres"}) {
            QTest::newRow(qPrintable(QStringLiteral("single/%1").arg(QLatin1String(b)))) << QString::fromLatin1(b) << false;
            QTest::newRow(qPrintable(QStringLiteral("multi/%1").arg(QLatin1String(b)))) << QString::fromLatin1(b) << true;
        }
    }
    void runners()
    {
        QFETCH(QString, backend);
        QFETCH(bool, multithreaded);
        if (!es::test::SystemBackends::available(backend))
            return;
        const es::EnvMap env = m_backends.environment(backend, SystemApps);
        std::unique_ptr<es::Runner> runner;
        if (multithreaded)
            runner = std::make_unique<es::MultiThreadedRunner>(worlds::makeSystem(), env);
        else
            runner = std::make_unique<es::SingleThreadedRunner>(worlds::makeSystem(), env);
        runner->start();
        QVERIFY_THROWS_EXCEPTION(es::RunnerAlreadyStarted, runner->start());
        auto &worldsApp = runner->get<worlds::WorldsApplication>();
        auto &counters = runner->get<worlds::Counters>();

        std::vector<QUuid> ids;
        for (int i = 0; i < 5; ++i)
            ids.push_back(worldsApp.createWorld());
        std::map<QString, qint64> expected;
        QRandomGenerator rng(42);
        for (int i = 0; i < 60; ++i) {
            const QString what = Things[static_cast<int>(rng.bounded(Things.size()))];
            worldsApp.makeItSo(ids[rng.bounded(static_cast<quint32>(ids.size()))], what);
            ++expected[what];
        }
        if (multithreaded)
            QVERIFY(static_cast<es::MultiThreadedRunner &>(*runner).waitForIdle(60s));
        for (const auto &[what, n] : expected)
            QCOMPARE(counters.count(what), n);
        QCOMPARE(incrementedEvents(counters), 60);
        QCOMPARE(counters.processRecorder().maxTrackingId(QStringLiteral("WorldsApplication")),
                 worldsApp.recorder().maxNotificationId());
        runner->stop();
    }

    void restartMidStream_data() { es::test::SystemBackends::addRows(); }
    void restartMidStream()
    {
        QFETCH(QString, backend);
        if (!es::test::SystemBackends::available(backend))
            return;
        if (backend == QLatin1String("popo") || backend == QLatin1String("sqlite-memory"))
            QSKIP("in-memory stores do not outlive their applications");
        const es::EnvMap env = m_backends.environment(backend, SystemApps);
        QUuid world;
        {
            es::SingleThreadedRunner runner(worlds::makeSystem(), env);
            runner.start();
            world = runner.get<worlds::WorldsApplication>().createWorld();
            for (int i = 0; i < 30; ++i)
                runner.get<worlds::WorldsApplication>().makeItSo(world, Things[i % Things.size()]);
            QCOMPARE(runner.get<worlds::Counters>().count(Things[0]), 6);
            runner.stop();
        }
        {
            // The leader goes on alone while the follower is down.
            worlds::WorldsApplication alone(env);
            for (int i = 30; i < 77; ++i)
                alone.makeItSo(world, Things[i % Things.size()]);
        }
        {
            es::MultiThreadedRunner runner(worlds::makeSystem(), env);
            runner.start(); // catches up
            QVERIFY(runner.waitForIdle(60s));
            auto &counters = runner.get<worlds::Counters>();
            qint64 total = 0;
            for (const QString &what : Things)
                total += counters.count(what);
            QCOMPARE(total, 77);
            QCOMPARE(counters.count(Things[0]), 16);
            QCOMPARE(incrementedEvents(counters), 77);
            QCOMPARE(counters.processRecorder().maxTrackingId(QStringLiteral("WorldsApplication")), 78);
            runner.stop();
        }
    }

    void failingPolicyPropagates_data()
    {
        QTest::addColumn<bool>("multithreaded");
        QTest::newRow("single") << false;
        QTest::newRow("multi") << true;
    }
    void failingPolicyPropagates()
    {
        QFETCH(bool, multithreaded);
        const es::System system({es::pipe<worlds::WorldsApplication, FragileCounters>()});
        const es::EnvMap env{{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.popo:Factory")}};
        if (!multithreaded) {
            es::SingleThreadedRunner runner(system, env);
            runner.start();
            auto &app = runner.get<worlds::WorldsApplication>();
            const QUuid w = app.createWorld();
            app.makeItSo(w, QStringLiteral("fine"));
            try {
                app.makeItSo(w, QStringLiteral("poison"));
                QFAIL("the policy's error did not reach the caller");
            } catch (const std::runtime_error &e) {
                QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("cannot digest poison"));
            }
            // The poisoned notification was not tracked: it will be tried again.
            auto &fragile = runner.get<FragileCounters>();
            QCOMPARE(fragile.processRecorder().maxTrackingId(QStringLiteral("WorldsApplication")), 2);
            runner.stop();
        } else {
            es::MultiThreadedRunner runner(system, env);
            runner.start();
            auto &app = runner.get<worlds::WorldsApplication>();
            const QUuid w = app.createWorld();
            app.makeItSo(w, QStringLiteral("poison"));
            app.makeItSo(w, QStringLiteral("after"));
            QVERIFY_THROWS_EXCEPTION(es::SystemError, runner.waitForIdle(30s));
            QVERIFY(runner.hasErrored());
            try {
                runner.stop();
                QFAIL("stop() did not rethrow the follower's error");
            } catch (const es::SystemError &e) {
                QVERIFY2(e.message().contains(QStringLiteral("FragileCounters")), qPrintable(e.message()));
                QVERIFY2(e.message().contains(QStringLiteral("cannot digest poison")), qPrintable(e.message()));
            }
            // Nothing after the poison was processed.
            QCOMPARE(runner.get<FragileCounters>().processRecorder().maxTrackingId(QStringLiteral("WorldsApplication")), 1);
        }
    }

    void policyEventsInGenerationOrderAndSnapshots()
    {
        // Python 9.0: a policy's new events are recorded in the order they were triggered, across
        // aggregates; 9.1.4: a follower takes automatic snapshots after its policy, as save() does.
        const es::System system({es::pipe<worlds::WorldsApplication, Interleaving>()});
        es::SingleThreadedRunner runner(system, {{QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("popo")}});
        runner.start();
        auto &app = runner.get<worlds::WorldsApplication>();
        app.makeItSo(app.createWorld(), QStringLiteral("x"));
        auto &follower = runner.get<Interleaving>();
        const auto log = follower.recorder().selectNotifications(1, 10);
        QCOMPARE(log.size(), size_t(4));
        const QUuid a = worlds::Counter::createId(QStringLiteral("x-a"));
        const QUuid b = worlds::Counter::createId(QStringLiteral("x-b"));
        QCOMPARE(log[0].originatorId, a);
        QCOMPARE(log[0].originatorVersion, 1);
        QCOMPARE(log[1].originatorId, b);
        QCOMPARE(log[1].originatorVersion, 1);
        QCOMPARE(log[2].originatorId, a);
        QCOMPARE(log[2].originatorVersion, 2);
        QCOMPARE(log[3].originatorId, b);
        QCOMPARE(follower.snapshots()->get(a).size(), size_t(1));
        QCOMPARE(follower.snapshots()->get(b).size(), size_t(1));
        QCOMPARE(follower.repository().get<worlds::Counter>(a)->count(), 1);
        QCOMPARE(es::Repository::lastReadCount(), 1);
        runner.stop();
    }

    void atMostOnce_data()
    {
        QTest::addColumn<QString>("backend");
        for (const char *b : {"popo", "sqlite-file", "postgres"})
            QTest::newRow(b) << QString::fromLatin1(b);
    }
    void atMostOnce()
    {
        // A notification processed a second time writes nothing: a re-pull from the tracked
        // position finds nothing to do, and recording the same tracking again (directly, through
        // processEvent()) is refused with IntegrityError, its new events not written either.
        QFETCH(QString, backend);
        if (!es::test::SystemBackends::available(backend))
            return;
        const es::EnvMap env = m_backends.environment(backend, SystemApps);
        const QString upstream = QStringLiteral("WorldsApplication");
        worlds::WorldsApplication leader(env);
        worlds::Counters counters(env);
        counters.follow(upstream, leader.logPtr());

        const QUuid world = leader.createWorld();
        for (int i = 0; i < 7; ++i)
            leader.makeItSo(world, Things[i % 3]); // dinosaurs ×3, trucks ×2, internet ×2
        QCOMPARE(counters.pullAndProcess(upstream), 8);
        const qint64 events = notificationCount(counters);
        QCOMPARE(events, 3 + 7); // three Counter.Created, seven Counter.Incremented
        QCOMPARE(counters.processRecorder().maxTrackingId(upstream), 8);
        const qint64 rows = trackingRows(backend, env, counters.name(), upstream);
        if (backend != QLatin1String("popo"))
            QCOMPARE(rows, 8); // one per notification, the unhandled World.Created included

        // Re-pull from the tracked position: nothing left, nothing written.
        QCOMPARE(counters.pullAndProcess(upstream), 0);
        QCOMPARE(notificationCount(counters), events);

        // The same notifications again, directly: a handled one (its policy makes a new
        // Counter.Incremented, which must not be written) and an unhandled one (tracking only).
        const std::vector<es::Notification> upstreamLog = leader.recorder().selectNotifications(1, 100);
        QCOMPARE(upstreamLog.size(), size_t(8));
        for (const qint64 id : {qint64(2), qint64(8), qint64(1)}) {
            const es::Notification &n = upstreamLog[static_cast<size_t>(id - 1)];
            QCOMPARE(n.id, id);
            const es::DomainEventPtr event = leader.mapper().toDomainEvent(n);
            QVERIFY_THROWS_EXCEPTION(es::IntegrityError,
                                     counters.processEvent(*event, es::Tracking {upstream, id}));
            QCOMPARE(notificationCount(counters), events);
            QCOMPARE(counters.processRecorder().maxTrackingId(upstream), 8);
            QCOMPARE(trackingRows(backend, env, counters.name(), upstream), rows);
        }
        QCOMPARE(counters.count(Things[0]), 3);
        QCOMPARE(counters.count(Things[1]), 2);
        QCOMPARE(counters.count(Things[2]), 2);

        // The follower goes on after the refusals: the next notification is processed once.
        leader.makeItSo(world, Things[0]);
        QCOMPARE(counters.pullAndProcess(upstream), 1);
        QCOMPARE(counters.pullAndProcess(upstream), 0);
        QCOMPARE(counters.count(Things[0]), 4);
        QCOMPARE(notificationCount(counters), events + 1);
        QCOMPARE(counters.processRecorder().maxTrackingId(upstream), 9);
        if (backend != QLatin1String("popo"))
            QCOMPARE(trackingRows(backend, env, counters.name(), upstream), rows + 1);
    }

    void processorInTheMiddle_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<bool>("multithreaded");
        for (const char *b : {"popo", "sqlite-memory", "sqlite-file", "postgres"}) {
            QTest::newRow(qPrintable(QStringLiteral("single/%1").arg(QLatin1String(b))))
                << QString::fromLatin1(b) << false;
            QTest::newRow(qPrintable(QStringLiteral("multi/%1").arg(QLatin1String(b))))
                << QString::fromLatin1(b) << true;
        }
    }
    void processorInTheMiddle()
    {
        // WorldsApplication → Counters → Echoes: Counters follows and leads (a processor); what it
        // records from its policy prompts Echoes, whose counts must be exact on both runners.
        QFETCH(QString, backend);
        QFETCH(bool, multithreaded);
        const es::System system({es::pipe<worlds::WorldsApplication, worlds::Counters, Echoes>()});
        QCOMPARE(system.names(),
                 (QStringList {QStringLiteral("WorldsApplication"), QStringLiteral("Counters"),
                               QStringLiteral("Echoes")}));
        QCOMPARE(system.processors(), QStringList {QStringLiteral("Counters")});
        QCOMPARE(system.leaders(),
                 (QStringList {QStringLiteral("WorldsApplication"), QStringLiteral("Counters")}));
        QCOMPARE(system.followers(), (QStringList {QStringLiteral("Counters"), QStringLiteral("Echoes")}));
        QCOMPARE(system.leadersOnly(), QStringList {QStringLiteral("WorldsApplication")});
        QCOMPARE(system.followersOf(QStringLiteral("Counters")), QStringList {QStringLiteral("Echoes")});
        QCOMPARE(system.leadersOf(QStringLiteral("Echoes")), QStringList {QStringLiteral("Counters")});
        QVERIFY(system.singles().isEmpty());
        if (!es::test::SystemBackends::available(backend))
            return;

        const es::EnvMap env = m_backends.environment(backend, system.names());
        std::unique_ptr<es::Runner> runner;
        if (multithreaded)
            runner = std::make_unique<es::MultiThreadedRunner>(system, env);
        else
            runner = std::make_unique<es::SingleThreadedRunner>(system, env);
        runner->start();
        auto &app = runner->get<worlds::WorldsApplication>();
        std::vector<QUuid> ids;
        for (int i = 0; i < 4; ++i)
            ids.push_back(app.createWorld());
        std::map<QString, qint64> expected;
        QRandomGenerator rng(7);
        constexpr int Commands = 60;
        for (int i = 0; i < Commands; ++i) {
            const QString what = Things[static_cast<int>(rng.bounded(Things.size()))];
            app.makeItSo(ids[rng.bounded(static_cast<quint32>(ids.size()))], what);
            ++expected[what];
        }
        if (multithreaded)
            QVERIFY(static_cast<es::MultiThreadedRunner &>(*runner).waitForIdle(60s));
        auto &counters = runner->get<worlds::Counters>();
        auto &echoes = runner->get<Echoes>();
        for (const auto &[what, n] : expected) {
            QCOMPARE(counters.count(what), n);
            QCOMPARE(echoes.echoes(what), n);
        }
        QCOMPARE(incrementedEvents(counters), Commands);
        qint64 echoed = 0;
        es::NotificationLogReader reader(echoes.logPtr());
        reader.select(1,
                      [&](const std::vector<es::Notification> &page) {
                          echoed += static_cast<qint64>(page.size());
                          return true;
                      },
                      {QStringLiteral("worldsystem:Counter.Incremented")});
        QCOMPARE(echoed, Commands);
        // One echo counter per distinct thing, created once each.
        QCOMPARE(notificationCount(echoes), Commands + static_cast<qint64>(expected.size()));
        QCOMPARE(counters.processRecorder().maxTrackingId(QStringLiteral("WorldsApplication")),
                 app.recorder().maxNotificationId());
        QCOMPARE(echoes.processRecorder().maxTrackingId(QStringLiteral("Counters")),
                 counters.recorder().maxNotificationId());
        QCOMPARE(echoes.processRecorder().maxTrackingId(QStringLiteral("WorldsApplication")), 0);
        runner->stop();
    }

    void getErrors_data()
    {
        QTest::addColumn<bool>("multithreaded");
        QTest::newRow("single") << false;
        QTest::newRow("multi") << true;
    }
    void getErrors()
    {
        QFETCH(bool, multithreaded);
        const es::EnvMap env {
            {QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.popo:Factory")}};
        std::unique_ptr<es::Runner> runner;
        if (multithreaded)
            runner = std::make_unique<es::MultiThreadedRunner>(worlds::makeSystem(), env);
        else
            runner = std::make_unique<es::SingleThreadedRunner>(worlds::makeSystem(), env);
        // Before start() nothing is constructed.
        QVERIFY(!runner->isStarted());
        QVERIFY_THROWS_EXCEPTION(es::ValueError, runner->get<worlds::WorldsApplication>());
        runner->start();
        QVERIFY(runner->isStarted());
        QVERIFY_THROWS_EXCEPTION(es::RunnerAlreadyStarted, runner->start());
        // The second start() did not replace the applications: the one got before still serves.
        auto &app = runner->get<worlds::WorldsApplication>();
        QCOMPARE(&runner->get(QStringLiteral("WorldsApplication")), static_cast<es::Application *>(&app));
        // An application class that is not in the system.
        QVERIFY_THROWS_EXCEPTION(es::ValueError, runner->get<Echoes>());
        QVERIFY_THROWS_EXCEPTION(es::ValueError, runner->get<FragileCounters>());
        QVERIFY_THROWS_EXCEPTION(es::ValueError, runner->get(QStringLiteral("NoSuchApplication")));
        // A class named as one in the system but not of its class (SnapshottingCounters is named
        // Counters; the system runs worlds::Counters).
        try {
            runner->get<SnapshottingCounters>();
            QFAIL("get<>() gave an application of another class");
        } catch (const es::ValueError &e) {
            QVERIFY2(e.message().contains(QStringLiteral("Counters")), qPrintable(e.message()));
        }
        QVERIFY_THROWS_EXCEPTION(es::ValueError, worlds::makeSystem().appType(QStringLiteral("Echoes")));
        // The system still works after the refusals.
        app.makeItSo(app.createWorld(), Things[0]);
        if (multithreaded)
            QVERIFY(static_cast<es::MultiThreadedRunner &>(*runner).waitForIdle(30s));
        QCOMPARE(runner->get<worlds::Counters>().count(Things[0]), 1);
        runner->stop();
    }

    void multithreadedStop()
    {
        // stop() joins every follower thread (none is left running), a prompt after stop() is not
        // processed, and a second stop() is harmless.
        const es::System system({es::pipe<worlds::WorldsApplication, worlds::Counters, Echoes>()});
        const es::EnvMap env {
            {QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.popo:Factory")}};
        const int before = processThreads();
        QVERIFY(before >= 1);
        es::MultiThreadedRunner runner(system, env);
        runner.start();
        QCOMPARE(processThreads(), before + 2); // one per follower: Counters, Echoes
        auto &app = runner.get<worlds::WorldsApplication>();
        auto &counters = runner.get<worlds::Counters>();
        auto &echoes = runner.get<Echoes>();
        const QUuid world = app.createWorld();
        for (int i = 0; i < 10; ++i)
            app.makeItSo(world, Things[0]);
        QVERIFY(runner.waitForIdle(30s));
        QCOMPARE(counters.count(Things[0]), 10);
        QCOMPARE(echoes.echoes(Things[0]), 10);

        runner.stop();
        QCOMPARE(processThreads(), before);
        QVERIFY(!runner.hasErrored());
        // The leader goes on, but nobody follows any more.
        for (int i = 0; i < 5; ++i)
            app.makeItSo(world, Things[0]);
        QCOMPARE(app.recorder().maxNotificationId(), 16);
        std::this_thread::sleep_for(300ms);
        QCOMPARE(counters.count(Things[0]), 10);
        QCOMPARE(counters.processRecorder().maxTrackingId(QStringLiteral("WorldsApplication")), 11);
        QCOMPARE(echoes.echoes(Things[0]), 10);
        QCOMPARE(processThreads(), before);
        // Idle, and a second stop() neither throws nor starts anything.
        QVERIFY(runner.waitForIdle(1s));
        runner.stop();
        QCOMPARE(processThreads(), before);
        QVERIFY(!runner.hasErrored());
        QVERIFY_THROWS_EXCEPTION(es::RunnerAlreadyStarted, runner.start());
        QCOMPARE(processThreads(), before);
    }

    void multithreadedLoad_data()
    {
        QTest::addColumn<QString>("backend");
        for (const char *b : {"popo", "sqlite-file", "postgres"})
            QTest::newRow(b) << QString::fromLatin1(b);
    }
    void multithreadedLoad()
    {
        // 8 worlds, 1,000 commands each, from 8 threads at once; the counts must be exact.
        QFETCH(QString, backend);
        if (!es::test::SystemBackends::available(backend))
            return;
        const es::EnvMap env = m_backends.environment(backend, SystemApps);
        es::MultiThreadedRunner runner(es::System({es::pipe<worlds::WorldsApplication, SnapshottingCounters>()}), env);
        runner.start();
        auto &app = runner.get<worlds::WorldsApplication>();
        QVERIFY(runner.get<worlds::Counters>().isSnapshottingEnabled());
        constexpr int Worlds = 8, Commands = 1000;
        std::vector<QUuid> ids;
        for (int i = 0; i < Worlds; ++i)
            ids.push_back(app.createWorld());
        std::vector<std::thread> threads;
        std::atomic<int> failures{0};
        for (int t = 0; t < Worlds; ++t) {
            threads.emplace_back([&, t] {
                try {
                    auto world = app.repository().get<worlds::World>(ids[static_cast<size_t>(t)]);
                    for (int i = 0; i < Commands; ++i) {
                        world->makeItSo(Things[(t + i) % Things.size()]);
                        app.save(*world);
                    }
                } catch (...) {
                    ++failures;
                }
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(failures.load(), 0);
        QVERIFY(runner.waitForIdle(600s));
        auto &counters = runner.get<worlds::Counters>();
        qint64 total = 0;
        for (const QString &what : Things) {
            qint64 expected = 0;
            for (int t = 0; t < Worlds; ++t)
                for (int i = 0; i < Commands; ++i)
                    expected += Things[(t + i) % Things.size()] == what;
            QCOMPARE(counters.count(what), expected);
            total += expected;
        }
        QCOMPARE(total, Worlds * Commands);
        QCOMPARE(incrementedEvents(counters), Worlds * Commands);
        runner.stop();
    }
};

QTEST_GUILESS_MAIN(TestSystem)
#include "tst_system.moc"
