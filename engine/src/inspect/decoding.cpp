// Decoding settings, the per-record decoder and the key check.
#include "es/inspect/decoding.h"

#include "es/inspect/knowntypes.h"
#include "es/topics.h"
#include "inspect/storedata.h"

#include <QFile>

namespace es::inspect {

using detail::AppData;
using detail::Binds;
using detail::Row;

QString DecodingSettings::readKeyFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw ValueError(QStringLiteral("cannot read the key file '%1': %2").arg(path, f.errorString()));
    QString key = QString::fromUtf8(f.readAll()).trimmed();
    if (key.isEmpty())
        throw ValueError(QStringLiteral("the key file '%1' is empty").arg(path));
    return key;
}

// --- DecodedRecord ------------------------------------------------------------------------------------

QString DecodedRecord::storage() const
{
    if (decoded.problem == DecodedState::Problem::CannotDecrypt
        || decoded.problem == DecodedState::Problem::NeedsKey)
        return QStringLiteral("encrypted");
    if (decoded.problem == DecodedState::Problem::Damaged && !decoded.encrypted
        && decoded.compression == Compression::None)
        return QStringLiteral("?");
    return decoded.storage();
}

std::optional<Timestamp> DecodedRecord::timestamp() const
{
    if (!decoded.hasState() || !decoded.state.isObject())
        return std::nullopt;
    const json::Value *t = decoded.state.find("timestamp");
    if (!t || !t->isObject())
        return std::nullopt;
    const json::Value *data = t->find("_data_");
    if (!data || !data->isString())
        return std::nullopt;
    Timestamp ts;
    if (!Timestamp::tryParseIso(data->string(), &ts))
        return std::nullopt;
    return ts;
}

QString DecodedRecord::originatorTopic() const
{
    if (!decoded.hasState() || !decoded.state.isObject())
        return {};
    const json::Value *t = decoded.state.find("originator_topic");
    return t && t->isString() ? t->toQString() : QString();
}

QString DecodedRecord::snapshotAggregateTopic() const
{
    if (!decoded.hasState() || !decoded.state.isObject())
        return {};
    const json::Value *t = decoded.state.find("topic");
    return t && t->isString() ? t->toQString() : QString();
}

// --- RecordDecoder ------------------------------------------------------------------------------------

RecordDecoder::RecordDecoder(const DecodingSettings &settings, const QString &app)
    : m_transcoder(settings.transcoder ? settings.transcoder : knownTranscoder())
{
    QString key;
    for (auto it = settings.applicationKeys.constBegin(); it != settings.applicationKeys.constEnd(); ++it) {
        if (it.key().compare(app, Qt::CaseInsensitive) == 0 && !it.value().isEmpty()) {
            key = it.value();
            m_keySource = QStringLiteral("the key given for %1").arg(app);
        }
    }
    if (key.isEmpty() && !settings.cipherKey.isEmpty()) {
        key = settings.cipherKey;
        m_keySource = QStringLiteral("the key given");
    }
    if (key.isEmpty() && settings.keysFromEnvironment) {
        const QString prefixed = app.toUpper() + QStringLiteral("_CIPHER_KEY");
        if (!settings.environment.value(prefixed).isEmpty()) {
            key = settings.environment.value(prefixed);
            m_keySource = prefixed;
        } else if (!settings.environment.value(QStringLiteral("CIPHER_KEY")).isEmpty()) {
            key = settings.environment.value(QStringLiteral("CIPHER_KEY"));
            m_keySource = QStringLiteral("CIPHER_KEY");
        }
    }
    if (key.isEmpty())
        return;
    try {
        m_cipher = std::make_shared<AESCipher>(key.trimmed());
    } catch (const CipherError &e) {
        throw CipherError(QStringLiteral("%1 is not a valid cipher key: %2").arg(m_keySource, e.message()));
    }
}

DecodedRecord RecordDecoder::decode(const StoredEvent &event, std::optional<qint64> notificationId) const
{
    DecodedRecord r;
    r.notificationId = notificationId;
    r.originatorId = event.originatorId;
    r.originatorVersion = event.originatorVersion;
    r.topic = event.topic;
    r.stored = event.state;
    r.decoded = decodeStoredState(event.state, m_cipher.get(), m_transcoder.get());
    r.topicKnown = findTopic(event.topic).has_value();
    return r;
}

// --- Source -------------------------------------------------------------------------------------------

Source Source::make(std::shared_ptr<const Store> store, const QString &app, const DecodingSettings &settings)
{
    Source s;
    s.application = store->application(app).name;
    s.decoder = std::make_shared<const RecordDecoder>(settings, s.application);
    s.store = std::move(store);
    return s;
}

// --- the key check ------------------------------------------------------------------------------------

KeyCheck checkCipherKey(const Source &source, int sample)
{
    const AppData &a = source.store->data().app(source.application);
    std::vector<DecodedRecord> records;
    if (a.remote) {
        for (const Notification &n : a.remote->select(1, std::min(sample, a.remote->sectionSize())))
            records.push_back(source.decoder->decode(n));
    } else {
        if (a.info.hasLog) {
            const auto rows = a.db->select(
                QStringLiteral("SELECT %1, originator_id, originator_version, topic, state FROM %2 "
                               "ORDER BY %1 LIMIT ?")
                    .arg(a.idColumn, a.events),
                {sample}, QStringLiteral("sampling %1").arg(a.info.eventsTable));
            records = a.decodeRows(rows, true, *source.decoder);
        } else {
            const auto rows = a.db->select(
                QStringLiteral("SELECT originator_id, originator_version, topic, state FROM %1 "
                               "ORDER BY originator_id, originator_version LIMIT ?")
                    .arg(a.events),
                {sample}, QStringLiteral("sampling %1").arg(a.info.eventsTable));
            records = a.decodeRows(rows, false, *source.decoder);
        }
        if (records.empty() && !a.snapshots.isEmpty()) {
            const auto rows = a.db->select(
                QStringLiteral("SELECT originator_id, originator_version, topic, state FROM %1 "
                               "ORDER BY originator_id, originator_version LIMIT ?")
                    .arg(a.snapshots),
                {sample}, QStringLiteral("sampling %1").arg(a.info.snapshotsTable));
            records = a.decodeRows(rows, false, *source.decoder);
        }
    }

    KeyCheck c;
    c.sampled = static_cast<int>(records.size());
    for (const DecodedRecord &r : records) {
        if (!r.decoded.encrypted)
            continue;
        ++c.encrypted;
        if (r.decoded.problem != DecodedState::Problem::CannotDecrypt
            && r.decoded.problem != DecodedState::Problem::NeedsKey)
            ++c.opened;
    }
    const QString app = source.application;
    if (c.sampled == 0) {
        c.verdict = KeyCheck::Verdict::Empty;
        c.message = QStringLiteral("application '%1' has no records").arg(app);
    } else if (c.encrypted == 0) {
        c.verdict = KeyCheck::Verdict::NotEncrypted;
        c.message = QStringLiteral("the records of '%1' are not encrypted").arg(app);
    } else if (!source.decoder->hasKey()) {
        c.verdict = KeyCheck::Verdict::NeedsKey;
        c.message
            = QStringLiteral("the records of '%1' are encrypted: give the cipher key (--key, --key-file, "
                             "CIPHER_KEY or %2_CIPHER_KEY)")
                  .arg(app, app.toUpper());
    } else if (c.opened == c.encrypted) {
        c.verdict = KeyCheck::Verdict::KeyOpens;
        c.message
            = QStringLiteral("%1 opens the encrypted records of '%2'").arg(source.decoder->keySource(), app);
    } else if (c.opened == 0) {
        c.verdict = KeyCheck::Verdict::WrongKey;
        c.message
            = QStringLiteral("wrong key: none of the %1 encrypted records sampled from '%2' opens with %3")
                  .arg(c.encrypted)
                  .arg(app, source.decoder->keySource());
    } else {
        c.verdict = KeyCheck::Verdict::SomeFail;
        c.message = QStringLiteral(
                        "%1 of %2 encrypted records sampled from '%3' do not open with %4 (altered records?)")
                        .arg(c.encrypted - c.opened)
                        .arg(c.encrypted)
                        .arg(app, source.decoder->keySource());
    }
    return c;
}

} // namespace es::inspect
