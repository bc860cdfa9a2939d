// The inspect API record by record: storage detected per record (plain, zlib, gzip in one store)
// as the log pages and the CSV export report it; a record with an unknown _type_ says so and the
// next record decodes; and a snapshot that differs from a replay of its events is reported by
// Rebuilder::checkLatestSnapshot() with the fields that differ.
#include "inspectstores.h"

#include "es/inspect/exporter.h"
#include "es/inspect/pagers.h"
#include "es/inspect/rebuild.h"
#include "es/inspect/verifier.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace es::inspect;
using inspecttest::RawSqlite;

namespace {

es::EnvMap gzipEnv(const QString &path)
{
    es::EnvMap env = inspecttest::sqliteEnv(path);
    env.insert(QStringLiteral("COMPRESSOR_TOPIC"), QStringLiteral("gzip"));
    return env;
}

const QString unknownTypeState = QStringLiteral(
    "{\"timestamp\": {\"_type_\": \"datetime_iso\", \"_data_\": \"2026-11-28T16:33:10.000001+00:00\"}, "
    "\"trick\": {\"_type_\": \"mystery_thing\", \"_data_\": \"roll over\"}}");

} // namespace

class TestInspectRecords : public QObject
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

    void storagePerRecord()
    {
        // Dog A written with zlib, dog B with gzip, then a plain record with an unknown _type_, then
        // dog C with gzip: each record says how it is stored.
        const QString file = m_dir.filePath(QStringLiteral("mixed.sqlite"));
        QUuid a, b, c;
        {
            inspecttest::Kennel zlib(inspecttest::sqliteEnv(file, QString(), true));
            a = zlib.add(QStringLiteral("A"), 2);
        }
        {
            inspecttest::Kennel gzip(gzipEnv(file));
            b = gzip.add(QStringLiteral("B"), 2);
        }
        {
            RawSqlite raw(file);
            // The raw bytes really are what the names say (zlib 78.., gzip 1f 8b).
            const QVariantList states
                = raw.column(QStringLiteral("SELECT state FROM stored_events ORDER BY rowid"));
            QCOMPARE(states.size(), 6);
            for (int i = 0; i < 3; ++i)
                QCOMPARE(static_cast<quint8>(states[i].toByteArray().at(0)), quint8(0x78));
            for (int i = 3; i < 6; ++i)
                QVERIFY(states[i].toByteArray().startsWith(QByteArray::fromHex("1f8b")));
            QVERIFY(raw.exec(
                QStringLiteral("INSERT INTO stored_events VALUES (?, 4, 'inspecttest:Dog.TrickAdded', "
                               "CAST(? AS BLOB))"),
                {es::uuid::toHex(a), unknownTypeState}));
        }
        {
            inspecttest::Kennel gzip(gzipEnv(file));
            c = gzip.add(QStringLiteral("C"), 1);
        }

        auto store = Store::open(file);
        const Source source = Source::make(store, QString(), DecodingSettings());
        LogQuery q;
        q.limit = 100;
        const LogPage page = LogPager(source).page(q);
        QCOMPARE(page.rows.size(), size_t(9));
        const QStringList expected
            = {QStringLiteral("zlib"),  QStringLiteral("zlib"), QStringLiteral("zlib"),
               QStringLiteral("gzip"),  QStringLiteral("gzip"), QStringLiteral("gzip"),
               QStringLiteral("plain"), QStringLiteral("gzip"), QStringLiteral("gzip")};
        for (size_t i = 0; i < page.rows.size(); ++i) {
            const DecodedRecord &r = page.rows[i];
            QCOMPARE(r.notificationId.value_or(-1), qint64(i + 1));
            QCOMPARE(r.storage(), expected[int(i)]);
            if (i == 6) {
                // The unknown _type_: named as the reason, the state still shown as stored.
                QCOMPARE(r.decoded.problem, es::DecodedState::Problem::UnknownType);
                QCOMPARE(r.status(), QStringLiteral("unknown type"));
                QVERIFY2(r.decoded.error.contains(QStringLiteral("mystery_thing")),
                         qPrintable(r.decoded.error));
                QVERIFY(!r.ok());
                QVERIFY(r.decoded.hasState());
                QCOMPARE(r.decoded.state.find("trick")->find("_data_")->toQString(),
                         QStringLiteral("roll over"));
            } else {
                QVERIFY2(r.ok(), qPrintable(r.decoded.error));
                QCOMPARE(r.status(), QStringLiteral("ok"));
            }
        }
        // Decoding went on after it: dog C's records, gzip, read in full.
        QCOMPARE(page.rows[7].originatorId, c);
        QCOMPARE(page.rows[7].decoded.state.find("name")->toQString(), QStringLiteral("C"));
        QCOMPARE(page.rows[4].originatorId, b);
        QCOMPARE(page.rows[4].decoded.state.find("trick")->toQString(), QStringLiteral("trick 0"));

        // The CSV export has the same storage per record; the unknown _type_ is a row with its state.
        QByteArrayList lines;
        ExportOptions o;
        o.format = ExportFormat::Csv;
        const ExportSummary s = exportRecords(source, o, [&](const QByteArray &l) { lines << l; });
        QCOMPARE(s.rows, 9);
        QCOMPARE(s.failed, 0);
        QCOMPARE(lines.size(), 10);
        QCOMPARE(lines[0], csvHeader() + '\n');
        for (int i = 0; i < 9; ++i) {
            const QByteArrayList f = lines[i + 1].split(',');
            QCOMPARE(f[0], QByteArray::number(i + 1));
            QCOMPARE(QString::fromUtf8(f[4]), expected[i]);
            QVERIFY(f[5].startsWith("\"{"));
        }
        QVERIFY(lines[7].contains("mystery_thing"));

        // verify lists the unknown _type_ at its record, and nothing else.
        const VerifyReport v = verify(source);
        std::vector<Finding> unknown;
        for (const Finding &f : v.findings)
            if (f.kind == QLatin1String("unknown-type"))
                unknown.push_back(f);
        QCOMPARE(unknown.size(), size_t(1));
        QCOMPARE(unknown.front().notificationId.value_or(-1), 7);
        QVERIFY(unknown.front().message.contains(QStringLiteral("mystery_thing")));

        // The snapshots, written through the compressors too.
        Rebuilder rebuilder(source);
        QCOMPARE(rebuilder.rebuild(b).version, 3);
        QCOMPARE(rebuilder.rebuild(c).json.find("state")->find("name")->toQString(), QStringLiteral("C"));
        store->releaseThreadConnections();
    }

    void gzipOnlyAndZlibOnlyStores_data()
    {
        QTest::addColumn<QString>("compressor");
        QTest::addRow("gzip") << QStringLiteral("gzip");
        QTest::addRow("zlib") << QStringLiteral("zlib");
    }

    void gzipOnlyAndZlibOnlyStores()
    {
        QFETCH(QString, compressor);
        const QString file = m_dir.filePath(compressor + QStringLiteral("-only.sqlite"));
        es::EnvMap env = inspecttest::sqliteEnv(file);
        env.insert(QStringLiteral("COMPRESSOR_TOPIC"), compressor);
        std::vector<QUuid> ids;
        {
            inspecttest::Kennel kennel(env);
            for (int i = 0; i < 3; ++i)
                ids.push_back(kennel.add(QStringLiteral("dog %1").arg(i), 2));
            kennel.takeSnapshot(ids[1]);
        }
        auto store = Store::open(file);
        const Source source = Source::make(store, QString(), DecodingSettings());
        for (const ExportSelection selection : {ExportSelection::Log, ExportSelection::Snapshots}) {
            QByteArrayList lines;
            ExportOptions o;
            o.format = ExportFormat::Csv;
            o.selection = selection;
            const ExportSummary s = exportRecords(source, o, [&](const QByteArray &l) { lines << l; });
            QCOMPARE(s.rows, selection == ExportSelection::Log ? 9 : 1);
            QCOMPARE(s.failed, 0);
            for (qsizetype i = 1; i < lines.size(); ++i)
                QCOMPARE(QString::fromUtf8(lines[i].split(',')[4]), compressor);
        }
        QVERIFY(verify(source).clean());
        store->releaseThreadConnections();
    }

    void snapshotDiffersFromReplay()
    {
        const QString file = m_dir.filePath(QStringLiteral("planted-snapshot.sqlite"));
        const std::vector<QUuid> ids = inspecttest::writeKennel(file, 4, 2); // snapshots of dogs 0 and 3
        {
            RawSqlite raw(file);
            const QString hex = es::uuid::toHex(ids[0]);
            const QByteArray stored = raw.column(QStringLiteral("SELECT state FROM stored_snapshots WHERE "
                                                                "originator_id = ?"),
                                                 {hex})
                                          .value(0)
                                          .toByteArray();
            QVERIFY(stored.contains("\"dog 0\"") && stored.contains("\"trick 1\""));
            QByteArray planted = stored;
            planted.replace("\"dog 0\"", "\"impostor\"");
            planted.replace("\"trick 1\"", "\"trick 9\"");
            QVERIFY(raw.exec(QStringLiteral("UPDATE stored_snapshots SET state = ? WHERE originator_id = ?"),
                             {planted, hex}));
        }
        auto store = Store::open(file);
        const Rebuilder rebuilder(Source::make(store, QString(), DecodingSettings()));

        const std::optional<SnapshotComparison> bad = rebuilder.checkLatestSnapshot(ids[0]);
        QVERIFY(bad);
        QCOMPARE(bad->snapshotVersion, 3);
        QVERIFY(!bad->matches);
        QCOMPARE(bad->changes.size(), size_t(2));
        QMap<QString, JsonChange> byPath;
        for (const JsonChange &ch : bad->changes) {
            QCOMPARE(ch.kind, JsonChange::Kind::Changed);
            byPath.insert(ch.path, ch);
        }
        QCOMPARE(byPath.keys(),
                 QStringList({QStringLiteral("state.name"), QStringLiteral("state.tricks[1]")}));
        QCOMPARE(byPath[QStringLiteral("state.name")].before.toQString(), QStringLiteral("impostor"));
        QCOMPARE(byPath[QStringLiteral("state.name")].after.toQString(), QStringLiteral("dog 0"));
        QCOMPARE(byPath[QStringLiteral("state.tricks[1]")].before.toQString(), QStringLiteral("trick 9"));
        QCOMPARE(byPath[QStringLiteral("state.tricks[1]")].after.toQString(), QStringLiteral("trick 1"));

        // The untouched snapshot matches; a dog without one has nothing to compare.
        const std::optional<SnapshotComparison> good = rebuilder.checkLatestSnapshot(ids[3]);
        QVERIFY(good && good->matches && good->changes.empty());
        QVERIFY(!rebuilder.checkLatestSnapshot(ids[1]));

        // A rebuild from the snapshot carries the planted state; a full replay does not.
        QCOMPARE(rebuilder.rebuild(ids[0]).json.find("state")->find("name")->toQString(),
                 QStringLiteral("impostor"));
        QCOMPARE(rebuilder.rebuild(ids[0], std::nullopt, false).json.find("state")->find("name")->toQString(),
                 QStringLiteral("dog 0"));
        store->releaseThreadConnections();
    }
};

QTEST_GUILESS_MAIN(TestInspectRecords)
#include "tst_inspect_records.moc"
