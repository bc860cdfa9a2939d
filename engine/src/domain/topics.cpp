#include "es/topics.h"

#include "es/domain.h"
#include "es/errors.h"

#include <QHash>
#include <algorithm>
#include <mutex>
#include <shared_mutex>

namespace es {

namespace {

struct Registry
{
    // Snapshot is the library's own event class (Python's eventsourcing.domain:Snapshot, importable
    // everywhere): known from the start, before any snapshot was taken in this process.
    Registry() { byTopic.insert(QString::fromLatin1(Snapshot::TOPIC), TopicEntry{&Snapshot::staticEventClass(), nullptr}); }

    mutable std::shared_mutex mutex;
    QHash<QString, TopicEntry> byTopic;
};

Registry &registry()
{
    static Registry r;
    return r;
}

QString describe(const TopicEntry &e)
{
    if (e.eventClass)
        return QStringLiteral("event class %1").arg(QString::fromLatin1(e.eventClass->type ? e.eventClass->type->name() : "?"));
    if (e.aggregateClass)
        return QStringLiteral("aggregate class %1").arg(e.aggregateClass->name);
    return QStringLiteral("nothing");
}

void insert(const QString &topic, TopicEntry entry)
{
    Registry &r = registry();
    std::unique_lock lock(r.mutex);
    const auto it = r.byTopic.constFind(topic);
    if (it != r.byTopic.constEnd()) {
        if (it->eventClass == entry.eventClass && it->aggregateClass == entry.aggregateClass)
            return;
        throw TopicError(QStringLiteral("topic '%1' is already registered for %2; cannot register it for %3")
                             .arg(topic, describe(*it), describe(entry)));
    }
    r.byTopic.insert(topic, entry);
}

} // namespace

void registerTopic(const QString &topic, const EventClass &cls)
{
    insert(topic, TopicEntry{&cls, nullptr});
}

void registerTopic(const QString &topic, const AggregateClass &cls)
{
    insert(topic, TopicEntry{nullptr, &cls});
}

std::optional<TopicEntry> findTopic(const QString &topic)
{
    Registry &r = registry();
    std::shared_lock lock(r.mutex);
    const auto it = r.byTopic.constFind(topic);
    if (it == r.byTopic.constEnd())
        return std::nullopt;
    return *it;
}

TopicEntry resolveTopic(const QString &topic)
{
    if (auto e = findTopic(topic))
        return *e;
    throw TopicError(QStringLiteral("unknown topic '%1': no class is registered for it").arg(topic));
}

const EventClass *findEventClass(const QString &topic)
{
    const auto e = findTopic(topic);
    return e ? e->eventClass : nullptr;
}

const AggregateClass *findAggregateClass(const QString &topic)
{
    const auto e = findTopic(topic);
    return e ? e->aggregateClass : nullptr;
}

QStringList registeredTopics()
{
    Registry &r = registry();
    std::shared_lock lock(r.mutex);
    QStringList topics = r.byTopic.keys();
    std::sort(topics.begin(), topics.end());
    return topics;
}

} // namespace es
