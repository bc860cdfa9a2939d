#include "es/domain.h"

#include <atomic>

namespace es {

// --- detail ------------------------------------------------------------------------------------------

namespace detail {

namespace {
QString fromView(std::string_view v)
{
    return QString::fromUtf8(v.data(), static_cast<qsizetype>(v.size()));
}
} // namespace

void rethrowInField(std::string_view field, const TranscodingError &e)
{
    throw TranscodingError(QStringLiteral("field '%1': %2").arg(fromView(field), e.message()));
}

void throwMissingField(std::string_view field)
{
    throw TranscodingError(QStringLiteral("field '%1' is missing from the stored state").arg(fromView(field)));
}

json::Node requireMember(const json::Node &state, std::string_view name)
{
    if (!state.isObject())
        throw TranscodingError(QStringLiteral("stored state is a JSON %1, not an object").arg(QLatin1String(state.typeName())));
    const json::Node n = state.find(name);
    if (!n.isValid())
        throwMissingField(name);
    return n;
}

Timestamp decodeTimestampMember(const json::Node &state)
{
    const json::Node n = requireMember(state, "timestamp");
    try {
        return Codec<Timestamp>::read(n);
    } catch (const TranscodingError &e) {
        rethrowInField("timestamp", e);
    }
}

QString decodeOriginatorTopic(const json::Node &state)
{
    const json::Node n = requireMember(state, "originator_topic");
    try {
        return Codec<QString>::read(n);
    } catch (const TranscodingError &e) {
        rethrowInField("originator_topic", e);
    }
}

QString decodeOriginatorTopic(const json::Node &state, std::string_view ownUtf8, const QString &own)
{
    const json::Node n = requireMember(state, "originator_topic");
    if (n.isString() && n.stringView() == ownUtf8)
        return own;
    try {
        return Codec<QString>::read(n);
    } catch (const TranscodingError &e) {
        rethrowInField("originator_topic", e);
    }
}

void throwOriginatorIdError(const DomainEvent &event, const Aggregate &aggregate)
{
    throw OriginatorIDError(QStringLiteral("%1 has originator id %2 but the aggregate's id is %3")
                                .arg(event.topic(), uuid::toDashed(event.originatorId), uuid::toDashed(aggregate.id())));
}

void throwOriginatorVersionError(const DomainEvent &event, const Aggregate &aggregate)
{
    throw OriginatorVersionError(QStringLiteral("%1 has originator version %2 but the aggregate's next version is %3")
                                     .arg(event.topic())
                                     .arg(event.originatorVersion)
                                     .arg(aggregate.version() + 1));
}

void throwWrongAggregateType(const QString &expected, const QString &found)
{
    throw ValueError(QStringLiteral("expected an aggregate of %1, found %2").arg(expected, found));
}

void throwWrongAggregateType(const QString &expected, const Aggregate *found)
{
    throwWrongAggregateType(expected, found ? found->topic() : QStringLiteral("no aggregate"));
}

quint64 nextCreationSequence()
{
    static std::atomic<quint64> sequence{0};
    return sequence.fetch_add(1, std::memory_order_relaxed) + 1;
}

void appendRepr(QString &out, const json::Value &value)
{
    if (value.isObject()) {
        // The built-in custom types read as Python shows them; other wrappers stay as stored.
        if (value.size() == 2) {
            const json::Value *type = value.find("_type_");
            const json::Value *data = value.find("_data_");
            if (type && data && type->isString() && data->isString()) {
                const std::string &name = type->string();
                QUuid id;
                if (name == "decimal_str") {
                    out += QStringLiteral("Decimal('") + data->toQString() + QStringLiteral("')");
                    return;
                }
                if (name == "uuid_hex" && uuid::parse(std::string_view(data->string()), &id)) {
                    out += QStringLiteral("UUID('") + uuid::toDashed(id) + QStringLiteral("')");
                    return;
                }
                if (name == "datetime_iso") {
                    out += data->toQString();
                    return;
                }
            }
        }
        out += QLatin1Char('{');
        bool first = true;
        for (const auto &m : value.members()) {
            if (!first)
                out += QStringLiteral(", ");
            first = false;
            appendRepr(out, json::Value(m.first));
            out += QStringLiteral(": ");
            appendRepr(out, m.second);
        }
        out += QLatin1Char('}');
        return;
    }
    if (value.isArray()) {
        out += QLatin1Char('[');
        bool first = true;
        for (const json::Value &e : value.array()) {
            if (!first)
                out += QStringLiteral(", ");
            first = false;
            appendRepr(out, e);
        }
        out += QLatin1Char(']');
        return;
    }
    json::Writer::Options readable;
    readable.ensureAscii = false; // "Zoë", not "Zo\u00eb"
    out += QString::fromStdString(value.toJson(readable));
}

void registerClassOrThrow(const QString &topic, const EventClass &cls)
{
    registerTopic(topic, cls);
}

void registerClassOrThrow(const QString &topic, const AggregateClass &cls)
{
    registerTopic(topic, cls);
}

} // namespace detail

// --- DomainEvent ---------------------------------------------------------------------------------------

DomainEvent::~DomainEvent() = default;

std::string DomainEvent::stateJson() const
{
    std::string out;
    json::Writer w(out);
    encodeState(w);
    return out;
}

json::Value DomainEvent::stateValue() const
{
    return json::Value::parse(stateJson());
}

QDebug operator<<(QDebug debug, const DomainEvent &event)
{
    // Like Python's repr of the event: its class's qualified name, then the attributes.
    const QString &topic = event.topic();
    QString text = topic.mid(topic.indexOf(QLatin1Char(':')) + 1);
    text += QStringLiteral("(originator_id=") + uuid::toDashed(event.originatorId)
        + QStringLiteral(", originator_version=") + QString::number(event.originatorVersion);
    const json::Value state = event.stateValue();
    for (const auto &m : state.members()) {
        text += QStringLiteral(", ") + QString::fromStdString(m.first) + QLatin1Char('=');
        detail::appendRepr(text, m.second);
    }
    text += QLatin1Char(')');
    QDebugStateSaver saver(debug);
    debug.nospace().noquote() << text;
    return debug;
}

// --- Aggregate ------------------------------------------------------------------------------------------

Aggregate::~Aggregate() = default;

std::vector<DomainEventPtr> Aggregate::collectEvents()
{
    std::vector<DomainEventPtr> events;
    events.swap(m_pending);
    return events;
}

void Aggregate::encodeState(json::Writer &w) const
{
    const AggregateClass &cls = aggregateClass();
    w.beginObject();
    w.key("_created_on");
    encodeValue(w, m_createdOn);
    w.key("_modified_on");
    encodeValue(w, m_modifiedOn);
    cls.encodeState(*this, w);
    if (cls.classVersion > 1) {
        w.key("class_version");
        w.integer(cls.classVersion);
    }
    w.endObject();
}

json::Value Aggregate::stateValue() const
{
    std::string out;
    json::Writer w(out);
    encodeState(w);
    return json::Value::parse(out);
}

bool Aggregate::operator==(const Aggregate &other) const
{
    if (&aggregateClass() != &other.aggregateClass() || m_id != other.m_id || m_version != other.m_version
        || !m_createdOn.isIdenticalTo(other.m_createdOn) || !m_modifiedOn.isIdenticalTo(other.m_modifiedOn)
        || m_pending.size() != other.m_pending.size())
        return false;
    std::string a, b;
    json::Writer wa(a), wb(b);
    encodeState(wa);
    other.encodeState(wb);
    if (a != b)
        return false;
    for (size_t i = 0; i < m_pending.size(); ++i) {
        const DomainEvent &x = *m_pending[i];
        const DomainEvent &y = *other.m_pending[i];
        if (&x.eventClass() != &y.eventClass() || x.originatorId != y.originatorId
            || x.originatorVersion != y.originatorVersion || x.stateJson() != y.stateJson())
            return false;
    }
    return true;
}

QDebug operator<<(QDebug debug, const Aggregate &aggregate)
{
    // Like Python's Aggregate.__repr__: the class name, then id, version, times and attributes.
    QString text = aggregate.aggregateClass().name;
    text += QStringLiteral("(id=") + uuid::toDashed(aggregate.id()) + QStringLiteral(", version=")
        + QString::number(aggregate.version()) + QStringLiteral(", created_on=") + aggregate.createdOn().toIsoString()
        + QStringLiteral(", modified_on=") + aggregate.modifiedOn().toIsoString();
    const json::Value state = aggregate.stateValue();
    for (const auto &m : state.members()) {
        if (m.first == "_created_on" || m.first == "_modified_on")
            continue;
        text += QStringLiteral(", ") + QString::fromStdString(m.first) + QLatin1Char('=');
        detail::appendRepr(text, m.second);
    }
    text += QLatin1Char(')');
    QDebugStateSaver saver(debug);
    debug.nospace().noquote() << text;
    return debug;
}

// --- Snapshot -------------------------------------------------------------------------------------------

std::shared_ptr<Snapshot> Snapshot::take(const Aggregate &aggregate)
{
    auto s = std::make_shared<Snapshot>();
    s->originatorId = aggregate.id();
    s->originatorVersion = aggregate.version();
    s->timestamp = Timestamp::now();
    s->aggregateTopic = aggregate.topic();
    s->state = aggregate.stateValue();
    return s;
}

const EventClass &Snapshot::staticEventClass()
{
    static const EventClass cls = [] {
        EventClass c;
        c.topic = QString::fromUtf8(TOPIC);
        c.make = []() -> std::shared_ptr<DomainEvent> { return std::make_shared<Snapshot>(); };
        c.decodeState = [](DomainEvent &ev, const json::Node &state) {
            auto &s = static_cast<Snapshot &>(ev);
            s.timestamp = detail::decodeTimestampMember(state);
            const json::Node topic = detail::requireMember(state, "topic");
            try {
                s.aggregateTopic = Codec<QString>::read(topic);
            } catch (const TranscodingError &e) {
                detail::rethrowInField("topic", e);
            }
            const json::Node inner = detail::requireMember(state, "state");
            if (!inner.isObject())
                throw TranscodingError(QStringLiteral("field 'state': expected object, found %1").arg(QLatin1String(inner.typeName())));
            s.state = json::Value::fromNode(inner);
        };
        c.type = &typeid(Snapshot);
        return c;
    }();
    // Not registered from here: the topic registry holds Snapshot from its start (topics.cpp), so a
    // process that only reads a store resolves "eventsourcing.domain:Snapshot" like Python does.
    return cls;
}

void Snapshot::encodeState(json::Writer &w) const
{
    w.beginObject();
    w.key("timestamp");
    encodeValue(w, timestamp);
    w.key("topic");
    w.string(QStringView(aggregateTopic));
    w.key("state");
    w.value(state);
    w.endObject();
}

std::unique_ptr<Aggregate> Snapshot::mutate(std::unique_ptr<Aggregate>) const
{
    const AggregateClass *cls = findAggregateClass(aggregateTopic);
    if (!cls)
        throw TopicError(QStringLiteral("unknown aggregate topic '%1' in snapshot of %2")
                             .arg(aggregateTopic, uuid::toDashed(originatorId)));
    json::Value st = state;
    long long from = 1;
    if (const json::Value *cv = st.find("class_version")) {
        from = cv->toInteger();
        st.remove("class_version");
    }
    for (; from < cls->classVersion; ++from) {
        const auto step = static_cast<size_t>(from - 1);
        if (step >= cls->upcasters.size())
            throw TranscodingError(QStringLiteral("%1 has no upcaster from class version %2").arg(cls->name).arg(from));
        cls->upcasters[step](st);
    }
    const json::Document doc = json::Document::parse(st.toJson());
    const json::Node node = doc.root();
    Timestamp created, modified;
    try {
        created = Codec<Timestamp>::read(detail::requireMember(node, "_created_on"));
        modified = Codec<Timestamp>::read(detail::requireMember(node, "_modified_on"));
    } catch (const TranscodingError &e) {
        throw TranscodingError(QStringLiteral("snapshot state: %1").arg(e.message()));
    }
    std::unique_ptr<Aggregate> aggregate = cls->make();
    aggregate->baseInit(originatorId, originatorVersion, created);
    aggregate->m_modifiedOn = modified;
    cls->decodeState(*aggregate, node);
    return aggregate;
}

std::unique_ptr<Aggregate> project(std::unique_ptr<Aggregate> initial, const std::vector<DomainEventPtr> &events)
{
    std::unique_ptr<Aggregate> aggregate = std::move(initial);
    for (const DomainEventPtr &e : events)
        aggregate = e->mutate(std::move(aggregate));
    return aggregate;
}

} // namespace es
