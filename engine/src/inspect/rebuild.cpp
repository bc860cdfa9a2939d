// Rebuilding registered aggregates from a store (snapshot, then events, through the registry's
// classes), and JSON diffs.
#include "es/inspect/rebuild.h"

#include "es/inspect/pagers.h"
#include "es/topics.h"
#include "es/uuid.h"
#include "inspect/storedata.h"

namespace es::inspect {

namespace {

QString describe(const DecodedRecord &r)
{
    return QStringLiteral("%1 version %2 (%3)")
        .arg(uuid::toDashed(r.originatorId))
        .arg(r.originatorVersion)
        .arg(r.topic);
}

// The domain event of a decoded record, mapped from its plaintext (so that the record's storage —
// compressed, encrypted — was handled once, by the decoder).
DomainEventPtr toDomainEvent(const Mapper &mapper, const DecodedRecord &r)
{
    if (!r.decoded.hasState())
        throw DataError(QStringLiteral("cannot rebuild: the record %1 cannot be decoded: %2")
                            .arg(describe(r), r.decoded.error));
    StoredEvent plain;
    plain.originatorId = r.originatorId;
    plain.originatorVersion = r.originatorVersion;
    plain.topic = r.topic;
    const std::string text = r.decoded.state.toJson();
    plain.state = QByteArray(text.data(), static_cast<qsizetype>(text.size()));
    try {
        return mapper.toDomainEvent(plain);
    } catch (const TopicError &e) {
        throw TopicError(
            QStringLiteral("cannot rebuild: %1 (no class is registered for the topic of %2; link the "
                           "library that defines it)")
                .arg(e.message(), describe(r)));
    } catch (const EventSourcingError &e) {
        throw DataError(QStringLiteral("cannot rebuild: the record %1 cannot be mapped: %2")
                            .arg(describe(r), e.message()));
    }
}

bool isWrapper(const json::Value &v)
{
    return v.isObject() && v.size() == 2 && v.find("_type_") && v.find("_data_");
}

QString child(const QString &path, const std::string &key)
{
    const QString k = QString::fromStdString(key);
    return path.isEmpty() ? k : path + QLatin1Char('.') + k;
}

void diffInto(const json::Value &a, const json::Value &b, const QString &path, std::vector<JsonChange> &out)
{
    if (a.isObject() && b.isObject() && !isWrapper(a) && !isWrapper(b)) {
        for (const auto &m : a.members()) {
            const json::Value *other = b.find(m.first);
            if (!other)
                out.push_back({JsonChange::Kind::Removed, child(path, m.first), m.second, json::Value()});
            else
                diffInto(m.second, *other, child(path, m.first), out);
        }
        for (const auto &m : b.members())
            if (!a.find(m.first))
                out.push_back({JsonChange::Kind::Added, child(path, m.first), json::Value(), m.second});
        return;
    }
    if (a.isArray() && b.isArray()) {
        const size_t common = std::min(a.size(), b.size());
        for (size_t i = 0; i < common; ++i)
            diffInto(a.array()[i], b.array()[i], QStringLiteral("%1[%2]").arg(path).arg(i), out);
        for (size_t i = common; i < a.size(); ++i)
            out.push_back({JsonChange::Kind::Removed, QStringLiteral("%1[%2]").arg(path).arg(i), a.array()[i],
                           json::Value()});
        for (size_t i = common; i < b.size(); ++i)
            out.push_back({JsonChange::Kind::Added, QStringLiteral("%1[%2]").arg(path).arg(i), json::Value(),
                           b.array()[i]});
        return;
    }
    if (a != b || a.type() != b.type())
        out.push_back({JsonChange::Kind::Changed, path, a, b});
}

json::Value aggregateJson(const QUuid &id, qint64 version, const QString &topic, json::Value state)
{
    json::Value o = json::Value::emptyObject();
    o.insert("id", json::Value(uuid::toDashed(id)));
    o.insert("version", json::Value(static_cast<long long>(version)));
    o.insert("topic", json::Value(topic));
    o.insert("state", std::move(state));
    return o;
}

} // namespace

QString JsonChange::kindName(Kind k)
{
    switch (k) {
    case Kind::Added:
        return QStringLiteral("added");
    case Kind::Removed:
        return QStringLiteral("removed");
    case Kind::Changed:
        return QStringLiteral("changed");
    }
    return {};
}

json::Value JsonChange::toJson() const
{
    json::Value o = json::Value::emptyObject();
    o.insert("kind", json::Value(kindName(kind)));
    o.insert("path", json::Value(path));
    if (kind != Kind::Added)
        o.insert("before", before);
    if (kind != Kind::Removed)
        o.insert("after", after);
    return o;
}

std::vector<JsonChange> diffJson(const json::Value &before, const json::Value &after)
{
    std::vector<JsonChange> out;
    diffInto(before, after, QString(), out);
    return out;
}

Rebuilder::Rebuilder(Source source) : m_source(std::move(source)) { }

bool Rebuilder::canRebuild(const QString &aggregateTopic)
{
    return findAggregateClass(aggregateTopic) != nullptr;
}

RebuiltAggregate Rebuilder::rebuild(const QUuid &id, std::optional<qint64> version, bool useSnapshots) const
{
    const detail::AppData &a = m_source.store->data().app(m_source.application);
    a.database(QStringLiteral("aggregates"));
    const Mapper mapper(m_source.decoder->transcoderPtr());
    RebuiltAggregate out;
    out.id = id;

    std::unique_ptr<Aggregate> aggregate;
    std::optional<qint64> after;
    if (useSnapshots && !a.snapshots.isEmpty()) {
        if (std::optional<DecodedRecord> snap = SnapshotPager(m_source).latest(id, version)) {
            const QString type = snap->snapshotAggregateTopic();
            if (!type.isEmpty() && !canRebuild(type))
                throw TopicError(
                    QStringLiteral("cannot rebuild %1: its type '%2' is not registered in this program "
                                   "(link the library that defines it)")
                        .arg(uuid::toDashed(id), type));
            DomainEventPtr event = toDomainEvent(mapper, *snap);
            try {
                aggregate = event->mutate(nullptr);
            } catch (const EventSourcingError &e) {
                throw DataError(QStringLiteral("cannot rebuild %1 from its snapshot at version %2: %3")
                                    .arg(uuid::toDashed(id))
                                    .arg(snap->originatorVersion)
                                    .arg(e.message()));
            }
            out.snapshotVersion = snap->originatorVersion;
            after = snap->originatorVersion;
        }
    }

    std::vector<DomainEventPtr> events;
    const EventPager pager(m_source);
    for (bool done = false; !done;) {
        const RecordPage page = pager.page(id, after, Direction::Forward, 1000);
        done = page.atEnd || page.rows.empty();
        for (const DecodedRecord &r : page.rows) {
            if (version && r.originatorVersion > *version) {
                done = true;
                break;
            }
            if (!aggregate && events.empty()) {
                const QString type = r.originatorTopic();
                if (!type.isEmpty() && !canRebuild(type))
                    throw TopicError(
                        QStringLiteral("cannot rebuild %1: its type '%2' is not registered in this program "
                                       "(link the library that defines it)")
                            .arg(uuid::toDashed(id), type));
            }
            events.push_back(toDomainEvent(mapper, r));
            after = r.originatorVersion;
        }
    }
    if (!aggregate && events.empty())
        throw AggregateNotFound(
            version ? QStringLiteral("aggregate %1 has no events at or below version %2 in '%3'")
                          .arg(uuid::toDashed(id))
                          .arg(*version)
                          .arg(m_source.application)
                    : QStringLiteral("aggregate %1 not found in '%2'")
                          .arg(uuid::toDashed(id), m_source.application));
    try {
        aggregate = project(std::move(aggregate), events);
    } catch (const EventSourcingError &e) {
        throw DataError(QStringLiteral("cannot rebuild %1: %2").arg(uuid::toDashed(id), e.message()));
    }
    if (!aggregate)
        throw AggregateNotFound(
            QStringLiteral("aggregate %1 not found in '%2'").arg(uuid::toDashed(id), m_source.application));
    out.eventsApplied = static_cast<qint64>(events.size());
    out.version = aggregate->version();
    out.topic = aggregate->topic();
    out.json = aggregateJson(id, out.version, out.topic, aggregate->stateValue());
    return out;
}

std::optional<SnapshotComparison> Rebuilder::checkLatestSnapshot(const QUuid &id) const
{
    std::optional<DecodedRecord> snap = SnapshotPager(m_source).latest(id);
    if (!snap)
        return std::nullopt;
    if (!snap->decoded.hasState())
        throw DataError(QStringLiteral("the snapshot %1 cannot be decoded: %2")
                            .arg(describe(*snap), snap->decoded.error));
    const RebuiltAggregate replay = rebuild(id, snap->originatorVersion, false);
    const json::Value *inner = snap->decoded.state.find("state");
    const json::Value snapshotJson = aggregateJson(
        id, snap->originatorVersion, snap->snapshotAggregateTopic(), inner ? *inner : json::Value());
    SnapshotComparison c;
    c.snapshotVersion = snap->originatorVersion;
    c.changes = diffJson(snapshotJson, replay.json);
    c.matches = c.changes.empty();
    return c;
}

} // namespace es::inspect
