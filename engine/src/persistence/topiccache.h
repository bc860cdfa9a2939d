#pragma once
// Topic text ↔ QString for the native recorder paths, without an allocation per row: rows of one
// store name a handful of topics, so each thread keeps one QString per topic it has read (and the
// UTF-8 of the last topic it wrote). Sharing one QString per topic also lets the mapper find an
// event's class by comparing string data pointers (transcoder.cpp). Private to the engine;
// thread-safe (the caches are per thread).

#include <QByteArray>
#include <QHash>
#include <QString>
#include <cstring>

namespace es::detail {

// The topic of `len` UTF-8 bytes at `utf8`, as a QString shared by every row that names it.
inline const QString &topicFromUtf8(const char *utf8, size_t len)
{
    struct Cache
    {
        QByteArray lastKey;
        QString lastTopic;
        QHash<QByteArray, QString> topics;
    };
    thread_local Cache cache;
    const auto n = static_cast<qsizetype>(len);
    if (n == cache.lastKey.size() && (n == 0 || std::memcmp(utf8, cache.lastKey.constData(), len) == 0)
        && !cache.lastTopic.isNull())
        return cache.lastTopic;
    const QByteArray probe = QByteArray::fromRawData(utf8, n);
    auto it = cache.topics.constFind(probe);
    if (it == cache.topics.constEnd()) {
        if (cache.topics.size() >= 4096) // a store with ever new topics: start again
            cache.topics.clear();
        const QByteArray key(utf8, n);
        it = cache.topics.insert(key, QString::fromUtf8(key));
    }
    cache.lastKey = it.key();
    cache.lastTopic = it.value();
    return cache.lastTopic;
}

// The UTF-8 of a topic about to be written (the last one is kept: saves come in runs of a topic).
inline const QByteArray &topicToUtf8(const QString &topic)
{
    thread_local QString lastTopic;
    thread_local QByteArray lastUtf8;
    if (topic.constData() != lastTopic.constData() || topic.size() != lastTopic.size() || lastTopic.isNull()) {
        if (topic != lastTopic || lastTopic.isNull())
            lastUtf8 = topic.toUtf8();
        lastTopic = topic;
    }
    return lastUtf8;
}

} // namespace es::detail
