#include "es/transcoder.h"

#include <QHash>
#include <algorithm>

namespace es {

namespace {

std::string_view view(const QByteArray &b)
{
    return std::string_view(b.constData(), static_cast<size_t>(b.size()));
}

QString describeRecord(const StoredEvent &s)
{
    return QStringLiteral("%1 of %2 version %3").arg(s.topic, uuid::toDashed(s.originatorId)).arg(s.originatorVersion);
}

// Looks a topic up in a per-thread cache first: the registry only ever grows, so a class found once
// stays right, and the hot path avoids the registry's lock.
// Before the hash, the last topic looked up on this thread: records come in runs of one topic,
// and the recorders hand out one shared QString per topic, so the same string data means the same
// topic. (The cache keeps a reference to that data, so it cannot be freed and reused meanwhile.)
const EventClass *eventClassFor(const QString &topic)
{
    thread_local QString lastTopic;
    thread_local const EventClass *lastClass = nullptr;
    if (lastClass && topic.constData() == lastTopic.constData() && topic.size() == lastTopic.size())
        return lastClass;
    thread_local QHash<QString, const EventClass *> cache;
    const EventClass *cls = nullptr;
    const auto it = cache.constFind(topic);
    if (it != cache.constEnd()) {
        cls = *it;
    } else {
        cls = findEventClass(topic);
        if (cls)
            cache.insert(topic, cls);
    }
    if (cls) {
        lastTopic = topic;
        lastClass = cls;
    }
    return cls;
}

} // namespace

// --- JSONTranscoder -----------------------------------------------------------------------------------

JSONTranscoder::JSONTranscoder()
    : m_names{QStringLiteral("uuid_hex"), QStringLiteral("decimal_str"), QStringLiteral("datetime_iso")}
{
}

void JSONTranscoder::registerName(const QString &name)
{
    m_names.insert(name);
}

QStringList JSONTranscoder::names() const
{
    QStringList list(m_names.begin(), m_names.end());
    std::sort(list.begin(), list.end());
    return list;
}

QByteArray JSONTranscoder::encode(const json::Value &value) const
{
    const std::string text = value.toJson();
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

QString JSONTranscoder::firstUnknownType(const json::Value &value) const
{
    if (value.isArray()) {
        for (const json::Value &e : value.array()) {
            QString unknown = firstUnknownType(e);
            if (!unknown.isEmpty())
                return unknown;
        }
        return {};
    }
    if (!value.isObject())
        return {};
    // Python's object_hook decodes inner objects first, so look inside before judging this one.
    for (const auto &m : value.members()) {
        QString unknown = firstUnknownType(m.second);
        if (!unknown.isEmpty())
            return unknown;
    }
    if (value.size() == 2) {
        const json::Value *type = value.find("_type_");
        if (type && value.find("_data_")) {
            // Python looks any _type_ up in its registry, so a number or a list is unknown too
            // (named by its JSON text).
            if (!type->isString()) {
                try {
                    return QString::fromStdString(type->toJson());
                } catch (const TranscodingError &) { // NaN or Infinity, which JSON cannot write
                    return QStringLiteral("(a %1)").arg(QLatin1String(type->typeName()));
                }
            }
            QString name = type->toQString();
            if (!m_names.contains(name))
                return name;
        }
    }
    return {};
}

json::Value JSONTranscoder::decode(const QByteArray &data) const
{
    json::Value value = json::Value::parse(view(data));
    const QString unknown = firstUnknownType(value);
    if (!unknown.isEmpty())
        throw TranscodingError(QStringLiteral("unknown _type_ '%1': no transcoding is registered for it").arg(unknown));
    return value;
}

// --- Mapper ---------------------------------------------------------------------------------------------

Mapper::Mapper(std::shared_ptr<const JSONTranscoder> transcoder, std::shared_ptr<const Compressor> compressor,
               std::shared_ptr<const Cipher> cipher)
    : m_transcoder(std::move(transcoder))
    , m_compressor(std::move(compressor))
    , m_cipher(std::move(cipher))
{
    if (!m_transcoder)
        m_transcoder = std::make_shared<JSONTranscoder>();
}

QByteArray Mapper::protect(std::string_view plaintext) const
{
    QByteArray bytes(plaintext.data(), static_cast<qsizetype>(plaintext.size()));
    if (m_compressor)
        bytes = m_compressor->compress(bytes);
    if (m_cipher)
        bytes = m_cipher->encrypt(bytes);
    return bytes;
}

QByteArray Mapper::unprotect(const QByteArray &stored) const
{
    QByteArray bytes = m_cipher ? m_cipher->decrypt(stored) : stored;
    // Plain JSON starts with '{' (or whitespace), never with a zlib or gzip header, so detecting the
    // format reads records written before compression was switched on, and either format after.
    return decompressAny(bytes);
}

StoredEvent Mapper::fromDomainEvent(const DomainEvent &event) const
{
    thread_local std::string buffer;
    buffer.clear();
    json::Writer w(buffer);
    event.encodeState(w);
    StoredEvent stored;
    stored.originatorId = event.originatorId;
    stored.originatorVersion = event.originatorVersion;
    stored.topic = event.topic();
    stored.state = protect(buffer);
    return stored;
}

DomainEventPtr Mapper::toDomainEvent(const StoredEvent &stored) const
{
    // Without a cipher, plain JSON (the usual case) is parsed where it lies.
    const bool asStored = !m_cipher && detectCompression(stored.state) == Compression::None;
    const QByteArray plain = asStored ? QByteArray() : unprotect(stored.state);
    const QByteArray &text = asStored ? stored.state : plain;
    thread_local json::Document doc;
    thread_local json::Document upcastDoc;
    std::string error;
    // `text` outlives every use of the document's nodes below: no copy of it.
    if (!doc.tryParseInPlace(view(text), &error))
        throw TranscodingError(QStringLiteral("cannot decode %1: invalid JSON: %2")
                                   .arg(describeRecord(stored), QString::fromStdString(error)));
    const EventClass *cls = eventClassFor(stored.topic);
    if (!cls)
        throw TopicError(QStringLiteral("unknown topic '%1' (record of %2 version %3): no class is registered for it")
                             .arg(stored.topic, uuid::toDashed(stored.originatorId))
                             .arg(stored.originatorVersion));
    json::Node root = doc.root();
    if (!root.isObject())
        throw TranscodingError(QStringLiteral("cannot decode %1: the state is a JSON %2, not an object")
                                   .arg(describeRecord(stored), QLatin1String(root.typeName())));
    long long from = 1;
    const json::Node cv = root.find("class_version");
    if (cv.isInteger())
        from = cv.toInteger();
    if (from < cls->classVersion) {
        // Python's upcast_vN_vN+1 steps, in order, on the decoded state.
        json::Value state = json::Value::fromNode(root);
        state.remove("class_version");
        for (; from < cls->classVersion; ++from) {
            const auto step = static_cast<size_t>(from - 1);
            if (step >= cls->upcasters.size())
                throw TranscodingError(QStringLiteral("cannot decode %1: no upcaster from class version %2")
                                           .arg(describeRecord(stored))
                                           .arg(from));
            cls->upcasters[step](state);
        }
        if (!upcastDoc.tryParse(state.toJson(), &error))
            throw TranscodingError(QStringLiteral("cannot decode %1: upcast state is not JSON").arg(describeRecord(stored)));
        root = upcastDoc.root();
    }
    std::shared_ptr<DomainEvent> event = cls->make();
    event->originatorId = stored.originatorId;
    event->originatorVersion = stored.originatorVersion;
    try {
        cls->decodeState(*event, root);
    } catch (const TranscodingError &e) {
        throw TranscodingError(QStringLiteral("cannot decode %1: %2").arg(describeRecord(stored), e.message()));
    }
    return event;
}

} // namespace es
