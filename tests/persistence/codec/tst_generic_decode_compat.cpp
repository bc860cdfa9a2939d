// The generic decoder against the stores Python's eventsourcing 9.1.6 wrote: every row of every
// reference SQLite store decodes to exactly the JSON the Python library decoded it to (the jsonl
// files), compared as parsed values; encrypted rows need the key, and only the right key.
#include "es/cipher.h"
#include "es/transcoder.h"
#include "es/uuid.h"

#include "fixtures.h"
#include "referencestore.h"

#include <QCryptographicHash>
#include <QHash>
#include <QtTest>

using Problem = es::DecodedState::Problem;

namespace {

struct Expected
{
    es::json::Value line;
    int lineNumber = 0;
};

QString dashed(const QString &hex)
{
    QUuid id;
    return es::uuid::parse(hex, &id) ? es::uuid::toDashed(id) : QStringLiteral("(not a UUID: %1)").arg(hex);
}

es::json::Value parseLine(const QByteArray &line)
{
    return es::json::Value::parse(std::string_view(line.constData(), static_cast<size_t>(line.size())));
}

QString describe(const es::test::ReferenceRow &row)
{
    const QString where = row.id > 0 ? QStringLiteral(", notification %1").arg(row.id) : QString();
    return QStringLiteral("%1 v%2 (%3%4)")
        .arg(dashed(row.originatorId))
        .arg(row.originatorVersion)
        .arg(row.topic, where);
}

// The application's transcodings of the invoice example (test_invoice.py).
es::JSONTranscoder invoiceTranscoder()
{
    es::JSONTranscoder t;
    t.registerName(QStringLiteral("person_as_dict"));
    t.registerName(QStringLiteral("send_method_str"));
    t.registerName(QStringLiteral("status_str"));
    return t;
}

} // namespace

class TestGenericDecodeCompat : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        ES_REQUIRE_FIXTURES();
        for (const char *store : {"bankaccounts.sqlite", "bankaccounts.zlib-aes.sqlite", "invoice.sqlite"})
            m_hashes.insert(QLatin1String(store), sha256(QLatin1String(store)));
    }

    void everyRecordAsPythonDecodedIt_data()
    {
        QTest::addColumn<QString>("store");
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("jsonl");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("storage");
        QTest::addColumn<int>("count");
        QTest::newRow("bankaccounts events")
            << "bankaccounts.sqlite"
            << "stored_events"
            << "bankaccounts.notifications.jsonl" << QString() << "plain" << 257;
        QTest::newRow("bankaccounts snapshots")
            << "bankaccounts.sqlite"
            << "stored_snapshots"
            << "bankaccounts.snapshots.jsonl" << QString() << "plain" << 5;
        QTest::newRow("zlib-aes events") << "bankaccounts.zlib-aes.sqlite"
                                         << "stored_events"
                                         << "bankaccounts.zlib-aes.notifications.jsonl"
                                         << "bankaccounts.zlib-aes.key"
                                         << "encrypted+zlib" << 161;
        QTest::newRow("zlib-aes snapshots") << "bankaccounts.zlib-aes.sqlite"
                                            << "stored_snapshots"
                                            << "bankaccounts.zlib-aes.snapshots.jsonl"
                                            << "bankaccounts.zlib-aes.key"
                                            << "encrypted+zlib" << 4;
        QTest::newRow("invoice events") << "invoice.sqlite"
                                        << "stored_events"
                                        << "invoice.notifications.jsonl" << QString() << "plain" << 5;
        QTest::newRow("invoice snapshots") << "invoice.sqlite"
                                           << "stored_snapshots"
                                           << "invoice.snapshots.jsonl" << QString() << "plain" << 1;
    }
    void everyRecordAsPythonDecodedIt()
    {
        QFETCH(QString, store);
        QFETCH(QString, table);
        QFETCH(QString, jsonl);
        QFETCH(QString, key);
        QFETCH(QString, storage);
        QFETCH(int, count);

        QString error;
        const auto rows = es::test::readReferenceRows(store, table, &error);
        QVERIFY2(!rows.empty(), qPrintable(error));
        const QList<QByteArray> lines = es::test::readJsonLines(jsonl);
        QCOMPARE(static_cast<int>(rows.size()), count);
        QCOMPARE(lines.size(), count);

        const bool events = table == QLatin1String("stored_events");
        // Snapshots have no notification id: find their line by originator id and version.
        QHash<QString, Expected> byKey;
        for (int i = 0; i < lines.size(); ++i) {
            Expected e {parseLine(lines[i]), i + 1};
            QVERIFY2(e.line.isObject(), qPrintable(jsonl));
            const QString k = e.line.find("originator_id")->toQString() + QLatin1Char('/')
                + QString::number(e.line.find("originator_version")->toInteger());
            byKey.insert(k, std::move(e));
        }
        QCOMPARE(byKey.size(), count);

        std::unique_ptr<es::AESCipher> cipher;
        if (!key.isEmpty())
            cipher = std::make_unique<es::AESCipher>(es::test::referenceKey(key));
        const es::JSONTranscoder transcoder = invoiceTranscoder();

        qint64 previousId = 0;
        int compared = 0;
        for (size_t i = 0; i < rows.size(); ++i) {
            const auto &row = rows[i];
            const QString originator = dashed(row.originatorId);
            QCOMPARE(row.originatorId.size(), 32); // stored as 32 hex digits
            const auto found
                = byKey.constFind(originator + QLatin1Char('/') + QString::number(row.originatorVersion));
            QVERIFY2(found != byKey.constEnd(),
                     qPrintable(QStringLiteral("no line for %1").arg(describe(row))));
            const es::json::Value &line = found->line;
            if (events) {
                // rowid is the notification id, and the lines are in notification order.
                QVERIFY(row.id > previousId);
                previousId = row.id;
                QCOMPARE(found->lineNumber, static_cast<int>(i) + 1);
                QVERIFY(line.find("id"));
                QCOMPARE(line.find("id")->toInteger(), row.id);
            } else {
                QVERIFY2(!line.find("id"), "a snapshot line has an id");
                QCOMPARE(row.topic, QStringLiteral("eventsourcing.domain:Snapshot"));
            }
            QCOMPARE(line.find("originator_id")->toQString(), originator);
            QCOMPARE(line.find("originator_version")->toInteger(), row.originatorVersion);
            QCOMPARE(line.find("topic")->toQString(), row.topic);

            const es::DecodedState d = es::decodeStoredState(row.state, cipher.get(), &transcoder);
            QVERIFY2(d.ok(), qPrintable(describe(row) + QStringLiteral(": ") + d.error));
            QCOMPARE(d.storage(), storage);
            const es::json::Value *expected = line.find("state");
            QVERIFY(expected);
            if (!(d.state == *expected))
                QFAIL(qPrintable(QStringLiteral("%1 decodes to\n%2\nbut Python decoded it to\n%3")
                                     .arg(describe(row), QString::fromStdString(d.state.toJson()),
                                          QString::fromStdString(expected->toJson()))));
            // The state is exactly what Python wrote: the stored plaintext is Python's json.dumps of
            // it, byte for byte (unencrypted, uncompressed stores hold it as is).
            if (storage == QLatin1String("plain"))
                QCOMPARE(QByteArray::fromStdString(d.state.toJson()), row.state);
            // Only the event's attributes: Python takes originator id and version out of the state.
            QVERIFY(!d.state.find("originator_id") && !d.state.find("originator_version"));
            ++compared;
        }
        QCOMPARE(compared, count);
    }

    // Without the application's transcodings the invoice's custom types are unknown, and named;
    // the state is still given, equal to Python's.
    void unknownTypesWithoutTheTranscodings()
    {
        QString error;
        const auto rows = es::test::readReferenceRows(QStringLiteral("invoice.sqlite"),
                                                      QStringLiteral("stored_events"), &error);
        QVERIFY2(!rows.empty(), qPrintable(error));
        const QList<QByteArray> lines
            = es::test::readJsonLines(QStringLiteral("invoice.notifications.jsonl"));
        int unknown = 0;
        for (size_t i = 0; i < rows.size(); ++i) {
            const es::DecodedState d = es::decodeStoredState(rows[i].state);
            QVERIFY(d.hasState());
            QVERIFY(d.state == *parseLine(lines[static_cast<int>(i)]).find("state"));
            if (d.problem == Problem::UnknownType) {
                ++unknown;
                QVERIFY2(d.error.contains(QLatin1String("'person_as_dict'"))
                             || d.error.contains(QLatin1String("'send_method_str'"))
                             || d.error.contains(QLatin1String("'status_str'")),
                         qPrintable(d.error));
            } else {
                QVERIFY2(d.ok(), qPrintable(d.error));
            }
        }
        QCOMPARE(unknown, 2); // Initiated (person_as_dict) and Sent (send_method_str)
    }

    void encryptedStoreWithWrongKey_data()
    {
        QTest::addColumn<QString>("table");
        QTest::newRow("events") << "stored_events";
        QTest::newRow("snapshots") << "stored_snapshots";
    }
    void encryptedStoreWithWrongKey()
    {
        QFETCH(QString, table);
        QString error;
        const auto rows
            = es::test::readReferenceRows(QStringLiteral("bankaccounts.zlib-aes.sqlite"), table, &error);
        QVERIFY2(!rows.empty(), qPrintable(error));
        const QString rightKey = es::test::referenceKey(QStringLiteral("bankaccounts.zlib-aes.key"));
        // A key of each size, and the right key with one bit changed.
        QByteArray nearKey = QByteArray::fromBase64(rightKey.toLatin1());
        nearKey[0] = static_cast<char>(nearKey[0] ^ 0x01);
        std::vector<std::shared_ptr<es::Cipher>> wrongKeys {
            std::make_shared<es::AESCipher>(es::AESCipher::createKey(16)),
            std::make_shared<es::AESCipher>(es::AESCipher::createKey(24)),
            std::make_shared<es::AESCipher>(es::AESCipher::createKey(32)),
            es::AESCipher::fromRawKey(nearKey),
        };
        for (const auto &wrong : wrongKeys) {
            for (const auto &row : rows) {
                const es::DecodedState d = es::decodeStoredState(row.state, wrong.get());
                QVERIFY2(d.problem == Problem::CannotDecrypt,
                         qPrintable(describe(row) + QStringLiteral(": ")
                                    + es::DecodedState::problemName(d.problem) + QStringLiteral(" ")
                                    + d.error));
                QVERIFY(!d.hasState());
                QVERIFY(d.state.isNull());
                QVERIFY(d.encrypted);
                QVERIFY(!d.error.isEmpty());
            }
        }
    }

    void encryptedStoreWithoutKey()
    {
        for (const QString &table : {QStringLiteral("stored_events"), QStringLiteral("stored_snapshots")}) {
            QString error;
            const auto rows
                = es::test::readReferenceRows(QStringLiteral("bankaccounts.zlib-aes.sqlite"), table, &error);
            QVERIFY2(!rows.empty(), qPrintable(error));
            for (const auto &row : rows) {
                const es::DecodedState d = es::decodeStoredState(row.state);
                QVERIFY2(d.problem == Problem::NeedsKey,
                         qPrintable(describe(row) + QStringLiteral(": ") + d.error));
                QVERIFY(d.state.isNull());
                QCOMPARE(d.storage(), QStringLiteral("encrypted"));
                QVERIFY(d.error.contains(QLatin1String("key")));
            }
        }
    }

    // A key given for an unencrypted store does no harm: the records read as what they are.
    void plainStoreWithAKey()
    {
        QString error;
        const auto rows = es::test::readReferenceRows(QStringLiteral("bankaccounts.sqlite"),
                                                      QStringLiteral("stored_events"), &error);
        QVERIFY2(!rows.empty(), qPrintable(error));
        const es::AESCipher cipher(es::test::referenceKey(QStringLiteral("bankaccounts.zlib-aes.key")));
        for (const auto &row : rows) {
            const es::DecodedState d = es::decodeStoredState(row.state, &cipher);
            QVERIFY2(d.ok(), qPrintable(d.error));
            QCOMPARE(d.storage(), QStringLiteral("plain"));
        }
    }

    // Reading goes through a copy (see referencestore.h): the reference stores stay as Python
    // wrote them.
    void fixturesUnchanged()
    {
        for (auto it = m_hashes.constBegin(); it != m_hashes.constEnd(); ++it)
            QCOMPARE(sha256(it.key()), it.value());
    }

private:
    static QByteArray sha256(const QString &store)
    {
        return QCryptographicHash::hash(es::test::readFile(es::test::fixture(store)),
                                        QCryptographicHash::Sha256);
    }
    QHash<QString, QByteArray> m_hashes;
};

QTEST_GUILESS_MAIN(TestGenericDecodeCompat)
#include "tst_generic_decode_compat.moc"
