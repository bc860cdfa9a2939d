#include "workers/storesession.h"

#include "es/errors.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QThread>
#include <cstdlib>
#include <cxxabi.h>
#include <typeinfo>

namespace es::gui {

namespace {

QString demangled(const std::type_info &type)
{
    int status = 0;
    char *name = abi::__cxa_demangle(type.name(), nullptr, nullptr, &status);
    QString out = QString::fromUtf8(status == 0 && name ? name : type.name());
    std::free(name); // NOLINT(cppcoreguidelines-no-malloc): __cxa_demangle's buffer
    return out;
}

// A thread that runs posted functors in order, each in the thread's event loop.
struct LaneThread
{
    QThread thread;
    QObject *context = nullptr; // lives in `thread`; deleted there when the thread finishes

    explicit LaneThread(const QString &name)
    {
        thread.setObjectName(name);
        context = new QObject; // NOLINT(cppcoreguidelines-owning-memory): deleted by deleteLater below
        context->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, context, &QObject::deleteLater);
        thread.start();
    }
    ~LaneThread()
    {
        thread.quit();
        thread.wait();
    }
    LaneThread(const LaneThread &) = delete;
    LaneThread &operator=(const LaneThread &) = delete;
};

} // namespace

struct StoreSession::Job
{
    quint64 id = 0;
    quint64 generation = 0;
    QString title;
    Lane lane = Lane::Interactive;
    QPointer<QObject> receiver;
    bool ownReceiver = false; // posted with receiver == nullptr: the session receives
    es::inspect::CancelFlag cancel;
    std::function<void(const JobControl &)> work;
    std::function<void(quint64)> deliver;
    std::function<void(const JobFailure &)> failed;

    bool receiverAlive() const { return ownReceiver || !receiver.isNull(); }
};

struct StoreSession::Lanes
{
    LaneThread interactive {QStringLiteral("es-inspector interactive")};
    LaneThread background {QStringLiteral("es-inspector background")};
    QObject *context(Lane lane)
    {
        return lane == Lane::Interactive ? interactive.context : background.context;
    }
};

StoreSession::StoreSession(QObject *parent) : QObject(parent)
{
    startThreads();
}

StoreSession::~StoreSession()
{
    for (const auto &job : std::as_const(m_jobs))
        job->cancel.cancel();
    stopThreads();
    m_jobs.clear();
}

void StoreSession::startThreads()
{
    if (!m_lanes)
        m_lanes = std::make_unique<Lanes>();
}

void StoreSession::stopThreads()
{
    if (!m_lanes)
        return;
    if (m_store) {
        // Each worker closes its own connections (Qt cannot close a connection from another thread).
        const std::shared_ptr<const es::inspect::Store> store = m_store;
        for (Lane lane : {Lane::Interactive, Lane::Background})
            QMetaObject::invokeMethod(
                m_lanes->context(lane), [store] { store->releaseThreadConnections(); }, Qt::QueuedConnection);
    }
    m_lanes.reset(); // quits and joins both threads after the jobs already queued
}

QString StoreSession::displayUrl() const
{
    return m_store ? m_store->displayUrl() : m_url;
}

QStringList StoreSession::applicationNames() const
{
    QStringList names;
    if (m_store)
        for (const auto &a : m_store->applications())
            names << a.name;
    return names;
}

void StoreSession::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    emit stateChanged(s);
}

quint64 StoreSession::open(const QString &url, const es::inspect::OpenOptions &options)
{
    if (m_state == State::Open || m_state == State::Opening)
        return 0;
    m_url = url;
    m_openError.clear();
    setState(State::Opening);
    JobOptions o;
    o.lane = Lane::Interactive;
    o.title = tr("Opening %1").arg(url);
    return run(
        this, o, [url, options](const JobControl &) { return es::inspect::Store::open(url, options); },
        [this](std::shared_ptr<const es::inspect::Store> store, quint64) {
            m_store = std::move(store);
            m_sources.clear();
            setState(State::Open);
            emit opened();
        },
        [this](const JobFailure &failure) {
            m_openError = failure.message;
            setState(State::Failed);
            emit openFailed(failure.message);
        });
}

void StoreSession::close()
{
    if (m_state == State::Closed)
        return;
    cancelAll();
    m_jobs.clear(); // answers still on their way find no job and are dropped
    if (m_store && m_lanes) {
        const std::shared_ptr<const es::inspect::Store> store = m_store;
        for (Lane lane : {Lane::Interactive, Lane::Background})
            QMetaObject::invokeMethod(
                m_lanes->context(lane), [store] { store->releaseThreadConnections(); }, Qt::QueuedConnection);
    }
    m_store.reset();
    m_sources.clear();
    setState(State::Closed);
    emit closed();
}

// --- decoding ----------------------------------------------------------------------------------------

bool StoreSession::setDecodingSettings(const es::inspect::DecodingSettings &settings, QString *error)
{
    // Every application's decoder is built now, so a bad key is refused here, not in a worker later.
    QHash<QString, es::inspect::Source> sources;
    if (m_store) {
        try {
            for (const auto &a : m_store->applications())
                sources.insert(a.name.toLower(), es::inspect::Source::make(m_store, a.name, settings));
        } catch (const std::exception &e) {
            if (error)
                *error = QString::fromUtf8(e.what());
            return false;
        }
    } else {
        try {
            es::inspect::RecordDecoder(settings, QString()); // checks the key for all applications
        } catch (const std::exception &e) {
            if (error)
                *error = QString::fromUtf8(e.what());
            return false;
        }
    }
    m_settings = settings;
    m_sources = sources;
    emit decodingChanged();
    return true;
}

bool StoreSession::setCipherKey(const QString &app, const QString &base64Key, QString *error)
{
    es::inspect::DecodingSettings s = m_settings;
    if (app.isEmpty()) {
        s.cipherKey = base64Key;
    } else {
        // applicationKeys are matched in any case: keep one entry per name.
        for (auto it = s.applicationKeys.begin(); it != s.applicationKeys.end();) {
            if (it.key().compare(app, Qt::CaseInsensitive) == 0)
                it = s.applicationKeys.erase(it);
            else
                ++it;
        }
        if (!base64Key.isEmpty())
            s.applicationKeys.insert(app, base64Key);
    }
    return setDecodingSettings(s, error);
}

es::inspect::Source StoreSession::source(const QString &app) const
{
    if (!m_store)
        throw es::ValueError(QStringLiteral("no store is open"));
    const QString name = m_store->application(app).name; // throws for an unknown application
    auto it = m_sources.constFind(name.toLower());
    if (it != m_sources.constEnd())
        return *it;
    es::inspect::Source s = es::inspect::Source::make(m_store, name, m_settings);
    m_sources.insert(name.toLower(), s);
    return s;
}

std::optional<es::inspect::Source> StoreSession::trySource(const QString &app, QString *error) const
{
    try {
        return source(app);
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return std::nullopt;
    }
}

// --- jobs --------------------------------------------------------------------------------------------

quint64 StoreSession::post(QObject *receiver, const JobOptions &options,
                           std::function<void(const JobControl &)> work, std::function<void(quint64)> deliver,
                           std::function<void(const JobFailure &)> failed)
{
    startThreads();
    auto job = std::make_shared<Job>();
    job->id = m_nextJob++;
    job->generation = options.generation;
    job->title = options.title;
    job->lane = options.lane;
    job->receiver = receiver;
    job->ownReceiver = receiver == nullptr;
    job->cancel = options.cancel.value_or(es::inspect::CancelFlag());
    job->work = std::move(work);
    job->deliver = std::move(deliver);
    job->failed = std::move(failed);
    m_jobs.insert(job->id, job);

    const quint64 id = job->id;
    const bool titled = !job->title.isEmpty();
    StoreSession *session = this; // outlives the lane threads (its destructor joins them)
    const es::inspect::CancelFlag cancel = job->cancel;
    // The worker gets only what it needs; the Job (with the GUI-side callbacks) stays here.
    auto workFn = std::make_shared<std::function<void(const JobControl &)>>(job->work);
    job->work = nullptr;
    QMetaObject::invokeMethod(
        m_lanes->context(options.lane),
        [session, id, titled, cancel, workFn, generation = job->generation, title = job->title] {
            if (cancel.isCancelled()) {
                QMetaObject::invokeMethod(
                    session,
                    [session, id] {
                        session->finish(id, false, true, QStringLiteral("cancelled"), QString());
                    },
                    Qt::QueuedConnection);
                return;
            }
            if (titled)
                QMetaObject::invokeMethod(
                    session,
                    [session, id, generation, title] { emit session->jobStarted(id, generation, title); },
                    Qt::QueuedConnection);
            auto timer = std::make_shared<QElapsedTimer>();
            auto report = [session, id, timer](qint64 done, qint64 total) {
                // At most ~10 progress events a second reach the GUI thread, plus the last one.
                if (timer->isValid() && timer->elapsed() < 100 && done != total)
                    return;
                timer->start();
                QMetaObject::invokeMethod(
                    session, [session, id, done, total] { session->progressArrived(id, done, total); },
                    Qt::QueuedConnection);
            };
            const JobControl control(id, cancel, report);
            bool ok = false;
            bool cancelled = false;
            QString message;
            QString type;
            try {
                (*workFn)(control);
                ok = true;
            } catch (const es::inspect::Cancelled &) {
                cancelled = true;
                message = QStringLiteral("cancelled");
            } catch (const es::EventSourcingError &e) {
                message = e.message();
                type = demangled(typeid(e));
            } catch (const std::exception &e) {
                message = QString::fromUtf8(e.what());
                type = demangled(typeid(e));
            } catch (...) {
                message = QStringLiteral("unknown error");
            }
            workFn->operator=(nullptr); // release captured values (stores, pages) in this thread
            QMetaObject::invokeMethod(
                session,
                [session, id, ok, cancelled, message, type] {
                    session->finish(id, ok, cancelled, message, type);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    return id;
}

void StoreSession::progressArrived(quint64 id, qint64 done, qint64 total)
{
    if (m_jobs.contains(id))
        emit jobProgress(id, done, total);
}

void StoreSession::finish(quint64 id, bool ok, bool cancelled, const QString &message, const QString &type)
{
    const std::shared_ptr<Job> job = m_jobs.take(id);
    if (!job)
        return; // the session was closed meanwhile: nobody wants this answer
    if (ok) {
        if (!job->title.isEmpty())
            emit jobFinished(id, job->generation);
        if (job->receiverAlive() && job->deliver)
            job->deliver(job->generation);
        return;
    }
    JobFailure failure;
    failure.job = id;
    failure.generation = job->generation;
    failure.cancelled = cancelled;
    failure.message = message;
    failure.exceptionType = type;
    if (cancelled) {
        emit jobCancelled(id, job->generation);
    } else {
        emit jobFailed(id, job->generation, message);
        emit errorOccurred(message);
    }
    if (job->receiverAlive() && job->failed)
        job->failed(failure);
}

void StoreSession::cancel(quint64 job)
{
    const auto it = m_jobs.constFind(job);
    if (it != m_jobs.constEnd())
        (*it)->cancel.cancel();
}

void StoreSession::cancelAll(QObject *receiver)
{
    for (const auto &job : std::as_const(m_jobs))
        if (!receiver || job->receiver == receiver || (!job->ownReceiver && job->receiver.isNull()))
            job->cancel.cancel();
}

bool StoreSession::waitForIdle(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!m_jobs.isEmpty()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!m_jobs.isEmpty())
            QThread::msleep(1);
    }
    return true;
}

} // namespace es::gui
