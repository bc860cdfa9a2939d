// The inspect API on the stores Python's eventsourcing 9.1.6 wrote (copies): exports equal the
// reference jsonl byte for byte (keys sorted, Python's separators), records report how they are
// stored, the key check tells a missing, wrong or right key, an altered ciphertext is one row's
// problem, and verify() finds no error.
#include "inspectstores.h"

#include "es/inspect/exporter.h"
#include "es/inspect/pagers.h"
#include "es/inspect/verifier.h"
#include "fixtures.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace es::inspect;
using inspecttest::RawSqlite;

namespace {

QByteArrayList exportLines(const Source &source, ExportSelection selection, ExportSummary *summary = nullptr)
{
    ExportOptions o;
    o.selection = selection;
    o.pageSize = 37; // pages that do not divide the counts
    QByteArrayList lines;
    const ExportSummary s = exportRecords(source, o, [&](const QByteArray &line) {
        QVERIFY(line.endsWith('\n'));
        lines << line.chopped(1);
    });
    if (summary)
        *summary = s;
    return lines;
}

QByteArrayList fixtureLines(const QString &name)
{
    QByteArray text = es::test::readFile(es::test::fixture(name));
    if (text.endsWith('\n'))
        text.chop(1);
    return text.split('\n');
}

DecodingSettings withKey(const QString &key)
{
    DecodingSettings s;
    s.keysFromEnvironment = false;
    s.cipherKey = key;
    return s;
}

} // namespace

class TestInspectCompat : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_key;

private slots:
    void initTestCase()
    {
        ES_REQUIRE_FIXTURES();
        QVERIFY(m_dir.isValid());
        m_key = QString::fromUtf8(
                    es::test::readFile(es::test::fixture(QStringLiteral("bankaccounts.zlib-aes.key"))))
                    .trimmed();
        QVERIFY(!m_key.isEmpty());
    }

    void exportsEqualReference_data()
    {
        QTest::addColumn<QString>("store");
        QTest::addColumn<bool>("encrypted");
        QTest::addRow("bankaccounts") << QStringLiteral("bankaccounts") << false;
        QTest::addRow("bankaccounts.zlib-aes") << QStringLiteral("bankaccounts.zlib-aes") << true;
        QTest::addRow("invoice") << QStringLiteral("invoice") << false;
    }

    void exportsEqualReference()
    {
        QFETCH(QString, store);
        QFETCH(bool, encrypted);
        const QString copy = es::test::copyFixture(store + QStringLiteral(".sqlite"), m_dir.path());
        QVERIFY(!copy.isEmpty());
        const QByteArray before = inspecttest::sha256(copy);
        {
            const Source source
                = Source::make(Store::open(copy), QString(), withKey(encrypted ? m_key : QString()));
            QCOMPARE(source.application, store);
            ExportSummary summary;
            const QByteArrayList log = exportLines(source, ExportSelection::Log, &summary);
            const QByteArrayList expected = fixtureLines(store + QStringLiteral(".notifications.jsonl"));
            QCOMPARE(log.size(), expected.size());
            for (qsizetype i = 0; i < log.size(); ++i)
                QCOMPARE(log[i], expected[i]); // bytes: key order, separators, escapes, numbers
            QCOMPARE(summary.failed, 0);
            QCOMPARE(summary.encrypted, encrypted ? summary.rows : 0);
            QCOMPARE(exportLines(source, ExportSelection::Snapshots),
                     fixtureLines(store + QStringLiteral(".snapshots.jsonl")));

            // How each record is stored.
            LogQuery q;
            q.limit = 1000;
            for (const DecodedRecord &r : LogPager(source).page(q).rows) {
                QVERIFY2(r.ok() || r.decoded.problem == es::DecodedState::Problem::UnknownType,
                         qPrintable(r.decoded.error));
                QCOMPARE(r.storage(), encrypted ? QStringLiteral("encrypted+zlib") : QStringLiteral("plain"));
                QVERIFY(r.timestamp());
            }
            const KeyCheck check = checkCipherKey(source);
            QCOMPARE(check.verdict,
                     encrypted ? KeyCheck::Verdict::KeyOpens : KeyCheck::Verdict::NotEncrypted);

            // No errors (types this test does not link are warnings at most).
            const VerifyReport report = verify(source);
            QCOMPARE(report.count(Finding::Severity::Error), 0);
            QCOMPARE(report.events, qint64(expected.size()));
            source.store->releaseThreadConnections();
        }
        QCOMPARE(inspecttest::sha256(copy), before);
    }

    void keys()
    {
        const QString copy
            = es::test::copyFixture(QStringLiteral("bankaccounts.zlib-aes.sqlite"), m_dir.path());
        auto store = Store::open(copy);
        KeyCheck c = checkCipherKey(Source::make(store, QString(), withKey(QString())));
        QCOMPARE(c.verdict, KeyCheck::Verdict::NeedsKey);
        QVERIFY(c.message.contains(QStringLiteral("give the cipher key")));
        c = checkCipherKey(Source::make(store, QString(), withKey(es::AESCipher::createKey(32))));
        QCOMPARE(c.verdict, KeyCheck::Verdict::WrongKey);
        QVERIFY2(c.message.startsWith(QStringLiteral("wrong key: none of the 32 encrypted records")),
                 qPrintable(c.message));

        // A wrong key never gives garbage: every row is "cannot decrypt".
        const Source wrong = Source::make(store, QString(), withKey(es::AESCipher::createKey(32)));
        ExportSummary summary;
        const QByteArrayList lines = exportLines(wrong, ExportSelection::Log, &summary);
        QCOMPARE(summary.failed, summary.rows);
        QVERIFY(summary.wrongKey(true));
        for (const QByteArray &line : lines) {
            const es::json::Value v = es::json::Value::parse(line.toStdString());
            QVERIFY(!v.find("state"));
            QVERIFY(v.find("error")->toQString().startsWith(QStringLiteral("cannot decrypt")));
        }
        // Keys from the environment: <APP>_CIPHER_KEY first, then CIPHER_KEY.
        DecodingSettings env;
        env.environment.insert(QStringLiteral("CIPHER_KEY"), es::AESCipher::createKey(32));
        env.environment.insert(QStringLiteral("BANKACCOUNTS.ZLIB-AES_CIPHER_KEY"), m_key);
        const RecordDecoder d(env, QStringLiteral("bankaccounts.zlib-aes"));
        QCOMPARE(d.keySource(), QStringLiteral("BANKACCOUNTS.ZLIB-AES_CIPHER_KEY"));
        QCOMPARE(checkCipherKey(Source::make(store, QString(), env)).verdict, KeyCheck::Verdict::KeyOpens);
        DecodingSettings bad = withKey(QStringLiteral("not base64!"));
        QVERIFY_THROWS_EXCEPTION(es::CipherError, RecordDecoder(bad, QStringLiteral("x")));
    }

    void alteredRecord()
    {
        const QString copy
            = es::test::copyFixture(QStringLiteral("bankaccounts.zlib-aes.sqlite"), m_dir.path());
        // Flip one byte of record 17's ciphertext (after nonce and tag).
        QVERIFY(inspecttest::alterStoredState(copy, 17, 35, 0x01));
        const Source source = Source::make(Store::open(copy), QString(), withKey(m_key));
        ExportSummary summary;
        const QByteArrayList lines = exportLines(source, ExportSelection::Log, &summary);
        const QByteArrayList expected
            = fixtureLines(QStringLiteral("bankaccounts.zlib-aes.notifications.jsonl"));
        QCOMPARE(lines.size(), expected.size());
        QCOMPARE(summary.failed, 1);
        QVERIFY(!summary.wrongKey(true));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i != 16) {
                QCOMPARE(lines[i], expected[i]);
                continue;
            }
            const es::json::Value v = es::json::Value::parse(lines[i].toStdString());
            const es::json::Value e = es::json::Value::parse(expected[i].toStdString());
            QCOMPARE(v.find("id")->toInteger(), 17);
            QCOMPARE(*v.find("originator_id"), *e.find("originator_id"));
            QCOMPARE(*v.find("originator_version"), *e.find("originator_version"));
            QCOMPARE(*v.find("topic"), *e.find("topic"));
            QVERIFY(!v.find("state"));
            QVERIFY2(v.find("error")->toQString().contains(QStringLiteral("authentication failed")),
                     lines[i].constData());
        }
        const VerifyReport report = verify(source);
        QCOMPARE(report.count(Finding::Severity::Error), 1);
        QCOMPARE(report.findings.front().kind, QStringLiteral("undecodable"));
        QCOMPARE(report.findings.front().notificationId, 17);
    }
};

QTEST_GUILESS_MAIN(TestInspectCompat)
#include "tst_inspect_compat.moc"
