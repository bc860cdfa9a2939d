// Issue 6: a follower following a remote upstream — the leader's notification log served by
// NotificationLogJSONService on a loopback port (in a thread of its own, as another process would
// serve it), the follower reading it through NotificationLogJSONClient. Counts exact, tracking at
// the upstream's last id, and a follower cut off from its upstream resumes exactly where it was.
#include "es/remotelog.h"
#include "systembackends.h"
#include "worlds/worlds.h"

#include <QRandomGenerator>
#include <QThread>
#include <QtTest>
#include <future>
#include <map>

namespace {

const QStringList Things {QStringLiteral("dinosaurs"), QStringLiteral("trucks"), QStringLiteral("internet"),
                          QStringLiteral("rain"), QStringLiteral("music")};
const QStringList SystemApps {QStringLiteral("WorldsApplication"), QStringLiteral("Counters")};
const QString Upstream = QStringLiteral("WorldsApplication");

// Serves a notification log from a thread with its own event loop until quit().
class ServiceThread : public QThread
{
public:
    explicit ServiceThread(std::shared_ptr<es::NotificationLog> log) : m_log(std::move(log)) { }
    ~ServiceThread() override
    {
        quit();
        wait();
    }
    // The service's base URL, once it listens (empty when it could not).
    QUrl url() { return m_url.get(); }

protected:
    void run() override
    {
        es::NotificationLogJSONService service(m_log);
        try {
            service.listen();
        } catch (const std::exception &e) {
            qWarning("the service cannot listen: %s", e.what());
            m_urlPromise.set_value(QUrl());
            return;
        }
        m_urlPromise.set_value(service.url());
        exec();
        service.close();
    }

private:
    std::shared_ptr<es::NotificationLog> m_log;
    std::promise<QUrl> m_urlPromise;
    std::shared_future<QUrl> m_url = m_urlPromise.get_future().share();
};

qint64 topicCount(es::Application &app, const QString &topic)
{
    qint64 n = 0;
    es::NotificationLogReader reader(app.logPtr());
    reader.select(1,
                  [&](const std::vector<es::Notification> &page) {
                      n += static_cast<qint64>(page.size());
                      return true;
                  },
                  {topic});
    return n;
}

} // namespace

class TestSystemRemote : public QObject
{
    Q_OBJECT
    es::test::SystemBackends m_backends;

private slots:
    void cleanup() { m_backends.reset(); }

    void remoteUpstream_data()
    {
        QTest::addColumn<QString>("backend");
        for (const char *b : {"popo", "sqlite-file", "postgres"})
            QTest::newRow(b) << QString::fromLatin1(b);
    }
    void remoteUpstream()
    {
        QFETCH(QString, backend);
        if (!es::test::SystemBackends::available(backend))
            return;
        const es::EnvMap env = m_backends.environment(backend, SystemApps);
        worlds::WorldsApplication leader(env);
        worlds::Counters counters(env);

        auto service = std::make_unique<ServiceThread>(leader.logPtr());
        service->start();
        const QUrl url = service->url();
        QVERIFY(url.isValid() && !url.isEmpty());
        QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
        counters.follow(Upstream, std::make_shared<es::NotificationLogJSONClient>(url));
        QCOMPARE(counters.followedNames(), QStringList {Upstream});

        std::vector<QUuid> worldIds;
        for (int i = 0; i < 3; ++i)
            worldIds.push_back(leader.createWorld());
        std::map<QString, qint64> expected;
        QRandomGenerator rng(2024);
        auto command = [&] {
            const QString what = Things[static_cast<int>(rng.bounded(Things.size()))];
            leader.makeItSo(worldIds[rng.bounded(static_cast<quint32>(worldIds.size()))], what);
            ++expected[what];
        };
        for (int i = 0; i < 25; ++i)
            command();
        // 28 notifications: three sections of the remote log, the last one partial.
        QCOMPARE(leader.recorder().maxNotificationId(), 28);
        QCOMPARE(counters.pullAndProcess(Upstream), 28);
        QCOMPARE(counters.processRecorder().maxTrackingId(Upstream), 28);
        QCOMPARE(counters.pullAndProcess(Upstream), 0);

        for (int i = 0; i < 15; ++i)
            command();
        QCOMPARE(counters.pullAndProcess(Upstream), 15);
        QCOMPARE(counters.processRecorder().maxTrackingId(Upstream), leader.recorder().maxNotificationId());
        QCOMPARE(leader.recorder().maxNotificationId(), 43);
        for (const auto &[what, n] : expected)
            QCOMPARE(counters.count(what), n);
        QCOMPARE(topicCount(counters, QStringLiteral("worldsystem:Counter.Incremented")), 40);
        QCOMPARE(topicCount(counters, QStringLiteral("worldsystem:Counter.Created")),
                 static_cast<qint64>(expected.size()));

        // The upstream goes away: pulling fails (InterfaceError) and writes nothing.
        service.reset();
        for (int i = 0; i < 12; ++i)
            command();
        counters.follow(Upstream, std::make_shared<es::NotificationLogJSONClient>(url, 10, 5000));
        QVERIFY_THROWS_EXCEPTION(es::InterfaceError, counters.pullAndProcess(Upstream));
        QCOMPARE(counters.processRecorder().maxTrackingId(Upstream), 43);
        QCOMPARE(topicCount(counters, QStringLiteral("worldsystem:Counter.Incremented")), 40);

        // Served again (on another port): the follower resumes right after its last tracked id.
        service = std::make_unique<ServiceThread>(leader.logPtr());
        service->start();
        const QUrl again = service->url();
        QVERIFY(!again.isEmpty());
        counters.follow(Upstream, std::make_shared<es::NotificationLogJSONClient>(again));
        QCOMPARE(counters.pullAndProcess(Upstream), 12);
        QCOMPARE(counters.processRecorder().maxTrackingId(Upstream), 55);
        QCOMPARE(counters.processRecorder().maxTrackingId(Upstream), leader.recorder().maxNotificationId());
        for (const auto &[what, n] : expected)
            QCOMPARE(counters.count(what), n);
        QCOMPARE(topicCount(counters, QStringLiteral("worldsystem:Counter.Incremented")), 52);
        service.reset();
    }
};

QTEST_GUILESS_MAIN(TestSystemRemote)
#include "tst_system_remote.moc"
