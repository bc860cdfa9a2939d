#include "es/system.h"

#include "persistence/backends.h"

#include <algorithm>

namespace es {

// --- followers -------------------------------------------------------------------------------------------

std::shared_ptr<ApplicationRecorder> Follower::constructRecorder()
{
    return factory().processRecorder();
}

ProcessRecorder &Follower::processRecorder()
{
    return static_cast<ProcessRecorder &>(recorder());
}

void Follower::follow(const QString &leaderName, std::shared_ptr<NotificationLog> log)
{
    initialise();
    // The upstream's records are decoded with its own settings (cipher, compressor), found by the
    // leader's name as prefix, as Python's Follower.follow() does. Only a mapper is needed, so the
    // in-memory factory stands in for whatever backend the upstream uses.
    const Environment upstreamEnv(leaderName, env().variables());
    std::shared_ptr<Mapper> mapper = detail::makePopoFactory(upstreamEnv)->mapper(constructTranscoder());
    Upstream upstream;
    upstream.reader = std::make_unique<NotificationLogReader>(std::move(log), m_pullSectionSize);
    upstream.mapper = std::move(mapper);
    std::lock_guard lock(m_pullMutex);
    m_upstreams[leaderName] = std::move(upstream);
}

QStringList Follower::followedNames() const
{
    std::lock_guard lock(m_pullMutex);
    QStringList names;
    for (const auto &u : m_upstreams)
        names << u.first;
    return names;
}

qint64 Follower::pullAndProcess(const QString &leaderName)
{
    std::lock_guard lock(m_pullMutex);
    const auto it = m_upstreams.find(leaderName);
    if (it == m_upstreams.end())
        throw ProgrammingError(QStringLiteral("%1 does not follow %2").arg(name(), leaderName));
    const Upstream &upstream = it->second;
    const qint64 start = processRecorder().maxTrackingId(leaderName) + 1;
    qint64 processed = 0;
    upstream.reader->select(
        start,
        [&](const std::vector<Notification> &page) {
            for (const Notification &item : page) {
                const DomainEventPtr event = upstream.mapper->toDomainEvent(item);
                processEvent(*event, Tracking{leaderName, item.id});
                ++processed;
            }
            return true;
        },
        m_followTopics);
    return processed;
}

void Follower::processEvent(const DomainEvent &event, const Tracking &tracking)
{
    ProcessEvent processEvent(tracking);
    policy(event, processEvent);
    processEvent.sortByCreation();
    record(processEvent);
}

void Follower::policy(const DomainEvent &event, ProcessEvent &processEvent)
{
    const auto it = m_handlers.constFind(&event.eventClass());
    if (it != m_handlers.constEnd())
        (*it)(event, processEvent);
}

// --- System ----------------------------------------------------------------------------------------------

System::System(const std::vector<std::vector<AppType>> &pipes)
{
    auto addNode = [&](const AppType &t) {
        const auto found = std::find_if(m_nodes.begin(), m_nodes.end(), [&](const AppType &n) { return n.name == t.name; });
        if (found == m_nodes.end())
            m_nodes.push_back(t);
        else if (found->type != t.type)
            throw ValueError(QStringLiteral("two application classes are named %1").arg(t.name));
    };
    for (const auto &p : pipes) {
        for (size_t i = 0; i < p.size(); ++i) {
            addNode(p[i]);
            if (i > 0) {
                const std::pair<QString, QString> edge{p[i - 1].name, p[i].name};
                if (std::find(m_edges.begin(), m_edges.end(), edge) == m_edges.end())
                    m_edges.push_back(edge);
            }
        }
    }
    for (const QString &name : followers())
        if (!appType(name).isFollower)
            throw ValueError(QStringLiteral("%1 follows another application but is not a Follower").arg(name));
}

QStringList System::names() const
{
    QStringList out;
    for (const AppType &t : m_nodes)
        out << t.name;
    return out;
}

QStringList System::leaders() const
{
    QStringList out;
    for (const QString &n : names())
        if (!followersOf(n).isEmpty())
            out << n;
    return out;
}

QStringList System::followers() const
{
    QStringList out;
    for (const QString &n : names())
        if (!leadersOf(n).isEmpty())
            out << n;
    return out;
}

QStringList System::processors() const
{
    QStringList out;
    for (const QString &n : names())
        if (!leadersOf(n).isEmpty() && !followersOf(n).isEmpty())
            out << n;
    return out;
}

QStringList System::leadersOnly() const
{
    QStringList out;
    for (const QString &n : names())
        if (leadersOf(n).isEmpty() && !followersOf(n).isEmpty())
            out << n;
    return out;
}

QStringList System::singles() const
{
    QStringList out;
    for (const QString &n : names())
        if (leadersOf(n).isEmpty() && followersOf(n).isEmpty())
            out << n;
    return out;
}

QStringList System::followersOf(const QString &leader) const
{
    QStringList out;
    for (const auto &e : m_edges)
        if (e.first == leader)
            out << e.second;
    return out;
}

QStringList System::leadersOf(const QString &follower) const
{
    QStringList out;
    for (const auto &e : m_edges)
        if (e.second == follower)
            out << e.first;
    return out;
}

const AppType &System::appType(const QString &name) const
{
    for (const AppType &t : m_nodes)
        if (t.name == name)
            return t;
    throw ValueError(QStringLiteral("no application named %1 in the system").arg(name));
}

// --- Runner ----------------------------------------------------------------------------------------------

Runner::Runner(const System &system, const EnvMap &env)
    : m_system(system)
    , m_env(env)
{
}

Runner::~Runner() = default;

void Runner::markStarted()
{
    if (m_started)
        throw RunnerAlreadyStarted(QStringLiteral("the runner has been started already"));
    m_started = true;
}

Application &Runner::get(const QString &name) const
{
    const auto it = m_apps.find(name);
    if (it == m_apps.end())
        throw ValueError(QStringLiteral("no application named %1 is running").arg(name));
    return *it->second;
}

void Runner::constructApplications()
{
    for (const QString &name : m_system.names()) {
        std::unique_ptr<Application> app = m_system.appType(name).make(m_env);
        app->initialise();
        m_apps[name] = std::move(app);
    }
}

void Runner::connectLeadersAndFollowers(const std::function<Promptable *(const QString &)> &promptableFor)
{
    for (const auto &[leaderName, followerName] : m_system.edges()) {
        Application &leader = get(leaderName);
        auto *follower = dynamic_cast<Follower *>(&get(followerName));
        follower->follow(leaderName, leader.logPtr());
        leader.lead(promptableFor(followerName));
    }
}

// --- SingleThreadedRunner -----------------------------------------------------------------------------------

SingleThreadedRunner::~SingleThreadedRunner()
{
    stop();
}

void SingleThreadedRunner::start()
{
    markStarted();
    constructApplications();
    connectLeadersAndFollowers([this](const QString &) -> Promptable * { return this; });
    // Catch up with what the leaders recorded before this runner started.
    for (const QString &leader : m_system.leaders())
        receivePrompt(leader);
}

void SingleThreadedRunner::stop()
{
    for (const QString &leader : m_system.leaders()) {
        const auto it = m_apps.find(leader);
        if (it != m_apps.end())
            it->second->stopLeading(this);
    }
}

void SingleThreadedRunner::receivePrompt(const QString &leaderName)
{
    {
        std::lock_guard lock(m_mutex);
        if (std::find(m_prompts.begin(), m_prompts.end(), leaderName) == m_prompts.end())
            m_prompts.push_back(leaderName);
        // A prompt raised while prompts are being handled (a process application's own save) is
        // queued and handled by the loop below, in order, in the thread already running it.
        if (m_prompting)
            return;
        m_prompting = true;
    }
    try {
        for (;;) {
            QString leader;
            {
                std::lock_guard lock(m_mutex);
                if (m_prompts.empty()) {
                    m_prompting = false;
                    return;
                }
                leader = m_prompts.front();
                m_prompts.erase(m_prompts.begin());
            }
            for (const QString &followerName : m_system.followersOf(leader))
                dynamic_cast<Follower &>(get(followerName)).pullAndProcess(leader);
        }
    } catch (...) {
        std::lock_guard lock(m_mutex);
        m_prompts.clear();
        m_prompting = false;
        throw;
    }
}

// --- MultiThreadedRunner ------------------------------------------------------------------------------------

class MultiThreadedRunner::Worker final : public Promptable
{
public:
    Worker(MultiThreadedRunner &runner, Follower &app)
        : m_runner(runner)
        , m_app(app)
    {
    }

    void start()
    {
        m_thread = std::thread([this] { run(); });
    }

    void receivePrompt(const QString &leaderName) override
    {
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                return;
            if (std::find(m_prompts.begin(), m_prompts.end(), leaderName) == m_prompts.end())
                m_prompts.push_back(leaderName);
        }
        m_wake.notify_one();
    }

    void stop()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopping = true;
        }
        m_wake.notify_one();
    }

    void join()
    {
        if (m_thread.joinable())
            m_thread.join();
    }

    bool isIdle()
    {
        std::lock_guard lock(m_mutex);
        return (m_prompts.empty() || m_stopping) && !m_busy;
    }

    Follower &app() { return m_app; }

private:
    void run()
    {
        for (;;) {
            std::vector<QString> names;
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait(lock, [this] { return m_stopping || !m_prompts.empty(); });
                if (m_stopping)
                    break;
                names.swap(m_prompts);
                m_busy = true;
            }
            try {
                for (const QString &leader : names)
                    m_app.pullAndProcess(leader);
            } catch (...) {
                m_runner.reportError(m_app.name(), std::current_exception());
            }
            {
                std::lock_guard lock(m_mutex);
                m_busy = false;
            }
            m_runner.m_idleChanged.notify_all();
        }
        m_runner.m_idleChanged.notify_all();
    }

    MultiThreadedRunner &m_runner;
    Follower &m_app;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<QString> m_prompts;
    bool m_stopping = false;
    bool m_busy = false;
};

MultiThreadedRunner::MultiThreadedRunner(const System &system, const EnvMap &env)
    : Runner(system, env)
{
}

MultiThreadedRunner::~MultiThreadedRunner()
{
    try {
        stop();
    } catch (...) { // NOLINT(bugprone-empty-catch): a destructor reports nothing; call stop() to see errors
    }
}

void MultiThreadedRunner::start()
{
    markStarted();
    constructApplications();
    for (const QString &name : m_system.followers())
        m_workers.push_back(std::make_unique<Worker>(*this, dynamic_cast<Follower &>(get(name))));
    connectLeadersAndFollowers([this](const QString &follower) -> Promptable * {
        for (auto &w : m_workers)
            if (w->app().name() == follower)
                return w.get();
        return nullptr;
    });
    for (auto &w : m_workers)
        w->start();
    // Catch up with what the leaders recorded before this runner started.
    for (auto &w : m_workers)
        for (const QString &leader : m_system.leadersOf(w->app().name()))
            w->receivePrompt(leader);
}

void MultiThreadedRunner::reportError(const QString &follower, std::exception_ptr error)
{
    {
        std::lock_guard lock(m_errorMutex);
        if (!m_error) {
            m_error = std::move(error);
            m_errorFollower = follower;
        }
    }
    m_errored = true;
    // A failing policy stops the whole runner: later events must not be processed past it.
    for (auto &w : m_workers)
        w->stop();
    m_idleChanged.notify_all();
}

void MultiThreadedRunner::check() const
{
    std::exception_ptr error;
    QString follower;
    {
        std::lock_guard lock(m_errorMutex);
        error = m_error;
        follower = m_errorFollower;
    }
    if (!error)
        return;
    try {
        std::rethrow_exception(error);
    } catch (const std::exception &e) {
        throw SystemError(QStringLiteral("%1 failed: %2").arg(follower, QString::fromUtf8(e.what())));
    } catch (...) {
        throw SystemError(QStringLiteral("%1 failed with an unknown error").arg(follower));
    }
}

bool MultiThreadedRunner::waitForIdle(std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(m_idleMutex);
    for (;;) {
        check();
        bool idle = true;
        for (auto &w : m_workers)
            idle = idle && w->isIdle();
        if (idle)
            return true;
        if (m_idleChanged.wait_until(lock, std::min(deadline, std::chrono::steady_clock::now() + std::chrono::milliseconds(50)))
                == std::cv_status::timeout
            && std::chrono::steady_clock::now() >= deadline)
            return false;
    }
}

void MultiThreadedRunner::stop()
{
    for (const auto &[leaderName, followerName] : m_system.edges()) {
        const auto it = m_apps.find(leaderName);
        if (it == m_apps.end())
            continue;
        for (auto &w : m_workers)
            it->second->stopLeading(w.get());
    }
    for (auto &w : m_workers)
        w->stop();
    for (auto &w : m_workers)
        w->join();
    check();
}

} // namespace es
