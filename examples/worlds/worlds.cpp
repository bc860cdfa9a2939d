#include "worlds/worlds.h"

namespace worlds {

WorldsApplication::WorldsApplication(const es::EnvMap &env)
    : Leader(QString::fromUtf8(NAME), env)
{
}

void WorldsApplication::registerTypes()
{
    es::registerAggregate<World>();
}

QUuid WorldsApplication::createWorld()
{
    auto world = World::create();
    save(*world);
    return world->id();
}

void WorldsApplication::makeItSo(const QUuid &worldId, const QString &what)
{
    auto world = repository().get<World>(worldId);
    world->makeItSo(what);
    save(*world);
}

QStringList WorldsApplication::history(const QUuid &worldId)
{
    return repository().get<World>(worldId)->history();
}

Counters::Counters(const es::EnvMap &env)
    : ProcessApplication(QString::fromUtf8(NAME), env)
{
    on<World::SomethingHappened>([this](const World::SomethingHappened &event, es::ProcessEvent &processEvent) {
        const QUuid id = Counter::createId(event.what);
        std::shared_ptr<Counter> counter;
        try {
            counter = repository().get<Counter>(id);
        } catch (const es::AggregateNotFound &) {
            counter = Counter::create(event.what);
        }
        counter->increment();
        processEvent.collectEvents(counter);
    });
}

void Counters::registerTypes()
{
    es::registerAggregate<World>();
    es::registerAggregate<Counter>();
}

qint64 Counters::count(const QString &what)
{
    try {
        return repository().get<Counter>(Counter::createId(what))->count();
    } catch (const es::AggregateNotFound &) {
        return 0;
    }
}

es::System makeSystem()
{
    return es::System({es::pipe<WorldsApplication, Counters>()});
}

} // namespace worlds
