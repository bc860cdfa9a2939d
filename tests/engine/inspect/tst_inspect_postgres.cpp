// The inspect API on PostgreSQL: the Python-written worlds/counters dump loaded into a scratch
// database — discovery of both applications, exports equal to the reference jsonl, tracking with lag
// 0, catalogue and log pages both ways, rebuilt counters equal to counts.json — in a read-only
// session that refuses every write; and the errors users see (wrong password, no server, no
// database, no event store).
#include "es/inspect/catalogue.h"
#include "es/inspect/exporter.h"
#include "es/inspect/pagers.h"
#include "es/inspect/rebuild.h"
#include "es/inspect/verifier.h"
#include "fixtures.h"
#include "inspect/storedata.h"
#include "postgres.h"
#include "worlds/worlds.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QtTest>

using namespace es::inspect;
using es::test::ScratchDatabase;

namespace {

QByteArrayList fixtureLines(const QString &name)
{
    QByteArray text = es::test::readFile(es::test::fixture(name));
    if (text.endsWith('\n'))
        text.chop(1);
    return text.split('\n');
}

template<typename E, typename F> QString errorOf(F f)
{
    try {
        f();
    } catch (const E &e) {
        return e.message();
    } catch (const std::exception &e) {
        return QStringLiteral("WRONG EXCEPTION: ") + QString::fromUtf8(e.what());
    }
    return QStringLiteral("NO EXCEPTION");
}

} // namespace

class TestInspectPostgres : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDatabase> m_db;
    std::shared_ptr<const Store> m_store;

private slots:
    void initTestCase()
    {
        ES_REQUIRE_FIXTURES();
        ES_REQUIRE_POSTGRES();
        es::registerAggregate<worlds::World>();
        es::registerAggregate<worlds::Counter>();
        m_db = std::make_unique<ScratchDatabase>(QStringLiteral("es_inspect"));
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QString error;
        QVERIFY2(m_db->loadDump(es::test::fixture(QStringLiteral("worlds-counters.postgres.sql")), &error),
                 qPrintable(error));
        m_store = Store::open(es::test::postgresUrl(m_db->params(), m_db->params().password));
    }

    void cleanupTestCase()
    {
        if (m_store)
            m_store->releaseThreadConnections();
        m_store.reset();
        m_db.reset();
    }

    void discovery()
    {
        QCOMPARE(m_store->kind(), StoreKind::Postgres);
        QCOMPARE(m_store->applications().size(), size_t(2));
        const ApplicationInfo &counters = m_store->application(QStringLiteral("Counters"));
        QCOMPARE(counters.name, QStringLiteral("counters"));
        QCOMPARE(counters.eventsTable, QStringLiteral("counters_events"));
        QCOMPARE(counters.trackingTable, QStringLiteral("counters_tracking"));
        QVERIFY(!counters.hasSnapshots());
        QVERIFY(counters.hasLog);
        const ApplicationCounts c = m_store->counts(QStringLiteral("counters"));
        QCOMPARE(c.events, 65);
        QCOMPARE(c.aggregates, 5);
        QCOMPARE(c.tracking, 65);
        QCOMPARE(c.maxNotificationId, 65);
        QCOMPARE(m_store->counts(QStringLiteral("worldsapplication")).aggregates, 5);
        QVERIFY(
            !m_store->displayUrl().contains(QLatin1Char(':') + m_db->params().password + QLatin1Char('@')));
        QVERIFY(
            m_store->displayUrl().startsWith(QStringLiteral("postgresql://%1@").arg(m_db->params().user)));
        const auto env = m_store->applicationEnvironment(QStringLiteral("counters"));
        QCOMPARE(env.value(QStringLiteral("POSTGRES_DBNAME")), m_db->name());
    }

    void exports_data()
    {
        QTest::addColumn<QString>("app");
        QTest::addColumn<QString>("jsonl");
        QTest::addRow("worldsapplication")
            << QStringLiteral("worldsapplication")
            << QStringLiteral("worlds-counters.worldsapplication_events.jsonl");
        QTest::addRow("counters") << QStringLiteral("counters")
                                  << QStringLiteral("worlds-counters.counters_events.jsonl");
    }

    void exports()
    {
        QFETCH(QString, app);
        QFETCH(QString, jsonl);
        const Source source = Source::make(m_store, app, DecodingSettings());
        ExportOptions o;
        o.pageSize = 11;
        QByteArrayList lines;
        const ExportSummary s
            = exportRecords(source, o, [&](const QByteArray &line) { lines << line.chopped(1); });
        QCOMPARE(s.failed, 0);
        QCOMPARE(lines, fixtureLines(jsonl));
        const VerifyReport r = verify(source);
        QVERIFY(r.clean());
        QCOMPARE(r.events, 65);
    }

    void trackingLagZero()
    {
        const QJsonArray expected
            = QJsonDocument::fromJson(es::test::readFile(es::test::fixture(
                                          QStringLiteral("worlds-counters.counters_tracking.json"))))
                  .array();
        qint64 last = 0;
        for (const auto &row : expected)
            last = std::max<qint64>(last, row.toArray().at(1).toInteger());
        QCOMPARE(last, 65);
        const auto positions
            = trackingPositions(Source::make(m_store, QStringLiteral("counters"), DecodingSettings()), true);
        QCOMPARE(positions.size(), size_t(1));
        QCOMPARE(positions[0].upstream, QStringLiteral("WorldsApplication"));
        QCOMPARE(positions[0].position, last);
        QCOMPARE(positions[0].records, qint64(expected.size()));
        QCOMPARE(positions[0].upstreamApplication, QStringLiteral("worldsapplication"));
        QCOMPARE(*positions[0].lag, 0);
    }

    void pagesAndRebuild()
    {
        const Source source = Source::make(m_store, QStringLiteral("counters"), DecodingSettings());
        // Catalogue both ways, two at a time.
        std::vector<QUuid> forward, backward;
        for (bool desc : {false, true}) {
            CatalogueQuery q;
            q.limit = 2;
            q.descending = desc;
            for (;;) {
                const CataloguePage page = AggregateCatalogue(source).page(q);
                for (const auto &s : page.rows) {
                    (desc ? backward : forward).push_back(s.id);
                    QCOMPARE(s.type, QStringLiteral("worldsystem:Counter"));
                }
                if (page.atEnd)
                    break;
                q.after = page.next;
            }
        }
        std::reverse(backward.begin(), backward.end());
        QCOMPARE(forward.size(), size_t(5));
        QVERIFY(forward == backward);
        QVERIFY(std::is_sorted(forward.begin(), forward.end(), [](const QUuid &a, const QUuid &b) {
            return es::uuid::toHex(a) < es::uuid::toHex(b);
        }));
        CatalogueQuery prefix;
        prefix.idPrefix = es::uuid::toDashed(forward[2]).left(6);
        QCOMPARE(AggregateCatalogue(source).page(prefix).rows.front().id, forward[2]);

        // The log backwards from the end, in threes.
        LogQuery q;
        q.direction = Direction::Backward;
        q.start = 0;
        q.limit = 3;
        qint64 expectedId = 65;
        for (;;) {
            const LogPage page = LogPager(source).page(q);
            for (const auto &r : page.rows)
                QCOMPARE(*r.notificationId, expectedId--);
            if (page.atEnd)
                break;
            q.start = page.next;
        }
        QCOMPARE(expectedId, 0);

        // Every counter rebuilt equals what the Python system counted.
        const QJsonObject counts
            = QJsonDocument::fromJson(
                  es::test::readFile(es::test::fixture(QStringLiteral("worlds-counters.counts.json"))))
                  .object();
        QCOMPARE(counts.size(), 5);
        for (auto it = counts.begin(); it != counts.end(); ++it) {
            const RebuiltAggregate a = Rebuilder(source).rebuild(worlds::Counter::createId(it.key()));
            QCOMPARE(a.topic, QStringLiteral("worldsystem:Counter"));
            QCOMPARE(a.json.find("state")->find("count")->toInteger(), it.value().toInteger());
            QCOMPARE(a.version, it.value().toInteger() + 1);
        }
    }

    void readOnlySession()
    {
        const detail::Database &db = *m_store->data().apps.front().db;
        const QStringList writes = {
            QStringLiteral("INSERT INTO counters_tracking VALUES ('x', 1)"),
            QStringLiteral("UPDATE counters_events SET topic = 'x'"),
            QStringLiteral("DELETE FROM worldsapplication_events"),
            QStringLiteral("TRUNCATE counters_tracking"),
            QStringLiteral("CREATE TABLE evil (x integer)"),
            QStringLiteral("DROP TABLE counters_tracking"),
            QStringLiteral("SELECT nextval('counters_events_notification_id_seq')"),
        };
        for (const QString &sql : writes) {
            const QString e
                = errorOf<es::DatabaseError>([&] { db.execRaw(sql, QStringLiteral("trying to write")); });
            QVERIFY2(e.contains(QStringLiteral("read-only transaction")),
                     qPrintable(sql + QStringLiteral(": ") + e));
        }
        QCOMPARE(m_store->counts(QStringLiteral("counters")).tracking, 65);
        QCOMPARE(m_store->maxNotificationId(QStringLiteral("counters")), 65);
        QVERIFY_THROWS_EXCEPTION(
            es::ProgrammingError,
            m_store->recorder(QStringLiteral("counters"))
                ->insertEvents({es::StoredEvent {es::uuid::v4(), 1, QStringLiteral("t"), "{}"}}));
    }

    void pagesUseIndexesWithoutStatistics()
    {
        // Python's tables have autovacuum (so automatic ANALYZE) off: without statistics, the planner
        // must still read a page of the catalogue along the primary key, not group the whole table.
        QString error;
        QVERIFY2(m_db->exec(
                     QStringLiteral(
                         "CREATE TABLE bulk_events (originator_id uuid NOT NULL, originator_version bigint "
                         "NOT NULL, "
                         "topic text, state bytea, notification_id bigserial, PRIMARY KEY (originator_id, "
                         "originator_version)) "
                         "WITH (autovacuum_enabled = false); "
                         "CREATE UNIQUE INDEX bulk_events_notification_id_idx ON bulk_events "
                         "(notification_id ASC); "
                         "INSERT INTO bulk_events (originator_id, originator_version, topic, state) "
                         "SELECT md5((i % 20000)::text)::uuid, i / 20000 + 1, 'inspecttest:Dog.TrickAdded', "
                         "convert_to('{}', 'UTF8') FROM generate_series(0, 399999) AS i"),
                     &error),
                 qPrintable(error));
        auto store = Store::open(es::test::postgresUrl(m_db->params(), m_db->params().password));
        const detail::Database &db = *store->data().app(QStringLiteral("bulk")).db;
        const auto plan = db.execRaw(
            QStringLiteral(
                "EXPLAIN SELECT originator_id, COUNT(*), MIN(originator_version), MAX(originator_version) "
                "FROM bulk_events WHERE originator_id > '80000000-0000-0000-0000-000000000000' "
                "GROUP BY originator_id ORDER BY originator_id LIMIT 100"),
            QStringLiteral("explaining"));
        QStringList lines;
        for (const auto &row : plan)
            lines << row[0].toString();
        const QString text = lines.join(QLatin1Char('\n'));
        QVERIFY2(text.contains(QStringLiteral("Index Only Scan using bulk_events_pkey"))
                     || text.contains(QStringLiteral("Index Scan using bulk_events_pkey")),
                 qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("Seq Scan")) && !text.contains(QStringLiteral("HashAggregate"))
                     && !text.contains(QStringLiteral("Gather")),
                 qPrintable(text));
        QElapsedTimer timer;
        timer.start();
        const CataloguePage page
            = AggregateCatalogue(Source::make(store, QStringLiteral("bulk"), DecodingSettings()))
                  .page(CatalogueQuery());
        QCOMPARE(page.rows.size(), size_t(100));
        QCOMPARE(page.rows.front().events, 20);
        qInfo("first catalogue page of 400k events without statistics: %lld ms", timer.elapsed());
        store->releaseThreadConnections();
        QVERIFY2(m_db->exec(QStringLiteral("DROP TABLE bulk_events"), &error), qPrintable(error));
    }

    void errors()
    {
        const auto &p = m_db->params();
        OpenOptions o;
        o.environment = QProcessEnvironment(); // no PGPASSWORD, no ~/.pgpass
        QString e = errorOf<es::OperationalError>(
            [&] { Store::open(es::test::postgresUrl(p, QStringLiteral("wrong-password")), o); });
        QVERIFY2(e.contains(QStringLiteral("authentication failed for user '%1'").arg(p.user)),
                 qPrintable(e));
        e = errorOf<es::OperationalError>([&] { Store::open(es::test::postgresUrl(p, QString()), o); });
        QVERIFY2(e.contains(QStringLiteral("authentication failed"))
                     && e.contains(QStringLiteral("none was given")),
                 qPrintable(e));
        es::test::PostgresParams noServer = p;
        noServer.port = 1;
        e = errorOf<es::OperationalError>(
            [&] { Store::open(es::test::postgresUrl(noServer, p.password), o); });
        QVERIFY2(e.startsWith(QStringLiteral("cannot reach the PostgreSQL server at %1:1").arg(p.host)),
                 qPrintable(e));
        es::test::PostgresParams noDb = p;
        noDb.dbname = QStringLiteral("no_such_database_here");
        e = errorOf<es::OperationalError>([&] { Store::open(es::test::postgresUrl(noDb, p.password), o); });
        QVERIFY2(e.contains(QStringLiteral("database 'no_such_database_here' does not exist")),
                 qPrintable(e));
        ScratchDatabase empty(QStringLiteral("es_inspect_empty"));
        QVERIFY(empty.isValid());
        e = errorOf<es::ProgrammingError>(
            [&] { Store::open(es::test::postgresUrl(empty.params(), p.password), o); });
        QVERIFY2(e.startsWith(QStringLiteral("no event store in postgresql://")), qPrintable(e));
        // The password from the environment, as libpq's PGPASSWORD.
        OpenOptions withEnv;
        withEnv.environment = QProcessEnvironment();
        withEnv.environment.insert(QStringLiteral("PGPASSWORD"), p.password);
        auto store = Store::open(es::test::postgresUrl(p, QString()), withEnv);
        QCOMPARE(store->applications().size(), size_t(2));
        QCOMPARE(store->location().passwordSource, QStringLiteral("PGPASSWORD"));
        store->releaseThreadConnections();
    }
};

QTEST_GUILESS_MAIN(TestInspectPostgres)
#include "tst_inspect_postgres.moc"
