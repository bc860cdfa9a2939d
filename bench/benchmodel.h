#pragma once
// The aggregate es-bench saves and rebuilds: the Dog of the Python library's tutorial (a created
// event with a name, then one event per trick), so that the stored states are the size and shape
// of the Python peer's: {"timestamp": {"_type_": "datetime_iso", …}, "originator_topic": …,
// "name": …} and {"timestamp": …, "trick": …}.

#include "es/application.h"
#include "es/domain.h"

namespace bench {

class Dog : public es::AggregateRoot<Dog>
{
public:
    static constexpr const char *TOPIC = "bench:Dog";

    struct Registered : es::CreatedEvent<Dog, Registered>
    {
        static constexpr const char *TOPIC = "bench:Dog.Registered";
        QString name;
        static constexpr auto fields() { return es::fields(es::field("name", &Registered::name)); }
        void apply(Dog &d) const { d.m_name = name; }
    };
    struct TrickAdded : es::Event<Dog, TrickAdded>
    {
        static constexpr const char *TOPIC = "bench:Dog.TrickAdded";
        QString trick;
        static constexpr auto fields() { return es::fields(es::field("trick", &TrickAdded::trick)); }
        void apply(Dog &d) const { d.m_tricks.push_back(trick); }
    };
    using Events = es::EventTypes<Registered, TrickAdded>;
    static constexpr auto stateFields()
    {
        return es::fields(es::field("name", &Dog::m_name), es::field("tricks", &Dog::m_tricks));
    }

    static std::unique_ptr<Dog> create(const QString &name) { return createAggregate<Registered>(es::uuid::v4(), name); }
    void addTrick(const QString &trick) { triggerEvent<TrickAdded>(trick); }
    const QStringList &tricks() const { return m_tricks; }

private:
    QString m_name;
    QStringList m_tricks;
};

class DogSchool : public es::Application
{
public:
    DogSchool(const QString &name, const es::EnvMap &env)
        : Application(name, env)
    {
    }

protected:
    void registerTypes() override { es::registerAggregate<Dog>(); }
};

} // namespace bench
