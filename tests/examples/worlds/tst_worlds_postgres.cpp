// The Counters of the PostgreSQL reference system (worlds-counters.postgres.sql, written by Python's
// eventsourcing 9.1.6) report worlds-counters.counts.json when the C++ Counters application is
// constructed on that database as Python's was (same application names, so the same
// counters_…/worldsapplication_… tables). The C++ system started on top of it continues from the
// Python-written tracking position: a new world command gives exactly one new count, nothing is
// processed again, and the new records have the shapes (keys in order, "_type_" names) of Python's
// records of their topics.
#include "examplestores.h"
#include "postgres.h"
#include "referencestore.h"
#include "worlds/worlds.h"

#include <QtTest>
#include <map>

using es::test::examples::describeShapes;
using es::test::examples::parseJson;
using es::test::examples::StoreRow;

namespace {

std::map<QString, qint64> countsOf(worlds::Counters &counters, const std::map<QString, qint64> &expected)
{
    std::map<QString, qint64> out;
    for (const auto &[what, n] : expected)
        out[what] = counters.count(what);
    return out;
}

// The records of an application with notification ids in [first, last], as StoreRows.
std::vector<StoreRow> rowsOf(es::Application &app, qint64 first, qint64 last)
{
    std::vector<StoreRow> rows;
    for (const es::Notification &n : app.recorder().selectNotifications(first, last - first + 1))
        rows.push_back({QStringLiteral("stored_events"), n.originatorVersion, n.topic, n.state});
    return rows;
}

} // namespace

class TestWorldsPostgres : public QObject
{
    Q_OBJECT

private slots:
    void countersOfThePythonSystem()
    {
        ES_REQUIRE_FIXTURES();
        ES_REQUIRE_POSTGRES();
        try {
            countersOfThePythonSystemBody();
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }

private:
    void countersOfThePythonSystemBody()
    {
        es::test::ScratchDatabase db(QStringLiteral("es_worlds"));
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QString error;
        QVERIFY2(db.loadDump(es::test::fixture(QStringLiteral("worlds-counters.postgres.sql")), &error),
                 qPrintable(error));
        // Python's system: both applications in one PostgreSQL database.
        const es::EnvMap env = es::test::postgresVariables(db);

        std::map<QString, qint64> expected;
        qint64 total = 0;
        const es::json::Value counts
            = parseJson(es::test::readFile(es::test::fixture(QStringLiteral("worlds-counters.counts.json"))));
        for (const auto &m : counts.members()) {
            expected[QString::fromStdString(m.first)] = m.second.toInteger();
            total += m.second.toInteger();
        }
        QCOMPARE(expected.size(), size_t(5));
        QCOMPARE(total, qint64(60)); // 60 operations on 5 worlds

        // Python's tracking position: every notification of WorldsApplication (5 worlds + 60).
        const QByteArray trackingText
            = es::test::readFile(es::test::fixture(QStringLiteral("worlds-counters.counters_tracking.json")));
        const es::json::Value tracking = parseJson(trackingText);
        QCOMPARE(tracking.size(), size_t(65));
        qint64 tracked = 0;
        for (const es::json::Value &row : tracking.array())
            tracked = std::max<qint64>(tracked, row.array().at(1).toInteger());
        QCOMPARE(tracked, qint64(65));
        const qint64 counterEvents
            = qint64(es::test::readJsonLines(QStringLiteral("worlds-counters.counters_events.jsonl")).size());

        // The C++ Counters alone on Python's tables.
        {
            worlds::Counters counters(env);
            QCOMPARE(countsOf(counters, expected), expected);
            QCOMPARE(counters.processRecorder().maxTrackingId(QStringLiteral("WorldsApplication")), tracked);
            QCOMPARE(counters.recorder().maxNotificationId(), counterEvents);
        }

        // The C++ system on top: it starts where Python's Counters stopped.
        es::SingleThreadedRunner runner(worlds::makeSystem(), env);
        runner.start();
        auto &app = runner.get<worlds::WorldsApplication>();
        auto &counters = runner.get<worlds::Counters>();
        QCOMPARE(app.recorder().maxNotificationId(), tracked);
        QCOMPARE(counters.recorder().maxNotificationId(), counterEvents); // nothing processed again
        QCOMPARE(countsOf(counters, expected), expected);

        const QString what = QStringLiteral("rain");
        const QUuid world = app.createWorld();
        app.makeItSo(world, what);
        QCOMPARE(app.history(world), QStringList {what});
        QCOMPARE(app.recorder().maxNotificationId(), tracked + 2);
        QCOMPARE(counters.processRecorder().maxTrackingId(QStringLiteral("WorldsApplication")), tracked + 2);

        // Exactly one new count: the rain counter's next version.
        const std::vector<es::Notification> added
            = counters.recorder().selectNotifications(counterEvents + 1, 100);
        QCOMPARE(added.size(), size_t(1));
        QCOMPARE(added[0].id, counterEvents + 1);
        QCOMPARE(added[0].topic, QStringLiteral("worldsystem:Counter.Incremented"));
        QCOMPARE(added[0].originatorId, worlds::Counter::createId(what));
        QCOMPARE(added[0].originatorVersion, expected[what] + 2); // created at 1, then each count
        std::map<QString, qint64> after = expected;
        ++after[what];
        QCOMPARE(countsOf(counters, after), after);

        // Our new records are shaped as Python's records of their topics, keys in the same order.
        struct Written
        {
            es::Application *app;
            qint64 first; // the first notification the C++ system wrote
            int count;
        };
        for (const Written &w : {Written {&app, tracked + 1, 2}, Written {&counters, counterEvents + 1, 1}}) {
            QStringList errors;
            const auto python
                = es::test::examples::shapesByTopic(rowsOf(*w.app, 1, w.first - 1), nullptr, &errors);
            const std::vector<StoreRow> ourRows = rowsOf(*w.app, w.first, w.first + 100);
            QCOMPARE(int(ourRows.size()), w.count);
            const auto ours = es::test::examples::shapesByTopic(ourRows, nullptr, &errors);
            QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
            QCOMPARE(ours.size(), size_t(w.count)); // a topic per record here
            for (const auto &[topic, shapes] : ours) {
                const auto p = python.find(topic);
                QVERIFY2(p != python.end(), qPrintable(QStringLiteral("topic Python never wrote: ") + topic));
                QVERIFY2(shapes == p->second,
                         qPrintable(QStringLiteral("%1\n  ours:   %2\n  Python: %3")
                                        .arg(topic, describeShapes(shapes), describeShapes(p->second))));
            }
        }
        runner.stop();
    }
};

QTEST_GUILESS_MAIN(TestWorldsPostgres)
#include "tst_worlds_postgres.moc"
