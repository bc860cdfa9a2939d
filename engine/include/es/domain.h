#pragma once
// The domain model of Python's eventsourcing 9.1 (domain.py) in C++: aggregates, their domain
// events, snapshots.
//
// Declaring an aggregate and its events:
//
//   class BankAccount : public es::AggregateRoot<BankAccount> {
//   public:
//       static constexpr const char *TOPIC = "eventsourcing.examples.bankaccounts.domainmodel:BankAccount";
//       struct Opened : es::CreatedEvent<BankAccount, Opened> {
//           static constexpr const char *TOPIC = "…:BankAccount.Opened";
//           QString fullName;
//           static constexpr auto fields() { return es::fields(es::field("full_name", &Opened::fullName)); }
//           void apply(BankAccount &a) const { a.m_fullName = fullName; }
//       };
//       struct Credited : es::Event<BankAccount, Credited> { … es::Decimal amount; … };
//       using Events = es::EventTypes<Opened, Credited>;               // registered with the aggregate
//       static constexpr auto stateFields() { return es::fields(es::field("full_name", &BankAccount::m_fullName)); }
//
//       static std::unique_ptr<BankAccount> open(const QString &name) { return createAggregate<Opened>(es::uuid::v4(), name); }
//       void credit(const es::Decimal &amount) { triggerEvent<Credited>(amount); }
//   private:
//       QString m_fullName;
//   };
//
// An event's fields() list its attributes with their Python (wire) names in declaration order; the
// stored state is exactly Python's: the event's __dict__ without originator_id/originator_version
// ({"timestamp", ["originator_topic"], fields…, ["class_version"]}). triggerEvent<E>(args…) assigns
// args to E's fields in order. An aggregate's stateFields() list the attributes a snapshot holds
// (Python's __dict__ order after _created_on and _modified_on). Optional: INITIAL_VERSION,
// CLASS_VERSION with upcasters() (upcasters()[i] turns stored state of version i+1 into i+2).
//
// Thread-safety: aggregates and events are plain values owned by their user; not thread-safe to
// mutate, safe to read from several threads. Events are shared as DomainEventPtr (immutable).

#include "es/codec.h"
#include "es/errors.h"
#include "es/json.h"
#include "es/timestamp.h"
#include "es/topics.h"
#include "es/uuid.h"

#include <QDebug>
#include <QString>
#include <QUuid>
#include <algorithm>
#include <memory>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

namespace es {

class Aggregate;
class DomainEvent;
using DomainEventPtr = std::shared_ptr<const DomainEvent>;

// Changes a stored state (a decoded JSON object) from one class version to the next, in place.
using Upcaster = void (*)(json::Value &state);

// --- declarative fields ----------------------------------------------------------------------------

enum FieldFlags : int {
    FieldAlways = 0,
    // For std::optional members: leave the attribute out of the state when empty (an attribute that
    // Python's object does not have yet), instead of writing null (an attribute set to None).
    FieldOmitIfEmpty = 1,
};

template<typename C, typename T>
struct Field
{
    std::string_view name; // the Python attribute name, as on the wire
    T C::*member;
    int flags = FieldAlways;
    using Class = C;
    using Type = T;
};

template<typename C, typename T>
constexpr Field<C, T> field(std::string_view name, T C::*member, int flags = FieldAlways)
{
    return Field<C, T>{name, member, flags};
}

template<typename... F>
constexpr std::tuple<F...> fields(F... f)
{
    return std::tuple<F...>(f...);
}

template<typename... E>
struct EventTypes
{
};

namespace detail {

template<typename T>
struct IsOptional : std::false_type
{
};
template<typename T>
struct IsOptional<std::optional<T>> : std::true_type
{
};

// Prefixes a decoding error with the field it happened in.
[[noreturn]] void rethrowInField(std::string_view field, const TranscodingError &e);
[[noreturn]] void throwMissingField(std::string_view field);

template<typename Obj, typename Tuple>
void encodeFields(json::Writer &w, const Obj &obj, const Tuple &fs)
{
    std::apply(
        [&](const auto &...f) {
            auto one = [&](const auto &fd) {
                const auto &v = obj.*(fd.member);
                using T = std::decay_t<decltype(v)>;
                if constexpr (IsOptional<T>::value) {
                    if ((fd.flags & FieldOmitIfEmpty) && !v)
                        return;
                }
                w.key(fd.name);
                encodeValue(w, v);
            };
            (void)one; // events without fields
            (one(f), ...);
        },
        fs);
}

template<typename Obj, typename Tuple>
void decodeFields(Obj &obj, const json::Node &state, const Tuple &fs)
{
    std::apply(
        [&](const auto &...f) {
            auto one = [&](const auto &fd) {
                auto &v = obj.*(fd.member);
                using T = std::decay_t<decltype(v)>;
                const json::Node n = state.find(fd.name);
                if (!n.isValid()) {
                    if constexpr (IsOptional<T>::value) {
                        v = std::nullopt;
                        return;
                    } else {
                        throwMissingField(fd.name);
                    }
                }
                try {
                    v = Codec<T>::read(n);
                } catch (const TranscodingError &e) {
                    rethrowInField(fd.name, e);
                }
            };
            (void)one;
            (one(f), ...);
        },
        fs);
}

template<typename Obj, typename Tuple, typename... Args, size_t... I>
void assignFields(Obj &obj, const Tuple &fs, std::index_sequence<I...>, Args &&...args)
{
    ((obj.*(std::get<I>(fs).member) = std::forward<Args>(args)), ...);
}

json::Node requireMember(const json::Node &state, std::string_view name);
Timestamp decodeTimestampMember(const json::Node &state);
QString decodeOriginatorTopic(const json::Node &state);
// As above; the aggregate's own topic (the usual value) is returned as `own`, shared, not copied.
QString decodeOriginatorTopic(const json::Node &state, std::string_view ownUtf8, const QString &own);
[[noreturn]] void throwOriginatorIdError(const DomainEvent &event, const Aggregate &aggregate);
[[noreturn]] void throwOriginatorVersionError(const DomainEvent &event, const Aggregate &aggregate);
[[noreturn]] void throwWrongAggregateType(const QString &expected, const QString &found);
[[noreturn]] void throwWrongAggregateType(const QString &expected, const Aggregate *found);
// Appends a stored value as the representations show it (Decimal('1.50'), UUID('…'), ISO times).
void appendRepr(QString &out, const json::Value &value);
quint64 nextCreationSequence();
void registerClassOrThrow(const QString &topic, const EventClass &cls);
void registerClassOrThrow(const QString &topic, const AggregateClass &cls);

template<typename... E>
void registerEvents(EventTypes<E...>)
{
    (E::staticEventClass(), ...);
}

template<typename T, typename = void>
struct HasEvents : std::false_type
{
};
template<typename T>
struct HasEvents<T, std::void_t<typename T::Events>> : std::true_type
{
};

} // namespace detail

// --- class descriptors ---------------------------------------------------------------------------------

// What the engine knows about one event class. One per class, for the program's life.
struct EventClass
{
    QString topic;
    int classVersion = 1;
    std::vector<Upcaster> upcasters;
    bool isCreated = false;
    std::shared_ptr<DomainEvent> (*make)() = nullptr;
    // Reads timestamp, originator_topic (created events) and the declared fields from a state object.
    void (*decodeState)(DomainEvent &event, const json::Node &state) = nullptr;
    const std::type_info *type = nullptr;
};

// What the engine knows about one aggregate class.
struct AggregateClass
{
    QString topic;
    QString name; // the class name for representations ("BankAccount")
    qint64 initialVersion = 1;
    int classVersion = 1;
    std::vector<Upcaster> upcasters;
    std::unique_ptr<Aggregate> (*make)() = nullptr;
    // Writes/reads the declared state fields (not _created_on/_modified_on) as object members.
    void (*encodeState)(const Aggregate &aggregate, json::Writer &w) = nullptr;
    void (*decodeState)(Aggregate &aggregate, const json::Node &state) = nullptr;
    const std::type_info *type = nullptr;
};

// --- events -------------------------------------------------------------------------------------------

class DomainEvent
{
public:
    virtual ~DomainEvent();

    QUuid originatorId;
    qint64 originatorVersion = 0;
    Timestamp timestamp;
    // The order in which this process triggered its events (0 for events read from a store). Not
    // stored; lets a process application record a policy's new events in the order they happened,
    // across aggregates.
    quint64 creationSequence = 0;

    virtual const EventClass &eventClass() const = 0;
    const QString &topic() const { return eventClass().topic; }

    // Python's stored state: {"timestamp": …, [originator_topic,] fields…, [class_version]}.
    virtual void encodeState(json::Writer &w) const = 0;
    // Python's mutate(): created events and snapshots make the aggregate (ignoring the argument);
    // other events check id and version, apply, then advance version and modified time.
    virtual std::unique_ptr<Aggregate> mutate(std::unique_ptr<Aggregate> aggregate) const = 0;

    // The stored state as JSON text / value (for display, tests and the inspector).
    std::string stateJson() const;
    json::Value stateValue() const;

protected:
    DomainEvent() = default;
    DomainEvent(const DomainEvent &) = default;
    DomainEvent &operator=(const DomainEvent &) = default;
};

// Python-like: BankAccount.Credited(originator_id=…, originator_version=2, timestamp=…, amount=Decimal('415.8')).
QDebug operator<<(QDebug debug, const DomainEvent &event);

// Events of aggregates A declared as struct E : Event<A, E>.
template<typename A, typename E>
struct Event : DomainEvent
{
    using AggregateType = A;
    static constexpr int CLASS_VERSION = 1;
    static std::vector<Upcaster> upcasters() { return {}; }
    static constexpr auto fields() { return std::tuple<>(); }
    // What the event does to the aggregate; E hides this.
    void apply(A &) const { }

    static const EventClass &staticEventClass()
    {
        static const EventClass cls = [] {
            EventClass c;
            c.topic = QString::fromUtf8(E::TOPIC);
            c.classVersion = E::CLASS_VERSION;
            c.upcasters = E::upcasters();
            c.isCreated = E::isCreatedEvent();
            c.make = []() -> std::shared_ptr<DomainEvent> { return std::make_shared<E>(); };
            c.decodeState = [](DomainEvent &ev, const json::Node &state) {
                E &e = static_cast<E &>(ev);
                e.timestamp = detail::decodeTimestampMember(state);
                e.decodeExtra(state);
                detail::decodeFields(e, state, E::fields());
            };
            c.type = &typeid(E);
            return c;
        }();
        static const bool registered = (detail::registerClassOrThrow(cls.topic, cls), true);
        (void)registered;
        return cls;
    }

    const EventClass &eventClass() const override { return staticEventClass(); }

    void encodeState(json::Writer &w) const override
    {
        const E &e = static_cast<const E &>(*this);
        w.beginObject();
        w.key("timestamp");
        encodeValue(w, timestamp);
        e.encodeExtra(w);
        detail::encodeFields(w, e, E::fields());
        if constexpr (E::CLASS_VERSION > 1) {
            w.key("class_version");
            w.integer(E::CLASS_VERSION);
        }
        w.endObject();
    }

    std::unique_ptr<Aggregate> mutate(std::unique_ptr<Aggregate> aggregate) const override
    {
        if (!aggregate)
            throw ValueError(QStringLiteral("%1 cannot be applied to no aggregate").arg(topic()));
        if (A *a = dynamic_cast<A *>(aggregate.get())) {
            mutateInPlace(*a);
            return aggregate;
        }
        detail::throwWrongAggregateType(QString::fromUtf8(A::TOPIC), aggregate.get());
    }

    // Checks id and version, runs apply() first, and only when it succeeds advances the aggregate.
    void mutateInPlace(A &a) const
    {
        if (originatorId != a.id())
            detail::throwOriginatorIdError(*this, a);
        if (originatorVersion != a.version() + 1)
            detail::throwOriginatorVersionError(*this, a);
        static_cast<const E &>(*this).apply(a);
        a.advance(originatorVersion, timestamp);
    }

protected:
    static constexpr bool isCreatedEvent() { return false; }
    void encodeExtra(json::Writer &) const { }
    void decodeExtra(const json::Node &) { }
    friend A;
};

// The event that creates an aggregate; carries originator_topic (Python's Aggregate.Created).
template<typename A, typename E>
struct CreatedEvent : Event<A, E>
{
    QString originatorTopic;

    std::unique_ptr<Aggregate> mutate(std::unique_ptr<Aggregate>) const override
    {
        std::unique_ptr<Aggregate> made;
        const QString &ownTopic = A::staticAggregateClass().topic;
        if (originatorTopic.isEmpty() || originatorTopic == ownTopic) {
            made = A::staticAggregateClass().make();
        } else {
            const AggregateClass *cls = findAggregateClass(originatorTopic);
            if (!cls)
                throw TopicError(QStringLiteral("unknown aggregate topic '%1' in %2").arg(originatorTopic, this->topic()));
            made = cls->make();
        }
        A *a = dynamic_cast<A *>(made.get());
        if (!a)
            detail::throwWrongAggregateType(ownTopic, originatorTopic);
        a->baseInit(this->originatorId, this->originatorVersion, this->timestamp);
        static_cast<const E &>(*this).apply(*a);
        return made;
    }

protected:
    static constexpr bool isCreatedEvent() { return true; }
    void encodeExtra(json::Writer &w) const
    {
        w.key("originator_topic");
        w.string(QStringView(originatorTopic));
    }
    void decodeExtra(const json::Node &state)
    {
        originatorTopic = detail::decodeOriginatorTopic(state, A::TOPIC, A::staticAggregateClass().topic);
    }
    friend struct Event<A, E>;
};

// --- aggregates -----------------------------------------------------------------------------------------

class Aggregate
{
public:
    virtual ~Aggregate();

    const QUuid &id() const { return m_id; }
    qint64 version() const { return m_version; }
    const Timestamp &createdOn() const { return m_createdOn; }
    const Timestamp &modifiedOn() const { return m_modifiedOn; }

    virtual const AggregateClass &aggregateClass() const = 0;
    const QString &topic() const { return aggregateClass().topic; }

    // Events triggered since the aggregate was created or last collected, oldest first.
    const std::vector<DomainEventPtr> &pendingEvents() const { return m_pending; }
    // Returns the pending events and clears them (Python's collect_events()).
    std::vector<DomainEventPtr> collectEvents();

    // The attributes as a snapshot holds them: {"_created_on", "_modified_on", fields…, [class_version]}.
    void encodeState(json::Writer &w) const;
    json::Value stateValue() const;

    // Python's __eq__: same class and the same attributes (id, version, times, state, pending events).
    bool operator==(const Aggregate &other) const;
    bool operator!=(const Aggregate &other) const { return !(*this == other); }

protected:
    Aggregate() = default;
    Aggregate(const Aggregate &) = default;
    Aggregate &operator=(const Aggregate &) = default;

private:
    template<typename, typename>
    friend struct Event;
    template<typename, typename>
    friend struct CreatedEvent;
    template<typename>
    friend class AggregateRoot;
    friend class Snapshot;

    void baseInit(const QUuid &id, qint64 version, const Timestamp &timestamp)
    {
        m_id = id;
        m_version = version;
        m_createdOn = timestamp;
        m_modifiedOn = timestamp;
    }
    void advance(qint64 version, const Timestamp &timestamp)
    {
        m_version = version;
        m_modifiedOn = timestamp;
    }

    QUuid m_id;
    qint64 m_version = 0;
    Timestamp m_createdOn;
    Timestamp m_modifiedOn;
    std::vector<DomainEventPtr> m_pending;
};

// Python-like: BankAccount(id=…, version=2, created_on=…, modified_on=…, full_name="Alice",
// balance=Decimal('415.80'), …) — the class name, then the attributes as a snapshot holds them.
QDebug operator<<(QDebug debug, const Aggregate &aggregate);

// Base of aggregate classes: struct Derived : AggregateRoot<Derived>.
template<typename Derived>
class AggregateRoot : public Aggregate
{
public:
    static constexpr qint64 INITIAL_VERSION = 1;
    static constexpr int CLASS_VERSION = 1;
    static std::vector<Upcaster> upcasters() { return {}; }
    static constexpr auto stateFields() { return std::tuple<>(); }

    static const AggregateClass &staticAggregateClass()
    {
        static const AggregateClass cls = [] {
            AggregateClass c;
            c.topic = QString::fromUtf8(Derived::TOPIC);
            const qsizetype dot = std::max(c.topic.lastIndexOf(QLatin1Char('.')), c.topic.lastIndexOf(QLatin1Char(':')));
            c.name = c.topic.mid(dot + 1);
            c.initialVersion = Derived::INITIAL_VERSION;
            c.classVersion = Derived::CLASS_VERSION;
            c.upcasters = Derived::upcasters();
            c.make = []() -> std::unique_ptr<Aggregate> { return std::unique_ptr<Aggregate>(new Derived()); };
            c.encodeState = [](const Aggregate &a, json::Writer &w) {
                detail::encodeFields(w, static_cast<const Derived &>(a), Derived::stateFields());
            };
            c.decodeState = [](Aggregate &a, const json::Node &state) {
                detail::decodeFields(static_cast<Derived &>(a), state, Derived::stateFields());
            };
            c.type = &typeid(Derived);
            return c;
        }();
        static const bool registered = (detail::registerClassOrThrow(cls.topic, cls), true);
        (void)registered;
        return cls;
    }

    const AggregateClass &aggregateClass() const override { return staticAggregateClass(); }

protected:
    // Python's _create(): a created event E with the given id, INITIAL_VERSION, now, and args
    // assigned to E's fields in order; the new aggregate has E pending.
    template<typename E, typename... Args>
    static std::unique_ptr<Derived> createAggregate(const QUuid &id, Args &&...args)
    {
        auto event = std::make_shared<E>();
        event->originatorId = id;
        event->originatorVersion = Derived::INITIAL_VERSION;
        event->timestamp = Timestamp::now();
        event->originatorTopic = Derived::staticAggregateClass().topic;
        event->creationSequence = detail::nextCreationSequence();
        assignArgs(*event, std::forward<Args>(args)...);
        std::unique_ptr<Aggregate> made = event->mutate(nullptr);
        std::unique_ptr<Derived> aggregate(static_cast<Derived *>(made.release()));
        aggregate->m_pending.push_back(std::move(event));
        return aggregate;
    }

    // Python's trigger_event(): a new event E for this aggregate (next version, now), args assigned
    // to E's fields in order; applied first, then the aggregate advances and E becomes pending.
    template<typename E, typename... Args>
    void triggerEvent(Args &&...args)
    {
        auto event = std::make_shared<E>();
        event->originatorId = id();
        event->originatorVersion = version() + 1;
        event->timestamp = Timestamp::now();
        event->creationSequence = detail::nextCreationSequence();
        assignArgs(*event, std::forward<Args>(args)...);
        event->mutateInPlace(static_cast<Derived &>(*this));
        m_pending.push_back(std::move(event));
    }

private:
    template<typename E, typename... Args>
    static void assignArgs(E &event, Args &&...args)
    {
        constexpr size_t n = std::tuple_size_v<decltype(E::fields())>;
        static_assert(sizeof...(Args) == n, "pass one argument per field declared in the event's fields()");
        detail::assignFields(event, E::fields(), std::make_index_sequence<n>(), std::forward<Args>(args)...);
    }
};

// --- snapshots ------------------------------------------------------------------------------------------

// Python's eventsourcing.domain:Snapshot — an aggregate's state at a version.
class Snapshot final : public DomainEvent
{
public:
    static constexpr const char *TOPIC = "eventsourcing.domain:Snapshot";

    QString aggregateTopic; // wire name "topic": the aggregate's class
    json::Value state;      // wire name "state": the aggregate's attributes as stored

    // Takes a snapshot of the aggregate at its current version, timestamped now.
    static std::shared_ptr<Snapshot> take(const Aggregate &aggregate);

    static const EventClass &staticEventClass();
    const EventClass &eventClass() const override { return staticEventClass(); }
    void encodeState(json::Writer &w) const override;
    // Rebuilds the aggregate (upcasting the state when its class version is older).
    std::unique_ptr<Aggregate> mutate(std::unique_ptr<Aggregate> aggregate = nullptr) const override;
};

// --- registration ---------------------------------------------------------------------------------------

// Registers an aggregate class and the events it declares in `using Events = EventTypes<…>`, so that
// stored records can be decoded before any of them was used in this process.
template<typename A>
void registerAggregate()
{
    (void)A::staticAggregateClass();
    if constexpr (detail::HasEvents<A>::value)
        detail::registerEvents(typename A::Events());
}

// Folds events into an aggregate (Python's projector): each event's mutate() in turn.
std::unique_ptr<Aggregate> project(std::unique_ptr<Aggregate> initial, const std::vector<DomainEventPtr> &events);

// Casts an aggregate made by the engine to its class; throws ValueError naming both when it is not.
template<typename A>
std::unique_ptr<A> aggregate_cast(std::unique_ptr<Aggregate> aggregate)
{
    if (!aggregate)
        return nullptr;
    if (A *a = dynamic_cast<A *>(aggregate.get())) {
        static_cast<void>(aggregate.release()); // ownership passes to the result, which holds `a`
        return std::unique_ptr<A>(a);
    }
    detail::throwWrongAggregateType(QString::fromUtf8(A::TOPIC), aggregate->topic());
}

} // namespace es
