// verify(): clean on a store the engine wrote; on a store with planted defects, each defect reported
// once, with its kind, severity and location — a missing version, an undecodable record, an unknown
// topic, a snapshot ahead of its aggregate, a snapshot without events, tracking ahead of its upstream;
// gaps as information; a wrong key said plainly; cancellation.
#include "inspectstores.h"

#include "es/inspect/verifier.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace es::inspect;
using inspecttest::RawSqlite;

namespace {

std::vector<Finding> ofKind(const VerifyReport &r, const QString &kind)
{
    std::vector<Finding> out;
    for (const Finding &f : r.findings)
        if (f.kind == kind)
            out.push_back(f);
    return out;
}

QString describe(const VerifyReport &r)
{
    QStringList lines;
    for (const Finding &f : r.findings)
        lines << QStringLiteral("%1 %2: %3").arg(Finding::severityName(f.severity), f.kind, f.message);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestInspectVerify : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        es::registerAggregate<inspecttest::Dog>();
    }

    void cleanStore()
    {
        const QString file = m_dir.filePath(QStringLiteral("clean.sqlite"));
        inspecttest::writeKennel(file, 6, 4);
        const VerifyReport r = verify(Source::make(Store::open(file), QString(), DecodingSettings()));
        QVERIFY2(r.clean(), qPrintable(describe(r)));
        QVERIFY2(r.findings.empty(), qPrintable(describe(r)));
        QCOMPARE(r.events, 30);
        QCOMPARE(r.aggregates, 6);
        QCOMPARE(r.snapshots, 2);
        QVERIFY(r.unknownTopics.isEmpty());
        const es::json::Value j = r.toJson();
        QCOMPARE(j.find("clean")->toBool(), true);
        QCOMPARE(j.find("findings")->size(), size_t(0));
    }

    void plantedDefects()
    {
        QTemporaryDir folder;
        const inspecttest::PlantedStore planted = inspecttest::plantDefects(folder.path());
        QVERIFY(planted.ok);
        const std::vector<QUuid> &ids = planted.ids;
        const QString upstream = folder.filePath(QStringLiteral("upstream.sqlite"));
        const QString dog2 = es::uuid::toHex(ids[2]);
        const qint64 missingId = planted.missingId;
        const qint64 damagedId = planted.damagedId;
        const qint64 catId = planted.catId;
        const QString stray = planted.stray;
        auto store = Store::open(folder.path());

        const VerifyReport up = verify(Source::make(store, QStringLiteral("upstream"), DecodingSettings()));
        const QString all = describe(up);
        QVERIFY(!up.clean());

        auto gaps = ofKind(up, QStringLiteral("version-gap"));
        QCOMPARE(gaps.size(), size_t(1));
        QCOMPARE(gaps[0].severity, Finding::Severity::Error);
        QCOMPARE(gaps[0].originatorId, ids[1]);
        QCOMPARE(gaps[0].version, 3);
        QCOMPARE(gaps[0].table, QStringLiteral("stored_events"));
        QVERIFY2(gaps[0].message.contains(QStringLiteral("lacks version(s) 3")), qPrintable(gaps[0].message));

        auto bad = ofKind(up, QStringLiteral("undecodable"));
        QCOMPARE(bad.size(), size_t(1));
        QCOMPARE(bad[0].severity, Finding::Severity::Error);
        QCOMPARE(bad[0].notificationId, damagedId);
        QCOMPARE(bad[0].originatorId, ids[4]);
        QCOMPARE(bad[0].version, 2);
        QVERIFY2(bad[0].message.contains(QStringLiteral("not JSON")), qPrintable(bad[0].message));

        auto topics = ofKind(up, QStringLiteral("unknown-topic"));
        QCOMPARE(topics.size(), size_t(1));
        QCOMPARE(topics[0].severity, Finding::Severity::Warning);
        QCOMPARE(topics[0].notificationId, catId);
        QVERIFY2(topics[0].message.contains(QStringLiteral("'inspecttest:Cat.Adopted' (1 record(s))")),
                 qPrintable(topics[0].message));
        QCOMPARE(up.unknownTopics.value(QStringLiteral("inspecttest:Cat.Adopted")), 1);
        QCOMPARE(up.unknownTopics.size(), 1);

        auto ahead = ofKind(up, QStringLiteral("snapshot-ahead"));
        QCOMPARE(ahead.size(), size_t(1));
        QCOMPARE(ahead[0].severity, Finding::Severity::Error);
        QCOMPARE(ahead[0].originatorId, ids[2]);
        QCOMPARE(ahead[0].version, 9);
        QCOMPARE(ahead[0].table, QStringLiteral("stored_snapshots"));
        auto orphan = ofKind(up, QStringLiteral("snapshot-orphan"));
        QCOMPARE(orphan.size(), size_t(1));
        QCOMPARE(es::uuid::toHex(*orphan[0].originatorId), stray);

        auto idGaps = ofKind(up, QStringLiteral("id-gap"));
        QCOMPARE(idGaps.size(), size_t(1));
        QCOMPARE(idGaps[0].severity, Finding::Severity::Info);
        QCOMPARE(idGaps[0].notificationId, missingId);

        // Nothing else: every finding is one of the planted defects.
        QCOMPARE(up.findings.size(),
                 gaps.size() + bad.size() + topics.size() + ahead.size() + orphan.size() + idGaps.size());

        const VerifyReport down
            = verify(Source::make(store, QStringLiteral("downstream"), DecodingSettings()));
        auto tracking = ofKind(down, QStringLiteral("tracking-ahead"));
        QCOMPARE(tracking.size(), size_t(1));
        QCOMPARE(tracking[0].severity, Finding::Severity::Error);
        QCOMPARE(tracking[0].table, QStringLiteral("tracking"));
        QCOMPARE(tracking[0].notificationId, 25);
        QVERIFY2(tracking[0].message.contains(QStringLiteral("'Upstream'")), qPrintable(tracking[0].message));
        auto unknownUpstream = ofKind(down, QStringLiteral("tracking-upstream-unknown"));
        QCOMPARE(unknownUpstream.size(), size_t(1));
        QCOMPARE(unknownUpstream[0].severity, Finding::Severity::Info);
        QCOMPARE(down.trackingUpstreams, 2);
        QCOMPARE(down.findings.size(), size_t(2));

        // At most N of a kind are listed, the rest summed up.
        VerifyOptions few;
        few.maxFindingsPerKind = 1;
        const VerifyReport capped
            = verify(Source::make(store, QStringLiteral("upstream"), DecodingSettings()), few);
        QCOMPARE(ofKind(capped, QStringLiteral("snapshot-ahead")).size(), size_t(1));
        QCOMPARE(ofKind(capped, QStringLiteral("truncated")).size(),
                 size_t(0)); // one of each kind: nothing cut
        {
            RawSqlite raw(upstream);
            QVERIFY(
                raw.exec(QStringLiteral(
                             "UPDATE stored_events SET state = CAST('nope' AS BLOB) WHERE originator_id = ?"),
                         {dog2}));
        }
        auto reopened = Store::open(folder.path());
        const VerifyReport many
            = verify(Source::make(reopened, QStringLiteral("upstream"), DecodingSettings()), few);
        QCOMPARE(ofKind(many, QStringLiteral("undecodable")).size(), size_t(1));
        const auto truncated = ofKind(many, QStringLiteral("truncated"));
        QCOMPARE(truncated.size(), size_t(1));
        QVERIFY2(truncated[0].message.startsWith(QStringLiteral("4 more 'undecodable' findings")),
                 qPrintable(truncated[0].message));
    }

    void wrongKeyAndCancel()
    {
        const QString key = es::AESCipher::createKey(16);
        const QString file = m_dir.filePath(QStringLiteral("secret.sqlite"));
        inspecttest::writeKennel(file, 3, 2, key, true);
        auto store = Store::open(file);
        DecodingSettings right;
        right.keysFromEnvironment = false;
        right.cipherKey = key;
        const VerifyReport ok = verify(Source::make(store, QString(), right));
        QVERIFY2(ok.clean(), qPrintable(describe(ok)));

        DecodingSettings wrong = right;
        wrong.cipherKey = es::AESCipher::createKey(16);
        const VerifyReport r = verify(Source::make(store, QString(), wrong));
        QVERIFY(!r.findings.empty());
        QCOMPARE(r.findings.front().kind, QStringLiteral("wrong-key"));
        QVERIFY2(r.findings.front().message.startsWith(
                     QStringLiteral("wrong key: none of the 10 encrypted records")),
                 qPrintable(r.findings.front().message));
        QCOMPARE(ofKind(r, QStringLiteral("undecodable")).size(), size_t(10)); // 9 events and 1 snapshot

        DecodingSettings none = right;
        none.cipherKey.clear();
        const VerifyReport noKey = verify(Source::make(store, QString(), none));
        QVERIFY(ofKind(noKey, QStringLiteral("wrong-key")).empty());
        QVERIFY(ofKind(noKey, QStringLiteral("undecodable"))
                    .front()
                    .message.contains(QStringLiteral("needs key")));

        CancelFlag cancel;
        cancel.cancel();
        QVERIFY_THROWS_EXCEPTION(Cancelled,
                                 verify(Source::make(store, QString(), right), VerifyOptions(), cancel));
    }
};

QTEST_GUILESS_MAIN(TestInspectVerify)
#include "tst_inspect_verify.moc"
