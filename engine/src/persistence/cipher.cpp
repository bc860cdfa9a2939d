#include "es/cipher.h"

#include "es/errors.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

namespace es {

namespace {

struct CtxDeleter
{
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using Ctx = std::unique_ptr<EVP_CIPHER_CTX, CtxDeleter>;

const EVP_CIPHER *gcmFor(qsizetype keySize)
{
    switch (keySize) {
    case 16: return EVP_aes_128_gcm();
    case 24: return EVP_aes_192_gcm();
    case 32: return EVP_aes_256_gcm();
    default: return nullptr;
    }
}

const unsigned char *bytes(const QByteArray &b)
{
    return reinterpret_cast<const unsigned char *>(b.constData());
}

} // namespace

Cipher::~Cipher() = default;

AESCipher::AESCipher(const QString &base64Key)
{
    const QByteArray encoded = base64Key.trimmed().toLatin1();
    const auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || encoded.isEmpty())
        throw CipherError(QStringLiteral("the cipher key is not valid base64"));
    if (!gcmFor(decoded.decoded.size()))
        throw CipherError(QStringLiteral("the cipher key must be 16, 24 or 32 bytes (AES-128/192/256), not %1 bytes")
                              .arg(decoded.decoded.size()));
    m_key = decoded.decoded;
}

AESCipher::AESCipher(RawKey, const QByteArray &key)
    : m_key(key)
{
    if (!gcmFor(key.size()))
        throw CipherError(QStringLiteral("the cipher key must be 16, 24 or 32 bytes (AES-128/192/256), not %1 bytes")
                              .arg(key.size()));
}

std::shared_ptr<AESCipher> AESCipher::fromRawKey(const QByteArray &key)
{
    return std::shared_ptr<AESCipher>(new AESCipher(RawKey{}, key));
}

QString AESCipher::createKey(int numBytes)
{
    if (!gcmFor(numBytes))
        throw CipherError(QStringLiteral("an AES key has 16, 24 or 32 bytes, not %1").arg(numBytes));
    QByteArray key(numBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(key.data()), numBytes) != 1)
        throw CipherError(QStringLiteral("the system's random generator failed"));
    return QString::fromLatin1(key.toBase64());
}

QByteArray AESCipher::encrypt(const QByteArray &plaintext) const
{
    QByteArray out(NonceSize + TagSize + plaintext.size(), '\0');
    auto *nonce = reinterpret_cast<unsigned char *>(out.data());
    auto *tag = nonce + NonceSize;
    auto *cipherText = tag + TagSize;
    if (RAND_bytes(nonce, NonceSize) != 1)
        throw CipherError(QStringLiteral("the system's random generator failed"));
    Ctx ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), gcmFor(m_key.size()), nullptr, nullptr, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, NonceSize, nullptr) != 1
        || EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, bytes(m_key), nonce) != 1
        || EVP_EncryptUpdate(ctx.get(), cipherText, &len, bytes(plaintext), static_cast<int>(plaintext.size())) != 1
        || EVP_EncryptFinal_ex(ctx.get(), cipherText + len, &len) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, TagSize, tag) != 1)
        throw CipherError(QStringLiteral("AES-GCM encryption failed"));
    return out;
}

QByteArray AESCipher::decrypt(const QByteArray &data) const
{
    if (data.size() < NonceSize + TagSize)
        throw CipherError(QStringLiteral("cannot decrypt: %1 bytes is too short for AES-GCM data (nonce 12 + tag 16 bytes)")
                              .arg(data.size()));
    const auto *nonce = bytes(data);
    const auto *tag = nonce + NonceSize;
    const auto *cipherText = tag + TagSize;
    const auto cipherSize = static_cast<int>(data.size() - NonceSize - TagSize);
    QByteArray out(cipherSize, '\0');
    auto *plain = reinterpret_cast<unsigned char *>(out.data());
    Ctx ctx(EVP_CIPHER_CTX_new());
    int len = 0;
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), gcmFor(m_key.size()), nullptr, nullptr, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, NonceSize, nullptr) != 1
        || EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, bytes(m_key), nonce) != 1
        || EVP_DecryptUpdate(ctx.get(), plain, &len, cipherText, cipherSize) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, TagSize, const_cast<unsigned char *>(tag)) != 1)
        throw CipherError(QStringLiteral("AES-GCM decryption failed"));
    if (EVP_DecryptFinal_ex(ctx.get(), plain + len, &len) != 1)
        throw CipherError(QStringLiteral("cannot decrypt: authentication failed (wrong key, or the data was altered)"));
    return out;
}

std::shared_ptr<Cipher> cipherForTopic(const QString &topic, const QString &base64Key, const QString &topicVariable,
                                       const QString &keyVariable)
{
    const QString t = topic.trimmed();
    if (t != QLatin1String("eventsourcing.cipher:AESCipher") && t != QLatin1String("aes")
        && t != QLatin1String("AESCipher"))
        throw ConfigurationError(QStringLiteral("%1='%2' names no known cipher (use 'eventsourcing.cipher:AESCipher')")
                                     .arg(topicVariable, topic));
    if (base64Key.trimmed().isEmpty())
        throw ConfigurationError(QStringLiteral("%1 is set but %2 is not: the cipher needs a key").arg(topicVariable, keyVariable));
    try {
        return std::make_shared<AESCipher>(base64Key);
    } catch (const CipherError &e) {
        throw ConfigurationError(QStringLiteral("%1 is not a valid key: %2").arg(keyVariable, e.message()));
    }
}

} // namespace es
