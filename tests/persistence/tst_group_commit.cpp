// Group commit (engine/src/persistence/groupcommit.h): concurrent saves share one transaction and
// one fsync on the durable recorders, and each save is still atomic and its own.
//
// - The queue itself, with a writer of the test's: batches form behind a write in progress, every
//   request is written once and in queue order, a request's own error is its own, a writer's
//   exception fails its whole batch, results reach the right callers.
// - The recorders, in the recorder contract's style (a data row per backend; popo has no group
//   commit but keeps the same contract): many concurrent savers, some of whose saves conflict with
//   others' or with what is stored — exactly the non-conflicting saves are committed, all of their
//   events and none of a conflicting save's; notification ids increase in commit order, and a
//   reader tailing the log never sees an id appear behind it; process events' tracking records
//   are committed with their events or not at all. On the durable stores, saves were grouped.
// - The native driver paths are in use (the same tests run again without them: see CMakeLists).
#include "backendstore.h"

#include "es/errors.h"
#include "es/infrastructure.h"
#include "es/uuid.h"
#include "persistence/groupcommit.h"
#include "persistence/postgres/postgresdatastore.h"
#include "persistence/sqlite/sqlitedatastore.h"

#include <QAtomicInteger>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

using namespace es;
using es::detail::CommitRequest;
using es::detail::GroupCommit;

namespace {

const QString AppName = QStringLiteral("groupcommit");

// This test's stores: files and databases named "groupcommit".
struct Store : test::BackendStore
{
    Store() : BackendStore(AppName, QStringLiteral("groupcommit")) { }
};

bool durable(const QString &backend)
{
    return backend == QLatin1String("sqlite-file") || backend == QLatin1String("postgres");
}

QByteArray stateFor(const QUuid &id, qint64 version)
{
    return QByteArray("\x00\xff", 2) + uuid::toHex(id).toLatin1() + ':' + QByteArray::number(version);
}

StoredEvent storedEvent(const QUuid &id, qint64 version)
{
    return StoredEvent{id, version, QStringLiteral("tests:Happened"), stateFor(id, version)};
}

std::vector<Notification> allNotifications(ApplicationRecorder &r)
{
    std::vector<Notification> out;
    qint64 next = 1;
    for (;;) {
        auto page = r.selectNotifications(next, 1000);
        if (page.empty())
            return out;
        next = page.back().id + 1;
        std::move(page.begin(), page.end(), std::back_inserter(out));
    }
}

// What one save was and what became of it.
struct Save
{
    std::vector<StoredEvent> events;
    std::optional<Tracking> tracking;
    std::vector<qint64> ids;
    bool conflicted = false;
};

// Runs `threads` threads, each saving its list of saves in order; IntegrityError marks a save as
// conflicted, any other exception fails the test (returned as text).
QString runSavers(ApplicationRecorder &r, std::vector<std::vector<Save>> &plans)
{
    std::mutex mutex;
    QStringList errors;
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (auto &plan : plans) {
        threads.emplace_back([&] {
            while (!go.load())
                std::this_thread::yield();
            for (Save &s : plan) {
                try {
                    s.ids = r.insertEvents(s.events, s.tracking ? &*s.tracking : nullptr);
                } catch (const IntegrityError &) {
                    s.conflicted = true;
                } catch (const std::exception &e) {
                    std::lock_guard lock(mutex);
                    errors << QString::fromUtf8(e.what());
                    return;
                }
            }
        });
    }
    go = true;
    for (auto &t : threads)
        t.join();
    return errors.join(QLatin1Char('\n'));
}

// Holds a first write until the test opens it, once the other saves have queued behind it.
class Gate
{
public:
    void wait()
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait_for(lock, std::chrono::seconds(10), [&] { return m_open; });
    }
    // Gives the threads time to queue behind the held write, opens, and joins them.
    void openWhenQueued(std::vector<std::thread> &threads)
    {
        std::this_thread::sleep_for(std::chrono::milliseconds(200)); // into the queue
        {
            std::lock_guard lock(m_mutex);
            m_open = true;
        }
        m_changed.notify_all();
        for (auto &t : threads)
            t.join();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_open = false;
};

using test::describe;

} // namespace

// Runs body(backend, factory) on the row's store (see ES_WITH_BACKEND_STORE).
#define ES_GROUP_COMMIT(body) ES_WITH_BACKEND_STORE({}, body(backend, *store.factory);)

class TestGroupCommit : public QObject
{
    Q_OBJECT

    static void backends(bool withPopo = true)
    {
        QTest::addColumn<QString>("backend");
        for (const char *b : {"popo", "sqlite-memory", "sqlite-file", "postgres"})
            if (withPopo || qstrcmp(b, "popo") != 0)
                QTest::newRow(b) << QString::fromLatin1(b);
    }

    // --- recorder bodies ---------------------------------------------------------------------

    // 16 savers, 40 saves each. Every fourth save also claims the next version of one aggregate
    // all savers share (one saver wins each version, the others conflict); every tenth save, from
    // the sixth, repeats the first event of the saver's second save (which never conflicts), so it
    // always conflicts. Each save has an event of its own that exists nowhere else: it is in the log
    // exactly when the save succeeded.
    static void conflictsAreTheirOwn(const QString &backend, InfrastructureFactory &f)
    {
        constexpr int Savers = 16;
        constexpr int Saves = 40;
        auto r = f.applicationRecorder();
        const QUuid shared = uuid::v4();
        const unsigned long long groupedBefore = GroupCommit::stats().sharedBatches.load();

        std::vector<std::vector<Save>> plans(Savers);
        for (auto &plan : plans) {
            for (int i = 0; i < Saves; ++i) {
                Save s;
                const QUuid own = uuid::v4();
                s.events.push_back(storedEvent(own, 1));
                if (i % 3 == 1)
                    s.events.push_back(storedEvent(own, 2));
                if (i % 4 == 0)
                    s.events.push_back(storedEvent(shared, i / 4 + 1));
                if (i % 10 == 5)
                    s.events.push_back(plan[1].events.front());
                plan.push_back(std::move(s));
            }
        }
        const QString errors = runSavers(*r, plans);
        QVERIFY2(errors.isEmpty(), qPrintable(errors));

        const auto all = allNotifications(*r);
        std::map<std::pair<QUuid, qint64>, const Notification *> byKey;
        for (size_t i = 0; i < all.size(); ++i) {
            if (i > 0)
                QVERIFY2(all[i].id > all[i - 1].id, "notification ids increase");
            QVERIFY2(byKey.emplace(std::make_pair(all[i].originatorId, all[i].originatorVersion), &all[i]).second,
                     "every event once");
            QCOMPARE(all[i].state, stateFor(all[i].originatorId, all[i].originatorVersion));
        }
        QCOMPARE(r->maxNotificationId(), all.empty() ? 0 : all.back().id);

        size_t committedEvents = 0;
        int committedSaves = 0;
        std::map<qint64, int> sharedWinners; // version → saves that got it
        for (int t = 0; t < Savers; ++t) {
            for (int i = 0; i < Saves; ++i) {
                const Save &s = plans[size_t(t)][size_t(i)];
                const auto own = byKey.find({s.events.front().originatorId, 1});
                if (i % 10 == 5)
                    QVERIFY2(s.conflicted, "a save repeating a stored event conflicts");
                if (s.conflicted) {
                    QVERIFY2(own == byKey.end(), "nothing of a conflicting save is written");
                    QVERIFY(s.ids.empty());
                    continue;
                }
                ++committedSaves;
                committedEvents += s.events.size();
                QCOMPARE(s.ids.size(), s.events.size());
                for (size_t k = 0; k < s.events.size(); ++k) {
                    const auto it = byKey.find({s.events[k].originatorId, s.events[k].originatorVersion});
                    QVERIFY2(it != byKey.end(), "every event of a committed save is written");
                    QCOMPARE(it->second->id, s.ids[k]);
                    if (k > 0)
                        QCOMPARE(s.ids[k], s.ids[k - 1] + 1); // a save's events are not interleaved
                }
                if (i % 4 == 0)
                    ++sharedWinners[i / 4 + 1];
            }
        }
        // The shared aggregate: each version won by exactly one save.
        QCOMPARE(int(sharedWinners.size()), Saves / 4);
        for (const auto &[version, winners] : sharedWinners)
            QCOMPARE(winners, 1);
        QCOMPARE(all.size(), committedEvents);
        QVERIFY(committedSaves > Savers * Saves / 2);
        if (durable(backend))
            QVERIFY2(GroupCommit::stats().sharedBatches.load() > groupedBefore,
                     "concurrent saves were grouped");
    }

    // Eight writers of single-event saves and a reader tailing the log: every page the reader gets
    // continues after what it has seen (no id appears behind it), and in the end it has seen
    // exactly the log.
    static void tailingReaderMissesNothing(const QString &, InfrastructureFactory &f)
    {
        constexpr int Writers = 8;
        constexpr int Saves = 150;
        auto r = f.applicationRecorder();
        std::atomic<int> writersLeft{Writers};
        std::mutex mutex;
        QStringList errors;
        std::vector<std::thread> threads;
        for (int w = 0; w < Writers; ++w) {
            threads.emplace_back([&] {
                try {
                    for (int i = 0; i < Saves; ++i)
                        r->insertEvents({storedEvent(uuid::v4(), 1)});
                } catch (const std::exception &e) {
                    std::lock_guard lock(mutex);
                    errors << describe(e);
                }
                --writersLeft;
            });
        }
        std::vector<qint64> tailed;
        int behind = 0;
        int maxWentBack = 0;
        QString readerError;
        std::thread reader([&] {
            try {
                qint64 next = 1;
                qint64 lastMax = 0;
                for (;;) {
                    const bool done = writersLeft.load() == 0;
                    const qint64 max = r->maxNotificationId();
                    if (max < lastMax)
                        ++maxWentBack;
                    lastMax = max;
                    const auto page = r->selectNotifications(next, 50);
                    for (const auto &n : page) {
                        if (!tailed.empty() && n.id <= tailed.back())
                            ++behind;
                        tailed.push_back(n.id);
                        next = n.id + 1;
                    }
                    // An id at or below one seen before, in a later read, would be a gap that
                    // closed behind the reader: look back once in a while.
                    if (!tailed.empty() && tailed.size() % 97 == 0) {
                        const auto again = r->selectNotifications(1, qint64(tailed.size()) + 50);
                        qint64 seen = 0;
                        for (const auto &n : again) {
                            if (n.id > tailed.back())
                                break;
                            ++seen;
                        }
                        if (seen != qint64(tailed.size()))
                            ++behind;
                    }
                    if (page.empty()) {
                        if (done)
                            break;
                        std::this_thread::yield();
                    }
                }
            } catch (const std::exception &e) {
                readerError = describe(e);
            }
        });
        for (auto &t : threads)
            t.join();
        reader.join();
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY2(readerError.isEmpty(), qPrintable(readerError));
        QCOMPARE(behind, 0);
        QCOMPARE(maxWentBack, 0);
        QCOMPARE(int(tailed.size()), Writers * Saves);
        std::vector<qint64> logIds;
        for (const auto &n : allNotifications(*r))
            logIds.push_back(n.id);
        QCOMPARE(tailed, logIds);
    }

    // Process events from eight followers at once (each with its own upstream), some of which
    // repeat a tracking position already recorded: those write nothing, the rest write their
    // events and their tracking record together.
    static void trackingIsPartOfEachSave(const QString &, InfrastructureFactory &f)
    {
        constexpr int Followers = 8;
        constexpr int Saves = 30;
        auto r = f.processRecorder();
        std::vector<std::vector<Save>> plans(Followers);
        for (int t = 0; t < Followers; ++t) {
            const QString upstream = QStringLiteral("Upstream%1").arg(t);
            for (int i = 1; i <= Saves; ++i) {
                Save s;
                // Every third records its position alone (a notification the follower ignored),
                // not at the same turn for every follower: a batch such a save leads takes the events
                // table's lock only once it knows that the others have events.
                if ((i + t) % 3 != 0) {
                    s.events.push_back(storedEvent(uuid::v4(), 1));
                    if (i % 2)
                        s.events.push_back(storedEvent(uuid::v4(), 1));
                }
                // Every seventh repeats the position before it (a notification processed twice).
                s.tracking = Tracking{upstream, i % 7 == 0 ? i - 1 : i};
                plans[size_t(t)].push_back(std::move(s));
            }
        }
        const QString errors = runSavers(*r, plans);
        QVERIFY2(errors.isEmpty(), qPrintable(errors));

        std::set<std::pair<QUuid, qint64>> logged;
        for (const auto &n : allNotifications(*r))
            logged.insert({n.originatorId, n.originatorVersion});
        size_t expected = 0;
        for (int t = 0; t < Followers; ++t) {
            for (int i = 1; i <= Saves; ++i) {
                const Save &s = plans[size_t(t)][size_t(i - 1)];
                QCOMPARE(s.conflicted, i % 7 == 0);
                for (const StoredEvent &e : s.events)
                    QCOMPARE(logged.count({e.originatorId, e.originatorVersion}), size_t(s.conflicted ? 0 : 1));
                if (!s.conflicted)
                    expected += s.events.size();
            }
            QCOMPARE(r->maxTrackingId(QStringLiteral("Upstream%1").arg(t)), qint64(Saves));
        }
        QCOMPARE(logged.size(), expected);
    }

private slots:
    // --- the queue ---------------------------------------------------------------------------

    // While the first save is being written, the others queue; the next leader writes them all in
    // one batch, in queue order, each once; results and errors reach their own callers.
    void batchesFormBehindAWrite()
    {
        constexpr int Savers = 12;
        GroupCommit queue;
        std::mutex mutex;
        Gate gate;
        std::vector<std::vector<qint64>> batches; // versions of each batch's first events
        std::atomic<int> entered{0};
        bool gatheredOnce = true, leaderFirst = true;
        const GroupCommit::Writer write = [&](GroupCommit::Batch &group) {
            std::unique_lock lock(mutex);
            std::vector<qint64> versions;
            const std::vector<CommitRequest *> &batch = group.requests();
            gatheredOnce = gatheredOnce && &group.requests() == &batch;
            leaderFirst = leaderFirst && &group.leader() == batch.front();
            for (CommitRequest *r : batch) {
                versions.push_back(r->events->front().originatorVersion);
                if (r->events->front().topic == QLatin1String("conflict")) {
                    r->error = std::make_exception_ptr(IntegrityError(QStringLiteral("conflict %1").arg(versions.back())));
                } else {
                    for (const StoredEvent &e : *r->events)
                        r->ids.push_back(e.originatorVersion * 100);
                }
            }
            batches.push_back(versions);
            lock.unlock();
            if (versions.front() == 1) // hold the first write until everybody else is waiting
                gate.wait();
        };
        std::vector<std::vector<qint64>> results(Savers);
        std::vector<QString> errors(Savers);
        std::vector<std::thread> threads;
        threads.emplace_back([&] {
            const std::vector<StoredEvent> events{StoredEvent{uuid::v4(), 1, QStringLiteral("t"), {}}};
            results[0] = queue.submit(events, nullptr, write);
        });
        while (true) { // the first write is in progress
            std::lock_guard lock(mutex);
            if (!batches.empty())
                break;
        }
        for (int t = 1; t < Savers; ++t) {
            threads.emplace_back([&, t] {
                const QString topic = t % 5 == 0 ? QStringLiteral("conflict") : QStringLiteral("t");
                const std::vector<StoredEvent> events{StoredEvent{uuid::v4(), t + 1, topic, {}},
                                                      StoredEvent{uuid::v4(), t + 1, topic, {}}};
                ++entered;
                try {
                    results[size_t(t)] = queue.submit(events, nullptr, write);
                } catch (const IntegrityError &e) {
                    errors[size_t(t)] = e.message();
                }
            });
        }
        while (entered.load() < Savers - 1)
            std::this_thread::yield();
        gate.openWhenQueued(threads);

        QVERIFY(gatheredOnce);
        QVERIFY(leaderFirst);
        QCOMPARE(int(batches.size()), 2);
        QCOMPARE(batches[0], std::vector<qint64>{1});
        std::vector<qint64> second = batches[1];
        QCOMPARE(int(second.size()), Savers - 1);
        std::sort(second.begin(), second.end());
        for (int t = 1; t < Savers; ++t)
            QCOMPARE(second[size_t(t - 1)], qint64(t + 1));
        QCOMPARE(results[0], std::vector<qint64>{100});
        for (int t = 1; t < Savers; ++t) {
            if (t % 5 == 0) {
                QCOMPARE(errors[size_t(t)], QStringLiteral("conflict %1").arg(t + 1));
                QVERIFY(results[size_t(t)].empty());
            } else {
                QVERIFY(errors[size_t(t)].isEmpty());
                QCOMPARE(results[size_t(t)], (std::vector<qint64>{(t + 1) * 100, (t + 1) * 100}));
            }
        }
    }

    // An exception from the writer fails every save of its batch, and the queue goes on.
    void aFailedWriteFailsItsBatch()
    {
        GroupCommit queue;
        int calls = 0;
        const GroupCommit::Writer failing = [&](GroupCommit::Batch &batch) {
            ++calls;
            batch.requests();
            throw OperationalError(QStringLiteral("disk I/O error"));
        };
        const std::vector<StoredEvent> events{StoredEvent{uuid::v4(), 1, QStringLiteral("t"), {}}};
        QVERIFY_THROWS_EXCEPTION(OperationalError, queue.submit(events, nullptr, failing));
        QCOMPARE(calls, 1);
        const GroupCommit::Writer fine = [](GroupCommit::Batch &batch) {
            for (CommitRequest *r : batch.requests())
                r->ids = {7};
        };
        QCOMPARE(queue.submit(events, nullptr, fine), std::vector<qint64>{7});
    }

    // A writer that fails before asking for its batch (its transaction could not be opened) fails
    // the leader's save alone: the saves queued behind it are written by the next leader.
    void aWriteFailingBeforeItsBatchFailsTheLeaderAlone()
    {
        constexpr int Queued = 5;
        GroupCommit queue;
        std::mutex mutex;
        Gate gate;
        std::atomic<int> calls{0};
        std::vector<size_t> written; // batch sizes of the writes that got their batch
        const GroupCommit::Writer write = [&](GroupCommit::Batch &batch) {
            if (calls++ == 0) { // the first leader: hold until the others are queued, then fail
                gate.wait();
                throw OperationalError(QStringLiteral("lock timeout"));
            }
            std::lock_guard lock(mutex);
            written.push_back(batch.requests().size());
            for (CommitRequest *r : batch.requests())
                r->ids = {r->events->front().originatorVersion};
        };
        std::atomic<int> failed{0}, succeeded{0};
        auto save = [&](int version) {
            const std::vector<StoredEvent> events{StoredEvent{uuid::v4(), version, QStringLiteral("t"), {}}};
            try {
                if (queue.submit(events, nullptr, write) == std::vector<qint64>{version})
                    ++succeeded;
            } catch (const OperationalError &) {
                ++failed;
            }
        };
        std::vector<std::thread> threads;
        threads.emplace_back(save, 1);
        while (calls.load() == 0)
            std::this_thread::yield();
        for (int t = 0; t < Queued; ++t)
            threads.emplace_back(save, t + 2);
        gate.openWhenQueued(threads);
        QCOMPARE(failed.load(), 1);
        QCOMPARE(succeeded.load(), Queued);
        QCOMPARE(written, std::vector<size_t>{size_t(Queued)}); // one batch of all that queued
    }

    // --- the driver paths ----------------------------------------------------------------------

    // The recorders use the drivers' native handles, unless told not to (the second run of these
    // tests, through QSqlQuery only).
    void nativePathsInUse()
    {
        const bool sqliteOff = qEnvironmentVariable("ES_SQLITE_NATIVE") == QLatin1String("0");
        const bool pgOff = qEnvironmentVariable("ES_PG_NATIVE") == QLatin1String("0");
        {
            Store store;
            QVERIFY(store.open(QStringLiteral("sqlite-file")).isEmpty());
            store.factory->applicationRecorder()->insertEvents({storedEvent(uuid::v4(), 1)});
            QCOMPARE(detail::SqliteDatastore::nativeInUse(), !sqliteOff);
        }
        ES_REQUIRE_POSTGRES();
        Store store;
        const QString why = store.open(QStringLiteral("postgres"));
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const int before = detail::PostgresDatastore::nativeConnections();
        auto r = store.factory->applicationRecorder();
        const QUuid id = uuid::v4();
        r->insertEvents({storedEvent(id, 1), storedEvent(id, 2)});
        QCOMPARE(r->selectEvents(id).size(), size_t(2));
        QCOMPARE(r->selectNotifications(1, 10).size(), size_t(2));
        QCOMPARE(detail::PostgresDatastore::nativeConnections() > before, !pgOff);
    }

    // --- the recorders -------------------------------------------------------------------------

    void conflictsAreTheirOwn_data() { backends(); }
    void conflictsAreTheirOwn() { ES_GROUP_COMMIT(conflictsAreTheirOwn); }
    void tailingReaderMissesNothing_data() { backends(); }
    void tailingReaderMissesNothing() { ES_GROUP_COMMIT(tailingReaderMissesNothing); }
    // popo keeps Python's POPO rule (a tracking position at or below the last one conflicts), which
    // concurrent saves of one upstream would trip; the SQL stores have a key per position.
    void trackingIsPartOfEachSave_data() { backends(false); }
    void trackingIsPartOfEachSave() { ES_GROUP_COMMIT(trackingIsPartOfEachSave); }
};

QTEST_GUILESS_MAIN(TestGroupCommit)
#include "tst_group_commit.moc"
