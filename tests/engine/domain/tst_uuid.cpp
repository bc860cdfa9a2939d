// es::uuid against Python's uuid module: uuid5 values (known vectors and the ids of the reference
// stores that derive from names), the 32-hex and dashed text forms, parsing.
#include "fixtures.h"

#include "es/codec.h"
#include "es/errors.h"
#include "es/json.h"
#include "es/uuid.h"

#include <QSet>
#include <QtTest>

class TestUuid : public QObject
{
    Q_OBJECT
private slots:
    void namespaces()
    {
        QCOMPARE(es::uuid::toDashed(es::uuid::NamespaceDns), QStringLiteral("6ba7b810-9dad-11d1-80b4-00c04fd430c8"));
        QCOMPARE(es::uuid::toDashed(es::uuid::NamespaceUrl), QStringLiteral("6ba7b811-9dad-11d1-80b4-00c04fd430c8"));
        QCOMPARE(es::uuid::toDashed(es::uuid::NamespaceOid), QStringLiteral("6ba7b812-9dad-11d1-80b4-00c04fd430c8"));
        QCOMPARE(es::uuid::toDashed(es::uuid::NamespaceX500), QStringLiteral("6ba7b814-9dad-11d1-80b4-00c04fd430c8"));
    }

    void uuid5_data()
    {
        QTest::addColumn<QUuid>("ns");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        // Python 3.11: str(uuid.uuid5(ns, name)).
        QTest::newRow("dns python.org") << es::uuid::NamespaceDns << QStringLiteral("python.org")
                                        << QStringLiteral("886313e1-3b8a-5372-9b90-0c9aee199e5d");
        QTest::newRow("url python.org") << es::uuid::NamespaceUrl << QStringLiteral("python.org")
                                        << QStringLiteral("7af94e2b-4dd9-50f0-9c9a-8a48519bdef0");
        QTest::newRow("url counters") << es::uuid::NamespaceUrl << QStringLiteral("/counters/dinosaurs")
                                      << QStringLiteral("ef95a2df-905a-5a1e-a241-11a26b330555");
        QTest::newRow("url non-ascii (UTF-8)") << es::uuid::NamespaceUrl << QStringLiteral("https://example.com/wiki/Ünïcode")
                                               << QStringLiteral("57e35e7a-4764-5d15-8746-804f234cfaa9");
        QTest::newRow("oid") << es::uuid::NamespaceOid << QStringLiteral("1.3.6.1")
                             << QStringLiteral("1447fa61-5277-5fef-a9b3-fbc6e44f4af3");
        QTest::newRow("x500") << es::uuid::NamespaceX500 << QStringLiteral("cn=John")
                              << QStringLiteral("1713550e-4d56-5817-bce4-d5dac105f99d");
        QTest::newRow("url empty") << es::uuid::NamespaceUrl << QString() << QStringLiteral("1b4db7eb-4057-5ddf-91e0-36dec72071f5");
    }
    void uuid5()
    {
        QFETCH(QUuid, ns);
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const QUuid id = es::uuid::v5(ns, name);
        QCOMPARE(es::uuid::toDashed(id), expected);
        QCOMPARE(id.version(), QUuid::Sha1);
        QCOMPARE(id.variant(), QUuid::DCE);
        if (ns == es::uuid::NamespaceUrl)
            QCOMPARE(es::uuid::v5url(name), id);
    }

    void countersIdsDeriveFromNames()
    {
        // The Counters application of the worlds/counters system names each counter
        // uuid5(NAMESPACE_URL, "/counters/<name>"): every counted name must map to a counter id in the
        // store Python wrote, and every counter id must come from a counted name.
        ES_REQUIRE_FIXTURES();
        const QByteArray counts = es::test::readFile(es::test::fixture(QStringLiteral("worlds-counters.counts.json")));
        const es::json::Value names = es::json::Value::parse(std::string_view(counts.constData(), static_cast<size_t>(counts.size())));
        QVERIFY(names.isObject());
        QCOMPARE(names.size(), size_t(5));

        QSet<QString> originatorIds;
        const QByteArray events = es::test::readFile(es::test::fixture(QStringLiteral("worlds-counters.counters_events.jsonl")));
        for (const QByteArray &line : events.split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            const es::json::Value record = es::json::Value::parse(std::string_view(line.constData(), static_cast<size_t>(line.size())));
            originatorIds.insert(record.find("originator_id")->toQString());
        }
        QCOMPARE(originatorIds.size(), 5);

        QSet<QString> derived;
        for (const auto &m : names.members()) {
            const QString name = QString::fromStdString(m.first);
            const QString id = es::uuid::toDashed(es::uuid::v5url(QStringLiteral("/counters/") + name));
            QVERIFY2(originatorIds.contains(id), qPrintable(name + QStringLiteral(" → ") + id + QStringLiteral(" is not a counter id")));
            derived.insert(id);
        }
        QCOMPARE(derived, originatorIds);
    }

    void v4()
    {
        const QUuid a = es::uuid::v4();
        const QUuid b = es::uuid::v4();
        QVERIFY(a != b);
        QVERIFY(!a.isNull());
        QCOMPARE(a.version(), QUuid::Random);
        QCOMPARE(a.variant(), QUuid::DCE);
    }

    void textForms()
    {
        const QUuid id = es::uuid::fromString("6D774197-319B-52B8-A715-E02B95FB5BDC");
        QCOMPARE(es::uuid::toHex(id), QStringLiteral("6d774197319b52b8a715e02b95fb5bdc"));
        QCOMPARE(es::uuid::toDashed(id), QStringLiteral("6d774197-319b-52b8-a715-e02b95fb5bdc"));
        char buf[33];
        buf[32] = '#';
        es::uuid::toHex(id, buf);
        QCOMPARE(QByteArray(buf, 32), QByteArray("6d774197319b52b8a715e02b95fb5bdc"));
        QCOMPARE(buf[32], '#'); // writes exactly 32 characters
        QCOMPARE(es::uuid::toHex(QUuid()), QStringLiteral("00000000000000000000000000000000"));
        // On the wire: {"_type_": "uuid_hex", "_data_": hex}.
        std::string out;
        es::json::Writer w(out);
        es::encodeValue(w, id);
        QCOMPARE(QString::fromStdString(out),
                 QStringLiteral("{\"_type_\": \"uuid_hex\", \"_data_\": \"6d774197319b52b8a715e02b95fb5bdc\"}"));
        QCOMPARE(es::decodeValue<QUuid>(es::json::Document::parse(out).root()), id);
    }

    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        const QString dashed = QStringLiteral("12345678-1234-5678-1234-567812345678");
        QTest::newRow("dashed") << dashed << true;
        QTest::newRow("hex") << QStringLiteral("12345678123456781234567812345678") << true;
        QTest::newRow("upper") << dashed.toUpper() << true;
        QTest::newRow("braces") << QStringLiteral("{12345678-1234-5678-1234-567812345678}") << true;
        QTest::newRow("braces hex") << QStringLiteral("{12345678123456781234567812345678}") << true;
        QTest::newRow("urn") << QStringLiteral("urn:uuid:12345678-1234-5678-1234-567812345678") << true;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("short") << QStringLiteral("1234567812345678123456781234567") << false;
        QTest::newRow("long") << QStringLiteral("123456781234567812345678123456789") << false;
        QTest::newRow("not hex") << QStringLiteral("1234567g-1234-5678-1234-567812345678") << false;
        QTest::newRow("dash misplaced") << QStringLiteral("1234567-81234-5678-1234-567812345678") << false;
        QTest::newRow("dash in hex") << QStringLiteral("12345678-123456781234567812345678") << false;
        QTest::newRow("open brace") << QStringLiteral("{12345678-1234-5678-1234-567812345678") << false;
        QTest::newRow("spaces") << QStringLiteral(" 12345678-1234-5678-1234-567812345678") << false;
        QTest::newRow("37 chars") << QStringLiteral("12345678-1234-5678-1234-5678123456789") << false;
        QTest::newRow("non-latin") << QStringLiteral("12345678-1234-5678-1234-56781234567é") << false;
        QTest::newRow("very long") << QString(100, QLatin1Char('a')) << false;
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const QUuid expected = QUuid::fromString(QStringLiteral("12345678-1234-5678-1234-567812345678"));
        QUuid out;
        QCOMPARE(es::uuid::parse(text, &out), valid);
        const std::string utf8 = text.toStdString();
        QUuid out2;
        QCOMPARE(es::uuid::parse(std::string_view(utf8), &out2), valid);
        if (valid) {
            QCOMPARE(out, expected);
            QCOMPARE(out2, expected);
            QCOMPARE(es::uuid::fromString(text), expected);
            QCOMPARE(es::uuid::fromString(std::string_view(utf8)), expected);
        } else {
            QVERIFY_THROWS_EXCEPTION(es::ValueError, es::uuid::fromString(text));
            QVERIFY_THROWS_EXCEPTION(es::ValueError, es::uuid::fromString(std::string_view(utf8)));
        }
    }
};

QTEST_GUILESS_MAIN(TestUuid)
#include "tst_uuid.moc"
