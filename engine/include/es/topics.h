#pragma once
// The topic registry: Python topic strings ("package.module:Class.Nested") to the C++ classes that
// stand for them, and back. Event and aggregate classes register themselves the first time they are
// used; es::registerAggregate<A>() registers an aggregate and its declared events up front (needed
// before reading a store); Snapshot ("eventsourcing.domain:Snapshot") is there from the start. A
// topic may be registered again for the same class (idempotent) and more than one topic may name
// one class (renamed classes, as Python's register_topic()); one topic for two classes is a
// TopicError. Thread-safe: registration and lookup may happen from any thread.
// The registry owns nothing: it points at class descriptors, which live for the program's life.

#include <QString>
#include <QStringList>
#include <optional>
#include <typeindex>

namespace es {

struct EventClass;
struct AggregateClass;

// What a topic resolves to: exactly one of the two pointers is set.
struct TopicEntry
{
    const EventClass *eventClass = nullptr;
    const AggregateClass *aggregateClass = nullptr;
};

// Registers topic → class. Throws TopicError when the topic already names another class.
void registerTopic(const QString &topic, const EventClass &cls);
void registerTopic(const QString &topic, const AggregateClass &cls);

// The class a topic names; throws TopicError ("unknown topic …") when none.
TopicEntry resolveTopic(const QString &topic);
// As resolveTopic() but without throwing.
std::optional<TopicEntry> findTopic(const QString &topic);
// The event class or aggregate class of a topic, or nullptr.
const EventClass *findEventClass(const QString &topic);
const AggregateClass *findAggregateClass(const QString &topic);
// All registered topics (sorted), e.g. for the inspector's "known topics".
QStringList registeredTopics();

} // namespace es
