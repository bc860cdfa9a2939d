// Issue 6: a follower run as a separate process, killed with SIGKILL 20 times at random moments and
// restarted, ends with exactly one downstream event per upstream event — on a SQLite file and on
// PostgreSQL. Exactly-once comes from recording the new events and the tracking position in one
// transaction: a kill either lost both or kept both.
#include "systembackends.h"
#include "worlds/worlds.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QtTest>
#include <csignal>
#include <map>

namespace {
const QStringList Things{QStringLiteral("dinosaurs"), QStringLiteral("trucks"), QStringLiteral("internet"),
                         QStringLiteral("rain"), QStringLiteral("music")};
const QStringList SystemApps{QStringLiteral("WorldsApplication"), QStringLiteral("Counters")};
} // namespace

class TestFollowerKill : public QObject
{
    Q_OBJECT
    es::test::SystemBackends m_backends;

    QProcessEnvironment processEnvironment(const es::EnvMap &env)
    {
        QProcessEnvironment penv = QProcessEnvironment::systemEnvironment();
        for (auto it = env.constBegin(); it != env.constEnd(); ++it)
            penv.insert(it.key(), it.value());
        return penv;
    }

private slots:
    void cleanup() { m_backends.reset(); }

    void killedAndRestarted_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite-file") << QStringLiteral("sqlite-file");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }
    void killedAndRestarted()
    {
        QFETCH(QString, backend);
        if (!es::test::SystemBackends::available(backend))
            return;
        const es::EnvMap env = m_backends.environment(backend, SystemApps);
        constexpr int Upstream = 3000;
        std::map<QString, qint64> expected;
        qint64 leaderMax = 0;
        {
            worlds::WorldsApplication leader(env);
            std::vector<std::unique_ptr<worlds::World>> ws;
            for (int i = 0; i < 10; ++i)
                ws.push_back(worlds::World::create());
            QRandomGenerator rng(7);
            for (int i = 0; i < Upstream; ++i) {
                auto &w = ws[rng.bounded(10u)];
                const QString what = Things[static_cast<int>(rng.bounded(Things.size()))];
                w->makeItSo(what);
                ++expected[what];
                if (i % 50 == 49) {
                    std::vector<es::Aggregate *> batch;
                    for (auto &x : ws)
                        batch.push_back(x.get());
                    leader.save(batch);
                }
            }
            leaderMax = leader.recorder().maxNotificationId();
            QCOMPARE(leaderMax, Upstream + 10);
        }

        QRandomGenerator rng(QRandomGenerator::global()->generate());
        int killedMidStream = 0;
        qint64 lastPosition = 0;
        for (int kill = 0; kill < 20; ++kill) {
            QProcess follower;
            follower.setProcessEnvironment(processEnvironment(env));
            follower.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            follower.start(QStringLiteral(ES_FOLLOWER_PROCESS), {});
            QVERIFY2(follower.waitForStarted(10000), qPrintable(follower.errorString()));
            QTest::qWait(static_cast<int>(20 + rng.bounded(180u)));
            if (follower.state() == QProcess::Running)
                ::kill(static_cast<pid_t>(follower.processId()), SIGKILL);
            QVERIFY(follower.state() == QProcess::NotRunning || follower.waitForFinished(30000));
            if (follower.exitStatus() == QProcess::NormalExit)
                QCOMPARE(follower.exitCode(), 0);
            worlds::Counters counters(env);
            const qint64 position = counters.processRecorder().maxTrackingId(QStringLiteral("WorldsApplication"));
            QVERIFY(position >= lastPosition);
            if (follower.exitStatus() == QProcess::CrashExit && position < leaderMax)
                ++killedMidStream;
            lastPosition = position;
        }
        qInfo("%s: %d of 20 kills landed mid-stream (position %lld of %lld after the last)", qPrintable(backend),
              killedMidStream, lastPosition, leaderMax);
        QVERIFY2(killedMidStream >= 10, "the follower was not killed mid-stream often enough to prove anything");

        QProcess last;
        last.setProcessEnvironment(processEnvironment(env));
        last.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        last.start(QStringLiteral(ES_FOLLOWER_PROCESS), {});
        QVERIFY(last.waitForFinished(600000));
        QCOMPARE(last.exitStatus(), QProcess::NormalExit);
        QCOMPARE(last.exitCode(), 0);

        worlds::Counters counters(env);
        QCOMPARE(counters.processRecorder().maxTrackingId(QStringLiteral("WorldsApplication")), leaderMax);
        qint64 increments = 0, created = 0;
        es::NotificationLogReader reader(counters.logPtr());
        reader.select(1, [&](const std::vector<es::Notification> &page) {
            for (const auto &n : page) {
                if (n.topic == QLatin1String("worldsystem:Counter.Incremented"))
                    ++increments;
                else if (n.topic == QLatin1String("worldsystem:Counter.Created"))
                    ++created;
            }
            return true;
        });
        QCOMPARE(increments, qint64(Upstream));
        QCOMPARE(created, qint64(Things.size()));
        for (const auto &[what, n] : expected)
            QCOMPARE(counters.count(what), n);
    }
};

QTEST_GUILESS_MAIN(TestFollowerKill)
#include "tst_follower_kill.moc"
