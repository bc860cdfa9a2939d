#pragma once
// Python's JSONTranscoder and Mapper (persistence.py).
//
// - JSONTranscoder: the names of the custom types a store may contain. The built-ins uuid_hex,
//   decimal_str and datetime_iso are always there; applications register theirs (person_as_dict,
//   location, …) with registerTranscoding<T>() in Application::registerTranscodings(). Typed
//   encoding and decoding go through es::Codec (codec.h); the names matter to the generic decoder,
//   which must know which "_type_" values are legitimate. Immutable after set-up; thread-safe reads.
// - Mapper: domain event ↔ StoredEvent exactly as 9.1.6 does it (originator id and version out of
//   the state, class_version when > 1, upcasting on read), then compression, then encryption.
//   Thread-safe (per-thread parse buffers).
// - decodeStoredState(): the inspector's generic decoder — stored bytes → how they were stored and
//   the plaintext JSON, with no C++ type needed; per-record problems are reported, not thrown.

#include "es/cipher.h"
#include "es/codec.h"
#include "es/compressor.h"
#include "es/domain.h"
#include "es/json.h"
#include "es/persistence.h"

#include <QSet>
#include <QStringList>
#include <memory>

namespace es {

class JSONTranscoder
{
public:
    JSONTranscoder();

    template<typename T>
    void registerTranscoding()
    {
        registerName(QString::fromUtf8(Transcoding<T>::name.data(), static_cast<qsizetype>(Transcoding<T>::name.size())));
    }
    void registerName(const QString &name);
    bool isRegistered(const QString &name) const { return m_names.contains(name); }
    // Every registered name, sorted.
    QStringList names() const;

    // JSON text of a value (Python's json.dumps defaults), UTF-8.
    QByteArray encode(const json::Value &value) const;
    // Parses JSON text and checks that every {"_type_": …, "_data_": …} names a registered
    // transcoding; throws TranscodingError ("unknown _type_ 'x'…" or the JSON error). The value keeps
    // the wrappers as stored.
    json::Value decode(const QByteArray &data) const;
    // The first unregistered "_type_" name in a value, or an empty string.
    QString firstUnknownType(const json::Value &value) const;

private:
    QSet<QString> m_names;
};

class Mapper
{
public:
    explicit Mapper(std::shared_ptr<const JSONTranscoder> transcoder, std::shared_ptr<const Compressor> compressor = {},
                    std::shared_ptr<const Cipher> cipher = {});

    StoredEvent fromDomainEvent(const DomainEvent &event) const;
    // Decrypts, decompresses (detected by header), parses, resolves the topic, upcasts and decodes.
    // Throws CipherError, CompressionError, TranscodingError or TopicError.
    DomainEventPtr toDomainEvent(const StoredEvent &stored) const;

    // Bytes to store for a plaintext state (compress, then encrypt), and back.
    QByteArray protect(std::string_view plaintext) const;
    QByteArray unprotect(const QByteArray &stored) const;

    const JSONTranscoder &transcoder() const { return *m_transcoder; }
    const Compressor *compressor() const { return m_compressor.get(); }
    const Cipher *cipher() const { return m_cipher.get(); }

private:
    std::shared_ptr<const JSONTranscoder> m_transcoder;
    std::shared_ptr<const Compressor> m_compressor;
    std::shared_ptr<const Cipher> m_cipher;
};

// How one stored record was stored, and what it decodes to.
struct DecodedState
{
    enum class Problem {
        None,
        NeedsKey,       // encrypted, and no key was given
        CannotDecrypt,  // a key was given but authentication failed: wrong key or altered bytes
        Damaged,        // compressed data that cannot be decompressed, or bytes that are nothing known
        NotJson,        // plaintext that is not valid JSON (or not UTF-8)
        UnknownType,    // a "_type_" no transcoding is registered for (the state is still given)
    };

    bool encrypted = false;
    Compression compression = Compression::None;
    json::Value state;
    Problem problem = Problem::None;
    QString error;

    // Decoded without a problem (UnknownType still has a state to show).
    bool ok() const { return problem == Problem::None; }
    bool hasState() const { return problem == Problem::None || problem == Problem::UnknownType; }
    // "plain", "zlib", "gzip", "encrypted", "encrypted+zlib", "encrypted+gzip".
    QString storage() const;
    // "ok" (None), "needs key", "cannot decrypt", "damaged", "not JSON", "unknown type".
    static QString problemName(Problem p);
};

// Decodes stored bytes without knowing their type: tries the key when one is given (AES-GCM
// authentication tells a real ciphertext), then zlib/gzip by header, then plain JSON. Never throws
// for bad data; the problem is in the result. `transcoder` (optional) decides which _type_ names
// are known; without one only the built-in names are.
// A record the key does not open is still read when its bytes are plain or compressed JSON (written
// before encryption was switched on). Without a key, binary bytes of at least nonce + tag (28) that
// are neither JSON nor compressed are NeedsKey; damaged JSON text is NotJson. Bytes with a zlib or
// gzip header that do not decompress are Damaged when the header is one zlib or gzip really write,
// and otherwise NeedsKey: a ciphertext begins with such a header by chance only about once in
// 16,000 records, and then is reported Damaged with a message that mentions the key. Thread-safe.
DecodedState decodeStoredState(const QByteArray &stored, const Cipher *cipher = nullptr,
                               const JSONTranscoder *transcoder = nullptr);

} // namespace es
