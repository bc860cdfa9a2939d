// Compressors: zlib as Python's zlib.compress/ZlibCompressor, gzip as gzip.compress, the format
// detected by header on reading, damage reported as CompressionError.
#include "es/compressor.h"
#include "es/errors.h"

#include <QRandomGenerator>
#include <QtTest>

Q_DECLARE_METATYPE(es::Compression)

namespace {

QByteArray randomBytes(int size, quint32 seed)
{
    QByteArray b(size, '\0');
    QRandomGenerator gen(seed);
    for (char &c : b)
        c = static_cast<char>(gen.bounded(256));
    return b;
}

QByteArray sampleState()
{
    QByteArray s
        = "{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:09.485709+00:00\"}, "
          "\"items\": [";
    for (int i = 0; i < 50; ++i)
        s += "{\"sku\": \"item-" + QByteArray::number(i) + "\", \"qty\": " + QByteArray::number(i % 7)
            + "}, ";
    s += "{}]}";
    return s;
}

bool refusesToDecompress(const QByteArray &data)
{
    try {
        es::decompressAny(data);
    } catch (const es::CompressionError &) {
        return true;
    }
    return false;
}

} // namespace

class TestCompressor : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QByteArray>("data");
        for (const QString &topic : {QStringLiteral("zlib"), QStringLiteral("gzip")}) {
            QTest::addRow("%s empty", qPrintable(topic)) << topic << QByteArray();
            QTest::addRow("%s one byte", qPrintable(topic)) << topic << QByteArray("{");
            QTest::addRow("%s state", qPrintable(topic)) << topic << sampleState();
            QTest::addRow("%s random 100 KiB", qPrintable(topic)) << topic << randomBytes(100 * 1024, 7);
            // Far more than the first output buffer guess (4× the input): the growth path.
            QTest::addRow("%s 8 MiB of zeros", qPrintable(topic)) << topic << QByteArray(8 << 20, '\0');
        }
    }
    void roundTrip()
    {
        QFETCH(QString, topic);
        QFETCH(QByteArray, data);
        const auto compressor = es::compressorForTopic(topic);
        const QByteArray compressed = compressor->compress(data);
        QCOMPARE(es::detectCompression(compressed), compressor->format());
        QCOMPARE(compressor->decompress(compressed), data);
        QCOMPARE(es::decompressAny(compressed), data);
        if (data.size() > 1000 && data.count('\0') == data.size())
            QVERIFY(compressed.size() < data.size() / 100);
    }

    // zlib.compress(b'{"a": 1}') in Python 3.11: the same library, level and window, so the same bytes.
    void zlibBytesAsPython()
    {
        const QByteArray python = QByteArray::fromHex("789cab564a54b25230ac050009e50229");
        QCOMPARE(es::ZlibCompressor().compress("{\"a\": 1}"), python);
        QCOMPARE(es::decompressAny(python), QByteArray("{\"a\": 1}"));
    }

    // gzip.compress(b'{"a": 1}', mtime=0) in Python 3.11 reads back.
    void gzipFromPython()
    {
        const QByteArray python
            = QByteArray::fromHex("1f8b0800000000000203ab564a54b25230ac0500978ea1fb08000000");
        QCOMPARE(es::detectCompression(python), es::Compression::Gzip);
        QCOMPARE(es::GzipCompressor().decompress(python), QByteArray("{\"a\": 1}"));
        QCOMPARE(es::decompressAny(python), QByteArray("{\"a\": 1}"));
    }

    // Either compressor reads the other's output: the header decides, not the configuration.
    void eitherReadsBoth()
    {
        const es::ZlibCompressor zlib;
        const es::GzipCompressor gzip;
        QCOMPARE(zlib.decompress(gzip.compress(sampleState())), sampleState());
        QCOMPARE(gzip.decompress(zlib.compress(sampleState())), sampleState());
    }

    void everyLevelIsDetected()
    {
        for (int level = -1; level <= 9; ++level) {
            const QByteArray z = es::ZlibCompressor(level).compress(sampleState());
            QCOMPARE(es::detectCompression(z), es::Compression::Zlib);
            QCOMPARE(es::decompressAny(z), sampleState());
            const QByteArray g = es::GzipCompressor(level).compress(sampleState());
            QCOMPARE(es::detectCompression(g), es::Compression::Gzip);
            QCOMPARE(es::decompressAny(g), sampleState());
        }
    }

    void detection_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<es::Compression>("expected");
        QTest::newRow("empty") << QByteArray() << es::Compression::None;
        QTest::newRow("one byte x") << QByteArray("x") << es::Compression::None;
        QTest::newRow("json object") << QByteArray("{\"a\": 1}") << es::Compression::None;
        QTest::newRow("json array") << QByteArray("[1]") << es::Compression::None;
        QTest::newRow("json with space") << QByteArray(" {}") << es::Compression::None;
        QTest::newRow("zlib 7801") << QByteArray::fromHex("7801") << es::Compression::Zlib;
        QTest::newRow("zlib 785e") << QByteArray::fromHex("785e") << es::Compression::Zlib;
        QTest::newRow("zlib 789c") << QByteArray::fromHex("789c") << es::Compression::Zlib;
        QTest::newRow("zlib 78da") << QByteArray::fromHex("78da") << es::Compression::Zlib;
        QTest::newRow("zlib bad check 789d") << QByteArray::fromHex("789d") << es::Compression::None;
        QTest::newRow("zlib window too big 8898") << QByteArray::fromHex("8898") << es::Compression::None;
        QTest::newRow("not deflate 799c") << QByteArray::fromHex("799c") << es::Compression::None;
        QTest::newRow("gzip") << QByteArray::fromHex("1f8b08") << es::Compression::Gzip;
        QTest::newRow("gzip half") << QByteArray::fromHex("1f") << es::Compression::None;
        QTest::newRow("gzip wrong second") << QByteArray::fromHex("1f8c") << es::Compression::None;
    }
    void detection()
    {
        QFETCH(QByteArray, data);
        QFETCH(es::Compression, expected);
        QCOMPARE(es::detectCompression(data), expected);
    }

    void compressionNames()
    {
        QCOMPARE(es::compressionName(es::Compression::None), QStringLiteral("plain"));
        QCOMPARE(es::compressionName(es::Compression::Zlib), QStringLiteral("zlib"));
        QCOMPARE(es::compressionName(es::Compression::Gzip), QStringLiteral("gzip"));
    }

    void plainPassesThroughDecompressAny_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("state") << sampleState();
        QTest::newRow("one byte") << QByteArray("{");
        QTest::newRow("binary") << QByteArray::fromHex("00ff10");
    }
    void plainPassesThroughDecompressAny()
    {
        QFETCH(QByteArray, data);
        QCOMPARE(es::decompressAny(data), data);
    }

    // Every truncation of a compressed record is detected: deflate's end-of-stream marker and the
    // trailer's checksum and length leave no prefix that passes.
    void everyTruncationIsDetected_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::newRow("zlib") << QStringLiteral("zlib");
        QTest::newRow("gzip") << QStringLiteral("gzip");
    }
    void everyTruncationIsDetected()
    {
        QFETCH(QString, topic);
        const auto compressor = es::compressorForTopic(topic);
        const QByteArray compressed = compressor->compress(sampleState());
        for (qsizetype n = 0; n < compressed.size(); ++n) {
            const QByteArray cut = compressed.left(n);
            QVERIFY_THROWS_EXCEPTION(es::CompressionError, compressor->decompress(cut));
            if (es::detectCompression(cut) != es::Compression::None)
                QVERIFY2(refusesToDecompress(cut),
                         qPrintable(QStringLiteral("prefix of %1 bytes decompressed").arg(n)));
        }
    }

    void damagedIsDetected_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::newRow("zlib") << QStringLiteral("zlib");
        QTest::newRow("gzip") << QStringLiteral("gzip");
    }
    void damagedIsDetected()
    {
        QFETCH(QString, topic);
        const auto compressor = es::compressorForTopic(topic);
        const QByteArray compressed = compressor->compress(sampleState());
        // A flipped bit is either refused (the deflate decoder or the adler32 / crc32 checksum
        // catches it) or harmless: the padding bits after deflate's last code are not read. Never
        // other bytes. Flips in gzip's header (flags, mtime, OS) may be harmless too: start after.
        const qsizetype first = topic == QLatin1String("gzip") ? 10 : 0;
        int refused = 0;
        int harmless = 0;
        for (qsizetype byte = first; byte < compressed.size(); ++byte) {
            for (int bit = 0; bit < 8; ++bit) {
                QByteArray altered = compressed;
                altered[byte] = static_cast<char>(altered[byte] ^ (1 << bit));
                try {
                    const QByteArray out = compressor->decompress(altered);
                    if (out != sampleState())
                        QFAIL(qPrintable(
                            QStringLiteral("flip of bit %1 in byte %2 gave other bytes").arg(bit).arg(byte)));
                    ++harmless;
                } catch (const es::CompressionError &e) {
                    QVERIFY(e.message().contains(QLatin1String("cannot decompress")));
                    ++refused;
                }
            }
        }
        QVERIFY2(harmless <= 7, qPrintable(QString::number(harmless)));
        QCOMPARE(refused + harmless, static_cast<int>((compressed.size() - first) * 8));
    }

    void headerWithGarbageIsDamaged()
    {
        QVERIFY(refusesToDecompress(QByteArray::fromHex("789c") + "garbage that is not deflate data"));
        QVERIFY(refusesToDecompress(QByteArray::fromHex("1f8b08") + QByteArray(20, '\xff')));
        // A preset dictionary (FDICT) is never used by Python's writers, and cannot be read.
        try {
            es::decompressAny(QByteArray::fromHex("78bb") + QByteArray(20, '\x01'));
            QFAIL("a stream needing a dictionary was decompressed");
        } catch (const es::CompressionError &e) {
            QVERIFY2(e.message().contains(QLatin1String("dictionary")), qPrintable(e.message()));
        }
        QVERIFY_THROWS_EXCEPTION(es::CompressionError, es::ZlibCompressor().decompress(QByteArray()));
        QVERIFY_THROWS_EXCEPTION(es::CompressionError, es::ZlibCompressor().decompress("{\"a\": 1}"));
        QVERIFY_THROWS_EXCEPTION(es::CompressionError, es::GzipCompressor().decompress("{\"a\": 1}"));
    }

    // Bytes after a complete stream mean the record is not what was written. (Python's
    // zlib.decompress would ignore them; a reader that must never show garbage refuses them.)
    void trailingBytesAreDamage()
    {
        const QByteArray z = es::ZlibCompressor().compress(sampleState());
        QVERIFY(refusesToDecompress(z + "x"));
        const QByteArray g = es::GzipCompressor().compress(sampleState());
        QVERIFY(refusesToDecompress(g + "xx"));
    }

    void compressorForTopic_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::addColumn<es::Compression>("format");
        QTest::newRow("python class")
            << QStringLiteral("eventsourcing.compressor:ZlibCompressor") << es::Compression::Zlib;
        QTest::newRow("zlib module") << QStringLiteral("zlib") << es::Compression::Zlib;
        QTest::newRow("gzip module") << QStringLiteral("gzip") << es::Compression::Gzip;
        QTest::newRow("spaces around") << QStringLiteral("  zlib\n") << es::Compression::Zlib;
    }
    void compressorForTopic()
    {
        QFETCH(QString, topic);
        QFETCH(es::Compression, format);
        const auto compressor = es::compressorForTopic(topic);
        QVERIFY(compressor);
        QCOMPARE(compressor->format(), format);
    }

    void compressorForBadTopic_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::newRow("empty") << QString();
        QTest::newRow("lzma") << QStringLiteral("lzma");
        QTest::newRow("unknown class") << QStringLiteral("eventsourcing.compressor:Bz2Compressor");
        QTest::newRow("case") << QStringLiteral("ZLIB");
    }
    void compressorForBadTopic()
    {
        QFETCH(QString, topic);
        for (const QString &variable :
             {QStringLiteral("COMPRESSOR_TOPIC"), QStringLiteral("WIKI_COMPRESSOR_TOPIC")}) {
            try {
                if (variable == QLatin1String("COMPRESSOR_TOPIC"))
                    es::compressorForTopic(topic); // the default names the plain variable
                else
                    es::compressorForTopic(topic, variable);
                QFAIL("a bad COMPRESSOR_TOPIC was accepted");
            } catch (const es::ConfigurationError &e) {
                QVERIFY2(e.message().startsWith(variable + QLatin1Char('=')), qPrintable(e.message()));
                QVERIFY2(e.message().contains(QLatin1Char('\'') + topic + QLatin1Char('\'')),
                         qPrintable(e.message()));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCompressor)
#include "tst_compressor.moc"
