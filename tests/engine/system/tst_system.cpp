// Issue 6: the worlds/counters system on both runners and every backend, followers stopped and
// restarted mid-stream, failing policies, and the multi-threaded runner under load.
#include "systembackends.h"
#include "worlds/worlds.h"

#include <QRandomGenerator>
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
