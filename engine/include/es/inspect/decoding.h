#pragma once
// Decoding settings and the per-record decoder the inspector reads with.
//
// - DecodingSettings: the cipher key(s) and the known custom transcodings. A key applies to an
//   application when given for it, else the key for all, else (keysFromEnvironment) the process's
//   <APP>_CIPHER_KEY, else CIPHER_KEY. Compression needs no setting: it is detected per record.
// - RecordDecoder: one application's decoder. Each record is decoded with decodeStoredState(): how
//   it is stored (plain, zlib, gzip, encrypted…) or why it cannot be read (needs key, cannot decrypt
//   = wrong key or altered bytes, damaged, not JSON, unknown _type_); a bad record never stops the
//   next one. Immutable and thread-safe; share it as std::shared_ptr<const RecordDecoder>.
// - Source: what the pagers, catalogue, verifier, exporter and rebuilder read — a store, one of its
//   applications and that application's decoder. A value; copies share the store and decoder.
// - checkCipherKey(): samples the log to say plainly whether the key fits ("wrong key").

#include "es/inspect/store.h"
#include "es/timestamp.h"
#include "es/transcoder.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QUuid>
#include <memory>
#include <optional>

namespace es::inspect {

struct DecodingSettings
{
    QString cipherKey; // base64 key for every application ("" for none)
    QHash<QString, QString> applicationKeys; // base64 key by application name (any case)
    bool keysFromEnvironment = true; // CIPHER_KEY and <APP>_CIPHER_KEY
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // The custom transcoding names that are legitimate (_type_ values); null: knownTranscoder()
    // (knowntypes.h), i.e. the built-ins and what linked code registered.
    std::shared_ptr<const JSONTranscoder> transcoder;

    // Reads a key file: its text, trimmed. Throws ValueError naming the file when it cannot be read
    // or is empty.
    static QString readKeyFile(const QString &path);
};

// One stored record and what it decodes to.
struct DecodedRecord
{
    std::optional<qint64> notificationId; // absent for snapshots (and aggregate-only tables)
    QUuid originatorId;
    qint64 originatorVersion = 0;
    QString topic;
    QByteArray stored; // the bytes as stored
    DecodedState decoded; // storage, problem, error, state (transcoder.h)
    bool topicKnown = false; // a class is registered for the topic in this program

    bool ok() const { return decoded.ok(); }
    // decoded.storage(), or "?" when the record could not be opened far enough to tell.
    QString storage() const;
    // "ok" or the problem's name ("needs key", "cannot decrypt", …).
    QString status() const { return DecodedState::problemName(decoded.problem); }
    // The state's "timestamp" (Python's datetime_iso), when there is a readable one.
    std::optional<Timestamp> timestamp() const;
    // A created event's "originator_topic" (its aggregate's class), or "".
    QString originatorTopic() const;
    // For snapshots: the aggregate's class ("topic" inside the state), or "".
    QString snapshotAggregateTopic() const;
};

class RecordDecoder
{
public:
    // The decoder of application `app` under `settings`. Throws CipherError naming where the key
    // came from (--key, CIPHER_KEY, …) when it is not base64 of 16, 24 or 32 bytes.
    RecordDecoder(const DecodingSettings &settings, const QString &app);

    bool hasKey() const { return m_cipher != nullptr; }
    // Where the key came from ("the key given", "BANKACCOUNTS_CIPHER_KEY", …), or "".
    const QString &keySource() const { return m_keySource; }
    const Cipher *cipher() const { return m_cipher.get(); }
    std::shared_ptr<const Cipher> cipherPtr() const { return m_cipher; }
    const JSONTranscoder &transcoder() const { return *m_transcoder; }
    std::shared_ptr<const JSONTranscoder> transcoderPtr() const { return m_transcoder; }

    DecodedRecord decode(const StoredEvent &event, std::optional<qint64> notificationId = std::nullopt) const;
    DecodedRecord decode(const Notification &notification) const
    {
        return decode(notification, notification.id);
    }

private:
    std::shared_ptr<const Cipher> m_cipher;
    std::shared_ptr<const JSONTranscoder> m_transcoder;
    QString m_keySource;
};

struct Source
{
    std::shared_ptr<const Store> store;
    QString application; // as in ApplicationInfo::name
    std::shared_ptr<const RecordDecoder> decoder;

    // The application named `app` (empty: the only one) with a decoder made from `settings`. Throws
    // as Store::application() and RecordDecoder().
    static Source make(std::shared_ptr<const Store> store, const QString &app,
                       const DecodingSettings &settings);
    const ApplicationInfo &info() const { return store->application(application); }
};

// Whether the key fits the records, from a sample of the log (and snapshots when the log is empty).
struct KeyCheck
{
    enum class Verdict {
        Empty, // nothing to sample
        NotEncrypted, // no sampled record is encrypted
        NeedsKey, // encrypted records, and no key was given
        KeyOpens, // every encrypted record sampled opens with the key
        WrongKey, // encrypted records, none opens with the key
        SomeFail, // some open and some do not (altered records?)
    };
    Verdict verdict = Verdict::Empty;
    int sampled = 0;
    int encrypted = 0;
    int opened = 0;
    // One sentence for users ("wrong key: none of the 32 encrypted records sampled opens with the
    // key from CIPHER_KEY").
    QString message;
};

// Samples up to `sample` records from the start of the log. Thread-safe.
KeyCheck checkCipherKey(const Source &source, int sample = 32);

} // namespace es::inspect
