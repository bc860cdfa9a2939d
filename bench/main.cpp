// es-bench — measures the engine's workloads per backend and prints one JSON line per backend
// (DESIGN §3.4). Everything but those lines goes to stderr.
//
// Workloads, as the Python peer runs them (one thread unless said otherwise):
//   create     N new aggregates, one save each with one event          → create_events_per_s
//   append     one aggregate, one event per save, N saves               → append_events_per_s
//   batch      saves of 100 new aggregates (one event each)             → batch_events_per_s
//   get        rebuild an aggregate of 101 events from its events       → get_aggregates_per_s, get_events_per_s
//   log        read every notification, in pages of 1000                → log_notifications_per_s
//   decode     map every notification back to a domain event            → decode_events_per_s
//   latency    the single-event saves of `create`, per save             → save_latency_p50/p95/p99_us
//   concurrent 1, 4, 16 threads saving new aggregates (one event per save) into one application,
//              in short slices taken in turn → concurrent_<n>_events_per_s, the median of the
//              slices' <n>-to-1 ratios concurrent_<n>_vs_1, latencies, and from the engine's group
//              commit counters saves_per_commit, commit_us (one transaction's write) and
//              leader_wait_us (a leader's wait for the previous batch's writers)
//   follower   worlds/counters: events processed per second by the Counters process application
//                                                                        → follower_events_per_s
//   baseline   bare sqlite3 / libpq loops of durable single-row commits, in slices taken in turn
//              with the engine's single-event saves → baseline_commits_per_s, the engine's
//              paired_saves_per_s, and the median of their ratios save_vs_baseline (1 = the fsync
//              limit; slices in turn because this machine's fsync rate drifts by 20x); and the
//              same loop committing 16 rows per transaction → baseline_16_rows_per_commit_vs_1,
//              the ceiling of concurrent_16_vs_1 on this disk
//   inspector  sqlite-file only: the Event Store Inspector's models on a store of 10M events (built
//              once per run), measured by es-inspector-bench in a child process → inspector_open_ms,
//              inspector_log_first_page_ms, inspector_log_last_page_ms, inspector_catalogue_first_page_ms,
//              inspector_peak_rss_mb (the child's), inspector_build_s
// Every figure is the median of the repetitions; "spread_pct" gives (max − min) / median for each.
#include "baselines.h"
#include "benchmodel.h"
#include "inspector.h"

#include "es/version.h"
#include "worlds/worlds.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

void say(const QString &text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
    std::fflush(stderr);
}

struct Options
{
    QStringList backends;
    QStringList workloads;
    int reps = 5;
    double scale = 1.0;
    double sliceSeconds = 0.25; // one slice of a paired measurement
    int slices = 8;             // slices of each kind per repetition
    std::vector<int> threads{1, 4, 16};
    QString dir;
};

bool durable(const QString &backend)
{
    return backend == QLatin1String("sqlite-file") || backend == QLatin1String("postgres");
}

// Sizes per backend: the durable ones save at the disk's fsync rate.
struct Sizes
{
    int create;
    int append;
    int batchSaves;
    int gets;
    int follower;
};

Sizes sizesFor(const QString &backend, double scale)
{
    const Sizes base = durable(backend) ? Sizes{2000, 2000, 100, 2000, 1000} : Sizes{20000, 20000, 200, 5000, 5000};
    auto s = [&](int n) { return std::max(1, static_cast<int>(std::lround(n * scale))); };
    return Sizes{s(base.create), s(base.append), s(base.batchSaves), s(base.gets), s(base.follower)};
}

// Where one run's store lives, and how to remove it.
class StoreSpec
{
public:
    StoreSpec(const QString &backend, const QString &dir, const QString &appName)
        : m_backend(backend)
        , m_dir(dir)
        , m_appName(appName)
    {
    }

    // The environment of an application named `name` in this store (each application its own file
    // or tables, as a Python system configures them).
    es::EnvMap env(const QString &name) const
    {
        es::EnvMap env;
        if (m_backend == QLatin1String("popo")) {
            env.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.popo:Factory"));
        } else if (m_backend == QLatin1String("sqlite-mem")) {
            env.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory"));
            env.insert(QStringLiteral("SQLITE_DBNAME"), QStringLiteral(":memory:"));
        } else if (m_backend == QLatin1String("sqlite-file")) {
            env.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory"));
            env.insert(QStringLiteral("SQLITE_DBNAME"), fileOf(name));
        } else {
            env.insert(QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.postgres:Factory"));
        }
        return env;
    }

    // Removes what applications of these names left behind.
    void cleanup(const QStringList &names) const
    {
        for (const QString &name : names) {
            if (m_backend == QLatin1String("sqlite-file")) {
                for (const char *suffix : {"", "-wal", "-shm"})
                    QFile::remove(fileOf(name) + QLatin1String(suffix));
            } else if (m_backend == QLatin1String("postgres")) {
                const QString t = name.toLower();
                const QString error = bench::postgresExec(
                    QStringLiteral("DROP TABLE IF EXISTS %1_events, %1_snapshots, %1_tracking").arg(t));
                if (!error.isEmpty())
                    say(QStringLiteral("es-bench: dropping %1's tables: %2").arg(name, error));
            }
        }
    }

private:
    QString fileOf(const QString &name) const { return m_dir + QLatin1Char('/') + name + QStringLiteral(".sqlite"); }

    QString m_backend;
    QString m_dir;
    QString m_appName;
};

// One repetition's figures (key → value); medians are taken key by key.
using Figures = std::map<std::string, double>;

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const double rank = p * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<size_t>(std::floor(rank));
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (rank - static_cast<double>(lo));
}

bool wants(const Options &o, const char *workload)
{
    return o.workloads.contains(QLatin1String(workload));
}

// create, append, batch, get, log, decode (and latency) on one fresh store.
void runSingleThreaded(const Options &o, const QString &backend, int rep, Figures &f)
{
    const Sizes sizes = sizesFor(backend, o.scale);
    const QString name = QStringLiteral("EsBench%1").arg(rep);
    const StoreSpec spec(backend, o.dir, name);
    spec.cleanup({name});
    {
        bench::DogSchool app(name, spec.env(name));
        app.initialise();

        if (wants(o, "create")) {
            std::vector<double> latencies;
            latencies.reserve(static_cast<size_t>(sizes.create));
            const auto t0 = Clock::now();
            for (int i = 0; i < sizes.create; ++i) {
                auto dog = bench::Dog::create(QStringLiteral("Fido"));
                const auto s0 = Clock::now();
                app.save(*dog);
                latencies.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s0).count());
            }
            f["create_events_per_s"] = sizes.create / secondsSince(t0);
            f["save_latency_p50_us"] = percentile(latencies, 0.50);
            f["save_latency_p95_us"] = percentile(latencies, 0.95);
            f["save_latency_p99_us"] = percentile(latencies, 0.99);
        }
        if (wants(o, "append")) {
            auto dog = bench::Dog::create(QStringLiteral("Rex"));
            app.save(*dog);
            const auto t0 = Clock::now();
            for (int i = 0; i < sizes.append; ++i) {
                dog->addTrick(QStringLiteral("roll over"));
                app.save(*dog);
            }
            f["append_events_per_s"] = sizes.append / secondsSince(t0);
        }
        if (wants(o, "batch")) {
            const auto t0 = Clock::now();
            for (int b = 0; b < sizes.batchSaves; ++b) {
                std::vector<std::unique_ptr<bench::Dog>> dogs;
                std::vector<es::Aggregate *> ptrs;
                dogs.reserve(100);
                ptrs.reserve(100);
                for (int i = 0; i < 100; ++i) {
                    dogs.push_back(bench::Dog::create(QStringLiteral("Fido")));
                    ptrs.push_back(dogs.back().get());
                }
                app.save(ptrs);
            }
            f["batch_events_per_s"] = sizes.batchSaves * 100.0 / secondsSince(t0);
        }
        if (wants(o, "get")) {
            auto dog = bench::Dog::create(QStringLiteral("Max"));
            for (int i = 0; i < 100; ++i)
                dog->addTrick(QStringLiteral("trick %1").arg(i));
            app.save(*dog);
            const QUuid id = dog->id();
            const auto t0 = Clock::now();
            for (int i = 0; i < sizes.gets; ++i) {
                const auto got = app.repository().get<bench::Dog>(id);
                if (got->version() != 101)
                    throw es::ValueError(QStringLiteral("es-bench: rebuilt version %1, not 101").arg(got->version()));
            }
            const double s = secondsSince(t0);
            f["get_aggregates_per_s"] = sizes.gets / s;
            f["get_events_per_s"] = sizes.gets * 101.0 / s;
        }
        if (wants(o, "log") || wants(o, "decode")) {
            es::ApplicationRecorder &recorder = app.recorder();
            std::vector<es::Notification> all;
            qint64 reads = 0;
            const auto t0 = Clock::now();
            do {
                qint64 start = 1;
                for (;;) {
                    std::vector<es::Notification> page = recorder.selectNotifications(start, 1000);
                    if (page.empty())
                        break;
                    start = page.back().id + 1;
                    reads += static_cast<qint64>(page.size());
                    if (all.size() < static_cast<size_t>(start - 1))
                        std::move(page.begin(), page.end(), std::back_inserter(all));
                }
            } while (secondsSince(t0) < 0.5);
            f["log_notifications_per_s"] = static_cast<double>(reads) / secondsSince(t0);
            f["notifications"] = static_cast<double>(all.size());
            if (wants(o, "decode")) {
                es::Mapper &mapper = app.mapper();
                qint64 decoded = 0;
                const auto d0 = Clock::now();
                do {
                    for (const es::Notification &n : all) {
                        const es::DomainEventPtr e = mapper.toDomainEvent(n);
                        decoded += e ? 1 : 0;
                    }
                } while (secondsSince(d0) < 0.5);
                f["decode_events_per_s"] = static_cast<double>(decoded) / secondsSince(d0);
            }
        }
    }
    spec.cleanup({name});
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Threads saving new aggregates (one event per save) into one application, slice after slice.
// The threads live as long as the pool, as a server's would: each keeps its connection.
class WriterPool
{
public:
    WriterPool(es::Application &app, int threads)
        : m_app(app)
        , m_counts(static_cast<size_t>(threads), 0)
        , m_latencies(static_cast<size_t>(threads))
    {
        for (int t = 0; t < threads; ++t)
            m_threads.emplace_back([this, t] { work(static_cast<size_t>(t)); });
    }
    ~WriterPool()
    {
        {
            std::lock_guard lock(m_mutex);
            m_quit = true;
        }
        m_changed.notify_all();
        for (auto &th : m_threads)
            th.join();
    }

    // Saves for `seconds`; returns events per second and adds each save's latency (µs).
    double run(double seconds, std::vector<double> &latencies)
    {
        std::unique_lock lock(m_mutex);
        std::fill(m_counts.begin(), m_counts.end(), 0);
        for (auto &l : m_latencies)
            l.clear();
        m_running = true;
        ++m_slice;
        m_changed.notify_all();
        lock.unlock();
        const auto t0 = Clock::now();
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
        lock.lock();
        m_running = false;
        m_changed.wait(lock, [&] { return m_busy == 0; });
        const double s = secondsSince(t0);
        if (!m_error.isEmpty())
            throw es::OperationalError(QStringLiteral("es-bench: concurrent save failed: %1").arg(m_error));
        qint64 total = 0;
        for (size_t t = 0; t < m_counts.size(); ++t) {
            total += m_counts[t];
            latencies.insert(latencies.end(), m_latencies[t].begin(), m_latencies[t].end());
        }
        return static_cast<double>(total) / s;
    }

private:
    void work(size_t t)
    {
        int seen = 0;
        for (;;) {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return m_quit || (m_running && m_slice != seen); });
            if (m_quit)
                return;
            seen = m_slice;
            ++m_busy;
            lock.unlock();
            qint64 n = 0;
            std::vector<double> &mine = m_latencies[t];
            try {
                while (m_running.load(std::memory_order_relaxed)) {
                    auto dog = bench::Dog::create(QStringLiteral("Fido"));
                    const auto s0 = Clock::now();
                    m_app.save(*dog);
                    mine.push_back(std::chrono::duration<double, std::micro>(Clock::now() - s0).count());
                    ++n;
                }
            } catch (const std::exception &e) {
                std::lock_guard errorLock(m_mutex);
                m_error = QString::fromUtf8(e.what());
            }
            lock.lock();
            m_counts[t] = n;
            --m_busy;
            m_changed.notify_all();
        }
    }

    es::Application &m_app;
    std::vector<std::thread> m_threads;
    std::vector<qint64> m_counts;
    std::vector<std::vector<double>> m_latencies;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::atomic<bool> m_running{false};
    int m_slice = 0;
    int m_busy = 0;
    bool m_quit = false;
    QString m_error;
};

// Concurrent writers: slices of each thread count in turn (the order rotating), so that the
// ratios compare slices taken under the same disk weather.
void runConcurrent(const Options &o, const QString &backend, int rep, Figures &f)
{
    const QString name = QStringLiteral("EsBenchC%1").arg(rep);
    const StoreSpec spec(backend, o.dir, name);
    spec.cleanup({name});
    {
        bench::DogSchool app(name, spec.env(name));
        app.initialise();
        const size_t kinds = o.threads.size();
        std::vector<std::vector<double>> rates(kinds), latencies(kinds);
        std::vector<double> commits(kinds, 0), saves(kinds, 0), writeNs(kinds, 0), waitNs(kinds, 0);
        std::vector<std::unique_ptr<WriterPool>> pools;
        std::vector<double> warmUp;
        for (const int threads : o.threads) {
            pools.push_back(std::make_unique<WriterPool>(app, threads));
            pools.back()->run(o.sliceSeconds / 2, warmUp); // connections opened, statements prepared
        }
        for (int k = 0; k < o.slices; ++k) {
            for (size_t j = 0; j < kinds; ++j) {
                const size_t i = (j + static_cast<size_t>(k)) % kinds;
                const es::GroupCommitCounters c0 = es::groupCommitCounters();
                rates[i].push_back(pools[i]->run(o.sliceSeconds, latencies[i]));
                const es::GroupCommitCounters c1 = es::groupCommitCounters();
                commits[i] += static_cast<double>(c1.commits - c0.commits);
                saves[i] += static_cast<double>(c1.saves - c0.saves);
                writeNs[i] += static_cast<double>(c1.writeNanoseconds - c0.writeNanoseconds);
                waitNs[i] += static_cast<double>(c1.waitNanoseconds - c0.waitNanoseconds);
            }
        }
        // Every save must be there, once.
        size_t saved = warmUp.size();
        for (const auto &l : latencies)
            saved += l.size();
        const qint64 recorded = app.recorder().maxNotificationId();
        if (recorded != static_cast<qint64>(saved))
            throw es::OperationalError(QStringLiteral("es-bench: the log ends at %1").arg(recorded));
        const auto base = std::find(o.threads.begin(), o.threads.end(), 1);
        for (size_t i = 0; i < kinds; ++i) {
            const std::string key = "concurrent_" + std::to_string(o.threads[i]);
            f[key + "_events_per_s"] = median(rates[i]);
            f[key + "_latency_p50_us"] = percentile(latencies[i], 0.50);
            f[key + "_latency_p99_us"] = percentile(latencies[i], 0.99);
            if (commits[i] > 0) { // saves that shared one transaction (and fsync), on average
                f[key + "_saves_per_commit"] = saves[i] / commits[i];
                f[key + "_commit_us"] = writeNs[i] / commits[i] / 1000; // one transaction's write
                f[key + "_leader_wait_us"] = waitNs[i] / commits[i] / 1000;
            }
            if (base != o.threads.end() && o.threads[i] != 1) {
                const size_t b = static_cast<size_t>(base - o.threads.begin());
                std::vector<double> ratios;
                ratios.reserve(static_cast<size_t>(o.slices));
                for (int k = 0; k < o.slices; ++k)
                    ratios.push_back(rates[i][static_cast<size_t>(k)] / rates[b][static_cast<size_t>(k)]);
                f[key + "_vs_1"] = median(ratios);
            }
        }
    }
    spec.cleanup({name});
}

// worlds/counters: the leader's log is filled first (in batches), then the Counters process
// application processes all of it; each notification is one recorded process event (the counter's
// new event and the tracking record in one transaction).
void runFollower(const Options &o, const QString &backend, int /*rep*/, Figures &f)
{
    const Sizes sizes = sizesFor(backend, o.scale);
    const QString leaderName = QString::fromUtf8(worlds::WorldsApplication::NAME);
    const QString counterName = QString::fromUtf8(worlds::Counters::NAME);
    const StoreSpec spec(backend, o.dir, leaderName);
    spec.cleanup({leaderName, counterName});
    {
        es::EnvMap env = spec.env(leaderName);
        if (backend == QLatin1String("sqlite-file")) {
            // Each application its own file, by the name-prefixed variable.
            env.insert(QStringLiteral("WORLDSAPPLICATION_SQLITE_DBNAME"), env.value(QStringLiteral("SQLITE_DBNAME")));
            env.insert(QStringLiteral("COUNTERS_SQLITE_DBNAME"), spec.env(counterName).value(QStringLiteral("SQLITE_DBNAME")));
            env.remove(QStringLiteral("SQLITE_DBNAME"));
        }
        worlds::WorldsApplication leader(env);
        worlds::Counters counters(env);
        leader.initialise();
        counters.initialise();
        // Ten worlds, a hundred different things happening: counters stay small, so the figure is
        // the processing, not the rebuilding of ever longer counters.
        std::vector<std::unique_ptr<worlds::World>> all;
        all.reserve(10);
        for (int w = 0; w < 10; ++w)
            all.push_back(worlds::World::create());
        int made = 0;
        while (made < sizes.follower) {
            std::vector<es::Aggregate *> ptrs;
            for (auto &w : all) {
                for (int i = 0; i < 10 && made < sizes.follower; ++i, ++made)
                    w->makeItSo(QStringLiteral("thing %1").arg(made % 100));
                ptrs.push_back(w.get());
            }
            leader.save(ptrs);
        }
        const qint64 expected = leader.recorder().maxNotificationId();
        counters.follow(leaderName, leader.logPtr());
        const auto t0 = Clock::now();
        const qint64 processed = counters.pullAndProcess(leaderName);
        const double s = secondsSince(t0);
        if (processed != expected)
            throw es::OperationalError(QStringLiteral("es-bench: follower processed %1 of %2").arg(processed).arg(expected));
        f["follower_events_per_s"] = static_cast<double>(processed) / s;
    }
    spec.cleanup({leaderName, counterName});
}

// The engine's single-event saves next to a bare loop of the same durable commits, in slices
// taken in turn (which goes first alternates).
void runBaseline(const Options &o, const QString &backend, int rep, Figures &f)
{
    std::unique_ptr<bench::BaselineLoop> loop;
    if (backend == QLatin1String("sqlite-file"))
        loop = bench::sqliteLoop(o.dir);
    else if (backend == QLatin1String("postgres"))
        loop = bench::libpqLoop();
    else
        return;
    if (!loop->error().isEmpty())
        throw es::OperationalError(QStringLiteral("es-bench: baseline: %1").arg(loop->error()));
    const QString name = QStringLiteral("EsBenchB%1").arg(rep);
    const StoreSpec spec(backend, o.dir, name);
    spec.cleanup({name});
    {
        bench::DogSchool app(name, spec.env(name));
        app.initialise();
        using Shape = bench::BaselineLoop::Shape;
        const bool pg = backend == QLatin1String("postgres");
        std::vector<double> engine, bare, autocommit, locked, ratios, lockedRatios, grouped, groupedRatios;
        for (int k = 0; k < o.slices; ++k) {
            double e = 0, b = 0, l = 0;
            for (int turn = 0; turn < (pg ? 3 : 2); ++turn) {
                if ((turn + k) % (pg ? 3 : 2) == 2) {
                    l = loop->run(o.sliceSeconds, Shape::Locked);
                } else if ((turn + k) % (pg ? 3 : 2) == 0) {
                    long n = 0;
                    const auto t0 = Clock::now();
                    do {
                        auto dog = bench::Dog::create(QStringLiteral("Fido"));
                        app.save(*dog);
                        ++n;
                    } while (secondsSince(t0) < o.sliceSeconds);
                    e = static_cast<double>(n) / secondsSince(t0);
                } else {
                    b = loop->run(o.sliceSeconds);
                }
            }
            if (!loop->error().isEmpty())
                throw es::OperationalError(QStringLiteral("es-bench: baseline: %1").arg(loop->error()));
            engine.push_back(e);
            bare.push_back(b);
            ratios.push_back(e / b);
            if (pg) {
                locked.push_back(l);
                lockedRatios.push_back(e / l);
            }
            autocommit.push_back(loop->run(o.sliceSeconds / 2, Shape::Autocommit));
            // Commits of 16 rows, next to this slice's one-row commits: how much 16 writers can
            // gain at best from sharing commits on this disk (a commit's cost grows with its rows).
            const double g = loop->run(o.sliceSeconds / 2, pg ? Shape::Locked : Shape::Transaction, 16);
            grouped.push_back(g);
            groupedRatios.push_back(g / (pg ? l : b));
        }
        f["paired_saves_per_s"] = median(engine);
        f["baseline_commits_per_s"] = median(bare);
        f["baseline_autocommit_per_s"] = median(autocommit);
        f["save_vs_baseline"] = median(ratios);
        f["baseline_16_rows_per_commit_rows_per_s"] = median(grouped);
        f["baseline_16_rows_per_commit_vs_1"] = median(groupedRatios);
        if (pg) {
            f["baseline_locked_commits_per_s"] = median(locked);
            f["save_vs_locked_baseline"] = median(lockedRatios);
        }
    }
    spec.cleanup({name});
}

std::string number(double v)
{
    if (!std::isfinite(v))
        return "null";
    char buf[64];
    if (std::fabs(v) >= 100)
        std::snprintf(buf, sizeof buf, "%.0f", v);
    else
        std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

std::string jsonLine(const QString &backend, const std::vector<Figures> &reps)
{
    std::map<std::string, std::vector<double>> byKey;
    for (const Figures &f : reps)
        for (const auto &[k, v] : f)
            byKey[k].push_back(v);
    std::string out = "{\"backend\": \"" + backend.toStdString() + "\", \"reps\": " + std::to_string(reps.size());
    std::string spread;
    for (auto &[k, values] : byKey) {
        std::sort(values.begin(), values.end());
        const size_t n = values.size();
        const double median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        out += ", \"" + k + "\": " + number(median);
        if (n > 1 && median != 0) {
            spread += spread.empty() ? "" : ", ";
            spread += "\"" + k + "\": " + number(100.0 * (values.back() - values.front()) / median);
        }
    }
    out += ", \"spread_pct\": {" + spread + "}}";
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("es-bench"));
    QCoreApplication::setApplicationVersion(es::engineVersion());

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Measures the engine's workloads per backend; prints one JSON object per backend on stdout."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption backendsOpt(QStringList{QStringLiteral("b"), QStringLiteral("backends")},
                                         QStringLiteral("Backends to run (popo,sqlite-mem,sqlite-file,postgres)."),
                                         QStringLiteral("list"), QStringLiteral("popo,sqlite-mem,sqlite-file,postgres"));
    const QCommandLineOption workloadsOpt(
        QStringList{QStringLiteral("w"), QStringLiteral("workloads")},
        QStringLiteral("Workloads (create,append,batch,get,log,decode,concurrent,follower,baseline,inspector)."),
        QStringLiteral("list"), QStringLiteral("create,append,batch,get,log,decode,concurrent,follower,baseline,inspector"));
    const QCommandLineOption repsOpt(QStringList{QStringLiteral("r"), QStringLiteral("reps")},
                                     QStringLiteral("Repetitions; figures are their medians (default 5)."),
                                     QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption scaleOpt(QStringList{QStringLiteral("s"), QStringLiteral("scale")},
                                      QStringLiteral("Multiplies every workload's size (default 1; the sizes are "
                                                     "20000 creates/appends, 200 batches of 100, 5000 gets, 5000 "
                                                     "followed events in memory; a tenth of the saves, 2000 gets and "
                                                     "1000 followed events on the durable stores)."),
                                      QStringLiteral("factor"), QStringLiteral("1"));
    const QCommandLineOption threadsOpt(QStringLiteral("threads"),
                                        QStringLiteral("Concurrent writer counts (default 1,4,16)."),
                                        QStringLiteral("list"), QStringLiteral("1,4,16"));
    const QCommandLineOption secondsOpt(QStringLiteral("slice"),
                                        QStringLiteral("Duration of each slice of the concurrent and baseline "
                                                       "measurements, taken in turn (default 0.25)."),
                                        QStringLiteral("s"), QStringLiteral("0.25"));
    const QCommandLineOption slicesOpt(QStringLiteral("slices"),
                                       QStringLiteral("Slices of each kind per repetition (default 8)."),
                                       QStringLiteral("n"), QStringLiteral("8"));
    const QCommandLineOption concurrentAllOpt(QStringLiteral("concurrent-all"),
                                              QStringLiteral("Run the concurrent writers on every backend, not only "
                                                             "the durable ones."));
    const QCommandLineOption dirOpt(QStringLiteral("dir"),
                                    QStringLiteral("Directory for SQLite files (default: a temporary directory)."),
                                    QStringLiteral("path"));
    const QCommandLineOption inspectorEventsOpt(QStringLiteral("inspector-events"),
                                                QStringLiteral("Events in the inspector's store (default 10000000)."),
                                                QStringLiteral("n"), QStringLiteral("10000000"));
    const QCommandLineOption inspectorStoreOpt(QStringLiteral("inspector-store"),
                                               QStringLiteral("Measure the inspector on this SQLite store instead of "
                                                              "building one."),
                                               QStringLiteral("file"));
    const QCommandLineOption inspectorToolOpt(QStringLiteral("inspector-tool"),
                                              QStringLiteral("The es-inspector-bench executable (default: the build "
                                                             "tree's, beside es-bench)."),
                                              QStringLiteral("path"));
    parser.addOptions({backendsOpt, workloadsOpt, repsOpt, scaleOpt, threadsOpt, secondsOpt, slicesOpt, concurrentAllOpt,
                       dirOpt, inspectorEventsOpt, inspectorStoreOpt, inspectorToolOpt});
    parser.process(app);

    Options o;
    o.backends = parser.value(backendsOpt).split(QLatin1Char(','), Qt::SkipEmptyParts);
    o.workloads = parser.value(workloadsOpt).split(QLatin1Char(','), Qt::SkipEmptyParts);
    bool ok = true;
    o.reps = parser.value(repsOpt).toInt(&ok);
    if (!ok || o.reps < 1) {
        say(QStringLiteral("es-bench: --reps must be a positive integer"));
        return 2;
    }
    o.scale = parser.value(scaleOpt).toDouble(&ok);
    if (!ok || o.scale <= 0) {
        say(QStringLiteral("es-bench: --scale must be a positive number"));
        return 2;
    }
    o.sliceSeconds = parser.value(secondsOpt).toDouble(&ok);
    if (!ok || o.sliceSeconds <= 0) {
        say(QStringLiteral("es-bench: --slice must be a positive number"));
        return 2;
    }
    o.slices = parser.value(slicesOpt).toInt(&ok);
    if (!ok || o.slices < 1) {
        say(QStringLiteral("es-bench: --slices must be a positive integer"));
        return 2;
    }
    o.threads.clear();
    for (const QString &t : parser.value(threadsOpt).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const int n = t.toInt(&ok);
        if (!ok || n < 1) {
            say(QStringLiteral("es-bench: --threads takes positive integers"));
            return 2;
        }
        o.threads.push_back(n);
    }
    for (const QString &b : o.backends) {
        if (b != QLatin1String("popo") && b != QLatin1String("sqlite-mem") && b != QLatin1String("sqlite-file")
            && b != QLatin1String("postgres")) {
            say(QStringLiteral("es-bench: unknown backend '%1'").arg(b));
            return 2;
        }
    }
    QTemporaryDir tmp;
    o.dir = parser.isSet(dirOpt) ? parser.value(dirOpt) : tmp.path();
    if (o.backends.contains(QLatin1String("postgres"))
        && !QProcessEnvironment::systemEnvironment().contains(QStringLiteral("POSTGRES_DBNAME"))) {
        say(QStringLiteral("es-bench: postgres needs POSTGRES_HOST/PORT/USER/PASSWORD/DBNAME (make bench runs a "
                           "throwaway server through tests/support/with-postgres.sh)"));
        return 2;
    }

    const qint64 inspectorEvents = parser.value(inspectorEventsOpt).toLongLong(&ok);
    if (!ok || inspectorEvents < 1) {
        say(QStringLiteral("es-bench: --inspector-events must be a positive integer"));
        return 2;
    }
    bench::InspectorBench inspector(parser.isSet(inspectorToolOpt) ? parser.value(inspectorToolOpt)
                                                                   : bench::InspectorBench::defaultTool(),
                                    o.dir, inspectorEvents, parser.value(inspectorStoreOpt));

    say(QStringLiteral("es-bench %1: backends %2, %3 repetitions, scale %4")
            .arg(es::engineVersion(), o.backends.join(QLatin1Char(',')))
            .arg(o.reps)
            .arg(o.scale));
    int status = 0;
    for (const QString &backend : o.backends) {
        std::vector<Figures> reps;
        try {
            for (int rep = 0; rep < o.reps; ++rep) {
                Figures f;
                runSingleThreaded(o, backend, rep, f);
                if (wants(o, "concurrent") && (durable(backend) || parser.isSet(concurrentAllOpt)))
                    runConcurrent(o, backend, rep, f);
                if (wants(o, "follower"))
                    runFollower(o, backend, rep, f);
                if (wants(o, "baseline"))
                    runBaseline(o, backend, rep, f);
                if (wants(o, "inspector") && backend == QLatin1String("sqlite-file"))
                    f.merge(inspector.measure());
                std::string line;
                for (const auto &[k, v] : f)
                    line += " " + k + "=" + number(v);
                say(QStringLiteral("%1 rep %2:%3").arg(backend).arg(rep + 1).arg(QString::fromStdString(line)));
                reps.push_back(std::move(f));
            }
        } catch (const std::exception &e) {
            say(QStringLiteral("es-bench: %1: %2").arg(backend, QString::fromUtf8(e.what())));
            status = 1;
            continue;
        }
        std::printf("%s\n", jsonLine(backend, reps).c_str());
        std::fflush(stdout);
    }
    return status;
}
