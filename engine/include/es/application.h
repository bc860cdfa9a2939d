#pragma once
// Applications, as Python's eventsourcing 9.1 (application.py): an application saves aggregates'
// new events atomically, gets aggregates back through its repository (from the latest snapshot at or
// below the version, then the events after it), takes snapshots, and exposes its notification log.
//
//   class BankAccounts : public es::Application {
//   public:
//       explicit BankAccounts(const es::EnvMap &env = {}) : Application(QStringLiteral("BankAccounts"), env) { }
//       QUuid openAccount(…) { auto a = BankAccount::open(…); save({a.get()}); return a->id(); }
//   protected:
//       void registerTranscodings(es::JSONTranscoder &t) override { t.registerTranscoding<Person>(); }
//   };
//
// Infrastructure comes from the environment (infrastructure.h): the application's class defaults
// (defaultEnvironment()), overridden by the process environment, overridden by the env given to the
// constructor — as Python. The parts are built by overridable construct*() steps the first time the
// application is used (or by initialise(), which makeApplication() calls, so that bad settings
// throw at once). After that an application is thread-safe: save(), repository and log may be used
// from several threads.

#include "es/domain.h"
#include "es/eventstore.h"
#include "es/infrastructure.h"
#include "es/notificationlog.h"
#include "es/persistence.h"
#include "es/transcoder.h"

#include <QHash>
#include <QMap>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace es {

using EnvMap = QMap<QString, QString>;

// Something a leader prompts after it recorded new events: a follower's runner (system.h).
class Promptable
{
public:
    virtual ~Promptable();
    virtual void receivePrompt(const QString &leaderName) = 0;
};

// An event recorded by save(), with its notification id (0 when the recorder has no log).
struct Recording
{
    DomainEventPtr event;
    qint64 notificationId = 0;
};

// Python's ProcessEvent: new events to record together, with the aggregates they came from, and the
// tracking position a process application records with them (in the same transaction).
class ProcessEvent
{
public:
    ProcessEvent() = default;
    explicit ProcessEvent(const Tracking &tracking) : m_tracking(tracking) { }

    // Collects (and clears) the pending events of each aggregate, in order. The caller keeps the
    // aggregate alive until the process event is recorded.
    void collectEvents(Aggregate &aggregate);
    void collectEvents(const std::vector<Aggregate *> &aggregates);
    // As above, and the process event keeps the aggregate alive (what policies use).
    void collectEvents(std::shared_ptr<Aggregate> aggregate);
    void collectEvent(DomainEventPtr event);
    // Orders the events as they were triggered in this process, across aggregates (stable, so events
    // read from a store keep their collection order). Followers do this before recording.
    void sortByCreation();

    const std::vector<DomainEventPtr> &events() const { return m_events; }
    const std::optional<Tracking> &tracking() const { return m_tracking; }
    // The aggregate an event was collected from (for automatic snapshots), or nullptr.
    const Aggregate *aggregateOf(const QUuid &id) const;

private:
    std::vector<DomainEventPtr> m_events;
    QHash<QUuid, const Aggregate *> m_aggregates;
    std::vector<std::shared_ptr<Aggregate>> m_owned;
    std::optional<Tracking> m_tracking;
};

class Repository
{
public:
    using Projector = std::function<std::unique_ptr<Aggregate>(std::unique_ptr<Aggregate>, const std::vector<DomainEventPtr> &)>;

    // snapshotStore may be null (snapshotting disabled).
    Repository(std::shared_ptr<EventStore> eventStore, std::shared_ptr<EventStore> snapshotStore);

    // The aggregate at `version` (latest when none): the newest snapshot at or below it, then the
    // events after it, through `projector` (es::project by default). Throws AggregateNotFound.
    std::unique_ptr<Aggregate> get(const QUuid &id, std::optional<qint64> version = std::nullopt,
                                   const Projector &projector = {}) const;
    template<typename A>
    std::unique_ptr<A> get(const QUuid &id, std::optional<qint64> version = std::nullopt) const
    {
        return aggregate_cast<A>(get(id, version));
    }
    // Whether any event of the aggregate exists.
    bool contains(const QUuid &id) const;

    // How many stored records (snapshots and events) the last get() on this thread read — lets tests
    // and the inspector see that snapshots are used.
    static qint64 lastReadCount();

private:
    std::shared_ptr<EventStore> m_events;
    std::shared_ptr<EventStore> m_snapshots;
};

class Application
{
public:
    Application(const QString &name, const EnvMap &env = {});
    virtual ~Application();
    Application(const Application &) = delete;
    Application &operator=(const Application &) = delete;

    // The name: the prefix of its environment variables and (lower-cased) of its PostgreSQL tables.
    const QString &name() const { return m_name; }

    // Builds the parts (once; later calls do nothing). Called by every accessor.
    void initialise();

    // Records the pending events of the aggregates (and the given events) in one transaction — all or
    // nothing — then takes automatic snapshots, then calls notify(). Returns what was recorded.
    std::vector<Recording> save(const std::vector<Aggregate *> &aggregates, const std::vector<DomainEventPtr> &events = {});
    std::vector<Recording> save(Aggregate &aggregate) { return save(std::vector<Aggregate *>{&aggregate}); }
    // Records a collected ProcessEvent (events and its tracking) — what followers use.
    std::vector<Recording> record(ProcessEvent &processEvent);

    // Takes a snapshot of the aggregate at `version` (latest when none). Throws ProgrammingError when
    // snapshotting is not enabled.
    void takeSnapshot(const QUuid &id, std::optional<qint64> version = std::nullopt);

    const Environment &env();
    InfrastructureFactory &factory();
    Mapper &mapper();
    ApplicationRecorder &recorder();
    std::shared_ptr<ApplicationRecorder> recorderPtr();
    EventStore &events();
    // Null when snapshotting is not enabled.
    EventStore *snapshots();
    Repository &repository();
    NotificationLog &log();
    std::shared_ptr<NotificationLog> logPtr();
    bool isSnapshottingEnabled();

    // Leading (Python's Leader; any application can lead, as a System makes leaders of plain
    // applications): after each record that wrote events, every follower is prompted with name().
    // The followers must outlive their registration (stopLeading() before destroying one).
    void lead(Promptable *follower);
    void stopLeading(Promptable *follower);
    void promptFollowers();

    // Automatic snapshots: after a save, an aggregate of type A whose new version is a multiple of
    // `interval` gets a snapshot. Set in the constructor; turns snapshotting on.
    template<typename A>
    void setSnapshottingInterval(qint64 interval)
    {
        m_snapshottingIntervals.insert(&A::staticAggregateClass(), interval);
    }

protected:
    // Class defaults for the environment (Python's class attribute `env`).
    virtual EnvMap defaultEnvironment() const { return {}; }
    // Registers the application's aggregate types (registerAggregate<A>()), so that stored events can
    // be read before the application created any of them.
    virtual void registerTypes() { }
    // Registers custom transcodings (Python's register_transcodings()).
    virtual void registerTranscodings(JSONTranscoder &) { }
    // Called after each save with the new events (Python's notify()).
    virtual void notify(const std::vector<DomainEventPtr> &) { }
    // Called after each successful record with what was recorded, before followers are prompted.
    virtual void onRecorded(const std::vector<Recording> &) { }

    // The construct*() steps, in the order Python's Application.__init__ runs them.
    virtual Environment constructEnv();
    virtual std::unique_ptr<InfrastructureFactory> constructFactory();
    virtual std::shared_ptr<JSONTranscoder> constructTranscoder();
    virtual std::shared_ptr<Mapper> constructMapper();
    virtual std::shared_ptr<ApplicationRecorder> constructRecorder();
    virtual std::shared_ptr<EventStore> constructEventStore();
    virtual std::shared_ptr<EventStore> constructSnapshotStore();
    virtual std::unique_ptr<Repository> constructRepository();
    virtual std::shared_ptr<NotificationLog> constructNotificationLog();
    virtual int logSectionSize() const { return LocalNotificationLog::DefaultSectionSize; }

    // Takes the automatic snapshots due after recording these events.
    void takeSnapshots(const ProcessEvent &processEvent);

private:
    void build();

    QString m_name;
    EnvMap m_givenEnv;
    std::once_flag m_once;
    // The thread running build(): construct*() steps may use the accessors of parts built before
    // them without waiting on the once-flag they are inside.
    std::atomic<std::thread::id> m_builder{};
    QHash<const AggregateClass *, qint64> m_snapshottingIntervals;
    std::mutex m_followersMutex;
    std::vector<Promptable *> m_followers;

    Environment m_env;
    std::unique_ptr<InfrastructureFactory> m_factory;
    std::shared_ptr<Mapper> m_mapper;
    std::shared_ptr<ApplicationRecorder> m_recorder;
    std::shared_ptr<EventStore> m_events;
    std::shared_ptr<EventStore> m_snapshots;
    std::unique_ptr<Repository> m_repository;
    std::shared_ptr<NotificationLog> m_log;
};

// Constructs an application and initialises it, so that configuration errors throw here.
template<typename App, typename... Args>
std::unique_ptr<App> makeApplication(Args &&...args)
{
    auto app = std::make_unique<App>(std::forward<Args>(args)...);
    app->initialise();
    return app;
}

} // namespace es
