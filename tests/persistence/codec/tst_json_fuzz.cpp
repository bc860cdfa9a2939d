// Fuzzing the read path with damaged real states: bit flips, truncations, insertions, deletions
// and JSON-shaped splices of stored states (the Python-written reference stores when present, and
// states of every storage kind made here). Whatever the bytes, the parser gives a value or an
// error with an offset, the generic decoder gives a state or a problem, nothing throws what it
// must not, and nothing crashes. Deterministic: the seed is fixed (ES_FUZZ_SEED overrides it, and
// ES_FUZZ_ROUNDS multiplies the work, for longer runs by hand).
#include "es/cipher.h"
#include "es/compressor.h"
#include "es/errors.h"
#include "es/json.h"
#include "es/transcoder.h"

#include "fixtures.h"
#include "referencestore.h"

#include <QRandomGenerator>
#include <QtTest>

#include <openssl/evp.h>

#include <map>
#include <vector>

using Problem = es::DecodedState::Problem;

namespace {

quint32 fuzzSeed()
{
    bool ok = false;
    const quint32 seed = qEnvironmentVariable("ES_FUZZ_SEED").toUInt(&ok);
    return ok ? seed : 0x9161u; // eventsourcing 9.1.6
}

int rounds()
{
    bool ok = false;
    const int r = qEnvironmentVariableIntValue("ES_FUZZ_ROUNDS", &ok);
    return ok && r > 0 ? r : 1;
}

std::string_view view(const QByteArray &b)
{
    return std::string_view(b.constData(), static_cast<size_t>(b.size()));
}

// Snippets that make the parser take its less travelled paths.
const char *const Splices[] = {"{",
                               "}",
                               "[",
                               "]",
                               "\"",
                               "\\",
                               ",",
                               ":",
                               "\\u",
                               "\\ud800",
                               "\\udc00",
                               "\\ud83d\\ude00",
                               "\\u00e9",
                               "-",
                               "0",
                               "1e",
                               "1e400",
                               "-1e-400",
                               ".",
                               "e+",
                               "NaN",
                               "Infinity",
                               "-Infinity",
                               "true",
                               "null",
                               "\xc3\xa9",
                               "\xf0\x9f\x98\x80",
                               "\xed\xa0\x80",
                               "\xff",
                               "\x80",
                               "\t",
                               "\n",
                               "\x01",
                               "99999999999999999999999",
                               "{\"_type_\": \"x\", \"_data_\": 1}",
                               "\"_type_\"",
                               "[[[[[[[[",
                               "]]]]"};

class Mutator
{
public:
    explicit Mutator(quint32 seed) : m_gen(seed) { }

    QByteArray mutate(const QByteArray &in)
    {
        QByteArray b = in;
        const int steps = 1 + static_cast<int>(m_gen.bounded(3));
        for (int s = 0; s < steps; ++s) {
            switch (m_gen.bounded(6)) {
            case 0: // flip one bit
                if (!b.isEmpty()) {
                    const auto i = static_cast<qsizetype>(m_gen.bounded(static_cast<quint32>(b.size())));
                    b[i] = static_cast<char>(b[i] ^ (1 << m_gen.bounded(8)));
                }
                break;
            case 1: // truncate
                b.truncate(static_cast<qsizetype>(m_gen.bounded(static_cast<quint32>(b.size() + 1))));
                break;
            case 2: { // insert random bytes
                QByteArray junk(1 + static_cast<int>(m_gen.bounded(8)), '\0');
                for (char &c : junk)
                    c = static_cast<char>(m_gen.bounded(256));
                b.insert(position(b), junk);
                break;
            }
            case 3: { // delete a range
                if (!b.isEmpty()) {
                    const qsizetype at = position(b);
                    b.remove(at, 1 + static_cast<qsizetype>(m_gen.bounded(16)));
                }
                break;
            }
            case 4: { // splice in something JSON-shaped
                const auto n = static_cast<quint32>(sizeof Splices / sizeof Splices[0]);
                b.insert(position(b), Splices[m_gen.bounded(n)]);
                break;
            }
            default: { // overwrite a byte with something JSON-shaped
                if (!b.isEmpty()) {
                    static const char structural[] = "{}[]\",:\\-0.eEtfn \x7f\x80\xc3";
                    b[position(b) % b.size()]
                        = structural[m_gen.bounded(static_cast<quint32>(sizeof structural - 1))];
                }
                break;
            }
            }
        }
        return b;
    }

private:
    qsizetype position(const QByteArray &b)
    {
        return static_cast<qsizetype>(m_gen.bounded(static_cast<quint32>(b.size() + 1)));
    }
    QRandomGenerator m_gen;
};

// AES-GCM under a chosen nonce, in Python's layout nonce | tag | ciphertext, written with OpenSSL
// directly: AESCipher draws a random nonce, and the corpus must be the same on every run.
QByteArray encryptWithNonce(const QByteArray &key, quint32 nonceSeed, const QByteArray &plain)
{
    QByteArray nonce(12, '\0');
    QRandomGenerator gen(nonceSeed);
    for (char &c : nonce)
        c = static_cast<char>(gen.bounded(256));
    QByteArray body(plain.size(), '\0');
    QByteArray tag(16, '\0');
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int len = 0;
    const auto *k = reinterpret_cast<const unsigned char *>(key.constData());
    const auto *n = reinterpret_cast<const unsigned char *>(nonce.constData());
    const bool ok = ctx && EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, k, n) == 1
        && EVP_EncryptUpdate(ctx, reinterpret_cast<unsigned char *>(body.data()), &len,
                             reinterpret_cast<const unsigned char *>(plain.constData()),
                             static_cast<int>(plain.size()))
            == 1
        && EVP_EncryptFinal_ex(ctx, reinterpret_cast<unsigned char *>(body.data()) + len, &len) == 1
        && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag.data()) == 1;
    EVP_CIPHER_CTX_free(ctx);
    return ok ? nonce + tag + body : QByteArray();
}

// A seed for the decoder: stored bytes, the key to read them with, and the state they hold.
struct Seed
{
    QByteArray stored;
    std::shared_ptr<es::Cipher> cipher; // the right key, when encrypted
    bool compressed = false;
    es::json::Value state;
};

const char *const SyntheticStates[] = {
    R"({"timestamp": {"_type_": "datetime_iso", "_data_": "2026-11-28T16:33:09.485709+00:00"}, "originator_topic": "eventsourcing.examples.bankaccounts.domainmodel:BankAccount", "full_name": "Holder 0", "email_address": "holder0@example.com"})",
    R"({"timestamp": {"_type_": "datetime_iso", "_data_": "2026-11-28T16:33:09.5"}, "amount": {"_type_": "decimal_str", "_data_": "-149.50"}, "transaction_id": {"_type_": "uuid_hex", "_data_": "973a34cfd94348b2857841bccb3657ec"}})",
    // Escapes of every kind (written as an ordinary literal: moc misreads \" in raw strings).
    "{\"note\": \"caf\\u00e9 \\u65e5\\u672c \\ud83d\\ude00 \\ud800\", \"n\": [1, -0, 2.5e-05, 1e+16, "
    "123456789012345678901234567890, true, false, null], \"nested\": {\"a\": {\"b\": [{}, [], \"\"]}}, "
    "\"esc\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}",
    R"({"limits": [NaN, -Infinity, Infinity, 1e999, -0.0, 5e-324, 9223372036854775807, -9223372036854775809]})",
    R"({"issued_to": {"_type_": "person_as_dict", "_data_": {"name": "Oscar the Octopus", "address": "Underwater"}}, "status": {"_type_": "status_str", "_data_": "SENT"}})",
};

void checkParserOn(const QByteArray &text, int *values, int *errors)
{
    es::json::Document doc;
    std::string error;
    if (doc.tryParse(view(text), &error)) {
        QVERIFY(doc.root().isValid());
        const es::json::Value v = es::json::Value::fromNode(doc.root());
        // What was read writes back, and reads again as the same value (NaN and infinities cannot
        // be written: that is the one refusal allowed).
        std::string again;
        try {
            again = v.toJson();
        } catch (const es::TranscodingError &) {
            ++*values;
            return;
        }
        const es::json::Value back = es::json::Value::parse(again);
        if (!(back == v))
            QFAIL(qPrintable(
                QStringLiteral("round trip changed the value of %1").arg(QString::fromLatin1(text.toHex()))));
        ++*values;
    } else {
        QVERIFY2(error.find(" at offset ") != std::string::npos, error.c_str());
        QVERIFY(!doc.root().isValid());
        ++*errors;
    }
}

// The decoder's result is one of its documented shapes.
void checkDecoded(const es::DecodedState &d)
{
    if (d.ok())
        QVERIFY(d.error.isEmpty());
    else
        QVERIFY(!d.error.isEmpty());
    if (!d.hasState())
        QVERIFY(d.state.isNull());
}

} // namespace

class TestJsonFuzz : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { qInfo("fuzz seed %u, rounds %d", fuzzSeed(), rounds()); }

    // The parser (Document, Value, and the transcoder's decode) on damaged JSON text.
    void parserOnDamagedStates()
    {
        std::vector<QByteArray> texts;
        for (const char *s : SyntheticStates)
            texts.emplace_back(s);
        if (QFileInfo::exists(es::test::fixture(QStringLiteral("README.md")))) {
            for (const QString &store :
                 {QStringLiteral("bankaccounts.sqlite"), QStringLiteral("invoice.sqlite")}) {
                QString error;
                for (const auto &row :
                     es::test::readReferenceRows(store, QStringLiteral("stored_events"), &error))
                    texts.push_back(row.state);
                for (const auto &row :
                     es::test::readReferenceRows(store, QStringLiteral("stored_snapshots"), &error))
                    texts.push_back(row.state);
            }
        }
        Mutator mutator(fuzzSeed());
        es::JSONTranscoder transcoder;
        int values = 0;
        int errors = 0;
        const int total = 30000 * rounds();
        for (int i = 0; i < total; ++i) {
            const QByteArray &original = texts[static_cast<size_t>(i) % texts.size()];
            const QByteArray text = mutator.mutate(original);
            checkParserOn(text, &values, &errors);
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(
                    QStringLiteral("mutant %1: %2").arg(i).arg(QString::fromLatin1(text.toHex()))));
            try {
                transcoder.decode(text);
            } catch (const es::TranscodingError &) {
                // bad JSON or an unknown _type_: the documented refusals
            }
        }
        QCOMPARE(values + errors, total);
        // The mutations reach both sides: some survive (a flipped letter in a string), most not.
        QVERIFY2(values > total / 100, qPrintable(QString::number(values)));
        QVERIFY2(errors > total / 2, qPrintable(QString::number(errors)));
    }

    // The generic decoder on damaged stored bytes of every storage kind.
    void decoderOnDamagedRecords()
    {
        std::vector<Seed> seeds;
        const QByteArray rawKey
            = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        const auto key = es::AESCipher::fromRawKey(rawKey);
        quint32 nonceSeed = fuzzSeed();
        // Encrypted under a nonce of the run's seed; AESCipher must read what OpenSSL wrote.
        auto encrypt = [&](const QByteArray &plain) {
            const QByteArray stored = encryptWithNonce(rawKey, ++nonceSeed, plain);
            if (stored.isEmpty() || key->decrypt(stored) != plain)
                qFatal("AESCipher does not read AES-GCM written by OpenSSL in Python's layout");
            return stored;
        };
        const es::ZlibCompressor zlib;
        const es::GzipCompressor gzip;
        for (const char *s : SyntheticStates) {
            const QByteArray plain(s);
            const es::json::Value state = es::json::Value::parse(s);
            seeds.push_back({plain, nullptr, false, state});
            seeds.push_back({zlib.compress(plain), nullptr, true, state});
            seeds.push_back({gzip.compress(plain), nullptr, true, state});
            seeds.push_back({encrypt(plain), key, false, state});
            seeds.push_back({encrypt(zlib.compress(plain)), key, true, state});
            seeds.push_back({encrypt(gzip.compress(plain)), key, true, state});
        }
        if (QFileInfo::exists(es::test::fixture(QStringLiteral("README.md")))) {
            const std::shared_ptr<es::Cipher> reference = std::make_shared<es::AESCipher>(
                es::test::referenceKey(QStringLiteral("bankaccounts.zlib-aes.key")));
            QString error;
            for (const auto &row : es::test::readReferenceRows(QStringLiteral("bankaccounts.zlib-aes.sqlite"),
                                                               QStringLiteral("stored_events"), &error)) {
                const es::DecodedState d = es::decodeStoredState(row.state, reference.get());
                QVERIFY2(d.ok(), qPrintable(d.error));
                seeds.push_back({row.state, reference, true, d.state});
            }
            for (const auto &row : es::test::readReferenceRows(QStringLiteral("bankaccounts.sqlite"),
                                                               QStringLiteral("stored_events"), &error)) {
                const es::DecodedState d = es::decodeStoredState(row.state);
                QVERIFY2(d.ok(), qPrintable(d.error));
                seeds.push_back({row.state, nullptr, false, d.state});
            }
        }

        Mutator mutator(fuzzSeed() ^ 0xdecu);
        const auto otherKey = es::AESCipher::fromRawKey(QByteArray(16, '\x42'));
        std::map<Problem, int> seen;
        int unchangedReads = 0;
        const int total = 15000 * rounds();
        for (int i = 0; i < total; ++i) {
            const Seed &seed = seeds[static_cast<size_t>(i) % seeds.size()];
            const QByteArray mutant = mutator.mutate(seed.stored);
            const es::Cipher *ciphers[] = {nullptr, seed.cipher.get(), otherKey.get()};
            for (const es::Cipher *cipher : ciphers) {
                es::DecodedState d;
                try {
                    d = es::decodeStoredState(mutant, cipher);
                } catch (const std::exception &e) {
                    QFAIL(qPrintable(QStringLiteral("decodeStoredState threw '%1' for mutant %2: %3")
                                         .arg(QString::fromUtf8(e.what()))
                                         .arg(i)
                                         .arg(QString::fromLatin1(mutant.toHex()))));
                }
                checkDecoded(d);
                if (QTest::currentTestFailed())
                    QFAIL(qPrintable(
                        QStringLiteral("mutant %1: %2").arg(i).arg(QString::fromLatin1(mutant.toHex()))));
                ++seen[d.problem];
                // Authenticated or checksummed bytes never give another state: a damaged record
                // reads as the original or not at all.
                // (A state holding NaN equals nothing, not even itself, so cannot be compared.)
                if (d.hasState() && mutant != seed.stored && (seed.cipher || seed.compressed)
                    && d.storage() != QLatin1String("plain") && seed.state == seed.state) {
                    if (!(d.state == seed.state))
                        QFAIL(qPrintable(QStringLiteral("mutant %1 of a %2 record decoded to other JSON: %3")
                                             .arg(i)
                                             .arg(d.storage(), QString::fromLatin1(mutant.toHex()))));
                    ++unchangedReads;
                }
                if (seed.cipher && cipher == seed.cipher.get() && mutant != seed.stored && d.encrypted)
                    QCOMPARE(d.problem, Problem::CannotDecrypt);
            }
        }
        // Every kind of answer came up.
        for (Problem p : {Problem::None, Problem::NeedsKey, Problem::CannotDecrypt, Problem::Damaged,
                          Problem::NotJson, Problem::UnknownType})
            QVERIFY2(seen[p] > 0, qPrintable(es::DecodedState::problemName(p)));
        qInfo("answers: ok %d, needs key %d, cannot decrypt %d, damaged %d, not JSON %d, unknown type %d; "
              "damaged compressed records that read as the original %d",
              seen[Problem::None], seen[Problem::NeedsKey], seen[Problem::CannotDecrypt],
              seen[Problem::Damaged], seen[Problem::NotJson], seen[Problem::UnknownType], unchangedReads);
    }

    // Mutating the inputs of the other readers: decompressAny and the cipher refuse with their
    // own error type, never another.
    void decompressAndDecryptOnDamagedBytes()
    {
        Mutator mutator(fuzzSeed() ^ 0xc0deu);
        const auto key = es::AESCipher::fromRawKey(QByteArray(32, '\x07'));
        const QByteArray plain(SyntheticStates[2]);
        const QByteArray z = es::ZlibCompressor().compress(plain);
        const QByteArray g = es::GzipCompressor().compress(plain);
        const QByteArray e = encryptWithNonce(QByteArray(32, '\x07'), fuzzSeed(), plain);
        int refused = 0;
        const int total = 10000 * rounds();
        for (int i = 0; i < total; ++i) {
            const QByteArray mz = mutator.mutate(i % 2 ? z : g);
            try {
                const QByteArray out = es::decompressAny(mz);
                if (es::detectCompression(mz) != es::Compression::None)
                    QCOMPARE(out, plain); // checksummed: the original or nothing
            } catch (const es::CompressionError &) {
                ++refused;
            }
            const QByteArray me = mutator.mutate(e);
            try {
                QCOMPARE(key->decrypt(me), plain);
                QCOMPARE(me, e);
            } catch (const es::CipherError &) {
                ++refused;
            }
        }
        QVERIFY(refused > total);
    }
};

QTEST_GUILESS_MAIN(TestJsonFuzz)
#include "tst_json_fuzz.moc"
