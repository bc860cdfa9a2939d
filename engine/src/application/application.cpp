#include "es/application.h"

#include "es/errors.h"

#include <algorithm>

namespace es {

// --- ProcessEvent ---------------------------------------------------------------------------------------

void ProcessEvent::collectEvents(Aggregate &aggregate)
{
    for (DomainEventPtr &e : aggregate.collectEvents())
        m_events.push_back(std::move(e));
    m_aggregates.insert(aggregate.id(), &aggregate);
}

void ProcessEvent::collectEvents(const std::vector<Aggregate *> &aggregates)
{
    for (Aggregate *a : aggregates)
        if (a)
            collectEvents(*a);
}

void ProcessEvent::collectEvents(std::shared_ptr<Aggregate> aggregate)
{
    if (!aggregate)
        return;
    collectEvents(*aggregate);
    m_owned.push_back(std::move(aggregate));
}

void ProcessEvent::sortByCreation()
{
    std::stable_sort(m_events.begin(), m_events.end(), [](const DomainEventPtr &a, const DomainEventPtr &b) {
        return a->creationSequence < b->creationSequence;
    });
}

void ProcessEvent::collectEvent(DomainEventPtr event)
{
    if (event)
        m_events.push_back(std::move(event));
}

const Aggregate *ProcessEvent::aggregateOf(const QUuid &id) const
{
    return m_aggregates.value(id, nullptr);
}

// --- Repository -----------------------------------------------------------------------------------------

namespace {
thread_local qint64 t_lastReadCount = 0;
}

Repository::Repository(std::shared_ptr<EventStore> eventStore, std::shared_ptr<EventStore> snapshotStore)
    : m_events(std::move(eventStore))
    , m_snapshots(std::move(snapshotStore))
{
}

std::unique_ptr<Aggregate> Repository::get(const QUuid &id, std::optional<qint64> version, const Projector &projector) const
{
    std::optional<qint64> gt;
    std::vector<DomainEventPtr> events;
    if (m_snapshots) {
        events = m_snapshots->get(id, std::nullopt, version, true, 1);
        if (!events.empty())
            gt = events.front()->originatorVersion;
    }
    std::vector<DomainEventPtr> more = m_events->get(id, gt, version);
    t_lastReadCount = static_cast<qint64>(events.size()) + static_cast<qint64>(more.size());
    if (events.empty())
        events = std::move(more);
    else
        events.insert(events.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    std::unique_ptr<Aggregate> aggregate = projector ? projector(nullptr, events) : project(nullptr, events);
    if (!aggregate) {
        if (version)
            throw AggregateNotFound(QStringLiteral("aggregate %1 not found at version %2").arg(uuid::toDashed(id)).arg(*version));
        throw AggregateNotFound(QStringLiteral("aggregate %1 not found").arg(uuid::toDashed(id)));
    }
    return aggregate;
}

bool Repository::contains(const QUuid &id) const
{
    return !m_events->recorder().selectEvents(id, std::nullopt, std::nullopt, false, 1).empty();
}

qint64 Repository::lastReadCount()
{
    return t_lastReadCount;
}

// --- Application ----------------------------------------------------------------------------------------

Application::Application(const QString &name, const EnvMap &env)
    : m_name(name)
    , m_givenEnv(env)
{
}

Application::~Application() = default;

void Application::initialise()
{
    if (m_builder.load() == std::this_thread::get_id())
        return;
    std::call_once(m_once, [this] {
        m_builder = std::this_thread::get_id();
        try {
            build();
        } catch (...) {
            m_builder = std::thread::id();
            throw;
        }
        m_builder = std::thread::id();
    });
}

void Application::build()
{
    registerTypes();
    m_env = constructEnv();
    m_factory = constructFactory();
    m_mapper = constructMapper();
    m_recorder = constructRecorder();
    m_events = constructEventStore();
    m_snapshots = constructSnapshotStore();
    m_repository = constructRepository();
    m_log = constructNotificationLog();
}

Environment Application::constructEnv()
{
    // Python: the class's env, then os.environ, then the env given to the constructor.
    EnvMap vars = defaultEnvironment();
    if (!m_snapshottingIntervals.isEmpty())
        vars.insert(QString::fromLatin1(InfrastructureFactory::IsSnapshottingEnabledKey), QStringLiteral("y"));
    const Environment process = Environment::fromProcess(m_name);
    for (auto it = process.variables().constBegin(); it != process.variables().constEnd(); ++it)
        vars.insert(it.key(), it.value());
    for (auto it = m_givenEnv.constBegin(); it != m_givenEnv.constEnd(); ++it)
        vars.insert(it.key(), it.value());
    return Environment(m_name, vars);
}

std::unique_ptr<InfrastructureFactory> Application::constructFactory()
{
    return InfrastructureFactory::construct(m_env);
}

std::shared_ptr<JSONTranscoder> Application::constructTranscoder()
{
    std::shared_ptr<JSONTranscoder> transcoder = m_factory->transcoder();
    registerTranscodings(*transcoder);
    return transcoder;
}

std::shared_ptr<Mapper> Application::constructMapper()
{
    return m_factory->mapper(constructTranscoder());
}

std::shared_ptr<ApplicationRecorder> Application::constructRecorder()
{
    return m_factory->applicationRecorder();
}

std::shared_ptr<EventStore> Application::constructEventStore()
{
    return std::make_shared<EventStore>(m_mapper, m_recorder);
}

std::shared_ptr<EventStore> Application::constructSnapshotStore()
{
    if (!m_factory->isSnapshottingEnabled())
        return nullptr;
    return std::make_shared<EventStore>(m_mapper, m_factory->aggregateRecorder(QStringLiteral("snapshots")));
}

std::unique_ptr<Repository> Application::constructRepository()
{
    return std::make_unique<Repository>(m_events, m_snapshots);
}

std::shared_ptr<NotificationLog> Application::constructNotificationLog()
{
    return std::make_shared<LocalNotificationLog>(m_recorder, logSectionSize());
}

const Environment &Application::env()
{
    initialise();
    return m_env;
}

InfrastructureFactory &Application::factory()
{
    initialise();
    return *m_factory;
}

Mapper &Application::mapper()
{
    initialise();
    return *m_mapper;
}

ApplicationRecorder &Application::recorder()
{
    initialise();
    return *m_recorder;
}

std::shared_ptr<ApplicationRecorder> Application::recorderPtr()
{
    initialise();
    return m_recorder;
}

EventStore &Application::events()
{
    initialise();
    return *m_events;
}

EventStore *Application::snapshots()
{
    initialise();
    return m_snapshots.get();
}

Repository &Application::repository()
{
    initialise();
    return *m_repository;
}

NotificationLog &Application::log()
{
    initialise();
    return *m_log;
}

std::shared_ptr<NotificationLog> Application::logPtr()
{
    initialise();
    return m_log;
}

bool Application::isSnapshottingEnabled()
{
    initialise();
    return m_snapshots != nullptr;
}

std::vector<Recording> Application::save(const std::vector<Aggregate *> &aggregates, const std::vector<DomainEventPtr> &events)
{
    ProcessEvent processEvent;
    processEvent.collectEvents(aggregates);
    for (const DomainEventPtr &e : events)
        processEvent.collectEvent(e);
    return record(processEvent);
}

std::vector<Recording> Application::record(ProcessEvent &processEvent)
{
    initialise();
    const Tracking *tracking = processEvent.tracking() ? &*processEvent.tracking() : nullptr;
    const std::vector<qint64> ids = m_events->put(processEvent.events(), tracking);
    std::vector<Recording> recordings;
    recordings.reserve(processEvent.events().size());
    for (size_t i = 0; i < processEvent.events().size(); ++i)
        recordings.push_back(Recording{processEvent.events()[i], i < ids.size() ? ids[i] : 0});
    takeSnapshots(processEvent);
    onRecorded(recordings);
    notify(processEvent.events());
    // A tracking-only record (a policy that made no events) is no news to followers.
    if (!recordings.empty())
        promptFollowers();
    return recordings;
}

Promptable::~Promptable() = default;

void Application::lead(Promptable *follower)
{
    std::lock_guard lock(m_followersMutex);
    if (std::find(m_followers.begin(), m_followers.end(), follower) == m_followers.end())
        m_followers.push_back(follower);
}

void Application::stopLeading(Promptable *follower)
{
    std::lock_guard lock(m_followersMutex);
    m_followers.erase(std::remove(m_followers.begin(), m_followers.end(), follower), m_followers.end());
}

void Application::promptFollowers()
{
    std::vector<Promptable *> followers;
    {
        std::lock_guard lock(m_followersMutex);
        followers = m_followers;
    }
    for (Promptable *f : followers)
        f->receivePrompt(m_name);
}

void Application::takeSnapshots(const ProcessEvent &processEvent)
{
    if (!m_snapshots || m_snapshottingIntervals.isEmpty())
        return;
    for (const DomainEventPtr &event : processEvent.events()) {
        const Aggregate *aggregate = processEvent.aggregateOf(event->originatorId);
        if (!aggregate)
            continue;
        const qint64 interval = m_snapshottingIntervals.value(&aggregate->aggregateClass(), 0);
        if (interval <= 0 || event->originatorVersion % interval != 0)
            continue;
        // The aggregate in hand is at its newest version; an earlier event of the same save needs the
        // aggregate as it was then, which the repository rebuilds (as Python's take_snapshot does).
        if (aggregate->version() == event->originatorVersion)
            m_snapshots->put({Snapshot::take(*aggregate)});
        else
            takeSnapshot(event->originatorId, event->originatorVersion);
    }
}

void Application::takeSnapshot(const QUuid &id, std::optional<qint64> version)
{
    initialise();
    if (!m_snapshots)
        throw ProgrammingError(QStringLiteral("can't take a snapshot of %1: snapshotting is not enabled for %2 (set "
                                              "IS_SNAPSHOTTING_ENABLED, or snapshotting intervals on the application)")
                                   .arg(uuid::toDashed(id), m_name));
    const std::unique_ptr<Aggregate> aggregate = m_repository->get(id, version);
    m_snapshots->put({Snapshot::take(*aggregate)});
}

} // namespace es
