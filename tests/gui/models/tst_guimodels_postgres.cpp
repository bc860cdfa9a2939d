// The inspector's models on the PostgreSQL reference store (Python's worlds/counters system loaded
// from its dump into a scratch database): both applications with their counts, the catalogue and
// the log reaching every record once, the follower's tracking with lag 0 — every model under
// QAbstractItemModelTester (Fatal). Opening the store (which can take seconds) happens in the worker.
#include "es/inspect/knowntypes.h"
#include "fixtures.h"
#include "models/applicationsmodel.h"
#include "models/cataloguemodel.h"
#include "models/logmodel.h"
#include "models/trackingmodel.h"
#include "modeltesting.h"
#include "postgres.h"
#include "worlds/worlds.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrl>
#include <QtTest>

using namespace es::gui;
using es::test::fetchAll;
using es::test::waitIdle;
using Tester = QAbstractItemModelTester;

namespace {
const auto Fatal = QAbstractItemModelTester::FailureReportingMode::Fatal;

struct Expected
{
    int events = 0;
    QSet<QString> aggregates;
};

Expected expectedOf(const QString &jsonl)
{
    Expected e;
    for (const QByteArray &line : es::test::jsonlLines(es::test::fixture(jsonl))) {
        ++e.events;
        e.aggregates.insert(
            QJsonDocument::fromJson(line).object().value(QStringLiteral("originator_id")).toString());
    }
    return e;
}
} // namespace

class TestGuiModelsPostgres : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<es::test::ScratchDatabase> m_db;
    QString m_url;

private slots:
    void initTestCase()
    {
        ES_REQUIRE_FIXTURES();
        ES_REQUIRE_POSTGRES();
        es::registerAggregate<worlds::World>();
        es::registerAggregate<worlds::Counter>();
        m_db = std::make_unique<es::test::ScratchDatabase>(QStringLiteral("es_guimodels"));
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QString error;
        QVERIFY2(m_db->loadDump(es::test::fixture(QStringLiteral("worlds-counters.postgres.sql")), &error),
                 qPrintable(error));
        m_url = es::test::postgresUrl(m_db->params(), m_db->params().password);
    }

    void cleanupTestCase() { m_db.reset(); }

    void modelsOnThePostgresStore()
    {
        QString error;
        auto session = es::test::openSession(m_url, &error);
        QVERIFY2(session, qPrintable(error));
        const Expected worlds = expectedOf(QStringLiteral("worlds-counters.worldsapplication_events.jsonl"));
        const Expected counters = expectedOf(QStringLiteral("worlds-counters.counters_events.jsonl"));

        ApplicationsModel apps(session.get());
        Tester appsTester(&apps, Fatal);
        QCOMPARE(apps.rowCount(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(apps.allCountsKnown(), 20000);
        const int w = apps.rowOf(QStringLiteral("worldsapplication"));
        const int c = apps.rowOf(QStringLiteral("counters"));
        QVERIFY(w >= 0 && c >= 0);
        QCOMPARE(apps.counts(w)->events, worlds.events);
        QCOMPARE(apps.counts(c)->events, counters.events);
        QCOMPARE(apps.counts(w)->aggregates, worlds.aggregates.size());
        QCOMPARE(apps.counts(c)->aggregates, counters.aggregates.size());

        for (const auto &[app, expected] : {std::pair {QStringLiteral("worldsapplication"), worlds},
                                            std::pair {QStringLiteral("counters"), counters}}) {
            CatalogueModel catalogue(session.get());
            Tester catalogueTester(&catalogue, Fatal);
            catalogue.setPageSize(2);
            catalogue.setApplication(app);
            QVERIFY(fetchAll(catalogue));
            QSet<QString> ids;
            for (int r = 0; r < catalogue.rowCount(); ++r)
                ids.insert(catalogue.index(r, 0).data().toString());
            QCOMPARE(catalogue.rowCount(), expected.aggregates.size());
            QCOMPARE(ids, expected.aggregates);

            LogModel log(session.get());
            Tester logTester(&log, Fatal);
            log.setPageSize(7);
            log.setApplication(app);
            QVERIFY(fetchAll(log));
            QList<qint64> got;
            for (int r = 0; r < log.rowCount(); ++r)
                if (log.record(r))
                    got << log.idAt(r);
            QCOMPARE(got.size(), expected.events);
            QCOMPARE(QSet<qint64>(got.begin(), got.end()).size(), expected.events);
            QVERIFY(std::is_sorted(got.begin(), got.end()));
            for (int r = 0; r < log.rowCount(); ++r)
                if (log.record(r))
                    QCOMPARE(log.index(r, 0).data(ProblemRole).toString(), QString());
            QSignalSpy positioned(&log, &LogModel::positioned);
            log.jumpToLast();
            QTRY_COMPARE_WITH_TIMEOUT(positioned.count(), 1, 10000);
            QCOMPARE(log.idAt(positioned.at(0).at(0).toInt()), got.last());
        }

        TrackingModel tracking(session.get());
        Tester trackingTester(&tracking, Fatal);
        QVERIFY(waitIdle(tracking));
        QTRY_COMPARE_WITH_TIMEOUT(tracking.rowCount(), 1, 10000);
        QCOMPARE(tracking.index(0, TrackingModel::FollowerColumn).data().toString(),
                 QStringLiteral("counters"));
        QCOMPARE(tracking.index(0, TrackingModel::UpstreamColumn).data().toString().toLower(),
                 QStringLiteral("worldsapplication"));
        QCOMPARE(tracking.index(0, TrackingModel::LagColumn).data().toLongLong(), 0);
        QCOMPARE(tracking.index(0, TrackingModel::UpstreamLastColumn).data().toLongLong(), worlds.events);
    }

    void wrongPasswordArrivesAsASignal()
    {
        StoreSession session;
        QSignalSpy failed(&session, &StoreSession::openFailed);
        session.open(es::test::postgresUrl(m_db->params(), QStringLiteral("certainly-not-the-password")));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
        QVERIFY(!failed.at(0).at(0).toString().isEmpty());
        QVERIFY(!failed.at(0).at(0).toString().contains(QStringLiteral("certainly-not-the-password")));
    }
};

QTEST_MAIN(TestGuiModelsPostgres)
#include "tst_guimodels_postgres.moc"
