// AESCipher: Python's eventsourcing.cipher:AESCipher (AES-GCM, nonce(12) | tag(16) | ciphertext).
// The promise under test: every key size works, bad keys are refused, and anything but the exact
// bytes under the exact key is a CipherError — never garbage, never a crash.
#include "es/cipher.h"
#include "es/compressor.h"
#include "es/errors.h"
#include "es/json.h"

#include "fixtures.h"
#include "referencestore.h"

#include <QRandomGenerator>
#include <QtTest>

#include <atomic>
#include <thread>
#include <vector>

namespace {

QByteArray rawKey(int size, char fill = '\x2a')
{
    QByteArray key(size, fill);
    for (int i = 0; i < size; ++i)
        key[i] = static_cast<char>(fill + i);
    return key;
}

QByteArray sampleState()
{
    return QByteArrayLiteral(
        "{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:09.485709+00:00\"}, "
        "\"amount\": {\"_type_\": \"decimal_str\", \"_data_\": \"149.50\"}}");
}

// Whether decrypt() throws CipherError (and nothing else) for these bytes.
bool refuses(const es::Cipher &cipher, const QByteArray &data, QString *message = nullptr)
{
    try {
        cipher.decrypt(data);
    } catch (const es::CipherError &e) {
        if (message)
            *message = e.message();
        return true;
    }
    return false;
}

} // namespace

class TestCipher : public QObject
{
    Q_OBJECT
private slots:
    void roundTripEveryKeySize_data()
    {
        QTest::addColumn<int>("keySize");
        QTest::addColumn<QByteArray>("plaintext");
        const QList<int> sizes {16, 24, 32};
        for (int size : sizes) {
            QTest::addRow("AES-%d empty", size * 8) << size << QByteArray();
            QTest::addRow("AES-%d one byte", size * 8) << size << QByteArray("x");
            QTest::addRow("AES-%d state", size * 8) << size << sampleState();
            QByteArray big(1 << 20, '\0');
            QRandomGenerator gen(static_cast<quint32>(size));
            for (char &c : big)
                c = static_cast<char>(gen.bounded(256));
            QTest::addRow("AES-%d 1 MiB", size * 8) << size << big;
        }
    }
    void roundTripEveryKeySize()
    {
        QFETCH(int, keySize);
        QFETCH(QByteArray, plaintext);
        const QByteArray key = rawKey(keySize);
        const es::AESCipher fromBase64(QString::fromLatin1(key.toBase64()));
        const auto fromRaw = es::AESCipher::fromRawKey(key);

        const QByteArray encrypted = fromBase64.encrypt(plaintext);
        QCOMPARE(encrypted.size(), es::AESCipher::NonceSize + es::AESCipher::TagSize + plaintext.size());
        if (plaintext.size() >= 16)
            QVERIFY(!encrypted.contains(plaintext.left(16))); // the body is not the plaintext
        QCOMPARE(fromBase64.decrypt(encrypted), plaintext);
        // The same key given either way is the same key.
        QCOMPARE(fromRaw->decrypt(encrypted), plaintext);
        QCOMPARE(fromBase64.decrypt(fromRaw->encrypt(plaintext)), plaintext);
    }

    // NIST's GCM test cases 1 and 2 (McGrew & Viega): proves the layout is nonce | tag | body, as
    // Python's AESCipher stores it, and that the AES-GCM underneath is the standard one.
    void knownAnswerLayout()
    {
        const auto cipher = es::AESCipher::fromRawKey(QByteArray(16, '\0'));
        const QByteArray nonce(12, '\0');
        const QByteArray tag1 = QByteArray::fromHex("58e2fccefa7e3061367f1d57a4e7455a");
        QCOMPARE(cipher->decrypt(nonce + tag1), QByteArray());
        const QByteArray tag2 = QByteArray::fromHex("ab6e47d42cec13bdf53a67b21257bddf");
        const QByteArray body2 = QByteArray::fromHex("0388dace60b6a392f328c2b971b2fe78");
        QCOMPARE(cipher->decrypt(nonce + tag2 + body2), QByteArray(16, '\0'));
        // Tag and body swapped (the other plausible layout) must not authenticate.
        QVERIFY(refuses(*cipher, nonce + body2 + tag2));
    }

    void badKeySizes_data()
    {
        QTest::addColumn<int>("size");
        for (int size : {0, 1, 15, 17, 31, 33, 64})
            QTest::addRow("%d bytes", size) << size;
    }
    void badKeySizes()
    {
        QFETCH(int, size);
        const QByteArray key = rawKey(size);
        try {
            es::AESCipher cipher(QString::fromLatin1(key.toBase64()));
            QFAIL("a key of a bad size was accepted as base64");
        } catch (const es::CipherError &e) {
            if (size > 0) // the message names the size it got
                QVERIFY2(e.message().contains(QString::number(size)), qPrintable(e.message()));
        }
        QVERIFY_THROWS_EXCEPTION(es::CipherError, es::AESCipher::fromRawKey(key));
        QVERIFY_THROWS_EXCEPTION(es::CipherError, es::AESCipher::createKey(size));
    }

    void notBase64Keys_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("empty") << QString();
        QTest::newRow("blank") << QStringLiteral("   ");
        QTest::newRow("words") << QStringLiteral("this is not a key!");
        QTest::newRow("stars") << QStringLiteral("****************************************");
        QTest::newRow("non-latin") << QStringLiteral("ключключключключключключ==");
        QTest::newRow("inner garbage") << QStringLiteral("AAAAAAAAAAA$AAAAAAAAAAA=");
        QTest::newRow("hex of 16 bytes") << QStringLiteral("00112233445566778899aabbccddeeff!");
    }
    void notBase64Keys()
    {
        QFETCH(QString, key);
        QVERIFY_THROWS_EXCEPTION(es::CipherError, es::AESCipher {key});
    }

    void keyGivenWithWhitespaceAround()
    {
        // A key pasted from a file keeps its newline; Python's b64decode ignores it too.
        const QByteArray key = rawKey(32);
        const es::AESCipher a(QString::fromLatin1(key.toBase64()) + QLatin1Char('\n'));
        const auto b = es::AESCipher::fromRawKey(key);
        QCOMPARE(b->decrypt(a.encrypt("x")), QByteArray("x"));
    }

    void createKey_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("16") << 16;
        QTest::newRow("24") << 24;
        QTest::newRow("32") << 32;
    }
    void createKey()
    {
        QFETCH(int, size);
        const QString key = es::AESCipher::createKey(size);
        const auto decoded
            = QByteArray::fromBase64Encoding(key.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        QVERIFY(decoded);
        QCOMPARE(decoded.decoded.size(), size);
        QVERIFY(es::AESCipher::createKey(size) != key); // random, not derived
        const es::AESCipher cipher(key);
        QCOMPARE(cipher.decrypt(cipher.encrypt(sampleState())), sampleState());
    }
    void createKeyDefaultsTo256Bits()
    {
        const auto decoded = QByteArray::fromBase64Encoding(es::AESCipher::createKey().toLatin1());
        QCOMPARE(decoded.decoded.size(), 32);
    }

    void freshNoncePerRecord()
    {
        const es::AESCipher cipher(es::AESCipher::createKey());
        QSet<QByteArray> nonces;
        QByteArray previous;
        for (int i = 0; i < 200; ++i) {
            const QByteArray e = cipher.encrypt(sampleState());
            if (!previous.isEmpty())
                QVERIFY(e != previous);
            nonces.insert(e.left(es::AESCipher::NonceSize));
            previous = e;
            QCOMPARE(cipher.decrypt(e), sampleState());
        }
        QCOMPARE(nonces.size(), 200);
    }

    void wrongKey()
    {
        const es::AESCipher right(es::AESCipher::createKey(32));
        const QByteArray encrypted = right.encrypt(sampleState());
        for (int size : {16, 24, 32}) {
            const es::AESCipher wrong(es::AESCipher::createKey(size));
            QString message;
            QVERIFY(refuses(wrong, encrypted, &message));
            QVERIFY2(message.contains(QLatin1String("wrong key")), qPrintable(message));
        }
        // A key one bit away is as wrong as any other.
        QByteArray key = rawKey(16);
        const auto a = es::AESCipher::fromRawKey(key);
        key[5] = static_cast<char>(key[5] ^ 0x01);
        const auto b = es::AESCipher::fromRawKey(key);
        QVERIFY(refuses(*b, a->encrypt(sampleState())));
    }

    void truncated_data()
    {
        QTest::addColumn<int>("length");
        for (int length : {0, 1, 10, 11, 12, 20, 27, 28, 30, 50})
            QTest::addRow("%d bytes", length) << length;
        QTest::newRow("one byte short") << -1;
    }
    void truncated()
    {
        QFETCH(int, length);
        const es::AESCipher cipher(es::AESCipher::createKey());
        const QByteArray encrypted = cipher.encrypt(sampleState());
        const QByteArray cut = length < 0 ? encrypted.chopped(1) : encrypted.left(length);
        QVERIFY(cut.size() < encrypted.size());
        QString message;
        QVERIFY2(refuses(cipher, cut, &message), "truncated ciphertext decrypted");
        QVERIFY(!message.isEmpty());
        if (cut.size() < 28)
            QVERIFY2(message.contains(QLatin1String("too short")), qPrintable(message));
    }

    void extended()
    {
        const es::AESCipher cipher(es::AESCipher::createKey());
        const QByteArray encrypted = cipher.encrypt(sampleState());
        QVERIFY(refuses(cipher, encrypted + '\0'));
        QVERIFY(refuses(cipher, encrypted + encrypted));
    }

    // Every bit of nonce, tag and body is covered by the authentication.
    void everySingleBitFlip_data()
    {
        QTest::addColumn<int>("keySize");
        QTest::addColumn<int>("plainSize");
        for (int keySize : {16, 24, 32}) {
            QTest::addRow("AES-%d, empty body", keySize * 8) << keySize << 0;
            QTest::addRow("AES-%d, 45-byte body", keySize * 8) << keySize << 45;
        }
    }
    void everySingleBitFlip()
    {
        QFETCH(int, keySize);
        QFETCH(int, plainSize);
        const es::AESCipher cipher(es::AESCipher::createKey(keySize));
        const QByteArray encrypted = cipher.encrypt(sampleState().left(plainSize));
        int refused = 0;
        for (qsizetype byte = 0; byte < encrypted.size(); ++byte) {
            for (int bit = 0; bit < 8; ++bit) {
                QByteArray altered = encrypted;
                altered[byte] = static_cast<char>(altered[byte] ^ (1 << bit));
                if (!refuses(cipher, altered))
                    QFAIL(qPrintable(
                        QStringLiteral("flipping bit %1 of byte %2 was not detected").arg(bit).arg(byte)));
                ++refused;
            }
        }
        QCOMPARE(refused, static_cast<int>(encrypted.size() * 8));
        QCOMPARE(cipher.decrypt(encrypted), sampleState().left(plainSize)); // the original still reads
    }

    void threadSafe()
    {
        const es::AESCipher cipher(es::AESCipher::createKey());
        std::atomic<int> ok {0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&cipher, &ok, t] {
                for (int i = 0; i < 250; ++i) {
                    const QByteArray plain = QByteArray::number(t) + ':' + QByteArray::number(i);
                    if (cipher.decrypt(cipher.encrypt(plain)) == plain)
                        ++ok;
                }
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(ok.load(), 1000);
    }

    void cipherForTopic()
    {
        const QString key = es::AESCipher::createKey();
        const auto cipher = es::cipherForTopic(QStringLiteral("eventsourcing.cipher:AESCipher"), key);
        QVERIFY(cipher);
        QCOMPARE(es::AESCipher(key).decrypt(cipher->encrypt("abc")), QByteArray("abc"));
        try {
            es::cipherForTopic(QStringLiteral("eventsourcing.cipher:Nope"), key,
                               QStringLiteral("APP_CIPHER_TOPIC"));
            QFAIL("an unknown cipher topic was accepted");
        } catch (const es::ConfigurationError &e) {
            QVERIFY2(e.message().contains(QLatin1String("APP_CIPHER_TOPIC")), qPrintable(e.message()));
        }
        try {
            es::cipherForTopic(QStringLiteral("eventsourcing.cipher:AESCipher"), QString(),
                               QStringLiteral("CIPHER_TOPIC"), QStringLiteral("APP_CIPHER_KEY"));
            QFAIL("a missing key was accepted");
        } catch (const es::ConfigurationError &e) {
            QVERIFY2(e.message().contains(QLatin1String("APP_CIPHER_KEY")), qPrintable(e.message()));
        }
        try {
            es::cipherForTopic(QStringLiteral("eventsourcing.cipher:AESCipher"), QStringLiteral("c2hvcnQ="),
                               QStringLiteral("CIPHER_TOPIC"), QStringLiteral("APP_CIPHER_KEY"));
            QFAIL("a 5-byte key was accepted");
        } catch (const es::ConfigurationError &e) {
            QVERIFY2(e.message().contains(QLatin1String("APP_CIPHER_KEY")), qPrintable(e.message()));
        }
    }

    // The records Python's AESCipher wrote decrypt with its key, and nothing else.
    void decryptsTheReferenceStore()
    {
        ES_REQUIRE_FIXTURES();
        const es::AESCipher cipher(es::test::referenceKey(QStringLiteral("bankaccounts.zlib-aes.key")));
        const es::AESCipher wrong(es::AESCipher::createKey());
        for (const QString &table : {QStringLiteral("stored_events"), QStringLiteral("stored_snapshots")}) {
            QString error;
            const auto rows
                = es::test::readReferenceRows(QStringLiteral("bankaccounts.zlib-aes.sqlite"), table, &error);
            QVERIFY2(!rows.empty(), qPrintable(error));
            for (const auto &row : rows) {
                const QByteArray plain = cipher.decrypt(row.state);
                QCOMPARE(es::detectCompression(plain), es::Compression::Zlib); // the store's compressor
                const QByteArray text = es::decompressAny(plain);
                const es::json::Value state = es::json::Value::parse(
                    std::string_view(text.constData(), static_cast<size_t>(text.size())));
                QVERIFY(state.isObject());
                QVERIFY(state.find("timestamp"));
                QVERIFY(refuses(wrong, row.state));
            }
            QCOMPARE(static_cast<int>(rows.size()), table == QLatin1String("stored_events") ? 161 : 4);
        }
    }
};

QTEST_GUILESS_MAIN(TestCipher)
#include "tst_cipher.moc"
