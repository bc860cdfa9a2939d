#pragma once
// Encryption of stored state, as Python's eventsourcing.cipher:AESCipher: AES-GCM with a 16, 24 or
// 32 byte key given as base64; each record gets a fresh random 96-bit nonce and is stored as
// nonce(12) | tag(16) | ciphertext. Any wrong key, truncation or altered byte makes decrypt() throw
// CipherError — never garbage, never a crash. Ciphers are immutable and thread-safe.

#include <QByteArray>
#include <QString>
#include <memory>

namespace es {

class Cipher
{
public:
    virtual ~Cipher();
    virtual QByteArray encrypt(const QByteArray &plaintext) const = 0;
    virtual QByteArray decrypt(const QByteArray &ciphertext) const = 0;
};

class AESCipher final : public Cipher
{
public:
    // The key as base64 of 16, 24 or 32 bytes (Python's CIPHER_KEY); throws CipherError otherwise.
    explicit AESCipher(const QString &base64Key);
    // The raw key bytes; throws CipherError unless 16, 24 or 32 bytes.
    static std::shared_ptr<AESCipher> fromRawKey(const QByteArray &key);

    // A new random key of numBytes (16, 24 or 32), base64 encoded (Python's AESCipher.create_key).
    static QString createKey(int numBytes = 32);

    QByteArray encrypt(const QByteArray &plaintext) const override;
    QByteArray decrypt(const QByteArray &ciphertext) const override;

    static constexpr int NonceSize = 12;
    static constexpr int TagSize = 16;

private:
    struct RawKey
    {
    };
    AESCipher(RawKey, const QByteArray &key);
    QByteArray m_key;
};

// The cipher CIPHER_TOPIC names ("eventsourcing.cipher:AESCipher") with the given key; throws
// ConfigurationError naming the variables when the topic is unknown or the key is missing or bad.
std::shared_ptr<Cipher> cipherForTopic(const QString &topic, const QString &base64Key,
                                       const QString &topicVariable = QStringLiteral("CIPHER_TOPIC"),
                                       const QString &keyVariable = QStringLiteral("CIPHER_KEY"));

} // namespace es
