// decodeStoredState(): the inspector's decoder of stored bytes of any kind. Each record is judged
// on its own bytes; every problem is a value in the result with an English message, never an
// exception, never a state made of garbage.
#include "es/cipher.h"
#include "es/compressor.h"
#include "es/transcoder.h"

#include <QRandomGenerator>
#include <QtTest>

using Problem = es::DecodedState::Problem;

namespace {

const char *const StateText
    = R"({"timestamp": {"_type_": "datetime_iso", "_data_": "2026-11-28T16:33:09.485709+00:00"}, )"
      R"("amount": {"_type_": "decimal_str", "_data_": "149.50"}, "note": "caf\u00e9"})";

QByteArray stateBytes()
{
    return QByteArray(StateText);
}

es::json::Value stateValue()
{
    return es::json::Value::parse(StateText);
}

std::shared_ptr<es::AESCipher> cipherA()
{
    return es::AESCipher::fromRawKey(QByteArray(32, 'A'));
}

std::shared_ptr<es::AESCipher> cipherB()
{
    return es::AESCipher::fromRawKey(QByteArray(32, 'B'));
}

// Stored bytes as a Mapper with these settings writes them. Encrypted ones are drawn again in the
// rare case (about 1 in 1000) that the random bytes begin like a zlib or gzip header, which
// ciphertextThatLooksLikeZlib() covers on its own: the other tests must not depend on luck.
QByteArray protect(const QByteArray &plain, const QString &compressor, bool encrypt)
{
    const std::shared_ptr<const es::Compressor> c
        = compressor.isEmpty() ? nullptr : es::compressorForTopic(compressor);
    const std::shared_ptr<const es::Cipher> k = encrypt ? cipherA() : nullptr;
    const es::Mapper mapper(std::make_shared<es::JSONTranscoder>(), c, k);
    for (;;) {
        QByteArray stored
            = mapper.protect(std::string_view(plain.constData(), static_cast<size_t>(plain.size())));
        if (!encrypt || es::detectCompression(stored) == es::Compression::None)
            return stored;
    }
}

} // namespace

class TestGenericDecode : public QObject
{
    Q_OBJECT
private slots:
    void everyStorage_data()
    {
        QTest::addColumn<QString>("compressor");
        QTest::addColumn<bool>("encrypt");
        QTest::addColumn<QString>("storage");
        QTest::newRow("plain") << QString() << false << QStringLiteral("plain");
        QTest::newRow("zlib") << QStringLiteral("zlib") << false << QStringLiteral("zlib");
        QTest::newRow("gzip") << QStringLiteral("gzip") << false << QStringLiteral("gzip");
        QTest::newRow("encrypted") << QString() << true << QStringLiteral("encrypted");
        QTest::newRow("encrypted+zlib") << QStringLiteral("eventsourcing.compressor:ZlibCompressor") << true
                                        << QStringLiteral("encrypted+zlib");
        QTest::newRow("encrypted+gzip") << QStringLiteral("gzip") << true << QStringLiteral("encrypted+gzip");
    }
    void everyStorage()
    {
        QFETCH(QString, compressor);
        QFETCH(bool, encrypt);
        QFETCH(QString, storage);
        const QByteArray stored = protect(stateBytes(), compressor, encrypt);
        const es::DecodedState d = es::decodeStoredState(stored, encrypt ? cipherA().get() : nullptr);
        QVERIFY2(d.ok(), qPrintable(d.error));
        QVERIFY(d.hasState());
        QVERIFY(d.error.isEmpty());
        QCOMPARE(d.storage(), storage);
        QCOMPARE(d.encrypted, encrypt);
        QVERIFY(d.state == stateValue());
        // Wrappers are kept as stored, not decoded.
        QCOMPARE(d.state.find("amount")->find("_data_")->toQString(), QStringLiteral("149.50"));

        if (!encrypt) {
            // A key given for a record written without encryption (encryption switched on later):
            // the record still reads, and says it is not encrypted.
            const es::DecodedState withKey = es::decodeStoredState(stored, cipherA().get());
            QVERIFY2(withKey.ok(), qPrintable(withKey.error));
            QCOMPARE(withKey.storage(), storage);
            QVERIFY(withKey.state == stateValue());
        }
    }

    void needsKey()
    {
        for (const QString &compressor : {QString(), QStringLiteral("zlib"), QStringLiteral("gzip")}) {
            const QByteArray stored = protect(stateBytes(), compressor, true);
            const es::DecodedState d = es::decodeStoredState(stored);
            QCOMPARE(d.problem, Problem::NeedsKey);
            QVERIFY(!d.hasState());
            QVERIFY(d.state.isNull());
            QVERIFY(d.encrypted);
            QCOMPARE(d.storage(), QStringLiteral("encrypted"));
            QVERIFY2(d.error.contains(QLatin1String("key")), qPrintable(d.error));
        }
        // Even an encrypted empty state (28 bytes of nonce and tag) looks encrypted.
        QCOMPARE(es::decodeStoredState(protect(QByteArray(), QString(), true)).problem, Problem::NeedsKey);
    }

    void cannotDecryptWithWrongKey()
    {
        for (const QString &compressor : {QString(), QStringLiteral("zlib"), QStringLiteral("gzip")}) {
            const QByteArray stored = protect(stateBytes(), compressor, true);
            const es::DecodedState d = es::decodeStoredState(stored, cipherB().get());
            QCOMPARE(d.problem, Problem::CannotDecrypt);
            QVERIFY(!d.hasState());
            QVERIFY(d.state.isNull());
            QVERIFY(d.encrypted);
            QVERIFY2(d.error.contains(QLatin1String("wrong key")), qPrintable(d.error));
        }
    }

    void cannotDecryptAlteredBytes()
    {
        const QByteArray stored = protect(stateBytes(), QStringLiteral("zlib"), true);
        for (qsizetype byte = 0; byte < stored.size(); ++byte) {
            QByteArray altered = stored;
            altered[byte] = static_cast<char>(altered[byte] ^ 0x10);
            const es::DecodedState d = es::decodeStoredState(altered, cipherA().get());
            QCOMPARE(d.problem, Problem::CannotDecrypt);
            QVERIFY(d.state.isNull());
        }
        // Truncated so far that no tag is left: still the key cannot open it.
        const es::DecodedState cut = es::decodeStoredState(stored.left(40), cipherA().get());
        QCOMPARE(cut.problem, Problem::CannotDecrypt);
    }

    void damaged()
    {
        // A zlib record cut short, and one with a flipped bit.
        const QByteArray z = protect(stateBytes(), QStringLiteral("zlib"), false);
        const es::DecodedState cut = es::decodeStoredState(z.left(z.size() - 5));
        QCOMPARE(cut.problem, Problem::Damaged);
        QCOMPARE(cut.compression, es::Compression::Zlib);
        QVERIFY(!cut.encrypted);
        QVERIFY(cut.state.isNull());
        QVERIFY2(cut.error.contains(QLatin1String("zlib")), qPrintable(cut.error));
        QByteArray flipped = z;
        flipped[10] = static_cast<char>(flipped[10] ^ 0x01);
        QCOMPARE(es::decodeStoredState(flipped).problem, Problem::Damaged);
        const QByteArray g = protect(stateBytes(), QStringLiteral("gzip"), false);
        const es::DecodedState gcut = es::decodeStoredState(g.left(g.size() - 1));
        QCOMPARE(gcut.problem, Problem::Damaged);
        QCOMPARE(gcut.storage(), QStringLiteral("gzip"));
        // Bytes that are nothing known and too short to be encrypted.
        const es::DecodedState junk = es::decodeStoredState(QByteArray::fromHex("00ff13a7c4"));
        QCOMPARE(junk.problem, Problem::Damaged);
        QVERIFY(!junk.encrypted);
    }

    // Authenticated plaintext that does not decompress is damage in what the writer encrypted.
    void encryptedButDamagedInside()
    {
        const QByteArray z = es::ZlibCompressor().compress(stateBytes());
        const QByteArray stored = cipherA()->encrypt(z.left(z.size() - 3));
        const es::DecodedState d = es::decodeStoredState(stored, cipherA().get());
        QCOMPARE(d.problem, Problem::Damaged);
        QCOMPARE(d.storage(), QStringLiteral("encrypted+zlib"));
        QVERIFY(d.state.isNull());
        const es::DecodedState notJson
            = es::decodeStoredState(cipherA()->encrypt("{\"a\": "), cipherA().get());
        QCOMPARE(notJson.problem, Problem::NotJson);
        QCOMPARE(notJson.storage(), QStringLiteral("encrypted"));
    }

    void notJson_data()
    {
        QTest::addColumn<QByteArray>("stored");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("truncated") << stateBytes().left(50);
        QTest::newRow("trailing data") << stateBytes() + " x";
        QTest::newRow("invalid UTF-8 in a string") << QByteArray(StateText).replace("caf", "ca\xff");
        QTest::newRow("single quotes") << QByteArray("{'a': 1}");
        QTest::newRow("short text") << QByteArray("hello");
        QTest::newRow("long text") << QByteArray(
            "this is a plain English sentence and certainly no JSON at all");
    }
    void notJson()
    {
        QFETCH(QByteArray, stored);
        const auto key = cipherA();
        for (const es::Cipher *cipher :
             {static_cast<const es::Cipher *>(nullptr), static_cast<const es::Cipher *>(key.get())}) {
            const es::DecodedState d = es::decodeStoredState(stored, cipher);
            QCOMPARE(d.problem, Problem::NotJson);
            QVERIFY(d.state.isNull());
            QVERIFY(!d.encrypted);
            QCOMPARE(d.storage(), QStringLiteral("plain"));
            QVERIFY2(d.error.contains(QLatin1String("JSON")), qPrintable(d.error));
        }
        // Compressed, the same text is still not JSON, and says how it was stored.
        const es::DecodedState z = es::decodeStoredState(es::ZlibCompressor().compress(stored));
        QCOMPARE(z.problem, Problem::NotJson);
        QCOMPARE(z.storage(), QStringLiteral("zlib"));
    }

    void notJsonNamesTheOffset()
    {
        const es::DecodedState d = es::decodeStoredState("{\"a\": 1");
        QCOMPARE(d.problem, Problem::NotJson);
        QVERIFY2(d.error.contains(QLatin1String("offset 7")), qPrintable(d.error));
    }

    void unknownType()
    {
        const QByteArray state
            = R"({"sent_via": {"_type_": "send_method_str", "_data_": "EMAIL"}, "amount": {"_type_": "decimal_str", "_data_": "1"}})";
        // Without a transcoder only the built-in names are known.
        const es::DecodedState d = es::decodeStoredState(state);
        QCOMPARE(d.problem, Problem::UnknownType);
        QVERIFY(!d.ok());
        QVERIFY(d.hasState()); // the state is still given, for the inspector to show
        QVERIFY(d.state == es::json::Value::parse(state.constData()));
        QVERIFY2(d.error.contains(QLatin1String("'send_method_str'")), qPrintable(d.error));
        // With the application's transcoder it is fine.
        es::JSONTranscoder t;
        t.registerName(QStringLiteral("send_method_str"));
        const es::DecodedState known = es::decodeStoredState(state, nullptr, &t);
        QVERIFY2(known.ok(), qPrintable(known.error));
        // Encrypted and compressed, the same.
        const QByteArray stored = protect(state, QStringLiteral("zlib"), true);
        QCOMPARE(es::decodeStoredState(stored, cipherA().get()).problem, Problem::UnknownType);
        QVERIFY(es::decodeStoredState(stored, cipherA().get(), &t).ok());
    }

    // Plain JSON whose first bytes pass zlib's header check ('8' then '0' does) is still JSON.
    void jsonThatLooksLikeZlib()
    {
        QCOMPARE(es::detectCompression("80"), es::Compression::Zlib);
        const es::DecodedState d = es::decodeStoredState("80");
        QVERIFY2(d.ok(), qPrintable(d.error));
        QCOMPARE(d.storage(), QStringLiteral("plain"));
        QVERIFY(d.state == es::json::Value(80));
    }

    void anyJsonValueIsAState()
    {
        // The decoder reports what is there; judging the shape is the caller's business.
        for (const char *text : {"[1, 2]", "\"s\"", "null", "1.5", "NaN", " {} "}) {
            const es::DecodedState d = es::decodeStoredState(text);
            QVERIFY2(d.ok(), text);
        }
    }

    void names()
    {
        QCOMPARE(es::DecodedState::problemName(Problem::None), QStringLiteral("ok"));
        QCOMPARE(es::DecodedState::problemName(Problem::NeedsKey), QStringLiteral("needs key"));
        QCOMPARE(es::DecodedState::problemName(Problem::CannotDecrypt), QStringLiteral("cannot decrypt"));
        QCOMPARE(es::DecodedState::problemName(Problem::Damaged), QStringLiteral("damaged"));
        QCOMPARE(es::DecodedState::problemName(Problem::NotJson), QStringLiteral("not JSON"));
        QCOMPARE(es::DecodedState::problemName(Problem::UnknownType), QStringLiteral("unknown type"));
        es::DecodedState s;
        QCOMPARE(s.storage(), QStringLiteral("plain"));
        s.compression = es::Compression::Gzip;
        QCOMPARE(s.storage(), QStringLiteral("gzip"));
        s.encrypted = true;
        QCOMPARE(s.storage(), QStringLiteral("encrypted+gzip"));
        s.compression = es::Compression::None;
        QCOMPARE(s.storage(), QStringLiteral("encrypted"));
    }

    // Random bytes of every length: always a problem or a state, never an exception. Longer than
    // a nonce and a tag they are taken for a ciphertext.
    void randomBytesNeverThrow()
    {
        QRandomGenerator gen(4);
        int needsKey = 0;
        for (int size = 0; size < 300; ++size) {
            QByteArray junk(size, '\0');
            for (char &c : junk)
                c = static_cast<char>(gen.bounded(256));
            const es::DecodedState noKey = es::decodeStoredState(junk);
            const es::DecodedState withKey = es::decodeStoredState(junk, cipherA().get());
            QVERIFY(!noKey.ok() || noKey.hasState());
            QVERIFY(noKey.ok() || !noKey.error.isEmpty());
            QVERIFY(withKey.ok() || !withKey.error.isEmpty());
            if (size >= 28 && es::detectCompression(junk) == es::Compression::None) {
                QCOMPARE(noKey.problem, Problem::NeedsKey);
                QCOMPARE(withKey.problem, Problem::CannotDecrypt);
                ++needsKey;
            }
            if (size < 28 && size > 1)
                QVERIFY(noKey.problem != Problem::NeedsKey);
        }
        QVERIFY(needsKey > 250);
    }

    // Ciphertext whose first bytes happen to pass zlib's header check (about 1 record in 1000).
    // Headers no real writer produces still read as encrypted; with one zlib itself writes (78 9c…,
    // about 1 in 16,000) the bytes cannot be told from a damaged zlib record without the key, so
    // they are reported damaged, with a hint about the key. With the key they read; with a wrong
    // key they cannot be decrypted.
    void ciphertextThatLooksLikeZlib_data()
    {
        QTest::addColumn<bool>("writersHeader");
        QTest::newRow("unusual zlib header") << false;
        QTest::newRow("zlib's own header") << true;
    }
    void ciphertextThatLooksLikeZlib()
    {
        QFETCH(bool, writersHeader);
        const auto cipher = cipherA();
        QByteArray stored;
        for (int i = 0; i < 2000000 && stored.isEmpty(); ++i) {
            const QByteArray e = cipher->encrypt(stateBytes());
            if (es::detectCompression(e) != es::Compression::Zlib)
                continue;
            const auto b1 = static_cast<unsigned char>(e[1]);
            const bool own = static_cast<unsigned char>(e[0]) == 0x78
                && (b1 == 0x01 || b1 == 0x5e || b1 == 0x9c || b1 == 0xda);
            if (own == writersHeader)
                stored = e;
        }
        QVERIFY(!stored.isEmpty());
        const es::DecodedState noKey = es::decodeStoredState(stored);
        QVERIFY(noKey.state.isNull());
        QVERIFY2(noKey.error.contains(QLatin1String("key")), qPrintable(noKey.error));
        if (writersHeader) {
            QCOMPARE(noKey.problem, Problem::Damaged);
            QCOMPARE(noKey.storage(), QStringLiteral("zlib"));
        } else {
            QCOMPARE(noKey.problem, Problem::NeedsKey);
            QCOMPARE(noKey.storage(), QStringLiteral("encrypted"));
        }
        const es::DecodedState right = es::decodeStoredState(stored, cipher.get());
        QVERIFY(right.ok());
        QVERIFY(right.state == stateValue());
        QCOMPARE(es::decodeStoredState(stored, cipherB().get()).problem, Problem::CannotDecrypt);
    }

    // A damaged record with the header zlib writes is damage, not encryption.
    void damagedZlibIsNotTakenForEncrypted()
    {
        QByteArray z = protect(stateBytes(), QStringLiteral("zlib"), false);
        QCOMPARE(z.left(2), QByteArray::fromHex("789c"));
        z[z.size() / 2] = static_cast<char>(z[z.size() / 2] ^ 0x40);
        const es::DecodedState d = es::decodeStoredState(z);
        QCOMPARE(d.problem, Problem::Damaged);
        QVERIFY(!d.encrypted);
        QByteArray g = protect(stateBytes(), QStringLiteral("gzip"), false);
        g.chop(4);
        QCOMPARE(es::decodeStoredState(g).problem, Problem::Damaged);
    }
};

QTEST_GUILESS_MAIN(TestGenericDecode)
#include "tst_generic_decode.moc"
