// The recorder contract (persistence.h), written once and run on every backend as data rows:
// popo, sqlite-memory (a shared in-memory database), sqlite-file (a temporary directory) and
// postgres (a scratch database on the harness's server). Recorders are made the way applications
// make them: InfrastructureFactory::construct() from an Environment.
//
// Run with "--contract-writer <sqlite dbname> <batches> <batch size>", the executable is one of the
// writers of writersWithOwnConnectionsDoNotInterleave in a process of its own (see there).
#include "backendstore.h"

#include "es/errors.h"
#include "es/infrastructure.h"
#include "es/uuid.h"

#include <QAtomicInteger>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

using namespace es;

namespace {

const QString AppName = QStringLiteral("contract");

// This test's stores: files and databases named "contract".
struct Store : test::BackendStore
{
    Store() : BackendStore(AppName, QStringLiteral("contract")) { }
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

using test::describe;

// Events of fresh originators (version 1), `size` of them: one batch of a writer.
std::vector<StoredEvent> freshBatch(int size, std::vector<QUuid> *originators)
{
    std::vector<StoredEvent> events;
    for (int e = 0; e < size; ++e) {
        const QUuid id = uuid::v4();
        originators->push_back(id);
        events.push_back(storedEvent(id, 1));
    }
    return events;
}

// The lock timeout of the writers in two processes. SQLite's busy handler polls, so the writer that
// waits can lose many turns to the one that holds the lock and comes straight back: on a loaded
// machine longer than the default 5 s. The test is about the order of ids, not about fairness.
const QString WriterLockTimeout = QStringLiteral("30");

// One batch as its writer saw it: the ids the recorder reported, and the originators of its events.
struct WrittenBatch
{
    int writer = 0;
    std::vector<qint64> ids;
    std::vector<QUuid> originators;
};

// The writer in a process of its own ("--contract-writer <dbname> <batches> <batch size> <pause µs>"):
// makes its own SQLite factory, says "ready", waits for "go" on stdin, then writes its batches
// (pausing after each) and prints each as "<id>,<id>…;<uuid hex>,<uuid hex>…". Errors go to stderr
// with exit code 1.
int runContractWriter(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 6) {
        std::fprintf(stderr, "usage: --contract-writer <dbname> <batches> <batch size> <pause us>\n");
        return 2;
    }
    try {
        QMap<QString, QString> vars;
        vars.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory"));
        vars.insert(QStringLiteral("SQLITE_DBNAME"), args.at(2));
        vars.insert(QStringLiteral("SQLITE_LOCK_TIMEOUT"), WriterLockTimeout);
        auto factory = InfrastructureFactory::construct(Environment(AppName, vars));
        auto r = factory->applicationRecorder();
        (void)r->maxNotificationId(); // the connection is open and the table there before "ready"
        std::printf("ready\n");
        std::fflush(stdout);
        char go[16] = {};
        if (!std::fgets(go, sizeof go, stdin) || std::strncmp(go, "go", 2) != 0) {
            std::fprintf(stderr, "no go\n");
            return 1;
        }
        const int batches = args.at(3).toInt();
        const int batchSize = args.at(4).toInt();
        const int pauseUs = args.at(5).toInt();
        for (int i = 0; i < batches; ++i) {
            std::vector<QUuid> originators;
            const auto ids = r->insertEvents(freshBatch(batchSize, &originators));
            QByteArray line;
            for (size_t k = 0; k < ids.size(); ++k)
                line += (k ? "," : "") + QByteArray::number(ids[k]);
            line += ';';
            for (size_t k = 0; k < originators.size(); ++k)
                line += (k ? "," : "") + uuid::toHex(originators[k]).toLatin1();
            line += '\n';
            std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
            if (pauseUs > 0)
                std::this_thread::sleep_for(std::chrono::microseconds(pauseUs));
        }
        std::fflush(stdout);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}

// The batches a --contract-writer printed, or an error message.
QString parseWriterOutput(const QByteArray &out, int writer, std::vector<WrittenBatch> *batches)
{
    const QList<QByteArray> lines = out.split('\n');
    for (const QByteArray &line : lines) {
        if (line.isEmpty() || line == "ready")
            continue;
        const QList<QByteArray> parts = line.split(';');
        if (parts.size() != 2)
            return QStringLiteral("bad writer line: %1").arg(QString::fromLatin1(line));
        WrittenBatch b;
        b.writer = writer;
        for (const QByteArray &id : parts[0].split(','))
            b.ids.push_back(id.toLongLong());
        for (const QByteArray &hex : parts[1].split(','))
            b.originators.push_back(uuid::fromString(QString::fromLatin1(hex)));
        batches->push_back(std::move(b));
    }
    return {};
}

} // namespace

// Runs body(backend, factory) on the row's store (see ES_WITH_BACKEND_STORE).
#define ES_CONTRACT(body) ES_WITH_BACKEND_STORE({}, body(backend, *store.factory);)

class TestRecorderContract : public QObject
{
    Q_OBJECT

    static void backends() { test::addBackendRows(); }

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

    // Two writers on one database, each with a factory of its own (own connections, own group-commit
    // queue), so that only the database serialises them: BEGIN IMMEDIATE on SQLite (in one process
    // the engine's per-database lock comes first; the "process" row puts the second writer in a
    // child process, where only SQLite's file lock is shared), LOCK TABLE … IN EXCLUSIVE MODE on
    // PostgreSQL. Each writes N events (10,000 on SQLite, 1,000 on PostgreSQL) in batches, while a
    // reader with a third factory follows the log by its max id. Every event is present exactly
    // once; ids strictly increase; each batch's ids are contiguous and no other batch's id falls
    // among them; the reader, which never asks below its position, saw the whole log.
    void writersWithOwnConnectionsDoNotInterleave_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<bool>("childProcess");
        QTest::newRow("sqlite-memory") << QStringLiteral("sqlite-memory") << false;
        QTest::newRow("sqlite-file") << QStringLiteral("sqlite-file") << false;
        QTest::newRow("sqlite-file-process") << QStringLiteral("sqlite-file") << true;
        QTest::newRow("postgres") << QStringLiteral("postgres") << false;
    }

    void writersWithOwnConnectionsDoNotInterleave()
    {
        QFETCH(QString, backend);
        QFETCH(bool, childProcess);
        if (backend == QLatin1String("postgres"))
            ES_REQUIRE_POSTGRES();
        Store store;
        const QString why = store.open(backend);
        QVERIFY2(why.isEmpty(), qPrintable(why));

        const int perWriter = backend == QLatin1String("postgres") ? 1000 : 10000;
        constexpr int Writers = 2;
        constexpr int BatchSize = 10;
        const int batchesPerWriter = perWriter / BatchSize;
        // Across processes SQLite's busy handler polls (sleeping 1, 2, 5… ms), and a writer that
        // comes straight back for the lock can keep it for all its batches: there the writers
        // pause after each batch, so that the lock does change hands.
        const int pauseUs = childProcess ? 1000 : 0;

        std::mutex mutex;
        QStringList errors;
        std::vector<WrittenBatch> batches;
        std::atomic<int> writersLeft {Writers};
        std::vector<qint64> tailed;
        int wentBackwards = 0;
        int maxWentBackwards = 0;
        int hiddenBelowMax = 0;
        QString readerError;
        {
            std::vector<std::unique_ptr<InfrastructureFactory>> factories;
            std::vector<std::shared_ptr<ApplicationRecorder>> writerRecorders;
            std::shared_ptr<ApplicationRecorder> reader;
            try {
                reader = store.factory->applicationRecorder(); // creates the table
                QCOMPARE(reader->maxNotificationId(), 0);
                for (int w = 0; w < (childProcess ? 1 : Writers); ++w) {
                    factories.push_back(childProcess ? store.another(
                                            {{QStringLiteral("SQLITE_LOCK_TIMEOUT"), WriterLockTimeout}})
                                                     : store.another());
                    writerRecorders.push_back(factories.back()->applicationRecorder());
                }
            } catch (const std::exception &e) {
                QFAIL(qPrintable(QStringLiteral("cannot make the recorders: ") + describe(e)));
            }

            QProcess child;
            if (childProcess) {
                child.start(QCoreApplication::applicationFilePath(),
                            {QStringLiteral("--contract-writer"),
                             store.vars.value(QStringLiteral("SQLITE_DBNAME")),
                             QString::number(batchesPerWriter), QString::number(BatchSize),
                             QString::number(pauseUs)});
                QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
                QByteArray ready;
                while (!ready.contains('\n') && child.waitForReadyRead(10000))
                    ready += child.readAllStandardOutput();
                QVERIFY2(ready.startsWith("ready\n"),
                         qPrintable(QString::fromLocal8Bit(ready + child.readAllStandardError())));
            }

            std::vector<std::thread> threads;
            for (size_t w = 0; w < writerRecorders.size(); ++w) {
                threads.emplace_back([&, w] {
                    try {
                        for (int i = 0; i < batchesPerWriter; ++i) {
                            WrittenBatch b;
                            b.writer = int(w);
                            b.ids = writerRecorders[w]->insertEvents(freshBatch(BatchSize, &b.originators));
                            {
                                std::lock_guard lock(mutex);
                                batches.push_back(std::move(b));
                            }
                            if (pauseUs > 0)
                                std::this_thread::sleep_for(std::chrono::microseconds(pauseUs));
                        }
                    } catch (const std::exception &e) {
                        std::lock_guard lock(mutex);
                        errors << describe(e);
                    }
                    --writersLeft;
                });
            }
            std::thread readerThread([&] {
                try {
                    qint64 position = 0;
                    qint64 lastMax = 0;
                    for (;;) {
                        const bool writersDone = writersLeft.load() == 0; // read before the max
                        const qint64 max = reader->maxNotificationId();
                        if (max < lastMax)
                            ++maxWentBackwards;
                        lastMax = max;
                        while (position < max) {
                            const auto page = reader->selectNotifications(
                                position + 1, std::min<qint64>(100, max - position));
                            if (page.empty()) {
                                // No rollbacks here, so no gaps: every id up to a visible max is visible.
                                ++hiddenBelowMax;
                                break;
                            }
                            for (const auto &n : page) {
                                if (n.id <= position)
                                    ++wentBackwards;
                                tailed.push_back(n.id);
                                position = n.id;
                            }
                        }
                        if (writersDone)
                            break;
                        std::this_thread::yield();
                    }
                } catch (const std::exception &e) {
                    readerError = describe(e);
                }
            });

            if (childProcess) {
                child.write("go\n");
                child.closeWriteChannel();
                const bool finished = child.waitForFinished(120000);
                const QByteArray out = child.readAllStandardOutput();
                const QByteArray err = child.readAllStandardError();
                {
                    std::lock_guard lock(mutex);
                    if (!finished || child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0)
                        errors << QStringLiteral("writer process: exit %1: %2")
                                      .arg(child.exitCode())
                                      .arg(QString::fromLocal8Bit(err));
                    else
                        try {
                            const QString bad = parseWriterOutput(out, 1, &batches);
                            if (!bad.isEmpty())
                                errors << bad;
                        } catch (const std::exception &e) {
                            errors << describe(e);
                        }
                }
                --writersLeft;
            }
            for (auto &th : threads)
                th.join();
            readerThread.join();
        }
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY2(readerError.isEmpty(), qPrintable(readerError));

        // Each batch: as many ids as events, contiguous; and no batch's ids among another's.
        QCOMPARE(int(batches.size()), Writers * batchesPerWriter);
        std::sort(batches.begin(), batches.end(),
                  [](const WrittenBatch &x, const WrittenBatch &y) { return x.ids.front() < y.ids.front(); });
        int notContiguous = 0;
        int interleaved = 0;
        int turns = 0; // how often the log passes from one writer's batch to the other's
        for (size_t i = 0; i < batches.size(); ++i) {
            const auto &ids = batches[i].ids;
            QCOMPARE(int(ids.size()), BatchSize);
            QCOMPARE(int(batches[i].originators.size()), BatchSize);
            for (size_t k = 1; k < ids.size(); ++k)
                if (ids[k] != ids[k - 1] + 1)
                    ++notContiguous;
            if (i > 0 && batches[i - 1].ids.back() >= ids.front())
                ++interleaved;
            if (i > 0 && batches[i - 1].writer != batches[i].writer)
                ++turns;
        }
        QCOMPARE(notContiguous, 0);
        QCOMPARE(interleaved, 0);
        // The writers did compete: otherwise this test showed nothing.
        QVERIFY2(turns > 0, "one writer finished before the other began");
        qInfo("%s: %d batches, the log changed writer %d times", qPrintable(backend), int(batches.size()),
              turns);

        try {
            auto check = store.another();
            auto r = check->applicationRecorder();
            const auto all = allNotifications(*r);
            QCOMPARE(int(all.size()), Writers * perWriter);
            std::vector<qint64> logIds;
            std::map<QUuid, int> seen;
            for (size_t i = 0; i < all.size(); ++i) {
                if (i > 0)
                    QVERIFY2(all[i].id > all[i - 1].id, "notification ids strictly increase");
                logIds.push_back(all[i].id);
                ++seen[all[i].originatorId];
                QCOMPARE(all[i].originatorVersion, 1);
                QCOMPARE(all[i].state, stateFor(all[i].originatorId, 1));
            }
            // Every event written is there exactly once, with the id its writer was told.
            std::vector<qint64> reported;
            for (const WrittenBatch &b : batches) {
                reported.insert(reported.end(), b.ids.begin(), b.ids.end());
                for (size_t k = 0; k < b.originators.size(); ++k) {
                    const auto it = seen.find(b.originators[k]);
                    QVERIFY(it != seen.end());
                    QCOMPARE(it->second, 1);
                }
            }
            QCOMPARE(int(seen.size()), Writers * perWriter);
            std::sort(reported.begin(), reported.end());
            QCOMPARE(reported, logIds);
            QCOMPARE(r->maxNotificationId(), logIds.back());

            // The reader never went back, the max never went down, and it missed nothing.
            QCOMPARE(wentBackwards, 0);
            QCOMPARE(maxWentBackwards, 0);
            QCOMPARE(hiddenBelowMax, 0);
            QCOMPARE(int(tailed.size()), Writers * perWriter);
            QCOMPARE(tailed, logIds);
        } catch (const std::exception &e) {
            QFAIL(qPrintable(QStringLiteral("unexpected exception: ") + describe(e)));
        }
    }
};

int main(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], "--contract-writer") == 0)
        return runContractWriter(argc, argv);
    QCoreApplication app(argc, argv);
    TestRecorderContract tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}
#include "tst_recorder_contract.moc"
