#pragma once
// StoreSession: one open store and the threads that read it, for the GUI thread.
//
// Every database call of the inspector runs here, never on the GUI thread (DESIGN §4). A session
// owns two worker threads (QThread), each with its own database connection to the store:
//   Lane::Interactive — short jobs a user waits for: opening the store, pages of the catalogue,
//                       the log, events, snapshots, tracking, one aggregate's state;
//   Lane::Background  — long jobs: counts, catalogue totals, verify, export, rebuild/diff;
// so a count of a 10M-event store never delays the next page. Jobs of a lane run one at a time in
// the order posted.
//
// A job is posted from the GUI thread with a receiver (a QObject living in the GUI thread), a
// generation token and two callables: `work` runs in the worker thread and returns a value;
// `done(value, generation)` then runs in the GUI thread — delivered by a queued call — unless the
// receiver was destroyed meanwhile. Every exception thrown by `work` is caught in the worker and
// delivered as a JobFailure to `failed` and as the jobFailed() signal; none ever reaches the GUI
// thread or crashes. The generation token is the requester's: a model that re-queries bumps its
// own generation and drops every answer that carries an older one (see Generation below).
//
// Long jobs are cancellable: cancel(id) raises the job's es::inspect::CancelFlag, which the engine
// checks between chunks (the job then ends as cancelled: jobCancelled(), failed() with
// cancelled = true). A job cancelled before it starts never runs. Progress reported through
// JobControl::progress() arrives as jobProgress() (throttled to ~10 per second).
//
// Thread-safety: a StoreSession and everything it returns are for the GUI thread only (the thread
// that created it). The store itself (store()) is thread-safe; `work` callables must capture values
// (a Source, ids), never the model that posted them.
// Ownership: the session owns its threads; destroying it cancels every job, waits for the running
// ones to stop, releases the threads' connections and drops undelivered answers.

#include "es/inspect/decoding.h"
#include "es/inspect/store.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace es::gui {

enum class Lane { Interactive, Background };

// What a job's `work` receives, in the worker thread. Thread-safe.
class JobControl
{
public:
    JobControl(quint64 id, es::inspect::CancelFlag cancel, std::function<void(qint64, qint64)> report)
        : m_id(id), m_cancel(std::move(cancel)), m_report(std::move(report))
    { }
    quint64 id() const { return m_id; }
    // The flag to hand to the engine's long operations (counts, verify, export…).
    const es::inspect::CancelFlag &cancelFlag() const { return m_cancel; }
    bool isCancelled() const { return m_cancel.isCancelled(); }
    // Progress to pass to the engine (throttled before it reaches the GUI thread).
    es::inspect::Progress progress() const { return m_report; }
    void reportProgress(qint64 done, qint64 total) const
    {
        if (m_report)
            m_report(done, total);
    }

private:
    quint64 m_id;
    es::inspect::CancelFlag m_cancel;
    std::function<void(qint64, qint64)> m_report;
};

// Why a job produced no value.
struct JobFailure
{
    quint64 job = 0;
    quint64 generation = 0;
    bool cancelled = false; // it was cancelled (then message is "cancelled")
    QString message; // the exception's message (engine messages are meant for users)
    QString exceptionType; // the C++ exception class when known ("es::OperationalError"…), for logs
};

// A model's generation counter: bump() on every re-query, accept(token) when an answer lands — it
// counts and refuses answers of older generations. GUI thread only.
class Generation
{
public:
    quint64 current() const { return m_value; }
    quint64 bump() { return ++m_value; }
    bool accept(quint64 token)
    {
        if (token == m_value)
            return true;
        ++m_dropped;
        return false;
    }
    // Answers refused so far (for tests and diagnostics).
    quint64 dropped() const { return m_dropped; }

private:
    quint64 m_value = 1;
    quint64 m_dropped = 0;
};

// Options of one job.
struct JobOptions
{
    Lane lane = Lane::Interactive;
    // Shown by jobStarted() (e.g. "Counting bankaccounts"); jobs with no title (page fetches) are
    // quiet: no jobStarted()/jobFinished() signals, only jobFailed().
    QString title;
    // The requester's generation, handed back to done()/failed() and in the signals.
    quint64 generation = 0;
    // A flag the requester keeps to cancel the job itself (a new CancelFlag when none).
    std::optional<es::inspect::CancelFlag> cancel;
};

class StoreSession : public QObject
{
    Q_OBJECT

public:
    enum class State { Closed, Opening, Open, Failed };
    Q_ENUM(State)

    explicit StoreSession(QObject *parent = nullptr);
    ~StoreSession() override;

    // --- the store ---------------------------------------------------------------------------------

    // Opens `url` (es::inspect::StoreLocation: a SQLite file or folder, postgresql://…, http://…) in
    // the interactive worker; answers with opened() or openFailed(). Returns the job id. Opening a
    // session that is already open or opening is refused (returns 0): use a new session per store.
    quint64 open(const QString &url, const es::inspect::OpenOptions &options = {});
    // Closes the store: cancels every job, drops their answers, releases the workers' connections.
    void close();

    State state() const { return m_state; }
    bool isOpen() const { return m_state == State::Open; }
    // The open store (thread-safe object), or null.
    std::shared_ptr<const es::inspect::Store> store() const { return m_store; }
    // The URL as given to open(), and the store's display URL (no password) once open.
    QString url() const { return m_url; }
    QString displayUrl() const;
    // Names of the store's applications (sorted), empty until open.
    QStringList applicationNames() const;
    // The last openFailed() message.
    QString openError() const { return m_openError; }

    // --- decoding (cipher keys) ---------------------------------------------------------------------

    // The settings records are decoded with (keys; the default takes CIPHER_KEY from the environment).
    const es::inspect::DecodingSettings &decodingSettings() const { return m_settings; }
    // Replaces the settings. A key that is not base64 of 16/24/32 bytes is refused: returns false with
    // the reason in *error and keeps the old settings. On success emits decodingChanged(), on which
    // every model reloads its rows.
    bool setDecodingSettings(const es::inspect::DecodingSettings &settings, QString *error = nullptr);
    // Shorthand: the key for one application ("" removes it), or for all when app is "".
    bool setCipherKey(const QString &app, const QString &base64Key, QString *error = nullptr);
    // The application's source (store + decoder) under the current settings. Requires an open store;
    // throws es::ValueError for an unknown application (callers on the GUI thread use
    // trySource()).
    es::inspect::Source source(const QString &app) const;
    // As source(), or nullopt with the reason in *error.
    std::optional<es::inspect::Source> trySource(const QString &app, QString *error = nullptr) const;

    // --- jobs --------------------------------------------------------------------------------------

    // Posts a job (see the top of this file). `work(const JobControl &)` returns R (not void);
    // `done(R &&value, quint64 generation)` and `failed(const JobFailure &)` run in the GUI thread if
    // `receiver` still exists. Returns the job id (never 0).
    template<typename Work, typename Done>
    quint64 run(QObject *receiver, const JobOptions &options, Work work, Done done,
                std::function<void(const JobFailure &)> failed = {});

    // Raises the job's cancel flag (no effect on finished or unknown jobs).
    void cancel(quint64 job);
    // Cancels every job of `receiver` (or every job at all with nullptr).
    void cancelAll(QObject *receiver = nullptr);
    // Jobs posted and not yet delivered.
    int pendingJobs() const { return static_cast<int>(m_jobs.size()); }
    bool isPending(quint64 job) const { return m_jobs.contains(job); }

    // Blocks the calling (GUI) thread, processing events, until no job is pending or `timeoutMs`
    // passes; true when idle. For tests and for the benchmark only.
    bool waitForIdle(int timeoutMs = 30000);

signals:
    void stateChanged(es::gui::StoreSession::State state);
    void opened();
    void openFailed(const QString &message);
    void closed();
    // The cipher keys changed: records must be decoded again.
    void decodingChanged();

    // Titled jobs only.
    void jobStarted(quint64 job, quint64 generation, const QString &title);
    void jobFinished(quint64 job, quint64 generation);
    // Every job.
    void jobProgress(quint64 job, qint64 done, qint64 total);
    void jobFailed(quint64 job, quint64 generation, const QString &message);
    void jobCancelled(quint64 job, quint64 generation);
    // Every failure and open error, for a status bar or log.
    void errorOccurred(const QString &message);

private:
    struct Job;
    struct Lanes;
    // Type-erased posting: `work` stores its value into the job; `deliver` hands it on.
    quint64 post(QObject *receiver, const JobOptions &options, std::function<void(const JobControl &)> work,
                 std::function<void(quint64 generation)> deliver,
                 std::function<void(const JobFailure &)> failed);
    // In the GUI thread, once the worker is done with job `id`.
    void finish(quint64 id, bool ok, bool cancelled, const QString &message, const QString &type);
    void progressArrived(quint64 id, qint64 done, qint64 total);
    void setState(State s);
    void startThreads();
    void stopThreads();

    State m_state = State::Closed;
    QString m_url;
    QString m_openError;
    std::shared_ptr<const es::inspect::Store> m_store;
    es::inspect::DecodingSettings m_settings;
    mutable QHash<QString, es::inspect::Source> m_sources; // by application name (lower case)
    QHash<quint64, std::shared_ptr<Job>> m_jobs;
    quint64 m_nextJob = 1;
    std::unique_ptr<Lanes> m_lanes;
};

// --- template implementation -----------------------------------------------------------------------

// `failed` is a sink, moved into post(); clang-tidy 14 does not see a move inside a dependent call.
template<typename Work, typename Done>
quint64 StoreSession::run(QObject *receiver, const JobOptions &options, Work work, Done done,
                          std::function<void(const JobFailure &)> failed) // NOLINT(performance-unnecessary-value-param)
{
    using R = std::decay_t<std::invoke_result_t<Work &, const JobControl &>>;
    static_assert(!std::is_void_v<R>, "a job's work returns its answer");
    auto slot = std::make_shared<std::optional<R>>();
    return post(
        receiver, options,
        [slot, work = std::move(work)](const JobControl &control) mutable { slot->emplace(work(control)); },
        [slot, done = std::move(done)](quint64 generation) mutable { done(std::move(**slot), generation); },
        std::move(failed));
}

} // namespace es::gui
