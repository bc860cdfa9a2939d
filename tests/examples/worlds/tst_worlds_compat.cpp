// Writing (issue 7): the stores the C++ worlds/counters system writes (WorldsApplication leads,
// Counters follows, one SQLite file per application as a Python system on SQLite keeps them),
// decoded generically, have for each topic the same keys, in the same order, with the same
// "_type_" names as the records Python's system wrote (worlds-counters.*_events.jsonl). The keys'
// order is taken from the bytes Python stored (the PostgreSQL dump), after checking that those
// records are the jsonl's records (whose keys are sorted).
#include "examplestores.h"
#include "referencestore.h"
#include "worlds/worlds.h"

#include <QTemporaryDir>
#include <QtTest>

using es::test::examples::describeShapes;
using es::test::examples::parseJson;
using es::test::examples::StoreRow;

namespace {

// The rows of one table of the Python system's dump, with the state bytes as Python stored them
// (COPY text format: tab-separated, the bytea state as "\\x" and hex), and their notification ids.
std::vector<StoreRow> dumpRows(const QString &table, std::vector<qint64> *ids, QString *error)
{
    const QByteArray text
        = es::test::readFile(es::test::fixture(QStringLiteral("worlds-counters.postgres.sql")));
    const QByteArray header = "COPY public." + table.toUtf8()
        + " (originator_id, originator_version, topic, state, notification_id) FROM stdin;\n";
    qsizetype at = text.indexOf(header);
    if (at < 0) {
        *error = QStringLiteral("no COPY of %1 in the dump").arg(table);
        return {};
    }
    at += header.size();
    std::vector<StoreRow> rows;
    while (at < text.size()) {
        qsizetype end = text.indexOf('\n', at);
        if (end < 0)
            end = text.size();
        const QByteArray line = text.mid(at, end - at);
        at = end + 1;
        if (line == "\\.")
            return rows;
        const QByteArrayList f = line.split('\t');
        if (f.size() != 5 || !f[3].startsWith("\\\\x")) {
            *error = QStringLiteral("unexpected COPY line: ") + QString::fromUtf8(line.left(200));
            return {};
        }
        rows.push_back({QStringLiteral("stored_events"), f[1].toLongLong(), QString::fromUtf8(f[2]),
                        QByteArray::fromHex(f[3].mid(3))});
        ids->push_back(f[4].toLongLong());
    }
    *error = QStringLiteral("the COPY of %1 does not end").arg(table);
    return {};
}

} // namespace

class TestWorldsCompat : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QMap<QString, QString> m_files; // application name → SQLite file the C++ system wrote
    QStringList m_things;

private slots:
    void initTestCase()
    {
        ES_REQUIRE_FIXTURES();
        QVERIFY(m_dir.isValid());
        const es::json::Value counts
            = parseJson(es::test::readFile(es::test::fixture(QStringLiteral("worlds-counters.counts.json"))));
        for (const auto &m : counts.members())
            m_things << QString::fromStdString(m.first);
        QCOMPARE(m_things.size(), 5);

        // The C++ system, laid out as a Python system on SQLite: one file per application.
        es::EnvMap env {
            {QStringLiteral("INFRASTRUCTURE_FACTORY"), QStringLiteral("eventsourcing.sqlite:Factory")}};
        for (const char *name : {worlds::WorldsApplication::NAME, worlds::Counters::NAME}) {
            const QString app = QString::fromUtf8(name);
            m_files.insert(app, m_dir.filePath(app.toLower() + QStringLiteral(".sqlite")));
            env.insert(app.toUpper() + QStringLiteral("_SQLITE_DBNAME"), m_files.value(app));
        }
        es::SingleThreadedRunner runner(worlds::makeSystem(), env);
        runner.start();
        auto &app = runner.get<worlds::WorldsApplication>();
        std::vector<QUuid> ids;
        for (int i = 0; i < 3; ++i)
            ids.push_back(app.createWorld());
        for (int i = 0; i < 12; ++i)
            app.makeItSo(ids[static_cast<size_t>(i % 3)], m_things[i % m_things.size()]);
        QCOMPARE(runner.get<worlds::Counters>().count(m_things[0]), 3);
        runner.stop();
    }

    void writtenStoreHasPythonShapes_data()
    {
        QTest::addColumn<QString>("application");
        QTest::addColumn<QString>("table"); // in the dump
        QTest::addColumn<int>("ourRecords");
        // 3 worlds created and 12 things happened; 5 counters created and incremented 12 times.
        QTest::newRow("WorldsApplication")
            << QStringLiteral("WorldsApplication") << QStringLiteral("worldsapplication_events") << 15;
        QTest::newRow("Counters") << QStringLiteral("Counters") << QStringLiteral("counters_events") << 17;
    }
    void writtenStoreHasPythonShapes()
    {
        QFETCH(QString, application);
        QFETCH(QString, table);
        QFETCH(int, ourRecords);

        // Python's records as stored, and proof that they are the jsonl's records.
        QString error;
        std::vector<qint64> ids;
        const std::vector<StoreRow> python = dumpRows(table, &ids, &error);
        QVERIFY2(!python.empty(), qPrintable(error));
        const QList<QByteArray> jsonl
            = es::test::readJsonLines(QStringLiteral("worlds-counters.%1.jsonl").arg(table));
        QCOMPARE(python.size(), size_t(65));
        QCOMPARE(size_t(jsonl.size()), python.size());
        for (size_t i = 0; i < python.size(); ++i) {
            const es::json::Value expected = parseJson(jsonl[static_cast<qsizetype>(i)]);
            QCOMPARE(ids[i], qint64(expected.find("id")->toInteger()));
            QCOMPARE(python[i].topic, expected.find("topic")->toQString());
            QCOMPARE(python[i].originatorVersion, qint64(expected.find("originator_version")->toInteger()));
            const es::DecodedState d = es::decodeStoredState(python[i].state);
            QVERIFY2(d.ok(), qPrintable(d.error));
            QVERIFY2(d.state == *expected.find("state"), jsonl[static_cast<qsizetype>(i)].constData());
        }
        QStringList errors;
        const auto pythonShapes = es::test::examples::shapesByTopic(python, nullptr, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(pythonShapes.size(), size_t(2)); // Created and one other event class
        for (const auto &[topic, shapes] : pythonShapes)
            QVERIFY2(shapes.size() == 1, qPrintable(topic + QStringLiteral(": ") + describeShapes(shapes)));

        // The C++ system's records of this application.
        // Like Python's system (the dump has no *_snapshots tables), the C++ system keeps no snapshot
        // table while snapshotting is off: readStoreRows reads the events, then finds none.
        const std::vector<StoreRow> rows
            = es::test::examples::readStoreRows(m_files.value(application), &error);
        QVERIFY2(error.startsWith(QLatin1String("no such table: stored_snapshots")), qPrintable(error));
        QCOMPARE(int(rows.size()), ourRecords);
        const auto ours = es::test::examples::shapesByTopic(rows, nullptr, &errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));

        // Same topics, and each of our records has the shape of Python's records of its topic.
        QCOMPARE(ours.size(), pythonShapes.size());
        for (const auto &[topic, shapes] : ours) {
            const auto p = pythonShapes.find(topic);
            QVERIFY2(p != pythonShapes.end(),
                     qPrintable(QStringLiteral("topic Python never wrote: ") + topic));
            QVERIFY2(shapes == p->second,
                     qPrintable(QStringLiteral("%1\n  ours:   %2\n  Python: %3")
                                    .arg(topic, describeShapes(shapes), describeShapes(p->second))));
        }
        // Stored alike (plain JSON).
        QCOMPARE(es::test::examples::storages(rows, nullptr), es::test::examples::storages(python, nullptr));
    }
};

QTEST_GUILESS_MAIN(TestWorldsCompat)
#include "tst_worlds_compat.moc"
