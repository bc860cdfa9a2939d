// The recorder contract (persistence.h), written once and run on every backend as data rows:
// popo, sqlite-memory (a shared in-memory database), sqlite-file (a temporary directory) and
// postgres (a scratch database on the harness's server). Recorders are made the way applications
// make them: InfrastructureFactory::construct() from an Environment.
#include "postgres.h"

#include "es/errors.h"
#include "es/infrastructure.h"
#include "es/uuid.h"

#include <QAtomicInteger>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

using namespace es;

namespace {

const QString AppName = QStringLiteral("contract");

// One backend's store for one test: owns the temporary directory or scratch database.
struct Store
{
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<test::ScratchDatabase> scratch;
    std::unique_ptr<InfrastructureFactory> factory; // declared last: goes first

    // Empty on success, otherwise why the store could not be made.
    QString open(const QString &backend)
    {
        static QAtomicInteger<int> counter;
        QMap<QString, QString> vars;
        if (backend == QLatin1String("popo")) {
            vars.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.popo:Factory"));
        } else if (backend == QLatin1String("sqlite-memory")) {
            vars.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory"));
            vars.insert(QStringLiteral("SQLITE_DBNAME"),
                        QStringLiteral("file:contract-%1-%2?mode=memory&cache=shared")
                            .arg(QCoreApplication::applicationPid())
                            .arg(counter.fetchAndAddRelaxed(1)));
        } else if (backend == QLatin1String("sqlite-file")) {
            dir = std::make_unique<QTemporaryDir>();
            if (!dir->isValid())
                return QStringLiteral("no temporary directory: %1").arg(dir->errorString());
            vars.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory"));
            vars.insert(QStringLiteral("SQLITE_DBNAME"), dir->filePath(QStringLiteral("contract.sqlite")));
        } else if (backend == QLatin1String("postgres")) {
            scratch = std::make_unique<test::ScratchDatabase>(QStringLiteral("es_contract"));
            if (!scratch->isValid())
                return QStringLiteral("no scratch database: %1").arg(scratch->error());
            const QProcessEnvironment env = scratch->environment();
            for (const char *key : {"POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DBNAME"})
                vars.insert(QString::fromLatin1(key), env.value(QString::fromLatin1(key)));
            vars.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.postgres:Factory"));
        } else {
            return QStringLiteral("unknown backend %1").arg(backend);
        }
        try {
            factory = InfrastructureFactory::construct(Environment(AppName, vars));
        } catch (const std::exception &e) {
            return QStringLiteral("cannot construct the %1 factory: %2").arg(backend, QString::fromUtf8(e.what()));
        }
        return {};
    }
};

// State bytes that are not text: a backend must keep every byte (BLOB / bytea).
QByteArray stateFor(const QUuid &id, qint64 version)
{
    QByteArray state("\x00\x01\xff\xfe", 4);
    state += uuid::toHex(id).toLatin1();
    state += ':';
    state += QByteArray::number(version);
    return state;
}

StoredEvent storedEvent(const QUuid &id, qint64 version, const QString &topic = QStringLiteral("tests:Happened"))
{
    return StoredEvent{id, version, topic, stateFor(id, version)};
}

std::vector<StoredEvent> batch(const QUuid &id, qint64 from, qint64 to, const QString &topic = QStringLiteral("tests:Happened"))
{
    std::vector<StoredEvent> out;
    for (qint64 v = from; v <= to; ++v)
        out.push_back(storedEvent(id, v, topic));
    return out;
}

std::vector<qint64> versionsOf(const std::vector<StoredEvent> &events)
{
    std::vector<qint64> out;
    for (const StoredEvent &e : events)
        out.push_back(e.originatorVersion);
    return out;
}

// Every notification, read in pages of `page` by key.
std::vector<Notification> allNotifications(ApplicationRecorder &r, qint64 page = 1000)
{
    std::vector<Notification> out;
    qint64 next = 1;
    for (;;) {
        auto got = r.selectNotifications(next, page);
        if (got.empty())
            return out;
        next = got.back().id + 1;
        for (auto &n : got)
            out.push_back(std::move(n));
    }
}

QString describe(const std::exception &e)
{
    return QString::fromUtf8(e.what());
}

} // namespace

// Opens the row's store (skips the postgres row without a server; fails it when its factory does
// not construct) and runs body; an exception thrown by the engine fails the row with its message.
#define ES_CONTRACT(body)                                                                          \
    do {                                                                                           \
        QFETCH(QString, backend);                                                                  \
        if (backend == QLatin1String("postgres"))                                                  \
            ES_REQUIRE_POSTGRES();                                                                 \
        Store store;                                                                               \
        const QString why = store.open(backend);                                                   \
        QVERIFY2(why.isEmpty(), qPrintable(why));                                                  \
        try {                                                                                      \
            body(backend, *store.factory);                                                         \
        } catch (const std::exception &e) {                                                        \
            QFAIL(qPrintable(QStringLiteral("unexpected exception: ") + describe(e)));              \
        }                                                                                          \
    } while (false)

class TestRecorderContract : public QObject
{
    Q_OBJECT

    static void backends()
    {
        QTest::addColumn<QString>("backend");
        for (const char *b : {"popo", "sqlite-memory", "sqlite-file", "postgres"})
            QTest::newRow(b) << QString::fromLatin1(b);
    }

    // --- bodies --------------------------------------------------------------------------------

    static void insertAndSelectEvents(const QString &, InfrastructureFactory &f)
    {
        auto r = f.applicationRecorder();
        const QUuid a = uuid::v4();
        const QUuid b = uuid::v4();
        QVERIFY(r->selectEvents(a).empty());

        r->insertEvents(batch(a, 1, 3));
        r->insertEvents(batch(b, 1, 2));
        r->insertEvents(batch(a, 4, 5));

        const auto all = r->selectEvents(a);
        QCOMPARE(versionsOf(all), (std::vector<qint64>{1, 2, 3, 4, 5}));
        for (const StoredEvent &e : all) {
            QCOMPARE(e.originatorId, a);
            QCOMPARE(e.topic, QStringLiteral("tests:Happened"));
            QCOMPARE(e.state, stateFor(a, e.originatorVersion));
        }
        QCOMPARE(versionsOf(r->selectEvents(b)), (std::vector<qint64>{1, 2}));
        QCOMPARE(versionsOf(r->selectEvents(a, 2)), (std::vector<qint64>{3, 4, 5}));
        QCOMPARE(versionsOf(r->selectEvents(a, std::nullopt, 3)), (std::vector<qint64>{1, 2, 3}));
        QCOMPARE(versionsOf(r->selectEvents(a, 1, 4)), (std::vector<qint64>{2, 3, 4}));
        QCOMPARE(versionsOf(r->selectEvents(a, std::nullopt, std::nullopt, true)), (std::vector<qint64>{5, 4, 3, 2, 1}));
        QCOMPARE(versionsOf(r->selectEvents(a, std::nullopt, std::nullopt, false, 2)), (std::vector<qint64>{1, 2}));
        QCOMPARE(versionsOf(r->selectEvents(a, std::nullopt, std::nullopt, true, 2)), (std::vector<qint64>{5, 4}));
        QCOMPARE(versionsOf(r->selectEvents(a, 1, 4, true, 2)), (std::vector<qint64>{4, 3}));
        QCOMPARE(versionsOf(r->selectEvents(a, std::nullopt, 3, true, 1)), (std::vector<qint64>{3}));
        QCOMPARE(versionsOf(r->selectEvents(a, 5)), (std::vector<qint64>{}));
        QCOMPARE(versionsOf(r->selectEvents(a, 3, 3)), (std::vector<qint64>{}));
        QCOMPARE(versionsOf(r->selectEvents(a, std::nullopt, std::nullopt, false, 0)), (std::vector<qint64>{}));
        QVERIFY(r->selectEvents(uuid::v4()).empty());
    }

    static void selectNotifications(const QString &, InfrastructureFactory &f)
    {
        auto r = f.applicationRecorder();
        QCOMPARE(r->maxNotificationId(), 0);
        QVERIFY(r->selectNotifications(1, 10).empty());

        const QUuid a = uuid::v4();
        const QUuid b = uuid::v4();
        std::vector<qint64> ids;
        for (const auto &events : {batch(a, 1, 2, QStringLiteral("tests:Created")), batch(b, 1, 1, QStringLiteral("tests:Other")),
                                   batch(a, 3, 5, QStringLiteral("tests:Happened")), batch(b, 2, 3, QStringLiteral("tests:Created"))}) {
            const auto got = r->insertEvents(events);
            QCOMPARE(got.size(), events.size());
            ids.insert(ids.end(), got.begin(), got.end());
        }
        QCOMPARE(ids.size(), size_t(8));
        for (size_t i = 1; i < ids.size(); ++i)
            QVERIFY2(ids[i] > ids[i - 1], "notification ids increase in insertion order");
        QCOMPARE(r->maxNotificationId(), ids.back());

        const auto all = r->selectNotifications(1, 100);
        QCOMPARE(all.size(), size_t(8));
        for (size_t i = 0; i < all.size(); ++i) {
            QCOMPARE(all[i].id, ids[i]);
            QCOMPARE(all[i].state, stateFor(all[i].originatorId, all[i].originatorVersion));
        }
        QCOMPARE(all[0].originatorId, a);
        QCOMPARE(all[0].originatorVersion, 1);
        QCOMPARE(all[0].topic, QStringLiteral("tests:Created"));
        QCOMPARE(all[2].originatorId, b);
        QCOMPARE(all[2].topic, QStringLiteral("tests:Other"));
        QCOMPARE(all[7].originatorId, b);
        QCOMPARE(all[7].originatorVersion, 3);

        // start is inclusive; limit counts notifications
        auto page = r->selectNotifications(ids[3], 3);
        QCOMPARE(page.size(), size_t(3));
        QCOMPARE(page[0].id, ids[3]);
        QCOMPARE(page[2].id, ids[5]);
        page = r->selectNotifications(ids[6], 100);
        QCOMPARE(page.size(), size_t(2));
        QVERIFY(r->selectNotifications(ids[7] + 1, 100).empty());
        QVERIFY(r->selectNotifications(1, 0).empty());

        // topics
        page = r->selectNotifications(1, 100, {QStringLiteral("tests:Created")});
        QCOMPARE(page.size(), size_t(4));
        for (const auto &n : page)
            QCOMPARE(n.topic, QStringLiteral("tests:Created"));
        QCOMPARE(page[0].id, ids[0]);
        QCOMPARE(page[3].id, ids[7]);
        page = r->selectNotifications(ids[1], 2, {QStringLiteral("tests:Created")});
        QCOMPARE(page.size(), size_t(2));
        QCOMPARE(page[0].id, ids[1]);
        QCOMPARE(page[1].id, ids[6]);
        page = r->selectNotifications(1, 100, {QStringLiteral("tests:Other"), QStringLiteral("tests:Happened")});
        QCOMPARE(page.size(), size_t(4));
        QCOMPARE(page[0].id, ids[2]);
        QCOMPARE(page[3].id, ids[5]);
        QVERIFY(r->selectNotifications(1, 100, {QStringLiteral("tests:Nothing")}).empty());
    }

    static void duplicateVersionWritesNothing(const QString &, InfrastructureFactory &f)
    {
        auto r = f.applicationRecorder();
        const QUuid a = uuid::v4();
        const QUuid b = uuid::v4();
        r->insertEvents(batch(a, 1, 1));
        const qint64 max = r->maxNotificationId();
        QVERIFY(max > 0);

        // A batch whose last event conflicts with a stored one: nothing of it is written.
        std::vector<StoredEvent> conflicting = batch(b, 1, 3);
        conflicting.push_back(storedEvent(a, 2));
        conflicting.push_back(storedEvent(a, 1));
        QVERIFY_THROWS_EXCEPTION(IntegrityError, r->insertEvents(conflicting));
        QCOMPARE(versionsOf(r->selectEvents(a)), (std::vector<qint64>{1}));
        QVERIFY(r->selectEvents(b).empty());
        QCOMPARE(r->maxNotificationId(), max);
        QCOMPARE(r->selectNotifications(1, 100).size(), size_t(1));

        // A batch that conflicts with itself.
        std::vector<StoredEvent> twice = batch(b, 1, 2);
        twice.push_back(storedEvent(b, 2));
        QVERIFY_THROWS_EXCEPTION(IntegrityError, r->insertEvents(twice));
        QVERIFY(r->selectEvents(b).empty());
        QCOMPARE(r->maxNotificationId(), max);

        // The recorder still works, and gives the next events larger ids.
        const auto ids = r->insertEvents(batch(b, 1, 2));
        QCOMPARE(ids.size(), size_t(2));
        QVERIFY(ids[0] > max);
        QCOMPARE(versionsOf(r->selectEvents(b)), (std::vector<qint64>{1, 2}));
        QCOMPARE(r->selectNotifications(1, 100).size(), size_t(3));
    }

    static void trackingIsAtomicWithEvents(const QString &, InfrastructureFactory &f)
    {
        auto r = f.processRecorder();
        const QString upstream = QStringLiteral("upstream");
        QCOMPARE(r->maxTrackingId(upstream), 0);

        const QUuid a = uuid::v4();
        Tracking t1{upstream, 1};
        const auto ids = r->insertEvents(batch(a, 1, 2), &t1);
        QCOMPARE(ids.size(), size_t(2));
        QCOMPARE(r->maxTrackingId(upstream), 1);
        Tracking t5{upstream, 5};
        r->insertEvents(batch(a, 3, 3), &t5);
        QCOMPARE(r->maxTrackingId(upstream), 5);
        QCOMPARE(r->maxTrackingId(QStringLiteral("elsewhere")), 0);

        // Another application's positions are tracked apart.
        Tracking other{QStringLiteral("elsewhere"), 2};
        r->insertEvents(batch(a, 4, 4), &other);
        QCOMPARE(r->maxTrackingId(QStringLiteral("elsewhere")), 2);
        QCOMPARE(r->maxTrackingId(upstream), 5);
        const qint64 max = r->maxNotificationId();

        // A tracking record that exists already: IntegrityError, and the events are not written.
        const QUuid b = uuid::v4();
        QVERIFY_THROWS_EXCEPTION(IntegrityError, r->insertEvents(batch(b, 1, 3), &t5));
        QVERIFY(r->selectEvents(b).empty());
        QCOMPARE(r->maxNotificationId(), max);
        QCOMPARE(r->maxTrackingId(upstream), 5);

        // A conflicting event: the tracking record is not written either.
        Tracking t6{upstream, 6};
        QVERIFY_THROWS_EXCEPTION(IntegrityError, r->insertEvents(batch(a, 4, 5), &t6));
        QCOMPARE(r->maxTrackingId(upstream), 5);
        QCOMPARE(versionsOf(r->selectEvents(a)), (std::vector<qint64>{1, 2, 3, 4}));

        r->insertEvents(batch(b, 1, 1), &t6);
        QCOMPARE(r->maxTrackingId(upstream), 6);
        QCOMPARE(r->selectNotifications(1, 100).size(), size_t(5));
    }

    static void snapshotsHaveNoNotificationIds(const QString &, InfrastructureFactory &f)
    {
        auto events = f.applicationRecorder();
        auto snapshots = f.aggregateRecorder(QStringLiteral("snapshots"));
        const QUuid a = uuid::v4();
        QVERIFY(snapshots->insertEvents({storedEvent(a, 3, QStringLiteral("eventsourcing.domain:Snapshot"))}).empty());
        QVERIFY(snapshots->insertEvents({storedEvent(a, 7, QStringLiteral("eventsourcing.domain:Snapshot"))}).empty());
        QVERIFY_THROWS_EXCEPTION(IntegrityError, snapshots->insertEvents({storedEvent(a, 7)}));
        QCOMPARE(versionsOf(snapshots->selectEvents(a)), (std::vector<qint64>{3, 7}));
        QCOMPARE(versionsOf(snapshots->selectEvents(a, std::nullopt, 5, true, 1)), (std::vector<qint64>{3}));
        QCOMPARE(snapshots->selectEvents(a).front().topic, QStringLiteral("eventsourcing.domain:Snapshot"));
        // Snapshots are not events: the application's log does not see them.
        QCOMPARE(events->maxNotificationId(), 0);
        QVERIFY(events->selectEvents(a).empty());
        events->insertEvents(batch(a, 1, 1));
        QCOMPARE(versionsOf(snapshots->selectEvents(a)), (std::vector<qint64>{3, 7}));
    }

    // 10 threads × 100 inserts × 10 events: every event present exactly once, notification ids
    // unique and strictly increasing, each batch's ids increasing and as reported to its writer.
    static void concurrentInserts(const QString &, InfrastructureFactory &f)
    {
        constexpr int Threads = 10;
        constexpr int Inserts = 100;
        constexpr int Events = 10;
        auto r = f.applicationRecorder();
        std::vector<std::vector<QUuid>> originators(Threads);
        std::vector<std::vector<qint64>> reported(Threads);
        std::mutex errorsMutex;
        QStringList errors;
        std::atomic<int> badBatches{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < Threads; ++t) {
            threads.emplace_back([&, t] {
                try {
                    for (int i = 0; i < Inserts; ++i) {
                        const QUuid id = uuid::v4();
                        const auto ids = r->insertEvents(batch(id, 1, Events));
                        if (ids.size() != size_t(Events) || !std::is_sorted(ids.begin(), ids.end())
                            || std::adjacent_find(ids.begin(), ids.end()) != ids.end())
                            ++badBatches;
                        originators[size_t(t)].push_back(id);
                        reported[size_t(t)].insert(reported[size_t(t)].end(), ids.begin(), ids.end());
                    }
                } catch (const std::exception &e) {
                    std::lock_guard lock(errorsMutex);
                    errors << describe(e);
                }
            });
        }
        for (auto &th : threads)
            th.join();
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(badBatches.load(), 0);

        const auto all = allNotifications(*r, 1000);
        QCOMPARE(all.size(), size_t(Threads * Inserts * Events));
        for (size_t i = 1; i < all.size(); ++i)
            QVERIFY2(all[i].id > all[i - 1].id, "notification ids are unique and strictly increasing");
        QCOMPARE(r->maxNotificationId(), all.back().id);

        // Every event exactly once, with its state.
        std::map<std::pair<QUuid, qint64>, int> seen;
        for (const auto &n : all) {
            ++seen[{n.originatorId, n.originatorVersion}];
            QCOMPARE(n.state, stateFor(n.originatorId, n.originatorVersion));
        }
        QCOMPARE(seen.size(), all.size());
        int expected = 0;
        for (const auto &ids : originators) {
            for (const QUuid &id : ids) {
                for (qint64 v = 1; v <= Events; ++v) {
                    const auto it = seen.find({id, v});
                    QVERIFY(it != seen.end());
                    QCOMPARE(it->second, 1);
                    ++expected;
                }
            }
        }
        QCOMPARE(expected, Threads * Inserts * Events);

        // The ids reported to the writers are the ids in the log.
        std::vector<qint64> reportedIds;
        for (const auto &ids : reported)
            reportedIds.insert(reportedIds.end(), ids.begin(), ids.end());
        std::sort(reportedIds.begin(), reportedIds.end());
        std::vector<qint64> logIds;
        for (const auto &n : all)
            logIds.push_back(n.id);
        QCOMPARE(reportedIds, logIds);
    }

    // Two writers insert batches while a reader tails the log by key. A batch's ids are not
    // interleaved with another batch's, and the reader, which only ever asks for ids above the
    // last it saw, sees every event: an id that became visible after a larger one would be missed.
    static void writersDoNotInterleaveAndReadersMissNothing(const QString &backend, InfrastructureFactory &f)
    {
        const int total = backend == QLatin1String("postgres") ? 1000 : 10000;
        constexpr int Writers = 2;
        constexpr int BatchSize = 10;
        const int batchesPerWriter = total / (Writers * BatchSize);
        auto r = f.applicationRecorder();

        std::mutex mutex;
        QStringList errors;
        std::vector<std::vector<qint64>> batches; // the ids of every batch, as reported
        std::atomic<int> writersLeft{Writers};
        std::vector<std::thread> threads;
        for (int w = 0; w < Writers; ++w) {
            threads.emplace_back([&] {
                try {
                    for (int i = 0; i < batchesPerWriter; ++i) {
                        std::vector<StoredEvent> events;
                        for (int e = 0; e < BatchSize; ++e)
                            events.push_back(storedEvent(uuid::v4(), 1));
                        auto ids = r->insertEvents(events);
                        std::lock_guard lock(mutex);
                        batches.push_back(std::move(ids));
                    }
                } catch (const std::exception &e) {
                    std::lock_guard lock(mutex);
                    errors << describe(e);
                }
                --writersLeft;
            });
        }

        std::vector<qint64> tailed;
        int wentBackwards = 0;
        int maxWentBackwards = 0;
        QString readerError;
        std::thread reader([&] {
            try {
                qint64 next = 1;
                qint64 lastMax = 0;
                for (;;) {
                    const bool writersDone = writersLeft.load() == 0; // read before the select
                    const qint64 max = r->maxNotificationId();
                    if (max < lastMax)
                        ++maxWentBackwards;
                    lastMax = max;
                    const auto page = r->selectNotifications(next, 100);
                    for (const auto &n : page) {
                        if (n.id < next)
                            ++wentBackwards;
                        tailed.push_back(n.id);
                        next = n.id + 1;
                    }
                    if (page.empty()) {
                        if (writersDone)
                            break;
                        std::this_thread::yield();
                    }
                }
            } catch (const std::exception &e) {
                readerError = describe(e);
            }
        });
        for (auto &th : threads)
            th.join();
        reader.join();
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY2(readerError.isEmpty(), qPrintable(readerError));

        QCOMPARE(int(batches.size()), Writers * batchesPerWriter);
        std::sort(batches.begin(), batches.end(),
                  [](const std::vector<qint64> &x, const std::vector<qint64> &y) { return x.front() < y.front(); });
        int interleaved = 0;
        for (size_t i = 0; i < batches.size(); ++i) {
            QCOMPARE(int(batches[i].size()), BatchSize);
            QVERIFY(std::is_sorted(batches[i].begin(), batches[i].end()));
            if (i > 0 && batches[i - 1].back() >= batches[i].front())
                ++interleaved;
        }
        QCOMPARE(interleaved, 0);

        QCOMPARE(wentBackwards, 0);
        QCOMPARE(maxWentBackwards, 0);
        QCOMPARE(int(tailed.size()), total);
        std::vector<qint64> logIds;
        for (const auto &n : allNotifications(*r))
            logIds.push_back(n.id);
        QCOMPARE(tailed, logIds);
    }

private slots:
    void insertAndSelectEvents_data() { backends(); }
    void insertAndSelectEvents() { ES_CONTRACT(insertAndSelectEvents); }
    void selectNotifications_data() { backends(); }
    void selectNotifications() { ES_CONTRACT(selectNotifications); }
    void duplicateVersionWritesNothing_data() { backends(); }
    void duplicateVersionWritesNothing() { ES_CONTRACT(duplicateVersionWritesNothing); }
    void trackingIsAtomicWithEvents_data() { backends(); }
    void trackingIsAtomicWithEvents() { ES_CONTRACT(trackingIsAtomicWithEvents); }
    void snapshotsHaveNoNotificationIds_data() { backends(); }
    void snapshotsHaveNoNotificationIds() { ES_CONTRACT(snapshotsHaveNoNotificationIds); }
    void concurrentInserts_data() { backends(); }
    void concurrentInserts() { ES_CONTRACT(concurrentInserts); }
    void writersDoNotInterleaveAndReadersMissNothing_data() { backends(); }
    void writersDoNotInterleaveAndReadersMissNothing() { ES_CONTRACT(writersDoNotInterleaveAndReadersMissNothing); }
};

QTEST_GUILESS_MAIN(TestRecorderContract)
#include "tst_recorder_contract.moc"
