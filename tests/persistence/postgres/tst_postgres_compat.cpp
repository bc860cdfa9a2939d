// The PostgreSQL recorders against the store Python's eventsourcing 9.1.6 wrote (the worlds/counters
// system, pg_dump'ed into worlds-counters.postgres.sql): every record reads back as the Python
// library decoded it, the tracking rows are the same, and the tables our recorders create are the
// tables Python created, column by column, index by index.
#include "pgsupport.h"

#include "es/errors.h"
#include "es/json.h"
#include "es/transcoder.h"
#include "es/uuid.h"

#include <QtTest>
#include <map>

using es::test::AdminConnection;
using es::test::ScratchDatabase;

namespace {

struct Expected
{
    qint64 id = 0;
    QString originatorId;
    qint64 originatorVersion = 0;
    QString topic;
    es::json::Value state;
};

std::vector<Expected> readJsonl(const QString &name)
{
    std::vector<Expected> out;
    const QByteArray text = es::test::readFile(es::test::fixture(name));
    for (const QByteArray &line : text.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const es::json::Value v
            = es::json::Value::parse(std::string_view(line.constData(), size_t(line.size())));
        Expected e;
        e.id = v.find("id")->toInteger();
        e.originatorId = v.find("originator_id")->toQString();
        e.originatorVersion = v.find("originator_version")->toInteger();
        e.topic = v.find("topic")->toQString();
        e.state = *v.find("state");
        out.push_back(std::move(e));
    }
    return out;
}

// Compares one notification with its line: id, originator, version, topic, and the decoded state.
QString mismatch(const es::Notification &n, const Expected &e)
{
    if (n.id != e.id)
        return QStringLiteral("id %1, expected %2").arg(n.id).arg(e.id);
    if (es::uuid::toDashed(n.originatorId) != e.originatorId)
        return QStringLiteral("notification %1: originator %2, expected %3")
            .arg(n.id)
            .arg(es::uuid::toDashed(n.originatorId), e.originatorId);
    if (n.originatorVersion != e.originatorVersion)
        return QStringLiteral("notification %1: version %2, expected %3")
            .arg(n.id)
            .arg(n.originatorVersion)
            .arg(e.originatorVersion);
    if (n.topic != e.topic)
        return QStringLiteral("notification %1: topic %2, expected %3").arg(n.id).arg(n.topic, e.topic);
    const es::DecodedState decoded = es::decodeStoredState(n.state);
    if (!decoded.ok())
        return QStringLiteral("notification %1: %2").arg(n.id).arg(decoded.error);
    if (decoded.storage() != QLatin1String("plain"))
        return QStringLiteral("notification %1: stored %2, expected plain").arg(n.id).arg(decoded.storage());
    if (decoded.state != e.state)
        return QStringLiteral("notification %1: state %2, expected %3")
            .arg(n.id)
            .arg(QString::fromStdString(decoded.state.toJson()), QString::fromStdString(e.state.toJson()));
    return {};
}

// Every notification, read in pages of `page` (small, so that paging is exercised).
std::vector<es::Notification> readAll(es::ApplicationRecorder &r, qint64 page)
{
    std::vector<es::Notification> all;
    qint64 next = 1;
    for (;;) {
        const auto part = r.selectNotifications(next, page);
        if (part.empty())
            break;
        all.insert(all.end(), part.begin(), part.end());
        next = part.back().id + 1;
    }
    return all;
}

// The schema of the named tables as PostgreSQL describes it, one line per fact.
QStringList describeSchema(AdminConnection &admin, const QStringList &tables)
{
    const QString list = QStringLiteral("'") + tables.join(QStringLiteral("','")) + QStringLiteral("'");
    QStringList facts;
    const QStringList columns = admin.rows(
        QStringLiteral(
            "SELECT table_name, ordinal_position, column_name, data_type, is_nullable, "
            "coalesce(column_default, '<none>'), is_identity FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name IN (%1) ORDER BY table_name, ordinal_position")
            .arg(list));
    for (const QString &c : columns)
        facts << QStringLiteral("column ") + c;
    const QStringList indexes = admin.rows(
        QStringLiteral("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                       "AND tablename IN (%1) ORDER BY tablename, indexname")
            .arg(list));
    for (const QString &i : indexes)
        facts << QStringLiteral("index ") + i;
    const QStringList constraints = admin.rows(
        QStringLiteral(
            "SELECT conrelid::regclass::text, conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid::regclass::text IN (%1) ORDER BY 1, 2")
            .arg(list));
    for (const QString &c : constraints)
        facts << QStringLiteral("constraint ") + c;
    const QStringList options = admin.rows(
        QStringLiteral("SELECT relname, coalesce(array_to_string(reloptions, ','), '<none>') FROM pg_class "
                       "WHERE relkind = 'r' AND relname IN (%1) ORDER BY relname")
            .arg(list));
    for (const QString &o : options)
        facts << QStringLiteral("options ") + o;
    const QStringList sequences = admin.rows(QStringLiteral(
        "SELECT sequence_name, data_type, start_value, minimum_value, maximum_value, increment, "
        "cycle_option FROM information_schema.sequences WHERE sequence_schema = 'public' "
        "ORDER BY sequence_name"));
    for (const QString &s : sequences)
        facts << QStringLiteral("sequence ") + s;
    const QStringList owned = admin.rows(QStringLiteral(
        "SELECT s.relname, t.relname, a.attname FROM pg_depend d JOIN pg_class s ON s.oid = d.objid "
        "JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = "
        "d.refobjsubid "
        "WHERE s.relkind = 'S' AND d.deptype = 'a' ORDER BY 1"));
    for (const QString &o : owned)
        facts << QStringLiteral("owned-by ") + o;
    return facts;
}

} // namespace

class TestPostgresCompat : public QObject
{
    Q_OBJECT

private:
    // The dump loaded into a fresh scratch database.
    static bool loadReference(ScratchDatabase &db)
    {
        if (!db.isValid()) {
            qWarning("%s", qPrintable(db.error()));
            return false;
        }
        QString error;
        if (!db.loadDump(es::test::fixture(QStringLiteral("worlds-counters.postgres.sql")), &error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        return true;
    }

private slots:
    void initTestCase() { ES_REQUIRE_FIXTURES(); }

    void readsEveryNotificationAsPythonDecodedIt_data()
    {
        QTest::addColumn<QString>("application");
        QTest::addColumn<QString>("jsonl");
        QTest::addColumn<bool>("process");
        QTest::newRow("WorldsApplication")
            << QStringLiteral("WorldsApplication")
            << QStringLiteral("worlds-counters.worldsapplication_events.jsonl") << false;
        QTest::newRow("Counters") << QStringLiteral("Counters")
                                  << QStringLiteral("worlds-counters.counters_events.jsonl") << true;
    }

    void readsEveryNotificationAsPythonDecodedIt()
    {
        QFETCH(QString, application);
        QFETCH(QString, jsonl);
        QFETCH(bool, process);
        ES_REQUIRE_POSTGRES();
        ScratchDatabase db(QStringLiteral("es_compat"));
        QVERIFY(loadReference(db));

        const std::vector<Expected> expected = readJsonl(jsonl);
        QCOMPARE(expected.size(), size_t(65));

        auto factory = es::test::postgresFactory(application, db);
        std::shared_ptr<es::ApplicationRecorder> recorder;
        if (process)
            recorder = factory->processRecorder();
        else
            recorder = factory->applicationRecorder();

        for (qint64 page : {qint64(7), qint64(1000)}) {
            const auto all = readAll(*recorder, page);
            QCOMPARE(all.size(), expected.size());
            for (size_t i = 0; i < all.size(); ++i) {
                const QString why = mismatch(all[i], expected[i]);
                QVERIFY2(why.isEmpty(), qPrintable(why));
            }
        }
        QCOMPARE(recorder->maxNotificationId(), expected.back().id);

        // A page from the middle, and past the end.
        const auto middle = recorder->selectNotifications(30, 5);
        QCOMPARE(middle.size(), size_t(5));
        QCOMPARE(middle.front().id, qint64(30));
        QCOMPARE(middle.back().id, qint64(34));
        QVERIFY(recorder->selectNotifications(66, 10).empty());

        // Every originator's events, by version, as the log has them.
        std::map<QString, std::vector<const Expected *>> byOriginator;
        for (const Expected &e : expected)
            byOriginator[e.originatorId].push_back(&e);
        for (auto &[originator, events] : byOriginator) {
            std::sort(events.begin(), events.end(), [](const Expected *a, const Expected *b) {
                return a->originatorVersion < b->originatorVersion;
            });
            const auto stored = recorder->selectEvents(es::uuid::fromString(originator.toStdString()));
            QCOMPARE(stored.size(), events.size());
            for (size_t i = 0; i < stored.size(); ++i) {
                QCOMPARE(stored[i].originatorVersion, events[i]->originatorVersion);
                QCOMPARE(stored[i].topic, events[i]->topic);
                const es::DecodedState decoded = es::decodeStoredState(stored[i].state);
                QVERIFY2(decoded.ok(), qPrintable(decoded.error));
                QVERIFY(decoded.state == events[i]->state);
            }
            // The latest event alone, as a repository asks for it.
            const auto last = recorder->selectEvents(es::uuid::fromString(originator.toStdString()),
                                                     std::nullopt, std::nullopt, true, 1);
            QCOMPARE(last.size(), size_t(1));
            QCOMPARE(last.front().originatorVersion, events.back()->originatorVersion);
        }
    }

    void filtersNotificationsByTopic()
    {
        ES_REQUIRE_POSTGRES();
        ScratchDatabase db(QStringLiteral("es_compat"));
        QVERIFY(loadReference(db));
        const std::vector<Expected> expected
            = readJsonl(QStringLiteral("worlds-counters.worldsapplication_events.jsonl"));
        auto recorder
            = es::test::postgresFactory(QStringLiteral("WorldsApplication"), db)->applicationRecorder();

        const QString created = QStringLiteral("worldsystem:World.Created");
        const auto only = recorder->selectNotifications(1, 100, {created});
        std::vector<qint64> expectedIds;
        for (const Expected &e : expected)
            if (e.topic == created)
                expectedIds.push_back(e.id);
        QCOMPARE(expectedIds.size(), size_t(5));
        std::vector<qint64> ids;
        for (const auto &n : only) {
            QCOMPARE(n.topic, created);
            ids.push_back(n.id);
        }
        QCOMPARE(ids, expectedIds);
        // The limit counts matching notifications only; start applies before the filter.
        const auto two = recorder->selectNotifications(expectedIds[1], 2, {created});
        QCOMPARE(two.size(), size_t(2));
        QCOMPARE(two[0].id, expectedIds[1]);
        QCOMPARE(two[1].id, expectedIds[2]);
        // Several topics; a topic that is not there.
        const auto both = recorder->selectNotifications(
            1, 1000,
            {created, QStringLiteral("worldsystem:World.SomethingHappened"), QStringLiteral("no:Such")});
        QCOMPARE(both.size(), expected.size());
        QVERIFY(recorder->selectNotifications(1, 10, {QStringLiteral("no:Such")}).empty());
    }

    void readsTrackingAsPythonWroteIt()
    {
        ES_REQUIRE_POSTGRES();
        ScratchDatabase db(QStringLiteral("es_compat"));
        QVERIFY(loadReference(db));
        const QByteArray text
            = es::test::readFile(es::test::fixture(QStringLiteral("worlds-counters.counters_tracking.json")));
        const es::json::Value tracking
            = es::json::Value::parse(std::string_view(text.constData(), size_t(text.size())));
        QVERIFY(tracking.isArray());
        QStringList expectedRows;
        qint64 expectedMax = 0;
        for (const es::json::Value &row : tracking.array()) {
            expectedRows << QStringLiteral("%1 | %2")
                                .arg(row.array().at(0).toQString())
                                .arg(row.array().at(1).toInteger());
            expectedMax = std::max(expectedMax, static_cast<qint64>(row.array().at(1).toInteger()));
        }
        QCOMPARE(expectedRows.size(), 65);

        auto recorder = es::test::postgresFactory(QStringLiteral("Counters"), db)->processRecorder();
        QCOMPARE(recorder->maxTrackingId(QStringLiteral("WorldsApplication")), expectedMax);
        QCOMPARE(recorder->maxTrackingId(QStringLiteral("Nobody")), qint64(0));

        AdminConnection admin(db);
        QVERIFY2(admin.isOpen(), qPrintable(admin.error()));
        const QStringList rows
            = admin.rows(QStringLiteral("SELECT application_name, notification_id FROM counters_tracking "
                                        "ORDER BY application_name, notification_id"));
        QVERIFY2(admin.error().isEmpty(), qPrintable(admin.error()));
        QCOMPARE(rows, expectedRows);

        // A process event of the C++ side continues where Python stopped: the next position is
        // recorded, the one Python recorded already is a conflict.
        es::StoredEvent e {es::uuid::v4(), 1, QStringLiteral("worldsystem:Counter.Created"),
                           QByteArrayLiteral("{}")};
        const es::Tracking next {QStringLiteral("WorldsApplication"), expectedMax + 1};
        const auto ids = recorder->insertEvents({e}, &next);
        QCOMPARE(ids, std::vector<qint64> {66});
        QCOMPARE(recorder->maxTrackingId(QStringLiteral("WorldsApplication")), expectedMax + 1);
        es::StoredEvent again {es::uuid::v4(), 1, QStringLiteral("worldsystem:Counter.Created"),
                               QByteArrayLiteral("{}")};
        QVERIFY_THROWS_EXCEPTION(es::IntegrityError, recorder->insertEvents({again}, &next));
        QCOMPARE(recorder->maxNotificationId(), qint64(66));
    }

    void createsTheSchemaPythonCreated()
    {
        ES_REQUIRE_POSTGRES();
        ScratchDatabase reference(QStringLiteral("es_compat_ref"));
        QVERIFY(loadReference(reference));
        ScratchDatabase ours(QStringLiteral("es_compat_ours"));
        QVERIFY2(ours.isValid(), qPrintable(ours.error()));

        auto worlds = es::test::postgresFactory(QStringLiteral("WorldsApplication"), ours);
        worlds->applicationRecorder();
        auto counters = es::test::postgresFactory(QStringLiteral("Counters"), ours);
        counters->processRecorder();

        const QStringList tables {QStringLiteral("worldsapplication_events"),
                                  QStringLiteral("counters_events"), QStringLiteral("counters_tracking")};
        AdminConnection refAdmin(reference);
        AdminConnection ourAdmin(ours);
        QVERIFY2(refAdmin.isOpen(), qPrintable(refAdmin.error()));
        QVERIFY2(ourAdmin.isOpen(), qPrintable(ourAdmin.error()));
        const QStringList expected = describeSchema(refAdmin, tables);
        const QStringList actual = describeSchema(ourAdmin, tables);
        QVERIFY2(refAdmin.error().isEmpty(), qPrintable(refAdmin.error()));
        QVERIFY2(ourAdmin.error().isEmpty(), qPrintable(ourAdmin.error()));
        // Sanity: the description has what matters.
        QVERIFY(expected.contains(
            QStringLiteral("column worldsapplication_events | 5 | notification_id | bigint | NO | "
                           "nextval('worldsapplication_events_notification_id_seq'::regclass) | NO")));
        QVERIFY(expected.contains(QStringLiteral("options counters_events | autovacuum_enabled=false")));
        QVERIFY(expected.contains(QStringLiteral("options counters_tracking | <none>")));
        QVERIFY(expected.contains(
            QStringLiteral("index worldsapplication_events | worldsapplication_events_notification_id_idx | "
                           "CREATE UNIQUE INDEX "
                           "worldsapplication_events_notification_id_idx ON public.worldsapplication_events "
                           "USING btree (notification_id)")));
        QVERIFY(expected.contains(QStringLiteral("constraint counters_tracking | counters_tracking_pkey | p "
                                                 "| PRIMARY KEY (application_name, notification_id)")));
        QCOMPARE(actual, expected);

        // A second factory finds the tables there (CREATE ... IF NOT EXISTS) and changes nothing.
        es::test::postgresFactory(QStringLiteral("Counters"), ours)->processRecorder();
        QCOMPARE(describeSchema(ourAdmin, tables), expected);

        // Snapshots (not in the dump): Python's events table without the notification log.
        es::test::postgresFactory(QStringLiteral("WorldsApplication"), ours)
            ->aggregateRecorder(QStringLiteral("snapshots"));
        const QStringList snapshots
            = describeSchema(ourAdmin, {QStringLiteral("worldsapplication_snapshots")});
        const QStringList expectedSnapshots {
            QStringLiteral(
                "column worldsapplication_snapshots | 1 | originator_id | uuid | NO | <none> | NO"),
            QStringLiteral(
                "column worldsapplication_snapshots | 2 | originator_version | bigint | NO | <none> | NO"),
            QStringLiteral("column worldsapplication_snapshots | 3 | topic | text | YES | <none> | NO"),
            QStringLiteral("column worldsapplication_snapshots | 4 | state | bytea | YES | <none> | NO"),
            QStringLiteral(
                "index worldsapplication_snapshots | worldsapplication_snapshots_pkey | CREATE UNIQUE INDEX "
                "worldsapplication_snapshots_pkey ON public.worldsapplication_snapshots USING btree "
                "(originator_id, originator_version)"),
            QStringLiteral(
                "constraint worldsapplication_snapshots | worldsapplication_snapshots_pkey | p | PRIMARY KEY "
                "(originator_id, originator_version)"),
            QStringLiteral("options worldsapplication_snapshots | autovacuum_enabled=false"),
        };
        // The sequences and ownership lines describe the whole database; compare the table's own.
        QStringList own;
        for (const QString &fact : snapshots)
            if (!fact.startsWith(QLatin1String("sequence ")) && !fact.startsWith(QLatin1String("owned-by ")))
                own << fact;
        QCOMPARE(own, expectedSnapshots);
    }
};

QTEST_GUILESS_MAIN(TestPostgresCompat)
#include "tst_postgres_compat.moc"
