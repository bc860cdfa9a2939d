#pragma once
// The worlds/counters system of Python's eventsourcing documentation (the reference store
// worlds-counters.postgres.sql is its output): worlds to which things happen, and a process
// application counting how often each thing happened. Topics and ids as the Python system
// ("worldsystem:World…", counters with uuid5(NAMESPACE_URL, "/counters/<what>")).
// Applications are thread-safe as es::Application is; aggregates are plain values.

#include "es/system.h"

namespace worlds {

class World : public es::AggregateRoot<World>
{
public:
    static constexpr const char *TOPIC = "worldsystem:World";

    struct Created : es::CreatedEvent<World, Created>
    {
        static constexpr const char *TOPIC = "worldsystem:World.Created";
    };
    struct SomethingHappened : es::Event<World, SomethingHappened>
    {
        static constexpr const char *TOPIC = "worldsystem:World.SomethingHappened";
        QString what;
        static constexpr auto fields() { return es::fields(es::field("what", &SomethingHappened::what)); }
        void apply(World &w) const { w.m_history.push_back(what); }
    };
    using Events = es::EventTypes<Created, SomethingHappened>;
    static constexpr auto stateFields() { return es::fields(es::field("history", &World::m_history)); }

    static std::unique_ptr<World> create() { return createAggregate<Created>(es::uuid::v4()); }
    void makeItSo(const QString &what) { triggerEvent<SomethingHappened>(what); }
    const QStringList &history() const { return m_history; }

private:
    QStringList m_history;
};

class Counter : public es::AggregateRoot<Counter>
{
public:
    static constexpr const char *TOPIC = "worldsystem:Counter";

    struct Created : es::CreatedEvent<Counter, Created>
    {
        static constexpr const char *TOPIC = "worldsystem:Counter.Created";
    };
    struct Incremented : es::Event<Counter, Incremented>
    {
        static constexpr const char *TOPIC = "worldsystem:Counter.Incremented";
        void apply(Counter &c) const { ++c.m_count; }
    };
    using Events = es::EventTypes<Created, Incremented>;
    static constexpr auto stateFields() { return es::fields(es::field("count", &Counter::m_count)); }

    // Python's Counter.create_id(name): uuid5(NAMESPACE_URL, f"/counters/{name}").
    static QUuid createId(const QString &what) { return es::uuid::v5url(QStringLiteral("/counters/") + what); }
    static std::unique_ptr<Counter> create(const QString &what) { return createAggregate<Created>(createId(what)); }
    void increment() { triggerEvent<Incremented>(); }
    qint64 count() const { return m_count; }

private:
    qint64 m_count = 0;
};

class WorldsApplication : public es::Leader
{
public:
    static constexpr const char *NAME = "WorldsApplication";
    explicit WorldsApplication(const es::EnvMap &env = {});

    QUuid createWorld();
    void makeItSo(const QUuid &worldId, const QString &what);
    QStringList history(const QUuid &worldId);

protected:
    void registerTypes() override;
};

class Counters : public es::ProcessApplication
{
public:
    static constexpr const char *NAME = "Counters";
    explicit Counters(const es::EnvMap &env = {});

    // How many times `what` happened (0 when never).
    qint64 count(const QString &what);

protected:
    void registerTypes() override;
};

// The system: WorldsApplication → Counters.
es::System makeSystem();

} // namespace worlds
