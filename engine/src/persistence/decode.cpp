// The inspector's generic decoder: what a stored state is, without knowing the C++ type of the
// event. A store may hold records of several kinds (compression or encryption switched on later,
// a wrong key, bit rot), so every record is judged on its own bytes and every problem becomes a
// value in the result: one bad row must never stop a browser or an export.

#include "es/transcoder.h"

#include "es/errors.h"

#include <string>

namespace es {

namespace {

// Shorter than nonce + tag cannot be an AES-GCM record.
constexpr qsizetype MinCipherSize = AESCipher::NonceSize + AESCipher::TagSize;

std::string_view view(const QByteArray &b)
{
    return std::string_view(b.constData(), static_cast<size_t>(b.size()));
}

// Length of the valid UTF-8 sequence at s[i] (ASCII counts), 0 when the bytes there are not one.
int utf8SequenceLength(std::string_view s, size_t i)
{
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80)
        return 1;
    int n;
    unsigned cp;
    unsigned min;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
        n = 2;
        cp = b0 & 0x1fu;
        min = 0x80;
    } else if ((b0 & 0xf0) == 0xe0) {
        n = 3;
        cp = b0 & 0x0fu;
        min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
        n = 4;
        cp = b0 & 0x07u;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + static_cast<size_t>(n) > s.size())
        return 0;
    for (int k = 1; k < n; ++k) {
        const auto b = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
        if ((b & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (b & 0x3fu);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
        return 0;
    return n;
}

// Whether bytes that failed to parse are text (damaged JSON: truncated, a flipped bit in a
// string) rather than binary (a ciphertext). Ciphertext is uniformly random: about half of its
// bytes are control characters or not UTF-8, whereas damaged JSON has at most a few such bytes.
bool looksLikeText(const QByteArray &bytes)
{
    const std::string_view s = view(bytes);
    size_t bad = 0;
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            ++bad;
            ++i;
            continue;
        }
        const int n = utf8SequenceLength(s, i);
        if (n == 0) {
            ++bad;
            ++i;
        } else {
            i += static_cast<size_t>(n);
        }
    }
    return bad * 10 <= s.size();
}

// Whether compressed bytes begin as zlib and gzip themselves begin them: zlib always writes 0x78
// (a 32 KiB window) and one of four level flags, gzip 1f 8b 08. Other headers pass the format's
// checks but come from no real writer, so when they fail to decompress, the bytes are far more
// likely a ciphertext that happens to begin that way (1 in about 1000 do) than damage.
bool hasWritersHeader(const QByteArray &b)
{
    if (b.size() < 3)
        return false;
    const auto b0 = static_cast<unsigned char>(b[0]);
    const auto b1 = static_cast<unsigned char>(b[1]);
    if (b0 == 0x78)
        return b1 == 0x01 || b1 == 0x5e || b1 == 0x9c || b1 == 0xda;
    return b0 == 0x1f && b1 == 0x8b && static_cast<unsigned char>(b[2]) == 0x08;
}

const JSONTranscoder &builtInTranscoder()
{
    static const JSONTranscoder transcoder;
    return transcoder;
}

// Parses plaintext JSON into r; sets NotJson or UnknownType.
void parseInto(DecodedState &r, const QByteArray &plain, const JSONTranscoder &transcoder)
{
    json::Document doc;
    std::string error;
    if (plain.isEmpty()) {
        r.problem = DecodedState::Problem::NotJson;
        r.error = QStringLiteral("the state is empty, not JSON");
        return;
    }
    if (!doc.tryParse(view(plain), &error)) {
        r.problem = DecodedState::Problem::NotJson;
        r.error = QStringLiteral("the state is not valid JSON: %1").arg(QString::fromStdString(error));
        return;
    }
    r.state = json::Value::fromNode(doc.root());
    const QString unknown = transcoder.firstUnknownType(r.state);
    if (!unknown.isEmpty()) {
        r.problem = DecodedState::Problem::UnknownType;
        r.error = QStringLiteral("unknown _type_ '%1': no transcoding is registered for it").arg(unknown);
    }
}

DecodedState needsKey(const QByteArray &stored)
{
    DecodedState r;
    r.encrypted = true;
    r.problem = DecodedState::Problem::NeedsKey;
    r.error
        = QStringLiteral("the state looks encrypted (%1 bytes that are neither JSON nor zlib or gzip data): "
                         "a cipher key is needed to read it")
              .arg(stored.size());
    return r;
}

// Decompresses (by header) and parses bytes that are known to be the plaintext of a record.
DecodedState decodePlaintext(const QByteArray &plain, bool encrypted, const JSONTranscoder &transcoder)
{
    DecodedState r;
    r.encrypted = encrypted;
    r.compression = detectCompression(plain);
    if (r.compression == Compression::None) {
        parseInto(r, plain, transcoder);
        return r;
    }
    QByteArray decompressed;
    try {
        decompressed = decompressAny(plain);
    } catch (const CompressionError &e) {
        // Plain JSON can begin with bytes that pass zlib's header check (the number 80 does), so
        // a failed decompression is only damage when the bytes are not JSON either.
        DecodedState asJson;
        asJson.encrypted = encrypted;
        parseInto(asJson, plain, transcoder);
        if (asJson.hasState())
            return asJson;
        if (!encrypted && plain.size() >= MinCipherSize && !hasWritersHeader(plain)) {
            r = needsKey(plain);
            return r;
        }
        r.problem = DecodedState::Problem::Damaged;
        r.error = e.message();
        if (!encrypted && plain.size() >= MinCipherSize)
            r.error += QStringLiteral(" (or, if the store is encrypted, a cipher key is needed to read it)");
        return r;
    }
    parseInto(r, decompressed, transcoder);
    return r;
}

// A record read without a key: plain or compressed JSON, or else something encrypted or damaged.
DecodedState decodeWithoutKey(const QByteArray &stored, const JSONTranscoder &transcoder)
{
    DecodedState r = decodePlaintext(stored, false, transcoder);
    if (r.problem != DecodedState::Problem::NotJson || r.compression != Compression::None)
        return r;
    if (stored.isEmpty() || looksLikeText(stored))
        return r; // damaged JSON text: keep the parser's message and offset
    r.state = json::Value();
    if (stored.size() >= MinCipherSize) {
        r = needsKey(stored);
    } else {
        r.problem = DecodedState::Problem::Damaged;
        r.error
            = QStringLiteral("the state is %1 bytes that are neither JSON, nor zlib or gzip data, nor long "
                             "enough to be encrypted")
                  .arg(stored.size());
    }
    return r;
}

} // namespace

QString DecodedState::storage() const
{
    if (!encrypted)
        return compressionName(compression);
    if (compression == Compression::None)
        return QStringLiteral("encrypted");
    return QStringLiteral("encrypted+") + compressionName(compression);
}

QString DecodedState::problemName(Problem p)
{
    switch (p) {
    case Problem::None:
        return QStringLiteral("ok");
    case Problem::NeedsKey:
        return QStringLiteral("needs key");
    case Problem::CannotDecrypt:
        return QStringLiteral("cannot decrypt");
    case Problem::Damaged:
        return QStringLiteral("damaged");
    case Problem::NotJson:
        return QStringLiteral("not JSON");
    case Problem::UnknownType:
        return QStringLiteral("unknown type");
    }
    return QStringLiteral("unknown problem");
}

DecodedState decodeStoredState(const QByteArray &stored, const Cipher *cipher,
                               const JSONTranscoder *transcoder)
{
    const JSONTranscoder &t = transcoder ? *transcoder : builtInTranscoder();
    if (!cipher)
        return decodeWithoutKey(stored, t);

    QByteArray plain;
    try {
        plain = cipher->decrypt(stored);
    } catch (const CipherError &e) {
        // Authentication failed. The record may still have been written without encryption
        // (encryption switched on later): then its bytes read on their own.
        DecodedState unencrypted = decodeWithoutKey(stored, t);
        if (unencrypted.hasState() || stored.size() < MinCipherSize
            || (unencrypted.problem == DecodedState::Problem::NotJson && !unencrypted.encrypted))
            return unencrypted;
        DecodedState r;
        r.encrypted = true;
        r.problem = DecodedState::Problem::CannotDecrypt;
        r.error = e.message();
        return r;
    } catch (const EventSourcingError &e) {
        // A cipher of another kind failing in its own way: still a record this key cannot open.
        DecodedState r;
        r.encrypted = true;
        r.problem = DecodedState::Problem::CannotDecrypt;
        r.error = QStringLiteral("cannot decrypt: %1").arg(e.message());
        return r;
    }
    // Authenticated: these are the bytes the writer encrypted, so any fault now is in them.
    return decodePlaintext(plain, true, t);
}

} // namespace es
