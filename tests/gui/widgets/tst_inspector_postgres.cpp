// The Event Store Inspector's main window on PostgreSQL: the Python-written worlds/counters dump
// loaded into a scratch database shows its two applications with their counts, the Counters follower's
// position in WorldsApplication with lag 0 on the Tracking page, and a Counter's state rebuilt; a wrong
// password and an unreachable server fail with their reason while the open tab stays. Screenshots:
// inspector-tracking.png, inspector-applications-postgres.png. Run through tests/support/with-postgres.sh.
#include "appsettings.h"
#include "dialogs/connectiondialog.h"
#include "inspectortesting.h"
#include "models/logmodel.h"
#include "models/trackingmodel.h"
#include "postgres.h"
#include "widgets/applicationspage.h"
#include "widgets/logpage.h"
#include "widgets/recordtable.h"
#include "widgets/startpage.h"
#include "widgets/trackingpage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTcpServer>
#include <QUrl>
#include <QtTest>

using namespace es::test;

class TestInspectorPostgres : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settings;

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        isolateInspector(m_settings.path());
    }

    void worldsAndCountersWithTracking()
    {
        ES_REQUIRE_FIXTURES();
        ES_REQUIRE_POSTGRES();
        ScratchDatabase db(QStringLiteral("es_inspector"));
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QString error;
        QVERIFY2(db.loadDump(fixture(QStringLiteral("worlds-counters.postgres.sql")), &error),
                 qPrintable(error));
        const int worldsEvents = static_cast<int>(
            jsonlLines(fixture(QStringLiteral("worlds-counters.worldsapplication_events.jsonl"))).size());
        const int countersEvents = static_cast<int>(
            jsonlLines(fixture(QStringLiteral("worlds-counters.counters_events.jsonl"))).size());
        const QJsonArray tracking
            = QJsonDocument::fromJson(
                  readFile(fixture(QStringLiteral("worlds-counters.counters_tracking.json"))))
                  .array();
        qint64 position = 0;
        for (const QJsonValue &row : tracking)
            position = std::max<qint64>(position, row.toArray().at(1).toInteger());

        MainWindow window(false);
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // File ▸ Open PostgreSQL Database…: the connection dialog, filled in and accepted.
        whenModal<ConnectionDialog>([&](ConnectionDialog *dialog) {
            const PostgresParams &p = db.params();
            dialog->findChild<QLineEdit *>(QStringLiteral("host"))->setText(p.host);
            dialog->findChild<QSpinBox *>(QStringLiteral("port"))->setValue(p.port);
            dialog->findChild<QLineEdit *>(QStringLiteral("database"))->setText(p.dbname);
            dialog->findChild<QLineEdit *>(QStringLiteral("user"))->setText(p.user);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("password")), p.password);
            dialog->accept();
        });
        window.action(QStringLiteral("openPostgres"))->trigger();
        QCOMPARE(window.storeCount(), 1);
        StoreTab *tab = window.currentStore();
        QVERIFY(tab);
        QTRY_VERIFY_WITH_TIMEOUT(tab->state() != StoreTab::State::Opening, 30000);
        QVERIFY2(tab->state() == StoreTab::State::Open, qPrintable(tab->errorMessage()));
        QVERIFY2(QUrl(tab->displayUrl()).password().isEmpty(), "the password is never shown");
        QVERIFY(QUrl(window.tabs()->tabToolTip(window.tabs()->indexOf(tab))).password().isEmpty());
        auto *apps = tab->applicationsModel();
        QCOMPARE(apps->rowCount(), 2);
        QVERIFY(waitCounts(tab));
        using AM = es::gui::ApplicationsModel;
        const int counters = apps->rowOf(QStringLiteral("counters"));
        const int worlds = apps->rowOf(QStringLiteral("worldsapplication"));
        QVERIFY(counters >= 0 && worlds >= 0);
        QCOMPARE(apps->index(counters, AM::EventsColumn).data().toString(), QString::number(countersEvents));
        QCOMPARE(apps->index(worlds, AM::EventsColumn).data().toString(), QString::number(worldsEvents));
        QVERIFY(waitSessionIdle(tab));
        tab->applicationsPage()->table()->fitColumns();
        QVERIFY(!screenshot(&window, QStringLiteral("applications-postgres")).isEmpty());

        // Tracking: Counters follows WorldsApplication, caught up.
        window.action(QStringLiteral("page5"))->trigger(); // Alt+6
        QCOMPARE(tab->currentPageIndex(), StoreTab::TrackingView);
        auto *model = tab->trackingPage()->model();
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() > 0, 30000);
        QCOMPARE(model->rowCount(), 1);
        const auto *row = model->rowAt(0);
        QCOMPARE(row->follower.toLower(), QStringLiteral("counters"));
        QCOMPARE(row->position.upstream, QStringLiteral("WorldsApplication"));
        QCOMPARE(row->position.position, position);
        QVERIFY(row->position.lag.has_value());
        QCOMPARE(*row->position.lag, 0);
        QCOMPARE(model->index(0, es::gui::TrackingModel::LagColumn).data().toString(), QStringLiteral("0"));
        QVERIFY(waitSessionIdle(tab));
        QVERIFY(!screenshot(&window, QStringLiteral("tracking")).isEmpty());

        // The log of the leader reads to its end.
        tab->setApplication(QStringLiteral("worldsapplication"));
        tab->showPage(StoreTab::LogView);
        auto *log = tab->logPage()->model();
        QVERIFY(fetchAll(*log));
        QCOMPARE(log->lastLogId(), static_cast<qint64>(worldsEvents));

        // A wrong password and a server that is not there fail in their own tabs; this one stays. (The
        // same URL with another password would show the open tab: another user makes another store.)
        PostgresParams stranger = db.params();
        stranger.user = QStringLiteral("inspector_stranger");
        StoreTab *denied = openAndWait(
            window, es::test::postgresUrl(stranger, QStringLiteral("certainly-not-the-password")));
        QCOMPARE(denied->state(), StoreTab::State::Failed);
        QVERIFY2(denied->errorMessage().contains(QLatin1String("authentication"), Qt::CaseInsensitive)
                     || denied->errorMessage().contains(QLatin1String("password"), Qt::CaseInsensitive),
                 qPrintable(denied->errorMessage()));
        QVERIFY(!denied->errorLabel()->text().contains(QLatin1String("certainly-not")));
        QVERIFY(!screenshot(&window, QStringLiteral("open-error-postgres")).isEmpty());

        // Mended in the connection dialog, filled in from the failed store: the right user and password
        // open it, in place of the failed tab.
        QString prefilledUser;
        whenModal<ConnectionDialog>([&](ConnectionDialog *dialog) {
            prefilledUser = dialog->connection().user;
            QCOMPARE(dialog->connection().database, db.params().dbname);
            dialog->findChild<QLineEdit *>(QStringLiteral("user"))->setText(db.params().user);
            QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("password")),
                             db.params().password);
            dialog->accept();
        });
        auto *edit = denied->findChild<QPushButton *>(QStringLiteral("editConnection"));
        QVERIFY(edit && edit->isVisible());
        QPointer<StoreTab> replaced(denied);
        edit->click();
        QCOMPARE(prefilledUser, QStringLiteral("inspector_stranger"));
        QTRY_VERIFY(replaced.isNull());
        // The same store as the first tab: shown there, not opened twice.
        QCOMPARE(window.storeCount(), 1);
        QCOMPARE(window.currentStore(), tab);
        denied = openAndWait(window,
                             es::test::postgresUrl(stranger, QStringLiteral("certainly-not-the-password")));
        QCOMPARE(denied->state(), StoreTab::State::Failed);

        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 closedPort = probe.serverPort();
        probe.close();
        PostgresParams nowhere = db.params();
        nowhere.port = closedPort;
        es::inspect::OpenOptions quick;
        quick.connectTimeoutSeconds = 3;
        StoreTab *unreachable = openAndWait(window, es::test::postgresUrl(nowhere, nowhere.password), quick);
        QCOMPARE(unreachable->state(), StoreTab::State::Failed);
        QVERIFY(!unreachable->errorMessage().isEmpty());
        QCOMPARE(window.storeCount(), 3);
        QCOMPARE(tab->state(), StoreTab::State::Open);

        // The recent store has no password; opened from the start page, it gets the session's.
        const QString recent = AppSettings::recentStores().value(0);
        QVERIFY2(recent.startsWith(QLatin1String("postgresql://")) && QUrl(recent).password().isEmpty(),
                 qPrintable(recent));
        while (window.storeCount() > 0)
            window.closeStore(0);
        QVERIFY(window.startPage()->isVisible());
        QListWidget *list = window.startPage()->recentList();
        QCOMPARE(list->item(0)->data(Qt::UserRole).toString(), recent);
        list->setFocus();
        list->setCurrentRow(0);
        QTest::keyClick(list, Qt::Key_Return);
        QTRY_COMPARE(window.storeCount(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(window.currentStore()->state() != StoreTab::State::Opening, 30000);
        QVERIFY2(window.currentStore()->state() == StoreTab::State::Open,
                 qPrintable(window.currentStore()->errorMessage()));
    }
};

QTEST_MAIN(TestInspectorPostgres)
#include "tst_inspector_postgres.moc"
