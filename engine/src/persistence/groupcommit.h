#pragma once
// Group commit for the durable recorders: saves that arrive while one is being written wait, and
// then the first of them (the leader) writes all that are waiting in ONE transaction, with one
// fsync, while the others sleep (LevelDB's writer queue, PostgreSQL's commit_delay). Each save is
// still atomic and its own: the writer gives each request its own savepoint, so a request's
// IntegrityError is that request's alone and the others commit. Notification ids stay in commit
// order, because one transaction at a time inserts (under the database's write lock or the table's
// EXCLUSIVE lock) and everything it inserted becomes visible at once.
//
// A leader waits briefly for the writers of the previous batch to come back before it writes: they
// were released when that batch committed and are about to submit again. Without the wait, sixteen
// writers fall into two alternating batches of eight; with it, one batch of sixteen per fsync. The
// wait ends as soon as as many requests are queued as the previous batch had writers, and never
// lasts longer than half the previous write (nor MaxWait): a lone writer never waits. The writer
// opens its transaction (and takes the write lock) before it asks for the batch, so that the wait
// overlaps that round trip instead of adding to it.
//
// Private to the engine. Thread-safe.

#include "es/persistence.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace es::detail {

// What a thread waiting in submit() is woken through. One per thread, shared, so that a leader
// can wake a batch's threads after letting go of the queue's mutex (woken under it, each would
// first block on it: two context switches instead of one) without any of them being gone yet.
struct CommitWaiter
{
    std::condition_variable wake;
};

// One save: what to insert, and what became of it.
struct CommitRequest
{
    const std::vector<StoredEvent> *events = nullptr;
    const Tracking *tracking = nullptr;
    std::vector<qint64> ids;     // set by the writer on success
    std::exception_ptr error;    // set by the writer when this request alone failed
    bool done = false;
    std::shared_ptr<CommitWaiter> waiter;
    // Set by the leader on the first save of its batch that it wakes: the others to wake, which
    // that save's thread does, so that the leader goes on to its next save at once.
    std::vector<std::shared_ptr<CommitWaiter>> wakeOthers;
};

class GroupCommit
{
public:
    // What a leader's writer writes: the leader's own save, and from requests() on the saves queued
    // behind it.
    class Batch
    {
    public:
        Batch(const Batch &) = delete;
        Batch &operator=(const Batch &) = delete;

        // The leader's save, known before the batch is gathered (to open the right transaction).
        const CommitRequest &leader() const { return m_leader; }
        // The saves to write, in submission order, the leader's first. Gathered at the first call,
        // after the wait for the previous batch's writers; the same at every later call (a retry).
        const std::vector<CommitRequest *> &requests()
        {
            if (!m_gathered)
                m_group.gather(*this);
            return m_requests;
        }

    private:
        friend class GroupCommit;
        Batch(GroupCommit &group, CommitRequest &leader)
            : m_group(group)
            , m_leader(leader)
        {
        }

        GroupCommit &m_group;
        CommitRequest &m_leader;
        std::vector<CommitRequest *> m_requests;
        bool m_gathered = false;
        std::chrono::steady_clock::duration m_waited{};
    };

    // Writes a batch in one transaction: opens it, asks for batch.requests(), writes them in order
    // and commits. It sets each request's ids, or its error when only that request failed (a
    // conflict); an exception it throws fails the whole batch, or only the leader's save when it
    // came before requests() was asked for (the others then wait for the next leader).
    using Writer = std::function<void(Batch &batch)>;

    // The most events a batch takes (a single larger request is still written alone).
    static constexpr size_t MaxBatchEvents = 10000;
    static constexpr std::chrono::microseconds MaxWait{2000};

    // What this process's group commits have done (es::groupCommitCounters()): batches written,
    // batches of more than one save (for tests: evidence that concurrent saves were grouped), the
    // saves they held, the time spent writing them and leaders' waits.
    struct Stats
    {
        std::atomic<unsigned long long> batches {0};
        std::atomic<unsigned long long> sharedBatches {0};
        std::atomic<unsigned long long> saves {0};
        std::atomic<unsigned long long> writeNanoseconds {0};
        std::atomic<unsigned long long> waitNanoseconds {0};
    };
    static Stats &stats()
    {
        static Stats s;
        return s;
    }

    // Records events (and tracking) through `write`, in this thread or in a leader's; returns their
    // notification ids or throws what the write threw for this request.
    std::vector<qint64> submit(const std::vector<StoredEvent> &events, const Tracking *tracking, const Writer &write)
    {
        thread_local const std::shared_ptr<CommitWaiter> waiter = std::make_shared<CommitWaiter>();
        CommitRequest request;
        request.events = &events;
        request.tracking = tracking;
        request.waiter = waiter;
        std::unique_lock lock(m_mutex);
        // `request` leaves m_queue before this function returns (the leader pops what it commits and
        // marks it done; we wait for that), so the pointer never dangles.
        // cppcheck-suppress danglingLifetime
        m_queue.push_back(&request);
        // cppcheck-suppress danglingLifetime
        if (m_leaderWaiting && m_queue.size() >= m_expected) {
            // The leader's wait for this batch is over.
            const std::shared_ptr<CommitWaiter> leader = m_queue.front()->waiter;
            lock.unlock();
            leader->wake.notify_one();
            lock.lock();
        }
        while (!request.done && m_queue.front() != &request)
            waiter->wake.wait(lock);
        if (!request.done) {
            lead(request, lock, write);
        } else if (!request.wakeOthers.empty()) {
            const std::vector<std::shared_ptr<CommitWaiter>> others = std::move(request.wakeOthers);
            lock.unlock();
            for (const auto &w : others)
                w->wake.notify_one();
        }
        if (request.error)
            std::rethrow_exception(request.error);
        return std::move(request.ids);
    }

private:
    using Clock = std::chrono::steady_clock;

    static unsigned long long nanoseconds(Clock::duration d)
    {
        return static_cast<unsigned long long>(std::chrono::duration_cast<std::chrono::nanoseconds>(d).count());
    }

    // `self` is at the front of the queue: write it and the requests queued behind it.
    void lead(CommitRequest &self, std::unique_lock<std::mutex> &lock, const Writer &write)
    {
        lock.unlock();
        Batch batch(*this, self);
        const auto start = Clock::now();
        std::exception_ptr error;
        try {
            write(batch);
        } catch (...) {
            error = std::current_exception();
        }
        if (!batch.m_gathered) { // failed before asking: the leader's save alone
            batch.m_requests = {&self};
            batch.m_gathered = true;
        }
        if (error) {
            for (CommitRequest *r : batch.m_requests) {
                r->ids.clear();
                r->error = error;
            }
        }
        const auto took = Clock::now() - start - batch.m_waited;
        const std::vector<CommitRequest *> &written = batch.m_requests;
        if (written.size() > 1)
            stats().sharedBatches.fetch_add(1, std::memory_order_relaxed);
        stats().batches.fetch_add(1, std::memory_order_relaxed);
        stats().saves.fetch_add(written.size(), std::memory_order_relaxed);
        stats().writeNanoseconds.fetch_add(nanoseconds(took), std::memory_order_relaxed);
        // The leader wakes the next leader (if saves are queued already) and the first of its
        // batch's others, who wakes the rest.
        std::vector<std::shared_ptr<CommitWaiter>> wake;
        CommitRequest *first = nullptr;
        lock.lock();
        m_lastWrite = took;
        for (CommitRequest *r : written) {
            m_queue.pop_front(); // the batch is the front of the queue, in order
            if (r == &self) {
            } else if (!first) {
                first = r;
            } else {
                first->wakeOthers.push_back(r->waiter);
            }
        }
        if (!m_queue.empty())
            wake.push_back(m_queue.front()->waiter); // the next leader
        if (first)
            wake.push_back(first->waiter);
        for (CommitRequest *r : written)
            r->done = true;
        // How many writers the next batch should wait for: this batch's, and any queued meanwhile.
        m_expected = written.size() + m_queue.size();
        lock.unlock();
        for (const auto &w : wake)
            w->wake.notify_one();
        lock.lock();
    }

    // Batch::requests(): waits (briefly) for the previous batch's writers, then takes the front of
    // the queue, up to MaxBatchEvents events.
    void gather(Batch &batch)
    {
        std::unique_lock lock(m_mutex);
        if (m_expected > 1 && m_queue.size() < m_expected) {
            const auto wait = std::min<Clock::duration>(m_lastWrite / 2, MaxWait);
            m_leaderWaiting = true;
            const auto w0 = Clock::now();
            batch.m_leader.waiter->wake.wait_for(lock, wait, [&] { return m_queue.size() >= m_expected; });
            batch.m_waited = Clock::now() - w0;
            stats().waitNanoseconds.fetch_add(nanoseconds(batch.m_waited), std::memory_order_relaxed);
            m_leaderWaiting = false;
        }
        size_t events = 0;
        for (CommitRequest *r : m_queue) {
            const size_t n = r->events->size();
            if (!batch.m_requests.empty() && events + n > MaxBatchEvents)
                break;
            batch.m_requests.push_back(r);
            events += n;
        }
        batch.m_gathered = true;
    }

    std::mutex m_mutex;
    std::deque<CommitRequest *> m_queue;
    size_t m_expected = 1;
    bool m_leaderWaiting = false;
    Clock::duration m_lastWrite{};
};

} // namespace es::detail
