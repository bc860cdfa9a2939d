#pragma once
// Process applications and systems, as Python's eventsourcing 9.1 (system.py).
//
// - Leader: an application that prompts its followers after each save that recorded events (any
//   es::Application can lead, as Python's System makes leaders of plain applications).
// - Follower: an application that follows named upstream notification logs; pullAndProcess(name)
//   reads from its tracked position + 1, decodes each notification, calls policy(), and records the
//   new events together with Tracking(name, id) in ONE transaction: a notification is processed at
//   most once (a second attempt hits the tracking key and writes nothing) and at least once (a
//   restarted follower resumes after its last tracked id).
// - ProcessApplication: leader and follower. Policies dispatch on the event's class (on<E>(handler),
//   the counterpart of singledispatchmethod); events without a handler are only tracked.
// - System: pipes of application types ({pipe<Worlds, Counters>()}); leaders, followers, processors.
// - SingleThreadedRunner: prompts handled in the prompting thread, in order, until quiet.
//   MultiThreadedRunner: one thread per follower, woken by prompts; stop() joins them; a failing
//   policy stops the runner and its error is rethrown to the caller (stop(), waitForIdle(), check()).
//
// Thread-safety: followers serialise their own pulls; runners are thread-safe.

#include "es/application.h"

#include <QHash>
#include <QString>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <typeindex>
#include <vector>

namespace es {

// Python's Leader. Every es::Application can lead (Application::lead()); this name is for
// applications meant to, as in Python.
class Leader : public Application
{
public:
    using Application::Application;
};

class Follower : public Application
{
public:
    using Policy = std::function<void(const DomainEvent &, ProcessEvent &)>;
    using Application::Application;

    // Follows an upstream log under the leader's name. Records are decoded with the upstream's
    // settings: the leader-prefixed variables of this application's environment
    // (e.g. WORLDSAPPLICATION_CIPHER_KEY), then the plain ones.
    void follow(const QString &leaderName, std::shared_ptr<NotificationLog> log);
    QStringList followedNames() const;
    // Processes every new notification of that leader; returns how many were processed.
    qint64 pullAndProcess(const QString &leaderName);
    // Processes one upstream event with its tracking position (what pullAndProcess does per item).
    void processEvent(const DomainEvent &event, const Tracking &tracking);

    ProcessRecorder &processRecorder();
    // Only notifications with these topics are read (all when empty; Python's follow_topics).
    void setFollowTopics(const QStringList &topics) { m_followTopics = topics; }
    int pullSectionSize() const { return m_pullSectionSize; }
    void setPullSectionSize(int size) { m_pullSectionSize = size; }

protected:
    // Registers the handler for events of class E (set in the constructor).
    template<typename E>
    void on(std::function<void(const E &, ProcessEvent &)> handler)
    {
        m_handlers[&E::staticEventClass()] = [handler = std::move(handler)](const DomainEvent &e, ProcessEvent &pe) {
            handler(static_cast<const E &>(e), pe);
        };
    }
    // Dispatches to the handler of the event's class; events without one are ignored.
    virtual void policy(const DomainEvent &event, ProcessEvent &processEvent);

    std::shared_ptr<ApplicationRecorder> constructRecorder() override;

private:
    struct Upstream
    {
        std::unique_ptr<NotificationLogReader> reader;
        std::shared_ptr<Mapper> mapper;
    };
    mutable std::mutex m_pullMutex;
    std::map<QString, Upstream> m_upstreams;
    QHash<const EventClass *, Policy> m_handlers;
    QStringList m_followTopics;
    int m_pullSectionSize = 10;
};

// Leader and follower: what it records from its policies prompts its own followers.
class ProcessApplication : public Follower
{
public:
    using Follower::Follower;
};

// What a System knows about an application class: its name and how to make one.
struct AppType
{
    QString name;
    std::type_index type;
    std::function<std::unique_ptr<Application>(const EnvMap &)> make;
    bool isFollower = false; // derives from Follower
};

// App must have `static constexpr const char *NAME` and a constructor taking (const EnvMap &).
template<typename App>
AppType appType()
{
    return AppType{QString::fromUtf8(App::NAME), std::type_index(typeid(App)),
                   [](const EnvMap &env) -> std::unique_ptr<Application> { return std::make_unique<App>(env); },
                   std::is_base_of_v<Follower, App>};
}

template<typename... Apps>
std::vector<AppType> pipe()
{
    return {appType<Apps>()...};
}

class System
{
public:
    explicit System(const std::vector<std::vector<AppType>> &pipes);

    const std::vector<std::pair<QString, QString>> &edges() const { return m_edges; }
    QStringList names() const;               // every application, in first-seen order
    QStringList leaders() const;             // names that lead something
    QStringList followers() const;           // names that follow something
    QStringList processors() const;          // both
    QStringList leadersOnly() const;
    QStringList singles() const;             // neither
    QStringList followersOf(const QString &leader) const;
    QStringList leadersOf(const QString &follower) const;
    const AppType &appType(const QString &name) const;

private:
    std::vector<AppType> m_nodes;
    std::vector<std::pair<QString, QString>> m_edges;
};

class Runner
{
public:
    Runner(const System &system, const EnvMap &env = {});
    virtual ~Runner();

    // Constructs the applications and connects leaders to followers; followers catch up with what
    // their leaders recorded before. Throws RunnerAlreadyStarted when called twice.
    virtual void start() = 0;
    virtual void stop() = 0;
    bool isStarted() const { return m_started; }

    Application &get(const QString &name) const;
    template<typename App>
    App &get() const
    {
        App *app = dynamic_cast<App *>(&get(QString::fromUtf8(App::NAME)));
        if (!app)
            throw ValueError(QStringLiteral("application %1 is not of the requested class").arg(QString::fromUtf8(App::NAME)));
        return *app;
    }

protected:
    void markStarted();
    // Constructs every application of the system.
    void constructApplications();
    void connectLeadersAndFollowers(const std::function<Promptable *(const QString &follower)> &promptableFor);

    System m_system;
    EnvMap m_env;
    std::map<QString, std::unique_ptr<Application>> m_apps;
    bool m_started = false;
};

class SingleThreadedRunner final : public Runner, public Promptable
{
public:
    using Runner::Runner;
    ~SingleThreadedRunner() override;

    void start() override;
    void stop() override;
    void receivePrompt(const QString &leaderName) override;

private:
    std::mutex m_mutex;
    std::vector<QString> m_prompts;
    bool m_prompting = false;
};

class MultiThreadedRunner final : public Runner
{
public:
    MultiThreadedRunner(const System &system, const EnvMap &env = {});
    ~MultiThreadedRunner() override;

    void start() override;
    // Stops and joins every follower thread; rethrows the first follower error as SystemError.
    void stop() override;
    // Waits until no follower has work left (or timeout); rethrows a follower error. Returns false
    // on timeout.
    bool waitForIdle(std::chrono::milliseconds timeout);
    // Rethrows a follower error, if any (as SystemError naming the follower).
    void check() const;
    bool hasErrored() const { return m_errored.load(); }

private:
    class Worker;
    friend class Worker;
    void reportError(const QString &follower, std::exception_ptr error);

    std::vector<std::unique_ptr<Worker>> m_workers;
    mutable std::mutex m_errorMutex;
    std::exception_ptr m_error;
    QString m_errorFollower;
    std::atomic<bool> m_errored{false};
    std::mutex m_idleMutex;
    std::condition_variable m_idleChanged;
};

} // namespace es
